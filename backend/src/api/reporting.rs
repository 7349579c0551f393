//! Reporting settings (the early reminder's lead, the comment rule) and running the reminder pass on demand.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::reports::{reminders, settings};
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::reports::{RemindersRun, ReportingSettings};

#[utoipa::path(get, path = ep::REPORTING_SETTINGS.path, tag = "reporting",
    responses((status = 200, body = ReportingSettings)))]
pub async fn get(state: State, _user: CurrentUser) -> AppResult<web::Json<ReportingSettings>> {
    Ok(web::Json(call(&state, settings::get).await?))
}

#[utoipa::path(put, path = ep::REPORTING_SETTINGS_SET.path, tag = "reporting",
    request_body = ReportingSettings,
    responses((status = 200, body = ReportingSettings), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn set(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<ReportingSettings>,
) -> AppResult<web::Json<ReportingSettings>> {
    Ok(web::Json(
        call(&state, move |app| settings::set(app, user.actor(), &body)).await?,
    ))
}

#[utoipa::path(post, path = ep::REMINDERS_RUN.path, tag = "reporting",
    responses((status = 200, body = RemindersRun), (status = 403, body = shared::ApiErrorBody)))]
pub async fn run_reminders(state: State, user: CurrentUser) -> AppResult<web::Json<RemindersRun>> {
    Ok(web::Json(
        call(&state, move |app| reminders::run_now(app, user.actor())).await?,
    ))
}
