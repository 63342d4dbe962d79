//! The article view: title, label legend, edit bar, paragraphs with their annotations, the label
//! picker and the quotes panel. Pointer and keyboard input is handled once, on the container
//! (event delegation), not per mark; edits go out as core `Command`s through `on_action`.
//!
//! An article with annotators' layers shows one layer or all ([`LayerView`]): the gold (editable),
//! one annotator's (read-only: no editing key, click or picker acts), or the gold with every
//! annotator's marks as thin underlines. Curating, the side panel lists the disagreements and the
//! keys settle them (`curation`).

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use sanad_core::agree::positions;
use sanad_core::edit::{self, Clitics, Command, Edge, Snap, SpeakerRef};
use sanad_core::{AnnotatorDef, AnnotatorLayer, Decision, Document, LabelDef, Origin, QuoteKind, Status, Strategy};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::curation::CurationPanel;
use crate::components::paragraph::{Overlay, Paragraph, ViewCache};
use crate::components::quotes::{QuotesOf, QuotesPanel};
use crate::i18n::{fill, use_strings, CountKey, Msg};
use crate::services::dom;
use crate::state::{key_of, Action, Curating, LayerView, Selected, Shared};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: Shared<Document>,
    pub labels: Shared<Vec<LabelDef>>,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub selected: Option<Selected>,
    #[prop_or_default]
    pub picking_speaker: Option<String>,
    /// What the last edit did, worded when shown.
    #[prop_or_default]
    pub last_edit: Option<Msg>,
    #[prop_or_default]
    pub can_undo: bool,
    #[prop_or_default]
    pub can_redo: bool,
    /// Whether Arabic proclitics are left out of snapped selections (the project's setting).
    #[prop_or_default]
    pub clitics: Clitics,
    /// Edits, selection, undo and redo go out as app actions.
    #[prop_or_default]
    pub on_action: Callback<Action>,
    /// The project's annotators and their colours.
    pub annotators: Shared<Vec<AnnotatorDef>>,
    /// Which layer is shown.
    #[prop_or_default]
    pub layer_view: LayerView,
    #[prop_or_default]
    pub curating: Curating,
}

/// A document's layers, equal by pointer: they never change between versions of the document, so
/// what is made from them (the disagreements, the overlay) is made once.
#[derive(Clone)]
struct LayersOf(Arc<Vec<AnnotatorLayer>>);

impl PartialEq for LayersOf {
    fn eq(&self, other: &LayersOf) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The digit key `key` as a number 1..=9 (Latin or Arabic-Indic digits).
fn digit(key: &str) -> Option<usize> {
    let mut chars = key.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let n = match c {
        '1'..='9' => c as usize - '0' as usize,
        '\u{0661}'..='\u{0669}' => c as usize - 0x0660,
        _ => return None,
    };
    Some(n)
}

/// A text selection waiting for a label: code point range and where to show the picker.
#[derive(Debug, Clone, PartialEq)]
struct Picker {
    start: usize,
    end: usize,
    x: f64,
    y: f64,
    /// Alt was held: keep exact characters instead of snapping to tokens.
    exact: bool,
}

/// The quotes (ids) an element under the pointer (or focus) stands for: a quote, or a speaker's.
fn quotes_of(target: Option<web_sys::EventTarget>) -> Option<Vec<String>> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let hit = el.closest("[data-quote-id],[data-speaker-of]").ok()??;
    let attr = hit.get_attribute("data-speaker-of").or_else(|| hit.get_attribute("data-quote-id"))?;
    let v: Vec<String> = attr.split_whitespace().map(str::to_string).collect();
    (!v.is_empty()).then_some(v)
}

fn closest_attr(target: Option<web_sys::EventTarget>, selector: &str, attr: &str) -> Option<String> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(selector).ok()??.get_attribute(attr)
}

const OPENING_MARKS: &[char] = &['"', '“', '«', '„', '‹', '‘', '\'', '»'];

