//! Training: the structured averaged perceptron over hashed features (optionally cost-augmented and
//! with AdaGrad steps), an ensemble of shuffles averaged, the best epoch on dev, quantisation, then
//! tuning on dev (the `O` bias, optional per-label biases, the confidence temperature).
//! Deterministic for a seed: the shipped models retrain byte for byte (`static/models/README.md`).

use std::collections::{HashMap, HashSet};

use super::decode::{decode, sentence_rows, viterbi, Scorer};
use super::model::{quantise, Tagger};
use crate::metrics::Prf;
use crate::nlp::bio::{n_tags, spans_from_tags, tag_index, Sentence};
use crate::nlp::clusters::Clusters;
use crate::nlp::features::sentence_infos_with;
use crate::nlp::gazetteer::Gazetteer;
use crate::nlp::hash::splitmix64;
use crate::nlp::lexicon::Lexicon;
use crate::nlp::triggers::Triggers;

/// Number of folds for the jackknifed lexicon features.
pub const LEX_FOLDS: usize = 10;

/// An auxiliary training set: sentences from another domain (for Arabic, Wikipedia beside ANERcorp's
/// news), mixed into training as [`TrainConfig`] says.
#[derive(Clone, Debug, Default)]
pub struct AuxSet {
    /// The sentences.
    pub sents: Vec<Sentence>,
    /// Scale of the perceptron updates on these sentences (1 = like the main set).
    pub weight: f32,
    /// Labels this set does not annotate: its `O` tokens may be any of them (see
    /// [`TrainConfig::main_partial`]).
    pub partial: Vec<String>,
}

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
    /// Word clusters (with the features to compute from them); they travel in the model file.
    pub clusters: Option<Clusters>,
    /// Hamming cost added to wrong tags during training decoding (0 = plain perceptron).
    pub cost: f32,
    /// AdaGrad step sizes per weight instead of unit perceptron steps.
    pub adagrad: bool,
    /// Number of models trained with different shuffles whose weights are averaged.
    pub ensemble: usize,
    /// After the `O` bias, tune a bias per label on dev (added to every transition into the label's
    /// `B` and `I` tags, which is the same as adding it to those tags' scores at every token).
    pub label_bias: bool,
    /// Auxiliary training sets (other domains).
    pub aux: Vec<AuxSet>,
    /// Feature augmentation for the auxiliary sets ("frustratingly easy domain adaptation", Daumé
    /// 2007): on their sentences every feature fires twice, in the shared weights and in weights of
    /// that set alone, which are dropped from the model; the main set and tagging use the shared ones.
    pub aux_augment: bool,
    /// Passes over the auxiliary sets alone before training on the main set from those weights (warm
    /// start); 0 mixes the auxiliary sets into every epoch instead.
    pub pretrain_epochs: usize,
    /// The auxiliary sets' entities also feed the learned lexicon (jackknifed like the main set's).
    pub aux_lexicon: bool,
    /// Labels the main set does not annotate (e.g. MISC in UNER, whose nationalities are `O`): its
    /// `O` tokens are partial labels, `O` or any of these. The gold path of such a sentence is the
    /// best one under the current weights among those that agree with its annotated entities.
    pub main_partial: Vec<String>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            bits: 18,
            use_gazetteer: true,
            gazetteer: None,
            clusters: None,
            cost: 0.0,
            adagrad: false,
            ensemble: 1,
            label_bias: false,
            aux: Vec::new(),
            aux_augment: false,
            pretrain_epochs: 0,
            aux_lexicon: false,
            main_partial: Vec::new(),
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
    /// True for the passes over the auxiliary sets alone before the main training.
    pub pretrain: bool,
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
    /// Update scale.
    weight: f32,
    /// Tags an `O` token may also be (bit per tag; 0 = the tags are complete).
    partial: u32,
}

/// A sentence to prepare and the lexicon its features see.
struct Job<'a> {
    sent: &'a Sentence,
    lex: Option<&'a Lexicon>,
    /// Rows of the set's own copy of every feature start here (feature augmentation), else 0.
    copy_base: u32,
    weight: f32,
    partial: u32,
}

