//! Adding imported documents to a collection that already has documents, without losing anything
//! that is there.
//!
//! For each imported document ([`Merge::place`]):
//! - a new id: added as it is;
//! - an id already used by another text: added under a new id (`id-2`, ...), listed as a conflict;
//! - the same id and the same text: the imported annotations join the document's. A span or quote
//!   identical to one already there is not added twice (an editor's or imported one replaces an
//!   identical suggestion). One that overlaps annotations already there without being identical is a
//!   conflict: when every annotation it overlaps is a suggestion (origin `model`) and the imported
//!   one is not, the suggestions give way; otherwise what is there stays and the imported one is
//!   left out. Every conflict is listed with its resolution. The document's title, status and meta
//!   stay as they are. Annotators' layers the document lacks join it (a layer of an annotator it
//!   already has stays as it is, listed as a conflict), and so does the imported curation record
//!   when the document has none.
//!
//! [`Merge::place`] decides from a shared reference, so the same pass serves the preview (before
//! anything changes) and the import itself.

use std::collections::{HashMap, HashSet};

use crate::model::{Document, Origin, Quote, Span, Speaker};
use crate::Range;

/// An annotation named in a conflict: its range, label (`QUOTE` for quotes) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    pub origin: Origin,
}

/// How a conflict was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// What was there stays; the imported annotation is left out.
    KeptExisting,
    /// The suggestions there gave way to the imported annotation.
    ReplacedSuggestions,
    /// The imported document was added under a new id.
    Renamed,
}

/// One conflict between an imported document and the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The id is used by another text: the imported document was added as `to`.
    OtherText { id: String, to: String },
    /// An imported span overlaps spans already in the document without being identical.
    Span { doc: String, imported: Item, existing: Vec<Item>, resolution: Resolution },
    /// An imported quote overlaps quotes already in the document without being identical.
    Quote { doc: String, imported: Item, existing: Vec<Item>, resolution: Resolution },
    /// The document already has a different layer of this annotator: it is kept.
    Layer { doc: String, annotator: String },
}

impl Conflict {
    /// The document the conflict is about (its id in the collection).
    pub fn doc(&self) -> &str {
        match self {
            Conflict::OtherText { id, .. } => id,
            Conflict::Span { doc, .. } | Conflict::Quote { doc, .. } | Conflict::Layer { doc, .. } => doc,
        }
    }

    pub fn resolution(&self) -> Resolution {
        match self {
            Conflict::OtherText { .. } => Resolution::Renamed,
            Conflict::Span { resolution, .. } | Conflict::Quote { resolution, .. } => *resolution,
            Conflict::Layer { .. } => Resolution::KeptExisting,
        }
    }
}

/// What a merge did (or, in a preview, will do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Documents added under their own id.
    pub added: usize,
    /// Documents added under a new id (their id was used by another text).
    pub renamed: usize,
    /// Documents already there that gained annotations.
    pub merged: usize,
    /// Documents already there, identical or with nothing new to add.
    pub unchanged: usize,
    /// Spans and quotes added to documents already there.
    pub spans_added: usize,
    pub quotes_added: usize,
    /// Annotators' layers added to documents already there.
    pub layers_added: usize,
    /// Suggestions there replaced by an identical imported annotation (not suggestions).
    pub confirmed: usize,
    pub conflicts: Vec<Conflict>,
}

/// Where an imported document goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// Added under its own id.
    New,
    /// Added under this new id.
    Renamed(String),
    /// Replaces the document with the same id: that document with the imported annotations merged in.
    Merged(Box<Document>),
    /// Nothing to do.
    Unchanged,
}

/// A merge into the documents of a collection (see the module docs).
pub struct Merge<'a> {
    existing: HashMap<&'a str, &'a Document>,
    /// Ids of documents added by this merge.
    added: HashSet<String>,
}

