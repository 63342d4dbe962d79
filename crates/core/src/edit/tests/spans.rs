//! Span and label commands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;
use crate::edit::{apply, Clitics, Command, DeletePolicy, EditError, History, SpeakerRef};
use crate::model::Status;

#[test]
fn add_span_gets_a_fresh_id_and_its_place_in_reading_order() {
    let mut d = ar_doc();
    let (a, b) = find(AR, "وزير الخارجية", 0);
    let got = run(&mut d, Command::AddSpan { start: a, end: b, label: "MISC".into() });
    assert_eq!(got.report.created, vec!["e1"]);
    assert!(got.report.changed);
    assert_eq!(got.report.summary.to_string(), "Labelled وزير الخارجية MISC");
    let s = span_by_id(&d, "e1");
    assert_eq!((s.origin(), s.author(), s.confidence()), (Origin::Editor, Some("ed"), None));
    assert_eq!(d.spans()[0].id(), "e1");
    // Same range and label twice is refused; another label on the same range is fine.
    let e = apply(&mut d, Command::AddSpan { start: a, end: b, label: "MISC".into() }, None).unwrap_err();
    assert_eq!(e, EditError::DuplicateSpan { start: a, end: b, label: "MISC".into() });
    run(&mut d, Command::AddSpan { start: a, end: b, label: "ORG".into() });
    let before = d.clone();
    let len = d.cp_len();
    for bad in [
        Command::AddSpan { start: 3, end: 3, label: "PER".into() },
        Command::AddSpan { start: 5, end: 2, label: "PER".into() },
        Command::AddSpan { start: 0, end: len + 1, label: "PER".into() },
        Command::AddSpan { start: 0, end: 2, label: String::new() },
    ] {
        assert!(apply(&mut d, bad, None).is_err());
        assert_eq!(d, before);
    }
    let e = apply(&mut d, Command::AddSpan { start: 0, end: len + 1, label: "X".into() }, None).unwrap_err();
    assert!(e.to_string().contains("past the end of the text"), "{e}");
}

#[test]
fn removing_a_speaker_span_keeps_the_speaker_range() {
    let mut d = ar_doc();
    let speaker = d.quotes()[0].speaker().unwrap().range();
    let got = run(&mut d, Command::RemoveSpan { id: "m2".into() });
    assert_eq!(got.report.summary.to_string(), "Removed PER لافروف");
    assert!(d.span("m2").is_none());
    let q = &d.quotes()[0];
    assert_eq!(q.speaker().map(|s| (s.range(), s.span())), Some((speaker, None)));
    assert_eq!(q.speaker_name(), Some("سيرغي لافروف"));
    assert_eq!(
        apply(&mut d, Command::RemoveSpan { id: "m2".into() }, None).unwrap_err(),
        EditError::UnknownSpan("m2".into())
    );
}

#[test]
fn relabel_makes_the_span_the_editors() {
    let mut d = ar_doc();
    let got = run(&mut d, Command::Relabel { id: "m1".into(), label: "ORG".into() });
    assert_eq!(got.report.summary.to_string(), "Relabelled سيرغي لافروف PER → ORG");
    let s = span_by_id(&d, "m1");
    assert_eq!((s.label(), s.origin(), s.author(), s.confidence()), ("ORG", Origin::Editor, Some("ed"), None));
    // The same label on a suggestion accepts it; on the editor's own span it changes nothing.
    let got = run(&mut d, Command::Relabel { id: "m2".into(), label: "PER".into() });
    assert_eq!(span_by_id(&d, "m2").origin(), Origin::Editor);
    assert_eq!(span_by_id(&d, "m2").confidence(), Some(0.7));
    assert!(got.report.changed);
    let got = run(&mut d, Command::Relabel { id: "m2".into(), label: "PER".into() });
    assert!(!got.report.changed);
    assert!(got.inverse.is_empty());
    assert_eq!(
        apply(&mut d, Command::Relabel { id: "m2".into(), label: String::new() }, None).unwrap_err(),
        EditError::EmptyLabel
    );
    // Relabelling onto a span with the same range and label is refused.
    let (a, b) = (d.span("m2").unwrap().start(), d.span("m2").unwrap().end());
    run(&mut d, Command::AddSpan { start: a, end: b, label: "ORG".into() });
    assert!(matches!(
        apply(&mut d, Command::Relabel { id: "m2".into(), label: "ORG".into() }, None),
        Err(EditError::DuplicateSpan { .. })
    ));
}

