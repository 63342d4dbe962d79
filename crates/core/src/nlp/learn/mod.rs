//! Learning from the editor: a project's [`Learner`] turns every document the editor marks done into
//! perceptron steps on a sparse [`Delta`] over the frozen shipped model. The page (in its worker) and
//! `sanad train --base` run exactly this code, so the same documents in the same order give the same
//! bytes (docs/EVALUATION.md, "Learning from the editor").
//!
//! # What a done document teaches
//!
//! The document is read as the annotator reads it ([`DocText`]: the same tokens and sentences; only
//! the sentences in the tagger's language, by paragraph, are used). Every span whose label is one of
//! the model's labels (PER, LOC, ORG, MISC for the Arabic model; PER, LOC, ORG for the English one),
//! whatever its origin, is gold: the editor's own spans, imported ones, and the suggestions still in
//! the document when it was marked done (left in place, they were accepted). A suggestion the editor
//! removed is simply absent, so its tokens are taught as `O`: negative evidence.
//!
//! Spans are placed on the tagger's tokens by one rule: a token belongs to a span when the span
//! holds at least half of the token's code points, or when the span lies inside the token. So a
//! name selected after an Arabic proclitic (روسيا in لروسيا, 5 of 6 code points) teaches the whole
//! token, as the tagger tags it, while a selection that strays one character into a neighbouring
//! word does not take that word. A span crossing a sentence break begins again (`B`) in the next
//! sentence. Spans that cannot be placed (overlapping a span placed before them in canonical
//! order, or covering no token by the rule) are skipped and their tokens are *missing*.
//!
//! Tokens under a span of a label the model does not know (DATE, a project's own labels) are
//! missing too, not `O`: a custom COMPANY may well be what the model calls ORG. Every other token is
//! outside: `O` for the labels the project uses. Prodigy's rule is followed for the others: a
//! token is "outside" only for labels in use, so when the project's schema lacks a model label
//! ([`Learner::set_labels_in_use`]; all of them by default), a token outside every span may still be
//! that label. In BIO terms every token gets a set of allowed tags: one tag for a span token, `O`
//! plus the unused labels' tags outside, all tags when missing.
//!
//! # The update
//!
//! For each sentence, in document order, [`LearnConfig::passes`] times over the document: decode
//! with the base plus the current delta (the same scores the annotator computes); the target is the
//! best path among those the allowed tags permit (constrained Viterbi; the gold tags themselves when
//! every token is fixed: a latent-variable perceptron for partial annotation). Where the two differ,
//! every feature row of a wrong token gets `+step` on the target tag and `-step` on the predicted
//! one. Steps are plain `f32` additions in a fixed order. The features are the delta's own lexical
//! ones ([`crate::nlp::tagger::delta::delta_features`]: the word, its stem, the word pairs it makes),
//! so what a document teaches stays with its words. The transition scores are not learned (the
//! delta keeps a table for them, at zero): on the measured curves (docs/EVALUATION.md) learning them
//! cost 6 to 10 points of F1 on the base model's own dev set after 100 documents, because a corpus
//! with denser names moves every sentence's transitions, for a smaller gain.
//!
//! The step is `step × T`, with `T` the base model's confidence temperature (the scale of its
//! scores: 31 for the Arabic model, 7.7 for the English one), so one rule fits both models. A
//! token's step can depend on what it is about: times [`LearnConfig::misc_step`] when the target or
//! the predicted tag is of a label other than PER, LOC and ORG (MISC, whose conventions differ most
//! between corpora), and divided by `1 + conf × g` ([`LearnConfig::conf`]) where `g` is how much the
//! base model's own emission scores preferred the wrong tag (in units of `T`): where the base was
//! sure, a correction moves it less.
//!
//! Optional context features ([`LearnConfig::context`]: the word before or after the token alone,
//! the token's shape, the stem of the word before) let a document teach more than its names; they
//! are stored with the delta ([`Delta::context`]) so the annotator adds exactly what was learned.
//!
//! Averaging is per document: the delta after a document is the average of the delta over every
//! step of that document's passes (an update made at step `t` of `C` counts `(C - t + 1) / C`),
//! computed lazily. Before a document, every row is shrunk toward zero by `decay` (by `misc_decay`
//! when its largest non-`O` weight is on a MISC-like tag), and by `stale_decay` more when it was
//! never *confirmed*: a row is confirmed when, in a document after the one that made it, its feature
//! is on a token whose target has the label the row prefers (its largest weight, `O` included). After
//! the passes, weights are clipped to `±clip × T` (when set), rows whose weights are all zero are
//! dropped and, over [`LearnConfig::max_rows`], the rows of least total weight are evicted (ties:
//! the lower row first). The result depends only on the base, the configuration, the labels in use
//! and the documents in order.
//!
//! # Memory
//!
//! A row is `tags` `f32` (9 for the Arabic model) plus its index entries: at the default cap of
//! 65,536 rows the delta holds at most about 3.5 MB (weights 2.4 MB, row list 0.25 MB, index about
//! 1 MB, presence bitset over the top 20 bits of the keys: 128 KB; the set of confirmed keys, when
//! `stale_decay` is set, at most 0.5 MB), plus during one document the rows that document touches (at
//! most its feature rows). Serialised, a row takes 3 to 40 bytes (only its
//! non-zero weights are written): at most 2.6 MB.
//!
//! # Per-span updates
//!
//! Not offered: a span accepted or corrected while the editor is still working would be taught
//! again when the document is done (counted twice), and the sequence of span events is not in any
//! file the command line reads, so the page's and the command line's bytes could no longer be the
//! same. Learning happens when a document is done, as with Prodigy's `ner.correct --update`, which
//! updates on whole answers.

