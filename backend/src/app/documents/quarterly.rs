//! The department's consolidated quarterly report: measures by direction and task with the year's plan, the approved amounts and the spending in the quarter and since January; the indicators against the pro-rated targets; who has not reported.

use super::facts::{period_label, Facts};
use super::model::{Cell, CellKind, Column, Document, Part, Row, RowStyle, Table};
use super::present::pick;
use super::tree::{self, Line};
use crate::app::error::AppResult;
use crate::app::reports::view;
use crate::db::{self, DbConn};
use shared::api::reports::{ReportMeasure, ReportStage};
use shared::calendar::ReportPeriod;
use shared::execution::percent;
use shared::{Amount, Lang, MeasureId, OrgId};
use std::collections::HashMap;

/// The measures' table: the column set of this document, in one place.
pub const MEASURE_COLUMNS: [Column; 12] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Завдання, захід", "Task, measure", CellKind::Text, 10),
    Column::new("Виконавець", "Executor", CellKind::Text, 6),
    Column::new("Строк", "Term", CellKind::Text, 3),
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
        "Виконано за квартал, тис. грн",
        "Executed in the quarter, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new(
        "Виконано з початку року, тис. грн",
        "Executed since January, k UAH",
        CellKind::Amount,
        4,
    ),
    Column::new("% від затвердженого", "% of approved", CellKind::Percent, 3),
    Column::new("Стан виконання", "Status", CellKind::Text, 4),
    Column::new("Стислий опис виконання", "Summary", CellKind::Text, 10),
];

/// The indicators' table.
pub const INDICATOR_COLUMNS: [Column; 8] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Показник", "Indicator", CellKind::Text, 10),
    Column::new("Одиниця", "Unit", CellKind::Text, 3),
    Column::new("Ціль на рік", "Target for the year", CellKind::Number, 3),
    Column::new(
        "Очікуване на кінець кварталу",
        "Expected by the quarter's end",
        CellKind::Number,
        4,
    ),
    Column::new("Фактично", "Actual", CellKind::Number, 3),
    Column::new("% досягнення", "% achieved", CellKind::Percent, 3),
    Column::new("Статус", "Status", CellKind::Text, 4),
];

/// The reports not (yet) in: who, which period, due when, where it stands.
pub const PENDING_COLUMNS: [Column; 4] = [
    Column::new("Виконавець", "Executor", CellKind::Text, 10),
    Column::new("Період", "Period", CellKind::Text, 4),
    Column::new("Строк подання", "Due", CellKind::Date, 3),
    Column::new("Стан звіту", "Report's state", CellKind::Text, 5),
];

/// What one organisation's report of the quarter says about its measures, when approved.
struct Spent {
    approved: bool,
    measures: HashMap<MeasureId, ReportMeasure>,
}

