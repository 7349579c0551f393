//! Reading an uploaded file into sheets of plain values: XLSX (and the older XLS) through calamine, cell by cell, CSV in UTF-8 or Windows-1251 with `;`, `,` or tab; refusing what is not a spreadsheet, encrypted, too large or a zip bomb.
//!
//! Rules where users' files differ:
//! - Formulas count with the value Excel saved with them (calamine reads the cached value).
//! - A merged cell's value fills its whole area (a measure's name merged over its rows counts
//!   for each row).
//! - Hidden rows and columns are data like any other (a filter in Excel hides, it doesn't
//!   delete).
//! - A CSV is read as UTF-8 (with or without BOM); a file that is not valid UTF-8 is taken as
//!   Windows-1251, what a Ukrainian Excel writes for "CSV (розділювачі – коми)". The separator
//!   is the one of `;`, `,` and tab the header line has most of.

use shared::api::imports::{ImportIssue, MAX_FILE_BYTES, MAX_ROWS};
use shared::ErrorCode;
use std::io::Cursor;

/// The most bytes the workbook's parts may unpack to: far above any real 20 000-row file, far
/// below what a zip bomb would take.
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

/// One cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A formula's error (`#DIV/0!`) or an unreadable cell.
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the user sees it, for messages and the marked copy.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => super::cells::number_text(*n),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Error(e) => e.clone(),
        }
    }
}

/// A sheet: its rows from A1 on (`rows[0]` is Excel's row 1).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Value>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Value::Empty)
    }
}

/// What kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Workbook,
    Csv,
}

#[derive(Debug, Clone)]
pub struct Book {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

fn refuse(code: ErrorCode, value: &str) -> ImportIssue {
    ImportIssue::new("", 0, "", value, code)
}

/// Reads the file; `rows_read` is told how many rows are in so far.
pub fn read(bytes: &[u8], rows_read: &dyn Fn(u32)) -> Result<Book, ImportIssue> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refuse(
            ErrorCode::ImportTooLarge,
            &format!("{} MB", bytes.len() / (1024 * 1024)),
        ));
    }
    if bytes.is_empty() {
        return Err(refuse(ErrorCode::ImportEmpty, ""));
    }
    let book = if bytes.starts_with(b"PK\x03\x04") {
        check_unpacked_size(bytes)?;
        read_workbook(bytes, rows_read)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE container: an encrypted XLSX or an old XLS.
        read_workbook(bytes, rows_read)?
    } else {
        read_csv(bytes, rows_read)?
    };
    let rows: usize = book.sheets.iter().map(|s| s.rows.len()).sum();
    if rows > MAX_ROWS + 100 {
        return Err(refuse(ErrorCode::ImportTooLarge, &format!("{rows}")));
    }
    Ok(book)
}

/// Unpacks every entry of the archive, counting, and stops past the limit: what the entries
/// say about their own size may be a lie, what they unpack to is not.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), ImportIssue> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| refuse(ErrorCode::ImportNotSpreadsheet, ""))?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let left = MAX_UNPACKED_BYTES - total;
        total += std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        if total > MAX_UNPACKED_BYTES {
            return Err(refuse(
                ErrorCode::ImportTooLarge,
                &format!("> {} MB", MAX_UNPACKED_BYTES / (1024 * 1024)),
            ));
        }
    }
    Ok(())
}

/// The most columns read: every Obriy sheet fits in far fewer; cells further right are notes
/// beside the table, not data.
const MAX_COLUMNS: usize = 256;

/// The most cells a workbook may hold, empty ones counted: the row limit times the columns a
/// real sheet uses, with room to spare. A sheet that repeats one cell millions of times stops
/// here, not after the whole file.
const MAX_CELLS: usize = (MAX_ROWS + 100) * 64;

