use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use sanad_core::search::{progress, Haystack};
use sanad_core::{Document, Status};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{fill, status_name, use_strings, CountKey};
use crate::services::files;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub docs: Shared<Vec<Rc<Document>>>,
    pub open: Option<String>,
    pub loading: bool,
    pub on_open: Callback<String>,
    pub on_paste: Callback<String>,
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Opens the agreement view (offered when two or more annotators have layers).
    pub on_agreement: Callback<()>,
    /// More sections (export).
    #[prop_or_default]
    pub children: Html,
}

/// Folded titles and texts by document id, refreshed when a document's version changes.
type Haystacks = Rc<RefCell<HashMap<String, (Rc<Document>, Rc<Haystack>)>>>;

fn haystack(cache: &Haystacks, d: &Rc<Document>) -> Rc<Haystack> {
    let mut c = cache.borrow_mut();
    match c.get(d.id()) {
        Some((v, h)) if Rc::ptr_eq(v, d) => Rc::clone(h),
        _ => {
            let h = Rc::new(Haystack::new(d));
            c.insert(d.id().to_string(), (Rc::clone(d), Rc::clone(&h)));
            h
        }
    }
}

fn status_value(s: Status) -> &'static str {
    sanad_core::formats::status_name(s)
}

/// The library: progress, search and status filter, the list of articles, a paste box and a file
/// picker.
#[function_component(Library)]
pub fn library(p: &Props) -> Html {
    let t = use_strings();
    let query = use_state_eq(String::new);
    let filter = use_state_eq(|| None::<Status>);
    let cache: Haystacks = use_mut_ref(HashMap::new);
    let stats = use_memo(p.docs.clone(), |docs| progress(docs.iter().map(|d| d.as_ref())));
    // Annotators with layers in the library (the layers of a document never change, so this is
    // recounted only when the list of documents changes).
    let annotators = use_memo(p.docs.clone(), |docs| {
        let mut names: Vec<&str> = Vec::new();
        for l in docs.iter().flat_map(|d| d.layers().iter()) {
            if !names.contains(&l.annotator()) {
                names.push(l.annotator());
            }
        }
        names.len()
    });
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default())
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            filter.set(
                [Status::New, Status::InProgress, Status::Done, Status::Skipped]
                    .into_iter()
                    .find(|s| status_value(*s) == v),
            );
        })
    };
    let shown: Vec<&Rc<Document>> = p
        .docs
        .iter()
        .filter(|d| filter.is_none_or(|f| d.status() == f))
        .filter(|d| query.trim().is_empty() || haystack(&cache, d).matches(&query))
        .collect();
    let done_text = fill(t.progress_done, &[("done", &t.num(stats.done)), ("total", &t.num(stats.total))]);
    let paste_ref = use_node_ref();
    let on_submit = {
        let (paste_ref, on_paste) = (paste_ref.clone(), p.on_paste.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if !text.trim().is_empty() {
                    on_paste.emit(text);
                    area.set_value("");
                }
            }
        })
    };
    let on_change = {
        let on_files = p.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            let list = files::list(input.files());
            input.set_value("");
            if !list.is_empty() {
                on_files.emit(list);
            }
        })
    };

    html! {
        <aside class="library" aria-label={t.library}>
            <h2>{ t.library }<span class="count">{ fill(t.library_count, &[("total", &t.num(p.docs.len())),
                ("done", &t.num(p.docs.iter().filter(|d| d.status() == sanad_core::Status::Done).count()))]) }</span></h2>
            <div class="progress" data-testid="library-progress">
                <progress max={stats.total.max(1).to_string()} value={stats.done.to_string()}
                    aria-label={done_text.clone()}></progress>
                <span data-testid="progress-done">{ done_text }</span>
                <ul class="label-counts" aria-label={t.progress_by_label} data-testid="label-counts">
                    { for stats.by_label.iter().map(|(l, n)| html! {
                        <li data-label={l.clone()}><span dir="auto">{ l }</span>{" "}<b>{ t.num(*n) }</b></li>
                    }) }
                </ul>
                if stats.suggestions > 0 {
                    <span class="hint">{ fill(t.progress_suggestions, &[("n", &t.count(CountKey::suggestions, stats.suggestions))]) }</span>
                }
            </div>
            if *annotators >= 2 {
                <button class="agreement-button" data-testid="agreement-open" onclick={p.on_agreement.reform(|_: MouseEvent| ())}>
                    { t.agreement_button }{" "}<span class="count">{ format!("({})", t.count(CountKey::annotators, *annotators)) }</span>
                </button>
            }
            <div class="library-find">
                <input type="search" data-testid="library-search" aria-label={t.library_search}
                    placeholder={t.library_search} value={(*query).clone()} oninput={on_query} dir="auto" />
                <label>{ t.library_filter }{" "}
                    <select data-testid="library-filter" onchange={on_filter}>
                        <option value="" selected={filter.is_none()}>{ t.filter_all }</option>
                        { for [Status::New, Status::InProgress, Status::Done, Status::Skipped].into_iter().map(|s| html! {
                            <option value={status_value(s)} selected={*filter == Some(s)}>{ status_name(t, s) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if shown.is_empty() && !p.docs.is_empty() {
                <p class="hint" data-testid="library-no-match">{ t.library_no_match }</p>
            }
            <ul class="doc-list" data-testid="library" aria-busy={p.loading.to_string()}>
                { for shown.iter().map(|d| {
                    let id = d.id().to_string();
                    let current = p.open.as_deref() == Some(d.id());
                    let onclick = p.on_open.reform(move |_: MouseEvent| id.clone());
                    html! {
                        <li key={d.id().to_string()}>
                            <button
                                class={classes!("doc-link", current.then_some("current"))}
                                data-testid="doc-link"
                                data-doc-id={d.id().to_string()}
                                aria-current={current.then_some("page")}
                                {onclick}
                            >
                                <span class="doc-title" dir="auto">{ d.title() }</span>
                                <span class="doc-meta">
                                    <span class={classes!("status", sanad_core::formats::status_name(d.status()))}
                                        data-testid="doc-status-badge">{ status_name(t, d.status()) }</span>
                                    {" · "}
                                    <span class="lang">{ d.lang().to_ascii_uppercase() }</span>
                                    { fill(t.doc_meta, &[("spans", &t.count(CountKey::entities, d.spans().len())),
                                        ("quotes", &t.count(CountKey::quotes, d.quotes().len()))]) }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <form class="paste" onsubmit={on_submit}>
                <label for="paste-text">{ t.paste_label }</label>
                <textarea id="paste-text" ref={paste_ref} data-testid="paste-text" dir="auto" rows="5"
                    placeholder={t.paste_placeholder} />
                <button type="submit" data-testid="paste-submit">{ t.paste_submit }</button>
            </form>
            <div class="import">
                <label for="import-file">{ t.import_label }</label>
                <input id="import-file" type="file" multiple=true data-testid="import-file"
                    accept=".txt,.md,.json,.jsonl,.ndjson,.jsonld,.zip,.ann,.conll,.iob,.iob2,.bio,text/plain,application/json,application/zip" onchange={on_change} />
                <p class="hint">{ t.import_hint }</p>
            </div>
            { p.children.clone() }
        </aside>
    }
}
