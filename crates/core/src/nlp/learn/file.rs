//! The learned model's file format, and the fine-tuned model file.
//!
//! A learner (its delta, base, update rule and counts) serialises on its own:
//!
//! ```text
//! magic        8 bytes  "SANADLRN"
//! version      u16 LE   DELTA_VERSION
//! payload_len  u32 LE   bytes of the payload that follows
//! payload:
//!   base        u64   the checksum stored at the end of the base model file
//!   lang        u8 length + UTF-8
//!   labels      u8 count, then each u8 length + UTF-8 (the base model's, in tag order)
//!   bits        u8    log2 of the base model's weight rows
//!   rule        u16   RULE_VERSION of the update rule
//!   passes u8, step f32, decay f32, clip f32, max_rows u32, misc_step f32, misc_decay f32,
//!   conf f32, stale_decay f32, context u8: the update rule's parameters (LearnConfig)
//!   documents u32, sentences u64, updates u64: what was learned
//!   trans       (tags + 1) × tags f32: transition adjustments
//!   rows        u32 count (at most max_rows), then per row in increasing key order (a row's key
//!               is the top 32 bits of its feature's hash, see tagger::delta): varint gap from
//!               the previous key + 1, varint (bit mask of its non-zero tags) << 1 | 1 when the row
//!               was confirmed (see LearnConfig::stale_decay), then one f32 per set bit of the mask
//! checksum     u64 LE   FNV-1a 64 of everything before it
//! ```
//!
//! All numbers are little-endian, floats as their IEEE-754 bits: the bytes are the learner's exact
//! state, so learning, saving, loading and learning again gives the bytes of learning throughout.
//!
//! A **fine-tuned model file** (what `sanad train --base` writes, what the page exports and
//! imports, what `sanad annotate --model` reads) is the base model file, unchanged, followed by this
//! learner: self-contained (it works without the base it came from at hand), and its first part is
//! the base itself, whose checksum (its last 8 bytes) the learner names. The page may keep only the
//! learner part when the base is the one it ships.

use super::{base_checksum, LearnConfig, LearnError, LearnStats, Learner, RULE_VERSION};
use crate::nlp::bio::n_tags;
use crate::nlp::container::{self, put_str, put_varint, seal, Reader};
use crate::nlp::hash::FastSet;
use crate::nlp::model_file;
use crate::nlp::tagger::delta::CTX_ALL;
use crate::nlp::tagger::{Delta, Tagger};

/// The learner file's first bytes.
pub const DELTA_MAGIC: &[u8; 8] = b"SANADLRN";
/// The learner format version this build reads and writes.
/// Version 1 (update rule 1) had no per-label, confidence, staleness or context parameters and no
/// confirmed flag: it is refused ([`LearnError::UnsupportedVersion`]).
pub const DELTA_VERSION: u16 = 2;

pub(super) fn to_bytes(l: &Learner) -> Vec<u8> {
    let d = &l.delta;
    let mut p = Vec::with_capacity(64 + d.len() * 16);
    p.extend_from_slice(&d.base().to_le_bytes());
    put_str(&mut p, d.lang());
    p.push(l.labels.len().min(255) as u8);
    for x in &l.labels {
        put_str(&mut p, x);
    }
    p.push(d.bits());
    p.extend_from_slice(&RULE_VERSION.to_le_bytes());
    p.push(l.cfg.passes);
    p.extend_from_slice(&l.cfg.step.to_le_bytes());
    p.extend_from_slice(&l.cfg.decay.to_le_bytes());
    p.extend_from_slice(&l.cfg.clip.to_le_bytes());
    p.extend_from_slice(&l.cfg.max_rows.to_le_bytes());
    p.extend_from_slice(&l.cfg.misc_step.to_le_bytes());
    p.extend_from_slice(&l.cfg.misc_decay.to_le_bytes());
    p.extend_from_slice(&l.cfg.conf.to_le_bytes());
    p.extend_from_slice(&l.cfg.stale_decay.to_le_bytes());
    p.push(l.cfg.context);
    p.extend_from_slice(&l.stats.documents.to_le_bytes());
    p.extend_from_slice(&l.stats.sentences.to_le_bytes());
    p.extend_from_slice(&l.stats.updates.to_le_bytes());
    for x in d.trans_table() {
        p.extend_from_slice(&x.to_le_bytes());
    }
    let rows = d.sorted_rows();
    p.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut prev: i64 = -1;
    for (r, w) in rows {
        put_varint(&mut p, (i64::from(r) - prev) as u64);
        prev = i64::from(r);
        let mask = w.iter().enumerate().filter(|(_, &x)| x != 0.0).fold(0u64, |m, (k, _)| m | 1 << k);
        put_varint(&mut p, mask << 1 | u64::from(l.confirmed.contains(&r)));
        for &x in w.iter().filter(|&&x| x != 0.0) {
            p.extend_from_slice(&x.to_le_bytes());
        }
    }
    seal(DELTA_MAGIC, DELTA_VERSION, &p)
}

