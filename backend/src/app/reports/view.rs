//! A report as its author and reviewers see it: the measures with their spending per budget line
//! (planned, approved, executed before, spent now), the indicator values with their actual and
//! status, the record of its steps and the steps the user may take now.

use super::{dates_of, held_to_targets, measures_for, previous, spot, stage_of, Ctx};
use crate::app::actor::Actor;
use crate::app::chain;
use crate::app::error::AppResult;
use crate::db::{self, DbConn};
use rust_decimal::Decimal;
use shared::api::reports::{
    ExecutionStatus, Report, ReportMeasure, ReportStage, ReportStep, ReportValue, SpendingLine,
};
use shared::calendar::{deadlines, ReportPeriod, ReportStatus};
use shared::chain::Action;
use shared::execution::overspent;
use shared::indicators::{report_actual, QuarterValue};
use shared::{Amount, BudgetGrid, ErrorCode, FundingSource, IndicatorId, OrgId, Quarter, Year};
use std::collections::HashMap;

/// Executed amounts of one measure by the approved quarterly reports of one year: before a
/// quarter (`before: Some(q)`) or the whole year.
pub(super) fn executed(
    rows: &[(db::reports::SpendingRow, db::reports::ReportRow)],
    year: Year,
    before: Option<u8>,
) -> BudgetGrid {
    let mut grid = BudgetGrid::new();
    for (s, r) in rows {
        let Ok(ReportPeriod::Quarter(q)) = ReportPeriod::parse(&r.period) else {
            continue;
        };
        if r.stage != ReportStage::Approved.as_str() || q.year != year {
            continue;
        }
        if before.is_some_and(|b| q.quarter >= b) {
            continue;
        }
        if let Some(source) = FundingSource::parse(&s.source) {
            grid.add(year, source, Amount::from_uah(s.amount_uah));
        }
    }
    grid
}

/// An organisation's values of the year's quarters before this one (saved at any stage), for
/// the actual the report shows.
fn earlier_values(
    conn: &mut DbConn,
    org: OrgId,
    period: ReportPeriod,
) -> AppResult<HashMap<IndicatorId, Vec<QuarterValue>>> {
    let mut out: HashMap<IndicatorId, Vec<QuarterValue>> = HashMap::new();
    if let ReportPeriod::Quarter(q) = period {
        for n in 1..q.quarter {
            let quarter = Quarter::new(q.year, n)?;
            let p = ReportPeriod::Quarter(quarter);
            for v in db::reports::values_of_period(conn, org.0, &p.to_string())? {
                if let Some(value) = v.value.as_deref().and_then(|s| s.parse::<Decimal>().ok()) {
                    out.entry(IndicatorId(v.indicator_id))
                        .or_default()
                        .push(QuarterValue { quarter, value });
                }
            }
        }
    }
    Ok(out)
}

pub(super) fn previous_values(
    conn: &mut DbConn,
    org: OrgId,
    period: ReportPeriod,
) -> AppResult<HashMap<IndicatorId, Decimal>> {
    let Some(prev) = previous(period) else {
        return Ok(HashMap::new());
    };
    Ok(
        db::reports::values_of_period(conn, org.0, &prev.to_string())?
            .into_iter()
            .filter_map(|v| {
                let value = v.value.as_deref()?.parse::<Decimal>().ok()?;
                Some((IndicatorId(v.indicator_id), value))
            })
            .collect(),
    )
}

/// What a report says: its measures with their spending and its indicator values.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Content {
    pub measures: Vec<ReportMeasure>,
    pub values: Vec<ReportValue>,
}

