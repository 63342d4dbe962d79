//! "Who said what": the document's quotes grouped by speaker. Selecting one jumps to it.

use sanad_core::offsets::TextIndex;
use sanad_core::{Document, QuoteKind};
use yew::prelude::*;

use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: Shared<Document>,
    pub index: Shared<TextIndex>,
    pub active: Option<Shared<Vec<usize>>>,
    pub on_hover: Callback<Option<Vec<usize>>>,
    pub on_jump: Callback<usize>,
}

#[function_component(QuotesPanel)]
pub fn quotes_panel(p: &Props) -> Html {
    let doc = &p.doc;
    let index = &p.index;
    // Group by speaker name, in order of first appearance; unattributed last.
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (k, q) in doc.quotes().iter().enumerate() {
        let name = q.speaker_name();
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(k),
            None => groups.push((name, vec![k])),
        }
    }
    groups.sort_by_key(|(n, _)| n.is_none());
    let active: &[usize] = p.active.as_ref().map_or(&[], |a| a.as_slice());
    html! {
        <aside class="quotes-panel" aria-label="Who said what" data-testid="quotes-panel">
            <h3>{"Who said what"}</h3>
            if groups.is_empty() {
                <p class="empty">{"No quotes in this article."}</p>
            }
            { for groups.iter().map(|(name, ks)| {
                let all = ks.clone();
                let enter = p.on_hover.reform(move |_: MouseEvent| Some(all.clone()));
                let leave = p.on_hover.reform(|_: MouseEvent| None);
                html! {
                    <section class="speaker-group" data-testid="speaker-group">
                        <h4 dir="auto" onmouseenter={enter} onmouseleave={leave}>
                            { name.unwrap_or("Unattributed") }
                            <span class="count">{ format!(" ({})", ks.len()) }</span>
                        </h4>
                        <ul>
                        { for ks.iter().map(|&k| {
                            let q = &doc.quotes()[k];
                            let text = index.slice(doc.text(), q.start(), q.end()).unwrap_or_default();
                            let preview: String = text.chars().take(140).collect();
                            let more = if text.chars().count() > 140 { "…" } else { "" };
                            let kind = match q.kind() { QuoteKind::Direct => "direct", QuoteKind::Indirect => "reported", QuoteKind::Mixed => "mixed" };
                            let jump = p.on_jump.reform(move |_: MouseEvent| k);
                            let enter = p.on_hover.reform(move |_: MouseEvent| Some(vec![k]));
                            let leave = p.on_hover.reform(|_: MouseEvent| None);
                            html! {
                                <li>
                                    <button class={classes!("quote-entry", active.contains(&k).then_some("active"))}
                                        data-testid="quote-entry" data-quote-idx={k.to_string()}
                                        onclick={jump} onmouseenter={enter} onmouseleave={leave}>
                                        <span class="kind">{ kind }</span>
                                        <span class="q-text" dir="auto">{ format!("{preview}{more}") }</span>
                                    </button>
                                </li>
                            }
                        }) }
                        </ul>
                    </section>
                }
            }) }
        </aside>
    }
}
