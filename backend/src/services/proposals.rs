//! The rules of proposals: turning edits into lines against the approved plan, finding lines the
//! plan has moved under, applying approved lines as a new version, and what a proposal would do.

use crate::db::{self, DbConn};
use crate::error::{ApiError, ApiResult};
use crate::extract::CurrentUser;
use crate::services::snapshot::Snapshot;
use crate::services::structure::Structure;
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::proposals::{
    apply_changes, Change, EffectRow, FieldValue, LineState, ProposalEffect, ProposalState,
    Underneath,
};
use shared::api::rollup::RollupLevel;
use shared::grid::EnvelopeCell;
use shared::{Amount, BudgetGrid, ErrorCode, OrgId, Text};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A line as read from the database, with its change parsed.
#[derive(Debug, Clone)]
pub struct Line {
    pub row: db::proposals::LineRow,
    pub change: Change,
    pub state: LineState,
}

pub fn parse_lines(rows: Vec<db::proposals::LineRow>) -> ApiResult<Vec<Line>> {
    rows.into_iter()
        .map(|row| {
            let change: Change = serde_json::from_str(&row.change).map_err(ApiError::internal)?;
            let state = LineState::parse(&row.state)
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("line state {}", row.state)))?;
            Ok(Line { row, change, state })
        })
        .collect()
}

pub fn state_of(row: &db::proposals::ProposalRow) -> ApiResult<ProposalState> {
    ProposalState::parse(&row.state)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("proposal state {}", row.state)))
}

pub fn status_of(row: &db::measures::MeasureRow) -> ApiResult<MeasureStatus> {
    MeasureStatus::parse(&row.status)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("measure status {}", row.status)))
}

/// The measure as the approved plan holds it now (absent: not in the plan).
pub fn approved_state(conn: &mut DbConn, id: i32) -> ApiResult<Option<MeasureInput>> {
    let Some(row) = db::measures::find(conn, id)? else {
        return Ok(None);
    };
    if status_of(&row)? != MeasureStatus::Approved {
        return Ok(None);
    }
    crate::api::measures::measure_record(conn, id)
}

/// What the plan holds now where the line expected something else, if anything.
pub fn conflict_of(
    change: &Change,
    approved: Option<&MeasureInput>,
    status: MeasureStatus,
) -> Option<Underneath> {
    match change {
        Change::MeasureAdd { .. } => {
            (status == MeasureStatus::Approved).then(|| Underneath::Measure {
                measure: approved.cloned(),
            })
        }
        Change::MeasureWithdraw { measure } => {
            (approved != Some(measure)).then(|| Underneath::Measure {
                measure: approved.cloned(),
            })
        }
        Change::Amount {
            year, source, old, ..
        } => {
            let Some(a) = approved else {
                return Some(Underneath::Measure { measure: None });
            };
            let now = a
                .budget_lines
                .iter()
                .find(|l| l.year == *year && l.source == *source)
                .map(|l| l.amount);
            (now != *old).then_some(Underneath::Amount { amount: now })
        }
        Change::Field { old, .. } => {
            let Some(a) = approved else {
                return Some(Underneath::Measure { measure: None });
            };
            let now = FieldValue::all_of(a)
                .into_iter()
                .find(|f| f.key() == old.key())?;
            (now != *old).then_some(Underneath::Field { value: now })
        }
    }
}

/// The current approved state and status of every measure the lines touch.
pub fn bases(
    conn: &mut DbConn,
    lines: &[Line],
) -> ApiResult<HashMap<i32, (Option<MeasureInput>, MeasureStatus)>> {
    let ids: BTreeSet<i32> = lines.iter().map(|l| l.row.measure_id).collect();
    let mut out = HashMap::new();
    for id in ids {
        let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        let status = status_of(&row)?;
        let approved = if status == MeasureStatus::Approved {
            crate::api::measures::measure_record(conn, id)?
        } else {
            None
        };
        out.insert(id, (approved, status));
    }
    Ok(out)
}

