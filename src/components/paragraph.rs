//! One paragraph of an article, rendered from the core's interval layout. Memoised: it re-renders
//! only when its document, its layout or its highlighted quotes change.

use std::collections::HashMap;

use sanad_core::layout::{layer, layout, DocLayout, Node};
use sanad_core::offsets::TextIndex;
use sanad_core::{Document, Origin, QuoteKind};
use yew::prelude::*;

use crate::state::Shared;

/// What every paragraph of one article shares.
#[derive(Clone, PartialEq)]
pub struct ParagraphCx {
    pub doc: Shared<Document>,
    pub index: Shared<TextIndex>,
    pub layout: Shared<DocLayout>,
    pub colors: Shared<HashMap<String, String>>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cx: ParagraphCx,
    /// Index into `cx.layout.paragraphs`.
    pub pi: usize,
    /// Highlighted quotes, when some of them (or their speakers) are in this paragraph.
    pub active: Option<Shared<Vec<usize>>>,
    /// The selected item (layer, key), when it is in this paragraph.
    #[prop_or_default]
    pub selected: Option<(u8, usize)>,
}

const NO_COLOR: &str = "#888888";

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

struct Render<'a> {
    cx: &'a ParagraphCx,
    active: &'a [usize],
    selected: Option<(u8, usize)>,
}

impl Render<'_> {
    fn nodes(&self, nodes: &[Node]) -> Html {
        nodes.iter().map(|n| self.node(n)).collect::<Html>()
    }

    fn node(&self, n: &Node) -> Html {
        let doc = &self.cx.doc;
        match n {
            Node::Text { start, end } => {
                let t = self.cx.index.slice(doc.text(), *start, *end).unwrap_or_default();
                html! { { t } }
            }
            Node::Elem { item, first, last, children, .. } => {
                let inner = self.nodes(children);
                match item.layer {
                    layer::QUOTE => {
                        let q = &doc.quotes()[item.key];
                        let on = self.active.contains(&item.key);
                        let sel = self.selected == Some((layer::QUOTE, item.key));
                        let who = q.speaker_name().unwrap_or("unknown speaker");
                        html! {
                            <span class={classes!("quote", kind_name(q.kind()), on.then_some("active"), sel.then_some("selected"),
                                    (q.origin() == Origin::Model).then_some("suggested"))}
                                data-quote-idx={item.key.to_string()}
                                data-quote-id={q.id().to_string()}
                                data-quote-start={q.start().to_string()}
                                data-quote-end={q.end().to_string()}
                                data-kind={kind_name(q.kind())}
                                tabindex={first.then_some("0")}
                                title={format!("{} quote · {who}", kind_name(q.kind()))}>
                                { inner }
                            </span>
                        }
                    }
                    layer::ENTITY => {
                        let s = &doc.spans()[item.key];
                        let color = self.cx.colors.get(s.label()).map_or(NO_COLOR, String::as_str);
                        let speaker_of = &self.cx.layout.speaker_of[item.key];
                        let on = speaker_of.iter().any(|q| self.active.contains(q));
                        let sel = self.selected == Some((layer::ENTITY, item.key));
                        let speaker_attr = (!speaker_of.is_empty())
                            .then(|| speaker_of.iter().map(usize::to_string).collect::<Vec<_>>().join(" "));
                        let mut title = s.label().to_string();
                        if s.origin() == Origin::Model {
                            title.push_str(" · suggested");
                            if let Some(c) = s.confidence() {
                                title.push_str(&format!(" ({:.0}%)", c * 100.0));
                            }
                        }
                        html! {
                            <mark class={classes!("ent", (s.origin() == Origin::Model).then_some("suggested"),
                                    (!speaker_of.is_empty()).then_some("speaker"), on.then_some("active"), sel.then_some("selected"))}
                                style={format!("--c: {color}")}
                                data-label={s.label().to_string()}
                                data-start={s.start().to_string()}
                                data-end={s.end().to_string()}
                                data-span-id={s.id().to_string()}
                                data-origin={if s.origin() == Origin::Model { "model" } else { "editor" }}
                                data-speaker-of={speaker_attr}
                                data-tag={last.then(|| s.label().to_string())}
                                aria-selected={sel.then_some("true")}
                                {title}>
                                { inner }
                            </mark>
                        }
                    }
                    layer::SPEAKER => {
                        let on = self.active.contains(&item.key);
                        html! {
                            <span class={classes!("speaker", "bare", on.then_some("active"))}
                                data-speaker-of={item.key.to_string()}>{ inner }</span>
                        }
                    }
                    _ => html! { <span class="cue" data-cue-of={item.key.to_string()}>{ inner }</span> },
                }
            }
        }
    }
}

#[function_component(Paragraph)]
pub fn paragraph(p: &Props) -> Html {
    let Some((para, items)) = p.cx.layout.paragraphs.get(p.pi) else { return html! {} };
    let nodes = layout(*para, items);
    let active: &[usize] = p.active.as_ref().map_or(&[], |a| a.as_slice());
    let r = Render { cx: &p.cx, active, selected: p.selected };
    html! {
        <p dir="auto" data-para-start={para.start.to_string()} data-para-end={para.end.to_string()}>
            { r.nodes(&nodes) }
        </p>
    }
}
