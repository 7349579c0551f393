//! Reports: the reporting calendar, one report, saving its draft, and the steps of its way up.

use super::extract::{CurrentUser, ValidJson};
use super::{call, json, State};
use crate::app::error::AppResult;
use crate::app::reports::{self, calendar};
use actix_web::{web, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::reports::{Report, ReportCalendar, ReportQuery, ReportStepRequest, SaveReport};
use shared::calendar::PeriodKey;
use shared::chain::Action;
use shared::OrgId;

#[utoipa::path(get, path = ep::REPORTS.path, tag = "reports", params(ReportQuery),
    responses((status = 200, body = ReportCalendar), (status = 404, body = shared::ApiErrorBody)))]
pub async fn calendar(
    state: State,
    user: CurrentUser,
    query: web::Query<ReportQuery>,
) -> AppResult<HttpResponse> {
    let query = query.into_inner();
    Ok(json(
        call(&state, move |app| {
            calendar::calendar(app, user.actor(), &query)
        })
        .await?,
    ))
}

#[utoipa::path(get, path = ep::REPORT.path, tag = "reports",
    params(("org" = OrgId, Path), ("period" = String, Path, description = "2026-Q3, or 2026 for the year")),
    responses((status = 200, body = Report), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    path: web::Path<(OrgId, PeriodKey)>,
) -> AppResult<HttpResponse> {
    let (org, PeriodKey(period)) = path.into_inner();
    Ok(json(
        call(&state, move |app| {
            reports::get(app, user.actor(), org, period)
        })
        .await?,
    ))
}

#[utoipa::path(put, path = ep::REPORT_SAVE.path, tag = "reports",
    params(("org" = OrgId, Path), ("period" = String, Path)), request_body = SaveReport,
    responses((status = 200, body = Report), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn save(
    state: State,
    user: CurrentUser,
    path: web::Path<(OrgId, PeriodKey)>,
    ValidJson(body): ValidJson<SaveReport>,
) -> AppResult<web::Json<Report>> {
    let (org, PeriodKey(period)) = path.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            reports::save(app, user.actor(), org, period, &body)
        })
        .await?,
    ))
}

#[utoipa::path(post, path = ep::REPORT_STEP.path, tag = "reports",
    params(("org" = OrgId, Path), ("period" = String, Path),
           ("step" = Action, Path, description = "submit, endorse, return, approve or unlock")),
    request_body = ReportStepRequest,
    responses((status = 200, body = Report), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn step(
    state: State,
    user: CurrentUser,
    path: web::Path<(OrgId, PeriodKey, Action)>,
    ValidJson(body): ValidJson<ReportStepRequest>,
) -> AppResult<web::Json<Report>> {
    let (org, PeriodKey(period), step) = path.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            reports::step(app, user.actor(), org, period, step, &body)
        })
        .await?,
    ))
}
