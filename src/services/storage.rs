//! The library in IndexedDB (through the `idb` crate), one record per document so that a change
//! writes only the document it touched.
//!
//! Database `sanad`, version 1:
//! - store `projects` (key path `id`): `{id, name, labels, settings, annotators}` (annotators:
//!   the colours of the annotators whose layers the project holds; absent in older records);
//! - store `documents` (key path `key` = project id + "/" + document id, index `project`):
//!   `{key, project, json}` where `json` is the document as in the project JSON, as UTF-8 bytes
//!   (a `Uint8Array`): serialising a 5,000-span document to bytes takes a fraction of the time of
//!   building 5,000 JS objects, and bytes cross into JS and into the database as one copy, without
//!   decoding. Records written before stored the document as an object (`doc`); both are read.
//!
//! Project records cross into JS as JSON text parsed by the browser (`JSON.parse`). Everything comes
//! back through the core's validating constructors: a record that fails them is reported, not
//! loaded.

use idb::{Database, DatabaseEvent, Factory, IndexParams, KeyPath, ObjectStoreParams, Query, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use sanad_core::project::{self, ProjectError};
use sanad_core::{AnnotatorDef, Document, LabelDef};

use crate::services::BrowserError;
use crate::state::ProjectSettings;

const DB_NAME: &str = "sanad";
const DB_VERSION: u32 = 1;
const PROJECTS: &str = "projects";
const DOCUMENTS: &str = "documents";
/// The project the app opens on a first visit (the demo library).
pub const DEFAULT_PROJECT: &str = "default";

#[derive(Serialize, Deserialize)]
struct ProjectRecord {
    id: String,
    name: String,
    labels: Vec<LabelDef>,
    #[serde(default)]
    settings: ProjectSettings,
    #[serde(default)]
    annotators: Vec<AnnotatorDef>,
}

/// Why the library could not be read or written.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The browser's storage refused (IndexedDB, through `idb`, whose words it keeps).
    Browser(BrowserError),
    /// The saved record `key` holds no document.
    NoDocument { key: String },
    /// The document of the saved record `key` is not UTF-8.
    NotUtf8 { key: String },
    /// The saved record `key` could not be read back: serde_json's message, or the model's refusal.
    Invalid { key: String, error: ProjectError },
}

/// A document record for the store: `{key, project, json}` with the JSON as bytes.
fn doc_record(project: &str, d: &Document) -> Result<JsValue, StorageError> {
    // Serialising a document cannot fail (string keys, finite numbers; see `Project::to_json`).
    let json = serde_json::to_vec(d).unwrap_or_default();
    let rec = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&rec, &JsValue::from_str(k), v).map(drop).map_err(js_err);
    set("key", &JsValue::from_str(&format!("{project}/{}", d.id())))?;
    set("project", &JsValue::from_str(project))?;
    set("json", &js_sys::Uint8Array::from(&json[..]).into())?;
    Ok(rec.into())
}

fn js_err(v: JsValue) -> StorageError {
    StorageError::Browser(BrowserError::from_js(&v))
}

/// A document read back from its record (`key`): the JSON bytes, or the object of the first form
/// (`doc`).
fn read_doc(key: &str, v: JsValue) -> Result<Document, StorageError> {
    let json = js_sys::Reflect::get(&v, &JsValue::from_str("json")).map_err(js_err)?;
    if let Some(bytes) = json.dyn_ref::<js_sys::Uint8Array>() {
        // Through `&str`, so that documents are parsed by the one `serde_json` reader the rest of
        // the app uses (a second one, over bytes, would compile every `Deserialize` twice).
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| StorageError::NotUtf8 { key: key.to_string() })?;
        return project::read(&text).map_err(|error| StorageError::Invalid { key: key.to_string(), error });
    }
    let doc = js_sys::Reflect::get(&v, &JsValue::from_str("doc")).map_err(js_err)?;
    if doc.is_undefined() {
        return Err(StorageError::NoDocument { key: key.to_string() });
    }
    from_js(key, &doc)
}

/// What a load found.
pub struct Loaded {
    pub name: String,
    pub settings: ProjectSettings,
    pub labels: Vec<LabelDef>,
    pub annotators: Vec<AnnotatorDef>,
    pub docs: Vec<Document>,
    /// Records that could not be read back (each error names its record's key).
    pub problems: Vec<StorageError>,
}

/// A refusal of IndexedDB, in `idb`'s words (which hold the browser's).
fn err(e: idb::Error) -> StorageError {
    StorageError::Browser(BrowserError(e.to_string()))
}

/// A record as a JS object (JSON text parsed by the browser: serde_json is in the app anyway, so no
/// second serialisation framework goes into the bundle).
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, StorageError> {
    // Serialising these records cannot fail (string keys, plain values).
    let text = serde_json::to_string(v).unwrap_or_default();
    js_sys::JSON::parse(&text).map_err(js_err)
}

/// A record (`key`) read back through the same JSON text, then the core's validating constructors.
fn from_js<T: for<'de> serde::Deserialize<'de>>(key: &str, v: &JsValue) -> Result<T, StorageError> {
    let text = js_sys::JSON::stringify(v).map_err(js_err)?;
    project::read(&String::from(text)).map_err(|error| StorageError::Invalid { key: key.to_string(), error })
}

/// An open database.
pub struct Storage {
    db: Database,
}