pub fn build(
    conn: &mut DbConn,
    facts: &Facts,
    period: ReportPeriod,
    lang: Lang,
) -> AppResult<Document> {
    let ReportPeriod::Quarter(q) = period else {
        return Err(shared::ErrorCode::QuarterInvalid.into());
    };
    let year = q.year;
    let state = facts.data_state(super::DocumentKind::Quarterly, period)?;
    let measures = facts.measures(&[year]);
    let stages: HashMap<i32, (i32, String)> =
        db::reports::list(conn, Some(&period.to_string()), None)?
            .into_iter()
            .map(|r| (r.org_id, (r.id, r.stage)))
            .collect();
    let mut by_org: HashMap<OrgId, Spent> = HashMap::new();
    for m in &measures {
        if by_org.contains_key(&m.org_id) {
            continue;
        }
        let saved = stages.get(&m.org_id.0);
        let content = view::content(conn, &facts.ctx, m.org_id, period, saved.map(|(id, _)| *id))?;
        by_org.insert(
            m.org_id,
            Spent {
                approved: saved.is_some_and(|(_, s)| s == ReportStage::Approved.as_str()),
                measures: content
                    .measures
                    .into_iter()
                    .map(|r| (r.measure_id, r))
                    .collect(),
            },
        );
    }
    let sources = facts.sources();
    let rows = tree::rows(
        facts,
        &measures,
        lang,
        tree::Shape {
            lead: 5,
            amounts: 4,
            tail: 2,
        },
        |m| {
            let spent = by_org.get(&m.org_id);
            let report = spent.and_then(|s| s.measures.get(&m.id));
            let approved = spent.is_some_and(|s| s.approved);
            let mut lines = Vec::new();
            for source in &sources {
                let e = facts.execution(m, year, *source);
                let line = report.and_then(|r| r.lines.iter().find(|l| l.source == *source));
                let (in_quarter, before) = match line {
                    Some(l) => (
                        if approved { l.spent } else { Amount::ZERO },
                        l.executed_before,
                    ),
                    None => (Amount::ZERO, Amount::ZERO),
                };
                if e.is_empty() && in_quarter.is_zero() && before.is_zero() {
                    continue;
                }
                let first = lines.is_empty();
                lines.push(Line {
                    lead: {
                        let mut cells = tree::measure_cells(facts, m, lang, first);
                        cells.push(Cell::Text(if first {
                            format!("{}–{}", m.start_year, m.end_year)
                        } else {
                            String::new()
                        }));
                        cells.push(Cell::text(source.label().get(lang)));
                        cells
                    },
                    amounts: vec![e.planned, e.approved, in_quarter, before + in_quarter],
                    tail: if first && approved {
                        vec![
                            Cell::text(
                                report
                                    .and_then(|r| r.status)
                                    .map(|s| s.label().get(lang).to_string())
                                    .unwrap_or_default(),
                            ),
                            Cell::text(report.map(|r| r.narrative.clone()).unwrap_or_default()),
                        ]
                    } else {
                        vec![Cell::Empty, Cell::Empty]
                    },
                });
            }
            lines
        },
        |a| vec![Cell::Percent(percent(a[3], a[1]))],
    );
    let dashboard = facts.dashboard(q)?;
    let indicators: Vec<Row> = dashboard
        .indicators
        .iter()
        .map(|t| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(&t.code),
                    Cell::text(t.name.get(lang)),
                    Cell::text(t.unit.label().get(lang)),
                    Cell::opt_number(t.target),
                    Cell::opt_number(t.expected),
                    Cell::opt_number(t.actual.as_ref().map(|a| a.value)),
                    Cell::Percent(t.achievement),
                    Cell::text(t.status.label().get(lang)),
                ],
            )
        })
        .collect();
    let label = period_label(period).get(lang).to_string();
    let mut parts = vec![
        Part {
            title: pick(lang, "1. Виконання заходів Програми", "1. Execution of the measures"),
            sheet: pick(lang, "Заходи", "Measures"),
            paragraphs: vec![pick(
                lang,
                "Суми — тис. грн. Виконано — за затвердженими департаментом звітами виконавців; «з початку року» — разом із цим кварталом. Відсоток — виконано з початку року від затвердженого на рік.",
                "Amounts in thousand UAH. Executed: by the executors' reports approved by the department; \"since January\" includes this quarter. The percentage is executed since January of the amount approved for the year.",
            )],
            table: Some(Table { columns: &MEASURE_COLUMNS, rows }),
        },
        Part {
            title: pick(lang, "2. Показники виконання Програми", "2. Performance indicators"),
            sheet: pick(lang, "Показники", "Indicators"),
            paragraphs: vec![pick(
                lang,
                "Очікуване значення — ціль року, пропорційно приведена до кінця кварталу; фактичне — за затвердженими звітами.",
                "Expected: the year's target pro-rated to the quarter's end; actual: by the approved reports.",
            )],
            table: Some(Table { columns: &INDICATOR_COLUMNS, rows: indicators }),
        },
    ];
    parts.push(pending_part(facts, &state, lang, "3"));
    Ok(Document {
        lang,
        title: super::DocumentKind::Quarterly.title().get(lang).to_string(),
        subtitle: format!(
            "{label} · {} · {}",
            facts.scope_name(lang),
            facts.source_note(lang)
        ),
        header: format!("{} · {label}", facts.structure().passport.name.get(lang)),
        draft: facts.draft_mark(&state, lang),
        basis: facts.basis(&state, lang),
        passport: Vec::new(),
        parts,
        signature: facts.signature(lang),
        landscape: true,
    })
}

/// The closing part: the reports missing or not yet approved, named with their due dates.
pub fn pending_part(
    facts: &Facts,
    state: &shared::api::documents::DataState,
    lang: Lang,
    number: &str,
) -> Part {
    let rows = facts.pending_rows(state, lang);
    let paragraphs = if rows.is_empty() {
        vec![pick(
            lang,
            "Усі звіти подано й затверджено.",
            "Every report is in and approved.",
        )]
    } else {
        vec![match lang {
            Lang::Uk => format!(
                "Не подали звіт: {}; подали, але звіт ще не затверджено: {}.",
                state.missing.len(),
                state.unapproved.len()
            ),
            Lang::En => format!(
                "Not submitted: {}; submitted but not yet approved: {}.",
                state.missing.len(),
                state.unapproved.len()
            ),
        }]
    };
    Part {
        title: format!(
            "{number}. {}",
            pick(lang, "Стан звітування виконавців", "The executors' reports")
        ),
        sheet: pick(lang, "Звітування", "Reporting"),
        paragraphs,
        table: (!rows.is_empty()).then_some(Table {
            columns: &PENDING_COLUMNS,
            rows,
        }),
    }
}
