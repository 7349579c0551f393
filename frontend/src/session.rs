//! The signed-in user: the session context, its start-up check and what each role may plan.

use crate::api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::auth::{SessionInfo, UserInfo};
use shared::{ApiErrorBody, ErrorCode};

/// Where the app stands with the server's session cookie.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// `GET /api/auth/me` has not answered yet.
    Checking,
    SignedOut,
    /// The user signed out on purpose: the sign-in page then forgets the page they were on.
    LoggedOut,
    SignedIn(SessionInfo),
    /// The check failed for another reason than "not signed in" (server down, …).
    Failed(ApiErrorBody),
}

/// The state without its data, so views switch only when the kind changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    Checking,
    SignedOut,
    LoggedOut,
    SignedIn,
    Failed,
}

/// The session context.
#[derive(Clone, Copy)]
pub struct Auth(RwSignal<AuthState>);

impl Auth {
    pub fn kind(self) -> AuthKind {
        self.0.with(|s| match s {
            AuthState::Checking => AuthKind::Checking,
            AuthState::SignedOut => AuthKind::SignedOut,
            AuthState::LoggedOut => AuthKind::LoggedOut,
            AuthState::SignedIn(_) => AuthKind::SignedIn,
            AuthState::Failed(_) => AuthKind::Failed,
        })
    }

    /// The signed-in user (tracked).
    pub fn user(self) -> Option<UserInfo> {
        self.0.with(|s| match s {
            AuthState::SignedIn(session) => Some(session.user.clone()),
            _ => None,
        })
    }

    /// The signed-in user, without subscribing (pages under the guard are only built signed in).
    pub fn user_untracked(self) -> Option<UserInfo> {
        self.0.with_untracked(|s| match s {
            AuthState::SignedIn(session) => Some(session.user.clone()),
            _ => None,
        })
    }

    pub fn failure(self) -> Option<ApiErrorBody> {
        self.0.with(|s| match s {
            AuthState::Failed(e) => Some(e.clone()),
            _ => None,
        })
    }

    pub fn sign_in(self, session: SessionInfo) {
        api::set_csrf_token(Some(session.csrf_token.clone()));
        self.0.set(AuthState::SignedIn(session));
    }

    /// The server's newer view of the signed-in user (e.g. after a password change), same session.
    pub fn update_user(self, user: UserInfo) {
        self.0.update(|s| {
            if let AuthState::SignedIn(session) = s {
                session.user = user;
            }
        });
    }

    /// The signed-in user must replace the password the administrator gave them before anything
    /// else (tracked).
    pub fn must_change_password(self) -> bool {
        self.0.with(
            |s| matches!(s, AuthState::SignedIn(session) if session.user.must_change_password),
        )
    }

    /// Forgets the session locally, e.g. after sign-out or when the server says it expired.
    pub fn signed_out(self) {
        api::set_csrf_token(None);
        crate::offline::forget_cached_data();
        if self
            .0
            .with_untracked(|s| !matches!(s, AuthState::SignedOut | AuthState::LoggedOut))
        {
            self.0.set(AuthState::SignedOut);
        }
    }

    /// After a deliberate sign-out.
    pub fn logged_out(self) {
        api::set_csrf_token(None);
        crate::offline::forget_cached_data();
        self.0.set(AuthState::LoggedOut);
    }

    /// Asks the server who is signed in.
    pub fn check(self) {
        self.0.set(AuthState::Checking);
        spawn_local(async move {
            match api::me().await {
                Ok(session) => self.sign_in(session),
                Err(e) if e.code == ErrorCode::Unauthenticated => self.signed_out(),
                Err(e) => self.0.set(AuthState::Failed(e)),
            }
        });
    }
}

/// Creates the session context and starts the check.
pub fn provide_auth() -> Auth {
    let auth = Auth(RwSignal::new(AuthState::Checking));
    provide_context(auth);
    auth.check();
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
