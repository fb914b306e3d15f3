//! Browser tests (wasm32 only): run with `wasm-pack test --headless --chrome -- --test web`
//! (scripts/test.sh does). They mount the real app, move its controls, flush yew's
//! scheduler and assert the DOM — and check the browser event loop the live run relies on.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use asyncio_playground::core::Scenario;
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::{Playground, DEFAULT_PYTHON};
use asyncio_playground::web::program::ProgramId;
use asyncio_playground::web::share;
use asyncio_playground::{mount, show_fatal_error};
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

fn set_hash(hash: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    let url = if hash.is_empty() {
        "#".to_string()
    } else {
        format!("#{hash}")
    };
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

/// How many apps have run their effects (each marks `app-interactive` once).
fn interactive_apps() -> u32 {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance.get_entries_by_name("app-interactive").length()
}

/// Mounts a fresh app (opening the given share hash) into its own container, and waits until
/// its effects (the key listener among them) have run: under load one render is not enough.
async fn mounted(hash: &str) -> web_sys::Element {
    set_hash(hash);
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let before = interactive_apps();
    mount(root.clone());
    for _ in 0..100 {
        flush().await;
        if interactive_apps() > before {
            break;
        }
    }
    assert!(
        interactive_apps() > before,
        "the app never became interactive"
    );
    root
}

/// Lets yew's scheduler render (it renders asynchronously, not inside the event handler).
async fn flush() {
    TimeoutFuture::new(50).await;
}

/// Waits until `read` gives `want` (every app mounted so far answers a document-wide key, so
/// under load one pause may not be enough), then asserts it.
async fn settles_to(read: impl Fn() -> String, want: &str) {
    for _ in 0..60 {
        if read() == want {
            return;
        }
        flush().await;
    }
    assert_eq!(read(), want);
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|el| el.text_content())
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn all_texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
        .collect()
}

fn by_label<T: JsCast>(root: &web_sys::Element, label: &str) -> T {
    root.query_selector(&format!("[aria-label=\"{label}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no control named {label}"))
        .dyn_into::<T>()
        .unwrap()
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn button(root: &web_sys::Element, name: &str) -> web_sys::HtmlElement {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| {
            b.text_content()
                .is_some_and(|t| t.trim_start_matches(|c: char| !c.is_alphabetic()).trim() == name)
        })
        .unwrap_or_else(|| panic!("no button named {name}"))
}

const GATHER_REPR: &str = "['test 5', 'test 2', 'test 3', 'test 7']";

#[wasm_bindgen_test]
async fn opens_on_the_books_first_example() {
    let root = mounted("").await;
    assert_eq!(text_of(&root, ".gather-result .repr"), GATHER_REPR);
    assert_eq!(
        all_texts(&root, ".bottom-result li code"),
        ["'test 2'", "'test 3'", "'test 5'", "'test 7'"]
    );
    let console = all_texts(&root, ".console-block[data-program='0'] .out");
    assert_eq!(console[0], "Подключаюсь к 5");
    assert_eq!(console.last().unwrap(), GATHER_REPR);
    assert!(text_of(&root, ".python").contains("asyncio.gather(*coroutines)"));
    // Lanes: four coroutines and main() in each program.
    assert_eq!(
        root.query_selector_all(".program.top .lane")
            .unwrap()
            .length(),
        5
    );
}

#[wasm_bindgen_test]
async fn moving_a_slider_reorders_as_completed_but_not_gather() {
    let root = mounted("").await;
    let slider: web_sys::HtmlInputElement = by_label(&root, "7 sleep 1");
    slider.set_value("0.5");
    fire(&slider, "input");
    flush().await;
    assert_eq!(text_of(&root, ".gather-result .repr"), GATHER_REPR);
    assert_eq!(
        all_texts(&root, ".bottom-result li code"),
        ["'test 7'", "'test 2'", "'test 3'", "'test 5'"]
    );
    assert!(
        text_of(&root, ".python").contains("('7', 0.5)")
            || text_of(&root, ".python").contains("0.5")
    );
}