#[test]
fn moving_boundaries_keeps_reading_order_and_speakers() {
    let mut d = ar_doc();
    let (a, _) = find(AR, "الروسي", 0);
    let (c, b) = find(AR, "سيرغي لافروف", 0);
    // Moving onto another span's range with the same label is refused.
    assert!(matches!(
        apply(&mut d, Command::SetSpanRange { id: "m2".into(), start: c, end: b }, None),
        Err(EditError::DuplicateSpan { .. })
    ));
    // Move "لافروف" (the quote's speaker) to "الروسي سيرغي لافروف".
    let got = run(&mut d, Command::SetSpanRange { id: "m2".into(), start: a, end: b });
    assert_eq!(got.report.count, 1);
    let order: Vec<&str> = d.spans().iter().map(Span::id).collect();
    assert_eq!(order, vec!["m2", "m1", "s1"]);
    let q = &d.quotes()[0];
    assert_eq!(q.speaker().unwrap().range(), r(a, b));
    assert_eq!(q.speaker().unwrap().span(), Some("m2"));
    assert_eq!(q.speaker_name(), Some("الروسي سيرغي لافروف"));
    let s = span_by_id(&d, "m2");
    assert_eq!((s.origin(), s.confidence()), (Origin::Editor, None));
    // No change, bad ranges, unknown ids.
    assert!(!run(&mut d, Command::SetSpanRange { id: "m2".into(), start: a, end: b }).report.changed);
    assert!(apply(&mut d, Command::SetSpanRange { id: "m2".into(), start: b, end: a }, None).is_err());
    assert!(apply(&mut d, Command::SetSpanRange { id: "zz".into(), start: 0, end: 1 }, None).is_err());
}

#[test]
fn accepting_suggestions() {
    let mut d = ar_doc();
    let got = run(&mut d, Command::AcceptSuggestion { id: "m1".into() });
    assert_eq!(got.report.summary.to_string(), "Accepted PER سيرغي لافروف");
    let s = span_by_id(&d, "m1");
    assert_eq!((s.origin(), s.author(), s.confidence()), (Origin::Editor, Some("ed"), Some(0.9)));
    assert_eq!(
        apply(&mut d, Command::AcceptSuggestion { id: "s1".into() }, None).unwrap_err(),
        EditError::NotASuggestion("s1".into())
    );
    let got = run(&mut d, Command::AcceptAll);
    assert_eq!(got.report.summary.to_string(), "Accepted 1 suggestion and 1 quote");
    assert_eq!(got.report.count, 2);
    assert!(d.spans().iter().all(|s| s.origin() != Origin::Model));
    assert_eq!(d.quotes()[0].origin(), Origin::Editor);
    assert_eq!(span_by_id(&d, "s1").origin(), Origin::Import);
    let got = run(&mut d, Command::AcceptAll);
    assert_eq!((got.report.summary.to_string().as_str(), got.report.changed), ("Nothing to accept", false));
}

#[test]
fn apply_to_all_mentions_is_clitic_diacritic_and_alef_insensitive() {
    let mut d = ar_doc();
    let mut h = History::new();
    let before = d.clone();
    let got =
        h.apply(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Strip }, Some("ed")).unwrap();
    assert_eq!(got.summary.to_string(), "Labelled 3 more mentions of روسيا");
    assert_eq!(got.count, 3);
    check(&d);
    let labelled: Vec<String> = got.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["روسيا", "روسيا", "رُوسِيا"]);
    assert_eq!(span_by_id(&d, "e1").start(), find(AR, "لروسيا", 0).0 + 1);
    assert!(d.spans().windows(2).all(|w| w[0].order_key() <= w[1].order_key()));
    // Again: every mention is covered now.
    let again = apply(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Strip }, None).unwrap();
    assert_eq!((again.report.count, again.report.changed), (0, false));
    assert_eq!(again.report.summary.to_string(), "No other unlabelled mention of روسيا");
    // One undo step.
    assert_eq!(h.undo(&mut d).unwrap().map(|s| s.to_string()).as_deref(), Some("Labelled 3 more mentions of روسيا"));
    assert_eq!(d, before);
    // Keeping clitics: the mentions' proclitics go into the spans.
    let got = run(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Keep });
    let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["لروسيا", "وروسيا", "رُوسِيا"]);
    // A source span that carries a clitic itself matches the bare form.
    let mut d = before.clone();
    let (a, b) = find(AR, "لروسيا", 0);
    run(&mut d, Command::RemoveSpan { id: "s1".into() });
    let id = run(&mut d, Command::AddSpan { start: a, end: b, label: "LOC".into() }).report.created[0].clone();
    let got = run(&mut d, Command::ApplyToAllMentions { id, clitics: Clitics::Keep });
    let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["روسيا", "وروسيا", "رُوسِيا"]);
}

