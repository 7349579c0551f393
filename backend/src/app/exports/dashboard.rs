//! The dashboard's tables as files, for the level, quarter and source the page shows: execution by year and direction, the indicators with targets and actuals, and the districts or communities with their figures.

use super::{Ask, Export};
use crate::app::dashboard::dashboard as read_dashboard;
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::{AppError, AppResult};
use shared::api::dashboard::{Dashboard, DashboardQuery};
use shared::execution::{percent, Execution};
use shared::ErrorCode;

fn board(ask: &Ask) -> AppResult<Dashboard> {
    let mut query = DashboardQuery::default();
    for (k, v) in crate::app::query::url_pairs(ask.query) {
        match k.as_str() {
            "level" => query.level = Some(v),
            "id" => {
                query.id = Some(
                    v.parse()
                        .map_err(|_| AppError::field(ErrorCode::BadRequest, "id"))?,
                )
            }
            "quarter" => query.quarter = Some(v),
            "source" => query.source = Some(v),
            _ => {}
        }
    }
    let bytes = read_dashboard(ask.app, ask.actor, &query)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| AppError::internal(anyhow::anyhow!("dashboard: {e}")))
}

/// Where the dashboard stands: its level's name, the quarter and the source.
fn about(ask: &Ask, d: &Dashboard) -> Vec<(String, String)> {
    vec![
        (ask.t("Рівень", "Level"), d.name.get(ask.lang).to_string()),
        (ask.t("Квартал", "Quarter"), d.quarter.to_string()),
        (
            ask.t("Джерело", "Source"),
            d.source.map_or(ask.t("усі джерела", "all sources"), |s| {
                s.label().get(ask.lang).to_string()
            }),
        ),
    ]
}

fn money(e: &Execution) -> [Cell; 5] {
    [
        Cell::Amount(e.planned),
        Cell::Amount(e.approved),
        Cell::Amount(e.executed),
        Cell::Percent(percent(e.approved, e.planned)),
        Cell::Percent(percent(e.executed, e.approved)),
    ]
}

/// The money columns every table of the dashboard shares, in [`money`]'s order.
pub(super) const MONEY: [Column; 5] = [
    Column::new(
        "Заплановано, тис. грн",
        "Planned, thousand UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Затверджено, тис. грн",
        "Approved, thousand UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Виконано, тис. грн",
        "Executed, thousand UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Затверджено до запланованого",
        "Approved of planned",
        CellKind::Percent,
        3,
    ),
    Column::new(
        "Виконано до затвердженого",
        "Executed of approved",
        CellKind::Percent,
        3,
    ),
];

const EXECUTION: [Column; 8] = [
    Column::new("Рік", "Year", CellKind::Number, 2),
    Column::new("№ напряму", "Direction no.", CellKind::Number, 2),
    Column::new("Напрям", "Direction", CellKind::Text, 12),
    MONEY[0],
    MONEY[1],
    MONEY[2],
    MONEY[3],
    MONEY[4],
];

pub fn execution(ask: &Ask) -> AppResult<Export> {
    let d = board(ask)?;
    let lang = ask.lang;
    let rows = d
        .execution
        .iter()
        .map(|r| {
            let direction = r
                .direction
                .and_then(|id| d.directions.iter().find(|x| x.id == id));
            let mut cells = vec![
                Cell::Code(i64::from(r.year.get())),
                direction.map_or(Cell::Empty, |x| Cell::Code(i64::from(x.number))),
                Cell::text(
                    direction.map_or(ask.t("Усі напрями", "All directions"), |x| {
                        x.name.get(lang).to_string()
                    }),
                ),
            ];
            cells.extend(money(&r.execution));
            let style = if r.direction.is_none() {
                RowStyle::Group(1)
            } else {
                RowStyle::Item
            };
            Row::new(style, cells)
        })
        .collect();
    Ok(Export {
        title: ask.t("Виконання бюджету", "Budget execution"),
        sheet: ask.t("Виконання", "Execution"),
        about: about(ask, &d),
        columns: &EXECUTION,
        rows,
    })
}

const INDICATORS: [Column; 10] = [
    Column::new("Код показника", "Indicator code", CellKind::Text, 2),
    Column::new("Показник", "Indicator", CellKind::Text, 14),
    Column::new("Одиниця", "Unit", CellKind::Text, 3),
    Column::new("Ціль на рік", "Target for the year", CellKind::Number, 3),
    Column::new(
        "Очікувано на квартал",
        "Expected by the quarter",
        CellKind::Number,
        3,
    ),
    Column::new("Фактично", "Actual", CellKind::Number, 3),
    Column::new("Станом на", "As of", CellKind::Text, 2),
    Column::new("Досягнення", "Achievement", CellKind::Percent, 3),
    Column::new("Стан", "Status", CellKind::Text, 4),
    Column::new("Звітували", "Reported", CellKind::Text, 2),
];

