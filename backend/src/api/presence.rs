//! Presence on a measure: heartbeats from open pages, and who is there now.

use super::extract::{CurrentUser, ValidJson};
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::presence;
use actix_web::{web, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::presence::{PresenceBeat, Viewer};
use shared::MeasureId;

#[utoipa::path(post, path = ep::PRESENCE_BEAT.path, tag = "presence",
    params(("id" = MeasureId, Path)), request_body = PresenceBeat,
    responses((status = 200, body = Vec<Viewer>), (status = 403, body = shared::ApiErrorBody)))]
pub async fn beat(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    ValidJson(body): ValidJson<PresenceBeat>,
) -> AppResult<web::Json<Vec<Viewer>>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| {
            presence::beat(app, user.actor(), id, &body)
        })
        .await?,
    ))
}

#[utoipa::path(get, path = ep::PRESENCE.path, tag = "presence", params(("id" = MeasureId, Path)),
    responses((status = 200, body = Vec<Viewer>), (status = 403, body = shared::ApiErrorBody)))]
pub async fn list(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
) -> AppResult<web::Json<Vec<Viewer>>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| presence::list(app, user.actor(), id)).await?,
    ))
}

#[utoipa::path(delete, path = ep::PRESENCE_LEAVE.path, tag = "presence",
    params(("id" = MeasureId, Path)), responses((status = 204)))]
pub async fn leave(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    call(&state, move |app| presence::leave(app, user.actor(), id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
