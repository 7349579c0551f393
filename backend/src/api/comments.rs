//! Comments on measures: anyone who may read a measure may read and add to its thread.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change, Who};
use crate::services::inbox;
use crate::services::structure::Structure;
use crate::state::{db as run_db, State};
use actix_web::{get, post, web, HttpResponse};
use shared::api::audit::AuditAction;
use shared::api::comments::{Comment, NewComment};
use shared::api::events::LiveEventKind;
use shared::api::inbox::NotificationKind;
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

/// The measure's organisation, if this user may read it.
fn readable_measure(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<OrgId> {
    let m = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    let org = OrgId(m.org_id);
    if user.actor.can_read_org(structure, org) {
        Ok(org)
    } else {
        Err(ErrorCode::Forbidden.into())
    }
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
    let id = id.into_inner();
    let comments = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        readable_measure(conn, &structure, &user, id)?;
        Ok(db::comments::for_entity(conn, "measure", id)?
            .into_iter()
            .map(to_comment)
            .collect())
    })
    .await?;
    Ok(web::Json(comments))
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
    body.validate()?;
    let id = id.into_inner();
    let comment = run_db(&state, move |conn, st| {
        let structure = st.structure(conn)?;
        let org = readable_measure(conn, &structure, &user, id)?;
        if let Some(parent) = body.parent_id {
            let same_thread = db::comments::find(conn, parent)?
                .is_some_and(|p| p.entity == "measure" && p.entity_id == id);
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
                    entity: "measure",
                    entity_id: id,
                    parent_id: body.parent_id,
                    author_id: user.user.id,
                    author_name: &user.user.display_name,
                    body: text,
                    created_at: db::now_ms(),
                },
            )?;
            let row = db::comments::find(conn, new_id)?.ok_or(ErrorCode::NotFound)?;
            inbox::notify_org(conn, &user, NotificationKind::Comment, id, org.0, text)?;
            let comment = to_comment(row);
            audit::record(
                conn,
                &Who::from(&user),
                Change {
                    action: AuditAction::CommentAdded,
                    entity: "measure",
                    entity_id: Some(id),
                    subject_org: Some(org.0),
                    before: None::<&Comment>,
                    after: Some(&comment),
                },
            )?;
            Ok(comment)
        })?;
        st.live.publish(
            conn,
            LiveEventKind::CommentAdded,
            id,
            org.0,
            &user.user.display_name,
        );
        Ok(comment)
    })
    .await?;
    Ok(HttpResponse::Created().json(comment))
}
