//! Reading generated documents back as a reader would: a PDF's text with `pdftotext` (Debian's poppler-utils), a workbook's cells with calamine.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Write};
use std::process::Command;

/// The text of a PDF, its layout kept (`pdftotext -layout`).
pub fn pdf_text(pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("temp file: {e}"));
    file.write_all(pdf).unwrap_or_else(|e| panic!("write: {e}"));
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Amounts are grouped with no-break spaces; a reader sees spaces.
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

/// How many pages a PDF has (pdftotext ends each page with a form feed).
pub fn pdf_pages(pdf: &[u8]) -> usize {
    pdf_text(pdf).matches('\u{c}').count().max(1)
}

/// Every sheet of a workbook: its name and its cells, row by row.
pub fn xlsx_sheets(xlsx: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(xlsx.to_vec())).unwrap_or_else(|e| panic!("not a workbook: {e}"));
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book
                .worksheet_range(&name)
                .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// The sheet whose name contains `part`.
pub fn sheet<'a>(sheets: &'a [(String, Vec<Vec<Data>>)], part: &str) -> &'a [Vec<Data>] {
    &sheets
        .iter()
        .find(|(n, _)| n.contains(part))
        .unwrap_or_else(|| {
            panic!(
                "no sheet like {part}: {:?}",
                sheets.iter().map(|s| &s.0).collect::<Vec<_>>()
            )
        })
        .1
}

/// A number cell (amounts, percentages as fractions, counts).
pub fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number cell: {other:?}"),
    }
}

/// A text cell.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}
