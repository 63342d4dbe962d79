//! Files of the app's own origin (the tagger's models, the demo library), fetched with the global
//! `fetch`, which the page and the tagger worker both have.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::BrowserError;

/// Why a file could not be fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchError {
    /// The request failed (offline, blocked): the browser's reason.
    Browser(BrowserError),
    /// The server answered with this HTTP status.
    Http(u16),
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (of the window, or of the worker).
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str) -> js_sys::Promise;
}

fn browser(e: wasm_bindgen::JsValue) -> FetchError {
    FetchError::Browser(BrowserError::from_js(&e))
}

/// The bytes at `url`.
pub async fn bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let resp: web_sys::Response =
        JsFuture::from(global_fetch(url)).await.map_err(browser)?.dyn_into().map_err(browser)?;
    if !resp.ok() {
        return Err(FetchError::Http(resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(browser)?).await.map_err(browser)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
