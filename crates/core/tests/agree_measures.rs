//! The agreement measures against values computed by hand (the arithmetic is in the comments) and
//! against the worked examples published by Cohen, Fleiss and Krippendorff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::agree::{
    cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal, unitizing_alpha, Score, Undefined, UnitSection, Unitizing,
};

fn close(s: Score, want: f64, tol: f64) {
    match s {
        Score::Value(v) => assert!((v - want).abs() <= tol, "got {v}, want {want} ± {tol}"),
        Score::Undefined(u) => panic!("undefined ({u:?}), want {want}"),
    }
}

fn v(s: Score) -> f64 {
    s.value().unwrap_or_else(|| panic!("undefined: {s:?}"))
}

#[test]
fn cohen_kappa_of_the_textbook_table() {
    // 50 items: both yes 20, a yes b no 5, a no b yes 10, both no 15.
    // po = 35/50 = 0.7; a says yes 25 times, b 30: pe = (25·30 + 25·20) / 50² = 1250/2500 = 0.5;
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    let mut pairs = vec![(1, 1); 20];
    pairs.extend(vec![(1, 0); 5]);
    pairs.extend(vec![(0, 1); 10]);
    pairs.extend(vec![(0, 0); 15]);
    let k = cohen_kappa(pairs);
    assert_eq!(k.items, 50);
    close(k.agreement_observed, 0.7, 1e-15);
    close(k.agreement_expected, 0.5, 1e-15);
    close(k.kappa, 0.4, 1e-15);
}

#[test]
fn cohen_kappa_degenerate_cases() {
    let none = cohen_kappa(Vec::<(u32, u32)>::new());
    assert_eq!((none.items, none.kappa), (0, Score::Undefined(Undefined::NoItems)));
    // One category throughout: po = pe = 1, kappa 0/0.
    let one = cohen_kappa(vec![(0, 0); 7]);
    assert_eq!(one.kappa, Score::Undefined(Undefined::OneCategory));
    assert_eq!((one.agreement_observed, one.agreement_expected), (Score::Value(1.0), Score::Value(1.0)));
    // Identical raters using two categories: kappa 1.
    assert_eq!(cohen_kappa(vec![(0, 0), (1, 1), (1, 1)]).kappa, Score::Value(1.0));
    // a constant, b varied: po = 2/4, pe = (4·2)/16 = 0.5, kappa = 0.
    assert_eq!(cohen_kappa(vec![(0, 0), (0, 0), (0, 1), (0, 1)]).kappa, Score::Value(0.0));
    // Complete disagreement on two balanced categories: po 0, pe 0.5, kappa -1.
    assert_eq!(cohen_kappa(vec![(0, 1), (1, 0)]).kappa, Score::Value(-1.0));
}

#[test]
fn fleiss_kappa_by_hand() {
    // 3 raters, item 1 [0,0,0], item 2 [0,0,1]. P_1 = (9 - 3)/6 = 1, P_2 = (4 + 1 - 3)/6 = 1/3,
    // P̄ = 2/3; p_0 = 5/6, p_1 = 1/6, P̄e = 25/36 + 1/36 = 13/18;
    // kappa = (2/3 - 13/18) / (1 - 13/18) = (-1/18) / (5/18) = -0.2.
    let k = fleiss_kappa(&[0, 0, 0, 0, 0, 1], 3);
    assert_eq!(k.items, 2);
    close(k.agreement_observed, 2.0 / 3.0, 1e-15);
    close(k.agreement_expected, 13.0 / 18.0, 1e-15);
    close(k.kappa, -0.2, 1e-15);
}

#[test]
fn fleiss_kappa_of_fleiss_example() {
    // The 10 subjects, 14 raters, 5 categories example (Fleiss 1971, as tabulated in the
    // Wikipedia article "Fleiss' kappa"): P̄ = 172/455 ≈ 0.378, P̄e = 417/1960 ≈ 0.213,
    // kappa = 4211/20059 ≈ 0.210.
    let counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ];
    let mut values = Vec::new();
    for row in counts {
        for (cat, &n) in row.iter().enumerate() {
            values.extend(std::iter::repeat_n(cat as u32, n));
        }
    }
    let k = fleiss_kappa(&values, 14);
    assert_eq!(k.items, 10);
    close(k.agreement_observed, 172.0 / 455.0, 1e-15);
    close(k.agreement_expected, 417.0 / 1960.0, 1e-15);
    close(k.kappa, 4211.0 / 20059.0, 1e-15);
    close(k.kappa, 0.210, 0.0005);
}

