//! [`Delta`]: the sparse float weights of online learning, added on top of a frozen [`super::Tagger`].
//!
//! A delta belongs to one base model (named by the checksum of its model file, see
//! [`crate::nlp::learn`]), one language and one tag set. It holds weight rows (one `f32` per tag)
//! for the features it has learned, and adjustments to the transition scores. Scoring adds a
//! feature's delta row wherever the base adds that feature's weights.
//!
//! A delta row is keyed by the feature's 32-bit [`fingerprint`] (the top 32 bits of its 64-bit
//! hash), not by the base table's row (the top `bits`, 18 for the shipped models): in the base table
//! about one feature in three shares its row with another, and a delta keyed by row would add what
//! it learned about one feature to every other feature of that row, on any text. With 32-bit keys
//! two distinct features meet with probability `2^-32` per pair (about one in 65,000 lookups at the
//! default cap of 65,536 rows hits a wrong row).
//!
//! Storage: a hash index from key to slot (keys are looked up, never iterated in hash order), the
//! weights of each slot, and a bitset over the top 20 bits of the keys so that the common case, a
//! feature the delta does not hold, costs one bit test. Everything that is serialised or compared
//! is read in key order ([`Delta::sorted_rows`]), so nothing depends on the order rows were added
//! in.

use crate::nlp::hash::{mix, FastMap};
use crate::nlp::tokinfo::TokInfo;

// Templates of the delta's own features (distinct from the base's small template numbers).
const L_WORD: u64 = 0x4c52_4e00_0000_0001;
const L_STEM: u64 = 0x4c52_4e00_0000_0002;
const L_PREV: u64 = 0x4c52_4e00_0000_0003;
const L_NEXT: u64 = 0x4c52_4e00_0000_0004;
const L_BEFORE: u64 = 0x4c52_4e00_0000_0006;
const L_AFTER: u64 = 0x4c52_4e00_0000_0007;
const L_SHAPE: u64 = 0x4c52_4e00_0000_0008;
const L_BEFORE_STEM: u64 = 0x4c52_4e00_0000_0009;
const BOS: u64 = 0x4c52_4e00_0000_0b05;
const EOS: u64 = 0x4c52_4e00_0000_0e05;

/// Context feature set of a delta ([`Delta::context`]): the word before the token, alone.
pub const CTX_BEFORE: u8 = 1;
/// Context feature: the word after the token, alone.
pub const CTX_AFTER: u8 = 2;
/// Context feature: the token's word shape.
pub const CTX_SHAPE: u8 = 4;
/// Context feature: the stem (after proclitics) of the word before the token.
pub const CTX_BEFORE_STEM: u8 = 8;
/// Every context feature this build knows.
pub const CTX_ALL: u8 = CTX_BEFORE | CTX_AFTER | CTX_SHAPE | CTX_BEFORE_STEM;

/// Appends the features a delta learns for token `i`: its word (normalised key, with whether it is
/// capitalised), its stem after proclitics, the word pairs it makes with its neighbours and, as the
/// `context` bits ([`CTX_BEFORE`], ...) ask, context features that are not the word itself.
/// Returns how many of them (the first ones: word and stem) are *label-tied*: the learner updates
/// their `B` and `I` weights of a label together (see [`crate::nlp::learn`]).
pub fn delta_features(infos: &[TokInfo], i: usize, context: u8, out: &mut Vec<u64>) -> usize {
    let Some(t) = infos.get(i) else { return 0 };
    let before = if i == 0 { None } else { infos.get(i - 1) };
    let prev = before.map_or(BOS, |x| x.key);
    let next = infos.get(i + 1).map_or(EOS, |x| x.key);
    out.push(mix(L_WORD, mix(t.key, u64::from(t.upper))));
    if t.stem != t.key {
        out.push(mix(L_STEM, t.stem));
    }
    let tied = 1 + usize::from(t.stem != t.key);
    out.push(mix(L_PREV, mix(prev, t.key)));
    out.push(mix(L_NEXT, mix(t.key, next)));
    if context & CTX_BEFORE != 0 {
        out.push(mix(L_BEFORE, prev));
    }
    if context & CTX_AFTER != 0 {
        out.push(mix(L_AFTER, next));
    }
    if context & CTX_SHAPE != 0 {
        out.push(mix(L_SHAPE, t.shape));
    }
    if context & CTX_BEFORE_STEM != 0 {
        out.push(mix(L_BEFORE_STEM, before.map_or(BOS, |x| x.stem)));
    }
    tied
}

/// The key of a feature in a [`Delta`]: the top 32 bits of its 64-bit hash.
#[inline]
pub fn fingerprint(h: u64) -> u32 {
    (h >> 32) as u32
}