pub(super) fn from_bytes(bytes: &[u8], tagger: &Tagger) -> Result<Learner, LearnError> {
    let mut r = Reader::new(container::open(bytes, DELTA_MAGIC, DELTA_VERSION)?.0);
    let base = u64::from_le_bytes(r.arr("base checksum")?);
    let expected = base_checksum(tagger);
    if base != expected {
        return Err(LearnError::OtherBase { expected, found: base });
    }
    let lang = r.string("language")?;
    let nl = usize::from(r.u8("label count")?);
    let labels = (0..nl).map(|_| r.string("label")).collect::<Result<Vec<_>, _>>()?;
    let bits = r.u8("hash bits")?;
    if lang != tagger.lang || labels != tagger.labels || bits != tagger.bits {
        return Err(LearnError::Invalid(format!(
            "language {lang}, labels {} and {bits} hash bits do not match the base model's ({}, {}, {})",
            labels.join(","),
            tagger.lang,
            tagger.labels.join(","),
            tagger.bits
        )));
    }
    let rule = u16::from_le_bytes(r.arr("update rule")?);
    if rule != RULE_VERSION {
        return Err(LearnError::UnsupportedRule { found: rule, supported: RULE_VERSION });
    }
    let cfg = LearnConfig {
        passes: r.u8("passes")?,
        step: r.f32("step")?,
        decay: r.f32("decay")?,
        clip: r.f32("clip")?,
        max_rows: u32::from_le_bytes(r.arr("row cap")?),
        misc_step: r.f32("MISC step")?,
        misc_decay: r.f32("MISC decay")?,
        conf: r.f32("confidence damping")?,
        stale_decay: r.f32("stale decay")?,
        context: r.u8("context features")?,
    };
    if cfg.context & !CTX_ALL != 0 {
        return Err(LearnError::Invalid(format!("unknown context features {:#x}", cfg.context)));
    }
    let documents = u32::from_le_bytes(r.arr("document count")?);
    let sentences = u64::from_le_bytes(r.arr("sentence count")?);
    let updates = u64::from_le_bytes(r.arr("update count")?);
    let t = n_tags(labels.len());
    let mut delta = Delta::new(&lang, base, t, bits);
    delta.set_context(cfg.context);
    let mut confirmed = FastSet::default();
    for x in delta.trans_table_mut() {
        *x = r.f32("transitions")?;
    }
    let n = u32::from_le_bytes(r.arr("row count")?) as u64;
    if n > u64::from(cfg.max_rows) {
        return Err(LearnError::Invalid(format!("{n} rows stored, over the cap of {}", cfg.max_rows)));
    }
    let mut prev: i64 = -1;
    for _ in 0..n {
        let gap = r.varint("row index")?;
        let row = prev.saturating_add(gap as i64);
        if gap == 0 || row > i64::from(u32::MAX) {
            return Err(LearnError::Invalid(format!("row key {row} out of order or out of range")));
        }
        prev = row;
        let flags = r.varint("row tags")?;
        let mask = flags >> 1;
        if flags & 1 == 1 {
            confirmed.insert(row as u32);
        }
        if mask == 0 || (t < 64 && mask >> t != 0) {
            return Err(LearnError::Invalid(format!("row {row}: tag mask {mask:#x} out of range")));
        }
        let mut w = vec![0f32; t];
        for (k, x) in w.iter_mut().enumerate() {
            if mask >> k & 1 == 1 {
                *x = r.f32("weights")?;
            }
        }
        if let Some(dst) = delta.row_mut(row as u32) {
            dst.copy_from_slice(&w);
        }
    }
    if r.remaining() != 0 {
        return Err(LearnError::Invalid(format!("{} unexpected bytes after the rows", r.remaining())));
    }
    Ok(Learner {
        cfg,
        delta,
        in_use: vec![true; labels.len()],
        misc: super::misc_tags(&labels),
        confirmed,
        labels,
        stats: LearnStats { documents, sentences, updates, rows: 0, max_rows: cfg.max_rows },
    })
}

/// Reads a model file, plain or fine-tuned (the base model followed by a learner): the tagger, and
/// the learner when there is one.
pub fn read_model(bytes: &[u8]) -> Result<(Tagger, Option<Learner>), LearnError> {
    match container::sealed_len(bytes, model_file::MAGIC) {
        Some(n) if n < bytes.len() && bytes[n..].starts_with(DELTA_MAGIC) => {
            let tagger = model_file::from_bytes(&bytes[..n])?;
            let learner = Learner::from_bytes(&bytes[n..], &tagger)?;
            Ok((tagger, Some(learner)))
        }
        _ => Ok((model_file::from_bytes(bytes)?, None)),
    }
}

/// A fine-tuned model file: `base` (the bytes of a plain model file) followed by `learner`, which
/// must have been learned on that base.
pub fn write_model(base: &[u8], learner: &Learner) -> Result<Vec<u8>, LearnError> {
    if container::sealed_len(base, model_file::MAGIC) != Some(base.len()) {
        // Not one plain model file: let the model reader say what is wrong with it.
        model_file::from_bytes(base)?;
        return Err(LearnError::Invalid("the base is not a plain model file".into()));
    }
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&base[base.len() - 8..]);
    let found = u64::from_le_bytes(sum);
    if found != learner.delta.base() {
        return Err(LearnError::OtherBase { expected: found, found: learner.delta.base() });
    }
    let mut out = base.to_vec();
    out.extend_from_slice(&learner.to_bytes());
    Ok(out)
}
