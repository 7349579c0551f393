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

/// A page's status line (role="status"): the outcome of its last action, `(ok, text)`. It stays
/// in the page while the data under it is fetched again, so assistive technology announces each
/// new outcome; after a success that took away the control the user had used (a chain step's
/// panel), the keyboard focus comes here instead of falling back to the page's top.
#[component]
pub fn ActionStatus(
    #[prop(into)] id: String,
    message: RwSignal<Option<(bool, Text)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::watch(
        move || message.with(|m| m.as_ref().map(|(ok, _)| *ok)),
        move |ok, _, _| {
            if *ok == Some(true) {
                focus_when_lost(node, 0);
            }
        },
        false,
    );
    view! {
        <div id=id class="action-status" role="status" aria-live="polite" tabindex="-1" node_ref=node>
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

/// How long the page is watched for the used control to go (its panel is drawn again once the
/// item is fetched after the action).
const LOST_TRIES: u32 = 40;
const LOST_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Focuses the status once nothing in the page has the focus (the control was removed), unless
/// the focus went elsewhere meanwhile (a field, the new page's heading).
fn focus_when_lost(node: NodeRef<leptos::html::Div>, tried: u32) {
    set_timeout(
        move || {
            let Some(status) = node.get_untracked() else {
                return;
            };
            let doc = document();
            let lost = doc.active_element().is_none_or(|a| {
                let node: &web_sys::Node = a.as_ref();
                !a.is_connected() || doc.body().is_some_and(|b| b.is_same_node(Some(node)))
            });
            if lost {
                let _ = status.focus();
            } else if tried < LOST_TRIES {
                focus_when_lost(node, tried + 1);
            }
        },
        LOST_EVERY,
    );
}
