//! The shipped model: [`Tagger`] (hashed weights quantised to a logarithmic `i8` codebook, transition
//! scores, the `O` bias and the confidence temperature, with the gazetteer and lexicon it was trained
//! with), its per-document [`WordCache`], and tagging with an online [`Delta`] on top.

use super::decode::{
    decode, row_of, sentence_rows, spans_with_confidence, transition_table, viterbi_table, Scorer, TokSpan,
};
use super::delta::{delta_features, Delta};
use crate::nlp::bio::n_tags;
use crate::nlp::clusters::Clusters;
use crate::nlp::features::{
    context_features_at, features_at, mark_sentence, sentence_infos_keyed, sentence_infos_with, word_info,
    FEATURE_VERSION,
};
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::hash::{fnv1a64, mix, FastMap};
use crate::nlp::lexicon::Lexicon;
use crate::nlp::tokinfo::TokInfo;
use crate::nlp::triggers::Triggers;

/// The shipped tagger for one language.
#[derive(Debug)]
pub struct Tagger {
    /// Language code ("ar", "en").
    pub lang: String,
    /// Entity labels, in tag order.
    pub labels: Vec<String>,
    /// log2 of the number of rows.
    pub bits: u8,
    /// Feature set version the weights were trained with.
    pub feature_version: u16,
    /// Whether the built-in gazetteer features are used.
    pub use_gazetteer: bool,
    /// Largest weight magnitude: see [`codebook`].
    pub scale: f32,
    /// `rows × tags`, row-major.
    pub weights: Vec<i8>,
    /// `(tags + 1) × tags`: rows 0..tags are the previous tag, the last row is the sentence start.
    pub trans: Vec<f32>,
    /// Temperature for confidences.
    pub conf_temp: f32,
    /// Subtracted from the `O` score of every token: trades precision for recall (tuned on dev).
    pub o_bias: f32,
    /// Names learned from the training data.
    pub lexicon: Lexicon,
    lut: [f32; 256],
    triggers: Triggers,
    gazetteer: Option<Gazetteer>,
    /// The checksum stored at the end of the model file this tagger was read from.
    file_checksum: Option<u64>,
    clusters: Option<Clusters>,
}

