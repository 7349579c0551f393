//! The statutory documents over HTTP: the catalogue of what the user may produce, and each document as a PDF or XLSX download.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::documents;
use crate::app::error::AppResult;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use shared::api::documents::{DocumentCatalog, DocumentFile, DocumentQuery, PublishedDocument};
use shared::api::endpoints as ep;

#[utoipa::path(get, path = ep::DOCUMENTS.path, tag = "documents", params(DocumentQuery),
    responses((status = 200, body = DocumentCatalog), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn catalog(
    state: State,
    user: CurrentUser,
    query: web::Query<DocumentQuery>,
) -> AppResult<web::Json<DocumentCatalog>> {
    let query = query.into_inner();
    let catalog = call(&state, move |app| {
        documents::catalog(app, user.actor(), &query)
    })
    .await?;
    Ok(web::Json(catalog))
}

#[utoipa::path(get, path = ep::DOCUMENT.path, tag = "documents",
    params(("file" = String, Path, description = "The kind and format: `quarterly.pdf`, `annual.xlsx`, `results.pdf`, `final.xlsx`, `report.pdf`, …"),
           DocumentQuery),
    responses((status = 200, description = "The document",
               content((Vec<u8> = "application/pdf"),
                       (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 400, body = shared::ApiErrorBody), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn file(
    state: State,
    user: CurrentUser,
    file: web::Path<DocumentFile>,
    query: web::Query<DocumentQuery>,
) -> AppResult<HttpResponse> {
    let (file, query) = (file.into_inner(), query.into_inner());
    let produced = call(&state, move |app| {
        documents::produce(app, user.actor(), file, &query)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(file.format.media_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", produced.filename),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(produced.bytes))
}

#[utoipa::path(post, path = ep::DOCUMENT_PUBLISH.path, tag = "documents",
    params(("file" = String, Path, description = "The kind and format, as for the download"),
           DocumentQuery),
    responses((status = 200, body = PublishedDocument), (status = 400, body = shared::ApiErrorBody),
              (status = 403, body = shared::ApiErrorBody), (status = 404, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn publish(
    state: State,
    user: CurrentUser,
    file: web::Path<DocumentFile>,
    query: web::Query<DocumentQuery>,
) -> AppResult<web::Json<PublishedDocument>> {
    let (file, query) = (file.into_inner(), query.into_inner());
    let published = call(&state, move |app| {
        documents::publish::publish(app, user.actor(), file, &query)
    })
    .await?;
    Ok(web::Json(published))
}
