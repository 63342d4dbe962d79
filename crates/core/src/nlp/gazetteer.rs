//! Gazetteers: country, region, city and language names in Arabic and English from CLDR, built into
//! the engine, plus lists given to `sanad train` (person names, single given and family names,
//! organisations and clubs) and a word frequency table (see `crates/core/data/README.md`). Training
//! compiles them and writes the compiled form into the model file, which is where a tagger reads it
//! from (so the page, which only reads models, carries no list). Entries are matched on normalised
//! keys; the first token of a match may carry Arabic proclitics ("لروسيا" matches "روسيا").
//!
//! Compiled entries are 32-bit fingerprints of the keys' hashes: a lookup of a word that is not in
//! the list matches by chance with probability (entries / 2^32), about 1 in 40,000 for the Arabic
//! model's 105,000 entries. That is a feature's noise, seen the same way in training and tagging.

use super::hash::{fnv1a64, mix, FastMap as HashMap, FastSet as HashSet};
use super::normalize::normalize_key;
use super::tokenize::tokenize;
use super::tokinfo::TokInfo;

/// Entry types.
pub mod kind {
    /// Countries, regions, cities.
    pub const LOC: u8 = 1;
    /// Language names.
    pub const LANG: u8 = 2;
    /// Person names (full names and well-known single names).
    pub const PER: u8 = 4;
    /// Organisations: clubs, companies, media.
    pub const ORG: u8 = 8;
    /// Single given or family names (parts of person names).
    pub const NAME: u8 = 16;
    /// Nationality and group adjectives and nouns ("Afghan", "Palestinians"): CoNLL's MISC.
    pub const NAT: u8 = 32;
    /// Added to the kinds of a secondary list's entries, so the tagger weighs its matches apart
    /// (names from other guidelines or other domains).
    pub const SECONDARY: u8 = 64;

    /// The kind of a `TYPE` column value of a list file.
    pub fn of(t: &str) -> Option<u8> {
        Some(match t {
            "LOC" => LOC,
            "LANG" => LANG,
            "PER" => PER,
            "ORG" => ORG,
            "NAME" => NAME,
            "NAT" => NAT,
            _ => return None,
        })
    }
}

/// Frequency code of a word that is not in the frequency table (codes 1 to 14 are table buckets).
pub const FREQ_UNKNOWN: u8 = 15;

/// The 32-bit fingerprint a compiled entry is stored as.
#[inline]
pub fn fingerprint(h: u64) -> u64 {
    h >> 32
}

/// Why a list given to training cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {msg}")]
pub struct ListError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub msg: String,
}

// Two files, so that the page links only the places (`place_names`, for the quotes); the language
// names are needed only by `Gazetteer::builtin` (training), and 26 KB of the page otherwise.
const LANGUAGES: &str = include_str!("../../data/gazetteer-languages.tsv");
const PLACES: &str = include_str!("../../data/gazetteer-places.tsv");

/// A compiled gazetteer for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    entries: HashMap<u64, u8>,
    first: HashSet<u64>,
    max_len: usize,
    /// Word key fingerprint -> frequency bucket (1 = most frequent).
    freq: HashMap<u64, u8>,
}

fn seq_hash(keys: impl Iterator<Item = u64>) -> u64 {
    keys.fold(0x5EED, mix)
}

/// The built-in CLDR place names (countries, regions, cities) of `lang` ("ar" or "en"), as written
/// in the list.
pub fn place_names(lang: &str) -> impl Iterator<Item = &'static str> + '_ {
    PLACES.lines().filter_map(move |line| {
        let mut parts = line.split('\t');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("LOC"), Some(l), Some(name)) if l == lang => Some(name),
            _ => None,
        }
    })
}

