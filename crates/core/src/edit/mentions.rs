//! Finding words of the text by their normalised keys: the other mentions of a span ("apply to all
//! mentions") and the fullest mention of a speaker.

use std::collections::HashSet;

use crate::model::{Coverage, ModelError, Range, Span};
use crate::nlp::normalize::{analyses, clitic, normalize_key};
use crate::nlp::tokenize::{tokenize_chars, TokenKind};

use super::snap::{choose_cut, original_cut, Clitics};

/// Normalised keys of the words and numbers of `chars`.
fn word_keys(chars: &[char]) -> Vec<String> {
    tokenize_chars(chars)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| normalize_key(&chars[t.start..t.end].iter().collect::<String>()))
        .collect()
}

/// How a token matches the first word of a mention: `Some(None)` as it is (or through "لل"),
/// `Some(Some(p))` after `p` normalised letters of proclitics; `None` not at all.
fn first_match(key: &str, base: &str, bare: &str) -> Option<Option<usize>> {
    if key == base {
        return Some(None);
    }
    if !(key.ends_with(base) || key.ends_with(bare)) || !key.starts_with(crate::lang::is_arabic_letter) {
        return None;
    }
    let kchars: Vec<char> = key.chars().collect();
    let mut through_ll = false;
    for a in analyses(key) {
        if a.prefix_len == 0 || a.flags & (clitic::AL | clitic::SA) != 0 || a.stem != base {
            continue;
        }
        if kchars[a.prefix_len..].iter().copied().eq(a.stem.chars()) {
            return Some(Some(a.prefix_len));
        }
        through_ll = true;
    }
    through_ll.then_some(None)
}

/// The mentions of the words of `src` in `text` that no span of `spans` overlaps, in text order
/// (see the `edit` module documentation for how words are compared). With [`Clitics::Strip`] a
/// mention's proclitics are left out of its range.
pub(super) fn other_mentions(
    text: &[char],
    src: Range,
    spans: &[Span],
    clitics: Clitics,
) -> Result<Vec<Range>, ModelError> {
    let tokens = tokenize_chars(text);
    let keys: Vec<String> =
        tokens.iter().map(|t| normalize_key(&text[t.start..t.end].iter().collect::<String>())).collect();
    // The source's tokens, clipped to the span.
    let mut want: Vec<String> = Vec::new();
    let mut first_chars: Vec<char> = Vec::new();
    // Capitalised words only match capitalised words ("US" is not "us").
    let mut caps: Vec<bool> = Vec::new();
    for t in tokens.iter().filter(|t| t.start < src.end() && t.end > src.start()) {
        let (a, b) = (t.start.max(src.start()), t.end.min(src.end()));
        if want.is_empty() {
            first_chars = text[a..b].to_vec();
        }
        want.push(normalize_key(&text[a..b].iter().collect::<String>()));
        caps.push(text[a].is_uppercase());
    }
    if want.is_empty() {
        return Ok(Vec::new());
    }
    // The source may carry proclitics itself (spans made with Clitics::Keep).
    let evidence: HashSet<&str> = keys.iter().map(String::as_str).collect();
    let cut = choose_cut(&first_chars, |stem| evidence.contains(stem));
    if cut > 0 {
        want[0] = normalize_key(&first_chars[cut..].iter().collect::<String>());
    }
    let base = want[0].clone();
    let bare = base.strip_prefix("ال").filter(|b| !b.is_empty()).unwrap_or(&base).to_string();
    // Existing coverage.
    let cover = Coverage::new(spans.iter().map(|s| (s.start(), s.end())));
    let covered = |a: usize, b: usize| cover.overlaps(a, b);
    let n = want.len();
    let mut found: Vec<Range> = Vec::new();
    let mut last_end = 0;
    let mut t = 0;
    while t + n <= tokens.len() {
        let Some(skip) = first_match(&keys[t], &base, &bare) else {
            t += 1;
            continue;
        };
        if keys[t + 1..t + n] != want[1..] || (0..n).any(|k| caps[k] && !text[tokens[t + k].start].is_uppercase()) {
            t += 1;
            continue;
        }
        let first = tokens[t];
        let cut = match (clitics, skip) {
            (Clitics::Strip, Some(p)) => original_cut(&text[first.start..first.end], p),
            _ => 0,
        };
        let (a, b) = (first.start + cut, tokens[t + n - 1].end);
        if a < b && a >= last_end && !covered(a, b) {
            found.push(Range::new(a, b)?);
            last_end = b;
            t += n;
        } else {
            t += 1;
        }
    }
    Ok(found)
}

/// The fullest mention of a speaker: the text of the span of `spans` (of `label`, or any label) whose
/// normalised words contain the speaker's as a run and are the most; else the speaker's text.
pub(super) fn fullest_name(text: &[char], spans: &[Span], label: Option<&str>, speaker: Range) -> String {
    let slice = |r: Range| text[r.start()..r.end()].iter().collect::<String>();
    let own = slice(speaker);
    let words = word_keys(&text[speaker.start()..speaker.end()]);
    if words.is_empty() {
        return own.trim().to_string();
    }
    // The speaker's first word may carry proclitics ("ولافروف").
    let mut firsts = vec![words[0].clone()];
    let kchars: Vec<char> = words[0].chars().collect();
    for a in analyses(&words[0]) {
        if a.prefix_len > 0
            && a.flags & (clitic::AL | clitic::SA) == 0
            && kchars[a.prefix_len..].iter().copied().eq(a.stem.chars())
        {
            firsts.push(a.stem);
        }
    }
    let mut best: Option<(usize, Range)> = None;
    for s in spans {
        if label.is_some_and(|l| s.label() != l) {
            continue;
        }
        let theirs = word_keys(&text[s.start()..s.end()]);
        let n = theirs.len();
        if n > best.map_or(words.len(), |b| b.0)
            && theirs.windows(words.len()).any(|w| firsts.contains(&w[0]) && w[1..] == words[1..])
        {
            best = Some((n, s.range()));
        }
    }
    best.map_or_else(|| own.trim().to_string(), |(_, r)| slice(r).trim().to_string())
}
