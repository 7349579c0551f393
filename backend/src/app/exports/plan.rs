//! The plan as a file — a row per approved budget line (year × source) with the measure's code, task, executor and the plan version, the import's own columns — and the overview's envelope table.

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::AppResult;
use crate::app::imports::plan::COLUMNS as PLAN_COLUMNS;
use crate::app::query::parse_filter;
use shared::api::measures::MeasureStatus;

/// The plan export's columns: the import's headings ([`PLAN_COLUMNS`]), in its order, with what
/// their cells hold and their widths.
const PLAN: [Column; 11] = [
    col(0, CellKind::Number, 3),
    col(1, CellKind::Text, 3),
    col(2, CellKind::Text, 6),
    col(3, CellKind::Text, 8),
    col(4, CellKind::Text, 14),
    col(5, CellKind::Number, 3),
    col(6, CellKind::Number, 3),
    col(7, CellKind::Number, 2),
    col(8, CellKind::Text, 6),
    col(9, CellKind::Amount, 4),
    col(10, CellKind::Number, 3),
];

const fn col(i: usize, kind: CellKind, width: u8) -> Column {
    super::heading(PLAN_COLUMNS[i], kind, width)
}

/// The approved plan the user may see, filtered as the plan page filters it.
pub fn plan(ask: &Ask) -> AppResult<Export> {
    let filter = parse_filter(ask.query)?;
    let (snapshot, version) = ask
        .app
        .read(|conn| Ok((ask.app.snapshot(conn)?, crate::db::versions::current(conn)?)))?;
    let s = &snapshot.structure;
    let lang = ask.lang;
    let mut rows = Vec::new();
    for m in snapshot.matching(ask.actor, &filter) {
        if m.status != MeasureStatus::Approved {
            continue;
        }
        let (Some(task), Some(org)) = (s.task(m.task_id), s.org(m.org_id)) else {
            continue;
        };
        for c in m.grid.restricted(filter.year, filter.source).cells() {
            rows.push(Row::new(
                RowStyle::Item,
                vec![
                    Cell::Code(i64::from(m.id.0)),
                    Cell::text(task.code.to_string()),
                    org.code
                        .as_ref()
                        .map_or(Cell::Empty, |k| Cell::text(k.to_string())),
                    Cell::text(org.name.get(lang)),
                    Cell::text(m.name.get(lang)),
                    Cell::Code(i64::from(m.start_year.get())),
                    Cell::Code(i64::from(m.end_year.get())),
                    Cell::Code(i64::from(c.year.get())),
                    Cell::text(c.source.label().get(lang)),
                    Cell::Amount(c.amount),
                    Cell::Code(i64::from(version)),
                ],
            ));
        }
    }
    let mut about = Vec::new();
    let name = |id| s.org(id).map(|o| o.name.get(lang).to_string());
    if let Some(d) = filter.district.and_then(name) {
        about.push((ask.t("Район", "District"), d));
    }
    if let Some(o) = filter.org.and_then(name) {
        about.push((ask.t("Організація", "Organisation"), o));
    }
    if let Some(y) = filter.year {
        about.push((ask.t("Рік", "Year"), y.to_string()));
    }
    if let Some(src) = filter.source {
        about.push((
            ask.t("Джерело", "Source"),
            src.label().get(lang).to_string(),
        ));
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        about.push((ask.t("Пошук", "Search"), q.to_string()));
    }
    if about.is_empty() {
        about.push((
            ask.t("Фільтри", "Filters"),
            ask.t("немає: увесь план", "none: the whole plan"),
        ));
    }
    about.push((ask.t("Версія плану", "Plan version"), version.to_string()));
    Ok(Export {
        title: ask.t(
            "План заходів: бюджетні рядки",
            "Plan of measures: budget lines",
        ),
        sheet: ask.t("План", "Plan"),
        about,
        columns: &PLAN,
        rows,
    })
}

const ENVELOPE: [Column; 6] = [
    Column::new("Рік", "Year", CellKind::Number, 2),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 8),
    Column::new(
        "Обсяг за паспортом, тис. грн",
        "Passport envelope, thousand UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Розподілено заходами, тис. грн",
        "Allocated to measures, thousand UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Залишок, тис. грн",
        "Remaining, thousand UAH",
        CellKind::Number,
        5,
    ),
    Column::new("Перевищено", "Over-allocated", CellKind::Text, 3),
];

/// The programme's envelope by year × source against what the approved measures allocate.
pub fn envelope(ask: &Ask) -> AppResult<Export> {
    let snapshot = ask.app.current_plan()?;
    let rows = snapshot
        .envelope_table()
        .into_iter()
        .map(|c| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::Code(i64::from(c.year.get())),
                    Cell::text(c.source.label().get(ask.lang)),
                    if c.has_envelope {
                        Cell::Amount(c.envelope)
                    } else {
                        Cell::Empty
                    },
                    Cell::Amount(c.allocated),
                    if c.has_envelope {
                        Cell::Number(c.remaining)
                    } else {
                        Cell::Empty
                    },
                    Cell::text(if c.over_allocated {
                        ask.t("так", "yes")
                    } else {
                        String::new()
                    }),
                ],
            )
        })
        .collect();
    Ok(Export {
        title: ask.t(
            "Обсяги фінансування програми за паспортом і розподіл",
            "The programme's envelope and its allocation",
        ),
        sheet: ask.t("Обсяги", "Envelope"),
        about: vec![(
            ask.t("Що це", "What it is"),
            ask.t(
                "Затверджені заходи за роками й джерелами проти обсягів паспорта програми",
                "Approved measures by year and source against the programme passport's amounts",
            ),
        )],
        columns: &ENVELOPE,
        rows,
    })
}
