//! A Sanad document's CRDT document ([`DocReplica`]): the full state from a document, the document
//! from the state, what a command changed written as update bytes, and a remote update turned into
//! the core command that applies it ([`DocReplica::incoming`]) with what it overrode.
//!
//! What is shared: every span and quote an editor made or imported, whole, by id. Suggestions (origin
//! `model`) are not: each client computes its own, and accepting one makes it an editor's span like
//! any other. A quote's speaker is written without its link when it names a suggestion (the link
//! would name a span the others do not have; the range and name are kept).

use std::collections::{HashMap, HashSet};

use sanad_core::edit::{apply, Applied, Change, Changes, Command, Entry, Patch, Reverted};
use sanad_core::{Document, Origin, Quote, Span, Speaker, Status};
use serde::Deserialize;

use crate::engine::{Engine, Event, Op, META, QUOTES, SPANS};
use crate::materialise::{materialise, quote_of, span_of, Hidden, Materialised};
use crate::record::{QuoteRecord, Rev, SpanRecord};
use crate::{SyncError, YrsEngine};

/// Spans or quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Span,
    Quote,
}

/// How a remote change met one of this client's own changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overridden {
    /// My value (`old`) lost to a concurrent one: the new value was not based on mine.
    MyEdit,
    /// My deletion lost to a concurrent edit: the value is back (`new`).
    MyDeletion,
}

/// One change a remote update made, as data: the values before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteChange {
    Span {
        id: String,
        old: Option<SpanRecord>,
        new: Option<SpanRecord>,
        overridden: Option<Overridden>,
    },
    Quote {
        id: String,
        old: Option<QuoteRecord>,
        new: Option<QuoteRecord>,
        overridden: Option<Overridden>,
    },
    /// A document field other than the annotations (title, language, meta). The text never
    /// changes once shared.
    Meta {
        key: String,
    },
}

impl RemoteChange {
    pub fn overridden(&self) -> Option<Overridden> {
        match self {
            RemoteChange::Span { overridden, .. } | RemoteChange::Quote { overridden, .. } => *overridden,
            RemoteChange::Meta { .. } => None,
        }
    }
}

/// What another editor's concurrent change did to one of mine, for the notice the editor who lost
/// sees (with an undo that writes their value again as a new command, [`Conflict::undo`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// My span lost to a concurrent change of it: `mine` as I wrote it, `theirs` as it is now.
    Span { mine: Span, theirs: Span },
    /// I removed a span while another editor changed it: it is back as they wrote it.
    SpanBack { theirs: Span },
    /// My quote lost to a concurrent change (its speaker, kind, boundaries).
    Quote { mine: Quote, theirs: Quote },
    /// I removed a quote while another editor changed it: it is back.
    QuoteBack { theirs: Quote },
    /// Another editor labelled the words of one of my spans with the same label at the same time:
    /// both spans are kept (`mine` is my span's id).
    Twin { mine: String, theirs: Span },
    /// Another editor added a span overlapping one I added in this session (another range or
    /// label): both are kept; the notice lets me withdraw mine.
    Overlap { mine: String, theirs: Span },
}

impl Conflict {
    /// The command that puts my side back, as a new edit: my value replaces theirs, or my deletion
    /// is made again; for a twin or an overlap (nothing of mine was lost), my span is withdrawn, so
    /// the undo never removes the other editor's span.
    pub fn undo(&self) -> Command {
        let mut p = Patch::default();
        match self {
            Conflict::Span { mine, .. } => p.spans.push(Entry::Put(mine.clone())),
            Conflict::SpanBack { theirs } => p.spans.push(Entry::Remove(theirs.id().to_string())),
            Conflict::Quote { mine, .. } => p.quotes.push(Entry::Put(mine.clone())),
            Conflict::QuoteBack { theirs } => p.quotes.push(Entry::Remove(theirs.id().to_string())),
            Conflict::Twin { mine, .. } | Conflict::Overlap { mine, .. } => p.spans.push(Entry::Remove(mine.clone())),
        }
        Command::Put(p)
    }

    /// Who made the change that won (the author of their value).
    pub fn by(&self) -> Option<&str> {
        match self {
            Conflict::Span { theirs, .. }
            | Conflict::SpanBack { theirs }
            | Conflict::Twin { theirs, .. }
            | Conflict::Overlap { theirs, .. } => theirs.author(),
            Conflict::Quote { theirs, .. } | Conflict::QuoteBack { theirs } => theirs.author(),
        }
    }
}

