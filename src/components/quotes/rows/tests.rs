#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use sanad_core::edit::History;
use sanad_core::{Origin, Quote, QuoteKind, Range, Span, Speaker};

/// A document whose quotes are spoken by the given names, each written in the text as a span and
/// quoted once ("NAME قال إن X."); an empty name gives a quote without a speaker.
fn doc(speakers: &[(&str, &str)]) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut quotes = Vec::new();
    for (k, (name, label)) in speakers.iter().enumerate() {
        let s = text.chars().count();
        text.push_str(if name.is_empty() { "مصدر" } else { name });
        let e = text.chars().count();
        text.push_str(" قال إن ");
        let qs = text.chars().count();
        text.push_str(&format!("الأمر رقم {k} صحيح"));
        let qe = text.chars().count();
        text.push_str(".\n");
        let r = Range::new(s, e).unwrap();
        let speaker = (!name.is_empty()).then(|| {
            spans.push(Span::new(format!("s{k}"), r, *label, Origin::Editor).unwrap());
            Speaker::new(r, Some(format!("s{k}")))
        });
        quotes.push(
            Quote::new(format!("q{}", k + 1), Range::new(qs, qe).unwrap(), QuoteKind::Indirect, Origin::Model)
                .unwrap()
                .with_speaker(speaker, (!name.is_empty()).then(|| (*name).to_string())),
        );
    }
    Document::new("d", "", "ar", text).unwrap().with_annotations(spans, quotes).unwrap()
}

/// A row as shown: its title, its quote ids, its other spellings.
type Shown = (String, Vec<String>, Vec<String>);

