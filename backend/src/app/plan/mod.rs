//! The plan: the programme's structure and the plan snapshot with its roll-ups, measures, plan
//! versions and budget execution; and the reads of the programme, the territory, the plan tree
//! and the roll-ups.

pub mod execution;
pub mod measures;
pub mod snapshot;
pub mod structure;
pub mod versions;

use super::actor::Actor;
use super::error::{AppError, AppResult};
use super::App;
use bytes::Bytes;
use shared::api::orgs::{ChildrenRollup, OrgKind, OrgSummary};
use shared::api::plan::{PlanFilter, PlanTree};
use shared::api::programme::{DirectionSummary, ProgrammeOverview, TaskSummary};
use shared::api::rollup::{Rollup, RollupLevel};
use shared::ErrorCode;
use snapshot::Snapshot;
use std::sync::Arc;

impl App {
    /// The plan snapshot on a pooled connection.
    pub fn current_plan(&self) -> AppResult<Arc<Snapshot>> {
        self.read(|conn| self.snapshot(conn))
    }
}

/// The passport, the envelope against what is allocated, the directions and tasks with totals.
pub fn overview(app: &App) -> AppResult<ProgrammeOverview> {
    let s = app.current_plan()?;
    let directions = s
        .structure
        .directions
        .iter()
        .map(|d| {
            let tally = s.by_direction.get(&d.id.0);
            DirectionSummary {
                id: d.id,
                number: d.number,
                name: d.name.clone(),
                tasks: s
                    .structure
                    .tasks
                    .iter()
                    .filter(|t| t.direction_id == d.id)
                    .map(|t| {
                        let tally = s.by_task.get(&t.id);
                        TaskSummary {
                            id: t.id,
                            direction_id: d.id,
                            code: t.code,
                            name: t.name.clone(),
                            totals: tally.map(|t| t.grid.clone()).unwrap_or_default(),
                            measure_count: tally.map_or(0, |t| t.count),
                        }
                    })
                    .collect(),
                totals: tally.map(|t| t.grid.clone()).unwrap_or_default(),
                measure_count: tally.map_or(0, |t| t.count),
            }
        })
        .collect();
    Ok(ProgrammeOverview {
        passport: s.structure.passport.clone(),
        envelope: s.envelope_table(),
        allocated_total: s.programme.grid.total(),
        directions,
        measure_count: s.programme.count,
    })
}

/// The territory and the oblast executors with their planned measures.
pub fn orgs(app: &App) -> AppResult<Vec<OrgSummary>> {
    let s = app.current_plan()?;
    Ok(s.structure
        .orgs
        .iter()
        .map(|o| {
            let own = s.by_org.get(&o.id);
            OrgSummary {
                id: o.id,
                code: o.code.clone(),
                kind: o.kind,
                name: o.name.clone(),
                parent: o.parent,
                settlement_kind: o.settlement_kind,
                population: o.population,
                measure_count: own.map_or(0, |t| t.count),
                totals: own.map(|t| t.grid.clone()).unwrap_or_default(),
                with_children: (o.kind == OrgKind::District).then(|| {
                    let all = s.by_district.get(&o.id);
                    ChildrenRollup {
                        measure_count: all.map_or(0, |t| t.count),
                        totals: all.map(|t| t.grid.clone()).unwrap_or_default(),
                    }
                }),
            }
        })
        .collect())
}

/// A page of the plan tree this user may see, filtered, as JSON (kept until the plan moves).
pub fn tree(app: &App, actor: &Actor, filter: &PlanFilter) -> AppResult<Bytes> {
    let (page, per_page) = filter
        .paging()
        .map_err(|field| AppError::field(ErrorCode::PageInvalid, field))?;
    let name = format!("plan/{}/{}", filter.to_query(), actor.key());
    app.answer(name, |app| -> AppResult<PlanTree> {
        Ok(app.current_plan()?.plan_tree(actor, filter, page, per_page))
    })
}

/// The roll-up of one level.
pub fn rollup(app: &App, level: RollupLevel) -> AppResult<Rollup> {
    Ok(app.current_plan()?.rollup(level))
}
