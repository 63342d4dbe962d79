//! The tagger worker: runs in a Web Worker (Trunk `data-type="worker"`), fetches the model for a
//! language from the app's own origin on first use, keeps it in memory, and tags documents one
//! message at a time so the page never waits on it.

use std::collections::{HashMap, VecDeque};

use gloo_worker::{HandlerId, Worker, WorkerScope};
use sanad_core::nlp::{model_file, Annotator};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::protocol::{ExportFile, ExportProblem, Request, Response};
use sanad_core::formats::{export_file, ExportOptions, Format};
use sanad_core::{Document, Span, Suggestion};

/// Model file for a language under the models folder URL.
pub fn model_url(models: &str, lang: &str) -> String {
    let lang = if lang == "ar" { "ar" } else { "en" };
    format!("{}/{lang}.sanad-model", models.trim_end_matches('/'))
}

/// A readable message from a JS exception.
fn js_error(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub enum Msg {
    Loaded { lang: String, bytes: Result<Vec<u8>, String> },
}

enum Model {
    Loading(VecDeque<(HandlerId, Request)>),
    Ready(Box<Annotator>, String),
    Failed(String),
}

pub struct TaggerWorker {
    models: HashMap<String, Model>,
}

fn now() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or(0.0, |p| p.now())
}

async fn fetch_bytes(url: String) -> Result<Vec<u8>, String> {
    let scope: web_sys::WorkerGlobalScope =
        js_sys::global().dyn_into().map_err(|_| "not running in a worker".to_string())?;
    let resp = JsFuture::from(scope.fetch_with_str(&url)).await.map_err(|e| format!("{url}: {}", js_error(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| format!("{url}: {}", js_error(&e)))?)
        .await
        .map_err(|e| format!("{url}: {}", js_error(&e)))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

impl TaggerWorker {
    fn lang_key(lang: &str) -> String {
        if lang == "ar" { "ar" } else { "en" }.to_string()
    }

    fn run(&self, scope: &WorkerScope<Self>, id: HandlerId, req: Request) {
        let Request::Tag { doc_id, lang, text, kept, .. } = req else {
            return;
        };
        let response = match self.models.get(&Self::lang_key(&lang)) {
            Some(Model::Ready(annotator, name)) => {
                let t0 = now();
                let spans = annotator.annotate_as(&text, &Self::lang_key(&lang));
                let ms = now() - t0;
                let tokens = sanad_core::nlp::tokenize::tokenize(&text).len();
                let quotes = quotes_for(&doc_id, &lang, &text, kept, &spans);
                Response::Tagged { doc_id, spans, quotes, model: name.clone(), tokens, ms }
            }
            Some(Model::Failed(message)) => {
                Response::Failed { doc_id, message: format!("the {lang} model could not be loaded: {message}") }
            }
            _ => Response::Failed { doc_id, message: "the model is not loaded".into() },
        };
        scope.respond(id, response);
    }
}

/// Quotes of a text whose entities are `kept` plus the new suggestions (merged as the page will).
fn quotes_for(
    doc_id: &str,
    lang: &str,
    text: &str,
    kept: Vec<Span>,
    spans: &[sanad_core::nlp::EntitySpan],
) -> Vec<sanad_core::Quote> {
    let Ok(doc) = Document::new(doc_id, "", lang, text).and_then(|d| d.with_annotations(kept, vec![])) else {
        return Vec::new();
    };
    let mut doc = doc;
    let suggestions: Vec<Suggestion> = spans.iter().map(Suggestion::from).collect();
    doc.set_suggestions(&suggestions, None);
    sanad_core::quotes::detect_in(&doc)
}

/// Exports in the worker, so a large library never freezes the page. What happened is returned as
/// counts; the page words it in the interface language.
fn export(format: &str, all: bool, utf16: bool, docs: &[Document]) -> Result<ExportFile, ExportProblem> {
    let format = Format::from_name(format).ok_or_else(|| ExportProblem::Failed(format!("unknown format {format}")))?;
    let opts = ExportOptions { all, utf16, split_clitics: false };
    let (bytes, report) = export_file(format, docs, &opts).map_err(|e| ExportProblem::Failed(e.to_string()))?;
    if report.documents == 0 {
        return Err(ExportProblem::NothingDone(report.not_done));
    }
    let stem = if utf16 { "sanad-export-utf16" } else { "sanad-export" };
    let name = format!("{stem}.{}.{}", format.name(), format.extension());
    Ok(ExportFile {
        name,
        bytes,
        documents: report.documents,
        spans: report.spans,
        quotes: report.quotes,
        not_done: report.not_done,
        dropped: report.notes.len(),
        utf16,
    })
}

impl Worker for TaggerWorker {
    type Message = Msg;
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TaggerWorker { models: HashMap::new() }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Msg) {
        let Msg::Loaded { lang, bytes } = msg;
        let model = match bytes.and_then(|b| model_file::from_bytes(&b).map_err(|e| e.to_string())) {
            Ok(tagger) => {
                let name = format!("sanad-tagger {} v{}", tagger.lang, model_file::FORMAT_VERSION);
                Model::Ready(Box::new(Annotator::new(vec![tagger])), name)
            }
            Err(e) => Model::Failed(e),
        };
        let waiting = match self.models.insert(lang, model) {
            Some(Model::Loading(q)) => q,
            _ => VecDeque::new(),
        };
        for (id, req) in waiting {
            self.run(scope, id, req);
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, req: Request, id: HandlerId) {
        let (lang, models) = match &req {
            Request::Tag { lang, models, .. } => (lang, models),
            Request::Export { format, all, utf16, docs } => {
                scope.respond(id, Response::Exported { result: export(format, *all, *utf16, docs) });
                return;
            }
        };
        let key = Self::lang_key(lang);
        let url = model_url(models, &key);
        match self.models.get_mut(&key) {
            Some(Model::Loading(queue)) => queue.push_back((id, req)),
            Some(_) => self.run(scope, id, req),
            None => {
                self.models.insert(key.clone(), Model::Loading(VecDeque::from([(id, req)])));
                scope.send_future(async move { Msg::Loaded { lang: key, bytes: fetch_bytes(url).await } });
            }
        }
    }
}
