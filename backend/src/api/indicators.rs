//! Indicators: the programme's performance indicators, readable by every signed-in user; the department sets their status thresholds.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change as AuditChange};
use crate::state::{db as run_db, State};
use actix_web::{get, put, web};
use shared::api::audit::AuditAction;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::indicators::Indicator;
use shared::ErrorCode;

fn entry(row: db::indicators::IndicatorRow) -> ApiResult<IndicatorEntry> {
    Ok(IndicatorEntry {
        indicator: serde_json::from_str(&row.definition).map_err(ApiError::internal)?,
        code: row.code,
        is_demo: row.is_demo,
        version: row.version,
    })
}

fn all(conn: &mut DbConn) -> ApiResult<Vec<IndicatorEntry>> {
    db::indicators::all(conn)?.into_iter().map(entry).collect()
}

#[utoipa::path(tag = "indicators", responses((status = 200, body = Vec<IndicatorEntry>)))]
#[get("/indicators")]
pub async fn list(state: State, _user: CurrentUser) -> ApiResult<web::Json<Vec<IndicatorEntry>>> {
    Ok(web::Json(run_db(&state, |conn, _| all(conn)).await?))
}

#[utoipa::path(tag = "indicators", params(("id" = i32, Path)),
    responses((status = 200, body = IndicatorEntry), (status = 404, body = shared::ApiErrorBody)))]
#[get("/indicators/{id}")]
pub async fn get(
    state: State,
    _user: CurrentUser,
    id: web::Path<i32>,
) -> ApiResult<web::Json<IndicatorEntry>> {
    let id = id.into_inner();
    let e = run_db(&state, move |conn, _| {
        entry(db::indicators::find(conn, id)?.ok_or(ErrorCode::NotFound)?)
    })
    .await?;
    Ok(web::Json(e))
}

#[utoipa::path(tag = "indicators", params(("id" = i32, Path)), request_body = SetStatusRule,
    responses((status = 200, body = IndicatorEntry), (status = 403, body = shared::ApiErrorBody),
              (status = 409, body = shared::ApiErrorBody), (status = 422, body = shared::ApiErrorBody)))]
#[put("/indicators/{id}/status-rule")]
pub async fn set_status_rule(
    state: State,
    user: CurrentUser,
    id: web::Path<i32>,
    ValidJson(body): ValidJson<SetStatusRule>,
) -> ApiResult<web::Json<IndicatorEntry>> {
    let id = id.into_inner();
    if !user.actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    if let Some(Err(e)) = body.status_rule.as_ref().map(|r| r.validate()) {
        return Err(e.into());
    }
    let e = run_db(&state, move |conn, _| {
        conn.write_tx(|conn| -> ApiResult<IndicatorEntry> {
            let row = db::indicators::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
            let before = entry(row.clone())?;
            if row.version != body.version {
                return Err(ApiError::conflict(before));
            }
            let mut indicator: Indicator = before.indicator.clone();
            indicator.status_rule = body.status_rule;
            let definition = serde_json::to_string(&indicator).map_err(ApiError::internal)?;
            if !db::indicators::update(conn, id, body.version, &definition, db::now_ms())? {
                return Err(ApiError::conflict(before));
            }
            db::plan_state::bump_reports(conn)?;
            audit::record(
                conn,
                &(&user).into(),
                AuditChange {
                    action: AuditAction::IndicatorRuleChanged,
                    entity: "indicator",
                    entity_id: Some(id),
                    subject_org: None,
                    before: Some(&before.indicator.status_rule),
                    after: Some(&body.status_rule),
                },
            )?;
            entry(db::indicators::find(conn, id)?.ok_or(ErrorCode::NotFound)?)
        })
    })
    .await?;
    state.dashboards.invalidate();
    Ok(web::Json(e))
}
