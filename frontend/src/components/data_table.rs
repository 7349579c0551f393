//! A scrolling data table: its caption (or the heading that names it), a header row, the body rows.

use crate::components::source_table::column_heads;
use crate::i18n::{t, K};
use leptos::prelude::*;

#[component]
pub fn DataTable(
    #[prop(into)] id: String,
    /// Classes beside `data-table`.
    #[prop(optional)]
    class: &'static str,
    /// The caption; visible unless `caption_hidden`.
    #[prop(optional)]
    caption: Option<K>,
    #[prop(optional)] caption_hidden: bool,
    /// The id of a heading that names the table instead of a caption.
    #[prop(optional, into)]
    labelled_by: Option<String>,
    /// `(label, numeric)` per column.
    columns: Vec<(K, bool)>,
    /// Header cells after `columns` (e.g. optional ones).
    #[prop(optional)]
    extra_heads: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    let caption = caption.map(|c| {
        view! { <caption class=caption_hidden.then_some("visually-hidden")>{t(c)}</caption> }
    });
    view! {
        <div class="table-scroll">
            <table class=format!("data-table {class}") id=id aria-labelledby=labelled_by>
                {caption}
                <thead>
                    <tr>{column_heads(&columns)}{extra_heads}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
