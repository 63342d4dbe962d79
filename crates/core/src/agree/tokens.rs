//! Tokens as coding items: each annotator's spans become one BIO tag per token of the core
//! tokenizer ([`crate::nlp::tokenize`]), the same tokens for every annotator of a document.
//!
//! A token belongs to a span when they share at least one code point (a span that starts after an
//! Arabic proclitic still tags the whole word). When several spans of one annotator overlap a
//! token, the token goes to the one that starts first (the longest of those, then the first label).
//! The first token of a span is `B`, the following ones `I`. A span covering no token (only
//! spaces) leaves no tag.

use serde::Serialize;

/// A token's tag: outside, or the beginning or inside of a span of the label with that index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Tag {
    O,
    B(u32),
    I(u32),
}

impl Tag {
    /// A category code for the coding measures: `O` is 0, `B-k` is `2k + 1`, `I-k` is `2k + 2`.
    pub fn code(self) -> u32 {
        match self {
            Tag::O => 0,
            Tag::B(k) => 2 * k + 1,
            Tag::I(k) => 2 * k + 2,
        }
    }
}

/// `O`, `B-LABEL` or `I-LABEL`, with the label's name from `labels`.
pub fn tag_name(tag: Tag, labels: &[String]) -> String {
    let name = |k: u32| labels.get(k as usize).map_or("?", String::as_str);
    match tag {
        Tag::O => "O".to_string(),
        Tag::B(k) => format!("B-{}", name(k)),
        Tag::I(k) => format!("I-{}", name(k)),
    }
}

/// The BIO tags of `tokens` (`(start, end)`, sorted, disjoint) given spans `(start, end, label)`.
pub fn bio_tags(tokens: &[(usize, usize)], spans: &[(usize, usize, u32)]) -> Vec<Tag> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    crate::sort::sort_by_key(&mut order, |&k| {
        let (s, e, l) = spans[k];
        (s, std::cmp::Reverse(e), l)
    });
    let mut owner: Vec<Option<usize>> = vec![None; tokens.len()];
    for &k in &order {
        let (s, e, _) = spans[k];
        let mut t = tokens.partition_point(|&(_, te)| te <= s);
        while t < tokens.len() && tokens[t].0 < e {
            owner[t].get_or_insert(k);
            t += 1;
        }
    }
    let mut tags = Vec::with_capacity(tokens.len());
    let mut prev = None;
    for &o in &owner {
        tags.push(match o {
            None => Tag::O,
            Some(k) if prev == Some(k) => Tag::I(spans[k].2),
            Some(k) => Tag::B(spans[k].2),
        });
        prev = o;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_bio_tags_on_whole_tokens() {
        // "قال لوزير الخارجية سيرغي لافروف ." tokens: قال 0..3, لوزير 4..9, الخارجية 10..18,
        // سيرغي 19..24, لافروف 25..30, "." 31..32.
        let toks = [(0, 3), (4, 9), (10, 18), (19, 24), (25, 30), (31, 32)];
        // ORG (0) 5..18 starts after the proclitic ل: tags لوزير B and الخارجية I. PER (1) 19..30.
        // A nested PER 25..30 inside the first PER loses: the token is already the longer span's.
        let tags = bio_tags(&toks, &[(25, 30, 1), (5, 18, 0), (19, 30, 1)]);
        assert_eq!(tags, vec![Tag::O, Tag::B(0), Tag::I(0), Tag::B(1), Tag::I(1), Tag::O]);
        let names: Vec<String> = tags.iter().map(|&t| tag_name(t, &["ORG".into(), "PER".into()])).collect();
        assert_eq!(names, ["O", "B-ORG", "I-ORG", "B-PER", "I-PER", "O"]);
        // Two adjacent spans of the same label are two B's.
        assert_eq!(bio_tags(&toks, &[(19, 24, 1), (25, 30, 1)])[3..5], [Tag::B(1), Tag::B(1)]);
        // A span over spaces only tags nothing.
        assert_eq!(bio_tags(&toks, &[(3, 4, 0)]), vec![Tag::O; 6]);
        assert_eq!([Tag::O.code(), Tag::B(0).code(), Tag::I(0).code(), Tag::B(3).code()], [0, 1, 2, 7]);
    }
}
