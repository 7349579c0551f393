//! The report's buttons (save, submit, endorse, return, approve, unlock, as the server allows),
//! the reason dialog of a return or an unlock, and the outcome of the last one.

use super::form::Target;
use super::measures::{error_span, field_error};
use super::summary::{shown_report, today_of};
use super::{PageState, Request};
use crate::i18n::{t, K};
use leptos::prelude::*;
use shared::api::proposals::{check_reason, REASON_MAX};
use shared::chain::Action;

fn button(
    id: &'static str,
    class: &'static str,
    label: K,
    pending: Signal<bool>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button type="button" id=id class=class disabled=pending on:click=move |_| on_click()>
            {move || if pending.get() { t(K::Sending)() } else { t(label)() }}
        </button>
    }
}

#[component]
pub fn Actions(
    page: PageState,
    pending: Signal<bool>,
    dispatch: Callback<Request>,
) -> impl IntoView {
    // Only what the server says the user may do now; a report never saved can be submitted by
    // whoever may write it (the button saves it first).
    let allowed = Memo::new(move |_| {
        shown_report(page)
            .map(|r| {
                let ended = today_of(&r).is_none_or(|d| r.period.has_ended(d));
                let mut actions = r.actions;
                if r.can_edit && ended && r.stage.is_none() && !actions.contains(&Action::Submit) {
                    actions.push(Action::Submit);
                }
                (r.can_edit, actions)
            })
            .unwrap_or_default()
    });
    let has = move |a: Action| allowed.with(|(_, actions)| actions.contains(&a));
    let open = move |a: Action| {
        page.reason.set(String::new());
        page.touched(Target::Reason);
        page.dialog.set(Some(a));
    };
    // The dialog is open (or something is being sent): its opener waits.
    let asking = Signal::derive(move || pending.get() || page.dialog.with(Option::is_some));
    let buttons = move || {
        let (can_edit, _) = allowed.get();
        view! {
            {can_edit.then(|| button("report-save", "btn btn-secondary", K::Save, pending, move || dispatch.run(Request::Save)))}
            {has(Action::Submit).then(|| button("report-submit", "btn btn-primary", K::SubmitReport, pending, move || dispatch.run(Request::Submit)))}
            {has(Action::Endorse).then(|| button("report-endorse", "btn btn-primary", K::EndorseReport, pending, move || dispatch.run(Request::Action(Action::Endorse))))}
            {has(Action::Approve).then(|| button("report-approve", "btn btn-primary", K::ApproveReport, pending, move || dispatch.run(Request::Action(Action::Approve))))}
            {has(Action::Return).then(|| button("report-return", "btn btn-danger", K::ReturnReport, asking, move || open(Action::Return)))}
            {has(Action::Unlock).then(|| button("report-unlock", "btn btn-danger", K::UnlockReport, asking, move || open(Action::Unlock)))}
        }
    };
    let shown = move || allowed.with(|(can_edit, actions)| *can_edit || !actions.is_empty());
    view! {
        <Show when=shown>
            <section class="card report-actions" id="report-actions" aria-labelledby="report-actions-title">
                <h2 id="report-actions-title" class="visually-hidden">{t(K::ActionsTitle)}</h2>
                <div class="report-buttons">{buttons}</div>
                <ReasonDialog page=page pending=pending dispatch=dispatch/>
            </section>
        </Show>
    }
}

/// `#reason-dialog`: why the report goes back (or is unlocked); required before anything is sent.
#[component]
fn ReasonDialog(
    page: PageState,
    pending: Signal<bool>,
    dispatch: Callback<Request>,
) -> impl IntoView {
    let target = Target::Reason;
    let error = field_error(page, target, || None);
    let confirm = move |_| {
        let Some(action) = page.dialog.get_untracked() else {
            return;
        };
        let reason = page.reason.get_untracked().trim().to_string();
        match check_reason(&reason) {
            Ok(()) => dispatch.run(Request::WithReason(action, reason)),
            Err(code) => page.field_errors(vec![(target, code.message())]),
        }
    };
    move || {
        page.dialog.get().map(|action| {
            let (label, yes) = if action == Action::Unlock {
                (K::UnlockReason, K::UnlockReport)
            } else {
                (K::ReturnReason, K::ReturnReport)
            };
            view! {
                <div class="confirm-box confirm-danger reason-dialog" id="reason-dialog" role="dialog" aria-labelledby="reason-label">
                    <div class="field">
                        <label for="reason-input" id="reason-label">{t(label)}</label>
                        <textarea
                            id="reason-input"
                            rows="3"
                            maxlength=REASON_MAX
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=move || error.with(Option::is_some).then_some("reason-input-error")
                            prop:value=move || page.reason.get()
                            on:input=move |ev| {
                                page.reason.set(event_target_value(&ev));
                                page.touched(target);
                            }
                        ></textarea>
                        {error_span(target, error)}
                    </div>
                    <p class="report-buttons">
                        <button type="button" id="reason-confirm" class="btn btn-danger" disabled=pending on:click=confirm>
                            {move || if pending.get() { t(K::Sending)() } else { t(yes)() }}
                        </button>
                        " "
                        <button type="button" id="reason-cancel" class="btn btn-secondary" on:click=move |_| page.dialog.set(None)>
                            {t(K::Cancel)}
                        </button>
                    </p>
                </div>
            }
        })
    }
}
