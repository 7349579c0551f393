//! Indicators: the programme's performance indicators, readable by every signed-in user; the department sets their status thresholds.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::indicators;
use actix_web::web;
use shared::api::endpoints as ep;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::IndicatorId;

#[utoipa::path(get, path = ep::INDICATORS.path, tag = "indicators",
    responses((status = 200, body = Vec<IndicatorEntry>)))]
pub async fn list(state: State, _user: CurrentUser) -> AppResult<web::Json<Vec<IndicatorEntry>>> {
    Ok(web::Json(call(&state, indicators::list).await?))
}

#[utoipa::path(get, path = ep::INDICATOR.path, tag = "indicators",
    params(("id" = IndicatorId, Path)),
    responses((status = 200, body = IndicatorEntry), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    _user: CurrentUser,
    id: web::Path<IndicatorId>,
) -> AppResult<web::Json<IndicatorEntry>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| indicators::get(app, id)).await?,
    ))
}

#[utoipa::path(put, path = ep::INDICATOR_STATUS_RULE_SET.path, tag = "indicators",
    params(("id" = IndicatorId, Path)), request_body = SetStatusRule,
    responses((status = 200, body = IndicatorEntry), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn set_status_rule(
    state: State,
    user: CurrentUser,
    id: web::Path<IndicatorId>,
    ValidJson(body): ValidJson<SetStatusRule>,
) -> AppResult<web::Json<IndicatorEntry>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            indicators::set_status_rule(app, user.actor(), id, &body)
        })
        .await?,
    ))
}
