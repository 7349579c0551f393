//! Reporting settings (the early reminder's lead, the comment rule) and running the reminder pass on demand.

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, ValidJson};
use crate::services::audit::{self, Change as AuditChange};
use crate::services::reminders;
use crate::services::reports::{rules, Ctx};
use crate::state::{db as run_db, State};
use actix_web::{get, post, put, web};
use shared::api::audit::AuditAction;
use shared::api::reports::{RemindersRun, ReportingSettings};
use shared::ErrorCode;

fn current(conn: &mut db::DbConn) -> ApiResult<ReportingSettings> {
    let r = rules(conn)?;
    Ok(ReportingSettings {
        remind_days_before: r.remind_days_before,
        max_change_percent: r.max_change_percent,
    })
}

#[utoipa::path(tag = "reporting", responses((status = 200, body = ReportingSettings)))]
#[get("/reporting/settings")]
pub async fn get(state: State, _user: CurrentUser) -> ApiResult<web::Json<ReportingSettings>> {
    Ok(web::Json(run_db(&state, |conn, _| current(conn)).await?))
}

#[utoipa::path(tag = "reporting", request_body = ReportingSettings,
    responses((status = 200, body = ReportingSettings), (status = 403, body = shared::ApiErrorBody),
              (status = 422, body = shared::ApiErrorBody)))]
#[put("/reporting/settings")]
pub async fn set(
    state: State,
    user: CurrentUser,
    ValidJson(body): ValidJson<ReportingSettings>,
) -> ApiResult<web::Json<ReportingSettings>> {
    if !user.actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    body.check().map_err(ApiError::from)?;
    let out = run_db(&state, move |conn, _| {
        conn.write_tx(|conn| -> ApiResult<ReportingSettings> {
            let before = current(conn)?;
            db::reports::set_settings(
                conn,
                i32::try_from(body.remind_days_before).unwrap_or(0),
                &body.max_change_percent.normalize().to_string(),
            )?;
            db::plan_state::bump_reports(conn)?;
            audit::record(
                conn,
                &(&user).into(),
                AuditChange {
                    action: AuditAction::ReportingSettingsChanged,
                    entity: "reporting",
                    entity_id: None,
                    subject_org: None,
                    before: Some(&before),
                    after: Some(&body),
                },
            )?;
            current(conn)
        })
    })
    .await?;
    state.dashboards.invalidate();
    Ok(web::Json(out))
}

#[utoipa::path(tag = "reporting",
    responses((status = 200, body = RemindersRun), (status = 403, body = shared::ApiErrorBody)))]
#[post("/reporting/reminders")]
pub async fn run_reminders(state: State, user: CurrentUser) -> ApiResult<web::Json<RemindersRun>> {
    if !(user.actor.can_decide() || user.actor.can_manage_accounts()) {
        return Err(ErrorCode::Forbidden.into());
    }
    let out = run_db(&state, move |conn, st| {
        let ctx = Ctx::load(conn, st)?;
        let sent = reminders::run(conn, &ctx)?;
        if sent > 0 {
            audit::record(
                conn,
                &(&user).into(),
                AuditChange::<(), _> {
                    action: AuditAction::RemindersSent,
                    entity: "reporting",
                    entity_id: None,
                    subject_org: None,
                    before: None,
                    after: Some(&serde_json::json!({ "today": ctx.today, "sent": sent })),
                },
            )?;
        }
        Ok(RemindersRun {
            today: ctx.today,
            sent,
        })
    })
    .await?;
    Ok(web::Json(out))
}
