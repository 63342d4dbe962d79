//! What a done document teaches: for every token, the set of tags it may have (a bit mask over the
//! tagger's tags, see [`crate::nlp::bio`]). The rules are in the [module documentation](super).

use std::ops::Range;

use crate::model::Span;

/// Bit mask of tags (tag `k` is bit `k`; at most 16 labels, so 33 tags).
pub type TagMask = u64;

/// What one token is known to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Outside every span: `O` for the labels in use.
    Outside,
    /// Nothing is known (under a span of a label the model does not know, or of a span that could
    /// not be placed on tokens).
    Missing,
    /// First token of a span of label `l` in its sentence.
    Begin(usize),
    /// Later token of a span of label `l`.
    Inside(usize),
}

/// The tokens of a document and how its spans fall on them.
#[derive(Debug)]
pub struct Teaching {
    states: Vec<State>,
    /// Spans of a label the model knows that were placed on tokens.
    pub spans: usize,
    /// Spans of a label the model knows that could not be placed (they overlap a span placed before
    /// them, or cover no token by the rule): their tokens are missing.
    pub skipped: usize,
    /// Spans of labels the model does not know (their tokens are missing).
    pub unknown: usize,
}

/// The tokens `ranges[..]` (code points, in order) that span `s..e` covers by the rule: a token is
/// covered when the span holds at least half of its code points, or when the span lies inside it.
fn covered(ranges: &[(usize, usize)], s: usize, e: usize) -> Range<usize> {
    let first = ranges.partition_point(|r| r.1 <= s);
    let mut a = usize::MAX;
    let mut b = first;
    for (k, &(ts, te)) in ranges.iter().enumerate().skip(first) {
        if ts >= e {
            break;
        }
        let overlap = te.min(e) - ts.max(s);
        if overlap * 2 >= te - ts || overlap == e - s {
            a = a.min(k);
            b = k + 1;
        }
    }
    if a == usize::MAX {
        first..first
    } else {
        a..b
    }
}

/// The tokens `s..e` overlaps at all.
fn touched(ranges: &[(usize, usize)], s: usize, e: usize) -> Range<usize> {
    let first = ranges.partition_point(|r| r.1 <= s);
    let last = ranges.partition_point(|r| r.0 < e);
    first..last.max(first)
}

impl Teaching {
    /// Places a document's spans (in canonical order: start, then longer first) on its tokens
    /// (`ranges`: code point range of each token, in order; `sent_of`: the sentence of each token),
    /// for a model with `labels`.
    pub fn new(spans: &[Span], ranges: &[(usize, usize)], sent_of: &[usize], labels: &[String]) -> Teaching {
        let mut states = vec![State::Outside; ranges.len()];
        let mut claimed = vec![false; ranges.len()];
        let (mut placed, mut skipped, mut unknown) = (0, 0, 0);
        let mut unknown_spans = Vec::new();
        for sp in spans {
            let Some(l) = labels.iter().position(|x| x == sp.label()) else {
                unknown += 1;
                unknown_spans.push((sp.start(), sp.end()));
                continue;
            };
            let toks = covered(ranges, sp.start(), sp.end());
            if toks.is_empty() || toks.clone().any(|k| claimed[k]) {
                skipped += 1;
                for k in touched(ranges, sp.start(), sp.end()) {
                    if !claimed[k] {
                        states[k] = State::Missing;
                    }
                }
                continue;
            }
            placed += 1;
            for k in toks.clone() {
                claimed[k] = true;
                let begins = k == toks.start || sent_of.get(k) != sent_of.get(k - 1);
                states[k] = if begins { State::Begin(l) } else { State::Inside(l) };
            }
        }
        for (s, e) in unknown_spans {
            for k in touched(ranges, s, e) {
                if !claimed[k] {
                    states[k] = State::Missing;
                }
            }
        }
        Teaching { states, spans: placed, skipped, unknown }
    }

    /// The allowed tags of tokens `toks` (one sentence). `outside` is the mask of a token outside
    /// every span: `O` and the tags of the model's labels that are not in use.
    pub fn masks(&self, toks: Range<usize>, outside: TagMask, all: TagMask) -> Vec<TagMask> {
        self.states[toks]
            .iter()
            .map(|s| match *s {
                State::Outside => outside,
                State::Missing => all,
                State::Begin(l) => 1 << (1 + 2 * l),
                State::Inside(l) => 1 << (2 + 2 * l),
            })
            .collect()
    }
}

/// The spans (token `start`, `end`, label) that a sentence's masks fix: runs of `B` then `I` tags
/// where every token has exactly one allowed tag.
pub fn fixed_spans(masks: &[TagMask]) -> Vec<(usize, usize, usize)> {
    let single = |m: TagMask| (m.count_ones() == 1).then(|| m.trailing_zeros() as usize);
    let mut out = Vec::new();
    let mut i = 0;
    while i < masks.len() {
        match single(masks[i]) {
            Some(t) if t % 2 == 1 => {
                let l = (t - 1) / 2;
                let mut j = i + 1;
                while j < masks.len() && single(masks[j]) == Some(2 + 2 * l) {
                    j += 1;
                }
                out.push((i, j, l));
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::model::{Origin, Range as R};

    fn span(s: usize, e: usize, l: &str) -> Span {
        Span::new(format!("e{s}"), R::new(s, e).unwrap(), l, Origin::Editor).unwrap()
    }

    #[test]
    fn the_rule_places_spans_on_tokens() {
        // "قال لروسيا إن وزارة الخارجية" : token ranges in code points.
        let ranges = [(0, 3), (4, 10), (11, 13), (14, 19), (20, 28)];
        let labels: Vec<String> = ["PER", "LOC", "ORG", "MISC"].map(String::from).to_vec();
        // A span after the proclitic ل (5 of 6 code points) takes the whole token; a span of an
        // unknown label leaves its tokens missing; everything else is outside.
        let spans = [span(5, 10, "LOC"), span(14, 28, "DATE")];
        let t = Teaching::new(&spans, &ranges, &[0; 5], &labels);
        let all = (1 << 9) - 1;
        assert_eq!(t.masks(0..5, 1, all), vec![1, 1 << 3, 1, all, all]);
        assert_eq!((t.spans, t.skipped, t.unknown), (1, 0, 1));
        // Two tokens; an overlapping later span is skipped and leaves its other tokens missing.
        let spans = [span(14, 28, "ORG"), span(20, 28, "PER")];
        let t = Teaching::new(&spans, &ranges, &[0; 5], &labels);
        assert_eq!(t.masks(3..5, 1, all), vec![1 << 5, 1 << 6]);
        assert_eq!(t.skipped, 1);
        // A span touching a token by one code point does not take it.
        let t = Teaching::new(&[span(9, 13, "PER")], &ranges, &[0; 5], &labels);
        assert_eq!(t.masks(0..5, 1, all), vec![1, 1, 1 << 1, 1, 1]);
        // A span crossing a sentence break begins again in the next sentence.
        let t = Teaching::new(&[span(11, 28, "ORG")], &ranges, &[0, 0, 0, 1, 1], &labels);
        assert_eq!(t.masks(0..5, 1, all), vec![1, 1, 1 << 5, 1 << 5, 1 << 6]);
        assert_eq!(fixed_spans(&t.masks(0..5, 1, all)), vec![(2, 3, 2), (3, 5, 2)]);
    }
}
