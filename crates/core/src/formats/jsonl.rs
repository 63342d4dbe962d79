//! Sanad JSONL (what `sanad annotate` writes, with quotes) and the quotes table.
//!
//! ```json
//! {"id", "title", "lang", "status", "text", "meta", "offset_unit",
//!  "spans": [{"id", "start", "end", "label", "text", "confidence", "origin", "author"}],
//!  "quotes": [{"id", "start", "end", "text", "kind", "cue": {"start", "end"}, "speaker": {"start", "end", "span"},
//!              "speaker_name", "confidence", "origin", "author"}]}
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use super::{
    err, id_of, origin_name, parse_origin, parse_status, record_utf16, status_name, str_of, to_line, Checker,
    ExportError, ExportOptions, ImportOptions, Units,
};
use crate::import::ImportError;
use crate::model::{Document, Quote, QuoteKind, Range, Span, Speaker};

/// A range with its text (and the entity span it names, for speakers).
#[derive(Serialize)]
pub(crate) struct RangeOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<&'a str>,
}

fn range_out<'a>(u: &Units, text: &'a str, r: Range, span: Option<&'a str>) -> RangeOut<'a> {
    RangeOut { start: u.out(r.start()), end: u.out(r.end()), text: u.slice(text, r.start(), r.end()), span }
}

pub(crate) fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

pub(crate) fn parse_kind(v: Option<&Value>) -> Result<QuoteKind, String> {
    match v.and_then(Value::as_str) {
        Some("direct") => Ok(QuoteKind::Direct),
        Some("indirect") => Ok(QuoteKind::Indirect),
        Some("mixed") => Ok(QuoteKind::Mixed),
        None => Ok(QuoteKind::Direct),
        Some(other) => Err(format!("quote kind {other:?}: expected \"direct\", \"indirect\" or \"mixed\"")),
    }
}

#[derive(Serialize)]
struct SpanOut<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    confidence: Option<f64>,
    origin: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    cue: Option<RangeOut<'a>>,
    speaker: Option<RangeOut<'a>>,
    speaker_name: Option<&'a str>,
    confidence: Option<f64>,
    origin: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'a str,
    status: &'static str,
    text: &'a str,
    meta: &'a Map<String, Value>,
    offset_unit: &'static str,
    spans: Vec<SpanOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    document: &'a str,
    quote_id: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    cue: Option<RangeOut<'a>>,
    speaker: Option<RangeOut<'a>>,
    speaker_name: Option<&'a str>,
    confidence: Option<f64>,
    origin: &'static str,
    offset_unit: &'static str,
}

fn speaker_out<'a>(u: &Units, text: &'a str, q: &'a Quote) -> Option<RangeOut<'a>> {
    q.speaker().map(|sp| range_out(u, text, sp.range(), sp.span()))
}

pub(crate) fn record(doc: &Document, opts: &ExportOptions, buf: &mut Vec<u8>) -> Result<(), ExportError> {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let spans = doc
        .spans()
        .iter()
        .map(|s| SpanOut {
            id: s.id(),
            start: u.out(s.start()),
            end: u.out(s.end()),
            label: s.label(),
            text: u.slice(text, s.start(), s.end()),
            confidence: s.confidence(),
            origin: origin_name(s.origin()),
            author: s.author(),
        })
        .collect();
    let quotes = doc
        .quotes()
        .iter()
        .map(|q| QuoteOut {
            id: q.id(),
            start: u.out(q.start()),
            end: u.out(q.end()),
            text: u.slice(text, q.start(), q.end()),
            kind: kind_name(q.kind()),
            cue: q.cue().map(|c| range_out(&u, text, c, None)),
            speaker: speaker_out(&u, text, q),
            speaker_name: q.speaker_name(),
            confidence: q.confidence(),
            origin: origin_name(q.origin()),
            author: q.author(),
        })
        .collect();
    let out = DocOut {
        id: doc.id(),
        title: doc.title(),
        lang: doc.lang(),
        status: status_name(doc.status()),
        text,
        meta: doc.meta(),
        offset_unit: opts.unit(),
        spans,
        quotes,
    };
    to_line(buf, doc.id(), &out)
}

