//! A generated document as data: title, passport lines, parts with text and tables of typed cells — what the PDF and the XLSX writers both render.
//!
//! Each kind of document builds one of these from the figures; the writers know nothing of
//! the programme. Cells keep their exact values (an amount in thousand UAH with up to three
//! decimals, a percentage already rounded once by `shared::execution::percent`); the PDF shows
//! them in the Ukrainian official style with one decimal, the workbook keeps the numbers with a
//! number format.

use rust_decimal::Decimal;
use shared::calendar::Date;
use shared::{Amount, Lang, Text};

/// A column of a document's table: its heading, what its cells hold and its share of the width.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub uk: &'static str,
    pub en: &'static str,
    pub kind: CellKind,
    /// Relative width (the PDF's fractions, the workbook's character widths × 3).
    pub width: u8,
}

impl Column {
    pub const fn new(uk: &'static str, en: &'static str, kind: CellKind, width: u8) -> Column {
        Column {
            uk,
            en,
            kind,
            width,
        }
    }

    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Uk => self.uk,
            Lang::En => self.en,
        }
    }
}

/// What a column's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// Thousand UAH.
    Amount,
    Percent,
    /// A count or an indicator's value.
    Number,
    Date,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Amount(Amount),
    /// `None`: no base to divide by (shown as "—").
    Percent(Option<Decimal>),
    Number(Decimal),
    /// An id, a year, a version: a whole number without grouping (`2027`, not `2 027`).
    Code(i64),
    Date(Date),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt_number(v: Option<Decimal>) -> Cell {
        v.map_or(Cell::Empty, Cell::Number)
    }
}

/// How a row stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStyle {
    /// A measure, an indicator, an organisation.
    Item,
    /// A heading row with its subtotal: 1 for a direction, 2 for a task.
    Group(u8),
    /// The programme's (or the scope's) total.
    Total,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub style: RowStyle,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn new(style: RowStyle, cells: Vec<Cell>) -> Row {
        Row { style, cells }
    }
}

/// A table: its columns (one place per kind of document) and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: &'static [Column],
    pub rows: Vec<Row>,
}

/// A part of a document: a heading, paragraphs, perhaps a table. In the workbook each part
/// with a table is a sheet of its own.
#[derive(Debug, Clone)]
pub struct Part {
    pub title: String,
    /// The workbook's sheet name (at most 31 characters).
    pub sheet: String,
    pub paragraphs: Vec<String>,
    pub table: Option<Table>,
}

/// Who signs.
#[derive(Debug, Clone)]
pub struct Signature {
    pub position: String,
    pub name: String,
}

/// A whole document.
#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    /// The period and the scope, under the title.
    pub subtitle: String,
    /// The header line of every page (short title, period, organisation).
    pub header: String,
    /// Set when reports behind the document are missing or unapproved: printed on every page.
    pub draft: Option<String>,
    /// When and from what it was made: the plan version, the reports' state.
    pub basis: String,
    /// Passport lines (label, value).
    pub passport: Vec<(String, String)>,
    pub parts: Vec<Part>,
    pub signature: Signature,
    /// Tables wide enough to need landscape pages.
    pub landscape: bool,
}

impl Document {
    /// A text in the document's language.
    pub fn t(&self, text: &Text) -> String {
        text.get(self.lang).to_string()
    }
}
