//! Decoding: feature rows of a sentence, Viterbi under the IOB2 constraints of [`crate::nlp::bio`]
//! with max-marginal margins, and span confidences from those margins. Any [`Scorer`] decodes: the
//! shipped quantised [`super::Tagger`], a tagger with an online [`super::Delta`], or training's float
//! weights.

use crate::nlp::bio::{allowed, spans_from_tags};
use crate::nlp::features::features_at;
use crate::nlp::tokinfo::TokInfo;

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

/// The spans of a decoded tag sequence, each with the [`confidence`] of its tokens' margins.
pub fn spans_with_confidence(tags: &[usize], margins: &[f32], temp: f32) -> Vec<TokSpan> {
    spans_from_tags(tags)
        .into_iter()
        .map(|(s, e, l)| TokSpan { start: s, end: e, label: l, confidence: confidence(&margins[s..e], temp) })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

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
}