/// The control named `label` once it is rendered (up to a second: the tests run at once).
async fn rendered<T: JsCast>(root: &web_sys::Element, label: &str) -> T {
    let start = now_ms();
    let selector = format!("[aria-label=\"{label}\"]");
    while root.query_selector(&selector).unwrap().is_none() && now_ms() - start < 1000.0 {
        TimeoutFuture::new(10).await;
    }
    by_label(root, label)
}

#[wasm_bindgen_test]
async fn a_step_added_moved_and_edited_shows_in_the_console() {
    let root = mounted("").await;
    let kind: web_sys::HtmlSelectElement = by_label(&root, "2: new step");
    kind.set_value("print");
    by_label::<web_sys::HtmlElement>(&root, "2: add step").click();
    // Added before the final return (row 5 of 6), then moved above the last sleep.
    rendered::<web_sys::HtmlElement>(&root, "2: move step 5 of 6 up")
        .await
        .click();
    let print: web_sys::HtmlInputElement = rendered(&root, "2 step 4: print").await;
    print.set_value("готово, 2");
    fire(&print, "change");
    let start = now_ms();
    let console = loop {
        let lines = all_texts(&root, ".console-block[data-program='0'] .out");
        if lines.iter().any(|l| l == "готово, 2") || now_ms() - start > 1000.0 {
            break lines;
        }
        TimeoutFuture::new(10).await;
    };
    let sent = console
        .iter()
        .position(|l| l == "Отправляю команду test на устройство 2")
        .expect("2 sends its command");
    assert_eq!(console[sent + 1], "готово, 2", "{console:?}");
}

#[wasm_bindgen_test]
async fn a_raise_with_and_without_return_exceptions() {
    let root = mounted("").await;
    let raises: web_sys::HtmlSelectElement = by_label(&root, "3 raises");
    raises.set_value("1");
    fire(&raises, "change");
    flush().await;
    assert_eq!(
        text_of(&root, ".gather-result .exc-line"),
        "OSError: Не могу подключиться к 3"
    );
    // Each ⊘ says who cancelled it; the status line says whose main() raised.
    let marks = root
        .query_selector_all(".program.top .mark.cancel")
        .unwrap();
    let tips: Vec<String> = (0..marks.length())
        .filter_map(|i| marks.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|m| m.get_attribute("data-tip"))
        .collect();
    assert!(!tips.is_empty());
    for tip in &tips {
        assert!(tip.contains("asyncio.run cancelled"), "{tip}");
    }
    assert!(text_of(&root, ".status").contains("asyncio.gather: main() raised OSError"));
    let checkbox: web_sys::HtmlInputElement = root
        .query_selector(".program.top input[type=checkbox]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    checkbox.set_checked(true);
    fire(&checkbox, "change");
    flush().await;
    assert_eq!(
        text_of(&root, ".gather-result .repr"),
        "['test 5', 'test 2', OSError('Не могу подключиться к 3'), 'test 7']"
    );
}

#[wasm_bindgen_test]
async fn stepping_shows_events_up_to_the_cursor() {
    let root = mounted("").await;
    let printed = || {
        all_texts(&root, ".console-block[data-program='0'] .out")
            .len()
            .to_string()
    };
    let position = || position(&root);
    button(&root, "Reset").click();
    settles_to(printed, "0").await;
    assert!(text_of(&root, ".gather-result").contains("has not returned"));
    for k in 1..=3 {
        button(&root, "Step").click();
        settles_to(position, &k.to_string()).await;
    }
    assert!(text_of(&root, ".narration").starts_with("asyncio.gather, t=0.0 s:"));
    button(&root, "Skip to end").click();
    let repr = || {
        root.query_selector(".gather-result .repr")
            .ok()
            .flatten()
            .and_then(|el| el.text_content())
            .unwrap_or_default()
    };
    settles_to(repr, GATHER_REPR).await;
}

fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&event).unwrap();
}

/// How many events have happened: the `k` of `k/n` in the scrubber's value text (its value is
/// the virtual time).
fn position(root: &web_sys::Element) -> String {
    let scrubber = by_label::<web_sys::HtmlInputElement>(root, "Position");
    let status = scrubber.get_attribute("aria-valuetext").unwrap();
    let k_of_n = status.split(" · ").nth(1).unwrap();
    k_of_n.split('/').next().unwrap().to_string()
}

