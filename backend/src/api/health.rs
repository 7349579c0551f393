//! Whether the server is up and its database answers: 200, or 503 when the database is down.

use super::{call, State};
use actix_web::HttpResponse;
use serde::Serialize;
use shared::api::endpoints as ep;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`, or `database_unavailable`.
    pub status: &'static str,
    /// Which database: `sqlite` or `postgres`.
    pub database: &'static str,
    pub database_up: bool,
    /// The plan's revision, when the database answered.
    pub plan_revision: Option<i64>,
}

#[utoipa::path(get, path = ep::HEALTH.path, tag = "health",
    responses((status = 200, body = Health),
              (status = 503, body = Health, description = "The database does not answer")))]
pub async fn health(state: State) -> HttpResponse {
    let revision = call(&state, |app| app.health()).await;
    let database = state.backend.name();
    match revision {
        Ok(plan_revision) => HttpResponse::Ok().json(Health {
            status: "ok",
            database,
            database_up: true,
            plan_revision: Some(plan_revision),
        }),
        Err(e) => {
            tracing::warn!(error = %e, "health: the database does not answer");
            HttpResponse::ServiceUnavailable().json(Health {
                status: "database_unavailable",
                database,
                database_up: false,
                plan_revision: None,
            })
        }
    }
}