impl Tagger {
    /// Assembles a tagger (the triggers are rebuilt from the engine's built-in lists; the gazetteer is
    /// the one the weights were trained with, `None` when trained without).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        lang: &str,
        labels: Vec<String>,
        bits: u8,
        gazetteer: Option<Gazetteer>,
        scale: f32,
        weights: Vec<i8>,
        trans: Vec<f32>,
        conf_temp: f32,
        lexicon: Lexicon,
    ) -> Self {
        Tagger {
            lang: lang.to_string(),
            labels,
            bits,
            feature_version: FEATURE_VERSION,
            use_gazetteer: gazetteer.is_some(),
            scale,
            weights,
            trans,
            conf_temp,
            o_bias: 0.0,
            lexicon,
            lut: codebook(scale, QUANT_MU),
            triggers: Triggers::new(lang),
            gazetteer,
            file_checksum: None,
            clusters: None,
        }
    }

    /// The checksum stored at the end of the model file this tagger was read from (`None` for a
    /// tagger made in memory, by training). It names the model: an online [`Delta`] records the
    /// checksum of its base (see [`crate::nlp::learn::base_checksum`]).
    pub fn file_checksum(&self) -> Option<u64> {
        self.file_checksum
    }

    /// Records the checksum of the model file this tagger was read from (the model file reader).
    pub(crate) fn set_file_checksum(&mut self, sum: u64) {
        self.file_checksum = Some(sum);
    }

    /// The tagger with a word cluster table (the one its weights were trained with).
    pub fn with_clusters(mut self, clusters: Option<Clusters>) -> Self {
        self.clusters = clusters;
        self
    }

    /// The word cluster table, if trained with one.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// The gazetteer the tagger matches, if trained with one.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gazetteer.as_ref()
    }

    /// Token information for a sentence, as this tagger's features need it.
    pub fn infos<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokInfo> {
        sentence_infos_with(
            words,
            &self.triggers,
            self.gazetteer.as_ref(),
            (!self.lexicon.is_empty()).then_some(&self.lexicon),
            self.clusters.as_ref(),
        )
    }

    /// [`Tagger::infos`] for words whose normalised keys are already computed.
    pub fn infos_keyed<S: AsRef<str>, K: AsRef<str>>(&self, words: &[S], keys: &[K]) -> Vec<TokInfo> {
        sentence_infos_keyed(
            words,
            keys,
            &self.triggers,
            self.gazetteer.as_ref(),
            (!self.lexicon.is_empty()).then_some(&self.lexicon),
            self.clusters.as_ref(),
        )
    }

    /// Adds the weights of `rows` to `out` (one score per tag), in order, without the `O` bias.
    #[inline]
    fn add_weights(&self, rows: &[u32], out: &mut [f32]) {
        let t = out.len();
        for &r in rows {
            let base = r as usize * t;
            if let Some(w) = self.weights.get(base..base + t) {
                for (o, &x) in out.iter_mut().zip(w) {
                    *o += self.lut[x as u8 as usize];
                }
            }
        }
    }

    /// [`Tagger::infos_keyed`] through a document's [`WordCache`]: a word seen before (at the same
    /// place, first in its sentence or not) reuses its token information and the sum of its
    /// word-level feature weights. Returns the infos and each token's cache entry.
    pub fn infos_cached<'w, S: AsRef<str> + ?Sized, K: AsRef<str>>(
        &self,
        words: &[&'w S],
        keys: &[K],
        cache: &mut WordCache<'w>,
    ) -> (Vec<TokInfo>, Vec<u32>) {
        let t = self.tags();
        let mut infos = Vec::with_capacity(words.len());
        let mut entries = Vec::with_capacity(words.len());
        let mut rows = Vec::with_capacity(32);
        for (i, (w, k)) in words.iter().zip(keys).enumerate() {
            let w: &'w str = (*w).as_ref();
            let first = i == 0;
            let h = mix(fnv1a64(w.as_bytes()), u64::from(first));
            let hit = cache.map.get(&h).copied().filter(|&e| cache.words[e as usize] == (w, first));
            let e = match hit {
                Some(e) => e,
                None => {
                    let mut info =
                        word_info(w, k.as_ref(), first, &self.triggers, self.clusters.as_ref(), &mut cache.scratch);
                    rows.clear();
                    rows.extend(info.local.iter().map(|&f| row_of(f, self.bits)));
                    let at = cache.sums.len();
                    cache.sums.resize(at + t, 0.0);
                    self.add_weights(&rows, &mut cache.sums[at..]);
                    info.local = Vec::new();
                    if !self.lexicon.is_empty() {
                        info.lex_word = self.lexicon.word_code(&info);
                    }
                    let e = cache.words.len() as u32;
                    cache.words.push((w, first));
                    cache.infos.push(info);
                    // On a hash collision the newer word simply stays out of the map.
                    cache.map.entry(h).or_insert(e);
                    e
                }
            };
            infos.push(cache.infos[e as usize].clone());
            entries.push(e);
        }
        mark_sentence(&mut infos, &self.triggers);
        if let Some(g) = self.gazetteer.as_ref() {
            g.mark(&mut infos);
        }
        if !self.lexicon.is_empty() {
            self.lexicon.mark_matches(&mut infos);
        }
        (infos, entries)
    }

    /// [`Tagger::tag_infos`] for infos from [`Tagger::infos_cached`]: the same scores, added in the
    /// same order, so the same tags and confidences.
    pub fn tag_cached(&self, infos: &[TokInfo], entries: &[u32], cache: &WordCache<'_>) -> Vec<TokSpan> {
        self.tag_cached_with(infos, entries, cache, None).0
    }

    /// [`Tagger::tag_cached`] with an optional [`Delta`] on top (the same scores as
    /// [`Tagger::tag_infos`] with that delta, added in the same order); also returns the sentence's
    /// least max-marginal margin (the score gap between the best tagging and the best one that
    /// changes any token; `f32::MAX` for an empty sentence), from which document uncertainty is
    /// computed.
    pub fn tag_cached_with(
        &self,
        infos: &[TokInfo],
        entries: &[u32],
        cache: &WordCache<'_>,
        delta: Option<&Delta>,
    ) -> (Vec<TokSpan>, f32) {
        let t = self.tags();
        let n = infos.len().min(entries.len());
        let mut em = vec![0f32; n * t];
        let mut feats = Vec::with_capacity(32);
        let mut rows = Vec::with_capacity(32);
        let mut dfeats = Vec::with_capacity(64);
        for (i, out) in em.chunks_exact_mut(t.max(1)).enumerate().take(n) {
            let e = entries[i] as usize;
            let at = e * t;
            if let Some(sum) = cache.sums.get(at..at + t) {
                out.copy_from_slice(sum);
            }
            feats.clear();
            context_features_at(infos, i, &mut feats);
            rows.clear();
            rows.extend(feats.iter().map(|&f| row_of(f, self.bits)));
            self.add_rows(&rows, out);
            if let Some(d) = delta {
                dfeats.clear();
                d.features(infos, i, &mut dfeats);
                d.add(&dfeats, out);
            }
        }
        let (start, tt) = self.transitions(delta);
        let (tags, margins) = viterbi_table(&em, n, t, &start, &tt);
        let least = margins.iter().copied().fold(f32::MAX, f32::min);
        (self.spans_of(&tags, &margins), least)
    }

    /// The start scores and transition matrix of [`transition_table`], with a delta's adjustments.
    pub fn transitions(&self, delta: Option<&Delta>) -> (Vec<f32>, Vec<f32>) {
        match delta {
            Some(d) => transition_table(self.tags(), &|a, b| self.trans(a, b) + d.trans(a, b)),
            None => transition_table(self.tags(), &|a, b| self.trans(a, b)),
        }
    }

    /// A sentence of infos from [`Tagger::infos_cached`] prepared for online learning: the base
    /// scores once, and the rows a [`Delta`] with the given `context` features
    /// ([`Delta::context`]) adds (see [`SentenceTable::emissions`]).
    pub fn sentence_table(
        &self,
        infos: &[TokInfo],
        entries: &[u32],
        cache: &WordCache<'_>,
        context: u8,
    ) -> SentenceTable {
        let t = self.tags();
        let n = infos.len().min(entries.len());
        let mut base = vec![0f32; n * t];
        let mut feats = Vec::with_capacity(n * 4);
        let mut offs = Vec::with_capacity(n + 1);
        offs.push(0);
        let mut lex = Vec::with_capacity(n);
        let mut tied = Vec::with_capacity(n);
        let mut ctx = Vec::with_capacity(32);
        let mut rows = Vec::with_capacity(32);
        for (i, out) in base.chunks_exact_mut(t.max(1)).enumerate().take(n) {
            let at = entries[i] as usize * t;
            if let Some(sum) = cache.sums.get(at..at + t) {
                out.copy_from_slice(sum);
            }
            ctx.clear();
            context_features_at(infos, i, &mut ctx);
            rows.clear();
            rows.extend(ctx.iter().map(|&f| row_of(f, self.bits)));
            self.add_rows(&rows, out);
            lex.push(feats.len());
            let k = delta_features(infos, i, context, &mut feats);
            tied.push(lex[i] + k);
            offs.push(feats.len());
        }
        SentenceTable { n, base, feats, offs, lex, tied }
    }

    fn spans_of(&self, tags: &[usize], margins: &[f32]) -> Vec<TokSpan> {
        spans_with_confidence(tags, margins, self.conf_temp)
    }

    /// Tags one sentence of words: spans over token indices with confidences.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokSpan> {
        self.tag_with(words, None).1
    }

    /// Tags one sentence, optionally adding an online [`Delta`]; returns the tags and spans.
    pub fn tag_with<S: AsRef<str>>(&self, words: &[S], delta: Option<&Delta>) -> (Vec<usize>, Vec<TokSpan>) {
        let infos = self.infos(words);
        self.tag_infos(&infos, delta)
    }

    /// Tags a sentence whose token information is already computed.
    pub fn tag_infos(&self, infos: &[TokInfo], delta: Option<&Delta>) -> (Vec<usize>, Vec<TokSpan>) {
        let (tags, margins) = match delta {
            Some(d) => {
                let t = self.tags();
                let n = infos.len();
                let mut em = vec![0f32; n * t];
                let (mut feats, mut rows) = (Vec::with_capacity(64), Vec::with_capacity(64));
                for (i, out) in em.chunks_exact_mut(t.max(1)).enumerate().take(n) {
                    feats.clear();
                    features_at(infos, i, &mut feats);
                    rows.clear();
                    rows.extend(feats.iter().map(|&f| row_of(f, self.bits)));
                    self.add_rows(&rows, out);
                    feats.clear();
                    d.features(infos, i, &mut feats);
                    d.add(&feats, out);
                }
                let (start, tt) = self.transitions(Some(d));
                viterbi_table(&em, n, t, &start, &tt)
            }
            None => {
                let (rows, offs) = sentence_rows(infos, self.bits);
                decode(self, &rows, &offs)
            }
        };
        let spans = self.spans_of(&tags, &margins);
        (tags, spans)
    }
}

