//! Export: the library (or only its finished documents) in any of the training-data formats,
//! downloaded as a file. Offsets are code points unless the UTF-16 variant is chosen.

use std::rc::Rc;

use sanad_core::{AnnotatorDef, Document, LabelDef, Project};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, use_strings, CountKey, Msg, Strings, TextKey};
use crate::services::{download, BrowserError};
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub docs: Shared<Vec<Rc<Document>>>,
    pub labels: Shared<Vec<LabelDef>>,
    pub annotators: Shared<Vec<AnnotatorDef>>,
    /// Reports what was written, or why not (project JSON, saved here).
    pub on_done: Callback<Result<Msg, Msg>>,
    /// Other formats, written in slices by the app.
    pub on_export: Callback<Request>,
    pub on_cancel: Callback<()>,
}

/// An export asked for: format name, the options (all articles, UTF-16 offsets, Arabic proclitics
/// as tokens of their own in CoNLL), and where its progress goes (articles written and total while
/// it runs, then `None`).
pub type Request = (String, sanad_core::formats::ExportOptions, Callback<Option<(usize, usize)>>);

/// Formats offered in the page, by `sanad convert` name (brat as a zip of .txt + .ann files).
const FORMATS: [&str; 10] =
    ["sanad", "jsonl", "prodigy", "doccano", "doccano-rel", "label-studio", "brat", "conll", "w3c", "quotes"];

/// The notice for a download the browser would not offer.
pub fn download_failed(e: BrowserError) -> Msg {
    Msg::text(TextKey::download_failed).with("error", Msg::Browser(e))
}

/// The project JSON (lossless, every article), saved here; the file's title is in the language of
/// `t`.
pub fn save_project(
    t: &Strings,
    docs: &[Rc<Document>],
    labels: &[LabelDef],
    annotators: &[AnnotatorDef],
) -> Result<Msg, Msg> {
    let mut p = Project::new(t.library_file_title);
    p.labels = labels.to_vec();
    // Only the annotators whose layers the articles hold (a project without layers stays version 1).
    p.annotators = annotators.iter().filter(|a| docs.iter().any(|d| d.layer(&a.name).is_some())).cloned().collect();
    for d in docs {
        p.add((**d).clone());
    }
    let name = "sanad-library.sanad.json";
    download::save(name, "application/json", p.to_json().as_bytes()).map_err(download_failed)?;
    Ok(Msg::text(TextKey::saved_library).with("n", Msg::count(CountKey::articles, docs.len())).with("name", name))
}

#[function_component(Export)]
pub fn export(p: &Props) -> Html {
    let t = use_strings();
    let format_ref = use_node_ref();
    let all_ref = use_node_ref();
    let utf16_ref = use_node_ref();
    let clitics_ref = use_node_ref();
    // CoNLL's option shows only when CoNLL is chosen.
    let conll = use_state_eq(|| false);
    let on_format = {
        let conll = conll.clone();
        Callback::from(move |e: Event| {
            conll.set(e.target_dyn_into::<HtmlSelectElement>().is_some_and(|s| s.value() == "conll"))
        })
    };
    // Local, so that a progress step renders this section only.
    let busy = use_state_eq(|| None::<(usize, usize)>);
    let onclick = {
        let (format_ref, all_ref, utf16_ref, clitics_ref) =
            (format_ref.clone(), all_ref.clone(), utf16_ref.clone(), clitics_ref.clone());
        let busy = busy.clone();
        let (docs, labels, on_done, on_export) =
            (p.docs.clone(), p.labels.clone(), p.on_done.clone(), p.on_export.clone());
        let annotators = p.annotators.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format_ref.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let checked = |r: &NodeRef| r.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            if name == "sanad" {
                on_done.emit(save_project(t, &docs, &labels, &annotators));
            } else {
                let busy = busy.clone();
                let progress = Callback::from(move |b: Option<(usize, usize)>| busy.set(b));
                let opts = sanad_core::formats::ExportOptions {
                    all: checked(&all_ref),
                    utf16: checked(&utf16_ref),
                    split_clitics: name == "conll" && checked(&clitics_ref),
                };
                on_export.emit((name, opts, progress));
            }
        })
    };
    html! {
        <section class="export" aria-labelledby="export-h">
            <h2 id="export-h">{ t.export }</h2>
            <label for="export-format">{ t.format }</label>
            <select id="export-format" ref={format_ref} data-testid="export-format" onchange={on_format}>
                { for FORMATS.iter().map(|f| html! { <option value={*f}>{ *f }</option> }) }
            </select>
            <label class="check"><input type="checkbox" ref={all_ref} data-testid="export-all" />
                { t.export_all }</label>
            <label class="check"><input type="checkbox" ref={utf16_ref} data-testid="export-utf16" />
                { t.export_utf16 }</label>
            if *conll {
                <label class="check"><input type="checkbox" ref={clitics_ref} data-testid="export-split-clitics" />
                    { t.export_split_clitics }</label>
            }
            <button {onclick} data-testid="export-download" disabled={busy.is_some()}>{ t.download }</button>
            if let Some((done, total)) = *busy {
                <div class="export-progress" data-testid="export-progress">
                    <label for="export-progress-bar">{ fill(t.export_progress, &[("done", &t.num(done)), ("total", &t.count(CountKey::articles_of, total))]) }</label>
                    <progress id="export-progress-bar" max={total.to_string()} value={done.to_string()}></progress>
                    <button onclick={p.on_cancel.reform(|_: MouseEvent| ())} data-testid="export-cancel">{ t.cancel }</button>
                </div>
            }
        </section>
    }
}
