//! One organisation's own quarterly or annual report as the document it signs and sends: its measures with the spending per budget line, the indicator values, and the report's way up the chain.

use super::facts::{period_label, Facts};
use super::model::{Cell, CellKind, Column, Document, Part, Row, RowStyle, Table};
use super::present::pick;
use crate::app::error::AppResult;
use crate::app::reports::view;
use crate::db::DbConn;
use shared::api::documents::{DataState, DocumentKind, PendingReport};
use shared::api::reports::ReportStage;
use shared::calendar::ReportPeriod;
use shared::{Amount, ErrorCode, Lang};

pub const MEASURE_COLUMNS: [Column; 10] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Захід", "Measure", CellKind::Text, 9),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 4),
    Column::new(
        "Заплановано на рік, тис. грн",
        "Planned for the year, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Затверджено на рік, тис. грн",
        "Approved for the year, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Виконано раніше, тис. грн",
        "Executed before, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Виконано за період, тис. грн",
        "Executed in the period, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Коментар до суми",
        "Comment on the amount",
        CellKind::Text,
        6,
    ),
    Column::new("Стан виконання", "Status", CellKind::Text, 4),
    Column::new("Стислий опис виконання", "Summary", CellKind::Text, 9),
];

pub const VALUE_COLUMNS: [Column; 8] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Показник", "Indicator", CellKind::Text, 9),
    Column::new("Одиниця", "Unit", CellKind::Text, 2),
    Column::new("Попереднє значення", "Previous value", CellKind::Number, 3),
    Column::new("Очікуване", "Expected", CellKind::Number, 3),
    Column::new("Значення", "Value", CellKind::Number, 3),
    Column::new("Статус", "Status", CellKind::Text, 3),
    Column::new("Коментар", "Comment", CellKind::Text, 8),
];

pub const STEP_COLUMNS: [Column; 4] = [
    Column::new("Дія", "Step", CellKind::Text, 5),
    Column::new("Хто", "By", CellKind::Text, 5),
    Column::new("Коли", "When", CellKind::Date, 3),
    Column::new("Причина", "Reason", CellKind::Text, 8),
];

