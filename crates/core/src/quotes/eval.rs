//! Scoring detected quotes against gold ones.
//!
//! Files are JSONL, one document per line (offsets in code points):
//! `{"id", "lang", "text", "spans": [{"id","start","end","label"}], "quotes": [{"start","end","kind",
//! "cue": {"start","end"}|null, "speaker": {"start","end"}|null, "speaker_name"}]}`.
//! A line may give `"text_file"` (a path the caller resolves) and `"text_fnv1a64"` (hex FNV-1a of its
//! bytes) instead of `"text"`, so that gold annotations of a text we may not redistribute can be
//! kept without the text; a quote may then give `"name_span"` (an entity id) instead of
//! `"speaker_name"`.
//!
//! Measures: quote P/R/F1 with exact matching (same start and end) and overlap matching
//! (overlap / union >= a threshold, 0.5 by default; one-to-one, greedy by best ratio); cue P/R/F1
//! (distinct cue ranges, matched when they overlap, and exactly); speaker accuracy on the
//! overlap-matched quotes (both without a speaker, or speaker ranges that overlap, or the same
//! normalised `speaker_name`).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::{Document, ModelError, Origin, Quote, QuoteKind, Range, Span};
use crate::nlp::hash::fnv1a64;

/// A quote as scored.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalQuote {
    pub range: Range,
    pub kind: QuoteKind,
    pub cue: Option<Range>,
    pub speaker: Option<Range>,
    pub speaker_span: Option<String>,
    pub speaker_name: Option<String>,
    pub confidence: Option<f64>,
}

impl EvalQuote {
    pub fn from_quote(q: &Quote) -> EvalQuote {
        EvalQuote {
            range: q.range(),
            kind: q.kind(),
            cue: q.cue(),
            speaker: q.speaker().map(|s| s.range()),
            speaker_span: q.speaker().and_then(|s| s.span()).map(str::to_string),
            speaker_name: q.speaker_name().map(str::to_string),
            confidence: q.confidence(),
        }
    }
}

/// A document as scored: its text, entity spans and quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalDoc {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub spans: Vec<Span>,
    pub quotes: Vec<EvalQuote>,
}

/// Why a JSONL line was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvalError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Field(String),
    #[error("text file {file:?}: {message}")]
    TextFile { file: String, message: String },
    #[error("text file {file:?} has FNV-1a {found}, the gold file expects {expected}: not the annotated text")]
    Hash { file: String, expected: String, found: String },
    #[error(transparent)]
    Model(#[from] ModelError),
}

fn field<'v>(v: &'v Value, k: &str) -> Option<&'v Value> {
    v.get(k).filter(|x| !x.is_null())
}

fn usize_of(v: &Value, k: &str) -> Result<usize, EvalError> {
    field(v, k)
        .and_then(Value::as_u64)
        .map(|x| x as usize)
        .ok_or_else(|| EvalError::Field(format!("expected an integer {k:?} in {v}")))
}

fn range_of(v: &Value) -> Result<Range, EvalError> {
    Ok(Range::new(usize_of(v, "start")?, usize_of(v, "end")?)?)
}

