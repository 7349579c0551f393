//! Rows of users' inboxes.

use super::schema::{notifications, users};
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: i32,
    pub user_id: i32,
    pub kind: String,
    pub measure_id: Option<i32>,
    pub proposal_id: Option<i32>,
    pub org_id: i32,
    pub by_name: String,
    pub summary: String,
    pub at: i64,
    pub read_at: Option<i64>,
    pub period: Option<String>,
    pub dedupe_key: Option<String>,
    /// `shared::api::inbox::NoticeFacts` as JSON.
    pub facts: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification<'a> {
    pub user_id: i32,
    pub kind: &'a str,
    pub measure_id: Option<i32>,
    pub proposal_id: Option<i32>,
    pub org_id: i32,
    pub by_name: &'a str,
    pub summary: &'a str,
    pub at: i64,
    pub period: Option<&'a str>,
    /// Set for reminders: an item with the same key for the same user is never inserted twice.
    pub dedupe_key: Option<&'a str>,
    pub facts: Option<&'a str>,
}

/// The accounts with one of these roles (e.g. the department).
pub fn users_with_role(conn: &mut DbConn, roles: &[&str]) -> QueryResult<Vec<i32>> {
    on_conn!(conn, c => users::table
        .filter(users::role.eq_any(roles))
        .select(users::id)
        .load(c))
}

/// The accounts that coordinate an organisation (its community or district coordinators).
pub fn coordinators_of(conn: &mut DbConn, org_id: i32) -> QueryResult<Vec<i32>> {
    on_conn!(conn, c => users::table
        .filter(users::org_id.eq(org_id))
        .select(users::id)
        .load(c))
}

pub fn insert(conn: &mut DbConn, row: &NewNotification) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(notifications::table).values(row).execute(c))
        .map(|_| ())
}

/// Inserts unless the user already has an item with the same dedupe key; whether it did.
pub fn insert_once(conn: &mut DbConn, row: &NewNotification) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::insert_into(notifications::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))
    .map(|n| n == 1)
}

/// The newest `limit` items of a user's inbox.
pub fn latest(conn: &mut DbConn, user_id: i32, limit: i64) -> QueryResult<Vec<NotificationRow>> {
    on_conn!(conn, c => notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order(notifications::id.desc())
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(c))
}

pub fn unread_count(conn: &mut DbConn, user_id: i32) -> QueryResult<i64> {
    on_conn!(conn, c => notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(c))
}

/// Marks the given items (or all, when `ids` is `None`) of this user's inbox as read.
pub fn mark_read(
    conn: &mut DbConn,
    user_id: i32,
    ids: Option<&[i32]>,
    now: i64,
) -> QueryResult<usize> {
    on_conn!(conn, c => {
        let mine = notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null());
        match ids {
            Some(ids) => diesel::update(mine.filter(notifications::id.eq_any(ids)))
                .set(notifications::read_at.eq(Some(now)))
                .execute(c),
            None => diesel::update(mine).set(notifications::read_at.eq(Some(now))).execute(c),
        }
    })
}
