//! Sanad's sync mapping (issue 17, stage 1: the measured spike): a Sanad [`Document`] as a CRDT
//! document, local edits as update bytes, remote updates as changes, for two engines behind
//! features: Yjs through `yrs` (feature `yrs`, the default) and Automerge (feature `automerge`,
//! kept for the comparison).
//!
//! The data model is the same for both engines and is written once, over the [`Engine`] trait:
//!
//! ```text
//! document CRDT doc (one per Sanad document):
//!   meta   : map { id, title, lang, meta, text }    text stored once, an immutable string
//!   spans  : map<spanId,  SpanRecord  as one whole value>
//!   quotes : map<quoteId, QuoteRecord as one whole value>
//! project CRDT doc (one per project):
//!   labels : map<label name, LabelDef>
//!   docs   : map<docId, DocInfo {title, lang, chars}>   (the library list)
//!   status : map<docId, Status>
//! ```
//!
//! A span or quote is one value per id (never a nested map), so concurrent edits of one span are
//! resolved by the engine as a whole (last writer wins, deterministically), never merged field by
//! field into a value the model would refuse (`start >= end`). Every value carries `rev` (who wrote
//! it: `<client>.<counter>`) and `base` (the `rev` it replaced), so a client can tell "my edit was
//! overridden by a concurrent one" (the new value's `base` is not my `rev`) from "someone changed
//! it after seeing my edit" ([`Overridden`]).
//!
//! Modules:
//! - `record`: the values stored per id ([`SpanRecord`], [`QuoteRecord`]) and their revisions.
//! - `delta`: what a command changed, from the document before and after (one stretch per list).
//! - `engine`: the [`Engine`] trait (one CRDT doc: named maps of whole values, one transaction per
//!   write, update bytes out, events in) and its implementations (`yrs_engine`, `am_engine`).
//! - `replica`: [`DocReplica`]: the mapping (full state from a document, document from the state,
//!   a local edit to update bytes, a remote update to [`RemoteChange`]s) and [`ProjectReplica`].
//! - `synth`: the benchmarks' article (100,000 code points, 5,000 spans, 300 quotes).
//! - `wire` (yrs): the y-websocket protocol frames for a replica (one message per frame).
//! - `materialise`: the document a state stands for, the same on every client ([`materialise`]),
//!   and remote changes applied to a document ([`patch`]).

mod delta;
mod engine;
mod materialise;
mod record;
mod replica;
pub mod synth;

#[cfg(feature = "automerge")]
mod am_engine;
#[cfg(feature = "yrs")]
pub mod wire;
#[cfg(feature = "yrs")]
mod yrs_engine;

pub use delta::{delta, Delta};
pub use engine::{Engine, Event, Op};
pub use materialise::{materialise, patch, Hidden, Materialised};
pub use record::{QuoteRecord, Rev, SpanRecord};
pub use replica::{edit, DocInfo, DocReplica, Edited, Kind, Overridden, ProjectReplica, RemoteChange};

#[cfg(feature = "automerge")]
pub use am_engine::AutomergeEngine;
#[cfg(feature = "yrs")]
pub use yrs_engine::YrsEngine;

/// Why a state or an update was refused, or a mapping failed. Nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the update could not be read: {0}")]
    Decode(String),
    #[error("the update could not be applied: {0}")]
    Apply(String),
    #[error("value {key:?} in {map}: {reason}")]
    Value { map: &'static str, key: String, reason: String },
    #[error("the state holds no document text")]
    NoText,
    #[error("the document would break the model: {0}")]
    Model(#[from] sanad_core::ModelError),
    #[error("the edit was refused: {0}")]
    Edit(#[from] sanad_core::edit::EditError),
}
