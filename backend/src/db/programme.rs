//! Rows of the programme's passport, funding envelope, directions and tasks.

use super::schema::{directions, envelope, programme, tasks};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = programme)]
pub struct ProgrammeRow {
    pub id: i32,
    pub name_uk: String,
    pub name_en: String,
    pub region_uk: String,
    pub region_en: String,
    pub region_code: String,
    pub decision_uk: String,
    pub decision_en: String,
    pub developer_uk: String,
    pub developer_en: String,
    pub head_uk: String,
    pub head_en: String,
    pub start_year: i32,
    pub end_year: i32,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = envelope)]
pub struct EnvelopeRow {
    pub id: i32,
    pub year: i32,
    pub source: String,
    pub amount_uah: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = envelope)]
pub struct NewEnvelope<'a> {
    pub year: i32,
    pub source: &'a str,
    pub amount_uah: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = directions)]
pub struct DirectionRow {
    pub id: i32,
    pub number: i32,
    pub name_uk: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = directions)]
pub struct NewDirection<'a> {
    pub number: i32,
    pub name_uk: &'a str,
    pub name_en: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tasks)]
pub struct TaskRow {
    pub id: i32,
    pub direction_id: i32,
    pub number: i32,
    pub name_uk: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tasks)]
pub struct NewTask<'a> {
    pub direction_id: i32,
    pub number: i32,
    pub name_uk: &'a str,
    pub name_en: &'a str,
}

pub fn get(conn: &mut DbConn) -> QueryResult<Option<ProgrammeRow>> {
    on_conn!(conn, c => programme::table.select(ProgrammeRow::as_select()).first(c).optional())
}

pub fn insert(conn: &mut DbConn, row: &ProgrammeRow) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(programme::table).values(row).execute(c)).map(|_| ())
}

pub fn envelope(conn: &mut DbConn) -> QueryResult<Vec<EnvelopeRow>> {
    on_conn!(conn, c => envelope::table.select(EnvelopeRow::as_select()).load(c))
}

pub fn insert_envelope(conn: &mut DbConn, row: &NewEnvelope) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(envelope::table).values(row).execute(c)).map(|_| ())
}

pub fn directions(conn: &mut DbConn) -> QueryResult<Vec<DirectionRow>> {
    on_conn!(conn, c => directions::table
        .select(DirectionRow::as_select())
        .order(directions::number)
        .load(c))
}

pub fn insert_direction(conn: &mut DbConn, row: &NewDirection) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(directions::table)
        .values(row)
        .returning(directions::id)
        .get_result(c))
}

pub fn tasks(conn: &mut DbConn) -> QueryResult<Vec<TaskRow>> {
    on_conn!(conn, c => tasks::table
        .select(TaskRow::as_select())
        .order((tasks::direction_id, tasks::number))
        .load(c))
}

pub fn insert_task(conn: &mut DbConn, row: &NewTask) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(tasks::table)
        .values(row)
        .returning(tasks::id)
        .get_result(c))
}
