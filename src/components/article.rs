//! The article view: title, label legend, paragraphs with their annotations, and the quotes panel.
//! Hover and focus are handled once, on the container (event delegation), not per mark.

use std::collections::HashMap;
use std::rc::Rc;

use sanad_core::layout::{layer, DocLayout};
use sanad_core::offsets::TextIndex;
use sanad_core::{Document, LabelDef, Origin};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::paragraph::{Paragraph, ParagraphCx};
use crate::components::quotes::QuotesPanel;
use crate::services::dom;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: Shared<Document>,
    pub labels: Shared<Vec<LabelDef>>,
    pub on_close: Callback<()>,
}

/// The quotes an element under the pointer (or focus) stands for: a quote, or a speaker's quotes.
fn quotes_of(target: Option<web_sys::EventTarget>) -> Option<Vec<usize>> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let hit = el.closest("[data-quote-idx],[data-speaker-of]").ok()??;
    let attr = hit.get_attribute("data-speaker-of").or_else(|| hit.get_attribute("data-quote-idx"))?;
    let v: Vec<usize> = attr.split_whitespace().filter_map(|s| s.parse().ok()).collect();
    (!v.is_empty()).then_some(v)
}

#[function_component(ArticleView)]
pub fn article_view(p: &Props) -> Html {
    let layout = use_memo(p.doc.clone(), |d| DocLayout::new(d));
    let index = use_memo(p.doc.clone(), |d| TextIndex::new(d.text()));
    let colors = use_memo(p.labels.clone(), |labels| {
        labels.iter().map(|l| (l.name.clone(), l.color.clone())).collect::<HashMap<String, String>>()
    });
    let active = use_state_eq(|| None::<Rc<Vec<usize>>>);

    let set_active = {
        let active = active.clone();
        Callback::from(move |v: Option<Vec<usize>>| active.set(v.map(Rc::new)))
    };
    let onmouseover = set_active.reform(|e: MouseEvent| quotes_of(e.target()));
    let onmouseleave = set_active.reform(|_: MouseEvent| None);
    let onfocusin = set_active.reform(|e: FocusEvent| quotes_of(e.target()));
    let onfocusout = set_active.reform(|_: FocusEvent| None);

    let doc = &p.doc;
    let cx = ParagraphCx {
        doc: doc.clone(),
        index: Shared(index.clone()),
        layout: Shared(layout.clone()),
        colors: Shared(colors.clone()),
    };
    let relevant = |items: &[sanad_core::layout::Item], a: &[usize]| {
        items.iter().any(|it| match it.layer {
            layer::ENTITY => layout.speaker_of[it.key].iter().any(|q| a.contains(q)),
            _ => a.contains(&it.key),
        })
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in doc.spans() {
        *counts.entry(s.label()).or_default() += 1;
    }
    let suggested = doc.spans().iter().filter(|s| s.origin() == Origin::Model).count();
    let close = p.on_close.reform(|_: MouseEvent| ());

    html! {
        <article class="article-view" lang={doc.lang().to_string()}>
            <header class="article-head">
                <button class="back" onclick={close}>{"← Library"}</button>
                <h2 dir="auto" data-testid="article-title">{ doc.title() }</h2>
                <p class="article-meta">
                    { format!("{} · {} characters · {} entities ({} suggested) · {} quotes",
                        doc.lang().to_uppercase(), doc.cp_len(), doc.spans().len(), suggested, doc.quotes().len()) }
                </p>
                <ul class="legend" aria-label="Labels">
                    { for p.labels.iter().map(|l| html! {
                        <li title={l.description.clone()} style={format!("--c: {}", l.color)}>
                            <span class="swatch" aria-hidden="true"></span>
                            { format!("{} {}", l.name, counts.get(l.name.as_str()).copied().unwrap_or(0)) }
                        </li>
                    }) }
                    <li class="legend-quote"><span class="swatch quote-swatch" aria-hidden="true"></span>{ format!("Quote {}", doc.quotes().len()) }</li>
                </ul>
            </header>
            <div class="article-body">
                <div class="article" data-testid="article" {onmouseover} {onmouseleave} {onfocusin} {onfocusout}>
                    { for layout.paragraphs.iter().enumerate().map(|(pi, (_, items))| {
                        let act = active.as_ref().filter(|a| relevant(items, a)).map(|a| Shared(a.clone()));
                        html! { <Paragraph key={pi} cx={cx.clone()} {pi} active={act} /> }
                    }) }
                </div>
                <QuotesPanel doc={doc.clone()} index={Shared(index.clone())} active={(*active).clone().map(|a: Rc<Vec<usize>>| Shared(a))}
                    on_hover={set_active} on_jump={Callback::from(dom::focus_quote)} />
            </div>
        </article>
    }
}
