//! The department's decision: a verdict (and a reason) per pending line, the text of the new plan
//! version, the confirmation of going beyond the funding envelope, and the errors the shared rules
//! or the API name (`lines[1].reason`) shown where they belong, all at once, with a summary at
//! the button whose links take the focus to each field (GOV.UK's error summary).

use super::envelope::EnvelopeConfirm;
use crate::components::changes::describe_change;
use crate::components::measure_history::Names;
use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use shared::api::proposals::{Decide, LineDecision, ProposalLine, Verdict, REASON_MAX};
use shared::grid::EnvelopeCell;
use shared::Text;
use std::collections::BTreeMap;

/// Where an error is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Beside one line's verdict, by line id.
    Line(i32),
    Decision,
    /// The district's reason for returning the whole proposal.
    ReturnReason,
    /// Why the decision goes beyond the funding envelope.
    OverEnvelope,
    /// Above the actions.
    General,
}

impl Target {
    /// The field an error summary's link focuses (none for a general error).
    fn field_id(self) -> Option<String> {
        match self {
            Target::Line(id) => Some(format!("reason-{id}")),
            Target::Decision => Some("decision-uk".to_string()),
            Target::OverEnvelope => Some(super::envelope::REASON_ID.to_string()),
            Target::ReturnReason => Some("return-reason".to_string()),
            Target::General => None,
        }
    }
}

/// Where the decision form's error summary is, to focus it.
pub const SUMMARY_ID: &str = "decide-errors";