#[wasm_bindgen_test]
async fn keyboard_home_arrows_end() {
    let root = mounted("").await;
    let total = position(&root);
    let at = || position(&root);
    press("Home");
    settles_to(at, "0").await;
    press("ArrowRight");
    settles_to(at, "1").await;
    press("ArrowRight");
    settles_to(at, "2").await;
    press("ArrowLeft");
    settles_to(at, "1").await;
    press("End");
    settles_to(at, &total).await;
}

fn press_on(target: &web_sys::Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn arrow_keys_on_a_timeline_handle_set_the_sleep_and_move_the_lanes_not_playback() {
    let root = mounted("").await;
    let handle = root
        .query_selector(".program.top [role=slider][aria-label='7 sleep 1 on the timeline']")
        .unwrap()
        .expect("a handle at the end of 7's first sleep");
    assert_eq!(handle.get_attribute("aria-valuenow").as_deref(), Some("7"));
    let before = position(&root);
    let end_of = |h: &web_sys::Element| h.get_attribute("data-left").unwrap();
    let left = end_of(&handle);
    handle
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    let field = by_label::<web_sys::HtmlInputElement>(&root, "7 sleep 1, seconds");
    press_on(&handle, "ArrowLeft", true);
    settles_to(|| field.value(), "6").await;
    press_on(&handle, "ArrowLeft", false);
    settles_to(|| field.value(), "5.9").await;
    // The same element, still focused, moved left; playback did not step.
    assert_eq!(
        handle.get_attribute("aria-valuenow").as_deref(),
        Some("5.9")
    );
    assert_eq!(document().active_element().as_ref(), Some(&handle));
    assert_ne!(end_of(&handle), left);
    assert_eq!(position(&root), before);
}

#[wasm_bindgen_test]
async fn a_live_run_animates_and_reports_drift() {
    // Tiny sleeps at 10×: the whole run takes a few tens of milliseconds.
    let scenario = Scenario::from_json(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 0.3}, {"return": 1}]},
                           {"name": "b", "steps": [{"sleep": 0.1}, {"return": 2}]}],
            "main": {"runner": "as_completed"}}"#,
    )
    .unwrap();
    let p = Playground::from_scenario(&scenario, false, None, 10.0, DEFAULT_PYTHON, Lang::En);
    let root = mounted(&share::encode(&p)).await;
    assert_eq!(all_texts(&root, ".bottom-result li code"), ["2", "1"]);
    let start = now_ms();
    button(&root, "Run").click();
    while root.query_selector("#drift").unwrap().is_none() {
        assert!(now_ms() - start < 3000.0, "the live run did not finish");
        TimeoutFuture::new(10).await;
    }
    let elapsed = now_ms() - start;
    assert!(
        elapsed >= 29.0,
        "0.3 s at 10× must take 30 ms, took {elapsed}"
    );
    assert!(text_of(&root, "#drift").contains("max"));
    assert_eq!(all_texts(&root, ".bottom-result li code"), ["2", "1"]);
}

