//! Reports: who reports what, a report as its author and reviewers see it, saving a draft, and the steps of its way up.
//!
//! Rules (see also `shared::api::reports`):
//! - An organisation reports, for a period, its approved measures whose years include the
//!   period's year, and the indicators it is named a reporter of (formula indicators are computed).
//! - A draft can be written once the period has started; it is submitted once the period has
//!   ended, with every measure's status and every indicator's value.
//! - Executed amounts are what *approved* quarterly reports say; an annual report carries no
//!   spending of its own, its year's spending is the sum of its quarters.
//! - An organisation is held to an indicator's targets (and so has a status of its own) when it
//!   is the indicator's only reporter, or when the indicator combines its reporters by mean.

use crate::authz::Actor;
use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::services::audit::{self, Change as AuditChange};
use crate::services::inbox::{self, About};
use crate::services::live::report_event;
use crate::services::snapshot::{MeasureEntry, Snapshot};
use crate::services::structure::{OrgInfo, Structure};
use rust_decimal::Decimal;
use shared::api::audit::AuditAction;
use shared::api::events::{LiveEvent, LiveEventKind};
use shared::api::inbox::NotificationKind;
use shared::api::measures::MeasureStatus;
use shared::api::orgs::OrgKind;
use shared::api::proposals::check_reason;
use shared::api::reports::{
    ExecutionStatus, Report, ReportAction, ReportCalendar, ReportMeasure, ReportQuery, ReportRow,
    ReportStage, ReportStep, ReportStepRequest, ReportValue, SaveReport, SpendingLine,
};
use shared::calendar::{compliance, deadlines, Date, ReportDates, ReportPeriod, ReportStatus};
use shared::indicators::{check_reported, Actual, Indicator, IndicatorKind, Reporters};
use shared::{Amount, BudgetGrid, ErrorCode, FundingSource, IndicatorId, OrgId, Quarter, Year};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A stored indicator: its stable code and definition.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    pub code: String,
    pub indicator: Indicator,
}

/// Every indicator, in their order.
pub fn indicators(conn: &mut DbConn) -> ApiResult<Vec<IndicatorDef>> {
    db::indicators::all(conn)?
        .into_iter()
        .map(|row| {
            let indicator: Indicator = serde_json::from_str(&row.definition)
                .map_err(|e| ApiError::internal(anyhow::anyhow!("indicator {}: {e}", row.code)))?;
            Ok(IndicatorDef {
                code: row.code,
                indicator,
            })
        })
        .collect()
}

/// Whether `org` types values of this indicator.
pub fn reports_indicator(ind: &Indicator, org: &OrgInfo) -> bool {
    ind.formula.is_none()
        && match &ind.reporters {
            Reporters::AllCommunities => org.kind == OrgKind::Community,
            Reporters::AllDistricts => org.kind == OrgKind::District,
            Reporters::Orgs { ids } => ids.contains(&org.id),
            Reporters::Computed => false,
        }
}

/// Whether each reporter is held to the indicator's targets (and has a status of its own).
pub fn held_to_targets(ind: &Indicator) -> bool {
    ind.aggregate.per_reporter_status()
        || matches!(&ind.reporters, Reporters::Orgs { ids } if ids.len() == 1)
}

/// The approved measures of `org` that run in `year`, in the plan's order.
pub fn measures_for(snapshot: &Snapshot, org: OrgId, year: Year) -> Vec<&MeasureEntry> {
    let s = &snapshot.structure;
    let mut list: Vec<&MeasureEntry> = snapshot
        .measures
        .iter()
        .filter(|m| {
            m.org_id == org
                && m.status == MeasureStatus::Approved
                && m.start_year <= year
                && year <= m.end_year
        })
        .collect();
    list.sort_by_key(|m| (s.task(m.task_id).map(|t| t.code), m.id));
    list
}