#[test]
fn fleiss_kappa_degenerate_cases() {
    assert_eq!(fleiss_kappa(&[], 3).kappa, Score::Undefined(Undefined::NoItems));
    assert_eq!(fleiss_kappa(&[0, 1], 1).kappa, Score::Undefined(Undefined::FewAnnotators));
    assert_eq!(fleiss_kappa(&[2, 2, 2, 2, 2, 2], 3).kappa, Score::Undefined(Undefined::OneCategory));
    assert_eq!(fleiss_kappa(&[0, 0, 0, 1, 1, 1], 3).kappa, Score::Value(1.0));
    // With two raters Fleiss' kappa is Scott's pi: [0,1] [1,0]: P̄ = 0, P̄e = 1/2, kappa = -1.
    assert_eq!(fleiss_kappa(&[0, 1, 1, 0], 2).kappa, Score::Value(-1.0));
}

#[test]
fn nominal_alpha_by_hand() {
    // Items (0,0), (0,1), (1,1), and (1, missing), which cannot be paired and is left out.
    // Matching coincidences: 2 + 0 + 2 = 4 of n = 6 values; n_0 = n_1 = 3.
    // Do = (6 - 4)/6 = 1/3; De = (36 - 18)/(6·5) = 0.6; alpha = 1 - (1/3)/0.6 = 4/9.
    let a = krippendorff_alpha_nominal(&[Some(0), Some(0), Some(0), Some(1), Some(1), Some(1), Some(1), None], 2);
    assert_eq!((a.items, a.values), (3, 6));
    close(a.disagreement_observed, 1.0 / 3.0, 1e-15);
    close(a.disagreement_expected, 0.6, 1e-15);
    close(a.alpha, 4.0 / 9.0, 1e-15);
}

#[test]
fn nominal_alpha_of_krippendorffs_example() {
    // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the 4 observers × 12 units
    // example with missing values; published nominal alpha 0.743. By hand: 40 pairable values,
    // matching coincidences Σ o_cc = 32, n_c = 9, 13, 10, 5, 3 (Σ n_c² = 384):
    // Do = 8/40 = 1/5, De = (1600 - 384)/(40·39) = 152/195, alpha = 1 - 195/760 = 113/152.
    let n = None;
    let s = Some;
    let by_observer = [
        [s(1), s(2), s(3), s(3), s(2), s(1), s(4), s(1), s(2), n, n, n],
        [s(1), s(2), s(3), s(3), s(2), s(2), s(4), s(1), s(2), s(5), n, s(3)],
        [n, s(3), s(3), s(3), s(2), s(3), s(4), s(2), s(2), s(5), s(1), n],
        [s(1), s(2), s(3), s(3), s(2), s(4), s(4), s(1), s(2), s(5), s(1), n],
    ];
    let mut values = Vec::new();
    for unit in 0..12 {
        for obs in &by_observer {
            values.push(obs[unit]);
        }
    }
    let a = krippendorff_alpha_nominal(&values, 4);
    assert_eq!((a.items, a.values), (11, 40));
    close(a.disagreement_observed, 0.2, 1e-15);
    close(a.disagreement_expected, 152.0 / 195.0, 1e-15);
    close(a.alpha, 113.0 / 152.0, 1e-15);
    close(a.alpha, 0.743, 0.0005);
}

#[test]
fn nominal_alpha_degenerate_cases() {
    assert_eq!(
        krippendorff_alpha_nominal(&[Some(1), None, None, Some(2)], 2).alpha,
        Score::Undefined(Undefined::NoItems)
    );
    assert_eq!(krippendorff_alpha_nominal(&[Some(1), Some(1)], 2).alpha, Score::Undefined(Undefined::OneCategory));
    assert_eq!(krippendorff_alpha_nominal(&[Some(1), Some(1), Some(2), Some(2)], 2).alpha, Score::Value(1.0));
    assert_eq!(krippendorff_alpha_nominal(&[Some(1)], 1).alpha, Score::Undefined(Undefined::FewAnnotators));
}

fn section(len: usize, units: &[&[(usize, usize)]]) -> UnitSection {
    UnitSection { len, units: units.iter().map(|u| u.to_vec()).collect() }
}

