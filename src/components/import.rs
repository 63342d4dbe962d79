//! The import dialog: progress (with Cancel) while files are read, then a preview of what they
//! hold (articles, spans per label, quotes, problems, conflicts with the library) and the user's
//! choices, before anything changes. Annotated files can come in merged into the articles' (gold)
//! annotations, or as annotators' layers: one file per annotator (named by the `author` all its
//! records give, else by the file's name; editable here), each article matched to the library's
//! by id and text (core `annotators`), a same id over another text listed and never joined.

use std::rc::Rc;

use sanad_core::agree::annotator_name;
use sanad_core::annotators::{plan, Incoming, LayerConflict, LayerReport};
use sanad_core::merge::{firm_suggestions, Conflict, Item, Merge, MergeReport, Resolution};
use sanad_core::{Document, Origin};
use yew::prelude::*;

use crate::i18n::{errors, fill, use_strings, CountKey, Msg, Strings};
use crate::services::import::Pending;
use crate::state::Shared;

/// Where the import is.
#[derive(Clone, PartialEq)]
pub enum Stage {
    Idle,
    /// Reading: file names, bytes read and total.
    Reading {
        names: String,
        done: u64,
        total: u64,
    },
    Preview(Shared<Pending>),
}

/// What the user chose in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Model spans (and spans whose format does not say who made them) come in as suggestions;
    /// otherwise as the editor's.
    pub as_suggestions: bool,
    /// Into a new project of this name, instead of this library.
    pub new_project: Option<String>,
    /// As annotators' layers: the annotator of each source (in the order of the sources).
    pub layers: Option<Vec<String>>,
}

/// A file's name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The annotator each source is named after: the `author` all its records state, else its file
/// name without the extension.
pub fn default_annotators(pending: &Pending) -> Vec<String> {
    let docs = pending.docs.borrow();
    pending
        .sources
        .iter()
        .map(|s| annotator_name(docs.get(s.docs.clone()).unwrap_or_default(), stem(&s.name)))
        .collect()
}

/// The pending documents as annotators' files, one per source that gave documents, named
/// `names`; `take` moves the documents out (the import), otherwise they are copied (the preview).
pub fn incoming(pending: &Pending, names: &[String], take: bool) -> Vec<Incoming> {
    let mut docs = pending.docs.borrow_mut();
    let all: Vec<Document> = if take { std::mem::take(&mut *docs) } else { docs.clone() };
    let mut out = Vec::new();
    for (s, name) in pending.sources.iter().zip(names) {
        let documents = all.get(s.docs.clone()).unwrap_or_default().to_vec();
        if !documents.is_empty() {
            let annotator = if name.trim().is_empty() { stem(&s.name).to_string() } else { name.trim().to_string() };
            out.push(Incoming { annotator, source: Some(s.name.clone()), documents });
        }
    }
    out
}

fn layer_conflict_text(t: &'static Strings, c: &LayerConflict) -> (String, String) {
    match c {
        LayerConflict::OtherText { annotator, id, to, fingerprint } => (
            id.clone(),
            fill(t.import_layer_other_text, &[("annotator", annotator), ("to", to), ("fingerprint", fingerprint)]),
        ),
        LayerConflict::Duplicate { annotator, id, ignored } => {
            (id.clone(), fill(t.import_layer_duplicate, &[("annotator", annotator), ("ignored", ignored)]))
        }
        LayerConflict::Refused { annotator, id, reason } => (
            id.clone(),
            fill(t.import_layer_refused, &[("annotator", annotator), ("reason", &errors::model_error(t, reason))]),
        ),
    }
}

/// A project name from the imported files' names (without their extensions).
fn project_name(pending: &Pending) -> String {
    let names: Vec<&str> = pending.sources.iter().map(|s| stem(&s.name)).collect();
    let name = names.join(", ");
    match name.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &name[..i]),
        None => name,
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub stage: Stage,
    /// The library the documents join (for the conflicts).
    pub docs: Shared<Vec<Rc<Document>>>,
    pub on_cancel: Callback<()>,
    pub on_confirm: Callback<Choice>,
}

/// Counts of the pending documents.
#[derive(Default, PartialEq)]
struct Counts {
    /// Labels in the order first seen, with their counts (a few labels: a list is enough).
    spans_per_label: Vec<(String, usize)>,
    spans: usize,
    model: usize,
    quotes: usize,
    with_speaker: usize,
}

