//! Tokens whose boundaries include every annotation edge, for the token-based formats.
//!
//! The engine's tokenizer ([`crate::nlp::tokenize`]) keeps Arabic proclitics on their word
//! ("لروسيا" is one token), while a span may start after them (ل + [روسيا]). Token-based formats
//! (spaCy/Prodigy, CoNLL) need every span edge on a token edge, so tokens are cut at span edges.

use std::collections::{BTreeSet, HashSet};

use crate::nlp::normalize::{analyses, clitic, is_arabic_diacritic, normalize_char, normalize_key};
use crate::nlp::tokenize::{sentences, tokenize_chars, Token, TokenKind};

/// One token: code point offsets, end exclusive; `ws` when a single space follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub ws: bool,
}

fn cut_points(chars: &[char], base: &[Token], edges: &[usize]) -> Vec<usize> {
    let mut b: BTreeSet<usize> = BTreeSet::new();
    b.insert(0);
    b.insert(chars.len());
    for t in base {
        b.insert(t.start);
        b.insert(t.end);
    }
    b.extend(edges.iter().copied().filter(|&e| e <= chars.len()));
    b.into_iter().collect()
}

/// spaCy-style tokens covering the whole text: words and punctuation from the tokenizer, cut at
/// every offset in `starts`/`ends` (span edges), and the whitespace between them. A single space
/// after a token becomes its `ws` flag (unless a span starts at it or ends just after it);
/// any other whitespace (line breaks, runs of spaces) and skipped characters become tokens of their
/// own, as spaCy does. Joining `text + (" " if ws)` over the tokens gives back the text exactly.
pub fn covering(chars: &[char], starts: &HashSet<usize>, ends: &HashSet<usize>) -> Vec<Tok> {
    let base = tokenize_chars(chars);
    let edges: Vec<usize> = starts.iter().chain(ends.iter()).copied().collect();
    let cuts = cut_points(chars, &base, &edges);
    let mut in_token = vec![false; chars.len()];
    for t in &base {
        for v in &mut in_token[t.start..t.end] {
            *v = true;
        }
    }
    let mut out: Vec<Tok> = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (mut a, c) = (w[0], w[1]);
        if a >= c {
            continue;
        }
        if !in_token[a] && chars[a] == ' ' && !starts.contains(&a) && !ends.contains(&(a + 1)) {
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
/// ranges (the spans).
pub fn words(
    chars: &[char],
    edges: &HashSet<usize>,
    split_clitics: bool,
    keep_together: &[(usize, usize)],
) -> (Vec<Tok>, Vec<std::ops::Range<usize>>) {
    let base = tokenize_chars(chars);
    let mut sent_starts: HashSet<usize> = HashSet::new();
    for s in sentences(chars, &base) {
        if let Some(t) = base.get(s.start) {
            sent_starts.insert(t.start);
        }
    }
    let mut out = Vec::with_capacity(base.len() + edges.len());
    for t in &base {
        let mut inner: Vec<usize> = edges.iter().copied().filter(|&e| e > t.start && e < t.end).collect();
        inner.sort_unstable();
        let mut a = t.start;
        for e in inner.into_iter().chain(std::iter::once(t.end)) {
            if split_clitics && t.kind == TokenKind::Word && !edges.contains(&a) {
                if let Some(k) = clitic_len(&chars[a..e]) {
                    out.push(Tok { start: a, end: a + k, ws: false });
                    a += k;
                }
            }
            out.push(Tok { start: a, end: e, ws: false });
            a = e;
        }
    }
    // Sentence breaks, moved past any span that crosses them.
    let mut sents = Vec::new();
    let mut from = 0;
    for (i, t) in out.iter().enumerate() {
        if i > from && sent_starts.contains(&t.start) && !keep_together.iter().any(|&(s, e)| s < t.start && t.start < e)
        {
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
        let starts: HashSet<usize> = [12].into_iter().collect();
        let ends: HashSet<usize> = [17].into_iter().collect();
        let toks = covering(&chars, &starts, &ends);
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
