//! Gazetteers: country, region, city and language names in Arabic and English from CLDR (see
//! `crates/core/data/README.md`). Training compiles them from the list built into the engine and
//! writes the compiled form into the model file, which is where a tagger reads it from (so the page,
//! which only reads models, does not carry the list). Entries are matched on normalised keys; the
//! first token of a match may carry Arabic proclitics ("لروسيا" matches "روسيا").

use super::features::{fnv1a, mix, FastMap as HashMap, FastSet as HashSet, TokInfo};
use super::normalize::normalize_key;
use super::tokenize::tokenize;

/// Entry types.
pub mod kind {
    /// Countries, regions, cities.
    pub const LOC: u8 = 1;
    /// Language names.
    pub const LANG: u8 = 2;
}

const DATA: &str = include_str!("../../data/gazetteer.tsv");

/// A compiled gazetteer for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    entries: HashMap<u64, u8>,
    first: HashSet<u64>,
    max_len: usize,
}

fn seq_hash(keys: impl Iterator<Item = u64>) -> u64 {
    keys.fold(0x5EED, mix)
}

impl Gazetteer {
    /// The built-in CLDR gazetteer for `lang` ("ar" or "en").
    pub fn builtin(lang: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in DATA.lines() {
            let mut parts = line.split('\t');
            let (Some(t), Some(l), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
            if l != lang {
                continue;
            }
            let k = match t {
                "LOC" => kind::LOC,
                "LANG" => kind::LANG,
                _ => continue,
            };
            g.insert(name, k);
        }
        g
    }

    /// Adds one entry (any text; it is tokenized and normalised).
    pub fn insert(&mut self, name: &str, k: u8) {
        let chars: Vec<char> = name.chars().collect();
        let keys: Vec<u64> = tokenize(name)
            .iter()
            .map(|t| fnv1a(normalize_key(&chars[t.start..t.end].iter().collect::<String>()).as_bytes()))
            .collect();
        if keys.is_empty() {
            return;
        }
        self.first.insert(keys[0]);
        self.max_len = self.max_len.max(keys.len());
        *self.entries.entry(seq_hash(keys.into_iter())).or_insert(0) |= k;
    }

    /// Serialises the compiled entries (model files carry their gazetteer, so the page does not
    /// ship the name list): u32 count, then (u64 sequence hash, u8 kind) sorted; u32 count, then u64
    /// first-word hashes sorted; u8 longest entry.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut e: Vec<(&u64, &u8)> = self.entries.iter().collect();
        crate::sort::sort_by(&mut e, |a, b| a.cmp(b));
        out.extend_from_slice(&(e.len() as u32).to_le_bytes());
        for (h, k) in e {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(*k);
        }
        let mut f: Vec<&u64> = self.first.iter().collect();
        crate::sort::sort_by(&mut f, |a, b| a.cmp(b));
        out.extend_from_slice(&(f.len() as u32).to_le_bytes());
        for h in f {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.push(self.max_len.min(255) as u8);
    }

    /// A gazetteer from its compiled parts (see [`Gazetteer::write`]).
    pub fn from_parts(entries: HashMap<u64, u8>, first: HashSet<u64>, max_len: usize) -> Self {
        Gazetteer { entries, first, max_len }
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
            if !self.first.contains(&v) {
                continue;
            }
            let max = self.max_len.min(infos.len() - i);
            for len in (1..=max).rev() {
                if best.is_some_and(|(l, _)| l >= len) {
                    break;
                }
                let h = seq_hash(std::iter::once(v).chain(infos[i + 1..i + len].iter().map(|x| x.key)));
                if let Some(&k) = self.entries.get(&h) {
                    best = Some((len, k));
                    break;
                }
            }
        }
        best
    }

    /// Sets `gaz` on the tokens of the longest non-overlapping matches, left to right.
    pub fn mark(&self, infos: &mut [TokInfo]) {
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
    use crate::nlp::features::{sentence_infos, Triggers};

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
}
