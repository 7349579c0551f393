//! The head's dashboard: budget execution, indicators, compliance and what is behind, at any level, from an in-memory board.
//!
//! The board holds everything the dashboard reads (the approved plan from the plan snapshot,
//! approved amounts, executed amounts and indicator values of approved reports, every report's
//! dates) and is rebuilt when the plan's or the reports' revision or today's date moves. Each
//! level's answer is computed once per board and kept as JSON; a read within 100 ms of the last
//! revision check, with no write since, touches neither the database nor a blocking thread.
//!
//! Rules where the issue is silent:
//! - Executed amounts and indicator values count once the department approved the report.
//! - A district's figures are its own measures and reports plus its communities'; the oblast's
//!   are everything. Compliance counts every report due so far (and the next one, as not due).
//! - An indicator at a level combines the values of the reporters in that level (sum or mean,
//!   `shared::indicators::Aggregate`); a level has a status for it when the level is the oblast,
//!   or when each reporter is held to the targets (a mean, or a sole reporter).
//! - "Low execution": in the assessed year, executed below half of the approved amount
//!   pro-rated to the assessed quarter.

pub mod figures;
pub mod map;

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::plan::snapshot::{MeasureEntry, Snapshot};
use crate::app::plan::structure::{OrgInfo, Structure};
use crate::app::reports::{self as r, held_to_targets, IndicatorDef};
use crate::app::App;
use crate::db::{self, DbConn};
use bytes::Bytes;
use rust_decimal::Decimal;
use shared::amount::{format_number, format_percent, format_thousands};
use shared::api::dashboard::{
    ChildRow, ComplianceCounts, Crumb, Dashboard, DashboardLevel, DashboardQuery, DirectionRef,
    ExecutionRow, IndicatorTile, PeriodCompliance, TraceReport, TrendPoint, Trouble, TroubleKind,
    TROUBLES_SHOWN,
};
use shared::api::measures::MeasureStatus;
use shared::api::orgs::OrgKind;
use shared::api::reports::{ExecutionStatus, ReportStage};
use shared::calendar::{
    compliance, submission_due, Compliance, Date, ReportDates, ReportPeriod, ReportState,
    ReportStatus,
};
use shared::execution::{overspent, percent, spending_limit, Execution};
use shared::indicators::{
    actual_for, level_actuals, Actual, IndicatorStatus, LevelActual, QuarterValue,
};
use shared::{
    Amount, BudgetGrid, DirectionId, ErrorCode, FundingSource, IndicatorId, Lang, MeasureId, OrgId,
    Quarter, Text, Year,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

/// What is known of one stored report.
#[derive(Debug, Clone)]
struct ReportInfo {
    first_submitted: Option<Date>,
    dates: ReportDates,
}

/// One stored report's spending per measure and source.
type ReportSpending = (
    ReportPeriod,
    ReportStage,
    HashMap<(MeasureId, FundingSource), Amount>,
);
/// A cached answer: (level, id, quarter, source) → JSON.
type Answers = Mutex<HashMap<(DashboardLevel, i32, Quarter, Option<FundingSource>), Bytes>>;

/// Everything the dashboard reads, at one moment.
pub struct Board {
    key: (i64, i64, Date),
    today: Date,
    structure: Arc<Structure>,
    snapshot: Arc<Snapshot>,
    defs: Vec<IndicatorDef>,
    /// The definitions alone, as the shared computations take them.
    indicators: Vec<shared::Indicator>,
    measures: HashMap<MeasureId, usize>,
    approved: HashMap<MeasureId, BudgetGrid>,
    executed: HashMap<MeasureId, BudgetGrid>,
    /// Each approved quarterly report's spending per measure.
    spent_by_report: HashMap<OrgId, Vec<ReportSpending>>,
    /// The latest status an approved report gave each measure.
    measure_status: HashMap<MeasureId, (ReportPeriod, ExecutionStatus)>,
    reports: HashMap<(OrgId, ReportPeriod), ReportInfo>,
    values: HashMap<(IndicatorId, OrgId), Vec<QuarterValue>>,
    /// IND-01's figures per community, from the register of local programmes.
    local_programmes: HashMap<OrgId, Vec<QuarterValue>>,
    reporting: HashMap<Year, Vec<OrgId>>,
    /// Per organisation: execution per year × direction × source.
    org_exec: HashMap<OrgId, BTreeMap<(Year, DirectionId, FundingSource), Execution>>,
    answers: Answers,
}

impl Board {
    fn load(conn: &mut DbConn, app: &App, key: (i64, i64, Date)) -> AppResult<Board> {
        let snapshot = app.snapshot(conn)?;
        let structure = snapshot.structure.clone();
        let defs = r::indicators(conn)?;
        conn.read_tx(|conn| -> AppResult<Board> {
            let approved: HashMap<MeasureId, BudgetGrid> = db::budget::all_grids(conn)?
                .into_iter()
                .map(|(m, g)| (MeasureId(m), g))
                .collect();
            let rows = db::reports::list(conn, None, None)?;
            let mut reports = HashMap::new();
            let mut by_id: HashMap<i32, (OrgId, ReportPeriod, ReportStage)> = HashMap::new();
            for row in &rows {
                let (Ok(period), Some(stage)) = (
                    ReportPeriod::parse(&row.period),
                    ReportStage::parse(&row.stage),
                ) else {
                    continue;
                };
                by_id.insert(row.id, (OrgId(row.org_id), period, stage));
                reports.insert(
                    (OrgId(row.org_id), period),
                    ReportInfo {
                        first_submitted: row
                            .first_submitted_on
                            .as_deref()
                            .and_then(|d| Date::parse(d).ok()),
                        dates: r::dates_of(Some(row)),
                    },
                );
            }
            let approved_report = |id: i32| {
                by_id
                    .get(&id)
                    .filter(|(_, _, s)| *s == ReportStage::Approved)
                    .copied()
            };
            let mut executed: HashMap<MeasureId, BudgetGrid> = HashMap::new();
            let mut per_report: HashMap<i32, HashMap<(MeasureId, FundingSource), Amount>> =
                HashMap::new();
            for s in db::reports::all_spending(conn)? {
                let Some((_, period, stage)) = by_id.get(&s.report_id).copied() else {
                    continue;
                };
                let (Ok(year), Some(source)) = (Year::new(s.year), FundingSource::parse(&s.source))
                else {
                    continue;
                };
                if period.is_annual() {
                    continue;
                }
                let amount = Amount::from_uah(s.amount_uah);
                let cell = per_report
                    .entry(s.report_id)
                    .or_default()
                    .entry((MeasureId(s.measure_id), source))
                    .or_insert(Amount::ZERO);
                *cell = *cell + amount;
                if stage == ReportStage::Approved {
                    executed
                        .entry(MeasureId(s.measure_id))
                        .or_default()
                        .add(year, source, amount);
                }
            }
            let mut spent_by_report: HashMap<OrgId, Vec<_>> = HashMap::new();
            for (report, amounts) in per_report {
                if let Some((org, period, stage)) = by_id.get(&report).copied() {
                    spent_by_report
                        .entry(org)
                        .or_default()
                        .push((period, stage, amounts));
                }
            }
            for list in spent_by_report.values_mut() {
                list.sort_by_key(|(p, _, _)| p.end());
            }
            let mut measure_status: HashMap<MeasureId, (ReportPeriod, ExecutionStatus)> =
                HashMap::new();
            for m in db::reports::all_measures(conn)? {
                let (Some((_, period, _)), Some(status)) = (
                    approved_report(m.report_id),
                    m.status.as_deref().and_then(ExecutionStatus::parse),
                ) else {
                    continue;
                };
                let id = MeasureId(m.measure_id);
                let newer = measure_status.get(&id).is_none_or(|(p, _)| {
                    (p.end(), p.is_annual()) < (period.end(), period.is_annual())
                });
                if newer {
                    measure_status.insert(id, (period, status));
                }
            }
            let mut values: HashMap<(IndicatorId, OrgId), Vec<QuarterValue>> = HashMap::new();
            for v in db::reports::all_values(conn)? {
                let Some((org, ReportPeriod::Quarter(q), _)) = approved_report(v.report_id) else {
                    continue;
                };
                let Some(value) = v.value.as_deref().and_then(|s| s.parse::<Decimal>().ok()) else {
                    continue;
                };
                values
                    .entry((IndicatorId(v.indicator_id), org))
                    .or_default()
                    .push(QuarterValue { quarter: q, value });
            }
            let local_programmes = crate::app::local_programmes::quarter_values(
                &structure,
                &crate::app::local_programmes::load_all(conn)?,
            );
            let measures: HashMap<MeasureId, usize> = snapshot
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id, i))
                .collect();
            let reporting = Year::all()
                .map(|y| (y, r::reporting_orgs(&structure, &snapshot, &defs, y)))
                .collect();
            let mut org_exec: HashMap<
                OrgId,
                BTreeMap<(Year, DirectionId, FundingSource), Execution>,
            > = HashMap::new();
            for m in approved_measures(&snapshot) {
                let Some(task) = structure.task(m.task_id) else {
                    continue;
                };
                let entry = org_exec.entry(m.org_id).or_default();
                for y in Year::all() {
                    for s in FundingSource::ALL {
                        let e = exec_of(m, y, Some(s), &approved, &executed);
                        if !e.is_empty() {
                            *entry.entry((y, task.direction_id, s)).or_default() += e;
                        }
                    }
                }
            }
            Ok(Board {
                key,
                today: key.2,
                structure: structure.clone(),
                snapshot: snapshot.clone(),
                indicators: defs.iter().map(|d| d.indicator.clone()).collect(),
                defs: defs.clone(),
                measures,
                approved,
                executed,
                spent_by_report,
                measure_status,
                reports,
                values,
                local_programmes,
                reporting,
                org_exec,
                answers: Mutex::new(HashMap::new()),
            })
        })
    }

    fn measure(&self, id: MeasureId) -> Option<&MeasureEntry> {
        self.measures
            .get(&id)
            .map(|&i| &self.snapshot.measures[i])
            .filter(|m| m.status == MeasureStatus::Approved)
    }
}