/// The organisations that report for a year: those with measures running in it or with an
/// indicator to report, in the structure's order.
pub fn reporting_orgs(
    structure: &Structure,
    snapshot: &Snapshot,
    defs: &[IndicatorDef],
    year: Year,
) -> Vec<OrgId> {
    let with_measures: HashSet<OrgId> = snapshot
        .measures
        .iter()
        .filter(|m| {
            m.status == MeasureStatus::Approved && m.start_year <= year && year <= m.end_year
        })
        .map(|m| m.org_id)
        .collect();
    structure
        .orgs
        .iter()
        .filter(|o| {
            with_measures.contains(&o.id) || defs.iter().any(|d| reports_indicator(&d.indicator, o))
        })
        .map(|o| o.id)
        .collect()
}

/// The period before: the previous quarter (across the year end), or the previous year.
pub fn previous(period: ReportPeriod) -> Option<ReportPeriod> {
    match period {
        ReportPeriod::Quarter(q) if q.quarter > 1 => Quarter::new(q.year, q.quarter - 1)
            .ok()
            .map(ReportPeriod::Quarter),
        ReportPeriod::Quarter(q) => Year::new(q.year.get() - 1)
            .ok()
            .and_then(|y| Quarter::new(y, 4).ok())
            .map(ReportPeriod::Quarter),
        ReportPeriod::Annual { year } => Year::new(year.get() - 1)
            .ok()
            .map(|year| ReportPeriod::Annual { year }),
    }
}

pub fn stage_of(row: &db::reports::ReportRow) -> ApiResult<ReportStage> {
    ReportStage::parse(&row.stage)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("report stage {}", row.stage)))
}

fn date(s: Option<&str>) -> Option<Date> {
    s.and_then(|s| Date::parse(s).ok())
}

/// What the calendar needs to know of a stored report.
pub fn dates_of(row: Option<&db::reports::ReportRow>) -> ReportDates {
    ReportDates {
        started: row.is_some(),
        submitted_on: row.and_then(|r| date(r.submitted_on.as_deref())),
        approved_on: row.and_then(|r| date(r.approved_on.as_deref())),
    }
}

/// The settings a report's rules read.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub max_change_percent: Decimal,
    pub remind_days_before: u32,
    pub community_requires_district: bool,
}

pub fn rules(conn: &mut DbConn) -> ApiResult<Rules> {
    let s = db::reports::settings(conn)?;
    Ok(Rules {
        max_change_percent: s.max_change_percent.parse().unwrap_or(Decimal::from(
            shared::indicators::DEFAULT_MAX_CHANGE_PERCENT,
        )),
        remind_days_before: u32::try_from(s.remind_days_before).unwrap_or(0),
        community_requires_district: db::proposals::community_requires_district(conn)?,
    })
}

/// What every report operation reads.
pub struct Ctx {
    pub structure: Arc<Structure>,
    pub snapshot: Arc<Snapshot>,
    pub defs: Vec<IndicatorDef>,
    pub today: Date,
    pub rules: Rules,
}

impl Ctx {
    pub fn load(conn: &mut DbConn, st: &crate::state::AppState) -> ApiResult<Ctx> {
        let snapshot = st.snapshot(conn)?;
        Ok(Ctx {
            structure: snapshot.structure.clone(),
            snapshot,
            defs: indicators(conn)?,
            today: st.clock.today(),
            rules: rules(conn)?,
        })
    }

    fn org(&self, org: OrgId) -> ApiResult<&OrgInfo> {
        self.structure
            .org(org)
            .ok_or_else(|| ErrorCode::NotFound.into())
    }

    /// The indicators `org` types, in their order.
    pub fn indicators_of(&self, org: &OrgInfo) -> Vec<&IndicatorDef> {
        self.defs
            .iter()
            .filter(|d| reports_indicator(&d.indicator, org))
            .collect()
    }
}

/// Who writes a report: the organisation's coordinators, or the department for an executor.
fn writers(conn: &mut DbConn, org: &OrgInfo) -> ApiResult<Vec<i32>> {
    let own = db::notifications::coordinators_of(conn, org.id.0)?;
    if own.is_empty() {
        Ok(db::notifications::users_with_role(
            conn,
            &[shared::Role::Department.as_str()],
        )?)
    } else {
        Ok(own)
    }
}

fn department(conn: &mut DbConn) -> ApiResult<Vec<i32>> {
    Ok(db::notifications::users_with_role(
        conn,
        &[shared::Role::Department.as_str()],
    )?)
}

