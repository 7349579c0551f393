//! The XLSX writer: the same `Document` as a workbook — a first sheet with the title, passport and text, then a sheet per table with real numbers, number formats, frozen headers and print setup.
//!
//! Amounts are numbers in thousand UAH with the format `#,##0.0` (Excel shows the reader's
//! own separators: `789 460,0` in a Ukrainian Excel); the cell keeps the exact value (up to
//! three decimals). Percentages are fractions with `0.0%`, dates are dates. Subtotals and
//! totals are the same values as in the PDF, written as numbers.

use super::model::{Cell, CellKind, Document, RowStyle, Table};
use super::present;
use crate::app::error::{AppError, AppResult};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use shared::Lang;

const A4: u8 = 9;

struct Formats {
    title: Format,
    bold: Format,
    wrap: Format,
    head: Format,
    text: [Format; 3],
    amount: [Format; 3],
    percent: [Format; 3],
    number: [Format; 3],
    code: [Format; 3],
    date: [Format; 3],
}

/// Item, group and total variants of one format.
fn styled(base: Format) -> [Format; 3] {
    let bordered = base
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    [
        bordered.clone(),
        bordered.clone().set_bold().set_background_color(0xEDEDED),
        bordered.set_bold().set_background_color(0xD9D9D9),
    ]
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            bold: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_background_color(0xD0D0D0)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: styled(Format::new().set_text_wrap()),
            amount: styled(Format::new().set_num_format("#,##0.0")),
            percent: styled(Format::new().set_num_format("0.0%")),
            number: styled(Format::new().set_num_format("#,##0.###")),
            code: styled(Format::new().set_num_format("0")),
            date: styled(Format::new().set_num_format("dd.mm.yyyy")),
        }
    }
}

fn err(e: XlsxError) -> AppError {
    AppError::internal(anyhow::anyhow!("workbook: {e}"))
}

/// The document as XLSX bytes.
pub fn render(doc: &Document) -> AppResult<Vec<u8>> {
    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&doc.title)
            .set_author(&doc.signature.name)
            .set_comment(&doc.basis),
    );
    let about = book.add_worksheet();
    write_about(about, doc, &f).map_err(err)?;
    for (i, part) in doc.parts.iter().enumerate() {
        let Some(table) = &part.table else { continue };
        // Rows go to a temporary file as they are written, not into memory: a table of the
        // 10× plan (360 000 lines) would otherwise hold every cell until the end.
        let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
        sheet.set_name(sheet_name(&part.sheet, i)).map_err(err)?;
        write_table(sheet, doc, &part.title, table, &f).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

/// A valid, unique sheet name (Excel allows 31 characters and no `[]:*?/\`).
fn sheet_name(name: &str, index: usize) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(27)
        .collect();
    format!("{} {}", index + 1, clean.trim())
}

fn write_about(sheet: &mut Worksheet, doc: &Document, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(present::pick(doc.lang, "Про файл", "About this file"))?;
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 90)?;
    sheet.set_paper_size(A4).set_print_fit_to_pages(1, 0);
    sheet.write_string_with_format(0, 0, &doc.title, &f.title)?;
    let mut row = 1;
    let mut line = |sheet: &mut Worksheet, k: &str, v: &str| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, k, &f.bold)?;
        sheet.write_string_with_format(row, 1, v, &f.wrap)?;
        row += 1;
        Ok(())
    };
    line(
        sheet,
        &present::pick(doc.lang, "Період, обсяг", "Period, scope"),
        &doc.subtitle,
    )?;
    if doc.draft.is_some() {
        line(
            sheet,
            &present::pick(doc.lang, "Стан", "State"),
            &present::draft_notice(doc),
        )?;
    }
    line(
        sheet,
        &present::pick(doc.lang, "Сформовано", "Made"),
        &doc.basis,
    )?;
    for (k, v) in &doc.passport {
        line(sheet, k, v)?;
    }
    for part in &doc.parts {
        if part.paragraphs.is_empty() {
            continue;
        }
        line(sheet, &part.title, &part.paragraphs.join("\n"))?;
    }
    line(sheet, &doc.signature.position, &doc.signature.name)?;
    Ok(())
}

fn write_table(
    sheet: &mut Worksheet,
    doc: &Document,
    title: &str,
    table: &Table,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = doc.lang;
    sheet.write_string_with_format(0, 0, title, &f.title)?;
    for (c, col) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, f64::from(col.width) * 3.2)?;
        sheet.write_string_with_format(1, c, col.title(lang), &f.head)?;
    }
    sheet.set_row_height(1, 45)?;
    sheet.set_freeze_panes(2, 0)?;
    sheet
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_header(format!(
            "&L{}&R{}",
            escape(&doc.header),
            escape(doc.draft.as_deref().unwrap_or(""))
        ))
        .set_footer(match lang {
            Lang::Uk => "&Lстор. &P з &N".to_string(),
            Lang::En => "&Lpage &P of &N".to_string(),
        });
    sheet.set_repeat_rows(1, 1)?;
    if doc.landscape {
        sheet.set_landscape();
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 2;
        let style = match row.style {
            RowStyle::Item => 0,
            RowStyle::Group(_) => 1,
            RowStyle::Total => 2,
        };
        for (c, (cell, col)) in row.cells.iter().zip(table.columns).enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {
                    let blank = match col.kind {
                        CellKind::Text => &f.text[style],
                        _ => &f.amount[style],
                    };
                    sheet.write_blank(r, c, blank)?;
                }
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &f.text[style])?;
                }
                Cell::Amount(a) => {
                    let v = a.decimal().to_f64().unwrap_or(0.0);
                    sheet.write_number_with_format(r, c, v, &f.amount[style])?;
                }
                Cell::Percent(Some(p)) => {
                    let v = p.to_f64().unwrap_or(0.0) / 100.0;
                    sheet.write_number_with_format(r, c, v, &f.percent[style])?;
                }
                Cell::Percent(None) => {
                    sheet.write_string_with_format(r, c, "—", &f.text[style])?;
                }
                Cell::Number(n) => {
                    let v = n.to_f64().unwrap_or(0.0);
                    sheet.write_number_with_format(r, c, v, &f.number[style])?;
                }
                Cell::Code(n) => {
                    sheet.write_number_with_format(r, c, *n as f64, &f.code[style])?;
                }
                Cell::Date(d) => {
                    let dt = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        d.month(),
                        d.day(),
                    )?;
                    sheet.write_datetime_with_format(r, c, &dt, &f.date[style])?;
                }
            }
        }
    }
    Ok(())
}

/// Excel's header codes start with `&`: a literal one is doubled.
fn escape(s: &str) -> String {
    s.replace('&', "&&")
}