fn read_workbook(bytes: &[u8], rows_read: &dyn Fn(u32)) -> Result<Book, ImportIssue> {
    use calamine::{Reader, Xls, Xlsx};
    let cursor = Cursor::new(bytes.to_vec());
    // XLSX first: an encrypted XLSX is an OLE container too, and only the XLSX reader says so.
    match calamine::open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
        Ok(mut xlsx) => {
            let names = visible_names(xlsx.sheets_metadata());
            let mut sheets = Vec::new();
            let mut cells = 0usize;
            let mut so_far = 0u32;
            for name in names {
                let merged = xlsx.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let Ok(mut reader) = xlsx.worksheet_cells_reader(&name) else {
                    continue;
                };
                let mut found = Vec::new();
                // Cells one by one, never the sheet's bounding box at once: two cells at A1
                // and XFD1048576 make a range of seventeen billion.
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|_| refuse(ErrorCode::ImportNotSpreadsheet, ""))?
                {
                    cells += 1;
                    if cells > MAX_CELLS {
                        return Err(refuse(ErrorCode::ImportTooLarge, &format!("> {MAX_ROWS}")));
                    }
                    let (r, c) = cell.get_position();
                    let value = value_of(cell.get_value());
                    if value.is_empty() || c as usize >= MAX_COLUMNS {
                        continue;
                    }
                    if r as usize >= MAX_ROWS + 100 {
                        return Err(refuse(ErrorCode::ImportTooLarge, &format!("{}", r + 1)));
                    }
                    found.push((r as usize, c as usize, value));
                }
                let sheet = to_sheet(&name, found, &merged);
                so_far = so_far.saturating_add(sheet.rows.len() as u32);
                rows_read(so_far);
                sheets.push(sheet);
            }
            Ok(Book {
                format: Format::Workbook,
                sheets,
            })
        }
        Err(calamine::XlsxError::Password) => Err(refuse(ErrorCode::ImportEncrypted, "")),
        // Only an OLE container can be the older XLS; a zip that is not an XLSX (an ODS, a
        // Word file) is refused with the way out: save as XLSX.
        Err(_) if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => {
            let mut xls =
                calamine::open_workbook_from_rs::<Xls<_>, _>(cursor).map_err(|e| match e {
                    calamine::XlsError::Password => refuse(ErrorCode::ImportEncrypted, ""),
                    _ => refuse(ErrorCode::ImportNotSpreadsheet, ""),
                })?;
            // An XLS sheet is at most 65 536 × 256 cells, so its range is bounded.
            let names = visible_names(xls.sheets_metadata());
            let mut sheets = Vec::new();
            for name in names {
                let Ok(range) = xls.worksheet_range(&name) else {
                    continue;
                };
                if range.height() > MAX_ROWS + 100 {
                    return Err(refuse(
                        ErrorCode::ImportTooLarge,
                        &format!("{}", range.height()),
                    ));
                }
                let merged = xls.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let found = range
                    .cells()
                    .filter(|(_, c, v)| *c < MAX_COLUMNS && !matches!(v, calamine::Data::Empty))
                    .map(|(r, c, v)| {
                        let (r0, c0) = range.start().unwrap_or((0, 0));
                        (r0 as usize + r, c0 as usize + c, value_of(v))
                    })
                    .filter(|(_, _, v)| !v.is_empty())
                    .collect();
                sheets.push(to_sheet(&name, found, &merged));
                rows_read(sheets.iter().map(|s| s.rows.len() as u32).sum());
            }
            Ok(Book {
                format: Format::Workbook,
                sheets,
            })
        }
        Err(_) => Err(refuse(ErrorCode::ImportNotSpreadsheet, "")),
    }
}

fn value_of<T: calamine::DataType>(cell: &T) -> Value {
    if cell.is_empty() {
        Value::Empty
    } else if let Some(s) = cell.get_string() {
        Value::Text(s.to_string())
    } else if let Some(b) = cell.get_bool() {
        Value::Bool(b)
    } else if let Some(f) = cell.as_f64() {
        Value::Number(f)
    } else if let Some(d) = cell.get_datetime() {
        Value::Number(d.as_f64())
    } else if let Some(s) = cell.get_datetime_iso().or(cell.get_duration_iso()) {
        Value::Text(s.to_string())
    } else if let Some(e) = cell.get_error() {
        Value::Error(format!("{e}"))
    } else {
        Value::Error(String::new())
    }
}

/// The worksheets, hidden ones too (charts and macro sheets hold no rows).
fn visible_names(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Lays the found cells out from A1; a merged cell's value fills its area, within the limits.
fn to_sheet(
    name: &str,
    found: Vec<(usize, usize, Value)>,
    merged: &[calamine::Dimensions],
) -> Sheet {
    let bounded = |a: &&calamine::Dimensions| {
        (a.end.0 as usize) < MAX_ROWS + 100 && (a.start.1 as usize) < MAX_COLUMNS
    };
    let height = found
        .iter()
        .map(|(r, _, _)| r + 1)
        .chain(merged.iter().filter(bounded).map(|a| a.end.0 as usize + 1))
        .max()
        .unwrap_or(0);
    let width = found
        .iter()
        .map(|(_, c, _)| c + 1)
        .chain(merged.iter().filter(bounded).map(|a| a.end.1 as usize + 1))
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    let mut rows = vec![vec![Value::Empty; width]; height];
    for (r, c, v) in found {
        rows[r][c] = v;
    }
    for area in merged.iter().filter(bounded) {
        let (top, left) = (area.start.0 as usize, area.start.1 as usize);
        let Some(value) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
            continue;
        };
        for row in rows.iter_mut().take(area.end.0 as usize + 1).skip(top) {
            for cell in row.iter_mut().take(area.end.1 as usize + 1).skip(left) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
    Sheet {
        name: name.to_string(),
        rows,
    }
}

fn read_csv(bytes: &[u8], rows_read: &dyn Fn(u32)) -> Result<Book, ImportIssue> {
    // Text, not a binary file that happens not to start with a known signature.
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(refuse(ErrorCode::ImportNotSpreadsheet, ""));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    if !first.bytes().any(|b| b == delimiter) {
        return Err(refuse(ErrorCode::ImportNotSpreadsheet, ""));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| refuse(ErrorCode::ImportNotSpreadsheet, ""))?;
        rows.push(
            record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(s.to_string())
                    }
                })
                .collect(),
        );
        if rows.len() > MAX_ROWS + 100 {
            return Err(refuse(ErrorCode::ImportTooLarge, &format!("> {MAX_ROWS}")));
        }
        if rows.len().is_multiple_of(1000) {
            rows_read(rows.len() as u32);
        }
    }
    rows_read(rows.len() as u32);
    Ok(Book {
        format: Format::Csv,
        sheets: vec![Sheet {
            name: "CSV".to_string(),
            rows,
        }],
    })
}

