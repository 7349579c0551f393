//! Excel in: a workbook (or CSV) uploaded as a job, checked row by row into a preview of what it would change, then confirmed through the ordinary workflow.
//!
//! A plan file becomes lines of the uploader's draft proposal (it never bypasses the
//! department); a report workbook becomes the report's saved draft; the department's sheet of
//! indicator targets sets the programme's and single organisations' targets. The job is checked in the
//! background (progress in `progress`), kept in the server's memory for a day, and announced in
//! the uploader's inbox when its preview is ready.

use crate::api::auth::OrgRef;
use crate::calendar::ReportPeriod;
use crate::error::ErrorCode;
use crate::ids::OrgId;
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};

/// The largest file an import takes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most data rows an import reads.
pub const MAX_ROWS: usize = 20_000;

/// What a file is imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Measures with budget lines by year × source → the draft proposal.
    Plan,
    /// A report workbook (measures, spending, indicator values) → the report's draft.
    Report,
    /// Indicator targets by year, the programme's and single organisations' (the department's).
    Targets,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Plan => "plan",
            ImportKind::Report => "report",
            ImportKind::Targets => "targets",
        }
    }

    pub fn label(self) -> Text {
        match self {
            ImportKind::Plan => Text::new("План заходів", "Plan of measures"),
            ImportKind::Report => Text::new("Звіт", "Report"),
            ImportKind::Targets => Text::new("Цілі показників", "Indicator targets"),
        }
    }
}

/// `POST /api/imports?kind=plan&name=plan.xlsx` (the body is the file itself);
/// a report also names `org` and `period`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ImportStart {
    pub kind: ImportKind,
    /// The file's name as the user chose it (shown back, and in the marked copy's name).
    #[serde(default)]
    pub name: String,
    /// The report's organisation (report imports).
    #[serde(default)]
    pub org: Option<OrgId>,
    /// The report's period, `2026-Q3` or `2026` (report imports).
    #[serde(default)]
    pub period: Option<String>,
}

impl ImportStart {
    pub fn to_query(&self) -> String {
        let mut q = format!(
            "kind={}&name={}",
            self.kind.as_str(),
            super::plan::encode_component(&self.name)
        );
        if let Some(org) = self.org {
            q.push_str(&format!("&org={}", org.0));
        }
        if let Some(p) = &self.period {
            q.push_str(&format!("&period={}", super::plan::encode_component(p)));
        }
        q
    }
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportState {
    /// Reading and checking the rows.
    Checking,
    /// The preview is ready: nothing is written until it is confirmed.
    Ready,
    /// The file could not be read at all (see `failure`).
    Failed,
    /// Confirmed: its changes are in the draft.
    Applied,
}

/// How far the check went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProgress {
    pub rows_read: u32,
    pub rows_checked: u32,
    /// Known once the file is read.
    pub rows_total: u32,
}

/// What one row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new measure, or a new budget line.
    Added,
    Changed,
    /// A budget line of a measure in the file that the file no longer has.
    Removed,
    /// The file's value differs from what it was exported with, and the plan changed meanwhile.
    Conflict,
}

impl ChangeKind {
    pub fn label(self) -> Text {
        match self {
            ChangeKind::Added => Text::new("Нове", "New"),
            ChangeKind::Changed => Text::new("Змінено", "Changed"),
            ChangeKind::Removed => Text::new("Вилучено", "Removed"),
            ChangeKind::Conflict => Text::new("Конфлікт", "Conflict"),
        }
    }
}

/// One change the file would make, against the approved plan (a plan) or the saved draft (a
/// report). Values are shown as the interface shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportChange {
    /// The file's row (1-based, as Excel numbers it) on `sheet`.
    pub sheet: String,
    pub row: u32,
    pub kind: ChangeKind,
    /// The stable id of what changes: `measure:17`, `indicator:IND-03`.
    pub subject: String,
    /// The measure's or indicator's name.
    pub name: String,
    /// What changes: `amount:2027:local`, `status`, `narrative`, `spending:oblast`, `value`.
    pub field: String,
    pub label: Text,
    pub old: String,
    pub new: String,
    /// The draft already holds exactly this: confirming changes nothing here.
    pub in_draft: bool,
}

/// One row (or cell) that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportIssue {
    pub sheet: String,
    /// 1-based as Excel numbers rows; 0 for the file or the sheet as a whole.
    pub row: u32,
    /// The column's letter and heading (`J · Сума, тис. грн`); empty for a whole row.
    pub column: String,
    /// The value found.
    pub value: String,
    pub code: ErrorCode,
    pub message: Text,
}

impl ImportIssue {
    pub fn new(sheet: &str, row: u32, column: &str, value: &str, code: ErrorCode) -> ImportIssue {
        ImportIssue {
            sheet: sheet.to_string(),
            row,
            column: column.to_string(),
            value: value.to_string(),
            code,
            message: code.message(),
        }
    }
}

/// The counts of a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportCounts {
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    /// Rows refused.
    pub refused: u32,
}

/// An import job, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportJob {
    pub id: i32,
    pub kind: ImportKind,
    pub file_name: String,
    /// The report's organisation and period (report imports).
    pub org: Option<OrgRef>,
    pub period: Option<ReportPeriod>,
    pub state: ImportState,
    pub progress: ImportProgress,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// The plan version the file was checked against.
    pub plan_version: i32,
    pub counts: ImportCounts,
    pub changes: Vec<ImportChange>,
    pub issues: Vec<ImportIssue>,
    /// Why the file could not be read at all (state `failed`).
    pub failure: Option<ImportIssue>,
    /// Whether confirming would write something.
    pub can_confirm: bool,
    /// Where the confirmed changes went: the draft proposal's id (plan imports).
    pub proposal_id: Option<i32>,
}

/// `GET /api/imports/{id}/marked.xlsx` with `?lang=`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LangQuery {
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// The media type of an XLSX workbook.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
