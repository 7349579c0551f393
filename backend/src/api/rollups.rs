//! Budget roll-ups by programme, direction, task, organisation or district.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::{AppError, AppResult};
use crate::app::plan;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::rollup::{Rollup, RollupLevel};
use shared::ErrorCode;

#[utoipa::path(get, path = ep::ROLLUP.path, tag = "rollups",
    params(("level" = RollupLevel, Path, description = "programme | direction | task | org | district")),
    responses((status = 200, body = Rollup), (status = 404, body = shared::ApiErrorBody)))]
pub async fn rollup(
    state: State,
    _user: CurrentUser,
    level: web::Path<String>,
) -> AppResult<web::Json<Rollup>> {
    let level =
        RollupLevel::parse(&level).ok_or_else(|| AppError::field(ErrorCode::NotFound, "level"))?;
    Ok(web::Json(
        call(&state, move |app| plan::rollup(app, level)).await?,
    ))
}
