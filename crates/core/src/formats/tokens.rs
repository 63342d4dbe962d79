//! Tokens whose boundaries include every annotation edge, for the token-based formats.
//!
//! The engine's tokenizer ([`crate::nlp::tokenize`]) keeps Arabic proclitics on their word
//! ("لروسيا" is one token), while a span may start after them (ل + روسيا). Token-based formats
//! (spaCy/Prodigy, CoNLL) need every span edge on a token edge, so tokens are cut at span edges.

use crate::nlp::normalize::{analyses, clitic, is_arabic_diacritic, normalize_char, normalize_key};
use crate::nlp::tokenize::{sentences, tokenize_chars, Token, TokenKind};

/// One token: code point offsets, end exclusive; `ws` when a single space follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub ws: bool,
}

/// Sorted, deduplicated edges inside `0..=len`.
fn sorted_edges(edges: impl Iterator<Item = usize>, len: usize) -> Vec<usize> {
    let mut v: Vec<usize> = edges.filter(|&e| e <= len).collect();
    crate::sort::sort_by(&mut v, |a, b| a.cmp(b));
    v.dedup();
    v
}

/// Pushes `a..c` cut at every edge strictly inside it (`edges` sorted; `k` is the cursor into it).
fn cut(a: usize, c: usize, edges: &[usize], k: &mut usize, out: &mut Vec<(usize, usize, bool)>, word: bool) {
    while *k < edges.len() && edges[*k] <= a {
        *k += 1;
    }
    let mut from = a;
    while *k < edges.len() && edges[*k] < c {
        out.push((from, edges[*k], word));
        from = edges[*k];
        *k += 1;
    }
    out.push((from, c, word));
}

/// The tokenizer's tokens and the gaps between them, in order, cut at every edge: `(start, end, is_token)`.
fn pieces(chars: &[char], base: &[Token], edges: &[usize], with_gaps: bool) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::with_capacity(base.len() * 2 + edges.len());
    let mut k = 0;
    let mut at = 0;
    for t in base {
        if with_gaps && at < t.start {
            cut(at, t.start, edges, &mut k, &mut out, false);
        }
        cut(t.start, t.end, edges, &mut k, &mut out, true);
        at = t.end;
    }
    if with_gaps && at < chars.len() {
        cut(at, chars.len(), edges, &mut k, &mut out, false);
    }
    out
}

/// spaCy-style tokens covering the whole text: words and punctuation from the tokenizer, cut at
/// every offset in `starts`/`ends` (span edges, each sorted), and the whitespace between them. A
/// single space after a token becomes its `ws` flag (unless a span starts at it or ends just after
/// it); any other whitespace (line breaks, runs of spaces) and skipped characters become tokens of
/// their own, as spaCy does. Joining `text + (" " if ws)` over the tokens gives back the text exactly.
pub fn covering(chars: &[char], starts: &[usize], ends: &[usize]) -> Vec<Tok> {
    let base = tokenize_chars(chars);
    let edges = sorted_edges(starts.iter().chain(ends).copied(), chars.len());
    let mut out: Vec<Tok> = Vec::with_capacity(base.len() * 2);
    for (mut a, c, word) in pieces(chars, &base, &edges, true) {
        if !word && chars[a] == ' ' && starts.binary_search(&a).is_err() && ends.binary_search(&(a + 1)).is_err() {
            if let Some(prev) = out.last_mut() {
                if prev.end == a && !prev.ws {
                    prev.ws = true;
                    a += 1;
                }
            }
        }
        if a < c {
            out.push(Tok { start: a, end: c, ws: false });
        }
    }
    out
}

