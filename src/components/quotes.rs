//! "Who said what": the document's quotes grouped by speaker. Selecting one jumps to it and opens
//! its tools: kind, speaker (pick an entity in the text, accept the suggestion, remove), boundaries
//! by a word, delete.

use std::rc::Rc;
use std::sync::Arc;

use sanad_core::edit::{self, Command, Edge, SpeakerRef};
use sanad_core::offsets::TextIndex;
use sanad_core::{Document, Origin, Quote, QuoteKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{kind_name, use_strings, Strings};
use crate::services::dom;
use crate::state::{Action, Selected, Shared};

/// The document as the panel sees it: equal when the text and the quotes are, so that an edit of
/// the entity spans does not re-render the panel.
#[derive(Clone)]
pub struct QuotesOf(pub Rc<Document>);

impl PartialEq for QuotesOf {
    fn eq(&self, other: &QuotesOf) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
            || (Arc::ptr_eq(self.0.shared_text(), other.0.shared_text()) && self.0.quotes() == other.0.quotes())
    }
}

impl std::ops::Deref for QuotesOf {
    type Target = Document;
    fn deref(&self) -> &Document {
        &self.0
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: QuotesOf,
    pub index: Shared<TextIndex>,
    pub active: Option<Shared<Vec<String>>>,
    /// Id of the selected quote.
    #[prop_or_default]
    pub selected: Option<String>,
    /// True while the user is choosing a speaker in the text.
    #[prop_or_default]
    pub picking: bool,
    pub on_hover: Callback<Option<Vec<String>>>,
    pub on_action: Callback<Action>,
}

fn tools(t: &'static Strings, p: &Props, q: &Quote) -> Html {
    let act = &p.on_action;
    let doc = &p.doc;
    let id = q.id().to_string();
    let on_kind = {
        let (act, id) = (act.clone(), id.clone());
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else { return };
            let kind = match sel.value().as_str() {
                "direct" => QuoteKind::Direct,
                "mixed" => QuoteKind::Mixed,
                _ => QuoteKind::Indirect,
            };
            act.emit(Action::Edit(Command::SetQuoteKind { id: id.clone(), kind }));
        })
    };
    let pick = {
        let id = id.clone();
        let picking = p.picking;
        act.reform(move |_: MouseEvent| Action::PickSpeaker((!picking).then(|| id.clone())))
    };
    let unset = {
        let id = id.clone();
        act.reform(move |_: MouseEvent| {
            Action::Edit(Command::SetSpeaker { quote: id.clone(), speaker: SpeakerRef::None })
        })
    };
    let accept = {
        let id = id.clone();
        act.reform(move |_: MouseEvent| Action::Edit(Command::AcceptQuote { id: id.clone() }))
    };
    let delete = {
        let id = id.clone();
        act.reform(move |_: MouseEvent| Action::Edit(Command::RemoveQuote { id: id.clone() }))
    };
    // Boundaries move by a word, in logical (reading) order whatever the script's direction.
    let mv = |edge: Edge, forward: bool| {
        let (id, start, end) = (id.clone(), q.start(), q.end());
        let (s, e) = match edge {
            Edge::Start => (edit::step_token(doc.text(), start, forward, Edge::Start), end),
            Edge::End => (start, edit::step_token(doc.text(), end, forward, Edge::End)),
        };
        act.reform(move |_: MouseEvent| Action::Edit(Command::SetQuoteRange { id: id.clone(), start: s, end: e }))
    };
    let kind = q.kind();
    html! {
        <div class="quote-tools" data-testid="quote-tools">
            <label>{ t.kind }{" "}
                <select data-testid="quote-kind" onchange={on_kind}>
                    <option value="direct" selected={kind == QuoteKind::Direct}>{ t.kind_direct }</option>
                    <option value="indirect" selected={kind == QuoteKind::Indirect}>{ t.kind_reported }</option>
                    <option value="mixed" selected={kind == QuoteKind::Mixed}>{ t.kind_mixed }</option>
                </select>
            </label>
            <div class="tool-row">
                <button onclick={pick} data-testid="quote-pick-speaker" aria-pressed={p.picking.to_string()}>
                    { if p.picking { t.cancel_choosing } else { t.choose_speaker } }
                </button>
                if q.speaker().is_some() {
                    <button onclick={unset} data-testid="quote-unset-speaker">{ t.no_speaker }</button>
                }
                if q.origin() == Origin::Model {
                    <button onclick={accept} data-testid="quote-accept">{ t.accept }</button>
                }
            </div>
            <div class="tool-row" role="group" aria-label={t.boundaries}>
                <button onclick={mv(Edge::Start, false)} data-testid="quote-start-earlier" title={t.start_earlier}>{ t.start_earlier_short }</button>
                <button onclick={mv(Edge::Start, true)} data-testid="quote-start-later" title={t.start_later}>{ t.start_later_short }</button>
                <button onclick={mv(Edge::End, false)} data-testid="quote-end-earlier" title={t.end_earlier}>{ t.end_earlier_short }</button>
                <button onclick={mv(Edge::End, true)} data-testid="quote-end-later" title={t.end_later}>{ t.end_later_short }</button>
            </div>
            <button class="danger" onclick={delete} data-testid="quote-delete">{ t.delete_quote }</button>
        </div>
    }
}

