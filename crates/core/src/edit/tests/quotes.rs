//! Quote commands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;
use crate::edit::{apply, Command, EditError, SpeakerRef};

#[test]
fn quote_edits() {
    let mut d = ar_doc();
    let (a, b) = find(AR, "روسيا مستعدة", 0);
    let got = run(&mut d, Command::AddQuote { start: a, end: b, kind: QuoteKind::Indirect });
    assert_eq!(got.report.created, vec!["q2"]);
    assert_eq!(d.quotes().iter().map(Quote::id).collect::<Vec<_>>(), vec!["q2", "q1"]);
    let q2 = d.quotes()[0].clone();
    assert_eq!((q2.origin(), q2.author(), q2.speaker()), (Origin::Editor, Some("ed"), None));
    assert_eq!(
        apply(&mut d, Command::AddQuote { start: a, end: b, kind: QuoteKind::Direct }, None).unwrap_err(),
        EditError::DuplicateQuote { start: a, end: b }
    );
    // Speaker by span: the name is the fullest mention.
    let got = run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Span("m2".into()) });
    assert_eq!(got.report.summary.to_string(), "Speaker: سيرغي لافروف");
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!(q.speaker().unwrap().span(), Some("m2"));
    assert_eq!(q.speaker_name(), Some("سيرغي لافروف"));
    // Speaker by range: linked to the span with that range, if any.
    let m1 = d.span("m1").unwrap().range();
    run(
        &mut d,
        Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: m1.start(), end: m1.end() } },
    );
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!(q.speaker().unwrap().span(), Some("m1"));
    let (x, y) = find(AR, "وزير الخارجية", 0);
    run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!((q.speaker().unwrap().span(), q.speaker_name()), (None, Some("وزير الخارجية")));
    let (x, y) = find(AR, "وأكد", 0);
    run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!(q.speaker_name(), Some("وأكد"));
    run(&mut d, Command::AddSpan { start: x + 1, end: y, label: "ORG".into() });
    run(&mut d, Command::AddSpan { start: x + 1, end: y + 7, label: "ORG".into() });
    run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!(q.speaker_name(), Some("أكد لافروف"));
    run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::None });
    let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
    assert_eq!((q.speaker(), q.speaker_name()), (None, None));
    assert!(apply(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Span("nope".into()) }, None)
        .is_err());
    assert!(apply(&mut d, Command::SetSpeaker { quote: "nope".into(), speaker: SpeakerRef::None }, None).is_err());
    // Kind, boundaries, accept, remove.
    let got = run(&mut d, Command::SetQuoteKind { id: "q1".into(), kind: QuoteKind::Mixed });
    assert_eq!(got.report.summary.to_string(), "Made the quote mixed");
    let q1 = d.quotes().iter().find(|q| q.id() == "q1").unwrap();
    assert_eq!((q1.kind(), q1.origin(), q1.confidence()), (QuoteKind::Mixed, Origin::Editor, None));
    assert_eq!(q1.speaker().unwrap().span(), Some("m2"));
    run(&mut d, Command::SetQuoteRange { id: "q1".into(), start: 0, end: 3 });
    assert_eq!(d.quotes().iter().map(Quote::id).collect::<Vec<_>>(), vec!["q1", "q2"]);
    assert!(apply(&mut d, Command::SetQuoteRange { id: "q2".into(), start: 0, end: 3 }, None).is_err());
    assert_eq!(
        apply(&mut d, Command::AcceptQuote { id: "q1".into() }, None).unwrap_err(),
        EditError::QuoteNotASuggestion("q1".into())
    );
    let got = run(&mut d, Command::RemoveQuote { id: "q1".into() });
    assert_eq!(got.report.summary.to_string(), "Removed the quote “قال”");
    assert_eq!(d.quotes().len(), 1);
}

#[test]
fn accepting_a_quote_keeps_its_confidence() {
    let mut d = ar_doc();
    run(&mut d, Command::AcceptQuote { id: "q1".into() });
    let q = &d.quotes()[0];
    assert_eq!((q.origin(), q.author(), q.confidence()), (Origin::Editor, Some("ed"), Some(0.8)));
}

