//! The server is up and its database answers.

use super::{call, State};
use crate::app::error::AppResult;
use actix_web::web::Json;
use serde::Serialize;
use shared::api::endpoints as ep;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
    pub plan_revision: i64,
}

#[utoipa::path(get, path = ep::HEALTH.path, tag = "health",
    responses((status = 200, body = Health)))]
pub async fn health(state: State) -> AppResult<Json<Health>> {
    let plan_revision = call(&state, |app| app.health()).await?;
    Ok(Json(Health {
        status: "ok",
        database: state.backend.name(),
        plan_revision,
    }))
}