pub fn build(
    conn: &mut DbConn,
    facts: &Facts,
    period: ReportPeriod,
    lang: Lang,
) -> AppResult<Document> {
    let org = facts.scope.org.as_ref().ok_or(ErrorCode::BadRequest)?;
    let report = view::view(conn, &facts.ctx, facts.actor, org.id, period)?;
    let approved = report.stage == Some(ReportStage::Approved);
    let pending = PendingReport {
        org: report.org.clone(),
        period,
        due: report.status.due,
        stage: report.stage,
    };
    let state = DataState {
        expected: 1,
        approved: u32::from(approved),
        unapproved: if report.stage.is_some() && !approved {
            vec![pending.clone()]
        } else {
            Vec::new()
        },
        missing: if report.stage.is_none() {
            vec![pending]
        } else {
            Vec::new()
        },
        not_due: 0,
    };
    let mut measure_rows = Vec::new();
    let mut totals = [Amount::ZERO; 4];
    for m in &report.measures {
        for (i, line) in m.lines.iter().enumerate() {
            let amounts = [
                line.planned,
                line.approved,
                line.executed_before,
                line.spent,
            ];
            for (t, a) in totals.iter_mut().zip(amounts) {
                *t = *t + a;
            }
            let first = i == 0;
            let mut cells = vec![
                Cell::text(if first {
                    format!("#{} ({})", m.measure_id, m.task_code)
                } else {
                    String::new()
                }),
                Cell::text(if first { m.name.get(lang) } else { "" }),
                Cell::text(line.source.label().get(lang)),
            ];
            cells.extend(amounts.map(Cell::Amount));
            cells.push(Cell::text(&line.comment));
            cells.push(Cell::text(if first {
                m.status
                    .map(|s| s.label().get(lang).to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            }));
            cells.push(Cell::Text(if !first {
                String::new()
            } else if m.reasons.trim().is_empty() {
                m.narrative.clone()
            } else {
                format!(
                    "{}\n{}: {}",
                    m.narrative,
                    pick(lang, "Причини невиконання", "Reasons for non-execution"),
                    m.reasons
                )
            }));
            measure_rows.push(Row::new(RowStyle::Item, cells));
        }
    }
    let mut total = vec![
        Cell::Empty,
        Cell::text(pick(lang, "Усього", "Total")),
        Cell::Empty,
    ];
    total.extend(totals.map(Cell::Amount));
    total.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
    measure_rows.push(Row::new(RowStyle::Total, total));
    let value_rows = report
        .values
        .iter()
        .map(|v| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(&v.code),
                    Cell::text(v.name.get(lang)),
                    Cell::text(v.unit.label().get(lang)),
                    Cell::opt_number(v.previous),
                    Cell::opt_number(v.expected),
                    Cell::opt_number(v.value),
                    Cell::text(v.status.label().get(lang)),
                    Cell::text(&v.comment),
                ],
            )
        })
        .collect();
    let step_rows: Vec<Row> = report
        .steps
        .iter()
        .map(|s| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(s.action.label().get(lang)),
                    Cell::text(&s.by_name),
                    shared::calendar::Date::kyiv_from_unix_ms(s.at).map_or(Cell::Empty, Cell::Date),
                    Cell::text(s.reason.clone().unwrap_or_default()),
                ],
            )
        })
        .collect();
    let label = period_label(period).get(lang).to_string();
    let stage = report
        .stage
        .map_or(pick(lang, "не збережено", "not saved"), |s| {
            s.label().get(lang).to_string()
        });
    let parts = vec![
        Part {
            title: pick(lang, "1. Виконання заходів", "1. Measures"),
            sheet: pick(lang, "Заходи", "Measures"),
            paragraphs: vec![pick(lang, "Суми — тис. грн.", "Amounts in thousand UAH.")],
            table: Some(Table {
                columns: &MEASURE_COLUMNS,
                rows: measure_rows,
            }),
        },
        Part {
            title: pick(lang, "2. Показники", "2. Indicators"),
            sheet: pick(lang, "Показники", "Indicators"),
            paragraphs: Vec::new(),
            table: Some(Table {
                columns: &VALUE_COLUMNS,
                rows: value_rows,
            }),
        },
        Part {
            title: pick(lang, "3. Проходження звіту", "3. The report's way"),
            sheet: pick(lang, "Проходження", "Steps"),
            paragraphs: vec![match lang {
                Lang::Uk => format!(
                    "Стан звіту: {stage}; строк подання — {}.",
                    super::present::date(report.status.due, lang)
                ),
                Lang::En => format!(
                    "The report's state: {stage}; due {}.",
                    super::present::date(report.status.due, lang)
                ),
            }],
            table: (!step_rows.is_empty()).then_some(Table {
                columns: &STEP_COLUMNS,
                rows: step_rows,
            }),
        },
    ];
    let draft = (!approved).then(|| match lang {
        Lang::Uk => format!("ПРОЄКТ: звіт не затверджено ({stage})"),
        Lang::En => format!("DRAFT: the report is not approved ({stage})"),
    });
    Ok(Document {
        lang,
        title: DocumentKind::Report.title().get(lang).to_string(),
        subtitle: format!("{} · {label}", org.name.get(lang)),
        header: format!("{} · {label}", org.name.get(lang)),
        draft,
        basis: facts.basis(&state, lang),
        passport: vec![
            (
                pick(lang, "Виконавець", "Executor"),
                org.name.get(lang).to_string(),
            ),
            (
                pick(lang, "Код за КАТОТТГ", "KATOTTH code"),
                org.code
                    .as_ref()
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                pick(lang, "Програма", "Programme"),
                facts.structure().passport.name.get(lang).to_string(),
            ),
            (pick(lang, "Звітний період", "Period"), label.clone()),
        ],
        parts,
        signature: facts.signature(lang),
        landscape: true,
    })
}
