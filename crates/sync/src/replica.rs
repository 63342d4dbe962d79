//! The mapping between a Sanad document (and project) and its CRDT document.

use std::collections::HashMap;

use sanad_core::edit::{apply, Applied, Command};
use sanad_core::{Document, LabelDef, Project, Status};
use serde::{Deserialize, Serialize};

use crate::delta::{delta, Delta};
use crate::engine::{Engine, Event, Op, DOCS, LABELS, META, QUOTES, SPANS, STATUS};
use crate::materialise::{materialise, Materialised};
use crate::record::{QuoteRecord, Rev, SpanRecord};
use crate::SyncError;

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
pub struct DocReplica<E: Engine> {
    engine: E,
    client: u64,
    counter: u64,
    /// The revisions of the values this client deleted, by id: a remote value based on one of them
    /// means that the deletion lost to a concurrent edit.
    deleted: HashMap<(Kind, String), Rev>,
}

fn value_error(map: &'static str, key: &str, reason: String) -> SyncError {
    SyncError::Value { map, key: key.to_string(), reason }
}

impl<E: Engine> DocReplica<E> {
    fn with_engine(engine: E, client: u64) -> DocReplica<E> {
        DocReplica { engine, client, counter: 0, deleted: HashMap::new() }
    }

    /// A new CRDT document holding `doc` (the first client to share it). Its status belongs to
    /// the project ([`ProjectReplica`]).
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
        for s in doc.spans() {
            let rec = SpanRecord::of(s, r.next_rev(), None);
            let value = E::encode(&rec).map_err(|e| value_error(SPANS, s.id(), e))?;
            ops.push(Op::Put { map: SPANS, key: s.id().to_string(), value });
        }
        for q in doc.quotes() {
            let rec = QuoteRecord::of(q, r.next_rev(), None);
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

    /// A replica loaded from a full state (a joining client).
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

    /// Writes what a command changed (see [`delta`]) in one transaction; returns its update bytes,
    /// or `None` when it changed no span or quote (a status change goes to the project).
    pub fn record(&mut self, d: &Delta) -> Result<Option<Vec<u8>>, SyncError> {
        let mut ops = Vec::new();
        for s in &d.spans {
            let base = self.current_rev(SPANS, s.id());
            let rec = SpanRecord::of(s, self.next_rev(), base);
            ops.push(Op::Put {
                map: SPANS,
                key: s.id().to_string(),
                value: E::encode(&rec).map_err(|e| value_error(SPANS, s.id(), e))?,
            });
        }
        for q in &d.quotes {
            let base = self.current_rev(QUOTES, q.id());
            let rec = QuoteRecord::of(q, self.next_rev(), base);
            ops.push(Op::Put {
                map: QUOTES,
                key: q.id().to_string(),
                value: E::encode(&rec).map_err(|e| value_error(QUOTES, q.id(), e))?,
            });
        }
        for (kind, map, ids) in [(Kind::Span, SPANS, &d.removed_spans), (Kind::Quote, QUOTES, &d.removed_quotes)] {
            for id in ids {
                if let Some(rev) = self.current_rev(map, id) {
                    self.deleted.insert((kind, id.clone()), rev);
                }
                ops.push(Op::Delete { map, key: id.clone() });
            }
        }
        if ops.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.engine.write(ops)))
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
}

#[derive(Deserialize)]
struct RevOnly {
    rev: Rev,
}

/// What a synced edit did: the core's result, the update bytes to send (none when no span or
/// quote changed) and the new status (for the project's CRDT document).
#[derive(Debug)]
pub struct Edited {
    pub applied: Applied,
    pub update: Option<Vec<u8>>,
    pub status: Option<Status>,
}

/// Runs an edit command on `doc` (the core's `apply`, the one way to change a document) and writes
/// what it changed into `replica`. On error nothing changes.
pub fn edit<E: Engine>(
    doc: &mut Document,
    replica: &mut DocReplica<E>,
    cmd: Command,
    author: Option<&str>,
) -> Result<Edited, SyncError> {
    let before = doc.clone();
    let applied = apply(doc, cmd, author)?;
    let d = delta(&before, doc);
    match replica.record(&d) {
        Ok(update) => Ok(Edited { applied, update, status: d.status }),
        Err(e) => {
            *doc = before;
            Err(e)
        }
    }
}

/// A document in the project's library list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub title: String,
    pub lang: String,
    /// Length of the text in code points.
    pub chars: usize,
}

/// A project's CRDT document: the label schema, the library list, each document's status.
pub struct ProjectReplica<E: Engine> {
    engine: E,
}

impl<E: Engine> ProjectReplica<E> {
    pub fn from_project(p: &Project, client: u64) -> Result<ProjectReplica<E>, SyncError> {
        let mut engine = E::new(client);
        let mut ops = Vec::new();
        for l in &p.labels {
            ops.push(Op::Put {
                map: LABELS,
                key: l.name.clone(),
                value: E::encode(l).map_err(|e| value_error(LABELS, &l.name, e))?,
            });
        }
        for d in p.documents() {
            let info = DocInfo { title: d.title().to_string(), lang: d.lang().to_string(), chars: d.cp_len() };
            ops.push(Op::Put {
                map: DOCS,
                key: d.id().to_string(),
                value: E::encode(&info).map_err(|e| value_error(DOCS, d.id(), e))?,
            });
            ops.push(Op::Put {
                map: STATUS,
                key: d.id().to_string(),
                value: E::encode(&d.status()).map_err(|e| value_error(STATUS, d.id(), e))?,
            });
        }
        engine.write(ops);
        Ok(ProjectReplica { engine })
    }

    pub fn load(client: u64, state: &[u8]) -> Result<ProjectReplica<E>, SyncError> {
        Ok(ProjectReplica { engine: E::load(client, state)? })
    }

    pub fn engine(&mut self) -> &mut E {
        &mut self.engine
    }

    pub fn encode_state(&mut self) -> Vec<u8> {
        self.engine.encode_state()
    }

    /// Sets a document's status; returns the update bytes.
    pub fn set_status(&mut self, doc: &str, status: Status) -> Result<Vec<u8>, SyncError> {
        let value = E::encode(&status).map_err(|e| value_error(STATUS, doc, e))?;
        Ok(self.engine.write(vec![Op::Put { map: STATUS, key: doc.to_string(), value }]))
    }

    pub fn status(&mut self, doc: &str) -> Status {
        self.engine.get(STATUS, doc).and_then(|v| E::decode(&v).ok()).unwrap_or_default()
    }

    /// The label schema, sorted by name (labels that cannot be read are left out).
    pub fn labels(&mut self) -> Vec<LabelDef> {
        let mut l: Vec<LabelDef> =
            self.engine.entries(LABELS).into_iter().filter_map(|(_, v)| E::decode::<LabelDef>(&v).ok()).collect();
        l.sort_by(|a, b| a.name.cmp(&b.name));
        l
    }

    /// The library list, sorted by id.
    pub fn documents(&mut self) -> Vec<(String, DocInfo)> {
        let mut d: Vec<(String, DocInfo)> =
            self.engine.entries(DOCS).into_iter().filter_map(|(k, v)| E::decode(&v).ok().map(|i| (k, i))).collect();
        d.sort_by(|a, b| a.0.cmp(&b.0));
        d
    }

    /// Applies a remote update; returns the keys it changed, by map.
    pub fn receive(&mut self, update: &[u8]) -> Result<Vec<(&'static str, String)>, SyncError> {
        Ok(self.engine.apply_update(update)?.into_iter().map(|e| (e.map, e.key)).collect())
    }
}
