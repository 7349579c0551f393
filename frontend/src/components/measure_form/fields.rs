//! Pieces every form field uses: its error message and the "on the server / your value" comparison.

use super::state::{Field, FieldErrors, Form, FormValues, Msg};
use crate::i18n::{use_i18n, K};
use leptos::prelude::*;

/// Which values are shown beside the fields for comparison after a version conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BesideKind {
    /// The server's current values, while the form still holds the user's.
    Server,
    /// The user's own values, after the form was loaded with the server's.
    Mine,
    /// The measure as my organisation's draft proposal now has it, while the form holds the user's.
    Draft,
}

/// What the parts of the form share.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: Form,
    /// Errors from the last save attempt (the shared rules or the server), by field.
    pub errors: RwSignal<FieldErrors>,
    pub beside: RwSignal<Option<(BesideKind, FormValues)>>,
}

impl FormCtx {
    /// The message to show for a field: a live one first, else one from the last save attempt.
    pub fn error_memo(
        self,
        field: Field,
        live: impl Fn() -> Option<Msg> + Send + Sync + 'static,
    ) -> Memo<Option<Msg>> {
        let errors = self.errors;
        Memo::new(move |_| {
            live().or_else(|| {
                errors.with(|es| es.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
            })
        })
    }

    /// Forgets the last save attempt's errors for a field once the user changes it.
    pub fn touched(self, field: Field) {
        if self
            .errors
            .with_untracked(|es| es.iter().any(|(f, _)| *f == field))
        {
            self.errors.update(|es| es.retain(|(f, _)| *f != field));
        }
    }
}

/// `aria-describedby` of a field: its error (when there is one) and any hints.
pub fn described_by(
    field: Field,
    error: Memo<Option<Msg>>,
    hints: &'static [&'static str],
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let mut ids: Vec<String> = hints.iter().map(|h| (*h).to_string()).collect();
        if error.with(Option::is_some) {
            ids.push(format!("{}-error", field.dom_id()));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The error text of a field, at `{id}-error`, only while there is an error.
#[component]
pub fn FieldError(field: Field, error: Memo<Option<Msg>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{}-error", field.dom_id());
    move || {
        error.get().map(|m| {
            view! {
                <span class="field-error" id=id.clone()>
                    <span aria-hidden="true">"⚠ "</span>
                    {move || m.text(i18n.lang())}
                </span>
            }
        })
    }
}

/// The compared value beside a field, when it differs from what the field holds.
#[component]
pub fn Beside(
    ctx: FormCtx,
    /// The field's comparable value in a snapshot.
    of: impl Fn(&FormValues) -> String + Send + Sync + 'static,
    /// The field's comparable value now (tracked).
    now: Signal<String>,
    /// How to show a value to the user (e.g. a task's label for its id).
    #[prop(optional)]
    show: Option<Callback<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        ctx.beside.with(|b| {
            let (kind, values) = b.as_ref()?;
            let other = of(values);
            if other == now.get() {
                return None;
            }
            let label = match kind {
                BesideKind::Server => K::OnServer,
                BesideKind::Mine => K::YourValue,
                BesideKind::Draft => K::InDraft,
            };
            let shown = if other.trim().is_empty() {
                K::Empty.text(lang).to_string()
            } else {
                show.map_or_else(|| other.clone(), |f| f.run(other.clone()))
            };
            Some(view! {
                <span class="beside">
                    <span class="beside-label">{label.text(lang)}": "</span>
                    <span class="beside-value">{shown}</span>
                </span>
            })
        })
    }
}
