//! Excel in over HTTP: upload a file as an import job, follow it, confirm its preview, download the marked copy; and a report's prefilled workbook.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::{AppError, AppResult};
use crate::app::imports;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue, CACHE_CONTROL,
};
use actix_web::{web, HttpResponse};
use futures_util::StreamExt;
use shared::api::endpoints as ep;
use shared::api::imports::{ImportJob, ImportStart, LangQuery, MAX_FILE_BYTES, XLSX_MEDIA_TYPE};
use shared::calendar::PeriodKey;
use shared::{ErrorCode, OrgId};

/// `attachment; filename="report.xlsx"; filename*=UTF-8''звіт.xlsx`: the ASCII name for old
/// clients, the real one for the rest.
pub fn attachment(name: &str) -> ContentDisposition {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .filter(|c| *c != '"' && *c != '\\')
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

fn workbook(bytes: Vec<u8>, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(XLSX_MEDIA_TYPE)
        .insert_header(attachment(name))
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

#[utoipa::path(get, path = ep::IMPORTS.path, tag = "imports",
    responses((status = 200, body = Vec<ImportJob>)))]
pub async fn list(state: State, user: CurrentUser) -> AppResult<web::Json<Vec<ImportJob>>> {
    Ok(web::Json(
        call(&state, move |app| Ok(imports::list(app, user.actor()))).await?,
    ))
}

#[utoipa::path(post, path = ep::IMPORT_START.path, tag = "imports", params(ImportStart),
    request_body(description = "The file's bytes: XLSX (or the older XLS) or CSV (UTF-8 or Windows-1251), at most 10 MB; the content is recognised whatever type is sent",
        content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (String = "text/csv"), (Vec<u8> = "application/octet-stream"))),
    responses((status = 202, body = ImportJob, description = "The job; it is checked in the background"),
              (status = 403, body = shared::ApiErrorBody), (status = 404, body = shared::ApiErrorBody),
              (status = 413, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn start(
    state: State,
    user: CurrentUser,
    query: web::Query<ImportStart>,
    mut body: web::Payload,
) -> AppResult<HttpResponse> {
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| AppError::field(ErrorCode::ImportNotSpreadsheet, "file"))?;
        if bytes.len() + chunk.len() > MAX_FILE_BYTES {
            return Err(AppError::field(ErrorCode::ImportTooLarge, "file"));
        }
        bytes.extend_from_slice(&chunk);
    }
    let start = query.into_inner();
    let app = state.clone().into_inner();
    let job = call(&state, move |_| {
        imports::start(app, user.actor(), &start, bytes)
    })
    .await?;
    Ok(HttpResponse::Accepted().json(job))
}

#[utoipa::path(get, path = ep::IMPORT.path, tag = "imports", params(("id" = i32, Path)),
    responses((status = 200, body = ImportJob), (status = 404, body = shared::ApiErrorBody)))]
pub async fn get(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> AppResult<web::Json<ImportJob>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| imports::get(app, user.actor(), id)).await?,
    ))
}

#[utoipa::path(post, path = ep::IMPORT_CONFIRM.path, tag = "imports", params(("id" = i32, Path)),
    responses((status = 200, body = ImportJob, description = "Applied: the changes are in the draft"),
              (status = 404, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody, description = "Still checking, already applied, or the data changed since the preview (`current` holds the new preview)"),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn confirm(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
) -> AppResult<web::Json<ImportJob>> {
    let id = id.into_inner();
    Ok(web::Json(
        call(&state, move |app| imports::confirm(app, user.actor(), id)).await?,
    ))
}

#[utoipa::path(get, path = ep::IMPORT_MARKED.path, tag = "imports",
    params(("id" = i32, Path), LangQuery),
    responses((status = 200, description = "The uploaded workbook with the refused cells marked and commented",
               content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 404, body = shared::ApiErrorBody), (status = 409, body = shared::ApiErrorBody)))]
pub async fn marked(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    query: web::Query<LangQuery>,
) -> AppResult<HttpResponse> {
    let (id, lang) = (id.into_inner(), query.into_inner().lang.unwrap_or_default());
    let (bytes, name) = call(&state, move |app| {
        imports::marked(app, user.actor(), id, lang)
    })
    .await?;
    Ok(workbook(bytes, &name))
}

#[utoipa::path(get, path = ep::REPORT_WORKBOOK.path, tag = "imports",
    params(("org" = OrgId, Path), ("period" = String, Path, description = "2026-Q3, or 2026 for the year"), LangQuery),
    responses((status = 200, description = "The report prefilled, to fill in offline and upload back",
               content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn report_workbook(
    state: State,
    user: CurrentUser,
    path: web::Path<(OrgId, PeriodKey)>,
    query: web::Query<LangQuery>,
) -> AppResult<HttpResponse> {
    let (org, PeriodKey(period)) = path.into_inner();
    let lang = query.into_inner().lang.unwrap_or_default();
    let (bytes, name) = call(&state, move |app| {
        imports::report::workbook(app, user.actor(), org, period, lang)
    })
    .await?;
    Ok(workbook(bytes, &name))
}