impl Scorer for Tagger {
    fn tags(&self) -> usize {
        n_tags(self.labels.len())
    }

    #[inline]
    fn add_rows(&self, rows: &[u32], out: &mut [f32]) {
        self.add_weights(rows, out);
        if let Some(o) = out.first_mut() {
            *o -= self.o_bias;
        }
    }

    fn trans(&self, a: Option<usize>, b: usize) -> f32 {
        let t = self.tags();
        let row = a.unwrap_or(t);
        self.trans.get(row * t + b).copied().unwrap_or(0.0)
    }
}

/// Word-level work of one document for one tagger, memoised by word (see [`Tagger::infos_cached`]).
#[derive(Debug, Default)]
pub struct WordCache<'w> {
    map: FastMap<u64, u32>,
    words: Vec<(&'w str, bool)>,
    infos: Vec<TokInfo>,
    /// Per entry, the summed weights of its word-level features (one per tag).
    sums: Vec<f32>,
    scratch: String,
}

/// A sentence prepared for repeated decoding with a changing [`Delta`] (online learning): the base
/// model's emission scores, and every token's feature hashes (word-level, then context) flattened
/// with offsets. See [`Tagger::sentence_table`].
#[derive(Clone, Debug, Default)]
pub struct SentenceTable {
    /// Tokens.
    pub n: usize,
    /// `n × tags` emission scores of the base model (with its `O` bias).
    pub base: Vec<f32>,
    /// Feature hashes of every token, in the order the scores add them.
    pub feats: Vec<u64>,
    /// Token `i`'s features are `feats[offs[i]..offs[i + 1]]`.
    pub offs: Vec<usize>,
    /// Token `i`'s own delta features start at `lex[i]`.
    pub lex: Vec<usize>,
    /// Token `i`'s label-tied features are `feats[lex[i]..tied[i]]`.
    pub tied: Vec<usize>,
}

