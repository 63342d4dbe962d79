//! Word clusters: ids learned from unlabelled text (`tools/clusters/`, `crates/core/data/clusters-*.tsv`)
//! that let the tagger generalise from the words it saw in training to words it never saw but that
//! occur in the same contexts. Each word of the table has three flat k-means ids (64, 256 and 1,024
//! clusters) and a bit path in a Ward tree over the 1,024 clusters, whose prefixes (4, 6, 10 bits)
//! are coarser groupings, as with Brown clusters.
//!
//! Like the gazetteer, the table is compiled into the model file: words as 32-bit fingerprints of
//! their normalised keys' hashes, the ids packed, the paths once per 1,024-cluster. The page never
//! links the TSV. Which cluster features a model uses is part of the model ([`feat`]), so the tagger
//! computes exactly the features it was trained with.

use super::gazetteer::{fingerprint, ListError};
use super::hash::{fnv1a64, mix, FastMap};
use super::normalize::normalize_key;
use super::tokinfo::TokInfo;

/// Which cluster features a model computes (bits of [`Clusters::features`]).
pub mod feat {
    /// The word's 64-cluster id.
    pub const K64: u32 = 1;
    /// The word's 256-cluster id.
    pub const K256: u32 = 1 << 1;
    /// The word's 1,024-cluster id.
    pub const K1024: u32 = 1 << 2;
    /// The first 4 bits of the word's path.
    pub const P4: u32 = 1 << 3;
    /// The first 6 bits of the word's path.
    pub const P6: u32 = 1 << 4;
    /// The first 10 bits of the word's path.
    pub const P10: u32 = 1 << 5;
    /// A word not in the table takes the cluster of its stem after the proclitics (Arabic), if known.
    pub const STEM: u32 = 1 << 6;
    /// The stem's own 256-cluster as one more feature when the word has proclitics.
    pub const STEM_K256: u32 = 1 << 7;
    /// Neighbours (±1): their 64-cluster ids.
    pub const NB_K64: u32 = 1 << 8;
    /// Neighbours (±1): their 256-cluster ids.
    pub const NB_K256: u32 = 1 << 9;
    /// Neighbours (±1): their 1,024-cluster ids.
    pub const NB_K1024: u32 = 1 << 10;
    /// Neighbours (±1): 4-bit path prefixes.
    pub const NB_P4: u32 = 1 << 11;
    /// Neighbours (±1): 6-bit path prefixes.
    pub const NB_P6: u32 = 1 << 12;
    /// Neighbours (±1): 10-bit path prefixes.
    pub const NB_P10: u32 = 1 << 13;
    /// The previous word's and this word's 64-cluster ids together.
    pub const BIGRAM: u32 = 1 << 14;
    /// Neighbours at ±2: their 64-cluster ids.
    pub const NB2_K64: u32 = 1 << 15;

    /// Names of the bits, for `sanad train --cluster-features` and reports.
    pub const NAMES: [(&str, u32); 16] = [
        ("k64", K64),
        ("k256", K256),
        ("k1024", K1024),
        ("p4", P4),
        ("p6", P6),
        ("p10", P10),
        ("stem", STEM),
        ("stem-k256", STEM_K256),
        ("nb-k64", NB_K64),
        ("nb-k256", NB_K256),
        ("nb-k1024", NB_K1024),
        ("nb-p4", NB_P4),
        ("nb-p6", NB_P6),
        ("nb-p10", NB_P10),
        ("bigram", BIGRAM),
        ("nb2-k64", NB2_K64),
    ];

    /// Parses a comma-separated list of [`NAMES`].
    pub fn parse(list: &str) -> Result<u32, String> {
        let mut m = 0;
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let bit = NAMES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| *b)
                .ok_or_else(|| format!("unknown cluster feature {name:?}"))?;
            m |= bit;
        }
        Ok(m)
    }

    /// The names of the bits set in `m`, comma-separated.
    pub fn names(m: u32) -> String {
        NAMES.iter().filter(|(_, b)| m & b != 0).map(|(n, _)| *n).collect::<Vec<_>>().join(",")
    }
}

