//! Annotators' files joining a collection as layers: each imported article becomes one
//! annotator's layer of the collection's article with the same text, instead of being merged into
//! its gold (`merge`).
//!
//! Articles are matched by text (exactly: offsets depend on every character), whatever their ids;
//! the library's article with the same id is preferred when several have the text. The same id
//! over a different text is never joined: the imported article becomes a new article under the
//! first free `id-N`, and the clash is listed ([`LayerConflict::OtherText`]). An article no one
//! has yet becomes a new article with an empty gold layer. An annotator's layer replaces the
//! layer that annotator already had on the article (a corrected file imported again), and a text
//! an annotator's files hold twice is taken once ([`LayerConflict::Duplicate`]).
//!
//! [`plan`] decides from shared references, so the same pass serves the import preview and the
//! import itself. Adding a layer is a document constructor path ([`Document::with_layers`]), not
//! an editing command: it is not an editor's change of the gold (the layers are read-only and
//! the gold is untouched, so the document's undo history stays valid), like the merge of an
//! import, which also makes new document values outside the history.

use std::collections::{HashMap, HashSet};

use crate::import::content_id;
use crate::model::{AnnotatorLayer, Document, ModelError};

/// One annotator's file: the articles it holds, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub annotator: String,
    /// The file's name, kept with each layer.
    pub source: Option<String>,
    pub documents: Vec<Document>,
}

/// Something about the join the preview lists.
#[derive(Debug, Clone, PartialEq)]
pub enum LayerConflict {
    /// The id names another text (in the collection or earlier in the import): the imported
    /// article was added as `to`, with `fingerprint` the fingerprint of its text.
    OtherText { annotator: String, id: String, to: String, fingerprint: String },
    /// One annotator's files hold this text twice (under `id`, then `ignored`): the first is used.
    Duplicate { annotator: String, id: String, ignored: String },
    /// The article could not hold the layer (never expected: it has the article's own text).
    Refused { annotator: String, id: String, reason: ModelError },
}

/// What joining the files did (or, in a preview, will do).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayerReport {
    /// Layers added to the collection's articles with the same id and text.
    pub by_id: usize,
    /// Layers added to a collection's article with the same text under another id.
    pub by_text: usize,
    /// Articles new to the collection (made with an empty gold layer).
    pub new_documents: usize,
    /// Layers that replaced the same annotator's layer of the article.
    pub replaced: usize,
    /// Layers placed in all.
    pub layers: usize,
    pub conflicts: Vec<LayerConflict>,
}

/// The result of [`plan`]: the collection's articles that gained layers (same ids: they replace
/// them), the new articles (to add after them), and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerPlan {
    pub changed: Vec<Document>,
    pub added: Vec<Document>,
    pub report: LayerReport,
}

/// Where an article of the plan is: a collection's article (index) or a new one.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Existing(usize),
    New(usize),
}

