//! Indicators: the programme's performance indicators, readable by every signed-in user.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::state::{db as run_db, State};
use actix_web::{get, web};
use shared::api::indicators::IndicatorEntry;
use shared::ErrorCode;

fn entry(row: db::indicators::IndicatorRow) -> ApiResult<IndicatorEntry> {
    Ok(IndicatorEntry {
        indicator: serde_json::from_str(&row.definition).map_err(ApiError::internal)?,
        code: row.code,
        is_demo: row.is_demo,
        version: row.version,
    })
}

fn all(conn: &mut DbConn) -> ApiResult<Vec<IndicatorEntry>> {
    db::indicators::all(conn)?.into_iter().map(entry).collect()
}

#[utoipa::path(tag = "indicators", responses((status = 200, body = Vec<IndicatorEntry>)))]
#[get("/indicators")]
pub async fn list(state: State, _user: CurrentUser) -> ApiResult<web::Json<Vec<IndicatorEntry>>> {
    Ok(web::Json(run_db(&state, |conn, _| all(conn)).await?))
}

#[utoipa::path(tag = "indicators", params(("id" = i32, Path)),
    responses((status = 200, body = IndicatorEntry), (status = 404, body = shared::ApiErrorBody)))]
#[get("/indicators/{id}")]
pub async fn get(
    state: State,
    _user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<IndicatorEntry>> {
    let id = id.into_inner();
    let e = run_db(&state, move |conn, _| {
        entry(db::indicators::find(conn, id)?.ok_or(ErrorCode::NotFound)?)
    })
    .await?;
    Ok(web::Json(e))
}
