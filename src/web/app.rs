//! Placeholder yew app: a heading and a line that changes when a browser timer fires.

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

/// Delay of the placeholder timer, in milliseconds.
pub const TIMER_MS: u32 = 50;
/// `#timer-status` text before the timer fires.
pub const TIMER_WAITING: &str = "waiting for a timer on the event loop…";
/// `#timer-status` text after the timer fired.
pub const TIMER_FIRED: &str = "timer fired";

#[function_component(App)]
fn app() -> Html {
    let status = use_state(|| TIMER_WAITING);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                TimeoutFuture::new(TIMER_MS).await;
                status.set(TIMER_FIRED);
            });
        });
    }
    html! {
        <main class="placeholder">
            <h1>{ "asyncio playground" }</h1>
            <p id="timer-status" aria-live="polite">{ *status }</p>
        </main>
    }
}

/// Render the app into `root` (rendering happens asynchronously, on yew's scheduler).
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<App>::with_root(root).render();
}
