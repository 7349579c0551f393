//! A labelled text input with an optional hint and its error at `{id}-error`, for the short forms
//! (own password, new account).

use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::Text;

/// The errors of a short form, by field id; the field shows its own.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<(&'static str, Text)>>);

impl FieldErrors {
    pub fn new() -> Self {
        FieldErrors(RwSignal::new(Vec::new()))
    }

    /// The error of a field (tracked).
    pub fn get(self, id: &str) -> Option<Text> {
        self.0
            .with(|es| es.iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))
    }

    /// Replaces every error with this one and focuses its field.
    pub fn show(self, id: &'static str, message: Text) {
        self.0.set(vec![(id, message)]);
        // After the view has drawn the message.
        request_animation_frame(move || focus(id));
    }

    pub fn clear(self) {
        self.0.set(Vec::new());
    }

    /// Forgets a field's error once the user changes it.
    pub fn forget(self, id: &str) {
        if self.0.with_untracked(|es| es.iter().any(|(f, _)| *f == id)) {
            self.0.update(|es| es.retain(|(f, _)| *f != id));
        }
    }
}

impl Default for FieldErrors {
    fn default() -> Self {
        Self::new()
    }
}

/// Moves the keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// `<label>`, `<input>`, the hint and the error, all tied together for assistive technology.
#[component]
pub fn TextField(
    id: &'static str,
    label: Signal<&'static str>,
    /// `text` or `password`.
    #[prop(default = "text")]
    input_type: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(optional)] hint: Option<K>,
    /// No automatic capitals or spell-checking (logins, passwords).
    #[prop(optional)]
    verbatim: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_error = move || errors.get(id).is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if has_error() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                type=input_type
                id=id
                name=id
                autocomplete=autocomplete
                autocapitalize=verbatim.then_some("none")
                spellcheck=verbatim.then_some("false")
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.forget(id);
                }
            />
            {hint.map(|h| view! { <p class="hint field-hint" id=hint_id.clone()>{t(h)}</p> })}
            {move || errors.get(id).map(|m| view! {
                <span class="field-error" id=error_id.clone()>
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                </span>
            })}
        </div>
    }
}
