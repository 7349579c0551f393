//! The open programme over HTTP, without an account: each answer carries its entity tag (a
//! matching `If-None-Match` is 304), may be cached by anyone for a minute and read from any site;
//! anonymous clients are limited per address (429 with `Retry-After`), signed-in users are not.

use super::extract::{client_addr, CurrentUser};
use super::{call, State};
use crate::app::error::{AppError, AppResult};
use crate::app::public::{self, datapackage, Published};
use crate::app::App;
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::public::{
    PublicIndicators, PublicMeasureDetail, PublicOrgs, PublicPlan, PublicProgramme, PublicVersions,
};
use shared::{ErrorCode, MeasureId};

/// How long anyone may keep a public answer without asking again.
pub const CACHE_CONTROL: &str = "public, max-age=60";

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
