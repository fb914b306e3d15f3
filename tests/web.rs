//! Browser tests (wasm32 only): run with `wasm-pack test --headless --chrome -- --test web`
//! (scripts/test.sh does). They exercise the real browser event loop and DOM.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use asyncio_playground::{mount, show_fatal_error, TIMER_FIRED, TIMER_MS, TIMER_WAITING};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// A fresh, attached container so tests do not see each other's DOM.
fn fresh_root() -> web_sys::Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

fn text_of(root: &web_sys::Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|el| el.text_content())
}

#[wasm_bindgen_test]
async fn timeout_waits_at_least_its_delay() {
    let start = now_ms();
    TimeoutFuture::new(30).await;
    let elapsed = now_ms() - start;
    assert!(
        elapsed >= 29.0,
        "a 30 ms timer fired after only {elapsed} ms"
    );
}

/// Like asyncio's `as_completed`: tasks finish in order of their delays, not of their creation.
#[wasm_bindgen_test]
async fn spawned_timers_complete_in_delay_order() {
    let done: Rc<RefCell<Vec<u32>>> = Rc::default();
    for delay in [60u32, 10, 35] {
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            TimeoutFuture::new(delay).await;
            done.borrow_mut().push(delay);
        });
    }
    assert!(
        done.borrow().is_empty(),
        "spawn_local must not run tasks synchronously"
    );
    TimeoutFuture::new(120).await;
    assert_eq!(*done.borrow(), vec![10, 35, 60]);
}

#[wasm_bindgen_test]
async fn app_renders_then_timer_updates_status() {
    let root = fresh_root();
    mount(root.clone());
    // Yew renders on its scheduler, not synchronously: yield to the event loop once.
    TimeoutFuture::new(0).await;
    assert_eq!(text_of(&root, "h1").as_deref(), Some("asyncio playground"));
    assert_eq!(
        text_of(&root, "#timer-status").as_deref(),
        Some(TIMER_WAITING)
    );

    TimeoutFuture::new(TIMER_MS + 100).await;
    assert_eq!(
        text_of(&root, "#timer-status").as_deref(),
        Some(TIMER_FIRED)
    );
}

#[wasm_bindgen_test]
fn fatal_error_is_shown_in_the_error_area() {
    let area = document().create_element("div").unwrap();
    area.set_id("app-error");
    area.set_attribute("hidden", "").unwrap();
    document().body().unwrap().append_child(&area).unwrap();

    show_fatal_error("boom: something broke");

    let area: web_sys::HtmlElement = document()
        .get_element_by_id("app-error")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(!area.hidden(), "the error area must be visible");
    assert_eq!(
        area.text_content().as_deref(),
        Some("boom: something broke")
    );
    area.remove();
}
