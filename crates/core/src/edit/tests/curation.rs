//! Curation: the pre-merge, settling positions, edits recorded as settling, undo.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;
use crate::agree::positions;
use crate::edit::{apply, EditError, History};
use crate::model::{AnnotatorLayer, Decision, Strategy, What};

const EN: &str = "Lavrov met Blinken in Geneva on Monday, the foreign ministry said.";

fn layer(name: &str, spans: &[(usize, usize, &str)], quotes: &[(usize, usize, QuoteKind)]) -> AnnotatorLayer {
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, &(a, b, l))| Span::new(format!("s{i}"), r(a, b), l, Origin::Import).unwrap())
        .collect();
    let quotes = quotes
        .iter()
        .enumerate()
        .map(|(i, &(a, b, k))| {
            Quote::new(format!("q{i}"), r(a, b), k, Origin::Import)
                .unwrap()
                .with_speaker(Some(Speaker::new(r(0, 6), Some("s0".into()))), Some("Lavrov".into()))
        })
        .collect();
    AnnotatorLayer::new(name, spans, quotes).unwrap()
}

/// Alice and Bob agree on Lavrov (PER) and Geneva (LOC); they disagree on Blinken (PER / ORG), on
/// Monday (DATE / nothing), on the ministry's extent, and on the quote's kind.
fn curated_doc() -> Document {
    let alice = layer(
        "alice",
        &[(0, 6, "PER"), (11, 18, "PER"), (22, 28, "LOC"), (32, 38, "DATE"), (44, 60, "ORG")],
        &[(11, 38, QuoteKind::Indirect)],
    );
    let bob = layer(
        "bob",
        &[(0, 6, "PER"), (11, 18, "ORG"), (22, 28, "LOC"), (40, 60, "ORG")],
        &[(11, 38, QuoteKind::Mixed)],
    );
    Document::new("en1", "t", "en", EN).unwrap().with_layers(vec![alice, bob]).unwrap()
}

fn begin() -> Command {
    Command::BeginCuration { strategy: Strategy::Agree, author: "gold".into() }
}

fn gold(d: &Document) -> Vec<(usize, usize, String, Origin)> {
    d.spans().iter().map(|s| (s.start(), s.end(), s.label().to_string(), s.origin())).collect()
}

fn decisions(d: &Document) -> Vec<(What, usize, usize, Decision)> {
    d.curation().unwrap().resolved().iter().map(|r| (r.what, r.start, r.end, r.decision.clone())).collect()
}

fn resolve(what: What, start: usize, end: usize, decision: Decision) -> Command {
    Command::Resolve { what, start, end, decision }
}

#[test]
fn beginning_premerges_what_all_agree_on() {
    let mut d = curated_doc();
    let got = run(&mut d, begin());
    assert_eq!(got.report.summary.to_string(), "Curation: 2 annotations all agree on, 4 disagreements");
    assert_eq!(gold(&d), [(0, 6, "PER".into(), Origin::Import), (22, 28, "LOC".into(), Origin::Import)]);
    assert_eq!(d.spans()[0].author(), Some("gold"));
    assert!(d.quotes().is_empty());
    let c = d.curation().unwrap();
    assert_eq!((c.strategy(), c.author(), c.resolved().len()), (Strategy::Agree, "gold", 0));
    let pos: Vec<(What, usize, usize)> =
        positions(&d, Strategy::Agree).iter().map(|p| (p.what, p.start, p.end)).collect();
    assert_eq!(pos, [(What::Span, 11, 18), (What::Quote, 11, 38), (What::Span, 32, 38), (What::Span, 40, 60)]);
    // Beginning again changes nothing; the majority of two is both, so the same.
    assert!(!apply(&mut d, begin(), None).unwrap().report.changed);
    // A document without layers has nothing to curate.
    let mut plain = Document::new("p", "", "en", EN).unwrap();
    assert_eq!(apply(&mut plain, begin(), None).unwrap_err(), EditError::NoLayers);
}

