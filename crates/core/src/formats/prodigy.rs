//! spaCy/Prodigy JSONL: `text`, `tokens` [{text, start, end, id, ws}], `spans` [{start, end, token_start,
//! token_end, label}], `relations` [{head, child, head_span, child_span, label}], `meta`, `answer`.
//!
//! Tokens cover the whole text (whitespace other than a single space is a token, as in spaCy) and
//! are cut at every span edge, so `Doc(vocab, words, spaces).char_span(start, end)` finds every span.
//! Quotes are spans labelled `QUOTE` (with an extra `kind` key), their speakers the entity span
//! they name or a `SPEAKER` span, their cues `CUE` spans; relations `SPEAKER` and `CUE` go from the
//! quote to them. `head`/`child` are the last token of each span.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::check::{err, finish_doc, id_of, new_doc, record_utf16, str_of, Checker};
use super::json::{self, Escaped, Units};
use super::jsonl::{kind_name, parse_kind};
use super::options::{ExportOptions, ImportOptions};
use super::regions::{assemble, regions, Incoming, Region, RegionOf, NAMES};
use super::tokens::covering;
use crate::import::{ImportError, ImportErrorKind as K, Part};
use crate::model::{Document, Status};

/// Writes one record: `{"id", "text", "tokens", "spans", "relations", "meta", "answer", "offset_unit"}`.
pub(crate) fn record(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) {
    let text = doc.text();
    let chars: Vec<char> = text.chars().collect();
    let u = Units::new(text, opts.utf16);
    let esc = Escaped::new(text, u.index());
    let (regs, rels) = regions(doc, &NAMES);
    let mut starts: Vec<usize> = regs.iter().map(|r| r.start).collect();
    let mut ends: Vec<usize> = regs.iter().map(|r| r.end).collect();
    crate::sort::sort_by(&mut starts, |a, b| a.cmp(b));
    crate::sort::sort_by(&mut ends, |a, b| a.cmp(b));
    let toks = covering(&chars, &starts, &ends);
    // Token index by start and by end offset (tokens are in order and do not overlap).
    let tok_at = |off: usize, by_end: bool| -> usize {
        toks.binary_search_by(|t| (if by_end { t.end } else { t.start }).cmp(&off)).unwrap_or(0)
    };
    out.extend_from_slice(b"{\"id\":");
    json::str(out, doc.id());
    out.extend_from_slice(b",\"text\":");
    esc.all(out);
    out.extend_from_slice(b",\"tokens\":[");
    for (i, t) in toks.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"text\":" } else { b",{\"text\":" });
        esc.slice(out, t.start, t.end);
        out.extend_from_slice(b",\"start\":");
        json::num(out, u.out(t.start));
        out.extend_from_slice(b",\"end\":");
        json::num(out, u.out(t.end));
        out.extend_from_slice(b",\"id\":");
        json::num(out, i);
        out.extend_from_slice(if t.ws { b",\"ws\":true}" } else { b",\"ws\":false}" });
    }
    // A span object: `{"start", "end", "token_start", "token_end", "label", "text", "kind"?}`.
    let span = |out: &mut Vec<u8>, r: &Region| {
        out.extend_from_slice(b"{\"start\":");
        json::num(out, u.out(r.start));
        out.extend_from_slice(b",\"end\":");
        json::num(out, u.out(r.end));
        out.extend_from_slice(b",\"token_start\":");
        json::num(out, tok_at(r.start, false));
        out.extend_from_slice(b",\"token_end\":");
        json::num(out, tok_at(r.end, true));
        out.extend_from_slice(b",\"label\":");
        json::str(out, &r.label);
        out.extend_from_slice(b",\"text\":");
        esc.slice(out, r.start, r.end);
        if let RegionOf::Quote(q) = r.of {
            if let Some(q) = doc.quotes().get(q) {
                out.extend_from_slice(b",\"kind\":");
                json::str(out, kind_name(q.kind()));
            }
        }
        out.push(b'}');
    };
    out.extend_from_slice(b"],\"spans\":[");
    for (i, r) in regs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        span(out, r);
    }
    out.extend_from_slice(b"],\"relations\":[");
    for (i, r) in rels.iter().enumerate() {
        let (h, c) = (&regs[r.head], &regs[r.child]);
        out.extend_from_slice(if i == 0 { b"{\"head\":" } else { b",{\"head\":" });
        json::num(out, tok_at(h.end, true));
        out.extend_from_slice(b",\"child\":");
        json::num(out, tok_at(c.end, true));
        out.extend_from_slice(b",\"head_span\":");
        span(out, h);
        out.extend_from_slice(b",\"child_span\":");
        span(out, c);
        out.extend_from_slice(b",\"label\":");
        json::str(out, r.label);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"meta\":");
    json::map(out, doc.meta());
    out.extend_from_slice(b",\"answer\":\"accept\",\"offset_unit\":");
    json::str(out, opts.unit());
    out.push(b'}');
}

pub(crate) fn parse(
    file: &str,
    line: usize,
    mut obj: Map<String, Value>,
    opts: &ImportOptions,
) -> Result<Document, Vec<ImportError>> {
    let one = |k: K| vec![err(file, Some(line), None, k)];
    let text = match obj.remove("text") {
        Some(Value::String(t)) if !t.is_empty() => t,
        _ => return Err(one(K::ExpectedText { key: "\"text\"" })),
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
            c.problem(Some(Part::Token { n: i }), K::ExpectedObject);
            continue;
        };
        c.range(&Part::Token { n: i }, t.get("start"), t.get("end"), str_of(t, "text"));
    }
    let mut regs = Vec::new();
    let mut key_of: HashMap<(usize, usize, String), usize> = HashMap::new();
    for (i, s) in arr("spans").iter().enumerate() {
        let what = Part::Span { n: i + 1 };
        let Some(s) = s.as_object() else {
            c.problem(Some(what), K::ExpectedObject);
            continue;
        };
        let Some(label) = str_of(s, "label") else {
            c.problem(Some(what), K::ExpectedLabel);
            continue;
        };
        let kind = match parse_kind(s.get("kind")) {
            Ok(k) => k,
            Err(k) => {
                c.problem(Some(what), k);
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
        let what = Part::Relation { n: i + 1, field: None };
        let find = |c: &mut Checker<'_>, key: &'static str| -> Option<usize> {
            let s = r.get(key).and_then(Value::as_object)?;
            let range = c.range(&Part::Relation { n: i + 1, field: Some(key) }, s.get("start"), s.get("end"), None)?;
            let label = str_of(s, "label").unwrap_or_default();
            let found = key_of.get(&(range.start(), range.end(), label.to_string())).copied();
            if found.is_none() {
                let kind = K::NotASpan { key, start: range.start(), end: range.end(), label: label.to_string() };
                c.problem(Some(Part::Relation { n: i + 1, field: None }), kind);
            }
            found
        };
        let h = find(&mut c, "head_span");
        let ch = find(&mut c, "child_span");
        let label = r.get("label").and_then(Value::as_str).unwrap_or_default().to_string();
        match (h, ch) {
            (Some(h), Some(ch)) => rels.push((h, ch, label)),
            _ if r.get("head_span").is_none() => c.problem(Some(what), K::ExpectedHeadAndChild),
            _ => {}
        }
    }
    let (spans, quotes) = assemble(regs, &rels, &NAMES, &mut c);
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, None, None, text).map(|d| d.with_meta(meta).with_status(status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}
