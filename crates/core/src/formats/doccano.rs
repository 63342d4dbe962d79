//! doccano JSONL in both forms:
//! - sequence labelling: `{"id", "text", "label": [[start, end, "PER"], ...], "meta"}` (entity spans only);
//! - relations: `{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//!   "relations": [{"id", "from_id", "to_id", "type"}], "meta"}`, quotes as `QUOTE` entities (with an
//!   extra `kind` key) and `SPEAKER`/`CUE` relations from them.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::check::{err, finish_doc, id_of, new_doc, record_utf16, str_of, Checker};
use super::json::{self, Units};
use super::jsonl::{kind_name, parse_kind};
use super::options::{ExportOptions, ImportOptions};
use super::regions::{assemble, regions, Incoming, RegionOf, NAMES};
use crate::import::{ImportError, ImportErrorKind as K, Part};
use crate::model::Document;

/// Writes one record, in the relation form (`entities`, `relations`) or the label form (`label`).
pub(crate) fn record(doc: &Document, opts: &ExportOptions, rel_form: bool, notes: &mut Vec<String>, out: &mut Vec<u8>) {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    out.extend_from_slice(b"{\"id\":");
    json::str(out, doc.id());
    out.extend_from_slice(b",\"text\":");
    json::str(out, text);
    if rel_form {
        let (regs, rels) = regions(doc, &NAMES);
        out.extend_from_slice(b",\"entities\":[");
        for (i, r) in regs.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"{\"id\":" } else { b",{\"id\":" });
            json::num(out, i + 1);
            out.extend_from_slice(b",\"label\":");
            json::str(out, &r.label);
            out.extend_from_slice(b",\"start_offset\":");
            json::num(out, u.out(r.start));
            out.extend_from_slice(b",\"end_offset\":");
            json::num(out, u.out(r.end));
            if let RegionOf::Quote(q) = r.of {
                if let Some(q) = doc.quotes().get(q) {
                    out.extend_from_slice(b",\"kind\":");
                    json::str(out, kind_name(q.kind()));
                }
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"relations\":[");
        for (i, r) in rels.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"{\"id\":" } else { b",{\"id\":" });
            json::num(out, i + 1);
            out.extend_from_slice(b",\"from_id\":");
            json::num(out, r.head + 1);
            out.extend_from_slice(b",\"to_id\":");
            json::num(out, r.child + 1);
            out.extend_from_slice(b",\"type\":");
            json::str(out, r.label);
            out.push(b'}');
        }
    } else {
        if !doc.quotes().is_empty() {
            notes.push(format!(
                "{}: {} quote(s) left out (doccano's label form has no relations; use doccano-rel)",
                doc.id(),
                doc.quotes().len()
            ));
        }
        out.extend_from_slice(b",\"label\":[");
        for (i, s) in doc.spans().iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
            json::num(out, u.out(s.start()));
            out.push(b',');
            json::num(out, u.out(s.end()));
            out.push(b',');
            json::str(out, s.label());
            out.push(b']');
        }
    }
    out.extend_from_slice(b"],\"meta\":");
    json::map(out, doc.meta());
    out.extend_from_slice(b",\"offset_unit\":");
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
    let meta = match obj.get("meta") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let mut c = Checker::new(file, Some(line), &text, utf16);
    let mut regs = Vec::new();
    let mut rels = Vec::new();
    let incoming = |r, label: &str, kind| Incoming {
        range: r,
        label: label.to_string(),
        id: None,
        origin: opts.origin,
        confidence: None,
        author: None,
        kind: (label == NAMES.quote).then_some(kind).flatten(),
    };
    if let Some(ents) = obj.get("entities") {
        let Some(ents) = ents.as_array() else {
            return Err(one(K::NotAnArray { key: "entities" }));
        };
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (i, e) in ents.iter().enumerate() {
            let what = Part::Entity { n: i + 1 };
            let Some(e) = e.as_object() else {
                c.problem(Some(what), K::ExpectedObject);
                continue;
            };
            let Some(label) = str_of(e, "label") else {
                c.problem(Some(what), K::ExpectedLabel);
                continue;
            };
            let kind = match parse_kind(e.get("kind")) {
                Ok(k) => Some(k),
                Err(k) => {
                    c.problem(Some(what), k);
                    continue;
                }
            };
            if let Some(r) = c.range(&what, e.get("start_offset"), e.get("end_offset"), None) {
                if let Some(eid) = e.get("id") {
                    by_id.insert(eid.to_string(), regs.len());
                }
                regs.push(incoming(r, label, kind));
            }
        }
        let empty = Vec::new();
        for (i, r) in obj.get("relations").and_then(Value::as_array).unwrap_or(&empty).iter().enumerate() {
            let get = |k: &str| r.get(k).and_then(|v| by_id.get(&v.to_string())).copied();
            match (get("from_id"), get("to_id")) {
                (Some(h), Some(ch)) => {
                    rels.push((h, ch, r.get("type").and_then(Value::as_str).unwrap_or_default().to_string()))
                }
                _ => c.problem(Some(Part::Relation { n: i + 1, field: None }), K::RelationEndsNotEntities),
            }
        }
    } else {
        let empty = Vec::new();
        let labels = obj.get("label").or_else(|| obj.get("labels"));
        if labels.is_some_and(|l| !l.is_array()) {
            return Err(one(K::LabelsNotAnArray));
        }
        for (i, l) in labels.and_then(Value::as_array).unwrap_or(&empty).iter().enumerate() {
            let what = Part::Label { n: i + 1 };
            let (Some(s), Some(e), Some(name)) = (
                l.get(0),
                l.get(1),
                l.get(2).and_then(Value::as_str).filter(|_| l.as_array().is_some_and(|a| a.len() == 3)),
            ) else {
                c.problem(Some(what), K::ExpectedLabelTriple);
                continue;
            };
            if let Some(r) = c.range(&what, Some(s), Some(e), None) {
                regs.push(incoming(r, name, None));
            }
        }
    }
    let (spans, quotes) = assemble(regs, &rels, &NAMES, &mut c);
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, None, None, text).map(|d| d.with_meta(meta).with_status(opts.status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}