impl Storage {
    /// Opens (or creates) the database. Fails in browsers without IndexedDB or where it is
    /// blocked (some private modes).
    pub async fn open() -> Result<Storage, StorageError> {
        let factory = Factory::new().map_err(err)?;
        let mut req = factory.open(DB_NAME, Some(DB_VERSION)).map_err(err)?;
        req.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            if !db.store_names().iter().any(|n| n == PROJECTS) {
                let mut p = ObjectStoreParams::new();
                p.key_path(Some(KeyPath::new_single("id")));
                let _ = db.create_object_store(PROJECTS, p);
            }
            if !db.store_names().iter().any(|n| n == DOCUMENTS) {
                let mut p = ObjectStoreParams::new();
                p.key_path(Some(KeyPath::new_single("key")));
                if let Ok(store) = db.create_object_store(DOCUMENTS, p) {
                    let _ = store.create_index("project", KeyPath::new_single("project"), Some(IndexParams::new()));
                }
            }
        });
        let db = req.await.map_err(err)?;
        Ok(Storage { db })
    }

    /// Reads a project, or `None` if it was never saved.
    pub async fn load(&self, project: &str) -> Result<Option<Loaded>, StorageError> {
        let tx = self.db.transaction(&[PROJECTS, DOCUMENTS], TransactionMode::ReadOnly).map_err(err)?;
        let projects = tx.object_store(PROJECTS).map_err(err)?;
        let Some(rec) = projects.get(Query::from(JsValue::from_str(project))).map_err(err)?.await.map_err(err)? else {
            return Ok(None);
        };
        let rec: ProjectRecord = from_js(project, &rec)?;
        let docs_store = tx.object_store(DOCUMENTS).map_err(err)?;
        let index = docs_store.index("project").map_err(err)?;
        let values =
            index.get_all(Some(Query::from(JsValue::from_str(project))), None).map_err(err)?.await.map_err(err)?;
        let mut docs = Vec::with_capacity(values.len());
        let mut problems = Vec::new();
        for v in values {
            let key = js_sys::Reflect::get(&v, &JsValue::from_str("key")).ok().and_then(|k| k.as_string());
            match read_doc(&key.unwrap_or_default(), v) {
                Ok(d) => docs.push(d),
                Err(e) => problems.push(e),
            }
        }
        Ok(Some(Loaded {
            name: rec.name,
            settings: rec.settings,
            labels: rec.labels,
            annotators: rec.annotators,
            docs,
            problems,
        }))
    }

    /// Writes the project record (name, labels, settings, annotators).
    pub async fn save_project(
        &self,
        project: &str,
        name: &str,
        labels: &[LabelDef],
        settings: ProjectSettings,
        annotators: &[AnnotatorDef],
    ) -> Result<(), StorageError> {
        let rec = ProjectRecord {
            id: project.to_string(),
            name: name.to_string(),
            labels: labels.to_vec(),
            settings,
            annotators: annotators.to_vec(),
        };
        let tx = self.db.transaction(&[PROJECTS], TransactionMode::ReadWrite).map_err(err)?;
        let store = tx.object_store(PROJECTS).map_err(err)?;
        store.put(&to_js(&rec)?, None).map_err(err)?.await.map_err(err)?;
        tx.commit().map_err(err)?.await.map_err(err)?;
        Ok(())
    }

    /// Every project: (id, name), by name.
    pub async fn list_projects(&self) -> Result<Vec<(String, String)>, StorageError> {
        let tx = self.db.transaction(&[PROJECTS], TransactionMode::ReadOnly).map_err(err)?;
        let store = tx.object_store(PROJECTS).map_err(err)?;
        let values = store.get_all(None, None).map_err(err)?.await.map_err(err)?;
        let mut out: Vec<(String, String)> =
            values.into_iter().filter_map(|v| from_js::<ProjectRecord>("", &v).ok()).map(|r| (r.id, r.name)).collect();
        sanad_core::sort::sort_by(&mut out, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Deletes a project and every document record of it, in one transaction (all or none).
    pub async fn delete_project(&self, project: &str) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[PROJECTS, DOCUMENTS], TransactionMode::ReadWrite).map_err(err)?;
        let docs = tx.object_store(DOCUMENTS).map_err(err)?;
        let keys = docs
            .index("project")
            .map_err(err)?
            .get_all_keys(Some(Query::from(JsValue::from_str(project))), None)
            .map_err(err)?
            .await
            .map_err(err)?;
        for k in keys {
            docs.delete(Query::from(k)).map_err(err)?.await.map_err(err)?;
        }
        let projects = tx.object_store(PROJECTS).map_err(err)?;
        projects.delete(Query::from(JsValue::from_str(project))).map_err(err)?.await.map_err(err)?;
        tx.commit().map_err(err)?.await.map_err(err)?;
        Ok(())
    }

    /// Writes documents, all in one transaction (all or none).
    pub async fn save_docs<'a>(
        &self,
        project: &str,
        docs: impl IntoIterator<Item = &'a Document>,
    ) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[DOCUMENTS], TransactionMode::ReadWrite).map_err(err)?;
        let store = tx.object_store(DOCUMENTS).map_err(err)?;
        for d in docs {
            store.put(&doc_record(project, d)?, None).map_err(err)?.await.map_err(err)?;
        }
        tx.commit().map_err(err)?.await.map_err(err)?;
        Ok(())
    }
}
