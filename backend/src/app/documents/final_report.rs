//! The final report of the cycle, in the shape of the 2023–2025 one: planned, approved and executed per year and in all with the two ratios, a section per direction with its measures' amounts per year, the indicators at the end of the cycle.

use super::facts::Facts;
use super::model::{Cell, CellKind, Column, Document, Part, Row, RowStyle, Table};
use super::present::{self, pick};
use super::quarterly::pending_part;
use super::tree::{self, Line};
use crate::app::error::AppResult;
use rust_decimal::Decimal;
use shared::api::documents::DocumentKind;
use shared::calendar::ReportPeriod;
use shared::execution::{percent, Execution};
use shared::{Amount, Lang, Quarter, Year};
use std::collections::BTreeMap;

pub const YEAR_COLUMNS: [Column; 6] = [
    Column::new("Рік", "Year", CellKind::Text, 4),
    Column::new(
        "Заплановано Програмою, тис. грн",
        "Planned by the programme, k UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Затверджено в бюджеті, тис. грн",
        "Approved in the budget, k UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "Фактично освоєно, тис. грн",
        "Executed, k UAH",
        CellKind::Amount,
        5,
    ),
    Column::new(
        "% затверджено від запланованого",
        "% approved of planned",
        CellKind::Percent,
        4,
    ),
    Column::new(
        "% освоєно від затвердженого",
        "% executed of approved",
        CellKind::Percent,
        4,
    ),
];

pub const MEASURE_COLUMNS: [Column; 9] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Захід", "Measure", CellKind::Text, 10),
    Column::new("Виконавець", "Executor", CellKind::Text, 6),
    Column::new("Рік", "Year", CellKind::Text, 2),
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
    Column::new("Освоєно, тис. грн", "Executed, k UAH", CellKind::Amount, 4),
    Column::new(
        "% затв. від запл.",
        "% approved of planned",
        CellKind::Percent,
        3,
    ),
    Column::new(
        "% осв. від затв.",
        "% executed of approved",
        CellKind::Percent,
        3,
    ),
];

pub const INDICATOR_COLUMNS: [Column; 8] = [
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Показник", "Indicator", CellKind::Text, 10),
    Column::new("Одиниця", "Unit", CellKind::Text, 2),
    Column::new("Базове значення", "Baseline", CellKind::Number, 3),
    Column::new(
        "Ціль на кінець циклу",
        "Target at the cycle's end",
        CellKind::Number,
        3,
    ),
    Column::new("Фактично", "Actual", CellKind::Number, 3),
    Column::new("% досягнення", "% achieved", CellKind::Percent, 3),
    Column::new("Статус", "Status", CellKind::Text, 3),
];

const ROMAN: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