/// Maps a field path of the decide request back to the page; `sent[i]` is the line id of `lines[i]`.
pub fn target_of(field: &str, sent: &[i32]) -> Target {
    if field.starts_with("decision") {
        return Target::Decision;
    }
    if field == "over_envelope_reason" {
        return Target::OverEnvelope;
    }
    field
        .strip_prefix("lines[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(i, _)| i.parse::<usize>().ok())
        .and_then(|i| sent.get(i))
        .map_or(Target::General, |&id| Target::Line(id))
}

/// The request for the lines that have a verdict, in the order shown, and their ids in that order.
pub fn build_decide(
    version: i32,
    order: &[i32],
    verdicts: &BTreeMap<i32, Verdict>,
    reasons: &BTreeMap<i32, String>,
    decision: Text,
    over_envelope_reason: &str,
) -> (Decide, Vec<i32>) {
    let lines: Vec<LineDecision> = order
        .iter()
        .filter_map(|id| {
            verdicts.get(id).map(|&verdict| LineDecision {
                line_id: *id,
                verdict,
                reason: match verdict {
                    Verdict::Approve => String::new(),
                    _ => reasons
                        .get(id)
                        .map(|r| r.trim().to_string())
                        .unwrap_or_default(),
                },
            })
        })
        .collect();
    let sent = lines.iter().map(|l| l.line_id).collect();
    let decision = Text::new(decision.uk.trim(), decision.en.trim());
    (
        Decide {
            version,
            decision,
            lines,
            over_envelope_reason: over_envelope_reason.trim().to_string(),
        },
        sent,
    )
}

/// What the decision form holds; it lives with the page, so a refetch keeps what was chosen.
#[derive(Clone, Copy)]
pub struct DecideForm {
    pub verdicts: RwSignal<BTreeMap<i32, Verdict>>,
    pub reasons: RwSignal<BTreeMap<i32, String>>,
    pub decision_uk: RwSignal<String>,
    pub decision_en: RwSignal<String>,
    /// Why the department goes beyond the funding envelope.
    pub over_reason: RwSignal<String>,
    /// The cells the server said the last decision sent would take beyond the envelope.
    pub breaches: RwSignal<Vec<EnvelopeCell>>,
    pub errors: RwSignal<Vec<(Target, Text)>>,
}

impl DecideForm {
    pub fn new() -> Self {
        DecideForm {
            verdicts: RwSignal::new(BTreeMap::new()),
            reasons: RwSignal::new(BTreeMap::new()),
            decision_uk: RwSignal::new(String::new()),
            decision_en: RwSignal::new(String::new()),
            over_reason: RwSignal::new(String::new()),
            breaches: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// Shows every error of a decision at its field and in the summary at the button, and moves
    /// the focus to the summary.
    pub fn show_errors(self, errors: Vec<(Target, Text)>) {
        self.errors.set(errors);
        request_animation_frame(|| crate::components::field::focus(SUMMARY_ID));
    }

    /// The error shown at a target (tracked).
    pub fn error(self, target: Target) -> Option<Text> {
        self.errors.with(|es| {
            es.iter()
                .find(|(t, _)| *t == target)
                .map(|(_, m)| m.clone())
        })
    }

    pub fn forget(self, target: Target) {
        if self
            .errors
            .with_untracked(|es| es.iter().any(|(t, _)| *t == target))
        {
            self.errors.update(|es| es.retain(|(t, _)| *t != target));
        }
    }

    pub fn clear(self) {
        self.verdicts.set(BTreeMap::new());
        self.reasons.set(BTreeMap::new());
        self.decision_uk.set(String::new());
        self.decision_en.set(String::new());
        self.over_reason.set(String::new());
        self.breaches.set(Vec::new());
        self.errors.set(Vec::new());
    }

    /// The verdicts changed: what the server said about the last decision no longer applies.
    fn verdicts_changed(self) {
        if self.breaches.with_untracked(|b| !b.is_empty()) {
            self.breaches.set(Vec::new());
            self.forget(Target::OverEnvelope);
        }
    }

    /// Whether any line is to be approved (tracked).
    pub fn approving(self) -> bool {
        self.verdicts
            .with(|v| v.values().any(|v| *v == Verdict::Approve))
    }
}

/// A field's error text at `{id}-error`, only while there is one.
pub fn error_text(form: DecideForm, target: Target, id: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        form.error(target).map(|m| {
            view! {
                <span class="field-error" id=id.clone()>
                    <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                </span>
            }
        })
    }
}

/// The decision cell of a pending line: later / approve / return / reject, and a reason.
#[component]
pub fn VerdictCell(line: ProposalLine, form: DecideForm, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let id = line.id;
    let conflict = line.conflict.is_some();
    let change = line.change.clone();
    let what = move || names.with(|n| describe_change(&change, n, i18n.lang()).what);
    let chosen = move || form.verdicts.with(|v| v.get(&id).copied());
    let choice = move |verdict: Option<Verdict>, key: &'static str, label: K| {
        let input_id = format!("verdict-{id}-{key}");
        let label_for = input_id.clone();
        let disabled = conflict && verdict == Some(Verdict::Approve);
        view! {
            <label class="verdict-choice" class:disabled=disabled for=label_for>
                <input
                    type="radio"
                    id=input_id
                    name=format!("verdict-{id}")
                    value=key
                    disabled=disabled
                    prop:checked=move || chosen() == verdict
                    on:change=move |_| {
                        form.verdicts.update(|v| match verdict {
                            Some(verdict) => {
                                v.insert(id, verdict);
                            }
                            None => {
                                v.remove(&id);
                            }
                        });
                        form.forget(Target::Line(id));
                        form.verdicts_changed();
                    }
                />
                " "{t(label)}
            </label>
        }
    };
    let needs_reason = move || matches!(chosen(), Some(Verdict::Return | Verdict::Reject));
    let reason_id = format!("reason-{id}");
    let error_id = format!("reason-{id}-error");
    let has_error = move || form.error(Target::Line(id)).is_some();
    view! {
        <td class="line-decide">
            <fieldset class="verdict" id=format!("verdict-{id}") aria-describedby=move || has_error().then(|| format!("reason-{id}-error"))>
                <legend class="visually-hidden">{t(K::VerdictLabel)}": "{what}</legend>
                {choice(None, "none", K::VerdictNone)}
                {choice(Some(Verdict::Approve), "approve", K::VerdictApprove)}
                {choice(Some(Verdict::Return), "return", K::VerdictReturn)}
                {choice(Some(Verdict::Reject), "reject", K::VerdictReject)}
            </fieldset>
            {conflict.then(|| view! { <p class="hint warning">{t(K::ConflictsNote)}</p> })}
            <Show when=needs_reason>
                <div class="field">
                    <label for=reason_id.clone()>{t(K::ReasonLabel)}" "<span class="required">"("{t(K::Required)}")"</span></label>
                    <textarea
                        id=reason_id.clone()
                        rows="2"
                        maxlength=REASON_MAX
                        aria-required="true"
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || has_error().then(|| format!("reason-{id}-error"))
                        prop:value=move || form.reasons.with(|r| r.get(&id).cloned().unwrap_or_default())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            form.reasons.update(|r| {
                                r.insert(id, text);
                            });
                            form.forget(Target::Line(id));
                        }
                    ></textarea>
                </div>
            </Show>
            {error_text(form, Target::Line(id), error_id.clone())}
        </td>
    }
}

