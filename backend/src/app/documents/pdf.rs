//! The PDF writer: lays a `Document` out with Typst (used as a library, `document.typ`), the fonts compiled into the server.
//!
//! The document goes to the template as `/data.json` with every cell already formatted in the
//! Ukrainian official style (`789 460,0`, `21,5 %`, `01.03.2027`), so the layout holds no
//! rules of its own. Typst does the layout: wrapping, page breaks, the header row repeated on
//! every page, "стор. N з M". The world has no file system, no packages and no clock: the same
//! document gives the same bytes.

use super::model::{CellKind, Document, RowStyle};
use super::present;
use crate::app::error::{AppError, AppResult};
use serde_json::{json, Value};
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("document.typ");

/// The most table rows a PDF is laid out with: about 600 pages. Typst holds a whole document's
/// layout in memory (the 10× plan's annual report, 120 000 rows and 4 664 pages, took 97 s and
/// 12 GiB), so a larger one is refused with a way out: a smaller scope, or the workbook.
pub const MAX_ROWS: usize = 5_000;

/// One layout at a time: a second large document waits rather than doubling the memory.
static LAYOUT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The fonts every document uses (see `backend/assets/fonts/README.md`).
static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    [
        &include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf")[..],
        &include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf")[..],
        &include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf")[..],
    ]
    .into_iter()
    .flat_map(|data| Font::iter(Bytes::new(data)))
    .collect()
});

static BOOK: LazyLock<LazyHash<FontBook>> =
    LazyLock::new(|| LazyHash::new(FontBook::from_fonts(FONTS.iter())));

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

fn file_id(path: &str) -> FileId {
    // Both paths are constants that always make a valid virtual path.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("a valid constant path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compilation: the template and the document's data, nothing else.
struct Sandbox {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &BOOK
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// The document as PDF bytes.
pub fn render(doc: &Document) -> AppResult<Vec<u8>> {
    let rows: usize = doc
        .parts
        .iter()
        .filter_map(|p| p.table.as_ref())
        .map(|t| t.rows.len())
        .sum();
    if rows > MAX_ROWS {
        return Err(AppError::field(shared::ErrorCode::DocumentTooLarge, "file"));
    }
    let data = serde_json::to_vec(&template_data(doc))
        .map_err(|e| AppError::internal(anyhow::anyhow!("document data: {e}")))?;
    let world = Sandbox {
        main: Source::new(file_id("/main.typ"), TEMPLATE.to_string()),
        data_id: file_id("/data.json"),
        data: Bytes::new(data),
    };
    let compiled = {
        let _one_at_a_time = LAYOUT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        typst::compile::<PagedDocument>(&world).output
    };
    // Typst memoises layouts across compilations; a server making each document once keeps
    // none of them (the memory would only grow).
    typst::comemo::evict(0);
    let paged = compiled.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        AppError::internal(anyhow::anyhow!("document layout: {}", messages.join("; ")))
    })?;
    let options = typst_pdf::PdfOptions {
        creator: typst::foundations::Smart::Custom(Some("Obriy".to_string())),
        ..Default::default()
    };
    typst_pdf::pdf(&paged, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        AppError::internal(anyhow::anyhow!("document PDF: {}", messages.join("; ")))
    })
}

