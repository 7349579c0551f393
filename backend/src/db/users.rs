//! Rows of user accounts.

use super::schema::users;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i32,
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub org_id: Option<i32>,
    pub is_demo: bool,
    pub created_at: i64,
    /// Set by the administrator's reset: the next sign-in must choose a new password.
    pub must_change_password: bool,
    /// A disabled account cannot sign in.
    pub disabled: bool,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub org_id: Option<i32>,
    pub is_demo: bool,
    pub created_at: i64,
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<UserRow>> {
    on_conn!(conn, c => users::table.find(id).select(UserRow::as_select()).first(c).optional())
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// The account with this login, whatever its case.
pub fn find_by_login(conn: &mut DbConn, login: &str) -> QueryResult<Option<UserRow>> {
    let login = login.to_lowercase();
    on_conn!(conn, c => users::table
        .filter(lower(users::login).eq(&login))
        .select(UserRow::as_select())
        .first(c)
        .optional())
}

/// Sets a new password hash; `must_change` says whether the next sign-in must change it.
pub fn set_password(
    conn: &mut DbConn,
    id: i32,
    hash: &str,
    must_change: bool,
) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::must_change_password.eq(must_change)))
        .execute(c))
    .map(|n| n == 1)
}

pub fn set_disabled(conn: &mut DbConn, id: i32, disabled: bool) -> QueryResult<bool> {
    on_conn!(conn, c => diesel::update(users::table.find(id))
        .set(users::disabled.eq(disabled))
        .execute(c))
    .map(|n| n == 1)
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<UserRow>> {
    on_conn!(conn, c => users::table.select(UserRow::as_select()).order(users::login).load(c))
}

pub fn insert(conn: &mut DbConn, row: &NewUser) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(users::table)
        .values(row)
        .returning(users::id)
        .get_result(c))
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    on_conn!(conn, c => users::table.count().get_result(c))
}

/// Login names of several users at once (for "changed by").
pub fn logins(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<(i32, String)>> {
    on_conn!(conn, c => users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load(c))
}
