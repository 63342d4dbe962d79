//! W3C Web Annotation JSON-LD: one `AnnotationPage` per document per line.
//!
//! Each span is an `Annotation` with a tagging `TextualBody` (the label) and a target with a
//! `TextPositionSelector` (code points, as the model says, or UTF-16 when asked and stated) and a
//! `TextQuoteSelector` (`exact`, and 32 code points of `prefix`/`suffix`). Quotes are annotations
//! with the body `QUOTE` and their kind, cue and speaker under `sanad:quote`. The document itself
//! (text, title, language, status, meta) travels under `sanad:document`, so a page is
//! self-contained; the `sanad:` terms are defined in the page's context.

use serde_json::{json, Map, Value};

use super::jsonl::{kind_name, parse_kind};
use super::{
    err, finish_doc, id_of, new_doc, origin_name, parse_origin, parse_status, record_utf16, status_name, str_of,
    to_line, Checker, ExportError, ExportOptions, ImportOptions, Units,
};
use crate::import::ImportError;
use crate::model::{Document, Quote, Span, Speaker};

const CONTEXT_VOCAB: &str = "urn:sanad:vocab#";
const AFFIX: usize = 32;

/// `s` with every byte outside the URI unreserved set percent-encoded.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn target(u: &Units, text: &str, source: &str, start: usize, end: usize) -> Value {
    let ix = u.index();
    let pre_from = start.saturating_sub(AFFIX);
    let suf_to = (end + AFFIX).min(ix.cp_len());
    json!({
        "source": source,
        "selector": [
            {"type": "TextPositionSelector", "start": u.out(start), "end": u.out(end)},
            {"type": "TextQuoteSelector", "exact": u.slice(text, start, end),
             "prefix": u.slice(text, pre_from, start), "suffix": u.slice(text, end, suf_to)},
        ],
    })
}

pub(crate) fn record(doc: &Document, opts: &ExportOptions) -> Result<String, ExportError> {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let source = format!("urn:sanad:doc:{}", encode(doc.id()));
    let mut items = Vec::with_capacity(doc.spans().len() + doc.quotes().len());
    for s in doc.spans() {
        let mut a = json!({
            "id": format!("{source}#{}", encode(s.id())), "type": "Annotation", "motivation": "tagging",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": s.label()},
            "target": target(&u, text, &source, s.start(), s.end()),
            "sanad:origin": origin_name(s.origin()),
        });
        if let Some(m) = a.as_object_mut() {
            if let Some(c) = s.confidence() {
                m.insert("sanad:confidence".into(), Value::from(c));
            }
            if let Some(au) = s.author() {
                m.insert("creator".into(), Value::from(au));
            }
        }
        items.push(a);
    }
    for q in doc.quotes() {
        let pos = |r: crate::model::Range| json!({"start": u.out(r.start()), "end": u.out(r.end())});
        let mut a = json!({
            "id": format!("{source}#{}", encode(q.id())), "type": "Annotation", "motivation": "tagging",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "QUOTE"},
            "target": target(&u, text, &source, q.start(), q.end()),
            "sanad:origin": origin_name(q.origin()),
            "sanad:quote": {
                "kind": kind_name(q.kind()),
                "cue": q.cue().map(pos),
                "speaker": q.speaker().map(|sp| {
                    let mut v = pos(sp.range());
                    if let (Some(id), Some(m)) = (sp.span(), v.as_object_mut()) {
                        m.insert("span".into(), Value::from(id));
                    }
                    v
                }),
                "speaker_name": q.speaker_name(),
            },
        });
        if let Some(m) = a.as_object_mut() {
            if let Some(c) = q.confidence() {
                m.insert("sanad:confidence".into(), Value::from(c));
            }
            if let Some(au) = q.author() {
                m.insert("creator".into(), Value::from(au));
            }
        }
        items.push(a);
    }
    let v = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"sanad": CONTEXT_VOCAB}],
        "id": format!("{source}:annotations"), "type": "AnnotationPage", "offset_unit": opts.unit(),
        "sanad:document": {"id": doc.id(), "title": doc.title(), "lang": doc.lang(), "status": status_name(doc.status()),
                           "text": text, "meta": doc.meta()},
        "items": items,
    });
    to_line(doc.id(), &v)
}

/// The last part of an annotation id (after `#`), percent-decoded.
fn local_id(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?;
    let tail = s.rsplit_once('#').map_or(s, |(_, t)| t);
    let bytes = tail.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(Ok(b)) = tail.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().filter(|s| !s.is_empty())
}

