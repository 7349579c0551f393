//! `GET /api/inbox` and `POST /api/inbox/read`: the signed-in user's own inbox.

use crate::db;
use crate::error::ApiResult;
use crate::extract::{CurrentUser, ValidJson};
use crate::state::{db as run_db, State};
use actix_web::{get, post, web};
use shared::api::inbox::{Inbox, MarkRead, Notification, NotificationKind};
use shared::{MeasureId, OrgId};

const SHOWN: i64 = 50;

fn load(conn: &mut db::DbConn, user_id: i32) -> ApiResult<Inbox> {
    let items = db::notifications::latest(conn, user_id, SHOWN)?
        .into_iter()
        .filter_map(|n| {
            Some(Notification {
                id: n.id,
                kind: NotificationKind::parse(&n.kind)?,
                measure_id: n.measure_id.map(MeasureId),
                proposal_id: n.proposal_id.map(shared::api::proposals::ProposalId),
                period: n
                    .period
                    .as_deref()
                    .and_then(|p| shared::ReportPeriod::parse(p).ok()),
                org_id: OrgId(n.org_id),
                by: n.by_name,
                summary: n.summary,
                at: n.at,
                read: n.read_at.is_some(),
            })
        })
        .collect();
    Ok(Inbox {
        unread: db::notifications::unread_count(conn, user_id)?,
        items,
    })
}

#[utoipa::path(tag = "inbox", responses((status = 200, body = Inbox), (status = 401, body = shared::ApiErrorBody)))]
#[get("/inbox")]
pub async fn list(state: State, user: CurrentUser) -> ApiResult<web::Json<Inbox>> {
    let id = user.user.id;
    Ok(web::Json(
        run_db(&state, move |conn, _| load(conn, id)).await?,
    ))
}

#[utoipa::path(tag = "inbox", request_body = MarkRead, responses((status = 200, body = Inbox)))]
#[post("/inbox/read")]
pub async fn mark_read(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<MarkRead>,
) -> ApiResult<web::Json<Inbox>> {
    let id = user.user.id;
    let updated = run_db(&state, move |conn, _| {
        db::notifications::mark_read(conn, id, body.ids.as_deref(), db::now_ms())?;
        load(conn, id)
    })
    .await?;
    Ok(web::Json(updated))
}
