//! The reporting settings: how many days before a due date the first reminder goes, and how far
//! a value may move from the previous period without a comment. The department sets them.

use super::rules;
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::record::Entry;
use crate::app::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::reports::ReportingSettings;
use shared::ErrorCode;

fn current(conn: &mut DbConn) -> AppResult<ReportingSettings> {
    let r = rules(conn)?;
    Ok(ReportingSettings {
        remind_days_before: r.remind_days_before,
        max_change_percent: r.max_change_percent,
    })
}

pub fn get(app: &App) -> AppResult<ReportingSettings> {
    app.read(current)
}

pub fn set(app: &App, actor: &Actor, body: &ReportingSettings) -> AppResult<ReportingSettings> {
    if !actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    body.check().map_err(AppError::from)?;
    app.write(&actor.into(), |tx| {
        let before = current(tx.conn)?;
        db::reports::set_settings(
            tx.conn,
            i32::try_from(body.remind_days_before).unwrap_or(0),
            &body.max_change_percent.normalize().to_string(),
        )?;
        tx.reports_changed();
        tx.record(
            Entry::new(AuditAction::ReportingSettingsChanged, "reporting")
                .before(&before)
                .after(body),
        );
        current(tx.conn)
    })
}