/// The reader (and the plan parser after it) on random and broken input: never a panic, always
/// a book or a refusal. Seeded, so a failure reproduces.
#[cfg(test)]
mod fuzz {
    use super::*;
    use crate::app::imports::{plan, Progress};
    use rand::{Rng, SeedableRng};

    fn valid_xlsx() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let heads = [
            "Код заходу",
            "Код завдання",
            "КАТОТТГ виконавця",
            "Виконавець",
            "Захід",
            "Рік початку",
            "Рік завершення",
            "Рік",
            "Джерело фінансування",
            "Сума, тис. грн",
            "Версія плану",
        ];
        for (c, h) in heads.iter().enumerate() {
            sheet
                .write_string(0, c as u16, *h)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        for r in 1..40u32 {
            sheet
                .write_number(r, 0, f64::from(r))
                .unwrap_or_else(|e| panic!("{e}"));
            sheet
                .write_string(r, 1, "1.1")
                .unwrap_or_else(|e| panic!("{e}"));
            sheet
                .write_number(r, 7, 2027.0)
                .unwrap_or_else(|e| panic!("{e}"));
            sheet
                .write_string(r, 8, "Місцеві бюджети")
                .unwrap_or_else(|e| panic!("{e}"));
            sheet
                .write_string(r, 9, "1 234,5")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        sheet
            .merge_range(41, 0, 43, 4, "merged", &rust_xlsxwriter::Format::new())
            .unwrap_or_else(|e| panic!("{e}"));
        book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
    }

    fn exercise(bytes: &[u8]) {
        if let Ok(book) = read(bytes, &|_| {}) {
            let _ = plan::parse(&book, &Progress::default());
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for _ in 0..300 {
            let len = rng.gen_range(0..4096);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.gen()).collect();
            if rng.gen_bool(0.3) && bytes.len() > 4 {
                bytes[..4].copy_from_slice(b"PK\x03\x04");
            }
            exercise(&bytes);
        }
    }

    #[test]
    fn broken_workbooks_never_panic() {
        let valid = valid_xlsx();
        let book = read(&valid, &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        let parsed = plan::parse(&book, &Progress::default()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(parsed.rows, 42, "39 rows and the merged area's three");
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..300 {
            let mut bytes = valid.clone();
            for _ in 0..rng.gen_range(1..16) {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.gen();
            }
            if rng.gen_bool(0.2) {
                bytes.truncate(rng.gen_range(0..bytes.len()));
            }
            exercise(&bytes);
        }
    }

    #[test]
    fn far_corners_are_refused_not_allocated() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .write_string(0, 0, "Код заходу")
            .unwrap_or_else(|e| panic!("{e}"));
        sheet
            .write_number(1_048_575, 1, 1.0)
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
        let err = read(&bytes, &|_| {}).expect_err("too large");
        assert_eq!(err.code, ErrorCode::ImportTooLarge);
        // Far to the right only: the note beside the table is left out, the table is read.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet
            .write_string(0, 0, "Код заходу")
            .unwrap_or_else(|e| panic!("{e}"));
        sheet
            .write_string(3, 16_383, "примітка")
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
        let book = read(&bytes, &|_| {}).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(book.sheets[0].rows.len(), 1);
        assert_eq!(book.sheets[0].rows[0].len(), 1);
    }

    #[test]
    fn random_csv_never_panics() {
        let alphabet: Vec<char> = "0123456789;,.\t\"\n\r -ÿЖїєґ€Код заходуРікСумаДжерело"
            .chars()
            .collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        for _ in 0..500 {
            let mut text = String::from("Код заходу;Рік;Джерело фінансування;Сума, тис. грн\n");
            for _ in 0..rng.gen_range(0..600) {
                text.push(alphabet[rng.gen_range(0..alphabet.len())]);
            }
            exercise(text.as_bytes());
            let cp1251 = encoding_rs::WINDOWS_1251.encode(&text).0.into_owned();
            exercise(&cp1251);
        }
    }
}
