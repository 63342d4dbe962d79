//! Project JSON, the saved form of a Sanad project: version 1, and version 2 when annotators'
//! layers are used.
//!
//! ```json
//! {"format": "sanad-project", "version": 1, "offset_unit": "codepoint",
//!  "name": "...", "labels": [{"name", "color", "key", "description"}], "documents": [...], "meta": {}}
//! ```
//!
//! Version 2 adds `"annotators": [{"name", "color"}]` after the labels, and in a document, after
//! its own (gold) `spans` and `quotes`, `"layers": [{"annotator", "status", "source"?, "spans",
//! "quotes"}]` and `"curation": {"strategy", "author", "resolved": [...]}` (docs/FORMATS.md). A
//! project that uses none of them is written as version 1, byte for byte as before, so that a
//! Sanad that reads only version 1 still opens it; one that uses them is written as version 2,
//! which such a Sanad refuses ("newer version") instead of dropping the layers without a word
//! (version 1 readers ignore keys they do not know). Both versions are read.
//!
//! Reading checks the header first (format, version, offset unit), so a file from a newer Sanad
//! is refused with a clear message instead of being misread. Writing is canonical (two-space
//! pretty JSON, fixed key order, trailing newline): loading then saving a saved file gives the
//! same bytes. Unknown keys under `meta` (project and documents) survive in their order.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[cfg(test)]
use crate::model::Subject;
use crate::model::{AnnotatorDef, Document, LabelDef, ModelError};

pub const FORMAT: &str = "sanad-project";
/// The newest version read and written (layers, curation, annotators).
pub const VERSION: u64 = 2;
/// The version written when a project uses nothing of version 2.
pub const VERSION_1: u64 = 1;
pub const OFFSET_UNIT: &str = "codepoint";

/// Why a project file was refused. `line`/`column` are 1-based positions in the file when known.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectError {
    /// The JSON cannot be read as a project; `parser_message` is serde_json's own message.
    #[error("line {line}, column {column}: {parser_message}")]
    Json { line: usize, column: usize, parser_message: String },
    /// A document, span, quote or label that the model's checks refused, where the JSON has it.
    #[error("line {line}, column {column}: {error}")]
    ModelAt { line: usize, column: usize, error: ModelError },
    /// `found`: the `"format"` value as JSON text.
    #[error("not a Sanad project: \"format\" is {found}, expected \"{FORMAT}\"")]
    WrongFormat { found: String },
    #[error("not a Sanad project: no \"format\": \"{FORMAT}\" key")]
    NoFormat,
    /// `found`: the `"version"` value as JSON text.
    #[error("not a Sanad project: \"version\" is {found}, expected {VERSION_1} or {VERSION}")]
    WrongVersion { found: String },
    #[error("not a Sanad project: no \"version\" key")]
    NoVersion,
    #[error("this file is a Sanad project of version {found}; this Sanad reads versions {VERSION_1} and {VERSION}. Open it with a newer Sanad")]
    NewerVersion { found: u64 },
    /// `found`: the unit's name, or the value as JSON text when it is not a string.
    #[error("offsets are counted in {found:?}; Sanad projects count code points (\"codepoint\")")]
    OffsetUnit { found: String },
    #[error("not a Sanad project: no \"offset_unit\" key")]
    NoOffsetUnit,
    #[error("document id {id:?} is used twice")]
    DuplicateDocument { id: String },
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl ProjectError {
    pub(crate) fn from_json(e: &serde_json::Error) -> ProjectError {
        // serde_json appends " at line L column C" to its messages; keep the bare message.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let (line, column) = (e.line(), e.column());
        // A value the model refused: its typed error (serde keeps only the message).
        match crate::model::refusal(&message).filter(|_| e.is_data()) {
            Some(error) => ProjectError::ModelAt { line, column, error },
            None => ProjectError::Json { line, column, parser_message: message },
        }
    }

    /// 1-based line of the problem, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            ProjectError::Json { line, .. } | ProjectError::ModelAt { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// 1-based column of the problem, when known.
    pub fn column(&self) -> Option<usize> {
        match self {
            ProjectError::Json { column, .. } | ProjectError::ModelAt { column, .. } => Some(*column),
            _ => None,
        }
    }
}

/// A value of the project format (a project, a document, a list of labels) read from JSON text: a
/// value the model refuses is reported as its [`ModelError`] at its line and column
/// ([`ProjectError::ModelAt`]), other problems with serde_json's message ([`ProjectError::Json`]).
pub fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ProjectError> {
    serde_json::from_str(text).map_err(|e| ProjectError::from_json(&e))
}

/// A set of documents sharing a label schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    pub labels: Vec<LabelDef>,
    /// The annotators whose layers the documents hold, with their colours (version 2).
    pub annotators: Vec<AnnotatorDef>,
    documents: Vec<Document>,
    pub meta: Map<String, Value>,
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    format: &'static str,
    version: u64,
    offset_unit: &'static str,
    name: &'a str,
    labels: &'a [LabelDef],
    #[serde(skip_serializing_if = "Option::is_none")]
    annotators: Option<&'a [AnnotatorDef]>,
    documents: &'a [Document],
    meta: &'a Map<String, Value>,
}

