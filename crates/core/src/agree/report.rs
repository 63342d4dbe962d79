//! The agreement report: every measure per pair of annotators and for the group, overall and per
//! label, the quotes, and the documents ranked by disagreement.

use serde::Serialize;

use super::coding::{cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal, Alpha, Kappa};
use super::merge::{disagreements, Strategy};
use super::spans::{exact_matches, overlap_matching, Prf};
use super::study::{DocGroup, Issue, Study};
use super::tokens::{bio_tags, tag_name, Tag};
use super::unitizing::{reduce_overlaps, unitizing_alpha, UnitSection, Unitizing};
use super::{Score, Undefined};
use crate::model::QuoteKind;

/// Everything [`agreement`] computes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub annotators: Vec<String>,
    pub labels: Vec<String>,
    /// Documents in the study (each distinct text once).
    pub documents_total: usize,
    /// Documents every annotator has.
    pub documents_shared: usize,
    /// One entry per pair of annotators `(a, b)`, `a` before `b` in the study's order.
    pub pairs: Vec<PairReport>,
    pub group: GroupReport,
    /// Documents, the most disagreed first.
    pub documents: Vec<DocReport>,
    pub issues: Vec<Issue>,
}

/// Two annotators over the documents they both have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairReport {
    /// The reference of P/R (`a`) and the annotator compared (`b`).
    pub a: String,
    pub b: String,
    pub documents: usize,
    pub tokens: usize,
    pub overall: PairMeasures,
    pub labels: Vec<LabelPair>,
    pub quotes: QuoteAgreement,
}

/// The measures of one pair, overall or for one label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairMeasures {
    /// Spans with the same start, end and label.
    pub exact: Prf,
    /// Spans of the same label sharing a code point, matched one to one.
    pub overlap: Prf,
    /// Cohen's kappa on the tokens' BIO tags.
    pub cohen: Kappa,
    /// Krippendorff's alpha (nominal) on the same tokens.
    pub alpha_nominal: Alpha,
    /// Krippendorff's alpha for unitizing on code points.
    pub alpha_unitizing: Unitizing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelPair {
    pub label: String,
    #[serde(flatten)]
    pub measures: PairMeasures,
}

/// Quote agreement of a pair: quote ranges (kinds aside), then on the quotes matched by overlap,
/// their speakers and kinds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuoteAgreement {
    pub exact: Prf,
    pub overlap: Prf,
    /// Matched quotes whose speakers agree: both without a speaker, or speaker ranges overlapping.
    pub speaker: Ratio,
    /// Matched quotes of the same kind (direct, indirect, mixed).
    pub kind: Ratio,
}

/// `agree / total`, undefined with nothing to count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    pub agree: usize,
    pub total: usize,
    pub value: Score,
}

impl Ratio {
    pub fn new(agree: usize, total: usize) -> Ratio {
        Ratio { agree, total, value: Score::ratio(agree as f64, total as f64, Undefined::NoItems) }
    }
}

/// All annotators together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    pub overall: GroupMeasures,
    pub labels: Vec<LabelGroup>,
    pub quotes: QuoteGroup,
}

/// The group's measures, overall or for one label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupMeasures {
    /// Mean over the pairs of the exact span F1.
    pub f1_exact: Score,
    /// Mean over the pairs of the overlap span F1.
    pub f1_overlap: Score,
    /// Mean over the pairs of Cohen's kappa (Light's kappa).
    pub cohen_mean: Score,
    /// Fleiss' kappa on the tokens of the documents every annotator has.
    pub fleiss: Kappa,
    /// Krippendorff's alpha (nominal) on every token at least two annotators tagged.
    pub alpha_nominal: Alpha,
    /// Unitizing alpha over the documents every annotator has.
    pub alpha_unitizing: Unitizing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelGroup {
    pub label: String,
    /// Spans of this label per annotator (in the study's order), over all their documents.
    pub spans: Vec<usize>,
    #[serde(flatten)]
    pub measures: GroupMeasures,
}

/// The group's quote agreement: mean pairwise F1; speakers and kinds pooled over the pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuoteGroup {
    pub f1_exact: Score,
    pub f1_overlap: Score,
    pub speaker: Ratio,
    pub kind: Ratio,
}