fn approved_measures(snapshot: &Snapshot) -> impl Iterator<Item = &MeasureEntry> {
    snapshot
        .measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Approved)
}

/// A grid's amount in a year: of one funding source, or of all four added up.
fn pick(grid: &BudgetGrid, y: Year, source: Option<FundingSource>) -> Amount {
    match source {
        Some(s) => grid.get(y, s),
        None => grid.year_total(y),
    }
}

/// A measure's three layers in a year, of one source or all: the one place a measure's
/// execution figure is made, for every level above it.
fn exec_of(
    m: &MeasureEntry,
    y: Year,
    source: Option<FundingSource>,
    approved: &HashMap<MeasureId, BudgetGrid>,
    executed: &HashMap<MeasureId, BudgetGrid>,
) -> Execution {
    let of = |grids: &HashMap<MeasureId, BudgetGrid>| {
        grids
            .get(&m.id)
            .map_or(Amount::ZERO, |g| pick(g, y, source))
    };
    Execution::new(pick(&m.grid, y, source), of(approved), of(executed))
}

/// A level of the drill-down, and of the figures official reports take (`figures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole programme.
    Oblast,
    /// A district with its own measures and its communities'.
    District(OrgId),
    /// One organisation's own measures (a community, an oblast executor, a district's own).
    Org(OrgId),
    /// One approved measure.
    Measure(MeasureId),
}