/// The tag bits of labels a set leaves unannotated (`B` and `I` of each).
fn partial_mask(partial: &[String], labels: &[String]) -> u32 {
    labels
        .iter()
        .enumerate()
        .filter(|(_, l)| partial.contains(l))
        .fold(0, |m, (k, _)| m | 1 << (1 + 2 * k) | 1 << (2 + 2 * k))
}

fn prepare(
    jobs: &[Job<'_>],
    labels: &[String],
    triggers: &Triggers,
    gaz: Option<&Gazetteer>,
    clusters: Option<&Clusters>,
    bits: u8,
) -> Vec<Prepared> {
    jobs.iter()
        .filter(|j| !j.sent.words.is_empty())
        .map(|j| {
            let infos = sentence_infos_with(&j.sent.words, triggers, gaz, j.lex, clusters);
            let (mut rows, mut offs) = sentence_rows(&infos, bits);
            if j.copy_base != 0 {
                // Each token's rows, then the same rows in the set's own copy of the table.
                let mut r2 = Vec::with_capacity(rows.len() * 2);
                let mut o2 = Vec::with_capacity(offs.len());
                o2.push(0);
                for i in 0..offs.len() - 1 {
                    let tok = &rows[offs[i]..offs[i + 1]];
                    r2.extend_from_slice(tok);
                    r2.extend(tok.iter().map(|&r| r + j.copy_base));
                    o2.push(r2.len());
                }
                rows = r2;
                offs = o2;
            }
            let gold = j.sent.tags.iter().map(|t| tag_index(t, labels)).collect();
            Prepared { rows, offs, gold, weight: j.weight, partial: j.partial }
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
    labels_of_all(sents.iter())
}

fn labels_of_all<'a>(sents: impl Iterator<Item = &'a Sentence>) -> Vec<String> {
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

/// The perceptron's state: current weights, their running sums for averaging, AdaGrad accumulators.
struct State {
    t: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    tr: Vec<f32>,
    tru: Vec<f64>,
    sq: Vec<f32>,
    c: f64,
}

impl State {
    fn new(t: usize, cells: usize, adagrad: bool) -> Self {
        State {
            t,
            w: vec![0.0; cells],
            u: vec![0.0; cells],
            tr: vec![0.0; (t + 1) * t],
            tru: vec![0.0; (t + 1) * t],
            sq: if adagrad { vec![0.0; cells] } else { Vec::new() },
            c: 1.0,
        }
    }

    /// A fresh state that starts from the given weights (warm start): averaging starts again.
    fn from_weights(t: usize, w: Vec<f32>, tr: Vec<f32>, adagrad: bool) -> Self {
        let cells = w.len();
        State {
            t,
            w,
            u: vec![0.0; cells],
            tr,
            tru: vec![0.0; (t + 1) * t],
            sq: if adagrad { vec![0.0; cells] } else { Vec::new() },
            c: 1.0,
        }
    }

    /// The averaged weights (the first `cells` of the table) and transitions.
    fn averaged(&self, cells: usize) -> FloatModel {
        let c = self.c;
        let w = self.w[..cells].iter().zip(&self.u).map(|(&wi, &ui)| (f64::from(wi) - ui / c) as f32).collect();
        let trans = self.tr.iter().zip(&self.tru).map(|(&wi, &ui)| (f64::from(wi) - ui / c) as f32).collect();
        FloatModel { t: self.t, w, trans }
    }

    /// The averaged weights of the whole table (with the auxiliary copies).
    fn averaged_all(&self) -> (Vec<f32>, Vec<f32>) {
        let m = self.averaged(self.w.len());
        (m.w, m.trans)
    }

    /// One pass over `order` (indices into `data`); returns the sentences with a wrong tag.
    fn epoch(
        &mut self,
        data: &[Prepared],
        order: &[usize],
        cfg: &TrainConfig,
        em: &mut Vec<f32>,
        grad: &mut HashMap<usize, f32>,
    ) -> usize {
        let t = self.t;
        let mut errors = 0;
        for &si in order {
            let s = &data[si];
            let n = s.gold.len();
            em.clear();
            em.resize(n * t, 0.0);
            for i in 0..n {
                let out = &mut em[i * t..(i + 1) * t];
                for &r in &s.rows[s.offs[i]..s.offs[i + 1]] {
                    let base = r as usize * t;
                    for (o, &x) in out.iter_mut().zip(&self.w[base..base + t]) {
                        *o += x;
                    }
                }
            }
            let latent;
            let gold: &[usize] = if s.partial != 0 {
                // The best path that keeps the annotated entities, with `O` free to be a missing label.
                let mut cem = em.clone();
                for i in 0..n {
                    for y in 0..t {
                        let ok = y == s.gold[i] || (s.gold[i] == 0 && s.partial & (1 << y) != 0);
                        if !ok {
                            cem[i * t + y] = f32::NEG_INFINITY;
                        }
                    }
                }
                let tr = &self.tr;
                latent = viterbi(&cem, n, t, &|a, b| tr[a.unwrap_or(t) * t + b]).0;
                &latent
            } else {
                &s.gold
            };
            if cfg.cost > 0.0 {
                for i in 0..n {
                    for y in 0..t {
                        if y != gold[i] {
                            em[i * t + y] += cfg.cost;
                        }
                    }
                }
            }
            let tr = &self.tr;
            let (pred, _) = viterbi(em, n, t, &|a, b| tr[a.unwrap_or(t) * t + b]);
            if pred != gold {
                errors += 1;
                grad.clear();
                let sw = s.weight;
                let c = self.c;
                for i in 0..n {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for &r in &s.rows[s.offs[i]..s.offs[i + 1]] {
                            let base = r as usize * t;
                            *grad.entry(base + g).or_insert(0.0) += 1.0;
                            *grad.entry(base + p).or_insert(0.0) -= 1.0;
                        }
                    }
                    let ga = if i == 0 { t } else { gold[i - 1] };
                    let pa = if i == 0 { t } else { pred[i - 1] };
                    if ga != pa || g != p {
                        self.tr[ga * t + g] += sw;
                        self.tru[ga * t + g] += c * f64::from(sw);
                        self.tr[pa * t + p] -= sw;
                        self.tru[pa * t + p] -= c * f64::from(sw);
                    }
                }
                for (&k, &g) in grad.iter() {
                    if g == 0.0 {
                        continue;
                    }
                    let step = if cfg.adagrad {
                        self.sq[k] += g * g;
                        g / self.sq[k].sqrt()
                    } else {
                        g
                    } * sw;
                    self.w[k] += step;
                    self.u[k] += c * f64::from(step);
                }
            }
            self.c += 1.0;
        }
        errors
    }
}

fn shuffle(order: &mut [usize], rng: &mut u64) {
    for k in (1..order.len()).rev() {
        let j = (splitmix64(rng) % (k as u64 + 1)) as usize;
        order.swap(k, j);
    }
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
    let labels = labels_of_all(train_set.iter().chain(cfg.aux.iter().flat_map(|a| a.sents.iter())));
    let t = n_tags(labels.len());
    let triggers = Triggers::new(lang);
    let gaz = cfg.use_gazetteer.then(|| cfg.gazetteer.clone().unwrap_or_else(|| Gazetteer::builtin(lang)));
    let clusters = cfg.clusters.as_ref();
    let bits = cfg.bits.clamp(8, 24);
    let rows = 1usize << bits;
    // Jackknife: the lexicon features of each fold come from the other folds (of the main set, and
    // of the auxiliary sets when they feed the lexicon).
    let fold = |k: usize, n: usize| k * LEX_FOLDS / n.max(1);
    let lex_sets: Vec<&[Sentence]> = std::iter::once(train_set)
        .chain(cfg.aux.iter().filter(|_| cfg.aux_lexicon).map(|a| a.sents.as_slice()))
        .collect();
    let fold_lex: Vec<Lexicon> = (0..LEX_FOLDS)
        .map(|f| {
            let others: Vec<&Sentence> = lex_sets
                .iter()
                .flat_map(|set| set.iter().enumerate().filter(|(k, _)| fold(*k, set.len()) != f).map(|(_, s)| s))
                .collect();
            Lexicon::build(&others, &labels)
        })
        .collect();
    let all: Vec<&Sentence> = lex_sets.iter().flat_map(|s| s.iter()).collect();
    let lexicon = Lexicon::build(&all, &labels);
    let augment = cfg.aux_augment && !cfg.aux.is_empty();
    let main_partial = partial_mask(&cfg.main_partial, &labels);
    let mut jobs: Vec<Job<'_>> = train_set
        .iter()
        .enumerate()
        .map(|(k, s)| Job {
            sent: s,
            lex: Some(&fold_lex[fold(k, train_set.len())]),
            copy_base: 0,
            weight: 1.0,
            partial: main_partial,
        })
        .collect();
    let n_main = jobs.len();
    for (d, a) in cfg.aux.iter().enumerate() {
        for (k, s) in a.sents.iter().enumerate() {
            let lex = if cfg.aux_lexicon { &fold_lex[fold(k, a.sents.len())] } else { &lexicon };
            let copy_base = if augment { ((d + 1) * rows) as u32 } else { 0 };
            jobs.push(Job {
                sent: s,
                lex: Some(lex),
                copy_base,
                weight: a.weight,
                partial: partial_mask(&a.partial, &labels),
            });
        }
    }
    let data = prepare(&jobs, &labels, &triggers, gaz.as_ref(), clusters, bits);
    // Sentences without words are left out by `prepare`: count the main ones that remain.
    let n_main = train_set[..n_main].iter().filter(|s| !s.words.is_empty()).count();
    let dev_jobs: Vec<Job<'_>> =
        dev_set.iter().map(|s| Job { sent: s, lex: Some(&lexicon), copy_base: 0, weight: 1.0, partial: 0 }).collect();
    let dev = prepare(&dev_jobs, &labels, &triggers, gaz.as_ref(), clusters, bits);
    let cells = rows * t;
    let table = if augment { (cfg.aux.len() + 1) * cells } else { cells };
    let members = cfg.ensemble.max(1);
    let mut em: Vec<f32> = Vec::new();
    let mut grad: HashMap<usize, f32> = HashMap::new();
    // Warm start: passes over the auxiliary sets alone, once, shared by every ensemble member.
    let pretrained = (cfg.pretrain_epochs > 0 && data.len() > n_main).then(|| {
        let mut st = State::new(t, table, cfg.adagrad);
        let mut order: Vec<usize> = (n_main..data.len()).filter(|&k| data[k].weight > 0.0).collect();
        let mut rng = cfg.seed ^ 0x9E7A_u64;
        for epoch in 1..=cfg.pretrain_epochs {
            shuffle(&mut order, &mut rng);
            let errors = st.epoch(&data, &order, cfg, &mut em, &mut grad);
            let prf = evaluate(&st.averaged(cells), &dev);
            report(&EpochReport { member: 0, epoch, pretrain: true, train_errors: errors, dev: prf });
        }
        st.averaged_all()
    });
    // Sentences of weight 0 (an auxiliary set that only feeds the lexicon) are never visited.
    let main_order: Vec<usize> = if pretrained.is_some() {
        (0..n_main).collect()
    } else {
        (0..data.len()).filter(|&k| data[k].weight > 0.0).collect()
    };
    let mut sum_w = vec![0f32; cells];
    let mut sum_tr = vec![0f32; (t + 1) * t];
    let mut best_epoch = 0;
    let mut dev_float = Prf::default();
    for member in 0..members {
        let mut st = match &pretrained {
            Some((w, tr)) => State::from_weights(t, w.clone(), tr.clone(), cfg.adagrad),
            None => State::new(t, table, cfg.adagrad),
        };
        let mut order = main_order.clone();
        let mut rng = (cfg.seed.wrapping_add(member as u64 * 0x1000_0000)) ^ 0x5A4D_u64;
        let mut best: Option<(Prf, usize, Vec<f32>, Vec<f32>)> = None;
        for epoch in 1..=cfg.epochs.max(1) {
            shuffle(&mut order, &mut rng);
            let errors = st.epoch(&data, &order, cfg, &mut em, &mut grad);
            let fm = st.averaged(cells);
            let prf = evaluate(&fm, &dev);
            report(&EpochReport { member, epoch, pretrain: false, train_errors: errors, dev: prf });
            if best.as_ref().is_none_or(|b| prf.f1() > b.0.f1()) {
                best = Some((prf, epoch, fm.w, fm.trans));
            }
        }
        let (prf, epoch, bw, btr) = best.unwrap_or((Prf::default(), 0, vec![0.0; cells], vec![0.0; (t + 1) * t]));
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
    let mut tagger =
        Tagger::new(lang, labels, bits, gaz, scale, q, btr, 1.0, lexicon).with_clusters(cfg.clusters.clone());
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
    use crate::nlp::bio::n_tags;

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
    fn auxiliary_sets_mix_pretrain_and_augment() {
        let data = toy();
        let mk = |w: &str, t: &str| Sentence {
            words: w.split(' ').map(String::from).collect(),
            tags: t.split(' ').map(String::from).collect(),
        };
        // The auxiliary set annotates MISC (a currency); the main set has none, so its O tokens are
        // partial labels for MISC.
        let aux = vec![
            mk("دفع مئة دولار في موسكو", "O O B-MISC O B-LOC"),
            mk("قال لافروف إن الدولار ارتفع", "O B-PER O B-MISC O"),
            mk("ارتفع الدولار أمس", "O B-MISC O"),
        ];
        let base = TrainConfig { epochs: 4, seed: 5, bits: 12, ..TrainConfig::default() };
        let plain = train("ar", &data, &data, &base, &mut |_| {});
        assert_eq!(plain.tagger.labels, ["PER", "LOC", "ORG"]);
        for (augment, pretrain) in [(false, 0), (true, 0), (false, 2), (true, 2)] {
            let cfg = TrainConfig {
                aux: vec![AuxSet { sents: aux.clone(), weight: 1.0, partial: Vec::new() }],
                aux_augment: augment,
                pretrain_epochs: pretrain,
                main_partial: vec!["MISC".into()],
                ..base.clone()
            };
            let mut pre = 0;
            let a = train("ar", &data, &data, &cfg, &mut |r| pre += usize::from(r.pretrain));
            let b = train("ar", &data, &data, &cfg, &mut |_| {});
            assert_eq!(a.tagger.weights, b.tagger.weights, "deterministic");
            assert_eq!(pre, pretrain);
            assert_eq!(a.tagger.labels, ["PER", "LOC", "ORG", "MISC"]);
            // Only the shared copy of the features is kept: one table of 2^bits rows.
            assert_eq!(a.tagger.weights.len(), (1 << 12) * n_tags(4));
            assert_eq!(a.dev_tuned.f1(), 1.0, "augment {augment} pretrain {pretrain}");
        }
        // Weight 0 with the lexicon option: the auxiliary entities are only learned as names.
        let cfg = TrainConfig {
            aux: vec![AuxSet { sents: aux.clone(), weight: 0.0, partial: Vec::new() }],
            aux_lexicon: true,
            ..base.clone()
        };
        let lexed = train("ar", &data, &data, &cfg, &mut |_| {});
        assert!(lexed.tagger.lexicon.len() > plain.tagger.lexicon.len());
    }

    #[test]
    fn partial_labels_let_the_main_set_learn_a_label_it_lacks() {
        let mk = |w: &str, t: &str| Sentence {
            words: w.split(' ').map(String::from).collect(),
            tags: t.split(' ').map(String::from).collect(),
        };
        // The main set never annotates the currency: it is O there. Without partial labels the
        // main set teaches "دولار = O" against the auxiliary set; with them it does not.
        let main: Vec<Sentence> = (0..6).map(|_| mk("ارتفع الدولار وقال لافروف", "O O O B-PER")).collect();
        let aux = vec![mk("ارتفع الدولار أمس", "O B-MISC O")];
        let cfg = |partial: Vec<String>| TrainConfig {
            epochs: 3,
            seed: 1,
            bits: 12,
            use_gazetteer: false,
            aux: vec![AuxSet { sents: aux.clone(), weight: 1.0, partial: Vec::new() }],
            main_partial: partial,
            ..TrainConfig::default()
        };
        // Dev follows the auxiliary set's guidelines (currencies are MISC).
        let dev = vec![mk("ارتفع الدولار وقال لافروف", "O B-MISC O B-PER")];
        let words = ["ارتفع", "الدولار", "اليوم"];
        let without = train("ar", &main, &dev, &cfg(Vec::new()), &mut |_| {}).tagger;
        assert!(without.tag(&words).is_empty());
        let with = train("ar", &main, &dev, &cfg(vec!["MISC".into()]), &mut |_| {}).tagger;
        let spans = with.tag(&words);
        assert_eq!(with.labels, ["PER", "MISC"]);
        assert_eq!(spans.iter().map(|s| (s.start, s.end, s.label)).collect::<Vec<_>>(), vec![(1, 2, 1)], "MISC");
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
