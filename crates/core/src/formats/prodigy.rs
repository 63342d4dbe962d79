//! spaCy/Prodigy JSONL: `text`, `tokens` [{text, start, end, id, ws}], `spans` [{start, end, token_start,
//! token_end, label}], `relations` [{head, child, head_span, child_span, label}], `meta`, `answer`.
//!
//! Tokens cover the whole text (whitespace other than a single space is a token, as in spaCy) and
//! are cut at every span edge, so `Doc(vocab, words, spaces).char_span(start, end)` finds every span.
//! Quotes are spans labelled `QUOTE` (with an extra `kind` key), their speakers the entity span
//! they name or a `SPEAKER` span, their cues `CUE` spans; relations `SPEAKER` and `CUE` go from the
//! quote to them. `head`/`child` are the last token of each span.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::jsonl::{kind_name, parse_kind};
use super::tokens::covering;
use super::{
    assemble, err, finish_doc, id_of, new_doc, record_utf16, regions, str_of, to_line, Checker, ExportError,
    ExportOptions, ImportOptions, Incoming, RegionOf, Units, NAMES,
};
use crate::import::ImportError;
use crate::model::{Document, Status};

#[derive(Serialize)]
struct TokOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize, Clone)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

#[derive(Serialize)]
struct RelOut<'a> {
    head: usize,
    child: usize,
    head_span: SpanOut<'a>,
    child_span: SpanOut<'a>,
    label: &'static str,
}

#[derive(Serialize)]
struct RecOut<'a> {
    id: &'a str,
    text: &'a str,
    tokens: Vec<TokOut<'a>>,
    spans: Vec<SpanOut<'a>>,
    relations: Vec<RelOut<'a>>,
    meta: &'a Map<String, Value>,
    answer: &'static str,
    offset_unit: &'static str,
}

pub(crate) fn record(doc: &Document, opts: &ExportOptions, _notes: &mut Vec<String>) -> Result<String, ExportError> {
    let text = doc.text();
    let chars: Vec<char> = text.chars().collect();
    let u = Units::new(text, opts.utf16);
    let (regs, rels) = regions(doc, &NAMES);
    let starts: HashSet<usize> = regs.iter().map(|r| r.start).collect();
    let ends: HashSet<usize> = regs.iter().map(|r| r.end).collect();
    let toks = covering(&chars, &starts, &ends);
    // Token index by start and by end offset (tokens are in order and do not overlap).
    let tok_at = |off: usize, by_end: bool| -> usize {
        let key = |t: &super::tokens::Tok| if by_end { t.end } else { t.start };
        toks.binary_search_by_key(&off, key).unwrap_or(0)
    };
    let tokens = toks
        .iter()
        .enumerate()
        .map(|(i, t)| TokOut {
            text: u.slice(text, t.start, t.end),
            start: u.out(t.start),
            end: u.out(t.end),
            id: i,
            ws: t.ws,
        })
        .collect();
    let spans: Vec<SpanOut<'_>> = regs
        .iter()
        .map(|r| SpanOut {
            start: u.out(r.start),
            end: u.out(r.end),
            token_start: tok_at(r.start, false),
            token_end: tok_at(r.end, true),
            label: &r.label,
            text: u.slice(text, r.start, r.end),
            kind: match r.of {
                RegionOf::Quote(q) => doc.quotes().get(q).map(|q| kind_name(q.kind())),
                _ => None,
            },
        })
        .collect();
    let relations = rels
        .iter()
        .map(|r| {
            let (h, c) = (spans[r.head].clone(), spans[r.child].clone());
            RelOut { head: h.token_end, child: c.token_end, head_span: h, child_span: c, label: r.label }
        })
        .collect();
    let out = RecOut {
        id: doc.id(),
        text,
        tokens,
        spans,
        relations,
        meta: doc.meta(),
        answer: "accept",
        offset_unit: opts.unit(),
    };
    to_line(doc.id(), &out)
}

pub(crate) fn parse(
    file: &str,
    line: usize,
    mut obj: Map<String, Value>,
    opts: &ImportOptions,
) -> Result<Document, Vec<ImportError>> {
    let one = |m: String| vec![err(file, Some(line), None, m)];
    let text = match obj.remove("text") {
        Some(Value::String(t)) if !t.is_empty() => t,
        _ => return Err(one("expected a non-empty \"text\" string".into())),
    };
    let utf16 = record_utf16(&obj).map_err(one)?;
    let id = id_of(obj.get("id"), &text).map_err(one)?;
    let status = match str_of(&obj, "answer") {
        Some("reject") | Some("ignore") => Status::Skipped,
        _ => opts.status,
    };
    let meta = match obj.get("meta") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let empty = Vec::new();
    let arr = |key: &str| obj.get(key).and_then(Value::as_array).unwrap_or(&empty);
    let mut c = Checker::new(file, Some(line), &text, utf16);
    for (i, t) in arr("tokens").iter().enumerate() {
        let Some(t) = t.as_object() else {
            c.problem(format!("token {i}: expected an object"));
            continue;
        };
        c.range(&format!("token {i}"), t.get("start"), t.get("end"), str_of(t, "text"));
    }
    let mut regs = Vec::new();
    let mut key_of: HashMap<(usize, usize, String), usize> = HashMap::new();
    for (i, s) in arr("spans").iter().enumerate() {
        let what = format!("span {}", i + 1);
        let Some(s) = s.as_object() else {
            c.problem(format!("{what}: expected an object"));
            continue;
        };
        let Some(label) = str_of(s, "label") else {
            c.problem(format!("{what}: expected a \"label\" string"));
            continue;
        };
        let kind = match parse_kind(s.get("kind")) {
            Ok(k) => k,
            Err(m) => {
                c.problem(format!("{what}: {m}"));
                continue;
            }
        };
        if let Some(r) = c.range(&what, s.get("start"), s.get("end"), str_of(s, "text")) {
            key_of.entry((r.start(), r.end(), label.to_string())).or_insert(regs.len());
            regs.push(Incoming {
                range: r,
                label: label.to_string(),
                id: None,
                origin: opts.origin,
                confidence: None,
                author: None,
                kind: (label == NAMES.quote).then_some(kind),
            });
        }
    }
    let mut rels = Vec::new();
    for (i, r) in arr("relations").iter().enumerate() {
        let what = format!("relation {}", i + 1);
        let find = |c: &mut Checker<'_>, key: &str| -> Option<usize> {
            let s = r.get(key).and_then(Value::as_object)?;
            let range = c.range(&format!("{what} {key}"), s.get("start"), s.get("end"), None)?;
            let label = str_of(s, "label").unwrap_or_default();
            let found = key_of.get(&(range.start(), range.end(), label.to_string())).copied();
            if found.is_none() {
                c.problem(format!(
                    "{what}: {key} {}..{} {label:?} is not one of the spans",
                    range.start(),
                    range.end()
                ));
            }
            found
        };
        let h = find(&mut c, "head_span");
        let ch = find(&mut c, "child_span");
        let label = r.get("label").and_then(Value::as_str).unwrap_or_default().to_string();
        match (h, ch) {
            (Some(h), Some(ch)) => rels.push((h, ch, label)),
            _ if r.get("head_span").is_none() => {
                c.problem(format!("{what}: expected \"head_span\" and \"child_span\""))
            }
            _ => {}
        }
    }
    let (spans, quotes) = assemble(regs, &rels, &NAMES, &mut c);
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, None, None, text).map(|d| d.with_meta(meta).with_status(status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}
