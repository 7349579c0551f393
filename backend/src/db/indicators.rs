//! Rows of indicators: a stable code and the shared definition as JSON.

use super::schema::indicators;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = indicators)]
pub struct IndicatorRow {
    pub id: i32,
    pub code: String,
    pub definition: String,
    pub sort_order: i32,
    pub is_demo: bool,
    pub version: i32,
    pub updated_at: i64,
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<IndicatorRow>> {
    on_conn!(conn, c => indicators::table
        .order((indicators::sort_order, indicators::id))
        .select(IndicatorRow::as_select())
        .load(c))
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<IndicatorRow>> {
    on_conn!(conn, c => indicators::table.find(id).select(IndicatorRow::as_select()).first(c).optional())
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => indicators::table.count().get_result(c))
}

/// Inserts a row with a placeholder definition and returns its id (the definition names its own
/// id, so it is written once the id is known).
pub fn insert(
    conn: &mut DbConn,
    code: &str,
    sort_order: i32,
    is_demo: bool,
    now: i64,
) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(indicators::table)
        .values((
            indicators::code.eq(code),
            indicators::definition.eq("{}"),
            indicators::sort_order.eq(sort_order),
            indicators::is_demo.eq(is_demo),
            indicators::updated_at.eq(now),
        ))
        .returning(indicators::id)
        .get_result(c))
}

pub fn set_definition(conn: &mut DbConn, id: i32, definition: &str) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(indicators::table.find(id))
        .set(indicators::definition.eq(definition))
        .execute(c))
    .map(|_| ())
}

/// Writes a new definition if the row is still at `seen`; `false` when someone got there first.
pub fn update(
    conn: &mut DbConn,
    id: i32,
    seen: i32,
    definition: &str,
    now: i64,
) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(
            indicators::table.filter(indicators::id.eq(id)).filter(indicators::version.eq(seen)),
        )
        .set((
            indicators::definition.eq(definition),
            indicators::version.eq(seen + 1),
            indicators::updated_at.eq(now),
        ))
        .execute(c))
    .map(|n| n == 1)
}
