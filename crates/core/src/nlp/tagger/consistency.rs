//! The document-level consistency pass: a later mention of a confidently tagged name gets its label.

use super::decode::TokSpan;
use crate::nlp::hash::{mix, FastMap, FastSet};
use crate::nlp::tokinfo::TokInfo;

/// One sentence of the document-level pass: token keys and the spans found so far.
#[derive(Clone, Debug)]
pub struct DocSentence<'a> {
    /// Token information of the sentence.
    pub infos: &'a [TokInfo],
    /// Spans, sorted by start; the pass adds and relabels spans.
    pub spans: Vec<TokSpan>,
}

/// Minimum confidence for a mention to be propagated to later mentions.
pub const CONSISTENCY_MIN_CONF: f32 = 0.9;

/// Most frequent word-frequency code ([`TokInfo::freq`]) of a single word the consistency pass does
/// not spread: a word at least this common in general text (frequency 10^-5 and above: "الدين",
/// "السورية", "محمد") is too ambiguous for one confident mention to label all the others.
pub const CONSISTENCY_COMMON_FREQ: u8 = 4;

#[inline]
fn is_common_word(t: &TokInfo) -> bool {
    t.freq != 0 && t.freq <= CONSISTENCY_COMMON_FREQ
}

/// Document-level consistency: a later mention of a confident earlier entity (same normalised words;
/// its first word may carry proclitics) gets the earlier label when the tagger missed it or gave it
/// another label with lower confidence. `cased` requires a capital first letter (English).
/// Single common words (see [`CONSISTENCY_COMMON_FREQ`]) are neither spread nor labelled.
pub fn consistency_pass(doc: &mut [DocSentence<'_>], cased: bool) {
    consistency_pass_with(doc, cased, CONSISTENCY_MIN_CONF, false);
}

/// [`consistency_pass`] with a confidence threshold; `both_ways` also lets a confident mention label
/// earlier mentions.
pub fn consistency_pass_with(doc: &mut [DocSentence<'_>], cased: bool, min_conf: f32, both_ways: bool) {
    let mut known: FastMap<u64, (usize, f32)> = FastMap::default();
    let mut first: FastSet<u64> = FastSet::default();
    let mut max_len = 0usize;
    let seq = |v: u64, rest: &[TokInfo]| rest.iter().fold(mix(0xD0C, v), |h, x| mix(h, x.key));
    let register =
        |s: &DocSentence<'_>, known: &mut FastMap<u64, (usize, f32)>, first: &mut FastSet<u64>, max_len: &mut usize| {
            let n = s.infos.len();
            for sp in &s.spans {
                if sp.confidence >= min_conf && sp.end <= n && sp.end > sp.start {
                    let f = &s.infos[sp.start];
                    if sp.end - sp.start == 1 && is_common_word(f) {
                        continue;
                    }
                    let rest = &s.infos[sp.start + 1..sp.end];
                    for v in [f.key, f.stem] {
                        let h = seq(v, rest);
                        let e = known.entry(h).or_insert((sp.label, sp.confidence));
                        if sp.confidence > e.1 {
                            *e = (sp.label, sp.confidence);
                        }
                        first.insert(v);
                    }
                    *max_len = (*max_len).max(sp.end - sp.start);
                }
            }
        };
    if both_ways {
        for s in doc.iter() {
            register(s, &mut known, &mut first, &mut max_len);
        }
    }
    for s in doc.iter_mut() {
        let n = s.infos.len();
        let mut covered = vec![usize::MAX; n];
        for (k, sp) in s.spans.iter().enumerate() {
            for c in &mut covered[sp.start..sp.end.min(n)] {
                *c = k;
            }
        }
        let mut added = Vec::new();
        let mut i = 0;
        while i < n && max_len > 0 {
            let t = &s.infos[i];
            let mut hit: Option<(usize, usize, f32)> = None;
            if !cased || t.upper {
                let variants = [t.key, t.stem].into_iter().chain(t.alt_stems.iter().copied());
                for v in variants {
                    if !first.contains(&v) {
                        continue;
                    }
                    for len in (1..=max_len.min(n - i)).rev() {
                        if hit.is_some_and(|(l, _, _)| l >= len) {
                            break;
                        }
                        if len == 1 && is_common_word(t) {
                            continue;
                        }
                        if let Some(&(label, conf)) = known.get(&seq(v, &s.infos[i + 1..i + len])) {
                            hit = Some((len, label, conf));
                            break;
                        }
                    }
                }
            }
            match hit {
                Some((len, label, conf)) => {
                    let cov = &covered[i..i + len];
                    if cov.iter().all(|&c| c == usize::MAX) {
                        added.push(TokSpan { start: i, end: i + len, label, confidence: conf * 0.9 });
                    } else if cov[0] != usize::MAX && cov.iter().all(|&c| c == cov[0]) {
                        let sp = &mut s.spans[cov[0]];
                        if sp.start == i && sp.end == i + len && sp.label != label && sp.confidence < conf * 0.75 {
                            sp.label = label;
                            sp.confidence = conf * 0.9;
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        s.spans.extend(added);
        crate::sort::sort_by_key(&mut s.spans, |sp| sp.start);
        if !both_ways {
            register(s, &mut known, &mut first, &mut max_len);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::nlp::features::sentence_infos;
    use crate::nlp::gazetteer::Gazetteer;
    use crate::nlp::triggers::Triggers;

    #[test]
    fn consistency_fills_missed_mention() {
        let tr = Triggers::new("ar");
        let a = sentence_infos(&["قال", "لافروف"], &tr, None, None);
        let b = sentence_infos(&["وأضاف", "ولافروف"], &tr, None, None);
        let mut doc = vec![
            DocSentence { infos: &a, spans: vec![TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 }] },
            DocSentence { infos: &b, spans: vec![] },
        ];
        consistency_pass(&mut doc, false);
        assert_eq!(doc[1].spans.len(), 1);
        assert_eq!(doc[1].spans[0].start, 1);
        assert_eq!(doc[1].spans[0].label, 0);
    }

    #[test]
    fn consistency_leaves_common_words_alone() {
        // "الدين" is a common word ("religion") and part of names ("صلاح الدين"): one confident
        // single-word mention must not label it everywhere; a rare name still spreads.
        let mut g = Gazetteer::default();
        g.add_word_freq("الدين\t335\nلافروف\t584\n").unwrap();
        let tr = Triggers::new("ar");
        let a = sentence_infos(&["قال", "لافروف", "الدين"], &tr, Some(&g), None);
        let b = sentence_infos(&["وأضاف", "لافروف", "عن", "الدين"], &tr, Some(&g), None);
        assert_eq!((a[1].freq, a[2].freq), (5, 3));
        let spans = vec![
            TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 },
            TokSpan { start: 2, end: 3, label: 0, confidence: 0.99 },
        ];
        let mut doc = vec![DocSentence { infos: &a, spans }, DocSentence { infos: &b, spans: vec![] }];
        consistency_pass(&mut doc, false);
        let added: Vec<usize> = doc[1].spans.iter().map(|s| s.start).collect();
        assert_eq!(added, vec![1]);
        // Without a frequency table nothing is known to be common: both spread.
        let a = sentence_infos(&["قال", "لافروف", "الدين"], &tr, None, None);
        let b = sentence_infos(&["وأضاف", "لافروف", "عن", "الدين"], &tr, None, None);
        let spans = vec![
            TokSpan { start: 1, end: 2, label: 0, confidence: 0.99 },
            TokSpan { start: 2, end: 3, label: 0, confidence: 0.99 },
        ];
        let mut doc = vec![DocSentence { infos: &a, spans }, DocSentence { infos: &b, spans: vec![] }];
        consistency_pass(&mut doc, false);
        assert_eq!(doc[1].spans.len(), 2);
    }
}
