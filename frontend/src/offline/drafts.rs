//! Local drafts: what a form holds is kept on the device as it is typed (one draft per person and
//! thing, with the version it was based on inside), survives a reload, a closed tab and a lost
//! connection, is offered back when the page opens again, and goes once the server has it.

use super::storage;
use crate::i18n::{t, K};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use shared::UserId;

/// A draft as stored: when it was last typed in, and the form's values (with their base version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored<T> {
    pub at: f64,
    pub values: T,
}

/// Where one person's draft of one thing is kept: `obriy.draft.{user}.{object}`, the object as
/// [`super::queue::Save::object`] names it (`report.12.2026-Q3`, `measure.41`).
pub fn key(user: UserId, object: &str) -> String {
    format!("obriy.draft.{user}.{object}")
}

pub fn discard(key: &str) {
    storage::remove(key);
}

/// A form's draft: kept as the form changes, and the stored one waiting for the user's answer.
pub struct Draft<T: Send + Sync + 'static> {
    key: StoredValue<String>,
    /// A stored draft offered back (restore or discard); nothing is written while it waits.
    pub offer: RwSignal<Option<Stored<T>>>,
    /// Set once the form has loaded and the stored draft was looked at: only then does what
    /// the form holds replace it.
    armed: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T> Draft<T>
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    /// Keeps `values` (tracked; `None` while the form is not there) under `key` whenever they
    /// change; values the server already has (`pristine`) leave no draft.
    pub fn keep(
        key: String,
        values: impl Fn() -> Option<T> + 'static,
        pristine: impl Fn(&T) -> bool + 'static,
    ) -> Self {
        let draft = Draft {
            key: StoredValue::new(key),
            offer: RwSignal::new(None),
            armed: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let Some(values) = values() else {
                return;
            };
            if !draft.armed.get() || draft.offer.with(Option::is_some) {
                return;
            }
            let key = draft.key.get_value();
            if pristine(&values) {
                storage::remove(&key);
            } else {
                let at = storage::now_ms();
                storage::set(&key, &Stored { at, values });
            }
        });
        draft
    }

    /// The stored draft, if any.
    pub fn stored(self) -> Option<Stored<T>> {
        storage::get(&self.key.get_value())
    }

    /// When the form has loaded: offers the stored draft back if it holds something else than
    /// what the form shows (`differs`); one that does not is forgotten.
    pub fn offer_if_newer(self, differs: impl Fn(&T) -> bool) {
        match self.stored() {
            Some(stored) if differs(&stored.values) => self.offer.set(Some(stored)),
            Some(_) => self.discard(),
            None => {}
        }
        self.arm();
    }

    /// From now on the form's values are kept (the stored draft has been dealt with).
    pub fn arm(self) {
        self.armed.set(true);
    }

    pub fn discard(self) {
        self.offer.set(None);
        discard(&self.key.get_value());
    }

    /// "У вас є незбережені зміни від 14:32 — Відновити / Відкинути" while a draft is offered.
    pub fn offer_view(self, restore: Callback<T>) -> impl IntoView {
        move || {
            self.offer.get().map(|stored| {
                let at = stored.at;
                let values = StoredValue::new(stored.values);
                view! {
                    <div class="notice notice-warn draft-offer" id="draft-offer" role="status">
                        <p>
                            {t(K::DraftFound)}" "
                            <strong id="draft-time">{when(at)}</strong>
                        </p>
                        <p class="draft-actions">
                            <button
                                type="button"
                                id="draft-restore"
                                class="btn btn-primary btn-small"
                                on:click=move |_| {
                                    restore.run(values.get_value());
                                    self.offer.set(None);
                                }
                            >
                                {t(K::DraftRestore)}
                            </button>
                            " "
                            <button
                                type="button"
                                id="draft-discard"
                                class="btn btn-secondary btn-small"
                                on:click=move |_| self.discard()
                            >
                                {t(K::DraftDiscard)}
                            </button>
                        </p>
                    </div>
                }
            })
        }
    }
}

/// "14:32" today, else "03.12.2026, 14:32" (the device's time zone: it is the device's draft).
pub fn when(at: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at));
    let today = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day {
        time
    } else {
        format!(
            "{:02}.{:02}.{}, {time}",
            date.get_date(),
            date.get_month() + 1,
            date.get_full_year()
        )
    }
}
