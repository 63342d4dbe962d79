//! One paragraph of an article, rendered from the core's interval layout.
//!
//! Beside the gold layer a paragraph may show an [`Overlay`]: every annotator's spans and quotes as
//! thin underlines in the annotator's colour (stacked, one row per annotator: backgrounds only, so
//! Arabic letters stay joined across them), and, while curating, the positions where they
//! disagree.
//!
//! Each paragraph gets a self-contained value, [`ParaView`]: its text and the resolved look of every
//! annotation in it, keyed by span and quote ids (never by index, which shifts when something is
//! added earlier in the document). [`ViewCache`] keeps them between versions of the document: an
//! edit recomputes only the paragraphs it touched (found by the core's `changed_ranges`), and every
//! other paragraph keeps its previous `Rc`, so it is neither rebuilt nor re-rendered.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use sanad_core::layout::{
    changed_ranges, layer, layout, paragraphs, paragraphs_touched, DocLayout, Item, Node, Paragraph as Para,
};
use sanad_core::offsets::TextIndex;
use sanad_core::{AnnotatorDef, Document, LabelDef, Origin, QuoteKind, Range, What};
use yew::prelude::*;

use crate::i18n::{fill, kind_name, use_strings, Strings};
use crate::state::Shared;

const NO_COLOR: &str = "#888888";

/// Layout layers of the overlay's elements (after the core's gold layers, `layout::layer`).
const LAYER_SPAN: u8 = 4;
const LAYER_QUOTE: u8 = 5;
const POSITION: u8 = 6;

/// How one annotation of a paragraph looks.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Entity {
        id: String,
        label: String,
        start: usize,
        end: usize,
        model: bool,
        confidence: Option<f64>,
        color: String,
        /// Ids of the quotes this entity said.
        speaker_of: Vec<String>,
    },
    Quote {
        id: String,
        start: usize,
        end: usize,
        kind: QuoteKind,
        model: bool,
        /// The speaker's name, when the quote has one.
        who: Option<String>,
    },
    /// A speaker range with no entity span of its own.
    Speaker {
        quote: String,
    },
    Cue {
        quote: String,
    },
    /// An annotator's span (`label`) or quote (`kind`), drawn as a thin underline in the
    /// annotator's colour, on the annotator's row.
    Layer {
        annotator: String,
        color: String,
        row: usize,
        label: Option<String>,
        kind: Option<QuoteKind>,
        start: usize,
        end: usize,
    },
    /// A position where the annotators disagree (while curating).
    Position {
        what: What,
        start: usize,
        end: usize,
    },
}

/// What the article shows over the gold layer: the annotators' marks, and while curating the
/// positions where they disagree. Made once per document's layers (they never change).
#[derive(Debug, PartialEq)]
pub struct Overlay {
    /// Every element with its range, sorted by start.
    items: Vec<(Range, u8, View)>,
    /// Annotators (rows).
    pub rows: usize,
}

impl Overlay {
    /// The overlay of `doc`'s layers, coloured from `annotators` (an annotator without a colour
    /// gets grey), with the disagreements `positions` as `(what, start, end)`.
    pub fn new(doc: &Document, annotators: &[AnnotatorDef], positions: &[(What, usize, usize)]) -> Overlay {
        let mut items = Vec::new();
        for (row, l) in doc.layers().iter().enumerate() {
            let color = annotators.iter().find(|a| a.name == l.annotator()).map_or(NO_COLOR, |a| &a.color).to_string();
            for s in l.spans() {
                let view = View::Layer {
                    annotator: l.annotator().to_string(),
                    color: color.clone(),
                    row,
                    label: Some(s.label().to_string()),
                    kind: None,
                    start: s.start(),
                    end: s.end(),
                };
                items.push((s.range(), LAYER_SPAN, view));
            }
            for q in l.quotes() {
                let view = View::Layer {
                    annotator: l.annotator().to_string(),
                    color: color.clone(),
                    row,
                    label: None,
                    kind: Some(q.kind()),
                    start: q.start(),
                    end: q.end(),
                };
                items.push((q.range(), LAYER_QUOTE, view));
            }
        }
        for &(what, start, end) in positions {
            if let Ok(r) = Range::new(start, end) {
                items.push((r, POSITION, View::Position { what, start, end }));
            }
        }
        sanad_core::sort::sort_by_key(&mut items, |x| x.0.start());
        Overlay { items, rows: doc.layers().len() }
    }

