//! A measure's budget execution: planned (the approved plan), approved by the year's budget
//! decision (entered by the department) and executed by approved quarterly reports.

use super::structure::Structure;
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::live::measure_event;
use crate::app::record::Entry;
use crate::app::App;
use crate::db::{self, DbConn};
use shared::api::audit::AuditAction;
use shared::api::budget::{ExecutionCell, MeasureExecution, QuarterSpending, SetApproved};
use shared::api::events::LiveEventKind;
use shared::api::reports::ReportStage;
use shared::calendar::ReportPeriod;
use shared::{Amount, BudgetGrid, ErrorCode, FundingSource, MeasureId, OrgId, Year};

/// The measure's three layers and its quarters, if the user may read it.
fn load(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    id: i32,
) -> AppResult<MeasureExecution> {
    let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    if !actor.can_read_org(structure, OrgId(row.org_id)) {
        return Err(ErrorCode::NotFound.into());
    }
    let mut planned = BudgetGrid::new();
    for l in db::budget_lines::for_measure(conn, id)? {
        if let (Ok(y), Some(s)) = (Year::new(l.year), FundingSource::parse(&l.source)) {
            planned.add(y, s, Amount::from_uah(l.amount_uah));
        }
    }
    let approved = db::budget::grids_of(conn, &[id])?
        .remove(&id)
        .unwrap_or_default();
    let mut executed = BudgetGrid::new();
    let mut quarters = Vec::new();
    for (s, r) in db::reports::spending_of_measure(conn, id)? {
        let (Ok(ReportPeriod::Quarter(q)), Some(source), Some(stage)) = (
            ReportPeriod::parse(&r.period),
            FundingSource::parse(&s.source),
            ReportStage::parse(&r.stage),
        ) else {
            continue;
        };
        let amount = Amount::from_uah(s.amount_uah);
        if stage == ReportStage::Approved {
            executed.add(q.year, source, amount);
        }
        quarters.push(QuarterSpending {
            quarter: q,
            source,
            amount,
            org: OrgId(r.org_id),
            period: ReportPeriod::Quarter(q),
            stage,
        });
    }
    quarters.sort_by_key(|q| (q.quarter, q.source));
    let cells = ExecutionCell::grid(&planned, &approved, &executed);
    Ok(MeasureExecution {
        measure_id: MeasureId(id),
        version: db::budget::version(conn, id)?,
        total: cells.iter().map(|c| c.execution).sum(),
        cells,
        quarters,
        can_set_approved: actor.can_decide(),
    })
}

/// The measure's execution, if the user may read it.
pub fn get(app: &App, actor: &Actor, id: MeasureId) -> AppResult<MeasureExecution> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        load(conn, &structure, actor, id.0)
    })
}

/// The department enters the measure's approved amounts (the whole set) from the version it saw
/// (409 with the execution as it is).
pub fn set_approved(
    app: &App,
    actor: &Actor,
    id: MeasureId,
    body: &SetApproved,
) -> AppResult<MeasureExecution> {
    let id = id.0;
    let result = app.write(&actor.into(), |tx| {
        let row = db::measures::find(tx.conn, id)?.ok_or(ErrorCode::NotFound)?;
        if !actor.can_read_org(tx.structure(), OrgId(row.org_id)) {
            return Err(ErrorCode::NotFound.into());
        }
        if !actor.can_decide() {
            return Err(ErrorCode::Forbidden.into());
        }
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, c) in body.approved.iter().enumerate() {
            let field = |f: &str| format!("approved[{i}].{f}");
            if !(row.start_year..=row.end_year).contains(&c.year.get()) {
                return Err(AppError::field(
                    ErrorCode::BudgetLineOutsideYears,
                    field("year"),
                ));
            }
            if !seen.insert((c.year, c.source)) {
                return Err(AppError::field(ErrorCode::LineDuplicate, field("source")));
            }
            c.amount
                .check_line()
                .map_err(|code| AppError::field(code, field("amount")))?;
            if !c.amount.is_zero() {
                rows.push(db::budget::ApprovedRow {
                    measure_id: id,
                    year: c.year.get(),
                    source: c.source.as_str().to_string(),
                    amount_uah: c.amount.to_uah(),
                });
            }
        }
        let before = db::budget::of_measure(tx.conn, id)?;
        if !db::budget::replace(tx.conn, id, body.version, &rows, Some(actor.id.0), tx.now)? {
            return Err(ErrorCode::VersionConflict.into());
        }
        let cells = |rows: &[db::budget::ApprovedRow]| {
            rows.iter()
                .map(|r| serde_json::json!([r.year, r.source, Amount::from_uah(r.amount_uah)]))
                .collect::<Vec<_>>()
        };
        tx.reports_changed();
        tx.record(
            Entry::new(AuditAction::BudgetApproved, "measure")
                .id(id)
                .org(row.org_id)
                .before(&cells(&before))
                .after(&cells(&rows)),
        );
        tx.announce(measure_event(
            LiveEventKind::BudgetApproved,
            id,
            row.org_id,
            &actor.name,
        ));
        let structure = tx.structure().clone();
        load(tx.conn, &structure, actor, id)
    });
    match result {
        Err(e) if e.code() == ErrorCode::VersionConflict => {
            Err(AppError::conflict(get(app, actor, MeasureId(id))?))
        }
        other => other,
    }
}
