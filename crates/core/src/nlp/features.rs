//! Hashed features for the entity tagger.
//!
//! Every feature is a 64-bit hash of (template, value); the tagger maps it to one of `2^bits` rows of
//! its weight table. Per token, the string work (normalising, clitic analysis, affixes, shape) is done
//! once ([`token_info`]); a sentence's tokens are then marked with short quotations, gazetteer and
//! learned-lexicon matches ([`sentence_infos`]), and window features only combine precomputed hashes
//! ([`features_at`]). `FEATURE_VERSION` names this feature set in model files: any change here that
//! changes a hash needs a retrain.

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::hash::{fnv1a64, mix, Fnv1a64};
use super::lexicon::Lexicon;
use super::normalize::{clitic, normalize_into, normalize_key, stem_candidates};
use super::tokinfo::{AltStems, TokInfo};
use super::triggers::Triggers;

/// Version of the feature set; stored in model files so a model is never read with other features.
pub const FEATURE_VERSION: u16 = 5;

#[inline]
fn hs(s: &str) -> u64 {
    fnv1a64(s.as_bytes())
}

/// Word class of a character for [`shape_of`]: 'X' upper, 'x' lower, 'a' Arabic letter, 'd' digit,
/// 'l' other letter, else the character itself.
#[inline]
fn shape_class(c: char) -> char {
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            'X'
        } else if c.is_ascii_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
    }
    // Arabic letters have no case: answer before the (slow) Unicode case tables.
    if ('\u{0620}'..='\u{064A}').contains(&c) {
        return 'a';
    }
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if crate::lang::is_arabic_letter(c) {
        'a'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'l'
    } else {
        c
    }
}

/// The FNV-1a hash of a word's shape (its [`shape_class`] string with runs of letters and digits
/// collapsed) and whether its first letter is uppercase.
fn shape_of(word: &str) -> (u64, bool) {
    let mut h = Fnv1a64::new();
    let mut last = '\0';
    let mut upper = false;
    for (i, c) in word.chars().enumerate() {
        let k = shape_class(c);
        if i == 0 && k == 'X' {
            upper = true;
        }
        if k != last || !matches!(k, 'X' | 'x' | 'd' | 'a' | 'l') {
            h.write_char(k);
        }
        last = k;
    }
    (h.finish(), upper)
}

// Template identifiers.
const T_BIAS: u64 = 1;
const T_KEY: u64 = 2;
const T_STEM: u64 = 3;
const T_ALT: u64 = 4;
const T_PRE: u64 = 10;
const T_SUF: u64 = 20;
const T_SHAPE: u64 = 30;
const T_CLITIC: u64 = 31;
const T_LEN: u64 = 32;
const T_UPPER_FIRST: u64 = 33;
const T_TRIG: u64 = 34;
const T_GAZ: u64 = 35;
const T_WORD: u64 = 36;
const T_KEYM: u64 = 40;
const T_KEYP: u64 = 45;
const T_STEMM: u64 = 50;
const T_STEMP: u64 = 51;
const T_SHAPEM: u64 = 52;
const T_SHAPEP: u64 = 53;
const T_BIM: u64 = 54;
const T_BIP: u64 = 55;
const T_SHAPE3: u64 = 56;
const T_TRIGW: u64 = 60;
const T_GAZW: u64 = 70;
const T_SUFM: u64 = 80;
const T_SUFP: u64 = 81;
const T_UPPERW: u64 = 82;
const T_STEM_SHAPE: u64 = 83;
const T_LEX: u64 = 96;
const T_LEXW: u64 = 97;
const T_LEXWORD: u64 = 100;
const T_LEXWORDW: u64 = 101;
const T_FREQ: u64 = 110;
const T_FREQS: u64 = 111;
const T_QUOTED: u64 = 112;
const T_QUOTEDW: u64 = 113;
/// Word cluster features of the word itself: `T_CLUSTER + 0..=21` (see `Clusters::apply`).
pub const T_CLUSTER: u64 = 120;
const T_CLUSTERM: u64 = 150;
const T_CLUSTERP: u64 = 155;
const T_CLUSTERM2: u64 = 160;
const T_CLUSTERP2: u64 = 161;
const T_CLUSTERBI: u64 = 162;

const BOS: u64 = 0xB05;
const EOS: u64 = 0xE05;

/// Computes the per-token information for one token string. `first` is true for the first token of a
/// sentence.
pub fn token_info(word: &str, first: bool, triggers: &Triggers) -> TokInfo {
    let key_s = normalize_key(word);
    token_info_keyed(word, &key_s, first, triggers, &mut String::new())
}

