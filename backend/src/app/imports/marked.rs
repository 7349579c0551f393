//! The uploaded file given back with its refused cells marked red and commented (Ukrainian and English), conflicting rows marked orange, and a first sheet listing every problem — fix it and upload it again.
//!
//! The copy holds the values the file held (formulas as their values): it is written anew, not
//! edited, since nothing reads and writes XLSX faithfully in one pass.

use super::reader::{Book, Value};
use crate::app::error::{AppError, AppResult};
use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, XlsxError};
use shared::api::imports::{ChangeKind, ImportChange, ImportIssue};
use shared::Lang;
use std::collections::HashMap;

fn err(e: XlsxError) -> AppError {
    AppError::internal(anyhow::anyhow!("marked workbook: {e}"))
}

/// `J · Сума` → column 9.
fn column_of(label: &str) -> Option<u16> {
    let letters: String = label
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    if letters.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        n = n * 26 + (c as u32 - 'A' as u32 + 1);
    }
    u16::try_from(n - 1).ok()
}

fn message(i: &ImportIssue, lang: Lang) -> String {
    match lang {
        Lang::Uk => format!("{}\n\n{}", i.message.uk, i.message.en),
        Lang::En => format!("{}\n\n{}", i.message.en, i.message.uk),
    }
}

/// The marked copy as XLSX bytes.
pub fn write(
    book: Option<&Book>,
    issues: &[ImportIssue],
    changes: &[ImportChange],
    lang: Lang,
) -> AppResult<Vec<u8>> {
    write_book(book, issues, changes, lang).map_err(err)
}

fn write_book(
    book: Option<&Book>,
    issues: &[ImportIssue],
    changes: &[ImportChange],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let uk = lang == Lang::Uk;
    let bad = Format::new()
        .set_background_color(0xFFC7CE)
        .set_font_color(0x9C0006);
    let bad_row = Format::new().set_background_color(0xFDE9EC);
    let conflict = Format::new().set_background_color(0xFFE2B3);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut out = Workbook::new();
    {
        let list = out.add_worksheet();
        list.set_name(if uk { "Помилки" } else { "Errors" })?;
        let heads = if uk {
            [
                "Аркуш",
                "Рядок",
                "Стовпець",
                "Значення у файлі",
                "Що не так",
                "What is wrong",
            ]
        } else {
            [
                "Sheet",
                "Row",
                "Column",
                "Value in the file",
                "What is wrong",
                "Що не так",
            ]
        };
        for (c, h) in heads.iter().enumerate() {
            list.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (c, w) in [14.0, 8.0, 28.0, 24.0, 60.0, 60.0].iter().enumerate() {
            list.set_column_width(c as u16, *w)?;
        }
        list.set_freeze_panes(1, 0)?;
        let mut r = 1;
        for i in issues {
            let (first, second) = if uk {
                (&i.message.uk, &i.message.en)
            } else {
                (&i.message.en, &i.message.uk)
            };
            list.write_string(r, 0, &i.sheet)?;
            if i.row > 0 {
                list.write_number(r, 1, f64::from(i.row))?;
            }
            list.write_string(r, 2, &i.column)?;
            list.write_string(r, 3, &i.value)?;
            list.write_string_with_format(r, 4, first, &wrap)?;
            list.write_string_with_format(r, 5, second, &wrap)?;
            r += 1;
        }
        for c in changes.iter().filter(|c| c.kind == ChangeKind::Conflict) {
            list.write_string(r, 0, &c.sheet)?;
            list.write_number(r, 1, f64::from(c.row))?;
            list.write_string(r, 2, c.label.get(lang))?;
            list.write_string(r, 3, &c.new)?;
            let m = shared::ErrorCode::ImportStale.message();
            let (first, second) = if uk { (&m.uk, &m.en) } else { (&m.en, &m.uk) };
            list.write_string_with_format(r, 4, first, &wrap)?;
            list.write_string_with_format(r, 5, second, &wrap)?;
            r += 1;
        }
    }
    let Some(book) = book else {
        return out.save_to_buffer();
    };
    for sheet in &book.sheets {
        let target = out.add_worksheet();
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        let name = if name.trim().is_empty() || name == "Помилки" || name == "Errors" {
            format!("{} (1)", name.chars().take(26).collect::<String>())
        } else {
            name
        };
        target.set_name(&name)?;
        let mine: Vec<&ImportIssue> = issues.iter().filter(|i| i.sheet == sheet.name).collect();
        let mut cell_issues: HashMap<(u32, u16), Vec<&ImportIssue>> = HashMap::new();
        let mut rows_bad: HashMap<u32, ()> = HashMap::new();
        for i in &mine {
            if i.row == 0 {
                continue;
            }
            rows_bad.insert(i.row - 1, ());
            if let Some(c) = column_of(&i.column) {
                cell_issues.entry((i.row - 1, c)).or_default().push(i);
            }
        }
        let conflict_rows: Vec<u32> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Conflict && c.sheet == sheet.name && c.row > 0)
            .map(|c| c.row - 1)
            .collect();
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32;
            let row_format = if conflict_rows.contains(&r) {
                Some(&conflict)
            } else if rows_bad.contains_key(&r) {
                Some(&bad_row)
            } else {
                None
            };
            let width = row.len().max(
                cell_issues
                    .keys()
                    .filter(|(rr, _)| *rr == r)
                    .map(|(_, c)| *c as usize + 1)
                    .max()
                    .unwrap_or(0),
            );
            for c in 0..width {
                let value = row.get(c).unwrap_or(&Value::Empty);
                let c16 = c as u16;
                let format = if cell_issues.contains_key(&(r, c16)) {
                    Some(&bad)
                } else {
                    row_format
                };
                match (value, format) {
                    (Value::Empty, Some(f)) => {
                        target.write_blank(r, c16, f)?;
                    }
                    (Value::Empty, None) => {}
                    (Value::Number(n), Some(f)) => {
                        target.write_number_with_format(r, c16, *n, f)?;
                    }
                    (Value::Number(n), None) => {
                        target.write_number(r, c16, *n)?;
                    }
                    (Value::Bool(b), _) => {
                        target.write_boolean(r, c16, *b)?;
                    }
                    (other, Some(f)) => {
                        target.write_string_with_format(r, c16, other.shown(), f)?;
                    }
                    (other, None) => {
                        target.write_string(r, c16, other.shown())?;
                    }
                }
            }
        }
        for ((r, c), list) in &cell_issues {
            let text = list
                .iter()
                .map(|i| message(i, lang))
                .collect::<Vec<_>>()
                .join("\n\n");
            let note = Note::new(text)
                .set_author("Обрій")
                .set_width(420)
                .set_height(180);
            target.insert_note(*r, *c, &note)?;
        }
        target.set_freeze_panes(1, 0)?;
        for c in 0..sheet.rows.iter().map(Vec::len).max().unwrap_or(0) {
            target.set_column_width(c as u16, 16)?;
        }
    }
    out.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_from_labels() {
        assert_eq!(column_of("A · Код"), Some(0));
        assert_eq!(column_of("J · Сума"), Some(9));
        assert_eq!(column_of("AA"), Some(26));
        assert_eq!(column_of(""), None);
    }
}
