//! Amounts in thousand UAH, formatted as in the official tables and following the language switch.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::amount::format_thousands;
use shared::Amount;

/// An amount such as `789 460,0`.
#[component]
pub fn Money(amount: Amount) -> impl IntoView {
    let i18n = use_i18n();
    move || amount.format(i18n.lang())
}

/// An exact figure that may be negative, such as a remainder: `-1 234,5`.
#[component]
pub fn Figure(value: Decimal) -> impl IntoView {
    let i18n = use_i18n();
    move || format_thousands(value, i18n.lang())
}