#[function_component(QuotesPanel)]
pub fn quotes_panel(p: &Props) -> Html {
    let t = use_strings();
    let doc = &p.doc;
    let index = &p.index;
    // Group by speaker (its name, or else its words in the text: brat and other formats mark the
    // speaker without naming it), in order of first appearance; unattributed last.
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let ids = |ks: &[usize]| ks.iter().map(|&k| doc.quotes()[k].id().to_string()).collect::<Vec<String>>();
    for (k, q) in doc.quotes().iter().enumerate() {
        let name = q.speaker_text(doc.text(), index);
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(k),
            None => groups.push((name, vec![k])),
        }
    }
    sanad_core::sort::sort_by_key(&mut groups, |(n, _)| n.is_none());
    let active: &[String] = p.active.as_ref().map_or(&[], |a| a.as_slice());
    html! {
        <aside class="quotes-panel" aria-label={t.who_said_what} data-testid="quotes-panel">
            <h3>{ t.who_said_what }</h3>
            if groups.is_empty() {
                <p class="empty">{ t.no_quotes }</p>
            }
            { for groups.iter().map(|(name, ks)| {
                let all = ids(ks);
                let enter = p.on_hover.reform(move |_: MouseEvent| Some(all.clone()));
                let leave = p.on_hover.reform(|_: MouseEvent| None);
                html! {
                    <section class="speaker-group" data-testid="speaker-group">
                        <h4 dir="auto" onmouseenter={enter} onmouseleave={leave}>
                            { name.unwrap_or(t.unattributed) }
                            <span class="count">{ format!(" ({})", t.num(ks.len())) }</span>
                        </h4>
                        <ul>
                        { for ks.iter().map(|&k| {
                            let q = &doc.quotes()[k];
                            let text = index.slice(doc.text(), q.start(), q.end()).unwrap_or_default();
                            let preview: String = text.chars().take(140).collect();
                            let more = if text.chars().count() > 140 { "…" } else { "" };
                            let id = q.id().to_string();
                            let selected = p.selected.as_deref() == Some(q.id());
                            let jump = {
                                let (act, id) = (p.on_action.clone(), id.clone());
                                Callback::from(move |_: MouseEvent| {
                                    act.emit(Action::Select(Some(Selected::Quote(id.clone()))));
                                    dom::focus_quote(&id);
                                })
                            };
                            let hover_id = id.clone();
                            let enter = p.on_hover.reform(move |_: MouseEvent| Some(vec![hover_id.clone()]));
                            let leave = p.on_hover.reform(|_: MouseEvent| None);
                            html! {
                                <li>
                                    <button class={classes!("quote-entry", active.contains(&id).then_some("active"),
                                            selected.then_some("selected"))}
                                        data-testid="quote-entry" data-quote-id={id.clone()}
                                        aria-pressed={selected.to_string()}
                                        onclick={jump} onmouseenter={enter} onmouseleave={leave}>
                                        <span class="kind">{ kind_name(t, q.kind()) }
                                            { if q.origin() == Origin::Model { t.suggested_suffix } else { "" } }</span>
                                        <span class="q-text" dir="auto">{ format!("{preview}{more}") }</span>
                                    </button>
                                    if selected { { tools(t, p, q) } }
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