/// What the user may do with a report at its stage (the period rules are checked on the step).
fn actions(
    actor: &Actor,
    structure: &Structure,
    org: OrgId,
    stage: Option<ReportStage>,
) -> Vec<ReportAction> {
    let mut out = Vec::new();
    match stage {
        Some(ReportStage::Draft) if actor.can_write_report(structure, org) => {
            out.push(ReportAction::Submit);
        }
        Some(ReportStage::Submitted) if actor.can_endorse_for(structure, org) => {
            out.extend([ReportAction::Endorse, ReportAction::Return]);
        }
        Some(ReportStage::Endorsed) if actor.can_decide() => {
            out.extend([ReportAction::Approve, ReportAction::Return]);
        }
        Some(ReportStage::Approved) if actor.can_decide() => out.push(ReportAction::Unlock),
        _ => {}
    }
    out
}

/// Executed amounts of one measure by the approved quarterly reports of one year: before a
/// quarter (`before: Some(q)`) or the whole year.
fn executed(
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

/// An organisation's values of the year's earlier quarters, for a cumulative actual.
fn earlier_values(
    conn: &mut DbConn,
    org: OrgId,
    period: ReportPeriod,
) -> ApiResult<HashMap<IndicatorId, Decimal>> {
    let mut sums: HashMap<IndicatorId, Decimal> = HashMap::new();
    if let ReportPeriod::Quarter(q) = period {
        for n in 1..q.quarter {
            let p = ReportPeriod::Quarter(Quarter::new(q.year, n)?);
            for v in db::reports::values_of_period(conn, org.0, &p.to_string())? {
                if let Some(value) = v.value.as_deref().and_then(|s| s.parse::<Decimal>().ok()) {
                    *sums.entry(IndicatorId(v.indicator_id)).or_default() += value;
                }
            }
        }
    }
    Ok(sums)
}

fn previous_values(
    conn: &mut DbConn,
    org: OrgId,
    period: ReportPeriod,
) -> ApiResult<HashMap<IndicatorId, Decimal>> {
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

/// The report as `actor` sees it (a blank draft when nothing is saved yet).
pub fn view(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    org_id: OrgId,
    period: ReportPeriod,
) -> ApiResult<Report> {
    let org = ctx.org(org_id)?;
    if !actor.can_see_reports_of(&ctx.structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    let key = period.to_string();
    let row = db::reports::find(conn, org_id.0, &key)?;
    let stage = row.as_ref().map(stage_of).transpose()?;
    let report_id = row.as_ref().map(|r| r.id);
    let (saved_measures, saved_spending, saved_values, steps) = match report_id {
        Some(id) => (
            db::reports::measures_of(conn, id)?,
            db::reports::spending_of(conn, id)?,
            db::reports::values_of(conn, id)?,
            db::reports::steps_of(conn, id)?,
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
            lines: sources
                .into_iter()
                .map(|source| SpendingLine {
                    year,
                    source,
                    planned: m.grid.get(year, source),
                    approved: approved.get(year, source),
                    executed_before: before.get(year, source),
                    spent: spent.get(year, source),
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
            let ind = &d.indicator;
            let saved = saved_values.iter().find(|v| v.indicator_id == ind.id.0);
            let value = saved
                .and_then(|v| v.value.as_deref())
                .and_then(|s| s.parse::<Decimal>().ok());
            let held = held_to_targets(ind);
            let actual = value.map(|v| Actual {
                value: match (ind.kind, period) {
                    (IndicatorKind::Cumulative, ReportPeriod::Quarter(_)) => {
                        v + earlier.get(&ind.id).copied().unwrap_or_default()
                    }
                    _ => v,
                },
                as_of: quarter,
            });
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
                    action: ReportAction::parse(&s.action)?,
                    by_name: s.by_name,
                    at: s.at,
                    reason: s.reason,
                })
            })
            .collect(),
        can_edit: can_write && started && matches!(stage, None | Some(ReportStage::Draft)),
        actions: actions(actor, &ctx.structure, org_id, stage),
        max_change_percent: ctx.rules.max_change_percent,
    })
}

/// Saves the whole draft as the author has it. Returns the events to publish.
pub fn save(
    conn: &mut DbConn,
    ctx: &Ctx,
    user: &CurrentUser,
    org_id: OrgId,
    period: ReportPeriod,
    req: &SaveReport,
) -> ApiResult<Vec<LiveEvent>> {
    let org = ctx.org(org_id)?;
    if !user.actor.can_see_reports_of(&ctx.structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    if !user.actor.can_write_report(&ctx.structure, org_id) {
        return Err(ErrorCode::Forbidden.into());
    }
    if ctx.today < period.start() {
        return Err(ApiError::new(ErrorCode::ReportPeriodNotStarted));
    }
    req.check_shape().map_err(ApiError::from)?;
    let year = period.year();
    let allowed: HashMap<i32, &MeasureEntry> = measures_for(&ctx.snapshot, org_id, year)
        .into_iter()
        .map(|m| (m.id.0, m))
        .collect();
    let key = period.to_string();
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let now = db::now_ms();
        let row = match db::reports::find(conn, org_id.0, &key)? {
            Some(row) => {
                match stage_of(&row)? {
                    ReportStage::Draft => {}
                    ReportStage::Approved => return Err(ApiError::new(ErrorCode::ReportLocked)),
                    _ => return Err(ApiError::new(ErrorCode::ReportWrongState)),
                }
                if row.version != req.version
                    || !db::reports::touch(conn, row.id, req.version, user.user.id, now)?
                {
                    return Err(ApiError::new(ErrorCode::ReportVersionConflict));
                }
                row
            }
            None if req.version == 0 => {
                db::reports::insert(conn, org_id.0, &key, Some(user.user.id), now)?
            }
            None => return Err(ApiError::new(ErrorCode::ReportVersionConflict)),
        };
        let with_spending: Vec<i32> = req
            .measures
            .iter()
            .filter(|m| !m.spending.is_empty())
            .map(|m| m.measure_id.0)
            .collect();
        let mut approved_of = db::budget::grids_of(conn, &with_spending)?;
        let mut measures = Vec::new();
        let mut spending = Vec::new();
        for (i, m) in req.measures.iter().enumerate() {
            let Some(entry) = allowed.get(&m.measure_id.0) else {
                return Err(ApiError::field(
                    ErrorCode::ReportMeasureUnknown,
                    format!("measures[{i}].measure_id"),
                ));
            };
            if period.is_annual() && m.spending.iter().any(|s| !s.amount.is_zero()) {
                return Err(ApiError::field(
                    ErrorCode::SpendingInAnnual,
                    format!("measures[{i}].spending"),
                ));
            }
            let approved = approved_of.remove(&m.measure_id.0).unwrap_or_default();
            for (j, s) in m.spending.iter().enumerate() {
                if s.amount.is_zero() {
                    continue;
                }
                let budgeted = !entry.grid.get(year, s.source).is_zero()
                    || !approved.get(year, s.source).is_zero();
                if !budgeted {
                    return Err(ApiError::field(
                        ErrorCode::SpendingNotInBudget,
                        format!("measures[{i}].spending[{j}].source"),
                    ));
                }
                spending.push(db::reports::SpendingRow {
                    report_id: row.id,
                    measure_id: m.measure_id.0,
                    year: year.get(),
                    source: s.source.as_str().to_string(),
                    amount_uah: s.amount.to_uah(),
                });
            }
            measures.push(db::reports::MeasureRow {
                report_id: row.id,
                measure_id: m.measure_id.0,
                status: m.status.map(|s| s.as_str().to_string()),
                narrative: m.narrative.trim().to_string(),
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
                return Err(ApiError::field(
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
                    .map_err(ApiError::from)?,
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
        record(
            conn,
            user,
            AuditAction::ReportSaved,
            &row,
            serde_json::json!({
                "period": key,
                "measures": measures.len(),
                "spending_lines": spending.len(),
                "values": values.len(),
            }),
        )?;
        Ok(vec![report_event(
            LiveEventKind::ReportChanged,
            org_id.0,
            period,
            true,
            &user.user.display_name,
        )])
    })
}

/// Every report write moves the dashboard's revision and goes on the record.
fn record(
    conn: &mut DbConn,
    user: &CurrentUser,
    action: AuditAction,
    row: &db::reports::ReportRow,
    detail: serde_json::Value,
) -> ApiResult<()> {
    db::plan_state::bump_reports(conn)?;
    audit::record(
        conn,
        &user.into(),
        AuditChange::<(), _> {
            action,
            entity: "report",
            entity_id: Some(row.id),
            subject_org: Some(row.org_id),
            before: None,
            after: Some(&detail),
        },
    )?;
    Ok(())
}

/// The checks a submission makes beyond the stage: the period is over, and the report is whole.
fn check_complete(
    conn: &mut DbConn,
    ctx: &Ctx,
    org: &OrgInfo,
    period: ReportPeriod,
    report_id: i32,
) -> ApiResult<()> {
    if !period.has_ended(ctx.today) {
        return Err(ApiError::new(ErrorCode::ReportPeriodNotEnded));
    }
    let saved = db::reports::measures_of(conn, report_id)?;
    for (i, m) in measures_for(&ctx.snapshot, org.id, period.year())
        .iter()
        .enumerate()
    {
        let has_status = saved
            .iter()
            .any(|r| r.measure_id == m.id.0 && r.status.is_some());
        if !has_status {
            return Err(ApiError::field(
                ErrorCode::ExecutionStatusRequired,
                format!("measures[{i}].status"),
            ));
        }
    }
    let values = db::reports::values_of(conn, report_id)?;
    for (i, d) in ctx.indicators_of(org).iter().enumerate() {
        let has_value = values
            .iter()
            .any(|v| v.indicator_id == d.indicator.id.0 && v.value.is_some());
        if !has_value {
            return Err(ApiError::field(
                ErrorCode::IndicatorValueRequired,
                format!("values[{i}].value"),
            ));
        }
    }
    Ok(())
}

/// Takes one step of a report's way. Returns the events to publish.
pub fn step(
    conn: &mut DbConn,
    ctx: &Ctx,
    user: &CurrentUser,
    org_id: OrgId,
    period: ReportPeriod,
    action: ReportAction,
    req: &ReportStepRequest,
) -> ApiResult<Vec<LiveEvent>> {
    let org = ctx.org(org_id)?;
    let structure = &ctx.structure;
    let actor = &user.actor;
    if !actor.can_see_reports_of(structure, org_id) {
        return Err(ErrorCode::NotFound.into());
    }
    let (allowed, from) = match action {
        ReportAction::Submit => (
            actor.can_write_report(structure, org_id),
            &[ReportStage::Draft][..],
        ),
        ReportAction::Endorse => (
            actor.can_endorse_for(structure, org_id),
            &[ReportStage::Submitted][..],
        ),
        ReportAction::Return => (
            actor.can_endorse_for(structure, org_id) || actor.can_decide(),
            &[ReportStage::Submitted, ReportStage::Endorsed][..],
        ),
        ReportAction::Approve => (actor.can_decide(), &[ReportStage::Endorsed][..]),
        ReportAction::Unlock => (actor.can_decide(), &[ReportStage::Approved][..]),
    };
    if !allowed {
        return Err(ErrorCode::Forbidden.into());
    }
    let reason = req.reason.as_deref().map(str::trim).unwrap_or_default();
    if matches!(action, ReportAction::Return | ReportAction::Unlock) {
        check_reason(reason).map_err(|code| ApiError::field(code, "reason"))?;
    } else if reason.chars().count() > shared::api::proposals::REASON_MAX {
        return Err(ApiError::field(ErrorCode::TextTooLong, "reason"));
    }
    let key = period.to_string();
    conn.write_tx(|conn| -> ApiResult<Vec<LiveEvent>> {
        let row = db::reports::find(conn, org_id.0, &key)?.ok_or(ErrorCode::ReportWrongState)?;
        let stage = stage_of(&row)?;
        if !from.contains(&stage) {
            let code = if stage == ReportStage::Approved {
                ErrorCode::ReportLocked
            } else {
                ErrorCode::ReportWrongState
            };
            return Err(ApiError::new(code));
        }
        // Who returns depends on where it is: the district at its step, the department at its.
        if action == ReportAction::Return {
            let may = match stage {
                ReportStage::Submitted => actor.can_endorse_for(structure, org_id),
                _ => actor.can_decide(),
            };
            if !may {
                return Err(ErrorCode::Forbidden.into());
            }
        }
        if row.version != req.version {
            return Err(ApiError::new(ErrorCode::ReportVersionConflict));
        }
        let today = ctx.today.to_string();
        let (next, advance, kind, audit_action) = match action {
            ReportAction::Submit => {
                check_complete(conn, ctx, org, period, row.id)?;
                let to_district =
                    org.kind == OrgKind::Community && ctx.rules.community_requires_district;
                let next = if to_district {
                    ReportStage::Submitted
                } else {
                    ReportStage::Endorsed
                };
                (
                    next,
                    db::reports::Advance {
                        stage: next.as_str(),
                        first_submitted_on: Some(&today),
                        submitted_on: Some(Some(&today)),
                        approved_on: None,
                    },
                    LiveEventKind::ReportSubmitted,
                    AuditAction::ReportSubmitted,
                )
            }
            ReportAction::Endorse => (
                ReportStage::Endorsed,
                db::reports::Advance {
                    stage: ReportStage::Endorsed.as_str(),
                    first_submitted_on: None,
                    submitted_on: None,
                    approved_on: None,
                },
                LiveEventKind::ReportEndorsed,
                AuditAction::ReportEndorsed,
            ),
            ReportAction::Return => (
                ReportStage::Draft,
                db::reports::Advance {
                    stage: ReportStage::Draft.as_str(),
                    first_submitted_on: None,
                    submitted_on: Some(None),
                    approved_on: None,
                },
                LiveEventKind::ReportReturned,
                AuditAction::ReportReturned,
            ),
            ReportAction::Approve => (
                ReportStage::Approved,
                db::reports::Advance {
                    stage: ReportStage::Approved.as_str(),
                    first_submitted_on: None,
                    submitted_on: None,
                    approved_on: Some(Some(&today)),
                },
                LiveEventKind::ReportApproved,
                AuditAction::ReportApproved,
            ),
            ReportAction::Unlock => (
                ReportStage::Draft,
                db::reports::Advance {
                    stage: ReportStage::Draft.as_str(),
                    first_submitted_on: None,
                    submitted_on: Some(None),
                    approved_on: Some(None),
                },
                LiveEventKind::ReportUnlocked,
                AuditAction::ReportUnlocked,
            ),
        };
        let now = db::now_ms();
        if !db::reports::advance(conn, row.id, row.version, Some(user.user.id), now, &advance)? {
            return Err(ApiError::new(ErrorCode::ReportVersionConflict));
        }
        let reason = Some(reason).filter(|r| !r.is_empty());
        db::reports::insert_step(
            conn,
            &db::reports::NewStep {
                report_id: row.id,
                action: action.as_str(),
                by_user: Some(user.user.id),
                by_name: &user.user.display_name,
                reason,
                at: now,
            },
        )?;
        record(
            conn,
            user,
            audit_action,
            &row,
            serde_json::json!({
                "period": key,
                "from": stage.as_str(),
                "to": next.as_str(),
                "reason": reason,
            }),
        )?;
        notify(conn, user, org, period, action, next, reason)?;
        Ok(vec![report_event(
            kind,
            org_id.0,
            period,
            false,
            &user.user.display_name,
        )])
    })
}

/// The inbox items of a step: the next reviewers hear it waits for them; the authors hear of a
/// return, an unlock or an approval.
#[allow(clippy::too_many_arguments)]
fn notify(
    conn: &mut DbConn,
    user: &CurrentUser,
    org: &OrgInfo,
    period: ReportPeriod,
    action: ReportAction,
    next: ReportStage,
    reason: Option<&str>,
) -> ApiResult<()> {
    let summary = match reason {
        Some(r) => format!("{}, {period}: {r}", org.name.uk),
        None => format!("{}, {period}", org.name.uk),
    };
    let (kind, users) = match (action, next) {
        (ReportAction::Submit, ReportStage::Submitted) => {
            let district = org.parent.map_or(Ok(Vec::new()), |p| {
                db::notifications::coordinators_of(conn, p.0)
            })?;
            (NotificationKind::ReportWaiting, district)
        }
        (ReportAction::Submit | ReportAction::Endorse, _) => {
            (NotificationKind::ReportWaiting, department(conn)?)
        }
        (ReportAction::Return | ReportAction::Unlock, _) => {
            (NotificationKind::ReportReturned, writers(conn, org)?)
        }
        (ReportAction::Approve, _) => (NotificationKind::ReportApproved, writers(conn, org)?),
    };
    inbox::notify_users(
        conn,
        user,
        kind,
        &users,
        About::Report(period),
        org.id.0,
        &summary,
    )?;
    Ok(())
}

/// The reporting calendar: one period for every organisation the user sees, or every period
/// for one organisation.
pub fn calendar(
    conn: &mut DbConn,
    ctx: &Ctx,
    actor: &Actor,
    query: &ReportQuery,
) -> ApiResult<ReportCalendar> {
    let structure = &ctx.structure;
    let keys: Vec<(OrgId, ReportPeriod)> = match (query.org, &query.period) {
        (Some(org), period) => {
            ctx.org(org)?;
            if !actor.can_see_reports_of(structure, org) {
                return Err(ErrorCode::NotFound.into());
            }
            let periods = match period {
                Some(p) => {
                    vec![ReportPeriod::parse(p).map_err(|code| ApiError::field(code, "period"))?]
                }
                None => ReportPeriod::all(),
            };
            periods.into_iter().map(|p| (org, p)).collect()
        }
        (None, period) => {
            let period = match period {
                Some(p) => {
                    ReportPeriod::parse(p).map_err(|code| ApiError::field(code, "period"))?
                }
                None => default_period(ctx.today),
            };
            reporting_orgs(structure, &ctx.snapshot, &ctx.defs, period.year())
                .into_iter()
                .filter(|o| actor.can_see_reports_of(structure, *o))
                .map(|o| (o, period))
                .collect()
        }
    };
    let rows = match query.org {
        Some(org) => db::reports::list(conn, None, Some(org.0))?,
        None => match keys.first() {
            Some((_, period)) => db::reports::list(conn, Some(&period.to_string()), None)?,
            None => Vec::new(),
        },
    };
    let by_key: HashMap<(i32, &str), &db::reports::ReportRow> = rows
        .iter()
        .map(|r| ((r.org_id, r.period.as_str()), r))
        .collect();
    let mut out = Vec::new();
    for (org_id, period) in keys {
        let Some(org) = structure.org(org_id) else {
            continue;
        };
        let key = period.to_string();
        let row = by_key.get(&(org_id.0, key.as_str())).copied();
        let stage = row.map(stage_of).transpose()?;
        let status = ReportStatus::of(period, dates_of(row), ctx.today);
        let first = row.and_then(|r| date(r.first_submitted_on.as_deref()));
        let waiting = match stage {
            Some(ReportStage::Submitted) => actor.can_endorse_for(structure, org_id),
            Some(ReportStage::Endorsed) => actor.can_decide(),
            None | Some(ReportStage::Draft) => {
                actor.can_write_report(structure, org_id) && period.has_ended(ctx.today)
            }
            Some(ReportStage::Approved) => false,
        };
        out.push(ReportRow {
            org: org.to_ref(),
            period,
            stage,
            compliance: compliance(first, status.due, ctx.today),
            status,
            submitted_on: first,
            waiting_for_me: waiting,
        });
    }
    Ok(ReportCalendar {
        today: ctx.today,
        rows: out,
    })
}

/// The period a calendar opens at: the latest ended quarter, or the first one.
pub fn default_period(today: Date) -> ReportPeriod {
    ReportPeriod::Quarter(
        ReportPeriod::latest_ended_quarter(today).unwrap_or(Quarter {
            year: Year::FIRST,
            quarter: 1,
        }),
    )
}
