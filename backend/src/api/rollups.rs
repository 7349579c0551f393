//! `GET /api/rollups/{level}`: budget roll-ups by programme, direction, task, org or district.

use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::state::{db, State};
use actix_web::{get, web};
use shared::api::rollup::{Rollup, RollupLevel};
use shared::ErrorCode;

#[utoipa::path(tag = "rollups",
    params(("level" = String, Path, description = "programme | direction | task | org | district")),
    responses((status = 200, body = Rollup), (status = 404, body = shared::ApiErrorBody)))]
#[get("/rollups/{level}")]
pub async fn rollup(
    state: State,
    _user: CurrentUser,
    level: web::Path<String>,
) -> ApiResult<web::Json<Rollup>> {
    let level =
        RollupLevel::parse(&level).ok_or_else(|| ApiError::field(ErrorCode::NotFound, "level"))?;
    let s = db(&state, |conn, st| st.snapshot(conn)).await?;
    Ok(web::Json(s.rollup(level)))
}