    /// Indexes of the items that overlap `start..end`.
    fn within(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let upto = self.items.partition_point(|x| x.0.start() < end);
        (0..upto).filter(move |&i| self.items[i].0.end() > start)
    }
}

/// Everything a paragraph shows, as a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ParaView {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// True for a block that continues the line before it (a line longer than
    /// `layout::MAX_BLOCK` is shown as several blocks).
    pub cont: bool,
    pub views: Vec<View>,
    /// Layout items; `key` indexes `views`.
    pub items: Vec<Item>,
}

impl ParaView {
    /// The views of every paragraph of `doc`.
    pub fn all(
        doc: &Document,
        lay: &DocLayout,
        index: &TextIndex,
        colors: &HashMap<String, String>,
        overlay: Option<&Overlay>,
    ) -> Vec<ParaView> {
        let spans = doc.spans();
        let quotes = doc.quotes();
        lay.paragraphs
            .iter()
            .map(|(p, items)| {
                let mut views = Vec::with_capacity(items.len());
                let mut out = Vec::with_capacity(items.len());
                for it in items {
                    let view = match it.layer {
                        layer::ENTITY => {
                            let s = &spans[it.key];
                            View::Entity {
                                id: s.id().to_string(),
                                label: s.label().to_string(),
                                start: s.start(),
                                end: s.end(),
                                model: s.origin() == Origin::Model,
                                confidence: s.confidence(),
                                color: colors.get(s.label()).map_or(NO_COLOR, String::as_str).to_string(),
                                speaker_of: lay.speaker_of[it.key]
                                    .iter()
                                    .map(|&q| quotes[q].id().to_string())
                                    .collect(),
                            }
                        }
                        layer::QUOTE => {
                            let q = &quotes[it.key];
                            View::Quote {
                                id: q.id().to_string(),
                                start: q.start(),
                                end: q.end(),
                                kind: q.kind(),
                                model: q.origin() == Origin::Model,
                                who: q.speaker_text(doc.text(), index).map(str::to_string),
                            }
                        }
                        layer::SPEAKER => View::Speaker { quote: quotes[it.key].id().to_string() },
                        _ => View::Cue { quote: quotes[it.key].id().to_string() },
                    };
                    out.push(Item { range: it.range, layer: it.layer, key: views.len() });
                    views.push(view);
                }
                if let Some(o) = overlay {
                    for i in o.within(p.start, p.end) {
                        let (range, layer, view) = &o.items[i];
                        out.push(Item { range: *range, layer: *layer, key: views.len() });
                        views.push(view.clone());
                    }
                }
                let text = index.slice(doc.text(), p.start, p.end).unwrap_or_default().to_string();
                let cont = p.start > 0 && index.slice(doc.text(), p.start - 1, p.start) != Some("\n");
                ParaView { start: p.start, end: p.end, text, cont, views, items: out }
            })
            .collect()
    }

    /// True when something in this paragraph is one of `quotes` or said one of them.
    pub fn touches(&self, quotes: &[String]) -> bool {
        self.views.iter().any(|v| match v {
            View::Entity { speaker_of, .. } => speaker_of.iter().any(|q| quotes.contains(q)),
            View::Quote { id, .. } => quotes.contains(id),
            View::Speaker { quote } | View::Cue { quote } => quotes.contains(quote),
            View::Layer { .. } | View::Position { .. } => false,
        })
    }

    /// True when this paragraph shows the position `start..end`.
    pub fn shows_position(&self, start: usize, end: usize) -> bool {
        self.views.iter().any(|v| matches!(v, View::Position { start: s, end: e, .. } if (*s, *e) == (start, end)))
    }

    /// True when the span or quote with this id is shown here.
    pub fn shows(&self, id: &str) -> bool {
        self.views.iter().any(|v| match v {
            View::Entity { id: i, .. } | View::Quote { id: i, .. } => i == id,
            _ => false,
        })
    }
}

/// Reuses the previous `Rc` of every paragraph whose view is unchanged.
fn reuse(previous: &[Rc<ParaView>], next: Vec<ParaView>) -> Vec<Rc<ParaView>> {
    next.into_iter()
        .enumerate()
        .map(|(i, v)| match previous.get(i) {
            Some(old) if **old == v => Rc::clone(old),
            _ => Rc::new(v),
        })
        .collect()
}

