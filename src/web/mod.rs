//! The playground's browser layer.
//!
//! Pure modules (compiled everywhere, tested natively): [`model`] (state, reducer, and what
//! the playback controls do), [`problem`] (why an input is refused, in words), [`program`]
//! (which of the two programs), [`export`] (the SVG and trace a teacher downloads), [`timeline`] (what the screen shows, derived from the core's
//! predictions), [`narration`] (the narration line, who cancelled whom, each program's
//! outcome), [`share`] (share links) and [`i18n`] (English / Russian words).
//!
//! Browser-only modules (wasm32): [`effects`] — the only one touching timers,
//! `requestAnimationFrame`, history, the clipboard and document listeners — and the yew
//! components, one per file, named after what the learner sees.

pub mod event_loop;
pub mod exercises;
pub mod export;
pub mod i18n;
pub mod model;
pub mod narration;
pub mod problem;
pub mod program;
pub mod share;
pub mod timeline;
pub mod versions;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod effects;
#[cfg(target_arch = "wasm32")]
mod fatal;

#[cfg(target_arch = "wasm32")]
pub use app::mount;
#[cfg(target_arch = "wasm32")]
pub use fatal::{install_panic_hook, show_fatal_error};

/// Id of the element the app is mounted into (falls back to `<body>` if absent).
pub const ROOT_ID: &str = "app";

/// Entry point, run by the generated JS glue once the wasm module is instantiated.
/// (wasm-bindgen's test runner does not call it: browser tests call [`mount`] themselves.)
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
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
    if effects::query_contains("debug-panic") {
        // Lets the end-to-end test check that a panic in a live app shows a visible message.
        effects::after_ms(100, || {
            panic!("deliberate panic, requested by ?debug-panic in the URL")
        });
    }
}
