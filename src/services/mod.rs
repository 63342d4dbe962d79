//! All IO of the web app lives here: components call these functions and dispatch actions with
//! the results.

pub mod demo;
pub mod dom;
pub mod download;
pub mod export;
pub mod files;
pub mod import;
pub mod prefs;
pub mod saver;
pub mod storage;
pub mod sw;
pub mod tabs;
pub mod tagger;

/// One turn of the event loop (a macrotask), so the page can draw and take clicks.
pub async fn yield_now() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Runs `f` when the page is next idle (`requestIdleCallback`: after the frame being made has been
/// painted), for work that need not delay what the user sees; in a browser without it, in the next
/// turn of the event loop.
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(w) = web_sys::window() else { return f() };
    let run = Closure::once_into_js(f);
    if w.request_idle_callback(run.unchecked_ref()).is_err() {
        let _ = w.set_timeout_with_callback(run.unchecked_ref());
    }
}

/// Milliseconds since the page started (`performance.now()`), for the durations the page shows.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
