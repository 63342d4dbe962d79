//! Pre-merge for curation: a gold layer from what the annotators agree on, and every position
//! where they do not, with who said what.
//!
//! Votes are counted among the annotators who have the document. A span is one vote when an
//! annotator has a span with exactly its start, end and label; a quote, when an annotator has a
//! quote with exactly its range, kind and speaker range. [`Strategy::Agree`] keeps what every one
//! of them has (INCEpTION's default, "complete agreement"); [`Strategy::Majority`] what more than
//! half have.
//!
//! A *position* is a cluster of overlapping spans (or quotes) of any annotator, whatever their
//! labels. It is a disagreement unless every annotator has exactly the same spans there.

use std::collections::HashMap;

use serde::Serialize;

use super::study::{Issue, Study};
use crate::model::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker, Status};
pub use crate::model::{Strategy, What};

/// The key under each merged document's `meta` (and the project's) that holds the merge's record.
pub const META_KEY: &str = "sanad_merge";

/// One annotation as voted on: a span (`label`) or a quote (`kind`, `speaker`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Said {
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<QuoteKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Range>,
}

impl Said {
    /// Reading order: start, end, then label, kind and speaker.
    fn key(&self) -> (usize, usize, Option<&str>, Option<u8>, Option<Range>) {
        let kind = self.kind.map(|k| match k {
            QuoteKind::Direct => 0,
            QuoteKind::Indirect => 1,
            QuoteKind::Mixed => 2,
        });
        (self.start, self.end, self.label.as_deref(), kind, self.speaker)
    }
}

/// What one annotator has at a position (nothing, one thing or several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub annotator: String,
    pub said: Vec<Said>,
}

/// A position where the annotators differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub what: What,
    /// The extent of the position: from the first start to the last end of what anyone said there.
    pub start: usize,
    pub end: usize,
    /// One per annotator who has the document, in the study's order.
    pub votes: Vec<Vote>,
    /// What the strategy put into the gold layer here (possibly nothing).
    pub merged: Vec<Said>,
}

/// A document of the gold layer.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDocument {
    /// The gold document: merged spans and quotes (author: the merge's author, origin `import`),
    /// status `done` when nobody disagreed and `in_progress` otherwise, and `meta[META_KEY]`
    /// recording the strategy, the annotators and the disagreements.
    pub document: Document,
    /// The annotators who have it.
    pub annotators: Vec<String>,
    pub disagreements: Vec<Disagreement>,
}

/// The result of [`merge`].
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub strategy: Strategy,
    pub author: String,
    pub documents: Vec<GoldDocument>,
    pub issues: Vec<Issue>,
}

/// `(annotator, said, index of the source span or quote)`.
type Item = (usize, Said, usize);

/// The positions of `items` (sorted by start): runs of overlapping ranges.
fn clusters(items: &[Item]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut reach = 0;
    for (i, (_, s, _)) in items.iter().enumerate() {
        if i > from && s.start >= reach {
            out.push(from..i);
            from = i;
        }
        reach = if i == from { s.end } else { reach.max(s.end) };
    }
    if from < items.len() {
        out.push(from..items.len());
    }
    out
}

/// What one document's annotators said, as items sorted by start, for spans and for quotes.
fn items(study: &Study, g: usize) -> (Vec<Item>, Vec<Item>) {
    let doc = &study.documents()[g];
    let (mut spans, mut quotes) = (Vec::new(), Vec::new());
    for (a, m) in doc.members.iter().enumerate() {
        let Some(m) = m else { continue };
        for (i, s) in m.spans.iter().enumerate() {
            let said =
                Said { start: s.start(), end: s.end(), label: Some(s.label().to_string()), kind: None, speaker: None };
            spans.push((a, said, i));
        }
        for (i, q) in m.quotes.iter().enumerate() {
            let said = Said {
                start: q.start(),
                end: q.end(),
                label: None,
                kind: Some(q.kind()),
                speaker: q.speaker().map(Speaker::range),
            };
            quotes.push((a, said, i));
        }
    }
    for v in [&mut spans, &mut quotes] {
        crate::sort::sort_by(v, |x, y| (x.1.start, x.1.end, x.0).cmp(&(y.1.start, y.1.end, y.0)));
    }
    (spans, quotes)
}

