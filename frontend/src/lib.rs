//! The Obriy browser app: mounts the Leptos [`app::App`] to the page body.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod live;
mod offline;
mod pages;
mod session;
#[cfg(test)]
mod testing;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs when the wasm module is instantiated by `init()` in index.html.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // index.html's light shell has done its job.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("boot-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