/// How many neighbour granularities a token offers (see [`TokInfo::cl_nb`]).
pub use super::tokinfo::CLUSTER_NB_SLOTS as NB_SLOTS;

/// Longest path stored (bits).
pub const MAX_PATH: u8 = 16;

/// A packed code: bit 24 set (so a known word's code is never 0), k64 in bits 18-23, k256 in 10-17,
/// k1024 in 0-9.
#[inline]
fn pack(k64: u32, k256: u32, k1024: u32) -> u32 {
    1 << 24 | k64 << 18 | k256 << 10 | k1024
}

/// Which ids the features use (1) or not (0): (k64, k256, k1024). Unused ids are stored as 0, so
/// they cost nothing in the model file once compressed.
fn used(f: u32) -> (u32, u32, u32) {
    let on = |m: u32| u32::from(f & m != 0);
    (
        on(feat::K64 | feat::NB_K64 | feat::NB2_K64 | feat::BIGRAM),
        on(feat::K256 | feat::NB_K256 | feat::STEM_K256),
        on(feat::K1024 | feat::NB_K1024 | feat::P4 | feat::P6 | feat::P10 | feat::NB_P4 | feat::NB_P6 | feat::NB_P10),
    )
}

/// The three ids of a packed code: (k64, k256, k1024).
#[inline]
pub fn unpack(code: u32) -> (u32, u32, u32) {
    ((code >> 18) & 63, (code >> 10) & 255, code & 1023)
}

/// A compiled table's words: (key fingerprint, packed code), sorted by fingerprint.
pub type Words = Vec<(u64, u32)>;

/// A compiled cluster table for one language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// Word key fingerprint -> packed code.
    words: FastMap<u64, u32>,
    /// Path of each 1,024-cluster: (bits, most significant first, in the low `len` bits; len).
    paths: Vec<(u16, u8)>,
    /// The features a tagger computes from the table ([`feat`] bits).
    pub features: u32,
}

// Granularity ids mixed into the values, so a 256-cluster id never equals a 64-cluster one.
const G_K64: u64 = 1;
const G_K256: u64 = 2;
const G_K1024: u64 = 3;
const G_PATH: u64 = 16;

impl Clusters {
    /// Reads a table (`key<TAB>k64<TAB>k256<TAB>k1024<TAB>path`, `# ` comment lines, most frequent
    /// first), keeping the first `max_words` words (all when `None`). Keys are normalised again (a
    /// no-op for tables written from tagger keys); a key seen twice keeps its first (more frequent)
    /// row.
    pub fn parse(text: &str, max_words: Option<usize>, features: u32) -> Result<Self, ListError> {
        let mut c = Clusters { features, paths: vec![(0, 0); 1024], ..Clusters::default() };
        let mut seen = vec![false; 1024];
        let mut n = 0usize;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if max_words.is_some_and(|m| n >= m) {
                break;
            }
            let err = |msg: String| ListError { line: i + 1, msg };
            let cols: Vec<&str> = line.split('\t').collect();
            let [word, a, b, k, path] = cols.as_slice() else {
                return Err(err("expected key<TAB>k64<TAB>k256<TAB>k1024<TAB>path".into()));
            };
            let num = |s: &str, lim: u32, what: &str| -> Result<u32, ListError> {
                s.parse::<u32>()
                    .ok()
                    .filter(|&v| v < lim)
                    .ok_or_else(|| err(format!("{what} {s:?} is not a whole number below {lim}")))
            };
            let (k64, k256, k1024) = (num(a, 64, "k64")?, num(b, 256, "k256")?, num(k, 1024, "k1024")?);
            if path.is_empty() || path.len() > usize::from(MAX_PATH) || !path.bytes().all(|x| x == b'0' || x == b'1') {
                return Err(err(format!("path {path:?} is not 1 to {MAX_PATH} bits")));
            }
            let bits = path.bytes().fold(0u16, |acc, x| acc << 1 | u16::from(x == b'1'));
            let p = (bits, path.len() as u8);
            let slot = k1024 as usize;
            if seen[slot] && c.paths[slot] != p {
                return Err(err(format!("cluster {k1024} has two paths")));
            }
            seen[slot] = true;
            c.paths[slot] = p;
            let fp = fingerprint(fnv1a64(normalize_key(word).as_bytes()));
            let (u64_, u256, u1024) = used(features);
            c.words.entry(fp).or_insert(pack(k64 * u64_, k256 * u256, k1024 * u1024));
            n += 1;
        }
        Ok(c)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the table has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The compiled parts, for the model file: (fingerprint, packed code) sorted by fingerprint, and
    /// the 1,024 paths.
    pub fn parts(&self) -> (Words, &[(u16, u8)]) {
        let mut w: Words = self.words.iter().map(|(&h, &c)| (h, c)).collect();
        crate::sort::sort_by_key(&mut w, |x| x.0);
        (w, &self.paths)
    }