/// A remote update as the core command that applies it to this client's document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incoming {
    /// The values to put ([`Command::Put`]); empty when the update changed no span or quote.
    pub patch: Patch,
    /// What the document shows differently from the state, and why (see `materialise`).
    pub hidden: Vec<Hidden>,
    /// Changes of mine the update overrode.
    pub conflicts: Vec<Conflict>,
}

trait Revised {
    fn rev(&self) -> Rev;
    fn base(&self) -> Option<Rev>;
}

impl Revised for SpanRecord {
    fn rev(&self) -> Rev {
        self.rev
    }
    fn base(&self) -> Option<Rev> {
        self.base
    }
}

impl Revised for QuoteRecord {
    fn rev(&self) -> Rev {
        self.rev
    }
    fn base(&self) -> Option<Rev> {
        self.base
    }
}

/// A Sanad document's CRDT document, written by one client.
pub struct DocReplica<E: Engine = YrsEngine> {
    engine: E,
    client: u64,
    counter: u64,
    /// The revisions of the values this client deleted, by id: a remote value based on one of them
    /// means that the deletion lost to a concurrent edit.
    deleted: HashMap<(Kind, String), Rev>,
}

pub(crate) fn value_error(map: &'static str, key: &str, reason: String) -> SyncError {
    SyncError::Value { map, key: key.to_string(), reason }
}

/// A quote as shared: a speaker naming a suggestion (`model` span ids of `doc`) loses the link.
fn shared_quote(q: &Quote, is_suggestion: impl Fn(&str) -> bool) -> Quote {
    match q.speaker() {
        Some(sp) if sp.span().is_some_and(&is_suggestion) => {
            q.clone().with_speaker(Some(Speaker::new(sp.range(), None)), q.speaker_name().map(str::to_string))
        }
        _ => q.clone(),
    }
}

fn suggestion_ids(doc: &Document) -> HashSet<&str> {
    doc.spans().iter().filter(|s| s.origin() == Origin::Model).map(Span::id).collect()
}

impl<E: Engine> DocReplica<E> {
    fn with_engine(engine: E, client: u64) -> DocReplica<E> {
        DocReplica { engine, client, counter: 0, deleted: HashMap::new() }
    }

    /// A new CRDT document holding `doc` (the first client to share it): its text, title,
    /// language, meta, and every span and quote that is not a suggestion. Its status belongs to
    /// the project ([`crate::ProjectReplica`]).
    pub fn from_document(doc: &Document, client: u64) -> Result<DocReplica<E>, SyncError> {
        let mut r = DocReplica::with_engine(E::new(client), client);
        let enc = |key: &str, v: Result<E::Value, String>| v.map_err(|e| value_error(META, key, e));
        let mut ops = vec![
            Op::Put { map: META, key: "id".into(), value: enc("id", E::encode(&doc.id()))? },
            Op::Put { map: META, key: "title".into(), value: enc("title", E::encode(&doc.title()))? },
            Op::Put { map: META, key: "lang".into(), value: enc("lang", E::encode(&doc.lang()))? },
            Op::Put { map: META, key: "meta".into(), value: enc("meta", E::encode(doc.meta()))? },
            Op::Put { map: META, key: "text".into(), value: enc("text", E::encode(&doc.text()))? },
        ];
        ops.reserve(doc.spans().len() + doc.quotes().len());
        let model = suggestion_ids(doc);
        for s in doc.spans().iter().filter(|s| s.origin() != Origin::Model) {
            let rec = SpanRecord::of(s, r.next_rev(), None);
            let value = E::encode(&rec).map_err(|e| value_error(SPANS, s.id(), e))?;
            ops.push(Op::Put { map: SPANS, key: s.id().to_string(), value });
        }
        for q in doc.quotes().iter().filter(|q| q.origin() != Origin::Model) {
            let rec = QuoteRecord::of(&shared_quote(q, |id| model.contains(id)), r.next_rev(), None);
            let value = E::encode(&rec).map_err(|e| value_error(QUOTES, q.id(), e))?;
            ops.push(Op::Put { map: QUOTES, key: q.id().to_string(), value });
        }
        r.engine.write(ops);
        Ok(r)
    }

    /// An empty replica: a client joining over the network, before the state arrives.
    pub fn empty(client: u64) -> DocReplica<E> {
        DocReplica::with_engine(E::new(client), client)
    }

