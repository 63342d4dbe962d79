//! Names learned from the training data: entity strings with their most frequent label and how
//! reliably the string is an entity. Stored in the model file and matched like a gazetteer (the first
//! word may carry Arabic proclitics). During training the lexicon of each fold is built from the
//! other folds, so the tagger learns how far to trust it on unseen text.

use std::collections::{HashMap, HashSet};

use super::features::{fnv1a, mix, TokInfo};
use super::normalize::normalize_key;
use super::tagger::{spans_from_tags, tag_index, Sentence};

/// Longest entry in tokens.
pub const MAX_LEN: usize = 6;

/// The learned lexicon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    /// Sequence hash -> (label + 1) << 1 | reliable.
    pub entries: HashMap<u64, u8>,
    /// Hashes of first words.
    pub first: HashSet<u64>,
    /// Longest entry.
    pub max_len: usize,
}

fn seq_hash(keys: impl Iterator<Item = u64>) -> u64 {
    keys.fold(0x1E7, mix)
}

impl Lexicon {
    /// Builds the lexicon from labelled sentences. An entry is kept when the string is an entity in at
    /// least 30% of its occurrences; it is "reliable" from 70%.
    pub fn build(sents: &[&Sentence], labels: &[String]) -> Self {
        let mut counts: HashMap<u64, Vec<u32>> = HashMap::new();
        let nl = labels.len();
        let keyed: Vec<Vec<u64>> =
            sents.iter().map(|s| s.words.iter().map(|w| fnv1a(normalize_key(w).as_bytes())).collect()).collect();
        for (s, keys) in sents.iter().zip(&keyed) {
            let tags: Vec<usize> = s.tags.iter().map(|t| tag_index(t, labels)).collect();
            for (a, b, l) in spans_from_tags(&tags) {
                if b - a <= MAX_LEN && b <= keys.len() {
                    let h = seq_hash(keys[a..b].iter().copied());
                    counts.entry(h).or_insert_with(|| vec![0; nl + 1])[l] += 1;
                }
            }
        }
        // Total occurrences of each candidate string, entity or not.
        for keys in &keyed {
            for i in 0..keys.len() {
                for len in 1..=MAX_LEN.min(keys.len() - i) {
                    let h = seq_hash(keys[i..i + len].iter().copied());
                    if let Some(c) = counts.get_mut(&h) {
                        c[nl] += 1;
                    }
                }
            }
        }
        let mut lex = Lexicon::default();
        let mut firsts: HashMap<u64, u64> = HashMap::new();
        for (s, keys) in sents.iter().zip(&keyed) {
            let tags: Vec<usize> = s.tags.iter().map(|t| tag_index(t, labels)).collect();
            for (a, b, _) in spans_from_tags(&tags) {
                if b - a <= MAX_LEN && b <= keys.len() {
                    firsts.insert(seq_hash(keys[a..b].iter().copied()), keys[a]);
                }
            }
        }
        for (h, c) in &counts {
            let total = c[nl].max(1) as f32;
            let Some((label, &n)) = c[..nl].iter().enumerate().max_by_key(|(_, &n)| n) else { continue };
            let ratio = n as f32 / total;
            if ratio >= 0.3 {
                let reliable = u8::from(ratio >= 0.7);
                lex.entries.insert(*h, ((label as u8 + 1) << 1) | reliable);
                if let Some(&f) = firsts.get(h) {
                    lex.first.insert(f);
                }
            }
        }
        lex.max_len = MAX_LEN;
        lex
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Sets `lex` on tokens of the longest non-overlapping matches, left to right.
    pub fn mark(&self, infos: &mut [TokInfo]) {
        let mut i = 0;
        while i < infos.len() {
            let t = &infos[i];
            let mut best: Option<(usize, u8)> = None;
            let variants = std::iter::once(t.key).chain(std::iter::once(t.stem)).chain(t.alt_stems.iter().copied());
            for v in variants {
                if !self.first.contains(&v) {
                    continue;
                }
                for len in (1..=self.max_len.min(infos.len() - i)).rev() {
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
            match best {
                Some((len, k)) => {
                    infos[i].lex = k << 1;
                    for x in &mut infos[i + 1..i + len] {
                        x.lex = (k << 1) | 1;
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    /// Serialises: entries, first words, longest entry.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut e: Vec<(&u64, &u8)> = self.entries.iter().collect();
        e.sort();
        out.extend_from_slice(&(e.len() as u32).to_le_bytes());
        for (h, k) in e {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(*k);
        }
        let mut f: Vec<&u64> = self.first.iter().collect();
        f.sort();
        out.extend_from_slice(&(f.len() as u32).to_le_bytes());
        for h in f {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out.push(self.max_len as u8);
    }
}
