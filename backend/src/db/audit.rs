//! Rows of the audit log and its chain head.

use super::schema::{audit_head, audit_log};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    #[diesel(skip_insertion)]
    pub id: i32,
    pub seq: i64,
    pub at: i64,
    pub user_id: Option<i32>,
    pub user_name: String,
    pub actor_org_id: Option<i32>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i32>,
    pub subject_org_id: Option<i32>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Moves the head one step: returns the new position and the hash of the entry before it.
/// The UPDATE locks the head row, so concurrent appends queue (PostgreSQL); SQLite's write
/// transaction already serialises them.
pub fn advance_head(conn: &mut DbConn) -> QueryResult<(i64, String)> {
    on_conn!(conn, c => diesel::update(audit_head::table.find(1))
        .set(audit_head::seq.eq(audit_head::seq + 1))
        .returning((audit_head::seq, audit_head::last_hash))
        .get_result(c))
}

pub fn set_head_hash(conn: &mut DbConn, hash: &str) -> QueryResult<()> {
    on_conn!(conn, c => diesel::update(audit_head::table.find(1))
        .set(audit_head::last_hash.eq(hash))
        .execute(c))
    .map(|_| ())
}

pub fn insert(conn: &mut DbConn, row: &AuditRow) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(audit_log::table).values(row).execute(c)).map(|_| ())
}

/// Entries in chain order from `after_seq` on, at most `limit`.
pub fn chain_from(conn: &mut DbConn, after_seq: i64, limit: i64) -> QueryResult<Vec<AuditRow>> {
    on_conn!(conn, c => audit_log::table
        .filter(audit_log::seq.gt(after_seq))
        .order(audit_log::seq)
        .limit(limit)
        .select(AuditRow::as_select())
        .load(c))
}

/// What a page of the log is filtered by.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub entity: Option<(&'static str, i32)>,
    pub subject_orgs: Option<Vec<i32>>,
    pub user_id: Option<i32>,
    pub action: Option<&'static str>,
    pub before_seq: Option<i64>,
    pub limit: i64,
}

/// Newest first.
pub fn page(conn: &mut DbConn, q: &Query) -> QueryResult<Vec<AuditRow>> {
    on_conn!(conn, c => {
        let mut query = audit_log::table.select(AuditRow::as_select()).into_boxed();
        if let Some((entity, id)) = q.entity {
            query = query.filter(audit_log::entity.eq(entity)).filter(audit_log::entity_id.eq(id));
        }
        if let Some(orgs) = &q.subject_orgs {
            query = query.filter(audit_log::subject_org_id.eq_any(orgs.clone()));
        }
        if let Some(user) = q.user_id {
            query = query.filter(audit_log::user_id.eq(user));
        }
        if let Some(action) = q.action {
            query = query.filter(audit_log::action.eq(action));
        }
        if let Some(before) = q.before_seq {
            query = query.filter(audit_log::seq.lt(before));
        }
        query.order(audit_log::seq.desc()).limit(q.limit).load(c)
    })
}
