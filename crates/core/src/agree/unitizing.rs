//! Krippendorff's alpha for unitizing (uα): agreement on where units of one category lie on a
//! continuum (here: code points), with partial credit for partial overlap.
//!
//! Sources: K. Krippendorff, "On the reliability of unitizing continuous data", Sociological
//! Methodology 25 (1995) 47–76; "Measuring the reliability of qualitative text analysis data",
//! Quality & Quantity 38 (2004) 787–800, and Content Analysis, 2nd ed. (2004), section 11.6. The
//! same computation as DKPro Agreement's `KrippendorffAlphaUnitizingAgreement`, which INCEpTION
//! uses; written here from the formulas (docs/AGREEMENT.md).
//!
//! Each rater's units of the category, with the gaps between them, cut the continuum into
//! *segments*. For a segment `g` of rater `i` and `h` of rater `j` (begin `b`, end `e`, length `l`):
//!
//! - both units, overlapping: `δ² = (b_g - b_h)² + (e_g - e_h)²`;
//! - `g` a unit lying wholly inside the gap `h`: `δ² = l_g²` (and the mirror case);
//! - otherwise `0`.
//!
//! `Do = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m-1) L²)` for `m` raters and a continuum of `L` code points.
//! `De = 2/L · Σ_units [ (N-1)(2l³ - 3l² + l)/3 + l² Σ_{gaps g, l_g ≥ l} (l_g - l + 1) ]
//!        / ( m L (m L - 1) - Σ_units l (l - 1) )`,
//! over the `N` units and all gaps of all raters: the disagreement expected when the same units
//! are placed anywhere they fit. `uα = 1 - Do / De`.
//!
//! Several documents are consecutive *sections* of one continuum: `L` is their total length, units
//! and gaps never cross a section's end (a gap at the end of one document does not join the gap at
//! the start of the next).

use serde::Serialize;

use super::{Score, Undefined};

/// One section of the continuum (one document) for one category: its length in code points and
/// each rater's units as `(start, end)`, end exclusive. Units past `len` are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSection {
    pub len: usize,
    pub units: Vec<Vec<(usize, usize)>>,
}

/// uα for one category (or for all categories together: see [`Unitizing::combine`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Unitizing {
    /// Length of the continuum `L` (code points of the documents compared).
    pub length: usize,
    /// Units compared, all raters together (`N`).
    pub units: usize,
    /// Observed disagreement `Do`.
    pub disagreement_observed: Score,
    /// Expected disagreement `De`.
    pub disagreement_expected: Score,
    pub alpha: Score,
}

impl Unitizing {
    fn undefined(length: usize, units: usize, why: Undefined) -> Unitizing {
        let u = Score::Undefined(why);
        Unitizing { length, units, disagreement_observed: u, disagreement_expected: u, alpha: u }
    }

    /// uα over several categories: `1 - Σ_c Do_c / Σ_c De_c` (Krippendorff 1995; DKPro averages
    /// `Do` and `De` over the categories, which gives the same ratio). Categories without units
    /// add nothing.
    pub fn combine(parts: &[Unitizing]) -> Unitizing {
        let length = parts.iter().map(|p| p.length).max().unwrap_or(0);
        let units = parts.iter().map(|p| p.units).sum();
        let few = parts.iter().find_map(|p| match p.alpha {
            Score::Undefined(u @ (Undefined::FewAnnotators | Undefined::NoItems)) => Some(u),
            _ => None,
        });
        if let Some(why) = few {
            return Unitizing::undefined(length, units, why);
        }
        let d_o: f64 = parts.iter().filter_map(|p| p.disagreement_observed.value()).sum();
        let d_e: f64 = parts.iter().filter_map(|p| p.disagreement_expected.value()).sum();
        if units == 0 {
            return Unitizing::undefined(length, 0, Undefined::NothingMarked);
        }
        let k = parts.iter().filter(|p| p.disagreement_expected.value().is_some()).count().max(1) as f64;
        Unitizing {
            length,
            units,
            disagreement_observed: Score::Value(d_o / k),
            disagreement_expected: Score::Value(d_e / k),
            alpha: match Score::ratio(d_o, d_e, Undefined::NoExpectedDisagreement) {
                Score::Value(r) => Score::Value(1.0 - r),
                other => other,
            },
        }
    }
}

