//! Comments on measures and proposals: anyone who may see the thing may read and add to its thread.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change, Who};
use crate::services::inbox;
use crate::services::live;
use crate::services::structure::Structure;
use crate::services::workflow;
use crate::state::{db as run_db, State};
use actix_web::{get, post, web, HttpResponse};
use shared::api::audit::AuditAction;
use shared::api::comments::{Comment, NewComment};
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
use shared::api::proposals::ProposalState;
use shared::{ErrorCode, OrgId, UserId};

fn to_comment(r: db::comments::CommentRow) -> Comment {
    Comment {
        id: r.id,
        parent_id: r.parent_id,
        author_id: UserId(r.author_id),
        author_name: r.author_name,
        body: r.body,
        created_at: r.created_at,
    }
}

/// What a thread hangs on.
#[derive(Debug, Clone, Copy)]
enum Thread {
    Measure(i32),
    Proposal(i32),
}

impl Thread {
    fn entity(self) -> &'static str {
        match self {
            Thread::Measure(_) => "measure",
            Thread::Proposal(_) => "proposal",
        }
    }

    fn id(self) -> i32 {
        match self {
            Thread::Measure(id) | Thread::Proposal(id) => id,
        }
    }
}

/// The organisation the thread belongs to, if this user may read it (and whether it is a draft).
fn readable(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    thread: Thread,
) -> ApiResult<(OrgId, bool)> {
    match thread {
        Thread::Measure(id) => {
            let m = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
            let org = OrgId(m.org_id);
            if user.actor.can_read_org(structure, org) {
                Ok((org, false))
            } else {
                Err(ErrorCode::Forbidden.into())
            }
        }
        Thread::Proposal(id) => {
            let (row, state) = workflow::visible(conn, structure, user, id)?;
            Ok((OrgId(row.org_id), state == ProposalState::Draft))
        }
    }
}

async fn list_for(
    state: State,
    user: CurrentUser,
    thread: Thread,
) -> ApiResult<web::Json<Vec<Comment>>> {
    let comments = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        readable(conn, &structure, &user, thread)?;
        Ok(
            db::comments::for_entity(conn, thread.entity(), thread.id())?
                .into_iter()
                .map(to_comment)
                .collect(),
        )
    })
    .await?;
    Ok(web::Json(comments))
}

async fn create_for(
    state: State,
    user: CurrentUser,
    thread: Thread,
    body: NewComment,
) -> ApiResult<HttpResponse> {
    body.validate()?;
    let comment = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let (org, draft) = readable(conn, &structure, &user, thread)?;
        if let Some(parent) = body.parent_id {
            let same_thread = db::comments::find(conn, parent)?
                .is_some_and(|p| p.entity == thread.entity() && p.entity_id == thread.id());
            if !same_thread {
                return Err(ApiError::field(
                    ErrorCode::CommentParentInvalid,
                    "parent_id",
                ));
            }
        }
        let comment = conn.write_tx(|conn| -> ApiResult<Comment> {
            let text = body.body.trim();
            let new_id = db::comments::insert(
                conn,
                &db::comments::NewComment {
                    entity: thread.entity(),
                    entity_id: thread.id(),
                    parent_id: body.parent_id,
                    author_id: user.user.id,
                    author_name: &user.user.display_name,
                    body: text,
                    created_at: db::now_ms(),
                },
            )?;
            let row = db::comments::find(conn, new_id)?.ok_or(ErrorCode::NotFound)?;
            match thread {
                Thread::Measure(id) => {
                    inbox::notify_org(conn, &user, NotificationKind::Comment, id, org.0, text)?
                }
                Thread::Proposal(id) => {
                    let users = db::notifications::coordinators_of(conn, org.0)?;
                    inbox::notify_users(
                        conn,
                        &user,
                        NotificationKind::ProposalComment,
                        &users,
                        inbox::About::Proposal(id),
                        org.0,
                        text,
                    )?
                }
            }
            let comment = to_comment(row);
            audit::record(
                conn,
                &Who::from(&user),
                Change {
                    action: AuditAction::CommentAdded,
                    entity: thread.entity(),
                    entity_id: Some(thread.id()),
                    subject_org: Some(org.0),
                    before: None::<&Comment>,
                    after: Some(&comment),
                },
            )?;
            Ok(comment)
        })?;
        let by = &user.user.display_name;
        let event = match thread {
            Thread::Measure(id) => live::measure_event(LiveEventKind::CommentAdded, id, org.0, by),
            Thread::Proposal(id) => {
                live::proposal_event(LiveEventKind::CommentAdded, id, org.0, draft, by)
            }
        };
        st.live.publish(conn, event);
        Ok(comment)
    })
    .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[utoipa::path(tag = "comments", params(("id" = i32, Path)),
    responses((status = 200, body = Vec<Comment>), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
#[get("/measures/{id}/comments")]
pub async fn list(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<Vec<Comment>>> {
    list_for(state, user, Thread::Measure(id.into_inner())).await
}

#[utoipa::path(tag = "comments", params(("id" = i32, Path)), request_body = NewComment,
    responses((status = 201, body = Comment), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[post("/measures/{id}/comments")]
pub async fn create(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<NewComment>,
) -> ApiResult<HttpResponse> {
    create_for(state, user, Thread::Measure(id.into_inner()), body).await
}

#[utoipa::path(tag = "comments", params(("id" = i32, Path)),
    responses((status = 200, body = Vec<Comment>), (status = 404, body = shared::ApiErrorBody)))]
#[get("/proposals/{id}/comments")]
pub async fn list_on_proposal(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<Vec<Comment>>> {
    list_for(state, user, Thread::Proposal(id.into_inner())).await
}

#[utoipa::path(tag = "comments", params(("id" = i32, Path)), request_body = NewComment,
    responses((status = 201, body = Comment), (status = 404, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[post("/proposals/{id}/comments")]
pub async fn create_on_proposal(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<NewComment>,
) -> ApiResult<HttpResponse> {
    create_for(state, user, Thread::Proposal(id.into_inner()), body).await
}
