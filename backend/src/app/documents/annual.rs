//! The annual progress report (the form of annex 5 to the Regulation of CMU resolution No. 119): the passport lines, the tasks and measures with the year's planned, approved and executed amounts by source, their state, results and reasons, and the totals by source.
//!
//! The official column layout was not available: the columns follow the programme's own
//! passport and tables and are set here, in `MEASURE_COLUMNS` and `SOURCE_COLUMNS`, so they
//! can be adjusted in one place (README, "Documents").

use super::facts::Facts;
use super::model::{Cell, CellKind, Column, Document, Part, Row, RowStyle, Table};
use super::present::pick;
use super::quarterly::pending_part;
use super::tree::{self, Line};
use crate::app::error::AppResult;
use crate::db::DbConn;
use shared::api::documents::DocumentKind;
use shared::calendar::ReportPeriod;
use shared::execution::{percent, Execution};
use shared::{Lang, Year};
use std::collections::BTreeSet;

pub const MEASURE_COLUMNS: [Column; 11] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Завдання, захід", "Task, measure", CellKind::Text, 10),
    Column::new("Виконавець", "Executor", CellKind::Text, 6),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 4),
    Column::new(
        "Заплановано Програмою, тис. грн",
        "Planned by the programme, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Затверджено в бюджеті, тис. грн",
        "Approved in the budget, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new("Виконано, тис. грн", "Executed, k UAH", CellKind::Amount, 4),
    Column::new(
        "% виконання від затвердженого",
        "% executed of approved",
        CellKind::Percent,
        3,
    ),
    Column::new("Стан виконання", "State of execution", CellKind::Text, 4),
    Column::new(
        "Досягнуті результати",
        "Results achieved",
        CellKind::Text,
        9,
    ),
    Column::new(
        "Причини невиконання",
        "Reasons for non-execution",
        CellKind::Text,
        7,
    ),
];

pub const SOURCE_COLUMNS: [Column; 6] = [
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 8),
    Column::new(
        "Заплановано, тис. грн",
        "Planned, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Затверджено, тис. грн",
        "Approved, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new("Виконано, тис. грн", "Executed, k UAH", CellKind::Amount, 4),
    Column::new(
        "% затверджено від запланованого",
        "% approved of planned",
        CellKind::Percent,
        3,
    ),
    Column::new(
        "% виконано від затвердженого",
        "% executed of approved",
        CellKind::Percent,
        3,
    ),
];

/// The passport lines every annual document opens with.
pub fn passport(facts: &Facts, year: Year, lang: Lang) -> Vec<(String, String)> {
    let p = &facts.structure().passport;
    let executors: BTreeSet<String> = facts
        .measures(&[year])
        .iter()
        .map(|m| facts.org_name(m.org_id, lang))
        .collect();
    let executors = if executors.len() > 6 {
        match lang {
            Lang::Uk => format!(
                "{} виконавців (поіменно — у таблиці заходів)",
                executors.len()
            ),
            Lang::En => format!(
                "{} executors (named in the measures' table)",
                executors.len()
            ),
        }
    } else {
        executors.into_iter().collect::<Vec<_>>().join("; ")
    };
    vec![
        (
            pick(lang, "Програма", "Programme"),
            p.name.get(lang).to_string(),
        ),
        (
            pick(lang, "Регіон", "Region"),
            p.region.get(lang).to_string(),
        ),
        (
            pick(lang, "Код за КАТОТТГ", "KATOTTH code"),
            p.region_code.as_str().to_string(),
        ),
        (
            pick(lang, "Рішення про затвердження", "Approved by"),
            p.decision.get(lang).to_string(),
        ),
        (
            pick(lang, "Розробник", "Developer"),
            p.developer.get(lang).to_string(),
        ),
        (
            pick(lang, "Керівник Програми", "Programme head"),
            p.head.get(lang).to_string(),
        ),
        (pick(lang, "Виконавці", "Executors"), executors),
        (
            pick(lang, "Строк виконання", "Term"),
            format!("{}–{}", p.start_year, p.end_year),
        ),
        (
            pick(lang, "Обсяг охоплення", "Scope"),
            facts.scope_name(lang),
        ),
    ]
}

