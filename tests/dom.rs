//! The DOM boundary, in a real browser (wasm-bindgen-test in headless Chromium): what the page
//! shows must sit exactly at the code point offsets the core stores, whatever the text holds.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use sanad_core::offsets::TextIndex;
use sanad_core::{markup, LabelDef};
use sanad_web::components::article::{ArticleView, Props};
use sanad_web::services::dom::{cp_from_dom, doc_offset, dom_from_cp, selection_range};
use sanad_web::state::Shared;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const SOURCE: &str = "id: t\nlang: ar\n\n\
👨\u{200d}👩\u{200d}👧 [[CUE#c1:وقال]] [[PER#p1:سيرغي لافروف]] إن {{indirect speaker=p1 cue=c1:ل[[LOC:روسيا]] دورا في [[LOC:آسيا الوسطى]]}}.\n\
Cafe\u{301} 😀 [[ORG:Société Générale]] e\u{301}e\u{301} «{{direct speaker=p1:نعم 👩\u{200d}💻 [[PER:Putin]]}}»\r\n\
[[DATE:الأحد]] 🇸🇦 [[MISC:F-16]]";

async fn mount() -> (web_sys::Element, sanad_core::Document) {
    let doc = markup::parse(SOURCE).unwrap();
    mount_with(doc, Default::default()).await
}

