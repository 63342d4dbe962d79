//! The document a CRDT state stands for: a pure function of the state, so every client with the
//! same state shows the same document, and remote changes applied to a document give the same
//! result as reading the whole state again ([`patch`]).
//!
//! A merge of valid edits can still produce what one command never would; the rules:
//! - a quote's speaker naming a span that is gone (deleted while another client linked it) keeps
//!   its range without the link, and the link comes back if the span does (the stored value
//!   keeps it);
//! - a value the model refuses (past the end of the text, an empty range, unreadable: only a
//!   broken or hostile peer writes one, the text being immutable) is left out;
//! - over [`MAX_SPANS_PER_DOCUMENT`] or [`MAX_QUOTES_PER_DOCUMENT`], the last in canonical order
//!   are left out.
//!
//! Each is listed in [`Materialised::hidden`] so the page can say so. Two spans with the same range
//! and label (two editors labelled the same words at once) are both kept: the core accepts them
//! and the page can offer to remove one.
//! Annotations with the same range are ordered by id, so the order is the same on every client.

use std::collections::{HashMap, HashSet};

use sanad_core::model::{MAX_QUOTES_PER_DOCUMENT, MAX_SPANS_PER_DOCUMENT};
use sanad_core::{Document, Quote, Span, Speaker};

use crate::engine::Engine;
use crate::record::{QuoteRecord, SpanRecord};
use crate::replica::{DocReplica, Kind, RemoteChange};
use crate::SyncError;

/// What the materialiser left out or changed, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum Hidden {
    /// A stored value the model refuses.
    Invalid { kind: Kind, id: String, reason: String },
    /// A quote's speaker names a span that is gone: shown without the link.
    SpeakerUnlinked { quote: String, span: String },
    /// Over the per-document limit.
    OverLimit { kind: Kind, id: String },
}

/// A document and what was left out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Materialised {
    pub document: Document,
    pub hidden: Vec<Hidden>,
}

fn span_of(id: &str, rec: Result<&SpanRecord, &String>, len: usize, hidden: &mut Vec<Hidden>) -> Option<Span> {
    let made = rec.map_err(String::clone).and_then(|r| {
        let s = r.to_span(id).map_err(|e| e.to_string())?;
        if s.end() > len {
            return Err(format!("ends past the end of the text ({len} code points)"));
        }
        Ok(s)
    });
    made.map_err(|reason| hidden.push(Hidden::Invalid { kind: Kind::Span, id: id.to_string(), reason })).ok()
}

fn quote_of(id: &str, rec: Result<&QuoteRecord, &String>, len: usize, hidden: &mut Vec<Hidden>) -> Option<Quote> {
    let made = rec.map_err(String::clone).and_then(|r| {
        let q = r.to_quote(id).map_err(|e| e.to_string())?;
        let inside =
            [Some(q.range()), q.cue(), q.speaker().map(Speaker::range)].into_iter().flatten().all(|r| r.end() <= len);
        if !inside {
            return Err(format!("ends past the end of the text ({len} code points)"));
        }
        Ok(q)
    });
    made.map_err(|reason| hidden.push(Hidden::Invalid { kind: Kind::Quote, id: id.to_string(), reason })).ok()
}

/// Puts spans in the canonical order, same ranges by id, and keeps at most the limit.
fn order_spans(spans: &mut Vec<Span>, hidden: &mut Vec<Hidden>) {
    spans.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    if spans.len() > MAX_SPANS_PER_DOCUMENT {
        for s in spans.drain(MAX_SPANS_PER_DOCUMENT..) {
            hidden.push(Hidden::OverLimit { kind: Kind::Span, id: s.id().to_string() });
        }
    }
}

fn order_quotes(quotes: &mut Vec<Quote>, hidden: &mut Vec<Hidden>) {
    quotes.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    if quotes.len() > MAX_QUOTES_PER_DOCUMENT {
        for q in quotes.drain(MAX_QUOTES_PER_DOCUMENT..) {
            hidden.push(Hidden::OverLimit { kind: Kind::Quote, id: q.id().to_string() });
        }
    }
}

/// Unlinks speakers naming a span not in `spans`.
fn unlink_speakers(spans: &[Span], quotes: &mut [Quote], hidden: &mut Vec<Hidden>) {
    let ids: HashSet<&str> = spans.iter().map(Span::id).collect();
    for q in quotes {
        let Some(sp) = q.speaker() else { continue };
        let Some(link) = sp.span() else { continue };
        if ids.contains(link) {
            continue;
        }
        hidden.push(Hidden::SpeakerUnlinked { quote: q.id().to_string(), span: link.to_string() });
        let unlinked = Speaker::new(sp.range(), None);
        let name = q.speaker_name().map(str::to_string);
        *q = q.clone().with_speaker(Some(unlinked), name);
    }
}