mod file;
mod gold;

use crate::metrics::Prf;
use crate::model::{Document, Status};
use crate::nlp::bio::{n_tags, spans_from_tags};
use crate::nlp::doctext::DocText;
use crate::nlp::hash::FastSet;
use crate::nlp::model_file;
use crate::nlp::tagger::decode::viterbi_table;
use crate::nlp::tagger::delta::fingerprint;
use crate::nlp::tagger::{Delta, SentenceTable, Tagger, WordCache};

pub use file::{read_model, write_model, DELTA_MAGIC, DELTA_VERSION};
pub use gold::{fixed_spans, TagMask, Teaching};

/// Version of the update rule (recorded in delta files: a delta is only continued by the rule
/// that made it).
pub const RULE_VERSION: u16 = 2;

/// The parameters of the update rule. [`LearnConfig::default`] is the page's and `sanad train
/// --base`'s (3 passes, step 0.3, decay 0.01, clip 0.5, the other levers off: chosen on the tune
/// split of docs/EVALUATION.md, "Learning from the editor"); a delta file records the configuration
/// it was made with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LearnConfig {
    /// Passes over each document.
    pub passes: u8,
    /// Perceptron step, as a fraction of the base model's confidence temperature (its score scale).
    pub step: f32,
    /// Before each document, the delta's rows are multiplied by `1 - decay` (0: no decay); rows of
    /// a label other than PER, LOC and ORG decay by `misc_decay` instead.
    pub decay: f32,
    /// Largest magnitude of a delta weight, as a fraction of the confidence temperature (0: no
    /// clipping).
    pub clip: f32,
    /// Most rows the delta keeps after a document.
    pub max_rows: u32,
    /// The step of a token whose target or predicted tag is of a label other than PER, LOC and ORG
    /// (MISC) is `step × misc_step`.
    pub misc_step: f32,
    /// Before each document, a row whose largest non-`O` weight is on such a label (MISC) is
    /// multiplied by `1 - misc_decay` (instead of `1 - decay`).
    pub misc_decay: f32,
    /// Confidence damping: a token's step is divided by `1 + conf × g`, with `g` how much the base
    /// model's own emission score (in units of the confidence temperature) prefers the predicted tag
    /// over the target one at that token (0: every token the same step).
    pub conf: f32,
    /// Before each document, a row never confirmed since it was learned (see the module
    /// documentation) is multiplied by `1 - stale_decay` as well (0: none).
    pub stale_decay: f32,
    /// Context features learned beside the lexical ones (bits of
    /// [`crate::nlp::tagger::delta::CTX_ALL`]; 0: none).
    pub context: u8,
}

impl Default for LearnConfig {
    fn default() -> Self {
        LearnConfig {
            passes: 3,
            step: 0.3,
            decay: 0.01,
            clip: 0.5,
            max_rows: 1 << 16,
            misc_step: 1.0,
            misc_decay: 0.01,
            conf: 0.0,
            stale_decay: 0.0,
            context: 0,
        }
    }
}

