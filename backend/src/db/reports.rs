//! Rows of reports: the report per organisation and period, its measures, spending, indicator values and steps.

use super::schema::{
    report_measures, report_spending, report_steps, report_values, reporting_settings, reports,
};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct ReportRow {
    pub id: i32,
    pub org_id: i32,
    pub period: String,
    pub stage: String,
    pub version: i32,
    pub first_submitted_on: Option<String>,
    pub submitted_on: Option<String>,
    pub approved_on: Option<String>,
    pub updated_at: i64,
    pub updated_by: Option<i32>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_measures)]
pub struct MeasureRow {
    pub report_id: i32,
    pub measure_id: i32,
    pub status: Option<String>,
    pub narrative: String,
    /// An annual report's reasons for non-execution; empty in a quarterly one.
    pub reasons: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_spending)]
pub struct SpendingRow {
    pub report_id: i32,
    pub measure_id: i32,
    pub year: i32,
    pub source: String,
    pub amount_uah: i64,
    /// Why spending goes above the approved amount (required then).
    pub comment: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_values)]
pub struct ValueRow {
    pub report_id: i32,
    pub indicator_id: i32,
    pub value: Option<String>,
    pub comment: String,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = report_steps)]
pub struct StepRow {
    pub id: i32,
    pub report_id: i32,
    pub action: String,
    pub by_user: Option<i32>,
    pub by_name: String,
    pub reason: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = report_steps)]
pub struct NewStep<'a> {
    pub report_id: i32,
    pub action: &'a str,
    pub by_user: Option<i32>,
    pub by_name: &'a str,
    pub reason: Option<&'a str>,
    pub at: i64,
}

pub fn find(conn: &mut DbConn, org_id: i32, period: &str) -> QueryResult<Option<ReportRow>> {
    on_conn!(conn, c => reports::table
        .filter(reports::org_id.eq(org_id))
        .filter(reports::period.eq(period))
        .select(ReportRow::as_select())
        .first(c)
        .optional())
}

/// Creates an empty draft (version 1).
pub fn insert(
    conn: &mut DbConn,
    org_id: i32,
    period: &str,
    by: Option<i32>,
    now: i64,
) -> QueryResult<ReportRow> {
    on_conn!(conn, c => diesel::insert_into(reports::table)
        .values((
            reports::org_id.eq(org_id),
            reports::period.eq(period),
            reports::stage.eq("draft"),
            reports::version.eq(1),
            reports::updated_at.eq(now),
            reports::updated_by.eq(by),
        ))
        .returning(ReportRow::as_returning())
        .get_result(c))
}

/// Whether any report exists.
pub fn any(conn: &mut DbConn) -> QueryResult<bool> {
    on_conn!(conn, c => reports::table.select(reports::id).first::<i32>(c).optional())
        .map(|row| row.is_some())
}

/// Every report of one period, or every report of one organisation, or all.
pub fn list(
    conn: &mut DbConn,
    period: Option<&str>,
    org_id: Option<i32>,
) -> QueryResult<Vec<ReportRow>> {
    on_conn!(conn, c => {
        let mut q = reports::table.select(ReportRow::as_select()).into_boxed();
        if let Some(p) = period {
            q = q.filter(reports::period.eq(p.to_string()));
        }
        if let Some(o) = org_id {
            q = q.filter(reports::org_id.eq(o));
        }
        q.order(reports::id).load(c)
    })
}

/// Moves a report to a new stage if it is still at `seen`; `false` when someone got there first.
/// The dates are set when given (`Some(None)` clears one).
pub struct Advance<'a> {
    pub stage: &'a str,
    pub first_submitted_on: Option<&'a str>,
    pub submitted_on: Option<Option<&'a str>>,
    pub approved_on: Option<Option<&'a str>>,
}