/// At most this many changed spans and quotes are handled paragraph by paragraph; more (accept
/// all, a label renamed) lay out the whole document again.
const PARTIAL_LIMIT: usize = 64;

/// The paragraph views of the last version of a document shown, and what it takes to update them:
/// the paragraphs and offset tables of its text (the text never changes, so they are computed
/// once per document).
pub struct ViewCache {
    doc: Option<Rc<Document>>,
    labels: Option<Shared<Vec<LabelDef>>>,
    overlay: Option<Rc<Overlay>>,
    paras: Vec<Para>,
    index: Rc<TextIndex>,
    views: Rc<Vec<Rc<ParaView>>>,
}

impl Default for ViewCache {
    fn default() -> ViewCache {
        ViewCache {
            doc: None,
            labels: None,
            overlay: None,
            paras: Vec::new(),
            index: Rc::new(TextIndex::new("")),
            views: Rc::new(Vec::new()),
        }
    }
}

impl ViewCache {
    /// Brings the views up to `doc` with `labels` (and the annotators' `overlay`) and returns them.
    pub fn update(
        &mut self,
        doc: &Rc<Document>,
        labels: &Shared<Vec<LabelDef>>,
        overlay: Option<&Rc<Overlay>>,
    ) -> Rc<Vec<Rc<ParaView>>> {
        let same_text = self.doc.as_ref().is_some_and(|o| Arc::ptr_eq(o.shared_text(), doc.shared_text()));
        if !same_text {
            self.paras = paragraphs(doc.text());
            self.index = Rc::new(doc.index());
        }
        let colors: HashMap<String, String> = labels.iter().map(|l| (l.name.clone(), l.color.clone())).collect();
        let same_labels = self.labels.as_ref() == Some(labels);
        let same_overlay = match (&self.overlay, overlay) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let touched = match (&self.doc, same_text && same_labels && same_overlay) {
            (Some(old), true) => changed_ranges(old, doc, PARTIAL_LIMIT).map(|r| paragraphs_touched(&self.paras, &r)),
            _ => None,
        };
        match touched {
            Some(list) => {
                if !list.is_empty() {
                    let lay = DocLayout::for_paragraphs(doc, list.iter().map(|&i| self.paras[i]).collect());
                    let mut next = (*self.views).clone();
                    let views = ParaView::all(doc, &lay, &self.index, &colors, overlay.map(|o| &**o));
                    for (&i, v) in list.iter().zip(views) {
                        if *next[i] != v {
                            next[i] = Rc::new(v);
                        }
                    }
                    self.views = Rc::new(next);
                }
            }
            None => {
                let lay = DocLayout::for_paragraphs(doc, self.paras.clone());
                let next = ParaView::all(doc, &lay, &self.index, &colors, overlay.map(|o| &**o));
                self.views = Rc::new(reuse(&self.views, next));
            }
        }
        self.doc = Some(Rc::clone(doc));
        self.labels = Some(labels.clone());
        self.overlay = overlay.cloned();
        Rc::clone(&self.views)
    }

    /// Offset tables of the current document's text.
    pub fn index(&self) -> Rc<TextIndex> {
        Rc::clone(&self.index)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Shared<ParaView>,
    /// Highlighted quotes (ids), when some of them (or their speakers) are in this paragraph.
    pub active: Option<Shared<Vec<String>>>,
    /// The selected span or quote id, when it is in this paragraph.
    #[prop_or_default]
    pub selected: Option<String>,
    /// The current disagreement (curating), when it is in this paragraph.
    #[prop_or_default]
    pub position: Option<(usize, usize)>,
}

/// A quote kind's name in the page's classes and attributes (not shown).
fn kind_class(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

struct Render<'a> {
    t: &'static Strings,
    view: &'a ParaView,
    index: TextIndex,
    active: &'a [String],
    selected: Option<&'a str>,
    position: Option<(usize, usize)>,
}

impl Render<'_> {
    fn nodes(&self, nodes: &[Node]) -> Html {
        nodes.iter().map(|n| self.node(n)).collect::<Html>()
    }

