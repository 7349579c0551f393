//! "Завантажити: XLSX · CSV (;) · CSV (,)" beside a table: the table as the page shows it, with the page's filters, in the interface's language.

use crate::api;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::exports::{CsvSeparator, ExportTable};

/// Links to the table's files; `filters` is the page's query (`year=2027&org=12`).
#[component]
pub fn ExportLinks(table: ExportTable, #[prop(into)] filters: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let href = move |format: &'static str, sep: Option<CsvSeparator>| {
        api::export_url(table, format, &filters.get(), i18n.lang(), sep)
    };
    let id = table.as_str();
    view! {
        <p class="export-links" id=format!("export-{id}")>
            <span class="export-label">{t(K::ExportDownload)}</span>
            <a href=move || href("xlsx", None) download="" class="export-xlsx"
               title=move || K::ExportXlsxHint.text(i18n.lang())>"XLSX"</a>
            <a href=move || href("csv", Some(CsvSeparator::Semicolon)) download="" class="export-csv"
               title=move || K::ExportCsvSemicolonHint.text(i18n.lang())>"CSV (;)"</a>
            <a href=move || href("csv", Some(CsvSeparator::Comma)) download="" class="export-csv-comma"
               title=move || K::ExportCsvCommaHint.text(i18n.lang())>"CSV (,)"</a>
        </p>
    }
}
