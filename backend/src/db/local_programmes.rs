//! Rows of the local informatization programmes: one current programme per organisation, its envelope and aligned tasks.

use super::schema::{local_programme_funds, local_programme_tasks, local_programmes};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = local_programmes)]
pub struct ProgrammeRow {
    pub org_id: i32,
    pub title: String,
    pub decision: String,
    pub decision_date: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub status: String,
    pub is_demo: bool,
    pub version: i32,
    pub updated_at: i64,
    pub updated_by: Option<i32>,
}

/// What a save writes on the programme's own row.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = local_programmes)]
pub struct Fields {
    pub org_id: i32,
    pub title: String,
    pub decision: String,
    pub decision_date: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub status: String,
    pub is_demo: bool,
    pub updated_at: i64,
    pub updated_by: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = local_programme_funds)]
pub struct FundRow {
    pub org_id: i32,
    pub year: i32,
    pub source: String,
    pub amount_uah: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = local_programme_tasks)]
pub struct TaskRow {
    pub org_id: i32,
    pub task_id: i32,
}

/// A programme's row with its envelope and tasks.
pub type Full = (ProgrammeRow, Vec<FundRow>, Vec<TaskRow>);

/// Every programme with its envelope and tasks (86 communities and 7 districts at most).
pub fn all(conn: &mut DbConn) -> QueryResult<(Vec<ProgrammeRow>, Vec<FundRow>, Vec<TaskRow>)> {
    let programmes = on_conn!(conn, c => local_programmes::table
        .select(ProgrammeRow::as_select())
        .order(local_programmes::org_id)
        .load(c))?;
    let funds = on_conn!(conn, c => local_programme_funds::table
        .select(FundRow::as_select())
        .order((local_programme_funds::org_id, local_programme_funds::year, local_programme_funds::source))
        .load(c))?;
    let tasks = on_conn!(conn, c => local_programme_tasks::table
        .select(TaskRow::as_select())
        .order((local_programme_tasks::org_id, local_programme_tasks::task_id))
        .load(c))?;
    Ok((programmes, funds, tasks))
}

/// One organisation's programme with its envelope and tasks.
pub fn find(conn: &mut DbConn, org_id: i32) -> QueryResult<Option<Full>> {
    let Some(row) = on_conn!(conn, c => local_programmes::table
        .find(org_id)
        .select(ProgrammeRow::as_select())
        .first(c)
        .optional())?
    else {
        return Ok(None);
    };
    let funds = on_conn!(conn, c => local_programme_funds::table
        .filter(local_programme_funds::org_id.eq(org_id))
        .select(FundRow::as_select())
        .order((local_programme_funds::year, local_programme_funds::source))
        .load(c))?;
    let tasks = on_conn!(conn, c => local_programme_tasks::table
        .filter(local_programme_tasks::org_id.eq(org_id))
        .select(TaskRow::as_select())
        .order(local_programme_tasks::task_id)
        .load(c))?;
    Ok(Some((row, funds, tasks)))
}

/// Whether any programme is recorded.
pub fn any(conn: &mut DbConn) -> QueryResult<bool> {
    on_conn!(conn, c => local_programmes::table
        .select(local_programmes::org_id)
        .first::<i32>(c)
        .optional())
    .map(|row| row.is_some())
}

/// Writes an organisation's programme if its version is still `seen` (0: none recorded yet);
/// `false` when someone else was first.
pub fn save(
    conn: &mut DbConn,
    fields: &Fields,
    seen: i32,
    funds: &[FundRow],
    tasks: &[TaskRow],
) -> QueryResult<bool> {
    let org_id = fields.org_id;
    let moved = if seen == 0 {
        on_conn!(conn, c => diesel::insert_into(local_programmes::table)
            .values((fields, local_programmes::version.eq(1)))
            .on_conflict_do_nothing()
            .execute(c))?
    } else {
        on_conn!(conn, c => diesel::update(
                local_programmes::table
                    .filter(local_programmes::org_id.eq(org_id))
                    .filter(local_programmes::version.eq(seen)),
            )
            .set((fields, local_programmes::version.eq(seen + 1)))
            .execute(c))?
    };
    if moved != 1 {
        return Ok(false);
    }
    on_conn!(conn, c => diesel::delete(
            local_programme_funds::table.filter(local_programme_funds::org_id.eq(org_id)),
        )
        .execute(c))?;
    on_conn!(conn, c => diesel::delete(
            local_programme_tasks::table.filter(local_programme_tasks::org_id.eq(org_id)),
        )
        .execute(c))?;
    super::reports::insert_all!(conn, local_programme_funds::table, funds)?;
    super::reports::insert_all!(conn, local_programme_tasks::table, tasks)?;
    Ok(true)
}
