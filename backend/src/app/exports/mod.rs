//! Excel out: any of the app's tables as an XLSX workbook or a CSV, built from the same queries the pages read, with a first sheet saying what the file is, when, by whom, from which plan version and with which filters.
//!
//! Each table module turns its page's figures into one [`Table`] of typed cells (the documents'
//! model); the workbook is written by the documents' XLSX writer (numbers with number formats,
//! dates as dates, frozen headings, column widths, print setup), the CSV here. Rules:
//! - A CSV with `;` starts with a byte-order mark and writes decimals with a comma (what a
//!   Ukrainian Excel opens straight); with `,` it has no mark and writes a dot (for tools).
//!   Amounts keep their exact value (up to three decimals), dates are `dd.mm.yyyy` with `;` and
//!   ISO `yyyy-mm-dd` with `,`.
//! - A table has the rows its page shows the user — the same scope and filters, every page of
//!   them.

mod audit;
mod changes;
mod dashboard;
mod measure;
mod plan;
mod reporting;
mod targets;

use crate::app::actor::Actor;
use crate::app::documents::model::{Cell, CellKind, Column, Document, Part, Row, Signature, Table};
use crate::app::documents::{present, xlsx, Produced};
use crate::app::error::{AppError, AppResult};
use crate::app::App;
use bytes::Bytes;
use rust_decimal::Decimal;
use shared::api::exports::{CsvSeparator, ExportFile, ExportFormat, ExportTable};
use shared::calendar::Date;
use shared::{ErrorCode, Lang};

/// One table ready to write: what it is, the filters that made it, its columns and rows.
pub struct Export {
    pub title: String,
    /// The sheet's name and the file name's stem.
    pub sheet: String,
    /// Filters and scope, as lines of the first sheet (label, value).
    pub about: Vec<(String, String)>,
    pub columns: &'static [Column],
    pub rows: Vec<Row>,
}

/// A column of a table the import reads back: the import's heading, with what its cells hold
/// and its width.
pub(super) const fn heading(c: crate::app::imports::Col, kind: CellKind, width: u8) -> Column {
    Column::new(c.uk, c.en, kind, width)
}

/// What every table module gets: the app, who asks, the page's query and the language.
pub struct Ask<'a> {
    pub app: &'a App,
    pub actor: &'a Actor,
    pub query: &'a str,
    pub lang: Lang,
}

impl Ask<'_> {
    /// A label in the file's language.
    pub fn t(&self, uk: &str, en: &str) -> String {
        present::pick(self.lang, uk, en)
    }
}

/// The query's language and separator; the rest is the table's.
fn common(query: &str) -> AppResult<(Lang, CsvSeparator)> {
    let mut lang = Lang::Uk;
    let mut sep = CsvSeparator::Semicolon;
    for (k, v) in crate::app::query::url_pairs(query) {
        match k.as_str() {
            "lang" => lang = Lang::from_code(&v).unwrap_or(Lang::Uk),
            "sep" => {
                sep = CsvSeparator::parse(&v)
                    .ok_or_else(|| AppError::field(ErrorCode::ExportSeparatorInvalid, "sep"))?
            }
            _ => {}
        }
    }
    Ok((lang, sep))
}

/// The table as the file asked for.
pub fn produce(app: &App, actor: &Actor, file: ExportFile, query: &str) -> AppResult<Produced> {
    let (lang, sep) = common(query)?;
    let ask = Ask {
        app,
        actor,
        query,
        lang,
    };
    let export = match file.table {
        ExportTable::Plan => plan::plan(&ask)?,
        ExportTable::Envelope => plan::envelope(&ask)?,
        ExportTable::Calendar => reporting::calendar(&ask)?,
        ExportTable::Report => reporting::report(&ask)?,
        ExportTable::Execution => dashboard::execution(&ask)?,
        ExportTable::Indicators => dashboard::indicators(&ask)?,
        ExportTable::Areas => dashboard::areas(&ask)?,
        ExportTable::Compliance => dashboard::compliance(&ask)?,
        ExportTable::Troubles => dashboard::troubles(&ask)?,
        ExportTable::Audit => audit::record(&ask)?,
        ExportTable::Measure => measure::budget_lines(&ask)?,
        ExportTable::Proposals => changes::proposals(&ask)?,
        ExportTable::Proposal => changes::proposal(&ask)?,
        ExportTable::Versions => changes::versions(&ask)?,
        ExportTable::Targets => targets::targets(&ask)?,
    };
    let today = app.clock.today();
    let bytes = match file.format {
        ExportFormat::Xlsx => {
            let version = app.read(|conn| Ok(crate::db::versions::current(conn)?))?;
            xlsx::render(&document(&export, &ask, today, version))?
        }
        ExportFormat::Csv => csv(&export, lang, sep),
    };
    Ok(Produced {
        bytes: Bytes::from(bytes),
        filename: format!(
            "obriy-{}-{}.{}",
            file.table.as_str(),
            today,
            file.format.extension()
        ),
    })
}

