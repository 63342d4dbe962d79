//! Spans and quotes as the labelled regions and relations of the span-and-relation formats
//! (Prodigy, doccano, Label Studio, brat): [`regions`] lays a document out for writing, and
//! [`assemble`] turns regions and relations read from a file back into spans and quotes.

use super::check::Checker;
use crate::import::{ImportErrorKind as K, Part};
use crate::model::{Document, Origin, Range};

/// Label names that carry quotes through span-and-relation formats.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names {
    pub quote: &'static str,
    /// A speaker that is not one of the entity spans.
    pub speaker: &'static str,
    pub cue: &'static str,
    pub speaker_rel: &'static str,
    pub cue_rel: &'static str,
}

/// Names used by Prodigy, doccano and Label Studio.
pub(crate) const NAMES: Names =
    Names { quote: "QUOTE", speaker: "SPEAKER", cue: "CUE", speaker_rel: "SPEAKER", cue_rel: "CUE" };

/// What a region stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RegionOf {
    /// Entity span (index into `doc.spans()`).
    Entity(usize),
    /// Quote content (index into `doc.quotes()`).
    Quote(usize),
    /// Speaker range of a quote, not tied to an entity.
    Speaker(usize),
    /// Cue of a quote.
    Cue(usize),
}

/// A labelled range to write in a span-and-relation format.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub of: RegionOf,
}

/// A relation between two regions (indices into the region list).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rel {
    pub head: usize,
    pub child: usize,
    pub label: &'static str,
}

/// Entity spans, then quotes with their untied speakers and cues, and the quote -> speaker and quote ->
/// cue relations.
pub(crate) fn regions(doc: &Document, names: &Names) -> (Vec<Region>, Vec<Rel>) {
    let mut out: Vec<Region> = doc
        .spans()
        .iter()
        .enumerate()
        .map(|(i, s)| Region { start: s.start(), end: s.end(), label: s.label().to_string(), of: RegionOf::Entity(i) })
        .collect();
    let mut rels = Vec::new();
    for (qi, q) in doc.quotes().iter().enumerate() {
        let head = out.len();
        out.push(Region { start: q.start(), end: q.end(), label: names.quote.to_string(), of: RegionOf::Quote(qi) });
        if let Some(sp) = q.speaker() {
            let tied = sp.span().and_then(|id| doc.spans().iter().position(|s| s.id() == id));
            let child = match tied {
                Some(i) => i,
                None => shared(&mut out, sp.range(), names.speaker, RegionOf::Speaker(qi)),
            };
            rels.push(Rel { head, child, label: names.speaker_rel });
        }
        if let Some(c) = q.cue() {
            let child = shared(&mut out, c, names.cue, RegionOf::Cue(qi));
            rels.push(Rel { head, child, label: names.cue_rel });
        }
    }
    (out, rels)
}

/// The index of the speaker or cue region with this range and label, added when new: formats that
/// name regions by offsets and label (Prodigy) could not tell two equal regions apart.
fn shared(out: &mut Vec<Region>, r: Range, label: &str, of: RegionOf) -> usize {
    let same = |x: &Region| {
        x.start == r.start()
            && x.end == r.end()
            && x.label == label
            && matches!(x.of, RegionOf::Speaker(_) | RegionOf::Cue(_))
    };
    if let Some(i) = out.iter().position(same) {
        return i;
    }
    out.push(Region { start: r.start(), end: r.end(), label: label.to_string(), of });
    out.len() - 1
}

/// A region read from a file, before it becomes a span or part of a quote.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub range: Range,
    pub label: String,
    pub id: Option<String>,
    pub origin: Origin,
    pub confidence: Option<f64>,
    pub author: Option<String>,
    /// Quote kind, for quote regions.
    pub kind: Option<crate::model::QuoteKind>,
}

/// Turns regions and relations (head index, child index, relation label) into spans and quotes.
/// A quote-label region is a quote; a speaker- or cue-label region that is the child of the matching
/// relation from a quote belongs to that quote; every other region is an entity span.
pub(crate) fn assemble(
    regions: Vec<Incoming>,
    rels: &[(usize, usize, String)],
    names: &Names,
    c: &mut Checker<'_>,
) -> (Vec<crate::model::Span>, Vec<crate::model::Quote>) {
    use crate::model::{Quote, QuoteKind, Span, Speaker};
    let n = regions.len();
    let mut consumed = vec![false; n];
    let mut speaker_of: Vec<Option<usize>> = vec![None; n];
    let mut cue_of: Vec<Option<usize>> = vec![None; n];
    for (h, ch, label) in rels {
        let (Some(head), Some(child)) = (regions.get(*h), regions.get(*ch)) else {
            c.problem(None, K::RelationRegionMissing { label: label.clone() });
            continue;
        };
        if head.label != names.quote {
            let kind =
                K::RelationNotFromQuote { label: label.clone(), found: head.label.clone(), expected: names.quote };
            c.problem(None, kind);
            continue;
        }
        if label == names.speaker_rel {
            speaker_of[*h] = Some(*ch);
            if child.label == names.speaker {
                consumed[*ch] = true;
            }
        } else if label == names.cue_rel {
            cue_of[*h] = Some(*ch);
            consumed[*ch] = true;
        } else {
            c.problem(
                None,
                K::UnknownRelation { label: label.clone(), speaker: names.speaker_rel, cue: names.cue_rel },
            );
        }
    }
    let mut spans = Vec::new();
    let mut span_id: Vec<Option<String>> = vec![None; n];
    for (i, r) in regions.iter().enumerate() {
        if consumed[i] || r.label == names.quote {
            continue;
        }
        let id = r.id.clone().unwrap_or_else(|| format!("s{}", spans.len() + 1));
        match Span::new(id.clone(), r.range, r.label.clone(), r.origin)
            .and_then(|s| s.with_author(r.author.clone()).with_confidence(r.confidence))
        {
            Ok(s) => {
                span_id[i] = Some(id);
                spans.push(s);
            }
            Err(e) => c.problem(Some(Part::SpanAt { start: r.range.start(), end: r.range.end() }), K::Model(e)),
        }
    }
    let mut quotes = Vec::new();
    for (i, r) in regions.iter().enumerate() {
        if r.label != names.quote {
            continue;
        }
        let id = r.id.clone().unwrap_or_else(|| format!("q{}", quotes.len() + 1));
        let speaker = speaker_of[i].and_then(|k| regions.get(k).map(|s| Speaker::new(s.range, span_id[k].clone())));
        let cue = cue_of[i].and_then(|k| regions.get(k).map(|s| s.range));
        match Quote::new(id, r.range, r.kind.unwrap_or(QuoteKind::Direct), r.origin).and_then(|q| {
            q.with_speaker(speaker, None).with_cue(cue).with_author(r.author.clone()).with_confidence(r.confidence)
        }) {
            Ok(q) => quotes.push(q),
            Err(e) => c.problem(Some(Part::QuoteAt { start: r.range.start(), end: r.range.end() }), K::Model(e)),
        }
    }
    (spans, quotes)
}
