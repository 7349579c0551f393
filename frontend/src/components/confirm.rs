//! A button whose action is asked about first: "Delete?" → yes / cancel, in place.

use crate::i18n::{t, K};
use leptos::prelude::*;

/// `#{id}` opens the question `#{id}-question` with `#{id}-confirm` and `#{id}-cancel`.
#[component]
pub fn ConfirmButton(
    #[prop(into)] id: String,
    label: K,
    question: K,
    yes: K,
    /// What the confirming button says while the action runs.
    working: K,
    /// A destructive action (red) rather than an ordinary one.
    #[prop(optional)]
    danger: bool,
    /// Some write of the form is running: nothing can be started.
    busy: Signal<bool>,
    /// This action is running.
    pending: Signal<bool>,
    on_confirm: Callback<()>,
    /// The opening button's name for assistive technology, when its label alone is ambiguous
    /// (one per row of a table).
    #[prop(optional)]
    aria_label: Option<Signal<String>>,
    /// The opening button's classes instead of the usual ones (e.g. a quieter button in each
    /// row of a list; the question keeps its colours).
    #[prop(optional)]
    opener_class: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // Closes once the action has run (whatever the answer): the result is shown elsewhere.
    Effect::watch(
        move || pending.get(),
        move |now, before, _| {
            if !now && before == Some(&true) {
                open.set(false);
            }
        },
        false,
    );
    let class = opener_class.unwrap_or(if danger {
        "btn btn-danger"
    } else {
        "btn btn-secondary"
    });
    let confirm_class = if danger {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };
    let question_id = format!("{id}-question");
    let confirm_id = format!("{id}-confirm");
    let cancel_id = format!("{id}-cancel");
    let opener = move || {
        view! {
            <button
                type="button"
                id=id.clone()
                class=class
                disabled=busy
                aria-label=move || aria_label.map(|l| l.get())
                on:click=move |_| open.set(true)
            >
                {t(label)}
            </button>
        }
    };
    view! {
        <Show when=move || open.get() fallback=opener>
            <div class="confirm-box" class:confirm-danger=danger role="alertdialog" aria-labelledby=question_id.clone()>
                <p id=question_id.clone()>{t(question)}</p>
                <button
                    type="button"
                    id=confirm_id.clone()
                    class=confirm_class
                    disabled=busy
                    on:click=move |_| on_confirm.run(())
                >
                    {move || if pending.get() { t(working)() } else { t(yes)() }}
                </button>
                <button
                    type="button"
                    id=cancel_id.clone()
                    class="btn btn-secondary"
                    on:click=move |_| open.set(false)
                >
                    {t(K::Cancel)}
                </button>
            </div>
        </Show>
    }
}
