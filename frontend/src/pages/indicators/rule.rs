//! The department's inline editor of one indicator's status thresholds: checked with the shared rule before sending, the server's refusal shown at its field, a stale edit keeping what was typed.

use super::field::{FieldErrors, TextField};
use super::words::{build_rule, thresholds_text, AT_RISK_FIELD, ON_TRACK_FIELD};
use super::PageMessage;
use crate::api;
use crate::i18n::{in_both, t, use_i18n, K};
use crate::pages::report::labels::value_input;
use leptos::prelude::*;
use shared::api::indicators::{IndicatorEntry, SetStatusRule};
use shared::indicators::StatusRule;
use shared::{ApiErrorBody, ErrorCode, IndicatorId, Lang, Text};
use wasm_bindgen::JsCast;

/// The thresholds being edited (one indicator at a time), kept while its row is redrawn.
#[derive(Clone, Copy)]
pub struct RuleEdit {
    id: RwSignal<Option<IndicatorId>>,
    version: RwSignal<i32>,
    on_track: RwSignal<String>,
    at_risk: RwSignal<String>,
    /// Errors by field (`status_rule.on_track`, `status_rule.at_risk`).
    errors: FieldErrors,
    /// After a conflict: the thresholds on the server now (`None` inside: the defaults).
    server: RwSignal<Option<Option<StatusRule>>>,
    message: RwSignal<Option<Text>>,
    /// Sends the thresholds (`None`: back to the defaults). Owned by the table rather than the
    /// edit row, which goes away while the answer is handled.
    save: StoredValue<Option<Action<Option<StatusRule>, ()>>>,
}

impl RuleEdit {
    /// The editor of the page's list: an answer goes into `entries` and, once saved, `message`.
    pub fn new(entries: RwSignal<Vec<IndicatorEntry>>, message: PageMessage) -> Self {
        let edit = RuleEdit {
            id: RwSignal::new(None),
            version: RwSignal::new(0),
            on_track: RwSignal::new(String::new()),
            at_risk: RwSignal::new(String::new()),
            errors: RwSignal::new(Vec::new()),
            server: RwSignal::new(None),
            message: RwSignal::new(None),
            save: StoredValue::new(None),
        };
        let save = Action::new_local(move |wanted: &Option<StatusRule>| {
            let wanted = *wanted;
            let target = edit.id.get_untracked();
            let body = SetStatusRule {
                version: edit.version.get_untracked(),
                status_rule: wanted,
            };
            async move {
                if let Some(target) = target {
                    let outcome = api::set_status_rule(target, &body).await;
                    edit.answer(target, wanted, outcome, entries, message);
                }
            }
        });
        edit.save.set_value(Some(save));
        edit
    }

    /// The indicator being edited (tracked).
    pub fn editing(self) -> Option<IndicatorId> {
        self.id.get()
    }

    /// Starts editing with the indicator's thresholds as they are (the defaults when unset).
    pub fn open(self, entry: &IndicatorEntry, lang: Lang) {
        let rule = entry.indicator.rule();
        self.on_track.set(value_input(rule.on_track, lang));
        self.at_risk.set(value_input(rule.at_risk, lang));
        self.version.set(entry.version);
        self.errors.set(Vec::new());
        self.server.set(None);
        self.message.set(None);
        self.id.set(Some(entry.indicator.id));
        focus("rule-on-track".to_string());
    }

    fn close(self) {
        self.id.set(None);
        self.errors.set(Vec::new());
        self.server.set(None);
        self.message.set(None);
    }

    fn pending(self) -> bool {
        self.save
            .get_value()
            .is_some_and(|save| save.pending().get())
    }

    fn send(self, wanted: Option<StatusRule>) {
        if let Some(save) = self.save.get_value() {
            save.dispatch(wanted);
        }
    }

