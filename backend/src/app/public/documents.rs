//! The published documents on the open portal: the list, and each file exactly as published
//! (its SHA-256 is its tag). Nothing is listed that the department did not publish.

use super::{tagged, Published};
use crate::app::documents::publish::listed;
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use crate::db;
use bytes::Bytes;
use shared::api::documents::PublishedDocuments;
use shared::ErrorCode;

/// A published file with its media type and name.
pub struct File {
    pub published: Published,
    pub content_type: &'static str,
    pub filename: String,
}

/// `GET /api/public/documents`, newest first.
pub fn list(app: &App) -> AppResult<Published> {
    let rows = app.read(|conn| Ok(db::published_documents::all(conn)?))?;
    let documents = rows
        .into_iter()
        .map(listed)
        .collect::<AppResult<Vec<_>>>()?;
    let body = serde_json::to_vec(&PublishedDocuments { documents }).map_err(AppError::internal)?;
    Ok(tagged(app, "public/documents", Bytes::from(body)))
}

/// `GET /api/public/documents/{doc}` (404 for anything not published).
pub fn file(app: &App, id: i32) -> AppResult<File> {
    let (row, bytes) = app
        .read(|conn| Ok(db::published_documents::find(conn, id)?))?
        .ok_or(ErrorCode::NotFound)?;
    let doc = listed(row)?;
    Ok(File {
        published: Published {
            etag: format!("\"{}\"", doc.sha256.get(..32).unwrap_or(&doc.sha256)),
            body: Bytes::from(bytes),
        },
        content_type: doc.format.media_type(),
        filename: doc.filename,
    })
}
