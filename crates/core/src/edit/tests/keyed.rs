//! Sync (issue 17): ids scoped per editing session, values put by id ([`Command::Put`]), what a
//! command changed by id ([`Inverse::changes`]) and id-keyed compare-and-set undo
//! ([`Changes::revert`]): two editors interleaving edits and undos on one shared document, and a
//! property test that an undo never changes an id its step did not touch.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::collections::HashMap;

use proptest::prelude::*;

use super::props::command;
use super::*;
use crate::edit::{apply, Change, Changes, Command, Entry, Kept, Patch, SpeakerRef};
use crate::model::Status;

fn doc() -> Document {
    let d = Document::new("d", "t", "en", "Lavrov met Putin in Astana and said no.").unwrap();
    let s =
        |id: &str, a, b, l: &str| Span::new(id, r(a, b), l, Origin::Editor).unwrap().with_author(Some("ali".into()));
    let q = Quote::new("q1", r(35, 38), QuoteKind::Indirect, Origin::Editor)
        .unwrap()
        .with_speaker(Some(Speaker::new(r(0, 6), Some("e1".into()))), Some("Lavrov".into()));
    d.with_annotations(vec![s("e1", 0, 6, "PER"), s("e2", 11, 16, "PER"), s("e3", 20, 26, "LOC")], vec![q]).unwrap()
}

fn ids<T>(changes: &[Change<T>]) -> Vec<(&str, bool, bool)> {
    changes.iter().map(|c| (c.id.as_str(), c.before.is_some(), c.after.is_some())).collect()
}

#[test]
fn scoped_ids_never_meet_and_plain_files_are_unchanged() {
    let mut a = doc().with_id_scope("k3x");
    let mut b = doc().with_id_scope("p9");
    let add = || Command::AddSpan { start: 31, end: 35, label: "MISC".into() };
    let made_a = apply(&mut a, add(), None).unwrap().report.created;
    let made_b = apply(&mut b, add(), None).unwrap().report.created;
    assert_eq!((made_a, made_b), (vec!["e4.k3x".to_string()], vec!["e4.p9".to_string()]));
    let q = apply(&mut a, Command::AddQuote { start: 0, end: 10, kind: QuoteKind::Direct }, None).unwrap();
    assert_eq!(q.report.created, ["q2.k3x"]);
    // Scoped ids count by their number: a document holding e9.p9 hands out e10.
    let mut c = a.clone();
    let e9 = Span::new("e9.p9", r(27, 30), "ORG", Origin::Editor).unwrap();
    run(&mut c, Command::Put(Patch { spans: vec![Entry::Put(e9)], ..Patch::default() }));
    assert_eq!(
        apply(&mut c, add(), None).unwrap_err(),
        crate::edit::EditError::DuplicateSpan { start: 31, end: 35, label: "MISC".into() }
    );
    assert_eq!(
        apply(&mut c, Command::AddSpan { start: 36, end: 38, label: "X".into() }, None).unwrap().report.created,
        ["e10.k3x"]
    );
    // Suggestions made in a scoped document are scoped too.
    let mut s = doc().with_id_scope("k3x");
    s.set_suggestions(&[crate::model::Suggestion { start: 27, end: 30, label: "ORG".into(), confidence: None }], None);
    assert!(s.spans().iter().any(|x| x.id() == "m1.k3x"));
    // Without a scope: as before, and the scope is not part of equality or of the saved form.
    let mut plain = doc();
    assert_eq!(apply(&mut plain, add(), None).unwrap().report.created, ["e4"]);
    assert_eq!(doc().with_id_scope("zz"), doc());
    assert_eq!(serde_json::to_string(&doc().with_id_scope("zz")).unwrap(), serde_json::to_string(&doc()).unwrap());
}

