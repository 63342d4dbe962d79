//! Tests of the editing commands through the public API ([`apply`], [`Inverse::apply`],
//! [`History`]), and the fixtures the tests of the `edit` modules share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::edit::{apply, Applied, Command};
use crate::model::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker};

mod curation;
mod history;
mod keyed;
mod props;
mod quotes;
mod spans;

/// Code point range of the `nth` occurrence of `needle` in `text`.
pub(super) fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (b, _) = text.match_indices(needle).nth(nth).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

pub(super) fn r(a: usize, b: usize) -> Range {
    Range::new(a, b).unwrap()
}

pub(super) fn text_of(doc: &Document, s: &Span) -> String {
    doc.text().chars().skip(s.start()).take(s.range().len()).collect()
}

/// Checks every model invariant: made again from its own lists by the constructor (which checks
/// them and puts them in canonical order), the document is the same, so its lists were sorted.
pub(super) fn check(doc: &Document) {
    let again = doc.clone().with_annotations(doc.spans().to_vec(), doc.quotes().to_vec()).unwrap();
    assert_eq!(&again, doc);
}

pub(super) fn span_by_id<'d>(doc: &'d Document, id: &str) -> &'d Span {
    doc.span(id).unwrap()
}

pub(super) const AR: &str =
    "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة. وأكد لافروف: «لروسيا مصالح»، وروسيا وإسرائيل و رُوسِيا.";

pub(super) fn ar_doc() -> Document {
    let d = Document::new("d1", "t", "ar", AR).unwrap();
    let (a, b) = find(AR, "سيرغي لافروف", 0);
    let full = Span::new("m1", r(a, b), "PER", Origin::Model).unwrap().with_confidence(Some(0.9)).unwrap();
    let (a, b) = find(AR, "لافروف", 1);
    let short = Span::new("m2", r(a, b), "PER", Origin::Model).unwrap().with_confidence(Some(0.7)).unwrap();
    let (a, b) = find(AR, "روسيا", 0);
    let loc = Span::new("s1", r(a, b), "LOC", Origin::Import).unwrap();
    let (qa, qb) = find(AR, "لروسيا مصالح", 0);
    let q = Quote::new("q1", r(qa, qb), QuoteKind::Direct, Origin::Model)
        .unwrap()
        .with_speaker(Some(Speaker::new(r(a, b), Some("m2".into()))), Some("سيرغي لافروف".into()))
        .with_confidence(Some(0.8))
        .unwrap();
    d.with_annotations(vec![full, loc, short], vec![q]).unwrap()
}

pub(super) fn run(doc: &mut Document, cmd: Command) -> Applied {
    let before = doc.clone();
    let a = apply(doc, cmd, Some("ed")).unwrap();
    check(doc);
    // The inverse restores exactly, and its inverse redoes exactly.
    let after = doc.clone();
    let redo = a.inverse.apply(doc).unwrap();
    assert_eq!(*doc, before);
    redo.apply(doc).unwrap();
    assert_eq!(*doc, after);
    a
}

pub(super) const PT: &str = "قال لافروف إن روسيا 👍🏽 ولروسيا مُحَمَّدٌ. Lavrov said Russia, russia!";

pub(super) fn pt_doc() -> Document {
    let d = Document::new("p", "", "ar", PT).unwrap();
    let spans = vec![
        Span::new("m1", r(4, 10), "PER", Origin::Model).unwrap().with_confidence(Some(0.5)).unwrap(),
        Span::new("s1", r(14, 19), "LOC", Origin::Import).unwrap(),
        Span::new("e2", r(14, 19), "ORG", Origin::Editor).unwrap().with_author(Some("x".into())),
    ];
    let q = Quote::new("q1", r(14, 30), QuoteKind::Indirect, Origin::Model)
        .unwrap()
        .with_cue(Some(r(0, 3)))
        .with_speaker(Some(Speaker::new(r(4, 10), Some("m1".into()))), Some("لافروف".into()));
    d.with_annotations(spans, vec![q]).unwrap()
}