    /// A table from its compiled parts (see [`Clusters::parts`]); `None` when a code or a path is out
    /// of range.
    pub fn from_parts(words: Words, paths: Vec<(u16, u8)>, features: u32) -> Option<Self> {
        if paths.len() != 1024 || paths.iter().any(|&(b, l)| l > MAX_PATH || (l < 16 && b >> l != 0)) {
            return None;
        }
        if words.iter().any(|&(_, c)| c >> 24 != 1) {
            return None;
        }
        Some(Clusters { words: words.into_iter().collect(), paths, features })
    }

    /// Packed code of a key or stem hash, 0 when the word is not in the table.
    #[inline]
    pub fn code_of(&self, h: u64) -> u32 {
        self.words.get(&fingerprint(h)).copied().unwrap_or(0)
    }

    /// The value of one granularity of a packed code (mixed with the granularity, never 0).
    fn value(&self, code: u32, g: u32) -> u64 {
        let (k64, k256, k1024) = unpack(code);
        let prefix = |n: u8| {
            let (bits, len) = self.paths.get(k1024 as usize).copied().unwrap_or((0, 0));
            let l = len.min(n);
            mix(G_PATH + u64::from(n), u64::from(bits >> (len - l)) << 5 | u64::from(l))
        };
        match g {
            feat::K64 | feat::NB_K64 | feat::NB2_K64 => mix(G_K64, u64::from(k64)),
            feat::K256 | feat::NB_K256 | feat::STEM_K256 => mix(G_K256, u64::from(k256)),
            feat::K1024 | feat::NB_K1024 => mix(G_K1024, u64::from(k1024)),
            feat::P4 | feat::NB_P4 => prefix(4),
            feat::P6 | feat::NB_P6 => prefix(6),
            _ => prefix(10),
        }
    }