/// One line per quote.
pub(crate) fn quote_lines(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) -> Result<(), ExportError> {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    for q in doc.quotes() {
        let line = QuoteLine {
            document: doc.id(),
            quote_id: q.id(),
            start: u.out(q.start()),
            end: u.out(q.end()),
            text: u.slice(text, q.start(), q.end()),
            kind: kind_name(q.kind()),
            cue: q.cue().map(|c| range_out(&u, text, c, None)),
            speaker: speaker_out(&u, text, q),
            speaker_name: q.speaker_name(),
            confidence: q.confidence(),
            origin: origin_name(q.origin()),
            offset_unit: opts.unit(),
        };
        to_line(out, doc.id(), &line)?;
        out.push(b'\n');
    }
    Ok(())
}

fn confidence(c: &mut Checker<'_>, what: &str, v: Option<&Value>) -> Option<f64> {
    match v {
        None | Some(Value::Null) => None,
        Some(x) => match x.as_f64() {
            Some(f) if (0.0..=1.0).contains(&f) => Some(f),
            _ => {
                c.problem(format!("{what}: confidence {x} is not a number between 0 and 1"));
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
    let one = |m: String| vec![err(file, Some(line), None, m)];
    let text = match obj.remove("text") {
        Some(Value::String(t)) if !t.is_empty() => t,
        _ => return Err(one("expected a non-empty \"text\" string".into())),
    };
    let utf16 = record_utf16(&obj).map_err(one)?;
    let id = id_of(obj.get("id"), &text).map_err(one)?;
    let status = match str_of(&obj, "status") {
        None => opts.status,
        Some(s) => {
            parse_status(s).ok_or_else(|| one(format!("status {s:?} is not new, in_progress, done or skipped")))?
        }
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
        let what = format!("span {}", i + 1);
        let Some(s) = s.as_object() else {
            c.problem(format!("{what}: expected an object"));
            continue;
        };
        let r = c.range(&what, s.get("start"), s.get("end"), str_of(s, "text"));
        let conf = confidence(&mut c, &what, s.get("confidence"));
        let origin = str_of(s, "origin").and_then(parse_origin).unwrap_or(opts.origin);
        let sid = str_of(s, "id").map(str::to_string).unwrap_or_else(|| format!("s{}", i + 1));
        let Some(label) = str_of(s, "label") else {
            c.problem(format!("{what}: expected a \"label\" string"));
            continue;
        };
        if let Some(r) = r {
            match Span::new(sid, r, label, origin)
                .and_then(|sp| sp.with_author(str_of(s, "author").map(str::to_string)).with_confidence(conf))
            {
                Ok(sp) => spans.push(sp),
                Err(e) => c.problem(format!("{what}: {e}")),
            }
        }
    }
    let mut quotes = Vec::new();
    for (i, q) in arr("quotes").iter().enumerate() {
        let what = format!("quote {}", i + 1);
        let Some(q) = q.as_object() else {
            c.problem(format!("{what}: expected an object"));
            continue;
        };
        let r = c.range(&what, q.get("start"), q.get("end"), str_of(q, "text"));
        let kind = match parse_kind(q.get("kind")) {
            Ok(k) => k,
            Err(m) => {
                c.problem(format!("{what}: {m}"));
                continue;
            }
        };
        let sub = |c: &mut Checker<'_>, key: &str| -> Option<Option<(Range, Option<String>)>> {
            match q.get(key) {
                None | Some(Value::Null) => Some(None),
                Some(Value::Object(o)) => {
                    let r = c.range(&format!("{what} {key}"), o.get("start"), o.get("end"), str_of(o, "text"))?;
                    Some(Some((r, str_of(o, "span").map(str::to_string))))
                }
                Some(_) => {
                    c.problem(format!("{what}: \"{key}\" must be an object with start and end"));
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
            Err(e) => c.problem(format!("{what}: {e}")),
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
        .map_err(|e| one(e.to_string()))
}