pub fn advance(
    conn: &mut DbConn,
    id: i32,
    seen: i32,
    by: Option<i32>,
    now: i64,
    a: &Advance,
) -> QueryResult<bool> {
    let n = on_conn!(conn, c => diesel::update(
            reports::table.filter(reports::id.eq(id)).filter(reports::version.eq(seen)),
        )
        .set((
            reports::stage.eq(a.stage),
            reports::version.eq(seen + 1),
            reports::updated_at.eq(now),
            reports::updated_by.eq(by),
        ))
        .execute(c))?;
    if n == 0 {
        return Ok(false);
    }
    if let Some(first) = a.first_submitted_on {
        on_conn!(conn, c => diesel::update(
                reports::table.filter(reports::id.eq(id)).filter(reports::first_submitted_on.is_null()),
            )
            .set(reports::first_submitted_on.eq(Some(first)))
            .execute(c))?;
    }
    if let Some(on) = a.submitted_on {
        on_conn!(conn, c => diesel::update(reports::table.find(id))
            .set(reports::submitted_on.eq(on))
            .execute(c))?;
    }
    if let Some(on) = a.approved_on {
        on_conn!(conn, c => diesel::update(reports::table.find(id))
            .set(reports::approved_on.eq(on))
            .execute(c))?;
    }
    Ok(true)
}

pub fn measures_of(conn: &mut DbConn, report_id: i32) -> QueryResult<Vec<MeasureRow>> {
    on_conn!(conn, c => report_measures::table
        .filter(report_measures::report_id.eq(report_id))
        .select(MeasureRow::as_select())
        .load(c))
}

pub fn spending_of(conn: &mut DbConn, report_id: i32) -> QueryResult<Vec<SpendingRow>> {
    on_conn!(conn, c => report_spending::table
        .filter(report_spending::report_id.eq(report_id))
        .select(SpendingRow::as_select())
        .load(c))
}

pub fn values_of(conn: &mut DbConn, report_id: i32) -> QueryResult<Vec<ValueRow>> {
    on_conn!(conn, c => report_values::table
        .filter(report_values::report_id.eq(report_id))
        .select(ValueRow::as_select())
        .load(c))
}

pub fn steps_of(conn: &mut DbConn, report_id: i32) -> QueryResult<Vec<StepRow>> {
    on_conn!(conn, c => report_steps::table
        .filter(report_steps::report_id.eq(report_id))
        .order(report_steps::id)
        .select(StepRow::as_select())
        .load(c))
}

/// Inserts rows inside the caller's transaction: one multi-row statement per chunk on
/// PostgreSQL; one statement per row on SQLite, where diesel would wrap a batch in a
/// transaction of its own.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConn::Sqlite(c) => {
                let c: &mut diesel::sqlite::SqliteConnection = &mut **c;
                for row in $rows {
                    diesel::insert_into($table).values(row).execute(c)?;
                }
                Ok::<(), diesel::result::Error>(())
            }
            DbConn::Pg(c) => {
                let c: &mut diesel::pg::PgConnection = &mut **c;
                for chunk in $rows.chunks(1000) {
                    diesel::insert_into($table).values(chunk).execute(c)?;
                }
                Ok(())
            }
        }
    };
}
pub(crate) use insert_all;

/// Replaces a draft's content with what the author sent.
pub fn replace_content(
    conn: &mut DbConn,
    report_id: i32,
    measures: &[MeasureRow],
    spending: &[SpendingRow],
    values: &[ValueRow],
) -> QueryResult<()> {
    on_conn!(conn, c => {
        diesel::delete(report_measures::table.filter(report_measures::report_id.eq(report_id)))
            .execute(c)?;
        diesel::delete(report_spending::table.filter(report_spending::report_id.eq(report_id)))
            .execute(c)?;
        diesel::delete(report_values::table.filter(report_values::report_id.eq(report_id)))
            .execute(c)
    })?;
    insert_all!(conn, report_measures::table, measures)?;
    insert_all!(conn, report_spending::table, spending)?;
    insert_all!(conn, report_values::table, values)
}

/// Bumps the version of a draft being saved if it is still at `seen`.
pub fn touch(conn: &mut DbConn, id: i32, seen: i32, by: i32, now: i64) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(
            reports::table
                .filter(reports::id.eq(id))
                .filter(reports::version.eq(seen))
                .filter(reports::stage.eq("draft")),
        )
        .set((
            reports::version.eq(seen + 1),
            reports::updated_at.eq(now),
            reports::updated_by.eq(Some(by)),
        ))
        .execute(c))
    .map(|n| n == 1)
}

