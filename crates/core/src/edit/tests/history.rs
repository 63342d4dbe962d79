//! Ids, batches, undo and redo.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;
use crate::edit::{apply, Command, EditError, History};
use crate::model::Status;

#[test]
fn ids_are_never_reused() {
    let mut d = ar_doc();
    let mut h = History::new();
    let add = |s| Command::AddSpan { start: s, end: s + 2, label: "PER".into() };
    assert_eq!(h.apply(&mut d, add(0), None).unwrap().created, vec!["e1"]);
    h.apply(&mut d, Command::RemoveSpan { id: "e1".into() }, None).unwrap();
    assert_eq!(h.apply(&mut d, add(0), None).unwrap().created, vec!["e2"]);
    h.undo(&mut d).unwrap();
    assert_eq!(h.apply(&mut d, add(4), None).unwrap().created, vec!["e3"]);
    // Ids already in the document count, whoever made them.
    let t = Document::new("d", "", "en", "some words here").unwrap();
    let e7 = Span::new("e7", r(0, 4), "PER", Origin::Import).unwrap();
    let q4 = Quote::new("q4", r(5, 10), QuoteKind::Direct, Origin::Model).unwrap();
    let mut t = t.with_annotations(vec![e7], vec![q4]).unwrap();
    let got =
        run(&mut t, Command::Batch(vec![add(5), Command::AddQuote { start: 0, end: 15, kind: QuoteKind::Indirect }]));
    assert_eq!(got.report.created, vec!["e8", "q5"]);
}

#[test]
fn batches_are_atomic_and_one_step() {
    let mut d = ar_doc();
    let before = d.clone();
    let bad = Command::Batch(vec![
        Command::AcceptAll,
        Command::AddSpan { start: 0, end: 3, label: "X".into() },
        Command::RemoveSpan { id: "nope".into() },
    ]);
    assert_eq!(apply(&mut d, bad, None).unwrap_err(), EditError::UnknownSpan("nope".into()));
    assert_eq!(d, before);
    // A batch that fails after commands that succeeded changes nothing either.
    let bad = Command::Batch(vec![
        Command::RemoveSpan { id: "m1".into() },
        Command::Relabel { id: "s1".into(), label: "ORG".into() },
        Command::Relabel { id: "nope".into(), label: "ORG".into() },
    ]);
    assert_eq!(apply(&mut d, bad, None).unwrap_err(), EditError::UnknownSpan("nope".into()));
    assert_eq!(d, before);
    let mut h = History::new();
    let good = Command::Batch(vec![
        Command::AddSpan { start: 0, end: 3, label: "X".into() },
        Command::Relabel { id: "e1".into(), label: "Y".into() },
        Command::SetStatus(Status::InProgress),
    ]);
    let got = h.apply(&mut d, good, None).unwrap();
    assert_eq!(got.summary.to_string(), "Labelled قال X; Relabelled قال X → Y; Marked in progress");
    assert_eq!(h.len(), 1);
    h.undo(&mut d).unwrap();
    assert_eq!(d, before);
    assert!(!h.apply(&mut d, Command::Batch(vec![]), None).unwrap().changed);
    assert!(!h.can_undo());
}

#[test]
fn history_undo_redo_cap_and_staleness() {
    let mut d = Document::new("d", "", "en", "one two three four five").unwrap();
    let mut h = History::with_cap(3);
    let states: Vec<Document> = (0..5)
        .map(|i| {
            h.apply(&mut d, Command::AddSpan { start: i, end: i + 1, label: "X".into() }, None).unwrap();
            d.clone()
        })
        .collect();
    assert_eq!(h.len(), 3);
    assert_eq!(h.undo_summary().map(|s| s.to_string()).as_deref(), Some("Labelled t X"));
    h.undo(&mut d).unwrap();
    assert_eq!(d, states[3]);
    assert_eq!(h.redo_summary().map(|s| s.to_string()).as_deref(), Some("Labelled t X"));
    h.redo(&mut d).unwrap();
    assert_eq!(d, states[4]);
    for _ in 0..3 {
        assert!(h.undo(&mut d).unwrap().is_some());
    }
    assert_eq!(d, states[1]);
    assert_eq!(h.undo(&mut d).unwrap(), None);
    // A new command clears the redo stack.
    h.apply(&mut d, Command::SetStatus(Status::Done), None).unwrap();
    assert!(!h.can_redo());
    assert_eq!(h.redo(&mut d).unwrap(), None);
    // A document changed behind the history's back is refused, unchanged, and the step stays.
    let mut other = Document::new("d", "", "en", "x").unwrap();
    h.apply(&mut d, Command::AddSpan { start: 10, end: 12, label: "X".into() }, None).unwrap();
    let before = other.clone();
    assert!(h.undo(&mut other).is_err());
    assert_eq!(other, before);
    assert!(h.can_undo());
    h.clear();
    assert!(h.is_empty());
}
