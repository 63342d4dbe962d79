//! Saving a file to the user's machine (a Blob and a temporary link): nothing leaves the device.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use super::BrowserError;

#[wasm_bindgen]
extern "C" {
    /// `Array.of(bytes)`. wasm-bindgen hands a `&[u8]` argument to an import as a view of the wasm
    /// memory, not a copy.
    #[wasm_bindgen(js_namespace = Array, js_name = of)]
    fn array_of_view(bytes: &[u8]) -> js_sys::Array;
}

fn err(e: wasm_bindgen::JsValue) -> BrowserError {
    BrowserError::from_js(&e)
}

/// A Blob of `parts` (byte arrays or Blobs) of type `mime`.
pub fn blob(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, BrowserError> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts).map_err(err)
}

/// A Blob holding a copy of `bytes`, copied once, by the Blob constructor, straight out of the wasm
/// memory (the view is used at once, before the memory can grow or the bytes change).
pub fn blob_of(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, BrowserError> {
    blob(&array_of_view(bytes), mime)
}

/// Offers `bytes` as a download named `name`.
pub fn save(name: &str, mime: &str, bytes: &[u8]) -> Result<(), BrowserError> {
    save_blob(name, &blob_of(bytes, mime)?)
}

/// Offers `blob` as a download named `name`.
pub fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), BrowserError> {
    let window = web_sys::window().ok_or_else(|| BrowserError::missing("window"))?;
    let document = window.document().ok_or_else(|| BrowserError::missing("document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(err)?.dyn_into().map_err(|e: web_sys::Element| err(e.into()))?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}