pub(crate) fn parse(
    file: &str,
    line: usize,
    obj: Map<String, Value>,
    opts: &ImportOptions,
) -> Result<Document, Vec<ImportError>> {
    let one = |m: String| vec![err(file, Some(line), None, m)];
    let Some(d) = obj.get("sanad:document").and_then(Value::as_object) else {
        return Err(one(
            "expected \"sanad:document\" with the text (an AnnotationPage as Sanad writes it; other pages point to \
             texts Sanad cannot fetch)"
                .into(),
        ));
    };
    let text = match d.get("text") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        _ => return Err(one("expected a non-empty \"sanad:document\".\"text\" string".into())),
    };
    let utf16 = record_utf16(&obj).map_err(one)?;
    let id = id_of(d.get("id"), &text).map_err(one)?;
    let status = match str_of(d, "status") {
        None => opts.status,
        Some(s) => parse_status(s).ok_or_else(|| one(format!("status {s:?} is not known")))?,
    };
    let meta = d.get("meta").and_then(Value::as_object).cloned().unwrap_or_default();
    let title = str_of(d, "title").map(str::to_string);
    let lang = str_of(d, "lang").map(str::to_string);
    let mut c = Checker::new(file, Some(line), &text, utf16);
    let mut spans = Vec::new();
    let mut quotes = Vec::new();
    let empty = Vec::new();
    for (i, a) in obj.get("items").and_then(Value::as_array).unwrap_or(&empty).iter().enumerate() {
        let what = format!("annotation {}", i + 1);
        let Some(label) = a.pointer("/body/value").and_then(Value::as_str) else {
            c.problem(format!("{what}: expected a TextualBody with a \"value\" (the label)"));
            continue;
        };
        let sel = a.pointer("/target/selector");
        let sels: Vec<&Value> = match sel {
            Some(Value::Array(v)) => v.iter().collect(),
            Some(v @ Value::Object(_)) => vec![v],
            _ => Vec::new(),
        };
        let find = |t: &str| sels.iter().find(|s| s.get("type").and_then(Value::as_str) == Some(t)).copied();
        let Some(pos) = find("TextPositionSelector") else {
            c.problem(format!("{what}: expected a TextPositionSelector in \"target.selector\""));
            continue;
        };
        let exact = find("TextQuoteSelector").and_then(|q| q.get("exact")).and_then(Value::as_str);
        let Some(r) = c.range(&what, pos.get("start"), pos.get("end"), exact) else { continue };
        let origin = a.get("sanad:origin").and_then(Value::as_str).and_then(parse_origin).unwrap_or(opts.origin);
        let conf = a.get("sanad:confidence").and_then(Value::as_f64);
        let author = a.get("creator").and_then(Value::as_str).map(str::to_string);
        if let Some(qv) = a.get("sanad:quote").filter(|_| label == "QUOTE") {
            let kind = match parse_kind(qv.get("kind")) {
                Ok(k) => k,
                Err(m) => {
                    c.problem(format!("{what}: {m}"));
                    continue;
                }
            };
            let sub = |c: &mut Checker<'_>, key: &str| match qv.get(key) {
                Some(o @ Value::Object(_)) => c.range(&format!("{what} {key}"), o.get("start"), o.get("end"), None),
                _ => None,
            };
            let cue = sub(&mut c, "cue");
            let sp = sub(&mut c, "speaker").map(|r| {
                Speaker::new(r, qv.pointer("/speaker/span").and_then(Value::as_str).map(str::to_string))
            });
            let qid = local_id(a.get("id")).unwrap_or_else(|| format!("q{}", quotes.len() + 1));
            match Quote::new(qid, r, kind, origin).and_then(|q| {
                q.with_cue(cue)
                    .with_speaker(sp, qv.get("speaker_name").and_then(Value::as_str).map(str::to_string))
                    .with_author(author)
                    .with_confidence(conf)
            }) {
                Ok(q) => quotes.push(q),
                Err(e) => c.problem(format!("{what}: {e}")),
            }
        } else {
            let sid = local_id(a.get("id")).unwrap_or_else(|| format!("s{}", spans.len() + 1));
            match Span::new(sid, r, label, origin).and_then(|s| s.with_author(author).with_confidence(conf)) {
                Ok(s) => spans.push(s),
                Err(e) => c.problem(format!("{what}: {e}")),
            }
        }
    }
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, title, lang, text).map(|d| d.with_meta(meta).with_status(status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}
