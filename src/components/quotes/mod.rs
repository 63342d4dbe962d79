//! "Who said what": the document's quotes, one row per person (`rows`: the core's speaker groups,
//! across the ways a name is written), unattributed last. Selecting a quote jumps to it and opens its
//! tools: kind, speaker (pick an entity in the text, accept the suggestion, remove), boundaries by a
//! word, delete. A row's tools (`speakers`) merge rows ("Same person"), give selected quotes to
//! someone else, rename a row or give it back its automatic name: each one `Action::Edit`, so undo
//! and redo take them back like any edit.

mod rows;
mod speakers;

use std::rc::Rc;
use std::sync::Arc;

use sanad_core::edit::{self, Command, Edge, SpeakerRef};
use sanad_core::offsets::TextIndex;
use sanad_core::{Document, Origin, Quote, QuoteKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{fill, kind_name, use_strings, CountKey, Strings};
use crate::services::dom;
use crate::state::{Action, Selected, Shared};
use rows::{Refusal, Rows};
use speakers::{focus_field, merge_bar, name_form, speaker_head, FormProps, HeadProps, MergeProps};

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

/// The name form open in a row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Rename,
    Split,
}

/// A row tool's refusal, with what it was about (worded when shown).
#[derive(Clone, PartialEq)]
struct Refused {
    why: Refusal,
    name: String,
    row: String,
}

fn refusal_text(t: &'static Strings, r: &Refused) -> AttrValue {
    match r.why {
        Refusal::EmptyName => t.speaker_name_empty.into(),
        Refusal::StaysInRow => fill(t.split_stays, &[("name", &r.name), ("row", &r.row)]).into(),
        Refusal::StayApart => t.merge_apart.into(),
    }
}

/// One quote of a row: a button that jumps to it (and, selected, its tools), and for a person's row
/// a box selecting it for "Someone else…".
fn entry(t: &'static Strings, p: &Props, k: usize, check: Option<(bool, Callback<()>)>) -> Html {
    let doc = &p.doc;
    let q = &doc.quotes()[k];
    let text = p.index.slice(doc.text(), q.start(), q.end()).unwrap_or_default();
    let preview: String = text.chars().take(140).collect();
    let more = if text.chars().count() > 140 { "…" } else { "" };
    let id = q.id().to_string();
    let selected = p.selected.as_deref() == Some(q.id());
    let active: &[String] = p.active.as_ref().map_or(&[], |a| a.as_slice());
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
        <li class={classes!(check.is_some().then_some("checkable"))}>
            if let Some((checked, toggle)) = check {
                <input type="checkbox" class="quote-check" data-testid="quote-check" checked={checked}
                    aria-label={t.quote_select} onchange={toggle.reform(|_: Event| ())} />
            }
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
}

/// `v` with `x` added, or removed when it is there.
fn toggled(v: &[String], x: &str) -> Vec<String> {
    if v.iter().any(|y| y == x) {
        v.iter().filter(|y| *y != x).cloned().collect()
    } else {
        v.iter().cloned().chain(std::iter::once(x.to_string())).collect()
    }
}

