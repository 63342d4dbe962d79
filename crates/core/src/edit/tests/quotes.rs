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