/// Sorts `units` by start, longest first, and drops every unit that overlaps one kept before it:
/// overlapping units of one rater and category are reduced to the earliest longest (as INCEpTION
/// does before computing uα; see docs/AGREEMENT.md for one difference). Returns how many were dropped.
pub fn reduce_overlaps(units: &mut Vec<(usize, usize)>) -> usize {
    crate::sort::sort_by_key(units, |&(s, e)| (s, std::cmp::Reverse(e)));
    let before = units.len();
    let mut reach = 0usize;
    units.retain(|&(s, e)| {
        if s >= e {
            return false;
        }
        // Kept units are disjoint and sorted, so only the last kept one can overlap this one.
        if s >= reach {
            reach = e;
            true
        } else {
            false
        }
    });
    before - units.len()
}

#[derive(Clone, Copy)]
struct Seg {
    start: usize,
    end: usize,
    unit: bool,
}

/// The units (sorted, disjoint, within `0..len`) and the gaps between them.
fn segments(units: &[(usize, usize)], len: usize, out: &mut Vec<Seg>) {
    out.clear();
    let mut at = 0;
    for &(s, e) in units {
        if s > at {
            out.push(Seg { start: at, end: s, unit: false });
        }
        out.push(Seg { start: s, end: e, unit: true });
        at = e;
    }
    if at < len {
        out.push(Seg { start: at, end: len, unit: false });
    }
}

/// `δ²` of two overlapping segments (see the module documentation).
fn delta(g: Seg, h: Seg) -> u128 {
    let sq = |x: usize, y: usize| {
        let d = x.abs_diff(y) as u128;
        d * d
    };
    match (g.unit, h.unit) {
        (true, true) => sq(g.start, h.start) + sq(g.end, h.end),
        (true, false) if h.start <= g.start && g.end <= h.end => sq(g.start, g.end),
        (false, true) if g.start <= h.start && h.end <= g.end => sq(h.start, h.end),
        _ => 0,
    }
}

/// `Σ_g Σ_h δ²(g, h)` over the segments of two raters that overlap (the others give 0). Both
/// segmentations cover the same section, so walking them together meets each overlapping pair once.
fn observed_pair(a: &[Seg], b: &[Seg]) -> u128 {
    let (mut i, mut j, mut sum) = (0, 0, 0u128);
    while i < a.len() && j < b.len() {
        sum += delta(a[i], b[j]);
        let (ea, eb) = (a[i].end, b[j].end);
        if ea <= eb {
            i += 1;
        }
        if eb <= ea {
            j += 1;
        }
    }
    sum
}