/// [`token_info`] for a word whose normalised key (`normalize_key(word)`) is already computed;
/// `scratch` is a reusable buffer.
pub fn token_info_keyed(word: &str, key_s: &str, first: bool, triggers: &Triggers, scratch: &mut String) -> TokInfo {
    let key = hs(key_s);
    let cands = stem_candidates(key_s);
    let an = cands.as_slice();
    let mut primary = 0;
    for (k, a) in an.iter().enumerate() {
        if a.flags & (clitic::AL | clitic::SA) == 0 && a.prefix_len > an[primary].prefix_len {
            primary = k;
        }
    }
    // The last of the longest analyses, as `Iterator::max_by_key` picks it.
    let longest = an.iter().max_by_key(|a| a.prefix_len).map(|a| a.flags).unwrap_or(0);
    let p = an[primary];
    let stem = if primary == 0 { key } else { p.hash(key_s) };
    let mut alt_stems = AltStems::default();
    for a in an.iter().skip(1) {
        let h = a.hash(key_s);
        if h != stem {
            alt_stems.push(h);
        }
    }
    let stem_s: &str = if p.al {
        scratch.clear();
        scratch.push_str("ال");
        scratch.push_str(p.rest(key_s));
        scratch
    } else {
        p.rest(key_s)
    };
    let (shape, upper) = shape_of(word);
    let mut trig = triggers.get(key) | triggers.get(stem);
    for &a in alt_stems.iter() {
        trig |= triggers.get(a);
    }

    let mut local = Vec::with_capacity(24);
    local.push(mix(T_BIAS, 0));
    local.push(mix(T_KEY, key));
    if word != key_s {
        local.push(mix(T_WORD, hs(word)));
    }
    if stem != key {
        local.push(mix(T_STEM, stem));
    }
    for &a in alt_stems.iter() {
        local.push(mix(T_ALT, a));
    }
    // Byte offsets of the first five and last five character boundaries of the stem.
    let mut front = [0usize; 5];
    let mut n = 0;
    for (k, (b, _)) in stem_s.char_indices().enumerate() {
        if k < 5 {
            front[k] = b;
        }
        n = k + 1;
    }
    let mut back = [stem_s.len(); 5];
    for (k, (b, _)) in stem_s.char_indices().rev().take(4).enumerate() {
        back[k + 1] = b;
    }
    // front[k] = start of char k; back[k] = start of the k-th char from the end.
    let pre = |k: usize| if k < n { &stem_s[..front[k]] } else { stem_s };
    let suf = |k: usize| &stem_s[back[k]..];
    if n > 1 {
        for k in 1..=4.min(n - 1) {
            local.push(mix(T_PRE + k as u64, hs(pre(k))));
            local.push(mix(T_SUF + k as u64, hs(suf(k))));
        }
    }
    local.push(mix(T_SHAPE, shape));
    local.push(mix(T_CLITIC, u64::from(longest)));
    local.push(mix(T_LEN, (n.min(12)) as u64));
    local.push(mix(T_UPPER_FIRST, u64::from(upper) << 1 | u64::from(first)));
    local.push(mix(T_STEM_SHAPE, mix(stem, shape)));
    if trig != 0 {
        local.push(mix(T_TRIG, u64::from(trig)));
    }
    TokInfo {
        key,
        stem,
        alt_stems,
        shape,
        clitics: longest,
        trig,
        gaz: 0,
        local,
        upper,
        lex: 0,
        lex_word: 0,
        freq: 0,
        freq_stem: 0,
        qmark: qmark_of(word),
        quoted: 0,
        cluster: 0,
        cl_nb: [0; super::tokinfo::CLUSTER_NB_SLOTS],
        cl_nb2: 0,
        cl_bi: 0,
    }
}

/// Computes token information for a sentence, including gazetteer matches.
pub fn sentence_infos<S: AsRef<str>>(
    words: &[S],
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    lex: Option<&Lexicon>,
) -> Vec<TokInfo> {
    sentence_infos_with(words, triggers, gaz, lex, None)
}

/// [`sentence_infos`] with word cluster features from `clusters`.
pub fn sentence_infos_with<S: AsRef<str>>(
    words: &[S],
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    lex: Option<&Lexicon>,
    clusters: Option<&Clusters>,
) -> Vec<TokInfo> {
    let mut key = String::new();
    let mut scratch = String::new();
    let infos = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            key.clear();
            normalize_into(w.as_ref(), &mut key);
            word_info(w.as_ref(), &key, i == 0, triggers, clusters, &mut scratch)
        })
        .collect();
    mark_infos(infos, triggers, gaz, lex)
}

