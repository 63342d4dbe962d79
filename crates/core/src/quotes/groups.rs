//! "Who said what": one row per person. The quotes of a document are grouped by who speaks them,
//! across the ways a name is written in one article:
//!
//! - Arabic transliteration variants: ج and غ for g (سيرغي / سيرجي), ي and ى, the hamza and alef
//!   forms, ة and ه, long vowels written or not (بوتين / بوتن), an attached proclitic (ولافروف);
//! - English case, accents, vowels spelled differently (Rohani / Rouhani), initials (J. Smith),
//!   the particles al-/el- (al-Assad / Assad), acronyms of a name (IDB / Inter-American
//!   Development Bank);
//! - titles and honorifics (الرئيس، جلالة، Mr., President) around the name, which are left out;
//! - a name with fewer words (the surname alone: لافروف after سيرغي لافروف, Mr. Smith after John
//!   Smith) joins the fuller name that contains it; when two fuller names contain it (two people
//!   called Smith with different first names), it joins the one whose quote came last before it.
//!
//! People and organisations are never grouped together when both are known from the speakers'
//! entity spans. The grouping reads each quote's `speaker_name` (else the text of its speaker
//! range): the editor merges two groups by giving their quotes one name, and splits a group by
//! giving some of its quotes another (`edit::Command::SetSpeakerName`, undoable).
//!
//! Linear in the number of quotes times the number of groups, each comparison a few words.

use std::collections::HashMap;

use super::lexicon::{self, norm_char};
use crate::model::{Document, Range};

/// One person or organisation and what they said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerGroup {
    /// A key for the group, stable while its fullest name does not change: the fullest name's
    /// words in their matching form (`group_key`). Unique within the result.
    pub key: String,
    /// The name to show: the fullest `speaker_name` of the group as written (most words, titles
    /// left out; the first in text order on a tie).
    pub display_name: String,
    /// The group's quote ids, in the document's order.
    pub quotes: Vec<String>,
    /// The speaker mentions of those quotes (distinct ranges, in text order).
    pub mentions: Vec<SpeakerMention>,
}

/// Where a group's speaker is named for one of its quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerMention {
    pub range: Range,
    /// The entity span the speaker is tied to, if any.
    pub span: Option<String>,
    /// The mention as written.
    pub text: String,
}

/// A name as compared: its words in matching form, titles left out.
#[derive(Debug, Clone)]
struct Name {
    /// As written (the quote's `speaker_name`), trimmed.
    written: String,
    words: Vec<String>,
    /// "PER", "ORG" or another label when known from the speaker's span.
    label: Option<String>,
    /// Quote indices, in document order.
    quotes: Vec<usize>,
}