#[test]
fn a_command_reports_what_it_changed_by_id() {
    let mut d = doc();
    let a = apply(&mut d, Command::Relabel { id: "e2".into(), label: "ORG".into() }, Some("sara")).unwrap();
    let c = a.inverse.changes(&d);
    assert_eq!(ids(&c.spans), [("e2", true, true)]);
    assert_eq!(c.spans[0].after.as_ref().map(|s| (s.label(), s.author())), Some(("ORG", Some("sara"))));
    assert!(c.quotes.is_empty() && c.status.is_none());

    // Removing a speaker's span changes the quote too (its speaker loses the link).
    let a = apply(&mut d, Command::RemoveSpan { id: "e1".into() }, None).unwrap();
    let c = a.inverse.changes(&d);
    assert_eq!(ids(&c.spans), [("e1", true, false)]);
    assert_eq!(ids(&c.quotes), [("q1", true, true)]);
    assert_eq!(c.quotes[0].after.as_ref().and_then(|q| q.speaker()).map(|s| s.span()), Some(None));

    // A new span, a moved one (new range: it changes place in the list), a status.
    let a = apply(
        &mut d,
        Command::Batch(vec![
            Command::AddSpan { start: 31, end: 35, label: "MISC".into() },
            Command::SetSpanRange { id: "e3".into(), start: 0, end: 6 },
            Command::SetStatus(Status::Done),
        ]),
        None,
    )
    .unwrap();
    let c = a.inverse.changes(&d);
    let mut got = ids(&c.spans);
    got.sort();
    assert_eq!(got, [("e3", true, true), ("e4", false, true)]);
    assert_eq!(c.status, Some((Status::New, Status::Done)));
    // The same by comparing the documents (for changes no command made).
    let before = doc();
    let all = Changes::between(&before, &d);
    let mut got = ids(&all.spans);
    got.sort();
    assert_eq!(got, [("e1", true, false), ("e2", true, true), ("e3", true, true), ("e4", false, true)]);
    assert!(Changes::between(&d, &d).is_empty());
}

#[test]
fn put_sets_values_by_id_with_an_exact_inverse() {
    let mut d = doc();
    // A relabel and a move (e3 to 0..6: after e1, which has the same range and a smaller id), a new
    // span with the same range and label as another (from two editors: both kept), a removal of
    // an id the document does not have (no change), a quote.
    let moved = Span::new("e3", r(0, 6), "LOC", Origin::Editor).unwrap().with_author(Some("sara".into()));
    let twin = Span::new("e5.p9", r(11, 16), "PER", Origin::Editor).unwrap().with_author(Some("sara".into()));
    let q2 = Quote::new("q2.p9", r(0, 16), QuoteKind::Mixed, Origin::Editor).unwrap();
    let a = run(
        &mut d,
        Command::Put(Patch {
            spans: vec![Entry::Put(moved), Entry::Put(twin), Entry::Remove("gone".into())],
            quotes: vec![Entry::Put(q2)],
            status: Some(Status::InProgress),
        }),
    );
    assert_eq!(a.report.count, 4);
    let order: Vec<(&str, usize, &str)> = d.spans().iter().map(|s| (s.id(), s.start(), s.label())).collect();
    assert_eq!(order, [("e1", 0, "PER"), ("e3", 0, "LOC"), ("e2", 11, "PER"), ("e5.p9", 11, "PER")]);
    assert_eq!(d.quotes().iter().map(Quote::id).collect::<Vec<_>>(), ["q2.p9", "q1"]);
    assert_eq!(d.status(), Status::InProgress);

    // Removing a span: the quote that names it as its speaker keeps the range without the link.
    let a = run(&mut d, Command::Put(Patch { spans: vec![Entry::Remove("e1".into())], ..Patch::default() }));
    assert_eq!(a.inverse.changes(&d).quotes.len(), 1);
    let sp = d.quotes().iter().find(|q| q.id() == "q1").and_then(|q| q.speaker()).unwrap();
    assert_eq!((sp.range(), sp.span()), (r(0, 6), None));

    // Values are checked: a span past the text, a quote naming a span that is not there.
    let before = d.clone();
    let past = Span::new("x", r(30, 60), "PER", Origin::Editor).unwrap();
    assert!(apply(&mut d, Command::Put(Patch { spans: vec![Entry::Put(past)], ..Patch::default() }), None).is_err());
    let bad = Quote::new("q1", r(35, 38), QuoteKind::Direct, Origin::Editor)
        .unwrap()
        .with_speaker(Some(Speaker::new(r(0, 6), Some("e1".into()))), None);
    assert!(apply(&mut d, Command::Put(Patch { quotes: vec![Entry::Put(bad)], ..Patch::default() }), None).is_err());
    assert_eq!(d, before);

    // A large patch (rebuilt at once) gives the same document as the same values put one by one.
    let many: Vec<Entry<Span>> = (0..30)
        .map(|i| Entry::Put(Span::new(format!("n{i:02}"), r(i, i + 3), "X", Origin::Editor).unwrap()))
        .chain([Entry::Remove("e2".into())])
        .collect();
    let mut at_once = d.clone();
    run(&mut at_once, Command::Put(Patch { spans: many.clone(), ..Patch::default() }));
    let mut one_by_one = d.clone();
    for e in many {
        run(&mut one_by_one, Command::Put(Patch { spans: vec![e], ..Patch::default() }));
    }
    assert_eq!(at_once, one_by_one);
}