/// What the template reads.
fn template_data(doc: &Document) -> Value {
    let lang = doc.lang;
    let parts: Vec<Value> = doc
        .parts
        .iter()
        .map(|part| {
            let table = part.table.as_ref().map(|t| {
                let rows: Vec<Value> = t
                    .rows
                    .iter()
                    .map(|r| {
                        json!({
                            "style": match r.style {
                                RowStyle::Item => "item",
                                RowStyle::Group(1) => "g1",
                                RowStyle::Group(_) => "g2",
                                RowStyle::Total => "total",
                            },
                            "cells": r.cells.iter().map(|c| present::cell(c, lang)).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                json!({
                    "size": if t.columns.len() > 10 { 7.5 } else if t.columns.len() > 7 { 8.5 } else { 9.5 },
                    "widths": t.columns.iter().map(|c| c.width).collect::<Vec<_>>(),
                    "heads": t.columns.iter().map(|c| c.title(lang)).collect::<Vec<_>>(),
                    "aligns": t.columns.iter().map(|c| if c.kind == CellKind::Text { "left" } else { "right" }).collect::<Vec<_>>(),
                    "rows": rows,
                })
            });
            json!({ "title": part.title, "paragraphs": part.paragraphs, "table": table })
        })
        .collect();
    json!({
        "lang": lang.code(),
        "title": doc.title,
        "subtitle": doc.subtitle,
        "author": doc.signature.name,
        "header": doc.header,
        "draft": doc.draft,
        "draft_long": doc.draft.as_ref().map(|_| present::draft_notice(doc)),
        "basis": doc.basis,
        "page_word": present::pick(lang, "стор.", "page"),
        "of_word": present::pick(lang, "з", "of"),
        "landscape": doc.landscape,
        "passport": doc.passport.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect::<Vec<_>>(),
        "parts": parts,
        "signature": { "position": doc.signature.position, "name": doc.signature.name },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::documents::model::{Cell, Column, Part, Row, Signature, Table};
    use shared::{Amount, Lang};

    const COLUMNS: [Column; 2] = [
        Column::new("Захід", "Measure", CellKind::Text, 6),
        Column::new("Сума", "Amount", CellKind::Amount, 2),
    ];

    #[test]
    fn a_document_with_cyrillic_and_a_long_table_becomes_a_pdf() {
        let rows = (0..120)
            .map(|i| {
                Row::new(
                    RowStyle::Item,
                    vec![
                        Cell::text(format!("Захід № {i}: підтримка ЕКЦ")),
                        Cell::Amount(Amount::from_uah(1_234_500 + i)),
                    ],
                )
            })
            .collect();
        let doc = Document {
            lang: Lang::Uk,
            title: "Звіт".into(),
            subtitle: "за 2026 рік".into(),
            header: "Звіт · 2026".into(),
            draft: Some("ПРОЄКТ".into()),
            basis: "Сформовано 02.12.2026".into(),
            passport: vec![("Регіон".into(), "Дніпропетровська область".into())],
            parts: vec![Part {
                title: "Заходи".into(),
                sheet: "Заходи".into(),
                paragraphs: vec!["Текст.".into()],
                table: Some(Table {
                    columns: &COLUMNS,
                    rows,
                }),
            }],
            signature: Signature {
                position: "Директор департаменту".into(),
                name: "Ім'я ПРІЗВИЩЕ".into(),
            },
            landscape: false,
        };
        let pdf = render(&doc).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        // Deterministic: the same document gives the same bytes.
        assert_eq!(render(&doc).expect("again"), pdf);
    }

    #[test]
    fn a_document_past_the_row_limit_is_refused_with_a_way_out() {
        let row = Row::new(
            RowStyle::Item,
            vec![Cell::text("x"), Cell::Amount(Amount::ZERO)],
        );
        let doc = Document {
            lang: Lang::Uk,
            title: "Звіт".into(),
            subtitle: String::new(),
            header: String::new(),
            draft: None,
            basis: String::new(),
            passport: Vec::new(),
            parts: vec![Part {
                title: "Заходи".into(),
                sheet: "Заходи".into(),
                paragraphs: Vec::new(),
                table: Some(Table {
                    columns: &COLUMNS,
                    rows: vec![row; MAX_ROWS + 1],
                }),
            }],
            signature: Signature {
                position: String::new(),
                name: String::new(),
            },
            landscape: true,
        };
        let refused = render(&doc).expect_err("too large");
        assert_eq!(refused.code(), shared::ErrorCode::DocumentTooLarge);
    }
}
