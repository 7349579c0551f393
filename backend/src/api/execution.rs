//! A measure's budget execution: planned, approved by the year's budget decision (entered by the department) and executed by approved reports.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::plan::execution;
use actix_web::web;
use shared::api::budget::{MeasureExecution, SetApproved};
use shared::api::endpoints as ep;
use shared::MeasureId;

#[utoipa::path(get, path = ep::MEASURE_EXECUTION.path, tag = "execution",
    params(("id" = MeasureId, Path)),
    responses((status = 200, body = MeasureExecution), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
) -> AppResult<web::Json<MeasureExecution>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| execution::get(app, user.actor(), id)).await?,
    ))
}

#[utoipa::path(put, path = ep::MEASURE_EXECUTION_SET.path, tag = "execution",
    params(("id" = MeasureId, Path)), request_body = SetApproved,
    responses((status = 200, body = MeasureExecution), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn set_approved(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<SetApproved>,
) -> AppResult<web::Json<MeasureExecution>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            execution::set_approved(app, user.actor(), id, &body)
        })
        .await?,
    ))
}
