//! The plan's revision counter: bumped in the same transaction as every plan change.

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
