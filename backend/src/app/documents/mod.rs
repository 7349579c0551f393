//! The statutory documents: what a user may produce for a scope and period (the catalogue, with the state of the reports behind each), and each document as PDF or XLSX, kept until the data change.
//!
//! A document is built in three steps: [`Facts`] gathers what the figures come from (the plan
//! snapshot, the dashboard's board — so every amount, percentage and indicator is the one the
//! dashboard shows — and the approved reports' texts); one module per kind turns them into a
//! [`model::Document`]; `pdf` or `xlsx` writes it. The answer is kept per user, scope, period,
//! source and language until the plan's or the reports' revision (or the day) moves, like the
//! other kept answers.
//!
//! Rules where the issue is silent:
//! - Amounts executed, statuses, narratives and indicator values count once the department
//!   approved the report they come from (as on the dashboard); a document made while reports
//!   are missing or unapproved is marked as a draft on every page and lists them at its end.
//! - Who may produce what follows the reports' scopes: a community its own, a district its own
//!   and its communities', the department, the head and the administrator everything.

mod annual;
mod facts;
mod final_report;
pub mod model;
mod org_report;
pub mod pdf;
pub mod present;
pub mod publish;
mod quarterly;
mod results;
mod tree;
pub mod xlsx;

pub use facts::{Facts, Scope};

use crate::app::actor::Actor;
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use bytes::Bytes;
use shared::api::documents::{
    DocumentCatalog, DocumentEntry, DocumentFile, DocumentFormat, DocumentKind, DocumentQuery,
};
use shared::calendar::ReportPeriod;
use shared::{ErrorCode, Lang, Year};

/// A produced file and its name for the download.
pub struct Produced {
    pub bytes: Bytes,
    pub filename: String,
}

/// The period a kind of document covers, from the query (or the latest one due).
pub(super) fn period_for(
    kind: DocumentKind,
    facts_default: ReportPeriod,
    raw: Option<&str>,
) -> AppResult<ReportPeriod> {
    let asked = match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(ReportPeriod::parse(s).map_err(|code| AppError::field(code, "period"))?),
        None => None,
    };
    Ok(match kind {
        DocumentKind::Quarterly => match asked.unwrap_or(facts_default) {
            p @ ReportPeriod::Quarter(_) => p,
            ReportPeriod::Annual { .. } => {
                return Err(AppError::field(ErrorCode::QuarterInvalid, "period"))
            }
        },
        DocumentKind::Report => asked.unwrap_or(facts_default),
        DocumentKind::Annual | DocumentKind::Results => ReportPeriod::Annual {
            year: asked.unwrap_or(facts_default).year(),
        },
        DocumentKind::Final => ReportPeriod::Annual { year: Year::LAST },
    })
}

/// The kinds a scope offers: an organisation's own report only for a single organisation.
pub(super) fn kinds_for(scope: &Scope) -> Vec<DocumentKind> {
    DocumentKind::ALL
        .into_iter()
        .filter(|k| *k != DocumentKind::Report || scope.is_single())
        .collect()
}

/// What the user may produce for the scope and period of `query`.
pub fn catalog(app: &App, actor: &Actor, query: &DocumentQuery) -> AppResult<DocumentCatalog> {
    app.read(|conn| {
        let facts = Facts::load(conn, app, actor, query.org, query.source)?;
        let default = facts.default_quarter();
        let quarter = match period_for(DocumentKind::Report, default, query.period.as_deref())? {
            p @ ReportPeriod::Quarter(_) => p,
            ReportPeriod::Annual { year } => {
                ReportPeriod::Quarter(shared::Quarter { year, quarter: 4 })
            }
        };
        let year = ReportPeriod::Annual {
            year: quarter.year(),
        };
        let mut entries = Vec::new();
        for kind in kinds_for(&facts.scope) {
            let period = match kind {
                DocumentKind::Quarterly => quarter,
                DocumentKind::Report => match query.period.as_deref().map(ReportPeriod::parse) {
                    Some(Ok(p @ ReportPeriod::Annual { .. })) => p,
                    _ => quarter,
                },
                _ => period_for(kind, quarter, Some(&year.to_string()))?,
            };
            entries.push(DocumentEntry {
                kind,
                title: kind.title(),
                period,
                period_label: facts.period_label(kind, period),
                state: facts.data_state(kind, period)?,
            });
        }
        let mut periods = ReportPeriod::all();
        periods.retain(|p| p.start() <= facts.today());
        periods.reverse();
        Ok(DocumentCatalog {
            scope: facts.scope.org_ref(),
            scopes: facts.scopes(actor),
            quarter,
            year,
            periods,
            entries,
        })
    })
}

