//! The tagger's file format.
//!
//! ```text
//! magic        8 bytes  "SANADNER"
//! version      u16 LE   FORMAT_VERSION
//! payload_len  u32 LE   bytes of the payload that follows
//! payload:
//!   lang            u8 length + UTF-8
//!   labels          u8 count, then each u8 length + UTF-8
//!   bits            u8   log2 of weight rows
//!   feature_version u16
//!   flags           u8   bit 0: gazetteer features
//!   scale           f32  largest weight; codes map through the logarithmic codebook (mu = 1000)
//!   conf_temp       f32
//!   o_bias          f32  subtracted from every token's O score
//!   trans           (tags + 1) * tags f32
//!   nonzero rows    u32 count, then per row: varint gap from the previous row + 1, tags × i8
//!   lexicon         u32 count, then (u64 sequence hash, u8 kind); u32 count, then u64 first-word
//!                   hashes; u8 longest entry; u32 count, then (u64 word hash, u8 code)
//!   gazetteer       only with flag bit 0, every hash as its 32-bit fingerprint (`gazetteer::fingerprint`)
//!                   and every list sorted, fingerprints as varint gaps from the previous one + 1:
//!                   u32 count, then the entry fingerprints, then their u8 kinds; u32 count, then the
//!                   first-word fingerprints; u8 longest entry; u32 count, then the word frequency
//!                   fingerprints, then their u8 buckets (version 3; version 2 stored full u64 hashes
//!                   and no frequencies, version 1 rebuilt the list from the engine's)
//! checksum     u64 LE   FNV-1a 64 of everything before it
//! ```
//! All numbers are little-endian. Reading checks magic, version, length and checksum before anything
//! else, so a damaged file is reported, never used.

use super::bio::n_tags;
use super::features::FEATURE_VERSION;
use super::gazetteer::{fingerprint, Gazetteer};
use super::hash::{fnv1a64, FastMap, FastSet};
use super::lexicon::Lexicon;
use super::tagger::Tagger;

/// The file's first bytes.
pub const MAGIC: &[u8; 8] = b"SANADNER";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u16 = 3;

