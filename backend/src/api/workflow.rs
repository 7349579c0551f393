//! The approval route: whether a community's proposals and reports pass through its district.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::chain;
use crate::app::error::AppResult;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::proposals::WorkflowSettings;

#[utoipa::path(get, path = ep::WORKFLOW.path, tag = "proposals",
    responses((status = 200, body = WorkflowSettings)))]
pub async fn get(state: State, _user: CurrentUser) -> AppResult<web::Json<WorkflowSettings>> {
    Ok(web::Json(call(&state, chain::settings).await?))
}

#[utoipa::path(put, path = ep::WORKFLOW_SET.path, tag = "proposals", request_body = WorkflowSettings,
    responses((status = 200, body = WorkflowSettings), (status = 403, body = shared::ApiErrorBody)))]
pub async fn set(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<WorkflowSettings>,
) -> AppResult<web::Json<WorkflowSettings>> {
    Ok(web::Json(
        call(&state, move |app| {
            chain::set_settings(app, user.actor(), &body)
        })
        .await?,
    ))
}
