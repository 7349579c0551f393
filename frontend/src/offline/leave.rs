//! Leaving a page with unsaved edits asks first: a reload or a closed tab through the browser's
//! own question (`beforeunload`), a link of the app through a confirmation before the router
//! moves (leptos_router 0.8 has no navigation guard: the app's links are checked in the capture
//! phase, before the router's own click handler, which leaves prevented clicks alone). Each open
//! form registers its check while it is shown.

use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

type Check = Rc<dyn Fn() -> bool>;

thread_local! {
    static CHECKS: RefCell<Vec<(u64, Check)>> = const { RefCell::new(Vec::new()) };
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Registers `unsaved` (true while the form holds edits the server and the queue do not have)
/// for as long as the calling component lives.
pub fn while_unsaved(unsaved: impl Fn() -> bool + 'static) {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    CHECKS.with(|c| c.borrow_mut().push((id, Rc::new(unsaved))));
    on_cleanup(move || CHECKS.with(|c| c.borrow_mut().retain(|(i, _)| *i != id)));
}

/// Whether any open form holds unsaved edits.
pub fn any_unsaved() -> bool {
    let checks: Vec<Check> = CHECKS.with(|c| c.borrow().iter().map(|(_, f)| f.clone()).collect());
    checks.iter().any(|f| f())
}

/// Installs both questions, once, in the app's root.
pub(super) fn guard_leaving() {
    let i18n = use_i18n();
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if any_unsaved() {
            ev.prevent_default();
            ev.set_return_value(K::LeaveUnsaved.text(i18n.lang_untracked()));
        }
    });
    let links = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MouseEvent)>::new(
        move |ev: web_sys::MouseEvent| {
            if ev.default_prevented()
                || ev.button() != 0
                || ev.meta_key()
                || ev.ctrl_key()
                || ev.shift_key()
                || ev.alt_key()
                || !leaves_page(&ev)
                || !any_unsaved()
            {
                return;
            }
            let question = K::LeaveUnsaved.text(i18n.lang_untracked());
            if !window().confirm_with_message(question).unwrap_or(true) {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            }
        },
    );
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        links.as_ref().unchecked_ref(),
        true,
    );
    // For the app's whole life, as the router's own listener.
    links.forget();
    on_cleanup(move || unload.remove());
}

/// Whether the click follows a link of this app to another page (not a download, not another
/// window, not a jump within the page).
fn leaves_page(ev: &web_sys::MouseEvent) -> bool {
    let Some(anchor) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return false;
    };
    if anchor.has_attribute("download")
        || anchor
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
    {
        return false;
    }
    let href = anchor.get_attribute("href").unwrap_or_default();
    if href.starts_with('#') {
        return false;
    }
    let here = window().location();
    let Ok(to) = web_sys::Url::new_with_base(&href, &here.href().unwrap_or_default()) else {
        return false;
    };
    to.origin() == here.origin().unwrap_or_default()
        && (to.pathname() != here.pathname().unwrap_or_default()
            || to.search() != here.search().unwrap_or_default())
}
