//! The tagger worker: runs in a Web Worker (Trunk `data-type="worker"`), fetches the model for a
//! language from the app's own origin on first use, keeps it in memory, and tags documents one
//! message at a time so the page never waits on it. Each paragraph is tagged with the model of its
//! own language (an Arabic article with an English paragraph needs both models).

use std::collections::{HashMap, VecDeque};

use gloo_worker::{HandlerId, Worker, WorkerScope};
use sanad_core::nlp::{model_file, Annotator};
use wasm_bindgen::JsCast;

use super::protocol::{Request, Response, TagError};
use crate::services::fetch;
use sanad_core::{Document, Span, Suggestion};

/// Model file for a language under the models folder URL.
pub fn model_url(models: &str, lang: &str) -> String {
    let lang = if lang == "ar" { "ar" } else { "en" };
    format!("{}/{lang}.sanad-model", models.trim_end_matches('/'))
}

pub enum Msg {
    Loaded { lang: String, url: String, bytes: Result<Vec<u8>, fetch::FetchError> },
}

/// Where a language's model is.
enum Model {
    Loading,
    /// In the annotator; the name and version recorded as the suggestions' author.
    Ready(String),
    Failed(TagError),
}

/// Loads models on first use and tags each paragraph with the model of its own language.
pub struct TaggerWorker {
    models: HashMap<String, Model>,
    annotator: Annotator,
    /// Requests waiting for a model to load, in arrival order.
    waiting: VecDeque<(HandlerId, Request)>,
}

fn now() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or(0.0, |p| p.now())
}

/// The model language for a document or paragraph language.
fn lang_key(lang: &str) -> &'static str {
    if lang == "ar" {
        "ar"
    } else {
        "en"
    }
}

/// The models a text needs: its document language's, and those of paragraphs in other languages.
fn needed(lang: &str, text: &str) -> Vec<&'static str> {
    sanad_core::lang::languages_of(text, lang_key(lang)).into_iter().map(lang_key).collect()
}

impl TaggerWorker {
    /// Tags a document whose models are all loaded or failed.
    fn run(&self, scope: &WorkerScope<Self>, id: HandlerId, req: Request) {
        let Request::Tag { doc_id, lang, text, kept, .. } = req;
        let mut names = Vec::new();
        for l in needed(&lang, &text) {
            match self.models.get(l) {
                Some(Model::Ready(name)) => names.push(name.clone()),
                Some(Model::Failed(error)) => {
                    scope.respond(id, Response::Failed { doc_id, error: error.clone() });
                    return;
                }
                _ => {
                    scope.respond(id, Response::Failed { doc_id, error: TagError::NotLoaded });
                    return;
                }
            }
        }
        let t0 = now();
        let spans = self.annotator.annotate_paragraphs(&text, lang_key(&lang));
        let ms = now() - t0;
        let tokens = sanad_core::nlp::tokenize::tokenize(&text).len();
        let quotes = quotes_for(&doc_id, &lang, &text, kept, &spans);
        scope.respond(id, Response::Tagged { doc_id, spans, quotes, model: names.join(" + "), tokens, ms });
    }

    /// True while a model `req` needs is still loading.
    fn must_wait(&self, req: &Request) -> bool {
        let Request::Tag { lang, text, .. } = req;
        needed(lang, text).iter().any(|l| matches!(self.models.get(*l), Some(Model::Loading)))
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

impl Worker for TaggerWorker {
    type Message = Msg;
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TaggerWorker { models: HashMap::new(), annotator: Annotator::new(Vec::new()), waiting: VecDeque::new() }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Msg) {
        let Msg::Loaded { lang, url, bytes } = msg;
        let tagger = bytes
            .map_err(|error| TagError::Fetch { lang: lang.clone(), url, error })
            .and_then(|b| model_file::from_bytes(&b).map_err(|error| TagError::Model { lang: lang.clone(), error }));
        let model = match tagger {
            Ok(tagger) => {
                let name = format!("sanad-tagger {} v{}", tagger.lang, model_file::FORMAT_VERSION);
                self.annotator.add(tagger);
                Model::Ready(name)
            }
            Err(e) => Model::Failed(e),
        };
        self.models.insert(lang, model);
        // Run, in order, every waiting request whose models are all there now.
        let waiting = std::mem::take(&mut self.waiting);
        for (id, req) in waiting {
            if self.must_wait(&req) {
                self.waiting.push_back((id, req));
            } else {
                self.run(scope, id, req);
            }
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, req: Request, id: HandlerId) {
        let Request::Tag { lang, text, models, .. } = &req;
        for key in needed(lang, text) {
            if !self.models.contains_key(key) {
                self.models.insert(key.to_string(), Model::Loading);
                let url = model_url(models, key);
                scope.send_future(async move {
                    let bytes = fetch::bytes(&url).await;
                    Msg::Loaded { lang: key.to_string(), url, bytes }
                });
            }
        }
        if self.must_wait(&req) {
            self.waiting.push_back((id, req));
        } else {
            self.run(scope, id, req);
        }
    }
}