    /// A replica loaded from a full state (a joining client, or one reading its saved state).
    pub fn load(client: u64, state: &[u8]) -> Result<DocReplica<E>, SyncError> {
        Ok(DocReplica::with_engine(E::load(client, state)?, client))
    }

    pub fn client(&self) -> u64 {
        self.client
    }

    /// The engine, for the sync protocol.
    pub fn engine(&mut self) -> &mut E {
        &mut self.engine
    }

    /// The full state (what a joining client loads, and what IndexedDB keeps).
    pub fn encode_state(&mut self) -> Vec<u8> {
        self.engine.encode_state()
    }

    /// True once the state holds a document (its text).
    pub fn has_text(&mut self) -> bool {
        self.engine.get(META, "text").is_some()
    }

    fn next_rev(&mut self) -> Rev {
        self.counter += 1;
        Rev { client: self.client, n: self.counter }
    }

    fn meta<T: serde::de::DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, SyncError> {
        match self.engine.get(META, key) {
            Some(v) => E::decode(&v).map(Some).map_err(|e| value_error(META, key, e)),
            None => Ok(None),
        }
    }

    /// The document the state stands for (the same on every client with the same state), with
    /// `status` from the project; what was left out and why is in [`Materialised::hidden`].
    pub fn to_document(&mut self, status: Status) -> Result<Materialised, SyncError> {
        let text: String = self.meta("text")?.ok_or(SyncError::NoText)?;
        let id: String = self.meta("id")?.unwrap_or_default();
        let title: String = self.meta("title")?.unwrap_or_default();
        let lang: String = self.meta("lang")?.unwrap_or_default();
        let meta: serde_json::Map<String, serde_json::Value> = self.meta("meta")?.unwrap_or_default();
        let head = Document::new(id, title, lang, text)?.with_meta(meta).with_status(status);
        let spans = self.records::<SpanRecord>(SPANS);
        let quotes = self.records::<QuoteRecord>(QUOTES);
        Ok(materialise(head, spans, quotes))
    }

    /// Every value of `map`, decoded; one that cannot be read is kept as its error.
    fn records<T: serde::de::DeserializeOwned>(&mut self, map: &'static str) -> Vec<(String, Result<T, String>)> {
        self.engine.entries(map).into_iter().map(|(k, v)| (k, E::decode(&v))).collect()
    }

    /// The quote record stored under `id`.
    pub fn quote_record(&mut self, id: &str) -> Option<QuoteRecord> {
        self.engine.get(QUOTES, id).and_then(|v| E::decode(&v).ok())
    }

    /// The span record stored under `id`.
    pub fn span_record(&mut self, id: &str) -> Option<SpanRecord> {
        self.engine.get(SPANS, id).and_then(|v| E::decode(&v).ok())
    }

    fn current_rev(&mut self, map: &'static str, id: &str) -> Option<Rev> {
        let v = self.engine.get(map, id)?;
        E::decode::<RevOnly>(&v).ok().map(|r| r.rev)
    }

    fn put_span(&mut self, s: &Span, ops: &mut Vec<Op<E::Value>>) -> Result<(), SyncError> {
        let base = self.current_rev(SPANS, s.id());
        let rec = SpanRecord::of(s, self.next_rev(), base);
        let value = E::encode(&rec).map_err(|e| value_error(SPANS, s.id(), e))?;
        ops.push(Op::Put { map: SPANS, key: s.id().to_string(), value });
        Ok(())
    }

    fn put_quote(&mut self, q: &Quote, ops: &mut Vec<Op<E::Value>>) -> Result<(), SyncError> {
        let base = self.current_rev(QUOTES, q.id());
        let rec = QuoteRecord::of(q, self.next_rev(), base);
        let value = E::encode(&rec).map_err(|e| value_error(QUOTES, q.id(), e))?;
        ops.push(Op::Put { map: QUOTES, key: q.id().to_string(), value });
        Ok(())
    }

    fn delete(&mut self, kind: Kind, map: &'static str, id: &str, ops: &mut Vec<Op<E::Value>>) {
        if let Some(rev) = self.current_rev(map, id) {
            self.deleted.insert((kind, id.to_string()), rev);
            ops.push(Op::Delete { map, key: id.to_string() });
        }
    }