/// The line re-written against the plan as approved now; `None` when it no longer changes anything.
pub fn rebased(change: &Change, approved: Option<&MeasureInput>) -> Option<Change> {
    match change {
        Change::MeasureAdd { .. } => Some(change.clone()),
        Change::MeasureWithdraw { .. } => {
            approved.map(|m| Change::MeasureWithdraw { measure: m.clone() })
        }
        Change::Amount {
            year, source, new, ..
        } => {
            let a = approved?;
            let now = a
                .budget_lines
                .iter()
                .find(|l| l.year == *year && l.source == *source)
                .map(|l| l.amount);
            (now != *new).then_some(Change::Amount {
                year: *year,
                source: *source,
                old: now,
                new: *new,
            })
        }
        Change::Field { new, .. } => {
            let a = approved?;
            let now = FieldValue::all_of(a)
                .into_iter()
                .find(|f| f.key() == new.key())?;
            (now != *new).then(|| Change::Field {
                old: now,
                new: new.clone(),
            })
        }
    }
}

/// Replaces one measure's lines in a draft with `changes`, keeping a returned line's note when
/// its key stays.
pub fn replace_measure_lines(
    conn: &mut DbConn,
    proposal_id: i32,
    measure_id: i32,
    changes: &[Change],
) -> ApiResult<()> {
    let existing: Vec<db::proposals::LineRow> = db::proposals::lines_of(conn, proposal_id)?
        .into_iter()
        .filter(|l| l.measure_id == measure_id)
        .collect();
    let notes: HashMap<String, String> = existing
        .iter()
        .filter_map(|l| Some((l.line_key.clone(), l.returned_note.clone()?)))
        .collect();
    for l in &existing {
        db::proposals::delete_line(conn, l.id)?;
    }
    for change in changes {
        insert_line(
            conn,
            proposal_id,
            measure_id,
            change,
            notes.get(&change.key()).map(String::as_str),
        )?;
    }
    Ok(())
}

pub fn insert_line(
    conn: &mut DbConn,
    proposal_id: i32,
    measure_id: i32,
    change: &Change,
    note: Option<&str>,
) -> ApiResult<i32> {
    let json = serde_json::to_string(change).map_err(ApiError::internal)?;
    Ok(db::proposals::insert_line(
        conn,
        &db::proposals::NewLine {
            proposal_id,
            measure_id,
            line_key: &change.key(),
            change: &json,
            state: LineState::Pending.as_str(),
            returned_note: note,
        },
    )?)
}

/// The organisation's draft, created when it has none. `seen` is the draft version the user
/// based their edit on: a draft that moved on since is a conflict (409 with the draft).
pub fn open_draft(
    conn: &mut DbConn,
    user: &CurrentUser,
    org: OrgId,
    seen: Option<i32>,
    measure: Option<i32>,
) -> ApiResult<db::proposals::ProposalRow> {
    if let Some(draft) = db::proposals::draft_of(conn, org.0)? {
        let touches = match measure {
            Some(m) => db::proposals::lines_of(conn, draft.id)?
                .iter()
                .any(|l| l.measure_id == m),
            None => true,
        };
        let stale = match seen {
            Some(v) => v != draft.version,
            None => touches,
        };
        if stale {
            return Err(ApiError::new(ErrorCode::ProposalVersionConflict).with_proposal(draft.id));
        }
        return Ok(draft);
    }
    if seen.is_some() {
        // The draft the user saw was submitted or discarded meanwhile.
        return Err(ApiError::new(ErrorCode::ProposalVersionConflict));
    }
    new_draft(conn, org, user.user.id, &user.user.display_name).map_err(|e| match e {
        // Another planner of the organisation opened the draft at the same moment.
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::new(ErrorCode::ProposalVersionConflict),
        e => e.into(),
    })
}

