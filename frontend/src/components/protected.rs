//! The guard around every page but sign-in: waits for the session check, sends visitors to /login.

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::session::{use_auth, AuthKind};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;
use shared::api::plan::encode_component;

#[component]
pub fn Protected(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let kind = Memo::new(move |_| auth.kind());
    move || match kind.get() {
        AuthKind::Checking => view! { <Loading/> }.into_any(),
        AuthKind::SignedIn => children().into_any(),
        AuthKind::LoggedOut => {
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path="/login" options=options/> }.into_any()
        }
        AuthKind::SignedOut => {
            // Come back here after signing in.
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let wanted = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            let target = if wanted == "/" {
                "/login".to_string()
            } else {
                format!("/login?next={}", encode_component(&wanted))
            };
            let options = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            view! { <Redirect path=target options=options/> }.into_any()
        }
        AuthKind::Failed => {
            let error = auth.failure();
            let retry = Callback::new(move |()| auth.check());
            error
                .map(|e| view! { <ErrorView error=e on_retry=retry/> })
                .into_any()
        }
    }
}