fn kind_of(s: &str) -> Result<QuoteKind, EvalError> {
    match s {
        "direct" => Ok(QuoteKind::Direct),
        "indirect" => Ok(QuoteKind::Indirect),
        "mixed" => Ok(QuoteKind::Mixed),
        k => Err(EvalError::Field(format!("unknown quote kind {k:?}"))),
    }
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

fn slice(text: &str, r: Range) -> String {
    text.chars().skip(r.start()).take(r.len()).collect()
}

/// Parses one JSONL line. `resolve` reads a `"text_file"` (IO stays with the caller).
pub fn parse_line(line: &str, resolve: &mut dyn FnMut(&str) -> Result<String, String>) -> Result<EvalDoc, EvalError> {
    let v: Value = serde_json::from_str(line).map_err(|e| EvalError::Json(e.to_string()))?;
    let id = match field(&v, "id") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let text = match (field(&v, "text").and_then(Value::as_str), field(&v, "text_file").and_then(Value::as_str)) {
        (Some(t), _) => t.to_string(),
        (None, Some(file)) => {
            let t = resolve(file).map_err(|message| EvalError::TextFile { file: file.to_string(), message })?;
            if let Some(expected) = field(&v, "text_fnv1a64").and_then(Value::as_str) {
                let found = format!("{:016x}", fnv1a64(t.as_bytes()));
                if found != expected {
                    return Err(EvalError::Hash { file: file.to_string(), expected: expected.to_string(), found });
                }
            }
            t
        }
        (None, None) => return Err(EvalError::Field("no \"text\" (or \"text_file\")".into())),
    };
    let lang = field(&v, "lang")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| crate::lang::detect(&text).to_string());
    let mut spans = Vec::new();
    for (n, s) in field(&v, "spans").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let sid = field(s, "id").and_then(Value::as_str).map_or_else(|| format!("s{}", n + 1), str::to_string);
        let label = field(s, "label").and_then(Value::as_str).unwrap_or("MISC");
        spans.push(Span::new(sid, range_of(s)?, label, Origin::Editor)?);
    }
    let mut quotes = Vec::new();
    for q in field(&v, "quotes").and_then(Value::as_array).into_iter().flatten() {
        let range = range_of(q)?;
        let kind = kind_of(field(q, "kind").and_then(Value::as_str).unwrap_or("direct"))?;
        let cue = field(q, "cue").map(range_of).transpose()?;
        let sp = field(q, "speaker");
        let speaker = sp.map(range_of).transpose()?;
        let speaker_span = sp.and_then(|s| field(s, "span")).and_then(Value::as_str).map(str::to_string);
        let by_span = |id: &str| spans.iter().find(|s| s.id() == id).map(|s| slice(&text, s.range()));
        let speaker_name = match (field(q, "speaker_name").and_then(Value::as_str), field(q, "name_span")) {
            (Some(n), _) => Some(n.to_string()),
            (None, Some(ns)) => {
                let id = ns.as_str().unwrap_or_default();
                Some(by_span(id).ok_or_else(|| EvalError::Field(format!("name_span {id:?}: no such span")))?)
            }
            (None, None) => speaker.map(|r| slice(&text, r)),
        };
        let confidence = field(q, "confidence").and_then(Value::as_f64);
        quotes.push(EvalQuote { range, kind, cue, speaker, speaker_span, speaker_name, confidence });
    }
    let doc = EvalDoc { id, lang, text, spans, quotes };
    doc.check()?;
    Ok(doc)
}

/// Parses a JSONL file; errors carry their 1-based line number.
pub fn parse_jsonl(
    src: &str,
    resolve: &mut dyn FnMut(&str) -> Result<String, String>,
) -> Result<Vec<EvalDoc>, (usize, EvalError)> {
    let mut out = Vec::new();
    for (k, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(line, resolve).map_err(|e| (k + 1, e))?);
    }
    Ok(out)
}

impl EvalDoc {
    /// A document's text, spans and quotes.
    pub fn from_document(doc: &Document) -> EvalDoc {
        EvalDoc {
            id: doc.id().to_string(),
            lang: doc.lang().to_string(),
            text: doc.text().to_string(),
            spans: doc.spans().to_vec(),
            quotes: doc.quotes().iter().map(EvalQuote::from_quote).collect(),
        }
    }