#[test]
fn unitizing_alpha_by_hand() {
    // L = 10, rater a: 2..5, rater b: 3..5.
    // Observed: the two units overlap: (2-3)² + (5-5)² = 1; neither lies inside a gap of the other.
    // Do = 2·1 / (2·1·10²) = 0.01.
    // Expected: units of length 3 and 2 (N = 2); gaps a: 2, 5; b: 3, 5.
    //   l = 3: (N-1)(2·27 - 3·9 + 3)/3 = 10; gaps ≥ 3: 5, 3, 5 → 3 + 1 + 3 = 7, × 9 = 63; 73.
    //   l = 2: (2·8 - 3·4 + 2)/3 = 2; gaps ≥ 2: 2, 5, 3, 5 → 1 + 4 + 2 + 4 = 11, × 4 = 44; 46.
    //   De = 2/10 · 119 / (20·19 - (3·2 + 2·1)) = 23.8 / 372.
    // alpha = 1 - 0.01 / (23.8/372) = 1 - 3.72/23.8 = 0.843697...
    let u = unitizing_alpha(2, &[section(10, &[&[(2, 5)], &[(3, 5)]])]);
    assert_eq!((u.length, u.units), (10, 2));
    close(u.disagreement_observed, 0.01, 1e-15);
    close(u.disagreement_expected, 23.8 / 372.0, 1e-15);
    close(u.alpha, 1.0 - 3.72 / 23.8, 1e-12);
}

#[test]
fn unitizing_alpha_degenerate_cases() {
    // Identical raters: Do = 0, alpha 1.
    let same = unitizing_alpha(2, &[section(10, &[&[(2, 5)], &[(2, 5)]])]);
    assert_eq!(same.disagreement_observed, Score::Value(0.0));
    assert_eq!(same.alpha, Score::Value(1.0));
    // No unit at all: undefined, not 1 and not NaN.
    assert_eq!(unitizing_alpha(2, &[section(10, &[&[], &[]])]).alpha, Score::Undefined(Undefined::NothingMarked));
    assert_eq!(unitizing_alpha(1, &[section(10, &[&[(2, 5)]])]).alpha, Score::Undefined(Undefined::FewAnnotators));
    assert_eq!(unitizing_alpha(2, &[]).alpha, Score::Undefined(Undefined::NoItems));
    // The whole one-code-point continuum marked by both: no unit could lie elsewhere, De = 0.
    let whole = unitizing_alpha(2, &[section(1, &[&[(0, 1)], &[(0, 1)]])]);
    assert_eq!(whole.alpha, Score::Undefined(Undefined::NoExpectedDisagreement));
    // One rater marks a unit the other does not: the unit lies in the other's gap (observed
    // 2·3² / (2·10²) = 0.09); expected with N = 1 and gaps 2, 5 (a) and 10 (b):
    // 9·((5-3+1) + (10-3+1)) = 99; De = 2/10 · 99 / (20·19 - 6) = 19.8/374; alpha = 1 - 0.09·374/19.8.
    let one = unitizing_alpha(2, &[section(10, &[&[(2, 5)], &[]])]);
    close(one.alpha, 1.0 - 0.09 * 374.0 / 19.8, 1e-12);
    // Units past the end of a section are ignored, overlapping ones reduced.
    let messy = unitizing_alpha(2, &[section(10, &[&[(2, 5), (3, 4), (8, 12)], &[(3, 5)]])]);
    assert_eq!(messy, unitizing_alpha(2, &[section(10, &[&[(2, 5)], &[(3, 5)]])]));
}

#[test]
fn unitizing_alpha_sections_do_not_join_gaps() {
    // Two documents of length 5 with the same units as one of length 10 cut in two: the gap
    // 5..10 of b (one document) differs from gaps 0..5 + 0..5 (two), so De differs; Do is the same
    // sum over the same L.
    let one = unitizing_alpha(2, &[section(10, &[&[(0, 2), (5, 7)], &[(0, 2)]])]);
    let two = unitizing_alpha(2, &[section(5, &[&[(0, 2)], &[(0, 2)]]), section(5, &[&[(0, 2)], &[]])]);
    assert_eq!(one.length, two.length);
    assert_eq!(one.disagreement_observed, two.disagreement_observed);
    assert_ne!(one.disagreement_expected, two.disagreement_expected);
}

