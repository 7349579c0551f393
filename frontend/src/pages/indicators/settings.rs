//! "Reporting settings": the early reminder's lead and the share a value may move without a comment (the department edits them, everyone reads them), and the department's "send reminders now".

use super::field::{FieldErrors, TextField};
use crate::api;
use crate::components::resource_view::ResourceView;
use crate::i18n::{in_both, t, use_i18n, K};
use crate::pages::report::labels::{date_text, value_input, value_text};
use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::api::reports::ReportingSettings;
use shared::{ErrorCode, Text};
use std::str::FromStr;

pub const DAYS_FIELD: &str = "remind_days_before";
pub const SHARE_FIELD: &str = "max_change_percent";

/// A whole number of days as typed.
fn parse_days(input: &str) -> Result<u32, ErrorCode> {
    let s = input.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorCode::ReminderDaysInvalid);
    }
    s.parse().map_err(|_| ErrorCode::ReminderDaysInvalid)
}

/// A percentage as typed (`50`, `12,5`, `1 000`).
fn parse_share(input: &str) -> Result<Decimal, ErrorCode> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '%'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let digits = cleaned.replace('.', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorCode::MaxChangeInvalid);
    }
    Decimal::from_str(&cleaned).map_err(|_| ErrorCode::MaxChangeInvalid)
}

/// The two typed settings as the request, checked by the shared rule, or each wrong field with
/// its error (named as the server names it).
pub fn build_settings(
    days: &str,
    share: &str,
) -> Result<ReportingSettings, Vec<(&'static str, ErrorCode)>> {
    match (parse_days(days), parse_share(share)) {
        (Ok(remind_days_before), Ok(max_change_percent)) => {
            let settings = ReportingSettings {
                remind_days_before,
                max_change_percent,
            };
            match settings.check() {
                Ok(()) => Ok(settings),
                Err(e) if e.field == DAYS_FIELD => Err(vec![(DAYS_FIELD, e.code)]),
                Err(e) => Err(vec![(SHARE_FIELD, e.code)]),
            }
        }
        (days, share) => Err([(DAYS_FIELD, days.err()), (SHARE_FIELD, share.err())]
            .into_iter()
            .filter_map(|(f, code)| code.map(|c| (f, c)))
            .collect()),
    }
}

#[component]
pub fn ReportingSettingsCard(department: bool) -> impl IntoView {
    let settings = LocalResource::new(api::reporting_settings);
    view! {
        <section class="card reporting-settings" id="reporting-settings" aria-labelledby="reporting-settings-title">
            <h2 id="reporting-settings-title">{t(K::IndSettingsTitle)}</h2>
            <p class="hint">{t(K::IndSettingsHint)}</p>
            <ResourceView resource=settings let:s>
                {if department {
                    view! { <SettingsForm settings=s/> }.into_any()
                } else {
                    view! { <SettingsRead settings=s/> }.into_any()
                }}
            </ResourceView>
            {department.then(|| view! { <SendReminders/> })}
        </section>
    }
}

/// The settings as text, for everyone but the department.
#[component]
fn SettingsRead(settings: ReportingSettings) -> impl IntoView {
    let i18n = use_i18n();
    let days = settings.remind_days_before;
    let share = settings.max_change_percent;
    view! {
        <dl class="settings-list" id="settings-read">
            <div>
                <dt>{t(K::IndRemindDays)}</dt>
                <dd id="settings-days-value">{days}</dd>
            </div>
            <div>
                <dt>{t(K::IndMaxChange)}</dt>
                <dd id="settings-share-value">{move || value_text(share, i18n.lang())}</dd>
            </div>
        </dl>
    }
}

