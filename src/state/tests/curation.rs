//! Annotators' layers and curation through the reducer: importing files as layers, the layer
//! views, curating with the keys' actions, and undo of each curation step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use sanad_core::annotators::Incoming;
use sanad_core::{Decision, Origin, What};

use super::*;

const EN: &str = "Lavrov met Blinken in Geneva on Monday, the foreign ministry said.";

/// An annotator's export of the article (the fixtures' en1), spans by their text.
fn file(annotator: &str, marks: &[(&str, &str)]) -> Incoming {
    let mut src = EN.to_string();
    // Marked from the last so that earlier offsets hold.
    let mut found: Vec<(usize, &str, &str)> = marks.iter().map(|&(t, l)| (EN.find(t).unwrap(), t, l)).collect();
    found.sort_by_key(|x| std::cmp::Reverse(x.0));
    for (at, t, l) in found {
        src.replace_range(at..at + t.len(), &format!("[[{l}:{t}]]"));
    }
    let d = doc(&format!("id: en1\ntitle: Geneva\nlang: en\n\n{src}"));
    Incoming { annotator: annotator.into(), source: Some(format!("{annotator}.jsonl")), documents: vec![d] }
}

fn alice() -> Incoming {
    file("alice", &[("Lavrov", "PER"), ("Blinken", "PER"), ("Geneva", "LOC"), ("Monday", "DATE")])
}

fn bob() -> Incoming {
    file("bob", &[("Lavrov", "PER"), ("Blinken", "ORG"), ("Geneva", "LOC")])
}

/// The library's en1 (gold: nothing), with Alice's and Bob's layers, open.
fn with_layers() -> AppState {
    let plain = doc(&format!("id: en1\ntitle: Geneva\nlang: en\n\n{EN}"));
    let s = loaded(vec![plain]);
    let s = reduce(s, Action::ImportLayers { files: vec![alice(), bob()], source: Msg::Plain("a, b".into()) });
    reduce(s, Action::Open("en1".into()))
}

fn gold(s: &AppState) -> Vec<(String, String)> {
    spans(s, "en1").into_iter().map(|(t, l, _)| (t, l)).collect()
}

fn pair(t: &str, l: &str) -> (String, String) {
    (t.to_string(), l.to_string())
}

#[test]
fn files_import_as_layers_beside_the_gold_and_annotators_get_colours() {
    let s = with_layers();
    assert_eq!(s.docs.len(), 1, "matched by id and text, not added");
    let d = s.document("en1").unwrap();
    let names: Vec<&str> = d.layers().iter().map(|l| l.annotator()).collect();
    assert_eq!(names, ["alice", "bob"]);
    assert!(d.spans().is_empty(), "the gold stays apart");
    assert_eq!(d.layer("bob").unwrap().spans().len(), 3);
    assert!(s.tagging.queue.is_empty(), "an article with layers, opened, is not given to the tagger");
    let colours: Vec<(&str, &str)> = s.annotators.iter().map(|a| (a.name.as_str(), a.color.as_str())).collect();
    assert_eq!(colours, [("alice", "#4477AA"), ("bob", "#EE6677")]);
    assert_eq!(last_notice(&s), "a, b: 2 layers of 2 annotators added");
    assert_eq!(notices(&s, &AR).pop().unwrap(), "a, b: أضيف طبقتان من معلّقَين");
}

#[test]
fn the_layer_view_cycles_gold_each_annotator_all() {
    let s = with_layers();
    assert_eq!(s.layer_view, LayerView::Gold);
    let s = reduce(s, Action::Select(Some(Selected::Span("x".into()))));
    let s = reduce(s, Action::CycleLayer);
    assert_eq!(s.layer_view, LayerView::Annotator("alice".into()));
    assert_eq!(s.selected, None, "nothing is selected in a read-only layer");
    let s = act(s, [Action::CycleLayer, Action::CycleLayer]);
    assert_eq!(s.layer_view, LayerView::All);
    let s = reduce(s, Action::CycleLayer);
    assert_eq!(s.layer_view, LayerView::Gold);
    // An annotator the article has no layer of shows the gold.
    let s = reduce(s, Action::ShowLayer(LayerView::Annotator("carol".into())));
    assert_eq!(s.layer_view, LayerView::Gold);
    // Opening another article shows its gold.
    let s = act(s, [Action::ShowLayer(LayerView::All), Action::Close]);
    assert_eq!(s.layer_view, LayerView::Gold);
}

