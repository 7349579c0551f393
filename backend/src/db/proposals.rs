//! Rows of proposals, their lines and steps, and the approval route setting.

use super::schema::{proposal_lines, proposal_steps, proposals, workflow_settings};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposals)]
pub struct ProposalRow {
    pub id: i32,
    pub org_id: i32,
    pub author_id: i32,
    pub author_name: String,
    pub state: String,
    pub needs_endorsement: bool,
    pub note: String,
    pub base_version: i32,
    pub version: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = proposals)]
pub struct NewProposal<'a> {
    pub org_id: i32,
    pub author_id: i32,
    pub author_name: &'a str,
    pub state: &'a str,
    pub base_version: i32,
    pub version: i32,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposal_lines)]
pub struct LineRow {
    pub id: i32,
    pub proposal_id: i32,
    pub measure_id: i32,
    pub line_key: String,
    pub change: String,
    pub state: String,
    pub reason: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub returned_note: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = proposal_lines)]
pub struct NewLine<'a> {
    pub proposal_id: i32,
    pub measure_id: i32,
    pub line_key: &'a str,
    pub change: &'a str,
    pub state: &'a str,
    pub returned_note: Option<&'a str>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposal_steps)]
pub struct StepRow {
    pub id: i32,
    pub proposal_id: i32,
    pub at: i64,
    pub by_name: String,
    pub action: String,
    pub reason: Option<String>,
}

/// The organisation and state of each of these proposals.
pub fn states_of(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<(i32, i32, String)>> {
    on_conn!(conn, c => proposals::table
        .filter(proposals::id.eq_any(ids))
        .select((proposals::id, proposals::org_id, proposals::state))
        .load(c))
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<ProposalRow>> {
    on_conn!(conn, c => proposals::table.find(id).select(ProposalRow::as_select()).first(c).optional())
}

/// The organisation's draft, if it has one (at most one: a unique index).
pub fn draft_of(conn: &mut DbConn, org_id: i32) -> QueryResult<Option<ProposalRow>> {
    on_conn!(conn, c => proposals::table
        .filter(proposals::org_id.eq(org_id))
        .filter(proposals::state.eq("draft"))
        .select(ProposalRow::as_select())
        .first(c)
        .optional())
}

pub fn insert(conn: &mut DbConn, row: &NewProposal) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(proposals::table)
        .values(row)
        .returning(proposals::id)
        .get_result(c))
}

/// Moves the proposal on from `version` (and optionally to a new state); false if it had moved.
pub fn advance(
    conn: &mut DbConn,
    id: i32,
    version: i32,
    state: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let target = proposals::table
        .filter(proposals::id.eq(id))
        .filter(proposals::version.eq(version));
    let n = match state {
        Some(state) => on_conn!(conn, c => diesel::update(target)
            .set((proposals::version.eq(version + 1), proposals::updated_at.eq(now), proposals::state.eq(state)))
            .execute(c))?,
        None => on_conn!(conn, c => diesel::update(target)
            .set((proposals::version.eq(version + 1), proposals::updated_at.eq(now)))
            .execute(c))?,
    };
    Ok(n == 1)
}

/// Moves the proposal's version on whatever it was: taken first by writers that add to a draft
/// without an expected version, so concurrent writers queue on the row.
pub fn touch(conn: &mut DbConn, id: i32, now: i64) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(proposals::table.find(id))
        .set((proposals::version.eq(proposals::version + 1), proposals::updated_at.eq(now)))
        .execute(c))
    .map(|_| ())
}

/// Records a submission: the route, the note and when.
pub fn set_submitted(
    conn: &mut DbConn,
    id: i32,
    needs_endorsement: bool,
    note: &str,
    now: i64,
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(proposals::table.find(id))
        .set((
            proposals::needs_endorsement.eq(needs_endorsement),
            proposals::note.eq(note),
            proposals::submitted_at.eq(Some(now)),
        ))
        .execute(c))
    .map(|_| ())
}

pub fn set_base_version(conn: &mut DbConn, id: i32, base: i32) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(proposals::table.find(id))
        .set(proposals::base_version.eq(base))
        .execute(c))
    .map(|_| ())
}

