//! `/account`: who I am, and changing my own password — also the one page open to a user who
//! must replace the administrator's one-time password, who then goes on where they were going.

use crate::api;
use crate::components::field::{FieldErrors, TextField};
use crate::components::notice::{use_notices, NoticeKind};
use crate::i18n::{t, use_i18n, K};
use crate::pages::login::{home, safe_next};
use crate::session::use_auth;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use shared::api::users::{validate_password, ChangePassword};
use shared::{ErrorCode, Text};

const CURRENT: &str = "current-password";
const NEW: &str = "new-password";
const REPEAT: &str = "repeat-password";

/// Checks the form as the server will (the shared rule), or names the field that is wrong.
pub fn check(
    login: &str,
    current: &str,
    new: &str,
    repeat: &str,
) -> Result<ChangePassword, (&'static str, Text)> {
    if current.is_empty() {
        return Err((CURRENT, K::CurrentPasswordRequired.both()));
    }
    validate_password(new, login).map_err(|code| (NEW, code.message()))?;
    if repeat != new {
        return Err((REPEAT, K::PasswordsDiffer.both()));
    }
    Ok(ChangePassword {
        current: current.to_string(),
        new: new.to_string(),
    })
}

/// The form field an error from the server names (`current`, `new`).
fn field_of(field: Option<&str>) -> Option<&'static str> {
    match field? {
        "current" => Some(CURRENT),
        "new" => Some(NEW),
        _ => None,
    }
}