fn year_row(style: RowStyle, label: String, e: &Execution) -> Row {
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

/// `130 350,0 тис. грн` in the running text.
fn money(a: Amount, lang: Lang) -> String {
    format!(
        "{} {}",
        present::amount(a, lang),
        pick(lang, "тис. грн", "thousand UAH")
    )
}

/// "… у сумі X, у тому числі за роками: на 2026 рік – …" for one layer.
fn by_years(
    lang: Lang,
    years: &BTreeMap<Year, Execution>,
    layer: impl Fn(&Execution) -> Amount,
) -> String {
    years
        .iter()
        .map(|(y, e)| match lang {
            Lang::Uk => format!("на {y} рік – {}", money(layer(e), lang)),
            Lang::En => format!("{y}: {}", money(layer(e), lang)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn build(facts: &Facts, lang: Lang) -> AppResult<Document> {
    let last = ReportPeriod::Annual { year: Year::LAST };
    let state = facts.data_state(DocumentKind::Final, last)?;
    let all_years: Vec<Year> = Year::all().collect();
    let measures = facts.measures(&all_years);
    let mut per_year: BTreeMap<Year, Execution> = all_years
        .iter()
        .map(|y| (*y, Execution::default()))
        .collect();
    for m in &measures {
        for y in &all_years {
            if let Some(e) = per_year.get_mut(y) {
                *e += facts.year_execution(m, *y);
            }
        }
    }
    let total: Execution = per_year.values().copied().sum();
    let cycle = format!("{}–{}", Year::FIRST, Year::LAST);
    let mut year_rows: Vec<Row> = per_year
        .iter()
        .map(|(y, e)| year_row(RowStyle::Item, y.to_string(), e))
        .collect();
    year_rows.push(year_row(
        RowStyle::Total,
        pick(lang, "Усього", "Total"),
        &total,
    ));
    let ratio = |p: Option<Decimal>| p.map_or("—".to_string(), |p| present::percent(p, lang));
    let summary = match lang {
        Lang::Uk => vec![
            format!(
                "За Програмою усього було заплановано фінансування у сумі {}, у тому числі за роками: {}.",
                money(total.planned, lang),
                by_years(lang, &per_year, |e| e.planned)
            ),
            format!(
                "Відповідно до рішень про бюджет затверджено обсяги видатків у сумі {}, у тому числі за роками: {}.",
                money(total.approved, lang),
                by_years(lang, &per_year, |e| e.approved)
            ),
            format!(
                "Загальний відсоток затвердженого обсягу видатків від запланованого Програмою – {}.",
                ratio(total.approved_percent())
            ),
            format!(
                "Фактично освоєно за {cycle} роки {}, у тому числі за роками: {}.",
                money(total.executed, lang),
                by_years(lang, &per_year, |e| e.executed)
            ),
            format!(
                "Загальний відсоток освоєння коштів від затвердженого обсягу фінансування у {cycle} роках склав {}.",
                ratio(total.executed_percent())
            ),
        ],
        Lang::En => vec![
            format!(
                "The programme planned {} in all; by year: {}.",
                money(total.planned, lang),
                by_years(lang, &per_year, |e| e.planned)
            ),
            format!(
                "The budget decisions approved {}; by year: {}.",
                money(total.approved, lang),
                by_years(lang, &per_year, |e| e.approved)
            ),
            format!("Approved of planned: {}.", ratio(total.approved_percent())),
            format!(
                "Executed in {cycle}: {}; by year: {}.",
                money(total.executed, lang),
                by_years(lang, &per_year, |e| e.executed)
            ),
            format!("Executed of approved in {cycle}: {}.", ratio(total.executed_percent())),
        ],
    };
    let mut parts = vec![Part {
        title: pick(
            lang,
            "Фінансування заходів Програми",
            "Funding of the programme's measures",
        ),
        sheet: pick(lang, "Фінансування", "Funding"),
        paragraphs: summary,
        table: Some(Table {
            columns: &YEAR_COLUMNS,
            rows: year_rows,
        }),
    }];
    let s = facts.structure();
    for (i, direction) in s.directions.iter().enumerate() {
        let in_direction: Vec<_> = measures
            .iter()
            .copied()
            .filter(|m| {
                s.task(m.task_id)
                    .is_some_and(|t| t.direction_id == direction.id)
            })
            .collect();
        let dir_total: Execution = in_direction
            .iter()
            .flat_map(|m| all_years.iter().map(move |y| facts.year_execution(m, *y)))
            .sum();
        let rows = tree::rows(
            facts,
            &in_direction,
            lang,
            tree::Shape {
                lead: 4,
                amounts: 3,
                tail: 0,
            },
            |m| {
                all_years
                    .iter()
                    .enumerate()
                    .filter_map(|(k, y)| {
                        let e = facts.year_execution(m, *y);
                        (!e.is_empty()).then(|| Line {
                            lead: vec![
                                Cell::text(if k == 0 {
                                    format!("#{}", m.id)
                                } else {
                                    String::new()
                                }),
                                Cell::text(m.name.get(lang)),
                                Cell::text(facts.org_name(m.org_id, lang)),
                                Cell::text(y.to_string()),
                            ],
                            amounts: vec![e.planned, e.approved, e.executed],
                            tail: Vec::new(),
                        })
                    })
                    .collect()
            },
            |a| {
                vec![
                    Cell::Percent(percent(a[1], a[0])),
                    Cell::Percent(percent(a[2], a[1])),
                ]
            },
        );
        let roman = ROMAN.get(i).copied().unwrap_or("");
        parts.push(Part {
            title: format!("{roman}. {}", direction.name.get(lang)),
            sheet: format!("{} {}", pick(lang, "Напрям", "Direction"), direction.number),
            paragraphs: vec![match lang {
                Lang::Uk => format!(
                    "За напрямом у {cycle} роках заплановано {}, затверджено {}, освоєно {} ({} від затвердженого).",
                    money(dir_total.planned, lang),
                    money(dir_total.approved, lang),
                    money(dir_total.executed, lang),
                    ratio(dir_total.executed_percent())
                ),
                Lang::En => format!(
                    "In {cycle} the direction planned {}, approved {}, executed {} ({} of approved).",
                    money(dir_total.planned, lang),
                    money(dir_total.approved, lang),
                    money(dir_total.executed, lang),
                    ratio(dir_total.executed_percent())
                ),
            }],
            table: (!in_direction.is_empty()).then_some(Table { columns: &MEASURE_COLUMNS, rows }),
        });
    }
    let dashboard = facts.dashboard(Quarter {
        year: Year::LAST,
        quarter: 4,
    })?;
    let baselines: BTreeMap<i32, Decimal> = facts
        .ctx
        .defs
        .iter()
        .map(|d| (d.indicator.id.0, d.indicator.baseline.value))
        .collect();
    let indicator_rows = dashboard
        .indicators
        .iter()
        .map(|t| {
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(&t.code),
                    Cell::text(t.name.get(lang)),
                    Cell::text(t.unit.label().get(lang)),
                    Cell::opt_number(baselines.get(&t.indicator_id.0).copied()),
                    Cell::opt_number(t.target),
                    Cell::opt_number(t.actual.as_ref().map(|a| a.value)),
                    Cell::Percent(t.achievement),
                    Cell::text(t.status.label().get(lang)),
                ],
            )
        })
        .collect();
    parts.push(Part {
        title: pick(
            lang,
            "Показники на кінець циклу Програми",
            "Indicators at the end of the cycle",
        ),
        sheet: pick(lang, "Показники", "Indicators"),
        paragraphs: Vec::new(),
        table: Some(Table {
            columns: &INDICATOR_COLUMNS,
            rows: indicator_rows,
        }),
    });
    parts.push(pending_part(
        facts,
        &state,
        lang,
        &(parts.len() + 1).to_string(),
    ));
    Ok(Document {
        lang,
        title: DocumentKind::Final.title().get(lang).to_string(),
        subtitle: format!(
            "{} · {cycle} · {} · {}",
            s.passport.name.get(lang),
            facts.scope_name(lang),
            facts.source_note(lang)
        ),
        header: format!("{} · {cycle}", s.passport.name.get(lang)),
        draft: facts.draft_mark(&state, lang),
        basis: facts.basis(&state, lang),
        passport: Vec::new(),
        parts,
        signature: facts.signature(lang),
        landscape: true,
    })
}