/// Why a model file cannot be used. (Serde: the page's tagger worker sends it to the page, which
/// words it in the interface language.)
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ModelFileError {
    /// Shorter than the fixed header and checksum.
    #[error("model file is too short ({0} bytes): truncated or not a Sanad model")]
    TooShort(usize),
    /// The magic bytes are wrong.
    #[error("not a Sanad entity model (bad magic bytes)")]
    BadMagic,
    /// Written by another format version.
    #[error("model file format version {found} is not supported (this build reads version {supported})")]
    UnsupportedVersion {
        /// Version in the file.
        found: u16,
        /// Version this build reads.
        supported: u16,
    },
    /// The payload length does not match the file size.
    #[error("model file is truncated or has trailing bytes: header says {expected} payload bytes, file has {found}")]
    Truncated {
        /// Bytes the header announces.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// Checksum mismatch: the file is damaged.
    #[error("model file is corrupt: checksum {found:016x} does not match {expected:016x}")]
    Checksum {
        /// Stored checksum.
        expected: u64,
        /// Computed checksum.
        found: u64,
    },
    /// The features the weights were trained with are not this build's.
    #[error("model was trained with feature set {found}, this build computes feature set {supported}: retrain it")]
    FeatureVersion {
        /// Version in the file.
        found: u16,
        /// Version of this build.
        supported: u16,
    },
    /// Structurally invalid content behind a valid checksum.
    #[error("model file is invalid: {0}")]
    Invalid(String),
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.push(b.len().min(255) as u8);
    out.extend_from_slice(&b[..b.len().min(255)]);
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_fingerprints(out: &mut Vec<u8>, hs: impl Iterator<Item = u64>) {
    let mut prev: i64 = -1;
    for h in hs {
        put_varint(out, (h as i64 - prev) as u64);
        prev = h as i64;
    }
}

fn write_gazetteer(g: &Gazetteer, out: &mut Vec<u8>) {
    let (entries, first, freq, max_len) = g.parts();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    put_fingerprints(out, entries.iter().map(|e| e.0));
    out.extend(entries.iter().map(|e| e.1));
    out.extend_from_slice(&(first.len() as u32).to_le_bytes());
    put_fingerprints(out, first.iter().copied());
    out.push(max_len.min(255) as u8);
    out.extend_from_slice(&(freq.len() as u32).to_le_bytes());
    put_fingerprints(out, freq.iter().map(|e| e.0));
    out.extend(freq.iter().map(|e| e.1));
}

/// Serialises a tagger.
pub fn to_bytes(m: &Tagger) -> Vec<u8> {
    let t = n_tags(m.labels.len());
    let mut p = Vec::new();
    put_str(&mut p, &m.lang);
    p.push(m.labels.len() as u8);
    for l in &m.labels {
        put_str(&mut p, l);
    }
    p.push(m.bits);
    p.extend_from_slice(&m.feature_version.to_le_bytes());
    p.push(u8::from(m.gazetteer().is_some()));
    p.extend_from_slice(&m.scale.to_le_bytes());
    p.extend_from_slice(&m.conf_temp.to_le_bytes());
    p.extend_from_slice(&m.o_bias.to_le_bytes());
    for x in &m.trans {
        p.extend_from_slice(&x.to_le_bytes());
    }
    let nonzero: Vec<usize> =
        (0..m.weights.len() / t.max(1)).filter(|&r| m.weights[r * t..(r + 1) * t].iter().any(|&x| x != 0)).collect();
    p.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
    let mut prev: i64 = -1;
    for r in nonzero {
        put_varint(&mut p, (r as i64 - prev) as u64);
        prev = r as i64;
        p.extend(m.weights[r * t..(r + 1) * t].iter().map(|&x| x as u8));
    }
    m.lexicon.write(&mut p);
    if let Some(g) = m.gazetteer() {
        write_gazetteer(g, &mut p);
    }
    let mut out = Vec::with_capacity(p.len() + 22);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(p.len() as u32).to_le_bytes());
    out.extend_from_slice(&p);
    let sum = fnv1a64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ModelFileError> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| ModelFileError::Invalid(format!("payload ends inside {what}")))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self, what: &str) -> Result<u8, ModelFileError> {
        Ok(self.take(1, what)?[0])
    }
    fn arr<const N: usize>(&mut self, what: &str) -> Result<[u8; N], ModelFileError> {
        let s = self.take(N, what)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn f32(&mut self, what: &str) -> Result<f32, ModelFileError> {
        let v = f32::from_le_bytes(self.arr(what)?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ModelFileError::Invalid(format!("{what} is not a finite number")))
        }
    }
    fn string(&mut self, what: &str) -> Result<String, ModelFileError> {
        let n = self.u8(what)? as usize;
        let s = self.take(n, what)?;
        String::from_utf8(s.to_vec()).map_err(|_| ModelFileError::Invalid(format!("{what} is not UTF-8")))
    }
    /// `n` sorted fingerprints written by `put_fingerprints`.
    fn fingerprints(&mut self, n: usize, what: &str) -> Result<Vec<u64>, ModelFileError> {
        let mut out = Vec::with_capacity(n.min(self.b.len()));
        let mut prev: i64 = -1;
        for _ in 0..n {
            let gap = self.varint(what)?;
            let h = prev + gap as i64;
            if gap == 0 || h > fingerprint(u64::MAX) as i64 {
                return Err(ModelFileError::Invalid(format!("{what} out of order or out of range")));
            }
            out.push(h as u64);
            prev = h;
        }
        Ok(out)
    }
    fn varint(&mut self, what: &str) -> Result<u64, ModelFileError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelFileError::Invalid(format!("{what}: varint too long")))
    }
}

