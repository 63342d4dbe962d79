//! Property tests: random command sequences keep the invariants (canonical order included) and
//! undo exactly; the commands insert where the model's constructors sort.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::edit::{apply, Clitics, Command, DeletePolicy, History, SpeakerRef};
use crate::model::{Quote, Span, Status};

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

/// A position in (or past) `PT`: any, or one of the word boundaries, so that commands often make
/// spans and quotes with the same start, nested or with the same range.
fn pos() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..75, prop::sample::select(vec![0, 3, 4, 10, 11, 14, 19, 23, 30, 42, 48, 69])]
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
        (
            prop::collection::vec(quote_id(), 0..3),
            prop::option::of(prop::sample::select(vec!["لافروف", "Lavrov", " ", ""]))
        )
            .prop_map(|(quotes, name)| Command::SetSpeakerName { quotes, name: name.map(str::to_string) }),
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

/// True when both lists are sorted by the model's one key.
fn in_canonical_order(doc: &Document) -> bool {
    doc.spans().is_sorted_by_key(Span::order_key) && doc.quotes().is_sorted_by_key(Quote::order_key)
}

/// A document of `PT` with spans and quotes at the given `(start, length)`s, in the given order.
fn doc_with(spans: &[(usize, usize, bool)], quotes: &[(usize, usize)]) -> Document {
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, n, per))| {
            Span::new(format!("s{i}"), r(s, s + n), if per { "PER" } else { "LOC" }, Origin::Import)
        })
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let quotes = quotes
        .iter()
        .enumerate()
        .map(|(i, &(s, n))| Quote::new(format!("x{i}"), r(s, s + n), QuoteKind::Direct, Origin::Import))
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    Document::new("p", "", "ar", PT).unwrap().with_annotations(spans, quotes).unwrap()
}

/// `(start, length)` of an annotation within `PT` (69 code points).
fn placed() -> impl Strategy<Value = (usize, usize)> {
    (prop::sample::select(vec![0usize, 4, 14, 23, 42, 54]), prop::sample::select(vec![1usize, 3, 6, 15]))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the commands, undos and redos, the span and quote lists stay sorted by
    /// `Span::order_key` and `Quote::order_key`.
    #[test]
    fn commands_keep_the_lists_in_canonical_order(actions in prop::collection::vec(action(), 0..40)) {
        let mut doc = pt_doc();
        let mut h = History::new();
        prop_assert!(in_canonical_order(&doc));
        for act in actions {
            match act {
                Action::Do(cmd) => {
                    let shown = format!("{cmd:?}");
                    if h.apply(&mut doc, cmd, None).is_ok() {
                        prop_assert!(in_canonical_order(&doc), "after {}", shown);
                    }
                }
                Action::Undo => {
                    h.undo(&mut doc).unwrap();
                }
                Action::Redo => {
                    h.redo(&mut doc).unwrap();
                }
            }
            prop_assert!(in_canonical_order(&doc));
        }
    }

    /// Adding a span or a quote puts it where the constructors put it when it is appended to the
    /// list: the commands and `Document::with_annotations` agree on the one order.
    #[test]
    fn commands_insert_where_the_constructors_sort(
        spans in prop::collection::vec((placed(), any::<bool>()), 0..10),
        quotes in prop::collection::vec(placed(), 0..6),
        (start, n) in placed(),
        per: bool,
    ) {
        let spans: Vec<(usize, usize, bool)> = spans.into_iter().map(|((s, n), per)| (s, n, per)).collect();
        let doc = doc_with(&spans, &quotes);
        let label = if per { "PER" } else { "LOC" };
        let mut edited = doc.clone();
        if let Ok(a) = apply(&mut edited, Command::AddSpan { start, end: start + n, label: label.into() }, None) {
            let mut all = doc.spans().to_vec();
            all.push(edited.span(&a.report.created[0]).unwrap().clone());
            let made = doc.clone().with_annotations(all, doc.quotes().to_vec()).unwrap();
            prop_assert_eq!(edited.spans(), made.spans());
        }
        let mut edited = doc.clone();
        if let Ok(a) = apply(&mut edited, Command::AddQuote { start, end: start + n, kind: QuoteKind::Mixed }, None) {
            let id = &a.report.created[0];
            let mut all = doc.quotes().to_vec();
            all.push(edited.quotes().iter().find(|q| q.id() == id).unwrap().clone());
            let made = doc.clone().with_annotations(doc.spans().to_vec(), all).unwrap();
            prop_assert_eq!(edited.quotes(), made.quotes());
        }
    }

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
