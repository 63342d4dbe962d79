//! `sanad eval`: scores predicted entity spans against gold ones.

use std::path::Path;
use std::process::ExitCode;

use sanad_core::nlp::eval::{conll_docs, score, EvalDoc, LabelledSpan, Scores};

fn is_jsonl(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "json" | "ndjson"))
}

/// Reads documents from CoNLL or JSONL (`{"id", "text", "spans": [{"start","end","label"}]}`).
pub fn read_docs(path: &Path) -> Result<Vec<EvalDoc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if !is_jsonl(path) {
        let sents = sanad_core::nlp::conll::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(conll_docs(&sents));
    }
    let mut docs = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |m: &str| format!("{}: line {}: {m}", path.display(), k + 1);
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| err(&format!("invalid JSON: {e}")))?;
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let text: Vec<char> =
            v.get("text").and_then(|t| t.as_str()).ok_or_else(|| err("no \"text\" string"))?.chars().collect();
        let mut spans = Vec::new();
        let list = v.get("spans").or_else(|| v.get("entities")).and_then(|s| s.as_array()).cloned().unwrap_or_default();
        for s in list {
            let (Some(start), Some(end), Some(label)) = (
                s.get("start").and_then(|x| x.as_u64()),
                s.get("end").and_then(|x| x.as_u64()),
                s.get("label").and_then(|x| x.as_str()),
            ) else {
                return Err(err("a span needs integer \"start\", \"end\" and a string \"label\""));
            };
            if start >= end || end as usize > text.len() {
                return Err(err(&format!("span {start}..{end} is outside the text ({} code points)", text.len())));
            }
            spans.push(LabelledSpan { start: start as usize, end: end as usize, label: label.to_string() });
        }
        docs.push(EvalDoc { id, text, spans });
    }
    Ok(docs)
}

/// Formats a score table.
pub fn table(title: &str, s: &Scores) -> String {
    let mut out =
        format!("{title}\n{:<8} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}\n", "label", "P", "R", "F1", "gold", "pred", "tp");
    for (l, p) in &s.per_label {
        out.push_str(&format!(
            "{l:<8} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}\n",
            p.p(),
            p.r(),
            p.f1(),
            p.gold,
            p.pred,
            p.tp
        ));
    }
    let m = &s.micro;
    out.push_str(&format!(
        "{:<8} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}\n",
        "micro",
        m.p(),
        m.r(),
        m.f1(),
        m.gold,
        m.pred,
        m.tp
    ));
    out
}

/// Runs `sanad eval`.
pub fn run(gold: &Path, pred: &Path, labels: &[String]) -> ExitCode {
    let (g, p) = match (read_docs(gold), read_docs(pred)) {
        (Ok(g), Ok(p)) => (g, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("sanad eval: {e}");
            return ExitCode::from(2);
        }
    };
    if g.len() != p.len() {
        eprintln!("sanad eval: warning: {} gold documents, {} predicted", g.len(), p.len());
    }
    let mismatched = g.iter().zip(&p).filter(|(a, b)| a.id == b.id && a.text != b.text).count();
    if mismatched > 0 {
        eprintln!("sanad eval: warning: {mismatched} documents have different text in gold and prediction");
    }
    print!("{}", table("exact", &score(&g, &p, false, labels)));
    println!();
    print!("{}", table("lenient (Arabic proclitics)", &score(&g, &p, true, labels)));
    ExitCode::SUCCESS
}
