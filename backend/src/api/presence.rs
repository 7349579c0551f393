//! Presence on a measure: heartbeats from open pages, and who is there now.

use crate::db::{self, DbConn};
use crate::error::ApiResult;
use crate::extract::{CurrentUser, ValidJson};
use crate::state::{db as run_db, State};
use actix_web::{delete, get, post, web, HttpResponse};
use shared::api::events::LiveEventKind;
use shared::api::presence::{PresenceBeat, Viewer, PRESENT_FOR_SECS};
use shared::{ErrorCode, OrgId, UserId};

fn viewers(conn: &mut DbConn, measure: i32) -> ApiResult<Vec<Viewer>> {
    let fresh_since = db::now_ms() - i64::from(PRESENT_FOR_SECS) * 1000;
    Ok(db::presence::on_measure(conn, measure, fresh_since)?
        .into_iter()
        .map(|p| Viewer {
            user_id: UserId(p.user_id),
            name: p.user_name,
            org_id: p.org_id.map(OrgId),
            editing: p.editing,
            seen_at: p.seen_at,
        })
        .collect())
}

/// The measure's organisation, if this user may read it.
fn readable(
    conn: &mut DbConn,
    st: &crate::state::AppState,
    user: &CurrentUser,
    id: i32,
) -> ApiResult<i32> {
    let structure = st.structure(conn)?;
    let m = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    if user.actor.can_read_org(&structure, OrgId(m.org_id)) {
        Ok(m.org_id)
    } else {
        Err(ErrorCode::Forbidden.into())
    }
}

#[utoipa::path(tag = "presence", params(("id" = i32, Path)), request_body = PresenceBeat,
    responses((status = 200, body = Vec<Viewer>), (status = 403, body = shared::ApiErrorBody)))]
#[post("/measures/{id}/presence")]
pub async fn beat(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<PresenceBeat>,
) -> ApiResult<web::Json<Vec<Viewer>>> {
    let id = id.into_inner();
    let present = run_db(&state, move |conn, st| {
        let org = readable(conn, st, &user, id)?;
        let now = db::now_ms();
        let before = db::presence::upsert(
            conn,
            &db::presence::PresenceRow {
                measure_id: id,
                user_id: user.user.id,
                user_name: user.user.display_name.clone(),
                org_id: user.user.org_id,
                editing: body.editing,
                seen_at: now,
            },
        )?;
        let stale = i64::from(PRESENT_FOR_SECS) * 1000;
        let changed = before.is_none_or(|b| b.editing != body.editing || now - b.seen_at > stale);
        if changed {
            st.live.publish(
                conn,
                crate::services::live::measure_event(
                    LiveEventKind::PresenceChanged,
                    id,
                    org,
                    &user.user.display_name,
                ),
            );
        }
        viewers(conn, id)
    })
    .await?;
    Ok(web::Json(present))
}

#[utoipa::path(tag = "presence", params(("id" = i32, Path)),
    responses((status = 200, body = Vec<Viewer>), (status = 403, body = shared::ApiErrorBody)))]
#[get("/measures/{id}/presence")]
pub async fn list(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<Vec<Viewer>>> {
    let id = id.into_inner();
    let present = run_db(&state, move |conn, st| {
        readable(conn, st, &user, id)?;
        viewers(conn, id)
    })
    .await?;
    Ok(web::Json(present))
}

#[utoipa::path(tag = "presence", params(("id" = i32, Path)), responses((status = 204)))]
#[delete("/measures/{id}/presence")]
pub async fn leave(state: State, user: CurrentUser, id: web::Path<i32>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    run_db(&state, move |conn, st| {
        let org = readable(conn, st, &user, id)?;
        if db::presence::remove(conn, id, user.user.id)? > 0 {
            st.live.publish(
                conn,
                crate::services::live::measure_event(
                    LiveEventKind::PresenceChanged,
                    id,
                    org,
                    &user.user.display_name,
                ),
            );
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
