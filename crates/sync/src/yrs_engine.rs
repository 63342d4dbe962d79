//! [`Engine`] over Yjs (`yrs`): one `Doc`, one root `Map` per map name, values as `Any`.
//!
//! Rules of the engine kept here: a transaction is never opened while another is (on wasm that
//! panics), so the maps are made when the doc is, and observers only copy what changed into a
//! buffer read after the transaction commits. Updates are v1 (what y-websocket speaks).

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use yrs::types::{EntryChange, Observable};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Any, Doc, Map, MapRef, Out, ReadTxn, StateVector, Transact, Update};

use crate::engine::{Engine, Event, Op, MAPS};
use crate::SyncError;

type Buffer = Rc<RefCell<Vec<Event<Any>>>>;

/// A Yjs document (see the module documentation).
pub struct YrsEngine {
    doc: Doc,
    maps: Vec<(&'static str, MapRef)>,
    events: Buffer,
}

fn any_of(out: &Out) -> Option<Any> {
    match out {
        Out::Any(a) => Some(a.clone()),
        _ => None,
    }
}

impl YrsEngine {
    fn with_doc(doc: Doc) -> YrsEngine {
        let events: Buffer = Rc::default();
        let maps = MAPS
            .iter()
            .map(|&name| {
                let map = doc.get_or_insert_map(name);
                let buf = Rc::clone(&events);
                map.observe("sanad", move |txn, e| {
                    let mut buf = buf.borrow_mut();
                    for (key, change) in e.keys(txn) {
                        let (old, new) = match change {
                            EntryChange::Inserted(n) => (None, any_of(n)),
                            EntryChange::Updated(o, n) => (any_of(o), any_of(n)),
                            EntryChange::Removed(o) => (any_of(o), None),
                        };
                        buf.push(Event { map: name, key: key.to_string(), old, new });
                    }
                });
                (name, map)
            })
            .collect();
        YrsEngine { doc, maps, events }
    }

    fn map(&self, name: &str) -> Option<&MapRef> {
        self.maps.iter().find(|(n, _)| *n == name).map(|(_, m)| m)
    }

    /// The yrs document, for the sync protocol (state vectors, diffs) and undo.
    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// This client's state vector (v1), the first message of a sync.
    pub fn state_vector(&self) -> Vec<u8> {
        self.doc.transact().state_vector().encode_v1()
    }

    /// What a peer with state vector `sv` (v1) is missing.
    pub fn diff(&self, sv: &[u8]) -> Result<Vec<u8>, SyncError> {
        let sv = StateVector::decode_v1(sv).map_err(|e| SyncError::Decode(e.to_string()))?;
        Ok(self.doc.transact().encode_diff_v1(&sv))
    }
}

impl Engine for YrsEngine {
    const NAME: &'static str = "yrs";
    type Value = Any;

    fn new(client: u64) -> YrsEngine {
        YrsEngine::with_doc(Doc::with_client_id(client))
    }

    fn load(client: u64, state: &[u8]) -> Result<YrsEngine, SyncError> {
        let mut e = YrsEngine::new(client);
        e.apply_update(state)?;
        Ok(e)
    }

    fn encode_state(&mut self) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(&StateVector::default())
    }

    fn encode<T: Serialize>(value: &T) -> Result<Any, String> {
        yrs::encoding::serde::to_any(value).map_err(|e| e.to_string())
    }

    fn decode<T: DeserializeOwned>(value: &Any) -> Result<T, String> {
        yrs::encoding::serde::from_any(value).map_err(|e| e.to_string())
    }

    fn write(&mut self, ops: Vec<Op<Any>>) -> Vec<u8> {
        let mut txn = self.doc.transact_mut_with("local");
        for op in ops {
            match op {
                Op::Put { map, key, value } => {
                    if let Some(m) = self.map(map) {
                        m.insert(&mut txn, key, value);
                    }
                }
                Op::Delete { map, key } => {
                    if let Some(m) = self.map(map) {
                        m.remove(&mut txn, &key);
                    }
                }
            }
        }
        let update = txn.encode_update_v1();
        drop(txn);
        self.events.borrow_mut().clear();
        update
    }

    fn get(&mut self, map: &'static str, key: &str) -> Option<Any> {
        let txn = self.doc.transact();
        self.map(map)?.get(&txn, key).as_ref().and_then(any_of)
    }

    fn entries(&mut self, map: &'static str) -> Vec<(String, Any)> {
        let txn = self.doc.transact();
        let Some(m) = self.map(map) else { return Vec::new() };
        m.iter(&txn).filter_map(|(k, v)| any_of(&v).map(|a| (k.to_string(), a))).collect()
    }

    fn apply_update(&mut self, update: &[u8]) -> Result<Vec<Event<Any>>, SyncError> {
        let u = Update::decode_v1(update).map_err(|e| SyncError::Decode(e.to_string()))?;
        self.events.borrow_mut().clear();
        let mut txn = self.doc.transact_mut_with("remote");
        let applied = txn.apply_update(u);
        drop(txn);
        applied.map_err(|e| SyncError::Apply(e.to_string()))?;
        Ok(std::mem::take(&mut *self.events.borrow_mut()))
    }
}