    /// Writes what a change did (`changes`, from [`sanad_core::edit::Inverse::changes`]) to `doc`
    /// (the document after it) in one transaction; returns its update bytes, or `None` when it
    /// changed nothing shared (a suggestion, a status: the status belongs to the project).
    pub fn write(&mut self, doc: &Document, changes: &Changes) -> Result<Option<Vec<u8>>, SyncError> {
        let model = suggestion_ids(doc);
        let mut ops = Vec::new();
        for Change { id, after, .. } in &changes.spans {
            match after {
                Some(s) if s.origin() != Origin::Model => self.put_span(s, &mut ops)?,
                _ => self.delete(Kind::Span, SPANS, id, &mut ops),
            }
        }
        for Change { id, after, .. } in &changes.quotes {
            match after {
                Some(q) if q.origin() != Origin::Model => {
                    self.put_quote(&shared_quote(q, |s| model.contains(s)), &mut ops)?
                }
                _ => self.delete(Kind::Quote, QUOTES, id, &mut ops),
            }
        }
        if ops.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.engine.write(ops)))
    }

    /// Writes whatever `doc` holds that the state does not (spans and quotes that are not
    /// suggestions): changes made while the state was not kept (a page that closed before its
    /// state was written). Returns the update bytes, or `None` when they agree.
    pub fn reconcile(&mut self, doc: &Document) -> Result<Option<Vec<u8>>, SyncError> {
        let Ok(m) = self.to_document(doc.status()) else { return Ok(None) };
        let model = suggestion_ids(doc);
        let spans: Vec<Span> = doc.spans().iter().filter(|s| s.origin() != Origin::Model).cloned().collect();
        let quotes: Vec<Quote> = doc
            .quotes()
            .iter()
            .filter(|q| q.origin() != Origin::Model)
            .map(|q| shared_quote(q, |s| model.contains(s)))
            .collect();
        let Ok(shared) = m.document.clone().with_annotations(spans, quotes) else { return Ok(None) };
        let changes = Changes::between(&m.document, &shared);
        self.write(&shared, &changes)
    }

    fn classify<T: Revised>(&self, kind: Kind, id: &str, old: Option<&T>, new: Option<&T>) -> Option<Overridden> {
        match (old, new) {
            (Some(o), Some(n)) if o.rev().client == self.client && n.base() != Some(o.rev()) => {
                Some(Overridden::MyEdit)
            }
            (None, Some(n)) => {
                let mine = self.deleted.get(&(kind, id.to_string()))?;
                (n.base() == Some(*mine)).then_some(Overridden::MyDeletion)
            }
            _ => None,
        }
    }

    fn decode_opt<T: serde::de::DeserializeOwned>(
        map: &'static str,
        key: &str,
        v: Option<&E::Value>,
    ) -> Result<Option<T>, SyncError> {
        v.map(|v| E::decode(v).map_err(|e| value_error(map, key, e))).transpose()
    }

    /// Applies a remote update; returns what it changed, each change saying whether it overrode
    /// one of this client's own changes. A value that cannot be read is an error (after the update
    /// was applied: the engine state stays in step with the other clients; the materialiser leaves
    /// such a value out).
    pub fn receive(&mut self, update: &[u8]) -> Result<Vec<RemoteChange>, SyncError> {
        let events: Vec<Event<E::Value>> = self.engine.apply_update(update)?;
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            let change = match e.map {
                SPANS => {
                    let old: Option<SpanRecord> = Self::decode_opt(SPANS, &e.key, e.old.as_ref())?;
                    let new: Option<SpanRecord> = Self::decode_opt(SPANS, &e.key, e.new.as_ref())?;
                    let overridden = self.classify(Kind::Span, &e.key, old.as_ref(), new.as_ref());
                    RemoteChange::Span { id: e.key, old, new, overridden }
                }
                QUOTES => {
                    let old: Option<QuoteRecord> = Self::decode_opt(QUOTES, &e.key, e.old.as_ref())?;
                    let new: Option<QuoteRecord> = Self::decode_opt(QUOTES, &e.key, e.new.as_ref())?;
                    let overridden = self.classify(Kind::Quote, &e.key, old.as_ref(), new.as_ref());
                    RemoteChange::Quote { id: e.key, old, new, overridden }
                }
                _ => RemoteChange::Meta { key: e.key },
            };
            out.push(change);
        }
        Ok(out)
    }

    /// The core command that brings `doc` (this client's document, with its own suggestions) to
    /// what the state now holds after `changes`, with the same rules as [`DocReplica::to_document`]
    /// (see `materialise`): a value the model refuses is left out, a speaker naming a span that is
    /// gone loses the link (and gets it back when the span comes back). Costs the changes, plus a
    /// pass over the quotes when spans came or went. Also says which of my changes were overridden,
    /// and which new spans repeat one of mine (same range and label).
    pub fn incoming(&mut self, doc: &Document, changes: &[RemoteChange]) -> Incoming {
        let len = doc.cp_len();
        let mut out = Incoming::default();
        let mut span_news: HashMap<&str, Option<Span>> = HashMap::new();
        let mut quote_news: HashMap<&str, Option<Quote>> = HashMap::new();
        for c in changes {
            match c {
                RemoteChange::Span { id, new, old, overridden } => {
                    let made = new.as_ref().and_then(|r| span_of(id, Ok(r), len, &mut out.hidden));
                    match (overridden, &made) {
                        (Some(Overridden::MyEdit), Some(theirs)) => {
                            if let Some(mine) = old.as_ref().and_then(|o| o.to_span(id).ok()) {
                                out.conflicts.push(Conflict::Span { mine, theirs: theirs.clone() });
                            }
                        }
                        (Some(Overridden::MyDeletion), Some(theirs)) => {
                            out.conflicts.push(Conflict::SpanBack { theirs: theirs.clone() })
                        }
                        (None, Some(theirs)) if old.is_none() => {
                            let mine = |s: &&Span| {
                                s.id() != theirs.id() && s.origin() == Origin::Editor && made_here(doc, s.id())
                            };
                            let twin = doc
                                .spans()
                                .iter()
                                .filter(mine)
                                .find(|s| s.range() == theirs.range() && s.label() == theirs.label());
                            let overlap =
                                || doc.spans().iter().filter(mine).find(|s| s.range().overlaps(&theirs.range()));
                            if let Some(t) = twin {
                                out.conflicts.push(Conflict::Twin { mine: t.id().to_string(), theirs: theirs.clone() });
                            } else if let Some(o) = overlap() {
                                out.conflicts
                                    .push(Conflict::Overlap { mine: o.id().to_string(), theirs: theirs.clone() });
                            }
                        }
                        _ => {}
                    }
                    span_news.insert(id, made);
                }
                RemoteChange::Quote { id, new, old, overridden } => {
                    let made = new.as_ref().and_then(|r| quote_of(id, Ok(r), len, &mut out.hidden));
                    match (overridden, &made) {
                        (Some(Overridden::MyEdit), Some(theirs)) => {
                            if let Some(mine) = old.as_ref().and_then(|o| o.to_quote(id).ok()) {
                                out.conflicts.push(Conflict::Quote { mine, theirs: theirs.clone() });
                            }
                        }
                        (Some(Overridden::MyDeletion), Some(theirs)) => {
                            out.conflicts.push(Conflict::QuoteBack { theirs: theirs.clone() })
                        }
                        _ => {}
                    }
                    quote_news.insert(id, made);
                }
                RemoteChange::Meta { .. } => {}
            }
        }
        if span_news.is_empty() && quote_news.is_empty() {
            return out;
        }
        let exists = |id: &str| match span_news.get(id) {
            Some(v) => v.is_some(),
            None => doc.span(id).is_some(),
        };
        // Quotes that change: their speaker must name a span that is there.
        let mut quotes: Vec<(String, Option<Quote>)> = Vec::with_capacity(quote_news.len());
        for (id, q) in &quote_news {
            let q = q.clone().map(|q| match q.speaker().and_then(Speaker::span) {
                Some(s) if !exists(s) => {
                    out.hidden.push(Hidden::SpeakerUnlinked { quote: id.to_string(), span: s.to_string() });
                    unlinked(&q)
                }
                _ => q,
            });
            quotes.push((id.to_string(), q));
        }
        // Quotes that do not change: a speaker naming a span that goes is unlinked by the command
        // itself; one shown unlinked gets its link back when the stored value names a span that
        // is back.
        let came_back: HashSet<&str> =
            span_news.iter().filter(|(id, v)| v.is_some() && doc.span(id).is_none()).map(|(id, _)| *id).collect();
        for q in doc.quotes() {
            if quote_news.contains_key(q.id()) {
                continue;
            }
            match q.speaker() {
                Some(sp) if sp.span().is_some_and(|s| span_news.get(s).is_some_and(Option::is_none)) => {
                    let span = sp.span().unwrap_or_default().to_string();
                    out.hidden.push(Hidden::SpeakerUnlinked { quote: q.id().to_string(), span });
                }
                Some(sp) if sp.span().is_none() && !came_back.is_empty() => {
                    if let Some(stored) = self.quote_record(q.id()).and_then(|r| r.to_quote(q.id()).ok()) {
                        let link = stored.speaker().and_then(Speaker::span);
                        if link.is_some_and(|s| came_back.contains(s)) && stored.range() == q.range() {
                            quotes.push((q.id().to_string(), Some(stored)));
                        }
                    }
                }
                _ => {}
            }
        }
        // In a fixed order, so that every client applies the same patch.
        let mut spans: Vec<(&str, Option<Span>)> = span_news.into_iter().collect();
        spans.sort_by(|a, b| a.0.cmp(b.0));
        quotes.sort_by(|a, b| a.0.cmp(&b.0));
        out.patch.spans =
            spans.into_iter().map(|(id, v)| v.map_or_else(|| Entry::Remove(id.to_string()), Entry::Put)).collect();
        out.patch.quotes = quotes.into_iter().map(|(id, v)| v.map_or_else(|| Entry::Remove(id), Entry::Put)).collect();
        out
    }
}

