//! Indicators: the programme's performance indicators, read by every signed-in user; the
//! department sets their status thresholds.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::record::Entry;
use super::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::indicators::Indicator;
use shared::{ErrorCode, IndicatorId};

fn entry(row: db::indicators::IndicatorRow) -> AppResult<IndicatorEntry> {
    Ok(IndicatorEntry {
        indicator: serde_json::from_str(&row.definition).map_err(AppError::internal)?,
        code: row.code,
        is_demo: row.is_demo,
        version: row.version,
    })
}

fn find(conn: &mut DbConn, id: IndicatorId) -> AppResult<IndicatorEntry> {
    entry(db::indicators::find(conn, id.0)?.ok_or(ErrorCode::NotFound)?)
}

/// Every indicator, in the programme's order.
pub fn list(app: &App) -> AppResult<Vec<IndicatorEntry>> {
    app.read(|conn| db::indicators::all(conn)?.into_iter().map(entry).collect())
}

pub fn get(app: &App, id: IndicatorId) -> AppResult<IndicatorEntry> {
    app.read(|conn| find(conn, id))
}

/// The department sets an indicator's thresholds (`None`: back to the defaults), from the
/// version it saw (409 with the indicator as it is).
pub fn set_status_rule(
    app: &App,
    actor: &Actor,
    id: IndicatorId,
    body: &SetStatusRule,
) -> AppResult<IndicatorEntry> {
    if !actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    if let Some(rule) = &body.status_rule {
        rule.validate()?;
    }
    app.write(&actor.into(), |tx| {
        let before = find(tx.conn, id)?;
        if before.version != body.version {
            return Err(AppError::conflict(before));
        }
        let mut indicator: Indicator = before.indicator.clone();
        indicator.status_rule = body.status_rule;
        let definition = serde_json::to_string(&indicator).map_err(AppError::internal)?;
        if !db::indicators::update(tx.conn, id.0, body.version, &definition, tx.now)? {
            return Err(AppError::conflict(before));
        }
        tx.reports_changed();
        tx.record(
            Entry::new(AuditAction::IndicatorRuleChanged, "indicator")
                .id(id.0)
                .before(&before.indicator.status_rule)
                .after(&body.status_rule),
        );
        find(tx.conn, id)
    })
}
