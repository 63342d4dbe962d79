//! One CRDT document as the mapping sees it: named maps of whole values, written in one
//! transaction per command (update bytes out) and changed by remote updates (events in).

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::SyncError;

/// The maps of a document CRDT doc.
pub const META: &str = "meta";
pub const SPANS: &str = "spans";
pub const QUOTES: &str = "quotes";
/// The maps of a project CRDT doc.
pub const LABELS: &str = "labels";
pub const DOCS: &str = "docs";
pub const STATUS: &str = "status";
/// Every map name, so an engine can make them all up front (yrs: never inside a transaction).
pub const MAPS: [&str; 6] = [META, SPANS, QUOTES, LABELS, DOCS, STATUS];

/// One write of a transaction.
#[derive(Debug, Clone)]
pub enum Op<V> {
    Put { map: &'static str, key: String, value: V },
    Delete { map: &'static str, key: String },
}

/// One entry changed by a remote update: `old` and `new` are the values before and after
/// (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Event<V> {
    pub map: &'static str,
    pub key: String,
    pub old: Option<V>,
    pub new: Option<V>,
}

/// A CRDT engine holding one document (one room on the sync server).
pub trait Engine: Sized {
    /// Shown in benchmarks and test messages.
    const NAME: &'static str;
    /// A whole value as the engine stores it.
    type Value: Clone + Debug + PartialEq;

    /// An empty document written by `client` (unique across the clients of a document).
    fn new(client: u64) -> Self;
    /// A document loaded from a full state ([`Engine::encode_state`] of any client).
    fn load(client: u64, state: &[u8]) -> Result<Self, SyncError>;
    /// The full state: everything a new client needs.
    fn encode_state(&mut self) -> Vec<u8>;
    fn encode<T: Serialize>(value: &T) -> Result<Self::Value, String>;
    fn decode<T: DeserializeOwned>(value: &Self::Value) -> Result<T, String>;
    /// Applies `ops` in one transaction; returns its update bytes (what is sent to the others).
    fn write(&mut self, ops: Vec<Op<Self::Value>>) -> Vec<u8>;
    fn get(&mut self, map: &'static str, key: &str) -> Option<Self::Value>;
    /// Every entry of `map`, in no particular order.
    fn entries(&mut self, map: &'static str) -> Vec<(String, Self::Value)>;
    /// Applies a remote update; returns what it changed.
    fn apply_update(&mut self, update: &[u8]) -> Result<Vec<Event<Self::Value>>, SyncError>;
}
