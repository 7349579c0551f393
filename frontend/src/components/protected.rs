//! The guard around every page but sign-in: waits for the session check, sends visitors to /login
//! and a user who must replace the administrator's one-time password to /account.

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::session::{use_auth, AuthKind};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;
use shared::api::plan::encode_component;

/// Where the password page is; the one page a user who must change their password may open.
pub const ACCOUNT_PATH: &str = "/account";

/// What the guard lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Wait,
    Open,
    /// Signed in, but the password must be changed first (on any page but the password page).
    ChangePassword,
    LoggedOut,
    SignedOut,
    Failed,
}

/// `target?next=wanted` (only `target` when the user wanted the overview).
fn with_next(target: &str, wanted: &str) -> String {
    if wanted == "/" {
        target.to_string()
    } else {
        format!("{target}?next={}", encode_component(wanted))
    }
}

#[component]
pub fn Protected(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let gate = Memo::new(move |_| match auth.kind() {
        AuthKind::Checking => Gate::Wait,
        // The password page itself stays open, also once the password is changed.
        AuthKind::SignedIn
            if auth.must_change_password() && location.pathname.get_untracked() != ACCOUNT_PATH =>
        {
            Gate::ChangePassword
        }
        AuthKind::SignedIn => Gate::Open,
        AuthKind::LoggedOut => Gate::LoggedOut,
        AuthKind::SignedOut => Gate::SignedOut,
        AuthKind::Failed => Gate::Failed,
    });
    // The page the user asked for, to come back to.
    let wanted = move || {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let replace = || NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    };
    move || match gate.get() {
        Gate::Wait => view! { <Loading/> }.into_any(),
        Gate::Open => children().into_any(),
        Gate::ChangePassword => {
            let target = with_next(ACCOUNT_PATH, &wanted());
            view! { <Redirect path=target options=replace()/> }.into_any()
        }
        Gate::LoggedOut => view! { <Redirect path="/login" options=replace()/> }.into_any(),
        Gate::SignedOut => {
            // Come back here after signing in.
            let target = with_next("/login", &wanted());
            view! { <Redirect path=target options=replace()/> }.into_any()
        }
        Gate::Failed => {
            let error = auth.failure();
            let retry = Callback::new(move |()| auth.check());
            error
                .map(|e| view! { <ErrorView error=e on_retry=retry/> })
                .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_next;

    #[test]
    fn the_wanted_page_rides_along_encoded() {
        assert_eq!(with_next("/account", "/"), "/account");
        assert_eq!(
            with_next("/account", "/plan?district=3"),
            "/account?next=%2Fplan%3Fdistrict%3D3"
        );
    }
}
