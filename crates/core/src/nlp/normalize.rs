//! Normalised keys for matching and features, and Arabic proclitic analysis.
//!
//! The key never replaces the text: it is computed from a token for features, gazetteer look-ups and
//! lenient comparison, while offsets always refer to the original text.

/// Maps one character to its normalised form: `None` drops it, `Some(c)` keeps `c`.
///
/// Arabic: alef forms (أ إ آ ٱ) -> ا, ى -> ي, ة -> ه, Persian ی ک -> ي ك, tatweel and diacritics
/// dropped, Arabic-Indic and Persian digits -> ASCII. Bidi and zero-width marks are dropped. Latin and
/// other cased letters are lowercased by [`normalize_key`].
#[inline]
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => Some('\u{0627}'),
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' => Some('\u{064A}'),
        '\u{0629}' => Some('\u{0647}'),
        '\u{06A9}' => Some('\u{0643}'),
        '\u{0640}' => None,
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ if is_arabic_diacritic(c) => None,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
        _ => Some(c),
    }
}

/// Arabic harakat, tanwin, shadda, sukun, superscript alef and Quranic annotation marks.
#[inline]
pub fn is_arabic_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// The normalised key of `s`: see [`normalize_char`]; letters are lowercased. Idempotent.
pub fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// Appends the normalised key of `s` to `out` (no allocation when `out` has room).
pub fn normalize_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if let Some(n) = normalize_char(c) {
            if n.is_ascii() {
                out.push(n.to_ascii_lowercase());
            } else if ('\u{0600}'..='\u{06FF}').contains(&n) {
                // The Arabic block has no case: skip the (slow) Unicode case tables.
                out.push(n);
            } else if n.is_uppercase() {
                crate::case::push_lower(n, out);
            } else {
                out.push(n);
            }
        }
    }
}

/// True when the first letter of `s` is an Arabic-script letter.
pub fn starts_arabic(s: &str) -> bool {
    s.chars().next().is_some_and(crate::lang::is_arabic_letter)
}

/// Flags for the proclitics found on a word (a bit set).
pub mod clitic {
    /// و (and)
    pub const WA: u8 = 1;
    /// ف (so)
    pub const FA: u8 = 2;
    /// ب (in, with)
    pub const BI: u8 = 4;
    /// ل (for, to) including the ل of لل
    pub const LI: u8 = 8;
    /// ك (like)
    pub const KA: u8 = 16;
    /// the article ال (or the ل of لل standing for it)
    pub const AL: u8 = 32;
    /// the future prefix س before an imperfect verb prefix
    pub const SA: u8 = 64;
}

/// One way to split proclitics off a normalised Arabic word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Number of characters of the normalised key taken by the proclitics.
    pub prefix_len: usize,
    /// Which proclitics (see [`clitic`]).
    pub flags: u8,
    /// What remains: the stem, in normalised form. For `لل` + word it is `ال` + word.
    pub stem: String,
}

/// Minimum number of letters a stem must keep after proclitics are removed.
pub const MIN_STEM: usize = 3;

/// All proclitic analyses of a normalised key, including the empty one first.
///
/// Proclitics come in the order conjunction (و ف), preposition (ب ل ك) or future (س), article (ال);
/// `لل` is ل + ال with the alef elided. An analysis is kept only when its stem has at least
/// [`MIN_STEM`] letters, so short words are never stripped to nothing. "وبوتين" yields "بوتين" (and
/// "وتين"), "لروسيا" yields "روسيا", "بكازاخستان" yields "كازاخستان", "للرئيس" yields "الرئيس"
/// and "رئيس".
pub fn analyses(key: &str) -> Vec<Analysis> {
    stem_candidates(key)
        .into_iter()
        .map(|c| {
            let mut stem = String::with_capacity(key.len() + 4);
            if c.al {
                stem.push_str("ال");
            }
            stem.push_str(c.rest(key));
            Analysis { prefix_len: c.prefix_len, flags: c.flags, stem }
        })
        .collect()
}

/// One proclitic analysis without the stem string: the stem is `ال` (when `al`) followed by the key
/// from byte `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Characters taken by the proclitics.
    pub prefix_len: usize,
    /// Proclitic flags.
    pub flags: u8,
    /// The stem starts with a restored article (the `لل` case).
    pub al: bool,
    /// Byte offset in the key where the rest of the stem starts.
    pub from: usize,
}