impl<'a> Merge<'a> {
    pub fn new(existing: impl IntoIterator<Item = &'a Document>) -> Merge<'a> {
        Merge { existing: existing.into_iter().map(|d| (d.id(), d)).collect(), added: HashSet::new() }
    }

    fn taken(&self, id: &str) -> bool {
        self.existing.contains_key(id) || self.added.contains(id)
    }

    /// Decides where `doc` goes, counting it in `report`.
    pub fn place(&mut self, doc: &Document, report: &mut MergeReport) -> Placed {
        let id = doc.id();
        match self.existing.get(id).copied() {
            Some(there) if there.text() == doc.text() => match merge_doc(there, doc, report) {
                Some(d) => {
                    report.merged += 1;
                    Placed::Merged(Box::new(d))
                }
                None => {
                    report.unchanged += 1;
                    Placed::Unchanged
                }
            },
            None if !self.added.contains(id) => {
                self.added.insert(id.to_string());
                report.added += 1;
                Placed::New
            }
            _ => {
                let to = (2u64..).map(|n| format!("{id}-{n}")).find(|c| !self.taken(c)).unwrap_or_default();
                self.added.insert(to.clone());
                report.renamed += 1;
                report.conflicts.push(Conflict::OtherText { id: id.to_string(), to: to.clone() });
                Placed::Renamed(to)
            }
        }
    }
}

fn item(doc: &Document, r: Range, label: &str, origin: Origin) -> Item {
    let text = doc.index().slice(doc.text(), r.start(), r.end()).unwrap_or_default().to_string();
    Item { start: r.start(), end: r.end(), label: label.to_string(), text, origin }
}

/// How an imported span or quote that overlaps the library's items `over` (indexes into `slots`)
/// is settled: `None` when nothing overlaps; the library's items give way (and are removed) only
/// when all of them are suggestions and the imported one is not; otherwise they stay.
fn settle<T>(
    slots: &mut [Option<T>],
    over: &[usize],
    imported: Origin,
    origin: impl Fn(&T) -> Origin,
) -> Option<Resolution> {
    if over.is_empty() {
        return None;
    }
    let suggestions_only = over.iter().all(|&i| slots[i].as_ref().is_some_and(|e| origin(e) == Origin::Model));
    if suggestions_only && imported != Origin::Model {
        for &i in over {
            slots[i] = None;
        }
        Some(Resolution::ReplacedSuggestions)
    } else {
        Some(Resolution::KeptExisting)
    }
}

fn fresh(taken: &mut HashSet<String>, wanted: &str, prefix: &str) -> String {
    let id = if taken.contains(wanted) {
        (1u64..).map(|n| format!("{prefix}{n}")).find(|c| !taken.contains(c)).unwrap_or_default()
    } else {
        wanted.to_string()
    };
    taken.insert(id.clone());
    id
}

fn rebuild_span(s: &Span, id: String, origin: Origin) -> Option<Span> {
    Span::new(id, s.range(), s.label(), origin)
        .and_then(|x| x.with_author(s.author().map(str::to_string)).with_confidence(s.confidence()))
        .ok()
}

fn rebuild_quote(q: &Quote, id: String, origin: Origin, speaker: Option<Speaker>) -> Option<Quote> {
    Quote::new(id, q.range(), q.kind(), origin)
        .and_then(|x| {
            x.with_cue(q.cue())
                .with_speaker(speaker, q.speaker_name().map(str::to_string))
                .with_author(q.author().map(str::to_string))
                .with_confidence(q.confidence())
        })
        .ok()
}

/// `there` with `incoming`'s annotations merged in, or `None` when nothing changes.
fn merge_doc(there: &Document, incoming: &Document, report: &mut MergeReport) -> Option<Document> {
    let doc_id = there.id().to_string();
    let mut changed = false;
    // The document's own spans (Some) and the imported ones added after them.
    let mut spans: Vec<Option<Span>> = there.spans().iter().cloned().map(Some).collect();
    let n_there = spans.len();
    let mut taken: HashSet<String> = there.spans().iter().map(|s| s.id().to_string()).collect();
    let mut id_map: HashMap<&str, String> = HashMap::new();
    // The editor's and imported annotations first: the suggestions they replace must not block
    // imported suggestions (so the merge gives the same result when repeated).
    let firm_first = |o: Origin| o == Origin::Model;
    let in_spans = incoming
        .spans()
        .iter()
        .filter(|s| !firm_first(s.origin()))
        .chain(incoming.spans().iter().filter(|s| firm_first(s.origin())));
    for s in in_spans {
        let same =
            (0..n_there).find(|&i| spans[i].as_ref().is_some_and(|e| e.range() == s.range() && e.label() == s.label()));
        if let Some(i) = same {
            let Some(e) = spans[i].clone() else { continue };
            id_map.insert(s.id(), e.id().to_string());
            if e.origin() == Origin::Model && s.origin() != Origin::Model {
                spans[i] = rebuild_span(s, e.id().to_string(), s.origin());
                report.confirmed += 1;
                changed = true;
            }
            continue;
        }
        let over: Vec<usize> =
            (0..n_there).filter(|&i| spans[i].as_ref().is_some_and(|e| e.range().overlaps(&s.range()))).collect();
        let imported = item(incoming, s.range(), s.label(), s.origin());
        let existing: Vec<Item> = over
            .iter()
            .filter_map(|&i| spans[i].as_ref())
            .map(|e| item(there, e.range(), e.label(), e.origin()))
            .collect();
        if let Some(resolution) = settle(&mut spans, &over, s.origin(), |e| e.origin()) {
            report.conflicts.push(Conflict::Span { doc: doc_id.clone(), imported, existing, resolution });
            if resolution == Resolution::KeptExisting {
                continue;
            }
        }
        let id = fresh(&mut taken, s.id(), "i");
        if let Some(x) = rebuild_span(s, id.clone(), s.origin()) {
            id_map.insert(s.id(), id);
            spans.push(Some(x));
            report.spans_added += 1;
            changed = true;
        }
    }
    let mut spans: Vec<Span> = spans.into_iter().flatten().collect();
    // In canonical order now: a speaker's tie goes to the first span with its range in that order.
    crate::model::sort_spans(&mut spans);
    let has_span = |id: &str, spans: &[Span]| spans.iter().any(|s| s.id() == id);
    // A speaker tie to a span that gave way goes to the span with its exact range, if any.
    let relink = |sp: Option<&Speaker>, spans: &[Span]| -> Option<Speaker> {
        sp.map(|sp| {
            let tie = sp.span().filter(|id| has_span(id, spans)).map(str::to_string).or_else(|| {
                sp.span().and_then(|_| spans.iter().find(|s| s.range() == sp.range()).map(|s| s.id().to_string()))
            });
            Speaker::new(sp.range(), tie)
        })
    };

    let mut quotes: Vec<Option<Quote>> = there.quotes().iter().cloned().map(Some).collect();
    let q_there = quotes.len();
    let mut qtaken: HashSet<String> = there.quotes().iter().map(|q| q.id().to_string()).collect();
    let in_quotes = incoming
        .quotes()
        .iter()
        .filter(|q| !firm_first(q.origin()))
        .chain(incoming.quotes().iter().filter(|q| firm_first(q.origin())));
    for q in in_quotes {
        let speaker = q.speaker().map(|sp| {
            let tie = sp.span().and_then(|id| id_map.get(id).cloned());
            Speaker::new(sp.range(), tie)
        });
        let same = (0..q_there).find(|&i| quotes[i].as_ref().is_some_and(|e| e.range() == q.range()));
        if let Some(i) = same {
            let Some(e) = quotes[i].clone() else { continue };
            if e.origin() == Origin::Model && q.origin() != Origin::Model {
                quotes[i] = rebuild_quote(q, e.id().to_string(), q.origin(), speaker);
                report.confirmed += 1;
                changed = true;
            } else {
                let differs = e.kind() != q.kind()
                    || e.speaker().map(Speaker::range) != q.speaker().map(Speaker::range)
                    || e.cue() != q.cue();
                if differs {
                    report.conflicts.push(Conflict::Quote {
                        doc: doc_id.clone(),
                        imported: item(incoming, q.range(), "QUOTE", q.origin()),
                        existing: vec![item(there, e.range(), "QUOTE", e.origin())],
                        resolution: Resolution::KeptExisting,
                    });
                }
            }
            continue;
        }
        let over: Vec<usize> =
            (0..q_there).filter(|&i| quotes[i].as_ref().is_some_and(|e| e.range().overlaps(&q.range()))).collect();
        let imported = item(incoming, q.range(), "QUOTE", q.origin());
        let existing: Vec<Item> = over
            .iter()
            .filter_map(|&i| quotes[i].as_ref())
            .map(|e| item(there, e.range(), "QUOTE", e.origin()))
            .collect();
        if let Some(resolution) = settle(&mut quotes, &over, q.origin(), |e| e.origin()) {
            report.conflicts.push(Conflict::Quote { doc: doc_id.clone(), imported, existing, resolution });
            if resolution == Resolution::KeptExisting {
                continue;
            }
        }
        let id = fresh(&mut qtaken, q.id(), "iq");
        if let Some(x) = rebuild_quote(q, id, q.origin(), speaker) {
            quotes.push(Some(x));
            report.quotes_added += 1;
            changed = true;
        }
    }
    let mut layers = there.layers().to_vec();
    for l in incoming.layers() {
        match there.layer(l.annotator()) {
            None => {
                layers.push(l.clone());
                report.layers_added += 1;
                changed = true;
            }
            Some(mine) if mine != l => {
                report.conflicts.push(Conflict::Layer { doc: doc_id.clone(), annotator: l.annotator().to_string() })
            }
            Some(_) => {}
        }
    }
    let curation = match (there.curation(), incoming.curation()) {
        (None, Some(c)) => {
            changed = true;
            Some(c.clone())
        }
        (mine, _) => mine.cloned(),
    };
    if !changed {
        return None;
    }
    let quotes: Vec<Quote> = quotes
        .into_iter()
        .flatten()
        .filter_map(|q| {
            let sp = relink(q.speaker(), &spans);
            rebuild_quote(&q, q.id().to_string(), q.origin(), sp)
        })
        .collect();
    let mut out = there.clone();
    // Both lists were checked against this text when they were made; only ids and ties changed,
    // and those were kept unique and resolvable above. On the impossible failure nothing changes.
    // `replace_annotations` puts the quotes (imported ones were added last) in canonical order.
    match out.replace_annotations(spans, quotes) {
        Ok(_) => out.with_layers(layers).and_then(|d| d.with_curation(curation)).ok(),
        Err(_) => None,
    }
}

/// Turns every suggestion (origin `model`) of `doc` into an annotation of origin `to`: what an
/// import does when the user takes a file's model spans as the editor's. Returns how many changed.
pub fn firm_suggestions(doc: &mut Document, to: Origin) -> usize {
    let n = doc.spans().iter().filter(|s| s.origin() == Origin::Model).count()
        + doc.quotes().iter().filter(|q| q.origin() == Origin::Model).count();
    if n == 0 || to == Origin::Model {
        return 0;
    }
    let pick = |o: Origin| if o == Origin::Model { to } else { o };
    let spans: Vec<Span> =
        doc.spans().iter().filter_map(|s| rebuild_span(s, s.id().to_string(), pick(s.origin()))).collect();
    let quotes: Vec<Quote> = doc
        .quotes()
        .iter()
        .filter_map(|q| rebuild_quote(q, q.id().to_string(), pick(q.origin()), q.speaker().cloned()))
        .collect();
    match doc.replace_annotations(spans, quotes) {
        Ok(_) => n,
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::QuoteKind;

    const TEXT: &str = "قال لافروف 👍 في موسكو إن \"الاتفاق قريب\". Lavrov met Blinken.";

    fn r(a: usize, b: usize) -> Range {
        Range::new(a, b).unwrap()
    }
    fn span(id: &str, a: usize, b: usize, label: &str, o: Origin) -> Span {
        Span::new(id, r(a, b), label, o).unwrap()
    }
    fn doc(id: &str, spans: Vec<Span>, quotes: Vec<Quote>) -> Document {
        Document::new(id, "t", "ar", TEXT).unwrap().with_annotations(spans, quotes).unwrap()
    }

    #[test]
    fn new_renamed_unchanged() {
        let there = doc("a", vec![span("e1", 4, 10, "PER", Origin::Editor)], vec![]);
        let mut m = Merge::new([&there]);
        let mut rep = MergeReport::default();
        assert_eq!(m.place(&doc("b", vec![], vec![]), &mut rep), Placed::New);
        // Same id, other text: renamed, and a second one after it too.
        let other = Document::new("a", "t", "en", "Another text").unwrap();
        assert_eq!(m.place(&other, &mut rep), Placed::Renamed("a-2".into()));
        assert_eq!(m.place(&other, &mut rep), Placed::Renamed("a-3".into()));
        // Same id, same text, same span: nothing to do.
        assert_eq!(m.place(&there.clone(), &mut rep), Placed::Unchanged);
        // A second document "b" in the same import is renamed, never dropped.
        assert_eq!(m.place(&doc("b", vec![], vec![]), &mut rep), Placed::Renamed("b-2".into()));
        assert_eq!((rep.added, rep.renamed, rep.unchanged, rep.merged), (1, 3, 1, 0));
        assert_eq!(rep.conflicts.len(), 3);
    }

    #[test]
    fn spans_merge_and_conflicts_keep_the_editors_work() {
        // Editor's PER on لافروف (4..10), a suggestion LOC on موسكو (16..21).
        let there =
            doc("a", vec![span("e1", 4, 10, "PER", Origin::Editor), span("m1", 16, 21, "LOC", Origin::Model)], vec![]);
        let incoming = doc(
            "a",
            vec![
                span("e1", 4, 10, "ORG", Origin::Import), // overlaps the editor's PER: kept existing
                span("s2", 16, 21, "GPE", Origin::Import), // overlaps a suggestion: replaces it
                span("s3", 42, 48, "PER", Origin::Import), // new: added (Lavrov)
                span("s4", 53, 60, "PER", Origin::Model), // new suggestion: added (Blinken)
            ],
            vec![],
        );
        let mut rep = MergeReport::default();
        let Placed::Merged(d) = Merge::new([&there]).place(&incoming, &mut rep) else { panic!() };
        let got: Vec<(usize, usize, &str, Origin)> =
            d.spans().iter().map(|s| (s.start(), s.end(), s.label(), s.origin())).collect();
        assert_eq!(
            got,
            vec![
                (4, 10, "PER", Origin::Editor),
                (16, 21, "GPE", Origin::Import),
                (42, 48, "PER", Origin::Import),
                (53, 60, "PER", Origin::Model)
            ]
        );
        let ids: HashSet<&str> = d.spans().iter().map(|s| s.id()).collect();
        assert_eq!(ids.len(), 4);
        assert_eq!(rep.spans_added, 3);
        assert_eq!(rep.conflicts.len(), 2);
        assert!(
            matches!(&rep.conflicts[0], Conflict::Span { resolution: Resolution::KeptExisting, imported, existing, .. }
            if imported.label == "ORG" && imported.text == "لافروف" && existing[0].label == "PER")
        );
        assert!(matches!(&rep.conflicts[1], Conflict::Span { resolution: Resolution::ReplacedSuggestions, .. }));
        // Nothing the editor made is gone.
        for s in there.spans().iter().filter(|s| s.origin() != Origin::Model) {
            assert!(d.spans().contains(s));
        }
    }

    #[test]
    fn identical_span_confirms_a_suggestion_and_quotes_keep_their_speaker() {
        let there = doc("a", vec![span("m1", 4, 10, "PER", Origin::Model)], vec![]);
        let q = Quote::new("q1", r(28, 39), QuoteKind::Direct, Origin::Import)
            .unwrap()
            .with_speaker(Some(Speaker::new(r(4, 10), Some("x1".into()))), None);
        let incoming = doc("a", vec![span("x1", 4, 10, "PER", Origin::Import)], vec![q]);
        let mut rep = MergeReport::default();
        let Placed::Merged(d) = Merge::new([&there]).place(&incoming, &mut rep) else { panic!() };
        assert_eq!(rep.confirmed, 1);
        assert_eq!(rep.quotes_added, 1);
        assert_eq!(d.spans().len(), 1);
        assert_eq!(d.spans()[0].origin(), Origin::Import);
        assert_eq!(d.quotes()[0].speaker().unwrap().span(), Some(d.spans()[0].id()));
        assert!(rep.conflicts.is_empty());
        // Merging the same again changes nothing.
        let mut rep2 = MergeReport::default();
        assert_eq!(Merge::new([&*d]).place(&incoming, &mut rep2), Placed::Unchanged);
    }

    #[test]
    fn overlapping_quote_of_the_editor_is_kept() {
        let mine = Quote::new("q1", r(28, 39), QuoteKind::Direct, Origin::Editor).unwrap();
        let there = doc("a", vec![], vec![mine.clone()]);
        let theirs = Quote::new("q1", r(27, 40), QuoteKind::Direct, Origin::Import).unwrap();
        let mut rep = MergeReport::default();
        assert_eq!(Merge::new([&there]).place(&doc("a", vec![], vec![theirs]), &mut rep), Placed::Unchanged);
        assert!(matches!(&rep.conflicts[..], [Conflict::Quote { resolution: Resolution::KeptExisting, .. }]));
    }

    #[test]
    fn layers_join_a_document_and_a_different_layer_of_the_same_annotator_stays() {
        use crate::model::AnnotatorLayer;
        let lay = |who: &str, label: &str| {
            AnnotatorLayer::new(who, vec![span("s1", 4, 10, label, Origin::Import)], vec![]).unwrap()
        };
        let there = doc("a", vec![], vec![]).with_layers(vec![lay("alice", "PER")]).unwrap();
        let incoming = doc("a", vec![], vec![]).with_layers(vec![lay("alice", "ORG"), lay("bob", "PER")]).unwrap();
        let mut rep = MergeReport::default();
        let Placed::Merged(d) = Merge::new([&there]).place(&incoming, &mut rep) else { panic!() };
        let names: Vec<&str> = d.layers().iter().map(|l| l.annotator()).collect();
        assert_eq!(names, ["alice", "bob"]);
        assert_eq!(d.layer("alice").unwrap().spans()[0].label(), "PER");
        assert_eq!(rep.layers_added, 1);
        assert_eq!(rep.conflicts, [Conflict::Layer { doc: "a".into(), annotator: "alice".into() }]);
    }

    #[test]
    fn firm_suggestions_changes_only_suggestions() {
        let mut d = doc(
            "a",
            vec![span("m1", 4, 10, "PER", Origin::Model), span("e1", 16, 21, "LOC", Origin::Editor)],
            vec![Quote::new("q", r(28, 39), QuoteKind::Direct, Origin::Model).unwrap()],
        );
        assert_eq!(firm_suggestions(&mut d, Origin::Import), 2);
        let o: Vec<Origin> = d.spans().iter().map(|s| s.origin()).collect();
        assert_eq!(o, vec![Origin::Import, Origin::Editor]);
        assert_eq!(d.quotes()[0].origin(), Origin::Import);
    }

    proptest::proptest! {
        /// Whatever is imported: every annotation that is not a suggestion stays, ids stay
        /// unique (the document is valid), and importing the same again changes nothing.
        #[test]
        fn merge_never_loses_the_editors_work(
            a in proptest::collection::vec((0usize..59, 1usize..8, 0usize..3, proptest::bool::ANY), 0..8),
            b in proptest::collection::vec((0usize..59, 1usize..8, 0usize..3, proptest::bool::ANY), 0..8),
        ) {
            let labels = ["PER", "LOC", "ORG"];
            let mk = |v: &[(usize, usize, usize, bool)], p: &str| -> Vec<Span> {
                v.iter().enumerate().map(|(i, &(s, l, k, m))| {
                    let o = if m { Origin::Model } else { Origin::Editor };
                    span(&format!("{p}{i}"), s, (s + l).min(60), labels[k], o)
                }).collect()
            };
            let there = doc("a", mk(&a, "s"), vec![]);
            let incoming = doc("a", mk(&b, "s"), vec![]);
            let mut rep = MergeReport::default();
            let merged = match Merge::new([&there]).place(&incoming, &mut rep) {
                Placed::Merged(d) => *d,
                Placed::Unchanged => there.clone(),
                other => panic!("{other:?}"),
            };
            for s in there.spans().iter().filter(|s| s.origin() != Origin::Model) {
                proptest::prop_assert!(merged.spans().contains(s));
            }
            let again = doc("a", merged.spans().to_vec(), vec![]);
            proptest::prop_assert_eq!(again.spans().len(), merged.spans().len());
            let mut rep2 = MergeReport::default();
            proptest::prop_assert_eq!(Merge::new([&merged]).place(&incoming, &mut rep2), Placed::Unchanged);
        }
    }
}