#[test]
fn apply_to_all_mentions_alef_and_multiword() {
    let text =
        "إسرائيل قالت. اسرائيل وأسرائيل. Sergei Lavrov met SERGEI LAVROV and Sergei, sergei lavrov. للرئيس الرئيس";
    let d = Document::new("d", "", "ar", text).unwrap();
    let (a, b) = find(text, "إسرائيل", 0);
    let (c, e) = find(text, "Sergei Lavrov", 0);
    let (f, g) = find(text, "الرئيس", 0);
    let spans = vec![
        Span::new("a", r(a, b), "LOC", Origin::Editor).unwrap(),
        Span::new("b", r(c, e), "PER", Origin::Editor).unwrap(),
        Span::new("c", r(f, g), "PER", Origin::Editor).unwrap(),
    ];
    let mut d = d.with_annotations(spans, vec![]).unwrap();
    let got = run(&mut d, Command::ApplyToAllMentions { id: "a".into(), clitics: Clitics::Strip });
    let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["اسرائيل", "أسرائيل"]);
    let got = run(&mut d, Command::ApplyToAllMentions { id: "b".into(), clitics: Clitics::Strip });
    let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["SERGEI LAVROV"]);
    assert_eq!(got.report.summary.to_string(), "Labelled 1 more mention of Sergei Lavrov");
    // "للرئيس" is ل + الرئيس with the alef elided: the token is labelled whole.
    let got = run(&mut d, Command::ApplyToAllMentions { id: "c".into(), clitics: Clitics::Strip });
    let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
    assert_eq!(labelled, vec!["للرئيس"]);
}

#[test]
fn apply_to_all_mentions_on_a_long_document() {
    // 100,000+ characters, 5,000 spans: every other mention is found, the lists stay valid and
    // sorted, and the one step undoes and redoes exactly. (How long it takes is a benchmark's
    // question, not a unit test's.)
    let unit = "وقال الرئيس إن لروسيا حقا في ذلك، وأضاف أن روسيا لن تقبل. ";
    let mut text = String::new();
    while text.chars().count() < 100_000 {
        text.push_str(unit);
    }
    let d = Document::new("big", "", "ar", text.as_str()).unwrap();
    let mut spans = Vec::new();
    for word in ["الرئيس", "حقا", "تقبل"] {
        for (b, _) in text.match_indices(word) {
            let s = text[..b].chars().count();
            let n = spans.len();
            spans.push(Span::new(format!("m{n}"), r(s, s + word.chars().count()), "PER", Origin::Model).unwrap());
        }
    }
    spans.truncate(5_000);
    assert_eq!(spans.len(), 5_000);
    let (a, b) = find(&text, "روسيا", 1);
    spans.push(Span::new("src", r(a, b), "LOC", Origin::Editor).unwrap());
    let mut d = d.with_annotations(spans, vec![]).unwrap();
    let mentions = text.matches("روسيا").count();
    let got = apply(&mut d, Command::ApplyToAllMentions { id: "src".into(), clitics: Clitics::Strip }, None).unwrap();
    assert_eq!(got.report.count, mentions - 1);
    check(&d);
    let mut h = History::new();
    let before = d.clone();
    h.record(got);
    h.undo(&mut d).unwrap();
    assert_ne!(d, before);
    h.redo(&mut d).unwrap();
    assert_eq!(d, before);
}

#[test]
fn status_and_labels() {
    let mut d = ar_doc();
    let got = run(&mut d, Command::SetStatus(Status::Done));
    assert_eq!((got.report.summary.to_string().as_str(), d.status()), ("Marked done", Status::Done));
    assert!(!run(&mut d, Command::SetStatus(Status::Done)).report.changed);
    // Rename keeps origins; an exact duplicate it makes is merged into the earlier span and
    // the speaker follows.
    let m2 = d.span("m2").unwrap().range();
    run(&mut d, Command::AddSpan { start: m2.start(), end: m2.end(), label: "NAME".into() });
    run(&mut d, Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span("e1".into()) });
    let got = run(&mut d, Command::RenameLabel { from: "PER".into(), to: "NAME".into() });
    assert_eq!(got.report.summary.to_string(), "Renamed PER to NAME on 2 spans");
    assert!(d.span("e1").is_none());
    assert_eq!(span_by_id(&d, "m1").origin(), Origin::Model);
    assert_eq!(span_by_id(&d, "m2").origin(), Origin::Model);
    assert_eq!(d.quotes()[0].speaker().unwrap().span(), Some("m2"));
    assert!(!run(&mut d, Command::RenameLabel { from: "NOPE".into(), to: "X".into() }).report.changed);
    assert_eq!(
        apply(&mut d, Command::RenameLabel { from: "NAME".into(), to: String::new() }, None).unwrap_err(),
        EditError::EmptyLabel
    );
    // Delete: relabel or remove.
    let got = run(&mut d, Command::DeleteLabel { name: "NAME".into(), policy: DeletePolicy::RelabelTo("PER".into()) });
    assert_eq!(got.report.summary.to_string(), "Deleted NAME; 2 spans are now PER");
    assert_eq!(
        apply(&mut d, Command::DeleteLabel { name: "PER".into(), policy: DeletePolicy::RelabelTo("PER".into()) }, None)
            .unwrap_err(),
        EditError::RelabelToSelf("PER".into())
    );
    let got = run(&mut d, Command::DeleteLabel { name: "PER".into(), policy: DeletePolicy::RemoveSpans });
    assert_eq!(got.report.summary.to_string(), "Deleted PER and 2 spans");
    assert_eq!(d.spans().len(), 1);
    assert_eq!(d.quotes()[0].speaker().unwrap().span(), None);
}