/// [`sentence_infos_with`] for words whose normalised keys are already computed (`keys[i]` is
/// `normalize_key(words[i])`).
pub fn sentence_infos_keyed<S: AsRef<str>, K: AsRef<str>>(
    words: &[S],
    keys: &[K],
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    lex: Option<&Lexicon>,
    clusters: Option<&Clusters>,
) -> Vec<TokInfo> {
    let mut scratch = String::new();
    let infos = words
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (w, k))| word_info(w.as_ref(), k.as_ref(), i == 0, triggers, clusters, &mut scratch))
        .collect();
    mark_infos(infos, triggers, gaz, lex)
}

/// Everything about a word that does not depend on its sentence: [`token_info_keyed`], then its word
/// clusters when the model has a table.
pub fn word_info(
    word: &str,
    key_s: &str,
    first: bool,
    triggers: &Triggers,
    clusters: Option<&Clusters>,
    scratch: &mut String,
) -> TokInfo {
    let mut t = token_info_keyed(word, key_s, first, triggers, scratch);
    if let Some(c) = clusters {
        c.apply(&mut t, T_CLUSTER);
    }
    t
}

/// Quotation mark kind of a token (see [`TokInfo::qmark`]).
fn qmark_of(word: &str) -> u8 {
    match word {
        "«" | "“" | "‹" => 1,
        "»" | "”" | "›" => 2,
        "\"" | "'" | "''" | "‘" | "’" => 3,
        _ => 0,
    }
}

/// Longest quotation (in tokens inside) whose tokens get [`TokInfo::quoted`]: titles of programmes,
/// films and books are short; longer quotations are speech.
pub const MAX_QUOTED: usize = 6;

