//! The plan in memory: every measure with its budget grid and the roll-ups, rebuilt when the
//! database's plan revision moves, so reads cost one tiny query and no aggregation.

use super::structure::{parse_source, parse_year, Structure};
use crate::app::actor::Actor;
use crate::db::{self, DbConn};
use anyhow::Result;
use shared::api::measures::{MeasureStatus, MeasureSummary};
use shared::api::plan::{PlanDirection, PlanFilter, PlanTask, PlanTree};
use shared::api::rollup::{Rollup, RollupLevel, RollupRow};
use shared::grid::EnvelopeCell;
use shared::{Amount, BudgetGrid, MeasureId, OrgId, TaskId, Text, Year};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct MeasureEntry {
    pub id: MeasureId,
    pub version: i32,
    pub task_id: TaskId,
    pub org_id: OrgId,
    pub name: Text,
    pub start_year: Year,
    pub end_year: Year,
    pub is_demo: bool,
    pub status: MeasureStatus,
    pub grid: BudgetGrid,
    /// Lower-cased name, description and expected result, for the text filter.
    search: String,
}

/// A count of measures and their budget.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub count: i64,
    pub grid: BudgetGrid,
}

impl Tally {
    fn add(&mut self, grid: &BudgetGrid) {
        self.count += 1;
        self.grid.merge(grid);
    }
}

#[derive(Debug)]
pub struct Snapshot {
    pub revision: i64,
    pub structure: Arc<Structure>,
    pub measures: Vec<MeasureEntry>,
    pub programme: Tally,
    pub by_direction: HashMap<i32, Tally>,
    pub by_task: HashMap<TaskId, Tally>,
    pub by_org: HashMap<OrgId, Tally>,
    /// A district's own measures and its communities'.
    pub by_district: HashMap<OrgId, Tally>,
}

impl Snapshot {
    /// Reads the whole plan in one consistent transaction.
    pub fn load(conn: &mut DbConn) -> Result<Snapshot> {
        conn.read_tx(|conn| {
            let revision = db::plan_state::revision(conn)?;
            let structure = Structure::load(conn)?;
            let mut grids: HashMap<i32, BudgetGrid> = HashMap::new();
            for line in db::budget_lines::all(conn)? {
                grids.entry(line.measure_id).or_default().add(
                    parse_year(line.year)?,
                    parse_source(&line.source)?,
                    Amount::from_uah(line.amount_uah),
                );
            }
            let mut measures = Vec::new();
            for m in db::measures::all(conn)? {
                let status = MeasureStatus::parse(&m.status)
                    .ok_or_else(|| anyhow::anyhow!("measure status {}", m.status))?;
                if status == MeasureStatus::Withdrawn {
                    continue;
                }
                let search = format!(
                    "{} {} {} {}",
                    m.name_uk, m.name_en, m.description, m.expected_result
                )
                .to_lowercase();
                measures.push(MeasureEntry {
                    id: MeasureId(m.id),
                    version: m.version,
                    task_id: TaskId(m.task_id),
                    org_id: OrgId(m.org_id),
                    name: Text::new(m.name_uk, m.name_en),
                    start_year: parse_year(m.start_year)?,
                    end_year: parse_year(m.end_year)?,
                    is_demo: m.is_demo,
                    status,
                    grid: grids.remove(&m.id).unwrap_or_default(),
                    search,
                });
            }
            Ok(Snapshot::build(revision, Arc::new(structure), measures))
        })
    }

    /// The plan before the programme is seeded (for the first start's seed).
    pub fn unseeded() -> Result<Snapshot> {
        Ok(Snapshot::build(
            0,
            Arc::new(Structure::unseeded()?),
            Vec::new(),
        ))
    }

    fn build(revision: i64, structure: Arc<Structure>, measures: Vec<MeasureEntry>) -> Snapshot {
        let mut programme = Tally::default();
        let mut by_direction: HashMap<i32, Tally> = HashMap::new();
        let mut by_task: HashMap<TaskId, Tally> = HashMap::new();
        let mut by_org: HashMap<OrgId, Tally> = HashMap::new();
        let mut by_district: HashMap<OrgId, Tally> = HashMap::new();
        // Roll-ups are the approved plan; drafts are only listed.
        for m in measures
            .iter()
            .filter(|m| m.status == MeasureStatus::Approved)
        {
            programme.add(&m.grid);
            by_task.entry(m.task_id).or_default().add(&m.grid);
            if let Some(task) = structure.task(m.task_id) {
                by_direction
                    .entry(task.direction_id.0)
                    .or_default()
                    .add(&m.grid);
            }
            by_org.entry(m.org_id).or_default().add(&m.grid);
            if let Some(district) = structure.district_of(m.org_id) {
                by_district.entry(district).or_default().add(&m.grid);
            }
        }
        Snapshot {
            revision,
            structure,
            measures,
            programme,
            by_direction,
            by_task,
            by_org,
            by_district,
        }
    }

