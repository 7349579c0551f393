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

/// A stored line as the API's budget line.
pub fn to_line(l: BudgetLineRow) -> anyhow::Result<shared::api::measures::BudgetLine> {
    Ok(shared::api::measures::BudgetLine {
        year: super::year(l.year)?,
        source: super::source(&l.source)?,
        amount: shared::Amount::from_uah(l.amount_uah),
    })
}

/// Replaces a measure's lines with those of `input`.
pub fn write_for(
    conn: &mut DbConn,
    measure_id: i32,
    input: &shared::api::measures::MeasureInput,
) -> QueryResult<()> {
    let lines: Vec<NewBudgetLine> = input
        .budget_lines
        .iter()
        .map(|l| NewBudgetLine {
            measure_id,
            year: l.year.get(),
            source: l.source.as_str(),
            amount_uah: l.amount.to_uah(),
        })
        .collect();
    replace_for_measure(conn, measure_id, &lines)
}
