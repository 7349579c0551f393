//! The OpenAPI 3 document: the route table's endpoints, each with what its handler documents,
//! and the shared types' schemas.

use crate::routes;
use actix_web::HttpResponse;
use shared::api::endpoints as ep;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::{Operation, ParameterIn, Paths};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::Ref;
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
    for mut d in routes::documented() {
        declare_refusals(d.endpoint, &mut d.operation);
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

/// Adds the refusals every endpoint of its kind can answer (the handlers document their own:
/// 409 conflicts, 403 rules, 422 fields), so the document lists every status the server sends.
fn declare_refusals(e: ep::Endpoint, op: &mut Operation) {
    let open = [ep::HEALTH, ep::OPENAPI].contains(&e);
    // The public reads take no account (a session only lifts the per-address limit).
    let signed_in = !open && e != ep::LOGIN && !super::extract::is_public(&e.route());
    let has_query = op
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Query);
    let mut codes: Vec<(u16, &str)> = Vec::new();
    if e != ep::OPENAPI {
        codes.push((503, "The database is unavailable (nothing saved is lost)"));
    }
    if signed_in {
        codes.push((401, "Not signed in"));
        codes.push((403, "Not allowed, a write without the session's CSRF token or from another site, or a password to change first"));
    }
    if e.method.writes() {
        codes.push((400, "The body could not be read"));
        codes.push((403, "A write from another site's page"));
        codes.push((413, "The body is over the 1 MiB limit"));
        codes.push((415, "The body is not JSON"));
        codes.push((422, "A field breaks a rule; `field` names it"));
    }
    if e.params().next().is_some() {
        codes.push((404, "Not found (or not visible to this user)"));
    }
    if has_query {
        codes.push((400, "The query could not be read"));
        codes.push((422, "A query parameter breaks a rule; `field` names it"));
    }
    for (status, description) in codes {
        let key = status.to_string();
        if op.responses.responses.contains_key(&key) {
            continue;
        }
        let body = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("ApiErrorBody")))
            .build();
        let response = ResponseBuilder::new()
            .description(description)
            .content("application/json", body)
            .build();
        op.responses.responses.insert(key, response.into());
    }
}

#[utoipa::path(get, path = ep::OPENAPI.path, tag = "health",
    responses((status = 200, description = "This document")))]
pub async fn document_handler() -> HttpResponse {
    HttpResponse::Ok().json(document())
}