impl Candidate {
    /// The part of the key after the proclitics.
    pub fn rest<'a>(&self, key: &'a str) -> &'a str {
        key.get(self.from..).unwrap_or("")
    }

    /// FNV-1a hash of the stem (the same as hashing the stem string).
    pub fn hash(&self, key: &str) -> u64 {
        let mut h = super::hash::Fnv1a64::new();
        if self.al {
            h.write("ال".as_bytes());
        }
        h.write(self.rest(key).as_bytes());
        h.finish()
    }

    fn same_stem(&self, other: &Candidate, key: &str) -> bool {
        let (a, b) = (self.rest(key), other.rest(key));
        match (self.al, other.al) {
            (x, y) if x == y => a == b,
            (true, false) => b.strip_prefix("ال") == Some(a),
            _ => a.strip_prefix("ال") == Some(b),
        }
    }
}

/// Fixed-capacity list of candidates (at most 16; the grammar yields fewer).
#[derive(Clone, Copy, Debug)]
pub struct Candidates {
    items: [Candidate; 16],
    len: usize,
}

impl Candidates {
    /// The candidates, the empty analysis first.
    pub fn as_slice(&self) -> &[Candidate] {
        &self.items[..self.len]
    }
}

impl IntoIterator for Candidates {
    type Item = Candidate;
    type IntoIter = std::iter::Take<std::array::IntoIter<Candidate, 16>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

/// All proclitic analyses of a normalised key as [`Candidate`]s (no allocation); see [`analyses`].
pub fn stem_candidates(key: &str) -> Candidates {
    let empty = Candidate { prefix_len: 0, flags: 0, al: false, from: 0 };
    let mut out = Candidates { items: [empty; 16], len: 1 };
    let mut it = key.chars();
    let c0 = it.next();
    if !c0.is_some_and(crate::lang::is_arabic_letter) {
        return out;
    }
    // The first six characters are enough to see every proclitic sequence.
    let mut head = ['\0'; 6];
    head[0] = c0.unwrap_or('\0');
    for (slot, c) in head[1..].iter_mut().zip(it) {
        *slot = c;
    }
    let n = key.chars().count();
    let at = |i: usize| head.get(i).copied().unwrap_or('\0');
    let push = |out: &mut Candidates, skip: usize, flags: u8, al: bool, from_chars: usize| {
        let len = n.saturating_sub(from_chars) + if al { 2 } else { 0 };
        // Proclitic letters are 2-byte Arabic letters, so char i of the prefix is byte 2i.
        let c = Candidate { prefix_len: skip, flags, al, from: 2 * from_chars };
        if len >= MIN_STEM && !out.as_slice().iter().any(|o| o.same_stem(&c, key)) && out.len < 16 {
            out.items[out.len] = c;
            out.len += 1;
        }
    };
    let conj: [(Option<char>, u8); 3] = [(None, 0), (Some('و'), clitic::WA), (Some('ف'), clitic::FA)];
    for (c, cf) in conj {
        let i = match c {
            None => 0,
            Some(ch) if at(0) == ch => 1,
            Some(_) => continue,
        };
        if i > 0 {
            push(&mut out, i, cf, false, i);
        }
        if at(i) == 'ل' && at(i + 1) == 'ل' && n >= i + 2 + MIN_STEM {
            push(&mut out, i + 1, cf | clitic::LI, true, i + 2);
            push(&mut out, i + 2, cf | clitic::LI | clitic::AL, false, i + 2);
        }
        let preps: [(char, u8); 3] = [('ب', clitic::BI), ('ل', clitic::LI), ('ك', clitic::KA)];
        for (p, pf) in preps {
            if at(i) == p && i < n {
                push(&mut out, i + 1, cf | pf, false, i + 1);
                if at(i + 1) == 'ا' && at(i + 2) == 'ل' {
                    push(&mut out, i + 3, cf | pf | clitic::AL, false, i + 3);
                }
            }
        }
        if at(i) == 'س' && matches!(at(i + 1), 'ي' | 'ت' | 'ن' | 'ا') {
            push(&mut out, i + 1, cf | clitic::SA, false, i + 1);
        }
        if at(i) == 'ا' && at(i + 1) == 'ل' {
            push(&mut out, i + 2, cf | clitic::AL, false, i + 2);
        }
    }
    out
}

/// The stem most likely meant, for display and matching: the longest analysis whose proclitics are a
/// conjunction and/or a single preposition (not the article), or the key itself.
pub fn primary_stem(key: &str) -> String {
    analyses(key)
        .into_iter()
        .filter(|a| a.flags & (clitic::AL | clitic::SA) == 0)
        .max_by_key(|a| a.prefix_len)
        .map(|a| a.stem)
        .unwrap_or_else(|| key.to_string())
}

/// True when `prefix` (original text) is a valid sequence of Arabic proclitics, e.g. "و", "لل", "وبال".
pub fn is_proclitic_sequence(prefix: &str) -> bool {
    let key = normalize_key(prefix);
    if key.is_empty() {
        return false;
    }
    // Build a dummy word and check that some analysis takes exactly this prefix.
    let dummy = format!("{key}سسسس");
    let len = key.chars().count();
    analyses(&dummy).iter().any(|a| a.prefix_len == len)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn case_fast_path_agrees_with_unicode() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let mut fast = String::new();
            normalize_into(c.encode_utf8(&mut [0; 4]), &mut fast);
            let slow: String = match normalize_char(c) {
                None => String::new(),
                Some(n) if n.is_uppercase() => n.to_lowercase().collect(),
                Some(n) => n.to_ascii_lowercase().to_string(),
            };
            assert_eq!(fast, slow, "{c:?}");
        }
    }

    /// Every word has at most `MAX_ALT_STEMS + 1` analyses: all six-letter heads over the letters
    /// the grammar looks at (the rest of a word only decides the minimum stem length).
    #[test]
    fn analyses_fit_inline() {
        let letters = ['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا', 'ي', 'ت', 'ن', 'م'];
        let mut most = 0;
        let mut word = String::new();
        for code in 0..letters.len().pow(6) {
            word.clear();
            let mut c = code;
            for _ in 0..6 {
                word.push(letters[c % letters.len()]);
                c /= letters.len();
            }
            word.push_str("مممم");
            most = most.max(stem_candidates(&word).as_slice().len());
        }
        assert!(most <= crate::nlp::tokinfo::MAX_ALT_STEMS + 1, "{most} analyses");
        println!("most analyses of a word: {most}");
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(normalize_key("أحمد"), "احمد");
        assert_eq!(normalize_key("إسرائيل"), "اسرائيل");
        assert_eq!(normalize_key("آسيا"), "اسيا");
        assert_eq!(normalize_key("ٱلله"), "الله");
        assert_eq!(normalize_key("مصطفى"), "مصطفي");
        assert_eq!(normalize_key("القاهرة"), "القاهره");
        assert_eq!(normalize_key("عـــربي"), "عربي");
        assert_eq!(normalize_key("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize_key("ایران کرد"), "ايران كرد");
        assert_eq!(normalize_key("٢٠٢٣ ۱۴۰۲"), "2023 1402");
        assert_eq!(normalize_key("Lavrov NATO"), "lavrov nato");
        assert_eq!(normalize_key("Ÿ"), "ÿ");
    }

    #[test]
    fn clitics_share_stems() {
        let has = |w: &str, stem: &str| analyses(&normalize_key(w)).iter().any(|a| a.stem == normalize_key(stem));
        assert!(has("وبوتين", "بوتين"));
        assert!(has("لروسيا", "روسيا"));
        assert!(has("بكازاخستان", "كازاخستان"));
        assert!(has("وبالقاهرة", "قاهرة"));
        assert!(has("للرئيس", "الرئيس"));
        assert!(has("للرئيس", "رئيس"));
        assert!(has("فلسوريا", "سوريا"));
        assert!(has("والمغرب", "مغرب"));
        assert_eq!(primary_stem("لروسيا"), "روسيا");
        assert_eq!(primary_stem("روسيا"), "روسيا");
    }

    #[test]
    fn short_stems_are_kept() {
        // "بل" and "وله" must not lose letters: the stem would be shorter than MIN_STEM.
        assert_eq!(analyses("بل").len(), 1);
        assert_eq!(analyses("وله").len(), 1);
        assert_eq!(analyses("london").len(), 1);
        assert!(is_proclitic_sequence("ل"));
        assert!(is_proclitic_sequence("وبال"));
        assert!(is_proclitic_sequence("لل"));
        assert!(!is_proclitic_sequence("م"));
        assert!(!is_proclitic_sequence(""));
    }

    /// The allocation-free candidates agree with a direct string implementation.
    fn analyses_reference(key: &str) -> Vec<(usize, u8, String)> {
        let chars: Vec<char> = key.chars().collect();
        let mut out = vec![(0usize, 0u8, key.to_string())];
        if !chars.first().is_some_and(|&c| crate::lang::is_arabic_letter(c)) {
            return out;
        }
        let n = chars.len();
        let push = |out: &mut Vec<(usize, u8, String)>, skip: usize, flags: u8, stem: String| {
            if stem.chars().count() >= MIN_STEM && !out.iter().any(|a| a.2 == stem) {
                out.push((skip, flags, stem));
            }
        };
        let rest = |from: usize| -> String { chars[from.min(n)..].iter().collect() };
        let conj: [(&[char], u8); 3] = [(&[], 0), (&['و'], clitic::WA), (&['ف'], clitic::FA)];
        for (c, cf) in conj {
            if !chars.starts_with(c) {
                continue;
            }
            let i = c.len();
            if i > 0 {
                push(&mut out, i, cf, rest(i));
            }
            if chars[i..].starts_with(&['ل', 'ل']) && n - i - 2 >= MIN_STEM {
                push(&mut out, i + 1, cf | clitic::LI, format!("ال{}", rest(i + 2)));
                push(&mut out, i + 2, cf | clitic::LI | clitic::AL, rest(i + 2));
            }
            for (p, pf) in [('ب', clitic::BI), ('ل', clitic::LI), ('ك', clitic::KA)] {
                if chars.get(i) == Some(&p) {
                    push(&mut out, i + 1, cf | pf, rest(i + 1));
                    if chars[i + 1..].starts_with(&['ا', 'ل']) {
                        push(&mut out, i + 3, cf | pf | clitic::AL, rest(i + 3));
                    }
                }
            }
            if chars.get(i) == Some(&'س') && chars.get(i + 1).is_some_and(|c| matches!(c, 'ي' | 'ت' | 'ن' | 'ا')) {
                push(&mut out, i + 1, cf | clitic::SA, rest(i + 1));
            }
            if chars[i..].starts_with(&['ا', 'ل']) {
                push(&mut out, i + 2, cf | clitic::AL, rest(i + 2));
            }
        }
        out
    }

    #[test]
    fn candidates_match_reference_on_examples() {
        for w in ["وبالقاهره", "للرئيس", "فللمدينه", "والل", "لل", "وسيقول", "كالاسد", "بوتين", "ولله", "لالالا"]
        {
            let got: Vec<(usize, u8, String)> =
                analyses(w).into_iter().map(|a| (a.prefix_len, a.flags, a.stem)).collect();
            assert_eq!(got, analyses_reference(w), "{w}");
            for c in stem_candidates(w) {
                let stem = format!("{}{}", if c.al { "ال" } else { "" }, c.rest(w));
                assert_eq!(c.hash(w), crate::nlp::hash::fnv1a64(stem.as_bytes()));
            }
        }
    }

    proptest! {
        #[test]
        fn candidates_match_reference(w in "[وفبلكسالتينمه]{0,9}") {
            let got: Vec<(usize, u8, String)> = analyses(&w).into_iter().map(|a| (a.prefix_len, a.flags, a.stem)).collect();
            prop_assert_eq!(got, analyses_reference(&w));
        }

        #[test]
        fn normalisation_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize_key(&s);
            prop_assert_eq!(normalize_key(&once), once.clone());
        }

        #[test]
        fn arabic_normalisation_is_idempotent(s in "[\u{0600}-\u{06FF}\u{0750}-\u{077F} a-zA-Z0-9]{0,30}") {
            let once = normalize_key(&s);
            prop_assert_eq!(normalize_key(&once), once.clone());
        }
    }
}
