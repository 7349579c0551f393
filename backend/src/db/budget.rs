//! Rows of the year's budget decisions: approved amounts per measure × year × source, and their version.

use super::schema::{budget_approved, budget_decisions};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;
use shared::{Amount, BudgetGrid, FundingSource, Year};
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = budget_approved)]
pub struct ApprovedRow {
    pub measure_id: i32,
    pub year: i32,
    pub source: String,
    pub amount_uah: i64,
}

/// Every measure's approved amounts, as grids by measure id.
pub fn all_grids(conn: &mut DbConn) -> QueryResult<HashMap<i32, BudgetGrid>> {
    let rows =
        on_conn!(conn, c => budget_approved::table.select(ApprovedRow::as_select()).load(c))?;
    Ok(by_measure(rows))
}

/// Whether any approved amount has been entered.
pub fn any(conn: &mut DbConn) -> QueryResult<bool> {
    on_conn!(conn, c => budget_approved::table
        .select(budget_approved::measure_id)
        .first::<i32>(c)
        .optional())
    .map(|row| row.is_some())
}

pub fn of_measure(conn: &mut DbConn, measure_id: i32) -> QueryResult<Vec<ApprovedRow>> {
    on_conn!(conn, c => budget_approved::table
        .filter(budget_approved::measure_id.eq(measure_id))
        .select(ApprovedRow::as_select())
        .load(c))
}

/// The approved amounts of several measures, as grids by measure id.
pub fn grids_of(conn: &mut DbConn, ids: &[i32]) -> QueryResult<HashMap<i32, BudgetGrid>> {
    let mut rows = Vec::new();
    for chunk in ids.chunks(500) {
        rows.extend(on_conn!(conn, c => budget_approved::table
            .filter(budget_approved::measure_id.eq_any(chunk))
            .select(ApprovedRow::as_select())
            .load(c))?);
    }
    Ok(by_measure(rows))
}

/// Rows into grids (a row outside the term or with an unknown source, which the schema's
/// checks keep out, is skipped).
fn by_measure(rows: Vec<ApprovedRow>) -> HashMap<i32, BudgetGrid> {
    let mut out: HashMap<i32, BudgetGrid> = HashMap::new();
    for r in rows {
        if let (Ok(y), Some(s)) = (Year::new(r.year), FundingSource::parse(&r.source)) {
            out.entry(r.measure_id)
                .or_default()
                .add(y, s, Amount::from_uah(r.amount_uah));
        }
    }
    out
}

/// The version of a measure's approved amounts; 0 before any were entered.
pub fn version(conn: &mut DbConn, measure_id: i32) -> QueryResult<i32> {
    on_conn!(conn, c => budget_decisions::table
        .find(measure_id)
        .select(budget_decisions::version)
        .first(c)
        .optional())
    .map(|v| v.unwrap_or(0))
}

/// Replaces a measure's approved amounts if their version is still `seen`; `false` otherwise.
pub fn replace(
    conn: &mut DbConn,
    measure_id: i32,
    seen: i32,
    rows: &[ApprovedRow],
    by: Option<i32>,
    now: i64,
) -> QueryResult<bool> {
    let moved = if seen == 0 {
        on_conn!(conn, c => diesel::insert_into(budget_decisions::table)
            .values((
                budget_decisions::measure_id.eq(measure_id),
                budget_decisions::version.eq(1),
                budget_decisions::updated_at.eq(now),
                budget_decisions::updated_by.eq(by),
            ))
            .on_conflict_do_nothing()
            .execute(c))?
    } else {
        on_conn!(conn, c => diesel::update(
                budget_decisions::table
                    .filter(budget_decisions::measure_id.eq(measure_id))
                    .filter(budget_decisions::version.eq(seen)),
            )
            .set((
                budget_decisions::version.eq(seen + 1),
                budget_decisions::updated_at.eq(now),
                budget_decisions::updated_by.eq(by),
            ))
            .execute(c))?
    };
    if moved != 1 {
        return Ok(false);
    }
    on_conn!(conn, c => diesel::delete(
            budget_approved::table.filter(budget_approved::measure_id.eq(measure_id)),
        )
        .execute(c))?;
    super::reports::insert_all!(conn, budget_approved::table, rows)?;
    Ok(true)
}
