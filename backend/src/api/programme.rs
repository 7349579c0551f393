//! The programme: passport, envelope against allocations, directions and tasks.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::plan;
use actix_web::web::Json;
use shared::api::endpoints as ep;
use shared::api::programme::ProgrammeOverview;

#[utoipa::path(get, path = ep::PROGRAMME.path, tag = "programme",
    responses((status = 200, body = ProgrammeOverview), (status = 401, body = shared::ApiErrorBody)))]
pub async fn overview(state: State, _user: CurrentUser) -> AppResult<Json<ProgrammeOverview>> {
    Ok(Json(call(&state, plan::overview).await?))
}