impl Scope {
    fn level(self) -> DashboardLevel {
        match self {
            Scope::Oblast => DashboardLevel::Oblast,
            Scope::District(_) => DashboardLevel::District,
            Scope::Org(_) => DashboardLevel::Community,
            Scope::Measure(_) => DashboardLevel::Measure,
        }
    }

    fn id(self) -> i32 {
        match self {
            Scope::Oblast => 0,
            Scope::District(o) | Scope::Org(o) => o.0,
            Scope::Measure(m) => m.0,
        }
    }
}

impl Board {
    /// That the scope exists (404) and the user may see its dashboard (403).
    fn check(&self, actor: &Actor, scope: Scope) -> AppResult<()> {
        let s = &self.structure;
        let allowed = match scope {
            Scope::Oblast => actor.can_see_oblast_dashboard(),
            Scope::District(o) => {
                s.org(o)
                    .filter(|o| o.kind == OrgKind::District)
                    .ok_or(ErrorCode::NotFound)?;
                actor.can_see_dashboard_of(s, o)
            }
            Scope::Org(o) => {
                s.org(o).ok_or(ErrorCode::NotFound)?;
                actor.can_see_dashboard_of(s, o)
            }
            Scope::Measure(m) => {
                let e = self.measure(m).ok_or(ErrorCode::NotFound)?;
                actor.can_see_dashboard_of(s, e.org_id)
            }
        };
        if allowed {
            Ok(())
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }
}

/// The latest period whose report was due by `today` (the one "latest report" means).
fn latest_due(today: Date) -> Option<ReportPeriod> {
    ReportPeriod::all()
        .into_iter()
        .filter(|p| submission_due(*p) < today)
        .max_by_key(|p| (submission_due(*p), p.is_annual()))
}

impl Board {
    /// The organisations a scope covers.
    fn orgs_in(&self, scope: Scope) -> Vec<&OrgInfo> {
        let s = &self.structure;
        match scope {
            Scope::Oblast => s.orgs.iter().collect(),
            Scope::District(d) => s
                .orgs
                .iter()
                .filter(|o| o.id == d || o.parent == Some(d))
                .collect(),
            Scope::Org(o) => s.org(o).into_iter().collect(),
            Scope::Measure(m) => self
                .measure(m)
                .and_then(|m| s.org(m.org_id))
                .into_iter()
                .collect(),
        }
    }

    fn execution_rows(&self, scope: Scope, source: Option<FundingSource>) -> Vec<ExecutionRow> {
        let mut cells: BTreeMap<(Year, DirectionId), Execution> = BTreeMap::new();
        if let Scope::Measure(id) = scope {
            if let (Some(m), Some(task)) = (
                self.measure(id),
                self.measure(id)
                    .and_then(|m| self.structure.task(m.task_id)),
            ) {
                for y in Year::all() {
                    cells.insert(
                        (y, task.direction_id),
                        exec_of(m, y, source, &self.approved, &self.executed),
                    );
                }
            }
        } else {
            for org in self.orgs_in(scope) {
                for ((y, d, s), e) in self.org_exec.get(&org.id).into_iter().flatten() {
                    if source.is_none_or(|only| only == *s) {
                        *cells.entry((*y, *d)).or_default() += *e;
                    }
                }
            }
        }
        let mut rows = Vec::new();
        for y in Year::all() {
            let year: Execution = cells
                .iter()
                .filter(|((cy, _), _)| *cy == y)
                .map(|(_, e)| *e)
                .sum();
            rows.push(ExecutionRow {
                year: y,
                direction: None,
                execution: year,
            });
            for d in &self.structure.directions {
                if let Some(e) = cells.get(&(y, d.id)) {
                    rows.push(ExecutionRow {
                        year: y,
                        direction: Some(d.id),
                        execution: *e,
                    });
                }
            }
        }
        rows
    }

    fn total(&self, scope: Scope, source: Option<FundingSource>) -> Execution {
        self.execution_rows(scope, source)
            .iter()
            .filter(|r| r.direction.is_none())
            .map(|r| r.execution)
            .sum()
    }

    /// Each indicator's actual at a scope for a quarter, and how many reporters gave a value:
    /// `shared::indicators::level_actuals` over the scope's reporters.
    fn actuals(&self, scope: Scope, q: Quarter) -> HashMap<IndicatorId, LevelActual> {
        if matches!(scope, Scope::Measure(_)) {
            return level_actuals(&self.indicators, |_| Vec::new(), q);
        }
        let orgs = self.orgs_in(scope);
        level_actuals(
            &self.indicators,
            |ind| {
                if ind.reporters == shared::indicators::Reporters::LocalProgrammes {
                    return orgs
                        .iter()
                        .filter(|o| o.kind == OrgKind::Community)
                        .map(|o| self.local_programmes.get(&o.id).map(Vec::as_slice))
                        .collect();
                }
                orgs.iter()
                    .filter(|o| r::reports_indicator(ind, o))
                    .map(|o| self.values.get(&(ind.id, o.id)).map(Vec::as_slice))
                    .collect()
            },
            q,
        )
    }

    /// Whether a level has a status of its own for the indicator.
    fn assessed_at(scope: Scope, def: &IndicatorDef) -> bool {
        match scope {
            Scope::Oblast => true,
            Scope::District(o) | Scope::Org(o) => held_to_targets(&def.indicator, o),
            Scope::Measure(_) => false,
        }
    }

    /// The indicator as a level is held to it: an organisation's (or district's) own targets
    /// where the department set them, else the programme's.
    fn held_as(
        scope: Scope,
        def: &IndicatorDef,
    ) -> std::borrow::Cow<'_, shared::indicators::Indicator> {
        match scope {
            Scope::District(o) | Scope::Org(o) => def.indicator.for_org(o),
            Scope::Oblast | Scope::Measure(_) => std::borrow::Cow::Borrowed(&def.indicator),
        }
    }

