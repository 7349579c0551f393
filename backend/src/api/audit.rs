//! The record: pages of it (the whole for the oblast level; their territory for coordinators), a
//! measure's history, and the chain check.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::AppResult;
use crate::app::record;
use actix_web::{web, HttpRequest};
use shared::api::audit::{AuditFilter, AuditPage, AuditVerification, HistoryQuery};
use shared::api::endpoints as ep;
use shared::MeasureId;

#[utoipa::path(get, path = ep::AUDIT.path, tag = "audit", params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn list(
    req: HttpRequest,
    state: State,
    user: CurrentUser,
) -> AppResult<web::Json<AuditPage>> {
    let filter = crate::app::query::audit_filter(req.query_string())?;
    Ok(web::Json(
        call(&state, move |app| record::page(app, user.actor(), &filter)).await?,
    ))
}

#[utoipa::path(get, path = ep::MEASURE_HISTORY.path, tag = "audit",
    params(("id" = MeasureId, Path), HistoryQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = shared::ApiErrorBody),
              (status = 404, body = shared::ApiErrorBody)))]
pub async fn measure_history(
    state: State,
    user: CurrentUser,
    id: web::Path<MeasureId>,
    query: web::Query<HistoryQuery>,
) -> AppResult<web::Json<AuditPage>> {
    let (id, query) = (id.into_inner(), query.into_inner());
    Ok(web::Json(
        call(&state, move |app| {
            record::measure_history(app, user.actor(), id, &query)
        })
        .await?,
    ))
}

#[utoipa::path(get, path = ep::AUDIT_VERIFY.path, tag = "audit",
    responses((status = 200, body = AuditVerification), (status = 403, body = shared::ApiErrorBody)))]
pub async fn verify(state: State, user: CurrentUser) -> AppResult<web::Json<AuditVerification>> {
    Ok(web::Json(
        call(&state, move |app| record::check(app, user.actor())).await?,
    ))
}