/// Why a delta cannot be learned, used, read or written.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LearnError {
    /// The delta was learned on another base model.
    #[error("this learned model was made for another base model (checksum {found:016x}; the loaded model is {expected:016x})")]
    OtherBase {
        /// Checksum of the loaded base model.
        expected: u64,
        /// Checksum the delta names.
        found: u64,
    },
    /// Only documents marked done teach.
    #[error("document {0} is not marked done: only done documents teach the model")]
    NotDone(String),
    /// Shorter than the fixed header and checksum.
    #[error("learned model is too short ({0} bytes): truncated or not a Sanad learned model")]
    TooShort(usize),
    /// The magic bytes are wrong.
    #[error("not a Sanad learned model (bad magic bytes)")]
    BadMagic,
    /// Written by another format version.
    #[error("learned model format version {found} is not supported (this build reads version {supported})")]
    UnsupportedVersion {
        /// Version in the file.
        found: u16,
        /// Version this build reads.
        supported: u16,
    },
    /// Made by another update rule, which this build cannot continue.
    #[error("learned model was made by update rule {found}; this build learns with rule {supported}")]
    UnsupportedRule {
        /// Rule in the file.
        found: u16,
        /// Rule of this build.
        supported: u16,
    },
    /// The payload length does not match the file size.
    #[error(
        "learned model is truncated or has trailing bytes: header says {expected} payload bytes, file has {found}"
    )]
    Truncated {
        /// Bytes the header announces.
        expected: usize,
        /// Bytes present.
        found: usize,
    },
    /// Checksum mismatch.
    #[error("learned model is corrupt: checksum {found:016x} does not match {expected:016x}")]
    Checksum {
        /// Stored checksum.
        expected: u64,
        /// Computed checksum.
        found: u64,
    },
    /// Structurally invalid content behind a valid checksum.
    #[error("learned model is invalid: {0}")]
    Invalid(String),
    /// The base model part of a fine-tuned model file.
    #[error(transparent)]
    Model(#[from] model_file::ModelFileError),
}

impl From<crate::nlp::container::ContainerError> for LearnError {
    fn from(e: crate::nlp::container::ContainerError) -> Self {
        use crate::nlp::container::ContainerError as C;
        match e {
            C::TooShort(n) => LearnError::TooShort(n),
            C::BadMagic => LearnError::BadMagic,
            C::UnsupportedVersion { found, supported } => LearnError::UnsupportedVersion { found, supported },
            C::Truncated { expected, found } => LearnError::Truncated { expected, found },
            C::Checksum { expected, found } => LearnError::Checksum { expected, found },
            C::Invalid(m) => LearnError::Invalid(m),
        }
    }
}

/// What learning one document did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LearnReport {
    /// Sentences learned from (those in the tagger's language, with at least one token).
    pub sentences: usize,
    /// Their tokens.
    pub tokens: usize,
    /// Steps that changed the delta (a sentence whose prediction differed from its target, counted
    /// once per pass).
    pub updates: usize,
    /// Spans of the model's labels taught.
    pub spans: usize,
    /// Spans of the model's labels that could not be placed on tokens (see the module
    /// documentation): their tokens were left out.
    pub skipped_spans: usize,
    /// Spans of labels the model does not know (their tokens were left out).
    pub unknown_spans: usize,
    /// The model's spans on this document just before it learned from it (decoder only, no
    /// consistency pass), scored against the document's spans of the model's labels in use (exact
    /// token spans; predicted spans on missing tokens are not counted): the honest learning curve.
    pub before: Prf,
    /// Rows in the delta afterwards.
    pub rows: usize,
    /// Rows evicted to keep under [`LearnConfig::max_rows`].
    pub evicted: usize,
}

/// What a learner has learned so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LearnStats {
    /// Documents learned from.
    pub documents: u32,
    /// Sentences learned from.
    pub sentences: u64,
    /// Steps that changed the delta.
    pub updates: u64,
    /// Rows in the delta.
    pub rows: usize,
    /// Most rows the delta keeps.
    pub max_rows: u32,
}

/// The checksum naming a base model: the one stored at the end of its model file (for a tagger made
/// in memory, that of the file [`model_file::to_bytes`] writes).
pub fn base_checksum(tagger: &Tagger) -> u64 {
    tagger.file_checksum().unwrap_or_else(|| {
        let b = model_file::to_bytes(tagger);
        let mut s = [0u8; 8];
        if let Some(tail) = b.get(b.len().saturating_sub(8)..) {
            s.copy_from_slice(tail);
        }
        u64::from_le_bytes(s)
    })
}

