//! The record (audit) as a file: the entries the record page shows the user, filtered the same way, newest first, up to [`MAX_ENTRIES`].

use super::{Ask, Export};
use crate::app::documents::model::{Cell, CellKind, Column, Row, RowStyle};
use crate::app::error::AppResult;
use crate::app::query::audit_filter;
use crate::app::record;
use shared::calendar::Date;

/// The most entries one file holds (the newest); older ones are reached with `before_seq`.
pub const MAX_ENTRIES: usize = 50_000;

const RECORD: [Column; 8] = [
    Column::new("№ запису", "Entry no.", CellKind::Number, 2),
    Column::new("Дата (Київ)", "Date (Kyiv)", CellKind::Date, 3),
    Column::new("Час (UTC)", "Time (UTC)", CellKind::Text, 2),
    Column::new("Хто", "Who", CellKind::Text, 6),
    Column::new("Дія", "Action", CellKind::Text, 8),
    Column::new("Об'єкт", "Subject", CellKind::Text, 3),
    Column::new("Код об'єкта", "Subject id", CellKind::Number, 2),
    Column::new("Організація", "Organisation", CellKind::Text, 8),
];

pub fn record(ask: &Ask) -> AppResult<Export> {
    let mut filter = audit_filter(ask.query)?;
    filter.limit = Some(500);
    let structure = ask.app.read(|conn| ask.app.structure(conn))?;
    let lang = ask.lang;
    let mut rows = Vec::new();
    let mut more = false;
    loop {
        let page = record::page(ask.app, ask.actor, &filter)?;
        for e in &page.entries {
            let secs = e.at.div_euclid(1000).rem_euclid(86_400);
            rows.push(Row::new(
                RowStyle::Item,
                vec![
                    Cell::Code(e.seq),
                    Date::kyiv_from_unix_ms(e.at).map_or(Cell::Empty, Cell::Date),
                    Cell::text(format!(
                        "{:02}:{:02}:{:02}",
                        secs / 3600,
                        secs / 60 % 60,
                        secs % 60
                    )),
                    Cell::text(e.user_name.clone()),
                    Cell::text(e.action.label().get(lang)),
                    Cell::text(e.entity.clone()),
                    e.entity_id
                        .map_or(Cell::Empty, |i| Cell::Code(i64::from(i))),
                    e.subject_org
                        .and_then(|o| structure.org(o))
                        .map_or(Cell::Empty, |o| Cell::text(o.name.get(lang))),
                ],
            ));
        }
        match page.next_before_seq {
            Some(next) if rows.len() < MAX_ENTRIES => filter.before_seq = Some(next),
            Some(_) => {
                more = true;
                break;
            }
            None => break,
        }
    }
    let mut about = Vec::new();
    if let Some(m) = filter.measure {
        about.push((ask.t("Захід", "Measure"), m.0.to_string()));
    }
    if let Some(o) = filter.org.and_then(|o| structure.org(o)) {
        about.push((
            ask.t("Організація", "Organisation"),
            o.name.get(lang).to_string(),
        ));
    }
    if let Some(a) = filter.action {
        about.push((ask.t("Дія", "Action"), a.label().get(lang).to_string()));
    }
    if more {
        about.push((
            ask.t("Обмеження", "Limit"),
            match lang {
                shared::Lang::Uk => format!("{MAX_ENTRIES} найновіших записів; старіші — у наступному файлі з фільтром «до запису № {}»", rows.last().map_or(0, |r: &Row| match r.cells[0] { Cell::Code(n) => n, _ => 0 })),
                shared::Lang::En => format!("the {MAX_ENTRIES} newest entries; older ones in another file filtered \"before entry no. {}\"", rows.last().map_or(0, |r: &Row| match r.cells[0] { Cell::Code(n) => n, _ => 0 })),
            },
        ));
    }
    Ok(Export {
        title: ask.t("Журнал змін", "The record"),
        sheet: ask.t("Журнал", "Record"),
        about,
        columns: &RECORD,
        rows,
    })
}