/// The path part of an address, where its notice is shown.
fn path_of(address: &str) -> &str {
    address.split(['?', '#']).next().unwrap_or(address)
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let notices = use_notices();
    let navigate = use_navigate();
    let query = use_query_map();
    let Some(user) = auth.user_untracked() else {
        return ().into_any();
    };
    // Fixed for this visit: the explanation stays while the page is open.
    let forced = user.must_change_password;
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = FieldErrors::new();
    let general: RwSignal<Option<Text>> = RwSignal::new(None);
    let done = RwSignal::new(false);
    let login = user.login.clone();

    let send = Action::new_local(move |body: &ChangePassword| {
        let body = body.clone();
        let navigate = navigate.clone();
        async move {
            match api::change_password(&body).await {
                Ok(me) => {
                    let role = me.role;
                    auth.update_user(me);
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    if forced {
                        let next =
                            safe_next(query.with_untracked(|q| q.get("next")), home(Some(role)));
                        let next = if next.starts_with(crate::components::protected::ACCOUNT_PATH) {
                            home(Some(role)).to_string()
                        } else {
                            next
                        };
                        notices.show(
                            NoticeKind::Info,
                            K::PasswordChangedContinue.both(),
                            path_of(&next),
                        );
                        navigate(
                            &next,
                            NavigateOptions {
                                replace: true,
                                ..NavigateOptions::default()
                            },
                        );
                    } else {
                        done.set(true);
                    }
                }
                Err(e) => match field_of(e.field.as_deref()) {
                    Some(field) => errors.show(field, e.message),
                    None if e.code == ErrorCode::Unauthenticated => auth.signed_out(),
                    None => general.set(Some(e.message)),
                },
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        done.set(false);
        general.set(None);
        let checked = check(
            &login,
            &current.get_untracked(),
            &new.get_untracked(),
            &repeat.get_untracked(),
        );
        match checked {
            Ok(body) => {
                errors.clear();
                send.dispatch(body);
            }
            Err((field, message)) => errors.show(field, message),
        }
    };

    let role = user.role.label();
    let org = user.org.map(|o| o.name);
    let current_label = Signal::derive(move || {
        if forced {
            i18n.t(K::CurrentPasswordForced)
        } else {
            i18n.t(K::CurrentPassword)
        }
    });
    view! {
        <section class="page account-page" aria-labelledby="account-title">
            <h1 id="account-title">{t(K::AccountTitle)}</h1>
            {forced.then(|| view! {
                <div class="notice notice-warn must-change" id="must-change" role="note" aria-labelledby="must-change-title">
                    <div>
                        <h2 id="must-change-title">{t(K::MustChangeTitle)}</h2>
                        <p>{t(K::MustChangeText)}</p>
                    </div>
                </div>
            })}
            <div class="account-grid">
                <dl class="passport-list card account-facts" id="account-facts">
                    <div>
                        <dt>{t(K::DisplayNameLabel)}</dt>
                        <dd id="account-name">{user.display_name.clone()}</dd>
                    </div>
                    <div>
                        <dt>{t(K::LoginLabel)}</dt>
                        <dd id="account-login"><code>{user.login.clone()}</code></dd>
                    </div>
                    <div>
                        <dt>{t(K::RoleLabel)}</dt>
                        <dd id="account-role">{move || i18n.text(&role)}</dd>
                    </div>
                    {org.map(|org| view! {
                        <div>
                            <dt>{t(K::Organisation)}</dt>
                            <dd id="account-org">{move || i18n.text(&org)}</dd>
                        </div>
                    })}
                </dl>
                <form class="card password-form" id="password-form" novalidate=true on:submit=on_submit aria-labelledby="password-title">
                    <h2 id="password-title">{t(K::PasswordTitle)}</h2>
                    <TextField
                        id=CURRENT
                        label=current_label
                        input_type="password"
                        autocomplete="current-password"
                        value=current
                        errors=errors
                        verbatim=true
                    />
                    <TextField
                        id=NEW
                        label=Signal::derive(t(K::NewPassword))
                        input_type="password"
                        autocomplete="new-password"
                        value=new
                        errors=errors
                        hint=K::PasswordRules
                        verbatim=true
                    />
                    <TextField
                        id=REPEAT
                        label=Signal::derive(t(K::RepeatPassword))
                        input_type="password"
                        autocomplete="new-password"
                        value=repeat
                        errors=errors
                        verbatim=true
                    />
                    <div role="status" aria-live="polite" id="password-status">
                        {move || done.get().then(|| view! {
                            <p class="notice notice-info" id="password-changed">{t(K::PasswordChanged)}</p>
                        })}
                        {move || general.get().map(|m| view! {
                            <p class="notice notice-error" id="password-error">
                                <span aria-hidden="true">"⚠ "</span>{move || i18n.text(&m)}
                            </p>
                        })}
                    </div>
                    <div class="form-actions">
                        <button
                            type="submit"
                            class="btn btn-primary"
                            id="change-password"
                            disabled=move || send.pending().get()
                        >
                            {move || if send.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::ChangePassword) }}
                        </button>
                    </div>
                </form>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_applies_the_shared_rule_and_names_the_field() {
        assert_eq!(
            check("head", "", "a-long-new-password", "a-long-new-password").map_err(|e| e.0),
            Err(CURRENT)
        );
        let short = check("head", "old", "short", "short").expect_err("short");
        assert_eq!(short, (NEW, ErrorCode::PasswordTooShort.message()));
        assert_eq!(
            check("programme.head", "old", "Programme.Head", "Programme.Head").map_err(|e| e.1),
            Err(ErrorCode::PasswordIsLogin.message())
        );
        assert_eq!(
            check("head", "old", "вишневий-сад-над-Дніпром", "вишневий-сад").map_err(|e| e.0),
            Err(REPEAT)
        );
        let ok = check(
            "head",
            "old",
            "вишневий-сад-над-Дніпром",
            "вишневий-сад-над-Дніпром",
        )
        .expect("valid");
        assert_eq!(ok.new, "вишневий-сад-над-Дніпром");
        assert_eq!(field_of(Some("new")), Some(NEW));
        assert_eq!(field_of(Some("version")), None);
        assert_eq!(path_of("/plan?district=3"), "/plan");
    }
}
