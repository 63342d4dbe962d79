//! Sanad JSONL (what `sanad annotate` writes, with quotes) and the quotes table.
//!
//! ```json
//! {"id", "title", "lang", "status", "text", "meta", "offset_unit",
//!  "spans": [{"id", "start", "end", "label", "text", "confidence", "origin", "author"}],
//!  "quotes": [{"id", "start", "end", "text", "kind", "cue": {"start", "end"}, "speaker": {"start", "end", "span"},
//!              "speaker_name", "confidence", "origin", "author"}]}
//! ```

use serde_json::{Map, Value};

use super::check::{err, id_of, record_utf16, str_of, Checker};
use super::json::{self, write_doc_head, Escaped, Units};
use super::options::{ExportOptions, ImportOptions};
use super::registry::{origin_name, parse_origin, parse_status};
use crate::import::{ImportError, ImportErrorKind as K, Part};
use crate::model::{Document, Quote, QuoteKind, Range, Span, Speaker};

pub(crate) fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

pub(crate) fn parse_kind(v: Option<&Value>) -> Result<QuoteKind, K> {
    match v.and_then(Value::as_str) {
        Some("direct") => Ok(QuoteKind::Direct),
        Some("indirect") => Ok(QuoteKind::Indirect),
        Some("mixed") => Ok(QuoteKind::Mixed),
        None => Ok(QuoteKind::Direct),
        Some(other) => Err(K::BadQuoteKind { found: other.to_string() }),
    }
}

/// Writes `{"start", "end", "text", "span"?}`, or `null`.
fn range(out: &mut Vec<u8>, u: &Units, esc: &Escaped<'_>, r: Option<Range>, span: Option<&str>) {
    let Some(r) = r else {
        out.extend_from_slice(b"null");
        return;
    };
    out.extend_from_slice(b"{\"start\":");
    json::num(out, u.out(r.start()));
    out.extend_from_slice(b",\"end\":");
    json::num(out, u.out(r.end()));
    out.extend_from_slice(b",\"text\":");
    esc.slice(out, r.start(), r.end());
    if let Some(span) = span {
        out.extend_from_slice(b",\"span\":");
        json::str(out, span);
    }
    out.push(b'}');
}

/// Writes what a quote says after its text: `"kind", "cue", "speaker", "speaker_name", "confidence", "origin"`.
fn quote_fields(out: &mut Vec<u8>, u: &Units, esc: &Escaped<'_>, q: &Quote) {
    out.extend_from_slice(b",\"kind\":");
    json::str(out, kind_name(q.kind()));
    out.extend_from_slice(b",\"cue\":");
    range(out, u, esc, q.cue(), None);
    out.extend_from_slice(b",\"speaker\":");
    range(out, u, esc, q.speaker().map(Speaker::range), q.speaker().and_then(Speaker::span));
    out.extend_from_slice(b",\"speaker_name\":");
    json::opt_str(out, q.speaker_name());
    out.extend_from_slice(b",\"confidence\":");
    json::opt_float(out, q.confidence());
    out.extend_from_slice(b",\"origin\":");
    json::str(out, origin_name(q.origin()));
}

/// Writes `"start", "end", "text"` of `start..end` (after an id).
fn position(out: &mut Vec<u8>, u: &Units, esc: &Escaped<'_>, start: usize, end: usize) {
    out.extend_from_slice(b",\"start\":");
    json::num(out, u.out(start));
    out.extend_from_slice(b",\"end\":");
    json::num(out, u.out(end));
    out.extend_from_slice(b",\"text\":");
    esc.slice(out, start, end);
}

fn author(out: &mut Vec<u8>, a: Option<&str>) {
    if let Some(a) = a {
        out.extend_from_slice(b",\"author\":");
        json::str(out, a);
    }
}

/// Writes one document: `{"id", "title", "lang", "status", "text", "meta", "offset_unit", "spans", "quotes"}`.
pub(crate) fn record(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let esc = Escaped::new(text, u.index());
    out.push(b'{');
    write_doc_head(out, doc);
    out.extend_from_slice(b",\"text\":");
    esc.all(out);
    out.extend_from_slice(b",\"meta\":");
    json::map(out, doc.meta());
    out.extend_from_slice(b",\"offset_unit\":");
    json::str(out, opts.unit());
    out.extend_from_slice(b",\"spans\":[");
    for (i, s) in doc.spans().iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"id\":" } else { b",{\"id\":" });
        json::str(out, s.id());
        out.extend_from_slice(b",\"start\":");
        json::num(out, u.out(s.start()));
        out.extend_from_slice(b",\"end\":");
        json::num(out, u.out(s.end()));
        out.extend_from_slice(b",\"label\":");
        json::str(out, s.label());
        out.extend_from_slice(b",\"text\":");
        esc.slice(out, s.start(), s.end());
        out.extend_from_slice(b",\"confidence\":");
        json::opt_float(out, s.confidence());
        out.extend_from_slice(b",\"origin\":");
        json::str(out, origin_name(s.origin()));
        author(out, s.author());
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"quotes\":[");
    for (i, q) in doc.quotes().iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"id\":" } else { b",{\"id\":" });
        json::str(out, q.id());
        position(out, &u, &esc, q.start(), q.end());
        quote_fields(out, &u, &esc, q);
        author(out, q.author());
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// One line per quote: `{"document", "quote_id", "start", "end", "text", "kind", "cue", "speaker",
/// "speaker_name", "confidence", "origin", "offset_unit"}`.
pub(crate) fn quote_lines(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) {
    if doc.quotes().is_empty() {
        return;
    }
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let esc = Escaped::new(text, u.index());
    for q in doc.quotes() {
        out.extend_from_slice(b"{\"document\":");
        json::str(out, doc.id());
        out.extend_from_slice(b",\"quote_id\":");
        json::str(out, q.id());
        position(out, &u, &esc, q.start(), q.end());
        quote_fields(out, &u, &esc, q);
        out.extend_from_slice(b",\"offset_unit\":");
        json::str(out, opts.unit());
        out.extend_from_slice(b"}\n");
    }
}