/// One editor of a shared document: a keyed undo stack. Every change reaches the other editor as
/// a patch of the values it wrote, as sync delivers it.
struct Editor {
    name: &'static str,
    doc: Document,
    undo: Vec<Changes>,
}

impl Editor {
    fn new(name: &'static str) -> Editor {
        Editor { name, doc: doc().with_id_scope(name), undo: Vec::new() }
    }

    /// Runs a command; returns what the others receive.
    fn edit(&mut self, cmd: Command) -> Patch {
        let a = apply(&mut self.doc, cmd, Some(self.name)).unwrap();
        let c = a.inverse.changes(&self.doc);
        let p = patch_of(&c);
        self.undo.push(c);
        p
    }

    fn undo(&mut self) -> (Patch, Vec<Kept>) {
        let step = self.undo.pop().unwrap();
        let done = step.revert(&mut self.doc).unwrap();
        (patch_of(&done.applied.inverse.changes(&self.doc)), done.kept)
    }

    fn receive(&mut self, p: Patch) {
        apply(&mut self.doc, Command::Put(p), None).unwrap();
    }
}

/// The values a change left, as the patch another editor applies.
fn patch_of(c: &Changes) -> Patch {
    let entry = |id: &str, v: Option<Span>| v.map_or_else(|| Entry::Remove(id.to_string()), Entry::Put);
    Patch {
        spans: c.spans.iter().map(|x| entry(&x.id, x.after.clone())).collect(),
        quotes: c
            .quotes
            .iter()
            .map(|x| x.after.clone().map_or_else(|| Entry::Remove(x.id.clone()), Entry::Put))
            .collect(),
        status: c.status.map(|(_, after)| after),
    }
}

#[test]
fn two_editors_interleave_edits_and_undos() {
    let (mut ali, mut sara) = (Editor::new("ali"), Editor::new("sara"));
    // Ali relabels e2 and adds a span; Sara relabels e3; each sees the other's.
    let p = ali.edit(Command::Relabel { id: "e2".into(), label: "ORG".into() });
    sara.receive(p);
    let p = ali.edit(Command::AddSpan { start: 31, end: 35, label: "MISC".into() });
    sara.receive(p);
    let p = sara.edit(Command::Relabel { id: "e3".into(), label: "ORG".into() });
    ali.receive(p);
    assert_eq!(ali.doc, sara.doc);

    // Ali undoes his last step (the new span): only his span goes; Sara's relabel stays.
    let (p, kept) = ali.undo();
    assert!(kept.is_empty());
    sara.receive(p);
    assert_eq!(ali.doc, sara.doc);
    assert!(ali.doc.span("e4.ali").is_none());
    assert_eq!(ali.doc.span("e3").map(Span::label), Some("ORG"));

    // Sara relabels the span Ali relabelled; Ali's undo of his relabel then changes nothing and
    // says who changed it since.
    let p = sara.edit(Command::Relabel { id: "e2".into(), label: "LOC".into() });
    ali.receive(p);
    let (p, kept) = ali.undo();
    assert!(p.is_empty());
    match kept.as_slice() {
        [Kept::Span { id, now: Some(s) }] => {
            assert_eq!((id.as_str(), s.label(), s.author()), ("e2", "LOC", Some("sara")))
        }
        other => panic!("kept {other:?}"),
    }
    assert_eq!(ali.doc.span("e2").map(Span::label), Some("LOC"));

    // Sara undoes her two relabels, newest first: e2 back to Ali's ORG, e3 back to LOC.
    let (p, kept) = sara.undo();
    assert!(kept.is_empty());
    ali.receive(p);
    assert_eq!(ali.doc.span("e2").map(|s| (s.label(), s.author())), Some(("ORG", Some("ali"))));
    let (p, _) = sara.undo();
    ali.receive(p);
    assert_eq!(ali.doc, sara.doc);
    assert_eq!(sara.doc.span("e3").map(Span::label), Some("LOC"));

    // An undo that would remove a span another editor has since made a quote's speaker keeps it.
    let p = ali.edit(Command::AddSpan { start: 11, end: 16, label: "MISC".into() });
    sara.receive(p);
    let new = ali.doc.spans().iter().find(|s| s.id().ends_with(".ali")).unwrap().id().to_string();
    let p = sara.edit(Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span(new.clone()) });
    ali.receive(p);
    let (_, kept) = ali.undo();
    assert!(matches!(kept.as_slice(), [Kept::Span { id, now: Some(_) }] if *id == new));
    assert!(ali.doc.span(&new).is_some());
}

