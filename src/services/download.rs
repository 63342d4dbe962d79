//! Saving a file to the user's machine (a Blob and a temporary link): nothing leaves the device.

use wasm_bindgen::JsCast;

fn err(e: wasm_bindgen::JsValue) -> String {
    format!("{e:?}")
}

/// A Blob of `parts` (byte arrays or Blobs) of type `mime`.
pub fn blob(parts: &js_sys::Array, mime: &str) -> Result<web_sys::Blob, String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts).map_err(err)
}

/// Offers `bytes` as a download named `name`.
pub fn save(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    save_blob(name, &blob(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into()), mime)?)
}

/// Offers `blob` as a download named `name`.
pub fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(err)?.dyn_into().map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}