    /// What the server said: saved (the row shows it, the editor closes), a conflict (the
    /// current thresholds beside what was typed, which stays), or a refusal at its field.
    fn answer(
        self,
        id: IndicatorId,
        wanted: Option<StatusRule>,
        outcome: Result<IndicatorEntry, ApiErrorBody>,
        entries: RwSignal<Vec<IndicatorEntry>>,
        message: PageMessage,
    ) {
        match outcome {
            Ok(saved) => {
                let code = saved.code.clone();
                let done = if wanted.is_some() {
                    K::IndThresholdsSaved
                } else {
                    K::IndThresholdsReset
                };
                let rule = saved.indicator.status_rule;
                message.saved(
                    id,
                    in_both(|lang| {
                        format!(
                            "{code}: {} {}",
                            done.text(lang),
                            thresholds_text(rule, lang)
                        )
                    }),
                );
                if self.id.get_untracked() == Some(id) {
                    self.close();
                }
                replace(entries, saved);
                focus(format!("edit-rule-{code}"));
            }
            Err(e) if e.code == ErrorCode::VersionConflict => {
                match e
                    .current
                    .and_then(|c| serde_json::from_value::<IndicatorEntry>(c).ok())
                {
                    Some(current) => {
                        // The next save is made against what is there now, with what was typed.
                        self.version.set(current.version);
                        self.server.set(Some(current.indicator.status_rule));
                        self.message.set(Some(K::IndThresholdsConflict.both()));
                        replace(entries, current);
                    }
                    None => self.message.set(Some(e.message)),
                }
            }
            Err(e) => {
                let field = match e.field.as_deref() {
                    Some(ON_TRACK_FIELD) => Some(ON_TRACK_FIELD),
                    Some(AT_RISK_FIELD) => Some(AT_RISK_FIELD),
                    _ => None,
                };
                match field {
                    Some(field) => {
                        self.errors.set(vec![(field, e.message)]);
                        self.message.set(Some(K::ServerRefused.both()));
                    }
                    None => self.message.set(Some(e.message)),
                }
            }
        }
    }
}

/// Focuses an element once the view that holds it is drawn.
fn focus(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Puts a changed indicator in the list in place of the old one.
fn replace(entries: RwSignal<Vec<IndicatorEntry>>, changed: IndicatorEntry) {
    entries.update(|all| {
        if let Some(slot) = all
            .iter_mut()
            .find(|e| e.indicator.id == changed.indicator.id)
        {
            *slot = changed;
        }
    });
}

#[component]
pub fn RuleEditRow(entry: IndicatorEntry, edit: RuleEdit, columns: usize) -> impl IntoView {
    let i18n = use_i18n();
    let id = entry.indicator.id;
    let code = entry.code.clone();
    let name = entry.indicator.name.clone();
    let pending = move || edit.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        edit.message.set(None);
        match build_rule(
            &edit.on_track.get_untracked(),
            &edit.at_risk.get_untracked(),
        ) {
            Ok(rule) => {
                edit.errors.set(Vec::new());
                edit.send(Some(rule));
            }
            Err(errors) => {
                edit.errors
                    .set(errors.into_iter().map(|(f, c)| (f, c.message())).collect());
                edit.message.set(Some(K::FixErrors.both()));
            }
        }
    };
    let reset = move |_| {
        edit.message.set(None);
        edit.errors.set(Vec::new());
        edit.send(None);
    };
    let cancel = {
        let code = code.clone();
        move |_| {
            edit.close();
            focus(format!("edit-rule-{code}"));
        }
    };
    let server = move || {
        edit.server.get().map(|rule| {
            view! {
                <p class="beside" id="rule-server">
                    <span class="beside-label">{t(K::OnServer)}": "</span>
                    {move || thresholds_text(rule, i18n.lang())}
                </p>
            }
        })
    };
    let legend = move || {
        format!(
            "{}: {code} · {}",
            K::IndThresholdsCol.text(i18n.lang()),
            name.get(i18n.lang())
        )
    };
    view! {
        <tr class="rule-edit-row" id="rule-edit" data-indicator-id=id.to_string()>
            <td colspan=columns>
                <form class="rule-form" novalidate on:submit=on_submit>
                    <fieldset class="rule-fieldset">
                        <legend>{legend}</legend>
                        <p class="hint" id="rule-hint">{t(K::IndThresholdsHint)}</p>
                        <div class="rule-fields">
                            <TextField
                                id="rule-on-track"
                                field=ON_TRACK_FIELD
                                label=K::IndOnTrackFrom
                                described_by="rule-hint"
                                inputmode="decimal"
                                value=edit.on_track
                                errors=edit.errors
                            />
                            <TextField
                                id="rule-at-risk"
                                field=AT_RISK_FIELD
                                label=K::IndAtRiskFrom
                                described_by="rule-hint"
                                inputmode="decimal"
                                value=edit.at_risk
                                errors=edit.errors
                            />
                        </div>
                        {server}
                        <div class="form-actions">
                            <button type="submit" class="btn btn-primary btn-small" id="rule-save" disabled=pending>
                                {move || if pending() { t(K::Saving)() } else { t(K::IndSaveThresholds)() }}
                            </button>
                            <button type="button" class="btn btn-secondary btn-small" id="rule-reset" disabled=pending on:click=reset>
                                {t(K::IndResetThresholds)}
                            </button>
                            <button type="button" class="btn btn-link btn-small" id="rule-cancel" on:click=cancel>
                                {t(K::Cancel)}
                            </button>
                        </div>
                        <p class="form-message error" id="rule-status" role="status">
                            {move || edit.message.get().map(|m| view! { <span>{move || i18n.text(&m)}</span> })}
                        </p>
                    </fieldset>
                </form>
            </td>
        </tr>
    }
}
