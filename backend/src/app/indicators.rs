//! Indicators: the programme's performance indicators, read by every signed-in user; the
//! department sets their status thresholds.

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::record::Entry;
use super::runner::Tx;
use super::App;
use crate::db::{self, DbConn};
use rust_decimal::Decimal;
use shared::api::audit::AuditAction;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::indicators::{Indicator, OrgTarget, YearTarget};
use shared::{ErrorCode, IndicatorId, OrgId, Year};
use std::collections::BTreeMap;

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
    app.read(all)
}

pub fn all(conn: &mut DbConn) -> AppResult<Vec<IndicatorEntry>> {
    db::indicators::all(conn)?.into_iter().map(entry).collect()
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

/// One target a sheet sets: the programme's (`org: None`) or one organisation's; `value: None`
/// removes it (an organisation is then held to the programme's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetChange {
    pub indicator: IndicatorId,
    pub org: Option<OrgId>,
    pub year: Year,
    pub value: Option<Decimal>,
}

/// The department sets targets, inside a write: each indicator changed once, checked by its own
/// rules, its version moved on and its targets before and after on the record. Statuses follow
/// at once (the reports' revision moves).
pub fn set_targets(tx: &mut Tx, actor: &Actor, changes: &[TargetChange]) -> AppResult<()> {
    if !actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    let mut by_indicator: BTreeMap<IndicatorId, Vec<&TargetChange>> = BTreeMap::new();
    for c in changes {
        by_indicator.entry(c.indicator).or_default().push(c);
    }
    for (id, list) in by_indicator {
        let before = find(tx.conn, id)?;
        let mut indicator: Indicator = before.indicator.clone();
        for c in list {
            match c.org {
                None => {
                    indicator.targets.retain(|t| t.year != c.year);
                    if let Some(value) = c.value {
                        indicator.targets.push(YearTarget {
                            year: c.year,
                            value,
                        });
                    }
                }
                Some(org) => {
                    indicator
                        .org_targets
                        .retain(|t| !(t.org == org && t.year == c.year));
                    if let Some(value) = c.value {
                        indicator.org_targets.push(OrgTarget {
                            org,
                            year: c.year,
                            value,
                        });
                    }
                }
            }
        }
        indicator.targets.sort_by_key(|t| t.year);
        indicator.org_targets.sort_by_key(|t| (t.org, t.year));
        if let Some(e) = indicator.validate("").into_iter().next() {
            return Err(AppError::field(e.code, e.field));
        }
        let definition = serde_json::to_string(&indicator).map_err(AppError::internal)?;
        if !db::indicators::update(tx.conn, id.0, before.version, &definition, tx.now)? {
            return Err(AppError::conflict(before));
        }
        tx.reports_changed();
        tx.record(
            Entry::new(AuditAction::IndicatorTargetsChanged, "indicator")
                .id(id.0)
                .before(&serde_json::json!({
                    "targets": before.indicator.targets,
                    "org_targets": before.indicator.org_targets,
                }))
                .after(&serde_json::json!({
                    "targets": indicator.targets,
                    "org_targets": indicator.org_targets,
                })),
        );
    }
    Ok(())
}
