//! Notices: the top-level notice area (role="alert") for short messages such as "signed out",
//! and a page's polite status line for the outcome of its last action.

use crate::i18n::{t, use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: Text,
    /// The page the notice belongs to; it disappears when the user moves on.
    pub path: String,
}

/// The notice context.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>>);

impl Notices {
    pub fn show(self, kind: NoticeKind, text: Text, path: &str) {
        self.0.set(Some(Notice {
            kind,
            text,
            path: path.to_string(),
        }));
    }

    pub fn clear(self) {
        self.0.set(None);
    }
}

pub fn provide_notices() -> Notices {
    let notices = Notices(RwSignal::new(None));
    provide_context(notices);
    notices
}

pub fn use_notices() -> Notices {
    expect_context::<Notices>()
}

/// Always present, so assistive technology announces what appears in it.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let notices = use_notices();
    let i18n = use_i18n();
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        notices.0.get().filter(|n| n.path == path)
    };
    view! {
        <div id="notice" class="notice-area" role="alert">
            {move || current().map(|n| {
                let class = match n.kind {
                    NoticeKind::Info => "notice notice-info",
                    NoticeKind::Error => "notice notice-error",
                };
                let text = n.text.clone();
                view! {
                    <div class=class>
                        <p>{move || i18n.text(&text)}</p>
                        <button
                            type="button"
                            class="notice-close"
                            aria-label=t(K::Dismiss)
                            on:click=move |_| notices.clear()
                        >
                            "×"
                        </button>
                    </div>
                }
            })}
        </div>
    }
}

/// A page's status line (role="status"): the outcome of its last action, `(ok, text)`.
#[component]
pub fn ActionStatus(
    #[prop(into)] id: String,
    message: RwSignal<Option<(bool, Text)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div id=id role="status" aria-live="polite">
            {move || message.get().map(|(ok, text)| {
                let class = if ok { "notice notice-info" } else { "notice notice-error" };
                view! {
                    <div class=class>
                        <p>
                            {(!ok).then(|| view! { <span aria-hidden="true">"⚠ "</span> })}
                            {move || i18n.text(&text)}
                        </p>
                    </div>
                }
            })}
        </div>
    }
}
