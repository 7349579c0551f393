//! Reporting as files: the calendar (each organisation's report for a period, or one organisation's every period, with its KATOTTH code, state, due date and compliance) and one report as its page shows it.

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::{AppError, AppResult};
use crate::app::reports::calendar::calendar as read_calendar;
use shared::api::reports::{Report, ReportCalendar, ReportQuery};
use shared::calendar::ReportPeriod;
use shared::{ErrorCode, OrgId};

const CALENDAR: [Column; 9] = [
    Column::new("Період", "Period", CellKind::Text, 3),
    Column::new("Код в Обрії", "Obriy id", CellKind::Number, 2),
    Column::new("КАТОТТГ", "KATOTTH", CellKind::Text, 6),
    Column::new("Організація", "Organisation", CellKind::Text, 10),
    Column::new("Стан звіту", "Report state", CellKind::Text, 5),
    Column::new("Етап", "Stage", CellKind::Text, 5),
    Column::new("Строк подання", "Due", CellKind::Date, 3),
    Column::new("Подано", "Submitted on", CellKind::Date, 3),
    Column::new("Вчасність", "Timeliness", CellKind::Text, 4),
];

/// The calendar the reports page shows for `?period=` or `?org=`.
pub fn calendar(ask: &Ask) -> AppResult<Export> {
    let mut query = ReportQuery::default();
    for (k, v) in crate::app::query::url_pairs(ask.query) {
        match k.as_str() {
            "period" => query.period = Some(v),
            "org" => {
                query.org =
                    Some(OrgId(v.parse().map_err(|_| {
                        AppError::field(ErrorCode::OrgUnknown, "org")
                    })?))
            }
            _ => {}
        }
    }
    let bytes = read_calendar(ask.app, ask.actor, &query)?;
    let cal: ReportCalendar = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::internal(anyhow::anyhow!("calendar: {e}")))?;
    let structure = ask.app.read(|conn| ask.app.structure(conn))?;
    let lang = ask.lang;
    let rows = cal
        .rows
        .iter()
        .map(|r| {
            let code = structure
                .org(r.org.id)
                .and_then(|o| o.code.as_ref())
                .map_or(Cell::Empty, |k| Cell::text(k.to_string()));
            Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(r.period.to_string()),
                    Cell::Code(i64::from(r.org.id.0)),
                    code,
                    Cell::text(r.org.name.get(lang)),
                    Cell::text(r.status.state.label().get(lang)),
                    r.stage
                        .map_or(Cell::Empty, |s| Cell::text(s.label().get(lang))),
                    Cell::Date(r.status.due),
                    r.submitted_on.map_or(Cell::Empty, Cell::Date),
                    Cell::text(r.compliance.label().get(lang)),
                ],
            )
        })
        .collect();
    let mut about = vec![(
        ask.t("Станом на", "As of"),
        crate::app::documents::present::date(cal.today, lang),
    )];
    if let Some(p) = &query.period {
        about.push((ask.t("Період", "Period"), p.clone()));
    }
    if let Some(o) = query.org.and_then(|o| structure.org(o)) {
        about.push((
            ask.t("Організація", "Organisation"),
            o.name.get(lang).to_string(),
        ));
    }
    Ok(Export {
        title: ask.t("Календар звітування", "Reporting calendar"),
        sheet: ask.t("Звітування", "Reporting"),
        about,
        columns: &CALENDAR,
        rows,
    })
}

const REPORT: [Column; 12] = [
    Column::new("Розділ", "Part", CellKind::Text, 3),
    Column::new("Код", "Code", CellKind::Text, 2),
    Column::new("Назва", "Name", CellKind::Text, 14),
    Column::new("Рік", "Year", CellKind::Number, 2),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 5),
    super::dashboard::MONEY[0],
    super::dashboard::MONEY[1],
    Column::new(
        "Витрачено за період, тис. грн",
        "Spent in the period, thousand UAH",
        CellKind::Amount,
        4,
    ),
    Column::new("Очікувано", "Expected", CellKind::Number, 3),
    Column::new("Значення", "Value", CellKind::Number, 3),
    Column::new("Стан", "State", CellKind::Text, 4),
    Column::new("Пояснення", "Explanation", CellKind::Text, 14),
];

/// `?org=&period=`: one report as its page shows it — each measure with its state and what was
/// done, its budget lines with the period's spending, then the indicators with their values.
pub fn report(ask: &Ask) -> AppResult<Export> {
    let (mut org, mut period) = (None, String::new());
    for (k, v) in crate::app::query::url_pairs(ask.query) {
        match k.as_str() {
            "org" => {
                org =
                    Some(OrgId(v.parse().map_err(|_| {
                        AppError::field(ErrorCode::OrgUnknown, "org")
                    })?))
            }
            "period" => period = v,
            _ => {}
        }
    }
    let org = org.ok_or_else(|| AppError::field(ErrorCode::OrgUnknown, "org"))?;
    let period = ReportPeriod::parse(&period).map_err(|code| AppError::field(code, "period"))?;
    let bytes = crate::app::reports::get(ask.app, ask.actor, org, period)?;
    let report: Report = serde_json::from_slice(&bytes)
        .map_err(|e| AppError::internal(anyhow::anyhow!("report: {e}")))?;
    let lang = ask.lang;
    let mut rows = Vec::new();
    let measure = ask.t("Захід", "Measure");
    let line = ask.t("Бюджетний рядок", "Budget line");
    let indicator = ask.t("Показник", "Indicator");
    for m in &report.measures {
        rows.push(Row::new(
            RowStyle::Group(2),
            vec![
                Cell::text(measure.clone()),
                Cell::Code(i64::from(m.measure_id.0)),
                Cell::text(m.name.get(lang)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                m.status
                    .map_or(Cell::Empty, |s| Cell::text(s.label().get(lang))),
                Cell::text(m.narrative.clone()),
            ],
        ));
        for l in &m.lines {
            rows.push(Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(line.clone()),
                    Cell::Code(i64::from(m.measure_id.0)),
                    Cell::text(m.name.get(lang)),
                    Cell::Code(i64::from(l.year.get())),
                    Cell::text(l.source.label().get(lang)),
                    Cell::Amount(l.planned),
                    Cell::Amount(l.approved),
                    Cell::Amount(l.spent),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::text(l.comment.clone()),
                ],
            ));
        }
    }
    for v in &report.values {
        rows.push(Row::new(
            RowStyle::Item,
            vec![
                Cell::text(indicator.clone()),
                Cell::text(v.code.clone()),
                Cell::text(format!(
                    "{}, {}",
                    v.name.get(lang),
                    v.unit.label().get(lang)
                )),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::opt_number(v.expected),
                Cell::opt_number(v.value),
                Cell::text(v.status.label().get(lang)),
                Cell::text(v.comment.clone()),
            ],
        ));
    }
    let stage = report.stage.map_or_else(
        || ask.t("не розпочато", "not started"),
        |s| s.label().get(lang).to_string(),
    );
    Ok(Export {
        title: match lang {
            shared::Lang::Uk => format!(
                "Звіт: {}, {}",
                report.org.name.uk,
                report.period.format(lang)
            ),
            shared::Lang::En => format!(
                "Report: {}, {}",
                report.org.name.get(lang),
                report.period.format(lang)
            ),
        },
        sheet: ask.t("Звіт", "Report"),
        about: vec![
            (
                ask.t("Організація", "Organisation"),
                report.org.name.get(lang).to_string(),
            ),
            (ask.t("Період", "Period"), report.period.format(lang)),
            (ask.t("Етап", "Stage"), stage),
        ],
        columns: &REPORT,
        rows,
    })
}