/// Marks the tokens inside short quotations: an opening mark and the next closing one, or two
/// marks of the either kind (" ... ", '' ... ''), with at most [`MAX_QUOTED`] tokens between them.
pub fn mark_quotes(infos: &mut [TokInfo]) {
    let mut i = 0;
    while i < infos.len() {
        let q = infos[i].qmark;
        if q == 1 || q == 3 {
            let want = if q == 1 { 2 } else { 3 };
            let end = infos[i + 1..].iter().position(|t| t.qmark == want).map(|k| i + 1 + k);
            if let Some(j) = end {
                let n = j - i - 1;
                if (1..=MAX_QUOTED).contains(&n) {
                    for (k, t) in infos[i + 1..j].iter_mut().enumerate() {
                        t.quoted = ((n as u8) << 1) | u8::from(k == 0);
                    }
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// Marks the sentence-level features that come before the gazetteer and lexicon matches: short
/// quotations, for the languages that use them (see [`Triggers`]).
pub fn mark_sentence(infos: &mut [TokInfo], triggers: &Triggers) {
    if triggers.marks_quotes() {
        mark_quotes(infos);
    }
}

fn mark_infos(
    mut infos: Vec<TokInfo>,
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    lex: Option<&Lexicon>,
) -> Vec<TokInfo> {
    mark_sentence(&mut infos, triggers);
    if let Some(g) = gaz {
        g.mark(&mut infos);
    }
    if let Some(l) = lex {
        l.mark(&mut infos);
    }
    infos
}

/// Appends the feature hashes of position `i` to `out`.
pub fn features_at(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    out.extend_from_slice(&infos[i].local);
    context_features_at(infos, i, out);
}

/// The features of position `i` after its word-level ones (`TokInfo::local`): gazetteer and lexicon
/// matches and the window. [`features_at`] is `local` followed by these.
pub fn context_features_at(infos: &[TokInfo], i: usize, out: &mut Vec<u64>) {
    let t = &infos[i];
    // Codes of the token's matches and frequencies, each a feature when set (0 = none).
    for (template, code) in
        [(T_GAZ, t.gaz), (T_LEXWORD, t.lex_word), (T_LEX, t.lex), (T_FREQ, t.freq), (T_FREQS, t.freq_stem)]
    {
        if code != 0 {
            out.push(mix(template, u64::from(code)));
        }
    }
    if t.quoted != 0 {
        out.push(mix(T_QUOTED, u64::from(t.quoted)));
        out.push(mix(T_QUOTEDW, mix(u64::from(t.quoted), t.stem)));
    }
    let get = |d: isize| -> Option<&TokInfo> {
        let j = i as isize + d;
        if j < 0 {
            None
        } else {
            infos.get(j as usize)
        }
    };
    let key_or = |d: isize| get(d).map(|x| x.key).unwrap_or(if d < 0 { BOS } else { EOS });
    let km1 = key_or(-1);
    let kp1 = key_or(1);
    out.push(mix(T_KEYM + 1, km1));
    out.push(mix(T_KEYM + 2, key_or(-2)));
    out.push(mix(T_KEYP + 1, kp1));
    out.push(mix(T_KEYP + 2, key_or(2)));
    out.push(mix(T_BIM, mix(km1, t.key)));
    out.push(mix(T_BIP, mix(t.key, kp1)));

    let stem_or = |d: isize| get(d).map(|x| x.stem).unwrap_or(if d < 0 { BOS } else { EOS });
    out.push(mix(T_STEMM, stem_or(-1)));
    out.push(mix(T_STEMP, stem_or(1)));
    let sm = get(-1).map(|x| x.shape).unwrap_or(BOS);
    let sp = get(1).map(|x| x.shape).unwrap_or(EOS);
    out.push(mix(T_SHAPEM, sm));
    out.push(mix(T_SHAPEP, sp));
    out.push(mix(T_SHAPE3, mix(mix(sm, t.shape), sp)));
    let up = |d: isize| get(d).map(|x| u64::from(x.upper)).unwrap_or(2);
    out.push(mix(T_UPPERW, up(-1) << 4 | u64::from(t.upper) << 2 | up(1)));
    for d in [-2isize, -1, 1, 2] {
        if let Some(x) = get(d) {
            if x.trig != 0 {
                out.push(mix(T_TRIGW + (d + 2) as u64, u64::from(x.trig)));
            }
            if x.gaz != 0 && d.abs() == 1 {
                out.push(mix(T_GAZW + (d + 2) as u64, u64::from(x.gaz)));
            }
        }
    }
    if let Some(x) = get(-1) {
        out.push(mix(T_SUFM, mix(x.stem, u64::from(x.clitics))));
    }
    if let Some(x) = get(1) {
        out.push(mix(T_SUFP, u64::from(x.clitics)));
    }
    // Word clusters of the neighbours (each granularity the model uses, 0 = none) and the bigram.
    for (d, template) in [(-1isize, T_CLUSTERM), (1, T_CLUSTERP)] {
        if let Some(x) = get(d) {
            for (k, &v) in x.cl_nb.iter().enumerate() {
                if v != 0 {
                    out.push(mix(template + k as u64, v));
                }
            }
        }
    }
    for (d, template) in [(-2isize, T_CLUSTERM2), (2, T_CLUSTERP2)] {
        if let Some(x) = get(d).filter(|x| x.cl_nb2 != 0) {
            out.push(mix(template, x.cl_nb2));
        }
    }
    if t.cl_bi != 0 {
        let prev = get(-1).map_or(BOS, |x| x.cl_bi);
        out.push(mix(T_CLUSTERBI, mix(prev, t.cl_bi)));
    }
    for d in [-1isize, 1] {
        if let Some(x) = get(d) {
            if x.lex_word != 0 {
                out.push(mix(T_LEXWORDW + (d + 1) as u64, u64::from(x.lex_word)));
            }
            if x.lex != 0 {
                out.push(mix(T_LEXW + (d + 1) as u64, u64::from(x.lex)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn quoted(words: &[&str], lang: &str) -> Vec<u8> {
        sentence_infos(words, &Triggers::new(lang), None, None).iter().map(|t| t.quoted).collect()
    }

    #[test]
    fn short_quotations_are_marked_in_arabic() {
        // A programme title in guillemets: two tokens inside, the first flagged.
        let w = ["برنامج", "«", "الناس", "وأنا", "»", "ويذاع"];
        assert_eq!(quoted(&w, "ar"), vec![0, 0, 2 << 1 | 1, 2 << 1, 0, 0]);
        // Symmetric marks pair up in order; '' is one mark (ANERcorp writes quotes so).
        let w = ["صحيفة", "''", "معاريف", "''", "عن", "\"", "مصدر", "\""];
        assert_eq!(quoted(&w, "ar"), vec![0, 0, 1 << 1 | 1, 0, 0, 0, 1 << 1 | 1, 0]);
        // Speech is longer than a title: seven tokens inside are not marked; nor is an unclosed mark.
        let w = ["قال", "«", "لن", "نقبل", "أي", "تدخل", "في", "شؤوننا", "الداخلية", "»"];
        assert!(quoted(&w, "ar").iter().all(|&q| q == 0));
        assert!(quoted(&["«", "حكايات"], "ar").iter().all(|&q| q == 0));
        // English titles are capitalised: no quotation features there.
        assert!(quoted(&["the", "\"", "Star", "Maker", "\"", "show"], "en").iter().all(|&q| q == 0));
    }
}