/// One letter in matching form: `norm_char`, then the hamza carriers as alef or their vowel,
/// ج as غ (g), accents off common Latin letters.
fn fold(c: char) -> Option<char> {
    let c = norm_char(c)?;
    Some(match c {
        'ء' => 'ا',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ج' => 'غ',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي' | 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The consonant skeleton of a word in matching form: the first letter, then the letters that
/// are no vowel, doubled letters once ("سيرغي" and "سيرجي" give سرغ; "Rouhani" and "Rohani" rhn).
fn skeleton(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut prev = None;
    for (k, c) in w.chars().enumerate() {
        if (k > 0 && is_vowel(c)) || prev == Some(c) {
            prev = Some(c);
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The words of a name in matching form: letters folded, apostrophes and hyphens inside words
/// dropped, the article ال and al-/el- off, عبد joined to the word after it (عبد الله =
/// عبدالله), titles and honorifics left out (unless nothing else is left).
fn name_words(name: &str, lang: &str) -> Vec<String> {
    let lex = lexicon::lexicon(lang);
    let other = lexicon::lexicon(if lang.starts_with("ar") { "en" } else { "ar" });
    let is_title = |w: &str| {
        let h = lexicon::norm_hash(w);
        [lex, other].iter().any(|l| l.office.contains(&h) || l.honor.contains(&h))
    };
    let mut raw: Vec<String> = Vec::new();
    for w in name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '(' | ')')) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        // "al-Assad", "el-Baradei": the particle is left out ("Assad"). (ASCII case folding is
        // exact here: no other letter lowercases to a, e, l or -; `str::to_lowercase` would link
        // the standard library's case tables, about 11 KB of the page.)
        let particle = w.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("al-") || p.eq_ignore_ascii_case("el-"));
        let w = if particle { &w[3..] } else { w };
        let folded: String =
            w.chars().filter(|c| !matches!(c, '\'' | '’' | '-' | '.' | 'ـ')).filter_map(fold).collect();
        if folded.is_empty() {
            continue;
        }
        raw.push(folded);
    }
    let mut words: Vec<String> = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let mut w = raw[k].clone();
        // عبد + the next word is one name (عبد الله, عبد العزيز).
        if (w == "عبد" || w == "abd") && k + 1 < raw.len() {
            w.push_str(&raw[k + 1]);
            k += 1;
        }
        words.push(w);
        k += 1;
    }
    let kept: Vec<String> = words.iter().filter(|w| !is_title(w)).cloned().collect();
    let words = if kept.is_empty() { words } else { kept };
    words
        .into_iter()
        .map(|w| match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => r.to_string(),
            _ => w,
        })
        .collect()
}

/// Two words are the same name: the same skeleton (a short word: the same letters), an initial
/// ("J" for "John"), or an Arabic proclitic on one of them (ولافروف).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ka, kb) = (skeleton(a), skeleton(b));
    let short = ka.chars().count() < 3 || kb.chars().count() < 3;
    if !short && ka == kb {
        return true;
    }
    let initial =
        |x: &str, y: &str| x.chars().count() == 1 && x.chars().next() == y.chars().next() && y.chars().count() > 1;
    if initial(a, b) || initial(b, a) {
        return true;
    }
    let clitic = |x: &str, y: &str| {
        let mut it = x.chars();
        matches!(it.next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك'))
            && x.chars().count() >= 4
            && skeleton(it.as_str()) == skeleton(y)
            && skeleton(y).chars().count() >= 3
    };
    clitic(a, b) || clitic(b, a)
}

/// Every word of `small` is a distinct word of `big`.
fn contained(small: &[String], big: &[String]) -> bool {
    let mut used = vec![false; big.len()];
    small.iter().all(|w| {
        let hit = big.iter().enumerate().position(|(k, b)| !used[k] && same_word(w, b));
        if let Some(k) = hit {
            used[k] = true;
        }
        hit.is_some()
    })
}

/// `short` is an acronym of `long` (IDB, Inter-American Development Bank): the initials of the
/// long name's words, a hyphenated word counting once or for each part; "of", "for", "and",
/// "the" skipped).
fn acronym_of(short: &str, long: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) || short.contains(' ') {
        return false;
    }
    // Compared in lowercase (`case::lower`, the page's table; `char::to_uppercase` would link the
    // standard library's uppercase table, about 12 KB): the acronym's letters are all uppercase,
    // and an initial matches one when they are the same letter in either case.
    let want: Vec<char> = letters.iter().map(|&c| crate::case::lower(c)).collect();
    let skipped = |w: &str| ["of", "for", "and", "the", "de"].iter().any(|s| w.eq_ignore_ascii_case(s));
    let initials = |hyphens_split: bool| -> Vec<char> {
        long.split(|c: char| c.is_whitespace() || (hyphens_split && c == '-'))
            .filter(|w| !w.is_empty() && !skipped(w))
            .filter_map(|w| w.chars().next())
            .map(crate::case::lower)
            .collect()
    };
    initials(false) == want || initials(true) == want
}

/// A group's key: its name's words in matching form, skeletons joined by spaces.
fn group_key(words: &[String]) -> String {
    words.iter().map(|w| skeleton(w)).collect::<Vec<_>>().join(" ")
}

