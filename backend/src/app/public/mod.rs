//! The open programme: what anyone may read without an account, built from the same snapshot,
//! board and history the signed-in pages read, and kept as the JSON sent (`App::answer`, under
//! names without a user) until the plan's or the reports' revision or the day moves.
//!
//! Only what is final is published: measures of the approved plan, amounts approved by the
//! budget decision, spending and indicator values of approved reports, approved plan versions.
//! Organisations are named; people never are (a version's approver and every proposal are left
//! out).

pub mod datapackage;
pub mod documents;
pub mod limiter;
pub mod org;

use super::dashboard::Board;
use super::error::AppResult;
use super::plan::snapshot::MeasureEntry;
use super::plan::structure::OrgInfo;
use super::plan::versions;
use super::{indicators, plan, App};
use crate::db;
use bytes::Bytes;
use serde::Serialize;
use shared::api::measures::MeasureStatus;
use shared::api::public::{
    PublicBudgetCell, PublicChange, PublicDirection, PublicIndicator, PublicIndicators,
    PublicMeasure, PublicMeasureDetail, PublicOrg, PublicOrgRef, PublicOrgs, PublicPlan,
    PublicProgramme, PublicReportDue, PublicTask, PublicVersion, PublicVersions,
};
use shared::execution::Execution;
use shared::{BudgetGrid, Date, ErrorCode, MeasureId, TaskId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A public answer: its bytes and their entity tag.
#[derive(Debug, Clone)]
pub struct Published {
    pub body: Bytes,
    pub etag: String,
}

/// What this process keeps for the public answers besides the answers themselves.
pub struct Public {
    /// Per answer: the bytes last tagged (the kept answer is the same buffer until it changes)
    /// and their tag, so a kept answer is not hashed again.
    etags: Mutex<HashMap<String, (Bytes, String)>>,
    /// Requests per client address.
    pub limiter: limiter::Limiter,
}

impl Public {
    pub fn new(rate: limiter::Rate) -> Public {
        Public {
            etags: Mutex::default(),
            limiter: limiter::Limiter::new(rate),
        }
    }

    fn etag(&self, name: &str, body: &Bytes) -> String {
        let mut etags = self
            .etags
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((kept, tag)) = etags.get(name) {
            if kept.as_ptr() == body.as_ptr() && kept.len() == body.len() {
                return tag.clone();
            }
        }
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(body);
        let tag = format!("\"{}\"", hex::encode(&digest[..16]));
        etags.insert(name.to_string(), (body.clone(), tag.clone()));
        tag
    }
}

/// Kept under `name` until the revisions or the day move, with its tag.
pub(crate) fn publish<T: Serialize>(
    app: &App,
    name: &str,
    compute: impl FnOnce(&App) -> AppResult<T>,
) -> AppResult<Published> {
    let body = app.answer(name.to_string(), compute)?;
    Ok(tagged(app, name, body))
}

/// [`publish`] for an answer already written out (a CSV file).
pub(crate) fn publish_bytes(
    app: &App,
    name: &str,
    compute: impl FnOnce(&App) -> AppResult<Bytes>,
) -> AppResult<Published> {
    let body = app.answer_bytes(name.to_string(), compute)?;
    Ok(tagged(app, name, body))
}

/// An answer written fresh (not kept), with its tag.
pub(crate) fn tagged(app: &App, name: &str, body: Bytes) -> Published {
    Published {
        etag: app.public.etag(name, &body),
        body,
    }
}

/// The dashboard's board: approved and executed amounts, approved reports' values, compliance.
pub(crate) fn board(app: &App) -> AppResult<Arc<Board>> {
    match app.dashboards.fresh(app.clock.today()) {
        Some(board) => Ok(board),
        None => app.read(|conn| app.dashboards.board(conn, app)),
    }
}

pub(crate) fn org_ref(o: &OrgInfo) -> PublicOrgRef {
    PublicOrgRef {
        id: o.id,
        kind: o.kind,
        name: o.name.clone(),
        code: o.code.as_ref().map(|c| c.as_str().to_string()),
    }
}

/// A measure of the approved plan with its three layers (`None` for a draft).
pub(crate) fn measure_of(board: &Board, m: &MeasureEntry) -> Option<PublicMeasure> {
    if m.status != MeasureStatus::Approved {
        return None;
    }
    let s = &board.snapshot().structure;
    let org = s.org(m.org_id)?;
    let task = s.task(m.task_id)?;
    let cells = board.measure_cells(m);
    let total: Execution = cells.iter().map(|c| c.execution).sum();
    Some(PublicMeasure {
        id: m.id,
        task_id: m.task_id,
        direction_id: task.direction_id,
        executor: org_ref(org),
        name: m.name.clone(),
        start_year: m.start_year,
        end_year: m.end_year,
        budget: cells
            .into_iter()
            .map(|c| PublicBudgetCell {
                year: c.year,
                source: c.source,
                execution: c.execution.into(),
            })
            .collect(),
        total: total.into(),
        status: board.measure_status(m.id),
    })
}

/// Every measure of the approved plan, in the plan's order.
pub(crate) fn measures(board: &Board) -> Vec<PublicMeasure> {
    board
        .snapshot()
        .measures
        .iter()
        .filter_map(|m| measure_of(board, m))
        .collect()
}

/// The plan version in force.
fn current_version(app: &App) -> AppResult<i32> {
    app.read(|conn| {
        Ok(db::versions::all(conn)?
            .iter()
            .map(|v| v.number)
            .max()
            .unwrap_or(1))
    })
}

/// The day the published figures last changed: the newest plan version or approved report.
pub(crate) fn last_modified(app: &App, board: &Board) -> AppResult<Date> {
    let version =
        app.read(|conn| Ok(db::versions::all(conn)?.iter().map(|v| v.approved_at).max()))?;
    let version_day = version.and_then(Date::kyiv_from_unix_ms);
    Ok(version_day
        .into_iter()
        .chain(board.last_approval())
        .max()
        .unwrap_or(board.today()))
}

/// `GET /api/public/programme`
pub fn programme(app: &App) -> AppResult<Published> {
    publish(app, "public/programme", |app| {
        let board = board(app)?;
        let execution: Execution = measures(&board).iter().map(|m| m.total.layers()).sum();
        Ok(PublicProgramme {
            overview: plan::overview(app)?,
            execution: execution.into(),
            version: current_version(app)?,
            last_modified: last_modified(app, &board)?,
        })
    })
}

/// `GET /api/public/plan`
pub fn plan(app: &App) -> AppResult<Published> {
    publish(app, "public/plan", |app| {
        let board = board(app)?;
        let s = board.snapshot().structure.clone();
        let mut per_task: HashMap<TaskId, Vec<PublicMeasure>> = HashMap::new();
        let mut grids: HashMap<MeasureId, &BudgetGrid> = HashMap::new();
        for m in &board.snapshot().measures {
            if let Some(p) = measure_of(&board, m) {
                grids.insert(m.id, &m.grid);
                per_task.entry(m.task_id).or_default().push(p);
            }
        }
        let mut plan = PublicPlan {
            version: current_version(app)?,
            totals: BudgetGrid::new(),
            execution: Default::default(),
            measure_count: 0,
            directions: Vec::new(),
        };
        let mut plan_exec = Execution::default();
        for d in &s.directions {
            let mut direction = PublicDirection {
                id: d.id,
                number: d.number,
                name: d.name.clone(),
                totals: BudgetGrid::new(),
                execution: Default::default(),
                tasks: Vec::new(),
            };
            let mut direction_exec = Execution::default();
            for t in s.tasks.iter().filter(|t| t.direction_id == d.id) {
                let measures = per_task.remove(&t.id).unwrap_or_default();
                let mut totals = BudgetGrid::new();
                let mut exec = Execution::default();
                for m in &measures {
                    if let Some(g) = grids.get(&m.id) {
                        totals.merge(g);
                    }
                    exec += m.total.layers();
                }
                plan.measure_count += i64::try_from(measures.len()).unwrap_or(i64::MAX);
                direction.totals.merge(&totals);
                direction_exec += exec;
                direction.tasks.push(PublicTask {
                    id: t.id,
                    code: t.code.to_string(),
                    name: t.name.clone(),
                    totals,
                    execution: exec.into(),
                    measures,
                });
            }
            plan.totals.merge(&direction.totals);
            plan_exec += direction_exec;
            direction.execution = direction_exec.into();
            plan.directions.push(direction);
        }
        plan.execution = plan_exec.into();
        Ok(plan)
    })
}

/// `GET /api/public/measures/{id}`: a measure of the approved plan (404 for anything else).
pub fn measure(app: &App, id: MeasureId) -> AppResult<Published> {
    publish(app, &format!("public/measure/{}", id.0), |app| {
        let board = board(app)?;
        let entry = board
            .snapshot()
            .measures
            .iter()
            .find(|m| m.id == id)
            .ok_or(ErrorCode::NotFound)?;
        let measure = measure_of(&board, entry).ok_or(ErrorCode::NotFound)?;
        let s = &board.snapshot().structure;
        let task = s.task(entry.task_id).ok_or(ErrorCode::NotFound)?;
        let direction = s
            .directions
            .iter()
            .find(|d| d.id == task.direction_id)
            .ok_or(ErrorCode::NotFound)?;
        let row = app
            .read(|conn| Ok(db::measures::find(conn, id.0)?))?
            .filter(|r| r.status == MeasureStatus::Approved.as_str())
            .ok_or(ErrorCode::NotFound)?;
        Ok(PublicMeasureDetail {
            measure,
            direction: direction.name.clone(),
            task_code: task.code.to_string(),
            task: task.name.clone(),
            description: row.description,
            expected_result: row.expected_result,
        })
    })
}

/// Every indicator with the oblast's figures of approved reports.
pub(crate) fn indicators_of(app: &App, board: &Board) -> AppResult<Vec<PublicIndicator>> {
    let mut tiles: HashMap<_, _> = board
        .oblast_indicators()
        .into_iter()
        .map(|t| (t.indicator_id, t))
        .collect();
    Ok(indicators::list(app)?
        .into_iter()
        .map(|e| PublicIndicator {
            oblast: tiles.remove(&e.indicator.id),
            code: e.code,
            indicator: e.indicator,
        })
        .collect())
}

/// `GET /api/public/indicators`
pub fn indicators(app: &App) -> AppResult<Published> {
    publish(app, "public/indicators", |app| {
        let board = board(app)?;
        Ok(PublicIndicators {
            quarter: board.default_quarter().to_string(),
            indicators: indicators_of(app, &board)?,
        })
    })
}

/// An organisation with its execution and reporting compliance.
pub(crate) fn org_of(board: &Board, o: &OrgInfo) -> PublicOrg {
    let row = board.org_row(o.id);
    PublicOrg {
        org: org_ref(o),
        parent: o.parent,
        population: o.population,
        measure_count: board.snapshot().by_org.get(&o.id).map_or(0, |t| t.count),
        execution: row.as_ref().map(|r| r.execution).unwrap_or_default().into(),
        compliance: row.map(|r| r.compliance).unwrap_or_default(),
        reports: board
            .reports_due(o.id)
            .into_iter()
            .map(|(period, due, compliance)| PublicReportDue {
                period,
                due,
                compliance,
            })
            .collect(),
    }
}

/// Every organisation with its execution and reporting compliance.
pub(crate) fn orgs_of(board: &Board) -> Vec<PublicOrg> {
    board
        .snapshot()
        .structure
        .orgs
        .iter()
        .map(|o| org_of(board, o))
        .collect()
}

/// `GET /api/public/orgs`
pub fn orgs(app: &App) -> AppResult<Published> {
    publish(app, "public/orgs", |app| {
        let board = board(app)?;
        Ok(PublicOrgs {
            today: board.today(),
            orgs: orgs_of(&board),
        })
    })
}

/// `GET /api/public/map`: the boundaries as SVG paths (public data; the figures are the orgs').
pub fn map(app: &App) -> AppResult<Published> {
    publish_bytes(app, "public/map", App::map_json)
}

/// Every approved version, newest first, with the lines it changed against the one before.
pub(crate) fn versions_now(app: &App) -> AppResult<PublicVersions> {
    let list = versions::list_now(app)?;
    app.read(|conn| {
        let structure = app.structure(conn)?;
        let mut out = Vec::new();
        for (i, v) in list.versions.iter().enumerate() {
            let changes = match list.versions.get(i + 1) {
                Some(before) => versions::comparison(app, conn, before.number, v.number, |_| true)?
                    .rows
                    .into_iter()
                    .filter_map(|r| {
                        Some(PublicChange {
                            measure_id: r.measure_id,
                            measure_name: r.measure_name,
                            executor: org_ref(structure.org(r.org.id)?),
                            change: r.change,
                        })
                    })
                    .collect(),
                None => Vec::new(),
            };
            // The approver's name and the proposal are not published: the decision is.
            out.push(PublicVersion {
                number: v.number,
                approved_at: v.approved_at,
                decision: v.decision.clone(),
                measure_count: v.measure_count,
                totals: v.totals.clone(),
                changes,
            });
        }
        Ok(PublicVersions {
            current: list.current,
            versions: out,
        })
    })
}

/// `GET /api/public/versions`
pub fn versions(app: &App) -> AppResult<Published> {
    publish(app, "public/versions", versions_now)
}
