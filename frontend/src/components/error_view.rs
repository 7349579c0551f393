//! The one way an API failure is shown: the server's message in the current language, and its code.

use crate::i18n::{t, use_i18n, K};
use crate::session::use_auth;
use leptos::prelude::*;
use shared::{ApiErrorBody, ErrorCode};

#[component]
pub fn ErrorView(
    error: ApiErrorBody,
    /// Offers a "try again" button that runs this.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if error.code == ErrorCode::Unauthenticated {
        // The session expired while the page was open: the guard then sends the user to sign in.
        let auth = use_auth();
        Effect::new(move |_| auth.signed_out());
    }
    if error.code == ErrorCode::PasswordChangeRequired {
        // The administrator reset the password meanwhile: asking who is signed in again lets
        // the guard send the user to choose a new one.
        let auth = use_auth();
        Effect::new(move |_| auth.check());
    }
    let message = error.message.clone();
    let code = error.code.as_str();
    view! {
        <div class="error-view" role="alert">
            <p class="error-message">{move || i18n.text(&message)}</p>
            <p class="error-code">
                {t(K::ErrorCodeLabel)}": "<code>{code}</code>
            </p>
            {on_retry.map(|retry| view! {
                <button type="button" class="btn btn-secondary" on:click=move |_| retry.run(())>
                    {t(K::Retry)}
                </button>
            })}
        </div>
    }
}
