//! Rows of who has which measure open.

use super::schema::presence;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;
use diesel::upsert::excluded;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = presence)]
pub struct PresenceRow {
    pub measure_id: i32,
    pub user_id: i32,
    pub user_name: String,
    pub org_id: Option<i32>,
    pub editing: bool,
    pub seen_at: i64,
}

/// Records a heartbeat; returns the row as it was before (None if the user was not there).
pub fn upsert(conn: &mut DbConn, row: &PresenceRow) -> QueryResult<Option<PresenceRow>> {
    let before = on_conn!(conn, c => presence::table
        .find((row.measure_id, row.user_id))
        .select(PresenceRow::as_select())
        .first(c)
        .optional())?;
    on_conn!(conn, c => diesel::insert_into(presence::table)
        .values(row)
        .on_conflict((presence::measure_id, presence::user_id))
        .do_update()
        .set((
            presence::user_name.eq(excluded(presence::user_name)),
            presence::editing.eq(excluded(presence::editing)),
            presence::seen_at.eq(excluded(presence::seen_at)),
        ))
        .execute(c))?;
    Ok(before)
}

pub fn remove(conn: &mut DbConn, measure_id: i32, user_id: i32) -> QueryResult<usize> {
    on_conn!(conn, c => diesel::delete(presence::table.find((measure_id, user_id))).execute(c))
}

/// Who has the measure open, seen since `fresh_since`.
pub fn on_measure(
    conn: &mut DbConn,
    measure_id: i32,
    fresh_since: i64,
) -> QueryResult<Vec<PresenceRow>> {
    on_conn!(conn, c => presence::table
        .filter(presence::measure_id.eq(measure_id))
        .filter(presence::seen_at.ge(fresh_since))
        .order(presence::user_name)
        .select(PresenceRow::as_select())
        .load(c))
}