/// A project's online learning for one base model.
#[derive(Clone, Debug)]
pub struct Learner {
    cfg: LearnConfig,
    delta: Delta,
    labels: Vec<String>,
    /// Per model label: used by the project (see [`Learner::set_labels_in_use`]). Not saved.
    in_use: Vec<bool>,
    /// Per tag: of a label other than PER, LOC and ORG.
    misc: Vec<bool>,
    /// Keys of the rows confirmed by a document after the one that made them (kept only when
    /// [`LearnConfig::stale_decay`] is set).
    confirmed: FastSet<u32>,
    stats: LearnStats,
}

impl Learner {
    /// A learner with nothing learned, for `tagger`, with the default update rule.
    pub fn new(tagger: &Tagger) -> Learner {
        Learner::with_config(tagger, LearnConfig::default())
    }

    /// A learner with nothing learned and the given update rule parameters.
    pub fn with_config(tagger: &Tagger, cfg: LearnConfig) -> Learner {
        let mut delta = Delta::new(&tagger.lang, base_checksum(tagger), n_tags(tagger.labels.len()), tagger.bits);
        delta.set_context(cfg.context);
        Learner {
            cfg,
            delta,
            labels: tagger.labels.clone(),
            in_use: vec![true; tagger.labels.len()],
            misc: misc_tags(&tagger.labels),
            confirmed: FastSet::default(),
            stats: LearnStats { max_rows: cfg.max_rows, ..LearnStats::default() },
        }
    }

    /// The update rule parameters.
    pub fn config(&self) -> &LearnConfig {
        &self.cfg
    }

    /// The learned weights, for [`crate::nlp::Annotator::set_delta`] or [`Tagger::tag_cached_with`].
    pub fn delta(&self) -> &Delta {
        &self.delta
    }

    /// What has been learned so far.
    pub fn stats(&self) -> LearnStats {
        LearnStats { rows: self.delta.len(), ..self.stats }
    }

    /// Forgets everything learned: the base model's tags exactly.
    pub fn reset(&mut self) {
        self.delta.clear();
        self.confirmed.clear();
        self.stats = LearnStats { max_rows: self.cfg.max_rows, ..LearnStats::default() };
    }

    /// The project's label names: a model label not among them is not in use, so a token outside
    /// every span is not taught that it is not that label. All model labels are in use by default.
    pub fn set_labels_in_use<S: AsRef<str>>(&mut self, names: &[S]) {
        self.in_use = self.labels.iter().map(|l| names.iter().any(|n| n.as_ref() == l)).collect();
    }

    fn check_base(&self, tagger: &Tagger) -> Result<(), LearnError> {
        let expected = base_checksum(tagger);
        if expected != self.delta.base() {
            return Err(LearnError::OtherBase { expected, found: self.delta.base() });
        }
        Ok(())
    }

    /// Learns from a document marked done (see the module documentation). `tagger` must be the
    /// base model this learner was made for.
    pub fn learn_document(&mut self, tagger: &Tagger, doc: &Document) -> Result<LearnReport, LearnError> {
        self.check_base(tagger)?;
        if doc.status() != Status::Done {
            return Err(LearnError::NotDone(doc.id().to_string()));
        }
        let text = doc.text();
        let paras = crate::lang::paragraph_languages(text, doc.lang());
        let dt = DocText::new(text, &paras, doc.lang());
        let mut sent_of = vec![0usize; dt.ranges.len()];
        for (k, r) in dt.sents.iter().enumerate() {
            sent_of[r.clone()].iter_mut().for_each(|s| *s = k);
        }
        let teaching = Teaching::new(doc.spans(), &dt.ranges, &sent_of, &self.labels);
        let keys = dt.keys();
        let t = self.delta.tags();
        let all: TagMask = if t >= 64 { u64::MAX } else { (1u64 << t) - 1 };
        let mut outside: TagMask = 1;
        for (l, used) in self.in_use.iter().enumerate() {
            if !used {
                outside |= (1 << (1 + 2 * l)) | (1 << (2 + 2 * l));
            }
        }
        let mut cache = WordCache::default();
        let mut sents: Vec<(SentenceTable, Vec<TagMask>)> = Vec::new();
        for r in dt.sentences_in(&tagger.lang) {
            if r.is_empty() {
                continue;
            }
            let (infos, entries) = tagger.infos_cached(&dt.words[r.clone()], &keys[r.clone()], &mut cache);
            let table = tagger.sentence_table(&infos, &entries, &cache, self.delta.context());
            sents.push((table, teaching.masks(r, outside, all)));
        }
        let mut report = LearnReport {
            sentences: sents.len(),
            tokens: sents.iter().map(|s| s.0.n).sum(),
            spans: teaching.spans,
            skipped_spans: teaching.skipped,
            unknown_spans: teaching.unknown,
            ..LearnReport::default()
        };
        let mut em = Vec::new();
        // The honest score: the model as it is before this document.
        let (start, tt) = tagger.transitions(Some(&self.delta));
        for (table, masks) in &sents {
            table.emissions(&self.delta, &mut em);
            let (pred, _) = viterbi_table(&em, table.n, t, &start, &tt);
            report.before.add(score_sentence(&pred, masks, &self.in_use, all));
        }
        self.decay();
        report.updates = self.passes(tagger, &sents, &mut em);
        report.evicted = self.tidy(tagger.conf_temp);
        report.rows = self.delta.len();
        self.stats.documents += 1;
        self.stats.sentences += report.sentences as u64;
        self.stats.updates += report.updates as u64;
        Ok(report)
    }

