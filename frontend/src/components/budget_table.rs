//! A read-only budget table: years × the four funding sources, with row, column and grand totals.

use crate::components::amount::Money;
use crate::components::source_table::{source_total_cells, totals_foot, YearSourceHead};
use crate::i18n::{t, K};
use leptos::prelude::*;
use shared::{BudgetGrid, FundingSource, Year};

#[component]
pub fn BudgetTable(
    grid: BudgetGrid,
    years: Vec<Year>,
    /// The table's id; cells get `{id}-{year}-{source}`.
    id: &'static str,
) -> impl IntoView {
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
    let grand = view! {
        <td class="num total" id=format!("{id}-total")><Money amount=grid.total()/></td>
    };
    view! {
        <table class="data-table budget-table" id=id>
            <caption>{t(K::BudgetTitle)}</caption>
            <YearSourceHead/>
            <tbody>{rows}</tbody>
            {totals_foot(source_total_cells(&grid), grand)}
        </table>
    }
}