/// Joins `incoming` to the articles of `existing` as layers (see the module documentation).
pub fn plan<'a>(existing: impl IntoIterator<Item = &'a Document>, incoming: Vec<Incoming>) -> LayerPlan {
    let existing: Vec<&Document> = existing.into_iter().collect();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (i, d) in existing.iter().enumerate() {
        by_text.entry(d.text()).or_default().push(i);
        ids.insert(d.id().to_string());
    }
    let mut report = LayerReport::default();
    // Layers given to each slot in this import, by annotator (with the id that brought them).
    let mut layers: HashMap<Slot, Vec<(AnnotatorLayer, String)>> = HashMap::new();
    let mut new_docs: Vec<Document> = Vec::new();
    let mut new_by_text: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<Slot> = Vec::new();
    for file in incoming {
        for doc in file.documents {
            let same_text = by_text
                .get(doc.text())
                .map(|v| v.iter().copied().find(|&i| existing[i].id() == doc.id()).unwrap_or(v[0]));
            let slot = match (same_text, new_by_text.get(doc.text())) {
                (Some(i), _) => Slot::Existing(i),
                (None, Some(&k)) => Slot::New(k),
                (None, None) => {
                    let mut id = doc.id().to_string();
                    if ids.contains(&id) {
                        let to = (2u64..).map(|n| format!("{id}-{n}")).find(|c| !ids.contains(c)).unwrap_or_default();
                        report.conflicts.push(LayerConflict::OtherText {
                            annotator: file.annotator.clone(),
                            id: id.clone(),
                            to: to.clone(),
                            fingerprint: content_id(doc.text()),
                        });
                        id = to;
                    }
                    ids.insert(id.clone());
                    let fresh = match Document::new(id, doc.title(), doc.lang(), doc.text()) {
                        Ok(d) => d.with_meta(doc.meta().clone()),
                        Err(_) => continue,
                    };
                    new_by_text.insert(doc.text().to_string(), new_docs.len());
                    new_docs.push(fresh);
                    report.new_documents += 1;
                    Slot::New(new_docs.len() - 1)
                }
            };
            let here = layers.entry(slot).or_default();
            if let Some((_, first)) = here.iter().find(|(l, _)| l.annotator() == file.annotator) {
                report.conflicts.push(LayerConflict::Duplicate {
                    annotator: file.annotator.clone(),
                    id: first.clone(),
                    ignored: doc.id().to_string(),
                });
                continue;
            }
            let layer = AnnotatorLayer::new(file.annotator.as_str(), doc.spans().to_vec(), doc.quotes().to_vec())
                .map(|l| l.with_status(doc.status()).with_source(file.source.clone()));
            let layer = match layer {
                Ok(l) => l,
                Err(e) => {
                    report.conflicts.push(refused(&file.annotator, doc.id(), &e));
                    continue;
                }
            };
            match slot {
                Slot::Existing(i) if existing[i].id() == doc.id() => report.by_id += 1,
                Slot::Existing(_) => report.by_text += 1,
                Slot::New(_) => {}
            }
            if let Slot::Existing(i) = slot {
                report.replaced += usize::from(existing[i].layer(&file.annotator).is_some());
            }
            report.layers += 1;
            if here.is_empty() {
                order.push(slot);
            }
            here.push((layer, doc.id().to_string()));
        }
    }
    let mut changed = Vec::new();
    let mut added = new_docs.clone();
    for slot in order {
        let given: Vec<AnnotatorLayer> = layers.remove(&slot).unwrap_or_default().into_iter().map(|(l, _)| l).collect();
        let base = match slot {
            Slot::Existing(i) => existing[i],
            Slot::New(k) => &new_docs[k],
        };
        let mut all: Vec<AnnotatorLayer> =
            base.layers().iter().filter(|l| !given.iter().any(|g| g.annotator() == l.annotator())).cloned().collect();
        all.extend(given);
        match base.clone().with_layers(all) {
            Ok(d) => match slot {
                Slot::Existing(_) => changed.push(d),
                Slot::New(k) => added[k] = d,
            },
            Err(e) => report.conflicts.push(refused("", base.id(), &e)),
        }
    }
    LayerPlan { changed, added, report }
}

