//! W3C Web Annotation JSON-LD: one `AnnotationPage` per document per line.
//!
//! Each span is an `Annotation` with a tagging `TextualBody` (the label) and a target with a
//! `TextPositionSelector` (code points, as the model says, or UTF-16 when asked and stated) and a
//! `TextQuoteSelector` (`exact`, and 32 code points of `prefix`/`suffix`). Quotes are annotations
//! with the body `QUOTE` and their kind, cue and speaker under `sanad:quote`. The document itself
//! (text, title, language, status, meta) travels under `sanad:document`, so a page is
//! self-contained; the `sanad:` terms are defined in the page's context.

use serde_json::{Map, Value};

use super::check::{err, finish_doc, id_of, new_doc, record_utf16, str_of, Checker};
use super::json::{self, write_doc_head, Escaped, Units};
use super::jsonl::{kind_name, parse_kind};
use super::options::{ExportOptions, ImportOptions};
use super::registry::{origin_name, parse_origin, parse_status};
use crate::import::{ImportError, ImportErrorKind as K, Part};
use crate::model::{Document, Origin, Quote, Span, Speaker};

const CONTEXT_VOCAB: &str = "urn:sanad:vocab#";
const AFFIX: usize = 32;

/// Appends `s` with every byte outside the URI unreserved set percent-encoded (so the result is
/// ASCII with nothing JSON escapes).
fn encode_into(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// Writes `{"start", "end", "span"?}` (`null` when absent).
fn pos(out: &mut Vec<u8>, u: &Units, r: Option<crate::model::Range>, span: Option<&str>) {
    let Some(r) = r else {
        out.extend_from_slice(b"null");
        return;
    };
    out.extend_from_slice(b"{\"start\":");
    json::num(out, u.out(r.start()));
    out.extend_from_slice(b",\"end\":");
    json::num(out, u.out(r.end()));
    if let Some(span) = span {
        out.extend_from_slice(b",\"span\":");
        json::str(out, span);
    }
    out.push(b'}');
}

/// What one annotation says beyond its range.
struct Item<'a> {
    id: &'a str,
    label: &'a str,
    start: usize,
    end: usize,
    origin: Origin,
    quote: Option<&'a Quote>,
    confidence: Option<f64>,
    creator: Option<&'a str>,
}

/// Writes one `Annotation`: id, body (the label), target (position and quote selectors), origin,
/// then for quotes `sanad:quote`, and the confidence and creator when there are.
fn item(out: &mut Vec<u8>, u: &Units, esc: &Escaped<'_>, source: &[u8], it: &Item<'_>) {
    out.extend_from_slice(b"{\"id\":\"");
    out.extend_from_slice(source);
    out.push(b'#');
    encode_into(out, it.id);
    out.extend_from_slice(
        b"\",\"type\":\"Annotation\",\"motivation\":\"tagging\",\"body\":{\"type\":\"TextualBody\",\"purpose\":\"tagging\",\"value\":",
    );
    json::str(out, it.label);
    out.extend_from_slice(b"},\"target\":{\"source\":\"");
    out.extend_from_slice(source);
    out.extend_from_slice(b"\",\"selector\":[{\"type\":\"TextPositionSelector\",\"start\":");
    json::num(out, u.out(it.start));
    out.extend_from_slice(b",\"end\":");
    json::num(out, u.out(it.end));
    out.extend_from_slice(b"},{\"type\":\"TextQuoteSelector\",\"exact\":");
    esc.slice(out, it.start, it.end);
    out.extend_from_slice(b",\"prefix\":");
    esc.slice(out, it.start.saturating_sub(AFFIX), it.start);
    out.extend_from_slice(b",\"suffix\":");
    esc.slice(out, it.end, (it.end + AFFIX).min(u.index().cp_len()));
    out.extend_from_slice(b"}]},\"sanad:origin\":");
    json::str(out, origin_name(it.origin));
    if let Some(q) = it.quote {
        out.extend_from_slice(b",\"sanad:quote\":{\"kind\":");
        json::str(out, kind_name(q.kind()));
        out.extend_from_slice(b",\"cue\":");
        pos(out, u, q.cue(), None);
        out.extend_from_slice(b",\"speaker\":");
        pos(out, u, q.speaker().map(Speaker::range), q.speaker().and_then(Speaker::span));
        out.extend_from_slice(b",\"speaker_name\":");
        json::opt_str(out, q.speaker_name());
        out.push(b'}');
    }
    if let Some(c) = it.confidence {
        out.extend_from_slice(b",\"sanad:confidence\":");
        json::float(out, c);
    }
    if let Some(c) = it.creator {
        out.extend_from_slice(b",\"creator\":");
        json::str(out, c);
    }
    out.push(b'}');
}

