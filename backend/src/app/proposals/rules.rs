//! The rules of proposals: lines against the approved plan, the lines the plan has moved under
//! and their rebase, the organisation's draft (opened, versioned, given returned lines), and the
//! addition line that follows a never-approved measure.

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::plan::structure::Structure;
use crate::app::runner::Tx;
use crate::db::{self, DbConn};
use shared::api::measures::{MeasureInput, MeasureStatus};
use shared::api::proposals::{Change, FieldValue, LineState, ProposalState, Underneath};
use shared::{ErrorCode, OrgId};
use std::collections::{BTreeSet, HashMap};

/// A line as read from the database, with its change parsed.
#[derive(Debug, Clone)]
pub struct Line {
    pub row: db::proposals::LineRow,
    pub change: Change,
    pub state: LineState,
}

pub fn parse_lines(rows: Vec<db::proposals::LineRow>) -> AppResult<Vec<Line>> {
    rows.into_iter()
        .map(|row| {
            let change: Change = serde_json::from_str(&row.change).map_err(AppError::internal)?;
            let state = LineState::parse(&row.state)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("line state {}", row.state)))?;
            Ok(Line { row, change, state })
        })
        .collect()
}

/// Loads a proposal the user may see, or 404.
pub fn visible(
    conn: &mut DbConn,
    structure: &Structure,
    actor: &Actor,
    id: i32,
) -> AppResult<(db::proposals::ProposalRow, ProposalState)> {
    let row = db::proposals::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
    let state = state_of(&row)?;
    if !actor.can_see_proposal(structure, OrgId(row.org_id), state) {
        return Err(ErrorCode::NotFound.into());
    }
    Ok((row, state))
}

pub fn state_of(row: &db::proposals::ProposalRow) -> AppResult<ProposalState> {
    ProposalState::parse(&row.state)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("proposal state {}", row.state)))
}

pub fn status_of(row: &db::measures::MeasureRow) -> AppResult<MeasureStatus> {
    Ok(db::measures::status_of(row)?)
}

/// The measure as the approved plan holds it now (absent: not in the plan).
pub fn approved_state(conn: &mut DbConn, id: i32) -> AppResult<Option<MeasureInput>> {
    let Some(row) = db::measures::find(conn, id)? else {
        return Ok(None);
    };
    if status_of(&row)? != MeasureStatus::Approved {
        return Ok(None);
    }
    Ok(db::measures::load_input(conn, id)?)
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
) -> AppResult<HashMap<i32, (Option<MeasureInput>, MeasureStatus)>> {
    let ids: BTreeSet<i32> = lines.iter().map(|l| l.row.measure_id).collect();
    let mut out = HashMap::new();
    for id in ids {
        let row = db::measures::find(conn, id)?.ok_or(ErrorCode::NotFound)?;
        let status = status_of(&row)?;
        let approved = if status == MeasureStatus::Approved {
            db::measures::load_input(conn, id)?
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
) -> AppResult<()> {
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
) -> AppResult<i32> {
    let json = serde_json::to_string(change).map_err(AppError::internal)?;
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
    actor: &Actor,
    org: OrgId,
    seen: Option<i32>,
    measure: Option<i32>,
) -> AppResult<db::proposals::ProposalRow> {
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
            return Err(AppError::new(ErrorCode::ProposalVersionConflict).with_proposal(draft.id));
        }
        return Ok(draft);
    }
    if seen.is_some() {
        // The draft the user saw was submitted or discarded meanwhile.
        return Err(AppError::new(ErrorCode::ProposalVersionConflict));
    }
    new_draft(conn, org, actor.id.0, &actor.name).map_err(|e| match e {
        // Another planner of the organisation opened the draft at the same moment.
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => AppError::new(ErrorCode::ProposalVersionConflict),
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
) -> AppResult<()> {
    if seen != proposal.version
        || !db::proposals::advance(
            conn,
            proposal.id,
            seen,
            to.map(ProposalState::as_str),
            db::now_ms(),
        )?
    {
        return Err(AppError::new(ErrorCode::ProposalVersionConflict).with_proposal(proposal.id));
    }
    Ok(())
}

/// Keeps a never-approved measure's addition line in step with the measure: in whichever draft
/// already holds it, else in the editor's organisation's draft. Refused while under review.
pub fn sync_addition(
    tx: &mut Tx,
    actor: &Actor,
    measure_id: i32,
    input: &MeasureInput,
) -> AppResult<()> {
    let conn = &mut *tx.conn;
    let change = Change::MeasureAdd {
        measure: input.clone(),
    };
    let json = serde_json::to_string(&change).map_err(AppError::internal)?;
    let mut in_draft = None;
    for (line, proposal) in db::proposals::lines_for_measure(conn, measure_id)? {
        if line.state != LineState::Pending.as_str() || line.line_key != change.key() {
            continue;
        }
        match state_of(&proposal)? {
            ProposalState::Draft => in_draft = Some((line, proposal)),
            ProposalState::Submitted | ProposalState::InReview => {
                return Err(AppError::new(ErrorCode::ProposalLocked).with_proposal(proposal.id))
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
            let org = actor
                .proposal_org(&tx.snapshot.structure)
                .ok_or(ErrorCode::Forbidden)?;
            let draft = match db::proposals::draft_of(conn, org.0)? {
                Some(d) => d,
                None => open_draft(conn, actor, org, None, None)?,
            };
            db::proposals::touch(conn, draft.id, db::now_ms())?;
            insert_line(conn, draft.id, measure_id, &change, None)?;
        }
    }
    Ok(())
}

/// Before a never-approved measure is deleted: refused while under review; its draft lines go.
/// Returns whether decided proposals still name it (then it is kept, marked withdrawn).
pub fn release_addition(tx: &mut Tx, measure_id: i32) -> AppResult<bool> {
    let conn = &mut *tx.conn;
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
                return Err(AppError::new(ErrorCode::ProposalLocked).with_proposal(proposal.id))
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
) -> AppResult<Option<i32>> {
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
