//! The tagger's answers: suggestions join their document (replacing the previous suggestions,
//! never the editor's spans), failures become notices; the queue moves on.

use std::rc::Rc;
use std::sync::Arc;

use sanad_core::nlp::EntitySpan;
use sanad_core::{Document, Quote, Suggestion};

use super::app::AppState;
use super::notices::NoticeKind;
use super::shared::Shared;
use crate::i18n::{Msg, TextKey};

/// What the worker found in a document.
pub struct Found {
    pub spans: Vec<EntitySpan>,
    pub quotes: Vec<Quote>,
    pub model: String,
    pub tokens: usize,
    pub ms: f64,
    /// When given, the suggestions are for this very text: a document that has another text now
    /// (another document took the id) is left as it is.
    pub text: Option<Arc<str>>,
}

pub fn sent(s: &mut AppState, id: String) {
    s.tagging.sent(id);
}

pub fn tagged(s: &mut AppState, doc_id: String, found: Found) {
    let Found { spans, quotes, model, tokens, ms, text } = found;
    let suggestions: Vec<Suggestion> = spans.iter().map(Suggestion::from).collect();
    let same = |d: &Rc<Document>| text.as_ref().is_none_or(|t| Arc::ptr_eq(d.shared_text(), t));
    let mut added = 0;
    if let Some(i) = s.docs.iter().position(|d| d.id() == doc_id && same(d)) {
        let mut list: Vec<Rc<Document>> = (*s.docs).clone();
        let mut d = (*list[i]).clone();
        added = d.set_suggestions(&suggestions, Some(&model));
        // Quotes and their speakers (found in the worker with the same entities); the editor's
        // quotes stay as they are.
        added += d.set_quote_suggestions(quotes);
        list[i] = Rc::new(d);
        s.docs = Shared::new(list);
    }
    s.tagging.last = Some((doc_id.clone(), added, tokens, ms));
    s.tagging.finish(&doc_id);
}

pub fn failed(s: &mut AppState, doc_id: String, message: Msg) {
    s.tagging.finish(&doc_id);
    s.notify(NoticeKind::Error, Msg::text(TextKey::tag_failed).with("error", message));
}

pub fn cancel(s: &mut AppState) {
    s.tagging.cancel();
}
