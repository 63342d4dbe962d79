//! Span-level agreement: one annotator's spans against another's, exact and by overlap.
//!
//! Exact: same start, end and label (each span matched at most once). Overlap: spans with the same
//! label that share at least one code point, matched one to one so that as many as possible are
//! matched (a maximum bipartite matching; identical spans are paired first). The number matched
//! does not depend on which annotator is the reference, so F1 is symmetric; precision and recall
//! swap.

use serde::Serialize;

use super::{Score, Undefined};

/// Precision, recall and F1 of the `compared` annotator's spans against the `reference`'s.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Spans matched (one to one).
    pub matched: usize,
    /// The reference annotator's spans.
    pub reference: usize,
    /// The compared annotator's spans.
    pub compared: usize,
    /// `matched / compared`.
    pub precision: Score,
    /// `matched / reference`.
    pub recall: Score,
    /// `2 matched / (reference + compared)`: the harmonic mean of precision and recall, and 0 when
    /// only one side marked anything.
    pub f1: Score,
}

impl Prf {
    pub fn new(matched: usize, reference: usize, compared: usize) -> Prf {
        let why = Undefined::NothingMarked;
        Prf {
            matched,
            reference,
            compared,
            precision: Score::ratio(matched as f64, compared as f64, why),
            recall: Score::ratio(matched as f64, reference as f64, why),
            f1: Score::ratio(2.0 * matched as f64, (reference + compared) as f64, why),
        }
    }

    /// Adds counts (micro-averaging).
    pub fn plus(self, o: Prf) -> Prf {
        Prf::new(self.matched + o.matched, self.reference + o.reference, self.compared + o.compared)
    }
}

impl Default for Prf {
    fn default() -> Prf {
        Prf::new(0, 0, 0)
    }
}

/// How many of `a` and `b` (sorted or not) are equal, each matched at most once.
pub(crate) fn exact_matches<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    crate::sort::sort_by(&mut a, |x, y| x.cmp(y));
    crate::sort::sort_by(&mut b, |x, y| x.cmp(y));
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// For each range of `a`, the ranges of `b` overlapping it, best first: identical, then the
/// largest overlap, then the closest length, then the earliest.
fn overlaps(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..b.len()).collect();
    crate::sort::sort_by_key(&mut order, |&k| b[k]);
    // reach[t]: the largest end among the first t + 1 ranges by start.
    let mut reach = Vec::with_capacity(order.len());
    let mut m = 0;
    for &k in &order {
        m = m.max(b[k].1);
        reach.push(m);
    }
    a.iter()
        .map(|&(s, e)| {
            let mut adj = Vec::new();
            let mut t = order.partition_point(|&k| b[k].0 < e);
            while t > 0 && reach[t - 1] > s {
                t -= 1;
                let k = order[t];
                if b[k].1 > s {
                    adj.push(k);
                }
            }
            crate::sort::sort_by_key(&mut adj, |&k| {
                let (bs, be) = b[k];
                let shared = be.min(e) - bs.max(s);
                ((bs, be) != (s, e), std::cmp::Reverse(shared), (be - bs).abs_diff(e - s), k)
            });
            adj
        })
        .collect()
}

/// Tries to match left vertex `u0` by an augmenting path (Kuhn's algorithm, without recursion).
fn augment(
    u0: usize,
    adj: &[Vec<usize>],
    match_l: &mut [Option<usize>],
    match_r: &mut [Option<usize>],
    seen: &mut [usize],
    stamp: usize,
) -> bool {
    // Frame k holds a left vertex and the next edge to try; path[k] is the right vertex that
    // frame k tries now (and that led to frame k + 1).
    let mut stack: Vec<(usize, usize)> = vec![(u0, 0)];
    let mut path: Vec<usize> = Vec::new();
    while let Some(top) = stack.last_mut() {
        let (u, pos) = *top;
        let Some(&v) = adj[u].get(pos) else {
            stack.pop();
            path.pop();
            continue;
        };
        top.1 += 1;
        if seen[v] == stamp {
            continue;
        }
        seen[v] = stamp;
        path.push(v);
        match match_r[v] {
            None => {
                for (&(uu, _), &vv) in stack.iter().zip(&path) {
                    match_l[uu] = Some(vv);
                    match_r[vv] = Some(uu);
                }
                return true;
            }
            Some(w) => stack.push((w, 0)),
        }
    }
    false
}