fn refused(annotator: &str, id: &str, e: &ModelError) -> LayerConflict {
    LayerConflict::Refused { annotator: annotator.to_string(), id: id.to_string(), reason: e.clone() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::model::{Origin, Quote, QuoteKind, Range, Span, Speaker, Status};

    const EN: &str = "Lavrov met Blinken in Geneva.";
    const AR: &str = "قال لافروف إن موسكو مستعدة.";

    fn r(a: usize, b: usize) -> Range {
        Range::new(a, b).unwrap()
    }
    fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let spans = spans
            .iter()
            .enumerate()
            .map(|(i, &(a, b, l))| Span::new(format!("s{i}"), r(a, b), l, Origin::Import).unwrap())
            .collect();
        Document::new(id, "t", "en", text).unwrap().with_annotations(spans, vec![]).unwrap()
    }
    fn file(annotator: &str, documents: Vec<Document>) -> Incoming {
        Incoming { annotator: annotator.into(), source: Some(format!("{annotator}.jsonl")), documents }
    }
    fn layer_spans(d: &Document, a: &str) -> Vec<(usize, usize, String)> {
        d.layer(a).unwrap().spans().iter().map(|s| (s.start(), s.end(), s.label().to_string())).collect()
    }

    #[test]
    fn articles_are_matched_by_id_and_by_text_and_gold_stays_apart() {
        // The library has en1 with the editor's own span (its gold).
        let mine = doc("en1", EN, &[(0, 6, "PER")]);
        let alice =
            file("alice", vec![doc("en1", EN, &[(0, 6, "PER"), (11, 18, "PER")]), doc("ar1", AR, &[(4, 10, "PER")])]);
        // Bob's file names en1 "x7" (matched by its text) and has ar1 under its own id.
        let bob =
            file("bob", vec![doc("x7", EN, &[(11, 18, "ORG")]), doc("ar1", AR, &[(4, 10, "PER"), (14, 19, "LOC")])]);
        let p = plan([&mine], vec![alice, bob]);
        assert_eq!((p.report.by_id, p.report.by_text, p.report.new_documents, p.report.layers), (1, 1, 1, 4));
        assert!(p.report.conflicts.is_empty(), "{:?}", p.report.conflicts);
        let en1 = &p.changed[0];
        assert_eq!(en1.id(), "en1");
        // The gold is the library's, untouched; each annotator has their own layer.
        assert_eq!(en1.spans(), mine.spans());
        assert_eq!(layer_spans(en1, "alice"), [(0, 6, "PER".into()), (11, 18, "PER".into())]);
        assert_eq!(layer_spans(en1, "bob"), [(11, 18, "ORG".into())]);
        assert_eq!(en1.layer("bob").unwrap().source(), Some("bob.jsonl"));
        let ar1 = &p.added[0];
        assert_eq!((ar1.id(), ar1.spans().len(), ar1.layers().len()), ("ar1", 0, 2));
    }

    #[test]
    fn the_same_id_over_another_text_is_never_joined() {
        let lib = doc("d1", EN, &[]);
        let other = doc("d1", AR, &[(4, 10, "PER")]);
        let p = plan([&lib], vec![file("alice", vec![other.clone()]), file("bob", vec![other])]);
        assert!(p.changed.is_empty());
        // One new article under a new id, holding both layers; the clash listed once.
        assert_eq!(p.added.len(), 1);
        assert_eq!((p.added[0].id(), p.added[0].text(), p.added[0].layers().len()), ("d1-2", AR, 2));
        assert_eq!(
            p.report.conflicts,
            [LayerConflict::OtherText {
                annotator: "alice".into(),
                id: "d1".into(),
                to: "d1-2".into(),
                fingerprint: content_id(AR)
            }]
        );
    }

    #[test]
    fn a_layer_imported_again_replaces_the_annotators_and_duplicates_are_listed() {
        let first = plan(Vec::<&Document>::new(), vec![file("alice", vec![doc("en1", EN, &[(0, 6, "PER")])])]);
        let lib = first.added[0].clone();
        let again = file("alice", vec![doc("en1", EN, &[(0, 6, "ORG")]), doc("copy", EN, &[(0, 6, "LOC")])]);
        let p = plan([&lib], vec![again]);
        assert_eq!(p.report.replaced, 1);
        assert_eq!(layer_spans(&p.changed[0], "alice"), [(0, 6, "ORG".into())]);
        assert_eq!(
            p.report.conflicts,
            [LayerConflict::Duplicate { annotator: "alice".into(), id: "en1".into(), ignored: "copy".into() }]
        );
    }

    #[test]
    fn layers_keep_quotes_speakers_status_and_origins() {
        let q = Quote::new("q1", r(14, 26), QuoteKind::Indirect, Origin::Import)
            .unwrap()
            .with_speaker(Some(Speaker::new(r(4, 10), Some("s0".into()))), Some("لافروف".into()));
        let d = doc("ar1", AR, &[(4, 10, "PER")]);
        let d = d.clone().with_annotations(d.spans().to_vec(), vec![q]).unwrap().with_status(Status::Done);
        let p = plan(Vec::<&Document>::new(), vec![file("omar", vec![d])]);
        let l = p.added[0].layer("omar").unwrap();
        assert_eq!(l.status(), Status::Done);
        assert_eq!(l.quotes()[0].speaker().and_then(Speaker::span), Some("s0"));
        assert_eq!(l.spans()[0].origin(), Origin::Import);
    }
}