/// Bits of the presence bitset (over the top bits of the keys).
const PRESENT_BITS: u32 = 20;

/// Sparse float weights added to a frozen tagger. Two deltas are equal when they hold the same rows
/// with the same weights (whatever order the rows were added in) for the same base.
#[derive(Clone, Debug)]
pub struct Delta {
    lang: String,
    base: u64,
    tags: usize,
    bits: u8,
    /// Context features learned ([`delta_features`]).
    context: u8,
    /// Key -> slot.
    index: FastMap<u32, u32>,
    /// Slot -> key.
    rows: Vec<u32>,
    /// `slots × tags`.
    w: Vec<f32>,
    /// `(tags + 1) × tags`, the layout of [`super::Tagger::trans`].
    trans: Vec<f32>,
    /// One bit per value of a key's top [`PRESENT_BITS`] bits: set when the delta holds a key with
    /// those bits.
    present: Vec<u64>,
}

impl Delta {
    /// An empty delta for a base model: its language, the checksum naming it, its number of tags
    /// and its hash bits (recorded, so that a delta is checked against its base).
    pub fn new(lang: &str, base: u64, tags: usize, bits: u8) -> Delta {
        Delta {
            lang: lang.to_string(),
            base,
            tags,
            bits,
            context: 0,
            index: FastMap::default(),
            rows: Vec::new(),
            w: Vec::new(),
            trans: vec![0.0; (tags + 1) * tags],
            present: vec![0; (1usize << PRESENT_BITS) / 64],
        }
    }

    /// Language of the base model.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Checksum of the base model file this delta was learned on.
    pub fn base(&self) -> u64 {
        self.base
    }

    /// Number of tags.
    pub fn tags(&self) -> usize {
        self.tags
    }

    /// Hash bits of the base table.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// The context features this delta learns and adds ([`CTX_BEFORE`], ...; 0: the lexical ones
    /// only).
    pub fn context(&self) -> u8 {
        self.context
    }

    /// Sets the context features (only bits of [`CTX_ALL`] are kept).
    pub fn set_context(&mut self, context: u8) {
        self.context = context & CTX_ALL;
    }

    /// Appends token `i`'s features for this delta (see [`delta_features`]); returns how many are
    /// label-tied.
    #[inline]
    pub fn features(&self, infos: &[TokInfo], i: usize, out: &mut Vec<u64>) -> usize {
        delta_features(infos, i, self.context, out)
    }

