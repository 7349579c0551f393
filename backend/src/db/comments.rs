//! Rows of comments on measures and proposals.

use super::schema::comments;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: i32,
    pub entity: String,
    pub entity_id: i32,
    pub parent_id: Option<i32>,
    pub author_id: i32,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment<'a> {
    pub entity: &'a str,
    pub entity_id: i32,
    pub parent_id: Option<i32>,
    pub author_id: i32,
    pub author_name: &'a str,
    pub body: &'a str,
    pub created_at: i64,
}

/// A thing's comments, oldest first.
pub fn for_entity(conn: &mut DbConn, entity: &str, id: i32) -> QueryResult<Vec<CommentRow>> {
    on_conn!(conn, c => comments::table
        .filter(comments::entity.eq(entity))
        .filter(comments::entity_id.eq(id))
        .order(comments::id)
        .select(CommentRow::as_select())
        .load(c))
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<CommentRow>> {
    on_conn!(conn, c => comments::table.find(id).select(CommentRow::as_select()).first(c).optional())
}

pub fn insert(conn: &mut DbConn, row: &NewComment) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(comments::table)
        .values(row)
        .returning(comments::id)
        .get_result(c))
}
