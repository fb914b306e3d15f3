//! asyncio playground: a pure simulation of CPython 3.11's event loop (`core`) and the
//! browser layer that animates it (`web`, wasm only).

pub mod core;

#[cfg(target_arch = "wasm32")]
mod web;

/// Browser-layer entry points, public so that `tests/web*.rs` (wasm-bindgen-test) can use them.
#[cfg(target_arch = "wasm32")]
pub use web::{mount, show_fatal_error, TIMER_FIRED, TIMER_MS, TIMER_WAITING};