/// The document `head` (id, title, language, meta, text, status) with the stored spans and
/// quotes (each an id and its decoded value or why it could not be decoded).
pub fn materialise(
    head: Document,
    spans: Vec<(String, Result<SpanRecord, String>)>,
    quotes: Vec<(String, Result<QuoteRecord, String>)>,
) -> Materialised {
    let len = head.cp_len();
    let mut hidden = Vec::new();
    let mut s: Vec<Span> = spans.iter().filter_map(|(id, r)| span_of(id, r.as_ref(), len, &mut hidden)).collect();
    let mut q: Vec<Quote> = quotes.iter().filter_map(|(id, r)| quote_of(id, r.as_ref(), len, &mut hidden)).collect();
    order_spans(&mut s, &mut hidden);
    order_quotes(&mut q, &mut hidden);
    unlink_speakers(&s, &mut q, &mut hidden);
    finish(head, s, q, hidden)
}

fn finish(head: Document, spans: Vec<Span>, quotes: Vec<Quote>, mut hidden: Vec<Hidden>) -> Materialised {
    // Every rule above makes values the model accepts; should one not, show the text without
    // annotations rather than nothing, and say why.
    match head.clone().with_annotations(spans, quotes) {
        Ok(document) => Materialised { document, hidden },
        Err(e) => {
            hidden.push(Hidden::Invalid { kind: Kind::Span, id: String::new(), reason: e.to_string() });
            Materialised { document: head, hidden }
        }
    }
}

/// `doc` with the remote `changes` applied: the same document as [`DocReplica::to_document`]
/// would read from the whole state, at the cost of the changes plus one pass over the lists.
/// Quote records are read again from `replica` only for unlinked speakers when spans came or went.
pub fn patch<E: Engine>(
    doc: &Document,
    changes: &[RemoteChange],
    replica: &mut DocReplica<E>,
) -> Result<Materialised, SyncError> {
    let len = doc.cp_len();
    let mut hidden = Vec::new();
    let mut span_news: HashMap<&str, Option<&SpanRecord>> = HashMap::new();
    let mut quote_news: HashMap<&str, Option<&QuoteRecord>> = HashMap::new();
    for c in changes {
        match c {
            RemoteChange::Span { id, new, .. } => {
                span_news.insert(id, new.as_ref());
            }
            RemoteChange::Quote { id, new, .. } => {
                quote_news.insert(id, new.as_ref());
            }
            RemoteChange::Meta { .. } => {}
        }
    }
    if span_news.is_empty() && quote_news.is_empty() {
        return Ok(Materialised { document: doc.clone(), hidden });
    }
    let mut spans: Vec<Span> = doc.spans().iter().filter(|s| !span_news.contains_key(s.id())).cloned().collect();
    spans.extend(span_news.iter().filter_map(|(id, r)| span_of(id, Ok((*r)?), len, &mut hidden)));
    let mut quotes: Vec<Quote> = doc.quotes().iter().filter(|q| !quote_news.contains_key(q.id())).cloned().collect();
    quotes.extend(quote_news.iter().filter_map(|(id, r)| quote_of(id, Ok((*r)?), len, &mut hidden)));
    // A span came back: quotes shown without their link may have it again (the stored value says).
    if span_news.values().any(Option::is_some) {
        for q in &mut quotes {
            if q.speaker().is_some_and(|s| s.span().is_none()) && !quote_news.contains_key(q.id()) {
                if let Some(rec) = replica.quote_record(q.id()) {
                    if rec.speaker.as_ref().is_some_and(|s| s.span().is_some()) {
                        if let Ok(stored) = rec.to_quote(q.id()) {
                            *q = stored;
                        }
                    }
                }
            }
        }
    }
    order_spans(&mut spans, &mut hidden);
    order_quotes(&mut quotes, &mut hidden);
    unlink_speakers(&spans, &mut quotes, &mut hidden);
    // Speakers unlinked by an earlier materialisation are not news: report only this change's.
    hidden.retain(|h| match h {
        Hidden::SpeakerUnlinked { quote, span } => {
            quote_news.contains_key(quote.as_str()) || span_news.contains_key(span.as_str())
        }
        _ => true,
    });
    Ok(finish(doc.clone(), spans, quotes, hidden))
}