/// A new, empty draft of the organisation, based on the current plan version.
fn new_draft(
    conn: &mut DbConn,
    org: OrgId,
    author_id: i32,
    author_name: &str,
) -> Result<db::proposals::ProposalRow, diesel::result::Error> {
    let now = db::now_ms();
    let base = db::versions::current(conn)?;
    let id = db::proposals::insert(
        conn,
        &db::proposals::NewProposal {
            org_id: org.0,
            author_id,
            author_name,
            state: ProposalState::Draft.as_str(),
            base_version: base,
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )?;
    db::proposals::find(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

/// Moves a proposal on from the version the user saw, or refuses with 409.
pub fn advance(
    conn: &mut DbConn,
    proposal: &db::proposals::ProposalRow,
    seen: i32,
    to: Option<ProposalState>,
) -> ApiResult<()> {
    if seen != proposal.version
        || !db::proposals::advance(
            conn,
            proposal.id,
            seen,
            to.map(ProposalState::as_str),
            db::now_ms(),
        )?
    {
        return Err(ApiError::new(ErrorCode::ProposalVersionConflict).with_proposal(proposal.id));
    }
    Ok(())
}

/// Keeps a never-approved measure's addition line in step with the measure: in whichever draft
/// already holds it, else in the editor's organisation's draft. Refused while under review.
pub fn sync_addition(
    conn: &mut DbConn,
    structure: &Structure,
    user: &CurrentUser,
    measure_id: i32,
    input: &MeasureInput,
) -> ApiResult<()> {
    let change = Change::MeasureAdd {
        measure: input.clone(),
    };
    let json = serde_json::to_string(&change).map_err(ApiError::internal)?;
    let mut in_draft = None;
    for (line, proposal) in db::proposals::lines_for_measure(conn, measure_id)? {
        if line.state != LineState::Pending.as_str() || line.line_key != change.key() {
            continue;
        }
        match state_of(&proposal)? {
            ProposalState::Draft => in_draft = Some((line, proposal)),
            ProposalState::Submitted | ProposalState::InReview => {
                return Err(ApiError::new(ErrorCode::ProposalLocked).with_proposal(proposal.id))
            }
            _ => {}
        }
    }
    match in_draft {
        Some((line, proposal)) => {
            db::proposals::touch(conn, proposal.id, db::now_ms())?;
            db::proposals::update_line_change(conn, line.id, &json)?;
        }
        None => {
            let org = user
                .actor
                .proposal_org(structure)
                .ok_or(ErrorCode::Forbidden)?;
            let draft = match db::proposals::draft_of(conn, org.0)? {
                Some(d) => d,
                None => open_draft(conn, user, org, None, None)?,
            };
            db::proposals::touch(conn, draft.id, db::now_ms())?;
            insert_line(conn, draft.id, measure_id, &change, None)?;
        }
    }
    Ok(())
}

/// Before a never-approved measure is deleted: refused while under review; its draft lines go.
/// Returns whether decided proposals still name it (then it is kept, marked withdrawn).
pub fn release_addition(conn: &mut DbConn, measure_id: i32) -> ApiResult<bool> {
    let mut named = false;
    for (line, proposal) in db::proposals::lines_for_measure(conn, measure_id)? {
        match state_of(&proposal)? {
            ProposalState::Draft => {
                db::proposals::touch(conn, proposal.id, db::now_ms())?;
                db::proposals::delete_line(conn, line.id)?;
            }
            ProposalState::Submitted | ProposalState::InReview
                if line.state == LineState::Pending.as_str() =>
            {
                return Err(ApiError::new(ErrorCode::ProposalLocked).with_proposal(proposal.id))
            }
            _ => named = true,
        }
    }
    Ok(named)
}

/// Copies lines sent back for rework into the organisation's draft (created if needed), with the
/// reason; a line the draft already has for the same thing keeps the draft's value.
pub fn return_to_draft(
    conn: &mut DbConn,
    org: OrgId,
    author: (i32, &str),
    lines: &[(&Line, &str)],
) -> ApiResult<Option<i32>> {
    if lines.is_empty() {
        return Ok(None);
    }
    let draft = match db::proposals::draft_of(conn, org.0)? {
        Some(d) => d,
        None => new_draft(conn, org, author.0, author.1)?,
    };
    // Lock the draft before reading its lines, so a concurrent edit by the author queues.
    db::proposals::touch(conn, draft.id, db::now_ms())?;
    let have: BTreeSet<(i32, String)> = db::proposals::lines_of(conn, draft.id)?
        .into_iter()
        .map(|l| (l.measure_id, l.line_key))
        .collect();
    for (line, reason) in lines {
        if have.contains(&(line.row.measure_id, line.row.line_key.clone())) {
            continue;
        }
        insert_line(
            conn,
            draft.id,
            line.row.measure_id,
            &line.change,
            Some(reason),
        )?;
    }
    Ok(Some(draft.id))
}

/// What the pending lines would do to the approved plan: the envelope and every roll-up figure
/// they touch, before and after.
pub fn effect(
    snapshot: &Snapshot,
    lines: &[Line],
    bases: &HashMap<i32, (Option<MeasureInput>, MeasureStatus)>,
) -> ProposalEffect {
    let s = &snapshot.structure;
    let mut per_measure: BTreeMap<i32, Vec<&Change>> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.state == LineState::Pending) {
        per_measure
            .entry(l.row.measure_id)
            .or_default()
            .push(&l.change);
    }
    // Signed moves per roll-up key: (level, id) → Δ thousand UAH; and the programme grid's.
    let mut moves: BTreeMap<(u8, i32), rust_decimal::Decimal> = BTreeMap::new();
    let mut grid_deltas = Vec::new();
    let touch = |m: &MeasureInput,
                 sign: rust_decimal::Decimal,
                 moves: &mut BTreeMap<(u8, i32), rust_decimal::Decimal>| {
        let total = m.totals().total().decimal() * sign;
        let mut keys = vec![(0u8, 0), (2, m.task_id.0), (3, m.org_id.0)];
        if let Some(t) = s.task(m.task_id) {
            keys.push((1, t.direction_id.0));
        }
        if let Some(d) = s.district_of(m.org_id) {
            keys.push((4, d.0));
        }
        for k in keys {
            *moves.entry(k).or_default() += total;
        }
    };
    for (id, changes) in &per_measure {
        let base = bases.get(id).and_then(|b| b.0.clone());
        let after = apply_changes(base.as_ref(), changes.iter().copied());
        if let Some(b) = &base {
            touch(b, -rust_decimal::Decimal::ONE, &mut moves);
            grid_deltas.extend(
                b.budget_lines
                    .iter()
                    .map(|l| (l.year, l.source, -l.amount.decimal())),
            );
        }
        if let Some(a) = &after {
            touch(a, rust_decimal::Decimal::ONE, &mut moves);
            grid_deltas.extend(
                a.budget_lines
                    .iter()
                    .map(|l| (l.year, l.source, l.amount.decimal())),
            );
        }
    }
    let programme_after =
        shared::api::proposals::grid_after(&snapshot.programme.grid, &grid_deltas);
    let level = |n: u8| match n {
        0 => RollupLevel::Programme,
        1 => RollupLevel::Direction,
        2 => RollupLevel::Task,
        3 => RollupLevel::Org,
        _ => RollupLevel::District,
    };
    let rollups = moves
        .into_iter()
        .map(|((n, id), delta)| {
            let (label, before) = match n {
                0 => (s.passport.name.clone(), snapshot.programme.grid.total()),
                1 => (
                    s.direction(shared::DirectionId(id))
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    snapshot
                        .by_direction
                        .get(&id)
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                2 => (
                    s.task(shared::TaskId(id))
                        .map(|t| {
                            Text::new(
                                format!("{} {}", t.code, t.name.uk),
                                format!("{} {}", t.code, t.name.en),
                            )
                        })
                        .unwrap_or_default(),
                    snapshot
                        .by_task
                        .get(&shared::TaskId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                3 => (
                    s.org(OrgId(id)).map(|o| o.name.clone()).unwrap_or_default(),
                    snapshot
                        .by_org
                        .get(&OrgId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
                _ => (
                    s.org(OrgId(id)).map(|o| o.name.clone()).unwrap_or_default(),
                    snapshot
                        .by_district
                        .get(&OrgId(id))
                        .map_or(Amount::ZERO, |t| t.grid.total()),
                ),
            };
            let after = Amount::try_from_decimal(
                (before.decimal() + delta).max(rust_decimal::Decimal::ZERO),
            )
            .unwrap_or(before);
            EffectRow {
                level: level(n),
                id,
                label,
                before,
                after,
            }
        })
        .collect();
    ProposalEffect {
        envelope_before: snapshot.envelope_table(),
        envelope_after: EnvelopeCell::table(&s.envelope, &programme_after),
        rollups,
    }
}

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
    pub fn load(conn: &mut DbConn) -> ApiResult<History> {
        conn.read_tx(|conn| {
            let mut superseded: HashMap<i32, Vec<(i32, Option<MeasureInput>)>> = HashMap::new();
            for (v, m, payload) in db::versions::superseded_up_to(conn, i32::MAX)? {
                let state = payload
                    .map(|p| serde_json::from_str::<MeasureInput>(&p))
                    .transpose()
                    .map_err(ApiError::internal)?;
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
                let input = crate::api::measures::record_of(row.clone(), ls)?;
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

impl ApiError {
    /// Marks which proposal a refusal concerns, so the page can reload it.
    pub fn with_proposal(mut self, id: i32) -> Self {
        self.body.current = Some(serde_json::json!({ "proposal_id": id }));
        self
    }
}
