//! Browser layer (wasm32 only).
//!
//! For now this is a placeholder that proves the whole pipeline works: wasm start-up, a panic
//! hook that shows a visible message instead of a dead page, a yew component, and a timer awaited
//! on the browser's event loop. The real playground UI replaces `App`.

mod app;
mod fatal;

use wasm_bindgen::prelude::*;

pub use app::{mount, TIMER_FIRED, TIMER_MS, TIMER_WAITING};
pub use fatal::{install_panic_hook, show_fatal_error};

/// Id of the element the app is mounted into (falls back to `<body>` if absent).
pub const ROOT_ID: &str = "app";

/// Entry point, run by the generated JS glue once the wasm module is instantiated.
/// (wasm-bindgen's test runner does not call it: browser tests call [`mount`] themselves.)
#[wasm_bindgen(start)]
pub fn start() {
    install_panic_hook();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("no document: the playground must run in a browser page");
    let root = match document.get_element_by_id(ROOT_ID) {
        Some(el) => el,
        None => document.body().expect("page has no <body>").into(),
    };
    mount(root);
    if debug_panic_requested() {
        // Lets the end-to-end test check that a panic in a live app shows a visible message.
        wasm_bindgen_futures::spawn_local(async {
            gloo_timers::future::TimeoutFuture::new(2 * TIMER_MS).await;
            panic!("deliberate panic, requested by ?debug-panic in the URL");
        });
    }
}

/// True if the page URL's query string contains `debug-panic`.
fn debug_panic_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("debug-panic"))
}