/// A step's ids, and every id in a document with its value.
fn values(d: &Document) -> HashMap<String, String> {
    let mut m: HashMap<String, String> =
        d.spans().iter().map(|s| (format!("s:{}", s.id()), format!("{s:?}"))).collect();
    m.extend(d.quotes().iter().map(|q| (format!("q:{}", q.id()), format!("{q:?}"))));
    m
}

proptest! {
    // More cases than the other property tests: the interleavings that matter (an editor links a
    // quote to the span another editor's step added, then that step is undone) are rare.
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Two editors take turns on one shared document (commands and undos, each editor with their
    /// own stack of steps): an undo changes no id its step did not touch, puts back every id it
    /// reverts as it was before the step, and leaves every id it keeps as it is.
    #[test]
    fn an_undo_never_changes_an_id_its_step_did_not_touch(
        turns in prop::collection::vec((any::<bool>(), prop_oneof![4 => command().prop_map(Some), 1 => Just(None)]), 0..40)
    ) {
        let mut d = pt_doc();
        let mut stacks: [Vec<Changes>; 2] = [Vec::new(), Vec::new()];
        for (who, cmd) in turns {
            let stack = &mut stacks[usize::from(who)];
            match cmd {
                Some(cmd) => {
                    if let Ok(a) = apply(&mut d, cmd, Some(if who { "b" } else { "a" })) {
                        let c = a.inverse.changes(&d);
                        if !c.is_empty() {
                            stack.push(c);
                        }
                    }
                }
                None => {
                    let Some(step) = stack.pop() else { continue };
                    let before = values(&d);
                    let status = d.status();
                    let done = step.revert(&mut d).unwrap();
                    check(&d);
                    let after = values(&d);
                    let touched: std::collections::HashSet<String> = step
                        .spans
                        .iter()
                        .map(|c| format!("s:{}", c.id))
                        .chain(step.quotes.iter().map(|c| format!("q:{}", c.id)))
                        .collect();
                    for k in before.keys().chain(after.keys()) {
                        if !touched.contains(k) {
                            prop_assert_eq!(before.get(k), after.get(k), "{} changed", k);
                        }
                    }
                    // Compare-and-set: an id is reverted only if it held the value the step left
                    // (the redo's `before`), and it then has its value from before the step.
                    for c in &done.redo.spans {
                        let held = c.before.as_ref().map(|v| format!("{v:?}"));
                        prop_assert_eq!(before.get(&format!("s:{}", c.id)), held.as_ref());
                        prop_assert_eq!(d.span(&c.id), c.after.as_ref());
                    }
                    for c in &done.redo.quotes {
                        let held = c.before.as_ref().map(|v| format!("{v:?}"));
                        prop_assert_eq!(before.get(&format!("q:{}", c.id)), held.as_ref());
                        prop_assert_eq!(d.quotes().iter().find(|q| q.id() == c.id), c.after.as_ref());
                    }
                    for k in &done.kept {
                        match k {
                            Kept::Span { id, now } => prop_assert_eq!(d.span(id), now.as_ref()),
                            Kept::Quote { id, now } => prop_assert_eq!(d.quotes().iter().find(|q| q.id() == id), now.as_ref()),
                            Kept::Status(s) => prop_assert_eq!(d.status(), *s),
                        }
                    }
                    if step.status.is_none() {
                        prop_assert_eq!(d.status(), status);
                    }
                }
            }
        }
    }
}