    /// Number of features (weight rows) held.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no row is held and every transition adjustment is zero.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.trans.iter().all(|&x| x == 0.0)
    }

    #[inline]
    fn has(&self, r: u32) -> bool {
        let b = r >> (32 - PRESENT_BITS);
        self.present.get((b >> 6) as usize).is_some_and(|w| w >> (b & 63) & 1 == 1)
    }

    /// Adds the rows of every held feature among the feature hashes `feats` to `out` (one score per
    /// tag), in the order of `feats`.
    #[inline]
    pub fn add(&self, feats: &[u64], out: &mut [f32]) {
        let t = self.tags;
        for &h in feats {
            let r = fingerprint(h);
            if !self.has(r) {
                continue;
            }
            if let Some(&s) = self.index.get(&r) {
                let at = s as usize * t;
                if let Some(w) = self.w.get(at..at + t) {
                    for (o, &x) in out.iter_mut().zip(w) {
                        *o += x;
                    }
                }
            }
        }
    }

    /// Transition adjustment from `a` (`None` = sentence start) to `b`.
    #[inline]
    pub fn trans(&self, a: Option<usize>, b: usize) -> f32 {
        let t = self.tags;
        self.trans.get(a.unwrap_or(t) * t + b).copied().unwrap_or(0.0)
    }

    /// The transition adjustments, `(tags + 1) × tags`.
    pub fn trans_table(&self) -> &[f32] {
        &self.trans
    }

    /// The transition adjustments, to change them.
    pub fn trans_table_mut(&mut self) -> &mut [f32] {
        &mut self.trans
    }

    /// The weights of the feature with key `r`, if held.
    pub fn row(&self, r: u32) -> Option<&[f32]> {
        let s = *self.index.get(&r)? as usize * self.tags;
        self.w.get(s..s + self.tags)
    }

    /// The weights of the feature with key `r`, added (zero) when not held.
    pub fn row_mut(&mut self, r: u32) -> Option<&mut [f32]> {
        let t = self.tags;
        let s = match self.index.get(&r) {
            Some(&s) => s as usize,
            None => {
                let s = self.rows.len();
                self.index.insert(r, s as u32);
                self.rows.push(r);
                self.w.resize(self.w.len() + t, 0.0);
                let b = r >> (32 - PRESENT_BITS);
                if let Some(w) = self.present.get_mut((b >> 6) as usize) {
                    *w |= 1 << (b & 63);
                }
                s
            }
        };
        self.w.get_mut(s * t..(s + 1) * t)
    }

    /// Every held key with its weights, in key order.
    pub fn sorted_rows(&self) -> Vec<(u32, &[f32])> {
        let t = self.tags;
        let mut out: Vec<(u32, &[f32])> =
            self.rows.iter().enumerate().map(|(s, &r)| (r, &self.w[s * t..(s + 1) * t])).collect();
        out.sort_unstable_by_key(|x| x.0);
        out
    }

    /// Calls `f` with every held key and its weights, to change them (in slot order: `f` must treat
    /// each row on its own).
    pub fn for_each_row_mut(&mut self, mut f: impl FnMut(u32, &mut [f32])) {
        let t = self.tags.max(1);
        for (&r, w) in self.rows.iter().zip(self.w.chunks_exact_mut(t)) {
            f(r, w);
        }
    }

    /// Multiplies every weight and transition adjustment by `f`.
    pub fn scale(&mut self, f: f32) {
        for x in self.w.iter_mut().chain(self.trans.iter_mut()) {
            *x *= f;
        }
    }

    /// Keeps only the rows for which `keep(key, weights)` is true, rebuilt in key order.
    pub fn retain(&mut self, mut keep: impl FnMut(u32, &[f32]) -> bool) {
        let t = self.tags;
        let kept: Vec<(u32, Vec<f32>)> =
            self.sorted_rows().into_iter().filter(|(r, w)| keep(*r, w)).map(|(r, w)| (r, w.to_vec())).collect();
        self.index.clear();
        self.rows.clear();
        self.w.clear();
        self.present.iter_mut().for_each(|w| *w = 0);
        self.index.reserve(kept.len());
        self.w.reserve(kept.len() * t);
        for (r, w) in kept {
            if let Some(dst) = self.row_mut(r) {
                dst.copy_from_slice(&w);
            }
        }
    }

    /// Removes every row and transition adjustment.
    pub fn clear(&mut self) {
        self.retain(|_, _| false);
        self.trans.iter_mut().for_each(|x| *x = 0.0);
    }

    /// Bytes of memory the delta holds (its tables, not counting the allocator's slack).
    pub fn heap_bytes(&self) -> usize {
        self.index.capacity() * (4 + 4 + 1)
            + self.rows.capacity() * 4
            + self.w.capacity() * 4
            + self.trans.capacity() * 4
            + self.present.capacity() * 8
    }

    /// [`Delta::sorted_rows`] keys only.
    pub fn keys(&self) -> Vec<u32> {
        let mut k = self.rows.clone();
        k.sort_unstable();
        k
    }
}

impl PartialEq for Delta {
    fn eq(&self, o: &Delta) -> bool {
        self.lang == o.lang
            && self.base == o.base
            && self.tags == o.tags
            && self.bits == o.bits
            && self.context == o.context
            && self.trans == o.trans
            && self.sorted_rows() == o.sorted_rows()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn rows_add_where_held_and_sort_by_key() {
        let h = |k: u64, low: u64| k << 32 | low;
        let mut d = Delta::new("ar", 7, 3, 10);
        assert!(d.is_empty());
        d.row_mut(900).unwrap()[1] = 2.0;
        d.row_mut(5).unwrap()[0] = -1.0;
        d.row_mut(900).unwrap()[2] = 0.5;
        let mut out = [0.0; 3];
        // Features are matched by their top 32 bits, whatever their low bits.
        d.add(&[h(5, 1), h(6, 0), h(900, 77), h(5, 3)], &mut out);
        assert_eq!(out, [-2.0, 2.0, 0.5]);
        // Same presence bit (same top 20 bits), other key: nothing added.
        let mut out = [0.0; 3];
        d.add(&[h(6, 0), h(901, 0)], &mut out);
        assert_eq!(out, [0.0; 3]);
        assert_eq!(d.sorted_rows().iter().map(|x| x.0).collect::<Vec<_>>(), vec![5, 900]);
        d.retain(|r, _| r != 5);
        let mut out = [0.0; 3];
        d.add(&[h(5, 0), h(900, 0)], &mut out);
        assert_eq!(out, [0.0, 2.0, 0.5]);
        assert_eq!(d.len(), 1);
        d.clear();
        assert!(d.is_empty());
        assert_eq!(d, Delta::new("ar", 7, 3, 10));
    }
}
