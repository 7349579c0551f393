//! A sheet of indicator targets (the department's): the programme's target per year and single organisations' own targets, read against the indicators as they are into changes, and written by `indicators::set_targets`.
//!
//! The file is the targets export (`Код показника`, …, `Ціль`, `Версія показника`), edited, or
//! any sheet with the same headings. Rules:
//! - A row is one indicator, one year and either the programme (no organisation) or one
//!   organisation, named by its Obriy id, else its KATOTTH code, else its name (in either
//!   language). An organisation must report the indicator to have a target of its own.
//! - `Ціль` is typed as the report form takes an indicator's value (the unit's range and
//!   decimals). An empty cell means no target: an organisation is then held to the programme's.
//!   Rows absent from the file are left alone.
//! - Stale files: `Ціль при вивантаженні` holds the row's target as it was when the file was made.
//!   Where the target changed since, a file still saying the old value leaves the newer one
//!   alone, and a file saying a third value is a conflict, shown and not written. A value equal
//!   to the one in force is unchanged, so the same file twice changes nothing. A sheet without
//!   that column is read as it stands.

use super::cells::{self, Col, Header};
use super::reader::{Book, Sheet, Value};
use super::{Checked, Progress};
use crate::app::error::AppResult;
use crate::app::indicators::{self, TargetChange};
use crate::app::plan::structure::{OrgInfo, Structure};
use crate::app::reports::reports_indicator;
use crate::db::DbConn;
use rust_decimal::Decimal;
use shared::api::imports::{ChangeKind, ImportChange, ImportCounts, ImportIssue};
use shared::api::indicators::IndicatorEntry;
use shared::{ErrorCode, IndicatorId, Lang, OrgId, Text};
use std::collections::HashSet;

/// The targets file's columns, as the targets export writes them.
pub const COLUMNS: [Col; 10] = [
    Col::new("indicator", "Код показника", "Indicator code"),
    Col::new("name", "Показник", "Indicator").optional(),
    Col::new("unit", "Одиниця", "Unit").optional(),
    Col::new(
        "org_id",
        "Код організації в Обрії",
        "Organisation's Obriy id",
    )
    .optional(),
    Col::new("org_code", "КАТОТТГ організації", "Organisation's KATOTTH").optional(),
    Col::new("org", "Організація", "Organisation").optional(),
    Col::new("year", "Рік", "Year"),
    Col::new("programme", "Ціль програми", "Programme target").optional(),
    Col::new("exported", "Ціль при вивантаженні", "Target when exported").optional(),
    Col::new("target", "Ціль", "Target"),
];

/// The sheet's names in the export.
pub const SHEET: [&str; 2] = ["Цілі", "Targets"];

/// The indicators' versions a check saw: confirming writes only if none moved since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen(Vec<(IndicatorId, i32)>);

impl Seen {
    pub fn now(conn: &mut DbConn) -> AppResult<Seen> {
        Ok(Seen::of(&indicators::all(conn)?))
    }

    fn of(entries: &[IndicatorEntry]) -> Seen {
        Seen(
            entries
                .iter()
                .map(|e| (e.indicator.id, e.version))
                .collect(),
        )
    }
}

/// The indicators and organisations a sheet is read against.
pub struct Context {
    pub seen: Seen,
    entries: Vec<IndicatorEntry>,
    structure: std::sync::Arc<Structure>,
}

impl Context {
    pub fn load(conn: &mut DbConn, structure: std::sync::Arc<Structure>) -> AppResult<Context> {
        let entries = indicators::all(conn)?;
        Ok(Context {
            seen: Seen::of(&entries),
            entries,
            structure,
        })
    }

