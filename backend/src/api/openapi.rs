//! The OpenAPI 3 document: the route table's endpoints, each with what its handler documents,
//! and the shared types' schemas.

use crate::routes;
use actix_web::HttpResponse;
use shared::api::endpoints as ep;
use utoipa::openapi::path::Paths;
use utoipa::openapi::OpenApi as Document;
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
    components(schemas(shared::api::events::LiveEvent, shared::ErrorCode, shared::Lang, shared::api::rollup::RollupLevel))
)]
struct ApiDoc;

/// The whole document, built once per call from the route table.
pub fn document() -> Document {
    let mut doc = ApiDoc::openapi();
    let mut paths = Paths::new();
    for d in routes::documented() {
        paths.add_path_operation(
            d.endpoint.path,
            vec![routes::doc_method(d.endpoint.method)],
            d.operation,
        );
    }
    doc.paths = paths;
    // The schemas each operation names, collected as the derive does for listed paths.
    let mut components = doc.components.take().unwrap_or_default();
    for (name, schema) in routes::schemas() {
        components.schemas.entry(name).or_insert(schema);
    }
    doc.components = Some(components);
    doc
}

#[utoipa::path(get, path = ep::OPENAPI.path, tag = "health",
    responses((status = 200, description = "This document")))]
pub async fn document_handler() -> HttpResponse {
    HttpResponse::Ok().json(document())
}
