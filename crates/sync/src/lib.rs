//! Sanad's sync (issue 17): a Sanad [`Document`](sanad_core::Document) and its project as Yjs
//! documents through `yrs`, local edits as update bytes, remote updates as core commands, presence,
//! and the y-websocket wire protocol. Pure Rust apart from `yrs` (which brings `wasm-bindgen` on
//! wasm for its random numbers, so this is not in `sanad-core`); no IO: the page's
//! `services::sync` owns the sockets and the storage, and native tests drive it through the real
//! server.
//!
//! The data model (one Yjs document per Sanad document, one per project; one y-websocket room each):
//!
//! ```text
//! document: meta   : map { id, title, lang, meta, text }    the text once, an immutable string
//!           spans  : map<spanId,  SpanRecord  as one whole value>
//!           quotes : map<quoteId, QuoteRecord as one whole value>
//! project:  meta   : map { name }
//!           labels : map { schema: [LabelDef] }
//!           docs   : map<docId, DocInfo {title, lang, chars, pos}>   (the library list)
//!           status : map<docId, Status>
//! ```
//!
//! A span or quote is one value per id (never a nested map), so concurrent edits of one span are
//! resolved by the engine as a whole (deterministically: the higher client id wins), never merged
//! field by field into a value the model would refuse (`start >= end`). Every value carries `rev`
//! (who wrote it: `<client>.<counter>`) and `base` (the `rev` it replaced), so a client can tell
//! "my edit was overridden by a concurrent one" (the new value's `base` is not my `rev`) from
//! "someone changed it after seeing my edit" ([`Overridden`], [`Conflict`]). Suggestions (origin
//! `model`) are not shared (see `replica`).
//!
//! Modules:
//! - `record`: the values stored per id ([`SpanRecord`], [`QuoteRecord`]) and their revisions.
//! - `engine`: the [`Engine`] trait (one CRDT doc: named maps of whole values, one transaction per
//!   write, update bytes out, events in) and its implementation over yrs (`yrs_engine`).
//! - `materialise`: the document a state stands for, the same on every client ([`materialise`]).
//! - `replica`: [`DocReplica`]: the mapping (full state from a document, document from the state,
//!   what a command changed to update bytes, a remote update to the core command that applies it,
//!   [`Incoming`], with the [`Conflict`]s it brought).
//! - `project`: [`ProjectReplica`]: name, labels, library list, statuses.
//! - `wire`: the y-websocket protocol frames (one message per frame), awareness frames.
//! - `presence`: who is in which article ([`Presence`]).
//! - `connection`: one room's connection state (offline, connecting, synced, refused) and
//!   reconnect backoff ([`Connection`]).
//! - `link`: the "Share project" link (server, project id, room secret) and each room's URL.
//! - `synth`: the benchmarks' article (100,000 code points, 5,000 spans, 300 quotes).

pub mod connection;
mod engine;
pub mod link;
mod materialise;
pub mod presence;
mod project;
mod record;
mod replica;
pub mod synth;
pub mod wire;
mod yrs_engine;

pub use connection::{ConnState, Connection};
pub use engine::{Engine, Event, Op};
pub use link::{LinkError, ShareLink};
pub use materialise::{materialise, Hidden, Materialised};
pub use presence::{PeerState, Presence};
pub use project::{DocInfo, ProjectChanges, ProjectReplica};
pub use record::{QuoteRecord, Rev, SpanRecord};
pub use replica::{
    edit, receive, undo, Conflict, DocReplica, Edited, Incoming, Kind, Overridden, RemoteChange, Undone,
};
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
