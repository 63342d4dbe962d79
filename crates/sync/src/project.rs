//! A project's CRDT document ([`ProjectReplica`]): its name, the label schema, the library list and
//! each document's status.
//!
//! ```text
//! meta   : { name }
//! labels : { "schema": [LabelDef, ...] }     the schema as one value, in its order
//! docs   : map<docId, DocInfo {title, lang, chars, pos}>
//! status : map<docId, Status>               apart from the list: a status change never races a title
//! ```
//!
//! The schema is one value (the last writer's schema wins as a whole, like a span): the order of
//! the labels is the order of their keys in the page, and a label schema is one editor's decision.

use sanad_core::{Document, LabelDef, Status};
use serde::{Deserialize, Serialize};

use crate::engine::{Engine, Op, DOCS, LABELS, META, STATUS};
use crate::replica::value_error;
use crate::{SyncError, YrsEngine};

const SCHEMA: &str = "schema";

/// A document in the project's library list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub title: String,
    pub lang: String,
    /// Length of the text in code points.
    pub chars: usize,
    /// Place in the library (documents added at once by two editors: then by id).
    #[serde(default)]
    pub pos: u64,
}

/// What a remote update changed in a project.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectChanges {
    pub name: bool,
    pub labels: bool,
    /// Documents that joined the list.
    pub docs: Vec<String>,
    /// Documents whose status changed.
    pub status: Vec<String>,
}

impl ProjectChanges {
    pub fn is_empty(&self) -> bool {
        !self.name && !self.labels && self.docs.is_empty() && self.status.is_empty()
    }
}

/// A project's CRDT document.
pub struct ProjectReplica<E: Engine = YrsEngine> {
    engine: E,
}

impl<E: Engine> ProjectReplica<E> {
    /// A new CRDT document holding the project (the first client to share it).
    pub fn from_project<'a>(
        name: &str,
        labels: &[LabelDef],
        docs: impl IntoIterator<Item = &'a Document>,
        client: u64,
    ) -> Result<ProjectReplica<E>, SyncError> {
        let mut p = ProjectReplica { engine: E::new(client) };
        let mut ops = vec![
            Op::Put {
                map: META,
                key: "name".into(),
                value: E::encode(&name).map_err(|e| value_error(META, "name", e))?,
            },
            Op::Put {
                map: LABELS,
                key: SCHEMA.into(),
                value: E::encode(&labels).map_err(|e| value_error(LABELS, SCHEMA, e))?,
            },
        ];
        for (pos, d) in docs.into_iter().enumerate() {
            p.doc_ops(d, pos as u64, &mut ops)?;
        }
        p.engine.write(ops);
        Ok(p)
    }

    pub fn empty(client: u64) -> ProjectReplica<E> {
        ProjectReplica { engine: E::new(client) }
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

    fn doc_ops(&mut self, d: &Document, pos: u64, ops: &mut Vec<Op<E::Value>>) -> Result<(), SyncError> {
        let info = DocInfo { title: d.title().to_string(), lang: d.lang().to_string(), chars: d.cp_len(), pos };
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
        Ok(())
    }

    /// Adds a document to the library list (with its status), after those there.
    pub fn add_document(&mut self, d: &Document) -> Result<Vec<u8>, SyncError> {
        let pos = self.documents().iter().map(|(_, i)| i.pos + 1).max().unwrap_or(0);
        let mut ops = Vec::new();
        self.doc_ops(d, pos, &mut ops)?;
        Ok(self.engine.write(ops))
    }

    /// The project's name, once known.
    pub fn name(&mut self) -> Option<String> {
        self.engine.get(META, "name").and_then(|v| E::decode(&v).ok())
    }

    pub fn set_name(&mut self, name: &str) -> Result<Vec<u8>, SyncError> {
        let value = E::encode(&name).map_err(|e| value_error(META, "name", e))?;
        Ok(self.engine.write(vec![Op::Put { map: META, key: "name".into(), value }]))
    }

    /// Sets a document's status; returns the update bytes.
    pub fn set_status(&mut self, doc: &str, status: Status) -> Result<Vec<u8>, SyncError> {
        let value = E::encode(&status).map_err(|e| value_error(STATUS, doc, e))?;
        Ok(self.engine.write(vec![Op::Put { map: STATUS, key: doc.to_string(), value }]))
    }

    /// A document's status, if the project has one for it.
    pub fn status(&mut self, doc: &str) -> Option<Status> {
        self.engine.get(STATUS, doc).and_then(|v| E::decode(&v).ok())
    }

    /// Replaces the label schema; returns the update bytes, or `None` when it is the same.
    pub fn set_labels(&mut self, labels: &[LabelDef]) -> Result<Option<Vec<u8>>, SyncError> {
        if self.labels().as_deref() == Some(labels) {
            return Ok(None);
        }
        let value = E::encode(&labels).map_err(|e| value_error(LABELS, SCHEMA, e))?;
        Ok(Some(self.engine.write(vec![Op::Put { map: LABELS, key: SCHEMA.into(), value }])))
    }

    /// The label schema, once known (a schema that cannot be read, or whose labels the model
    /// refuses, is `None`).
    pub fn labels(&mut self) -> Option<Vec<LabelDef>> {
        let labels: Vec<LabelDef> = self.engine.get(LABELS, SCHEMA).and_then(|v| E::decode(&v).ok())?;
        labels.iter().all(|l| l.check().is_ok()).then_some(labels)
    }

    /// The library list, in library order.
    pub fn documents(&mut self) -> Vec<(String, DocInfo)> {
        let mut d: Vec<(String, DocInfo)> =
            self.engine.entries(DOCS).into_iter().filter_map(|(k, v)| E::decode(&v).ok().map(|i| (k, i))).collect();
        d.sort_by(|a, b| a.1.pos.cmp(&b.1.pos).then_with(|| a.0.cmp(&b.0)));
        d
    }

    /// Applies a remote update; returns what it changed.
    pub fn receive(&mut self, update: &[u8]) -> Result<ProjectChanges, SyncError> {
        let mut out = ProjectChanges::default();
        for e in self.engine.apply_update(update)? {
            match e.map {
                META => out.name |= e.key == "name",
                LABELS => out.labels = true,
                DOCS if e.old.is_none() && e.new.is_some() => out.docs.push(e.key),
                STATUS => out.status.push(e.key),
                _ => {}
            }
        }
        Ok(out)
    }
}