/// A largest one-to-one matching between ranges of `a` and ranges of `b` that overlap, as
/// `(index in a, index in b)` pairs in the order of `a`. Identical ranges are paired first where
/// that keeps the matching largest.
pub fn overlap_matching(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let adj = overlaps(a, b);
    let mut match_l: Vec<Option<usize>> = vec![None; a.len()];
    let mut match_r: Vec<Option<usize>> = vec![None; b.len()];
    // Greedy start: each range takes its best free partner.
    for (u, edges) in adj.iter().enumerate() {
        if let Some(&v) = edges.iter().find(|&&v| match_r[v].is_none()) {
            match_l[u] = Some(v);
            match_r[v] = Some(u);
        }
    }
    let mut seen = vec![0usize; b.len()];
    for u in 0..a.len() {
        if match_l[u].is_none() && !adj[u].is_empty() {
            augment(u, &adj, &mut match_l, &mut match_r, &mut seen, u + 1);
        }
    }
    match_l.iter().enumerate().filter_map(|(u, v)| v.map(|v| (u, v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_matches_count_each_span_once() {
        assert_eq!(exact_matches(&[(0, 3, 1), (0, 3, 1), (4, 5, 2)], &[(0, 3, 1), (4, 5, 1)]), 1);
        assert_eq!(exact_matches::<(usize, usize)>(&[], &[(0, 1)]), 0);
    }

    #[test]
    fn overlap_matching_is_largest_and_prefers_identical_ranges() {
        // a0 = 0..10 overlaps b0 = 0..10 and b1 = 8..12; a1 = 9..11 overlaps only b0 and b1, a2
        // overlaps nothing. Greedy: a0-b0 (identical), a1-b1. Both matched.
        let a = [(0, 10), (9, 11), (20, 21)];
        let b = [(0, 10), (8, 12)];
        assert_eq!(overlap_matching(&a, &b), vec![(0, 0), (1, 1)]);
        // a0 = 0..10 shares one code point with b0 = 5..6 and one with b1 = 9..12; b1 is closer in
        // length (|3 - 10| = 7 against |1 - 10| = 9), so a0 takes b1, and a1 = 5..6 takes b0.
        let a = [(0, 10), (5, 6)];
        let b = [(5, 6), (9, 12)];
        assert_eq!(overlap_matching(&a, &b), vec![(0, 1), (1, 0)]);
        // A case the greedy start gets wrong, fixed by an augmenting path: a0 takes b0 (identical),
        // a1 = 0..3 overlaps only b0 = 2..5. Re-routing a0 to b1 = 4..6 matches both.
        let a = [(2, 5), (0, 3)];
        let b = [(2, 5), (4, 6)];
        assert_eq!(overlap_matching(&a, &b), vec![(0, 1), (1, 0)]);
        // The count is the same whichever side is the reference.
        assert_eq!(overlap_matching(&b, &a).len(), 2);
    }

    #[test]
    fn prf_is_undefined_only_as_zero_over_zero() {
        let p = Prf::new(2, 4, 3);
        assert_eq!((p.precision, p.recall), (Score::Value(2.0 / 3.0), Score::Value(0.5)));
        // 2·2 / (4 + 3) = 4/7.
        assert_eq!(p.f1, Score::Value(4.0 / 7.0));
        let one_sided = Prf::new(0, 0, 3);
        assert_eq!(one_sided.precision, Score::Value(0.0));
        assert_eq!(one_sided.recall, Score::Undefined(Undefined::NothingMarked));
        assert_eq!(one_sided.f1, Score::Value(0.0));
        assert_eq!(Prf::default().f1, Score::Undefined(Undefined::NothingMarked));
    }
}
