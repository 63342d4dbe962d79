//! Selections to span boundaries, and boundary steps: [`snap`], [`step_token`], [`step_char`].
//!
//! Everything works in code points in logical order, whatever the direction of the script, and
//! reads only the words around the selection, never the whole text (except for the stem lookup
//! below, which is cached). With [`Clitics::Strip`] the Arabic conjunctions و ف and prepositions
//! ب ل ك at the start of a selection are left out:
//! - always before the article, which stays with the name: "بالقاهرة" -> "القاهرة",
//!   "والمغرب" -> "المغرب", "وللرئيس" -> "للرئيس" (in "لل" the article's alef is elided, so the
//!   ل cannot be split off and the token is kept whole);
//! - before a word without the article only when the stem also occurs as a word of its own in the
//!   text ("لروسيا" -> "روسيا", "وبوتين" -> "بوتين"), because many names begin with these
//!   letters ("لبنان", "بريطانيا", "واشنطن", "فلسطين", "كندا") and must not lose them;
//! - and wherever the selection itself starts right after a proclitic ("ب|ريطانيا" is taken as
//!   the editor chose it).
//!
//! The proclitic cuts ([`clitic_cuts`], [`choose_cut`], [`original_cut`]) are shared with
//! "apply to all mentions" (`mentions`), which decides the same way for every mention.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::rc::Rc;

use crate::nlp::normalize::{analyses, clitic, normalize_char, normalize_key};
use crate::nlp::tokenize::{is_mark, tokenize_chars, Token, TokenKind};

/// Whether Arabic proclitics at the start of a selection or mention are left out of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Clitics {
    /// Leave out و ف ب ل ك (see the `snap` module documentation for when).
    #[default]
    Strip,
    /// Keep them in the span (as ANERcorp does).
    Keep,
}

/// How a selection becomes a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Snap {
    /// Whole tokens, without spaces, punctuation or emoji at either end.
    #[default]
    Tokens,
    /// The characters selected, without whitespace at either end (Alt held).
    Exact,
}

/// Which boundary of a span moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    Start,
    End,
}

/// Code points of `word` taken by its first `n` normalised letters and the marks after them.
pub(super) fn original_cut(word: &[char], n: usize) -> usize {
    let (mut seen, mut i) = (0, 0);
    while i < word.len() && seen < n {
        if normalize_char(word[i]).is_some() {
            seen += 1;
        }
        i += 1;
    }
    while i < word.len() && normalize_char(word[i]).is_none() {
        i += 1;
    }
    i
}

/// The ways to split Arabic proclitics (conjunctions, prepositions, not the article) off `word`:
/// `(code points cut, stem key, certain)`, longest cut first. A cut is certain when the stem starts
/// with the article (ال or لل) and keeps at least two letters after it.
pub(super) fn clitic_cuts(word: &[char]) -> Vec<(usize, String, bool)> {
    if !word.first().is_some_and(|&c| crate::lang::is_arabic_letter(c)) {
        return Vec::new();
    }
    let key = normalize_key(&word.iter().collect::<String>());
    let kchars: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    for a in analyses(&key) {
        if a.prefix_len == 0 || a.flags & (clitic::AL | clitic::SA) != 0 {
            continue;
        }
        if !kchars[a.prefix_len..].iter().copied().eq(a.stem.chars()) {
            continue;
        }
        let sure = (a.stem.starts_with("ال") || a.stem.starts_with("لل")) && a.stem.chars().count() >= 4;
        out.push((original_cut(word, a.prefix_len), a.stem, sure));
    }
    crate::sort::sort_by_key(&mut out, |c| Reverse(c.0));
    out
}

/// How many code points of proclitics to leave out of `word` (see the module documentation).
pub(super) fn choose_cut(word: &[char], mut known: impl FnMut(&str) -> bool) -> usize {
    clitic_cuts(word).into_iter().find(|(_, stem, sure)| *sure || known(stem)).map_or(0, |c| c.0)
}

