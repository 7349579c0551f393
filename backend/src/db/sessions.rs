//! Rows of server-side sessions: only a hash of the cookie's token is stored.

use super::schema::{sessions, users};
use super::users::UserRow;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: i32,
    pub token_hash: String,
    pub user_id: i32,
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i32,
    pub csrf_token: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

pub fn insert(conn: &mut DbConn, row: &NewSession) -> QueryResult<()> {
    on_conn!(conn, c => diesel::insert_into(sessions::table).values(row).execute(c)).map(|_| ())
}

/// The live session with this token hash, and its user.
pub fn find_live(
    conn: &mut DbConn,
    token_hash: &str,
    now: i64,
) -> QueryResult<Option<(SessionRow, UserRow)>> {
    on_conn!(conn, c => sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select((SessionRow::as_select(), UserRow::as_select()))
        .first(c)
        .optional())
}

pub fn delete(conn: &mut DbConn, token_hash: &str) -> QueryResult<()> {
    on_conn!(conn, c => diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash)))
        .execute(c))
    .map(|_| ())
}

pub fn delete_expired(conn: &mut DbConn, now: i64) -> QueryResult<usize> {
    on_conn!(conn, c => diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(c))
}

/// Ends every session of an account but `keep` (the one changing its password, if any).
pub fn delete_of_user(conn: &mut DbConn, user_id: i32, keep: Option<&str>) -> QueryResult<usize> {
    on_conn!(conn, c => {
        let of_user = sessions::table.filter(sessions::user_id.eq(user_id));
        match keep {
            Some(k) => diesel::delete(of_user.filter(sessions::token_hash.ne(k))).execute(c),
            None => diesel::delete(of_user).execute(c),
        }
    })
}