#[wasm_bindgen_test]
async fn a_broken_link_shows_a_message_and_the_default() {
    let root = mounted("v1=!!!").await;
    assert!(text_of(&root, "#notice").contains("not valid base64url"));
    assert_eq!(text_of(&root, ".gather-result .repr"), GATHER_REPR);
    set_hash("");
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

// ---- Components on their own: mount with props, act, flush, assert the DOM. ----

mod components {
    use super::*;
    use asyncio_playground::core::value::{ErrorType, Exc, Value};
    use asyncio_playground::web::components::{
        ByPtr, GatherResult, GatherResultProps, ProgramLanes, ProgramLanesProps, Slider,
        SliderProps,
    };
    use std::rc::Rc;
    use yew::{AttrValue, Callback};

    fn fresh_root() -> web_sys::Element {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        root
    }

    #[wasm_bindgen_test]
    async fn slider_reports_every_movement_and_typed_text() {
        let root = fresh_root();
        let seen: Rc<RefCell<Vec<String>>> = Rc::default();
        let props = SliderProps {
            label: AttrValue::from("a sleep 1"),
            exact_label: AttrValue::from("a sleep 1, seconds"),
            value: 2.0,
            min: 0.0,
            max: 10.0,
            step: 0.01,
            unit: AttrValue::from("s"),
            onchange: {
                let seen = seen.clone();
                Callback::from(move |v: String| seen.borrow_mut().push(v))
            },
        };
        yew::Renderer::<Slider>::with_root_and_props(root.clone(), props).render();
        flush().await;
        let input: web_sys::HtmlInputElement = by_label(&root, "a sleep 1");
        assert_eq!(input.value(), "2");
        for v in ["2.5", "3.25"] {
            input.set_value(v);
            fire(&input, "input");
        }
        // The typed text goes to the reducer as it is; the field shows the value it has
        // until an accepted one arrives (the props here never change).
        let exact: web_sys::HtmlInputElement = by_label(&root, "a sleep 1, seconds");
        assert_eq!(exact.value(), "2");
        exact.set_value("1e308");
        fire(&exact, "change");
        assert_eq!(*seen.borrow(), ["2.5", "3.25", "1e308"]);
        assert_eq!(
            exact.value(),
            "2",
            "refused text does not stay in the field"
        );
    }

    #[wasm_bindgen_test]
    async fn gather_slots_stay_empty_until_gather_returns() {
        let names = vec!["a".to_string(), "b".to_string()];
        let root = fresh_root();
        yew::Renderer::<GatherResult>::with_root_and_props(
            root.clone(),
            GatherResultProps {
                names: names.clone(),
                outcome: None,
                lang: Lang::En,
            },
        )
        .render();
        flush().await;
        assert_eq!(all_texts(&root, ".slot-value"), ["…", "…"]);
        let root = fresh_root();
        let list = Value::List(vec![
            Value::Str("x".into()),
            Value::Exception(Exc::Raised {
                kind: ErrorType::OSError,
                message: "no".into(),
            }),
        ]);
        yew::Renderer::<GatherResult>::with_root_and_props(
            root.clone(),
            GatherResultProps {
                names,
                outcome: Some(Ok(list)),
                lang: Lang::En,
            },
        )
        .render();
        flush().await;
        assert_eq!(all_texts(&root, ".slot-value"), ["'x'", "✗ OSError('no')"]);
        assert_eq!(text_of(&root, ".repr"), "['x', OSError('no')]");
    }

    #[wasm_bindgen_test]
    async fn lanes_show_ghosts_beyond_the_cursor_and_a_deadline() {
        let p = Playground::new(Lang::En);
        let root = fresh_root();
        yew::Renderer::<ProgramLanes>::with_root_and_props(
            root.clone(),
            ProgramLanesProps {
                derived: ByPtr(p.derived.clone()),
                program: ProgramId::Bottom,
                visible: 0,
                now: 0.0,
                deadline: Some(4.0),
                parting: None,
                label: AttrValue::from("as_completed"),
                lang: Lang::En,
                axis_end: p.derived.axis_end,
                on_action: Callback::noop(),
                on_drag: Callback::noop(),
                chain: Vec::new(),
            },
        )
        .render();
        flush().await;
        assert_eq!(root.query_selector_all(".lane").unwrap().length(), 5);
        assert_eq!(
            root.query_selector_all(".real").unwrap().length(),
            0,
            "nothing happened yet"
        );
        assert!(root.query_selector_all(".ghost").unwrap().length() > 10);
        let deadline = root.query_selector(".deadline").unwrap().unwrap();
        assert_eq!(
            deadline.get_attribute("aria-label").as_deref(),
            Some("timeout 4.0 s")
        );
        // Placed through the CSSOM (a strict CSP blocks inline style attributes).
        let left = deadline
            .dyn_ref::<web_sys::HtmlElement>()
            .unwrap()
            .style()
            .get_property_value("left")
            .unwrap();
        assert_eq!(left, "50%");
        // Marks say their time and value on focus.
        let ok = root.query_selector(".mark.ok").unwrap().unwrap();
        assert_eq!(ok.get_attribute("tabindex").as_deref(), Some("0"));
        assert_eq!(
            ok.get_attribute("aria-label").as_deref(),
            Some("t=6.0 s: ✓ return 'test 5'")
        );
    }
}
