//! A measure's budget lines as a file: year × source with planned, approved and executed amounts, as the measure page shows them.

use super::dashboard::MONEY;
use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::{AppError, AppResult};
use crate::app::plan::execution;
use shared::execution::percent;
use shared::{ErrorCode, Lang, MeasureId};

const LINES: [Column; 8] = [
    Column::new("Код заходу", "Measure code", CellKind::Number, 2),
    Column::new("Рік", "Year", CellKind::Number, 2),
    Column::new("Джерело фінансування", "Funding source", CellKind::Text, 6),
    MONEY[0],
    MONEY[1],
    MONEY[2],
    MONEY[4],
    Column::new(
        "Виконано до запланованого",
        "Executed of planned",
        CellKind::Percent,
        3,
    ),
];

/// `?id=`: the measure's lines.
pub fn budget_lines(ask: &Ask) -> AppResult<Export> {
    let id = crate::app::query::url_pairs(ask.query)
        .into_iter()
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.parse().ok())
        .map(MeasureId)
        .ok_or_else(|| AppError::field(ErrorCode::BadRequest, "id"))?;
    let ex = execution::get(ask.app, ask.actor, id)?;
    let snapshot = ask.app.current_plan()?;
    let name = snapshot
        .measures
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.get(ask.lang).to_string())
        .unwrap_or_default();
    let code = Cell::Code(i64::from(id.0));
    let mut rows: Vec<Row> = ex
        .cells
        .iter()
        .map(|c| {
            let e = &c.execution;
            Row::new(
                RowStyle::Item,
                vec![
                    code.clone(),
                    Cell::Code(i64::from(c.year.get())),
                    Cell::text(c.source.label().get(ask.lang)),
                    Cell::Amount(e.planned),
                    Cell::Amount(e.approved),
                    Cell::Amount(e.executed),
                    Cell::Percent(percent(e.executed, e.approved)),
                    Cell::Percent(percent(e.executed, e.planned)),
                ],
            )
        })
        .collect();
    let t = &ex.total;
    rows.push(Row::new(
        RowStyle::Total,
        vec![
            code,
            Cell::Empty,
            Cell::text(ask.t("Усього", "Total")),
            Cell::Amount(t.planned),
            Cell::Amount(t.approved),
            Cell::Amount(t.executed),
            Cell::Percent(percent(t.executed, t.approved)),
            Cell::Percent(percent(t.executed, t.planned)),
        ],
    ));
    Ok(Export {
        title: match ask.lang {
            Lang::Uk => format!("Захід № {}: бюджетні рядки", id.0),
            Lang::En => format!("Measure no. {}: budget lines", id.0),
        },
        sheet: ask.t("Бюджет заходу", "Budget lines"),
        about: vec![(ask.t("Захід", "Measure"), name)],
        columns: &LINES,
        rows,
    })
}
