//! The statutory documents generated from the data: which kinds exist, how one is asked for, and what each user may produce with the state of the data behind it.
//!
//! A document is addressed as `/api/documents/{kind}.{format}` (`quarterly.pdf`,
//! `annual.xlsx`, …) with the period, the scope and the budget source in the query. The catalogue
//! (`/api/documents`) lists the kinds a user may produce for a scope and period and, for each, the
//! reports behind it that are missing or not yet approved: a document can still be produced then,
//! marked as a draft on every page.

use crate::api::auth::OrgRef;
use crate::calendar::{Date, ReportPeriod};
use crate::error::ErrorCode;
use crate::ids::OrgId;
use crate::source::FundingSource;
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};

/// The kinds of document (programme section VI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The department's consolidated report on a quarter.
    Quarterly,
    /// The annual progress report (annex 5 to the Regulation of CMU resolution No. 119).
    Annual,
    /// The annual results report: indicators and the four lines of evaluation.
    Results,
    /// The final report of the programme's cycle.
    Final,
    /// One organisation's own quarterly or annual report, as it signs and sends it.
    Report,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::Quarterly,
        DocumentKind::Annual,
        DocumentKind::Results,
        DocumentKind::Final,
        DocumentKind::Report,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Quarterly => "quarterly",
            DocumentKind::Annual => "annual",
            DocumentKind::Results => "results",
            DocumentKind::Final => "final",
            DocumentKind::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn title(self) -> Text {
        match self {
            DocumentKind::Quarterly => Text::new(
                "Зведений звіт про виконання Програми за квартал",
                "Consolidated quarterly report on the programme",
            ),
            DocumentKind::Annual => Text::new(
                "Звіт про хід виконання Програми за рік",
                "Annual progress report on the programme",
            ),
            DocumentKind::Results => Text::new(
                "Звіт про результати виконання Програми",
                "Report on the programme's results",
            ),
            DocumentKind::Final => Text::new(
                "Заключний звіт про виконання Програми",
                "Final report on the programme",
            ),
            DocumentKind::Report => Text::new(
                "Звіт виконавця про виконання заходів Програми",
                "An executor's report on its measures",
            ),
        }
    }

    /// Whether the kind is about a quarter (else a year; the final report covers the cycle).
    pub fn takes_quarter(self) -> bool {
        self == DocumentKind::Quarterly
    }
}

/// The two formats every document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    Xlsx,
}

impl DocumentFormat {
    pub const ALL: [DocumentFormat; 2] = [DocumentFormat::Pdf, DocumentFormat::Xlsx];

    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Xlsx => "xlsx",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "application/pdf",
            DocumentFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A document's file name as the URL writes it (`quarterly.pdf`): the server's typed path
/// parameter (an unknown kind or format is 404).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct DocumentFile {
    pub kind: DocumentKind,
    pub format: DocumentFormat,
}

impl DocumentFile {
    pub fn name(self) -> String {
        format!("{}.{}", self.kind.as_str(), self.format.extension())
    }
}

impl TryFrom<String> for DocumentFile {
    type Error = ErrorCode;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let (kind, ext) = s.rsplit_once('.').ok_or(ErrorCode::NotFound)?;
        let kind = DocumentKind::parse(kind).ok_or(ErrorCode::NotFound)?;
        let format = DocumentFormat::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or(ErrorCode::NotFound)?;
        Ok(DocumentFile { kind, format })
    }
}

/// What a document is about: `?period=2026-Q3&org=12&source=oblast&lang=uk`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DocumentQuery {
    /// `2026-Q3` for a quarter, `2026` for a year; the final report ignores it. Absent: the
    /// latest period whose reports were due.
    #[serde(default)]
    pub period: Option<String>,
    /// The organisation whose scope the document covers (a district covers its communities);
    /// absent: the whole oblast, or the user's own organisation.
    #[serde(default)]
    pub org: Option<OrgId>,
    /// Count only one budget source (`oblast` for the oblast budget); absent: all sources.
    #[serde(default)]
    pub source: Option<FundingSource>,
    /// The document's language; Ukrainian unless `en`.
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// One organisation whose report a document needs, and where that report stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingReport {
    pub org: OrgRef,
    pub period: ReportPeriod,
    /// When it was due at the department.
    pub due: Date,
    /// `None`: nothing saved yet; otherwise its stage (draft, submitted, endorsed).
    pub stage: Option<crate::api::reports::ReportStage>,
}

/// The state of the data a document is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DataState {
    /// Reports the document needs.
    pub expected: u32,
    /// Of those, approved by the department.
    pub approved: u32,
    /// Saved but not approved yet.
    pub unapproved: Vec<PendingReport>,
    /// Not saved at all.
    pub missing: Vec<PendingReport>,
    /// Reports of periods not over yet (nobody can be missing them).
    pub not_due: u32,
}

impl DataState {
    /// A document made while reports are missing or unapproved, or before its period is over,
    /// is a draft.
    pub fn is_complete(&self) -> bool {
        self.unapproved.is_empty() && self.missing.is_empty() && self.not_due == 0
    }
}

/// One document a user may produce now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentEntry {
    pub kind: DocumentKind,
    pub title: Text,
    /// The period it covers (the final report: the last year of the cycle).
    pub period: ReportPeriod,
    pub period_label: Text,
    pub state: DataState,
}

/// `GET /api/documents`: what the user may produce for a scope and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentCatalog {
    /// The scope the entries cover.
    pub scope: OrgRef,
    /// The scopes the user may choose from (the oblast first, then districts and communities).
    pub scopes: Vec<OrgRef>,
    /// The quarter and the year the entries are for.
    pub quarter: ReportPeriod,
    pub year: ReportPeriod,
    /// The periods the user may choose from, latest first.
    pub periods: Vec<ReportPeriod>,
    pub entries: Vec<DocumentEntry>,
}

/// A document the department published: its file as it was made then (the bytes never change)
/// and what it is. `GET /api/public/documents` lists them, `/api/public/documents/{doc}` is the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedDocument {
    pub id: i32,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
    pub title: Text,
    /// `2026-Q3`, `2026`, or `2026-2028` for the final report.
    pub period: String,
    pub period_label: Text,
    /// Counted from one budget source only; absent: all sources.
    pub source: Option<FundingSource>,
    pub lang: Lang,
    /// Made while reports behind it were missing or unapproved: it says ПРОЄКТ on every page.
    pub draft: bool,
    /// Milliseconds since the Unix epoch.
    pub published_at: i64,
    /// The file's size in bytes and its SHA-256 (hex), which is also its entity tag.
    pub size: i64,
    pub sha256: String,
    pub filename: String,
}

/// `GET /api/public/documents`: every published document, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedDocuments {
    pub documents: Vec<PublishedDocument>,
}
