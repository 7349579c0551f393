//! `GET /api/health`: the server is up and its database answers.

use crate::error::ApiResult;
use crate::state::{db, State};
use actix_web::{get, web::Json};
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
    pub plan_revision: i64,
}

#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/health")]
pub async fn health(state: State) -> ApiResult<Json<Health>> {
    let backend = state.backend.name();
    let plan_revision = db(&state, |conn, _| Ok(crate::db::plan_state::revision(conn)?)).await?;
    Ok(Json(Health {
        status: "ok",
        database: backend,
        plan_revision,
    }))
}
