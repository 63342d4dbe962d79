//! The agreement view: how far the project's annotators agree, computed by the core (`agree`, the
//! same figures as `sanad agree`) from the articles' layers and drawn as SVG (`chart`): the group's
//! measures, a matrix per measure for the pairs of annotators, the labels, and the articles ranked
//! by disagreement, each with a way into its curation. A measure without a value says why.

use std::rc::Rc;

use sanad_core::agree::{agreement, Report, Score, Study, Undefined};
use sanad_core::{AnnotatorDef, Document};
use yew::prelude::*;

use crate::components::chart::{bars, heatmap, Mark};
use crate::i18n::{decimals, fill, use_strings, CountKey, Lang, Strings};
use crate::services::now_ms;
use crate::state::{Action, Shared};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub docs: Shared<Vec<Rc<Document>>>,
    pub annotators: Shared<Vec<AnnotatorDef>>,
    pub on_action: Callback<Action>,
}

/// Why a measure has no value, in words.
pub fn why(t: &'static Strings, u: Undefined) -> &'static str {
    match u {
        Undefined::NoItems => t.why_no_items,
        Undefined::FewAnnotators => t.why_few_annotators,
        Undefined::OneCategory => t.why_one_category,
        Undefined::NothingMarked => t.why_nothing_marked,
        Undefined::NoExpectedDisagreement => t.why_no_expected,
    }
}

/// A measure with three decimals in the interface's digits (a minus sign written as the browser's
/// `Intl.NumberFormat` writes it: "-0.016", "؜-٠٫٠١٦"), or why it has none.
pub fn score(t: &'static Strings, s: Score) -> String {
    match s {
        Score::Value(v) if v < 0.0 && (v * 1000.0).round() != 0.0 => {
            let minus = if t.lang == Lang::Ar { "\u{061C}-" } else { "-" };
            format!("{minus}{}", t.dec(-v, 3))
        }
        Score::Value(v) => t.dec(v.abs(), 3),
        Score::Undefined(u) => why(t, u).to_string(),
    }
}

/// A chart mark for a score.
fn mark(t: &'static Strings, s: Score, title: String) -> Mark {
    Mark { value: s.value(), text: score(t, s), title }
}

/// The report and how long it took to compute, in milliseconds.
struct Computed {
    report: Report,
    ms: f64,
}

fn compute(docs: &[Rc<Document>], annotators: &[AnnotatorDef]) -> Computed {
    let start = now_ms();
    let order: Vec<String> = annotators.iter().map(|a| a.name.clone()).collect();
    let study = Study::of_layers(docs.iter().map(|d| d.as_ref()), &order);
    let report = agreement(&study);
    Computed { report, ms: now_ms() - start }
}

/// The pairs' matrix of one measure: `f` reads it from a pair's overall measures.
fn matrix(
    t: &'static Strings,
    r: &Report,
    name: &str,
    f: impl Fn(&sanad_core::agree::PairMeasures) -> Score,
) -> Vec<Vec<Mark>> {
    let n = r.annotators.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        return Mark { value: None, text: "—".into(), title: r.annotators[i].clone() };
                    }
                    let pair = r.pairs.iter().find(|p| {
                        (p.a == r.annotators[i] && p.b == r.annotators[j])
                            || (p.a == r.annotators[j] && p.b == r.annotators[i])
                    });
                    let s = pair.map_or(Score::Undefined(Undefined::NoItems), |p| f(&p.overall));
                    let title = format!("{name}: {} / {}", r.annotators[i], r.annotators[j]);
                    mark(t, s, title)
                })
                .collect()
        })
        .collect()
}

