//! The department publishes a document: the file as it is made now is stored once and never
//! changed (a newer edition is another row), on the record, and listed on the open portal.

use super::{facts::Facts, file_name, kinds_for, period_for, produce_as};
use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::record::Entry;
use crate::app::App;
use crate::db;
use shared::api::audit::AuditAction;
use shared::api::documents::{
    DocumentFile, DocumentFormat, DocumentKind, DocumentQuery, PublishedDocument,
};
use shared::{ErrorCode, FundingSource, Lang, Text, Year};

/// A published document as the API gives it, from its row.
pub fn listed(row: db::published_documents::Listed) -> AppResult<PublishedDocument> {
    let bad = |what: &str, value: &str| AppError::internal(anyhow::anyhow!("{what} {value}"));
    Ok(PublishedDocument {
        id: row.id,
        kind: DocumentKind::parse(&row.kind).ok_or_else(|| bad("kind", &row.kind))?,
        format: DocumentFormat::ALL
            .into_iter()
            .find(|f| f.extension() == row.format)
            .ok_or_else(|| bad("format", &row.format))?,
        title: Text::new(row.title_uk, row.title_en),
        period: row.period,
        period_label: Text::new(row.period_uk, row.period_en),
        source: match row.source.as_deref() {
            Some(s) => Some(FundingSource::parse(s).ok_or_else(|| bad("source", s))?),
            None => None,
        },
        lang: Lang::from_code(&row.lang).ok_or_else(|| bad("lang", &row.lang))?,
        draft: row.is_draft,
        published_at: row.published_at,
        size: row.size,
        sha256: row.sha256,
        filename: row.filename,
    })
}

/// Publishes the document `file` for `query` as it is now (the department only).
pub fn publish(
    app: &App,
    actor: &Actor,
    file: DocumentFile,
    query: &DocumentQuery,
) -> AppResult<PublishedDocument> {
    if !actor.can_decide() {
        return Err(ErrorCode::Forbidden.into());
    }
    // The file the download gives, with the signer's position but not their name, then what
    // it is about.
    let produced = produce_as(app, actor, file, query, false)?;
    let (period, label, draft) = app.read(|conn| {
        let facts = Facts::load(conn, app, actor, query.org, query.source)?;
        let period = period_for(file.kind, facts.default_quarter(), query.period.as_deref())?;
        if !kinds_for(&facts.scope).contains(&file.kind) {
            return Err(AppError::field(ErrorCode::BadRequest, "org"));
        }
        let draft = !facts.data_state(file.kind, period)?.is_complete();
        Ok((period, facts.period_label(file.kind, period), draft))
    })?;
    let period = if file.kind == DocumentKind::Final {
        format!("{}-{}", Year::FIRST, Year::LAST)
    } else {
        period.to_string()
    };
    let lang = query.lang.unwrap_or(Lang::Uk);
    let title = file.kind.title();
    // The name the download had, with the period it was made for.
    let named = DocumentQuery {
        period: Some(period.clone()),
        ..query.clone()
    };
    let filename = file_name(app, actor, file, &named).unwrap_or_else(|_| file.name());
    use sha2::Digest as _;
    let sha256 = hex::encode(sha2::Sha256::digest(&produced.bytes));
    let row = db::published_documents::NewDocument {
        kind: file.kind.as_str().to_string(),
        format: file.format.extension().to_string(),
        period,
        source: query.source.map(|s| s.as_str().to_string()),
        lang: lang.code().to_string(),
        title_uk: title.uk.clone(),
        title_en: title.en.clone(),
        period_uk: label.uk.clone(),
        period_en: label.en.clone(),
        is_draft: draft,
        filename,
        sha256,
        size: i64::try_from(produced.bytes.len()).unwrap_or(i64::MAX),
        bytes: produced.bytes.to_vec(),
        published_at: 0,
        published_by: actor.id.0,
    };
    app.write(&actor.into(), |tx| {
        let row = db::published_documents::NewDocument {
            published_at: tx.now,
            ..row
        };
        let id = db::published_documents::insert(tx.conn, &row)?;
        let (listed_row, _) = db::published_documents::find(tx.conn, id)?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("published document {id}")))?;
        let doc = listed(listed_row)?;
        tx.record(
            Entry::new(AuditAction::DocumentPublished, "published_document")
                .id(id)
                .org_opt(query.org.map(|o| o.0))
                .after(&doc),
        );
        Ok(doc)
    })
}
