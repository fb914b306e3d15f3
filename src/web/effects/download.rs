//! Downloads of what the page exports: text as a file, an SVG drawn to a PNG. Each goes
//! through an `<a download>` on a blob URL, revoked once the browser has taken the file.

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

fn blob_of(text: &str, mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Revokes a blob URL later: the download (or image) reads it after the click returns.
fn revoke_later(url: String) {
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(10_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}

/// Saves `blob` as `name` through a temporary `<a download>`.
fn save_blob(blob: &web_sys::Blob, name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    document.body()?.append_child(&a).ok()?;
    a.click();
    a.remove();
    revoke_later(url);
    Some(())
}

/// Saves `text` as a file `name` of type `mime`; false if the browser refused.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    blob_of(text, mime)
        .and_then(|blob| save_blob(&blob, name))
        .is_some()
}

/// Draws `svg` (`width` × `height` CSS pixels) at twice its size into a canvas and saves it
/// as the PNG `name`; `done` gets whether it worked (it finishes after the image loads).
pub fn download_png(svg: &str, width: u32, height: u32, name: &'static str, done: Callback<bool>) {
    let started = (|| {
        let blob = blob_of(svg, "image/svg+xml")?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let img = web_sys::HtmlImageElement::new().ok()?;
        let loaded = {
            let (img, done) = (img.clone(), done.clone());
            Closure::once_into_js(move || {
                let drawn = draw_png(&img, width * 2, height * 2, name, done.clone());
                if drawn.is_none() {
                    done.emit(false);
                }
            })
        };
        img.set_onload(Some(loaded.unchecked_ref()));
        let failed = {
            let done = done.clone();
            Closure::once_into_js(move || done.emit(false))
        };
        img.set_onerror(Some(failed.unchecked_ref()));
        img.set_src(&url);
        revoke_later(url);
        Some(())
    })();
    if started.is_none() {
        done.emit(false);
    }
}

/// The loaded image on a `width` × `height` canvas, saved once the PNG is encoded.
fn draw_png(
    img: &web_sys::HtmlImageElement,
    width: u32,
    height: u32,
    name: &'static str,
    done: Callback<bool>,
) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    // Drawn at the canvas' size, the SVG is rasterized there: crisp, not an upscaled bitmap.
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        img,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )
    .ok()?;
    let encoded = Closure::once_into_js(move |blob: JsValue| {
        let saved = blob
            .dyn_into::<web_sys::Blob>()
            .ok()
            .and_then(|b| save_blob(&b, name));
        done.emit(saved.is_some());
    });
    canvas.to_blob(encoded.unchecked_ref()).ok()
}