/// `#decide-panel`: "approve all pending", the decision text and the button.
#[component]
pub fn DecidePanel(
    form: DecideForm,
    /// Pending lines that may be approved (no conflict), in the order shown.
    approvable: Vec<i32>,
    /// The cells that go beyond the envelope if every pending line is approved.
    preview: Vec<EnvelopeCell>,
    /// The pending lines, to name them in the error summary.
    lines: Vec<ProposalLine>,
    names: Signal<Names>,
    pending: Signal<bool>,
    on_decide: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let approve_all = move |_| {
        form.verdicts.update(|v| {
            for id in &approvable {
                v.insert(*id, Verdict::Approve);
            }
        });
        form.verdicts_changed();
    };
    let decision_error = move || form.error(Target::Decision).is_some();
    view! {
        <section class="card decide-panel" id="decide-panel" aria-labelledby="decide-title">
            <h2 id="decide-title">{t(K::DecideTitle)}</h2>
            <p class="hint">{t(K::DecideHint)}</p>
            <p>
                <button type="button" class="btn btn-secondary" id="approve-all" on:click=approve_all>
                    {t(K::ApproveAllPending)}
                </button>
            </p>
            <div class="field">
                <label for="decision-uk">{t(K::DecisionUk)}</label>
                <textarea
                    id="decision-uk"
                    lang="uk"
                    rows="2"
                    maxlength=REASON_MAX
                    aria-invalid=move || decision_error().then_some("true")
                    aria-describedby=move || {
                        if decision_error() { "decision-hint decision-uk-error" } else { "decision-hint" }
                    }
                    prop:value=move || form.decision_uk.get()
                    on:input=move |ev| {
                        form.decision_uk.set(event_target_value(&ev));
                        form.forget(Target::Decision);
                    }
                ></textarea>
                <p class="hint" id="decision-hint">{t(K::DecisionHint)}</p>
                {error_text(form, Target::Decision, "decision-uk-error".to_string())}
            </div>
            <div class="field">
                <label for="decision-en">{t(K::DecisionEn)}" "<span class="optional">"("{t(K::Optional)}")"</span></label>
                <textarea
                    id="decision-en"
                    lang="en"
                    rows="2"
                    maxlength=REASON_MAX
                    prop:value=move || form.decision_en.get()
                    on:input=move |ev| form.decision_en.set(event_target_value(&ev))
                ></textarea>
            </div>
            <EnvelopeConfirm form=form preview=preview/>
            <ErrorSummary form=form lines=lines names=names/>
            <div class="form-actions">
                <button
                    type="button"
                    class="btn btn-primary"
                    id="decide"
                    disabled=move || pending.get()
                    on:click=move |_| on_decide.run(())
                >
                    {move || if pending.get() { i18n.t(K::Sending) } else { i18n.t(K::Decide) }}
                </button>
            </div>
        </section>
    }
}

