//! Working without a connection: whether the server is reachable (the browser's online/offline
//! events, failed requests, answers the service worker gave from its cache), the header's strip
//! that says so and counts the saves waiting, local drafts, the offline save queue and the
//! question before leaving a page with unsaved edits. The design is in DESIGN.md ("Offline").

pub mod drafts;
pub mod leave;
pub mod queue;
mod storage;

use crate::api;
use crate::i18n::{t, use_i18n, K};
use crate::session::use_auth;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use queue::Queue;
use shared::i18n::Plural;
use shared::Lang;
use std::cell::Cell;
use std::time::Duration;

/// The service worker's cache of API answers (frontend/sw.js names it the same).
const DATA_CACHE: &str = "obriy-data";
/// How often a lost server is asked again whether it is back.
const PROBE: Duration = Duration::from_secs(5);

thread_local! {
    // The fetch helpers run outside any reactive owner: they reach the signal through here.
    static ONLINE: Cell<Option<RwSignal<bool>>> = const { Cell::new(None) };
}

/// A request failed for want of a network, or was answered from the service worker's cache.
pub fn lost() {
    if let Some(online) = ONLINE.with(Cell::get) {
        if online.get_untracked() {
            online.set(false);
        }
    }
}

/// The server answered.
pub fn reached() {
    if let Some(online) = ONLINE.with(Cell::get) {
        if !online.get_untracked() {
            online.set(true);
        }
    }
}

/// The connection context.
#[derive(Clone, Copy)]
pub struct Connection {
    online: RwSignal<bool>,
    pub queue: Queue,
}

impl Connection {
    /// Whether the server is reachable, as far as the app knows (tracked).
    pub fn online(self) -> bool {
        self.online.get()
    }
}

pub fn use_connection() -> Connection {
    expect_context::<Connection>()
}

/// Empties the service worker's cache of API answers: at sign-in and sign-out, so nobody sees
/// what the previous user opened.
pub fn forget_cached_data() {
    if let Ok(caches) = window().caches() {
        let _ = caches.delete(DATA_CACHE);
    }
}

/// Creates the connection context: listens to the browser, asks a lost server again every few
/// seconds, loads the signed-in user's queue and sends it whenever the server is reachable.
pub fn provide_connection() -> Connection {
    let auth = use_auth();
    let online = RwSignal::new(window().navigator().on_line());
    ONLINE.with(|o| o.set(Some(online)));
    let connection = Connection {
        online,
        queue: Queue::new(),
    };
    provide_context(connection);
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    // The service worker took this page over after its first requests (a first visit): the
    // session is read again through it, so that it can open the app offline later.
    keep_session_for_offline();
    let probe = set_interval_with_handle(
        move || {
            if !online.get_untracked() {
                spawn_local(async {
                    if api::health().await {
                        reached();
                    }
                });
            }
        },
        PROBE,
    )
    .ok();
    on_cleanup(move || {
        if let Some(p) = probe {
            p.clear();
        }
    });
    Effect::new(move |_| {
        let user = auth.user().map(|u| u.id);
        connection.queue.for_user(user);
        if online.get() && user.is_some() {
            connection.queue.flush();
        }
    });
    leave::guard_leaving();
    connection
}

fn keep_session_for_offline() {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(
        &navigator,
        &wasm_bindgen::JsValue::from_str("serviceWorker"),
    )
    .unwrap_or(false);
    if !supported {
        return;
    }
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        spawn_local(async {
            let _ = api::me().await;
        });
    });
    let _ = navigator.service_worker().add_event_listener_with_callback(
        "controllerchange",
        wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
    );
    // For the page's whole life.
    listener.forget();
}

/// "1 зміна чекає на зв'язок", "2 зміни …", "5 змін …".
fn waiting_text(n: usize, lang: Lang) -> String {
    // The verb agrees with the noun, so the whole phrase is one entry per plural category.
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let key = match Plural::of(n, lang) {
        Plural::One => K::QueueOne,
        Plural::Few => K::QueueFew,
        Plural::Many | Plural::Other => K::QueueMany,
    };
    format!("{} {}", shared::i18n::int(n, lang), key.text(lang))
}

/// The header's strip: offline, the saves waiting (or being sent), the refused ones to open.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let i18n = use_i18n();
    let connection = use_connection();
    let queue = connection.queue;
    let offline = move || {
        (!connection.online()).then(|| {
            view! {
                <span class="conn-offline" id="offline-indicator">
                    <span aria-hidden="true">"⚠ "</span>{t(K::Offline)}
                </span>
            }
        })
    };
    let waiting = move || {
        let n = queue.waiting_count();
        (n > 0).then(|| {
            let text = move || {
                if queue.sending() {
                    K::QueueSending.text(i18n.lang()).to_string()
                } else {
                    waiting_text(n, i18n.lang())
                }
            };
            view! { <span class="conn-queue" id="queue-count" data-count=n.to_string()>{text}</span> }
        })
    };
    let refused = move || {
        queue
            .refused()
            .into_iter()
            .map(|path| {
                view! {
                    <span class="conn-refused">
                        {t(K::QueueRefused)}" "<A href=path attr:class="conn-open">{t(K::QueueOpen)}</A>
                    </span>
                }
            })
            .collect_view()
    };
    view! {
        <div class="conn-status" id="conn-status" role="status">{offline}{waiting}{refused}</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waiting_count_is_said_with_the_right_plural() {
        let uk = |n| waiting_text(n, Lang::Uk);
        assert_eq!(uk(1), "1 зміна чекає на зв’язок");
        assert_eq!(uk(2), "2 зміни чекають на зв’язок");
        assert_eq!(uk(5), "5 змін чекають на зв’язок");
        assert_eq!(uk(11), "11 змін чекають на зв’язок");
        assert_eq!(uk(21), "21 зміна чекає на зв’язок");
        assert_eq!(uk(24), "24 зміни чекають на зв’язок");
        assert_eq!(
            waiting_text(1, Lang::En),
            "1 change waiting for the connection"
        );
        assert_eq!(
            waiting_text(3, Lang::En),
            "3 changes waiting for the connection"
        );
    }
}
