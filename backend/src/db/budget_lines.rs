//! Rows of budget lines: year × funding source × whole hryvnias, per measure.

use super::schema::budget_lines;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = budget_lines)]
pub struct BudgetLineRow {
    pub id: i32,
    pub measure_id: i32,
    pub year: i32,
    pub source: String,
    pub amount_uah: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = budget_lines)]
pub struct NewBudgetLine<'a> {
    pub measure_id: i32,
    pub year: i32,
    pub source: &'a str,
    pub amount_uah: i64,
}

pub fn for_measure(conn: &mut DbConn, measure_id: i32) -> QueryResult<Vec<BudgetLineRow>> {
    on_conn!(conn, c => budget_lines::table
        .filter(budget_lines::measure_id.eq(measure_id))
        .select(BudgetLineRow::as_select())
        .order((budget_lines::year, budget_lines::source))
        .load(c))
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<BudgetLineRow>> {
    on_conn!(conn, c => budget_lines::table
        .select(BudgetLineRow::as_select())
        .order(budget_lines::measure_id)
        .load(c))
}

/// Replaces all lines of a measure (inside the caller's transaction).
pub fn replace_for_measure(
    conn: &mut DbConn,
    measure_id: i32,
    lines: &[NewBudgetLine],
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::delete(
            budget_lines::table.filter(budget_lines::measure_id.eq(measure_id)),
        )
        .execute(c))?;
    for line in lines {
        on_conn!(conn, c => diesel::insert_into(budget_lines::table).values(line).execute(c))?;
    }
    Ok(())
}