fn confidence(c: &mut Checker<'_>, what: &Part, v: Option<&Value>) -> Option<f64> {
    match v {
        None | Some(Value::Null) => None,
        Some(x) => match x.as_f64() {
            Some(f) if (0.0..=1.0).contains(&f) => Some(f),
            _ => {
                c.problem(Some(what.clone()), K::BadConfidence { found: x.to_string() });
                None
            }
        },
    }
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
    let status = match str_of(&obj, "status") {
        None => opts.status,
        Some(s) => parse_status(s).ok_or_else(|| one(K::StatusNotOneOf { found: s.to_string() }))?,
    };
    let title = str_of(&obj, "title").map(str::to_string).unwrap_or_else(|| crate::import::title_from_text(&text));
    let lang = str_of(&obj, "lang").filter(|l| !l.is_empty()).map(str::to_string);
    let mut meta = match obj.get("meta") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    // Keys Sanad does not know (what `sanad annotate` passes through) are kept under meta.
    const KNOWN: [&str; 9] = ["id", "title", "lang", "status", "text", "meta", "offset_unit", "spans", "quotes"];
    for (k, v) in &obj {
        if !KNOWN.contains(&k.as_str()) {
            meta.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    let mut c = Checker::new(file, Some(line), &text, utf16);
    let mut spans = Vec::new();
    let empty = Vec::new();
    let arr = |key: &str| obj.get(key).and_then(Value::as_array).unwrap_or(&empty);
    for (i, s) in arr("spans").iter().enumerate() {
        let what = Part::Span { n: i + 1 };
        let Some(s) = s.as_object() else {
            c.problem(Some(what), K::ExpectedObject);
            continue;
        };
        let r = c.range(&what, s.get("start"), s.get("end"), str_of(s, "text"));
        let conf = confidence(&mut c, &what, s.get("confidence"));
        let origin = str_of(s, "origin").and_then(parse_origin).unwrap_or(opts.origin);
        let sid = str_of(s, "id").map(str::to_string).unwrap_or_else(|| format!("s{}", i + 1));
        let Some(label) = str_of(s, "label") else {
            c.problem(Some(what), K::ExpectedLabel);
            continue;
        };
        if let Some(r) = r {
            match Span::new(sid, r, label, origin)
                .and_then(|sp| sp.with_author(str_of(s, "author").map(str::to_string)).with_confidence(conf))
            {
                Ok(sp) => spans.push(sp),
                Err(e) => c.problem(Some(what), K::Model(e)),
            }
        }
    }
    let mut quotes = Vec::new();
    for (i, q) in arr("quotes").iter().enumerate() {
        let what = Part::Quote { n: i + 1, field: None };
        let Some(q) = q.as_object() else {
            c.problem(Some(what), K::ExpectedObject);
            continue;
        };
        let r = c.range(&what, q.get("start"), q.get("end"), str_of(q, "text"));
        let kind = match parse_kind(q.get("kind")) {
            Ok(k) => k,
            Err(k) => {
                c.problem(Some(what), k);
                continue;
            }
        };
        let sub = |c: &mut Checker<'_>, key: &'static str| -> Option<Option<(Range, Option<String>)>> {
            match q.get(key) {
                None | Some(Value::Null) => Some(None),
                Some(Value::Object(o)) => {
                    let part = Part::Quote { n: i + 1, field: Some(key) };
                    let r = c.range(&part, o.get("start"), o.get("end"), str_of(o, "text"))?;
                    Some(Some((r, str_of(o, "span").map(str::to_string))))
                }
                Some(_) => {
                    c.problem(Some(Part::Quote { n: i + 1, field: None }), K::RangeNotAnObject { key });
                    None
                }
            }
        };
        let cue = sub(&mut c, "cue");
        let speaker = sub(&mut c, "speaker");
        let conf = confidence(&mut c, &what, q.get("confidence"));
        let (Some(r), Some(cue), Some(speaker)) = (r, cue, speaker) else { continue };
        let origin = str_of(q, "origin").and_then(parse_origin).unwrap_or(opts.origin);
        let qid = str_of(q, "id").map(str::to_string).unwrap_or_else(|| format!("q{}", i + 1));
        let built = Quote::new(qid, r, kind, origin).and_then(|x| {
            x.with_cue(cue.map(|c| c.0))
                .with_speaker(speaker.map(|(r, s)| Speaker::new(r, s)), str_of(q, "speaker_name").map(str::to_string))
                .with_author(str_of(q, "author").map(str::to_string))
                .with_confidence(conf)
        });
        match built {
            Ok(x) => quotes.push(x),
            Err(e) => c.problem(Some(what), K::Model(e)),
        }
    }
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    drop(c);
    let lang = lang.unwrap_or_else(|| crate::lang::detect(&text).to_string());
    Document::new(id, title, lang, text)
        .map(|d| d.with_meta(meta).with_status(status))
        .and_then(|d| d.with_annotations(spans, quotes))
        .map_err(|e| one(K::Model(e)))
}