/// One document's agreement, for ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    pub id: String,
    pub title: String,
    pub fingerprint: String,
    /// Who has it.
    pub annotators: Vec<String>,
    /// Spans of all its annotators.
    pub spans: usize,
    /// Positions (spans and quotes) where the annotators do not all say the same.
    pub disagreements: usize,
    /// Mean pairwise exact span F1.
    pub f1_exact: Score,
    /// Mean pairwise Cohen's kappa on its tokens.
    pub cohen: Score,
    /// Unitizing alpha of its annotators, all labels.
    pub alpha_unitizing: Score,
}

/// A quote as compared: range, kind, speaker range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct QuoteKey {
    start: usize,
    end: usize,
    kind: u8,
    speaker: Option<(usize, usize)>,
}

fn kind_code(k: QuoteKind) -> u8 {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Indirect => 1,
        QuoteKind::Mixed => 2,
    }
}

/// A span as compared: `(start, end, label index)`.
type SpanKey = (usize, usize, u32);
/// One annotator's units of one document, per label.
type LabelUnits = Vec<Vec<(usize, usize)>>;

/// What every measure reads, computed once: tokens, spans, units per label, quotes.
struct Prep {
    tokens: Vec<Vec<(usize, usize)>>,
    /// Per document, per annotator: `(start, end, label index)`.
    spans: Vec<Vec<Option<Vec<SpanKey>>>>,
    /// Per document, per annotator, per label: units reduced to the earliest longest.
    units: Vec<Vec<Option<LabelUnits>>>,
    quotes: Vec<Vec<Option<Vec<QuoteKey>>>>,
}

impl Prep {
    fn new(study: &Study, issues: &mut Vec<Issue>) -> Prep {
        let nl = study.labels().len();
        let docs = study.documents();
        let mut p = Prep {
            tokens: Vec::with_capacity(docs.len()),
            spans: Vec::with_capacity(docs.len()),
            units: Vec::with_capacity(docs.len()),
            quotes: Vec::with_capacity(docs.len()),
        };
        for g in docs {
            p.tokens.push(crate::nlp::tokenize::tokenize(&g.text).iter().map(|t| (t.start, t.end)).collect());
            let mut spans = Vec::with_capacity(g.members.len());
            let mut units = Vec::with_capacity(g.members.len());
            let mut quotes = Vec::with_capacity(g.members.len());
            for (a, m) in g.members.iter().enumerate() {
                let Some(m) = m else {
                    spans.push(None);
                    units.push(None);
                    quotes.push(None);
                    continue;
                };
                let s: Vec<(usize, usize, u32)> =
                    m.spans.iter().map(|s| (s.start(), s.end(), study.label_index(s.label()))).collect();
                let mut per_label: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nl];
                for &(st, en, k) in &s {
                    per_label[k as usize].push((st, en));
                }
                for (k, u) in per_label.iter_mut().enumerate() {
                    let dropped = reduce_overlaps(u);
                    if dropped > 0 {
                        issues.push(Issue::OverlapsReduced {
                            annotator: study.annotators()[a].clone(),
                            document: g.id.clone(),
                            label: study.labels()[k].clone(),
                            dropped,
                        });
                    }
                }
                let q = m
                    .quotes
                    .iter()
                    .map(|q| QuoteKey {
                        start: q.start(),
                        end: q.end(),
                        kind: kind_code(q.kind()),
                        speaker: q.speaker().map(|s| (s.range().start(), s.range().end())),
                    })
                    .collect();
                spans.push(Some(s));
                units.push(Some(per_label));
                quotes.push(Some(q));
            }
            p.spans.push(spans);
            p.units.push(units);
            p.quotes.push(quotes);
        }
        p
    }

    /// Tag codes of every annotator of document `g`, for one label or (`None`) all.
    fn tags(&self, g: usize, label: Option<u32>) -> Vec<Option<Vec<u32>>> {
        self.spans[g]
            .iter()
            .map(|s| {
                s.as_ref().map(|s| {
                    let chosen: Vec<(usize, usize, u32)> =
                        s.iter().copied().filter(|&(_, _, k)| label.is_none_or(|l| l == k)).collect();
                    bio_tags(&self.tokens[g], &chosen).into_iter().map(Tag::code).collect()
                })
            })
            .collect()
    }

    /// Exact and overlap matches of `b`'s spans against `a`'s in document `g`, per label.
    fn span_counts(&self, g: usize, a: usize, b: usize, nl: usize) -> Vec<(Prf, Prf)> {
        let (Some(sa), Some(sb)) = (&self.spans[g][a], &self.spans[g][b]) else {
            return vec![(Prf::default(), Prf::default()); nl];
        };
        (0..nl as u32)
            .map(|k| {
                let of = |s: &[(usize, usize, u32)]| -> Vec<(usize, usize)> {
                    s.iter().filter(|x| x.2 == k).map(|x| (x.0, x.1)).collect()
                };
                let (ra, rb) = (of(sa), of(sb));
                let exact = exact_matches(&ra, &rb);
                let overlap = overlap_matching(&ra, &rb).len();
                (Prf::new(exact, ra.len(), rb.len()), Prf::new(overlap, ra.len(), rb.len()))
            })
            .collect()
    }

    /// One unitizing section: document `g`, label `k`, the annotators `who`.
    fn section(&self, study: &Study, g: usize, k: usize, who: &[usize]) -> UnitSection {
        let units = who.iter().map(|&a| self.units[g][a].as_ref().map(|u| u[k].clone()).unwrap_or_default()).collect();
        UnitSection { len: study.documents()[g].cp_len, units }
    }
}

