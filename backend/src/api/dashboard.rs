//! The head's dashboard at any level, and the map's shapes.

use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::services::{dashboard, map};
use crate::state::{db as run_db, State};
use actix_web::{get, web, HttpResponse};
use shared::api::dashboard::{Dashboard, DashboardQuery, MapShapes};
use std::sync::Arc;

#[utoipa::path(tag = "dashboard", params(DashboardQuery),
    responses((status = 200, body = Dashboard), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[get("/dashboard")]
pub async fn get(
    state: State,
    user: CurrentUser,
    query: web::Query<DashboardQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    // Most reads find a fresh board in memory and answer from it.
    let json = match state.dashboards.fresh(state.clock.today()) {
        Some(board) => dashboard::answer(&board, &user.actor, &query)?,
        None => {
            run_db(&state, move |conn, st| {
                let board = st.dashboards.board(conn, st)?;
                dashboard::answer(&board, &user.actor, &query)
            })
            .await?
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(json))
}

#[utoipa::path(tag = "dashboard", responses((status = 200, body = MapShapes)))]
#[get("/map")]
pub async fn shapes(state: State, _user: CurrentUser) -> ApiResult<HttpResponse> {
    let json = match state.map.get() {
        Some(json) => json.clone(),
        None => {
            let built = run_db(&state, |conn, st| {
                let structure = st.structure(conn)?;
                let shapes = map::build(&structure).map_err(ApiError::internal)?;
                Ok(Arc::new(
                    serde_json::to_vec(&shapes).map_err(ApiError::internal)?,
                ))
            })
            .await?;
            state.map.get_or_init(|| built).clone()
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "private, max-age=86400"))
        .body(json.as_ref().clone()))
}