/// True when `id` was handed out in this editing session (it carries the document's id scope).
fn made_here(doc: &Document, id: &str) -> bool {
    doc.id_scope().is_some_and(|scope| id.strip_suffix(scope).is_some_and(|rest| rest.ends_with('.')))
}

fn unlinked(q: &Quote) -> Quote {
    let sp = q.speaker().map(|s| Speaker::new(s.range(), None));
    q.clone().with_speaker(sp, q.speaker_name().map(str::to_string))
}

#[derive(Deserialize)]
struct RevOnly {
    rev: Rev,
}

/// What a synced edit did: the core's result, what it changed by id, and the update bytes to send
/// (none when nothing shared changed).
#[derive(Debug)]
pub struct Edited {
    pub applied: Applied,
    pub changes: Changes,
    pub update: Option<Vec<u8>>,
}

/// Runs an edit command on `doc` (the core's `apply`, the one way to change a document) and writes
/// what it changed into `replica`. On error nothing changes.
pub fn edit<E: Engine>(
    doc: &mut Document,
    replica: &mut DocReplica<E>,
    cmd: Command,
    author: Option<&str>,
) -> Result<Edited, SyncError> {
    let applied = apply(doc, cmd, author)?;
    let changes = applied.inverse.changes(doc);
    match replica.write(doc, &changes) {
        Ok(update) => Ok(Edited { applied, changes, update }),
        Err(e) => {
            // Nothing was written: take the command back.
            let _ = applied.inverse.apply(doc);
            Err(e)
        }
    }
}

