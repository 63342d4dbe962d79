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

/// An attribute selector value, quoted and escaped for `querySelector`.
fn css_string(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Scrolls the first element of the quote with this id into view (in the article) and focuses it.
pub fn focus_quote(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let sel = format!("[data-testid=article] [data-quote-id={}][tabindex]", css_string(id));
    let Ok(Some(el)) = doc.query_selector(&sel) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Scrolls the current disagreement (curating) into view when it is off screen.
pub fn reveal_position() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(el)) = doc.query_selector("[data-testid=article] .pos.current") else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Code point offset in the document of a DOM position (`node`, `offset` as the DOM counts:
/// UTF-16 units in text nodes, children in elements) inside an article paragraph. `None` when the
/// position is outside every paragraph or inside a surrogate pair.
pub fn doc_offset(node: &web_sys::Node, offset: u32) -> Option<usize> {
    let el = if node.node_type() == web_sys::Node::ELEMENT_NODE {
        node.clone().dyn_into::<web_sys::Element>().ok()?
    } else {
        node.parent_element()?
    };
    let p = el.closest("p[data-para-start]").ok()??;
    let para_start: usize = p.get_attribute("data-para-start")?.parse().ok()?;
    let range = web_sys::window()?.document()?.create_range().ok()?;
    range.set_start(&p, 0).ok()?;
    range.set_end(node, offset).ok()?;
    // JS counts the prefix in UTF-16 units; map that back through the paragraph's own index.
    let utf16 = range.to_string().length();
    let ix = TextIndex::new(&p.text_content()?);
    cp_from_dom(&ix, utf16).map(|cp| para_start + cp)
}

/// The current selection in the article as a code point range `(start, end)` of the document,
/// in logical order whatever the direction in which it was made. `None` if collapsed or outside.
pub fn selection_range() -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.is_collapsed() {
        return None;
    }
    let a = doc_offset(&sel.anchor_node()?, sel.anchor_offset())?;
    let f = doc_offset(&sel.focus_node()?, sel.focus_offset())?;
    (a != f).then(|| (a.min(f), a.max(f)))
}

/// Where to show a popup for the current selection: the left and bottom of its bounding box, in
/// viewport pixels.
pub fn selection_rect() -> Option<(f64, f64)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.range_count() == 0 {
        return None;
    }
    let rect = sel.get_range_at(0).ok()?.get_bounding_client_rect();
    Some((rect.left(), rect.bottom() + 6.0))
}

/// Clears the text selection (after it became a span or a quote).
pub fn clear_selection() {
    if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = sel.remove_all_ranges();
    }
}

/// Clears the text selection at the start of the next frame: removing it during a key press makes
/// the browser bring style and layout up to date there and then, and again for the frame that shows
/// the change; in the frame's own animation callback that work is done once.
pub fn clear_selection_next_frame() {
    let Some(w) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(clear_selection);
    if w.request_animation_frame(f.unchecked_ref()).is_err() {
        clear_selection();
    }
}

/// Scrolls a span's first mark into view (keyboard navigation).
pub fn reveal_span(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let sel = format!("mark[data-span-id={}]", css_string(id));
    if let Ok(Some(el)) = doc.query_selector(&sel) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// The first (or last) text node inside `node`.
fn edge_text(node: &web_sys::Node, last: bool) -> Option<web_sys::Node> {
    if node.node_type() == web_sys::Node::TEXT_NODE {
        return Some(node.clone());
    }
    let mut child = if last { node.last_child() } else { node.first_child() };
    while let Some(c) = child {
        if let Some(t) = edge_text(&c, last) {
            return Some(t);
        }
        child = if last { c.previous_sibling() } else { c.next_sibling() };
    }
    None
}

/// Extends the text selection in the article by a character (or a word) forward or backward in
/// logical (reading) order, whatever the script's direction: the keyboard way to select text.
/// Without a caret in the article yet, it starts at the mark `from` (a span id), else at the start
/// of the first paragraph.
pub fn extend_selection(forward: bool, word: bool, from: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let (Some(doc), Ok(Some(sel))) = (window.document(), window.get_selection()) else { return };
    let Ok(Some(article)) = doc.query_selector("[data-testid=article]") else { return };
    let article: &web_sys::Node = article.as_ref();
    let inside = sel.anchor_node().is_some_and(|n| article.contains(Some(&n)));
    if !inside {
        let start = from
            .and_then(|id| doc.query_selector(&format!("mark[data-span-id={}]", css_string(id))).ok().flatten())
            .or_else(|| doc.query_selector("[data-testid=article] p").ok().flatten());
        let Some(text) = start.and_then(|el| edge_text(el.as_ref(), false)) else { return };
        let _ = sel.collapse_with_offset(Some(&text), 0);
    }
    let _ = sel.modify("extend", if forward { "forward" } else { "backward" }, if word { "word" } else { "character" });
}