#[test]
fn taking_a_side_rejecting_and_their_undo() {
    let mut d = curated_doc();
    run(&mut d, begin());
    let bob = Decision::Accepted("bob".into());
    let got = run(&mut d, resolve(What::Span, 11, 18, bob.clone()));
    assert_eq!(got.report.summary.to_string(), "Took bob's side at Blinken");
    assert!(gold(&d).contains(&(11, 18, "ORG".into(), Origin::Editor)));
    // Changing one's mind: the position takes Alice's span instead, one record.
    run(&mut d, resolve(What::Span, 11, 18, Decision::Accepted("alice".into())));
    assert!(gold(&d).contains(&(11, 18, "PER".into(), Origin::Editor)));
    assert!(!gold(&d).iter().any(|s| s.2 == "ORG" && s.0 == 11));
    run(&mut d, resolve(What::Span, 32, 38, Decision::Rejected));
    run(&mut d, resolve(What::Span, 40, 60, Decision::Accepted("alice".into())));
    assert_eq!(
        gold(&d).iter().map(|s| (s.0, s.1, s.2.as_str())).collect::<Vec<_>>(),
        [(0, 6, "PER"), (11, 18, "PER"), (22, 28, "LOC"), (44, 60, "ORG")]
    );
    // A quote: Bob's mixed quote, its speaker linked to the gold's span with the speaker's range.
    run(&mut d, resolve(What::Quote, 11, 38, bob));
    let q = &d.quotes()[0];
    assert_eq!((q.range(), q.kind(), q.speaker_name()), (r(11, 38), QuoteKind::Mixed, Some("Lavrov")));
    assert_eq!(q.speaker().and_then(Speaker::span), Some(d.spans()[0].id()));
    assert_eq!(
        decisions(&d),
        [
            (What::Span, 11, 18, Decision::Accepted("alice".into())),
            (What::Quote, 11, 38, Decision::Accepted("bob".into())),
            (What::Span, 32, 38, Decision::Rejected),
            (What::Span, 40, 60, Decision::Accepted("alice".into())),
        ]
    );
}

#[test]
fn settling_needs_a_curation_a_position_and_an_annotator() {
    let mut d = curated_doc();
    let alice = Decision::Accepted("alice".into());
    assert_eq!(apply(&mut d, resolve(What::Span, 11, 18, alice.clone()), None).unwrap_err(), EditError::NotCurating);
    run(&mut d, begin());
    let before = d.clone();
    assert_eq!(
        apply(&mut d, resolve(What::Span, 0, 6, alice), None).unwrap_err(),
        EditError::UnknownPosition { what: What::Span, start: 0, end: 6 }
    );
    let carol = Decision::Accepted("carol".into());
    assert_eq!(
        apply(&mut d, resolve(What::Span, 11, 18, carol), None).unwrap_err(),
        EditError::UnknownAnnotator("carol".into())
    );
    assert_eq!(d, before);
}

#[test]
fn editing_where_annotators_disagree_settles_the_position_as_edited() {
    let mut d = curated_doc();
    run(&mut d, begin());
    // The curator labels Monday themselves: the DATE position is settled by editing.
    let got = run(&mut d, Command::AddSpan { start: 32, end: 38, label: "DATE".into() });
    assert!(got.report.changed);
    assert_eq!(decisions(&d), [(What::Span, 32, 38, Decision::Edited)]);
    // An edit where nobody disagreed records nothing; nor does a label renamed across the project.
    let lavrov = d.spans()[0].id().to_string();
    run(&mut d, Command::Relabel { id: lavrov, label: "ORG".into() });
    run(&mut d, Command::RenameLabel { from: "LOC".into(), to: "GPE".into() });
    assert_eq!(decisions(&d).len(), 1);
    // A side taken and then changed by hand becomes "edited".
    run(&mut d, resolve(What::Span, 11, 18, Decision::Accepted("bob".into())));
    let id = d.spans().iter().find(|s| s.start() == 11).unwrap().id().to_string();
    run(&mut d, Command::SetSpanRange { id, start: 11, end: 21 });
    assert_eq!(decisions(&d)[0], (What::Span, 11, 18, Decision::Edited));
}

#[test]
fn undo_goes_back_through_every_curation_step() {
    let mut d = curated_doc();
    let start = d.clone();
    let mut h = History::new();
    h.apply(&mut d, begin(), None).unwrap();
    let begun = d.clone();
    h.apply(&mut d, resolve(What::Span, 11, 18, Decision::Accepted("bob".into())), None).unwrap();
    h.apply(&mut d, Command::AddSpan { start: 32, end: 38, label: "DATE".into() }, None).unwrap();
    assert_eq!(decisions(&d).len(), 2);
    h.undo(&mut d).unwrap();
    assert_eq!(decisions(&d), [(What::Span, 11, 18, Decision::Accepted("bob".into()))]);
    h.undo(&mut d).unwrap();
    assert_eq!(d, begun);
    h.undo(&mut d).unwrap();
    assert_eq!(d, start);
    assert!(d.curation().is_none());
    h.redo(&mut d).unwrap();
    assert_eq!(d, begun);
}
