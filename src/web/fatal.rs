//! Make a panic visible: write its message into `#app-error` and un-hide it.

use wasm_bindgen::JsCast;

/// Id of the (initially hidden) error area in `index.html`.
pub const ERROR_ID: &str = "app-error";

/// Install a panic hook that logs the panic to the console and shows it on the page.
///
/// Installed through yew: a plain `std::panic::set_hook` would be replaced by yew's default
/// (console-only) hook as soon as the app is rendered.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!("The playground crashed: {info}");
        web_sys::console::error_1(&message.as_str().into());
        show_fatal_error(&message);
    }));
}

/// Show `message` in `#app-error` (creating the element at the top of `<body>` if the page lacks
/// it). Never panics: it runs inside the panic hook.
pub fn show_fatal_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let el = match document.get_element_by_id(ERROR_ID) {
        Some(el) => el,
        None => {
            let Ok(el) = document.create_element("div") else {
                return;
            };
            el.set_id(ERROR_ID);
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&el);
            }
            el
        }
    };
    let _ = el.set_attribute("role", "alert");
    el.set_text_content(Some(message));
    if let Ok(html) = el.dyn_into::<web_sys::HtmlElement>() {
        html.set_hidden(false);
    }
}
