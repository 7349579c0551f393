//! A read-only budget table: years × the four funding sources, with row, column and grand totals.

use crate::components::amount::Money;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::{BudgetGrid, FundingSource, Year};

#[component]
pub fn BudgetTable(
    grid: BudgetGrid,
    years: Vec<Year>,
    /// The table's id; cells get `{id}-{year}-{source}`.
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let header = FundingSource::ALL
        .into_iter()
        .map(|s| {
            let label = s.label();
            view! { <th scope="col" class="num">{move || i18n.text(&label)}</th> }
        })
        .collect_view();
    let rows = years
        .iter()
        .map(|&year| {
            let cells = FundingSource::ALL
                .into_iter()
                .map(|s| {
                    let cell_id = format!("{id}-{year}-{}", s.as_str());
                    view! { <td class="num" id=cell_id><Money amount=grid.get(year, s)/></td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{year.to_string()}</th>
                    {cells}
                    <td class="num total"><Money amount=grid.year_total(year)/></td>
                </tr>
            }
        })
        .collect_view();
    let footer = FundingSource::ALL
        .into_iter()
        .map(|s| view! { <td class="num total"><Money amount=grid.source_total(s)/></td> })
        .collect_view();
    view! {
        <table class="data-table budget-table" id=id>
            <caption>{t(K::BudgetTitle)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(K::Year)}</th>
                    {header}
                    <th scope="col" class="num">{t(K::Total)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">{t(K::Total)}</th>
                    {footer}
                    <td class="num total" id=format!("{id}-total")><Money amount=grid.total()/></td>
                </tr>
            </tfoot>
        </table>
    }
}
