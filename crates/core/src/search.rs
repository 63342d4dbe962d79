//! The library's search and progress: which documents match a query (titles and text, ignoring
//! diacritics, tatweel, alef forms, ى/ي, ة/ه, case and runs of spaces, through the engine's Arabic
//! normalisation), and how far the work is (documents by status, spans by label).

use crate::model::{Document, Origin, Status};
use crate::nlp::normalize::normalize_char;

/// `s` folded for search: every character through [`normalize_char`] (dropped or mapped),
/// lowercased, whitespace runs as one space, trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if let Some(n) = normalize_char(c) {
            crate::case::push_lower(n, &mut out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A document's title and text folded once (per document version), to search many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Haystack {
    title: String,
    text: String,
}

impl Haystack {
    pub fn new(doc: &Document) -> Haystack {
        Haystack { title: fold(doc.title()), text: fold(doc.text()) }
    }

    /// True when the folded `query` occurs in the title or the text (an empty query matches).
    pub fn matches(&self, query: &str) -> bool {
        let q = fold(query);
        q.is_empty() || self.title.contains(&q) || self.text.contains(&q)
    }

    /// True when the folded query occurs in the title.
    pub fn in_title(&self, query: &str) -> bool {
        let q = fold(query);
        !q.is_empty() && self.title.contains(&q)
    }
}

/// How far the work on a set of documents is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub total: usize,
    /// Documents by status: new, in progress, done, skipped.
    pub new: usize,
    pub in_progress: usize,
    pub done: usize,
    pub skipped: usize,
    /// Spans an editor made, accepted or imported, by label (sorted by label).
    pub by_label: Vec<(String, usize)>,
    /// Suggestions still waiting for review.
    pub suggestions: usize,
}

/// Progress over `docs`.
pub fn progress<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Progress {
    let mut p = Progress::default();
    for d in docs {
        p.total += 1;
        match d.status() {
            Status::New => p.new += 1,
            Status::InProgress => p.in_progress += 1,
            Status::Done => p.done += 1,
            Status::Skipped => p.skipped += 1,
        }
        for s in d.spans() {
            if s.origin() == Origin::Model {
                p.suggestions += 1;
            } else {
                match p.by_label.binary_search_by(|(l, _)| l.as_str().cmp(s.label())) {
                    Ok(at) => p.by_label[at].1 += 1,
                    Err(at) => p.by_label.insert(at, (s.label().to_string(), 1)),
                }
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Range, Span};

    fn doc(id: &str, title: &str, text: &str) -> Document {
        Document::new(id, title, "ar", text).unwrap()
    }

    #[test]
    fn search_ignores_diacritics_alef_forms_case_and_spaces() {
        let d = doc("a", "الكرملين: روسيا وآسيا", "قال وزيرُ الخارجيّة سيرغي لافروف إنّ إسرائيل\nو   Lavrov  SAID no.");
        let h = Haystack::new(&d);
        for q in [
            "الخارجية",
            "وزير الخارجيه",
            "اسرائيل",
            "أسرائيل",
            "لافروف",
            "lavrov said",
            "  LAVROV   said ",
            "اسيا",
            "روسيا",
        ] {
            assert!(h.matches(q), "{q}");
        }
        assert!(h.in_title("آسيا"));
        assert!(!h.in_title("لافروف"));
        for q in ["موسكو", "lavrov says", "Putin"] {
            assert!(!h.matches(q), "{q}");
        }
        assert!(h.matches(""));
        assert!(h.matches("   "));
        assert_eq!(fold("ـمُحَمَّـد  Ali\u{200F}"), "محمد ali");
    }

    #[test]
    fn progress_counts_status_and_labels() {
        let r = |a, b| Range::new(a, b).unwrap();
        let a = doc("a", "", "abc def")
            .with_annotations(
                vec![
                    Span::new("s1", r(0, 3), "PER", Origin::Editor).unwrap(),
                    Span::new("s2", r(4, 7), "LOC", Origin::Import).unwrap(),
                    Span::new("m1", r(0, 7), "ORG", Origin::Model).unwrap(),
                ],
                vec![],
            )
            .unwrap()
            .with_status(Status::Done);
        let b = doc("b", "", "x").with_status(Status::Skipped);
        let c = doc("c", "", "y");
        let p = progress([&a, &b, &c]);
        assert_eq!((p.total, p.new, p.in_progress, p.done, p.skipped, p.suggestions), (3, 1, 0, 1, 1, 1));
        assert_eq!(p.by_label.into_iter().collect::<Vec<_>>(), vec![("LOC".to_string(), 1), ("PER".to_string(), 1)]);
    }
}