impl SentenceTable {
    /// The emission scores with `delta` added, into `em` (resized to `n × tags`): the same numbers,
    /// added in the same order, as [`Tagger::tag_cached_with`] computes for this sentence.
    pub fn emissions(&self, delta: &Delta, em: &mut Vec<f32>) {
        em.clear();
        em.extend_from_slice(&self.base);
        let t = delta.tags().max(1);
        for (i, out) in em.chunks_exact_mut(t).enumerate().take(self.n) {
            delta.add(&self.feats[self.offs[i]..self.offs[i + 1]], out);
        }
    }
}

/// Compression constant of the logarithmic `i8` codebook.
pub const QUANT_MU: f32 = 1000.0;

/// The value of every `i8` code: `sign(q) * scale * ((1 + mu)^(|q| / 127) - 1) / mu`, a logarithmic
/// codebook that keeps about 3% relative precision from the largest weight down to `scale / 10^4`.
pub fn codebook(scale: f32, mu: f32) -> [f32; 256] {
    let mut lut = [0f32; 256];
    for (k, v) in lut.iter_mut().enumerate() {
        let q = k as u8 as i8;
        let mag = scale * ((1.0 + mu).powf(f32::from(q).abs() / 127.0) - 1.0) / mu;
        *v = if q < 0 { -mag } else { mag };
    }
    lut
}

/// Quantises float weights to `i8` codes of [`codebook`]; returns the scale (largest magnitude).
pub fn quantise(w: &[f32]) -> (f32, Vec<i8>) {
    let m = w.iter().fold(0f32, |a, x| a.max(x.abs()));
    if m == 0.0 {
        return (1.0, vec![0; w.len()]);
    }
    let denom = (1.0 + QUANT_MU).ln();
    let q = w
        .iter()
        .map(|&x| {
            let c = (127.0 * (1.0 + QUANT_MU * x.abs() / m).ln() / denom).round().clamp(0.0, 127.0);
            (if x < 0.0 { -c } else { c }) as i8
        })
        .collect();
    (m, q)
}