/// Writes one document's `AnnotationPage`.
pub(crate) fn record(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let esc = Escaped::new(text, u.index());
    let mut source = b"urn:sanad:doc:".to_vec();
    encode_into(&mut source, doc.id());
    out.extend_from_slice(b"{\"@context\":[\"http://www.w3.org/ns/anno.jsonld\",{\"sanad\":\"");
    out.extend_from_slice(CONTEXT_VOCAB.as_bytes());
    out.extend_from_slice(b"\"}],\"id\":\"");
    out.extend_from_slice(&source);
    out.extend_from_slice(b":annotations\",\"type\":\"AnnotationPage\",\"offset_unit\":");
    json::str(out, opts.unit());
    out.extend_from_slice(b",\"sanad:document\":{");
    write_doc_head(out, doc);
    out.extend_from_slice(b",\"text\":");
    esc.all(out);
    out.extend_from_slice(b",\"meta\":");
    json::map(out, doc.meta());
    out.extend_from_slice(b"},\"items\":[");
    let mut first = true;
    let mut sep = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
    };
    for s in doc.spans() {
        sep(out);
        let it = Item {
            id: s.id(),
            label: s.label(),
            start: s.start(),
            end: s.end(),
            origin: s.origin(),
            quote: None,
            confidence: s.confidence(),
            creator: s.author(),
        };
        item(out, &u, &esc, &source, &it);
    }
    for q in doc.quotes() {
        sep(out);
        let it = Item {
            id: q.id(),
            label: "QUOTE",
            start: q.start(),
            end: q.end(),
            origin: q.origin(),
            quote: Some(q),
            confidence: q.confidence(),
            creator: q.author(),
        };
        item(out, &u, &esc, &source, &it);
    }
    out.extend_from_slice(b"]}");
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
    let one = |k: K| vec![err(file, Some(line), None, k)];
    let Some(d) = obj.get("sanad:document").and_then(Value::as_object) else {
        return Err(one(K::W3cNoDocument));
    };
    let text = match d.get("text") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        _ => return Err(one(K::ExpectedText { key: "\"sanad:document\".\"text\"" })),
    };
    let utf16 = record_utf16(&obj).map_err(one)?;
    let id = id_of(d.get("id"), &text).map_err(one)?;
    let status = match str_of(d, "status") {
        None => opts.status,
        Some(s) => parse_status(s).ok_or_else(|| one(K::UnknownStatus { found: s.to_string() }))?,
    };
    let meta = d.get("meta").and_then(Value::as_object).cloned().unwrap_or_default();
    let title = str_of(d, "title").map(str::to_string);
    let lang = str_of(d, "lang").map(str::to_string);
    let mut c = Checker::new(file, Some(line), &text, utf16);
    let mut spans = Vec::new();
    let mut quotes = Vec::new();
    let empty = Vec::new();
    for (i, a) in obj.get("items").and_then(Value::as_array).unwrap_or(&empty).iter().enumerate() {
        let what = Part::Annotation { n: i + 1, field: None };
        let Some(label) = a.pointer("/body/value").and_then(Value::as_str) else {
            c.problem(Some(what), K::W3cNoBody);
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
            c.problem(Some(what), K::W3cNoPosition);
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
                Err(k) => {
                    c.problem(Some(what), k);
                    continue;
                }
            };
            let sub = |c: &mut Checker<'_>, key: &'static str| match qv.get(key) {
                Some(o @ Value::Object(_)) => {
                    c.range(&Part::Annotation { n: i + 1, field: Some(key) }, o.get("start"), o.get("end"), None)
                }
                _ => None,
            };
            let cue = sub(&mut c, "cue");
            let sp = sub(&mut c, "speaker")
                .map(|r| Speaker::new(r, qv.pointer("/speaker/span").and_then(Value::as_str).map(str::to_string)));
            let qid = local_id(a.get("id")).unwrap_or_else(|| format!("q{}", quotes.len() + 1));
            match Quote::new(qid, r, kind, origin).and_then(|q| {
                q.with_cue(cue)
                    .with_speaker(sp, qv.get("speaker_name").and_then(Value::as_str).map(str::to_string))
                    .with_author(author)
                    .with_confidence(conf)
            }) {
                Ok(q) => quotes.push(q),
                Err(e) => c.problem(Some(what), K::Model(e)),
            }
        } else {
            let sid = local_id(a.get("id")).unwrap_or_else(|| format!("s{}", spans.len() + 1));
            match Span::new(sid, r, label, origin).and_then(|s| s.with_author(author).with_confidence(conf)) {
                Ok(s) => spans.push(s),
                Err(e) => c.problem(Some(what), K::Model(e)),
            }
        }
    }
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, title, lang, text).map(|d| d.with_meta(meta).with_status(status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}