    /// Checks every range against the text (through the document model's constructors).
    pub fn check(&self) -> Result<(), EvalError> {
        let id = if self.id.is_empty() { "doc" } else { self.id.as_str() };
        let doc = Document::new(id, "", self.lang.clone(), self.text.clone())?;
        let quotes = self
            .quotes
            .iter()
            .enumerate()
            .map(|(n, q)| {
                Quote::new(format!("q{}", n + 1), q.range, q.kind, Origin::Editor).map(|x| {
                    x.with_cue(q.cue).with_speaker(q.speaker.map(|r| crate::model::Speaker::new(r, None)), None)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        doc.with_annotations(self.spans.clone(), quotes)?;
        Ok(())
    }

    /// The same document with the quotes [`super::detect`] finds using this document's entity spans.
    pub fn predict(&self) -> EvalDoc {
        let quotes = super::detect(&self.text, &self.lang, &self.spans);
        EvalDoc { quotes: quotes.iter().map(EvalQuote::from_quote).collect(), ..self.clone() }
    }

    /// The JSONL form (one line, no trailing newline).
    pub fn to_json_line(&self) -> String {
        let r = |r: Range| json!({"start": r.start(), "end": r.end()});
        let spans: Vec<Value> = self
            .spans
            .iter()
            .map(|s| json!({"id": s.id(), "start": s.start(), "end": s.end(), "label": s.label()}))
            .collect();
        let quotes: Vec<Value> = self
            .quotes
            .iter()
            .map(|q| {
                let mut m = Map::new();
                m.insert("start".into(), json!(q.range.start()));
                m.insert("end".into(), json!(q.range.end()));
                m.insert("kind".into(), json!(kind_name(q.kind)));
                m.insert("cue".into(), q.cue.map_or(Value::Null, r));
                let speaker = q.speaker.map_or(Value::Null, |s| {
                    let mut v = r(s);
                    if let (Some(id), Some(o)) = (&q.speaker_span, v.as_object_mut()) {
                        o.insert("span".into(), json!(id));
                    }
                    v
                });
                m.insert("speaker".into(), speaker);
                m.insert("speaker_name".into(), q.speaker_name.as_ref().map_or(Value::Null, |n| json!(n)));
                if let Some(c) = q.confidence {
                    m.insert("confidence".into(), json!(c));
                }
                Value::Object(m)
            })
            .collect();
        json!({"id": self.id, "lang": self.lang, "text": self.text, "spans": spans, "quotes": quotes}).to_string()
    }
}

/// Gold, predicted and matched counts.
/// Counts and P/R/F1 of one score (quotes, cues).
pub use crate::metrics::Prf as Counts;

/// Scores of a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteScores {
    pub docs: usize,
    pub exact: Counts,
    pub overlap: Counts,
    pub cue: Counts,
    pub cue_exact: Counts,
    /// Overlap-matched quotes.
    pub matched: usize,
    /// Matched quotes whose speaker is right.
    pub speaker_ok: usize,
    /// Matched quotes whose kind is right.
    pub kind_ok: usize,
}

impl QuoteScores {
    pub fn speaker_accuracy(&self) -> f64 {
        if self.matched == 0 {
            0.0
        } else {
            self.speaker_ok as f64 / self.matched as f64
        }
    }
    pub fn kind_accuracy(&self) -> f64 {
        if self.matched == 0 {
            0.0
        } else {
            self.kind_ok as f64 / self.matched as f64
        }
    }
    fn add(&mut self, o: &QuoteScores) {
        self.docs += o.docs;
        self.exact.add(o.exact);
        self.overlap.add(o.overlap);
        self.cue.add(o.cue);
        self.cue_exact.add(o.cue_exact);
        self.matched += o.matched;
        self.speaker_ok += o.speaker_ok;
        self.kind_ok += o.kind_ok;
    }
}

/// Overlap over union of two ranges.
pub fn overlap_ratio(a: Range, b: Range) -> f64 {
    let inter = a.end().min(b.end()).saturating_sub(a.start().max(b.start()));
    let union = a.end().max(b.end()) - a.start().min(b.start());
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// One-to-one matching, greedy by best score; `score` returns `None` for pairs that may not match.
fn greedy(n_gold: usize, n_pred: usize, score: impl Fn(usize, usize) -> Option<f64>) -> Vec<(usize, usize)> {
    let mut all: Vec<(f64, usize, usize)> = Vec::new();
    for g in 0..n_gold {
        for p in 0..n_pred {
            if let Some(s) = score(g, p) {
                all.push((s, g, p));
            }
        }
    }
    crate::sort::sort_by(&mut all, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; n_gold], vec![false; n_pred]);
    let mut out = Vec::new();
    for (_, g, p) in all {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out
}

fn same_speaker(g: &EvalQuote, p: &EvalQuote) -> bool {
    match (&g.speaker, &p.speaker) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.overlaps(b)
                || matches!((&g.speaker_name, &p.speaker_name),
                    (Some(x), Some(y)) if super::normalise_text(x) == super::normalise_text(y))
        }
        _ => false,
    }
}

fn distinct_cues(q: &[EvalQuote]) -> Vec<Range> {
    let mut v: Vec<Range> = q.iter().filter_map(|q| q.cue).collect();
    crate::sort::sort_by(&mut v, |a, b| a.cmp(b));
    v.dedup();
    v
}

/// Scores one document.
pub fn score_doc(gold: &EvalDoc, pred: &EvalDoc, min_overlap: f64) -> QuoteScores {
    let (g, p) = (&gold.quotes, &pred.quotes);
    let exact = greedy(g.len(), p.len(), |i, j| (g[i].range == p[j].range).then_some(1.0));
    let over = greedy(g.len(), p.len(), |i, j| {
        let r = overlap_ratio(g[i].range, p[j].range);
        (r >= min_overlap && r > 0.0).then_some(r)
    });
    let (gc, pc) = (distinct_cues(g), distinct_cues(p));
    let cue = greedy(gc.len(), pc.len(), |i, j| gc[i].overlaps(&pc[j]).then(|| overlap_ratio(gc[i], pc[j])));
    let cue_exact = greedy(gc.len(), pc.len(), |i, j| (gc[i] == pc[j]).then_some(1.0));
    QuoteScores {
        docs: 1,
        exact: Counts { gold: g.len(), pred: p.len(), tp: exact.len() },
        overlap: Counts { gold: g.len(), pred: p.len(), tp: over.len() },
        cue: Counts { gold: gc.len(), pred: pc.len(), tp: cue.len() },
        cue_exact: Counts { gold: gc.len(), pred: pc.len(), tp: cue_exact.len() },
        matched: over.len(),
        speaker_ok: over.iter().filter(|&&(i, j)| same_speaker(&g[i], &p[j])).count(),
        kind_ok: over.iter().filter(|&&(i, j)| g[i].kind == p[j].kind).count(),
    }
}

/// Scores predictions against gold, per language and over all (`"all"`). Predicted documents are
/// paired with gold ones by id (by position when ids are missing or repeated); a gold document
/// without a prediction counts as predicting nothing.
pub fn score(gold: &[EvalDoc], pred: &[EvalDoc], min_overlap: f64) -> BTreeMap<String, QuoteScores> {
    let mut ids: Vec<&str> = pred.iter().map(|d| d.id.as_str()).collect();
    crate::sort::sort_by(&mut ids, |a, b| a.cmp(b));
    let unique = ids.windows(2).all(|w| w[0] != w[1]) && !ids.contains(&"");
    let mut out: BTreeMap<String, QuoteScores> = BTreeMap::new();
    for (k, g) in gold.iter().enumerate() {
        let p = if unique { pred.iter().find(|p| p.id == g.id) } else { pred.get(k) };
        let empty = EvalDoc { quotes: Vec::new(), ..g.clone() };
        let s = score_doc(g, p.unwrap_or(&empty), min_overlap);
        out.entry(g.lang.clone()).or_default().add(&s);
        out.entry("all".to_string()).or_default().add(&s);
    }
    out
}

/// A plain-text table of scores, one row per language.
pub fn table(scores: &BTreeMap<String, QuoteScores>, min_overlap: f64) -> String {
    let mut out = format!(
        "{:<5} {:>4} {:>5} {:>5} | {:>24} | {:>24} | {:>6} {:>6} | {:>11} {:>6}\n",
        "lang",
        "docs",
        "gold",
        "pred",
        "exact  P / R / F1",
        format!("overlap>={min_overlap}  P / R / F1"),
        "cue F1",
        "exact",
        "speaker acc",
        "kind"
    );
    for (lang, s) in scores {
        let prf = |c: Counts| format!("{:.3} / {:.3} / {:.3}", c.p(), c.r(), c.f1());
        out.push_str(&format!(
            "{:<5} {:>4} {:>5} {:>5} | {:>24} | {:>24} | {:>6.3} {:>6.3} | {:>5.3} ({:>2}/{:>2}) {:>6.3}\n",
            lang,
            s.docs,
            s.exact.gold,
            s.exact.pred,
            prf(s.exact),
            prf(s.overlap),
            s.cue.f1(),
            s.cue_exact.f1(),
            s.speaker_accuracy(),
            s.speaker_ok,
            s.matched,
            s.kind_accuracy()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn q(s: usize, e: usize, spk: Option<(usize, usize)>, name: &str) -> EvalQuote {
        EvalQuote {
            range: Range::new(s, e).unwrap(),
            kind: QuoteKind::Indirect,
            cue: Some(Range::new(0, 1).unwrap()),
            speaker: spk.map(|(a, b)| Range::new(a, b).unwrap()),
            speaker_span: None,
            speaker_name: Some(name.into()),
            confidence: None,
        }
    }

    #[test]
    fn exact_overlap_and_speaker() {
        let doc = |quotes| EvalDoc { id: "d".into(), lang: "en".into(), text: "x".repeat(100), spans: vec![], quotes };
        let g = doc(vec![q(10, 20, Some((1, 3)), "Ann Lee"), q(30, 50, Some((4, 6)), "Bob"), q(60, 70, None, "")]);
        let p = doc(vec![q(10, 20, Some((80, 82)), "ann  lee"), q(32, 50, Some((40, 41)), "Rob"), q(90, 99, None, "")]);
        let s = score_doc(&g, &p, 0.5);
        assert_eq!(s.exact.tp, 1);
        assert_eq!(s.overlap.tp, 2);
        assert_eq!(s.speaker_ok, 1);
        assert_eq!(s.cue.tp, 1);
        assert!((overlap_ratio(Range::new(0, 10).unwrap(), Range::new(5, 15).unwrap()) - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn parses_text_files_with_hash() {
        let text = "Ann said hi.";
        let h = format!("{:016x}", fnv1a64(text.as_bytes()));
        let line = format!(
            r#"{{"id":"a","text_file":"t.txt","text_fnv1a64":"{h}","spans":[{{"id":"p1","start":0,"end":3,"label":"PER"}}],
            "quotes":[{{"start":9,"end":11,"kind":"indirect","cue":{{"start":4,"end":8}},"speaker":{{"start":0,"end":3,"span":"p1"}},"name_span":"p1"}}]}}"#
        )
        .replace('\n', "");
        let d = parse_line(&line, &mut |_| Ok(text.to_string())).unwrap();
        assert_eq!(d.quotes[0].speaker_name.as_deref(), Some("Ann"));
        assert_eq!(d.lang, "en");
        let e = parse_line(&line, &mut |_| Ok("other".to_string())).unwrap_err();
        assert!(matches!(e, EvalError::Hash { .. }), "{e}");
        let round = parse_line(&d.to_json_line(), &mut |_| Err("none".into())).unwrap();
        assert_eq!(round, d);
    }
}