/// What the panel shows: the rows, then the unattributed quote ids.
fn shown(d: &Document) -> (Vec<Shown>, Vec<String>) {
    let rows = Rows::of(d);
    let people = rows
        .people
        .iter()
        .map(|r| {
            let ids: Vec<String> = r.quotes.iter().map(|&k| d.quotes()[k].id().to_string()).collect();
            assert_eq!(ids, r.group.quotes);
            (r.group.display_name.clone(), ids, r.also.clone())
        })
        .collect();
    (people, rows.unattributed.iter().map(|&k| d.quotes()[k].id().to_string()).collect())
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn lavrov() -> Document {
    doc(&[("سيرغي لافروف", "PER"), ("ماريا زاخاروفا", "PER"), ("", ""), ("سيرجي لافروف", "PER"), ("لافروف", "PER")])
}

fn key(d: &Document, name: &str) -> String {
    Rows::of(d).people.iter().find(|r| r.group.display_name == name).unwrap().group.key.clone()
}

fn group(d: &Document, name: &str) -> SpeakerGroup {
    Rows::of(d).people.into_iter().find(|r| r.group.display_name == name).unwrap().group
}

#[test]
fn two_spellings_are_one_row_with_the_others_shown_small_and_the_unattributed_last() {
    let (people, unattributed) = shown(&lavrov());
    assert_eq!(
        people,
        vec![
            ("سيرغي لافروف".into(), ids(&["q1", "q4", "q5"]), ids(&["سيرجي لافروف", "لافروف"])),
            ("ماريا زاخاروفا".into(), ids(&["q2"]), vec![]),
        ]
    );
    assert_eq!(unattributed, ids(&["q3"]));
}

#[test]
fn someone_else_splits_quotes_off_and_undo_brings_them_back() {
    let mut d = lavrov();
    let before = shown(&d);
    let row = group(&d, "سيرغي لافروف");
    let cmd = split(&d, &row, &ids(&["q4"]), "  سيرجي إيفانوف ").unwrap();
    let mut h = History::new();
    h.apply(&mut d, cmd, None).unwrap();
    let (people, _) = shown(&d);
    assert_eq!(people[0].1, ids(&["q1", "q5"]));
    assert_eq!(people[2], ("سيرجي إيفانوف".into(), ids(&["q4"]), ids(&["سيرجي لافروف"])));
    h.undo(&mut d).unwrap();
    assert_eq!(shown(&d), before);
}

#[test]
fn someone_else_with_another_rows_name_moves_the_quotes_there() {
    let mut d = lavrov();
    let row = group(&d, "سيرغي لافروف");
    let cmd = split(&d, &row, &ids(&["q5"]), "ماريا زاخاروفا").unwrap();
    sanad_core::edit::apply(&mut d, cmd, None).unwrap();
    let (people, _) = shown(&d);
    assert_eq!(people.len(), 2);
    assert_eq!(people[1].1, ids(&["q2", "q5"]));
}

#[test]
fn a_name_the_row_contains_or_an_empty_one_is_refused() {
    let d = lavrov();
    let row = group(&d, "سيرغي لافروف");
    // The surname alone, or another spelling of it, joins the row again.
    assert_eq!(split(&d, &row, &ids(&["q4"]), "لافروف"), Err(Refusal::StaysInRow));
    assert_eq!(split(&d, &row, &ids(&["q4"]), "سيرجى لافروف"), Err(Refusal::StaysInRow));
    assert_eq!(split(&d, &row, &ids(&["q4"]), "  "), Err(Refusal::EmptyName));
    // All of a row's quotes may take any name: that is a rename.
    assert!(split(&d, &row, &row.quotes, "لافروف").is_ok());
}

#[test]
fn same_person_merges_rows_under_the_chosen_name_in_one_undoable_step() {
    let mut d = lavrov();
    let before = shown(&d);
    let rows = Rows::of(&d);
    let (a, b) = (key(&d, "سيرغي لافروف"), key(&d, "ماريا زاخاروفا"));
    let cmd = merge(&d, &rows, &b, &[a.clone(), b.clone()]).unwrap().unwrap();
    let mut h = History::new();
    h.apply(&mut d, cmd, None).unwrap();
    let (people, unattributed) = shown(&d);
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].0, "ماريا زاخاروفا");
    assert_eq!(people[0].1, ids(&["q1", "q2", "q4", "q5"]));
    assert_eq!(unattributed, ids(&["q3"]));
    h.undo(&mut d).unwrap();
    assert_eq!(shown(&d), before);
    h.redo(&mut d).unwrap();
    assert_eq!(shown(&d).0.len(), 1);
    // One row alone is nothing to merge.
    assert_eq!(merge(&d, &Rows::of(&d), &b, std::slice::from_ref(&b)), Ok(None));
}

#[test]
fn a_person_and_an_organisation_are_not_merged() {
    let d = doc(&[("سيرغي لافروف", "PER"), ("وزارة الخارجية", "ORG")]);
    let rows = Rows::of(&d);
    let keys: Vec<String> = rows.people.iter().map(|r| r.group.key.clone()).collect();
    assert_eq!(merge(&d, &rows, &keys[0], &keys), Err(Refusal::StayApart));
}

#[test]
fn rename_and_automatic_name() {
    let mut d = lavrov();
    let row = group(&d, "سيرغي لافروف");
    assert_eq!(rename(&row, " سيرغي لافروف "), Ok(None));
    assert_eq!(rename(&row, ""), Err(Refusal::EmptyName));
    let cmd = rename(&row, "وزير الخارجية سيرغي لافروف").unwrap().unwrap();
    sanad_core::edit::apply(&mut d, cmd, None).unwrap();
    assert_eq!(shown(&d).0[0].0, "وزير الخارجية سيرغي لافروف");
    assert_eq!(shown(&d).0[0].2, ids(&["سيرغي لافروف", "سيرجي لافروف", "لافروف"]));
    let row = group(&d, "وزير الخارجية سيرغي لافروف");
    sanad_core::edit::apply(&mut d, automatic(&row), None).unwrap();
    assert_eq!(shown(&d), shown(&lavrov()));
}