/// A report's content as the plan, the approved amounts and the saved rows give it now.
pub fn content(
    conn: &mut DbConn,
    ctx: &Ctx,
    org_id: OrgId,
    period: ReportPeriod,
    report_id: Option<i32>,
) -> AppResult<Content> {
    let org = ctx.org(org_id)?;
    let (saved_measures, saved_spending, saved_values) = match report_id {
        Some(id) => (
            db::reports::measures_of(conn, id)?,
            db::reports::spending_of(conn, id)?,
            db::reports::values_of(conn, id)?,
        ),
        None => Default::default(),
    };
    let year = period.year();
    let listed = measures_for(&ctx.snapshot, org_id, year);
    let ids: Vec<i32> = listed.iter().map(|m| m.id.0).collect();
    let mut approved_of = db::budget::grids_of(conn, &ids)?;
    let mut spent_of: HashMap<i32, Vec<(db::reports::SpendingRow, db::reports::ReportRow)>> =
        HashMap::new();
    for (s, r) in db::reports::spending_of_org_year(conn, org_id.0, year.get())? {
        spent_of.entry(s.measure_id).or_default().push((s, r));
    }
    let saved_by: HashMap<i32, &db::reports::MeasureRow> =
        saved_measures.iter().map(|r| (r.measure_id, r)).collect();
    let mut saved_spent: HashMap<i32, Vec<&db::reports::SpendingRow>> = HashMap::new();
    for s in &saved_spending {
        saved_spent.entry(s.measure_id).or_default().push(s);
    }
    let mut measures = Vec::new();
    for m in listed {
        let saved = saved_by.get(&m.id.0).copied();
        let spent_rows = spent_of.remove(&m.id.0).unwrap_or_default();
        let approved = approved_of.remove(&m.id.0).unwrap_or_default();
        let (before, spent) = match period {
            ReportPeriod::Quarter(q) => {
                let mut spent = BudgetGrid::new();
                for s in saved_spent.get(&m.id.0).into_iter().flatten() {
                    if let Some(source) = FundingSource::parse(&s.source) {
                        spent.add(year, source, Amount::from_uah(s.amount_uah));
                    }
                }
                (executed(&spent_rows, year, Some(q.quarter)), spent)
            }
            ReportPeriod::Annual { .. } => (BudgetGrid::new(), executed(&spent_rows, year, None)),
        };
        let sources: Vec<FundingSource> = FundingSource::ALL
            .into_iter()
            .filter(|&s| {
                [&m.grid, &approved, &before, &spent]
                    .iter()
                    .any(|g| !g.get(year, s).is_zero())
            })
            .collect();
        measures.push(ReportMeasure {
            measure_id: m.id,
            task_code: ctx
                .structure
                .task(m.task_id)
                .map(|t| t.code.to_string())
                .unwrap_or_default(),
            name: m.name.clone(),
            status: saved
                .and_then(|r| r.status.as_deref())
                .and_then(ExecutionStatus::parse),
            narrative: saved.map(|r| r.narrative.clone()).unwrap_or_default(),
            reasons: saved.map(|r| r.reasons.clone()).unwrap_or_default(),
            lines: sources
                .into_iter()
                .map(|source| {
                    let (planned, approved, before, spent) = (
                        m.grid.get(year, source),
                        approved.get(year, source),
                        before.get(year, source),
                        spent.get(year, source),
                    );
                    SpendingLine {
                        year,
                        source,
                        planned,
                        approved,
                        executed_before: before,
                        spent,
                        comment: saved_spent
                            .get(&m.id.0)
                            .into_iter()
                            .flatten()
                            .find(|s| s.source == source.as_str())
                            .map(|s| s.comment.clone())
                            .unwrap_or_default(),
                        over: overspent(planned, approved, before, spent),
                    }
                })
                .collect(),
        });
    }
    let previous = previous_values(conn, org_id, period)?;
    let earlier = earlier_values(conn, org_id, period)?;
    let quarter = period.last_quarter();
    let values = ctx
        .indicators_of(org)
        .into_iter()
        .map(|d| {
            let ind = d.indicator.for_org(org_id);
            let saved = saved_values.iter().find(|v| v.indicator_id == ind.id.0);
            let value = saved
                .and_then(|v| v.value.as_deref())
                .and_then(|s| s.parse::<Decimal>().ok());
            let held = held_to_targets(&d.indicator, org_id);
            let earlier = earlier.get(&ind.id).map_or(&[][..], Vec::as_slice);
            let actual = value.and_then(|v| report_actual(ind.kind, period, v, earlier));
            let evaluation = ind.evaluate(actual, quarter);
            ReportValue {
                indicator_id: ind.id,
                code: d.code.clone(),
                name: ind.name.clone(),
                unit: ind.unit,
                kind: ind.kind,
                previous: previous.get(&ind.id).copied(),
                expected: if held {
                    ind.expected(quarter)
                        .map(|e| ind.unit.round_expected(e.value))
                } else {
                    None
                },
                value,
                comment: saved.map(|v| v.comment.clone()).unwrap_or_default(),
                status: if held {
                    evaluation.status
                } else {
                    shared::IndicatorStatus::NoTarget
                },
            }
        })
        .collect();
    Ok(Content { measures, values })
}

/// The report as `actor` sees it (a blank draft when nothing is saved yet).
pub fn view(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    org_id: OrgId,
    period: ReportPeriod,
) -> AppResult<Report> {
    let org = ctx.org(org_id)?;
    if !actor.can_see_reports_of(&ctx.structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    let key = period.to_string();
    let row = db::reports::find(conn, org_id.0, &key)?;
    let stage = row.as_ref().map(stage_of).transpose()?;
    let report_id = row.as_ref().map(|r| r.id);
    let steps = match report_id {
        Some(id) => db::reports::steps_of(conn, id)?,
        None => Vec::new(),
    };
    // An approved report says what it said when it was approved, whatever the plan became.
    let frozen = match (stage, report_id) {
        (Some(ReportStage::Approved), Some(id)) => db::reports::frozen(conn, id)?
            .and_then(|json| serde_json::from_str::<Content>(&json).ok()),
        _ => None,
    };
    let Content { measures, values } = match frozen {
        Some(content) => content,
        None => content(conn, ctx, org_id, period, report_id)?,
    };
    let can_write = actor.can_write_report(&ctx.structure, org_id);
    let started = ctx.today >= period.start();
    Ok(Report {
        org: org.to_ref(),
        period,
        stage,
        status: ReportStatus::of(period, dates_of(row.as_ref()), ctx.today),
        deadlines: deadlines(period),
        version: row.as_ref().map_or(0, |r| r.version),
        measures,
        values,
        steps: steps
            .into_iter()
            .filter_map(|s| {
                Some(ReportStep {
                    action: Action::parse(&s.action)?,
                    by_name: s.by_name,
                    at: s.at,
                    reason: s.reason,
                })
            })
            .collect(),
        can_edit: can_write && started && matches!(stage, None | Some(ReportStage::Draft)),
        // Nothing saved yet: nothing to submit (the page offers a first save).
        actions: match stage {
            Some(_) => chain::actions(actor, &ctx.structure, &spot(org, &ctx.rules, stage)),
            None => Vec::new(),
        },
        max_change_percent: ctx.rules.max_change_percent,
    })
}
