//! Reports: the reporting calendar, one report, saving its draft, and the steps of its way up.

use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::reports::{self as r, Ctx};
use crate::state::{db as run_db, AppState, State};
use actix_web::{get, post, put, web};
use shared::api::events::LiveEvent;
use shared::api::reports::{
    Report, ReportAction, ReportCalendar, ReportQuery, ReportStepRequest, SaveReport,
};
use shared::calendar::ReportPeriod;
use shared::{ErrorCode, OrgId};

/// Publishes what a committed write produced.
fn announce(st: &AppState, conn: &mut DbConn, events: Vec<LiveEvent>) {
    st.dashboards.invalidate();
    for e in events {
        st.live.publish(conn, e);
    }
}

/// The period of a path, or 404.
fn period_of(raw: &str) -> ApiResult<ReportPeriod> {
    ReportPeriod::parse(raw).map_err(|_| ErrorCode::NotFound.into())
}

/// Refusals that mean "it changed under you" carry the report as it is now, so the page shows
/// it and keeps what was typed.
fn with_current(
    conn: &mut DbConn,
    ctx: &Ctx,
    user: &CurrentUser,
    org: OrgId,
    period: ReportPeriod,
    mut err: ApiError,
) -> ApiError {
    if matches!(
        err.code(),
        ErrorCode::ReportVersionConflict | ErrorCode::ReportLocked | ErrorCode::ReportWrongState
    ) {
        if let Ok(current) = r::view(conn, ctx, &user.actor, org, period) {
            err.body.current = serde_json::to_value(current).ok();
        }
    }
    err
}

#[utoipa::path(tag = "reports", params(ReportQuery),
    responses((status = 200, body = ReportCalendar), (status = 404, body = shared::ApiErrorBody)))]
#[get("/reports")]
pub async fn calendar(
    state: State,
    user: CurrentUser,
    query: web::Query<ReportQuery>,
) -> ApiResult<web::Json<ReportCalendar>> {
    let query = query.into_inner();
    let out = run_db(&state, move |conn, st| {
        let ctx = Ctx::load(conn, st)?;
        r::calendar(conn, &ctx, &user.actor, &query)
    })
    .await?;
    Ok(web::Json(out))
}

#[utoipa::path(tag = "reports", params(("org" = i32, Path), ("period" = String, Path)),
    responses((status = 200, body = Report), (status = 404, body = shared::ApiErrorBody)))]
#[get("/reports/{org}/{period}")]
pub async fn get(
    state: State,
    user: CurrentUser,
    path: web::Path<(i32, String)>,
) -> ApiResult<web::Json<Report>> {
    let (org, period) = path.into_inner();
    let period = period_of(&period)?;
    let out = run_db(&state, move |conn, st| {
        let ctx = Ctx::load(conn, st)?;
        r::view(conn, &ctx, &user.actor, OrgId(org), period)
    })
    .await?;
    Ok(web::Json(out))
}

#[utoipa::path(tag = "reports", params(("org" = i32, Path), ("period" = String, Path)),
    request_body = SaveReport,
    responses((status = 200, body = Report), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[put("/reports/{org}/{period}")]
pub async fn save(
    state: State,
    user: CurrentUser,
    path: web::Path<(i32, String)>,
    ValidJson(body): ValidJson<SaveReport>,
) -> ApiResult<web::Json<Report>> {
    let (org, period) = path.into_inner();
    let period = period_of(&period)?;
    write(state, user, OrgId(org), period, move |conn, ctx, u| {
        r::save(conn, ctx, u, OrgId(org), period, &body)
    })
    .await
}

#[utoipa::path(tag = "reports",
    params(("org" = i32, Path), ("period" = String, Path),
           ("action" = String, Path, description = "submit, endorse, return, approve or unlock")),
    request_body = ReportStepRequest,
    responses((status = 200, body = Report), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[post("/reports/{org}/{period}/{action}")]
pub async fn step(
    state: State,
    user: CurrentUser,
    path: web::Path<(i32, String, String)>,
    ValidJson(body): ValidJson<ReportStepRequest>,
) -> ApiResult<web::Json<Report>> {
    let (org, period, action) = path.into_inner();
    let period = period_of(&period)?;
    let action = ReportAction::parse(&action).ok_or(ErrorCode::NotFound)?;
    write(state, user, OrgId(org), period, move |conn, ctx, u| {
        r::step(conn, ctx, u, OrgId(org), period, action, &body)
    })
    .await
}

/// Runs a write, publishes its events, and answers with the report as it now is (or the refusal
/// with the report as it is).
async fn write<F>(
    state: State,
    user: CurrentUser,
    org: OrgId,
    period: ReportPeriod,
    f: F,
) -> ApiResult<web::Json<Report>>
where
    F: FnOnce(&mut DbConn, &Ctx, &CurrentUser) -> ApiResult<Vec<LiveEvent>> + Send + 'static,
{
    let out = run_db(&state, move |conn, st| {
        let ctx = Ctx::load(conn, st)?;
        match f(conn, &ctx, &user) {
            Ok(events) => {
                announce(st, conn, events);
                r::view(conn, &ctx, &user.actor, org, period)
            }
            Err(e) => Err(with_current(conn, &ctx, &user, org, period, e)),
        }
    })
    .await?;
    Ok(web::Json(out))
}
