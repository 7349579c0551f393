//! Rows of the published documents: each file as the department published it, never changed.

use super::schema::published_documents;
use super::DbConn;
use crate::on_conn;
use diesel::prelude::*;

/// What a published document is, without its bytes (the list).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = published_documents)]
pub struct Listed {
    pub id: i32,
    pub kind: String,
    pub format: String,
    pub period: String,
    pub source: Option<String>,
    pub lang: String,
    pub title_uk: String,
    pub title_en: String,
    pub period_uk: String,
    pub period_en: String,
    pub is_draft: bool,
    pub filename: String,
    pub sha256: String,
    pub size: i64,
    pub published_at: i64,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = published_documents)]
pub struct NewDocument {
    pub kind: String,
    pub format: String,
    pub period: String,
    pub source: Option<String>,
    pub lang: String,
    pub title_uk: String,
    pub title_en: String,
    pub period_uk: String,
    pub period_en: String,
    pub is_draft: bool,
    pub filename: String,
    pub sha256: String,
    pub size: i64,
    pub bytes: Vec<u8>,
    pub published_at: i64,
    pub published_by: i32,
}

pub fn insert(conn: &mut DbConn, row: &NewDocument) -> QueryResult<i32> {
    on_conn!(conn, c => diesel::insert_into(published_documents::table)
        .values(row)
        .returning(published_documents::id)
        .get_result(c))
}

/// Every published document, newest first.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Listed>> {
    on_conn!(conn, c => published_documents::table
        .select(Listed::as_select())
        .order(published_documents::id.desc())
        .load(c))
}

/// One published document with its bytes.
pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<(Listed, Vec<u8>)>> {
    on_conn!(conn, c => published_documents::table
        .find(id)
        .select((Listed::as_select(), published_documents::bytes))
        .first(c)
        .optional())
}