/// One document as PDF or XLSX, kept until the data change.
pub fn produce(
    app: &App,
    actor: &Actor,
    file: DocumentFile,
    query: &DocumentQuery,
) -> AppResult<Produced> {
    produce_as(app, actor, file, query, true)
}

/// [`produce`], with the signer's name under the signature or (a copy to publish) without it.
pub(super) fn produce_as(
    app: &App,
    actor: &Actor,
    file: DocumentFile,
    query: &DocumentQuery,
    signer_named: bool,
) -> AppResult<Produced> {
    let lang = query.lang.unwrap_or(Lang::Uk);
    let name = format!(
        "document/{}/{signer_named}/{:?}/{:?}/{:?}/{}/{}",
        file.name(),
        query.period,
        query.org,
        query.source,
        lang.code(),
        actor.key()
    );
    let bytes = app.answer_bytes(name, |app| {
        app.read(|conn| {
            let mut facts = Facts::load(conn, app, actor, query.org, query.source)?;
            facts.signer_named = signer_named;
            let period = period_for(file.kind, facts.default_quarter(), query.period.as_deref())?;
            if !kinds_for(&facts.scope).contains(&file.kind) {
                return Err(AppError::field(ErrorCode::BadRequest, "org"));
            }
            let doc = match file.kind {
                DocumentKind::Quarterly => quarterly::build(conn, &facts, period, lang)?,
                DocumentKind::Annual => annual::build(conn, &facts, period.year(), lang)?,
                DocumentKind::Results => results::build(conn, &facts, period.year(), lang)?,
                DocumentKind::Final => final_report::build(&facts, lang)?,
                DocumentKind::Report => org_report::build(conn, &facts, period, lang)?,
            };
            let bytes = match file.format {
                DocumentFormat::Pdf => pdf::render(&doc)?,
                DocumentFormat::Xlsx => xlsx::render(&doc)?,
            };
            Ok(Bytes::from(bytes))
        })
    })?;
    // The name is made from the query alone, so a kept answer gets the same one.
    let filename = file_name(app, actor, file, query).unwrap_or_else(|_| file.name());
    Ok(Produced { bytes, filename })
}

/// `obriy-quarterly-2026-Q3-oblast.pdf`: what the download is saved as.
pub(super) fn file_name(
    app: &App,
    actor: &Actor,
    file: DocumentFile,
    query: &DocumentQuery,
) -> AppResult<String> {
    let period = match file.kind {
        DocumentKind::Final => "2026-2028".to_string(),
        _ => query.period.clone().unwrap_or_default(),
    };
    let scope = match query.org {
        Some(org) => app
            .read(|conn| Ok(app.structure(conn)?.org(org).map(|o| o.slug.clone())))?
            .unwrap_or_else(|| org.to_string()),
        None if actor.can_see_oblast_dashboard() => "oblast".to_string(),
        None => "own".to_string(),
    };
    let source = query
        .source
        .map(|s| format!("-{}", s.as_str()))
        .unwrap_or_default();
    let period = if period.is_empty() {
        String::new()
    } else {
        format!("-{period}")
    };
    Ok(format!(
        "obriy-{}{period}-{scope}{source}.{}",
        file.kind.as_str(),
        file.format.extension()
    ))
}