/// Krippendorff (2004), Content Analysis, 2nd ed., p. 254 (the example DKPro Agreement tests in
/// `Krippendorff2004Test`): a continuum from 150 to 450, two observers, categories c and k.
fn krippendorff_2004() -> (Vec<UnitSection>, Vec<UnitSection>) {
    let shift =
        |v: &[(usize, usize)]| -> Vec<(usize, usize)> { v.iter().map(|&(b, l)| (b - 150, b - 150 + l)).collect() };
    let c = UnitSection {
        len: 300,
        units: vec![shift(&[(225, 70), (370, 30)]), shift(&[(220, 80), (355, 20), (400, 20)])],
    };
    let k = UnitSection { len: 300, units: vec![shift(&[(180, 60), (300, 50)]), shift(&[(180, 60), (300, 50)])] };
    (vec![c], vec![k])
}

#[test]
fn unitizing_alpha_of_krippendorff_2004() {
    let (c, k) = krippendorff_2004();
    let uc = unitizing_alpha(2, &c);
    let uk = unitizing_alpha(2, &k);
    // Published: c: Do = 0.0144, De = 0.0532, alpha = 0.7286; k: Do = 0, De = 0.0490, alpha = 1.
    close(uc.disagreement_observed, 0.0144, 0.00005);
    close(uc.disagreement_expected, 0.0532, 0.00005);
    close(uc.alpha, 0.7286, 0.00005);
    close(uk.disagreement_observed, 0.0, 0.0);
    close(uk.disagreement_expected, 0.0490, 0.00005);
    close(uk.alpha, 1.0, 0.0);
    // Both categories: 0.8591 as published (0.85867 here; DKPro's own test allows ±0.0005).
    let both = Unitizing::combine(&[uc, uk]);
    close(both.alpha, 0.8591, 0.0005);
    // Observed c by hand: c-units of i 75..145, 220..250; of j 70..150, 205..225, 250..270.
    // 75..145 × 70..150: 5² + 5² = 50; 220..250 × 205..225: 15² + 25² = 850; j's 250..270 inside
    // i's gap 250..300: 20² = 400. Σ = 1300; Do = 2·1300 / (2·1·300²) = 0.014444...
    close(uc.disagreement_observed, 1300.0 / 90000.0, 1e-15);
}

/// Krippendorff (1995: 57): two coders on a continuum of 24, four categories A to D, each scaled
/// by `stretch` (the paper's expected disagreements hold for a continuous scale: large stretch).
fn krippendorff_1995(stretch: usize) -> Vec<(char, UnitSection)> {
    let s = |v: &[(usize, usize)]| -> Vec<(usize, usize)> {
        v.iter().map(|&(b, l)| (b * stretch, (b + l) * stretch)).collect()
    };
    let len = 24 * stretch;
    vec![
        ('A', UnitSection { len, units: vec![s(&[(2, 8), (14, 6)]), s(&[(4, 4), (15, 2)])] }),
        (
            'B',
            UnitSection {
                len,
                units: vec![s(&[(0, 18)]), s(&[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)])],
            },
        ),
        (
            'C',
            UnitSection {
                len,
                units: vec![s(&[(2, 6), (10, 2), (14, 4), (20, 2)]), s(&[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)])],
            },
        ),
        (
            'D',
            UnitSection {
                len,
                units: vec![
                    s(&[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)]),
                    s(&[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]),
                ],
            },
        ),
    ]
}

#[test]
fn unitizing_alpha_of_krippendorff_1995() {
    // Observed disagreements at the paper's scale: A 0.03125 (by hand: 2..10 × 4..8: 2² + 2² = 8,
    // 14..20 × 15..17: 1² + 3² = 10; Do = 2·18 / (2·24²) = 0.03125), B 2.26736, C 0.02777, D 0.38715.
    let want_do = [('A', 0.03125), ('B', 2.26736), ('C', 0.02777), ('D', 0.38715)];
    for ((_, sec), (_, d_o)) in krippendorff_1995(1).into_iter().zip(want_do) {
        close(unitizing_alpha(2, &[sec]).disagreement_observed, d_o, 0.00001);
    }
    // Alphas on a continuous scale (stretch 1000): published A 0.553, B -0.926, C 0.679, D 0.066.
    // DKPro notes a small error in the paper's expected disagreement (C comes out 0.693 from the
    // formula); its tests allow ±0.02, as here.
    let want = [('A', 0.553), ('B', -0.926), ('C', 0.679), ('D', 0.066)];
    for ((cat, sec), (_, a)) in krippendorff_1995(1000).into_iter().zip(want) {
        let u = unitizing_alpha(2, &[sec]);
        assert!((v(u.alpha) - a).abs() <= 0.02, "{cat}: {:?} against {a}", u.alpha);
    }
}
