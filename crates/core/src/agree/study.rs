//! The input of agreement and merge: each annotator's layer (their documents), matched across
//! annotators by text.
//!
//! A document of one annotator joins the same *text* of another, whatever the ids (a different id
//! is reported as [`Issue::Renamed`]). The same id over different texts is never joined: each text
//! is its own document and the clash is reported ([`Issue::IdConflict`]).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::import::content_id;
use crate::model::{Document, Origin, Quote, Span};

/// One annotator's documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub annotator: String,
    pub documents: Vec<Document>,
}

/// What the study keeps of the annotators' work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out spans and quotes still of origin `model` (suggestions nobody accepted).
    pub ignore_suggestions: bool,
}

/// One annotator's annotations of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The id this annotator's file gave the document.
    pub id: String,
    pub spans: Vec<Span>,
    pub quotes: Vec<Quote>,
}

/// One text and each annotator's annotations of it (`None`: the annotator does not have it).
#[derive(Debug, Clone, PartialEq)]
pub struct DocGroup {
    /// The document's id: the first annotator's, made unique within the study.
    pub id: String,
    pub title: String,
    pub lang: String,
    pub text: Arc<str>,
    /// `doc-` and 12 hex digits of the text's FNV-1a hash ([`content_id`]).
    pub fingerprint: String,
    pub cp_len: usize,
    /// The first annotator's `meta`.
    pub meta: Map<String, Value>,
    /// One entry per annotator, in the study's order.
    pub members: Vec<Option<Member>>,
}

impl DocGroup {
    /// Indexes of the annotators who have this document.
    pub fn present(&self) -> Vec<usize> {
        self.members.iter().enumerate().filter_map(|(a, m)| m.as_ref().map(|_| a)).collect()
    }
}

/// Something about the input a reader of the figures should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum Issue {
    /// Two layers had the same annotator name; the later one was renamed.
    AnnotatorRenamed { from: String, to: String },
    /// The same id names different texts (in one or several layers): the texts were not joined.
    /// Each entry is `(annotator, fingerprint of the text they have under that id)`; the study's
    /// documents for the later texts got new ids (`renamed_to`).
    IdConflict { id: String, texts: Vec<(String, String)>, renamed_to: Vec<String> },
    /// The same text under different ids: matched by its fingerprint. Entries are `(annotator, id)`.
    Renamed { document: String, fingerprint: String, ids: Vec<(String, String)> },
    /// A layer holds the same text twice: the first was used.
    Duplicate { annotator: String, document: String, ignored: String },
    /// Some annotators do not have this document.
    Incomplete { document: String, missing: Vec<String> },
    /// Overlapping spans of one label in one annotator's document were reduced to the earliest
    /// longest for unitizing alpha.
    OverlapsReduced { annotator: String, document: String, label: String, dropped: usize },
    /// The merged annotations did not make a valid document (never expected): it was left out.
    NotMerged { document: String, reason: String },
}

/// The matched layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    annotators: Vec<String>,
    labels: Vec<String>,
    documents: Vec<DocGroup>,
    issues: Vec<Issue>,
}

/// The name of the annotator of `documents`: the `author` every span states, when they all state
/// the same one (quotes stating an author must state it too; quotes without one do not count; a
/// file without spans is named by its quotes' author); else `fallback` (the CLI gives the file's
/// name).
pub fn annotator_name(documents: &[Document], fallback: &str) -> String {
    let any_span = documents.iter().any(|d| !d.spans().is_empty());
    let spans = documents.iter().flat_map(|d| d.spans().iter().map(|s| (s.author(), true)));
    let quotes = documents.iter().flat_map(|d| d.quotes().iter().map(|q| (q.author(), !any_span)));
    let mut name: Option<&str> = None;
    for (author, required) in spans.chain(quotes) {
        match (author, name) {
            (None, _) if !required => {}
            (None, _) => return fallback.to_string(),
            (Some(a), Some(n)) if a != n => return fallback.to_string(),
            (Some(a), _) => name = Some(a),
        }
    }
    match name {
        Some(n) if !n.trim().is_empty() => n.to_string(),
        _ => fallback.to_string(),
    }
}