    fn tiles(&self, scope: Scope, q: Quarter) -> Vec<IndicatorTile> {
        if matches!(scope, Scope::Measure(_)) {
            return Vec::new();
        }
        let quarters: Vec<Quarter> = ReportPeriod::all()
            .into_iter()
            .filter_map(|p| match p {
                ReportPeriod::Quarter(x) if x <= q => Some(x),
                _ => None,
            })
            .collect();
        let per_quarter: Vec<(Quarter, HashMap<IndicatorId, LevelActual>)> = quarters
            .iter()
            .map(|&x| (x, self.actuals(scope, x)))
            .collect();
        let Some((_, now)) = per_quarter.last() else {
            return Vec::new();
        };
        let mut tiles = Vec::new();
        for def in &self.defs {
            let ind = &*Self::held_as(scope, def);
            let Some(&LevelActual {
                actual,
                reported,
                reporters,
            }) = now.get(&ind.id)
            else {
                continue;
            };
            if scope != Scope::Oblast && reporters == 0 {
                continue;
            }
            let assessed = Self::assessed_at(scope, def);
            let status_of = |a: Option<Actual>, x: Quarter| {
                let e = ind.evaluate(a, x);
                if assessed || e.status == IndicatorStatus::NoData {
                    e
                } else {
                    shared::indicators::Evaluation {
                        status: IndicatorStatus::NoTarget,
                        ..e
                    }
                }
            };
            let e = status_of(actual, q);
            let responsible = match &ind.reporters {
                shared::indicators::Reporters::Orgs { ids } if ids.len() == 1 => {
                    self.structure.org(ids[0]).map(|o| o.name.clone())
                }
                _ => None,
            };
            tiles.push(IndicatorTile {
                indicator_id: ind.id,
                code: def.code.clone(),
                name: ind.name.clone(),
                unit: ind.unit,
                is_computed: ind.formula.is_some(),
                status: e.status,
                actual,
                expected: e.expected.map(|v| ind.unit.round_expected(v)),
                achievement: if assessed { e.achievement } else { None },
                target: ind.target(q.year),
                trend: per_quarter
                    .iter()
                    .map(|(x, m)| {
                        let a = m.get(&ind.id).and_then(|l| l.actual);
                        let e = status_of(a, *x);
                        TrendPoint {
                            quarter: *x,
                            actual: a,
                            expected: if assessed {
                                e.expected.map(|v| ind.unit.round_expected(v))
                            } else {
                                None
                            },
                            status: e.status,
                        }
                    })
                    .collect(),
                reported,
                reporters,
                responsible,
            });
        }
        tiles
    }

    /// The periods a compliance view lists: every one due so far, and the next one.
    fn periods(&self) -> Vec<ReportPeriod> {
        let mut all: Vec<ReportPeriod> = ReportPeriod::all();
        all.sort_by_key(|p| (submission_due(*p), p.is_annual()));
        let due = all
            .iter()
            .filter(|p| submission_due(**p) < self.today)
            .count();
        all.into_iter().take(due + 1).collect()
    }

    fn report_compliance(&self, org: OrgId, period: ReportPeriod) -> Compliance {
        let first = self
            .reports
            .get(&(org, period))
            .and_then(|r| r.first_submitted);
        compliance(first, submission_due(period), self.today)
    }

