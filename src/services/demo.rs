//! The demo library shipped with the app (generated from demo/articles by a core test), fetched
//! from the app's own origin on the first visit (and precached by the service worker).

use sanad_core::Project;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where Trunk copies demo/library.json, relative to the page.
const URL: &str = "demo/library.json";

/// The demo project.
pub async fn library() -> Result<Project, String> {
    let err = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>().map(|x| String::from(x.message())).unwrap_or_else(|| format!("{e:?}"))
    };
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response =
        JsFuture::from(window.fetch_with_str(URL)).await.map_err(err)?.dyn_into().map_err(|_| "not a response")?;
    if !resp.ok() {
        return Err(format!("{URL}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(err)?).await.map_err(err)?.as_string().unwrap_or_default();
    Project::from_json(&text).map_err(|e| format!("{URL}: {e}"))
}
