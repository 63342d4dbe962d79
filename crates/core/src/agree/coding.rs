//! Coding measures: each item (here, a token) gets one category from each rater.
//!
//! - Cohen's kappa (Cohen 1960) for two raters;
//! - Fleiss' kappa (Fleiss 1971) for any number of raters who all rated every item;
//! - Krippendorff's alpha, nominal (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"),
//!   for any number of raters with missing ratings.
//!
//! Categories are `u32` codes; what they mean is the caller's business. Sums of counts are kept in
//! integers and divided once, so that values are as exact as `f64` allows.

use serde::Serialize;

use super::{Score, Undefined};

/// A kappa: observed and chance (expected) agreement, and `(po - pe) / (1 - pe)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Kappa {
    /// Items rated (by both raters for Cohen's, by all for Fleiss').
    pub items: usize,
    /// Observed agreement `po` (Fleiss: the mean agreement per item, `P̄`).
    pub agreement_observed: Score,
    /// Agreement expected by chance `pe` (Fleiss: `P̄e`).
    pub agreement_expected: Score,
    pub kappa: Score,
}

impl Kappa {
    fn undefined(items: usize, why: Undefined) -> Kappa {
        let u = Score::Undefined(why);
        Kappa { items, agreement_observed: u, agreement_expected: u, kappa: u }
    }
}

/// Krippendorff's alpha: observed and expected disagreement, and `1 - Do / De`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Alpha {
    /// Items with at least two ratings (the others cannot be paired and are left out).
    pub items: usize,
    /// Ratings in those items (`n`, the number of pairable values).
    pub values: usize,
    /// Observed disagreement `Do`.
    pub disagreement_observed: Score,
    /// Expected disagreement `De`.
    pub disagreement_expected: Score,
    pub alpha: Score,
}

impl Alpha {
    fn undefined(items: usize, values: usize, why: Undefined) -> Alpha {
        let u = Score::Undefined(why);
        Alpha { items, values, disagreement_observed: u, disagreement_expected: u, alpha: u }
    }
}

/// Counts of each category, as a short list (categories are few).
#[derive(Default)]
struct Tally(Vec<(u32, [u64; 2])>);

impl Tally {
    fn add(&mut self, c: u32, side: usize, n: u64) {
        match self.0.iter_mut().find(|(k, _)| *k == c) {
            Some((_, v)) => v[side] += n,
            None => {
                let mut v = [0, 0];
                v[side] = n;
                self.0.push((c, v));
            }
        }
    }
}

/// Cohen's kappa of two raters over `pairs` (one `(a, b)` per item).
///
/// `po = agreements / N`, `pe = Σ_k (a_k / N)(b_k / N)` where `a_k`, `b_k` count the items each
/// rater put in category `k`; `kappa = (po - pe) / (1 - pe)`, computed as
/// `(agreements·N - Σ a_k b_k) / (N² - Σ a_k b_k)`. Undefined with no items, or when `pe = 1`
/// (both raters used one and the same category throughout).
pub fn cohen_kappa(pairs: impl IntoIterator<Item = (u32, u32)>) -> Kappa {
    let mut tally = Tally::default();
    let (mut n, mut agree) = (0u64, 0u64);
    for (a, b) in pairs {
        n += 1;
        agree += u64::from(a == b);
        tally.add(a, 0, 1);
        tally.add(b, 1, 1);
    }
    if n == 0 {
        return Kappa::undefined(0, Undefined::NoItems);
    }
    let chance: u128 = tally.0.iter().map(|(_, [x, y])| u128::from(*x) * u128::from(*y)).sum();
    let nn = u128::from(n) * u128::from(n);
    let po = agree as f64 / n as f64;
    let pe = chance as f64 / nn as f64;
    let kappa = if chance == nn {
        Score::Undefined(Undefined::OneCategory)
    } else {
        let num = i128::try_from(u128::from(agree) * u128::from(n)).unwrap_or(i128::MAX) - chance as i128;
        Score::Value(num as f64 / (nn - chance) as f64)
    };
    Kappa { items: n as usize, agreement_observed: Score::Value(po), agreement_expected: Score::Value(pe), kappa }
}

