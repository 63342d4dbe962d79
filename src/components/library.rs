use std::rc::Rc;

use sanad_core::Document;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{fill, status_name, use_strings};
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
    /// More sections (export).
    #[prop_or_default]
    pub children: Html,
}

/// The library: the list of articles, a paste box and a file picker.
#[function_component(Library)]
pub fn library(p: &Props) -> Html {
    let t = use_strings();
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
            <h2>{ t.library }<span class="count">{ fill(t.library_count, &[("total", &p.docs.len()),
                ("done", &p.docs.iter().filter(|d| d.status() == sanad_core::Status::Done).count())]) }</span></h2>
            <ul class="doc-list" data-testid="library" aria-busy={p.loading.to_string()}>
                { for p.docs.iter().map(|d| {
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
                                    <span class="lang">{ d.lang().to_uppercase() }</span>
                                    { fill(t.doc_meta, &[("spans", &d.spans().len()), ("quotes", &d.quotes().len())]) }
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
                    accept=".txt,.md,.json,.jsonl,.ndjson,text/plain,application/json" onchange={on_change} />
                <p class="hint">{ t.import_hint }</p>
            </div>
            { p.children.clone() }
        </aside>
    }
}
