//! The territory and oblast executors with their planned measures.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::plan;
use actix_web::web::Json;
use shared::api::endpoints as ep;
use shared::api::orgs::OrgSummary;

#[utoipa::path(get, path = ep::ORGS.path, tag = "orgs",
    responses((status = 200, body = Vec<OrgSummary>), (status = 401, body = shared::ApiErrorBody)))]
pub async fn list(state: State, _user: CurrentUser) -> AppResult<Json<Vec<OrgSummary>>> {
    Ok(Json(call(&state, plan::orgs).await?))
}