fn counts(docs: &[Document]) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        for s in d.spans() {
            match c.spans_per_label.iter_mut().find(|(l, _)| l == s.label()) {
                Some((_, n)) => *n += 1,
                None => c.spans_per_label.push((s.label().to_string(), 1)),
            }
            c.spans += 1;
            c.model += usize::from(s.origin() == Origin::Model);
        }
        for q in d.quotes() {
            c.quotes += 1;
            c.model += usize::from(q.origin() == Origin::Model);
            c.with_speaker += usize::from(q.speaker().is_some());
        }
    }
    c
}

/// What merging would do with this choice (only documents whose id is in the library are merged;
/// the rest are counted).
pub fn dry_run(pending: &Pending, library: &[Rc<Document>], as_suggestions: bool) -> MergeReport {
    let mut report = MergeReport::default();
    let mut m = Merge::new(library.iter().map(|d| d.as_ref()));
    let ids: std::collections::HashSet<&str> = library.iter().map(|d| d.id()).collect();
    for d in pending.docs.borrow().iter() {
        if !as_suggestions && ids.contains(d.id()) {
            let mut firm = d.clone();
            firm_suggestions(&mut firm, Origin::Import);
            m.place(&firm, &mut report);
        } else {
            m.place(d, &mut report);
        }
    }
    report
}

fn item_text(t: &Strings, i: &Item) -> String {
    let who = if i.origin == Origin::Model { t.import_suggestion } else { "" };
    fill(
        t.import_item,
        &[("label", &i.label), ("text", &i.text), ("start", &t.num(i.start)), ("end", &t.num(i.end)), ("who", &who)],
    )
}

fn conflict_text(t: &Strings, c: &Conflict) -> String {
    match c {
        Conflict::OtherText { id, to } => fill(t.import_conflict_text, &[("id", id), ("to", to)]),
        Conflict::Layer { annotator, .. } => fill(t.import_conflict_layer, &[("annotator", annotator)]),
        Conflict::Span { imported, existing, resolution, .. }
        | Conflict::Quote { imported, existing, resolution, .. } => {
            let there: Vec<String> = existing.iter().map(|e| item_text(t, e)).collect();
            let how = match resolution {
                Resolution::KeptExisting => t.import_kept,
                Resolution::ReplacedSuggestions => t.import_replaced,
                Resolution::Renamed => "",
            };
            fill(
                t.import_conflict_overlap,
                &[("imported", &item_text(t, imported)), ("existing", &there.join(", ")), ("how", &how)],
            )
        }
    }
}

/// Most problems and conflicts listed (all are counted).
const LIST_MAX: usize = 200;

/// What joining the files as layers will do, and the conflicts.
fn layer_summary(t: &'static Strings, r: &LayerReport) -> Html {
    html! {
        <>
            <p data-testid="import-layers-summary">{ fill(t.import_layers_summary, &[
                ("layers", &t.count(CountKey::layers, r.layers)), ("by_id", &t.num(r.by_id)),
                ("by_text", &t.num(r.by_text)), ("new", &t.num(r.new_documents)), ("replaced", &t.num(r.replaced)),
                ("conflicts", &t.count(CountKey::conflicts, r.conflicts.len()))]) }</p>
            if !r.conflicts.is_empty() {
                <details class="import-conflicts" open=true>
                    <summary>{ fill(t.import_conflicts, &[("n", &t.num(r.conflicts.len()))]) }</summary>
                    <ul data-testid="import-conflicts">
                        { for r.conflicts.iter().take(LIST_MAX).map(|c| {
                            let (id, text) = layer_conflict_text(t, c);
                            html! { <li data-testid="import-conflict" dir="auto"><code>{ id }</code>{ ": " }{ text }</li> }
                        }) }
                    </ul>
                </details>
            }
        </>
    }
}

