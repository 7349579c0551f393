//! Reports: who reports what, a report as its author and reviewers see it, saving its draft, the
//! steps of its way up the approval chain, the calendar, reminders and the reporting settings.
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

pub mod calendar;
pub mod reminders;
pub mod save;
pub mod settings;
pub mod steps;
pub mod view;

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::plan::snapshot::{MeasureEntry, Snapshot};
use crate::app::plan::structure::{OrgInfo, Structure};
use crate::app::runner::Tx;
use crate::app::App;
use crate::db::{self, DbConn};
use bytes::Bytes;
use rust_decimal::Decimal;
use shared::api::measures::MeasureStatus;
use shared::api::orgs::OrgKind;
use shared::api::reports::{Report, ReportStage, ReportStepRequest, SaveReport};
use shared::calendar::{Date, ReportDates, ReportPeriod};
use shared::chain::Action;
use shared::indicators::{Indicator, Reporters};
use shared::{ErrorCode, OrgId, Quarter, Year};
use std::collections::HashSet;
use std::sync::Arc;

/// A stored indicator: its stable code and definition.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    pub code: String,
    pub indicator: Indicator,
}

/// Every indicator, in their order.
pub fn indicators(conn: &mut DbConn) -> AppResult<Vec<IndicatorDef>> {
    db::indicators::all(conn)?
        .into_iter()
        .map(|row| {
            let indicator: Indicator = serde_json::from_str(&row.definition)
                .map_err(|e| AppError::internal(anyhow::anyhow!("indicator {}: {e}", row.code)))?;
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
            Reporters::Computed | Reporters::LocalProgrammes => false,
        }
}

/// Whether `org` is held to the indicator's targets (and has a status of its own): every reporter
/// of an indicator whose reporters average, the one organisation that reports it alone, and any
/// organisation the department set its own targets for (held to those: `Indicator::for_org`).
pub fn held_to_targets(ind: &Indicator, org: OrgId) -> bool {
    ind.aggregate.per_reporter_status()
        || matches!(&ind.reporters, Reporters::Orgs { ids } if ids.len() == 1)
        || ind.has_own_targets(org)
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

pub fn stage_of(row: &db::reports::ReportRow) -> AppResult<ReportStage> {
    ReportStage::parse(&row.stage)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("report stage {}", row.stage)))
}

pub fn date(s: Option<&str>) -> Option<Date> {
    s.and_then(|s| Date::parse(s).ok())
}

/// Whether a stored report has been handed in (submitted, or approved): no reminder is due for
/// it, and the reminders already sent are done.
pub fn is_submitted(row: &db::reports::ReportRow) -> bool {
    row.submitted_on.is_some() || row.approved_on.is_some()
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

pub fn rules(conn: &mut DbConn) -> AppResult<Rules> {
    let s = db::reports::settings(conn)?;
    Ok(Rules {
        max_change_percent: s.max_change_percent.parse().unwrap_or(Decimal::from(
            shared::indicators::DEFAULT_MAX_CHANGE_PERCENT,
        )),
        remind_days_before: u32::try_from(s.remind_days_before).unwrap_or(0),
        community_requires_district: db::proposals::community_requires_district(conn)?,
    })
}

/// Where a report of `org` at `stage` (`None`: not saved yet) stands on the approval chain.
pub fn spot(org: &OrgInfo, rules: &Rules, stage: Option<ReportStage>) -> crate::app::chain::Spot {
    crate::app::chain::Spot {
        kind: shared::chain::Kind::Report,
        org: org.id,
        route: crate::app::chain::route(org, rules.community_requires_district),
        at: stage.map_or(shared::chain::Position::Draft, ReportStage::position),
    }
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
    /// For a read: the plan from the cache, the rest from the database.
    pub fn load(conn: &mut DbConn, app: &App) -> AppResult<Ctx> {
        let snapshot = app.snapshot(conn)?;
        Ctx::with(conn, snapshot, app.clock.today())
    }

    /// For a write: the plan its transaction opened with, the rest read inside it.
    pub fn of(tx: &mut Tx) -> AppResult<Ctx> {
        let snapshot = tx.snapshot.clone();
        let today = tx.today;
        Ctx::with(tx.conn, snapshot, today)
    }

    fn with(conn: &mut DbConn, snapshot: Arc<Snapshot>, today: Date) -> AppResult<Ctx> {
        Ok(Ctx {
            structure: snapshot.structure.clone(),
            snapshot,
            defs: indicators(conn)?,
            today,
            rules: rules(conn)?,
        })
    }

    pub fn org(&self, org: OrgId) -> AppResult<&OrgInfo> {
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

/// One report as the user may see it, as JSON (kept until the reports or the plan move).
pub fn get(app: &App, actor: &Actor, org: OrgId, period: ReportPeriod) -> AppResult<Bytes> {
    let name = format!("report/{org}/{period}/{}", actor.key());
    app.answer(name, |app| {
        app.read(|conn| {
            let ctx = Ctx::load(conn, app)?;
            view::view(conn, &ctx, actor, org, period)
        })
    })
}

/// Saves the whole draft as the author has it; answers with the report as it now is.
pub fn save(
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    body: &SaveReport,
) -> AppResult<Report> {
    let result = app.write(&actor.into(), |tx| {
        save::save(tx, actor, org, period, body)?;
        let ctx = Ctx::of(tx)?;
        view::view(tx.conn, &ctx, actor, org, period)
    });
    with_current(app, actor, org, period, result)
}

/// Takes one step of the report's way; answers with the report as it now is.
pub fn step(
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    step: Action,
    body: &ReportStepRequest,
) -> AppResult<Report> {
    let result = app.write(&actor.into(), |tx| {
        steps::step(tx, actor, org, period, step, body)?;
        let ctx = Ctx::of(tx)?;
        view::view(tx.conn, &ctx, actor, org, period)
    });
    with_current(app, actor, org, period, result)
}

/// Refusals that mean "it changed under you" carry the report as it is now, so the page shows it
/// and keeps what was typed.
fn with_current(
    app: &App,
    actor: &Actor,
    org: OrgId,
    period: ReportPeriod,
    result: AppResult<Report>,
) -> AppResult<Report> {
    match result {
        Err(mut err)
            if matches!(
                err.code(),
                ErrorCode::ReportVersionConflict
                    | ErrorCode::ReportLocked
                    | ErrorCode::ReportWrongState
            ) =>
        {
            if let Ok(current) = get(app, actor, org, period) {
                err.body.current = serde_json::from_slice(&current).ok();
            }
            Err(err)
        }
        other => other,
    }
}
