//! Measures: create a draft, read one, change or delete a draft from the version the user saw.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::plan::measures;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use shared::api::endpoints as ep;
use shared::api::measures::{MeasureDetail, MeasureInput, UpdateMeasure};
use shared::MeasureId;

#[utoipa::path(post, path = ep::MEASURE_CREATE.path, tag = "measures", request_body = MeasureInput,
    responses((status = 201, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn create(
    state: State,
    user: CurrentUser,
    ValidJson(input): ValidJson<MeasureInput>,
) -> AppResult<HttpResponse> {
    let detail = call(&state, move |app| {
        measures::create(app, user.actor(), &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(detail))
}

#[utoipa::path(get, path = ep::MEASURE.path, tag = "measures", params(("id" = MeasureId, Path)),
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
) -> AppResult<web::Json<MeasureDetail>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| measures::get(app, user.actor(), id)).await?,
    ))
}

#[utoipa::path(put, path = ep::MEASURE_UPDATE.path, tag = "measures",
    params(("id" = MeasureId, Path)), request_body = UpdateMeasure,
    responses((status = 200, body = MeasureDetail), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody),
              (status = 409, description = "The measure changed since `version`; `current` holds it", body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn update(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<UpdateMeasure>,
) -> AppResult<web::Json<MeasureDetail>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            measures::update(app, user.actor(), id, &body)
        })
        .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct VersionQuery {
    /// The version the user saw.
    pub version: i32,
}

#[utoipa::path(delete, path = ep::MEASURE_DELETE.path, tag = "measures",
    params(("id" = MeasureId, Path), VersionQuery),
    responses((status = 204), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody)))]
pub async fn remove(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    query: web::Query<VersionQuery>,
) -> AppResult<HttpResponse> {
    let (id, version) = (id.into_inner(), query.version);
    call(&state, move |app| {
        measures::remove(app, user.actor(), id, version)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