#[function_component(AgreementView)]
pub fn agreement_view(p: &Props) -> Html {
    let t = use_strings();
    let computed = use_memo((p.docs.clone(), p.annotators.clone()), |(d, a)| compute(d, a));
    let r = &computed.report;
    let rtl = t.lang == Lang::Ar;
    let act = p.on_action.clone();
    let close = act.reform(|_: MouseEvent| Action::ShowAgreement(false));
    let g = &r.group.overall;
    let q = &r.group.quotes;
    let ratio = |x: &sanad_core::agree::Ratio| {
        format!("{} ({})", fill(t.ratio, &[("agree", &t.num(x.agree)), ("total", &t.num(x.total))]), score(t, x.value))
    };
    let group_rows: Vec<(&str, &str, String)> = vec![
        ("f1_exact", t.m_f1_exact, score(t, g.f1_exact)),
        ("f1_overlap", t.m_f1_overlap, score(t, g.f1_overlap)),
        ("cohen_mean", t.m_cohen_mean, score(t, g.cohen_mean)),
        ("fleiss", t.m_fleiss, score(t, g.fleiss.kappa)),
        ("alpha_nominal", t.m_alpha_nominal, score(t, g.alpha_nominal.alpha)),
        ("alpha_unitizing", t.m_alpha_unitizing, score(t, g.alpha_unitizing.alpha)),
        ("quote_f1", t.m_quote_f1, format!("{} / {}", score(t, q.f1_exact), score(t, q.f1_overlap))),
        ("quote_speakers", t.m_quote_speakers, ratio(&q.speaker)),
        ("quote_kinds", t.m_quote_kinds, ratio(&q.kind)),
    ];
    let matrices: [(&str, &str, Vec<Vec<Mark>>); 4] = [
        ("f1_exact", t.m_f1_exact, matrix(t, r, t.m_f1_exact, |m| m.exact.f1)),
        ("f1_overlap", t.m_f1_overlap, matrix(t, r, t.m_f1_overlap, |m| m.overlap.f1)),
        ("cohen", t.m_cohen, matrix(t, r, t.m_cohen, |m| m.cohen.kappa)),
        ("alpha_unitizing", t.m_alpha_unitizing, matrix(t, r, t.m_alpha_unitizing, |m| m.alpha_unitizing.alpha)),
    ];
    let label_bars: Vec<(String, Mark)> = r
        .group
        .labels
        .iter()
        .map(|l| (l.label.clone(), mark(t, l.measures.f1_exact, format!("{}: {}", l.label, t.m_f1_exact))))
        .collect();
    let most = r.documents.iter().map(|d| d.disagreements).max().unwrap_or(0).max(1);
    let doc_bars: Vec<(String, Mark)> = r
        .documents
        .iter()
        .take(20)
        .map(|d| {
            let m = Mark {
                value: Some(d.disagreements as f64 / most as f64),
                text: t.num(d.disagreements),
                title: format!("{}: {}", d.title, t.count(CountKey::disagreements, d.disagreements)),
            };
            (if d.title.is_empty() { d.id.clone() } else { d.title.clone() }, m)
        })
        .collect();
    let spans_of = |v: &[usize]| v.iter().map(|n| t.num(*n)).collect::<Vec<_>>().join(" / ");
    html! {
        <section class="agreement-view" aria-labelledby="agreement-h" data-testid="agreement-view">
            <button class="back" onclick={close} data-testid="agreement-close">{ t.agreement_close }</button>
            <h2 id="agreement-h">{ t.agreement_title }</h2>
            <p data-testid="agreement-intro">{ fill(t.agreement_intro, &[
                ("annotators", &t.count(CountKey::annotators, r.annotators.len())),
                ("docs", &t.count(CountKey::articles_of, r.documents_total)),
                ("shared", &t.num(r.documents_shared))]) }</p>
            <p class="hint" data-testid="agreement-time" data-ms={decimals(computed.ms, 3)}>
                { fill(t.agreement_time, &[("ms", &t.dec(computed.ms, 1))]) }</p>

            <h3>{ t.agreement_group }</h3>
            <table class="agreement-table" data-testid="agreement-group">
                <thead><tr><th scope="col">{ t.col_measure }</th><th scope="col">{ t.col_value }</th></tr></thead>
                <tbody>
                    { for group_rows.iter().map(|(key, name, value)| html! {
                        <tr data-measure={*key}><th scope="row">{ *name }</th><td class="num">{ value.clone() }</td></tr>
                    }) }
                </tbody>
            </table>

            <h3>{ t.agreement_pairs }</h3>
            <div class="charts">
                { for matrices.iter().map(|(key, name, cells)| html! {
                    <figure class="chart-figure" data-measure={*key}>
                        <figcaption>{ *name }</figcaption>
                        { heatmap(&fill(t.agreement_matrix_label, &[("measure", name)]), &r.annotators, cells, rtl, &format!("matrix-{key}")) }
                    </figure>
                }) }
            </div>

            <h3>{ t.agreement_labels }</h3>
            if !label_bars.is_empty() {
                <figure class="chart-figure">
                    <figcaption>{ fill(t.agreement_bars_label, &[("measure", &t.m_f1_exact)]) }</figcaption>
                    { bars(&fill(t.agreement_bars_label, &[("measure", &t.m_f1_exact)]), &label_bars, 0.0, rtl, "label-bars") }
                </figure>
            }
            <table class="agreement-table" data-testid="agreement-labels">
                <thead><tr>
                    <th scope="col">{ t.col_label }</th><th scope="col">{ t.col_spans }</th>
                    <th scope="col">{ t.m_f1_exact }</th><th scope="col">{ t.m_f1_overlap }</th>
                    <th scope="col">{ t.m_cohen_mean }</th><th scope="col">{ t.m_fleiss }</th>
                    <th scope="col">{ t.m_alpha_nominal }</th><th scope="col">{ t.m_alpha_unitizing }</th>
                </tr></thead>
                <tbody>
                    { for r.group.labels.iter().map(|l| {
                        let m = &l.measures;
                        html! {
                            <tr data-label={l.label.clone()}>
                                <th scope="row" dir="auto">{ l.label.clone() }</th>
                                <td class="num">{ spans_of(&l.spans) }</td>
                                <td class="num" data-measure="f1_exact">{ score(t, m.f1_exact) }</td>
                                <td class="num" data-measure="f1_overlap">{ score(t, m.f1_overlap) }</td>
                                <td class="num" data-measure="cohen_mean">{ score(t, m.cohen_mean) }</td>
                                <td class="num" data-measure="fleiss">{ score(t, m.fleiss.kappa) }</td>
                                <td class="num" data-measure="alpha_nominal">{ score(t, m.alpha_nominal.alpha) }</td>
                                <td class="num" data-measure="alpha_unitizing">{ score(t, m.alpha_unitizing.alpha) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>

            <h3>{ t.agreement_docs }</h3>
            if !doc_bars.is_empty() {
                <figure class="chart-figure">
                    <figcaption>{ t.col_disagreements }</figcaption>
                    { bars(t.col_disagreements, &doc_bars, 0.0, rtl, "doc-bars") }
                </figure>
            }
            <table class="agreement-table" data-testid="agreement-docs">
                <thead><tr>
                    <th scope="col">{ t.col_article }</th><th scope="col">{ t.col_disagreements }</th>
                    <th scope="col">{ t.m_f1_exact }</th><th scope="col">{ t.m_cohen }</th>
                    <th scope="col">{ t.m_alpha_unitizing }</th><th scope="col">{ t.col_annotators }</th><th scope="col"></th>
                </tr></thead>
                <tbody>
                    { for r.documents.iter().map(|d| {
                        let id = d.id.clone();
                        let curate = act.reform(move |_: MouseEvent| Action::Open(id.clone()));
                        let start = act.clone();
                        let curate = Callback::from(move |e: MouseEvent| {
                            curate.emit(e);
                            start.emit(Action::Curate(true));
                        });
                        html! {
                            <tr data-doc-id={d.id.clone()}>
                                <th scope="row" dir="auto">{ if d.title.is_empty() { d.id.clone() } else { d.title.clone() } }</th>
                                <td class="num" data-measure="disagreements">{ t.num(d.disagreements) }</td>
                                <td class="num" data-measure="f1_exact">{ score(t, d.f1_exact) }</td>
                                <td class="num" data-measure="cohen">{ score(t, d.cohen) }</td>
                                <td class="num" data-measure="alpha_unitizing">{ score(t, d.alpha_unitizing) }</td>
                                <td dir="auto">{ d.annotators.join(t.comma) }</td>
                                <td><button onclick={curate} data-testid="agreement-curate">{ t.agreement_curate }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{AR, EN};

    #[test]
    fn scores_have_three_decimals_a_minus_sign_or_a_reason() {
        assert_eq!(score(&EN, Score::Value(0.6451)), "0.645");
        assert_eq!(score(&EN, Score::Value(-0.0161)), "-0.016");
        assert_eq!(score(&EN, Score::Value(-0.0001)), "0.000");
        assert_eq!(score(&AR, Score::Value(-0.273)), "\u{061C}-٠٫٢٧٣");
        assert_eq!(score(&AR, Score::Value(1.0)), "١٫٠٠٠");
        assert_eq!(score(&EN, Score::Undefined(Undefined::OneCategory)), "undefined: one category throughout");
        assert_eq!(score(&AR, Score::Undefined(Undefined::NothingMarked)), "غير معرّف: لا شيء موسوم");
    }
}
