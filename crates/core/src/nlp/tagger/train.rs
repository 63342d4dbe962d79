//! Training: the structured averaged perceptron over hashed features (optionally cost-augmented and
//! with AdaGrad steps), an ensemble of shuffles averaged, the best epoch on dev, quantisation, then
//! tuning on dev (the `O` bias, optional per-label biases, the confidence temperature).
//! Deterministic for a seed: the shipped models retrain byte for byte (`static/models/README.md`).

use std::collections::{HashMap, HashSet};

use super::decode::{decode, sentence_rows, viterbi, Scorer};
use super::model::{quantise, Tagger};
use crate::metrics::Prf;
use crate::nlp::bio::{n_tags, spans_from_tags, tag_index, Sentence};
use crate::nlp::features::sentence_infos;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::hash::splitmix64;
use crate::nlp::lexicon::Lexicon;
use crate::nlp::triggers::Triggers;

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
}