/// Accepted annotations and disagreements of one layer (spans or quotes) of document `g`.
fn decide(study: &Study, g: usize, items: &[Item], what: What, strategy: Strategy) -> (Vec<usize>, Vec<Disagreement>) {
    let doc = &study.documents()[g];
    let present = doc.present();
    let mut accepted = Vec::new();
    let mut out = Vec::new();
    for c in clusters(items) {
        let cluster = &items[c.clone()];
        // Each annotator's distinct annotations here, sorted.
        let said_by = |a: usize| -> Vec<Said> {
            let mut v: Vec<Said> = cluster.iter().filter(|x| x.0 == a).map(|x| x.1.clone()).collect();
            crate::sort::sort_by(&mut v, |x, y| x.key().cmp(&y.key()));
            v.dedup();
            v
        };
        let votes: Vec<Vote> =
            present.iter().map(|&a| Vote { annotator: study.annotators()[a].clone(), said: said_by(a) }).collect();
        let mut tally: HashMap<&Said, (usize, usize)> = HashMap::new();
        for v in &votes {
            for s in &v.said {
                tally.entry(s).or_insert((0, usize::MAX)).0 += 1;
            }
        }
        // The first item (in start order) carrying each annotation stands for it in the gold.
        for (k, x) in cluster.iter().enumerate() {
            if let Some(t) = tally.get_mut(&x.1) {
                t.1 = t.1.min(c.start + k);
            }
        }
        let mut merged: Vec<(usize, Said)> = tally
            .iter()
            .filter(|(_, (n, _))| strategy.accepts(*n, present.len()))
            .map(|(s, (_, first))| (*first, (*s).clone()))
            .collect();
        crate::sort::sort_by_key(&mut merged, |(k, _)| *k);
        accepted.extend(merged.iter().map(|(k, _)| *k));
        if votes.windows(2).any(|w| w[0].said != w[1].said) {
            let start = cluster.iter().map(|x| x.1.start).min().unwrap_or(0);
            let end = cluster.iter().map(|x| x.1.end).max().unwrap_or(0);
            out.push(Disagreement { what, start, end, votes, merged: merged.into_iter().map(|(_, s)| s).collect() });
        }
    }
    (accepted, out)
}

/// Every position of document `g` (index into [`Study::documents`]) where its annotators differ.
pub(crate) fn disagreements(study: &Study, g: usize, strategy: Strategy) -> Vec<Disagreement> {
    let (spans, quotes) = items(study, g);
    let mut out = decide(study, g, &spans, What::Span, strategy).1;
    out.extend(decide(study, g, &quotes, What::Quote, strategy).1);
    out
}

/// The cue or speaker name of a merged quote: the one all its voters gave, else none.
fn common<T: PartialEq + Clone>(values: impl Iterator<Item = Option<T>>) -> Option<T> {
    let mut first: Option<Option<T>> = None;
    for v in values {
        match &first {
            None => first = Some(v),
            Some(f) if *f != v => return None,
            Some(_) => {}
        }
    }
    first.flatten()
}

/// The positions where the layers of `doc` disagree, as [`merge`] lists them, in reading order
/// (by start, end, then spans before quotes); none when the document has no layer.
pub fn positions(doc: &Document, strategy: Strategy) -> Vec<Disagreement> {
    let study = Study::of_document(doc);
    if study.documents().is_empty() {
        return Vec::new();
    }
    let mut out = disagreements(&study, 0, strategy);
    crate::sort::sort_by(&mut out, |a, b| (a.start, a.end, a.what).cmp(&(b.start, b.end, b.what)));
    out
}

/// The pre-merge of `doc`'s layers (see [`merge`]): the gold document it would make, with the
/// disagreements; `None` when the document has no layer.
pub fn premerge(doc: &Document, strategy: Strategy, author: &str) -> Option<GoldDocument> {
    let study = Study::of_document(doc);
    if study.documents().is_empty() {
        return None;
    }
    gold_document(&study, 0, strategy, author).ok()
}

