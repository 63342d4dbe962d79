//! The curation panel of the article view: how many disagreements are settled, the current one
//! with what each annotator said there (numbered for the digit keys), taking a side, rejecting,
//! and the list of every disagreement in reading order.

use sanad_core::agree::{Disagreement, Said};
use sanad_core::offsets::TextIndex;
use sanad_core::{AnnotatorDef, Decision, Document, What};
use yew::prelude::*;

use crate::i18n::{fill, kind_name, use_strings, Strings};
use crate::state::{key_of, Action, PositionKey, Shared};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The article (its gold layer and curation record).
    pub doc: Shared<Document>,
    /// Its disagreements, in reading order.
    pub positions: Shared<Vec<Disagreement>>,
    pub current: Option<PositionKey>,
    pub annotators: Shared<Vec<AnnotatorDef>>,
    pub index: Shared<TextIndex>,
    pub on_action: Callback<Action>,
}

fn what_name(t: &'static Strings, w: What) -> &'static str {
    match w {
        What::Span => t.curation_what_span,
        What::Quote => t.curation_what_quote,
    }
}

/// The kind of a position in attributes read by programs (not shown).
fn what_attr(w: What) -> &'static str {
    match w {
        What::Span => "span",
        What::Quote => "quote",
    }
}

/// How a position was settled, in words.
fn decision_text(t: &'static Strings, d: Option<&Decision>) -> String {
    match d {
        None => t.curation_open.to_string(),
        Some(Decision::Accepted(a)) => fill(t.curation_took, &[("annotator", a)]),
        Some(Decision::Edited) => t.curation_edited.to_string(),
        Some(Decision::Rejected) => t.curation_rejected.to_string(),
    }
}

/// What was said, in words: `PER «Blinken»`, `reported quote «...»`, or "nothing".
fn said_text(t: &'static Strings, doc: &Document, index: &TextIndex, said: &[Said]) -> String {
    if said.is_empty() {
        return t.curation_nothing.to_string();
    }
    let parts: Vec<String> = said
        .iter()
        .map(|s| {
            let text = index.slice(doc.text(), s.start, s.end).unwrap_or_default();
            let label = match (&s.label, s.kind) {
                (Some(l), _) => l.clone(),
                (None, Some(k)) => kind_name(t, k).to_string(),
                _ => String::new(),
            };
            fill(t.curation_said, &[("label", &label), ("text", &text)])
        })
        .collect();
    parts.join(t.comma)
}

/// What the gold has at a position now.
fn gold_at(t: &'static Strings, doc: &Document, index: &TextIndex, p: &Disagreement) -> String {
    let said: Vec<Said> = match p.what {
        What::Span => doc
            .spans()
            .iter()
            .filter(|s| s.start() < p.end && p.start < s.end())
            .map(|s| Said { start: s.start(), end: s.end(), label: Some(s.label().into()), kind: None, speaker: None })
            .collect(),
        What::Quote => doc
            .quotes()
            .iter()
            .filter(|q| q.start() < p.end && p.start < q.end())
            .map(|q| Said { start: q.start(), end: q.end(), label: None, kind: Some(q.kind()), speaker: None })
            .collect(),
    };
    said_text(t, doc, index, &said)
}

