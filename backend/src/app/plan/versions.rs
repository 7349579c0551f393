//! Versions of the approved plan: every approved state kept (the history), each version's
//! totals, the list of versions and the comparison of any two.

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use crate::db::{self, DbConn};
use bytes::Bytes;
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::proposals::{diff_measure, ProposalId};
use shared::api::versions::{ComparisonRow, PlanVersion, PlanVersions, VersionComparison};
use shared::{BudgetGrid, ErrorCode, MeasureId, OrgId, Text};
use std::collections::HashMap;

/// Every approved state the database keeps: the current rows and the superseded states, loaded
/// once per plan revision, so the plan of any version can be rebuilt in memory.
pub struct History {
    /// Rows ever approved: the row, its state now and that state's budget.
    current: Vec<(db::measures::MeasureRow, MeasureInput, BudgetGrid)>,
    /// Superseded states per measure: (the version that had approved it, the state).
    superseded: HashMap<i32, Vec<(i32, Option<MeasureInput>)>>,
    /// Each version's total budget, summed once when first asked for.
    totals: std::sync::Mutex<HashMap<i32, BudgetGrid>>,
}

impl History {
    pub fn load(conn: &mut DbConn) -> AppResult<History> {
        conn.read_tx(|conn| {
            let mut superseded: HashMap<i32, Vec<(i32, Option<MeasureInput>)>> = HashMap::new();
            for (v, m, payload) in db::versions::superseded_up_to(conn, i32::MAX)? {
                let state = payload
                    .map(|p| serde_json::from_str::<MeasureInput>(&p))
                    .transpose()
                    .map_err(AppError::internal)?;
                superseded.entry(m).or_default().push((v, state));
            }
            let mut lines: HashMap<i32, Vec<db::budget_lines::BudgetLineRow>> = HashMap::new();
            for l in db::budget_lines::all(conn)? {
                lines.entry(l.measure_id).or_default().push(l);
            }
            let mut current = Vec::new();
            for row in db::measures::all(conn)? {
                if row.approved_in.is_none() {
                    continue;
                }
                let ls = lines.remove(&row.id).unwrap_or_default();
                let input = db::measures::input_of(row.clone(), ls)?;
                let totals = input.totals();
                current.push((row, input, totals));
            }
            Ok(History {
                current,
                superseded,
                totals: Default::default(),
            })
        })
    }

    /// The measures approved now: their row and state.
    pub fn approved(&self) -> impl Iterator<Item = (&db::measures::MeasureRow, &MeasureInput)> {
        self.current
            .iter()
            .filter(|(row, _, _)| row.status == MeasureStatus::Approved.as_str())
            .map(|(row, input, _)| (row, input))
    }

    /// The measure (by its index in `current`) as approved in `version`: the row if it was
    /// approved at or before it, else the newest state kept for a version at or before it.
    fn state_at(&self, i: usize, version: i32) -> Option<&MeasureInput> {
        let (row, input, _) = &self.current[i];
        if row.approved_in.is_some_and(|a| a <= version) {
            return (row.status == MeasureStatus::Approved.as_str()).then_some(input);
        }
        self.superseded
            .get(&row.id)
            .into_iter()
            .flatten()
            .filter(|(v, _)| *v <= version)
            .max_by_key(|(v, _)| *v)
            .and_then(|(_, state)| state.as_ref())
    }

    /// The budget of the whole plan in `version` (summed once per history).
    pub fn totals_at(&self, version: i32) -> BudgetGrid {
        if let Some(g) = self
            .totals
            .lock()
            .ok()
            .and_then(|t| t.get(&version).cloned())
        {
            return g;
        }
        let g = self.sum_at(version);
        if let Ok(mut t) = self.totals.lock() {
            t.insert(version, g.clone());
        }
        g
    }

    /// How many measures each version changed: those it approved, now or superseded since.
    pub fn change_counts(&self) -> HashMap<i32, i64> {
        let mut counts: HashMap<i32, i64> = HashMap::new();
        for (row, _, _) in &self.current {
            if let Some(v) = row.approved_in {
                *counts.entry(v).or_default() += 1;
            }
        }
        for kept in self.superseded.values() {
            for (v, _) in kept {
                *counts.entry(*v).or_default() += 1;
            }
        }
        counts
    }