    /// The perceptron passes over a document's sentences with per-document averaging; returns the
    /// number of steps that changed the delta.
    fn passes(&mut self, tagger: &Tagger, sents: &[(SentenceTable, Vec<TagMask>)], em: &mut Vec<f32>) -> usize {
        let t = self.delta.tags();
        let steps = sents.len() * usize::from(self.cfg.passes);
        if steps == 0 {
            return 0;
        }
        // Lazy averaging: `acc` holds the sum of (step index - 1) × update, so the average over the
        // document's steps is the final delta minus acc / steps.
        let mut acc = Delta::new(self.delta.lang(), self.delta.base(), t, self.delta.bits());
        let temp = tagger.conf_temp;
        let eta = self.cfg.step * temp;
        let track = self.cfg.stale_decay > 0.0;
        let mut born: FastSet<u32> = FastSet::default();
        let mut updates = 0;
        let mut step = 0usize;
        let mut masked = Vec::new();
        for pass in 0..self.cfg.passes {
            for (table, masks) in sents {
                let (start, tt) = tagger.transitions(Some(&self.delta));
                table.emissions(&self.delta, em);
                let n = table.n;
                let (pred, _) = viterbi_table(em, n, t, &start, &tt);
                let target = target_path(em, masks, n, t, &start, &tt, &mut masked);
                if track && pass == 0 {
                    self.confirm(table, &target, &born);
                }
                let index = step as f32;
                step += 1;
                if pred == target {
                    continue;
                }
                updates += 1;
                for i in 0..n {
                    let (g, p) = (target[i], pred[i]);
                    if g != p {
                        let eta = self.token_step(eta, temp, &table.base[i * t..(i + 1) * t], g, p);
                        let age = index * eta;
                        for (k, &h) in table.feats[table.offs[i]..table.offs[i + 1]].iter().enumerate() {
                            let r = fingerprint(h);
                            let at = table.offs[i] + k;
                            let tie = at >= table.lex[i] && at < table.tied[i];
                            // Label-tied: B and I of a label move together; a boundary error alone
                            // (same label) does not move them.
                            let (gl, pl) = (label_tags(g, t, tie), label_tags(p, t, tie));
                            if tie && gl == pl {
                                continue;
                            }
                            if track && self.delta.row(r).is_none() {
                                born.insert(r);
                            }
                            if let Some(w) = self.delta.row_mut(r) {
                                for &x in gl.iter().flatten() {
                                    w[x] += eta;
                                }
                                for &x in pl.iter().flatten() {
                                    w[x] -= eta;
                                }
                            }
                            if let Some(a) = acc.row_mut(r) {
                                for &x in gl.iter().flatten() {
                                    a[x] += age;
                                }
                                for &x in pl.iter().flatten() {
                                    a[x] -= age;
                                }
                            }
                        }
                    }
                }
            }
        }
        let c = steps as f32;
        for (r, a) in acc.sorted_rows() {
            if let Some(w) = self.delta.row_mut(r) {
                for (x, &y) in w.iter_mut().zip(a) {
                    *x -= y / c;
                }
            }
        }
        updates
    }

