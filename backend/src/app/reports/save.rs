//! Saving a report's draft: the whole content as the author has it, checked against the period,
//! the organisation's measures and budget lines, and the indicators' rules.

use super::view::{executed, previous_values};
use super::{measures_for, stage_of, Ctx};
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::live::report_event;
use crate::app::plan::snapshot::MeasureEntry;
use crate::app::record::Entry;
use crate::app::runner::Tx;
use crate::db;
use shared::api::audit::AuditAction;
use shared::api::events::LiveEventKind;
use shared::api::reports::{ReportStage, SaveReport};
use shared::calendar::ReportPeriod;
use shared::execution::overspent;
use shared::indicators::{check_reported, Indicator};
use shared::{BudgetGrid, ErrorCode, IndicatorId, OrgId};
use std::collections::HashMap;

/// Saves the whole draft as the author has it, from the version they saw.
pub fn save(
    tx: &mut Tx,
    actor: &Actor,
    org_id: OrgId,
    period: ReportPeriod,
    req: &SaveReport,
) -> AppResult<()> {
    let ctx = Ctx::of(tx)?;
    let org = ctx.org(org_id)?;
    if !actor.can_see_reports_of(&ctx.structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    if !actor.can_write_report(&ctx.structure, org_id) {
        return Err(ErrorCode::Forbidden.into());
    }
    if ctx.today < period.start() {
        return Err(AppError::new(ErrorCode::ReportPeriodNotStarted));
    }
    req.check_shape().map_err(AppError::from)?;
    let year = period.year();
    let allowed: HashMap<i32, &MeasureEntry> = measures_for(&ctx.snapshot, org_id, year)
        .into_iter()
        .map(|m| (m.id.0, m))
        .collect();
    let key = period.to_string();
    let now = tx.now;
    let conn = &mut *tx.conn;
    {
        let row = match db::reports::find(conn, org_id.0, &key)? {
            Some(row) => {
                match stage_of(&row)? {
                    ReportStage::Draft => {}
                    ReportStage::Approved => return Err(AppError::new(ErrorCode::ReportLocked)),
                    _ => return Err(AppError::new(ErrorCode::ReportWrongState)),
                }
                if row.version != req.version
                    || !db::reports::touch(conn, row.id, req.version, actor.id.0, now)?
                {
                    return Err(AppError::new(ErrorCode::ReportVersionConflict));
                }
                row
            }
            None if req.version == 0 => {
                db::reports::insert(conn, org_id.0, &key, Some(actor.id.0), now)?
            }
            None => return Err(AppError::new(ErrorCode::ReportVersionConflict)),
        };
        let with_spending: Vec<i32> = req
            .measures
            .iter()
            .filter(|m| !m.spending.is_empty())
            .map(|m| m.measure_id.0)
            .collect();
        let mut approved_of = db::budget::grids_of(conn, &with_spending)?;
        // What approved reports spent in the year's earlier quarters, per measure.
        let mut spent_before: HashMap<
            i32,
            Vec<(db::reports::SpendingRow, db::reports::ReportRow)>,
        > = HashMap::new();
        if let ReportPeriod::Quarter(_) = period {
            for (s, r) in db::reports::spending_of_org_year(conn, org_id.0, year.get())? {
                spent_before.entry(s.measure_id).or_default().push((s, r));
            }
        }
        let mut measures = Vec::new();
        let mut spending = Vec::new();
        for (i, m) in req.measures.iter().enumerate() {
            let Some(entry) = allowed.get(&m.measure_id.0) else {
                return Err(AppError::field(
                    ErrorCode::ReportMeasureUnknown,
                    format!("measures[{i}].measure_id"),
                ));
            };
            if period.is_annual() && m.spending.iter().any(|s| !s.amount.is_zero()) {
                return Err(AppError::field(
                    ErrorCode::SpendingInAnnual,
                    format!("measures[{i}].spending"),
                ));
            }
            // Reasons for non-execution belong to the annual report alone.
            if !period.is_annual() && !m.reasons.trim().is_empty() {
                return Err(AppError::field(
                    ErrorCode::ReasonsInQuarterly,
                    format!("measures[{i}].reasons"),
                ));
            }
            let approved = approved_of.remove(&m.measure_id.0).unwrap_or_default();
            let before = match period {
                ReportPeriod::Quarter(q) => executed(
                    spent_before
                        .get(&m.measure_id.0)
                        .map_or(&[][..], Vec::as_slice),
                    year,
                    Some(q.quarter),
                ),
                ReportPeriod::Annual { .. } => BudgetGrid::new(),
            };
            for (j, s) in m.spending.iter().enumerate() {
                if s.amount.is_zero() {
                    continue;
                }
                let budgeted = !entry.grid.get(year, s.source).is_zero()
                    || !approved.get(year, s.source).is_zero();
                if !budgeted {
                    return Err(AppError::field(
                        ErrorCode::SpendingNotInBudget,
                        format!("measures[{i}].spending[{j}].source"),
                    ));
                }
                let comment = s.comment.trim();
                let over = overspent(
                    entry.grid.get(year, s.source),
                    approved.get(year, s.source),
                    before.get(year, s.source),
                    s.amount,
                );
                if over && comment.is_empty() {
                    return Err(AppError::field(
                        ErrorCode::SpendingAboveApproved,
                        format!("measures[{i}].spending[{j}].comment"),
                    ));
                }
                spending.push(db::reports::SpendingRow {
                    report_id: row.id,
                    measure_id: m.measure_id.0,
                    year: year.get(),
                    source: s.source.as_str().to_string(),
                    amount_uah: s.amount.to_uah(),
                    comment: comment.to_string(),
                });
            }
            measures.push(db::reports::MeasureRow {
                report_id: row.id,
                measure_id: m.measure_id.0,
                status: m.status.map(|s| s.as_str().to_string()),
                narrative: m.narrative.trim().to_string(),
                reasons: m.reasons.trim().to_string(),
            });
        }
        let mine: HashMap<IndicatorId, &Indicator> = ctx
            .indicators_of(org)
            .into_iter()
            .map(|d| (d.indicator.id, &d.indicator))
            .collect();
        let previous = previous_values(conn, org_id, period)?;
        let mut values = Vec::new();
        for (i, v) in req.values.iter().enumerate() {
            let Some(ind) = mine.get(&v.indicator_id) else {
                return Err(AppError::field(
                    ErrorCode::ReportIndicatorUnknown,
                    format!("values[{i}].indicator_id"),
                ));
            };
            let value = match v.value {
                Some(value) => Some(
                    check_reported(
                        ind,
                        &format!("values[{i}]"),
                        value,
                        previous.get(&v.indicator_id).copied(),
                        &v.comment,
                        ctx.rules.max_change_percent,
                    )
                    .map_err(AppError::from)?,
                ),
                None => None,
            };
            values.push(db::reports::ValueRow {
                report_id: row.id,
                indicator_id: v.indicator_id.0,
                value: value.map(|d| d.normalize().to_string()),
                comment: v.comment.trim().to_string(),
            });
        }
        db::reports::replace_content(conn, row.id, &measures, &spending, &values)?;
        let detail = serde_json::json!({
            "period": key,
            "measures": measures.len(),
            "spending_lines": spending.len(),
            "values": values.len(),
        });
        written(tx, &row, AuditAction::ReportSaved, &detail);
        let event = report_event(
            LiveEventKind::ReportChanged,
            org_id.0,
            period,
            true,
            &actor.name,
        );
        tx.announce(event);
        Ok(())
    }
}

/// Every report write moves the dashboard's revision and goes on the record.
pub(super) fn written(
    tx: &mut Tx,
    row: &db::reports::ReportRow,
    action: AuditAction,
    detail: &serde_json::Value,
) {
    tx.reports_changed();
    tx.record(
        Entry::new(action, "report")
            .id(row.id)
            .org(row.org_id)
            .after(detail),
    );
}
