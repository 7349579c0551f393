//! Tables as files: which of the app's tables export, in which formats (XLSX, CSV with `;` as a Ukrainian Excel reads it or with `,` for tools), and the file's name as the URL writes it.
//!
//! A table is addressed as `/api/exports/{table}.{format}` (`plan.xlsx`, `plan.csv`,
//! `calendar.csv`, …) with the table's own filters in the query, as the page that shows it
//! sends them (the plan's `district`, `org`, `source`, `year`, `q`), plus `lang=uk|en` and, for a
//! CSV, `sep=semicolon|comma`. Every row carries its stable id (measure code, indicator code,
//! the organisation's KATOTTH code, the period), so the plan's file can come back through the
//! import.

use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

/// The tables that export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportTable {
    /// The approved plan, filtered: a row per budget line (year × source) — the import's file.
    Plan,
    /// The overview's envelope: the programme's amounts by year × source against the plan.
    Envelope,
    /// The reporting calendar of a period: each organisation's report, its state and due date.
    Calendar,
    /// One report (`?org=&period=`): its measures with their spending, then its indicators.
    Report,
    /// The dashboard's execution by year and direction: planned / approved / executed.
    Execution,
    /// The dashboard's indicators: target for the year, expected by the quarter, actual, %.
    Indicators,
    /// The dashboard's districts or communities with their figures.
    Areas,
    /// The dashboard's reporting compliance by period.
    Compliance,
    /// The dashboard's list of what is off track, with who is responsible.
    Troubles,
    /// The record (audit) view, filtered.
    Audit,
    /// A measure's budget lines (`?id=`): planned, approved and executed by year × source.
    Measure,
    /// The proposals list, filtered as its page (`state`, `org`, `waiting_for_me`).
    Proposals,
    /// A proposal's lines (`?id=`): approved → proposed, with each line's state.
    Proposal,
    /// The lines changed between two plan versions (`?from=&to=`).
    Versions,
    /// Indicator targets by year: the programme's, and each reporter's own (empty: the
    /// programme's applies) — the targets import's file.
    Targets,
}

impl ExportTable {
    pub const ALL: [ExportTable; 15] = [
        ExportTable::Plan,
        ExportTable::Envelope,
        ExportTable::Calendar,
        ExportTable::Report,
        ExportTable::Execution,
        ExportTable::Indicators,
        ExportTable::Areas,
        ExportTable::Compliance,
        ExportTable::Troubles,
        ExportTable::Audit,
        ExportTable::Measure,
        ExportTable::Proposals,
        ExportTable::Proposal,
        ExportTable::Versions,
        ExportTable::Targets,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportTable::Plan => "plan",
            ExportTable::Envelope => "envelope",
            ExportTable::Calendar => "calendar",
            ExportTable::Report => "report",
            ExportTable::Execution => "execution",
            ExportTable::Indicators => "indicators",
            ExportTable::Areas => "areas",
            ExportTable::Compliance => "compliance",
            ExportTable::Troubles => "troubles",
            ExportTable::Audit => "audit",
            ExportTable::Measure => "measure",
            ExportTable::Proposals => "proposals",
            ExportTable::Proposal => "proposal",
            ExportTable::Versions => "versions",
            ExportTable::Targets => "targets",
        }
    }

    pub fn parse(s: &str) -> Option<ExportTable> {
        ExportTable::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Xlsx, ExportFormat::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => crate::api::imports::XLSX_MEDIA_TYPE,
            ExportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// A CSV's separator: `;` with a byte-order mark (what a Ukrainian Excel opens straight),
/// or `,` without one (for tools).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CsvSeparator {
    #[default]
    Semicolon,
    Comma,
}

impl CsvSeparator {
    pub fn as_str(self) -> &'static str {
        match self {
            CsvSeparator::Semicolon => "semicolon",
            CsvSeparator::Comma => "comma",
        }
    }

    pub fn parse(s: &str) -> Option<CsvSeparator> {
        [CsvSeparator::Semicolon, CsvSeparator::Comma]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// A table's file name as the URL writes it (`plan.xlsx`): the server's typed path parameter
/// (an unknown table or format is 404).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct ExportFile {
    pub table: ExportTable,
    pub format: ExportFormat,
}

impl ExportFile {
    pub fn name(self) -> String {
        format!("{}.{}", self.table.as_str(), self.format.extension())
    }
}

impl TryFrom<String> for ExportFile {
    type Error = ErrorCode;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        let (table, ext) = s.rsplit_once('.').ok_or(ErrorCode::NotFound)?;
        let table = ExportTable::parse(table).ok_or(ErrorCode::NotFound)?;
        let format = ExportFormat::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or(ErrorCode::NotFound)?;
        Ok(ExportFile { table, format })
    }
}

/// The query of an export's link: the page's own filters (`filters`, as the page's query
/// string has them), the language and, for a CSV, the separator.
pub fn export_query(filters: &str, lang: crate::Lang, sep: Option<CsvSeparator>) -> String {
    let mut parts: Vec<String> = filters
        .trim_start_matches('?')
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && !p.starts_with("lang=")
                && !p.starts_with("sep=")
                && !p.starts_with("page=")
                && !p.starts_with("per_page=")
        })
        .map(str::to_string)
        .collect();
    parts.push(format!("lang={}", lang.code()));
    if let Some(sep) = sep {
        parts.push(format!("sep={}", sep.as_str()));
    }
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_round_trip() {
        for t in ExportTable::ALL {
            for f in ExportFormat::ALL {
                let file = ExportFile {
                    table: t,
                    format: f,
                };
                assert_eq!(ExportFile::try_from(file.name()), Ok(file));
            }
        }
        assert_eq!(
            ExportFile::try_from("plan.pdf".to_string()),
            Err(ErrorCode::NotFound)
        );
    }

    #[test]
    fn a_link_keeps_the_filters_not_the_paging() {
        assert_eq!(
            export_query("?year=2027&page=3&q=%D0%A1", crate::Lang::En, None),
            "year=2027&q=%D0%A1&lang=en"
        );
        assert_eq!(
            export_query("", crate::Lang::Uk, Some(CsvSeparator::Comma)),
            "lang=uk&sep=comma"
        );
    }
}
