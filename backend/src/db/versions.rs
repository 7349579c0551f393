//! Rows of plan versions and of measures' superseded approved states.

use super::schema::{plan_version_measures, plan_versions};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_versions)]
pub struct VersionRow {
    pub number: i32,
    pub approved_at: i64,
    pub decision_uk: String,
    pub decision_en: String,
    pub approved_by: Option<i32>,
    pub approved_by_name: Option<String>,
    pub proposal_id: Option<i32>,
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<VersionRow>> {
    on_conn!(conn, c => plan_versions::table
        .order(plan_versions::number.desc())
        .select(VersionRow::as_select())
        .load(c))
}

pub fn find(conn: &mut DbConn, number: i32) -> QueryResult<Option<VersionRow>> {
    on_conn!(conn, c => plan_versions::table.find(number).select(VersionRow::as_select()).first(c).optional())
}

pub fn current(conn: &mut DbConn) -> QueryResult<i32> {
    on_conn!(conn, c => plan_versions::table
        .select(diesel::dsl::max(plan_versions::number))
        .first::<Option<i32>>(c))
    .map(|n| n.unwrap_or(1))
}

pub fn insert(conn: &mut DbConn, row: &VersionRow) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(plan_versions::table)
        .values((
            plan_versions::number.eq(row.number),
            plan_versions::approved_at.eq(row.approved_at),
            plan_versions::decision_uk.eq(&row.decision_uk),
            plan_versions::decision_en.eq(&row.decision_en),
            plan_versions::approved_by.eq(row.approved_by),
            plan_versions::approved_by_name.eq(&row.approved_by_name),
            plan_versions::proposal_id.eq(row.proposal_id),
        ))
        .execute(c))
    .map(|_| ())
}

/// Keeps a measure's state as approved in `version` before a later version changes it.
pub fn keep_superseded(
    conn: &mut DbConn,
    version: i32,
    measure_id: i32,
    payload: Option<&str>,
) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(plan_version_measures::table)
        .values((
            plan_version_measures::version.eq(version),
            plan_version_measures::measure_id.eq(measure_id),
            plan_version_measures::payload.eq(payload),
        ))
        .execute(c))
    .map(|_| ())
}

/// Superseded states kept for versions up to `version`: (version, measure, payload).
pub fn superseded_up_to(
    conn: &mut DbConn,
    version: i32,
) -> QueryResult<Vec<(i32, i32, Option<String>)>> {
    on_conn!(conn, c => plan_version_measures::table
        .filter(plan_version_measures::version.le(version))
        .select((plan_version_measures::version, plan_version_measures::measure_id, plan_version_measures::payload))
        .load(c))
}