/// Word tokens only (no whitespace tokens), cut at every edge in `edges`; with `split_clitics`,
/// Arabic proclitics are cut off words that do not begin at an edge (see [`clitic_len`]). Returns
/// the tokens and the sentences as ranges of token indices; no sentence ends inside `keep_together`
/// ranges (the spans, sorted by start and not overlapping).
pub fn words(
    chars: &[char],
    edges: &[usize],
    split_clitics: bool,
    keep_together: &[(usize, usize)],
) -> (Vec<Tok>, Vec<std::ops::Range<usize>>) {
    let base = tokenize_chars(chars);
    let mut sent_starts: Vec<usize> =
        sentences(chars, &base).into_iter().filter_map(|s| base.get(s.start).map(|t| t.start)).collect();
    crate::sort::sort_by(&mut sent_starts, |a, b| a.cmp(b));
    let sorted = sorted_edges(edges.iter().copied(), chars.len());
    let mut out = Vec::with_capacity(base.len() + sorted.len());
    let mut next = 0; // cursor into `base`
    for (mut a, e, _) in pieces(chars, &base, &sorted, false) {
        while next < base.len() && base[next].start < a {
            next += 1;
        }
        let word_start = base.get(next).is_some_and(|t| t.start == a && t.kind == TokenKind::Word);
        if split_clitics && word_start && sorted.binary_search(&a).is_err() {
            if let Some(k) = clitic_len(&chars[a..e]) {
                out.push(Tok { start: a, end: a + k, ws: false });
                a += k;
            }
        }
        out.push(Tok { start: a, end: e, ws: false });
    }
    // Sentence breaks, moved past any span that crosses them.
    let inside_span = |p: usize| {
        let i = keep_together.partition_point(|&(s, _)| s < p);
        i > 0 && keep_together[i - 1].1 > p
    };
    let mut sents = Vec::new();
    let mut from = 0;
    for (i, t) in out.iter().enumerate() {
        if i > from && sent_starts.binary_search(&t.start).is_ok() && !inside_span(t.start) {
            sents.push(from..i);
            from = i;
        }
    }
    if from < out.len() {
        sents.push(from..out.len());
    }
    (out, sents)
}

/// Number of code points of the proclitics (و ف ب ل ك, not the article ال nor the future س) to
/// cut off an Arabic word, taking the shortest split that leaves a stem of at least three letters
/// (so "وبوتين" gives و + بوتين and "لروسيا" ل + روسيا). Diacritics stay with their letter.
pub fn clitic_len(word: &[char]) -> Option<usize> {
    if !word.first().is_some_and(|&c| crate::lang::is_arabic_letter(c)) {
        return None;
    }
    let s: String = word.iter().collect();
    let key = normalize_key(&s);
    let best = analyses(&key)
        .into_iter()
        .filter(|a| a.prefix_len > 0 && a.flags & (clitic::AL | clitic::SA) == 0)
        .map(|a| a.prefix_len)
        .min()?;
    // Walk the original letters until `best` normalised characters are consumed, then past marks.
    let mut kept = 0;
    let mut i = 0;
    while i < word.len() && kept < best {
        if normalize_char(word[i]).is_some() {
            kept += 1;
        }
        i += 1;
    }
    while i < word.len() && (is_arabic_diacritic(word[i]) || word[i] == '\u{0640}') {
        i += 1;
    }
    (kept == best && i < word.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn text_of(chars: &[char], toks: &[Tok]) -> String {
        let mut s = String::new();
        for t in toks {
            s.extend(&chars[t.start..t.end]);
            if t.ws {
                s.push(' ');
            }
        }
        s
    }

    #[test]
    fn covering_tokens_rebuild_text_and_honour_edges() {
        let text = "قال لافروف لروسيا  😀 Putin\r\nok";
        let chars: Vec<char> = text.chars().collect();
        let toks = covering(&chars, &[12], &[17]);
        assert_eq!(text_of(&chars, &toks), text);
        assert!(toks.iter().any(|t| t.start == 12));
        assert!(toks.iter().any(|t| t.end == 17));
        assert!(toks.iter().any(|t| chars[t.start..t.end] == ['\r', '\n']));
    }

    #[test]
    fn clitics() {
        let c = |s: &str| clitic_len(&s.chars().collect::<Vec<_>>());
        assert_eq!(c("لروسيا"), Some(1));
        assert_eq!(c("وبوتين"), Some(1));
        assert_eq!(c("قال"), None);
        assert_eq!(c("Putin"), None);
        assert_eq!(c("وَقال"), Some(2));
    }
}
