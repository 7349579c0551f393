//! The record: pages of it (the whole for the oblast level; their territory for coordinators), a
//! measure's history, and the chain check.

use super::extract::CurrentUser;
use super::{call, State};
use crate::app::error::{AppError, AppResult};
use crate::app::record;
use actix_web::{web, HttpRequest};
use shared::api::audit::{AuditAction, AuditFilter, AuditPage, AuditVerification, HistoryQuery};
use shared::api::endpoints as ep;
use shared::{ErrorCode, MeasureId, OrgId, UserId};

#[utoipa::path(get, path = ep::AUDIT.path, tag = "audit", params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
pub async fn list(
    req: HttpRequest,
    state: State,
    user: CurrentUser,
) -> AppResult<web::Json<AuditPage>> {
    let filter = parse_filter(req.query_string())?;
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

/// Reads the query by hand so each bad parameter gets its own code and field.
fn parse_filter(query: &str) -> AppResult<AuditFilter> {
    let mut f = AuditFilter::default();
    for (key, value) in super::plan::url_pairs(query) {
        let bad = || AppError::field(ErrorCode::BadRequest, key.clone());
        let int = || value.parse::<i64>().map_err(|_| bad());
        match key.as_str() {
            "measure" => f.measure = Some(MeasureId(i32::try_from(int()?).map_err(|_| bad())?)),
            "org" => f.org = Some(OrgId(i32::try_from(int()?).map_err(|_| bad())?)),
            "user" => f.user = Some(UserId(i32::try_from(int()?).map_err(|_| bad())?)),
            "action" => f.action = Some(AuditAction::parse(&value).ok_or_else(bad)?),
            "before_seq" => f.before_seq = Some(int()?),
            "limit" => f.limit = Some(u32::try_from(int()?).map_err(|_| bad())?),
            _ => {}
        }
    }
    Ok(f)
}