#[test]
fn curating_premerges_then_takes_sides_rejects_and_undoes() {
    let s = reduce(with_layers(), Action::Curate(true));
    // What both said is gold at once; the view shows every layer, on the first disagreement.
    assert_eq!(gold(&s), [pair("Lavrov", "PER"), pair("Geneva", "LOC")]);
    assert_eq!(s.layer_view, LayerView::All);
    assert!(s.curating.on);
    let (blinken, monday) = (range_of(&s, "en1", "Blinken"), range_of(&s, "en1", "Monday"));
    assert_eq!(s.curating.position, Some((What::Span, blinken.0, blinken.1)));
    assert_eq!(edit_status(&s), "Curation begun: 2 annotations all agree on, 2 disagreements to settle");
    // Key 2: Bob's side. The gold takes his ORG; the next disagreement comes up.
    let s = reduce(s, Action::TakeSide(2));
    assert_eq!(gold(&s), [pair("Lavrov", "PER"), pair("Blinken", "ORG"), pair("Geneva", "LOC")]);
    assert_eq!(spans(&s, "en1")[1].2, Origin::Editor);
    assert_eq!(edit_status(&s), "Took bob's side at Blinken");
    assert_eq!(s.curating.position, Some((What::Span, monday.0, monday.1)));
    // X: reject Alice's DATE.
    let s = reduce(s, Action::Settle(Decision::Rejected));
    assert_eq!(gold(&s).len(), 3);
    let record = |s: &AppState| -> Vec<(usize, Decision)> {
        let d = s.document("en1").unwrap();
        d.curation().unwrap().resolved().iter().map(|r| (r.start, r.decision.clone())).collect()
    };
    assert_eq!(record(&s), [(blinken.0, Decision::Accepted("bob".into())), (monday.0, Decision::Rejected)]);
    // Every position settled: the position stays where it is.
    assert_eq!(s.curating.position, Some((What::Span, monday.0, monday.1)));
    // Ctrl+Z undoes one curation step at a time, gold and record together, and shows the
    // disagreement it reopened.
    let s = reduce(s, Action::Position(false));
    assert_eq!(s.curating.position.map(|p| p.1), Some(blinken.0));
    let s = reduce(s, Action::Undo);
    assert_eq!(record(&s), [(blinken.0, Decision::Accepted("bob".into()))]);
    assert_eq!(edit_status(&s), "Undone: Rejected everything at Monday");
    assert_eq!(s.curating.position.map(|p| p.1), Some(monday.0));
    let s = reduce(s, Action::Undo);
    assert!(record(&s).is_empty());
    assert_eq!(s.curating.position.map(|p| p.1), Some(blinken.0));
    assert_eq!(gold(&s), [pair("Lavrov", "PER"), pair("Geneva", "LOC")]);
    let s = reduce(s, Action::Undo);
    assert!(s.document("en1").unwrap().curation().is_none());
    assert!(gold(&s).is_empty());
}

#[test]
fn moving_between_disagreements_wraps_and_digits_need_a_curation() {
    let s = with_layers();
    let docs = s.docs.clone();
    // Not curating: a side taken or a rejection does nothing.
    let s = act(s, [Action::TakeSide(1), Action::Settle(Decision::Rejected), Action::Position(true)]);
    assert_eq!(s.docs, docs);
    let s = reduce(s, Action::Curate(true));
    let first = s.curating.position;
    let s = reduce(s, Action::Position(true));
    assert_ne!(s.curating.position, first);
    let s = reduce(s, Action::Position(true));
    assert_eq!(s.curating.position, first, "wraps");
    let s = reduce(s, Action::Position(false));
    let (monday, _) = range_of(&s, "en1", "Monday");
    assert_eq!(s.curating.position.map(|p| p.1), Some(monday));
    // A number past the annotators does nothing.
    let before = s.docs.clone();
    let s = reduce(s, Action::TakeSide(3));
    assert_eq!(s.docs, before);
    let s = reduce(s, Action::Curate(false));
    assert!(!s.curating.on && s.curating.position.is_none());
}

#[test]
fn a_read_only_tab_neither_imports_layers_nor_curates() {
    let s = reduce(with_layers(), Action::TabLock(false));
    let docs = s.docs.clone();
    let s = act(
        s,
        [
            Action::Curate(true),
            Action::ImportLayers { files: vec![alice()], source: Msg::Plain("a".into()) },
            Action::TakeSide(1),
        ],
    );
    assert_eq!(s.docs, docs);
    assert!(last_notice(&s).contains("read-only"), "{}", last_notice(&s));
}
