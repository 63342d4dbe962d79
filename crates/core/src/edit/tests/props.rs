//! Property tests: random command sequences keep the invariants and undo exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::edit::{apply, Clitics, Command, DeletePolicy, History, SpeakerRef};
use crate::model::Status;

fn span_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["m1", "s1", "e1", "e2", "e3", "e4", "e5", "nope"]).prop_map(str::to_string)
}

fn quote_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["q1", "q2", "q3", "zz"]).prop_map(str::to_string)
}

fn label() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["PER", "LOC", "ORG", ""]).prop_map(str::to_string)
}

fn kind() -> impl Strategy<Value = QuoteKind> {
    prop::sample::select(vec![QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed])
}

fn pos() -> impl Strategy<Value = usize> {
    0usize..75
}

fn leaf() -> impl Strategy<Value = Command> {
    prop_oneof![
        (pos(), pos(), label()).prop_map(|(start, end, label)| Command::AddSpan { start, end, label }),
        span_id().prop_map(|id| Command::RemoveSpan { id }),
        (span_id(), label()).prop_map(|(id, label)| Command::Relabel { id, label }),
        (span_id(), pos(), pos()).prop_map(|(id, start, end)| Command::SetSpanRange { id, start, end }),
        span_id().prop_map(|id| Command::AcceptSuggestion { id }),
        Just(Command::AcceptAll),
        (span_id(), any::<bool>()).prop_map(|(id, k)| Command::ApplyToAllMentions {
            id,
            clitics: if k { Clitics::Keep } else { Clitics::Strip }
        }),
        (pos(), pos(), kind()).prop_map(|(start, end, kind)| Command::AddQuote { start, end, kind }),
        quote_id().prop_map(|id| Command::RemoveQuote { id }),
        (quote_id(), kind()).prop_map(|(id, kind)| Command::SetQuoteKind { id, kind }),
        (quote_id(), pos(), pos()).prop_map(|(id, start, end)| Command::SetQuoteRange { id, start, end }),
        (quote_id(), span_id()).prop_map(|(quote, s)| Command::SetSpeaker { quote, speaker: SpeakerRef::Span(s) }),
        (quote_id(), pos(), pos())
            .prop_map(|(quote, start, end)| Command::SetSpeaker { quote, speaker: SpeakerRef::Range { start, end } }),
        quote_id().prop_map(|quote| Command::SetSpeaker { quote, speaker: SpeakerRef::None }),
        quote_id().prop_map(|id| Command::AcceptQuote { id }),
        prop::sample::select(vec![Status::New, Status::InProgress, Status::Done, Status::Skipped])
            .prop_map(Command::SetStatus),
        (label(), label()).prop_map(|(from, to)| Command::RenameLabel { from, to }),
        (label(), label(), any::<bool>()).prop_map(|(name, to, remove)| Command::DeleteLabel {
            name,
            policy: if remove { DeletePolicy::RemoveSpans } else { DeletePolicy::RelabelTo(to) }
        }),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![8 => leaf(), 1 => prop::collection::vec(leaf(), 0..4).prop_map(Command::Batch)]
}

#[derive(Debug, Clone)]
enum Action {
    Do(Command),
    Undo,
    Redo,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![6 => command().prop_map(Action::Do), 1 => Just(Action::Undo), 1 => Just(Action::Redo)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn commands_keep_invariants_and_undo_exactly(cmds in prop::collection::vec(command(), 0..30)) {
        let start = pt_doc();
        let mut doc = start.clone();
        let mut inverses = Vec::new();
        let mut ever: HashSet<String> = doc.spans().iter().map(|s| s.id().to_string()).collect();
        ever.extend(doc.quotes().iter().map(|q| q.id().to_string()));
        for cmd in cmds {
            let before = doc.clone();
            match apply(&mut doc, cmd, Some("p")) {
                Ok(a) => {
                    check(&doc);
                    prop_assert_eq!(a.report.changed, doc != before);
                    for id in &a.report.created {
                        prop_assert!(ever.insert(id.clone()), "id {} reused", id);
                    }
                    inverses.push((a.inverse, before, doc.clone()));
                }
                Err(_) => prop_assert_eq!(&doc, &before),
            }
        }
        let end = doc.clone();
        let mut redos = Vec::new();
        for (inv, before, after) in inverses.into_iter().rev() {
            prop_assert_eq!(&doc, &after);
            redos.push(inv.apply(&mut doc).unwrap());
            check(&doc);
            prop_assert_eq!(&doc, &before);
        }
        prop_assert_eq!(&doc, &start);
        for redo in redos.into_iter().rev() {
            redo.apply(&mut doc).unwrap();
            check(&doc);
        }
        prop_assert_eq!(&doc, &end);
    }

    #[test]
    fn history_matches_a_model_of_states(actions in prop::collection::vec(action(), 0..40)) {
        let mut doc = pt_doc();
        let mut h = History::new();
        let (mut past, mut future): (Vec<Document>, Vec<Document>) = (Vec::new(), Vec::new());
        for act in actions {
            match act {
                Action::Do(cmd) => {
                    let before = doc.clone();
                    match h.apply(&mut doc, cmd, None) {
                        Ok(rep) if rep.changed => {
                            past.push(before);
                            future.clear();
                        }
                        Ok(_) => prop_assert_eq!(&doc, &before),
                        Err(_) => prop_assert_eq!(&doc, &before),
                    }
                }
                Action::Undo => {
                    let now = doc.clone();
                    let done = h.undo(&mut doc).unwrap();
                    prop_assert_eq!(done.is_some(), !past.is_empty());
                    if let Some(prev) = past.pop() {
                        prop_assert_eq!(&doc, &prev);
                        future.push(now);
                    }
                }
                Action::Redo => {
                    let now = doc.clone();
                    let done = h.redo(&mut doc).unwrap();
                    prop_assert_eq!(done.is_some(), !future.is_empty());
                    if let Some(next) = future.pop() {
                        prop_assert_eq!(&doc, &next);
                        past.push(now);
                    }
                }
            }
            check(&doc);
        }
    }
}
