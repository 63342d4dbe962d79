//! Hashing: the one FNV-1a 64 of the engine, the mixing of feature hashes, and hash tables keyed by
//! hashes.
//!
//! Everything here is part of the model file's contract: feature hashes pick weight rows, the
//! gazetteer and the learned lexicon are stored as hashes of normalised words, and the file ends with
//! an FNV-1a checksum. Changing one bit of [`fnv1a64`], [`Fnv1a64`] or [`mix`] makes every shipped
//! model unreadable or wrong, so the test below pins them to published test vectors and to fixed
//! outputs. Quote cues (`quotes::lexicon`), the quote gold files' `text_fnv1a64` and document ids use
//! the same [`fnv1a64`].

/// FNV-1a 64 over bytes, fed piece by piece (the hash of the concatenation). Use [`fnv1a64`] for one
/// slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fnv1a64(u64);

impl Fnv1a64 {
    /// The FNV-1a 64 offset basis (the hash of no bytes).
    pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    /// The FNV 64 prime.
    pub const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// The state before any byte.
    #[inline]
    pub const fn new() -> Self {
        Fnv1a64(Self::OFFSET)
    }

    /// Feeds bytes.
    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(Self::PRIME);
        }
    }

    /// Feeds a character's UTF-8 bytes.
    #[inline]
    pub fn write_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.write(c.encode_utf8(&mut buf).as_bytes());
    }

    /// The hash of everything fed so far.
    #[inline]
    pub const fn finish(self) -> u64 {
        self.0
    }
}

impl Default for Fnv1a64 {
    fn default() -> Self {
        Self::new()
    }
}

/// FNV-1a 64 of some bytes.
#[inline]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.finish()
}

/// The finaliser of splitmix64: a bijection of `u64` that spreads every input bit over the output.
#[inline]
fn splitmix_finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Mixes two hashes (order matters): how feature templates, values and word sequences combine.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    splitmix_finish(a.rotate_left(5) ^ b.wrapping_add(0x9E37_79B9_7F4A_7C15))
}

/// splitmix64: advances `state` and returns the next pseudo-random number (training's deterministic
/// shuffle).
#[inline]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    splitmix_finish(*state)
}

/// A hasher for keys that are already good 64-bit hashes: one multiply instead of SipHash.
#[derive(Clone, Copy, Debug, Default)]
pub struct U64Hasher(u64);

impl std::hash::Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// Map keyed by hashes.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<U64Hasher>>;
/// Set of hashes.
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<U64Hasher>>;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// Published FNV-1a 64 test vectors (the FNV reference test suite; also Go's `hash/fnv` tests).
    #[test]
    fn fnv1a64_matches_published_test_vectors() {
        for (input, want) in
            [("", 0xcbf2_9ce4_8422_2325u64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)]
        {
            assert_eq!(fnv1a64(input.as_bytes()), want, "{input:?}");
        }
    }

    #[test]
    fn streaming_is_the_hash_of_the_concatenation() {
        let text = "قال لافروف: Moscow «٢٠٢٣»";
        let mut by_char = Fnv1a64::new();
        text.chars().for_each(|c| by_char.write_char(c));
        let mut by_piece = Fnv1a64::default();
        let (a, b) = text.split_at(7);
        by_piece.write(a.as_bytes());
        by_piece.write(b.as_bytes());
        assert_eq!(by_char.finish(), fnv1a64(text.as_bytes()));
        assert_eq!(by_piece.finish(), fnv1a64(text.as_bytes()));
    }

    /// The mixing and the shuffle's generator are part of the model too (feature rows, training
    /// order): their outputs are pinned (values from an independent reimplementation; the splitmix64
    /// ones are its well-known sequence from state 0).
    #[test]
    fn mix_and_splitmix_are_stable() {
        assert_eq!(mix(1, 0), 0xeaeb_7f27_b54e_2401);
        assert_eq!(mix(0, 1), 0x910a_2dec_8902_5cc1);
        assert_eq!(mix(fnv1a64(b"foobar"), 2), 0x8118_dee5_e062_0a3e);
        let mut s = 0;
        assert_eq!(splitmix64(&mut s), 0xe220_a839_7b1d_cdaf);
        assert_eq!(splitmix64(&mut s), 0x6e78_9e6a_a1b9_65f4);
    }
}
