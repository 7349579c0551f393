//! Indicator targets as a file — the programme's target per year, then each reporter's own (empty where the programme's applies) — in the targets import's own columns, so the department fills it in Excel and uploads it back.

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::AppResult;
use crate::app::imports::targets::COLUMNS as TARGET_COLUMNS;
use crate::app::reports::reports_indicator;
use shared::Year;

/// The export's columns: the import's headings ([`TARGET_COLUMNS`]), in its order.
const TARGETS: [Column; 10] = [
    col(0, CellKind::Text, 3),
    col(1, CellKind::Text, 14),
    col(2, CellKind::Text, 4),
    col(3, CellKind::Number, 3),
    col(4, CellKind::Text, 6),
    col(5, CellKind::Text, 10),
    col(6, CellKind::Number, 2),
    col(7, CellKind::Number, 3),
    col(8, CellKind::Number, 4),
    col(9, CellKind::Number, 3),
];

const fn col(i: usize, kind: CellKind, width: u8) -> Column {
    super::heading(TARGET_COLUMNS[i], kind, width)
}

/// Every indicator's targets by year: a programme row, then a row per organisation that
/// reports it.
pub fn targets(ask: &Ask) -> AppResult<Export> {
    let (entries, structure) = ask.app.read(|conn| {
        let structure = ask.app.structure(conn)?;
        Ok((crate::app::indicators::all(conn)?, structure))
    })?;
    let lang = ask.lang;
    let mut rows = Vec::new();
    for e in &entries {
        let ind = &e.indicator;
        let lead = || {
            vec![
                Cell::text(e.code.clone()),
                Cell::text(ind.name.get(lang)),
                Cell::text(ind.unit.label().get(lang)),
            ]
        };
        for year in Year::all() {
            let mut cells = lead();
            cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
            cells.push(Cell::Code(i64::from(year.get())));
            cells.push(Cell::opt_number(ind.target(year)));
            cells.push(Cell::opt_number(ind.target(year)));
            cells.push(Cell::opt_number(ind.target(year)));
            rows.push(Row::new(RowStyle::Group(2), cells));
        }
        for org in structure.orgs.iter().filter(|o| reports_indicator(ind, o)) {
            for year in Year::all() {
                let mut cells = lead();
                cells.push(Cell::Code(i64::from(org.id.0)));
                cells.push(
                    org.code
                        .as_ref()
                        .map_or(Cell::Empty, |k| Cell::text(k.to_string())),
                );
                cells.push(Cell::text(org.name.get(lang)));
                cells.push(Cell::Code(i64::from(year.get())));
                cells.push(Cell::opt_number(ind.target(year)));
                let own = ind.org_target(org.id, year);
                cells.push(Cell::opt_number(own));
                cells.push(Cell::opt_number(own));
                rows.push(Row::new(RowStyle::Item, cells));
            }
        }
    }
    Ok(Export {
        title: ask.t("Цілі показників", "Indicator targets"),
        sheet: ask.t("Цілі", "Targets"),
        about: vec![(
            ask.t("Як заповнювати", "How to fill it in"),
            ask.t(
                "Рядок без організації — ціль програми на рік; рядок з організацією — її власна ціль. Порожня «Ціль» організації означає, що діє ціль програми. «Ціль при вивантаженні» — як було, коли файл зроблено: не змінюйте її. Змінюйте лише стовпець «Ціль» і завантажте файл в Обрії: «Імпорт з Excel» → «Цілі показників».",
                "A row without an organisation is the programme's target for the year; a row with one is that organisation's own. An organisation's empty \"Target\" means the programme's applies. \"Target when exported\" is what it was when the file was made: leave it as it is. Change only the \"Target\" column and upload the file in Obriy: \"Import from Excel\" → \"Indicator targets\".",
            ),
        )],
        columns: &TARGETS,
        rows,
    })
}