/// Reads a tagger, checking everything first. See [`ModelFileError`].
pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelFileError> {
    const HEAD: usize = 8 + 2 + 4;
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        if bytes.len() < 8 && MAGIC.starts_with(bytes) {
            return Err(ModelFileError::TooShort(bytes.len()));
        }
        return Err(ModelFileError::BadMagic);
    }
    if bytes.len() < HEAD + 8 {
        return Err(ModelFileError::TooShort(bytes.len()));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(ModelFileError::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
    }
    let plen = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let found = bytes.len() - HEAD - 8;
    if plen != found {
        return Err(ModelFileError::Truncated { expected: plen, found });
    }
    let body = &bytes[..bytes.len() - 8];
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&bytes[bytes.len() - 8..]);
    let expected = u64::from_le_bytes(sum);
    let computed = fnv1a64(body);
    if expected != computed {
        return Err(ModelFileError::Checksum { expected, found: computed });
    }
    let mut r = Reader { b: &body[HEAD..], at: 0 };
    let lang = r.string("language")?;
    let nl = r.u8("label count")? as usize;
    if nl == 0 || nl > 16 {
        return Err(ModelFileError::Invalid(format!("{nl} labels")));
    }
    let labels = (0..nl).map(|_| r.string("label")).collect::<Result<Vec<_>, _>>()?;
    let bits = r.u8("hash bits")?;
    if !(8..=24).contains(&bits) {
        return Err(ModelFileError::Invalid(format!("hash bits {bits} out of range 8..=24")));
    }
    let fv = u16::from_le_bytes(r.arr("feature version")?);
    if fv != FEATURE_VERSION {
        return Err(ModelFileError::FeatureVersion { found: fv, supported: FEATURE_VERSION });
    }
    let flags = r.u8("flags")?;
    let scale = r.f32("scale")?;
    let conf_temp = r.f32("confidence temperature")?;
    let o_bias = r.f32("O bias")?;
    let t = n_tags(nl);
    let trans = (0..(t + 1) * t).map(|_| r.f32("transitions")).collect::<Result<Vec<_>, _>>()?;
    let rows = 1usize << bits;
    let nz = u32::from_le_bytes(r.arr("row count")?) as usize;
    if nz > rows {
        return Err(ModelFileError::Invalid(format!("{nz} rows stored for a table of {rows}")));
    }
    let mut weights = vec![0i8; rows * t];
    let mut prev: i64 = -1;
    for _ in 0..nz {
        let gap = r.varint("row index")?;
        let row = prev + gap as i64;
        if gap == 0 || row >= rows as i64 {
            return Err(ModelFileError::Invalid(format!("row index {row} out of range")));
        }
        prev = row;
        let w = r.take(t, "weights")?;
        let base = row as usize * t;
        for (d, &s) in weights[base..base + t].iter_mut().zip(w) {
            *d = s as i8;
        }
    }
    let mut lexicon = Lexicon::default();
    let ne = u32::from_le_bytes(r.arr("lexicon size")?) as usize;
    for _ in 0..ne {
        let h = u64::from_le_bytes(r.arr("lexicon entry")?);
        let k = r.u8("lexicon entry")?;
        lexicon.entries.insert(h, k);
    }
    let nf = u32::from_le_bytes(r.arr("lexicon first words")?) as usize;
    for _ in 0..nf {
        lexicon.first.insert(u64::from_le_bytes(r.arr("lexicon first word")?));
    }
    lexicon.max_len = usize::from(r.u8("lexicon length")?);
    let nw = u32::from_le_bytes(r.arr("lexicon words")?) as usize;
    for _ in 0..nw {
        let h = u64::from_le_bytes(r.arr("lexicon word")?);
        let k = r.u8("lexicon word")?;
        lexicon.words.insert(h, k);
    }
    let gazetteer = if flags & 1 == 1 {
        let n = u32::from_le_bytes(r.arr("gazetteer size")?) as usize;
        let hs = r.fingerprints(n, "gazetteer entry")?;
        let kinds = r.take(n, "gazetteer kinds")?;
        let entries: FastMap<u64, u8> = hs.into_iter().zip(kinds.iter().copied()).collect();
        let n = u32::from_le_bytes(r.arr("gazetteer first words")?) as usize;
        let first: FastSet<u64> = r.fingerprints(n, "gazetteer first word")?.into_iter().collect();
        let max_len = usize::from(r.u8("gazetteer length")?);
        let n = u32::from_le_bytes(r.arr("word frequencies")?) as usize;
        let hs = r.fingerprints(n, "word frequency")?;
        let codes = r.take(n, "word frequency buckets")?;
        let freq: FastMap<u64, u8> = hs.into_iter().zip(codes.iter().copied()).collect();
        Some(Gazetteer::from_parts(entries, first, max_len, freq))
    } else {
        None
    };
    if r.at != r.b.len() {
        return Err(ModelFileError::Invalid(format!("{} unexpected bytes after the weights", r.b.len() - r.at)));
    }
    let mut tagger = Tagger::new(&lang, labels, bits, gazetteer, scale, weights, trans, conf_temp, lexicon);
    tagger.o_bias = o_bias;
    Ok(tagger)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::nlp::bio::Sentence;
    use crate::nlp::tagger::{train, TrainConfig};

    fn model() -> Tagger {
        let s = Sentence {
            words: vec!["قال".into(), "لافروف".into(), "في".into(), "موسكو".into()],
            tags: vec!["O".into(), "B-PER".into(), "O".into(), "B-LOC".into()],
        };
        let cfg = TrainConfig { epochs: 2, seed: 3, bits: 10, ..TrainConfig::default() };
        train("ar", std::slice::from_ref(&s), std::slice::from_ref(&s), &cfg, &mut |_| {}).tagger
    }

    #[test]
    fn round_trip() {
        let m = model();
        let b = to_bytes(&m);
        let back = from_bytes(&b).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.lang, "ar");
        assert_eq!(back.scale, m.scale);
        assert_eq!(back.lexicon, m.lexicon);
        assert!(!m.lexicon.is_empty());
        // The gazetteer travels in the file, equal to the engine's list it was compiled from.
        assert_eq!(back.gazetteer(), Some(&Gazetteer::builtin("ar")));
        assert_eq!(to_bytes(&back), b);
    }

    #[test]
    fn round_trip_with_lists_and_frequencies() {
        let s = Sentence {
            words: vec!["قال".into(), "فينغر".into(), "في".into(), "موسكو".into()],
            tags: vec!["O".into(), "B-PER".into(), "O".into(), "B-LOC".into()],
        };
        let mut g = Gazetteer::builtin("ar");
        g.add_list("PER\tar\tأرسين فينغر\nORG\tar\tبنفيكا\nNAME\tar\tفينغر\n", "ar").unwrap();
        g.add_word_freq("في\t147\nقال\t240\nموسكو\t430\n").unwrap();
        let cfg = TrainConfig { epochs: 2, seed: 3, bits: 10, gazetteer: Some(g.clone()), ..TrainConfig::default() };
        let m = train("ar", std::slice::from_ref(&s), std::slice::from_ref(&s), &cfg, &mut |_| {}).tagger;
        let b = to_bytes(&m);
        let back = from_bytes(&b).unwrap();
        assert_eq!(back.gazetteer(), Some(&g));
        assert_eq!(back.gazetteer().map(Gazetteer::freq_len), Some(3));
        assert_eq!(to_bytes(&back), b);
        assert_eq!(back.tag(&s.words), m.tag(&s.words));
        // A damaged fingerprint list (a varint cut short) is refused, not read as other entries.
        let mut bad = b.clone();
        let n = bad.len();
        let at = n - 8 - 3 - 3; // inside the frequency fingerprints (3 codes after them)
        bad[at] = 0;
        let sum = fnv1a64(&bad[..n - 8]);
        bad[n - 8..].copy_from_slice(&sum.to_le_bytes());
        assert!(matches!(from_bytes(&bad), Err(ModelFileError::Invalid(_))), "{:?}", from_bytes(&bad).err());
    }

    #[test]
    fn round_trip_without_gazetteer() {
        let s =
            Sentence { words: vec!["قال".into(), "لافروف".into()], tags: vec!["O".into(), "B-PER".into()] };
        let cfg = TrainConfig { epochs: 2, seed: 3, bits: 10, use_gazetteer: false, ..TrainConfig::default() };
        let m = train("ar", std::slice::from_ref(&s), std::slice::from_ref(&s), &cfg, &mut |_| {}).tagger;
        let back = from_bytes(&to_bytes(&m)).unwrap();
        assert!(back.gazetteer().is_none() && !back.use_gazetteer);
        assert_eq!(to_bytes(&back), to_bytes(&m));
    }

    #[test]
    fn corrupt_byte_is_a_checksum_error() {
        let mut b = to_bytes(&model());
        let mid = b.len() / 2;
        b[mid] ^= 0x55;
        assert!(matches!(from_bytes(&b), Err(ModelFileError::Checksum { .. })));
        let msg = from_bytes(&b).unwrap_err().to_string();
        assert!(msg.contains("corrupt"), "{msg}");
    }

    #[test]
    fn truncated_file() {
        let b = to_bytes(&model());
        assert!(matches!(from_bytes(&b[..b.len() - 3]), Err(ModelFileError::Truncated { .. })));
        assert!(matches!(from_bytes(&b[..12]), Err(ModelFileError::TooShort(12))));
        assert!(matches!(from_bytes(&b[..4]), Err(ModelFileError::TooShort(4))));
        assert!(matches!(from_bytes(&[]), Err(ModelFileError::TooShort(0))));
    }

    #[test]
    fn wrong_version_and_magic() {
        let mut b = to_bytes(&model());
        b[8] = 99;
        let e = from_bytes(&b).unwrap_err();
        assert_eq!(e, ModelFileError::UnsupportedVersion { found: 99, supported: FORMAT_VERSION });
        assert!(e.to_string().contains("version 99"));
        let mut b = to_bytes(&model());
        b[0] = b'X';
        assert_eq!(from_bytes(&b).unwrap_err(), ModelFileError::BadMagic);
        assert_eq!(from_bytes(b"{\"not\": \"a model\"}").unwrap_err(), ModelFileError::BadMagic);
    }

    #[test]
    fn invalid_payload_behind_valid_checksum() {
        let b = to_bytes(&model());
        // Cut the payload and recompute length and checksum: structure errors must still be caught.
        let mut cut = b[..b.len() - 8 - 5].to_vec();
        let plen = (cut.len() - 14) as u32;
        cut[10..14].copy_from_slice(&plen.to_le_bytes());
        let sum = fnv1a64(&cut);
        cut.extend_from_slice(&sum.to_le_bytes());
        assert!(matches!(from_bytes(&cut), Err(ModelFileError::Invalid(_))));
    }
}