/// A document with four quotes: two by "سيرغي لافروف" (one written "لافروف"), one by "بيسكوف"
/// (a surname the grouping cannot tie to a full name), one without a speaker.
fn speakers_doc() -> Document {
    let text =
        "قال سيرغي لافروف إن روسيا مستعدة. وأكد لافروف أن الحوار مفيد. وقال بيسكوف إن الكرملين يتابع. وقيل إن الجو حار.";
    let d = Document::new("g", "", "ar", text).unwrap();
    let span = |id: &str, name: &str, nth: usize| {
        let (a, b) = find(text, name, nth);
        Span::new(id, r(a, b), "PER", Origin::Model).unwrap()
    };
    let spans = vec![span("p1", "سيرغي لافروف", 0), span("p2", "لافروف", 1), span("p3", "بيسكوف", 0)];
    let quote = |id: &str, content: &str, speaker: Option<(&str, &str, usize)>, name: &str| {
        let (a, b) = find(text, content, 0);
        let q =
            Quote::new(id, r(a, b), QuoteKind::Indirect, Origin::Model).unwrap().with_confidence(Some(0.8)).unwrap();
        match speaker {
            Some((sid, sname, nth)) => {
                let (x, y) = find(text, sname, nth);
                q.with_speaker(Some(Speaker::new(r(x, y), Some(sid.into()))), Some(name.into()))
            }
            None => q,
        }
    };
    let quotes = vec![
        quote("q1", "روسيا مستعدة", Some(("p1", "سيرغي لافروف", 0)), "سيرغي لافروف"),
        quote("q2", "الحوار مفيد", Some(("p2", "لافروف", 1)), "سيرغي لافروف"),
        quote("q3", "الكرملين يتابع", Some(("p3", "بيسكوف", 0)), "بيسكوف"),
        quote("q4", "الجو حار", None, ""),
    ];
    d.with_annotations(spans, quotes).unwrap()
}

fn rows(d: &Document) -> Vec<(String, Vec<String>)> {
    crate::quotes::speaker_groups(d).into_iter().map(|g| (g.display_name, g.quotes)).collect()
}

#[test]
fn speaker_names_merge_and_split_groups_undoably() {
    let mut d = speakers_doc();
    let groups = crate::quotes::speaker_groups(&d);
    assert_eq!(groups.len(), 2);
    // Merge: Peskov's quote joins Lavrov's row (one step; `run` checks undo and redo restore the
    // document exactly).
    let got = run(&mut d, Command::merge_speakers(&groups[0], &[&groups[1]]));
    assert_eq!((got.report.count, got.report.summary.to_string()), (1, "Speaker: سيرغي لافروف".to_string()));
    assert_eq!(rows(&d), vec![("سيرغي لافروف".to_string(), vec!["q1".to_string(), "q2".into(), "q3".into()])]);
    let q3 = d.quotes().iter().find(|q| q.id() == "q3").unwrap();
    // The speaker's range and span stay; the quote is the editor's now.
    assert_eq!(q3.speaker().unwrap().span(), Some("p3"));
    assert_eq!((q3.origin(), q3.author(), q3.confidence()), (Origin::Editor, Some("ed"), None));
    // Split: q2 is someone else's.
    run(&mut d, Command::split_speaker(&["q2".to_string()], "  يوري لافروف "));
    assert_eq!(
        rows(&d),
        vec![
            ("سيرغي لافروف".to_string(), vec!["q1".to_string(), "q3".into()]),
            ("يوري لافروف".into(), vec!["q2".into()])
        ]
    );
    // Back to the automatic names: the fullest mention of each speaker.
    run(&mut d, Command::reset_speaker_names(&["q2".to_string(), "q3".to_string()]));
    let names: Vec<Option<&str>> = d.quotes().iter().map(|q| q.speaker_name()).collect();
    assert_eq!(names, vec![Some("سيرغي لافروف"), Some("سيرغي لافروف"), Some("بيسكوف"), None]);
    // Nothing to do: no change, not recorded.
    let a = apply(&mut d, Command::split_speaker(&["q1".to_string()], "سيرغي لافروف"), None).unwrap();
    assert!(!a.report.changed);
}

#[test]
fn speaker_names_refuse_what_cannot_be_named() {
    let mut d = speakers_doc();
    let before = d.clone();
    let bad = [
        (Command::split_speaker(&["q1".to_string(), "q4".to_string()], "X"), EditError::NoSpeaker("q4".into())),
        (Command::split_speaker(&["q1".to_string(), "nope".to_string()], "X"), EditError::UnknownQuote("nope".into())),
        (Command::split_speaker(&["q1".to_string()], "  "), EditError::EmptySpeakerName),
    ];
    for (cmd, err) in bad {
        assert_eq!(apply(&mut d, cmd, None).unwrap_err(), err);
        assert_eq!(d, before);
    }
}