    fn sum_at(&self, version: i32) -> BudgetGrid {
        let mut g = BudgetGrid::new();
        for (i, (row, _, totals)) in self.current.iter().enumerate() {
            if row.approved_in.is_some_and(|a| a <= version) {
                if row.status == MeasureStatus::Approved.as_str() {
                    g.merge(totals);
                }
            } else if let Some(m) = self.state_at(i, version) {
                g.merge(&m.totals());
            }
        }
        g
    }

    /// Every measure whose approved state differs between two versions: (id, in `a`, in `b`).
    /// A row approved at or before both holds in both, so only later ones are looked at.
    pub fn changed_between(
        &self,
        a: i32,
        b: i32,
    ) -> Vec<(i32, Option<&MeasureInput>, Option<&MeasureInput>)> {
        let low = a.min(b);
        self.current
            .iter()
            .enumerate()
            .filter(|(_, (row, _, _))| row.approved_in.is_some_and(|v| v > low))
            .filter_map(|(i, (row, _, _))| {
                let (old, new) = (self.state_at(i, a), self.state_at(i, b));
                (old != new).then_some((row.id, old, new))
            })
            .collect()
    }
}

fn to_version(
    r: db::versions::VersionRow,
    counts: &HashMap<i32, i64>,
    history: &History,
) -> PlanVersion {
    PlanVersion {
        number: r.number,
        approved_at: r.approved_at,
        decision: Text::new(r.decision_uk, r.decision_en),
        approved_by: r.approved_by_name,
        proposal_id: r.proposal_id.map(ProposalId),
        measure_count: counts.get(&r.number).copied().unwrap_or(0),
        totals: history.totals_at(r.number),
    }
}

/// Every version of the approved plan, newest first, with what it changed and its totals; as
/// JSON, kept until the plan moves (the same for every user).
pub fn list(app: &App) -> AppResult<Bytes> {
    app.answer("versions".to_string(), list_now)
}

/// The list itself, for the public versions page too.
pub(crate) fn list_now(app: &App) -> AppResult<PlanVersions> {
    app.read(|conn| {
        let history = app.history(conn)?;
        let counts = history.change_counts();
        let versions: Vec<PlanVersion> = db::versions::all(conn)?
            .into_iter()
            .map(|r| to_version(r, &counts, &history))
            .collect();
        Ok(PlanVersions {
            current: versions.first().map_or(1, |v| v.number),
            versions,
        })
    })
}

/// What changed between two versions, line by line, as far as this user may read.
/// As JSON, kept until the plan moves.
pub fn compare(app: &App, actor: &Actor, from: i32, to: i32) -> AppResult<Bytes> {
    let name = format!("compare/{from}/{to}/{}", actor.key());
    app.answer(name, |app| compare_now(app, actor, from, to))
}

fn compare_now(app: &App, actor: &Actor, from: i32, to: i32) -> AppResult<VersionComparison> {
    app.read(|conn| {
        let structure = app.structure(conn)?;
        // Only what this user may read is listed (a community sees its own and the oblast's).
        comparison(app, conn, from, to, |org| {
            actor.can_read_org(&structure, org)
        })
    })
}

/// What changed between two versions, line by line, for the measures of the organisations
/// `shown` lets through.
pub fn comparison(
    app: &App,
    conn: &mut DbConn,
    from: i32,
    to: i32,
    shown: impl Fn(OrgId) -> bool,
) -> AppResult<VersionComparison> {
    let structure = app.structure(conn)?;
    let from_row = db::versions::find(conn, from)?.ok_or(ErrorCode::VersionUnknown)?;
    let to_row = db::versions::find(conn, to)?.ok_or(ErrorCode::VersionUnknown)?;
    let history = app.history(conn)?;
    let counts = history.change_counts();
    let mut rows = Vec::new();
    for (id, old, new) in history.changed_between(from, to) {
        let Some(m) = new.or(old) else { continue };
        if !shown(m.org_id) {
            continue;
        }
        let Some(org) = structure.org(m.org_id).map(|o| o.to_ref()) else {
            continue;
        };
        for change in diff_measure(old, new) {
            rows.push(ComparisonRow {
                measure_id: MeasureId(id),
                measure_name: m.name.clone(),
                org: org.clone(),
                change,
            });
        }
    }
    Ok(VersionComparison {
        from: to_version(from_row, &counts, &history),
        to: to_version(to_row, &counts, &history),
        rows,
    })
}