async fn mount_with(
    doc: sanad_core::Document,
    layer_view: sanad_web::state::LayerView,
) -> (web_sys::Element, sanad_core::Document) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = Props {
        doc: Shared::new(doc.clone()),
        labels: Shared::new(LabelDef::defaults()),
        on_close: Callback::noop(),
        selected: None,
        picking_speaker: None,
        last_edit: None,
        can_undo: false,
        can_redo: false,
        clitics: Default::default(),
        on_action: Callback::noop(),
        annotators: Shared::new(sanad_core::AnnotatorDef::complete(&[], ["alice", "bob"])),
        layer_view,
        curating: Default::default(),
    };
    yew::Renderer::<ArticleView>::with_root_and_props(root.clone(), props).render();
    // Let Yew's scheduler run the first render.
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    (root, doc)
}

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length()).filter_map(|i| list.get(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

fn attr(e: &web_sys::Element, name: &str) -> usize {
    e.get_attribute(name).unwrap().parse().unwrap()
}

#[wasm_bindgen_test]
async fn marks_sit_at_their_code_point_offsets() {
    let (root, doc) = mount().await;
    let ix = doc.index();
    let marks = all(&root, "mark.ent");
    assert!(marks.len() >= doc.spans().len(), "{} marks", marks.len());
    for s in doc.spans() {
        // All fragments of a span, in order, spell the span's text.
        let text: String = all(&root, &format!("mark[data-span-id=\"{}\"]", s.id()))
            .iter()
            .map(|m| m.text_content().unwrap_or_default())
            .collect();
        assert_eq!(text, ix.slice(doc.text(), s.start(), s.end()).unwrap(), "span {}", s.id());
    }
    // DOM (UTF-16) positions map back to the stored code points: the UTF-16 length of the
    // paragraph text before a span's first mark, converted, is exactly the span's start.
    let document = web_sys::window().unwrap().document().unwrap();
    for s in doc.spans() {
        let m = root.query_selector(&format!("mark[data-span-id=\"{}\"]", s.id())).unwrap().unwrap();
        let p = m.closest("p").unwrap().unwrap();
        let para_start = attr(&p, "data-para-start");
        let range = document.create_range().unwrap();
        range.set_start(&p, 0).unwrap();
        range.set_end_before(&m).unwrap();
        let before_utf16 = range.to_string().length();
        let para_ix = TextIndex::new(&p.text_content().unwrap_or_default());
        let cp = cp_from_dom(&para_ix, before_utf16).unwrap();
        assert_eq!(para_start + cp, s.start(), "span {} {:?}", s.id(), m.text_content());
        assert_eq!(dom_from_cp(&para_ix, cp), Some(before_utf16));
    }
}

#[wasm_bindgen_test]
async fn paragraphs_are_auto_direction_and_keep_the_text() {
    let (root, doc) = mount().await;
    let ix = doc.index();
    let paras = all(&root, "p[data-para-start]");
    assert_eq!(paras.len(), 3);
    for p in &paras {
        assert_eq!(p.get_attribute("dir").as_deref(), Some("auto"));
        let (s, e) = (attr(p, "data-para-start"), attr(p, "data-para-end"));
        let shown = p.text_content().unwrap();
        assert_eq!(shown, ix.slice(doc.text(), s, e).unwrap());
        // JS sees UTF-16: the lengths differ exactly as the core's index says.
        let js_len = js_sys::JsString::from(shown.as_str()).length() as usize;
        assert_eq!(js_len, ix.cp_to_utf16(e).unwrap() - ix.cp_to_utf16(s).unwrap());
    }
    // The CR of the CRLF line break is not shown as part of the paragraph.
    assert!(!paras[1].text_content().unwrap().ends_with('\r'));
}

#[wasm_bindgen_test]
async fn quotes_are_a_layer_linked_to_their_speaker() {
    let (root, doc) = mount().await;
    let quotes = all(&root, "[data-quote-start]");
    assert!(!quotes.is_empty());
    let q = &doc.quotes()[0];
    let first = all(&root, "[data-quote-id=\"q1\"]");
    assert_eq!(attr(&first[0], "data-quote-start"), q.start());
    assert_eq!(attr(&first[0], "data-quote-end"), q.end());
    // The entities inside the quote stay visible as marks within it.
    assert!(first[0].query_selector("mark[data-label=\"LOC\"]").unwrap().is_some());
    // The speaker mark knows which quotes it said.
    let speaker = root.query_selector("mark[data-speaker-of]").unwrap().unwrap();
    assert_eq!(speaker.text_content().unwrap(), "سيرغي لافروف");
    assert_eq!(speaker.get_attribute("data-speaker-of").as_deref(), Some("q1 q2"));
    // User text is text: markup-looking content is not parsed as HTML.
    assert!(root.query_selector("script, img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn selections_map_to_code_points_in_logical_order() {
    let (root, doc) = mount().await;
    let ix = doc.index();
    // Select "روسيا" (inside a mark, after "ل" and an emoji family earlier in the paragraph),
    // from its end back to its start (a right-to-left drag), and the reverse.
    let s = doc.spans().iter().find(|s| s.label() == "LOC").unwrap();
    assert_eq!(ix.slice(doc.text(), s.start(), s.end()), Some("روسيا"));
    let mark = root.query_selector(&format!("mark[data-span-id=\"{}\"]", s.id())).unwrap().unwrap();
    let text = mark.first_child().unwrap();
    let len = text.text_content().unwrap().encode_utf16().count() as u32;
    assert_eq!(doc_offset(&text, 0), Some(s.start()));
    assert_eq!(doc_offset(&text, len), Some(s.end()));
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.set_base_and_extent(&text, len, &text, 0).unwrap();
    assert_eq!(selection_range(), Some((s.start(), s.end())));
    sel.set_base_and_extent(&text, 0, &text, len).unwrap();
    assert_eq!(selection_range(), Some((s.start(), s.end())));
    // A selection that starts before the ZWJ emoji and ends inside the mark.
    let p = mark.closest("p").unwrap().unwrap();
    let first_text = p.first_child().unwrap();
    sel.set_base_and_extent(&first_text, 0, &text, 1).unwrap();
    assert_eq!(selection_range(), Some((0, s.start() + 1)));
    // Inside a surrogate pair there is no code point offset.
    assert_eq!(doc_offset(&first_text, 1), None);
    sel.remove_all_ranges().unwrap();
    assert_eq!(selection_range(), None);
}

// ---- plurals and numbers: the browser's Intl against the page's own rules ----

fn intl_plural(locale: &str, n: u64) -> String {
    let rules = js_sys::Intl::PluralRules::new(&js_sys::Array::of1(&locale.into()), &js_sys::Object::new());
    rules.select(n as f64).into()
}

fn intl_number(locale: &str, n: f64, places: Option<u32>) -> String {
    let options = js_sys::Object::new();
    if let Some(p) = places {
        js_sys::Reflect::set(&options, &"minimumFractionDigits".into(), &p.into()).unwrap();
        js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &p.into()).unwrap();
    }
    let f = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale.into()), &options);
    let format: js_sys::Function = f.format().dyn_into().unwrap();
    format.call1(&wasm_bindgen::JsValue::UNDEFINED, &n.into()).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn intl_gives_the_native_plural_category_for_0_to_200() {
    use sanad_web::i18n::plural::{category, rule, Category};
    use sanad_web::i18n::Lang;
    for (lang, locale) in [(Lang::En, "en"), (Lang::Ar, "ar")] {
        for n in 0..=200u64 {
            let browser = Category::from_name(&intl_plural(locale, n));
            assert_eq!(browser, Some(rule(lang, n)), "{locale} {n}");
            // What the page uses.
            assert_eq!(category(lang, n), rule(lang, n), "{locale} {n}");
        }
    }
}

#[wasm_bindgen_test]
fn intl_writes_numbers_as_the_native_fallback_does() {
    use sanad_web::i18n::plural::{decimal, group, group_decimal, number};
    use sanad_web::i18n::Lang;
    assert_eq!(number(Lang::En, 100_000), "100,000");
    assert_eq!(number(Lang::Ar, 100_000), "١٠٠٬٠٠٠");
    for (lang, locale) in [(Lang::En, "en"), (Lang::Ar, "ar-u-nu-arab")] {
        for n in [0u64, 1, 7, 42, 999, 1000, 12_345, 100_000, 1_234_567, 4_095, 4_096] {
            assert_eq!(intl_number(locale, n as f64, None), group(lang, n), "{locale} {n}");
            assert_eq!(number(lang, n), group(lang, n), "{locale} {n}");
        }
        for x in [0.0, 2.5, 3.25, 17.04, 1234.5] {
            assert_eq!(intl_number(locale, x, Some(1)), group_decimal(lang, x, 1), "{locale} {x}");
            assert_eq!(decimal(lang, x, 1), group_decimal(lang, x, 1), "{locale} {x}");
        }
    }
}

// ---- the saver: a stash that does not fit in localStorage is reported ----

/// Fills `localStorage` until it refuses more; returns the keys written (to remove them). What
/// was stashed before is removed first (a stash that is already there takes no more room).
fn fill_local_storage() -> Vec<String> {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let stashed: Vec<String> = (0..local.length().unwrap())
        .filter_map(|i| local.key(i).unwrap())
        .filter(|k| k.starts_with("sanad.unsaved/"))
        .collect();
    for k in stashed {
        local.remove_item(&k).unwrap();
    }
    let mut keys = Vec::new();
    let mut chunk = 1usize << 20;
    while chunk > 0 {
        let key = format!("test-fill-{}", keys.len());
        if local.set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys.push(key);
        } else {
            chunk /= 2;
        }
    }
    keys
}

fn clear_keys(keys: &[String]) {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for k in keys {
        local.remove_item(k).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_stash_that_does_not_fit_is_reported() {
    use std::cell::Cell;
    use std::rc::Rc;

    use sanad_web::services::saver::{self, Saver};
    use sanad_web::services::storage::Storage;

    let project = "wasm-test-stash";
    let db = Rc::new(Storage::open().await.unwrap());
    let unstashed = Rc::new(Cell::new(0));
    let count = Rc::clone(&unstashed);
    let saver = Saver::new(db, Callback::noop(), Callback::from(move |_| count.set(count.get() + 1)));
    let doc = Rc::new(markup::parse(SOURCE).unwrap());

    // With room, a pending change is stashed and nothing is reported.
    saver.schedule(project, vec![Rc::clone(&doc)]);
    assert!(saver.stash());
    assert!(saver::lost(project).is_empty());

    // localStorage full: the stash fails, the page would ask before closing, and the next start
    // is told which document's changes were lost.
    let keys = fill_local_storage();
    assert!(!keys.is_empty());
    let leave = web_sys::window().unwrap().document().unwrap().create_event("Event").unwrap();
    leave.init_event_with_bubbles_and_cancelable("beforeunload", false, true);
    web_sys::window().unwrap().dispatch_event(&leave).unwrap();
    assert!(leave.default_prevented(), "the browser is asked to confirm leaving");
    assert!(!saver.stash());
    clear_keys(&keys);
    assert_eq!(saver::lost(project), vec![doc.id().to_string()]);
    // Said once.
    assert!(saver::lost(project).is_empty());

    // When the write finishes after all, nothing is reported as lost.
    let keys = fill_local_storage();
    assert!(!saver.stash());
    clear_keys(&keys);
    saver.flush();
    yew::platform::time::sleep(Duration::from_millis(500)).await;
    assert!(saver::lost(project).is_empty());
    assert_eq!(unstashed.get(), 0, "the page was never hidden");
}

/// Over the gold layer, every annotator's marks are thin stripes: each sits exactly at its code
/// points, and neither they nor the gold marks take room (no padding, border or inline-block), so
/// an Arabic word split between marks keeps its joined letters.
#[wasm_bindgen_test]
async fn annotators_marks_sit_at_their_offsets_and_take_no_room() {
    use sanad_core::{AnnotatorLayer, Origin, Range, Span};
    let gold = markup::parse(SOURCE).unwrap();
    let layer = |name: &str, cut: usize| {
        // Each annotator marks the gold's spans, the second one with a start one code point later
        // (the proclitic question: "ل" in or out).
        let spans = gold
            .spans()
            .iter()
            .map(|s| {
                let start = (s.start() + cut).min(s.end() - 1);
                Span::new(s.id(), Range::new(start, s.end()).unwrap(), s.label(), Origin::Import).unwrap()
            })
            .collect();
        AnnotatorLayer::new(name, spans, vec![]).unwrap()
    };
    let doc = gold.clone().with_layers(vec![layer("alice", 0), layer("bob", 1)]).unwrap();
    // The page's own style sheet, so that what is checked is what the page does.
    let document = web_sys::window().unwrap().document().unwrap();
    let sheet = document.create_element("style").unwrap();
    sheet.set_text_content(Some(include_str!("../static/app.css")));
    document.head().unwrap().append_child(&sheet).unwrap();
    let (root, doc) = mount_with(doc, sanad_web::state::LayerView::All).await;
    assert!(root.query_selector(".article.overlay").unwrap().is_some());
    let ix = doc.index();
    let window = web_sys::window().unwrap();
    for l in doc.layers() {
        for s in l.spans() {
            let sel = format!(
                ".lay[data-annotator=\"{}\"][data-start=\"{}\"][data-end=\"{}\"]",
                l.annotator(),
                s.start(),
                s.end()
            );
            let text: String = all(&root, &sel).iter().map(|m| m.text_content().unwrap_or_default()).collect();
            assert_eq!(text, ix.slice(doc.text(), s.start(), s.end()).unwrap(), "{sel}");
        }
    }
    let marks: Vec<web_sys::Element> = all(&root, ".lay").into_iter().chain(all(&root, "mark.ent")).collect();
    assert!(marks.len() > 2 * doc.spans().len());
    // `getComputedStyle` through js-sys (the page needs no web-sys binding for it).
    let computed: js_sys::Function =
        js_sys::Reflect::get(&window, &"getComputedStyle".into()).unwrap().dyn_into().unwrap();
    for m in marks {
        let style = computed.call1(&window, &m).unwrap();
        let get = |p: &str| {
            let f: js_sys::Function =
                js_sys::Reflect::get(&style, &"getPropertyValue".into()).unwrap().dyn_into().unwrap();
            f.call1(&style, &p.into()).unwrap().as_string().unwrap()
        };
        assert_eq!(get("display"), "inline", "{}", m.outer_html());
        assert_ne!(get("background-image"), "none", "drawn with backgrounds: {}", m.outer_html());
        for p in ["padding-left", "padding-right", "border-left-width", "border-right-width"] {
            assert_eq!(get(p), "0px", "{p} of {}", m.outer_html());
        }
    }
}
