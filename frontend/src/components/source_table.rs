//! The frame the tables share: header cells, and for years × funding sources a column per source,
//! a total column and a total row.

use crate::components::amount::Money;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::{BudgetGrid, FundingSource};

/// A header cell per funding source, then the "Total" header; `id_prefix` gives each source's
/// header the id `{id_prefix}{source}`.
pub fn source_header_cells(id_prefix: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let by_source = FundingSource::ALL
        .into_iter()
        .map(|s| {
            let label = s.label();
            let id = id_prefix.map(|prefix| format!("{prefix}{}", s.as_str()));
            view! { <th scope="col" class="num" id=id>{move || i18n.text(&label)}</th> }
        })
        .collect_view();
    view! {
        {by_source}
        <th scope="col" class="num">{t(K::Total)}</th>
    }
}

/// A header cell per column, `(label, numeric)`: numeric columns are right-aligned.
pub fn column_heads(columns: &[(K, bool)]) -> impl IntoView {
    columns
        .iter()
        .map(|&(label, numeric)| {
            view! { <th scope="col" class=numeric.then_some("num")>{t(label)}</th> }
        })
        .collect_view()
}

/// The `<thead>` of a table with a row per year: "Year", a column per source, "Total".
#[component]
pub fn YearSourceHead(
    /// Gives each source's header the id `{id_prefix}{source}`.
    #[prop(optional)]
    id_prefix: Option<&'static str>,
) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{t(K::Year)}</th>
                {source_header_cells(id_prefix)}
            </tr>
        </thead>
    }
}

/// The `<tfoot>` of a table with a row per year: "Total", the per-source totals, the grand total.
pub fn totals_foot(by_source: impl IntoView, grand: impl IntoView) -> impl IntoView {
    view! {
        <tfoot>
            <tr>
                <th scope="row">{t(K::Total)}</th>
                {by_source}
                {grand}
            </tr>
        </tfoot>
    }
}

/// A total cell per funding source of a budget.
pub fn source_total_cells(grid: &BudgetGrid) -> impl IntoView {
    FundingSource::ALL
        .into_iter()
        .map(|s| view! { <td class="num total"><Money amount=grid.source_total(s)/></td> })
        .collect_view()
}