    fn indicator(&self, code: &str) -> Option<&IndicatorEntry> {
        self.entries
            .iter()
            .find(|e| e.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The row's organisation: `Ok(None)` for the programme's row, `Err(column)` for one that
    /// names nobody known.
    fn org(&self, sheet: &Sheet, h: &Header, r: usize) -> Result<Option<&OrgInfo>, &'static str> {
        let s = &self.structure;
        match cells::whole(h.value(sheet, r, "org_id"), ErrorCode::OrgUnknown) {
            Ok(Some(id)) => {
                return i32::try_from(id)
                    .ok()
                    .and_then(|id| s.org(OrgId(id)))
                    .map(Some)
                    .ok_or("org_id")
            }
            Ok(None) => {}
            Err(_) => return Err("org_id"),
        }
        let code = cells::text(h.value(sheet, r, "org_code"));
        if !code.is_empty() {
            return s
                .orgs
                .iter()
                .find(|o| {
                    o.code
                        .as_ref()
                        .is_some_and(|c| c.to_string().eq_ignore_ascii_case(&code))
                })
                .map(Some)
                .ok_or("org_code");
        }
        let name = normal(&cells::text(h.value(sheet, r, "org")));
        if name.is_empty() {
            return Ok(None);
        }
        s.orgs
            .iter()
            .find(|o| normal(&o.name.uk) == name || normal(&o.name.en) == name)
            .map(Some)
            .ok_or("org")
    }
}

fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn shown(d: Option<Decimal>) -> String {
    d.map(|d| shared::amount::format_number(d, Lang::Uk))
        .unwrap_or_default()
}

/// Reads the sheet and compares it with the targets in force.
pub fn check(
    book: &Book,
    ctx: &Context,
    progress: &Progress,
) -> Result<Checked<TargetChange>, ImportIssue> {
    let (sheet, h) = cells::sheet_with(book, SHEET, &COLUMNS)?;
    let mut out = Checked::default();
    let mut counts = ImportCounts::default();
    let mut taken: HashSet<(IndicatorId, Option<OrgId>, shared::Year)> = HashSet::new();
    let mut rows = 0u32;
    for r in h.row + 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Value::is_empty) {
            continue;
        }
        rows += 1;
        if rows.is_multiple_of(500) {
            progress.checked(rows);
        }
        let refuse = |out: &mut Checked<TargetChange>, key: &str, code: ErrorCode| {
            let col = h.col(key).unwrap_or(0);
            out.issues.push(ImportIssue::new(
                &sheet.name,
                r as u32 + 1,
                &h.label(col),
                &sheet.cell(r, col).shown(),
                code,
            ));
        };
        let before = out.issues.len();
        let found = ctx.indicator(&cells::text(h.value(sheet, r, "indicator")));
        if found.is_none() {
            refuse(&mut out, "indicator", ErrorCode::ImportIndicatorUnknown);
        }
        let org = ctx.org(sheet, &h, r).unwrap_or_else(|col| {
            refuse(&mut out, col, ErrorCode::OrgUnknown);
            None
        });
        let year = match cells::year(h.value(sheet, r, "year")) {
            Ok(Some(y)) => Some(y),
            Ok(None) | Err(_) => {
                refuse(&mut out, "year", ErrorCode::YearInvalid);
                None
            }
        };
        let (Some(def), Some(year)) = (found, year) else {
            continue;
        };
        if out.issues.len() > before {
            continue;
        }
        let ind = &def.indicator;
        if let Some(o) = org {
            if !reports_indicator(ind, o) {
                refuse(&mut out, "org", ErrorCode::ImportTargetNotReporter);
                continue;
            }
        }
        let value = match cells::indicator_value(h.value(sheet, r, "target"), ind.unit) {
            Ok(v) => v,
            Err(code) => {
                refuse(&mut out, "target", code);
                continue;
            }
        };
        if !taken.insert((ind.id, org.map(|o| o.id), year)) {
            refuse(&mut out, "year", ErrorCode::ImportRowDuplicate);
            continue;
        }
        let now = match org {
            None => ind.target(year),
            Some(o) => ind.org_target(o.id, year),
        };
        if now == value {
            counts.unchanged += 1;
            continue;
        }
        let exported = match h.col("exported") {
            None => None,
            Some(_) => match cells::indicator_value(h.value(sheet, r, "exported"), ind.unit) {
                Ok(v) => Some(v),
                Err(code) => {
                    refuse(&mut out, "exported", code);
                    continue;
                }
            },
        };
        let kind = match (exported, now, value) {
            // Changed since the file was made, and the file still says what it said then.
            (Some(was), _, _) if was != now && was == value => {
                counts.unchanged += 1;
                continue;
            }
            (Some(was), _, _) if was != now => ChangeKind::Conflict,
            (_, None, _) => ChangeKind::Added,
            (_, _, None) => ChangeKind::Removed,
            (_, Some(_), Some(_)) => ChangeKind::Changed,
        };
        match kind {
            ChangeKind::Added => counts.added += 1,
            ChangeKind::Changed => counts.changed += 1,
            ChangeKind::Removed => counts.removed += 1,
            ChangeKind::Conflict => counts.conflicts += 1,
        }
        let (field, label) = match org {
            None => (
                format!("target:{year}"),
                Text::new(
                    format!("Ціль програми на {year}"),
                    format!("Programme target for {year}"),
                ),
            ),
            Some(o) => (
                format!("target:{year}:org:{}", o.id.0),
                Text::new(
                    format!("Ціль на {year}: {}", o.name.uk),
                    format!("Target for {year}: {}", o.name.en),
                ),
            ),
        };
        out.changes.push(ImportChange {
            sheet: sheet.name.clone(),
            row: r as u32 + 1,
            kind,
            subject: format!("indicator:{}", def.code),
            name: ind.name.uk.clone(),
            field,
            label,
            old: shown(now),
            new: shown(value),
            in_draft: false,
        });
        if kind != ChangeKind::Conflict {
            out.actions.push(TargetChange {
                indicator: ind.id,
                org: org.map(|o| o.id),
                year,
                value,
            });
        }
    }
    progress.total(rows);
    counts.refused = out
        .issues
        .iter()
        .map(|i| i.row)
        .collect::<HashSet<_>>()
        .len() as u32;
    out.counts = counts;
    Ok(out)
}
