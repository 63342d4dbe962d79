//! What a command changed: the spans and quotes written or removed, from the document before and
//! after.
//!
//! A command changes one contiguous stretch of each list (the core's `Inverse` is one splice per
//! list), so the common prefix and suffix are skipped with one comparison per item and only the
//! stretch between is compared by id. The core keeps that stretch private today; exposing it
//! (`Applied` naming the changed ids) would save the scan (a note for the implementation stage).

use std::collections::{HashMap, HashSet};

use sanad_core::{Document, Quote, Span, Status};

/// The changes a command made to a document, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delta {
    /// Spans added or changed, as they are now.
    pub spans: Vec<Span>,
    /// Ids of spans removed.
    pub removed_spans: Vec<String>,
    /// Quotes added or changed, as they are now.
    pub quotes: Vec<Quote>,
    /// Ids of quotes removed.
    pub removed_quotes: Vec<String>,
    /// The new status, when it changed.
    pub status: Option<Status>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
            && self.removed_spans.is_empty()
            && self.quotes.is_empty()
            && self.removed_quotes.is_empty()
            && self.status.is_none()
    }
}

/// The stretch of `before` and `after` outside their common prefix and suffix.
fn stretch<'a, T: PartialEq>(before: &'a [T], after: &'a [T]) -> (&'a [T], &'a [T]) {
    let p = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let (b, a) = (&before[p..], &after[p..]);
    let s = b.iter().rev().zip(a.iter().rev()).take_while(|(x, y)| x == y).count();
    (&b[..b.len() - s], &a[..a.len() - s])
}

fn changes<'a, T: PartialEq + Clone>(
    before: &'a [T],
    after: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> (Vec<T>, Vec<String>) {
    let (b, a) = stretch(before, after);
    let old: HashMap<&str, &T> = b.iter().map(|x| (id(x), x)).collect();
    let now: HashSet<&str> = a.iter().map(&id).collect();
    let written = a.iter().filter(|x| old.get(id(x)).is_none_or(|o| *o != *x)).cloned().collect();
    let removed = b.iter().map(&id).filter(|k| !now.contains(k)).map(str::to_string).collect();
    (written, removed)
}

/// What changed from `before` to `after` (two versions of one document).
pub fn delta(before: &Document, after: &Document) -> Delta {
    let (spans, removed_spans) = changes(before.spans(), after.spans(), Span::id);
    let (quotes, removed_quotes) = changes(before.quotes(), after.quotes(), Quote::id);
    let status = (before.status() != after.status()).then_some(after.status());
    Delta { spans, removed_spans, quotes, removed_quotes, status }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use sanad_core::edit::{apply, Command, SpeakerRef};
    use sanad_core::{Origin, QuoteKind, Range};

    fn doc() -> Document {
        let d = Document::new("d", "t", "en", "Lavrov met Putin in Astana and said no.").unwrap();
        let s = |id: &str, a, b, l: &str| Span::new(id, Range::new(a, b).unwrap(), l, Origin::Import).unwrap();
        let q = Quote::new("q1", Range::new(35, 38).unwrap(), QuoteKind::Indirect, Origin::Model).unwrap();
        d.with_annotations(vec![s("e1", 0, 6, "PER"), s("e2", 11, 16, "PER"), s("e3", 20, 26, "LOC")], vec![q]).unwrap()
    }

    #[test]
    fn a_command_changes_what_it_says() {
        let before = doc();
        let mut after = before.clone();
        apply(&mut after, Command::Relabel { id: "e2".into(), label: "ORG".into() }, Some("ali")).unwrap();
        let d = delta(&before, &after);
        assert_eq!(d.spans.iter().map(|s| (s.id(), s.label())).collect::<Vec<_>>(), [("e2", "ORG")]);
        assert!(d.removed_spans.is_empty() && d.quotes.is_empty() && d.status.is_none());

        let mut after = before.clone();
        apply(&mut after, Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span("e1".into()) }, None)
            .unwrap();
        apply(&mut after, Command::RemoveSpan { id: "e1".into() }, None).unwrap();
        let d = delta(&before, &after);
        assert_eq!(d.removed_spans, ["e1"]);
        // The quote's speaker lost its link but kept its range.
        assert_eq!(d.quotes.len(), 1);
        assert_eq!(d.quotes[0].speaker().map(|s| (s.range(), s.span())), Some((Range::new(0, 6).unwrap(), None)));

        let mut after = before.clone();
        apply(&mut after, Command::AddSpan { start: 27, end: 30, label: "MISC".into() }, None).unwrap();
        apply(&mut after, Command::SetStatus(sanad_core::Status::Done), None).unwrap();
        let d = delta(&before, &after);
        assert_eq!(d.spans.iter().map(|s| (s.start(), s.end())).collect::<Vec<_>>(), [(27, 30)]);
        assert_eq!(d.status, Some(sanad_core::Status::Done));
        assert!(delta(&before, &before).is_empty());
    }
}