    fn reports_in(&self, scope: Scope, period: ReportPeriod) -> impl Iterator<Item = OrgId> + '_ {
        let orgs: Vec<OrgId> = self.orgs_in(scope).iter().map(|o| o.id).collect();
        self.reporting
            .get(&period.year())
            .into_iter()
            .flatten()
            .copied()
            .filter(move |o| orgs.contains(o))
    }

    fn compliance(&self, scope: Scope) -> (Vec<PeriodCompliance>, ComplianceCounts) {
        let mut total = ComplianceCounts::default();
        let rows = self
            .periods()
            .into_iter()
            .map(|period| {
                let mut counts = ComplianceCounts::default();
                for org in self.reports_in(scope, period) {
                    counts.add(self.report_compliance(org, period));
                }
                total.on_time += counts.on_time;
                total.late += counts.late;
                total.missing += counts.missing;
                total.not_due += counts.not_due;
                PeriodCompliance {
                    period,
                    due: submission_due(period),
                    counts,
                }
            })
            .collect();
        (rows, total)
    }

    fn latest_state(&self, org: OrgId) -> Option<ReportState> {
        let period = latest_due(self.today)?;
        let reporting = self.reporting.get(&period.year())?.contains(&org);
        reporting.then(|| {
            let dates = self
                .reports
                .get(&(org, period))
                .map(|r| r.dates)
                .unwrap_or_default();
            ReportStatus::of(period, dates, self.today).state
        })
    }

    /// An organisation's own status per indicator it is held to.
    fn own_statuses(&self, org: &OrgInfo, q: Quarter) -> Vec<(IndicatorId, IndicatorStatus)> {
        self.defs
            .iter()
            .filter(|d| {
                r::reports_indicator(&d.indicator, org) && held_to_targets(&d.indicator, org.id)
            })
            .map(|d| {
                let a = self
                    .values
                    .get(&(d.indicator.id, org.id))
                    .and_then(|v| actual_for(d.indicator.kind, v, q));
                let own = d.indicator.for_org(org.id);
                (d.indicator.id, own.evaluate(a, q).status)
            })
            .collect()
    }

    fn child(&self, scope: Scope, q: Quarter, source: Option<FundingSource>) -> Option<ChildRow> {
        let (name, kind, code, latest, statuses, execution_status) = match scope {
            Scope::District(o) | Scope::Org(o) => {
                let org = self.structure.org(o)?;
                let statuses = if matches!(scope, Scope::Org(_)) {
                    self.own_statuses(org, q)
                } else {
                    self.tiles(scope, q)
                        .into_iter()
                        .filter(|t| !matches!(t.status, IndicatorStatus::NoTarget))
                        .map(|t| (t.indicator_id, t.status))
                        .collect()
                };
                (
                    org.name.clone(),
                    Some(org.kind),
                    org.code.as_ref().map(|c| c.as_str().to_string()),
                    self.latest_state(o),
                    statuses,
                    None,
                )
            }
            Scope::Measure(m) => {
                let entry = self.measure(m)?;
                (
                    entry.name.clone(),
                    None,
                    None,
                    None,
                    Vec::new(),
                    self.measure_status.get(&m).map(|(_, s)| *s),
                )
            }
            Scope::Oblast => return None,
        };
        let mut counts: BTreeMap<u8, (IndicatorStatus, u32)> = BTreeMap::new();
        for (_, s) in &statuses {
            let i = IndicatorStatus::ALL
                .iter()
                .position(|x| x == s)
                .unwrap_or(0);
            counts
                .entry(u8::try_from(i).unwrap_or(0))
                .or_insert((*s, 0))
                .1 += 1;
        }
        Some(ChildRow {
            level: scope.level(),
            id: scope.id(),
            name,
            kind,
            code,
            execution: self.total(scope, source),
            compliance: if matches!(scope, Scope::Measure(_)) {
                ComplianceCounts::default()
            } else {
                self.compliance(scope).1
            },
            latest_report: latest,
            indicators: counts.into_values().collect(),
            indicator_status: statuses,
            execution_status,
        })
    }

    fn children(&self, scope: Scope) -> Vec<Scope> {
        let s = &self.structure;
        let has_measures = |o: OrgId| self.org_exec.contains_key(&o);
        match scope {
            Scope::Oblast => s
                .orgs
                .iter()
                .filter_map(|o| match o.kind {
                    OrgKind::District => Some(Scope::District(o.id)),
                    OrgKind::Executor | OrgKind::Oblast if has_measures(o.id) => {
                        Some(Scope::Org(o.id))
                    }
                    _ => None,
                })
                .collect(),
            Scope::District(d) => s
                .orgs
                .iter()
                .filter(|o| (o.id == d && has_measures(d)) || o.parent == Some(d))
                .map(|o| Scope::Org(o.id))
                .collect(),
            Scope::Org(o) => approved_measures(&self.snapshot)
                .filter(|m| m.org_id == o)
                .map(|m| Scope::Measure(m.id))
                .collect(),
            Scope::Measure(_) => Vec::new(),
        }
    }

    fn communities(&self, scope: Scope) -> Vec<Scope> {
        let s = &self.structure;
        match scope {
            Scope::Oblast => s
                .orgs
                .iter()
                .filter(|o| o.kind == OrgKind::Community)
                .map(|o| Scope::Org(o.id))
                .collect(),
            Scope::District(d) => s
                .orgs
                .iter()
                .filter(|o| o.kind == OrgKind::Community && o.parent == Some(d))
                .map(|o| Scope::Org(o.id))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn troubles(
        &self,
        scope: Scope,
        q: Quarter,
        tiles: &[IndicatorTile],
        source: Option<FundingSource>,
    ) -> Vec<Trouble> {
        let num =
            |v: Option<Decimal>, lang| v.map_or("—".to_string(), |v| format_number(v, lang));
        let pct = format_percent;
        let mut out = Vec::new();
        for t in tiles {
            if !matches!(
                t.status,
                IndicatorStatus::OffTrack | IndicatorStatus::AtRisk
            ) {
                continue;
            }
            let actual = t.actual.map(|a| a.value);
            let responsible = self
                .defs
                .iter()
                .find(|d| d.indicator.id == t.indicator_id)
                .and_then(|d| match &d.indicator.reporters {
                    shared::indicators::Reporters::Orgs { ids } if ids.len() == 1 => Some(ids[0]),
                    _ => None,
                });
            out.push(Trouble {
                kind: TroubleKind::Indicator,
                name: t.name.clone(),
                detail: Text::new(
                    format!(
                        "{}: {} з {} очікуваних ({})",
                        t.status.label().uk,
                        num(actual, Lang::Uk),
                        num(t.expected, Lang::Uk),
                        pct(t.achievement, Lang::Uk)
                    ),
                    format!(
                        "{}: {} of {} expected ({})",
                        t.status.label().en,
                        num(actual, Lang::En),
                        num(t.expected, Lang::En),
                        pct(t.achievement, Lang::En)
                    ),
                ),
                responsible,
                responsible_name: t.responsible.clone(),
                link_level: None,
                link_id: Some(t.indicator_id.0),
                period: None,
            });
        }
        let orgs = self.orgs_in(scope);
        // Communities behind on an indicator they are held to: listed last, there can be many.
        let mut communities_behind = Vec::new();
        if matches!(scope, Scope::Oblast | Scope::District(_)) {
            for org in orgs.iter().filter(|o| o.kind == OrgKind::Community) {
                for (id, status) in self.own_statuses(org, q) {
                    if status != IndicatorStatus::OffTrack {
                        continue;
                    }
                    let Some(def) = self.defs.iter().find(|d| d.indicator.id == id) else {
                        continue;
                    };
                    communities_behind.push(Trouble {
                        kind: TroubleKind::Indicator,
                        name: def.indicator.name.clone(),
                        detail: Text::new(
                            format!("{}: {}", status.label().uk, org.name.uk),
                            format!("{}: {}", status.label().en, org.name.en),
                        ),
                        responsible: Some(org.id),
                        responsible_name: Some(org.name.clone()),
                        link_level: Some(DashboardLevel::Community),
                        link_id: Some(org.id.0),
                        period: None,
                    });
                }
            }
        }
        if let Some(period) = latest_due(self.today) {
            for org in self.reports_in(scope, period) {
                if self.report_compliance(org, period) != Compliance::Missing {
                    continue;
                }
                let Some(info) = self.structure.org(org) else {
                    continue;
                };
                let due = submission_due(period);
                out.push(Trouble {
                    kind: TroubleKind::ReportMissing,
                    name: if period.is_annual() {
                        Text::new("Річний звіт", "Annual report")
                    } else {
                        Text::new("Квартальний звіт", "Quarterly report")
                    },
                    detail: Text::new(
                        format!(
                            "{}: строк {}, не подано",
                            info.name.uk,
                            due.format(Lang::Uk)
                        ),
                        format!(
                            "{}: due {}, not submitted",
                            info.name.en,
                            due.format(Lang::En)
                        ),
                    ),
                    responsible: Some(org),
                    responsible_name: Some(info.name.clone()),
                    link_level: Some(DashboardLevel::Community),
                    link_id: Some(org.0),
                    period: Some(period),
                });
            }
        }
        let in_scope = self.measures_in(scope);
        for m in &in_scope {
            let Some((period, status)) = self.measure_status.get(&m.id) else {
                continue;
            };
            if !status.is_trouble() {
                continue;
            }
            let org = self.structure.org(m.org_id);
            out.push(Trouble {
                kind: TroubleKind::Measure,
                name: m.name.clone(),
                detail: Text::new(
                    format!(
                        "{} (звіт за {})",
                        status.label().uk,
                        period.format(Lang::Uk)
                    ),
                    format!(
                        "{} (report for {})",
                        status.label().en,
                        period.format(Lang::En)
                    ),
                ),
                responsible: Some(m.org_id),
                responsible_name: org.map(|o| o.name.clone()),
                link_level: Some(DashboardLevel::Measure),
                link_id: Some(m.id.0),
                period: Some(*period),
            });
        }
        for m in &in_scope {
            let none = BudgetGrid::new();
            let approved = self.approved.get(&m.id).unwrap_or(&none);
            let executed = self.executed.get(&m.id).unwrap_or(&none);
            for source in FundingSource::ALL
                .into_iter()
                .filter(|s| source.is_none_or(|only| only == *s))
            {
                let (planned, approved, spent) = (
                    m.grid.get(q.year, source),
                    approved.get(q.year, source),
                    executed.get(q.year, source),
                );
                if !overspent(planned, approved, Amount::ZERO, spent) {
                    continue;
                }
                let limit = spending_limit(planned, approved);
                let org = self.structure.org(m.org_id);
                let amounts = |lang: Lang| {
                    (
                        format_thousands(spent.decimal(), lang),
                        format_thousands(limit.decimal(), lang),
                    )
                };
                let ((spent_uk, limit_uk), (spent_en, limit_en)) =
                    (amounts(Lang::Uk), amounts(Lang::En));
                out.push(Trouble {
                    kind: TroubleKind::Overspent,
                    name: m.name.clone(),
                    detail: Text::new(
                        format!(
                            "{}, {}: витрачено {spent_uk} при затверджених {limit_uk} тис. грн",
                            q.year,
                            source.label().uk
                        ),
                        format!(
                            "{}, {}: spent {spent_en} against {limit_en} thousand UAH approved",
                            q.year,
                            source.label().en
                        ),
                    ),
                    responsible: Some(m.org_id),
                    responsible_name: org.map(|o| o.name.clone()),
                    link_level: Some(DashboardLevel::Measure),
                    link_id: Some(m.id.0),
                    period: None,
                });
            }
        }
        for m in &in_scope {
            let e = exec_of(m, q.year, source, &self.approved, &self.executed);
            if e.approved.is_zero() {
                continue;
            }
            let expected = e.approved.decimal() * Decimal::from(q.quarter) / Decimal::from(4);
            if e.executed.decimal() * Decimal::TWO >= expected {
                continue;
            }
            let share = percent(e.executed, e.approved);
            let org = self.structure.org(m.org_id);
            out.push(Trouble {
                kind: TroubleKind::LowExecution,
                name: m.name.clone(),
                detail: Text::new(
                    format!(
                        "{}: виконано {} з {} тис. грн затверджених ({})",
                        q.year,
                        format_thousands(e.executed.decimal(), Lang::Uk),
                        format_thousands(e.approved.decimal(), Lang::Uk),
                        pct(share, Lang::Uk)
                    ),
                    format!(
                        "{}: executed {} of {} thousand UAH approved ({})",
                        q.year,
                        format_thousands(e.executed.decimal(), Lang::En),
                        format_thousands(e.approved.decimal(), Lang::En),
                        pct(share, Lang::En)
                    ),
                ),
                responsible: Some(m.org_id),
                responsible_name: org.map(|o| o.name.clone()),
                link_level: Some(DashboardLevel::Measure),
                link_id: Some(m.id.0),
                period: None,
            });
        }
        out.extend(communities_behind);
        out
    }

    /// The approved measures a scope covers, in the plan's order.
    fn measures_in(&self, scope: Scope) -> Vec<&MeasureEntry> {
        match scope {
            Scope::Measure(m) => self.measure(m).into_iter().collect(),
            _ => {
                let ids: Vec<OrgId> = self.orgs_in(scope).iter().map(|o| o.id).collect();
                approved_measures(&self.snapshot)
                    .filter(|m| ids.contains(&m.org_id))
                    .collect()
            }
        }
    }

    fn trace(&self, scope: Scope, source: Option<FundingSource>) -> Vec<TraceReport> {
        let (org, measure) = match scope {
            Scope::Org(o) => (o, None),
            Scope::Measure(m) => match self.measure(m) {
                Some(e) => (e.org_id, Some(m)),
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        let Some(info) = self.structure.org(org) else {
            return Vec::new();
        };
        self.spent_by_report
            .get(&org)
            .into_iter()
            .flatten()
            .filter_map(|(period, stage, amounts)| {
                let mut matching = amounts
                    .iter()
                    .filter(|((m, s), _)| {
                        measure.is_none_or(|only| only == *m)
                            && source.is_none_or(|only| only == *s)
                    })
                    .map(|(_, a)| *a)
                    .peekable();
                matching.peek()?;
                let executed = matching.sum();
                Some(TraceReport {
                    org,
                    org_name: info.name.clone(),
                    period: *period,
                    stage: *stage,
                    executed,
                })
            })
            .collect()
    }

    fn path(&self, scope: Scope) -> Vec<Crumb> {
        let s = &self.structure;
        let oblast_name = s
            .orgs
            .iter()
            .find(|o| o.kind == OrgKind::Oblast)
            .map_or_else(|| Text::new("Область", "Oblast"), |o| o.name.clone());
        let mut path = vec![Crumb {
            level: DashboardLevel::Oblast,
            id: 0,
            name: oblast_name,
        }];
        let org_crumbs = |o: OrgId, path: &mut Vec<Crumb>| {
            let Some(info) = s.org(o) else { return };
            if let Some(d) = info.parent.filter(|_| info.kind == OrgKind::Community) {
                if let Some(di) = s.org(d) {
                    path.push(Crumb {
                        level: DashboardLevel::District,
                        id: d.0,
                        name: di.name.clone(),
                    });
                }
            }
            path.push(Crumb {
                level: if info.kind == OrgKind::District {
                    DashboardLevel::District
                } else {
                    DashboardLevel::Community
                },
                id: o.0,
                name: info.name.clone(),
            });
        };
        match scope {
            Scope::Oblast => {}
            Scope::District(d) => org_crumbs(d, &mut path),
            Scope::Org(o) => match s.org(o).filter(|i| i.kind == OrgKind::District) {
                // A district's own measures sit under the district.
                Some(info) => {
                    path.push(Crumb {
                        level: DashboardLevel::District,
                        id: o.0,
                        name: info.name.clone(),
                    });
                    path.push(Crumb {
                        level: DashboardLevel::Community,
                        id: o.0,
                        name: Text::new("Власні заходи району", "The district's own measures"),
                    });
                }
                None => org_crumbs(o, &mut path),
            },
            Scope::Measure(m) => {
                if let Some(e) = self.measure(m) {
                    org_crumbs(e.org_id, &mut path);
                    path.push(Crumb {
                        level: DashboardLevel::Measure,
                        id: m.0,
                        name: e.name.clone(),
                    });
                }
            }
        }
        path
    }

    fn dashboard(&self, scope: Scope, q: Quarter, source: Option<FundingSource>) -> Dashboard {
        let tiles = self.tiles(scope, q);
        let (compliance, compliance_total) = match scope {
            Scope::Measure(m) => match self.measure(m) {
                Some(e) => self.compliance(Scope::Org(e.org_id)),
                None => (Vec::new(), ComplianceCounts::default()),
            },
            _ => self.compliance(scope),
        };
        let mut troubles = self.troubles(scope, q, &tiles, source);
        let troubles_total = u32::try_from(troubles.len()).unwrap_or(u32::MAX);
        troubles.truncate(TROUBLES_SHOWN);
        let path = self.path(scope);
        // The organisation's or the measure's own name (the last step of a district's own
        // measures says "own measures", the heading names the district).
        let name = match scope {
            Scope::District(o) | Scope::Org(o) => self.structure.org(o).map(|i| i.name.clone()),
            Scope::Measure(m) => self.measure(m).map(|e| e.name.clone()),
            Scope::Oblast => path.first().map(|c| c.name.clone()),
        }
        .unwrap_or_else(|| Text::new("", ""));
        let execution = self.execution_rows(scope, source);
        Dashboard {
            level: scope.level(),
            id: scope.id(),
            name,
            path,
            today: self.today,
            quarter: q,
            source,
            directions: self
                .structure
                .directions
                .iter()
                .map(|d| DirectionRef {
                    id: d.id,
                    number: d.number,
                    name: d.name.clone(),
                })
                .collect(),
            total: execution
                .iter()
                .filter(|r| r.direction.is_none())
                .map(|r| r.execution)
                .sum(),
            execution,
            indicators: tiles,
            compliance,
            compliance_total,
            children: self
                .children(scope)
                .into_iter()
                .filter_map(|c| self.child(c, q, source))
                .collect(),
            map: self
                .communities(scope)
                .into_iter()
                .filter_map(|c| self.child(c, q, source))
                .collect(),
            troubles,
            troubles_total,
            trace: self.trace(scope, source),
        }
    }
}

// How long a board is trusted without asking the database whether anything moved (as for the
// plan snapshot).
use crate::app::plan::snapshot::RECHECK;

/// The latest board of this process.
pub struct DashboardCache {
    current: RwLock<Option<Arc<Board>>>,
    rebuilding: Mutex<()>,
    /// Set by writes of this process (and by other processes' events): ask the database.
    dirty: AtomicBool,
    /// When the revisions were last read.
    checked: Mutex<Option<Instant>>,
}

impl Default for DashboardCache {
    fn default() -> Self {
        DashboardCache {
            current: RwLock::new(None),
            rebuilding: Mutex::new(()),
            dirty: AtomicBool::new(true),
            checked: Mutex::new(None),
        }
    }
}

impl DashboardCache {
    /// Call after a write that moves a figure the dashboard shows has committed.
    pub fn invalidate(&self) {
        self.dirty.store(true, Ordering::SeqCst);
    }

    fn peek(&self) -> Option<Arc<Board>> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The board, without touching the database, when it was checked a moment ago, nothing was
    /// written since and the day has not changed.
    pub fn fresh(&self, today: Date) -> Option<Arc<Board>> {
        if self.dirty.load(Ordering::SeqCst) {
            return None;
        }
        let recent = self
            .checked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .is_some_and(|t| t.elapsed() < RECHECK);
        self.peek().filter(|b| recent && b.today == today)
    }

    /// The board at the database's current revisions, rebuilt if they moved.
    pub fn board(&self, conn: &mut DbConn, app: &App) -> AppResult<Arc<Board>> {
        // Clear the flag before reading the revisions, so a write committing meanwhile sets it again.
        self.dirty.store(false, Ordering::SeqCst);
        let plan = app.snapshot(conn)?.revision;
        let reports = db::plan_state::report_revision(conn)?;
        *self
            .checked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Instant::now());
        let key = (plan, reports, app.clock.today());
        if let Some(b) = self.peek().filter(|b| b.key == key) {
            return Ok(b);
        }
        let _one = self
            .rebuilding
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(b) = self.peek().filter(|b| b.key == key) {
            return Ok(b);
        }
        let board = Arc::new(Board::load(conn, app, key)?);
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(board.clone());
        Ok(board)
    }
}

/// The dashboard a query asks for, as JSON, if the user may see it.
pub fn answer(board: &Board, actor: &Actor, query: &DashboardQuery) -> AppResult<Bytes> {
    let level = match query.level.as_deref() {
        None | Some("") => DashboardLevel::Oblast,
        Some(l) => DashboardLevel::parse(l)
            .ok_or_else(|| AppError::field(ErrorCode::BadRequest, "level"))?,
    };
    let q = match query.quarter.as_deref() {
        Some(raw) if !raw.trim().is_empty() => {
            Quarter::parse(raw).map_err(|code| AppError::field(code, "quarter"))?
        }
        _ => ReportPeriod::latest_ended_quarter(board.today).unwrap_or(Quarter {
            year: Year::FIRST,
            quarter: 1,
        }),
    };
    let source = match query.source.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            FundingSource::parse(raw)
                .ok_or_else(|| AppError::field(ErrorCode::SourceInvalid, "source"))?,
        ),
    };
    let id = query.id.unwrap_or(0);
    let scope = match level {
        DashboardLevel::Oblast => Scope::Oblast,
        DashboardLevel::District => Scope::District(OrgId(id)),
        DashboardLevel::Community => Scope::Org(OrgId(id)),
        DashboardLevel::Measure => Scope::Measure(MeasureId(id)),
    };
    board.check(actor, scope)?;
    let key = (level, scope.id(), q, source);
    if let Some(json) = board
        .answers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&key)
    {
        return Ok(json.clone());
    }
    let json = Bytes::from(
        serde_json::to_vec(&board.dashboard(scope, q, source)).map_err(AppError::internal)?,
    );
    board
        .answers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(key, json.clone());
    Ok(json)
}