#[component]
fn SettingsForm(settings: ReportingSettings) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let days = RwSignal::new(settings.remind_days_before.to_string());
    let share = RwSignal::new(value_input(settings.max_change_percent, lang));
    let errors: FieldErrors = RwSignal::new(Vec::new());
    let message: RwSignal<Option<(bool, Text)>> = RwSignal::new(None);
    let save = Action::new_local(move |body: &ReportingSettings| {
        let body = body.clone();
        async move {
            match api::set_reporting_settings(&body).await {
                Ok(saved) => {
                    let lang = i18n.lang_untracked();
                    days.set(saved.remind_days_before.to_string());
                    share.set(value_input(saved.max_change_percent, lang));
                    errors.set(Vec::new());
                    message.set(Some((true, K::IndSettingsSaved.both())));
                }
                Err(e) => match e.field.as_deref() {
                    Some(f) if f == DAYS_FIELD || f == SHARE_FIELD => {
                        let field = if f == DAYS_FIELD {
                            DAYS_FIELD
                        } else {
                            SHARE_FIELD
                        };
                        errors.set(vec![(field, e.message)]);
                        message.set(Some((false, K::ServerRefused.both())));
                    }
                    _ => message.set(Some((false, e.message))),
                },
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        match build_settings(&days.get_untracked(), &share.get_untracked()) {
            Ok(body) => {
                errors.set(Vec::new());
                save.dispatch(body);
            }
            Err(found) => {
                errors.set(found.into_iter().map(|(f, c)| (f, c.message())).collect());
                message.set(Some((false, K::FixErrors.both())));
            }
        }
    };
    let pending = move || save.pending().get();
    view! {
        <form class="settings-form" id="settings-form" novalidate on:submit=on_submit>
            <div class="settings-fields">
                <TextField
                    id="settings-days"
                    field=DAYS_FIELD
                    label=K::IndRemindDays
                    hint=K::IndRemindDaysHint
                    inputmode="numeric"
                    value=days
                    errors=errors
                />
                <TextField
                    id="settings-share"
                    field=SHARE_FIELD
                    label=K::IndMaxChange
                    hint=K::IndMaxChangeHint
                    inputmode="decimal"
                    value=share
                    errors=errors
                />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary btn-small" id="settings-save" disabled=pending>
                    {move || if pending() { t(K::Saving)() } else { t(K::IndSaveSettings)() }}
                </button>
            </div>
            <p class="form-message" id="settings-status" role="status">
                {move || message.get().map(|(ok, text)| view! {
                    <span class=if ok { "ok" } else { "error" }>{move || i18n.text(&text)}</span>
                })}
            </p>
        </form>
    }
}

/// The department runs the reminder pass now rather than waiting for the hourly one.
#[component]
fn SendReminders() -> impl IntoView {
    let i18n = use_i18n();
    let result: RwSignal<Option<(bool, Text)>> = RwSignal::new(None);
    let run = Action::new_local(move |(): &()| async move {
        match api::run_reminders().await {
            Ok(done) => result.set(Some((
                true,
                in_both(|lang| {
                    format!(
                        "{}: {} ({} {})",
                        K::IndRemindersSent.text(lang),
                        done.sent,
                        K::IndRemindersToday.text(lang),
                        date_text(done.today, lang)
                    )
                }),
            ))),
            Err(e) => result.set(Some((false, e.message))),
        }
    });
    let pending = move || run.pending().get();
    view! {
        <div class="reminders-now">
            <h3 class="small-heading">{t(K::IndRemindersTitle)}</h3>
            <p class="hint" id="reminders-hint">{t(K::IndRemindersHint)}</p>
            <button
                type="button"
                class="btn btn-secondary btn-small"
                id="send-reminders"
                aria-describedby="reminders-hint"
                disabled=pending
                on:click=move |_| {
                    result.set(None);
                    run.dispatch(());
                }
            >
                {move || if pending() { t(K::IndSendingReminders)() } else { t(K::IndSendReminders)() }}
            </button>
            <p class="form-message" id="reminders-result" role="status">
                {move || result.get().map(|(ok, text)| view! {
                    <span class=if ok { "ok" } else { "error" }>{move || i18n.text(&text)}</span>
                })}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn typed_settings_become_the_request_or_errors_at_their_fields() {
        assert_eq!(
            build_settings(" 5 ", "12,5"),
            Ok(ReportingSettings {
                remind_days_before: 5,
                max_change_percent: d("12.5")
            })
        );
        assert_eq!(
            build_settings("0", "1 000 %"),
            Ok(ReportingSettings {
                remind_days_before: 0,
                max_change_percent: d("1000")
            })
        );
        // The shared check's ranges: 0–30 days, 1–1000 %.
        assert_eq!(
            build_settings("31", "50"),
            Err(vec![(DAYS_FIELD, ErrorCode::ReminderDaysInvalid)])
        );
        assert_eq!(
            build_settings("3", "0,5"),
            Err(vec![(SHARE_FIELD, ErrorCode::MaxChangeInvalid)])
        );
        assert_eq!(
            build_settings("-1", "abc"),
            Err(vec![
                (DAYS_FIELD, ErrorCode::ReminderDaysInvalid),
                (SHARE_FIELD, ErrorCode::MaxChangeInvalid)
            ])
        );
        assert_eq!(
            build_settings("", ""),
            Err(vec![
                (DAYS_FIELD, ErrorCode::ReminderDaysInvalid),
                (SHARE_FIELD, ErrorCode::MaxChangeInvalid)
            ])
        );
        assert_eq!(
            build_settings("2,5", "1.2.3"),
            Err(vec![
                (DAYS_FIELD, ErrorCode::ReminderDaysInvalid),
                (SHARE_FIELD, ErrorCode::MaxChangeInvalid)
            ])
        );
    }
}
