//! The tagger worker: one document at a time from the state's queue, its answers back as actions;
//! and a pasted article, which goes to the worker at the click and joins the library with its
//! suggestions, at most [`PASTE_HOLD_MS`] later, so it is laid out and painted once.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo::timers::callback::Timeout;
use sanad_core::import::from_plain_text;
use sanad_core::{Document, Origin};
use yew::prelude::*;

use crate::i18n::{Msg, TextKey};
use crate::services::tagger::{self, Request, Response};
use crate::state::{Action, AppState, NoticeKind, Tab};

/// How long a pasted article waits for its suggestions before it is shown without them. With its
/// model loaded the worker answers a news article in a few milliseconds: the article is then added,
/// laid out and painted once, with its suggestions, instead of twice (docs/BENCHMARKS.md, issue 3).
const PASTE_HOLD_MS: u32 = 100;

/// A pasted article handed to the tagger at the click, before it joins the library.
struct Early {
    id: String,
    /// The text tagged: the answer is applied only to the document with this very text (not to
    /// another document that took the id meanwhile).
    text: Arc<str>,
    /// The article, until it is added (when its answer comes or the hold ends).
    held: Option<Document>,
    _timer: Timeout,
}

type EarlySlot = Rc<RefCell<Option<Early>>>;

/// Adds a held pasted article to the library, opened, and records that the tagger has it.
fn release(d: &UseReducerDispatcher<AppState>, early: &mut Early) {
    if let Some(doc) = early.held.take() {
        let id = doc.id().to_string();
        d.dispatch(Action::Import { docs: vec![doc], source: Msg::text(TextKey::pasted_text), open: true });
        d.dispatch(Action::TagSent(id));
    }
}

/// The tagger's request for a document: its text, and the spans that are not suggestions.
fn tag_request(doc: &Document) -> Request {
    Request::Tag {
        doc_id: doc.id().to_string(),
        lang: doc.lang().to_string(),
        text: doc.text().to_string(),
        models: tagger::models_url(),
        kept: doc.spans().iter().filter(|s| s.origin() != Origin::Model).cloned().collect(),
    }
}

/// What the view needs from the tagger.
pub struct Tagger {
    /// Text pasted into the library's box.
    pub on_paste: Callback<String>,
    /// Stop the documents still waiting.
    pub on_cancel: Callback<MouseEvent>,
}

#[hook]
pub fn use_tagger(state: &UseReducerHandle<AppState>) -> Tagger {
    // A pasted article in the tagger before it joins the library (see `Early`).
    let early: EarlySlot = use_mut_ref(|| None);
    // Everything the worker answers: suggestions and failures. (The worker keeps the callback it
    // was spawned with.)
    let on_worker = {
        let (d, early) = (state.dispatcher(), early.clone());
        use_memo((), move |_| {
            Callback::from(move |r: Response| {
                let (Response::Tagged { doc_id, .. } | Response::Failed { doc_id, .. }) = &r;
                // The answer for a pasted article: it joins the library now, with its suggestions.
                let mine = early.borrow_mut().take_if(|e| e.id == *doc_id);
                let text = mine.map(|mut e| {
                    release(&d, &mut e);
                    e.text
                });
                match r {
                    Response::Tagged { doc_id, spans, quotes, model, tokens, ms, .. } => {
                        d.dispatch(Action::Tagged { doc_id, spans, quotes, model, tokens, ms, text })
                    }
                    Response::Failed { doc_id, error } => {
                        d.dispatch(Action::TagFailed { doc_id, message: Msg::Tag(error) })
                    }
                }
            })
        })
    };

    // Feed the worker one document at a time.
    {
        let dispatch = state.dispatcher();
        let on_worker = (*on_worker).clone();
        let next = state.tagging.queue.first().cloned();
        let idle = state.tagging.in_flight.is_none();
        let doc = next.as_deref().and_then(|id| state.document(id)).cloned();
        use_effect_with((next, idle), move |(next, idle)| {
            if let (true, Some(id)) = (*idle, next.clone()) {
                dispatch.dispatch(Action::TagSent(id.clone()));
                match doc {
                    Some(doc) => tagger::send(tag_request(&doc), &on_worker),
                    None => {
                        dispatch.dispatch(Action::TagFailed { doc_id: id, message: Msg::text(TextKey::article_gone) })
                    }
                }
            }
        });
    }

    // A pasted article goes to the tagger at the click, and joins the library with its suggestions
    // when they come (at most `PASTE_HOLD_MS` later), when the tagger is idle and the article new.
    let on_paste = {
        let (d, early, on_worker) = (state.dispatcher(), early.clone(), (*on_worker).clone());
        let idle = state.tab == Tab::Editing && state.tagging.in_flight.is_none() && state.tagging.queue.is_empty();
        let docs = state.docs.clone();
        // The file name recorded in the document's meta (data, in the language of the moment).
        let source_name = state.lang.strings().pasted_text;
        Callback::from(move |text: String| match from_plain_text(source_name, &text) {
            Ok(doc) => {
                // A paste still held joins now (its answer comes as for any article in the tagger),
                // and this one waits its turn in the queue.
                let mut slot = early.borrow_mut();
                if let Some(e) = slot.as_mut() {
                    release(&d, e);
                } else if idle && docs.iter().all(|x| x.id() != doc.id()) {
                    tagger::send(tag_request(&doc), &on_worker);
                    let (d, early) = (d.clone(), early.clone());
                    let timer = Timeout::new(PASTE_HOLD_MS, move || {
                        if let Some(e) = early.borrow_mut().as_mut() {
                            release(&d, e);
                        }
                    });
                    let (id, text) = (doc.id().to_string(), Arc::clone(doc.shared_text()));
                    *slot = Some(Early { id, text, held: Some(doc), _timer: timer });
                    return;
                }
                d.dispatch(Action::Import { docs: vec![doc], source: Msg::text(TextKey::pasted_text), open: true });
            }
            Err(e) => d.dispatch(Action::Notify(NoticeKind::Error, Msg::Import(e))),
        })
    };
    let on_cancel = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::CancelTagging))
    };
    Tagger { on_paste, on_cancel }
}