/// Fleiss' kappa over items rated by `raters` raters each: `values` holds the items one after the
/// other, `raters` categories each.
///
/// With `N` items, `n` raters and `n_ij` the raters who put item `i` in category `j`:
/// `P_i = (Σ_j n_ij² - n) / (n(n-1))`, `P̄ = mean P_i`, `p_j = Σ_i n_ij / (N n)`, `P̄e = Σ_j p_j²`,
/// `kappa = (P̄ - P̄e) / (1 - P̄e)`. With two raters it is Scott's pi. Undefined with fewer than two
/// raters, no items, or one category throughout (`P̄e = 1`).
pub fn fleiss_kappa(values: &[u32], raters: usize) -> Kappa {
    if raters < 2 {
        return Kappa::undefined(0, Undefined::FewAnnotators);
    }
    let items = values.len() / raters;
    if items == 0 {
        return Kappa::undefined(0, Undefined::NoItems);
    }
    let mut totals = Tally::default();
    let mut squares: u128 = 0;
    let mut row = Tally::default();
    for item in values.chunks_exact(raters) {
        row.0.clear();
        for &c in item {
            row.add(c, 0, 1);
        }
        for &(c, [k, _]) in &row.0 {
            squares += u128::from(k) * u128::from(k);
            totals.add(c, 0, k);
        }
    }
    // P̄ = S / A and P̄e = T / M, with S = ΣΣ n_ij² - N n, A = N n (n-1), T = Σ_j (N p_j)² n², M = (N n)².
    let (nu, ni) = (raters as u128, items as u128);
    let s = squares - ni * nu;
    let a = ni * nu * (nu - 1);
    let t: u128 = totals.0.iter().map(|(_, [x, _])| u128::from(*x) * u128::from(*x)).sum();
    let m = (ni * nu) * (ni * nu);
    let p_bar = s as f64 / a as f64;
    let pe_bar = t as f64 / m as f64;
    let kappa = if t == m {
        Score::Undefined(Undefined::OneCategory)
    } else {
        // (S/A - T/M) / (1 - T/M) = (S M - T A) / (A (M - T)).
        let num = (s as f64) * (m as f64) - (t as f64) * (a as f64);
        Score::Value(num / ((a as f64) * ((m - t) as f64)))
    };
    Kappa { items, agreement_observed: Score::Value(p_bar), agreement_expected: Score::Value(pe_bar), kappa }
}

/// Krippendorff's alpha for nominal data: `values` holds the items one after the other, one
/// rating (or `None`, missing) per rater each.
///
/// Items with fewer than two ratings are left out. Coincidences: each item `u` with `m_u` ratings
/// contributes `n_uc (n_uc - 1) / (m_u - 1)` matching pairs to category `c` (`o_cc`); `n_c` counts
/// the pairable ratings of `c`, `n = Σ n_c`. `Do = (n - Σ_c o_cc) / n`,
/// `De = (n² - Σ_c n_c²) / (n (n - 1))`, `alpha = 1 - Do / De`. Undefined with no pairable item,
/// or one category throughout (`De = 0`).
pub fn krippendorff_alpha_nominal(values: &[Option<u32>], raters: usize) -> Alpha {
    if raters < 2 {
        return Alpha::undefined(0, 0, Undefined::FewAnnotators);
    }
    let mut totals = Tally::default();
    let (mut items, mut n) = (0usize, 0u64);
    let mut matching = 0.0f64;
    let mut row = Tally::default();
    for item in values.chunks_exact(raters) {
        row.0.clear();
        let mut m_u = 0u64;
        for &c in item.iter().flatten() {
            row.add(c, 0, 1);
            m_u += 1;
        }
        if m_u < 2 {
            continue;
        }
        items += 1;
        n += m_u;
        let mut same: u64 = 0;
        for &(c, [k, _]) in &row.0 {
            same += k * (k - 1);
            totals.add(c, 0, k);
        }
        matching += same as f64 / (m_u - 1) as f64;
    }
    if n == 0 {
        return Alpha::undefined(0, 0, Undefined::NoItems);
    }
    let sq: u128 = totals.0.iter().map(|(_, [x, _])| u128::from(*x) * u128::from(*x)).sum();
    let nn = u128::from(n) * u128::from(n);
    let d_o = (n as f64 - matching) / n as f64;
    let d_e_num = nn - sq;
    let d_e = d_e_num as f64 / (n as f64 * (n as f64 - 1.0));
    let alpha = if d_e_num == 0 {
        Score::Undefined(Undefined::OneCategory)
    } else {
        // 1 - Do/De = 1 - (n - 1)(n - Σ o_cc) / (n² - Σ n_c²).
        Score::Value(1.0 - (n as f64 - 1.0) * (n as f64 - matching) / d_e_num as f64)
    };
    Alpha {
        items,
        values: n as usize,
        disagreement_observed: Score::Value(d_o),
        disagreement_expected: Score::Value(d_e),
        alpha,
    }
}