#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
    offset_unit: Option<Value>,
}

#[derive(Deserialize)]
struct ProjectIn {
    #[serde(default)]
    name: String,
    #[serde(default = "LabelDef::defaults")]
    labels: Vec<LabelDef>,
    #[serde(default)]
    annotators: Vec<AnnotatorDef>,
    documents: Vec<Document>,
    #[serde(default)]
    meta: Map<String, Value>,
}

/// How a document joined a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Added under its own id.
    Added(String),
    /// Its id was taken by another text; added under a new id.
    Renamed { from: String, to: String },
    /// The same id and text are already in the project; nothing changed.
    Duplicate(String),
}

impl Project {
    pub fn new(name: impl Into<String>) -> Project {
        Project {
            name: name.into(),
            labels: LabelDef::defaults(),
            annotators: Vec::new(),
            documents: Vec::new(),
            meta: Map::new(),
        }
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id() == id)
    }

    pub fn into_documents(self) -> Vec<Document> {
        self.documents
    }

    /// Adds a document, renaming it if its id is taken by a different text.
    pub fn add(&mut self, mut doc: Document) -> Added {
        let place = placement(&doc, |id| self.document(id).map(|d| d.text().to_string()));
        match &place {
            Added::Added(_) => self.documents.push(doc),
            Added::Renamed { to, .. } => {
                if doc.set_id(to.clone()).is_ok() {
                    self.documents.push(doc);
                }
            }
            Added::Duplicate(_) => {}
        }
        place
    }

    /// Replaces a document with the same id, or adds it.
    pub fn upsert(&mut self, doc: Document) {
        match self.documents.iter_mut().find(|d| d.id() == doc.id()) {
            Some(slot) => *slot = doc,
            None => self.documents.push(doc),
        }
    }

    /// Parses a project file, refusing other formats, newer versions and other offset units.
    pub fn from_json(text: &str) -> Result<Project, ProjectError> {
        let header: Header = read(text)?;
        check_header(&header)?;
        let p: ProjectIn = read(text)?;
        let mut seen = HashSet::new();
        for d in &p.documents {
            if !seen.insert(d.id()) {
                return Err(ProjectError::DuplicateDocument { id: d.id().to_string() });
            }
        }
        Ok(Project { name: p.name, labels: p.labels, annotators: p.annotators, documents: p.documents, meta: p.meta })
    }

    /// True when `text` claims to be a Sanad project (has `"format": "sanad-project"`).
    pub fn looks_like_project(value: &Value) -> bool {
        value.get("format").and_then(Value::as_str) == Some(FORMAT)
    }

    /// True when the project uses something of version 2: annotators, layers or a curation.
    pub fn uses_layers(&self) -> bool {
        !self.annotators.is_empty() || self.documents.iter().any(|d| !d.layers().is_empty() || d.curation().is_some())
    }

    /// The canonical saved form: version 1 when nothing of version 2 is used, else version 2.
    pub fn to_json(&self) -> String {
        let v2 = self.uses_layers();
        let out = ProjectOut {
            format: FORMAT,
            version: if v2 { VERSION } else { VERSION_1 },
            offset_unit: OFFSET_UNIT,
            name: &self.name,
            labels: &self.labels,
            annotators: v2.then_some(&self.annotators[..]),
            documents: &self.documents,
            meta: &self.meta,
        };
        // Serialising these types cannot fail: all keys are strings and all numbers finite
        // (confidences are checked to lie in 0..=1 when made).
        let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Decides how `doc` joins a collection in which `text_of(id)` gives the text of the document with
/// that id, if any: under its own id, renamed to the first free `id-N`, or not at all (same id and
/// same text: a duplicate).
pub fn placement(doc: &Document, text_of: impl Fn(&str) -> Option<String>) -> Added {
    let id = doc.id();
    match text_of(id) {
        None => Added::Added(id.to_string()),
        Some(t) if t == doc.text() => Added::Duplicate(id.to_string()),
        Some(_) => {
            let to = (2u64..).map(|n| format!("{id}-{n}")).find(|c| text_of(c).is_none()).unwrap_or_default();
            Added::Renamed { from: id.to_string(), to }
        }
    }
}

fn check_header(h: &Header) -> Result<(), ProjectError> {
    match &h.format {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(ProjectError::WrongFormat { found: other.to_string() });
        }
        None => return Err(ProjectError::NoFormat),
    }
    match &h.version {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v == VERSION_1 || v == VERSION) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
            return Err(ProjectError::NewerVersion { found: n.as_u64().unwrap_or_default() });
        }
        Some(other) => {
            return Err(ProjectError::WrongVersion { found: other.to_string() });
        }
        None => return Err(ProjectError::NoVersion),
    }
    match &h.offset_unit {
        Some(Value::String(u)) if u == OFFSET_UNIT => Ok(()),
        Some(Value::String(u)) => Err(ProjectError::OffsetUnit { found: u.clone() }),
        Some(other) => Err(ProjectError::OffsetUnit { found: other.to_string() }),
        None => Err(ProjectError::NoOffsetUnit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
  "format": "sanad-project",
  "version": 1,
  "offset_unit": "codepoint",
  "name": "t",
  "labels": [],
  "documents": [
    {
      "id": "d1",
      "title": "x",
      "lang": "en",
      "status": "done",
      "text": "😀 Lavrov said",
      "meta": {
        "zeta": 1,
        "alpha": {
          "nested": [
            true
          ]
        }
      },
      "spans": [
        {
          "id": "s1",
          "start": 2,
          "end": 8,
          "label": "PER",
          "origin": "model",
          "confidence": 0.9
        }
      ],
      "quotes": []
    }
  ],
  "meta": {
    "unknown_key": "kept"
  }
}
"#;

    #[test]
    fn load_save_is_byte_stable() {
        let p = Project::from_json(SMALL).unwrap();
        assert_eq!(p.to_json(), SMALL);
        assert_eq!(p.documents()[0].spans()[0].confidence(), Some(0.9));
    }

    #[test]
    fn newer_version_is_refused() {
        let newer = SMALL.replace("\"version\": 1", "\"version\": 3");
        let e = Project::from_json(&newer).unwrap_err();
        assert_eq!(e, ProjectError::NewerVersion { found: 3 });
        assert!(e.to_string().contains("newer Sanad"));
        let e = Project::from_json(&SMALL.replace("\"version\": 1", "\"version\": 0")).unwrap_err();
        assert!(e.to_string().contains("expected 1 or 2"), "{e}");
    }

    #[test]
    fn other_headers_are_refused() {
        let e = Project::from_json(&SMALL.replace("codepoint", "utf16")).unwrap_err();
        assert!(matches!(e, ProjectError::OffsetUnit { .. }));
        let e = Project::from_json(&SMALL.replace("sanad-project", "doccano")).unwrap_err();
        assert!(e.to_string().contains("not a Sanad project"), "{e}");
        let e = Project::from_json("[1, 2]").unwrap_err();
        assert!(matches!(e, ProjectError::Json { line: 1, .. }), "{e:?}");
    }

    #[test]
    fn bad_offsets_are_reported_with_line() {
        let bad = SMALL.replace("\"end\": 8", "\"end\": 80");
        let e = Project::from_json(&bad).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("past the end of the text (13 code points)"), "{msg}");
        assert!(e.line().is_some_and(|l| l > 20), "{msg}");
    }

    #[test]
    fn the_models_refusals_come_typed_with_their_place_and_the_same_words() {
        // A span past the end of the text: the model's error, not serde_json's English message.
        let bad = SMALL.replace("\"end\": 8", "\"end\": 80");
        let e = Project::from_json(&bad).unwrap_err();
        let ProjectError::ModelAt { line, column, error } = &e else { panic!("{e:?}") };
        let want = ModelError::OutOfText { what: Subject::Span, id: "s1".into(), start: 2, end: 80, len: 13 };
        assert_eq!(error, &want);
        assert_eq!((e.line(), e.column()), (Some(*line), Some(*column)));
        // The CLI's words are serde_json's as before: position, then the model's message.
        let serde = serde_json::from_str::<ProjectIn>(&bad).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(serde, format!("{want} at line {line} column {column}"));
        assert_eq!(e.to_string(), format!("line {line}, column {column}: {want}"));
        // A label whose colour would go into a style attribute.
        let styled = SMALL.replace("\"labels\": []", "\"labels\": [{\"name\": \"PER\", \"color\": \"red\"}]");
        let e = Project::from_json(&styled).unwrap_err();
        let reason = crate::model::LabelProblem::NotHexColour;
        assert!(
            matches!(&e, ProjectError::ModelAt { line: 6, error: ModelError::BadLabel { reason: r, .. }, .. } if *r == reason),
            "{e:?}"
        );
        // Other JSON problems keep serde_json's message (not ours), and a refusal read before does
        // not leak into them.
        let e = read::<Document>("{\"id\": \"d\", \"text\": 3}").unwrap_err();
        assert!(
            matches!(&e, ProjectError::Json { parser_message, .. } if parser_message.contains("invalid type")),
            "{e:?}"
        );
    }

    #[test]
    fn add_renames_or_skips() {
        let mut p = Project::from_json(SMALL).unwrap();
        let same = p.documents()[0].clone();
        assert_eq!(p.add(same), Added::Duplicate("d1".into()));
        let other = Document::new("d1", "y", "en", "other").unwrap();
        assert_eq!(p.add(other), Added::Renamed { from: "d1".into(), to: "d1-2".into() });
        assert_eq!(p.documents().len(), 2);
    }
}