    /// Looks a token up (by key; by stem when [`feat::STEM`] is on and the key is not in the table)
    /// and sets its cluster fields: `cluster`, the word-level features appended to `local` (with
    /// template `template`), and what it offers its neighbours (`cl_nb`, `cl_nb2`, `cl_bi`).
    pub fn apply(&self, t: &mut TokInfo, template: u64) {
        let f = self.features;
        let mut code = self.code_of(t.key);
        let mut by_stem = false;
        if code == 0 && f & feat::STEM != 0 {
            code = std::iter::once(t.stem)
                .chain(t.alt_stems.iter().copied())
                .filter(|&h| h != t.key)
                .map(|h| self.code_of(h))
                .find(|&c| c != 0)
                .unwrap_or(0);
            by_stem = code != 0;
        }
        t.cluster = code;
        if code != 0 {
            for g in [feat::K64, feat::K256, feat::K1024, feat::P4, feat::P6, feat::P10] {
                if f & g != 0 {
                    t.local.push(mix(template + u64::from(g.trailing_zeros()), self.value(code, g)));
                }
            }
            if by_stem {
                t.local.push(mix(template + 20, 1));
            }
            let mut k = 0;
            for g in [feat::NB_K64, feat::NB_K256, feat::NB_K1024, feat::NB_P4, feat::NB_P6, feat::NB_P10] {
                if f & g != 0 && k < NB_SLOTS {
                    t.cl_nb[k] = self.value(code, g);
                    k += 1;
                }
            }
            if f & feat::NB2_K64 != 0 {
                t.cl_nb2 = self.value(code, feat::NB2_K64);
            }
            if f & feat::BIGRAM != 0 {
                t.cl_bi = self.value(code, feat::K64);
            }
        }
        if f & feat::STEM_K256 != 0 && t.stem != t.key {
            let sc = self.code_of(t.stem);
            if sc != 0 {
                t.local.push(mix(template + 21, self.value(sc, feat::STEM_K256)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::nlp::features::token_info;
    use crate::nlp::triggers::Triggers;

    const TABLE: &str = "# test\n# key\tk64\tk256\tk1024\tpath\nموسكو\t3\t40\t700\t0110101\nباريس\t3\t40\t701\t0110100\nقال\t9\t99\t5\t1111\n";

    #[test]
    fn parses_and_looks_up_by_key_and_stem() {
        let c = Clusters::parse(TABLE, None, feat::K256 | feat::P4 | feat::STEM | feat::NB_K64).unwrap();
        assert_eq!(Clusters::parse(TABLE, None, feat::K64).unwrap().code_of(fnv1a64("قال".as_bytes())), pack(9, 0, 0));
        assert_eq!(c.len(), 3);
        let tr = Triggers::new("ar");
        let mut a = token_info("موسكو", false, &tr);
        let mut b = token_info("وباريس", false, &tr);
        let mut u = token_info("كازاخستان", false, &tr);
        let (na, nb) = (a.local.len(), b.local.len());
        c.apply(&mut a, 900);
        c.apply(&mut b, 900);
        c.apply(&mut u, 900);
        assert_eq!(unpack(a.cluster), (3, 40, 700));
        // "وباريس" is not in the table: its stem "باريس" is; same k256 and same 4-bit prefix as Moscow.
        assert_eq!(unpack(b.cluster), (3, 40, 701));
        assert_eq!(a.local[na..na + 2], b.local[nb..nb + 2]);
        assert_eq!(b.local.len(), nb + 3, "k256, p4 and the by-stem flag");
        assert_eq!(a.cl_nb[0], b.cl_nb[0]);
        assert_eq!(u.cluster, 0);
        assert_eq!(u.cl_nb, [0; NB_SLOTS]);
        // Without the stem fallback the clitic form is unknown.
        let plain = Clusters::parse(TABLE, None, feat::K256).unwrap();
        let mut b2 = token_info("وباريس", false, &tr);
        plain.apply(&mut b2, 900);
        assert_eq!(b2.cluster, 0);
    }

    #[test]
    fn top_words_only_and_errors_name_the_line() {
        assert_eq!(Clusters::parse(TABLE, Some(2), 0).unwrap().len(), 2);
        let e = Clusters::parse("a\t1\t2\t3\n", None, 0).unwrap_err();
        assert_eq!(e.line, 1);
        let e = Clusters::parse("# h\na\t1\t2\t3\t01\nb\t1\t2\t3\t011\n", None, 0).unwrap_err();
        assert_eq!((e.line, e.msg.as_str()), (3, "cluster 3 has two paths"));
        let e = Clusters::parse("a\t64\t2\t3\t01\n", None, 0).unwrap_err();
        assert!(e.msg.starts_with("k64"), "{e}");
        let e = Clusters::parse("a\t1\t2\t3\t012\n", None, 0).unwrap_err();
        assert!(e.msg.starts_with("path"), "{e}");
    }

    #[test]
    fn feature_names_round_trip() {
        let m = feat::parse("k256, p4,nb-k64,stem").unwrap();
        assert_eq!(m, feat::K256 | feat::P4 | feat::NB_K64 | feat::STEM);
        assert_eq!(feat::names(m), "k256,p4,stem,nb-k64");
        assert!(feat::parse("k65").is_err());
    }

    #[test]
    fn parts_round_trip() {
        let c = Clusters::parse(TABLE, None, feat::K64).unwrap();
        let (w, p) = c.parts();
        let back = Clusters::from_parts(w.clone(), p.to_vec(), c.features).unwrap();
        assert_eq!(back, c);
        assert!(Clusters::from_parts(w, vec![(0, 0); 3], 0).is_none());
    }
}