/// Applies a remote update to `doc` through the core: the replica receives it, and the command
/// [`DocReplica::incoming`] makes is applied. Returns what the update overrode and hid.
pub fn receive<E: Engine>(
    doc: &mut Document,
    replica: &mut DocReplica<E>,
    update: &[u8],
) -> Result<Incoming, SyncError> {
    let changes = replica.receive(update)?;
    let incoming = replica.incoming(doc, &changes);
    if !incoming.patch.is_empty() {
        apply(doc, Command::Put(incoming.patch.clone()), None)?;
    }
    Ok(incoming)
}

/// What an undo (or a redo) did in a synced document: the core's id-keyed revert, and the update
/// bytes to send (none when nothing shared changed).
#[derive(Debug)]
pub struct Undone {
    /// What was reverted, what redoes it (`reverted.redo`), and what another editor changed since
    /// and so was kept as it is (`reverted.kept`).
    pub reverted: Reverted,
    pub update: Option<Vec<u8>>,
}

/// Undoes one of this editor's steps (`step`: the [`Edited::changes`] of an [`edit`], or the
/// `redo` of an earlier undo) by id, with compare-and-set ([`Changes::revert`]): only the ids that
/// still hold what the step wrote go back, so an undo never removes or changes another editor's
/// work, whatever arrived since. On error nothing changes.
pub fn undo<E: Engine>(doc: &mut Document, replica: &mut DocReplica<E>, step: &Changes) -> Result<Undone, SyncError> {
    let reverted = step.revert(doc)?;
    let changes = reverted.applied.inverse.changes(doc);
    match replica.write(doc, &changes) {
        Ok(update) => Ok(Undone { reverted, update }),
        Err(e) => {
            let _ = reverted.applied.inverse.apply(doc);
            Err(e)
        }
    }
}