/// Tokens of `chars` overlapping `a..b`, the window widened to whitespace so that every token is
/// whole (no token crosses whitespace, so they are the tokens of the whole text).
fn tokens_near(chars: &[char], a: usize, b: usize) -> Vec<Token> {
    let n = chars.len();
    let mut lo = a.min(n);
    while lo > 0 && !chars[lo - 1].is_whitespace() {
        lo -= 1;
    }
    let mut hi = b.min(n).max(lo);
    while hi < n && !chars[hi].is_whitespace() {
        hi += 1;
    }
    tokenize_chars(&chars[lo..hi])
        .into_iter()
        .map(|t| Token { start: t.start + lo, end: t.end + lo, kind: t.kind })
        .collect()
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Turns a selection `start..end` (code points, either order) into span boundaries, or `None`
/// when nothing is left. [`Snap::Tokens`] widens to whole tokens and drops punctuation (Arabic
/// ، ؛ ؟ and quotation marks included) and emoji at either end, then with [`Clitics::Strip`] leaves
/// out leading Arabic proclitics; [`Snap::Exact`] only trims whitespace (and invisible format
/// characters) at either end.
pub fn snap(text: &str, start: usize, end: usize, mode: Snap, clitics: Clitics) -> Option<(usize, usize)> {
    // Only the selection's neighbourhood is decoded into characters: from the whitespace before it
    // to the whitespace after it (no token crosses whitespace, so its tokens are those of the
    // whole text). A key press on a long document must not copy the whole text.
    let (at, s) = crate::offsets::byte_at_cp(text, start.min(end));
    let (len, n) = crate::offsets::byte_at_cp(&text[at..], start.max(end) - s);
    let from = text[..at].rfind(char::is_whitespace).unwrap_or(0);
    let to = text[at + len..].find(char::is_whitespace).map_or(text.len(), |k| at + len + k);
    let chars: Vec<char> = text[from..to].chars().collect();
    let lo = s - crate::offsets::cp_len(&text[from..at]);
    let (mut s, mut e) = (s - lo, s - lo + n);
    match mode {
        Snap::Exact => {
            while s < e && is_invisible(chars[s]) {
                s += 1;
            }
            while e > s && is_invisible(chars[e - 1]) {
                e -= 1;
            }
            (s < e).then_some((lo + s, lo + e))
        }
        Snap::Tokens => {
            if s == e {
                return None;
            }
            let toks: Vec<Token> = tokens_near(&chars, s, e)
                .into_iter()
                .filter(|t| t.start < e && t.end > s)
                .skip_while(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Emoji))
                .collect();
            let last = toks.iter().rposition(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Emoji))?;
            let (first, last) = (toks[0], toks[last]);
            let mut a = first.start;
            if clitics == Clitics::Strip && first.kind == TokenKind::Word {
                let word = &chars[first.start..first.end];
                let mut known: Option<Rc<HashSet<String>>> = None;
                // A selection that starts right after a proclitic is taken as it is.
                let chosen =
                    s.checked_sub(first.start).filter(|&c| c > 0 && clitic_cuts(word).iter().any(|x| x.0 == c));
                a += chosen.unwrap_or_else(|| {
                    choose_cut(word, |stem| known.get_or_insert_with(|| word_keys_of(text)).contains(stem))
                });
            }
            (a < last.end).then_some((lo + a, lo + last.end))
        }
    }
}

