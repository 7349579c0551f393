//! Amounts in thousand UAH as table cells show them: one decimal, the exact figure in a tooltip where that hides something.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::amount::{exact_if_rounded, format_table};
use shared::Amount;

/// An amount such as `789 460,0` (`43,9` with the title `43,912`).
#[component]
pub fn Money(amount: Amount) -> impl IntoView {
    view! { <Figure value=amount.decimal()/> }
}

/// An exact figure that may be negative, such as a remainder: `-1 234,5`.
#[component]
pub fn Figure(value: Decimal) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="amount" title=move || exact_if_rounded(value, i18n.lang())>
            {move || format_table(value, i18n.lang())}
        </span>
    }
}