    pub fn envelope_table(&self) -> Vec<EnvelopeCell> {
        EnvelopeCell::table(&self.structure.envelope, &self.programme.grid)
    }

    pub fn summary(&self, m: &MeasureEntry) -> Option<MeasureSummary> {
        let org = self.structure.org(m.org_id)?;
        Some(MeasureSummary {
            id: m.id,
            version: m.version,
            task_id: m.task_id,
            org: org.to_ref(),
            name: m.name.clone(),
            start_year: m.start_year,
            end_year: m.end_year,
            totals: m.grid.clone(),
            is_demo: m.is_demo,
            status: m.status,
        })
    }

    /// Which measures the filter keeps that this user may see (the plan page's and the plan
    /// export's one rule).
    pub fn filter<'a>(
        &'a self,
        actor: &'a Actor,
        filter: &'a PlanFilter,
    ) -> impl Fn(&&MeasureEntry) -> bool + 'a {
        let q = filter
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase);
        let s = &self.structure;
        move |m: &&MeasureEntry| {
            let in_territory = match (filter.org, filter.district) {
                (Some(org), _) => m.org_id == org,
                (None, Some(district)) => s.district_of(m.org_id) == Some(district),
                (None, None) => true,
            };
            let in_year = filter
                .year
                .is_none_or(|y| m.start_year <= y && y <= m.end_year);
            let in_source = filter
                .source
                .is_none_or(|src| m.grid.cells().iter().any(|c| c.source == src));
            let in_text = q.as_deref().is_none_or(|q| m.search.contains(q));
            in_territory && in_year && in_source && in_text && actor.can_read_org(s, m.org_id)
        }
    }

    /// The measures the filter keeps, in the tree's order (direction, task, then as listed).
    pub fn matching<'a>(
        &'a self,
        actor: &'a Actor,
        filter: &'a PlanFilter,
    ) -> Vec<&'a MeasureEntry> {
        let mut per_task: HashMap<TaskId, Vec<&MeasureEntry>> = HashMap::new();
        for m in self.measures.iter().filter(self.filter(actor, filter)) {
            per_task.entry(m.task_id).or_default().push(m);
        }
        let s = &self.structure;
        s.directions
            .iter()
            .flat_map(|d| s.tasks.iter().filter(move |t| t.direction_id == d.id))
            .flat_map(|t| per_task.remove(&t.id).unwrap_or_default())
            .collect()
    }

    /// The plan tree as this user may see it, filtered.
    /// Every direction and task is there with the totals of all matching measures; the
    /// measures listed are one page of them, in the tree's order. `page` and `per_page` are
    /// checked ([`PlanFilter::paging`]).
    pub fn plan_tree(
        &self,
        actor: &Actor,
        filter: &PlanFilter,
        page: u32,
        per_page: u32,
    ) -> PlanTree {
        let mut per_task: HashMap<TaskId, Vec<&MeasureEntry>> = HashMap::new();
        for m in self.measures.iter().filter(self.filter(actor, filter)) {
            per_task.entry(m.task_id).or_default().push(m);
        }
        let s = &self.structure;
        let mut tree = PlanTree {
            directions: Vec::new(),
            totals: BudgetGrid::new(),
            measure_count: 0,
            listed_count: 0,
            page,
            per_page,
        };
        let skip = i64::from(page - 1) * i64::from(per_page);
        let listed = skip..skip + i64::from(per_page);
        for d in &s.directions {
            let mut direction = PlanDirection {
                id: d.id,
                number: d.number,
                name: d.name.clone(),
                totals: BudgetGrid::new(),
                tasks: Vec::new(),
            };
            for t in s.tasks.iter().filter(|t| t.direction_id == d.id) {
                let mut task = PlanTask {
                    id: t.id,
                    code: t.code,
                    name: t.name.clone(),
                    totals: BudgetGrid::new(),
                    measures: Vec::new(),
                };
                for m in per_task.get(&t.id).into_iter().flatten() {
                    let grid = m.grid.restricted(filter.year, filter.source);
                    if m.status == MeasureStatus::Approved {
                        task.totals.merge(&grid);
                    }
                    let position = tree.measure_count;
                    tree.measure_count += 1;
                    if !listed.contains(&position) {
                        continue;
                    }
                    if let Some(mut summary) = self.summary(m) {
                        summary.totals = grid;
                        task.measures.push(summary);
                        tree.listed_count += 1;
                    }
                }
                direction.totals.merge(&task.totals);
                direction.tasks.push(task);
            }
            tree.totals.merge(&direction.totals);
            tree.directions.push(direction);
        }
        tree
    }

    pub fn rollup(&self, level: RollupLevel) -> Rollup {
        let s = &self.structure;
        let row = |id: i32, label: Text, tally: Option<&Tally>| RollupRow {
            id,
            label,
            measure_count: tally.map_or(0, |t| t.count),
            totals: tally.map(|t| t.grid.clone()).unwrap_or_default(),
        };
        let rows = match level {
            RollupLevel::Programme => vec![row(0, s.passport.name.clone(), Some(&self.programme))],
            RollupLevel::Direction => s
                .directions
                .iter()
                .map(|d| row(d.id.0, d.name.clone(), self.by_direction.get(&d.id.0)))
                .collect(),
            RollupLevel::Task => s
                .tasks
                .iter()
                .map(|t| row(t.id.0, t.name.clone(), self.by_task.get(&t.id)))
                .collect(),
            RollupLevel::Org => s
                .orgs
                .iter()
                .map(|o| row(o.id.0, o.name.clone(), self.by_org.get(&o.id)))
                .collect(),
            RollupLevel::District => s
                .orgs
                .iter()
                .filter(|o| o.kind == shared::api::orgs::OrgKind::District)
                .map(|o| row(o.id.0, o.name.clone(), self.by_district.get(&o.id)))
                .collect(),
        };
        Rollup {
            level,
            rows,
            envelope: self.envelope_table(),
        }
    }
}