/// The dashboard of one level as JSON: from the board in memory when it is fresh (no database, no
/// blocking), else after reading the board again.
pub fn dashboard(app: &App, actor: &Actor, query: &DashboardQuery) -> AppResult<Bytes> {
    match app.dashboards.fresh(app.clock.today()) {
        Some(board) => answer(&board, actor, query),
        None => app.read(|conn| {
            let board = app.dashboards.board(conn, app)?;
            answer(&board, actor, query)
        }),
    }
}

/// The fast path of [`dashboard`] alone: `None` when the board must be read again.
pub fn fresh(app: &App, actor: &Actor, query: &DashboardQuery) -> Option<AppResult<Bytes>> {
    let board = app.dashboards.fresh(app.clock.today())?;
    Some(answer(&board, actor, query))
}

/// What the open programme (`app::public`) reads of the board: the same figures the dashboard
/// shows, computed once here.
impl Board {
    pub fn today(&self) -> Date {
        self.today
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The quarter the dashboard shows by default: the latest ended one.
    pub fn default_quarter(&self) -> Quarter {
        ReportPeriod::latest_ended_quarter(self.today).unwrap_or(Quarter {
            year: Year::FIRST,
            quarter: 1,
        })
    }

    /// An approved measure's year × source cells with their three layers.
    pub fn measure_cells(&self, m: &MeasureEntry) -> Vec<shared::api::budget::ExecutionCell> {
        shared::api::budget::ExecutionCell::grid(
            &m.grid,
            self.approved.get(&m.id).unwrap_or(&BudgetGrid::new()),
            self.executed.get(&m.id).unwrap_or(&BudgetGrid::new()),
        )
    }

    /// The latest status an approved report gave the measure.
    pub fn measure_status(&self, id: MeasureId) -> Option<ExecutionStatus> {
        self.measure_status.get(&id).map(|(_, s)| *s)
    }

    /// An organisation's own row (its measures' execution, its compliance), as on the dashboard.
    pub fn org_row(&self, org: OrgId) -> Option<ChildRow> {
        self.child(Scope::Org(org), self.default_quarter(), None)
    }

    /// The oblast's indicator tiles for the default quarter.
    pub fn oblast_indicators(&self) -> Vec<IndicatorTile> {
        self.tiles(Scope::Oblast, self.default_quarter())
    }

    /// Every report due from the organisation so far (and the next one) and how it came.
    pub fn reports_due(&self, org: OrgId) -> Vec<(ReportPeriod, Date, Compliance)> {
        self.periods()
            .into_iter()
            .filter(|p| {
                self.reporting
                    .get(&p.year())
                    .is_some_and(|orgs| orgs.contains(&org))
            })
            .map(|p| (p, submission_due(p), self.report_compliance(org, p)))
            .collect()
    }

    /// The latest day a report was approved.
    pub fn last_approval(&self) -> Option<Date> {
        self.reports
            .values()
            .filter_map(|r| r.dates.approved_on)
            .max()
    }
}
