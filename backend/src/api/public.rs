//! The open programme over HTTP, without an account: each answer carries its entity tag (a
//! matching `If-None-Match` is 304), may be cached by anyone for a minute and read from any site;
//! anonymous clients are limited per address (429 with `Retry-After`), signed-in users are not.

use super::extract::{client_addr, CurrentUser};
use super::{call, State};
use crate::app::error::{AppError, AppResult};
use crate::app::public::{self, datapackage, documents, Published};
use crate::app::App;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use shared::api::dashboard::MapShapes;
use shared::api::documents::PublishedDocuments;
use shared::api::endpoints as ep;
use shared::api::public::{
    PublicIndicators, PublicMeasureDetail, PublicOrgDetail, PublicOrgs, PublicPlan,
    PublicProgramme, PublicVersions,
};
use shared::{ErrorCode, MeasureId, OrgId};

/// How long anyone may keep a public answer without asking again.
pub const CACHE_CONTROL: &str = "public, max-age=60";

/// Every answer under `/api/public/` may be read from any site — refusals too (404, 429), so a
/// page elsewhere can tell "not there" or "wait" from a network failure. (Handlers' and
/// extractors' errors are answers by the time they come out here.)
pub async fn open_to_other_sites(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let public = req.path().starts_with(&format!("{}/public/", ep::PREFIX));
    let mut response = next.call(req).await?.map_into_boxed_body();
    if public {
        response.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    Ok(response)
}

/// Refuses an anonymous client past its rate (signed-in users pass).
pub fn limit(req: &HttpRequest, state: &State) -> AppResult<()> {
    if req.extensions().get::<CurrentUser>().is_some() {
        return Ok(());
    }
    let addr = client_addr(req, &state.settings.trusted_proxies);
    state
        .public
        .limiter
        .take(&addr)
        .map_err(|wait| AppError::new(ErrorCode::RateLimited).retry_after(wait))
}

/// The answer with its tag and caching headers, or 304 when the client holds these bytes.
pub fn respond(req: &HttpRequest, published: Published, content_type: &str) -> HttpResponse {
    let held = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == published.etag)
        });
    let mut response = if held {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, published.etag))
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"));
    if held {
        response.finish()
    } else {
        response.content_type(content_type).body(published.body)
    }
}

/// Limits, runs the use case off the async threads, answers with the caching headers.
async fn answer<F>(req: &HttpRequest, state: &State, use_case: F) -> AppResult<HttpResponse>
where
    F: FnOnce(&App) -> AppResult<Published> + Send + 'static,
{
    limit(req, state)?;
    let published = call(state, use_case).await?;
    Ok(respond(req, published, "application/json"))
}

#[utoipa::path(get, path = ep::PUBLIC_PROGRAMME.path, tag = "public",
    responses((status = 200, body = PublicProgramme), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn programme(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::programme).await
}

#[utoipa::path(get, path = ep::PUBLIC_PLAN.path, tag = "public",
    responses((status = 200, body = PublicPlan), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn plan(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::plan).await
}

#[utoipa::path(get, path = ep::PUBLIC_MEASURE.path, tag = "public",
    params(("id" = MeasureId, Path)),
    responses((status = 200, body = PublicMeasureDetail), (status = 304),
              (status = 404, body = shared::ApiErrorBody), (status = 429, body = shared::ApiErrorBody)))]
pub async fn measure(
    req: HttpRequest,
    state: State,
    id: web::Path<MeasureId>,
) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    answer(&req, &state, move |app| public::measure(app, id)).await
}

#[utoipa::path(get, path = ep::PUBLIC_INDICATORS.path, tag = "public",
    responses((status = 200, body = PublicIndicators), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn indicators(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::indicators).await
}

#[utoipa::path(get, path = ep::PUBLIC_ORGS.path, tag = "public",
    responses((status = 200, body = PublicOrgs), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn orgs(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::orgs).await
}

#[utoipa::path(get, path = ep::PUBLIC_ORG.path, tag = "public",
    params(("org" = OrgId, Path)),
    responses((status = 200, body = PublicOrgDetail), (status = 304),
              (status = 404, body = shared::ApiErrorBody), (status = 429, body = shared::ApiErrorBody)))]
pub async fn org(req: HttpRequest, state: State, id: web::Path<OrgId>) -> AppResult<HttpResponse> {
    let id = id.into_inner();
    answer(&req, &state, move |app| public::org::org(app, id)).await
}

#[utoipa::path(get, path = ep::PUBLIC_MAP.path, tag = "public",
    responses((status = 200, body = MapShapes), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn map(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::map).await
}

#[utoipa::path(get, path = ep::PUBLIC_VERSIONS.path, tag = "public",
    responses((status = 200, body = PublicVersions), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn versions(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, public::versions).await
}

#[utoipa::path(get, path = ep::PUBLIC_DATAPACKAGE.path, tag = "public",
    responses((status = 200, description = "A Frictionless tabular data package (JSON)",
               content_type = "application/json", body = Object),
              (status = 304), (status = 429, body = shared::ApiErrorBody)))]
pub async fn datapackage(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, datapackage::package).await
}

#[utoipa::path(get, path = ep::PUBLIC_DATA.path, tag = "public",
    params(("file" = String, Path, description = "A data set and its format: `measures.csv`, `measures.json`, …")),
    responses((status = 200, description = "The data set: CSV (UTF-8, a header row) or JSON (an array of objects)",
               content((String = "text/csv"), (Vec<Object> = "application/json"))),
              (status = 304), (status = 404, body = shared::ApiErrorBody),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn data(
    req: HttpRequest,
    state: State,
    file: web::Path<String>,
) -> AppResult<HttpResponse> {
    limit(&req, &state)?;
    let file = file.into_inner();
    let (published, content_type) = call(&state, move |app| datapackage::file(app, &file)).await?;
    Ok(respond(&req, published, content_type))
}

#[utoipa::path(get, path = ep::PUBLIC_DOCUMENTS.path, tag = "public",
    responses((status = 200, body = PublishedDocuments), (status = 304),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn documents(req: HttpRequest, state: State) -> AppResult<HttpResponse> {
    answer(&req, &state, documents::list).await
}

#[utoipa::path(get, path = ep::PUBLIC_DOCUMENT.path, tag = "public",
    params(("doc" = i32, Path, description = "A published document's id")),
    responses((status = 200, description = "The file as it was published",
               content((Vec<u8> = "application/pdf"),
                       (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 304), (status = 404, body = shared::ApiErrorBody),
              (status = 429, body = shared::ApiErrorBody)))]
pub async fn document(
    req: HttpRequest,
    state: State,
    id: web::Path<i32>,
) -> AppResult<HttpResponse> {
    limit(&req, &state)?;
    let id = id.into_inner();
    let file = call(&state, move |app| documents::file(app, id)).await?;
    let mut response = respond(&req, file.published, file.content_type);
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.filename))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