pub fn indicators(ask: &Ask) -> AppResult<Export> {
    let d = board(ask)?;
    let lang = ask.lang;
    let rows = d
        .indicators
        .iter()
        .map(|i| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(i.code.clone()),
                    Cell::text(i.name.get(lang)),
                    Cell::text(i.unit.label().get(lang)),
                    Cell::opt_number(i.target),
                    Cell::opt_number(i.expected),
                    Cell::opt_number(i.actual.as_ref().map(|a| a.value)),
                    i.actual
                        .as_ref()
                        .map_or(Cell::Empty, |a| Cell::text(a.as_of.to_string())),
                    i.achievement
                        .map_or(Cell::Empty, |a| Cell::Percent(Some(a))),
                    Cell::text(i.status.label().get(lang)),
                    Cell::text(format!("{} / {}", i.reported, i.reporters)),
                ],
            )
        })
        .collect();
    Ok(Export {
        title: ask.t("Показники результативності", "Performance indicators"),
        sheet: ask.t("Показники", "Indicators"),
        about: about(ask, &d),
        columns: &INDICATORS,
        rows,
    })
}

const AREAS: [Column; 10] = [
    Column::new("Код в Обрії", "Obriy id", CellKind::Number, 2),
    Column::new("КАТОТТГ", "KATOTTH", CellKind::Text, 6),
    Column::new("Назва", "Name", CellKind::Text, 10),
    MONEY[0],
    MONEY[1],
    MONEY[2],
    MONEY[3],
    MONEY[4],
    Column::new("Звітів вчасно", "Reports on time", CellKind::Number, 2),
    Column::new("Звітів бракує", "Reports missing", CellKind::Number, 2),
];

pub fn areas(ask: &Ask) -> AppResult<Export> {
    let d = board(ask)?;
    let lang = ask.lang;
    let rows = d
        .children
        .iter()
        .map(|c| {
            let mut cells = vec![
                Cell::Code(i64::from(c.id)),
                c.code.clone().map_or(Cell::Empty, Cell::Text),
                Cell::text(c.name.get(lang)),
            ];
            cells.extend(money(&c.execution));
            cells.push(Cell::Code(i64::from(c.compliance.on_time)));
            cells.push(Cell::Code(i64::from(c.compliance.missing)));
            Row::new(RowStyle::Item, cells)
        })
        .collect();
    Ok(Export {
        title: ask.t(
            "Райони, громади, заходи",
            "Districts, communities, measures",
        ),
        sheet: ask.t("Перелік", "List"),
        about: about(ask, &d),
        columns: &AREAS,
        rows,
    })
}

const COMPLIANCE: [Column; 6] = [
    Column::new("Період", "Period", CellKind::Text, 3),
    Column::new("Строк подання", "Due", CellKind::Date, 3),
    Column::new("Вчасно", "On time", CellKind::Number, 2),
    Column::new("Із запізненням", "Late", CellKind::Number, 2),
    Column::new("Не подано", "Missing", CellKind::Number, 2),
    Column::new("Строк не настав", "Not due yet", CellKind::Number, 2),
];

/// Reporting compliance by period, as the dashboard counts it.
pub fn compliance(ask: &Ask) -> AppResult<Export> {
    let d = board(ask)?;
    let counts = |c: &shared::api::dashboard::ComplianceCounts| {
        [c.on_time, c.late, c.missing, c.not_due].map(|n| Cell::Code(i64::from(n)))
    };
    let mut rows: Vec<Row> = d
        .compliance
        .iter()
        .map(|p| {
            let mut cells = vec![Cell::text(p.period.to_string()), Cell::Date(p.due)];
            cells.extend(counts(&p.counts));
            Row::new(RowStyle::Item, cells)
        })
        .collect();
    let mut total = vec![Cell::text(ask.t("Усього", "Total")), Cell::Empty];
    total.extend(counts(&d.compliance_total));
    rows.push(Row::new(RowStyle::Total, total));
    Ok(Export {
        title: ask.t("Дотримання строків звітування", "Reporting compliance"),
        sheet: ask.t("Звітування", "Compliance"),
        about: about(ask, &d),
        columns: &COMPLIANCE,
        rows,
    })
}

const TROUBLES: [Column; 5] = [
    Column::new("Що не так", "What is wrong", CellKind::Text, 5),
    Column::new(
        "Захід, показник чи звіт",
        "Measure, indicator or report",
        CellKind::Text,
        12,
    ),
    Column::new("У цифрах", "In figures", CellKind::Text, 8),
    Column::new("Відповідальний", "Responsible", CellKind::Text, 8),
    Column::new("Період", "Period", CellKind::Text, 3),
];

/// What is off track and who is responsible (the dashboard's list, at most its cap).
pub fn troubles(ask: &Ask) -> AppResult<Export> {
    let d = board(ask)?;
    let lang = ask.lang;
    let rows = d
        .troubles
        .iter()
        .map(|t| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(t.kind.label().get(lang)),
                    Cell::text(t.name.get(lang)),
                    Cell::text(t.detail.get(lang)),
                    t.responsible_name
                        .as_ref()
                        .map_or(Cell::Empty, |n| Cell::text(n.get(lang))),
                    t.period.map_or(Cell::Empty, |p| Cell::text(p.to_string())),
                ],
            )
        })
        .collect();
    let mut about = about(ask, &d);
    about.push((
        ask.t("Усього проблем", "Troubles in all"),
        d.troubles_total.to_string(),
    ));
    Ok(Export {
        title: ask.t(
            "Що відстає і хто відповідає",
            "What is off track and who is responsible",
        ),
        sheet: ask.t("Проблеми", "Troubles"),
        about,
        columns: &TROUBLES,
        rows,
    })
}
