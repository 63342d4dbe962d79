//! Span-level evaluation: per-label and micro precision, recall and F1, exact and clitic-lenient.
//!
//! Documents are texts with code point spans. CoNLL sentences become documents whose text is the
//! tokens joined by single spaces, so CoNLL and JSONL predictions are scored by the same code.
//! Lenient matching also accepts a prediction whose start differs from the gold start only by Arabic
//! proclitics at the start of the first word (predicted "روسيا" for gold "لروسيا", or the reverse).

use std::collections::BTreeMap;

use super::bio::{spans_from_tags, Sentence};
use super::normalize::is_proclitic_sequence;
use crate::metrics::Prf;

/// A labelled span in code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelledSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity label.
    pub label: String,
}

/// A document to score.
#[derive(Clone, Debug, Default)]
pub struct EvalDoc {
    /// Identifier used to pair gold and prediction (may be empty: then pairs go by position).
    pub id: String,
    /// The text as code points.
    pub text: Vec<char>,
    /// Spans.
    pub spans: Vec<LabelledSpan>,
}

/// Converts CoNLL sentences to documents (one per sentence, paired by position).
pub fn conll_docs(sents: &[Sentence]) -> Vec<EvalDoc> {
    sents
        .iter()
        .map(|s| {
            let mut text = Vec::new();
            let mut offs = Vec::with_capacity(s.words.len());
            for (i, w) in s.words.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                let st = text.len();
                text.extend(w.chars());
                offs.push((st, text.len()));
            }
            let mut tags: Vec<usize> = Vec::with_capacity(s.tags.len());
            let mut labels: Vec<String> = Vec::new();
            for t in &s.tags {
                match t.split_once('-') {
                    Some((bi, l)) => {
                        let idx = match labels.iter().position(|x| x == l) {
                            Some(p) => p,
                            None => {
                                labels.push(l.to_string());
                                labels.len() - 1
                            }
                        };
                        tags.push(if bi == "B" { 1 + 2 * idx } else { 2 + 2 * idx });
                    }
                    None => tags.push(0),
                }
            }
            let spans = spans_from_tags(&tags)
                .into_iter()
                .filter(|&(_, e, _)| e <= offs.len())
                .map(|(s, e, l)| LabelledSpan { start: offs[s].0, end: offs[e - 1].1, label: labels[l].clone() })
                .collect();
            EvalDoc { id: String::new(), text, spans }
        })
        .collect()
}

/// Scores for every label and overall.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Per label.
    pub per_label: BTreeMap<String, Prf>,
    /// Micro average over all labels.
    pub micro: Prf,
}

fn lenient_match(text: &[char], g: &LabelledSpan, p: &LabelledSpan) -> bool {
    if g.label != p.label || g.end != p.end {
        return false;
    }
    let (a, b) = if g.start < p.start { (g.start, p.start) } else { (p.start, g.start) };
    if a == b {
        return true;
    }
    // The extra part must be proclitics at the start of a word.
    let word_start = a == 0 || text.get(a - 1).is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric());
    let extra: String = text.get(a..b).map(|s| s.iter().collect()).unwrap_or_default();
    word_start && is_proclitic_sequence(&extra)
}

/// Scores predicted documents against gold ones (paired by id, or by position when ids are empty).
/// `only_labels` restricts the evaluation to those labels when non-empty.
pub fn score(gold: &[EvalDoc], pred: &[EvalDoc], lenient: bool, only_labels: &[String]) -> Scores {
    let by_id: BTreeMap<&str, &EvalDoc> =
        pred.iter().filter(|d| !d.id.is_empty()).map(|d| (d.id.as_str(), d)).collect();
    let mut s = Scores::default();
    let keep = |l: &str| only_labels.is_empty() || only_labels.iter().any(|x| x == l);
    for (k, g) in gold.iter().enumerate() {
        let p = if g.id.is_empty() { pred.get(k) } else { by_id.get(g.id.as_str()).copied().or_else(|| pred.get(k)) };
        let gspans: Vec<&LabelledSpan> = g.spans.iter().filter(|x| keep(&x.label)).collect();
        let pspans: Vec<&LabelledSpan> =
            p.map(|p| p.spans.iter().filter(|x| keep(&x.label)).collect()).unwrap_or_default();
        let mut used = vec![false; pspans.len()];
        for gs in &gspans {
            s.per_label.entry(gs.label.clone()).or_default().gold += 1;
            let hit = pspans.iter().enumerate().position(|(j, ps)| {
                !used[j]
                    && ((ps.start == gs.start && ps.end == gs.end && ps.label == gs.label)
                        || (lenient && lenient_match(&g.text, gs, ps)))
            });
            if let Some(j) = hit {
                used[j] = true;
                s.per_label.entry(gs.label.clone()).or_default().tp += 1;
            }
        }
        for ps in &pspans {
            s.per_label.entry(ps.label.clone()).or_default().pred += 1;
        }
    }
    for v in s.per_label.values() {
        s.micro.tp += v.tp;
        s.micro.pred += v.pred;
        s.micro.gold += v.gold;
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn doc(text: &str, spans: &[(usize, usize, &str)]) -> EvalDoc {
        EvalDoc {
            id: String::new(),
            text: text.chars().collect(),
            spans: spans.iter().map(|&(s, e, l)| LabelledSpan { start: s, end: e, label: l.into() }).collect(),
        }
    }

    #[test]
    fn lenient_accepts_clitics() {
        let g = doc("زار لروسيا", &[(4, 10, "LOC")]);
        let p = doc("زار لروسيا", &[(5, 10, "LOC")]);
        assert_eq!(score(std::slice::from_ref(&g), std::slice::from_ref(&p), false, &[]).micro.tp, 0);
        assert_eq!(score(&[g], &[p], true, &[]).micro.tp, 1);
        // Not a clitic: "ز" is not one.
        let p2 = doc("زار لروسيا", &[(5, 10, "LOC")]);
        let g2 = doc("زار زروسيا", &[(4, 10, "LOC")]);
        assert_eq!(score(&[g2], &[p2], true, &[]).micro.tp, 0);
    }

    #[test]
    fn per_label_and_micro() {
        let s = vec![Sentence {
            words: vec!["قال".into(), "لافروف".into(), "في".into(), "موسكو".into()],
            tags: vec!["O".into(), "B-PER".into(), "O".into(), "B-LOC".into()],
        }];
        let g = conll_docs(&s);
        assert_eq!(g[0].spans[0], LabelledSpan { start: 4, end: 10, label: "PER".into() });
        let p = vec![doc("قال لافروف في موسكو", &[(4, 10, "PER"), (14, 19, "ORG")])];
        let sc = score(&g, &p, false, &[]);
        assert_eq!(sc.micro.tp, 1);
        assert_eq!(sc.micro.pred, 2);
        assert_eq!(sc.micro.gold, 2);
        assert_eq!(sc.per_label["LOC"].tp, 0);
        assert_eq!(sc.per_label["PER"].f1(), 1.0);
    }
}
