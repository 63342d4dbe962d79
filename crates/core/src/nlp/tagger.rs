//! The entity tagger: a structured averaged perceptron over hashed features with BIO tags, Viterbi
//! decoding under tag-transition constraints, span confidences from max-marginal margins, and a
//! document-level consistency pass.
//!
//! The shipped weights are a dense table of `2^bits` rows × tags, quantised to `i8` with one scale.
//! [`Delta`] is a small sparse table of float weights added on top, so the page can learn online from
//! editors' corrections (perceptron steps) without touching the frozen model.

use std::collections::{HashMap, HashSet};

use super::features::{
    context_features_at, features_at, sentence_infos, sentence_infos_keyed, token_info_keyed, TokInfo, Triggers,
    FEATURE_VERSION,
};
use super::gazetteer::Gazetteer;
use super::hash::{fnv1a64, mix, splitmix64, FastMap, FastSet};
use super::lexicon::Lexicon;

/// A labelled span over token indices of one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct TokSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index into the tagger's labels.
    pub label: usize,
    /// 0..1
    pub confidence: f32,
}

/// Tag index helpers: tag 0 is `O`, label `l` has `B` = 1 + 2l and `I` = 2 + 2l.
pub fn n_tags(n_labels: usize) -> usize {
    1 + 2 * n_labels
}

/// Parses an IOB2 tag string against `labels`; unknown labels map to `O`.
pub fn tag_index(tag: &str, labels: &[String]) -> usize {
    let (bi, name) = match tag.split_once('-') {
        Some((p, n)) => (p, n),
        None => return 0,
    };
    match labels.iter().position(|l| l == name) {
        Some(l) if bi == "B" => 1 + 2 * l,
        Some(l) if bi == "I" => 2 + 2 * l,
        _ => 0,
    }
}

/// True when tag `b` may follow tag `a` (`a = None` at sentence start) in IOB2.
#[inline]
pub fn allowed(a: Option<usize>, b: usize) -> bool {
    if b == 0 || b % 2 == 1 {
        return true;
    }
    match a {
        None => false,
        Some(a) => a != 0 && a.div_ceil(2) == b / 2,
    }
}