#[function_component(QuotesPanel)]
pub fn quotes_panel(p: &Props) -> Html {
    let t = use_strings();
    let doc = &p.doc;
    let rows = use_memo(p.doc.clone(), |d| Rows::of(d));
    // Rows selected for merging (keys, in the order selected) and the row whose name is kept;
    // quotes selected for "Someone else…"; the name form open (kind, row key); a refusal to show.
    let rows_checked = use_state(Vec::<String>::new);
    let target = use_state(|| None::<String>);
    let quotes_checked = use_state(Vec::<String>::new);
    let form = use_state(|| None::<(FormKind, String)>);
    let refused = use_state(|| None::<Refused>);
    let heading = use_node_ref();
    // The open name form's field, focused when the form opens.
    let field = use_node_ref();
    // Set by an action: once the panel is drawn again, its heading takes the focus (inside the
    // article, where Ctrl+Z is heard), since the control that had it may be gone. Set when a name
    // form opens: its field takes the focus.
    let refocus = use_mut_ref(|| false);
    let focus_form = use_mut_ref(|| false);
    {
        let (refocus, heading, focus_form, field) =
            (refocus.clone(), heading.clone(), focus_form.clone(), field.clone());
        use_effect(move || {
            if focus_form.replace(false) {
                focus_field(&field);
            }
            if refocus.replace(false) {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    // What still exists of the selections (an edit or an undo may have changed the rows).
    let checked: Vec<String> = rows_checked.iter().filter(|k| rows.row(k).is_some()).cloned().collect();
    let quote_ids: Vec<String> =
        quotes_checked.iter().filter(|id| doc.quotes().iter().any(|q| q.id() == id.as_str())).cloned().collect();
    let target_key = target.as_ref().filter(|k| checked.contains(k)).or(checked.first()).cloned().unwrap_or_default();

    // Sends an edit and clears the row tools; the focus then goes to the panel's heading.
    let send = {
        let (act, rows_checked, quotes_checked, form, refused, refocus) = (
            p.on_action.clone(),
            rows_checked.clone(),
            quotes_checked.clone(),
            form.clone(),
            refused.clone(),
            refocus.clone(),
        );
        Callback::from(move |cmd: Option<Command>| {
            *refocus.borrow_mut() = true;
            rows_checked.set(Vec::new());
            quotes_checked.set(Vec::new());
            form.set(None);
            refused.set(None);
            if let Some(cmd) = cmd {
                act.emit(Action::Edit(cmd));
            }
        })
    };
    let refuse = {
        let refused = refused.clone();
        Callback::from(move |r: Refused| refused.set(Some(r)))
    };

    let merge_bar = (!checked.is_empty()).then(|| {
        let named: Vec<(String, String)> =
            checked.iter().filter_map(|k| rows.row(k).map(|r| (k.clone(), r.group.display_name.clone()))).collect();
        let on_target = {
            let target = target.clone();
            Callback::from(move |k: String| target.set(Some(k)))
        };
        let on_merge = {
            let (doc, rows, send, refuse) = (p.doc.clone(), rows.clone(), send.clone(), refuse.clone());
            let (target_key, checked) = (target_key.clone(), checked.clone());
            Callback::from(move |_| match rows::merge(&doc, &rows, &target_key, &checked) {
                Ok(cmd) => send.emit(cmd),
                Err(why) => refuse.emit(Refused { why, name: String::new(), row: String::new() }),
            })
        };
        let error = refused.as_ref().filter(|r| r.why == Refusal::StayApart).map(|r| refusal_text(t, r));
        merge_bar(
            t,
            MergeProps {
                rows: named,
                target: target_key.clone(),
                error,
                on_target,
                on_merge,
                on_cancel: send.reform(|_| None),
            },
        )
    });

    let row_html = |ri: usize| -> Html {
        let row = &rows.people[ri];
        let key = row.group.key.clone();
        let ids = row.group.quotes.clone();
        let mine: Vec<String> = quote_ids.iter().filter(|id| ids.contains(id)).cloned().collect();
        let all = ids.clone();
        let on_hover = p.on_hover.reform(move |on: bool| on.then(|| all.clone()));
        let on_toggle = {
            let (rows_checked, key, checked) = (rows_checked.clone(), key.clone(), checked.clone());
            Callback::from(move |_| rows_checked.set(toggled(&checked, &key)))
        };
        let open = |kind: FormKind| {
            let (form, refused, key, focus_form) = (form.clone(), refused.clone(), key.clone(), focus_form.clone());
            Callback::from(move |_| {
                *focus_form.borrow_mut() = true;
                refused.set(None);
                form.set(Some((kind, key.clone())));
            })
        };
        let on_automatic = {
            let (send, group) = (send.clone(), row.group.clone());
            Callback::from(move |_| send.emit(Some(rows::automatic(&group))))
        };
        let open_form = form.as_ref().filter(|(_, k)| *k == key).map(|(kind, _)| *kind);
        let form_html = open_form.map(|kind| {
            let others: Vec<String> =
                rows.people.iter().filter(|r| r.group.key != key).map(|r| r.group.display_name.clone()).collect();
            let error = refused.as_ref().filter(|r| r.why != Refusal::StayApart).map(|r| refusal_text(t, r));
            let on_submit = {
                let (doc, group, chosen, send, refuse) =
                    (p.doc.clone(), row.group.clone(), mine.clone(), send.clone(), refuse.clone());
                Callback::from(move |name: String| {
                    let done = match kind {
                        FormKind::Rename => rows::rename(&group, &name),
                        FormKind::Split => rows::split(&doc, &group, &chosen, &name).map(Some),
                    };
                    match done {
                        Ok(cmd) => send.emit(cmd),
                        Err(why) => {
                            refuse.emit(Refused { why, name: name.trim().to_string(), row: group.display_name.clone() })
                        }
                    }
                })
            };
            let (label, value, submit, testid) = match kind {
                FormKind::Rename => (t.rename_label, row.group.display_name.clone(), t.rename_save, "rename-form"),
                FormKind::Split => (t.someone_else_label, String::new(), t.move_quotes, "split-form"),
            };
            let cancel = {
                let (form, refused) = (form.clone(), refused.clone());
                Callback::from(move |_| {
                    form.set(None);
                    refused.set(None);
                })
            };
            name_form(
                t,
                FormProps {
                    label,
                    value,
                    proposals: others,
                    list_id: format!("speaker-names-{ri}"),
                    submit,
                    error,
                    on_submit,
                    on_cancel: cancel,
                    testid,
                    input: field.clone(),
                },
            )
        });
        html! {
            <section class="speaker-group" data-testid="speaker-group" data-key={key.clone()} key={key.clone()}>
                { speaker_head(t, HeadProps {
                    name: row.group.display_name.clone().into(),
                    count: row.quotes.len(),
                    also: row.also.clone(),
                    checked: checked.contains(&key),
                    quotes_checked: mine.len(),
                    on_toggle,
                    on_rename: open(FormKind::Rename),
                    on_automatic,
                    on_split: open(FormKind::Split),
                    on_hover,
                }) }
                { form_html.unwrap_or_default() }
                <ul>
                { for row.quotes.iter().map(|&k| {
                    let id = doc.quotes()[k].id().to_string();
                    let toggle = {
                        let (quotes_checked, quote_ids) = (quotes_checked.clone(), quote_ids.clone());
                        Callback::from(move |_| quotes_checked.set(toggled(&quote_ids, &id)))
                    };
                    let on = quote_ids.contains(&doc.quotes()[k].id().to_string());
                    entry(t, p, k, Some((on, toggle)))
                }) }
                </ul>
            </section>
        }
    };

    let unattributed = (!rows.unattributed.is_empty()).then(|| {
        let all: Vec<String> = rows.unattributed.iter().map(|&k| doc.quotes()[k].id().to_string()).collect();
        let enter = p.on_hover.reform(move |_: MouseEvent| Some(all.clone()));
        let leave = p.on_hover.reform(|_: MouseEvent| None);
        html! {
            <section class="speaker-group unattributed" data-testid="speaker-group" key="unattributed">
                <h4 onmouseenter={enter} onmouseleave={leave}>
                    { t.unattributed }
                    <span class="count" data-testid="speaker-count">{ t.count(CountKey::quotes, rows.unattributed.len()) }</span>
                </h4>
                <ul>{ for rows.unattributed.iter().map(|&k| entry(t, p, k, None)) }</ul>
            </section>
        }
    });

    html! {
        <aside class="quotes-panel" aria-label={t.who_said_what} data-testid="quotes-panel">
            <h3 ref={heading} tabindex="-1">{ t.who_said_what }</h3>
            if doc.quotes().is_empty() {
                <p class="empty">{ t.no_quotes }</p>
            }
            // One child each, whatever is shown: Yew matches unkeyed children from the end, so a row
            // more or less at this level (an undo) would replace the heading, and the focus on it
            // would fall out of the article, where Ctrl+Z is heard.
            { merge_bar.unwrap_or_default() }
            <>{ for (0..rows.people.len()).map(row_html) }</>
            { unattributed.unwrap_or_default() }
        </aside>
    }
}
