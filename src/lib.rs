//! asyncio playground: a pure simulation of CPython 3.11's event loop (`core`) and the
//! browser layer that animates it (`web`; its yew parts exist only in the wasm build).

pub mod core;
pub mod web;

/// Browser-layer entry points, public so that `tests/web*.rs` (wasm-bindgen-test) can use them.
#[cfg(target_arch = "wasm32")]
pub use web::{mount, show_fatal_error};
