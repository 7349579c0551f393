//! Rows of measures, with optimistic versioning: an update names the version it is based on.

use super::schema::measures;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = measures)]
pub struct MeasureRow {
    pub id: i32,
    pub task_id: i32,
    pub org_id: i32,
    pub name_uk: String,
    pub name_en: String,
    pub description: String,
    pub expected_result: String,
    pub start_year: i32,
    pub end_year: i32,
    pub is_demo: bool,
    pub version: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub updated_by: Option<i32>,
    pub status: String,
    pub approved_in: Option<i32>,
}

/// The editable fields, for insert and update alike.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = measures)]
pub struct MeasureFields<'a> {
    pub task_id: i32,
    pub org_id: i32,
    pub name_uk: &'a str,
    pub name_en: &'a str,
    pub description: &'a str,
    pub expected_result: &'a str,
    pub start_year: i32,
    pub end_year: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = measures)]
pub struct NewMeasure<'a> {
    #[diesel(embed)]
    pub fields: MeasureFields<'a>,
    pub is_demo: bool,
    pub version: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub updated_by: Option<i32>,
    pub status: &'a str,
    pub approved_in: Option<i32>,
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<MeasureRow>> {
    on_conn!(conn, c => measures::table
        .find(id)
        .select(MeasureRow::as_select())
        .first(c)
        .optional())
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<MeasureRow>> {
    on_conn!(conn, c => measures::table
        .select(MeasureRow::as_select())
        .order(measures::id)
        .load(c))
}

pub fn insert(conn: &mut DbConn, row: &NewMeasure) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(measures::table)
        .values(row)
        .returning(measures::id)
        .get_result(c))
}

/// Updates the measure only if it is still at `version`; returns whether it was.
pub fn update_if_version(
    conn: &mut DbConn,
    id: i32,
    version: i32,
    fields: &MeasureFields,
    by: i32,
    now: i64,
) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(
            measures::table.filter(measures::id.eq(id)).filter(measures::version.eq(version)),
        )
        .set((
            fields,
            measures::version.eq(version + 1),
            measures::updated_at.eq(now),
            measures::updated_by.eq(Some(by)),
        ))
        .execute(c))
    .map(|n| n == 1)
}

/// Deletes the measure only if it is still at `version`; returns whether it was.
pub fn delete_if_version(conn: &mut DbConn, id: i32, version: i32) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::delete(
            measures::table.filter(measures::id.eq(id)).filter(measures::version.eq(version)),
        )
        .execute(c))
    .map(|n| n == 1)
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => measures::table.count().get_result(c))
}

/// Writes an approved state: the fields, the status and the version that approved it.
pub fn set_approved_state(
    conn: &mut DbConn,
    id: i32,
    fields: &MeasureFields,
    status: &str,
    approved_in: i32,
    by: i32,
    now: i64,
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(measures::table.find(id))
        .set((
            fields,
            measures::status.eq(status),
            measures::approved_in.eq(Some(approved_in)),
            measures::version.eq(measures::version + 1),
            measures::updated_at.eq(now),
            measures::updated_by.eq(Some(by)),
        ))
        .execute(c))
    .map(|_| ())
}

/// Marks a never-approved measure as dropped (kept because proposals' history names it).
pub fn set_status(conn: &mut DbConn, id: i32, status: &str, now: i64) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(measures::table.find(id))
        .set((
            measures::status.eq(status),
            measures::version.eq(measures::version + 1),
            measures::updated_at.eq(now),
        ))
        .execute(c))
    .map(|_| ())
}

/// The editable fields of a measure as a coordinator sends them.
pub fn fields(input: &shared::api::measures::MeasureInput) -> MeasureFields<'_> {
    MeasureFields {
        task_id: input.task_id.0,
        org_id: input.org_id.0,
        name_uk: input.name.uk.trim(),
        name_en: input.name.en.trim(),
        description: input.description.trim(),
        expected_result: input.expected_result.trim(),
        start_year: input.start_year.get(),
        end_year: input.end_year.get(),
    }
}

/// A measure's row and budget lines in the shape a coordinator sends (the record keeps it so).
pub fn input_of(
    row: MeasureRow,
    lines: Vec<super::budget_lines::BudgetLineRow>,
) -> anyhow::Result<shared::api::measures::MeasureInput> {
    let mut budget_lines = lines
        .into_iter()
        .map(super::budget_lines::to_line)
        .collect::<anyhow::Result<Vec<_>>>()?;
    budget_lines.sort_by_key(|l| (l.year, l.source));
    Ok(shared::api::measures::MeasureInput {
        task_id: shared::TaskId(row.task_id),
        org_id: shared::OrgId(row.org_id),
        name: shared::Text::new(row.name_uk, row.name_en),
        description: row.description,
        expected_result: row.expected_result,
        start_year: super::year(row.start_year)?,
        end_year: super::year(row.end_year)?,
        budget_lines,
    })
}

/// The measure as stored now, in the shape a coordinator sends; `None` when there is none.
pub fn load_input(
    conn: &mut DbConn,
    id: i32,
) -> anyhow::Result<Option<shared::api::measures::MeasureInput>> {
    let Some(row) = find(conn, id)? else {
        return Ok(None);
    };
    let lines = super::budget_lines::for_measure(conn, id)?;
    input_of(row, lines).map(Some)
}

/// The stored status of a measure.
pub fn status_of(row: &MeasureRow) -> anyhow::Result<shared::api::measures::MeasureStatus> {
    shared::api::measures::MeasureStatus::parse(&row.status)
        .ok_or_else(|| anyhow::anyhow!("measure {}: status {:?}", row.id, row.status))
}
