//! The "loading…" indicator shown while a resource is on its way.

use crate::i18n::{t, K};
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {t(K::Loading)}
        </p>
    }
}
