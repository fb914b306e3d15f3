//! Everything that touches the browser outside yew's rendering: timers (`gloo_timers`),
//! `requestAnimationFrame`, the URL hash and history, the clipboard, document listeners and
//! performance marks (the live run in [`live`], downloads in [`download`]). No module outside `effects` does. Every long-lived thing here is owned by a guard
//! whose `Drop` stops it, so replacing a run drops the old one's handles and no stale callback
//! can reach the screen.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::model::Key;

mod download;
mod live;

pub use download::{download_png, download_text};
pub use live::Player;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// `performance.mark(name)` (the end-to-end test reads them for the budgets).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// True if the query string contains `needle`.
pub fn query_contains(needle: &str) -> bool {
    window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains(needle))
}

/// Runs `f` once after `ms` (fire and forget; used only for the debug panic).
pub fn after_ms(ms: u32, f: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(ms).await;
        f();
    });
}

/// The URL hash, with its `#`.
pub fn read_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// This page's address with another hash (a link to copy).
pub fn page_url(hash: &str) -> String {
    let location = window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    let (origin, path, query) = (
        part(|l| l.origin()),
        part(|l| l.pathname()),
        part(|l| l.search()),
    );
    format!("{origin}{path}{query}#{hash}")
}

/// Replaces the URL's hash without adding a history entry.
pub fn replace_hash(hash: &str) {
    let Some(w) = window() else { return };
    let current = w.location().hash().unwrap_or_default();
    if current.strip_prefix('#') == Some(hash) {
        return;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{hash}")),
        );
    }
}

/// A viewer preference saved on this device (language, theme: not part of a share link).
/// `None` when unset or when storage is unavailable (a private window may refuse it).
pub fn load_pref(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Saves a viewer preference; silently skipped where storage is refused (nothing the viewer
/// typed is lost: the preference just is not remembered).
pub fn save_pref(key: &str, value: &str) {
    if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}

/// The browser's preferred language tag (`navigator.language`).
pub fn browser_language() -> String {
    window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Sets `<html lang>` so assistive technology reads the interface in its language.
pub fn set_document_lang(code: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", code);
    }
}

/// Sets `<html data-theme>` (`None` removes it: the system's colours).
pub fn set_document_theme(theme: Option<&str>) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(t) => el.set_attribute("data-theme", t),
            None => el.remove_attribute("data-theme"),
        };
    }
}

/// `prefers-reduced-motion: reduce`.
pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Positions lane marks from their `data-left` / `data-width` (percent of the time axis)
/// through the CSSOM: a strict Content-Security-Policy (`style-src 'self'`) blocks inline
/// `style` attributes, but not styles set from script.
pub fn apply_geometry(root: &web_sys::Element) {
    let Ok(nodes) = root.query_selector_all("[data-left], [data-width]") else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        for (attr, property) in [("data-left", "left"), ("data-width", "width")] {
            if let Some(value) = el.get_attribute(attr) {
                let _ = el.style().set_property(property, &format!("{value}%"));
            }
        }
    }
}

/// Captures a pointer on the element it went down on, so that a drag keeps reporting moves
/// outside it, and focuses it as a click would (the caller prevents the default, which would
/// select text); gives the width in pixels of its parent (the axis it moves along).
pub fn grab_pointer(e: &web_sys::PointerEvent) -> Option<f64> {
    let el = e.target()?.dyn_into::<web_sys::HtmlElement>().ok()?;
    el.set_pointer_capture(e.pointer_id()).ok()?;
    let _ = el.focus();
    Some(f64::from(el.parent_element()?.client_width()))
}

/// Copies `text` to the clipboard; `done` gets whether it worked.
pub fn copy_text(text: String, done: Callback<bool>) {
    let Some(w) = window() else { return };
    // `navigator.clipboard` is undefined outside a secure context (http:// on a LAN address):
    // calling into it would throw through the wasm frames.
    let navigator = w.navigator();
    let available =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if !available {
        done.emit(false);
        return;
    }
    let promise = navigator.clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(ok);
    });
}

/// An event listener on the document or the window, removed when dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    fn on(
        target: web_sys::EventTarget,
        kind: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) -> Option<Listener> {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        target
            .add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target,
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Space, ←, →, Home, End on the page — unless focus is on a control that uses the key
/// itself: fields, sliders (also `role="slider"`) and lists use all of them, buttons and disclosure summaries only
/// Space. Run and Pause (marked `data-space="run-pause"`) take Space as run/pause, as the
/// page's key help says, instead of a click that would start the run over. A held key acts
/// once.
pub fn listen_keys(on: Callback<Key>) -> Vec<Listener> {
    let Some(document) = window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let keydown = Listener::on(document.clone().into(), "keydown", move |e| {
        let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if k.ctrl_key() || k.meta_key() || k.alt_key() {
            return;
        }
        let space = k.key() == " ";
        let busy = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| match el.tag_name().as_str() {
                "INPUT" | "SELECT" | "TEXTAREA" => true,
                // The lanes' sleep handles take the arrows themselves.
                _ if el.get_attribute("role").as_deref() == Some("slider") => true,
                "BUTTON" | "SUMMARY" => space && !run_pause(&el),
                _ => false,
            });
        if busy {
            return;
        }
        let cmd = match k.key().as_str() {
            " " => Key::PlayPause,
            "ArrowLeft" => Key::StepBack,
            "ArrowRight" => Key::Step,
            "Home" => Key::Home,
            "End" => Key::End,
            "]" => Key::StepPass,
            "[" => Key::StepPassBack,
            _ => return,
        };
        e.prevent_default();
        if !k.repeat() {
            on.emit(cmd);
        }
    });
    // Firefox clicks a button on Space's keyup even when its keydown was prevented.
    let keyup = Listener::on(document.into(), "keyup", |e| {
        let on_run_pause = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| run_pause(&el));
        if on_run_pause
            && e.dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == " ")
        {
            e.prevent_default();
        }
    });
    keydown.into_iter().chain(keyup).collect()
}

/// Run or Pause: Space on them is run/pause, not a click.
fn run_pause(el: &web_sys::Element) -> bool {
    el.get_attribute("data-space").as_deref() == Some("run-pause")
}

/// The new hash (with its `#`) each time the learner changes it — a link pasted into the
/// address bar of the open page. (`replace_hash` does not fire this.)
pub fn listen_hash(on: Callback<String>) -> Option<Listener> {
    Listener::on(window()?.into(), "hashchange", move |_| {
        on.emit(read_hash())
    })
}
