//! IOB2 (BIO) tags as the tagger numbers them, and tagged sentences.
//!
//! Tag 0 is `O`; label `l` (an index into the tagger's labels) has `B` = 1 + 2l and `I` = 2 + 2l.
//! Decoding only follows the transitions [`allowed`] permits, so a predicted `I` always continues
//! a span of its own label; [`spans_from_tags`] still reads any sequence (gold data may start a span
//! with `I`).

/// A training or evaluation sentence: words and their IOB2 tags.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// Tokens.
    pub words: Vec<String>,
    /// IOB2 tags, one per token.
    pub tags: Vec<String>,
}

/// Tag index helpers: tag 0 is `O`, label `l` has `B` = 1 + 2l and `I` = 2 + 2l.
pub fn n_tags(n_labels: usize) -> usize {
    1 + 2 * n_labels
}

/// Parses an IOB2 tag string against `labels`; unknown labels map to `O`.
pub fn tag_index(tag: &str, labels: &[String]) -> usize {
    let (bi, name) = match tag.split_once('-') {
        Some((p, n)) => (p, n),
        None => return 0,
    };
    match labels.iter().position(|l| l == name) {
        Some(l) if bi == "B" => 1 + 2 * l,
        Some(l) if bi == "I" => 2 + 2 * l,
        _ => 0,
    }
}

/// True when tag `b` may follow tag `a` (`a = None` at sentence start) in IOB2.
#[inline]
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    match a {
        None => false,
        Some(a) => a != 0 && a.div_ceil(2) == b / 2,
    }
}

/// Spans from a tag sequence (an `I` without its `B` starts a span).
pub fn spans_from_tags(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let label = if t == 0 { None } else { Some((t - 1) / 2) };
        let is_b = t % 2 == 1;
        if let Some((s, l)) = cur {
            if t == 0 || is_b || label != Some(l) {
                out.push((s, i, l));
                cur = None;
            }
        }
        if let Some(l) = label {
            if cur.is_none() {
                cur = Some((i, l));
            }
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn constraints() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert_eq!(spans_from_tags(&[1, 2, 0, 3, 1]), vec![(0, 2, 0), (3, 4, 1), (4, 5, 0)]);
        assert_eq!(spans_from_tags(&[2, 2]), vec![(0, 2, 0)]);
    }
}