fn both(g: &DocGroup, a: usize, b: usize) -> bool {
    g.members[a].is_some() && g.members[b].is_some()
}

fn all(g: &DocGroup) -> bool {
    g.members.iter().all(Option::is_some)
}

/// Coding measures (kappas, nominal alpha) for one label or all, per pair and for the group.
fn coding(
    study: &Study,
    prep: &Prep,
    label: Option<u32>,
    pairs: &[(usize, usize)],
) -> (Vec<(Kappa, Alpha)>, Kappa, Alpha) {
    let m = study.annotators().len();
    let docs = study.documents();
    let tags: Vec<Vec<Option<Vec<u32>>>> = (0..docs.len()).map(|g| prep.tags(g, label)).collect();
    let per_pair = pairs
        .iter()
        .map(|&(a, b)| {
            let mut values: Vec<Option<u32>> = Vec::new();
            for t in tags.iter() {
                if let (Some(x), Some(y)) = (&t[a], &t[b]) {
                    for (&p, &q) in x.iter().zip(y) {
                        values.push(Some(p));
                        values.push(Some(q));
                    }
                }
            }
            let kappa = cohen_kappa(values.chunks_exact(2).map(|c| (c[0].unwrap_or(0), c[1].unwrap_or(0))));
            (kappa, krippendorff_alpha_nominal(&values, 2))
        })
        .collect();
    let mut complete: Vec<u32> = Vec::new();
    let mut partial: Vec<Option<u32>> = Vec::new();
    for (g, t) in docs.iter().zip(&tags) {
        let n_tokens = prep_len(t);
        let present = t.iter().filter(|x| x.is_some()).count();
        if present < 2 {
            continue;
        }
        for i in 0..n_tokens {
            for x in t {
                partial.push(x.as_ref().map(|x| x[i]));
            }
            if all(g) {
                complete.extend(t.iter().flatten().map(|x| x[i]));
            }
        }
    }
    (per_pair, fleiss_kappa(&complete, m), krippendorff_alpha_nominal(&partial, m))
}

fn prep_len(t: &[Option<Vec<u32>>]) -> usize {
    t.iter().flatten().map(Vec::len).next().unwrap_or(0)
}

