//! Reading order of a document's spans, for Tab and Shift+Tab.

use crate::model::{Document, Span};

/// Span ids in reading order: by start, then the longer first, then document order; overlapping
/// spans each get their turn. This is the order of the document's span list (the model keeps it
/// sorted by [`Span::order_key`]).
pub fn reading_order(doc: &Document) -> Vec<&str> {
    doc.spans().iter().map(Span::id).collect()
}

/// The span after (`forward`) or before `from` in reading order (Tab / Shift+Tab); from nothing or
/// an unknown id, the first or the last. `None` past either end.
pub fn next_span<'d>(doc: &'d Document, from: Option<&str>, forward: bool) -> Option<&'d str> {
    let spans = doc.spans();
    let here = from.and_then(|id| spans.iter().position(|s| s.id() == id));
    let i = match (here, forward) {
        (None, true) => 0,
        (None, false) => spans.len().checked_sub(1)?,
        (Some(i), true) => i + 1,
        (Some(i), false) => i.checked_sub(1)?,
    };
    spans.get(i).map(Span::id)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::edit::tests::r;
    use crate::model::Origin;

    #[test]
    fn reading_order_and_tab() {
        let d = Document::new("d", "", "en", "Sergei Lavrov met Putin").unwrap();
        let spans = vec![
            Span::new("c", r(18, 23), "PER", Origin::Editor).unwrap(),
            Span::new("b", r(7, 13), "PER", Origin::Editor).unwrap(),
            Span::new("a", r(0, 13), "PER", Origin::Editor).unwrap(),
            Span::new("a2", r(0, 13), "ORG", Origin::Editor).unwrap(),
        ];
        let d = d.with_annotations(spans, vec![]).unwrap();
        assert_eq!(reading_order(&d), vec!["a", "a2", "b", "c"]);
        assert_eq!(next_span(&d, None, true), Some("a"));
        assert_eq!(next_span(&d, None, false), Some("c"));
        assert_eq!(next_span(&d, Some("a"), true), Some("a2"));
        assert_eq!(next_span(&d, Some("a2"), true), Some("b"));
        assert_eq!(next_span(&d, Some("b"), false), Some("a2"));
        assert_eq!(next_span(&d, Some("c"), true), None);
        assert_eq!(next_span(&d, Some("a"), false), None);
        let empty = Document::new("e", "", "en", "x").unwrap();
        assert_eq!(next_span(&empty, None, false), None);
    }
}