impl Study {
    /// The study of the annotators' layers held by `documents` (project JSON v2): one [`Layer`] per
    /// annotator who has a layer in any of them, in the order of `order` first, then as met; each
    /// layer's documents are the documents it annotates, with its spans and quotes.
    pub fn of_layers<'a>(documents: impl IntoIterator<Item = &'a Document> + Clone, order: &[String]) -> Study {
        let mut names: Vec<&str> = order.iter().map(String::as_str).collect();
        for d in documents.clone() {
            for l in d.layers() {
                if !names.contains(&l.annotator()) {
                    names.push(l.annotator());
                }
            }
        }
        let layers: Vec<Layer> = names
            .iter()
            .map(|&name| Layer {
                annotator: name.to_string(),
                documents: documents.clone().into_iter().filter_map(|d| d.layer_document(name)).collect(),
            })
            .filter(|l| !l.documents.is_empty())
            .collect();
        Study::new(layers, Options::default())
    }

    /// The study of one document's layers, in the document's order: its one group (if it has a
    /// layer) is document 0.
    pub fn of_document(doc: &Document) -> Study {
        let order: Vec<String> = doc.layers().iter().map(|l| l.annotator().to_string()).collect();
        Study::of_layers([doc], &order)
    }

    /// Matches the layers' documents by text (see the module documentation).
    pub fn new(layers: Vec<Layer>, options: Options) -> Study {
        let mut issues = Vec::new();
        let mut annotators: Vec<String> = Vec::new();
        for l in &layers {
            let mut name = l.annotator.clone();
            let mut n = 2;
            while annotators.contains(&name) {
                name = format!("{} ({n})", l.annotator);
                n += 1;
            }
            if name != l.annotator {
                issues.push(Issue::AnnotatorRenamed { from: l.annotator.clone(), to: name.clone() });
            }
            annotators.push(name);
        }
        let count = layers.len();
        let mut documents: Vec<DocGroup> = Vec::new();
        let mut by_text: HashMap<Arc<str>, usize> = HashMap::new();
        for (a, layer) in layers.into_iter().enumerate() {
            for doc in layer.documents {
                let text = doc.shared_text().clone();
                let g = *by_text.entry(text.clone()).or_insert_with(|| {
                    documents.push(DocGroup {
                        id: doc.id().to_string(),
                        title: doc.title().to_string(),
                        lang: doc.lang().to_string(),
                        fingerprint: content_id(&text),
                        cp_len: doc.cp_len(),
                        text,
                        meta: doc.meta().clone(),
                        members: vec![None; count],
                    });
                    documents.len() - 1
                });
                let group = &mut documents[g];
                if let Some(first) = &group.members[a] {
                    issues.push(Issue::Duplicate {
                        annotator: annotators[a].clone(),
                        document: first.id.clone(),
                        ignored: doc.id().to_string(),
                    });
                    continue;
                }
                let keep = |o: Origin| !(options.ignore_suggestions && o == Origin::Model);
                let spans: Vec<Span> = doc.spans().iter().filter(|s| keep(s.origin())).cloned().collect();
                let quotes: Vec<Quote> = doc.quotes().iter().filter(|q| keep(q.origin())).cloned().collect();
                group.members[a] = Some(Member { id: doc.id().to_string(), spans, quotes });
            }
        }
        name_documents(&mut documents, &annotators, &mut issues);
        for g in &documents {
            let missing: Vec<String> =
                g.members.iter().zip(&annotators).filter(|(m, _)| m.is_none()).map(|(_, a)| a.clone()).collect();
            if !missing.is_empty() {
                issues.push(Issue::Incomplete { document: g.id.clone(), missing });
            }
        }
        let mut labels: Vec<String> = Vec::new();
        for m in documents.iter().flat_map(|g| g.members.iter().flatten()) {
            for s in &m.spans {
                if !labels.iter().any(|l| l == s.label()) {
                    labels.push(s.label().to_string());
                }
            }
        }
        crate::sort::sort_by(&mut labels, |a, b| a.cmp(b));
        Study { annotators, labels, documents, issues }
    }

    /// The annotators' names, unique, in the order of the layers.
    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }
    /// Every span label any annotator used, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
    /// The documents, in the order they were first met.
    pub fn documents(&self) -> &[DocGroup] {
        &self.documents
    }
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
    /// Index of `label` in [`Study::labels`].
    pub(crate) fn label_index(&self, label: &str) -> u32 {
        self.labels.binary_search_by(|l| l.as_str().cmp(label)).unwrap_or(0) as u32
    }
}

/// Reports renamed texts and id conflicts, and gives every group a unique id: the id of its first
/// annotator, or for a later text under an id already taken, the first free `id-N`.
fn name_documents(documents: &mut [DocGroup], annotators: &[String], issues: &mut Vec<Issue>) {
    // Every (id, group) pair any annotator used, to find ids naming several texts.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    let mut id_order: Vec<String> = Vec::new();
    for (g, group) in documents.iter().enumerate() {
        let ids: Vec<(String, String)> = group
            .members
            .iter()
            .zip(annotators)
            .filter_map(|(m, a)| m.as_ref().map(|m| (a.clone(), m.id.clone())))
            .collect();
        if let Some((_, first)) = ids.first() {
            if ids.iter().any(|(_, id)| id != first) {
                issues.push(Issue::Renamed {
                    document: first.clone(),
                    fingerprint: group.fingerprint.clone(),
                    ids: ids.clone(),
                });
            }
        }
        for (_, id) in ids {
            let v = by_id.entry(id.clone()).or_default();
            if v.is_empty() {
                id_order.push(id);
            }
            if !v.contains(&g) {
                v.push(g);
            }
        }
    }
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut renamed: HashMap<usize, String> = HashMap::new();
    for (g, doc) in documents.iter_mut().enumerate() {
        let id = doc.id.clone();
        let new = if taken.contains(&id) {
            (2u64..).map(|n| format!("{id}-{n}")).find(|c| !taken.contains(c) && !by_id.contains_key(c)).unwrap_or(id)
        } else {
            id
        };
        if new != doc.id {
            renamed.insert(g, new.clone());
            doc.id = new.clone();
        }
        taken.insert(new);
    }
    for id in id_order {
        let Some(groups) = by_id.get(&id) else { continue };
        if groups.len() < 2 {
            continue;
        }
        let mut texts = Vec::new();
        for &g in groups {
            for (m, a) in documents[g].members.iter().zip(annotators) {
                if m.as_ref().is_some_and(|m| m.id == id) {
                    texts.push((a.clone(), documents[g].fingerprint.clone()));
                }
            }
        }
        let renamed_to = groups.iter().filter_map(|g| renamed.get(g).cloned()).collect();
        issues.push(Issue::IdConflict { id, texts, renamed_to });
    }
}
