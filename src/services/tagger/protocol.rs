//! Messages between the page and the tagger worker, and their codec: structured values cross
//! `postMessage` as one JSON string each (serde_json; see [`JsonText`]).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use sanad_core::nlp::model_file::ModelFileError;
use sanad_core::nlp::EntitySpan;
use sanad_core::{Quote, Span};

use crate::services::fetch::FetchError;

/// Page -> worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// Tag one document. `lang` picks the model (`ar` or `en`); `models` is the absolute URL of
    /// the models folder on the app's own origin (the worker runs from a blob: URL, so relative
    /// URLs would not resolve).
    /// `kept` are the document's spans that are not suggestions (the editor's and imported ones):
    /// suggestions never overlap them, and quote speakers may be among them.
    Tag { doc_id: String, lang: String, text: String, models: String, kept: Vec<Span> },
}

/// Worker -> page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Response {
    Tagged {
        doc_id: String,
        spans: Vec<EntitySpan>,
        /// Quotes found with these suggestions and the kept spans as possible speakers.
        quotes: Vec<Quote>,
        /// Model name and version, recorded as the suggestions' author.
        model: String,
        /// Tokens tagged and time taken in the worker (ms), for the page benchmark.
        tokens: usize,
        ms: f64,
    },
    Failed {
        doc_id: String,
        error: TagError,
    },
}

/// Why the worker could not tag a document (worded by the page, in its language).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TagError {
    /// The model of `lang` (`ar`, `en`) could not be fetched from `url`.
    Fetch { lang: String, url: String, error: FetchError },
    /// The file fetched for `lang` is not a model this build reads.
    Model { lang: String, error: ModelFileError },
    /// A model the text needs is not loaded. (The worker waits for the models a text needs, so
    /// this does not happen.)
    NotLoaded,
}

/// The worker codec: messages cross as one JSON string each. (serde-wasm-bindgen did this as JS
/// objects; JSON text through serde_json, which the app has anyway, keeps the bundle about 10 KB
/// smaller and is as fast for these flat messages.)
pub struct JsonText;

impl gloo_worker::Codec for JsonText {
    fn encode<I: Serialize>(input: I) -> JsValue {
        // Our message types are plain data (strings, numbers, vectors): serialising them cannot
        // fail; on the impossible failure the receiver gets `undefined`, which decodes to nothing
        // rather than to a wrong value.
        serde_json::to_string(&input).map(|s| JsValue::from_str(&s)).unwrap_or(JsValue::UNDEFINED)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        match serde_json::from_str(&input.as_string().unwrap_or_default()) {
            Ok(v) => v,
            // Only messages encoded by `encode` above, for the same types, ever arrive here.
            #[allow(clippy::panic)]
            Err(e) => panic!("tagger worker: undecodable message: {e}"),
        }
    }
}
