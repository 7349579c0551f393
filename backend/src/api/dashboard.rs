//! The head's dashboard at any level, and the map's shapes.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::dashboard;
use crate::app::error::AppResult;
use actix_web::{web, HttpResponse};
use shared::api::dashboard::{Dashboard, DashboardQuery, MapShapes};
use shared::api::endpoints as ep;

#[utoipa::path(get, path = ep::DASHBOARD.path, tag = "dashboard", params(DashboardQuery),
    responses((status = 200, body = Dashboard), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    query: web::Query<DashboardQuery>,
) -> AppResult<HttpResponse> {
    let query = query.into_inner();
    // Most reads find a fresh board in memory and answer from it, on this thread.
    let json = match dashboard::fresh(&state, user.actor(), &query) {
        Some(answer) => answer?,
        None => {
            call(&state, move |app| {
                dashboard::dashboard(app, user.actor(), &query)
            })
            .await?
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(json))
}

#[utoipa::path(get, path = ep::MAP.path, tag = "dashboard",
    responses((status = 200, body = MapShapes)))]
pub async fn shapes(state: State, _user: CurrentUser) -> AppResult<HttpResponse> {
    let json = call(&state, |app| app.map_json()).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "private, max-age=86400"))
        .body(json))
}
