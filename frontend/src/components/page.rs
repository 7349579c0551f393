//! What every page gets from the route table: its own `<title>` ("План — Обрій", in the current
//! language) and, after a move to another page, the keyboard focus on its heading.

use crate::i18n::{use_i18n, K};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Wraps a page of the route table: the window's title names it while it is shown.
#[component]
pub fn Titled(title: K, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let lang = i18n.lang();
        document().set_title(&format!("{} — {}", title.text(lang), K::AppName.text(lang)));
    });
    children()
}

/// After a move to another page (not a first load, not a changed filter in the query) the focus
/// goes to the new page's `h1`, so a screen reader reads where the user is and Tab goes on from
/// there. Inside the router, once.
#[component]
pub fn HeadingFocus() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_heading_soon(0);
        }
        path
    });
}

/// How long a page's heading is waited for (it may come with the page's data).
const TRIES: u32 = 100;
const EVERY: Duration = Duration::from_millis(50);

fn focus_heading_soon(tried: u32) {
    let wait = if tried == 0 { Duration::ZERO } else { EVERY };
    set_timeout(
        move || {
            if !focus_heading() && tried < TRIES {
                focus_heading_soon(tried + 1);
            }
        },
        wait,
    );
}

/// Focuses the page's `h1`; answers whether it is done (focused, or the user is already typing
/// in a field of the page, where the focus stays).
fn focus_heading() -> bool {
    let doc = document();
    let main = doc.get_element_by_id("main");
    let typing = doc
        .active_element()
        .filter(|a| a.matches("input, select, textarea").unwrap_or(false));
    if let (Some(main), Some(field)) = (&main, &typing) {
        if main.contains(Some(field)) {
            return true;
        }
    }
    let Some(heading) = main
        .and_then(|m| m.query_selector("h1").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = heading.set_attribute("tabindex", "-1");
    let _ = heading.focus();
    true
}