/// Spans from a tag sequence (an `I` without its `B` starts a span).
pub fn spans_from_tags(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let label = if t == 0 { None } else { Some((t - 1) / 2) };
        let is_b = t % 2 == 1;
        if let Some((s, l)) = cur {
            if t == 0 || is_b || label != Some(l) {
                out.push((s, i, l));
                cur = None;
            }
        }
        if let Some(l) = label {
            if cur.is_none() {
                cur = Some((i, l));
            }
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

/// Anything that scores feature rows for every tag.
pub trait Scorer {
    /// Number of tags.
    fn tags(&self) -> usize;
    /// Adds the emission score of each row to `out` (length = tags).
    fn add_rows(&self, rows: &[u32], out: &mut [f32]);
    /// Transition score from `a` (None = start) to `b`.
    fn trans(&self, a: Option<usize>, b: usize) -> f32;
}

/// Viterbi decoding with max-marginals. Returns the best tags and, per token, the margin between the
/// best path and the best path that gives the token another tag.
pub fn viterbi(em: &[f32], n: usize, t: usize, trans: &dyn Fn(Option<usize>, usize) -> f32) -> (Vec<usize>, Vec<f32>) {
    let (start, tt) = transition_table(t, trans);
    viterbi_table(em, n, t, &start, &tt)
}

/// The start scores (`t`) and the transition matrix (`t × t`, previous tag major) of `trans`, with
/// `-inf` where IOB2 forbids the step.
pub fn transition_table(t: usize, trans: &dyn Fn(Option<usize>, usize) -> f32) -> (Vec<f32>, Vec<f32>) {
    let start = (0..t).map(|y| if allowed(None, y) { trans(None, y) } else { f32::NEG_INFINITY }).collect();
    let mut tt = vec![f32::NEG_INFINITY; t * t];
    for a in 0..t {
        for b in 0..t {
            if allowed(Some(a), b) {
                tt[a * t + b] = trans(Some(a), b);
            }
        }
    }
    (start, tt)
}

/// [`viterbi`] over precomputed tables (see [`transition_table`]).
pub fn viterbi_table(em: &[f32], n: usize, t: usize, start: &[f32], tt: &[f32]) -> (Vec<usize>, Vec<f32>) {
    const NEG: f32 = f32::NEG_INFINITY;
    if n == 0 || t == 0 || em.len() < n * t || start.len() < t || tt.len() < t * t {
        return (vec![0; n], vec![f32::MAX; n]);
    }
    // Transposed transitions: row `y` lists the scores of every previous tag.
    let mut tt_in = vec![NEG; t * t];
    for a in 0..t {
        for b in 0..t {
            tt_in[b * t + a] = tt[a * t + b];
        }
    }
    let mut alpha = vec![NEG; n * t];
    let mut back = vec![0u32; n * t];
    for ((a, &e), &s) in alpha[..t].iter_mut().zip(&em[..t]).zip(start) {
        if s != NEG {
            *a = e + s;
        }
    }
    for i in 1..n {
        let (done, rest) = alpha.split_at_mut(i * t);
        let prev = &done[(i - 1) * t..];
        let cur = &mut rest[..t];
        let em_i = &em[i * t..(i + 1) * t];
        let back_i = &mut back[i * t..(i + 1) * t];
        for (y, ((c, bk), &e)) in cur.iter_mut().zip(back_i.iter_mut()).zip(em_i).enumerate() {
            let mut best = NEG;
            let mut arg = 0usize;
            for (p, (&a, &tr)) in prev.iter().zip(&tt_in[y * t..(y + 1) * t]).enumerate() {
                let s = a + tr;
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            *c = best + e;
            *bk = arg as u32;
        }
    }
    let mut beta = vec![0f32; n * t];
    for i in (0..n - 1).rev() {
        let (head, tail) = beta.split_at_mut((i + 1) * t);
        let next = &tail[..t];
        let cur = &mut head[i * t..];
        let em_n = &em[(i + 1) * t..(i + 2) * t];
        for (y, c) in cur.iter_mut().enumerate() {
            let mut best = NEG;
            for ((&tr, &e), &b) in tt[y * t..(y + 1) * t].iter().zip(em_n).zip(next) {
                let s = tr + e + b;
                if s > best {
                    best = s;
                }
            }
            *c = best;
        }
    }
    let last = &alpha[(n - 1) * t..];
    let mut y = (0..t).max_by(|&a, &b| last[a].total_cmp(&last[b])).unwrap_or(0);
    let mut path = vec![0; n];
    for i in (0..n).rev() {
        path[i] = y;
        y = back[i * t + y] as usize;
    }
    let margins = path
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let (a, b) = (&alpha[i * t..(i + 1) * t], &beta[i * t..(i + 1) * t]);
            let best = a[p] + b[p];
            let mut second = NEG;
            for (k, (&x, &z)) in a.iter().zip(b).enumerate() {
                if k != p {
                    second = second.max(x + z);
                }
            }
            if second.is_finite() {
                best - second
            } else {
                f32::MAX
            }
        })
        .collect();
    (path, margins)
}

/// Maps feature hashes to table rows.
#[inline]
pub fn row_of(h: u64, bits: u8) -> u32 {
    (h >> (64 - u32::from(bits))) as u32
}

/// Feature rows of every token of a sentence, flattened, with per-token offsets.
pub fn sentence_rows(infos: &[TokInfo], bits: u8) -> (Vec<u32>, Vec<usize>) {
    let mut rows = Vec::with_capacity(infos.len() * 40);
    let mut offs = Vec::with_capacity(infos.len() + 1);
    let mut buf = Vec::with_capacity(64);
    offs.push(0);
    for i in 0..infos.len() {
        buf.clear();
        features_at(infos, i, &mut buf);
        rows.extend(buf.iter().map(|&h| row_of(h, bits)));
        offs.push(rows.len());
    }
    (rows, offs)
}

/// Decodes a sentence with a scorer: tags and margins.
pub fn decode(scorer: &dyn Scorer, rows: &[u32], offs: &[usize]) -> (Vec<usize>, Vec<f32>) {
    let t = scorer.tags();
    let n = offs.len().saturating_sub(1);
    let mut em = vec![0f32; n * t];
    for (i, out) in em.chunks_exact_mut(t.max(1)).enumerate().take(n) {
        scorer.add_rows(&rows[offs[i]..offs[i + 1]], out);
    }
    viterbi(&em, n, t, &|a, b| scorer.trans(a, b))
}

/// A span's confidence from its tokens' margins.
pub fn confidence(margins: &[f32], temp: f32) -> f32 {
    let m = margins.iter().copied().fold(f32::MAX, f32::min);
    if m >= f32::MAX / 2.0 {
        return 1.0;
    }
    1.0 / (1.0 + (-m / temp.max(1e-6)).exp())
}

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
        }
    }

    /// The gazetteer the tagger matches, if trained with one.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gazetteer.as_ref()
    }

    /// Token information for a sentence, as this tagger's features need it.
    pub fn infos<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokInfo> {
        sentence_infos(
            words,
            &self.triggers,
            self.gazetteer.as_ref(),
            (!self.lexicon.is_empty()).then_some(&self.lexicon),
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
                    let mut info = token_info_keyed(w, k.as_ref(), first, &self.triggers, &mut cache.scratch);
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
        super::features::mark_sentence(&mut infos, &self.triggers);
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
        let t = self.tags();
        let n = infos.len().min(entries.len());
        let mut em = vec![0f32; n * t];
        let mut feats = Vec::with_capacity(32);
        let mut rows = Vec::with_capacity(32);
        for (i, out) in em.chunks_exact_mut(t.max(1)).enumerate().take(n) {
            let at = entries[i] as usize * t;
            if let Some(sum) = cache.sums.get(at..at + t) {
                out.copy_from_slice(sum);
            }
            feats.clear();
            context_features_at(infos, i, &mut feats);
            rows.clear();
            rows.extend(feats.iter().map(|&f| row_of(f, self.bits)));
            self.add_rows(&rows, out);
        }
        let (start, tt) = transition_table(t, &|a, b| self.trans(a, b));
        let (tags, margins) = viterbi_table(&em, n, t, &start, &tt);
        self.spans_of(&tags, &margins)
    }

    fn spans_of(&self, tags: &[usize], margins: &[f32]) -> Vec<TokSpan> {
        spans_from_tags(tags)
            .into_iter()
            .map(|(s, e, l)| TokSpan {
                start: s,
                end: e,
                label: l,
                confidence: confidence(&margins[s..e], self.conf_temp),
            })
            .collect()
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
        let (rows, offs) = sentence_rows(infos, self.bits);
        let (tags, margins) = match delta {
            Some(d) => decode(&WithDelta { base: self, delta: d }, &rows, &offs),
            None => decode(self, &rows, &offs),
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

/// A sparse set of float weights added to a frozen tagger: the online-learning layer.
#[derive(Clone, Debug, Default)]
pub struct Delta {
    /// Row -> weights per tag.
    pub rows: HashMap<u32, Vec<f32>>,
    /// Transition adjustments, same layout as [`Tagger::trans`].
    pub trans: Vec<f32>,
}

impl Delta {
    /// One perceptron step towards `gold` tags for a sentence (returns true when it changed anything).
    pub fn learn<S: AsRef<str>>(&mut self, tagger: &Tagger, words: &[S], gold: &[usize]) -> bool {
        let t = tagger.tags();
        if self.trans.len() != (t + 1) * t {
            self.trans = vec![0.0; (t + 1) * t];
        }
        let infos = tagger.infos(words);
        let (rows, offs) = sentence_rows(&infos, tagger.bits);
        let (pred, _) = decode(&WithDelta { base: tagger, delta: self }, &rows, &offs);
        if pred.as_slice() == gold {
            return false;
        }
        for i in 0..pred.len().min(gold.len()) {
            if pred[i] != gold[i] {
                for &r in &rows[offs[i]..offs[i + 1]] {
                    let w = self.rows.entry(r).or_insert_with(|| vec![0.0; t]);
                    w[gold[i]] += 1.0;
                    w[pred[i]] -= 1.0;
                }
            }
            let pa = if i == 0 { t } else { pred[i - 1] };
            let ga = if i == 0 { t } else { gold[i - 1] };
            if pa != ga || pred[i] != gold[i] {
                self.trans[ga * t + gold[i]] += 1.0;
                self.trans[pa * t + pred[i]] -= 1.0;
            }
        }
        true
    }
}

struct WithDelta<'a> {
    base: &'a Tagger,
    delta: &'a Delta,
}

impl Scorer for WithDelta<'_> {
    fn tags(&self) -> usize {
        self.base.tags()
    }
    fn add_rows(&self, rows: &[u32], out: &mut [f32]) {
        self.base.add_rows(rows, out);
        for r in rows {
            if let Some(w) = self.delta.rows.get(r) {
                for (o, x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
    }
    fn trans(&self, a: Option<usize>, b: usize) -> f32 {
        let t = self.tags();
        self.base.trans(a, b) + self.delta.trans.get(a.unwrap_or(t) * t + b).copied().unwrap_or(0.0)
    }
}

/// One sentence of the document-level pass: token keys and the spans found so far.
#[derive(Clone, Debug)]
pub struct DocSentence<'a> {
    /// Token information of the sentence.
    pub infos: &'a [TokInfo],
    /// Spans, sorted by start; the pass adds and relabels spans.
    pub spans: Vec<TokSpan>,
}

/// Minimum confidence for a mention to be propagated to later mentions.
pub const CONSISTENCY_MIN_CONF: f32 = 0.9;

/// Most frequent word-frequency code ([`TokInfo::freq`]) of a single word the consistency pass does
/// not spread: a word at least this common in general text (frequency 10^-5 and above: "الدين",
/// "السورية", "محمد") is too ambiguous for one confident mention to label all the others.
pub const CONSISTENCY_COMMON_FREQ: u8 = 4;

#[inline]
fn is_common_word(t: &TokInfo) -> bool {
    t.freq != 0 && t.freq <= CONSISTENCY_COMMON_FREQ
}

/// Document-level consistency: a later mention of a confident earlier entity (same normalised words;
/// its first word may carry proclitics) gets the earlier label when the tagger missed it or gave it
/// another label with lower confidence. `cased` requires a capital first letter (English).
/// Single common words (see [`CONSISTENCY_COMMON_FREQ`]) are neither spread nor labelled.
pub fn consistency_pass(doc: &mut [DocSentence<'_>], cased: bool) {
    consistency_pass_with(doc, cased, CONSISTENCY_MIN_CONF, false);
}

/// [`consistency_pass`] with a confidence threshold; `both_ways` also lets a confident mention label
/// earlier mentions.
pub fn consistency_pass_with(doc: &mut [DocSentence<'_>], cased: bool, min_conf: f32, both_ways: bool) {
    let mut known: FastMap<u64, (usize, f32)> = FastMap::default();
    let mut first: FastSet<u64> = FastSet::default();
    let mut max_len = 0usize;
    let seq = |v: u64, rest: &[TokInfo]| rest.iter().fold(mix(0xD0C, v), |h, x| mix(h, x.key));
    let register =
        |s: &DocSentence<'_>, known: &mut FastMap<u64, (usize, f32)>, first: &mut FastSet<u64>, max_len: &mut usize| {
            let n = s.infos.len();
            for sp in &s.spans {
                if sp.confidence >= min_conf && sp.end <= n && sp.end > sp.start {
                    let f = &s.infos[sp.start];
                    if sp.end - sp.start == 1 && is_common_word(f) {
                        continue;
                    }
                    let rest = &s.infos[sp.start + 1..sp.end];
                    for v in [f.key, f.stem] {
                        let h = seq(v, rest);
                        let e = known.entry(h).or_insert((sp.label, sp.confidence));
                        if sp.confidence > e.1 {
                            *e = (sp.label, sp.confidence);
                        }
                        first.insert(v);
                    }
                    *max_len = (*max_len).max(sp.end - sp.start);
                }
            }
        };
    if both_ways {
        for s in doc.iter() {
            register(s, &mut known, &mut first, &mut max_len);
        }
    }
    for s in doc.iter_mut() {
        let n = s.infos.len();
        let mut covered = vec![usize::MAX; n];
        for (k, sp) in s.spans.iter().enumerate() {
            for c in &mut covered[sp.start..sp.end.min(n)] {
                *c = k;
            }
        }
        let mut added = Vec::new();
        let mut i = 0;
        while i < n && max_len > 0 {
            let t = &s.infos[i];
            let mut hit: Option<(usize, usize, f32)> = None;
            if !cased || t.upper {
                let variants = [t.key, t.stem].into_iter().chain(t.alt_stems.iter().copied());
                for v in variants {
                    if !first.contains(&v) {
                        continue;
                    }
                    for len in (1..=max_len.min(n - i)).rev() {
                        if hit.is_some_and(|(l, _, _)| l >= len) {
                            break;
                        }
                        if len == 1 && is_common_word(t) {
                            continue;
                        }
                        if let Some(&(label, conf)) = known.get(&seq(v, &s.infos[i + 1..i + len])) {
                            hit = Some((len, label, conf));
                            break;
                        }
                    }
                }
            }
            match hit {
                Some((len, label, conf)) => {
                    let cov = &covered[i..i + len];
                    if cov.iter().all(|&c| c == usize::MAX) {
                        added.push(TokSpan { start: i, end: i + len, label, confidence: conf * 0.9 });
                    } else if cov[0] != usize::MAX && cov.iter().all(|&c| c == cov[0]) {
                        let sp = &mut s.spans[cov[0]];
                        if sp.start == i && sp.end == i + len && sp.label != label && sp.confidence < conf * 0.75 {
                            sp.label = label;
                            sp.confidence = conf * 0.9;
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        s.spans.extend(added);
        crate::sort::sort_by_key(&mut s.spans, |sp| sp.start);
        if !both_ways {
            register(s, &mut known, &mut first, &mut max_len);
        }
    }
}

/// Number of folds for the jackknifed lexicon features.
pub const LEX_FOLDS: usize = 10;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed for the shuffling order.
    pub seed: u64,
    /// log2 of the number of weight rows.
    pub bits: u8,
    /// Use the gazetteer features.
    pub use_gazetteer: bool,
    /// The gazetteer to use (the engine's built-in CLDR list when `None`), e.g. with lists and a word
    /// frequency table added by `sanad train`.
    pub gazetteer: Option<Gazetteer>,
    /// Hamming cost added to wrong tags during training decoding (0 = plain perceptron).
    pub cost: f32,
    /// AdaGrad step sizes per weight instead of unit perceptron steps.
    pub adagrad: bool,
    /// Number of models trained with different shuffles whose weights are averaged.
    pub ensemble: usize,
    /// After the `O` bias, tune a bias per label on dev (added to every transition into the label's
    /// `B` and `I` tags, which is the same as adding it to those tags' scores at every token).
    pub label_bias: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            bits: 18,
            use_gazetteer: true,
            gazetteer: None,
            cost: 0.0,
            adagrad: false,
            ensemble: 1,
            label_bias: false,
        }
    }
}

/// A training or evaluation sentence: words and their IOB2 tags.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// Tokens.
    pub words: Vec<String>,
    /// IOB2 tags, one per token.
    pub tags: Vec<String>,
}

/// Scores of one evaluation.
pub use crate::metrics::Prf;

/// What one training epoch reports.
#[derive(Clone, Debug)]
pub struct EpochReport {
    /// 0-based ensemble member.
    pub member: usize,
    /// 1-based epoch.
    pub epoch: usize,
    /// Sentences with at least one wrong tag during the pass.
    pub train_errors: usize,
    /// Dev micro scores (averaged float weights, sentence by sentence).
    pub dev: Prf,
}

struct FloatModel {
    t: usize,
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Scorer for FloatModel {
    fn tags(&self) -> usize {
        self.t
    }
    #[inline]
    fn add_rows(&self, rows: &[u32], out: &mut [f32]) {
        let t = self.t;
        for &r in rows {
            let base = r as usize * t;
            if let Some(w) = self.w.get(base..base + t) {
                for (o, &x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
    }
    fn trans(&self, a: Option<usize>, b: usize) -> f32 {
        self.trans[a.unwrap_or(self.t) * self.t + b]
    }
}

struct Prepared {
    rows: Vec<u32>,
    offs: Vec<usize>,
    gold: Vec<usize>,
}

fn prepare(
    sents: &[Sentence],
    labels: &[String],
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    lex: &dyn Fn(usize) -> Option<Lexicon>,
    bits: u8,
) -> Vec<Prepared> {
    let mut cur: Option<(usize, Option<Lexicon>)> = None;
    sents
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.words.is_empty())
        .map(|(k, s)| {
            let fold = k * LEX_FOLDS / sents.len().max(1);
            if cur.as_ref().is_none_or(|c| c.0 != fold) {
                cur = Some((fold, lex(fold)));
            }
            let l = cur.as_ref().and_then(|c| c.1.as_ref());
            let infos = sentence_infos(&s.words, triggers, gaz, l);
            let (rows, offs) = sentence_rows(&infos, bits);
            let gold = s.tags.iter().map(|t| tag_index(t, labels)).collect();
            Prepared { rows, offs, gold }
        })
        .collect()
}

/// Exact-span micro scores of `scorer` on prepared sentences.
fn evaluate(scorer: &dyn Scorer, data: &[Prepared]) -> Prf {
    let mut prf = Prf::default();
    for s in data {
        let (pred, _) = decode(scorer, &s.rows, &s.offs);
        let ps: HashSet<_> = spans_from_tags(&pred).into_iter().collect();
        let gs: HashSet<_> = spans_from_tags(&s.gold).into_iter().collect();
        prf.tp += ps.intersection(&gs).count();
        prf.pred += ps.len();
        prf.gold += gs.len();
    }
    prf
}

/// Labels found in the tags of `sents`, in the canonical order PER, LOC, ORG, MISC, then others.
pub fn labels_of(sents: &[Sentence]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for s in sents {
        for t in &s.tags {
            if let Some((_, l)) = t.split_once('-') {
                if !found.iter().any(|f| f == l) {
                    found.push(l.to_string());
                }
            }
        }
    }
    let order = ["PER", "LOC", "ORG", "MISC"];
    crate::sort::sort_by_key(&mut found, |l| (order.iter().position(|o| o == l).unwrap_or(order.len()), l.clone()));
    found
}

/// Result of training: the quantised tagger and its scores.
#[derive(Debug)]
pub struct Trained {
    /// The model to ship.
    pub tagger: Tagger,
    /// Best epoch (1-based).
    pub best_epoch: usize,
    /// Dev scores of the float weights at the best epoch (first ensemble member).
    pub dev_float: Prf,
    /// Dev scores of the quantised model.
    pub dev_quantised: Prf,
    /// Dev scores of the quantised model with the tuned `O` bias (the shipped model).
    pub dev_tuned: Prf,
}

/// Trains a tagger with the structured averaged perceptron; `report` is called after every epoch.
/// The best epoch on dev is kept. Deterministic for a given seed.
pub fn train(
    lang: &str,
    train_set: &[Sentence],
    dev_set: &[Sentence],
    cfg: &TrainConfig,
    report: &mut dyn FnMut(&EpochReport),
) -> Trained {
    let labels = labels_of(train_set);
    let t = n_tags(labels.len());
    let triggers = Triggers::new(lang);
    let gaz = cfg.use_gazetteer.then(|| cfg.gazetteer.clone().unwrap_or_else(|| Gazetteer::builtin(lang)));
    let bits = cfg.bits.clamp(8, 24);
    // Jackknife: the lexicon features of each fold come from the other folds.
    let n_train = train_set.len().max(1);
    let fold_lex = |fold: usize| -> Option<Lexicon> {
        let others: Vec<&Sentence> =
            train_set.iter().enumerate().filter(|(k, _)| k * LEX_FOLDS / n_train != fold).map(|(_, s)| s).collect();
        Some(Lexicon::build(&others, &labels))
    };
    let data = prepare(train_set, &labels, &triggers, gaz.as_ref(), &fold_lex, bits);
    let all: Vec<&Sentence> = train_set.iter().collect();
    let lexicon = Lexicon::build(&all, &labels);
    let dev = prepare(dev_set, &labels, &triggers, gaz.as_ref(), &|_| Some(lexicon.clone()), bits);
    let rows = 1usize << bits;
    let members = cfg.ensemble.max(1);
    let mut sum_w = vec![0f32; rows * t];
    let mut sum_tr = vec![0f32; (t + 1) * t];
    let mut best_epoch = 0;
    let mut dev_float = Prf::default();
    for member in 0..members {
        let mut w = vec![0f32; rows * t];
        let mut u = vec![0f64; rows * t];
        let mut tr = vec![0f32; (t + 1) * t];
        let mut tru = vec![0f64; (t + 1) * t];
        let mut c: f64 = 1.0;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = (cfg.seed.wrapping_add(member as u64 * 0x1000_0000)) ^ 0x5A4D_u64;
        let mut best: Option<(Prf, usize, Vec<f32>, Vec<f32>)> = None;
        let mut em: Vec<f32> = Vec::new();
        let mut grad: HashMap<usize, f32> = HashMap::new();
        let mut sq: Vec<f32> = if cfg.adagrad { vec![0.0; rows * t] } else { Vec::new() };
        for epoch in 1..=cfg.epochs.max(1) {
            for k in (1..order.len()).rev() {
                let j = (splitmix64(&mut rng) % (k as u64 + 1)) as usize;
                order.swap(k, j);
            }
            let mut errors = 0;
            for &si in &order {
                let s = &data[si];
                let n = s.gold.len();
                em.clear();
                em.resize(n * t, 0.0);
                for i in 0..n {
                    let out = &mut em[i * t..(i + 1) * t];
                    for &r in &s.rows[s.offs[i]..s.offs[i + 1]] {
                        let base = r as usize * t;
                        for (o, &x) in out.iter_mut().zip(&w[base..base + t]) {
                            *o += x;
                        }
                    }
                }
                if cfg.cost > 0.0 {
                    for i in 0..n {
                        for y in 0..t {
                            if y != s.gold[i] {
                                em[i * t + y] += cfg.cost;
                            }
                        }
                    }
                }
                let (pred, _) = viterbi(&em, n, t, &|a, b| tr[a.unwrap_or(t) * t + b]);
                if pred != s.gold {
                    errors += 1;
                    grad.clear();
                    for i in 0..n {
                        let (g, p) = (s.gold[i], pred[i]);
                        if g != p {
                            for &r in &s.rows[s.offs[i]..s.offs[i + 1]] {
                                let base = r as usize * t;
                                *grad.entry(base + g).or_insert(0.0) += 1.0;
                                *grad.entry(base + p).or_insert(0.0) -= 1.0;
                            }
                        }
                        let ga = if i == 0 { t } else { s.gold[i - 1] };
                        let pa = if i == 0 { t } else { pred[i - 1] };
                        if ga != pa || g != p {
                            tr[ga * t + g] += 1.0;
                            tru[ga * t + g] += c;
                            tr[pa * t + p] -= 1.0;
                            tru[pa * t + p] -= c;
                        }
                    }
                    for (&k, &g) in &grad {
                        if g == 0.0 {
                            continue;
                        }
                        let step = if cfg.adagrad {
                            sq[k] += g * g;
                            g / sq[k].sqrt()
                        } else {
                            g
                        };
                        w[k] += step;
                        u[k] += c * f64::from(step);
                    }
                }
                c += 1.0;
            }
            let avg: Vec<f32> = w.iter().zip(&u).map(|(&wi, &ui)| (f64::from(wi) - ui / c) as f32).collect();
            let avg_tr: Vec<f32> = tr.iter().zip(&tru).map(|(&wi, &ui)| (f64::from(wi) - ui / c) as f32).collect();
            let fm = FloatModel { t, w: avg, trans: avg_tr };
            let prf = evaluate(&fm, &dev);
            report(&EpochReport { member, epoch, train_errors: errors, dev: prf });
            if best.as_ref().is_none_or(|b| prf.f1() > b.0.f1()) {
                best = Some((prf, epoch, fm.w, fm.trans));
            }
        }
        let (prf, epoch, bw, btr) = best.unwrap_or((Prf::default(), 0, vec![0.0; rows * t], vec![0.0; (t + 1) * t]));
        for (s, x) in sum_w.iter_mut().zip(&bw) {
            *s += x / members as f32;
        }
        for (s, x) in sum_tr.iter_mut().zip(&btr) {
            *s += x / members as f32;
        }
        if member == 0 {
            best_epoch = epoch;
            dev_float = prf;
        }
    }
    let (bw, btr) = (sum_w, sum_tr);
    let (scale, q) = quantise(&bw);
    let mut tagger = Tagger::new(lang, labels, bits, gaz, scale, q, btr, 1.0, lexicon);
    let dev_quantised = evaluate(&tagger, &dev);
    tagger.o_bias = tune_o_bias(&mut tagger, &dev, dev_quantised);
    if cfg.label_bias {
        tune_label_bias(&mut tagger, &dev);
    }
    let dev_tuned = evaluate(&tagger, &dev);
    tagger.conf_temp = calibrate(&tagger, &dev);
    Trained { tagger, best_epoch, dev_float, dev_quantised, dev_tuned }
}

/// Picks the `O` bias with the best dev F1 from a grid scaled to the typical score gap.
fn tune_o_bias(tagger: &mut Tagger, dev: &[Prepared], base: Prf) -> f32 {
    let Some(unit) = median_gap(tagger, dev) else { return 0.0 };
    let mut best = (base.f1(), 0.0f32);
    for k in [0.02f32, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7] {
        tagger.o_bias = unit * k;
        let f = evaluate(tagger, dev).f1();
        if f > best.0 {
            best = (f, unit * k);
        }
    }
    tagger.o_bias = 0.0;
    best.1
}

/// The median gap between the `O` score and the best other score over dev tokens: the scale of
/// the bias grids.
fn median_gap(tagger: &Tagger, dev: &[Prepared]) -> Option<f32> {
    let t = tagger.tags();
    let mut gaps: Vec<f32> = Vec::new();
    for s in dev {
        for i in 0..s.offs.len().saturating_sub(1) {
            let mut em = vec![0f32; t];
            tagger.add_rows(&s.rows[s.offs[i]..s.offs[i + 1]], &mut em);
            let best_other = em[1..].iter().copied().fold(f32::MIN, f32::max);
            gaps.push((em[0] - best_other).abs());
        }
    }
    if gaps.is_empty() {
        return None;
    }
    let mid = gaps.len() / 2;
    let (_, &mut unit, _) = gaps.select_nth_unstable_by(mid, f32::total_cmp);
    Some(unit)
}

/// Adds `d` to every transition into label `l`'s tags (`B` and `I`), including from the start.
fn shift_label(tagger: &mut Tagger, l: usize, d: f32) {
    let t = tagger.tags();
    for a in 0..=t {
        for b in [1 + 2 * l, 2 + 2 * l] {
            if let Some(x) = tagger.trans.get_mut(a * t + b) {
                *x += d;
            }
        }
    }
}

/// Coordinate ascent on dev F1 over one bias per label (two rounds over the labels, a small grid
/// scaled like the `O` bias); a step is kept only when it raises dev F1.
fn tune_label_bias(tagger: &mut Tagger, dev: &[Prepared]) {
    let Some(unit) = median_gap(tagger, dev) else { return };
    let mut best = evaluate(tagger, dev).f1();
    for _round in 0..2 {
        for l in 0..tagger.labels.len() {
            let mut pick = 0.0f32;
            for k in [-0.3f32, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.3] {
                shift_label(tagger, l, unit * k);
                let f = evaluate(tagger, dev).f1();
                shift_label(tagger, l, -unit * k);
                if f > best + 1e-9 {
                    best = f;
                    pick = unit * k;
                }
            }
            if pick != 0.0 {
                shift_label(tagger, l, pick);
            }
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

/// Picks the confidence temperature that minimises the log loss of span correctness on dev.
fn calibrate(tagger: &Tagger, dev: &[Prepared]) -> f32 {
    let mut obs: Vec<(f32, bool)> = Vec::new();
    for s in dev {
        let (pred, margins) = decode(tagger, &s.rows, &s.offs);
        let gs: HashSet<_> = spans_from_tags(&s.gold).into_iter().collect();
        for sp in spans_from_tags(&pred) {
            let m = margins[sp.0..sp.1].iter().copied().fold(f32::MAX, f32::min);
            obs.push((m.min(1e6), gs.contains(&sp)));
        }
    }
    let mut best = (f64::MAX, 1.0f32);
    for k in 0..60 {
        let temp = 0.05f32 * 1.15f32.powi(k);
        let mut loss = 0.0f64;
        for &(m, ok) in &obs {
            let p = f64::from(1.0 / (1.0 + (-m / temp).exp())).clamp(1e-6, 1.0 - 1e-6);
            loss -= if ok { p.ln() } else { (1.0 - p).ln() };
        }
        if loss < best.0 {
            best = (loss, temp);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn toy() -> Vec<Sentence> {
        let mk = |w: &str, t: &str| Sentence {
            words: w.split(' ').map(String::from).collect(),
            tags: t.split(' ').map(String::from).collect(),
        };
        vec![
            mk("قال لافروف في موسكو", "O B-PER O B-LOC"),
            mk("زار بوتين كازاخستان أمس", "O B-PER B-LOC O"),
            mk("قال الاتحاد الأوروبي إن روسيا", "O B-ORG I-ORG O B-LOC"),
            mk("وقال لافروف لروسيا", "O B-PER B-LOC"),
        ]
    }

    #[test]
    fn constraints() {
        assert!(allowed(None, 0));
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert_eq!(spans_from_tags(&[1, 2, 0, 3, 1]), vec![(0, 2, 0), (3, 4, 1), (4, 5, 0)]);
        assert_eq!(spans_from_tags(&[2, 2]), vec![(0, 2, 0)]);
    }

    proptest::proptest! {
        /// Viterbi finds the best allowed path and its max-marginal margins (brute force over all paths).
        #[test]
        fn viterbi_matches_brute_force(
            em in proptest::collection::vec(-4i8..4, 20),
            tr in proptest::collection::vec(-4i8..4, 30),
            n in 1usize..5,
        ) {
            let t = 5;
            let em: Vec<f32> = em[..n * t].iter().map(|&x| f32::from(x) * 0.37).collect();
            let tr: Vec<f32> = tr.iter().map(|&x| f32::from(x) * 0.29).collect();
            let trans = |a: Option<usize>, b: usize| tr[a.unwrap_or(t) * t + b];
            let (path, margins) = viterbi(&em, n, t, &trans);
            let score = |p: &[usize]| -> Option<f32> {
                let mut s = 0.0;
                for i in 0..n {
                    let a = if i == 0 { None } else { Some(p[i - 1]) };
                    if !allowed(a, p[i]) {
                        return None;
                    }
                    s += trans(a, p[i]) + em[i * t + p[i]];
                }
                Some(s)
            };
            let mut all: Vec<(Vec<usize>, f32)> = Vec::new();
            for code in 0..t.pow(n as u32) {
                let p: Vec<usize> = (0..n).map(|i| code / t.pow(i as u32) % t).collect();
                if let Some(s) = score(&p) {
                    all.push((p, s));
                }
            }
            let best = all.iter().map(|x| x.1).fold(f32::MIN, f32::max);
            let got = score(&path).unwrap();
            proptest::prop_assert!((got - best).abs() < 1e-4);
            for i in 0..n {
                let other = all.iter().filter(|x| x.0[i] != path[i]).map(|x| x.1).fold(f32::MIN, f32::max);
                if other > f32::MIN {
                    proptest::prop_assert!((margins[i] - (got - other)).abs() < 1e-3, "{} vs {}", margins[i], got - other);
                } else {
                    proptest::prop_assert_eq!(margins[i], f32::MAX);
                }
            }
        }
    }

    #[test]
    fn trains_and_is_deterministic() {
        let data = toy();
        let cfg = TrainConfig { epochs: 5, seed: 7, bits: 12, ..TrainConfig::default() };
        let a = train("ar", &data, &data, &cfg, &mut |_| {});
        let b = train("ar", &data, &data, &cfg, &mut |_| {});
        assert_eq!(a.tagger.weights, b.tagger.weights);
        assert_eq!(a.dev_quantised.f1(), 1.0);
        let spans = a.tagger.tag(&["وقال", "لافروف", "في", "موسكو"]);
        assert_eq!(spans.iter().map(|s| (s.start, s.label)).collect::<Vec<_>>(), vec![(1, 0), (3, 1)]);
        assert!(spans.iter().all(|s| s.confidence > 0.0 && s.confidence <= 1.0));
    }

    #[test]
    fn label_bias_never_lowers_dev_f1() {
        let data = toy();
        let base = TrainConfig { epochs: 2, seed: 3, bits: 12, ..TrainConfig::default() };
        let plain = train("ar", &data, &data[..2], &base, &mut |_| {});
        let tuned = train("ar", &data, &data[..2], &TrainConfig { label_bias: true, ..base }, &mut |_| {});
        assert!(tuned.dev_tuned.f1() >= plain.dev_tuned.f1());
        assert_eq!(tuned.tagger.weights, plain.tagger.weights);
    }

    #[test]
    fn delta_learns_a_correction() {
        let data = toy();
        let cfg = TrainConfig { epochs: 3, seed: 1, bits: 12, use_gazetteer: false, ..TrainConfig::default() };
        let m = train("ar", &data, &data, &cfg, &mut |_| {}).tagger;
        let words = ["التقى", "سموتريتش", "أمس"];
        let gold = [0, 1, 0];
        let mut d = Delta::default();
        for _ in 0..5 {
            d.learn(&m, &words, &gold);
        }
        assert_eq!(m.tag_with(&words, Some(&d)).0, gold.to_vec());
    }

    #[test]
    fn consistency_fills_missed_mention() {
        let tr = Triggers::new("ar");
        let a = sentence_infos(&["قال", "لافروف"], &tr, None, None);
        let b = sentence_infos(&["وأضاف", "ولافروف"], &tr, None, None);
        let mut doc = vec![
            DocSentence { infos: &a, spans: vec![TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 }] },
            DocSentence { infos: &b, spans: vec![] },
        ];
        consistency_pass(&mut doc, false);
        assert_eq!(doc[1].spans.len(), 1);
        assert_eq!(doc[1].spans[0].start, 1);
        assert_eq!(doc[1].spans[0].label, 0);
    }

    #[test]
    fn consistency_leaves_common_words_alone() {
        // "الدين" is a common word ("religion") and part of names ("صلاح الدين"): one confident
        // single-word mention must not label it everywhere; a rare name still spreads.
        let mut g = Gazetteer::default();
        g.add_word_freq("الدين\t335\nلافروف\t584\n").unwrap();
        let tr = Triggers::new("ar");
        let a = sentence_infos(&["قال", "لافروف", "الدين"], &tr, Some(&g), None);
        let b = sentence_infos(&["وأضاف", "لافروف", "عن", "الدين"], &tr, Some(&g), None);
        assert_eq!((a[1].freq, a[2].freq), (5, 3));
        let spans = vec![
            TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 },
            TokSpan { start: 2, end: 3, label: 0, confidence: 0.99 },
        ];
        let mut doc = vec![DocSentence { infos: &a, spans }, DocSentence { infos: &b, spans: vec![] }];
        consistency_pass(&mut doc, false);
        let added: Vec<usize> = doc[1].spans.iter().map(|s| s.start).collect();
        assert_eq!(added, vec![1]);
        // Without a frequency table nothing is known to be common: both spread.
        let a = sentence_infos(&["قال", "لافروف", "الدين"], &tr, None, None);
        let b = sentence_infos(&["وأضاف", "لافروف", "عن", "الدين"], &tr, None, None);
        let spans = vec![
            TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 },
            TokSpan { start: 2, end: 3, label: 0, confidence: 0.99 },
        ];
        let mut doc = vec![DocSentence { infos: &a, spans }, DocSentence { infos: &b, spans: vec![] }];
        consistency_pass(&mut doc, false);
        assert_eq!(doc[1].spans.len(), 2);
    }
}