/// Computes every measure of `study` (see docs/AGREEMENT.md).
pub fn agreement(study: &Study) -> Report {
    let mut issues = study.issues().to_vec();
    let prep = Prep::new(study, &mut issues);
    let m = study.annotators().len();
    let nl = study.labels().len();
    let docs = study.documents();
    let pairs: Vec<(usize, usize)> = (0..m).flat_map(|a| (a + 1..m).map(move |b| (a, b))).collect();
    let everyone: Vec<usize> = (0..m).collect();

    // Span counts per pair and label, over the documents both have.
    let mut counts: Vec<Vec<(Prf, Prf)>> = vec![vec![(Prf::default(), Prf::default()); nl]; pairs.len()];
    for (p, &(a, b)) in pairs.iter().enumerate() {
        for (g, doc) in docs.iter().enumerate() {
            if both(doc, a, b) {
                for (k, (e, o)) in prep.span_counts(g, a, b, nl).into_iter().enumerate() {
                    counts[p][k] = (counts[p][k].0.plus(e), counts[p][k].1.plus(o));
                }
            }
        }
    }

    // Per label: coding, unitizing, spans.
    let mut label_pairs: Vec<Vec<PairMeasures>> = vec![Vec::with_capacity(nl); pairs.len()];
    let mut label_groups: Vec<LabelGroup> = Vec::with_capacity(nl);
    for k in 0..nl {
        let (coded, fleiss, alpha) = coding(study, &prep, Some(k as u32), &pairs);
        for (p, &(a, b)) in pairs.iter().enumerate() {
            let sections: Vec<UnitSection> =
                (0..docs.len()).filter(|&g| both(&docs[g], a, b)).map(|g| prep.section(study, g, k, &[a, b])).collect();
            let (exact, overlap) = counts[p][k];
            label_pairs[p].push(PairMeasures {
                exact,
                overlap,
                cohen: coded[p].0,
                alpha_nominal: coded[p].1,
                alpha_unitizing: unitizing_alpha(2, &sections),
            });
        }
        let sections: Vec<UnitSection> =
            (0..docs.len()).filter(|&g| all(&docs[g])).map(|g| prep.section(study, g, k, &everyone)).collect();
        let measures =
            group_measures(label_pairs.iter().map(|v| &v[k]), fleiss, alpha, unitizing_alpha(m, &sections), m);
        let spans = (0..m)
            .map(|a| prep.spans.iter().filter_map(|d| d[a].as_ref()).flatten().filter(|s| s.2 == k as u32).count())
            .collect();
        label_groups.push(LabelGroup { label: study.labels()[k].clone(), spans, measures });
    }

    // Overall: tags over all labels; span counts and unitizing combined over the labels.
    let (coded, fleiss, alpha) = coding(study, &prep, None, &pairs);
    let mut pair_reports = Vec::with_capacity(pairs.len());
    let mut overall_pairs = Vec::with_capacity(pairs.len());
    for (p, &(a, b)) in pairs.iter().enumerate() {
        let exact = counts[p].iter().fold(Prf::default(), |s, c| s.plus(c.0));
        let overlap = counts[p].iter().fold(Prf::default(), |s, c| s.plus(c.1));
        let u: Vec<Unitizing> = label_pairs[p].iter().map(|x| x.alpha_unitizing).collect();
        let overall = PairMeasures {
            exact,
            overlap,
            cohen: coded[p].0,
            alpha_nominal: coded[p].1,
            alpha_unitizing: combine_or(&u, pair_length(study, a, b), m),
        };
        overall_pairs.push(overall);
        let shared: Vec<usize> = (0..docs.len()).filter(|&g| both(&docs[g], a, b)).collect();
        pair_reports.push(PairReport {
            a: study.annotators()[a].clone(),
            b: study.annotators()[b].clone(),
            documents: shared.len(),
            tokens: shared.iter().map(|&g| prep.tokens[g].len()).sum(),
            overall,
            labels: study
                .labels()
                .iter()
                .zip(&label_pairs[p])
                .map(|(l, x)| LabelPair { label: l.clone(), measures: *x })
                .collect(),
            quotes: quote_pair(&prep, &shared, a, b),
        });
    }
    let group_u: Vec<Unitizing> = label_groups.iter().map(|l| l.measures.alpha_unitizing).collect();
    let shared_len = docs.iter().filter(|g| all(g)).map(|g| g.cp_len).sum();
    let overall = group_measures(overall_pairs.iter(), fleiss, alpha, combine_or(&group_u, shared_len, m), m);
    let quotes = quote_group(&pair_reports, m);

    let mut documents: Vec<DocReport> = (0..docs.len()).map(|g| doc_report(study, &prep, g, nl)).collect();
    crate::sort::sort_by(&mut documents, |x, y| {
        let f = |d: &DocReport| d.f1_exact.value().unwrap_or(2.0);
        y.disagreements.cmp(&x.disagreements).then(f(x).total_cmp(&f(y))).then(x.id.cmp(&y.id))
    });
    Report {
        annotators: study.annotators().to_vec(),
        labels: study.labels().to_vec(),
        documents_total: docs.len(),
        documents_shared: docs.iter().filter(|g| all(g)).count(),
        pairs: pair_reports,
        group: GroupReport { overall, labels: label_groups, quotes },
        documents,
        issues,
    }
}