/// The export as a one-part document, for the workbook writer.
fn document(e: &Export, ask: &Ask, today: Date, version: i32) -> Document {
    let basis = match ask.lang {
        Lang::Uk => format!(
            "Вивантажено з Обрію {} · версія плану № {version}",
            present::date(today, ask.lang)
        ),
        Lang::En => format!(
            "Exported from Obriy on {} · plan version {version}",
            present::date(today, ask.lang)
        ),
    };
    let mut passport = vec![(
        ask.t("Що це", "What it is"),
        ask.t(
            "Таблиця з Обрію, як її показує сторінка, з тими самими фільтрами. Кожен рядок має свій код, тож файл можна змінити й завантажити назад (план — через «Імпорт з Excel»).",
            "A table from Obriy as its page shows it, with the same filters. Every row carries its code, so the file can be edited and uploaded back (the plan — through \"Import from Excel\").",
        ),
    )];
    passport.extend(e.about.iter().cloned());
    Document {
        lang: ask.lang,
        title: e.title.clone(),
        subtitle: e
            .about
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(" · "),
        header: e.title.clone(),
        draft: None,
        basis,
        passport,
        parts: vec![Part {
            title: e.title.clone(),
            sheet: e.sheet.clone(),
            paragraphs: Vec::new(),
            table: Some(Table {
                columns: e.columns,
                rows: e.rows.clone(),
            }),
        }],
        signature: Signature {
            position: ask.t("Вивантажено користувачем", "Exported by"),
            name: ask.actor.name.clone(),
        },
        landscape: e.columns.len() > 6,
    }
}

/// A decimal with the separator's decimal mark, exact.
fn decimal(d: Decimal, sep: CsvSeparator) -> String {
    let s = d.normalize().to_string();
    match sep {
        CsvSeparator::Semicolon => s.replace('.', ","),
        CsvSeparator::Comma => s,
    }
}

/// A text Excel would take for a formula (`=…`, `+…`, `-…`, `@…`): in the CSV meant for Excel it
/// starts with an apostrophe, so a name typed by someone else never runs as a formula on the
/// reader's machine. The CSV for tools keeps the text as it is.
fn guarded(text: &str, sep: CsvSeparator) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && sep == CsvSeparator::Semicolon {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn csv_cell(c: &Cell, sep: CsvSeparator) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => guarded(s, sep),
        Cell::Amount(a) => decimal(a.decimal(), sep),
        Cell::Percent(Some(p)) | Cell::Number(p) => decimal(*p, sep),
        Cell::Percent(None) => String::new(),
        Cell::Code(n) => n.to_string(),
        Cell::Date(d) => match sep {
            CsvSeparator::Semicolon => present::date(*d, Lang::Uk),
            CsvSeparator::Comma => d.to_string(),
        },
    }
}

/// The table as CSV: the headings, then the rows (no title lines, so tools read it straight).
pub fn csv(e: &Export, lang: Lang, sep: CsvSeparator) -> Vec<u8> {
    let mut out = Vec::new();
    if sep == CsvSeparator::Semicolon {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(match sep {
            CsvSeparator::Semicolon => b';',
            CsvSeparator::Comma => b',',
        })
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    // Writing to memory cannot fail.
    let _ = w.write_record(e.columns.iter().map(|c| c.title(lang)));
    for row in &e.rows {
        let _ = w.write_record(row.cells.iter().map(|c| csv_cell(c, sep)));
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::documents::model::{CellKind, RowStyle};

    const COLUMNS: [Column; 3] = [
        Column::new("Назва", "Name", CellKind::Text, 4),
        Column::new("Сума", "Amount", CellKind::Amount, 2),
        Column::new("Дата", "Date", CellKind::Date, 2),
    ];

    fn export(name: &str) -> Export {
        Export {
            title: String::new(),
            sheet: String::new(),
            about: Vec::new(),
            columns: &COLUMNS,
            rows: vec![Row::new(
                RowStyle::Item,
                vec![
                    Cell::text(name),
                    Cell::Amount(shared::Amount::parse("1234,567").expect("amount")),
                    Cell::Date(Date::parse("2027-03-01").expect("date")),
                ],
            )],
        }
    }

    #[test]
    fn csv_for_excel_and_for_tools() {
        let excel = String::from_utf8(csv(
            &export("ЦНАП; «черга»"),
            Lang::Uk,
            CsvSeparator::Semicolon,
        ))
        .expect("utf-8");
        assert_eq!(
            excel,
            "\u{feff}Назва;Сума;Дата\r\n\"ЦНАП; «черга»\";1234,567;01.03.2027\r\n"
        );
        let tools = String::from_utf8(csv(&export("ЦНАП, черга"), Lang::En, CsvSeparator::Comma))
            .expect("utf-8");
        assert_eq!(
            tools,
            "Name,Amount,Date\r\n\"ЦНАП, черга\",1234.567,2027-03-01\r\n"
        );
    }

    #[test]
    fn a_formula_in_a_name_stays_text_in_excel() {
        let excel = String::from_utf8(csv(
            &export("=HYPERLINK(\"http://x\")"),
            Lang::Uk,
            CsvSeparator::Semicolon,
        ))
        .expect("utf-8");
        assert!(excel.contains("\"'=HYPERLINK"), "{excel}");
        let tools = String::from_utf8(csv(&export("-5 днів"), Lang::Uk, CsvSeparator::Comma))
            .expect("utf-8");
        assert!(tools.contains("\n-5 днів,"), "{tools}");
    }
}