fn gold_document(study: &Study, g: usize, strategy: Strategy, author: &str) -> Result<GoldDocument, Issue> {
    let doc = &study.documents()[g];
    let (span_items, quote_items) = items(study, g);
    let (span_ids, mut disagreements) = decide(study, g, &span_items, What::Span, strategy);
    let (quote_ids, quote_dis) = decide(study, g, &quote_items, What::Quote, strategy);
    disagreements.extend(quote_dis);
    let who = Some(author.to_string());
    let mut spans: Vec<Span> = Vec::new();
    for k in span_ids {
        let (a, _, i) = &span_items[k];
        let Some(src) = doc.members[*a].as_ref().and_then(|m| m.spans.get(*i)) else { continue };
        let id = format!("e{}", spans.len() + 1);
        if let Ok(s) = Span::new(id, src.range(), src.label(), Origin::Import) {
            spans.push(s.with_author(who.clone()));
        }
    }
    let mut quotes: Vec<Quote> = Vec::new();
    for k in quote_ids {
        let (a, said, i) = &quote_items[k];
        let Some(src) = doc.members[*a].as_ref().and_then(|m| m.quotes.get(*i)) else { continue };
        // The sources: every annotator's quote with this range, kind and speaker.
        let from = quote_items.partition_point(|x| x.1.start < said.start);
        let sources: Vec<&Quote> = quote_items[from..]
            .iter()
            .take_while(|x| x.1.start == said.start)
            .filter(|x| x.1 == *said)
            .filter_map(|(a, _, i)| doc.members[*a].as_ref().and_then(|m| m.quotes.get(*i)))
            .collect();
        let speaker = said.speaker.map(|r| {
            let link = spans.iter().find(|s| s.range() == r).map(|s| s.id().to_string());
            Speaker::new(r, link)
        });
        let name = common(sources.iter().map(|q| q.speaker_name().map(str::to_string)));
        let id = format!("q{}", quotes.len() + 1);
        if let Ok(q) = Quote::new(id, src.range(), src.kind(), Origin::Import) {
            quotes.push(
                q.with_cue(common(sources.iter().map(|q| q.cue())))
                    .with_speaker(speaker, name)
                    .with_author(who.clone()),
            );
        }
    }
    let annotators: Vec<String> = doc.present().iter().map(|&a| study.annotators()[a].clone()).collect();
    let mut meta = doc.meta.clone();
    let record = serde_json::json!({
        "strategy": strategy.name(),
        "author": author,
        "annotators": annotators,
        "disagreements": disagreements,
    });
    meta.insert(META_KEY.to_string(), record);
    let status = if disagreements.is_empty() { Status::Done } else { Status::InProgress };
    let document = Document::new(doc.id.clone(), doc.title.clone(), doc.lang.clone(), doc.text.to_string())
        .map(|d| d.with_meta(meta).with_status(status))
        .and_then(|d| d.with_annotations(spans, quotes));
    // The annotations come from documents with this very text, so they fit it; should the model
    // refuse them all the same, the document is left out and the reason reported.
    match document {
        Ok(document) => Ok(GoldDocument { document, annotators, disagreements }),
        Err(e) => Err(Issue::NotMerged { document: doc.id.clone(), reason: e.to_string() }),
    }
}

/// Builds the gold layer of every document of `study` (see the module documentation). `author`
/// is the gold layer's author: the curator's name, or "gold".
pub fn merge(study: &Study, strategy: Strategy, author: &str) -> Merged {
    let mut issues = study.issues().to_vec();
    let mut documents = Vec::with_capacity(study.documents().len());
    for g in 0..study.documents().len() {
        match gold_document(study, g, strategy, author) {
            Ok(d) => documents.push(d),
            Err(issue) => issues.push(issue),
        }
    }
    Merged { strategy, author: author.to_string(), documents, issues }
}
