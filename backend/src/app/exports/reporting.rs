//! The reporting calendar as a file: each organisation's report for a period (or one organisation's every period) with its KATOTTH code, state, due date and compliance.

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::{AppError, AppResult};
use crate::app::reports::calendar::calendar as read_calendar;
use shared::api::reports::{ReportCalendar, ReportQuery};
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