/// A quote made from a selection is direct when quotation marks surround it.
fn guess_kind(doc: &Document, start: usize, end: usize) -> QuoteKind {
    let before = start.checked_sub(1).and_then(|i| doc.text().chars().nth(i));
    let after = doc.text().chars().nth(end);
    match (before, after) {
        (Some(b), Some(_)) if OPENING_MARKS.contains(&b) => QuoteKind::Direct,
        _ => QuoteKind::Indirect,
    }
}

fn selection_picker(exact: bool) -> Option<Picker> {
    let (start, end) = dom::selection_range()?;
    let rect = dom::selection_rect()?;
    Some(Picker { start, end, x: rect.0, y: rect.1, exact })
}

#[function_component(ArticleView)]
pub fn article_view(p: &Props) -> Html {
    let t = use_strings();
    let has_layers = !p.doc.layers().is_empty();
    // The layer shown: the gold, or one annotator's (read-only).
    let readonly = match &p.layer_view {
        LayerView::Annotator(a) if p.doc.layer(a).is_some() => Some(a.clone()),
        _ => None,
    };
    let shown = use_memo((p.doc.clone(), readonly.clone()), |(d, a)| {
        a.as_deref().and_then(|a| d.layer_document(a)).map_or_else(|| Rc::clone(&d.0), Rc::new)
    });
    // The disagreements and the overlay come from the layers, which never change.
    let layers = LayersOf(Arc::clone(p.doc.shared_layers()));
    let disagreements = {
        let doc = p.doc.clone();
        use_memo(layers.clone(), move |_| Shared::new(positions(&doc, Strategy::Agree)))
    };
    let overlay = {
        let (doc, list) = (p.doc.clone(), disagreements.clone());
        let deps = (layers, p.annotators.clone(), p.layer_view == LayerView::All, p.curating.on);
        use_memo(deps, move |(_, annotators, all, curating)| {
            all.then(|| {
                let keys: Vec<_> = if *curating { list.iter().map(key_of).collect() } else { Vec::new() };
                Rc::new(Overlay::new(&doc, annotators, &keys))
            })
        })
    };
    // Paragraph views; an edit recomputes only the paragraphs it touched, and an unchanged
    // paragraph keeps its previous Rc, so it does not re-render.
    let cache = use_mut_ref(ViewCache::default);
    let views = {
        let cache = cache.clone();
        let deps = (Shared((*shown).clone()), p.labels.clone(), Shared(overlay.clone()));
        use_memo(deps, move |(d, labels, o)| cache.borrow_mut().update(&d.0, labels, (*o.0).as_ref()))
    };
    let editable = readonly.is_none();
    let index = cache.borrow().index();
    let active = use_state_eq(|| None::<Rc<Vec<String>>>);
    let picker = use_state_eq(|| None::<Picker>);
    let help = use_state_eq(|| false);

    let set_active = {
        let setter = active.setter();
        use_callback((), move |v: Option<Vec<String>>, _| setter.set(v.map(Rc::new)))
    };
    let onmouseover = set_active.reform(|e: MouseEvent| quotes_of(e.target()));
    let onmouseleave = set_active.reform(|_: MouseEvent| None);
    let onfocusin = set_active.reform(|e: FocusEvent| quotes_of(e.target()));
    let onfocusout = set_active.reform(|_: FocusEvent| None);

    let act = p.on_action.clone();
    let doc = p.doc.clone();
    let labels = p.labels.clone();

    // Labelling a selection: a label name, or None for a quote.
    // The selection just labelled: it stays in the page until the next frame clears it, and must
    // not be labelled twice by a second key press in between.
    let labelled = use_mut_ref(|| None::<(usize, usize)>);
    let label_selection = {
        let (act, doc, picker, labelled, clitics) =
            (act.clone(), doc.clone(), picker.clone(), labelled.clone(), p.clitics);
        Callback::from(move |label: Option<String>| {
            let fresh = || dom::selection_range().filter(|r| Some(*r) != *labelled.borrow());
            let Some(pk) = (*picker).clone().or_else(|| fresh().and_then(|_| selection_picker(false))) else { return };
            picker.set(None);
            *labelled.borrow_mut() = Some((pk.start, pk.end));
            dom::clear_selection_next_frame();
            let mode = if pk.exact { Snap::Exact } else { Snap::Tokens };
            let Some((start, end)) = edit::snap(doc.text(), pk.start, pk.end, mode, clitics) else {
                return;
            };
            let cmd = match label {
                Some(label) => Command::AddSpan { start, end, label },
                None => Command::AddQuote { start, end, kind: guess_kind(&doc, start, end) },
            };
            act.emit(Action::Edit(cmd));
        })
    };

    let onmouseup = {
        let (picker, labelled) = (picker.clone(), labelled.clone());
        Callback::from(move |e: MouseEvent| {
            labelled.borrow_mut().take();
            picker.set(if editable { selection_picker(e.alt_key()) } else { None })
        })
    };

    let onclick = {
        let (act, picking, picker) = (act.clone(), p.picking_speaker.clone(), picker.clone());
        Callback::from(move |e: MouseEvent| {
            if dom::selection_range().is_some() || !editable {
                return;
            }
            picker.set(None);
            let span = closest_attr(e.target(), "mark[data-span-id]", "data-span-id");
            if let (Some(q), Some(id)) = (picking.clone(), span.clone()) {
                act.emit(Action::Edit(Command::SetSpeaker { quote: q, speaker: SpeakerRef::Span(id) }));
                return;
            }
            let quote = closest_attr(e.target(), "[data-quote-id]", "data-quote-id");
            act.emit(Action::Select(span.map(Selected::Span).or(quote.map(Selected::Quote))));
        })
    };

    let onkeydown = {
        let (act, doc, labels, picker, selected) =
            (act.clone(), doc.clone(), labels.clone(), picker.clone(), p.selected.clone());
        let label_selection = label_selection.clone();
        let (help, labelled, clitics) = (help.clone(), labelled.clone(), p.clitics);
        let curating = p.curating.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            let has_text = picker.is_some() || dom::selection_range().is_some_and(|r| Some(r) != *labelled.borrow());
            // Keys of the layers and the curation come before the editing keys (a label's key may
            // be one of them); in a read-only layer the editing keys do nothing.
            let layer_key = match key.as_str() {
                _ if ctrl || e.alt_key() || !has_layers || has_text => None,
                "v" | "V" => Some(Action::CycleLayer),
                "c" | "C" => Some(Action::Curate(!curating.on)),
                "j" | "J" if curating.on => Some(Action::Position(true)),
                "k" | "K" if curating.on => Some(Action::Position(false)),
                "x" | "X" if curating.on && curating.position.is_some() => Some(Action::Settle(Decision::Rejected)),
                k if curating.on && curating.position.is_some() && !matches!(selected, Some(Selected::Span(_))) => {
                    digit(k).filter(|&n| n <= doc.layers().len()).map(Action::TakeSide)
                }
                _ => None,
            };
            if let Some(a) = layer_key {
                act.emit(a);
                e.prevent_default();
                return;
            }
            if !editable && !matches!(key.as_str(), "?" | "Escape") && !ctrl {
                return;
            }
            let selected_span = match &selected {
                Some(Selected::Span(id)) => doc.span(id),
                _ => None,
            };
            let selected_quote = match &selected {
                Some(Selected::Quote(id)) => doc.quotes().iter().find(|q| q.id() == id),
                _ => None,
            };
            let handled = match key.as_str() {
                "z" | "Z" if ctrl && !e.shift_key() => {
                    act.emit(Action::Undo);
                    true
                }
                "z" | "Z" if ctrl => {
                    act.emit(Action::Redo);
                    true
                }
                "y" | "Y" if ctrl => {
                    act.emit(Action::Redo);
                    true
                }
                "Enter" if ctrl => {
                    act.emit(Action::DoneNext);
                    true
                }
                // Boundaries of the selected span, in logical (reading) order whatever the script's
                // direction: `,` `.` move the start earlier/later, `<` `>` the end; with Alt, by a
                // character instead of a word.
                "," | "." | "<" | ">" | "≤" | "≥" if selected_span.is_some() => {
                    let Some(s) = selected_span else { return };
                    let forward = matches!(key.as_str(), "." | ">" | "≥");
                    let start_edge = matches!(key.as_str(), "," | ".");
                    let text = doc.text();
                    let (start, end) = match (start_edge, e.alt_key()) {
                        (true, false) => (edit::step_token(text, s.start(), forward, Edge::Start), s.end()),
                        (true, true) => (edit::step_char(text, s.start(), forward), s.end()),
                        (false, false) => (s.start(), edit::step_token(text, s.end(), forward, Edge::End)),
                        (false, true) => (s.start(), edit::step_char(text, s.end(), forward)),
                    };
                    if start < end && (start, end) != (s.start(), s.end()) {
                        act.emit(Action::Edit(Command::SetSpanRange { id: s.id().to_string(), start, end }));
                    }
                    true
                }
                "?" => {
                    help.set(!*help);
                    true
                }
                // Keyboard selection, in logical order whatever the direction: Shift+Right extends it
                // forward in reading order, Shift+Left backward; with Ctrl (or Alt), by a word.
                "ArrowRight" | "ArrowLeft" if e.shift_key() => {
                    let word = ctrl || e.alt_key();
                    dom::extend_selection(key == "ArrowRight", word, selected_span.map(|s| s.id()));
                    labelled.borrow_mut().take();
                    picker.set(selection_picker(false));
                    true
                }
                _ if ctrl => false,
                "Escape" => {
                    help.set(false);
                    picker.set(None);
                    act.emit(Action::Select(None));
                    true
                }
                "q" | "Q" if has_text => {
                    label_selection.emit(None);
                    true
                }
                "a" | "A" if !has_text && selected_span.is_some() => {
                    if let Some(s) = selected_span {
                        act.emit(Action::Edit(Command::ApplyToAllMentions { id: s.id().to_string(), clitics }));
                    }
                    true
                }
                "Tab" if editable => {
                    let from = selected_span.map(|s| s.id().to_string());
                    match edit::next_span(&doc, from.as_deref(), !e.shift_key()) {
                        Some(id) => {
                            dom::reveal_span(id);
                            act.emit(Action::Select(Some(Selected::Span(id.to_string()))));
                            true
                        }
                        None => false,
                    }
                }
                "Delete" | "Backspace" => match (selected_span, selected_quote) {
                    (Some(s), _) => {
                        act.emit(Action::Edit(Command::RemoveSpan { id: s.id().to_string() }));
                        true
                    }
                    (_, Some(q)) => {
                        act.emit(Action::Edit(Command::RemoveQuote { id: q.id().to_string() }));
                        true
                    }
                    _ => false,
                },
                "Enter" => match (selected_span, selected_quote) {
                    (Some(s), _) if s.origin() == Origin::Model => {
                        act.emit(Action::Edit(Command::AcceptSuggestion { id: s.id().to_string() }));
                        true
                    }
                    (_, Some(q)) if q.origin() == Origin::Model => {
                        act.emit(Action::Edit(Command::AcceptQuote { id: q.id().to_string() }));
                        true
                    }
                    _ => false,
                },
                k => match labels.iter().find(|l| l.key == k) {
                    Some(l) if has_text => {
                        label_selection.emit(Some(l.name.clone()));
                        true
                    }
                    Some(l) => match selected_span {
                        Some(s) if s.label() != l.name => {
                            act.emit(Action::Edit(Command::Relabel { id: s.id().to_string(), label: l.name.clone() }));
                            true
                        }
                        _ => false,
                    },
                    None => false,
                },
            };
            if handled {
                e.prevent_default();
            }
        })
    };

    // The selected span or quote, handed only to the paragraphs that show it.
    let selected_id: Option<&str> = match &p.selected {
        Some(Selected::Span(id)) | Some(Selected::Quote(id)) => Some(id.as_str()),
        None => None,
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in doc.spans() {
        *counts.entry(s.label()).or_default() += 1;
    }
    let suggested = doc.spans().iter().filter(|s| s.origin() == Origin::Model).count()
        + doc.quotes().iter().filter(|q| q.origin() == Origin::Model).count();
    let close = p.on_close.reform(|_: MouseEvent| ());
    let color_of = |name: &str| p.annotators.iter().find(|a| a.name == name).map_or("#888888", |a| a.color.as_str());
    let on_layer = act.reform(|e: Event| {
        let v = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        Action::ShowLayer(match v.as_str() {
            "" => LayerView::Gold,
            "*" => LayerView::All,
            a => LayerView::Annotator(a.trim_start_matches('@').to_string()),
        })
    });
    let layer_value = match &p.layer_view {
        LayerView::Gold => String::new(),
        LayerView::All => "*".to_string(),
        LayerView::Annotator(a) => format!("@{a}"),
    };
    let layer_bar = has_layers.then(|| {
        let curate = act.reform({
            let on = p.curating.on;
            move |_: MouseEvent| Action::Curate(!on)
        });
        html! {
            <>
                <label class="layer-label">{ t.layer_show }{" "}
                    <select class="layer-select" data-testid="layer-view" onchange={on_layer} title="V">
                        <option value="" selected={layer_value.is_empty()}>{ t.layer_gold }</option>
                        { for doc.layers().iter().map(|l| {
                            let v = format!("@{}", l.annotator());
                            html! { <option value={v.clone()} selected={layer_value == v}>{ fill(t.layer_of, &[("annotator", &l.annotator())]) }</option> }
                        }) }
                        <option value="*" selected={layer_value == "*"}>{ t.layer_all }</option>
                    </select>
                </label>
                <button onclick={curate} data-testid="curate" aria-pressed={p.curating.on.to_string()} title="C">
                    { if p.curating.on { t.curate_stop } else { t.curate_start } }</button>
            </>
        }
    });
    let layer_legend = (has_layers && p.layer_view != LayerView::Gold).then(|| {
        html! {
            <ul class="legend layer-legend" aria-label={t.layer_legend} data-testid="layer-legend">
                { for doc.layers().iter().enumerate().map(|(i, l)| html! {
                    <li style={format!("--c: {}", color_of(l.annotator()))} data-annotator={l.annotator().to_string()}>
                        <span class="swatch line" aria-hidden="true"></span>
                        if p.curating.on { <kbd>{ i + 1 }</kbd> }
                        <bdi>{ l.annotator().to_string() }</bdi>
                    </li>
                }) }
            </ul>
        }
    });
    let readonly_note = readonly.as_ref().map(|a| {
        html! {
            <p class="layer-note" data-testid="layer-readonly" style={format!("--c: {}", color_of(a))}>
                <span class="swatch line" aria-hidden="true"></span>{" "}{ fill(t.layer_readonly, &[("annotator", a)]) }
            </p>
        }
    });
    let article_style = match (&readonly, &p.layer_view) {
        (Some(a), _) => Some(format!("--a: {}", color_of(a))),
        (None, LayerView::All) => Some(format!("--rows: {}", doc.layers().len())),
        _ => None,
    };
    let current = p.curating.position.filter(|_| p.curating.on);
    use_effect_with(current, |c| {
        if c.is_some() {
            dom::reveal_position();
        }
    });
    let undo = act.reform(|_: MouseEvent| Action::Undo);
    let redo = act.reform(|_: MouseEvent| Action::Redo);
    let accept_all = act.reform(|_: MouseEvent| Action::Edit(Command::AcceptAll));
    let done_next = act.reform(|_: MouseEvent| Action::DoneNext);
    let on_status = act.reform(|e: Event| {
        let v = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        let status = match v.as_str() {
            "in_progress" => Status::InProgress,
            "done" => Status::Done,
            "skipped" => Status::Skipped,
            _ => Status::New,
        };
        Action::Edit(Command::SetStatus(status))
    });
    let status = doc.status();
    let toggle_help = {
        let help = help.clone();
        Callback::from(move |_: MouseEvent| help.set(!*help))
    };
    let layer_rows: [(&str, &str); 5] = [
        ("V", t.key_view_do),
        ("C", t.key_curate_do),
        ("J / K", t.key_positions_do),
        (t.key_take, t.key_take_do),
        ("X", t.key_reject_do),
    ];
    let help_html = help.then(|| {
        let rows: [(&str, &str); 19] = [
            (t.key_select, t.key_select_do),
            ("Q", t.key_quote_do),
            (t.key_click, t.key_click_do),
            ("Tab / Shift+Tab", t.key_tab_do),
            ("Shift+→ / Shift+←", t.key_extend_do),
            ("Ctrl+Shift+→ / Ctrl+Shift+←", t.key_extend_word_do),
            (t.key_digit, t.key_digit_do),
            (", .", t.key_start_do),
            ("< >", t.key_end_do),
            ("A", t.key_all_do),
            (t.key_delete, t.key_delete_do),
            ("Enter", t.key_enter_do),
            ("Ctrl+Z", t.key_undo_do),
            (t.ctrl_shift_z_or_y, t.key_redo_do),
            ("Ctrl+Enter", t.key_done_do),
            ("Esc", t.key_esc_do),
            ("?", t.key_help_do),
            (t.key_pick, t.key_pick_do),
            (t.key_bounds, t.key_bounds_do),
        ];
        html! {
            <div class="help" role="dialog" aria-label={t.keys_title} data-testid="help">
                <h3>{ t.keys_title }</h3>
                <dl>
                    { for rows.iter().map(|(k, v)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *v }</dd></> }) }
                    if has_layers {
                        { for layer_rows.iter().map(|(k, v)| html! { <><dt><kbd>{ *k }</kbd></dt><dd>{ *v }</dd></> }) }
                    }
                    { for labels.iter().map(|l| html! { <><dt><kbd>{ &l.key }</kbd></dt>
                        <dd><bdi>{ fill(t.label_help, &[("name", &l.name)]) }</bdi>{" "}<span dir="auto">{ &l.description }</span></dd></> }) }
                </dl>
                <button onclick={toggle_help.clone()}>{ t.close }</button>
            </div>
        }
    });
    let selected_desc = match &p.selected {
        Some(Selected::Span(id)) => doc.span(id).map(|s| {
            let text = index.slice(doc.text(), s.start(), s.end()).unwrap_or_default();
            let origin = if s.origin() == Origin::Model { t.selected_suggested } else { "" };
            let mut desc = fill(t.selected_span, &[("label", &s.label()), ("text", &text)]);
            desc.push_str(origin);
            desc
        }),
        Some(Selected::Quote(_)) => Some(t.selected_quote.to_string()),
        None => None,
    };
    let picking_note = p.picking_speaker.as_ref().map(|_| t.picking_speaker);

    let picker_html = (*picker).clone().map(|pk| {
        let style = format!("left: {}px; top: {}px", pk.x.round() as i64, pk.y.round() as i64);
        html! {
            <div class="picker" role="toolbar" aria-label={t.label_selection} data-testid="label-picker" {style}>
                { for labels.iter().map(|l| {
                    let name = l.name.clone();
                    let onclick = label_selection.reform(move |_: MouseEvent| Some(name.clone()));
                    html! {
                        <button style={format!("--c: {}", l.color)} title={l.description.clone()}
                            data-testid={format!("pick-{}", l.name)} {onclick}
                            onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}>
                            <kbd>{ &l.key }</kbd>{ " " }{ &l.name }
                        </button>
                    }
                }) }
                <button data-testid="pick-quote" onclick={label_selection.reform(|_: MouseEvent| None)}
                    onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}>
                    <kbd>{"Q"}</kbd>{" "}{ t.quote_label }
                </button>
            </div>
        }
    });

    html! {
        <article class="article-view" lang={doc.lang().to_string()} tabindex="-1" {onkeydown} data-testid="article-view">
            <header class="article-head">
                <button class="back" onclick={close}>{ t.back_to_library }</button>
                <h2 dir="auto" data-testid="article-title">{ doc.title() }</h2>
                <p class="article-meta">
                    { fill(t.article_meta, &[("lang", &doc.lang().to_ascii_uppercase()),
                        ("chars", &t.count(CountKey::characters, doc.cp_len())),
                        ("spans", &t.count(CountKey::entities, doc.spans().len())),
                        ("quotes", &t.count(CountKey::quotes, doc.quotes().len())),
                        ("suggested", &t.count(CountKey::suggestions, suggested))]) }
                </p>
                <ul class="legend" aria-label={t.labels}>
                    { for p.labels.iter().map(|l| html! {
                        <li title={l.description.clone()} style={format!("--c: {}", l.color)}>
                            <span class="swatch" aria-hidden="true"></span>
                            <kbd>{ &l.key }</kbd>
                            { format!(" {} {}", l.name, t.num(counts.get(l.name.as_str()).copied().unwrap_or(0))) }
                        </li>
                    }) }
                    <li class="legend-quote"><span class="swatch quote-swatch" aria-hidden="true"></span>
                        <kbd>{"Q"}</kbd>{ format!(" {} {}", t.quote_label, t.num(doc.quotes().len())) }</li>
                </ul>
                <div class="edit-bar">
                    <button onclick={undo} disabled={!p.can_undo} data-testid="undo" title="Ctrl+Z">{ t.undo }</button>
                    <button onclick={redo} disabled={!p.can_redo} data-testid="redo" title={t.ctrl_shift_z_or_y}>{ t.redo }</button>
                    <button onclick={accept_all} disabled={suggested == 0} data-testid="accept-all">{ t.accept_all }</button>
                    <label class="status-label">{ t.status }{" "}
                        <select class="status-select" data-testid="doc-status" onchange={on_status}>
                            <option value="new" selected={status == Status::New}>{ t.status_new }</option>
                            <option value="in_progress" selected={status == Status::InProgress}>{ t.status_in_progress }</option>
                            <option value="done" selected={status == Status::Done}>{ t.status_done }</option>
                            <option value="skipped" selected={status == Status::Skipped}>{ t.status_skipped }</option>
                        </select>
                    </label>
                    <button onclick={done_next} data-testid="done-next" title="Ctrl+Enter">{ t.done_next }</button>
                    { layer_bar.unwrap_or_default() }
                    <button onclick={toggle_help} data-testid="help-button" title="?">{ t.keys_button }</button>
                    <span class="edit-status" role="status" aria-live="polite" data-testid="edit-status" dir="auto">
                        { picking_note.map(str::to_string).or_else(|| p.last_edit.as_ref().map(|m| m.render(t))).or(selected_desc).unwrap_or_default() }
                    </span>
                </div>
                { layer_legend.unwrap_or_default() }
                { readonly_note.unwrap_or_default() }
            </header>
            <div class="article-body">
                <div class={classes!("article", p.picking_speaker.is_some().then_some("picking"),
                        (p.layer_view == LayerView::All && has_layers).then_some("overlay"), readonly.is_some().then_some("layer-view"))}
                    data-testid="article" data-layer={readonly.clone()} style={article_style}
                    {onmouseover} {onmouseleave} {onfocusin} {onfocusout} {onmouseup} {onclick}>
                    { for views.iter().enumerate().map(|(pi, view)| {
                        let act = active.as_ref().filter(|a| view.touches(a)).map(|a| Shared(a.clone()));
                        let sel = selected_id.filter(|id| view.shows(id)).map(str::to_string);
                        let pos = current.map(|(_, s, e)| (s, e)).filter(|&(s, e)| view.shows_position(s, e));
                        html! { <Paragraph key={pi} view={Shared(view.clone())} active={act} selected={sel} position={pos} /> }
                    }) }
                </div>
                <div class="side-panels">
                    if p.curating.on && has_layers {
                        <CurationPanel doc={doc.clone()} positions={(*disagreements).clone()} current={current}
                            annotators={p.annotators.clone()} index={Shared(index.clone())} on_action={act.clone()} />
                    }
                    if editable {
                        <QuotesPanel doc={QuotesOf(doc.0.clone())} index={Shared(index.clone())}
                            active={(*active).clone().map(|a: Rc<Vec<String>>| Shared(a))}
                            selected={match &p.selected { Some(Selected::Quote(id)) => Some(id.clone()), _ => None }}
                            picking={p.picking_speaker.is_some()}
                            on_hover={set_active} on_action={act.clone()} />
                    }
                </div>
            </div>
            // A stable slot: the picker appearing must not disturb its siblings (the text and the
            // user's selection in it).
            <div class="picker-slot">{ picker_html }</div>
            <div class="help-slot">{ help_html }</div>
        </article>
    }
}
