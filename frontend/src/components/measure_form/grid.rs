//! The editable budget grid: a cell per year and source, checked as typed, totals updated live.

use super::fields::{described_by, Beside, FieldError, FormCtx};
use super::state::{cell_dom_id, cell_index, Field, FormValues, Msg};
use crate::components::source_table::{totals_foot, YearSourceHead};
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::{Amount, FundingSource, Year};

/// Compares cells as amounts, so `12` and `12,0` count as the same value.
fn comparable(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        Amount::parse_line(text).map_or_else(|_| text.trim().to_string(), |a| a.to_string())
    }
}

#[component]
pub fn BudgetGridInput(ctx: FormCtx) -> impl IntoView {
    let i18n = use_i18n();
    let form = ctx.form;

    let rows = Year::all()
        .map(|year| {
            view! {
                <Show when=move || form.year_visible(year)>
                    <GridRow ctx=ctx year=year/>
                </Show>
            }
        })
        .collect_view();

    let footer = FundingSource::ALL
        .into_iter()
        .map(|s| {
            view! {
                <td class="num total" id=format!("col-total-{}", s.as_str())>
                    {move || form.column_total(s).format(i18n.lang())}
                </td>
            }
        })
        .collect_view();
    let grand = view! {
        <td class="num total grand-total" id="grid-total" aria-live="polite">
            {move || form.grand_total().format(i18n.lang())}
        </td>
    };

    view! {
        <fieldset class="grid-fieldset">
            <legend>{t(K::BudgetTitle)}</legend>
            <p class="hint" id="grid-hint">{t(K::BudgetHint)}</p>
            <div class="table-scroll">
                <table class="data-table budget-grid" id="budget-grid">
                    <YearSourceHead id_prefix="col-"/>
                    <tbody>{rows}</tbody>
                    {totals_foot(footer, grand)}
                </table>
            </div>
            <Show when=move || form.hidden_filled_cells()>
                <p class="hint warning" id="grid-hidden-cells">
                    <span aria-hidden="true">"ℹ "</span>
                    {t(K::HiddenCellsIgnored)}
                </p>
            </Show>
        </fieldset>
    }
}

#[component]
fn GridRow(ctx: FormCtx, year: Year) -> impl IntoView {
    let i18n = use_i18n();
    let form = ctx.form;
    let cells = FundingSource::ALL
        .into_iter()
        .map(|source| view! { <GridCellInput ctx=ctx year=year source=source/> })
        .collect_view();
    view! {
        <tr>
            <th scope="row" id=format!("row-{year}")>{year.to_string()}</th>
            {cells}
            <td class="num total" id=format!("row-total-{year}")>
                {move || form.row_total(year).format(i18n.lang())}
            </td>
        </tr>
    }
}

#[component]
fn GridCellInput(ctx: FormCtx, year: Year, source: FundingSource) -> impl IntoView {
    let i18n = use_i18n();
    let index = cell_index(year, source);
    let field = Field::Cell(index);
    let cell = ctx.form.cells[index];
    let form = ctx.form;
    let error = ctx.error_memo(field, move || form.cell_error(index).map(Msg::Code));
    let label = source.label();
    let aria_label = move || {
        let lang = i18n.lang();
        format!(
            "{}, {}, {year}, {}",
            K::AmountFor.text(lang),
            label.get(lang),
            K::ThousandUah.text(lang)
        )
    };
    let now = Signal::derive(move || cell.with(|s| comparable(s)));
    // Compared values are plain decimals; shown in the interface language.
    let show =
        Callback::new(move |v: String| Amount::parse(&v).map_or(v, |a| a.format(i18n.lang())));
    let of = move |v: &FormValues| comparable(v.cells.get(index).map_or("", String::as_str));
    view! {
        <td class="cell" class:invalid=move || error.with(Option::is_some)>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                class="cell-input"
                id=cell_dom_id(year, source)
                data-year=year.to_string()
                data-source=source.as_str()
                aria-label=aria_label
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(field, error, &["grid-hint"])
                prop:value=move || cell.get()
                on:input=move |ev| {
                    cell.set(event_target_value(&ev));
                    ctx.touched(field);
                }
            />
            <FieldError field=field error=error/>
            <Beside ctx=ctx of=of now=now show=show/>
        </td>
    }
}
