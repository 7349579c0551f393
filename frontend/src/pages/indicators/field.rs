//! One typed field of the page's forms: its label, an optional hint, and the error of its field (from the shared check or the server) tied to it for screen readers.

use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::Text;

/// Errors of a form, by the field name the server uses (`status_rule.at_risk`).
pub type FieldErrors = RwSignal<Vec<(&'static str, Text)>>;

#[component]
pub fn TextField(
    id: &'static str,
    /// The request's field name, which `errors` are keyed by.
    field: &'static str,
    label: K,
    /// Shown under the field as `{id}-hint`.
    #[prop(optional)]
    hint: Option<K>,
    /// A hint elsewhere that describes this field too (e.g. one for a whole fieldset).
    #[prop(optional)]
    described_by: Option<&'static str>,
    inputmode: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| {
        errors.with(|es| es.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids: Vec<&str> = described_by.into_iter().collect();
            if hint.is_some() {
                ids.push(&hint_id);
            }
            if error.with(Option::is_some) {
                ids.push(&error_id);
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <input
                type="text"
                inputmode=inputmode
                autocomplete="off"
                id=id
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.update(|es| es.retain(|(f, _)| *f != field));
                }
                // A field emptied by some tools says so only by `change`.
                on:change=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <span class="hint field-hint" id=hint_id>{t(h)}</span> })}
            <span class="field-error" id=error_id>
                {move || error.get().map(|m| view! {
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                })}
            </span>
        </div>
    }
}