#[function_component(ImportDialog)]
pub fn import_dialog(p: &Props) -> Html {
    let t = use_strings();
    match &p.stage {
        Stage::Idle => return html! {},
        Stage::Reading { names, done, total } => {
            let pct = (*done * 100).checked_div(*total).unwrap_or(0);
            let mb = |b: u64| t.dec(b as f64 / (1024.0 * 1024.0), 1);
            let cancel = p.on_cancel.reform(|_: MouseEvent| ());
            html! {
                <section class="import-dialog" role="dialog" aria-labelledby="import-h" data-testid="import-reading">
                    <h2 id="import-h">{ t.import_reading }</h2>
                    <p dir="auto">{ names.clone() }</p>
                    <label for="import-progress">{ fill(t.import_read_progress, &[("done", &mb(*done)), ("total", &mb(*total)), ("pct", &t.num(pct as usize))]) }</label>
                    <progress id="import-progress" data-testid="import-progress" max={total.to_string()} value={done.to_string()}></progress>
                    <div class="import-actions">
                        <button onclick={cancel} data-testid="import-cancel">{ t.cancel }</button>
                    </div>
                </section>
            }
        }
        Stage::Preview(pending) => html! {
            <PreviewView pending={pending.clone()} docs={p.docs.clone()} on_cancel={p.on_cancel.clone()}
                on_confirm={p.on_confirm.clone()} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    pending: Shared<Pending>,
    docs: Shared<Vec<Rc<Document>>>,
    on_cancel: Callback<()>,
    on_confirm: Callback<Choice>,
}

#[function_component(PreviewView)]
fn preview_view(p: &PreviewProps) -> Html {
    let t = use_strings();
    let as_suggestions = use_state(|| true);
    let pending = p.pending.clone();
    // Some(name) when the documents go into a new project.
    let new_project = use_state(|| None::<String>);
    let default_name = project_name(&pending);
    let c = {
        let pending = pending.clone();
        use_memo(pending, |p| counts(&p.docs.borrow()))
    };
    let report = {
        let deps = (pending.clone(), p.docs.clone(), *as_suggestions);
        use_memo(deps, |(pending, docs, s)| dry_run(pending, docs, *s))
    };
    // As annotators' layers: the annotator of each source, and what joining them would do.
    let as_layers = use_state(|| false);
    let names = {
        let pending = pending.clone();
        use_state(move || default_annotators(&pending))
    };
    let layer_report = {
        let deps = (pending.clone(), p.docs.clone(), (*names).clone(), *as_layers, new_project.is_some());
        use_memo(deps, |(pending, docs, names, on, new)| {
            on.then(|| {
                let files = incoming(pending, names, false);
                let library: Vec<&Document> = if *new { Vec::new() } else { docs.iter().map(|d| d.as_ref()).collect() };
                plan(library, files).report
            })
        })
    };
    let set_how = |layers: bool| {
        let s = as_layers.clone();
        Callback::from(move |_: Event| s.set(layers))
    };
    let set_annotator = |i: usize| {
        let names = names.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                let mut next = (*names).clone();
                if let Some(slot) = next.get_mut(i) {
                    *slot = input.value();
                    names.set(next);
                }
            }
        })
    };
    let n_docs = pending.docs.borrow().len();
    let set_sugg = {
        let s = as_suggestions.clone();
        Callback::from(move |_: Event| s.set(true))
    };
    let set_firm = {
        let s = as_suggestions.clone();
        Callback::from(move |_: Event| s.set(false))
    };
    let confirm = {
        let (cb, s, target) = (p.on_confirm.clone(), *as_suggestions, (*new_project).clone());
        let layers = as_layers.then(|| (*names).clone());
        Callback::from(move |_: MouseEvent| {
            let new_project =
                target.clone().map(|n| if n.trim().is_empty() { t.import_project_default.to_string() } else { n });
            cb.emit(Choice { as_suggestions: s, new_project, layers: layers.clone() })
        })
    };
    let set_merge = {
        let n = new_project.clone();
        Callback::from(move |_: Event| n.set(None))
    };
    let set_new = {
        let (n, name) = (new_project.clone(), default_name.clone());
        Callback::from(move |_: Event| n.set(Some(name.clone())))
    };
    let set_name = {
        let n = new_project.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                n.set(Some(i.value()));
            }
        })
    };
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    let import_label = if pending.skipped > 0 {
        fill(
            t.import_confirm_skip,
            &[
                ("n", &t.count(CountKey::articles_of, n_docs)),
                ("bad", &t.count(CountKey::bad_records_of, pending.skipped)),
            ],
        )
    } else {
        fill(t.import_confirm, &[("n", &t.count(CountKey::articles_of, n_docs))])
    };
    html! {
        <section class="import-dialog" role="dialog" aria-labelledby="import-h" data-testid="import-preview">
            <h2 id="import-h">{ t.import_preview }</h2>
            <ul class="import-sources">
                { for pending.sources.iter().map(|s| html! {
                    <li data-testid="import-source" data-format={s.format}>
                        <span dir="auto">{ s.name.clone() }</span>{ " · " }<code>{ s.format }</code>
                    </li>
                }) }
            </ul>
            <p data-testid="import-counts">{ fill(t.import_counts, &[("docs", &t.count(CountKey::articles, n_docs)),
                ("spans", &t.count(CountKey::entity_spans, c.spans)), ("quotes", &t.count(CountKey::quotes, c.quotes)),
                ("speakers", &t.num(c.with_speaker))]) }</p>
            if !c.spans_per_label.is_empty() {
                <table class="import-labels" data-testid="import-labels">
                    <thead><tr><th>{ t.import_label_col }</th><th>{ t.import_count_col }</th></tr></thead>
                    <tbody>
                        { for c.spans_per_label.iter().map(|(l, n)| html! {
                            <tr data-label={l.clone()}><td dir="auto">{ l.clone() }</td><td>{ t.num(*n) }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
            if c.spans + c.quotes > 0 {
                <fieldset class="import-how" data-testid="import-how">
                    <legend>{ t.import_how }</legend>
                    <label><input type="radio" name="import-how" checked={!*as_layers} onchange={set_how(false)}
                        data-testid="import-how-merge" />{ t.import_how_merge }</label>
                    <label><input type="radio" name="import-how" checked={*as_layers} onchange={set_how(true)}
                        data-testid="import-as-layers" />{ t.import_how_layers }</label>
                    if *as_layers {
                        <ul class="import-annotators">
                            { for pending.sources.iter().enumerate().filter(|(_, s)| !s.docs.is_empty()).map(|(i, s)| {
                                let id = format!("import-annotator-{i}");
                                html! {
                                    <li>
                                        <label for={id.clone()} dir="auto">{ fill(t.import_layer_name, &[("file", &s.name)]) }</label>{" "}
                                        <input id={id} dir="auto" data-testid="import-annotator" data-source={s.name.clone()}
                                            value={names.get(i).cloned().unwrap_or_default()} oninput={set_annotator(i)} />
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                </fieldset>
            }
            if c.model > 0 && !*as_layers {
                <fieldset class="import-origin" data-testid="import-origin">
                    <legend>{ t.count(CountKey::import_model_spans, c.model) }</legend>
                    <label><input type="radio" name="import-origin" data-testid="import-as-suggestions"
                        checked={*as_suggestions} onchange={set_sugg} />{ t.import_as_suggestions }</label>
                    <label><input type="radio" name="import-origin" data-testid="import-as-editor"
                        checked={!*as_suggestions} onchange={set_firm} />{ t.import_as_editor }</label>
                </fieldset>
            }
            <fieldset class="import-target">
                <legend>{ t.import_target }</legend>
                <label><input type="radio" name="import-target" checked={new_project.is_none()} onchange={set_merge}
                    data-testid="import-merge" />{ t.import_merge }</label>
                <label><input type="radio" name="import-target" checked={new_project.is_some()} onchange={set_new}
                    data-testid="import-new-project" />{ t.import_new_project }</label>{" "}
                <input class="import-project-name" dir="auto" aria-label={t.import_project_name}
                    value={(*new_project).clone().unwrap_or(default_name)} disabled={new_project.is_none()}
                    oninput={set_name} data-testid="import-project-name" />
            </fieldset>
            if let Some(r) = &*layer_report {
                { layer_summary(t, r) }
            } else if new_project.is_some() {
                <p data-testid="import-merge-summary">{ t.count(CountKey::import_new_project_summary, n_docs) }</p>
            } else {
                <p data-testid="import-merge-summary">{ fill(t.import_merge_summary, &[("added", &t.num(report.added)),
                    ("renamed", &t.num(report.renamed)), ("merged", &t.num(report.merged)),
                    ("unchanged", &t.num(report.unchanged)),
                    ("conflicts", &t.count(CountKey::conflicts, report.conflicts.len()))]) }</p>
            }
            if new_project.is_none() && !report.conflicts.is_empty() && !*as_layers {
                <details class="import-conflicts" open=true>
                    <summary>{ fill(t.import_conflicts, &[("n", &t.num(report.conflicts.len()))]) }</summary>
                    <ul data-testid="import-conflicts">
                        { for report.conflicts.iter().take(LIST_MAX).map(|x| html! {
                            <li data-testid="import-conflict" dir="auto"><code>{ x.doc().to_string() }</code>{ ": " }{ conflict_text(t, x) }</li>
                        }) }
                    </ul>
                </details>
            }
            if !pending.problems.is_empty() {
                <details class="import-problems" open=true>
                    <summary>{ Msg::count(CountKey::import_problems, pending.skipped).with("problems", pending.problems.len()).render(t) }</summary>
                    <ul data-testid="import-problems">
                        { for pending.problems.iter().take(LIST_MAX).map(|e| html! {
                            <li data-testid="import-problem" dir="auto">{ errors::import_error(t, e) }</li>
                        }) }
                    </ul>
                </details>
            }
            <div class="import-actions">
                <button class="primary" onclick={confirm} disabled={n_docs == 0} data-testid="import-confirm">{ import_label }</button>
                <button onclick={cancel} data-testid="import-cancel">{ t.cancel }</button>
            </div>
        </section>
    }
}