    fn node(&self, n: &Node) -> Html {
        let (v, tr) = (self.view, self.t);
        match n {
            Node::Text { start, end } => {
                let t = self.index.slice(&v.text, start - v.start, end - v.start).unwrap_or_default();
                html! { { t } }
            }
            Node::Elem { item, first, last, children, .. } => {
                let inner = self.nodes(children);
                match &v.views[item.key] {
                    View::Quote { id, start, end, kind, model, who } => {
                        let on = self.active.contains(id);
                        let sel = self.selected == Some(id.as_str());
                        html! {
                            <span class={classes!("quote", kind_class(*kind), on.then_some("active"), sel.then_some("selected"),
                                    model.then_some("suggested"))}
                                data-quote-id={id.clone()}
                                data-quote-start={start.to_string()}
                                data-quote-end={end.to_string()}
                                data-kind={kind_class(*kind)}
                                tabindex={first.then_some("0")}
                                title={fill(tr.quote_title, &[("kind", &kind_name(tr, *kind)),
                                    ("who", &who.as_deref().unwrap_or(tr.unknown_speaker))])}>
                                { inner }
                            </span>
                        }
                    }
                    View::Entity { id, label, start, end, model, confidence, color, speaker_of } => {
                        let on = speaker_of.iter().any(|q| self.active.contains(q));
                        let sel = self.selected == Some(id.as_str());
                        let speaker_attr = (!speaker_of.is_empty()).then(|| speaker_of.join(" "));
                        let mut title = label.clone();
                        if *model {
                            title.push_str(" · ");
                            title.push_str(tr.mark_suggested);
                            if let Some(c) = confidence {
                                title.push_str(" · ");
                                title.push_str(&fill(
                                    tr.mark_confidence,
                                    &[("pct", &tr.num((c * 100.0).round() as usize))],
                                ));
                            }
                        }
                        html! {
                            <mark class={classes!("ent", model.then_some("suggested"),
                                    (!speaker_of.is_empty()).then_some("speaker"), on.then_some("active"), sel.then_some("selected"))}
                                style={format!("--c: {color}")}
                                data-label={label.clone()}
                                data-start={start.to_string()}
                                data-end={end.to_string()}
                                data-span-id={id.clone()}
                                data-origin={if *model { "model" } else { "editor" }}
                                data-speaker-of={speaker_attr}
                                data-tag={last.then(|| label.clone())}
                                aria-current={sel.then_some("true")}
                                {title}>
                                { inner }
                            </mark>
                        }
                    }
                    View::Speaker { quote } => {
                        let on = self.active.contains(quote);
                        html! {
                            <span class={classes!("speaker", "bare", on.then_some("active"))}
                                data-speaker-of={quote.clone()}>{ inner }</span>
                        }
                    }
                    View::Cue { quote } => html! { <span class="cue" data-cue-of={quote.clone()}>{ inner }</span> },
                    View::Layer { annotator, color, row, label, kind, start, end } => {
                        let title = match (label, kind) {
                            (Some(l), _) => fill(tr.layer_mark_title, &[("annotator", annotator), ("label", l)]),
                            (None, Some(k)) => {
                                fill(tr.layer_quote_title, &[("annotator", annotator), ("kind", &kind_name(tr, *k))])
                            }
                            _ => annotator.clone(),
                        };
                        html! {
                            <span class={classes!("lay", kind.is_some().then_some("q"))}
                                style={format!("--a: {color}; --k: {row}")}
                                data-annotator={annotator.clone()} data-layer-label={label.clone()}
                                data-start={start.to_string()} data-end={end.to_string()} {title}>{ inner }</span>
                        }
                    }
                    View::Position { what, start, end } => {
                        let current = self.position == Some((*start, *end));
                        let what = match what {
                            What::Span => "span",
                            What::Quote => "quote",
                        };
                        html! {
                            <span class={classes!("pos", current.then_some("current"))} data-what={what}
                                data-pos-start={start.to_string()} data-pos-end={end.to_string()}
                                aria-current={current.then_some("true")}>{ inner }</span>
                        }
                    }
                }
            }
        }
    }
}

#[function_component(Paragraph)]
pub fn paragraph(p: &Props) -> Html {
    let t = use_strings();
    let view = &*p.view;
    let nodes = layout(Para { start: view.start, end: view.end }, &view.items);
    let active: &[String] = p.active.as_ref().map_or(&[], |a| a.as_slice());
    let r = Render {
        t,
        view,
        index: TextIndex::new(&view.text),
        active,
        selected: p.selected.as_deref(),
        position: p.position,
    };
    html! {
        <p dir="auto" class={view.cont.then_some("cont")} data-para-start={view.start.to_string()} data-para-end={view.end.to_string()}>
            { r.nodes(&nodes) }
        </p>
    }
}