    /// The step of one token's update: `eta`, times [`LearnConfig::misc_step`] when the target or
    /// the predicted tag is of a MISC-like label, divided by `1 + conf × g` (`g`: the base model's
    /// emission preference for the predicted tag over the target, in units of `temp`).
    fn token_step(&self, eta: f32, temp: f32, base: &[f32], g: usize, p: usize) -> f32 {
        let mut s = eta;
        if self.cfg.misc_step != 1.0 && (self.misc.get(g) == Some(&true) || self.misc.get(p) == Some(&true)) {
            s *= self.cfg.misc_step;
        }
        if self.cfg.conf > 0.0 {
            let gap = (base.get(p).copied().unwrap_or(0.0) - base.get(g).copied().unwrap_or(0.0)).max(0.0) / temp;
            s /= 1.0 + self.cfg.conf * gap;
        }
        s
    }

    /// Marks as confirmed the rows, made by an earlier document, of the features of a token whose
    /// target tag has the label the row prefers (its largest weight; `O` included).
    fn confirm(&mut self, table: &SentenceTable, target: &[usize], born: &FastSet<u32>) {
        for (i, &g) in target.iter().enumerate().take(table.n) {
            for &h in &table.feats[table.offs[i]..table.offs[i + 1]] {
                let r = fingerprint(h);
                if born.contains(&r) || self.confirmed.contains(&r) {
                    continue;
                }
                if let Some(w) = self.delta.row(r) {
                    if label_of(argmax(w)) == label_of(g) {
                        self.confirmed.insert(r);
                    }
                }
            }
        }
    }

    /// Shrinks the delta before a document: every row by `1 - decay`, or `1 - misc_decay` when its
    /// largest non-`O` weight is on a MISC-like tag, and by `1 - stale_decay` more when it was never
    /// confirmed.
    fn decay(&mut self) {
        let (d, dm, ds) = (self.cfg.decay, self.cfg.misc_decay, self.cfg.stale_decay);
        if d == 0.0 && dm == 0.0 && ds == 0.0 {
            return;
        }
        let (misc, confirmed) = (&self.misc, &self.confirmed);
        self.delta.for_each_row_mut(|r, w| {
            let mut f = if misc_row(w, misc) { 1.0 - dm } else { 1.0 - d };
            if ds > 0.0 && !confirmed.contains(&r) {
                f *= 1.0 - ds;
            }
            if f != 1.0 {
                w.iter_mut().for_each(|x| *x *= f);
            }
        });
        if d > 0.0 {
            self.delta.trans_table_mut().iter_mut().for_each(|x| *x *= 1.0 - d);
        }
    }

    /// Clips (to `±clip × temp`), drops zero rows and evicts the lightest rows over the cap;
    /// returns the rows evicted.
    fn tidy(&mut self, temp: f32) -> usize {
        let clip = self.cfg.clip * temp;
        if clip > 0.0 {
            self.delta.for_each_row_mut(|_, w| w.iter_mut().for_each(|x| *x = x.clamp(-clip, clip)));
            self.delta.trans_table_mut().iter_mut().for_each(|x| *x = x.clamp(-clip, clip));
        }
        let cap = self.cfg.max_rows as usize;
        let mut weights: Vec<(f32, u32)> = self
            .delta
            .sorted_rows()
            .into_iter()
            .filter(|(_, w)| w.iter().any(|&x| x != 0.0))
            .map(|(r, w)| (w.iter().fold(0.0f32, |a, x| a + x.abs()), r))
            .collect();
        let zero = self.delta.len() - weights.len();
        let over = weights.len().saturating_sub(cap);
        if zero == 0 && over == 0 {
            return 0;
        }
        weights.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let drop: FastSet<u32> = weights[..over].iter().map(|x| x.1).collect();
        self.delta.retain(|r, w| w.iter().any(|&x| x != 0.0) && !drop.contains(&r));
        let delta = &self.delta;
        self.confirmed.retain(|r| delta.row(*r).is_some());
        over
    }

    /// Serialises the learner (see [`file`](self) for the format): the delta, its base, the update
    /// rule and the counts. The labels in use are the project's and are not saved.
    pub fn to_bytes(&self) -> Vec<u8> {
        file::to_bytes(self)
    }

    /// Reads a learner serialised by [`Learner::to_bytes`] for `tagger`, refusing one made for
    /// another base model ([`LearnError::OtherBase`]).
    pub fn from_bytes(bytes: &[u8], tagger: &Tagger) -> Result<Learner, LearnError> {
        file::from_bytes(bytes, tagger)
    }
}

