//! `*`: the page for an unknown address.

use crate::i18n::{t, K};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page not-found" id="not-found">
            <h1>{t(K::NotFoundTitle)}</h1>
            <p>{t(K::NotFoundText)}</p>
            <p><a href="/" class="btn btn-secondary">{t(K::GoHome)}</a></p>
        </section>
    }
}
