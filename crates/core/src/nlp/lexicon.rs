//! Names learned from the training data: entity strings with their most frequent label and how
//! reliably the string is an entity. Stored in the model file and matched like a gazetteer (the first
//! word may carry Arabic proclitics). During training the lexicon of each fold is built from the
//! other folds, so the tagger learns how far to trust it on unseen text.

use super::bio::{spans_from_tags, tag_index, Sentence};
use super::hash::{fnv1a64, mix, FastMap as HashMap, FastSet as HashSet};
use super::normalize::normalize_key;
use super::tokinfo::TokInfo;

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
    /// Single words (normalised key hash) -> (label + 1) << 2 | inside-majority << 1 | reliable, for
    /// words seen at least twice.
    pub words: HashMap<u64, u8>,
}

fn seq_hash(keys: impl Iterator<Item = u64>) -> u64 {
    keys.fold(0x1E7, mix)
}

impl Lexicon {
    /// Builds the lexicon from labelled sentences. An entry is kept when the string is an entity in at
    /// least 30% of its occurrences; it is "reliable" from 70%.
    pub fn build(sents: &[&Sentence], labels: &[String]) -> Self {
        let mut counts: HashMap<u64, Vec<u32>> = HashMap::default();
        let nl = labels.len();
        let keyed: Vec<Vec<u64>> =
            sents.iter().map(|s| s.words.iter().map(|w| fnv1a64(normalize_key(w).as_bytes())).collect()).collect();
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
        let mut firsts: HashMap<u64, u64> = HashMap::default();
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
        // Word level: how often each word is inside an entity of each label, as B or I.
        let mut wc: HashMap<u64, (Vec<u32>, u32, u32)> = HashMap::default();
        for (s, keys) in sents.iter().zip(&keyed) {
            for (t, &k) in s.tags.iter().zip(keys) {
                let e = wc.entry(k).or_insert_with(|| (vec![0; nl], 0, 0));
                e.2 += 1;
                let ti = tag_index(t, labels);
                if ti > 0 {
                    e.0[(ti - 1) / 2] += 1;
                    if ti & 1 == 0 {
                        e.1 += 1;
                    }
                }
            }
        }
        for (k, (per, inside, total)) in wc {
            if total < 2 {
                continue;
            }
            let Some((label, &n)) = per.iter().enumerate().max_by_key(|(_, &n)| n) else { continue };
            let ratio = n as f32 / total as f32;
            if ratio >= 0.3 {
                let code = ((label as u8 + 1) << 2) | (u8::from(inside * 2 > n) << 1) | u8::from(ratio >= 0.7);
                lex.words.insert(k, code);
            }
        }
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

    /// Sets `lex` on tokens of the longest non-overlapping matches, left to right, and `lex_word`.
    pub fn mark(&self, infos: &mut [TokInfo]) {
        for t in infos.iter_mut() {
            t.lex_word = self.word_code(t);
        }
        self.mark_matches(infos);
    }

    /// [`Lexicon::mark`] without `lex_word` (for tokens whose `lex_word` is already set).
    pub fn mark_matches(&self, infos: &mut [TokInfo]) {
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
        out.push(self.max_len as u8);
        let mut w: Vec<(&u64, &u8)> = self.words.iter().collect();
        crate::sort::sort_by(&mut w, |a, b| a.cmp(b));
        out.extend_from_slice(&(w.len() as u32).to_le_bytes());
        for (h, k) in w {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(*k);
        }
    }

    /// Word-level code of a token (by key, else by its stems), 0 when unknown.
    pub fn word_code(&self, t: &TokInfo) -> u8 {
        std::iter::once(t.key)
            .chain(std::iter::once(t.stem))
            .chain(t.alt_stems.iter().copied())
            .find_map(|h| self.words.get(&h).copied())
            .unwrap_or(0)
    }
}