fn pair_length(study: &Study, a: usize, b: usize) -> usize {
    study.documents().iter().filter(|g| both(g, a, b)).map(|g| g.cp_len).sum()
}

/// Unitizing alpha over all labels; undefined with the right reason when there is no label.
fn combine_or(parts: &[Unitizing], length: usize, raters: usize) -> Unitizing {
    if parts.is_empty() {
        let why = if raters < 2 {
            Undefined::FewAnnotators
        } else if length == 0 {
            Undefined::NoItems
        } else {
            Undefined::NothingMarked
        };
        let u = Score::Undefined(why);
        return Unitizing { length, units: 0, disagreement_observed: u, disagreement_expected: u, alpha: u };
    }
    Unitizing::combine(parts)
}

fn group_measures<'a>(
    pairs: impl Iterator<Item = &'a PairMeasures>,
    fleiss: Kappa,
    alpha_nominal: Alpha,
    alpha_unitizing: Unitizing,
    m: usize,
) -> GroupMeasures {
    let pairs: Vec<&PairMeasures> = pairs.collect();
    let why = if m < 2 { Undefined::FewAnnotators } else { Undefined::NoItems };
    GroupMeasures {
        f1_exact: Score::mean(pairs.iter().map(|p| p.exact.f1), why),
        f1_overlap: Score::mean(pairs.iter().map(|p| p.overlap.f1), why),
        cohen_mean: Score::mean(pairs.iter().map(|p| p.cohen.kappa), why),
        fleiss,
        alpha_nominal,
        alpha_unitizing,
    }
}

fn quote_pair(prep: &Prep, shared: &[usize], a: usize, b: usize) -> QuoteAgreement {
    let (mut exact, mut overlap) = (Prf::default(), Prf::default());
    let (mut speaker, mut kind, mut total) = (0, 0, 0);
    for &g in shared {
        let (Some(qa), Some(qb)) = (&prep.quotes[g][a], &prep.quotes[g][b]) else { continue };
        let ra: Vec<(usize, usize)> = qa.iter().map(|q| (q.start, q.end)).collect();
        let rb: Vec<(usize, usize)> = qb.iter().map(|q| (q.start, q.end)).collect();
        exact = exact.plus(Prf::new(exact_matches(&ra, &rb), ra.len(), rb.len()));
        let matched = overlap_matching(&ra, &rb);
        overlap = overlap.plus(Prf::new(matched.len(), ra.len(), rb.len()));
        for (i, j) in matched {
            let (x, y) = (qa[i], qb[j]);
            total += 1;
            kind += usize::from(x.kind == y.kind);
            speaker += usize::from(match (x.speaker, y.speaker) {
                (None, None) => true,
                (Some((s1, e1)), Some((s2, e2))) => s1 < e2 && s2 < e1,
                _ => false,
            });
        }
    }
    QuoteAgreement { exact, overlap, speaker: Ratio::new(speaker, total), kind: Ratio::new(kind, total) }
}