/// How long a snapshot is trusted without asking the database for the revision. Writes made
/// through this process invalidate it at once; this bounds how late a write made by another
/// process on the same database is seen. The dashboard's board and the kept answers use the same
/// bound.
pub const RECHECK: Duration = Duration::from_millis(100);

/// The latest snapshot, shared by all requests of this process.
pub struct SnapshotCache {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// One rebuild at a time: requests that arrive during a rebuild wait for it, not redo it.
    rebuilding: std::sync::Mutex<()>,
    /// Set by writes of this process: the next read asks the database.
    dirty: AtomicBool,
    created: Instant,
    /// Milliseconds after `created` of the last revision check.
    checked_at: AtomicU64,
}

impl Default for SnapshotCache {
    fn default() -> Self {
        SnapshotCache {
            current: RwLock::new(None),
            rebuilding: std::sync::Mutex::new(()),
            dirty: AtomicBool::new(true),
            created: Instant::now(),
            checked_at: AtomicU64::new(0),
        }
    }
}

impl SnapshotCache {
    /// Call after a plan write of this process has committed.
    pub fn invalidate(&self) {
        self.dirty.store(true, Ordering::SeqCst);
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.created.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The snapshot at the database's current revision, rebuilding it if a write moved it on.
    pub fn get(&self, conn: &mut DbConn) -> Result<Arc<Snapshot>> {
        let fresh_enough = self
            .now_ms()
            .saturating_sub(self.checked_at.load(Ordering::SeqCst))
            < u64::try_from(RECHECK.as_millis()).unwrap_or(0);
        if fresh_enough && !self.dirty.load(Ordering::SeqCst) {
            if let Some(s) = self.peek() {
                return Ok(s);
            }
        }
        // Clear the flag before reading the revision, so a write that commits meanwhile
        // sets it again and is not lost.
        self.dirty.store(false, Ordering::SeqCst);
        let revision = db::plan_state::revision(conn)?;
        self.checked_at.store(self.now_ms(), Ordering::SeqCst);
        if let Some(s) = self.peek().filter(|s| s.revision >= revision) {
            return Ok(s);
        }
        let _one_at_a_time = self
            .rebuilding
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(s) = self.peek().filter(|s| s.revision >= revision) {
            return Ok(s);
        }
        let fresh = Arc::new(Snapshot::load(conn)?);
        let mut slot = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match slot.as_ref() {
            Some(existing) if existing.revision >= fresh.revision => Ok(existing.clone()),
            _ => {
                *slot = Some(fresh.clone());
                Ok(fresh)
            }
        }
    }

    /// The programme structure, without waiting for a plan reload: measure writes do not
    /// change it.
    pub fn structure(&self, conn: &mut DbConn) -> Result<Arc<Structure>> {
        match self.peek() {
            Some(s) => Ok(s.structure.clone()),
            None => Ok(self.get(conn)?.structure.clone()),
        }
    }

    fn peek(&self) -> Option<Arc<Snapshot>> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}
