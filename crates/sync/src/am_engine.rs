//! [`Engine`] over Automerge: one `AutoCommit` document; every map is a key prefix in the root map
//! (`spans/e12`), never a nested map object: two clients creating the same nested map
//! concurrently would make two objects, and one would hide the other. Values are JSON text in a
//! string scalar (one whole value per id, like the yrs engine's `Any`).

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ChangeHash, PatchAction, ReadDoc, ScalarValueRef, ValueRef, ROOT};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::engine::{Engine, Event, Op, MAPS};
use crate::SyncError;

/// An Automerge document (see the module documentation).
pub struct AutomergeEngine {
    doc: AutoCommit,
}

fn key(map: &str, key: &str) -> String {
    format!("{map}/{key}")
}

fn split(k: &str) -> Option<(&'static str, &str)> {
    let (m, rest) = k.split_once('/')?;
    MAPS.iter().find(|&&n| n == m).map(|&n| (n, rest))
}

fn string_of(v: &automerge::Value<'_>) -> Option<String> {
    v.as_str().map(str::to_string)
}

impl AutomergeEngine {
    fn get_at(&self, k: &str, heads: &[ChangeHash]) -> Option<String> {
        self.doc.get_at(ROOT, k, heads).ok().flatten().and_then(|(v, _)| string_of(&v))
    }

    /// The Automerge document, for the sync protocol.
    pub fn doc(&mut self) -> &mut AutoCommit {
        &mut self.doc
    }

    /// Every value stored under `map`/`key`, the winner and those that lost a concurrent write
    /// (Automerge keeps them; Yjs does not).
    pub fn all_values(&self, map: &str, k: &str) -> Vec<String> {
        self.doc.get_all(ROOT, key(map, k)).unwrap_or_default().iter().filter_map(|(v, _)| string_of(v)).collect()
    }
}

fn actor(client: u64) -> ActorId {
    ActorId::from(client.to_be_bytes())
}

impl Engine for AutomergeEngine {
    const NAME: &'static str = "automerge";
    type Value = String;

    fn new(client: u64) -> AutomergeEngine {
        AutomergeEngine { doc: AutoCommit::new().with_actor(actor(client)) }
    }

    fn load(client: u64, state: &[u8]) -> Result<AutomergeEngine, SyncError> {
        let doc = AutoCommit::load(state).map_err(|e| SyncError::Decode(e.to_string()))?;
        Ok(AutomergeEngine { doc: doc.with_actor(actor(client)) })
    }

    fn encode_state(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    fn encode<T: Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }

    fn decode<T: DeserializeOwned>(value: &String) -> Result<T, String> {
        serde_json::from_str(value).map_err(|e| e.to_string())
    }

    fn write(&mut self, ops: Vec<Op<String>>) -> Vec<u8> {
        for op in ops {
            // Writes to the root map of a local document cannot fail (the object exists).
            let _ = match op {
                Op::Put { map, key: k, value } => self.doc.put(ROOT, key(map, &k), value),
                Op::Delete { map, key: k } => self.doc.delete(ROOT, key(map, &k)),
            };
        }
        self.doc.commit();
        self.doc.get_last_local_change().map(|c| c.raw_bytes().to_vec()).unwrap_or_default()
    }

    fn get(&mut self, map: &'static str, k: &str) -> Option<String> {
        self.doc.get(ROOT, key(map, k)).ok().flatten().and_then(|(v, _)| string_of(&v))
    }

    fn entries(&mut self, map: &'static str) -> Vec<(String, String)> {
        let (from, to) = (format!("{map}/"), format!("{map}0"));
        self.doc
            .map_range(ROOT, from..to)
            .filter_map(|item| match item.value {
                ValueRef::Scalar(ScalarValueRef::Str(s)) => {
                    split(&item.key).map(|(_, k)| (k.to_string(), s.into_owned()))
                }
                _ => None,
            })
            .collect()
    }

    fn apply_update(&mut self, update: &[u8]) -> Result<Vec<Event<String>>, SyncError> {
        let before = self.doc.get_heads();
        self.doc.load_incremental(update).map_err(|e| SyncError::Apply(e.to_string()))?;
        let after = self.doc.get_heads();
        let patches = self.doc.diff(&before, &after);
        let mut out = Vec::with_capacity(patches.len());
        for p in patches {
            let (k, new) = match &p.action {
                PatchAction::PutMap { key: k, value: (v, _), .. } => (k, string_of(v)),
                PatchAction::DeleteMap { key: k } => (k, None),
                _ => continue,
            };
            let Some((map, id)) = split(k) else { continue };
            let old = self.get_at(k, &before);
            out.push(Event { map, key: id.to_string(), old, new });
        }
        Ok(out)
    }
}
