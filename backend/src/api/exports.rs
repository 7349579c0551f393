//! Tables as files over HTTP: `GET /api/exports/{table}.{xlsx|csv}` with the page's filters, the language and the CSV separator.

use super::extract::CurrentUser;
use super::imports::attachment;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::exports;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::api::endpoints as ep;
use shared::api::exports::ExportFile;

#[utoipa::path(get, path = ep::EXPORT.path, tag = "exports",
    params(("file" = String, Path, description = "The table and format: `plan.xlsx`, `plan.csv`, `envelope.xlsx`, `calendar.csv`, `execution.xlsx`, `indicators.csv`, `areas.xlsx`, `compliance.csv`, `troubles.xlsx`, `audit.csv`, `measure.xlsx`, `proposal.csv`, `versions.xlsx`"),
           ("lang" = Option<String>, Query, description = "`uk` (default) or `en`: headings and labels"),
           ("sep" = Option<String>, Query, description = "A CSV's separator: `semicolon` (default, with a byte-order mark and decimal commas, for Excel) or `comma` (decimal dots, for tools)"),
           ("filters" = Option<String>, Query, description = "The table's own filters, as its page sends them: the plan's `district`, `org`, `source`, `year`, `q`; the calendar's `period` or `org`; the dashboard's `level`, `id`, `quarter`, `source`; the record's `measure`, `org`, `user`, `action`, `before_seq`; a measure's or a proposal's `id`; the versions' `from` and `to`")),
    responses((status = 200, description = "The table as a file",
               content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                       (String = "text/csv"))),
              (status = 401, body = shared::ApiErrorBody), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
pub async fn file(
    req: HttpRequest,
    state: State,
    user: CurrentUser,
    file: web::Path<ExportFile>,
) -> AppResult<HttpResponse> {
    let file = file.into_inner();
    let query = req.query_string().to_string();
    let produced = call(&state, move |app| {
        exports::produce(app, user.actor(), file, &query)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(file.format.media_type())
        .insert_header((header::CONTENT_DISPOSITION, attachment(&produced.filename)))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(produced.bytes))
}