fn quote_group(pairs: &[PairReport], m: usize) -> QuoteGroup {
    let why = if m < 2 { Undefined::FewAnnotators } else { Undefined::NoItems };
    let sum = |f: fn(&QuoteAgreement) -> Ratio| {
        let (a, t) = pairs.iter().map(|p| f(&p.quotes)).fold((0, 0), |(a, t), r| (a + r.agree, t + r.total));
        Ratio::new(a, t)
    };
    QuoteGroup {
        f1_exact: Score::mean(pairs.iter().map(|p| p.quotes.exact.f1), why),
        f1_overlap: Score::mean(pairs.iter().map(|p| p.quotes.overlap.f1), why),
        speaker: sum(|q| q.speaker),
        kind: sum(|q| q.kind),
    }
}

fn doc_report(study: &Study, prep: &Prep, g: usize, nl: usize) -> DocReport {
    let doc = &study.documents()[g];
    let who = doc.present();
    let pairs: Vec<(usize, usize)> =
        who.iter().enumerate().flat_map(|(i, &a)| who[i + 1..].iter().map(move |&b| (a, b))).collect();
    let why = if who.len() < 2 { Undefined::FewAnnotators } else { Undefined::NoItems };
    let f1 =
        pairs.iter().map(|&(a, b)| prep.span_counts(g, a, b, nl).iter().fold(Prf::default(), |s, c| s.plus(c.0)).f1);
    let tags = prep.tags(g, None);
    let cohen = pairs.iter().map(|&(a, b)| match (&tags[a], &tags[b]) {
        (Some(x), Some(y)) => cohen_kappa(x.iter().copied().zip(y.iter().copied())).kappa,
        _ => Score::Undefined(Undefined::NoItems),
    });
    let parts: Vec<Unitizing> =
        (0..nl).map(|k| unitizing_alpha(who.len(), &[prep.section(study, g, k, &who)])).collect();
    let spans = doc.members.iter().flatten().map(|m| m.spans.len()).sum();
    DocReport {
        id: doc.id.clone(),
        title: doc.title.clone(),
        fingerprint: doc.fingerprint.clone(),
        annotators: who.iter().map(|&a| study.annotators()[a].clone()).collect(),
        spans,
        disagreements: disagreements(study, g, Strategy::Agree).len(),
        f1_exact: Score::mean(f1, why),
        cohen: Score::mean(cohen, why),
        alpha_unitizing: combine_or(&parts, doc.cp_len, who.len()).alpha,
    }
}

/// The token items the coding measures use, for checking them with other tools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenItems {
    pub annotators: Vec<String>,
    pub labels: Vec<String>,
    pub items: Vec<TokenItem>,
}

/// One token: its document and code points, each annotator's BIO tag (`None`: the annotator does
/// not have the document), and per label (in the order of [`TokenItems::labels`]) the tag that
/// label's spans alone give (`B`, `I` or `O`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenItem {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub tags: Vec<Option<String>>,
    pub by_label: Vec<Vec<Option<&'static str>>>,
}

/// Every token of every document with each annotator's tags.
pub fn token_items(study: &Study) -> TokenItems {
    let mut ignored = Vec::new();
    let prep = Prep::new(study, &mut ignored);
    let nl = study.labels().len();
    let mut items = Vec::new();
    for (g, doc) in study.documents().iter().enumerate() {
        let overall = prep.tags(g, None);
        let per_label: Vec<Vec<Option<Vec<u32>>>> = (0..nl).map(|k| prep.tags(g, Some(k as u32))).collect();
        for (i, &(start, end)) in prep.tokens[g].iter().enumerate() {
            let name = |code: u32| -> String {
                let tag = match code {
                    0 => Tag::O,
                    c if c % 2 == 1 => Tag::B((c - 1) / 2),
                    c => Tag::I((c - 2) / 2),
                };
                tag_name(tag, study.labels())
            };
            let bio = |code: u32| match code {
                0 => "O",
                c if c % 2 == 1 => "B",
                _ => "I",
            };
            items.push(TokenItem {
                document: doc.id.clone(),
                start,
                end,
                tags: overall.iter().map(|t| t.as_ref().map(|t| name(t[i]))).collect(),
                by_label: per_label.iter().map(|l| l.iter().map(|t| t.as_ref().map(|t| bio(t[i]))).collect()).collect(),
            });
        }
    }
    TokenItems { annotators: study.annotators().to_vec(), labels: study.labels().to_vec(), items }
}
