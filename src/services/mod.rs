//! All IO of the web app lives here: components call these functions and dispatch actions with
//! the results.

pub mod demo;
pub mod dom;
pub mod download;
pub mod export;
pub mod fetch;
pub mod files;
pub mod import;
pub mod prefs;
pub mod saver;
pub mod storage;
pub mod sw;
pub mod tabs;
pub mod tagger;

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// A browser API's refusal in the browser's own words: an exception's message (or the value
/// thrown, as wasm-bindgen writes it). Not the interface's text: the page shows it quoted, after a
/// sentence of its own in the interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserError(pub String);

impl BrowserError {
    /// What the browser said when it threw `e`.
    pub fn from_js(e: &JsValue) -> BrowserError {
        let message = e.dyn_ref::<js_sys::Error>().map(|x| String::from(x.message())).or_else(|| e.as_string());
        BrowserError(message.unwrap_or_else(|| format!("{e:?}")))
    }

    /// An API that is not there (`window` in a worker), in the words JavaScript uses for it.
    pub fn missing(api: &str) -> BrowserError {
        BrowserError(format!("ReferenceError: {api} is not defined"))
    }
}

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