/// The document's speakers, one group per person or organisation, in the order of their first
/// quote. Quotes without a speaker are in no group.
pub fn speaker_groups(doc: &Document) -> Vec<SpeakerGroup> {
    let chars: Vec<char> = doc.text().chars().collect();
    let slice = |r: Range| chars.get(r.start()..r.end()).map(|c| c.iter().collect::<String>()).unwrap_or_default();
    // Distinct names as written.
    let mut names: Vec<Name> = Vec::new();
    let mut by_written: HashMap<(String, Option<String>), usize> = HashMap::new();
    for (k, q) in doc.quotes().iter().enumerate() {
        let Some(sp) = q.speaker() else { continue };
        let written = q.speaker_name().map_or_else(|| slice(sp.range()), str::to_string).trim().to_string();
        if written.is_empty() {
            continue;
        }
        let label = sp.span().and_then(|id| doc.span(id)).map(|s| s.label().to_string());
        let idx = *by_written.entry((written.clone(), label.clone())).or_insert_with(|| {
            names.push(Name { words: name_words(&written, doc.lang()), written, label, quotes: Vec::new() });
            names.len() - 1
        });
        names[idx].quotes.push(k);
    }
    // Fullest names first (most words, then text order), each joining the group that contains it.
    let mut order: Vec<usize> = (0..names.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| (std::cmp::Reverse(names[i].words.len()), names[i].quotes[0]));
    // Groups as (representative name, member names).
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in &order {
        let n = &names[i];
        let fits = |g: &(usize, Vec<usize>)| {
            let rep = &names[g.0];
            let labels_agree = match (&n.label, &rep.label) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            labels_agree
                && g.1.iter().any(|&m| {
                    let m = &names[m];
                    contained(&n.words, &m.words) || contained(&m.words, &n.words) || acronym_of(&n.written, &m.written)
                })
        };
        let candidates: Vec<usize> = (0..groups.len()).filter(|&g| fits(&groups[g])).collect();
        let pick = match candidates.as_slice() {
            [] => None,
            [g] => Some(*g),
            // Several people contain this name: the one whose quote came last before it.
            many => {
                let first = n.quotes[0];
                let last_before = |g: usize| {
                    groups[g].1.iter().flat_map(|&m| names[m].quotes.iter().copied()).filter(|&q| q < first).max()
                };
                many.iter().copied().max_by_key(|&g| (last_before(g), std::cmp::Reverse(g)))
            }
        };
        match pick {
            Some(g) => groups[g].1.push(i),
            None => groups.push((i, vec![i])),
        }
    }
    let mut out: Vec<SpeakerGroup> = groups
        .into_iter()
        .map(|(rep, members)| {
            let mut qs: Vec<usize> = members.iter().flat_map(|&m| names[m].quotes.iter().copied()).collect();
            crate::sort::sort_by_key(&mut qs, |&k| k);
            let mut mentions: Vec<SpeakerMention> = Vec::new();
            for &k in &qs {
                let Some(sp) = doc.quotes()[k].speaker() else { continue };
                if !mentions.iter().any(|m| m.range == sp.range()) {
                    mentions.push(SpeakerMention {
                        range: sp.range(),
                        span: sp.span().map(str::to_string),
                        text: slice(sp.range()),
                    });
                }
            }
            crate::sort::sort_by_key(&mut mentions, |m| (m.range.start(), m.range.end()));
            SpeakerGroup {
                key: group_key(&names[rep].words),
                display_name: names[rep].written.clone(),
                quotes: qs.iter().map(|&k| doc.quotes()[k].id().to_string()).collect(),
                mentions,
            }
        })
        .collect();
    let first_quote =
        |g: &SpeakerGroup| doc.quotes().iter().position(|q| Some(q.id()) == g.quotes.first().map(String::as_str));
    crate::sort::sort_by_key(&mut out, |g| first_quote(g));
    // Unique keys.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for g in &mut out {
        let n = seen.entry(g.key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            g.key = format!("{}#{}", g.key, n);
        }
    }
    out
}

#[cfg(test)]
mod tests;
