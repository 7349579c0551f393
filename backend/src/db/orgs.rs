//! Rows of organisations: the oblast, districts, communities and oblast executors.

use super::schema::orgs;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = orgs)]
pub struct OrgRow {
    pub id: i32,
    pub slug: String,
    pub code: Option<String>,
    pub kind: String,
    pub name_uk: String,
    pub name_en: String,
    pub parent_id: Option<i32>,
    pub settlement_kind: Option<String>,
    pub population: Option<i64>,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = orgs)]
pub struct NewOrg<'a> {
    pub slug: &'a str,
    pub code: Option<&'a str>,
    pub kind: &'a str,
    pub name_uk: &'a str,
    pub name_en: &'a str,
    pub parent_id: Option<i32>,
    pub settlement_kind: Option<&'a str>,
    pub population: Option<i64>,
    pub sort_order: i32,
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<OrgRow>> {
    on_conn!(conn, c => orgs::table
        .select(OrgRow::as_select())
        .order((orgs::sort_order, orgs::id))
        .load(c))
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<OrgRow>> {
    on_conn!(conn, c => orgs::table.find(id).select(OrgRow::as_select()).first(c).optional())
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<OrgRow>> {
    on_conn!(conn, c => orgs::table
        .filter(orgs::slug.eq(slug))
        .select(OrgRow::as_select())
        .first(c)
        .optional())
}

pub fn insert(conn: &mut DbConn, row: &NewOrg) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(orgs::table)
        .values(row)
        .returning(orgs::id)
        .get_result(c))
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => orgs::table.count().get_result(c))
}