impl Gazetteer {
    /// The built-in CLDR gazetteer for `lang` ("ar" or "en").
    pub fn builtin(lang: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in LANGUAGES.lines().chain(PLACES.lines()) {
            let mut parts = line.split('\t');
            let (Some(t), Some(l), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
            if l != lang {
                continue;
            }
            let Some(k) = kind::of(t) else { continue };
            g.insert(name, k);
        }
        g
    }

    /// Adds the entries of a list file for `lang`: one `TYPE<TAB>LANG<TAB>name` per line (`TYPE` one
    /// of LOC, LANG, PER, ORG, NAME, NAT); empty lines and lines starting with `#` are skipped. Returns the
    /// number of entries added.
    pub fn add_list(&mut self, text: &str, lang: &str) -> Result<usize, ListError> {
        self.add_list_with(text, lang, 0)
    }

    /// [`Gazetteer::add_list`] with `extra` bits added to every entry's kind (e.g.
    /// [`kind::SECONDARY`]).
    pub fn add_list_with(&mut self, text: &str, lang: &str, extra: u8) -> Result<usize, ListError> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |msg: String| ListError { line: i + 1, msg };
            let mut parts = line.split('\t');
            let (Some(t), Some(l), Some(name), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
                return Err(err("expected TYPE<TAB>LANG<TAB>name".into()));
            };
            let k = kind::of(t).ok_or_else(|| err(format!("unknown type {t:?} (LOC, LANG, PER, ORG, NAME or NAT)")))?;
            if l == lang && !name.trim().is_empty() {
                self.insert(name, k | extra);
                n += 1;
            }
        }
        Ok(n)
    }

    /// Adds a word frequency table: one `word<TAB>bucket` per line, where the bucket is wordfreq's
    /// centibel index (frequency 10^(-bucket/100); smaller is more frequent). Words are stored by
    /// normalised key in buckets of 100 (1 to 14); a key seen twice keeps its most frequent bucket.
    /// Returns the number of lines read.
    pub fn add_word_freq(&mut self, text: &str) -> Result<usize, ListError> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |msg: String| ListError { line: i + 1, msg };
            let Some((w, b)) = line.split_once('\t') else {
                return Err(err("expected word<TAB>bucket".into()));
            };
            let b: u32 = b.trim().parse().map_err(|_| err(format!("bucket {b:?} is not a whole number")))?;
            let code = (b / 100).clamp(1, u32::from(FREQ_UNKNOWN) - 1) as u8;
            let key = fingerprint(fnv1a64(normalize_key(w).as_bytes()));
            let e = self.freq.entry(key).or_insert(code);
            *e = (*e).min(code);
            n += 1;
        }
        Ok(n)
    }

    /// Adds one entry (any text; it is tokenized and normalised).
    pub fn insert(&mut self, name: &str, k: u8) {
        let chars: Vec<char> = name.chars().collect();
        let keys: Vec<u64> = tokenize(name)
            .iter()
            .map(|t| fnv1a64(normalize_key(&chars[t.start..t.end].iter().collect::<String>()).as_bytes()))
            .collect();
        if keys.is_empty() {
            return;
        }
        self.first.insert(fingerprint(keys[0]));
        self.max_len = self.max_len.max(keys.len());
        *self.entries.entry(fingerprint(seq_hash(keys.into_iter()))).or_insert(0) |= k;
    }

    /// The compiled parts, for the model file: (entry fingerprint, kinds) and first-word and
    /// frequency fingerprints, each sorted by fingerprint; the longest entry in tokens.
    #[allow(clippy::type_complexity)]
    pub fn parts(&self) -> (Vec<(u64, u8)>, Vec<u64>, Vec<(u64, u8)>, usize) {
        let mut e: Vec<(u64, u8)> = self.entries.iter().map(|(&h, &k)| (h, k)).collect();
        crate::sort::sort_by_key(&mut e, |x| x.0);
        let mut f: Vec<u64> = self.first.iter().copied().collect();
        crate::sort::sort_by_key(&mut f, |&x| x);
        let mut q: Vec<(u64, u8)> = self.freq.iter().map(|(&h, &k)| (h, k)).collect();
        crate::sort::sort_by_key(&mut q, |x| x.0);
        (e, f, q, self.max_len)
    }

    /// A gazetteer from its compiled parts (see [`Gazetteer::parts`]).
    pub fn from_parts(entries: HashMap<u64, u8>, first: HashSet<u64>, max_len: usize, freq: HashMap<u64, u8>) -> Self {
        Gazetteer { entries, first, max_len, freq }
    }

    /// Number of words in the frequency table.
    pub fn freq_len(&self) -> usize {
        self.freq.len()
    }

    /// Frequency code of a word key hash: 0 without a table, [`FREQ_UNKNOWN`] for a word not in it.
    #[inline]
    pub fn freq_of(&self, key: u64) -> u8 {
        if self.freq.is_empty() {
            0
        } else {
            self.freq.get(&fingerprint(key)).copied().unwrap_or(FREQ_UNKNOWN)
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Longest match starting at token `i`: (length in tokens, kind).
    pub fn match_at(&self, infos: &[TokInfo], i: usize) -> Option<(usize, u8)> {
        let t = &infos[i];
        let variants = std::iter::once(t.key).chain(std::iter::once(t.stem)).chain(t.alt_stems.iter().copied());
        let mut best: Option<(usize, u8)> = None;
        for v in variants {
            if !self.first.contains(&fingerprint(v)) {
                continue;
            }
            let max = self.max_len.min(infos.len() - i);
            for len in (1..=max).rev() {
                if best.is_some_and(|(l, _)| l >= len) {
                    break;
                }
                let h = seq_hash(std::iter::once(v).chain(infos[i + 1..i + len].iter().map(|x| x.key)));
                if let Some(&k) = self.entries.get(&fingerprint(h)) {
                    best = Some((len, k));
                    break;
                }
            }
        }
        best
    }

    /// Sets `gaz` on the tokens of the longest non-overlapping matches, left to right, and the
    /// frequency codes of every token's key and stem.
    pub fn mark(&self, infos: &mut [TokInfo]) {
        if !self.freq.is_empty() {
            for t in infos.iter_mut() {
                t.freq = self.freq_of(t.key);
                t.freq_stem = if t.stem != t.key { self.freq_of(t.stem) } else { 0 };
            }
        }
        let mut i = 0;
        while i < infos.len() {
            if let Some((len, k)) = self.match_at(infos, i) {
                infos[i].gaz = k << 1;
                for t in &mut infos[i + 1..i + len] {
                    t.gaz = (k << 1) | 1;
                }
                i += len;
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::nlp::features::sentence_infos;
    use crate::nlp::triggers::Triggers;

    #[test]
    fn builtin_has_countries_and_matches_clitics() {
        let g = Gazetteer::builtin("ar");
        assert!(g.len() > 500);
        let tr = Triggers::new("ar");
        let infos = sentence_infos(&["زار", "لروسيا", "والولايات", "المتحدة", "أمس"], &tr, Some(&g), None);
        assert_eq!(infos[1].gaz, kind::LOC << 1);
        assert_eq!(infos[2].gaz, kind::LOC << 1);
        assert_eq!(infos[3].gaz, (kind::LOC << 1) | 1);
        assert_eq!(infos[0].gaz, 0);
        let e = Gazetteer::builtin("en");
        let tr = Triggers::new("en");
        let infos = sentence_infos(&["in", "New", "Zealand", "and", "French"], &tr, Some(&e), None);
        assert_eq!(infos[1].gaz, kind::LOC << 1);
        assert_eq!(infos[4].gaz, kind::LANG << 1);
    }

    #[test]
    fn lists_add_people_clubs_and_names() {
        let mut g = Gazetteer::builtin("ar");
        let list = "# comment\nPER\tar\tأرسين فينغر\nORG\tar\tبنفيكا\nNAME\tar\tفينغر\nPER\ten\tArsene Wenger\n\n";
        assert_eq!(g.add_list(list, "ar"), Ok(3));
        let tr = Triggers::new("ar");
        let infos = sentence_infos(&["قال", "أرسين", "فينغر", "إن", "وبنفيكا", "فاز", "فينغر"], &tr, Some(&g), None);
        let gaz: Vec<u8> = infos.iter().map(|t| t.gaz).collect();
        assert_eq!(gaz, vec![0, kind::PER << 1, (kind::PER << 1) | 1, 0, kind::ORG << 1, 0, kind::NAME << 1]);
        // English lines are skipped for Arabic and the other way round.
        let mut e = Gazetteer::default();
        assert_eq!(e.add_list(list, "en"), Ok(1));
    }

    #[test]
    fn secondary_lists_mark_their_matches_apart() {
        let mut g = Gazetteer::default();
        assert_eq!(g.add_list("PER\tar\tسمير\n", "ar"), Ok(1));
        assert_eq!(g.add_list_with("ORG\tar\tبنفيكا\nPER\tar\tسمير\n", "ar", kind::SECONDARY), Ok(2));
        let tr = Triggers::new("ar");
        let infos = sentence_infos(&["بنفيكا", "و", "سمير"], &tr, Some(&g), None);
        let gaz: Vec<u8> = infos.iter().map(|t| t.gaz).collect();
        // A name in both lists carries both kinds; a secondary-only match is not a primary ORG.
        assert_eq!(gaz, vec![(kind::ORG | kind::SECONDARY) << 1, 0, (kind::PER | kind::SECONDARY) << 1]);
    }

    #[test]
    fn list_errors_name_the_line() {
        let mut g = Gazetteer::default();
        let e = g.add_list("PER\tar\tسمير\nPERSON\tar\tسمير\n", "ar").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("unknown type \"PERSON\""), "{e}");
        let e = g.add_list("PER ar سمير\n", "ar").unwrap_err();
        assert_eq!((e.line, e.msg.as_str()), (1, "expected TYPE<TAB>LANG<TAB>name"));
        let e = g.add_word_freq("في\t147\nمن\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: expected word<TAB>bucket");
        let e = g.add_word_freq("في\tكثير\n").unwrap_err();
        assert!(e.to_string().starts_with("line 1: bucket"), "{e}");
    }

    #[test]
    fn word_frequencies_by_key_in_buckets_of_100() {
        let mut g = Gazetteer::default();
        assert_eq!(g.freq_of(fnv1a64(b"x")), 0, "no table, no code");
        // "أوباما" and "اوباما" share a normalised key; the more frequent bucket wins.
        assert_eq!(g.add_word_freq("في\t147\nأوباما\t450\nاوباما\t620\n"), Ok(3));
        assert_eq!(g.freq_len(), 2);
        let tr = Triggers::new("ar");
        let infos = sentence_infos(&["في", "اوباما", "بنفيكا", "وأوباما"], &tr, Some(&g), None);
        let codes: Vec<(u8, u8)> = infos.iter().map(|t| (t.freq, t.freq_stem)).collect();
        // "بنفيكا" also reads as ب + "نفيكا", a stem the table does not know either.
        assert_eq!(codes, vec![(1, 0), (4, 0), (FREQ_UNKNOWN, FREQ_UNKNOWN), (FREQ_UNKNOWN, 4)]);
    }
}