/// uα of one category over `sections`, with `raters` raters (every section must list units for
/// each rater; a rater who marked nothing has an empty list). Overlapping units of one rater are
/// first reduced with [`reduce_overlaps`].
pub fn unitizing_alpha(raters: usize, sections: &[UnitSection]) -> Unitizing {
    let length: usize = sections.iter().map(|s| s.len).sum();
    if raters < 2 {
        return Unitizing::undefined(length, 0, Undefined::FewAnnotators);
    }
    if length == 0 {
        return Unitizing::undefined(0, 0, Undefined::NoItems);
    }
    let mut observed: u128 = 0;
    let mut unit_lengths: Vec<u128> = Vec::new();
    let mut gaps: Vec<u128> = Vec::new();
    let mut segs: Vec<Vec<Seg>> = vec![Vec::new(); raters];
    let mut clean: Vec<(usize, usize)> = Vec::new();
    for section in sections {
        for (r, seg) in segs.iter_mut().enumerate() {
            clean.clear();
            if let Some(units) = section.units.get(r) {
                clean.extend(units.iter().copied().filter(|&(s, e)| s < e && e <= section.len));
            }
            reduce_overlaps(&mut clean);
            segments(&clean, section.len, seg);
            for s in seg.iter() {
                let l = (s.end - s.start) as u128;
                if s.unit {
                    unit_lengths.push(l);
                } else {
                    gaps.push(l);
                }
            }
        }
        for a in 0..raters {
            for b in a + 1..raters {
                observed += observed_pair(&segs[a], &segs[b]);
            }
        }
    }
    let n_units = unit_lengths.len();
    if n_units == 0 {
        return Unitizing::undefined(length, 0, Undefined::NothingMarked);
    }
    // Σ_{g ≥ l} (g - l + 1) for every unit length l, from the gaps sorted with suffix sums.
    crate::sort::sort_by(&mut gaps, |x, y| x.cmp(y));
    let mut suffix = vec![0u128; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix[k] = suffix[k + 1] + gaps[k];
    }
    let n = n_units as u128;
    let mut numerator: u128 = 0;
    let mut self_pairs: u128 = 0;
    for &l in &unit_lengths {
        let k = gaps.partition_point(|&g| g < l);
        let fits = suffix[k] - (l - 1) * (gaps.len() - k) as u128;
        // (2l³ - 3l² + l) = l(l-1)(2l-1), a multiple of 6, so the division by 3 is exact.
        numerator += (n - 1) * (l * (l - 1) * (2 * l - 1) / 3) + l * l * fits;
        self_pairs += l * (l - 1);
    }
    let (m, len) = (raters as u128, length as u128);
    let denominator = m * len * (m * len - 1) - self_pairs;
    let d_o = 2.0 * observed as f64 / ((m * (m - 1)) as f64 * (len * len) as f64);
    let d_e = 2.0 * numerator as f64 / (len as f64 * denominator as f64);
    let alpha = if numerator == 0 {
        Score::Undefined(Undefined::NoExpectedDisagreement)
    } else {
        Score::Value(1.0 - d_o / d_e)
    };
    Unitizing {
        length,
        units: n_units,
        disagreement_observed: Score::Value(d_o),
        disagreement_expected: Score::Value(d_e),
        alpha,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distance_follows_krippendorff_2004() {
        // Krippendorff (2004: 252) as checked by DKPro: unit 5..11 against units of another rater.
        let u = |s: usize, l: usize| Seg { start: s, end: s + l, unit: true };
        let g = |s: usize, l: usize| Seg { start: s, end: s + l, unit: false };
        // (5-4)² + (11-6)² = 1 + 25.
        assert_eq!(delta(u(5, 6), u(4, 2)), 26);
        // (5-5)² + (11-7)² = 16; (5-6)² + (11-8)² = 10; (5-7)² + (11-9)² = 8; (5-6)² + (11-10)² = 2.
        assert_eq!(delta(u(5, 6), u(5, 2)), 16);
        assert_eq!(delta(u(5, 6), u(6, 2)), 10);
        assert_eq!(delta(u(5, 6), u(7, 2)), 8);
        assert_eq!(delta(u(5, 6), u(6, 4)), 2);
        assert_eq!(delta(u(5, 6), u(5, 6)), 0);
        // A unit inside a gap costs its squared length; a unit reaching outside the gap costs 0
        // here (it is counted against the other rater's unit it overlaps).
        assert_eq!(delta(u(400, 20), g(400, 50)), 400);
        assert_eq!(delta(g(400, 50), u(400, 20)), 400);
        assert_eq!(delta(u(5, 6), g(4, 7)), 36);
        assert_eq!(delta(u(1, 8), g(3, 1)), 0);
        assert_eq!(delta(g(0, 1), g(0, 2)), 0);
    }

    #[test]
    fn overlapping_units_keep_the_earliest_longest() {
        let mut v = vec![(5, 8), (0, 3), (0, 4), (3, 6), (4, 9), (9, 10), (7, 7)];
        // Sorted: (0,4) (0,3) (3,6) (4,9) (5,8) (7,7) (9,10): (0,4) kept; (0,3), (3,6) overlap it;
        // (4,9) kept; (5,8) overlaps it; (7,7) is empty; (9,10) kept.
        assert_eq!(reduce_overlaps(&mut v), 4);
        assert_eq!(v, vec![(0, 4), (4, 9), (9, 10)]);
    }
}
