//! Tables wider than the screen scroll sideways in their own box (`.table-scroll`); a box that
//! does scroll becomes a named, focusable region, so a keyboard can scroll it too (WCAG 2.1.1).
//! Boxes that fit stay out of the Tab order.

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MutationObserver, MutationObserverInit};

/// Watches the page for as long as the app runs: after any change of its content or the
/// window's width, once per frame, each scroll box is marked as it is now.
pub fn keep_scroll_boxes_reachable() {
    let scheduled = Rc::new(Cell::new(false));
    let schedule = move || {
        if !scheduled.replace(true) {
            let scheduled = scheduled.clone();
            request_animation_frame(move || {
                scheduled.set(false);
                mark_scroll_boxes();
            });
        }
    };
    let on_change = schedule.clone();
    let changed = Closure::<dyn FnMut()>::new(on_change);
    let Ok(observer) = MutationObserver::new(changed.as_ref().unchecked_ref()) else {
        return;
    };
    // The observer lives as long as the page: its callback is never freed.
    changed.forget();
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    // A language switch changes only texts, which the boxes' names follow.
    options.set_character_data(true);
    if let Some(body) = document().body() {
        let _ = observer.observe_with_options(&body, &options);
    }
    // The handle is dropped on purpose: the listener stays for the page's life.
    let _ = window_event_listener(leptos::ev::resize, move |_| schedule());
}

fn mark_scroll_boxes() {
    let Ok(boxes) = document().query_selector_all(".table-scroll") else {
        return;
    };
    for i in 0..boxes.length() {
        let Some(scroll) = boxes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if scroll.scroll_width() > scroll.client_width() {
            let _ = scroll.set_attribute("tabindex", "0");
            match name_of(&scroll) {
                Some(name) => {
                    let _ = scroll.set_attribute("role", "region");
                    if scroll.get_attribute("aria-label").as_deref() != Some(name.as_str()) {
                        let _ = scroll.set_attribute("aria-label", &name);
                    }
                }
                None => {
                    let _ = scroll.remove_attribute("role");
                    let _ = scroll.remove_attribute("aria-label");
                }
            }
        } else if scroll.has_attribute("tabindex") {
            for attr in ["tabindex", "role", "aria-label"] {
                let _ = scroll.remove_attribute(attr);
            }
        }
    }
}

/// The table's own name (its caption or the element it is labelled by), else the heading of
/// the section or card it stands in.
fn name_of(scroll: &Element) -> Option<String> {
    let table = scroll.query_selector("table").ok().flatten();
    let caption = table
        .as_ref()
        .and_then(|t| t.query_selector("caption").ok().flatten());
    let labelled = || {
        table
            .as_ref()
            .and_then(|t| t.get_attribute("aria-labelledby"))
            .and_then(|id| document().get_element_by_id(&id))
    };
    let heading = || {
        scroll
            .closest("section, .card")
            .ok()
            .flatten()
            .and_then(|s| s.query_selector("h2, h3").ok().flatten())
    };
    caption
        .or_else(labelled)
        .or_else(heading)
        .and_then(|e| e.text_content())
        .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|text| !text.is_empty())
}
