//! The revision counters: the plan's, and the reports' (bumped in the same transaction as every change they count).

use super::schema::plan_state;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

pub fn revision(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => plan_state::table.find(1).select(plan_state::revision).first(c))
}

pub fn bump(conn: &mut DbConn) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(plan_state::table.find(1))
        .set(plan_state::revision.eq(plan_state::revision + 1))
        .execute(c))
    .map(|_| ())
}

/// The revision of reports and approved amounts (what the dashboard reads besides the plan).
pub fn report_revision(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => plan_state::table.find(1).select(plan_state::report_revision).first(c))
}

/// Both revisions in one read.
pub fn revisions(conn: &mut DbConn) -> QueryResult<(i64, i64)> {
    on_conn!(conn, c => plan_state::table
        .find(1)
        .select((plan_state::revision, plan_state::report_revision))
        .first(c))
}

pub fn bump_reports(conn: &mut DbConn) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(plan_state::table.find(1))
        .set(plan_state::report_revision.eq(plan_state::report_revision + 1))
        .execute(c))
    .map(|_| ())
}