/// Planned, approved and executed by source for the scope's measures in `years`.
pub fn source_rows(facts: &Facts, years: &[Year], lang: Lang) -> Vec<Row> {
    let measures = facts.measures(years);
    let mut total = Execution::default();
    let mut rows = Vec::new();
    for source in facts.sources() {
        let e: Execution = measures
            .iter()
            .flat_map(|m| years.iter().map(move |y| facts.execution(m, *y, source)))
            .sum();
        total += e;
        rows.push(source_row(
            RowStyle::Item,
            source.label().get(lang).to_string(),
            &e,
        ));
    }
    rows.push(source_row(
        RowStyle::Total,
        pick(lang, "Усього", "Total"),
        &total,
    ));
    rows
}

fn source_row(style: RowStyle, label: String, e: &Execution) -> Row {
    Row::new(
        style,
        vec![
            Cell::Text(label),
            Cell::Amount(e.planned),
            Cell::Amount(e.approved),
            Cell::Amount(e.executed),
            Cell::Percent(e.approved_percent()),
            Cell::Percent(e.executed_percent()),
        ],
    )
}

pub fn build(conn: &mut DbConn, facts: &Facts, year: Year, lang: Lang) -> AppResult<Document> {
    let period = ReportPeriod::Annual { year };
    let state = facts.data_state(DocumentKind::Annual, period)?;
    let texts = facts.texts(conn, period)?;
    let measures = facts.measures(&[year]);
    let sources = facts.sources();
    let rows = tree::rows(
        facts,
        &measures,
        lang,
        tree::Shape {
            lead: 4,
            amounts: 3,
            tail: 3,
        },
        |m| {
            let t = texts.get(&m.id);
            let mut lines = Vec::new();
            for source in &sources {
                let e = facts.execution(m, year, *source);
                if e.is_empty() {
                    continue;
                }
                let first = lines.is_empty();
                lines.push(Line {
                    lead: {
                        let mut cells = tree::measure_cells(facts, m, lang, first);
                        cells.push(Cell::text(source.label().get(lang)));
                        cells
                    },
                    amounts: vec![e.planned, e.approved, e.executed],
                    tail: if first {
                        vec![
                            Cell::text(
                                t.and_then(|t| t.status)
                                    .map(|s| s.label().get(lang).to_string())
                                    .unwrap_or_default(),
                            ),
                            Cell::text(t.map(|t| t.narrative.clone()).unwrap_or_default()),
                            Cell::text(t.map(|t| t.reasons.clone()).unwrap_or_default()),
                        ]
                    } else {
                        vec![Cell::Empty, Cell::Empty, Cell::Empty]
                    },
                });
            }
            lines
        },
        |a| vec![Cell::Percent(percent(a[2], a[1]))],
    );
    let label = super::facts::period_label(period).get(lang).to_string();
    let parts = vec![
        Part {
            title: pick(lang, "1. Виконання завдань і заходів Програми", "1. Execution of the tasks and measures"),
            sheet: pick(lang, "Заходи", "Measures"),
            paragraphs: vec![pick(
                lang,
                "Заплановано — за затвердженим планом Програми; затверджено — рішенням про бюджет на рік; виконано — за затвердженими квартальними звітами. Стан, результати й причини — з затверджених річних звітів виконавців. Суми — тис. грн.",
                "Planned: the approved programme plan; approved: the year's budget decision; executed: the approved quarterly reports. State, results and reasons: the executors' approved annual reports. Amounts in thousand UAH.",
            )],
            table: Some(Table { columns: &MEASURE_COLUMNS, rows }),
        },
        Part {
            title: pick(lang, "2. Обсяги фінансування за джерелами", "2. Funding by source"),
            sheet: pick(lang, "Джерела", "Sources"),
            paragraphs: Vec::new(),
            table: Some(Table { columns: &SOURCE_COLUMNS, rows: source_rows(facts, &[year], lang) }),
        },
        pending_part(facts, &state, lang, "3"),
    ];
    Ok(Document {
        lang,
        title: DocumentKind::Annual.title().get(lang).to_string(),
        subtitle: format!(
            "{label} · {} · {}",
            facts.scope_name(lang),
            facts.source_note(lang)
        ),
        header: format!("{} · {label}", facts.structure().passport.name.get(lang)),
        draft: facts.draft_mark(&state, lang),
        basis: facts.basis(&state, lang),
        passport: passport(facts, year, lang),
        parts,
        signature: facts.signature(lang),
        landscape: true,
    })
}
