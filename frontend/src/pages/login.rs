//! `/login`: the sign-in form; afterwards the user goes on to the page they wanted.

use crate::api;
use crate::components::loading::Loading;
use crate::i18n::{t, use_i18n, K};
use crate::session::{use_auth, AuthKind};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use leptos_router::NavigateOptions;
use shared::api::auth::LoginRequest;
use shared::{Role, Text};

/// Only paths of this app, so a crafted link cannot send the user elsewhere after signing in;
/// without one, the user's home page.
pub fn safe_next(next: Option<String>, home: &str) -> String {
    next.filter(|p| same_origin_path(p) && !p.starts_with("/login"))
        .unwrap_or_else(|| home.to_string())
}

/// A path on this site and nothing else: it starts with one `/`, and has no backslash (browsers
/// read `/\evil.example` as `//evil.example`), no control character and no blank, encoded or not.
fn same_origin_path(p: &str) -> bool {
    let lowered = p.to_ascii_lowercase();
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !lowered.contains("%5c")
        && !lowered.contains("%2f%2f")
        && !p.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Where a user lands after signing in: the programme head on the dashboard, everyone else on
/// the overview.
pub fn home(role: Option<Role>) -> &'static str {
    if role == Some(Role::ProgrammeHead) {
        "/dashboard"
    } else {
        "/"
    }
}

/// A labelled field of the sign-in form, named and identified by `id`, bound to `value`.
#[component]
fn LoginField(
    id: &'static str,
    label: K,
    input_type: &'static str,
    autocomplete: &'static str,
    /// No automatic capitals or spell-checking (for the user name).
    #[prop(optional)]
    verbatim: bool,
    value: RwSignal<String>,
    /// `aria-describedby`: the error message while there is one.
    described: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <input
                type=input_type
                id=id
                name=id
                autocomplete=autocomplete
                autocapitalize=verbatim.then_some("none")
                spellcheck=verbatim.then_some("false")
                required=true
                aria-describedby=move || described.get()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    let query = use_query_map();
    let kind = Memo::new(move |_| auth.kind());

    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error: RwSignal<Option<Text>> = RwSignal::new(None);

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move {
            match api::login(request).await {
                Ok(session) => {
                    error.set(None);
                    // What the previous user opened is not kept for this one.
                    crate::offline::forget_cached_data();
                    auth.sign_in(session);
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let request = LoginRequest {
            login: login.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        if request.login.is_empty() || request.password.is_empty() {
            error.set(Some(K::FillLoginPassword.both()));
            return;
        }
        submit.dispatch(request);
    };
    let described = Signal::derive(move || error.with(Option::is_some).then_some("login-error"));

    move || {
        match kind.get() {
        AuthKind::Checking => view! { <Loading/> }.into_any(),
        AuthKind::SignedIn => {
            let role = auth.user_untracked().map(|u| u.role);
            let next = safe_next(query.with_untracked(|q| q.get("next")), home(role));
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path=next options=options/> }.into_any()
        }
        AuthKind::SignedOut | AuthKind::LoggedOut | AuthKind::Failed => view! {
            <section class="login-page">
                <div class="login-card">
                    <h1>{t(K::SignInTitle)}</h1>
                    <p class="lead">{t(K::SignInIntro)}</p>
                    <form class="login-form" on:submit=on_submit novalidate=true>
                        <LoginField
                            id="login"
                            label=K::LoginLabel
                            input_type="text"
                            autocomplete="username"
                            verbatim=true
                            value=login
                            described=described
                        />
                        <LoginField
                            id="password"
                            label=K::PasswordLabel
                            input_type="password"
                            autocomplete="current-password"
                            value=password
                            described=described
                        />
                        <div id="login-error-area" role="alert">
                            {move || error.get().map(|message| view! {
                                <p class="form-message error" id="login-error">
                                    <span aria-hidden="true">"⚠ "</span>
                                    {move || i18n.text(&message)}
                                </p>
                            })}
                        </div>
                        <button
                            type="submit"
                            id="login-submit"
                            class="btn btn-primary btn-block"
                            disabled=move || submit.pending().get()
                        >
                            {move || if submit.pending().get() { t(K::SigningIn)() } else { t(K::SignIn)() }}
                        </button>
                    </form>
                    <p class="login-public">
                        <a href="/public" id="public-link">{t(K::PublicLink)}</a>
                    </p>
                </div>
            </section>
        }
        .into_any(),
    }
    }
}

#[cfg(test)]
mod tests {
    use super::{home, safe_next};
    use shared::Role;

    #[test]
    fn only_own_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/plan?district=3".into()), "/"),
            "/plan?district=3"
        );
        assert_eq!(safe_next(Some("//evil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("/\\evil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("/%5Cevil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("/\t/evil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("/ /evil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("https://evil.example".into()), "/"), "/");
        assert_eq!(safe_next(Some("/login?next=/".into()), "/"), "/");
        assert_eq!(safe_next(None, "/"), "/");
        // The programme head lands on the dashboard.
        assert_eq!(
            safe_next(None, home(Some(Role::ProgrammeHead))),
            "/dashboard"
        );
        assert_eq!(home(Some(Role::CommunityCoordinator)), "/");
    }
}
