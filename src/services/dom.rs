//! The DOM boundary: where the page's UTF-16 world meets the core's code points, and small
//! imperative DOM actions (scrolling, focus) that views ask for.

use sanad_core::offsets::TextIndex;
use wasm_bindgen::JsCast;

/// Code point offset of a DOM (UTF-16) offset into `text`'s index; `None` inside a surrogate pair.
pub fn cp_from_dom(index: &TextIndex, utf16: u32) -> Option<usize> {
    index.utf16_to_cp(utf16 as usize)
}

/// DOM (UTF-16) offset of a code point offset.
pub fn dom_from_cp(index: &TextIndex, cp: usize) -> Option<u32> {
    index.cp_to_utf16(cp).and_then(|u| u32::try_from(u).ok())
}

/// Scrolls the first element of quote `k` into view and focuses it.
pub fn focus_quote(k: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(el)) = doc.query_selector(&format!("[data-quote-idx=\"{k}\"][tabindex]")) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