#[function_component(CurationPanel)]
pub fn curation_panel(p: &Props) -> Html {
    let t = use_strings();
    let doc = &*p.doc;
    let index = &*p.index;
    let decision = |k: PositionKey| doc.curation().and_then(|c| c.decision(k.0, k.1, k.2));
    let total = p.positions.len();
    let done = p.positions.iter().filter(|d| decision(key_of(d)).is_some()).count();
    let at = p.current.and_then(|k| p.positions.iter().position(|d| key_of(d) == k));
    let color = |name: &str| p.annotators.iter().find(|a| a.name == name).map_or("#888888", |a| a.color.as_str());
    let act = p.on_action.clone();
    let current = at.map(|i| {
        let d = &p.positions[i];
        let k = key_of(d);
        let text = index.slice(doc.text(), d.start, d.end).unwrap_or_default();
        let settled = decision(k);
        html! {
            <div class="position-card" data-testid="curation-current" data-what={what_attr(d.what)}
                data-start={d.start.to_string()} data-end={d.end.to_string()}>
                <p class="position-title" dir="auto">{ fill(t.curation_position, &[("i", &t.num(i + 1)), ("n", &t.num(total)),
                    ("what", &what_name(t, d.what)), ("text", &text)]) }</p>
                <ol class="votes">
                    { for d.votes.iter().enumerate().map(|(n, v)| {
                        let chosen = settled == Some(&Decision::Accepted(v.annotator.clone()));
                        let onclick = act.reform(move |_: MouseEvent| Action::TakeSide(n + 1));
                        html! {
                            <li>
                                <button class={classes!("vote", chosen.then_some("chosen"))} data-testid="take-side"
                                    data-annotator={v.annotator.clone()} aria-pressed={chosen.to_string()}
                                    title={t.curation_take} {onclick}>
                                    <kbd>{ n + 1 }</kbd>{" "}
                                    <span class="swatch" style={format!("--c: {}", color(&v.annotator))} aria-hidden="true"></span>
                                    <bdi>{ v.annotator.clone() }</bdi>{ ": " }
                                    <span dir="auto">{ said_text(t, doc, index, &v.said) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
                <button class="reject" data-testid="reject-all" onclick={act.reform(|_: MouseEvent| Action::Settle(Decision::Rejected))}>
                    <kbd>{"X"}</kbd>{" "}{ t.curation_reject }</button>
                <p class="decision" data-testid="curation-decision" data-settled={settled.map(|d| d.name())}>{ decision_text(t, settled) }</p>
                <p class="gold-now" dir="auto" data-testid="curation-gold">{ fill(t.curation_gold_now, &[("what", &gold_at(t, doc, index, d))]) }</p>
            </div>
        }
    });
    let n_layers = doc.layers().len();
    html! {
        <section class="curation-panel" aria-labelledby="curation-h" data-testid="curation">
            <h3 id="curation-h">{ t.curation_title }</h3>
            <p class="curation-progress" data-testid="curation-progress" data-done={done.to_string()} data-total={total.to_string()}>
                { fill(t.curation_progress, &[("done", &t.num(done)), ("total", &t.count(crate::i18n::CountKey::disagreements, total))]) }
            </p>
            if total == 0 {
                <p>{ t.curation_agree }</p>
            } else {
                <p class="hint">{ fill(t.curation_intro, &[("n", &t.num(n_layers))]) }</p>
            }
            { current.unwrap_or_default() }
            if total > 0 {
                <div class="tool-row">
                    <button onclick={act.reform(|_: MouseEvent| Action::Position(false))} data-testid="position-previous">
                        <kbd>{"K"}</kbd>{" "}{ t.curation_previous }</button>
                    <button onclick={act.reform(|_: MouseEvent| Action::Position(true))} data-testid="position-next">
                        <kbd>{"J"}</kbd>{" "}{ t.curation_next }</button>
                </div>
                <details class="positions" open=true>
                    <summary>{ t.curation_list }</summary>
                    <ol>
                        { for p.positions.iter().map(|d| {
                            let k = key_of(d);
                            let here = p.current == Some(k);
                            let text = index.slice(doc.text(), d.start, d.end).unwrap_or_default();
                            let settled = decision(k);
                            let onclick = act.reform(move |_: MouseEvent| Action::GoPosition(k));
                            html! {
                                <li>
                                    <button class={classes!("position", here.then_some("current"), settled.is_some().then_some("settled"))}
                                        data-testid="position" aria-current={here.then_some("true")} {onclick}>
                                        <span dir="auto">{ format!("«{text}»") }</span>{ " · " }{ what_name(t, d.what) }
                                        { " · " }{ decision_text(t, settled) }
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                </details>
            }
        </section>
    }
}