/// `#decide-errors`: every error of the form, each a link that takes the focus to its field.
#[component]
fn ErrorSummary(form: DecideForm, lines: Vec<ProposalLine>, names: Signal<Names>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = StoredValue::new(lines);
    // What a line's error is about: its measure and the change ("2027 · обласний бюджет").
    let line_label = move |id: i32, lang| {
        lines.with_value(|ls| {
            ls.iter().find(|l| l.id == id).map(|l| {
                let what = names.with(|n| describe_change(&l.change, n, lang).what);
                format!("{} · {what}", l.measure_name.get(lang))
            })
        })
    };
    let label = move |target: Target| {
        let lang = i18n.lang();
        match target {
            Target::Line(id) => line_label(id, lang),
            Target::Decision => Some(K::DecisionUk.text(lang).to_string()),
            Target::OverEnvelope => Some(K::BreachReason.text(lang).to_string()),
            Target::ReturnReason => Some(K::ReturnReason.text(lang).to_string()),
            Target::General => None,
        }
    };
    move || {
        let errors = form.errors.get();
        (!errors.is_empty()).then(|| {
            let items = errors
                .into_iter()
                .map(|(target, message)| {
                    let text = move || {
                        let message = i18n.text(&message);
                        match label(target) {
                            Some(what) => format!("{what}: {message}"),
                            None => message,
                        }
                    };
                    match target.field_id() {
                        Some(field) => {
                            let href = format!("#{field}");
                            view! {
                                <li>
                                    <a href=href on:click=move |ev| {
                                        // To the field itself, not just a scroll to its anchor.
                                        ev.prevent_default();
                                        crate::components::field::focus(&field);
                                    }>{text}</a>
                                </li>
                            }
                            .into_any()
                        }
                        None => view! { <li>{text}</li> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <div class="error-summary" id=SUMMARY_ID tabindex="-1" aria-labelledby="decide-errors-title">
                    <h3 id="decide-errors-title">
                        <span aria-hidden="true">"⚠ "</span>{t(K::ErrorSummaryTitle)}
                    </h3>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn only_chosen_lines_are_sent_in_the_order_shown() {
        let mut verdicts = BTreeMap::new();
        verdicts.insert(7, Verdict::Return);
        verdicts.insert(3, Verdict::Approve);
        let mut reasons = BTreeMap::new();
        reasons.insert(7, "  Уточніть кошторис ".to_string());
        reasons.insert(3, "ignored".to_string());
        let (d, sent) = build_decide(
            4,
            &[3, 5, 7],
            &verdicts,
            &reasons,
            Text::new(" Наказ № 5 ", ""),
            " Додаткова субвенція ",
        );
        assert_eq!(sent, vec![3, 7]);
        assert_eq!(d.version, 4);
        assert_eq!(d.decision.uk, "Наказ № 5");
        assert_eq!(d.lines[0].reason, "");
        assert_eq!(d.lines[1].reason, "Уточніть кошторис");
        assert_eq!(d.over_envelope_reason, "Додаткова субвенція");
        assert_eq!(d.validate(), Ok(()));
    }

    #[test]
    fn errors_find_their_line_or_the_decision() {
        let mut verdicts = BTreeMap::new();
        verdicts.insert(3, Verdict::Approve);
        verdicts.insert(9, Verdict::Reject);
        let (d, sent) = build_decide(1, &[3, 9], &verdicts, &BTreeMap::new(), Text::default(), "");
        let e = d.validate().expect_err("no reason");
        assert_eq!(e.code, ErrorCode::ReasonRequired);
        assert_eq!(target_of(&e.field, &sent), Target::Line(9));
        assert_eq!(target_of("decision.uk", &sent), Target::Decision);
        assert_eq!(
            target_of("over_envelope_reason", &sent),
            Target::OverEnvelope
        );
        assert_eq!(target_of("lines[5].reason", &sent), Target::General);
        assert_eq!(Target::Line(9).field_id().as_deref(), Some("reason-9"));
        assert_eq!(Target::Decision.field_id().as_deref(), Some("decision-uk"));
        assert_eq!(Target::General.field_id(), None);
        assert_eq!(target_of("lines", &sent), Target::General);
    }
}