/// Per tag: of a label other than PER, LOC and ORG (MISC in the shipped Arabic model).
fn misc_tags(labels: &[String]) -> Vec<bool> {
    let mut out = vec![false; n_tags(labels.len())];
    for (l, name) in labels.iter().enumerate() {
        if !["PER", "LOC", "ORG"].contains(&name.as_str()) {
            for y in [1 + 2 * l, 2 + 2 * l] {
                if let Some(x) = out.get_mut(y) {
                    *x = true;
                }
            }
        }
    }
    out
}

/// A row whose largest non-`O` weight (in magnitude; ties: the lower tag) is on a MISC-like tag.
fn misc_row(w: &[f32], misc: &[bool]) -> bool {
    let mut best = (0.0f32, 0usize);
    for (y, &x) in w.iter().enumerate().skip(1) {
        if x.abs() > best.0 {
            best = (x.abs(), y);
        }
    }
    best.0 > 0.0 && misc.get(best.1) == Some(&true)
}

/// The tag of a row's largest weight (ties: the lower tag).
fn argmax(w: &[f32]) -> usize {
    let mut best = 0;
    for (y, &x) in w.iter().enumerate() {
        if x > w[best] {
            best = y;
        }
    }
    best
}

/// The label index + 1 of a tag (`O`: 0).
fn label_of(y: usize) -> usize {
    y.div_ceil(2)
}

/// The tags a step on tag `y` moves: `y` alone, or for a label-tied feature both tags of its label.
fn label_tags(y: usize, t: usize, tie: bool) -> [Option<usize>; 2] {
    if !tie || y == 0 {
        return [Some(y), None];
    }
    let b = 1 + 2 * ((y - 1) / 2);
    [Some(b), (b + 1 < t).then_some(b + 1)]
}

/// The best path the allowed tags permit: the tags themselves when every token has one.
fn target_path(
    em: &[f32],
    masks: &[TagMask],
    n: usize,
    t: usize,
    start: &[f32],
    tt: &[f32],
    masked: &mut Vec<f32>,
) -> Vec<usize> {
    if masks.iter().all(|m| m.count_ones() == 1) {
        return masks.iter().map(|m| m.trailing_zeros() as usize).collect();
    }
    masked.clear();
    masked.extend_from_slice(&em[..n * t]);
    for (i, m) in masks.iter().enumerate().take(n) {
        for (y, x) in masked[i * t..(i + 1) * t].iter_mut().enumerate() {
            if m >> y & 1 == 0 {
                *x = f32::NEG_INFINITY;
            }
        }
    }
    viterbi_table(masked, n, t, start, tt).0
}

/// Exact-span counts of predicted tags against the spans the masks fix. Predicted spans of labels
/// not in use, or on a token whose tag is not fixed, are not counted.
fn score_sentence(pred: &[usize], masks: &[TagMask], in_use: &[bool], all: TagMask) -> Prf {
    let gold = fixed_spans(masks);
    let mut prf = Prf { gold: gold.len(), ..Prf::default() };
    for (s, e, l) in spans_from_tags(pred) {
        if !in_use.get(l).copied().unwrap_or(false) || masks[s..e].contains(&all) {
            continue;
        }
        prf.pred += 1;
        if gold.contains(&(s, e, l)) {
            prf.tp += 1;
        }
    }
    prf
}

/// Exact-match counts of suggested spans (code points, label) against a document's final spans of
/// the given labels: what the page records for its learning curve when it compares the suggestions
/// an editor was shown with the spans the editor left. Spans of other labels are not counted on
/// either side.
pub fn score_suggestions(suggested: &[(usize, usize, &str)], doc: &Document, labels: &[String]) -> Prf {
    let keep = |l: &str| labels.iter().any(|x| x == l);
    let mut gold: Vec<(usize, usize, &str)> =
        doc.spans().iter().filter(|s| keep(s.label())).map(|s| (s.start(), s.end(), s.label())).collect();
    gold.sort_unstable();
    gold.dedup();
    let mut pred: Vec<(usize, usize, &str)> = suggested.iter().copied().filter(|s| keep(s.2)).collect();
    pred.sort_unstable();
    pred.dedup();
    let tp = pred.iter().filter(|p| gold.binary_search(p).is_ok()).count();
    Prf { tp, pred: pred.len(), gold: gold.len() }
}

#[cfg(test)]
mod tests;