pub fn insert_step(conn: &mut DbConn, step: &NewStep) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(report_steps::table).values(step).execute(c))
        .map(|_| ())
}

/// Every measure row, spending row and value row of the reports at one of these stages (for
/// the dashboard), with the report's id.
pub fn all_measures(conn: &mut DbConn) -> QueryResult<Vec<MeasureRow>> {
    on_conn!(conn, c => report_measures::table.select(MeasureRow::as_select()).load(c))
}

pub fn all_spending(conn: &mut DbConn) -> QueryResult<Vec<SpendingRow>> {
    on_conn!(conn, c => report_spending::table.select(SpendingRow::as_select()).load(c))
}

pub fn all_values(conn: &mut DbConn) -> QueryResult<Vec<ValueRow>> {
    on_conn!(conn, c => report_values::table.select(ValueRow::as_select()).load(c))
}

/// The spending rows of one measure, with their reports.
pub fn spending_of_measure(
    conn: &mut DbConn,
    measure_id: i32,
) -> QueryResult<Vec<(SpendingRow, ReportRow)>> {
    on_conn!(conn, c => report_spending::table
        .inner_join(reports::table)
        .filter(report_spending::measure_id.eq(measure_id))
        .select((SpendingRow::as_select(), ReportRow::as_select()))
        .load(c))
}

/// Every spending row of an organisation's reports of one year's quarters, with the reports.
pub fn spending_of_org_year(
    conn: &mut DbConn,
    org_id: i32,
    year: i32,
) -> QueryResult<Vec<(SpendingRow, ReportRow)>> {
    on_conn!(conn, c => report_spending::table
        .inner_join(reports::table)
        .filter(reports::org_id.eq(org_id))
        .filter(reports::period.like(format!("{year}-Q%")))
        .select((SpendingRow::as_select(), ReportRow::as_select()))
        .load(c))
}

/// An organisation's values of one period (the previous period's, for the comment rule).
pub fn values_of_period(
    conn: &mut DbConn,
    org_id: i32,
    period: &str,
) -> QueryResult<Vec<ValueRow>> {
    on_conn!(conn, c => report_values::table
        .inner_join(reports::table)
        .filter(reports::org_id.eq(org_id))
        .filter(reports::period.eq(period))
        .select(ValueRow::as_select())
        .load(c))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reporting_settings)]
pub struct SettingsRow {
    pub id: i32,
    pub remind_days_before: i32,
    pub max_change_percent: String,
}

pub fn settings(conn: &mut DbConn) -> QueryResult<SettingsRow> {
    on_conn!(conn, c => reporting_settings::table
        .find(1)
        .select(SettingsRow::as_select())
        .first(c))
}

pub fn set_settings(
    conn: &mut DbConn,
    remind_days_before: i32,
    max_change_percent: &str,
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(reporting_settings::table.find(1))
        .set((
            reporting_settings::remind_days_before.eq(remind_days_before),
            reporting_settings::max_change_percent.eq(max_change_percent),
        ))
        .execute(c))
    .map(|_| ())
}

/// The content of an approved report as it was approved, if it is frozen.
pub fn frozen(conn: &mut DbConn, report_id: i32) -> QueryResult<Option<String>> {
    use super::schema::report_frozen;
    on_conn!(conn, c => report_frozen::table
        .find(report_id)
        .select(report_frozen::content)
        .first(c)
        .optional())
}

/// Fixes (`Some`) or releases (`None`, on unlock) an approved report's content.
pub fn set_frozen(
    conn: &mut DbConn,
    report_id: i32,
    content: Option<&str>,
    now: i64,
) -> QueryResult<()> {
    use super::schema::report_frozen;
    on_conn!(conn, c => {
        diesel::delete(report_frozen::table.find(report_id)).execute(c)?;
        if let Some(content) = content {
            diesel::insert_into(report_frozen::table)
                .values((
                    report_frozen::report_id.eq(report_id),
                    report_frozen::content.eq(content),
                    report_frozen::frozen_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(())
    })
}
