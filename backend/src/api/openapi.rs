//! `GET /api/openapi.json`: the OpenAPI 3 document, generated from the handlers and shared types.

use actix_web::{get, HttpResponse};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Obriy API",
        description = "Planning and monitoring of the regional informatization programme \
                       «Дніпропетровщина: цифрова трансформація» 2026–2028. Amounts are exact \
                       decimal strings in thousand UAH. Every write needs the X-CSRF-Token header \
                       from the session; errors are ApiErrorBody."
    ),
    servers((url = "/api", description = "All paths are under /api")),
    paths(
        super::health::health,
        super::auth::login,
        super::auth::logout,
        super::auth::me,
        super::programme::overview,
        super::orgs::list,
        super::plan::tree,
        super::rollups::rollup,
        super::indicators::list,
        super::indicators::get,
        super::indicators::set_status_rule,
        super::measures::create,
        super::measures::get,
        super::measures::update,
        super::measures::remove,
        super::execution::get,
        super::execution::set_approved,
        super::reports::calendar,
        super::reports::get,
        super::reports::save,
        super::reports::step,
        super::reporting::get,
        super::reporting::set,
        super::reporting::run_reminders,
        super::dashboard::get,
        super::dashboard::shapes,
        super::audit::list,
        super::audit::verify,
        super::audit::measure_history,
        super::comments::list,
        super::comments::create,
        super::comments::list_on_proposal,
        super::comments::create_on_proposal,
        super::proposals::list,
        super::proposals::my_draft,
        super::proposals::get,
        super::proposals::propose,
        super::proposals::withdraw,
        super::proposals::discard_measure,
        super::proposals::submit,
        super::proposals::endorse,
        super::proposals::return_to_author,
        super::proposals::decide,
        super::proposals::rebase,
        super::versions::list,
        super::versions::compare,
        super::workflow::get,
        super::workflow::set,
        super::events::subscribe,
        super::inbox::list,
        super::inbox::mark_read,
        super::presence::beat,
        super::presence::list,
        super::presence::leave,
        super::users::list,
        super::users::create,
    ),
    components(schemas(shared::api::events::LiveEvent, shared::ErrorCode, shared::Lang, shared::api::rollup::RollupLevel))
)]
pub struct ApiDoc;

#[utoipa::path(tag = "health", responses((status = 200, description = "This document")))]
#[get("/openapi.json")]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