/// Proposals in the given states (all when empty), newest first.
pub fn list(conn: &mut DbConn, states: &[&str]) -> QueryResult<Vec<ProposalRow>> {
    on_conn!(conn, c => {
        let mut q = proposals::table.select(ProposalRow::as_select()).order(proposals::id.desc()).into_boxed();
        if !states.is_empty() {
            q = q.filter(proposals::state.eq_any(states));
        }
        q.load(c)
    })
}

pub fn lines_of(conn: &mut DbConn, proposal_id: i32) -> QueryResult<Vec<LineRow>> {
    on_conn!(conn, c => proposal_lines::table
        .filter(proposal_lines::proposal_id.eq(proposal_id))
        .order((proposal_lines::measure_id, proposal_lines::id))
        .select(LineRow::as_select())
        .load(c))
}

/// Every line of the given proposals, for counts in lists.
pub fn lines_of_many(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<LineRow>> {
    on_conn!(conn, c => proposal_lines::table
        .filter(proposal_lines::proposal_id.eq_any(ids))
        .select(LineRow::as_select())
        .load(c))
}

/// Lines touching a measure, with their proposal.
pub fn lines_for_measure(
    conn: &mut DbConn,
    measure_id: i32,
) -> QueryResult<Vec<(LineRow, ProposalRow)>> {
    on_conn!(conn, c => proposal_lines::table
        .inner_join(proposals::table)
        .filter(proposal_lines::measure_id.eq(measure_id))
        .select((LineRow::as_select(), ProposalRow::as_select()))
        .load(c))
}

pub fn insert_line(conn: &mut DbConn, row: &NewLine) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(proposal_lines::table)
        .values(row)
        .returning(proposal_lines::id)
        .get_result(c))
}

pub fn delete_line(conn: &mut DbConn, id: i32) -> QueryResult<()> {
    on_conn!(conn, c => diesel::delete(proposal_lines::table.find(id)).execute(c)).map(|_| ())
}

pub fn update_line_change(conn: &mut DbConn, id: i32, change: &str) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(proposal_lines::table.find(id))
        .set(proposal_lines::change.eq(change))
        .execute(c))
    .map(|_| ())
}

/// Decides a pending line; false if it was no longer pending.
pub fn decide_line(
    conn: &mut DbConn,
    id: i32,
    state: &str,
    reason: Option<&str>,
    by: &str,
    now: i64,
) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(
            proposal_lines::table
                .filter(proposal_lines::id.eq(id))
                .filter(proposal_lines::state.eq("pending")),
        )
        .set((
            proposal_lines::state.eq(state),
            proposal_lines::reason.eq(reason),
            proposal_lines::decided_by_name.eq(Some(by)),
            proposal_lines::decided_at.eq(Some(now)),
        ))
        .execute(c))
    .map(|n| n == 1)
}

pub fn add_step(
    conn: &mut DbConn,
    proposal_id: i32,
    by: &str,
    action: &str,
    reason: Option<&str>,
    now: i64,
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(proposal_steps::table)
        .values((
            proposal_steps::proposal_id.eq(proposal_id),
            proposal_steps::at.eq(now),
            proposal_steps::by_name.eq(by),
            proposal_steps::action.eq(action),
            proposal_steps::reason.eq(reason),
        ))
        .execute(c))
    .map(|_| ())
}

pub fn steps_of(conn: &mut DbConn, proposal_id: i32) -> QueryResult<Vec<StepRow>> {
    on_conn!(conn, c => proposal_steps::table
        .filter(proposal_steps::proposal_id.eq(proposal_id))
        .order(proposal_steps::id)
        .select(StepRow::as_select())
        .load(c))
}

pub fn community_requires_district(conn: &mut DbConn) -> QueryResult<bool> {
    on_conn!(conn, c => workflow_settings::table
        .find(1)
        .select(workflow_settings::community_requires_district)
        .first(c))
}

pub fn set_community_requires_district(conn: &mut DbConn, value: bool) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(workflow_settings::table.find(1))
        .set(workflow_settings::community_requires_district.eq(value))
        .execute(c))
    .map(|_| ())
}