thread_local! {
    /// The normalised keys of the words of the last text [`snap()`] looked a stem up in, with a
    /// hash of that text.
    ///
    /// Why it exists (measured): with [`Clitics::Strip`], a selected word that may begin with
    /// و ف ب ل ك and whose stem is not certain keeps those letters unless the stem is a word of
    /// the text, so [`snap()`] needs the set of the text's word keys, and building it tokenizes and
    /// normalises the whole text. On a 100,000-character Arabic text that took **8.0 ms** per
    /// call natively at the web build's opt-level "z", so such an insert went over the 16 ms
    /// key-press budget; with the set kept for the last text, the same 20 calls average
    /// **1.6 ms** including the first, which builds it (docs/BENCHMARKS.md, "Editing (issue 5)").
    ///
    /// Why one entry, keyed by a hash: a document's text never changes and the next selection is
    /// nearly always in the same text. The key is a 64-bit FNV-1a hash of the text mixed with its
    /// length, so another text is answered from the cache only on a hash collision (a test,
    /// `stem_lookup_follows_the_text_at_hand`, alternates two texts). Why thread-local: `snap` is a
    /// free function called from the page's event handlers (one thread) and from tests running in
    /// parallel; each thread keeps its own entry, with no lock and nothing added to the API.
    static WORD_KEYS: std::cell::RefCell<Option<(u64, Rc<HashSet<String>>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The normalised keys of the words of `text` (cached for the last text asked about, see
/// `WORD_KEYS`).
fn word_keys_of(text: &str) -> Rc<HashSet<String>> {
    let id = crate::nlp::hash::fnv1a64(text.as_bytes()) ^ (text.len() as u64).rotate_left(32);
    WORD_KEYS.with(|cache| {
        if let Some((k, keys)) = &*cache.borrow() {
            if *k == id {
                return Rc::clone(keys);
            }
        }
        let all: Vec<char> = text.chars().collect();
        let keys: HashSet<String> = tokenize_chars(&all)
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| normalize_key(&all[t.start..t.end].iter().collect::<String>()))
            .collect();
        let keys = Rc::new(keys);
        *cache.borrow_mut() = Some((id, Rc::clone(&keys)));
        keys
    })
}

/// Where a span boundary at `pos` moves by one token: forward to the next token's start
/// ([`Edge::Start`]) or end ([`Edge::End`]) after `pos`, backward to the previous one before `pos`.
/// Punctuation is stepped over. Returns `pos` when there is no token in that direction.
pub fn step_token(text: &str, pos: usize, forward: bool, edge: Edge) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let pos = pos.min(n);
    let at = |t: &Token| if edge == Edge::Start { t.start } else { t.end };
    let mut width = 64;
    loop {
        let (a, b) = if forward { (pos, pos.saturating_add(width)) } else { (pos.saturating_sub(width), pos) };
        let toks = tokens_near(&chars, a, b);
        let words = toks.iter().filter(|t| t.kind != TokenKind::Punct);
        let hit = if forward { words.map(at).find(|&p| p > pos) } else { words.map(at).rev().find(|&p| p < pos) };
        if let Some(p) = hit {
            return p;
        }
        if (forward && b >= n) || (!forward && a == 0) {
            return pos;
        }
        width = width.saturating_mul(2);
    }
}

/// Where a boundary at `pos` moves by one character: one code point, never leaving a combining
/// mark apart from its letter.
pub fn step_char(text: &str, pos: usize, forward: bool) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut p = pos.min(n);
    if forward {
        if p < n {
            p += 1;
        }
        while p < n && is_mark(chars[p]) {
            p += 1;
        }
    } else {
        p = p.saturating_sub(1);
        while p > 0 && is_mark(chars[p]) {
            p -= 1;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use proptest::prelude::*;

    use super::*;
    use crate::edit::tests::{find, PT};

    fn snapped(text: &str, sel: (usize, usize), mode: Snap, clitics: Clitics) -> Option<String> {
        snap(text, sel.0, sel.1, mode, clitics).map(|(a, b)| text.chars().skip(a).take(b - a).collect())
    }

    #[test]
    fn snapping_arabic_clitics() {
        let text = "قال بوتين إن روسيا ولبنان؛ وبوتين لروسيا بالقاهرة وللرئيس لبنان بريطانيا.";
        let t = |w: &str, c| snapped(text, find(text, w, 0), Snap::Tokens, c);
        let s = Clitics::Strip;
        assert_eq!(t("لروسيا", s).as_deref(), Some("روسيا"));
        assert_eq!(t("وبوتين", s).as_deref(), Some("بوتين"));
        assert_eq!(t("بالقاهرة", s).as_deref(), Some("القاهرة"));
        assert_eq!(t("وللرئيس", s).as_deref(), Some("للرئيس"));
        // No evidence that these begin with a proclitic: kept whole.
        assert_eq!(t("لبنان بريطانيا", s).as_deref(), Some("لبنان بريطانيا"));
        assert_eq!(t("بريطانيا", s).as_deref(), Some("بريطانيا"));
        assert_eq!(t("لروسيا", Clitics::Keep).as_deref(), Some("لروسيا"));
        // Part of a word widens to the word; "ولبنان" loses و since "لبنان" is a word of the text.
        let (a, _) = find(text, "ولبنان", 0);
        assert_eq!(snapped(text, (a + 3, a + 5), Snap::Tokens, s).as_deref(), Some("لبنان"));
        // A selection starting right after a proclitic is kept, evidence or not.
        let (a, b) = find(text, "بريطانيا", 0);
        assert_eq!(snapped(text, (a + 1, b), Snap::Tokens, s).as_deref(), Some("ريطانيا"));
        assert_eq!(snapped(text, (a + 1, b), Snap::Tokens, Clitics::Keep).as_deref(), Some("بريطانيا"));
        let (a, b) = find(text, "بالقاهرة", 0);
        assert_eq!(snapped(text, (a + 2, b), Snap::Tokens, s).as_deref(), Some("القاهرة"));
    }

    /// The word keys a proclitic decision looks stems up in are those of the text at hand, even
    /// though the last text's keys are kept: "لبنان" keeps its ل unless "بنان" is a word of the text.
    #[test]
    fn stem_lookup_follows_the_text_at_hand() {
        let a = "ذهب إلى لبنان أمس";
        let b = "بنان و لبنان أمس";
        for _ in 0..2 {
            assert_eq!(snap(a, 8, 13, Snap::Tokens, Clitics::Strip), Some((8, 13)));
            assert_eq!(snap(b, 7, 12, Snap::Tokens, Clitics::Strip), Some((8, 12)));
        }
    }

    #[test]
    fn snapping_reads_only_around_the_selection_and_counts_code_points_from_the_start() {
        // The same selection snaps the same way after a long prefix (with multi-byte characters),
        // shifted by the prefix's length in code points; the edges of the text are handled.
        let text = "«الكرملين»، قال 👍🏽 لروسيا وبريطانيا: (Lavrov) \"NATO\"";
        let prefix = "قال الوزير 👍🏽 Lopez\n".repeat(300);
        let shift = prefix.chars().count();
        let long = format!("{prefix}{text}");
        let n = text.chars().count();
        for a in 0..=n {
            for b in [a, a + 1, a + 3, a + 9, n, n + 5] {
                for mode in [Snap::Tokens, Snap::Exact] {
                    for clitics in [Clitics::Strip, Clitics::Keep] {
                        let here = snap(text, a, b, mode, clitics);
                        let there =
                            snap(&long, shift + a, shift + b, mode, clitics).map(|(s, e)| (s - shift, e - shift));
                        // Only the clitic choice may differ: it asks whether the stem is a word of
                        // the whole text, and the prefix has other words.
                        if clitics == Clitics::Keep || here.is_none() {
                            assert_eq!(here, there, "{a}..{b} {mode:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(snap(text, n + 3, n + 9, Snap::Exact, Clitics::Strip), None);
        assert_eq!(snap("", 0, 4, Snap::Tokens, Clitics::Strip), None);
    }

    #[test]
    fn snapping_punctuation_emoji_and_marks() {
        let text = "«الكرملين»، قال 👍🏽 مُحَمَّدٌ: (Lavrov) \"NATO\" ؟";
        let (a, b) = find(text, "«الكرملين»،", 0);
        assert_eq!(snapped(text, (a, b), Snap::Tokens, Clitics::Strip).as_deref(), Some("الكرملين"));
        let (a, b) = find(text, "👍🏽 مُحَمَّدٌ:", 0);
        let got = snap(text, a, b, Snap::Tokens, Clitics::Strip).unwrap();
        // Code points: the emoji and its modifier count two.
        assert_eq!(got, (a + 3, a + 3 + "مُحَمَّدٌ".chars().count()));
        // A selection ending between a letter and its marks takes the marks.
        let (m, _) = find(text, "مُحَمَّدٌ", 0);
        assert_eq!(snapped(text, (m, m + 3), Snap::Tokens, Clitics::Strip).as_deref(), Some("مُحَمَّدٌ"));
        let (a, b) = find(text, "(Lavrov) \"NATO\" ؟", 0);
        assert_eq!(snapped(text, (b, a), Snap::Tokens, Clitics::Strip).as_deref(), Some("Lavrov) \"NATO"));
        let (a, b) = find(text, "\"NATO\"", 0);
        assert_eq!(snapped(text, (a, b), Snap::Tokens, Clitics::Strip).as_deref(), Some("NATO"));
        let (a, b) = find(text, " ؟", 0);
        assert_eq!(snap(text, a, b, Snap::Tokens, Clitics::Strip), None);
        assert_eq!(snap(text, 3, 3, Snap::Tokens, Clitics::Strip), None);
        // Exact keeps characters, trimming only whitespace.
        let (a, b) = find(text, " قال 👍", 0);
        assert_eq!(snapped(text, (a, b), Snap::Exact, Clitics::Strip).as_deref(), Some("قال 👍"));
        assert_eq!(snap(text, a, a + 1, Snap::Exact, Clitics::Strip), None);
        assert_eq!(snap("ab", 0, 99, Snap::Exact, Clitics::Strip), Some((0, 2)));
    }

    #[test]
    fn stepping_boundaries() {
        let text = "قال سيرغي لافروف، 👍🏽 إن مُحَمَّدٌ";
        let (s, e) = find(text, "سيرغي", 0);
        let (l0, l1) = find(text, "لافروف", 0);
        assert_eq!(step_token(text, e, true, Edge::End), l1);
        assert_eq!(step_token(text, l1, false, Edge::End), e);
        assert_eq!(step_token(text, s, true, Edge::Start), l0);
        assert_eq!(step_token(text, s, false, Edge::Start), 0);
        assert_eq!(step_token(text, 0, false, Edge::Start), 0);
        // Punctuation is stepped over; emoji are tokens.
        let (em, _) = find(text, "👍🏽", 0);
        assert_eq!(step_token(text, l1, true, Edge::End), em + 2);
        let n = text.chars().count();
        assert_eq!(step_token(text, n, true, Edge::End), n);
        // Characters: marks stay with their letter.
        let (m, _) = find(text, "مُحَمَّدٌ", 0);
        assert_eq!(step_char(text, m, true), m + 2);
        assert_eq!(step_char(text, m + 2, false), m);
        assert_eq!(step_char(text, n, true), n);
        assert_eq!(step_char(text, 0, false), 0);
        // A long gap without tokens still finds the next one.
        let far = format!("a{}b", " ".repeat(500));
        assert_eq!(step_token(&far, 1, true, Edge::End), 502);
        assert_eq!(step_token(&far, 502, false, Edge::Start), 501);
        assert_eq!(step_token(&far, 501, false, Edge::Start), 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn snapping_stays_in_the_selection_text(a in 0usize..80, b in 0usize..80, exact: bool, keep: bool) {
            let mode = if exact { Snap::Exact } else { Snap::Tokens };
            let clitics = if keep { Clitics::Keep } else { Clitics::Strip };
            if let Some((s, e)) = snap(PT, a, b, mode, clitics) {
                let n = PT.chars().count();
                prop_assert!(s < e && e <= n);
                let chars: Vec<char> = PT.chars().collect();
                prop_assert!(!chars[s].is_whitespace() && !chars[e - 1].is_whitespace());
                if exact {
                    prop_assert!(s >= a.min(b) && e <= a.max(b));
                } else {
                    // Snapping twice changes nothing.
                    prop_assert_eq!(snap(PT, s, e, mode, clitics), Some((s, e)));
                }
            }
        }
    }
}
