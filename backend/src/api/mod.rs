//! The HTTP edge: one module per resource. A handler extracts (the signed-in user, a typed path,
//! a JSON body), calls one use case of `app` off the async threads, and maps the answer. The
//! paths and methods are `shared::api::endpoints`; the route table is `crate::routes`.

pub mod audit;
pub mod auth;
pub mod comments;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod events;
pub mod execution;
pub mod exports;
pub mod extract;
pub mod health;
pub mod home;
pub mod imports;
pub mod inbox;
pub mod indicators;
pub mod local_programmes;
pub mod measures;
pub mod openapi;
pub mod orgs;
pub mod plan;
pub mod presence;
pub mod programme;
pub mod proposals;
pub mod public;
pub mod reporting;
pub mod reports;
pub mod rollups;
pub mod users;
pub mod versions;
pub mod workflow;

use crate::app::error::AppResult;
use crate::app::App;

/// How handlers receive the application.
pub type State = actix_web::web::Data<App>;

/// A JSON answer the application already serialised (and may have kept).
pub fn json(body: bytes::Bytes) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .body(body)
}

/// Runs a use case on the blocking pool (it reads and writes the database), not on the async
/// threads.
pub async fn call<T, F>(state: &State, f: F) -> AppResult<T>
where
    T: Send + 'static,
    F: FnOnce(&App) -> AppResult<T> + Send + 'static,
{
    let app = state.clone().into_inner();
    actix_web::web::block(move || f(&app))
        .await
        .map_err(error::blocking_failed)?
}
