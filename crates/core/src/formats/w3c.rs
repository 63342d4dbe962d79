//! W3C Web Annotation JSON-LD: one `AnnotationPage` per document per line.
//!
//! Each span is an `Annotation` with a tagging `TextualBody` (the label) and a target with a
//! `TextPositionSelector` (code points, as the model says, or UTF-16 when asked and stated) and a
//! `TextQuoteSelector` (`exact`, and 32 code points of `prefix`/`suffix`). Quotes are annotations
//! with the body `QUOTE` and their kind, cue and speaker under `sanad:quote`. The document itself
//! (text, title, language, status, meta) travels under `sanad:document`, so a page is
//! self-contained; the `sanad:` terms are defined in the page's context.

use serde::Serialize;
use serde_json::{Map, Value};

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

#[derive(Serialize)]
struct PositionSel {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct QuoteSel<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    source: &'a str,
    selector: (PositionSel, QuoteSel<'a>),
}

#[derive(Serialize)]
struct BodyOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct Pos<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteExt<'a> {
    kind: &'static str,
    cue: Option<Pos<'a>>,
    speaker: Option<Pos<'a>>,
    speaker_name: Option<&'a str>,
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: BodyOut<'a>,
    target: TargetOut<'a>,
    #[serde(rename = "sanad:origin")]
    origin: &'static str,
    #[serde(rename = "sanad:quote", skip_serializing_if = "Option::is_none")]
    quote: Option<QuoteExt<'a>>,
    #[serde(rename = "sanad:confidence", skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<&'a str>,
}

#[derive(Serialize)]
struct Vocab {
    sanad: &'static str,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    lang: &'a str,
    status: &'static str,
    text: &'a str,
    meta: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct PageOut<'a> {
    #[serde(rename = "@context")]
    context: (&'static str, Vocab),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    offset_unit: &'static str,
    #[serde(rename = "sanad:document")]
    document: DocOut<'a>,
    items: Vec<AnnotationOut<'a>>,
}

fn pos<'a>(u: &Units, r: crate::model::Range, span: Option<&'a str>) -> Pos<'a> {
    Pos { start: u.out(r.start()), end: u.out(r.end()), span }
}

fn target<'a>(u: &Units, text: &'a str, source: &'a str, start: usize, end: usize) -> TargetOut<'a> {
    let pre_from = start.saturating_sub(AFFIX);
    let suf_to = (end + AFFIX).min(u.index().cp_len());
    TargetOut {
        source,
        selector: (
            PositionSel { kind: "TextPositionSelector", start: u.out(start), end: u.out(end) },
            QuoteSel {
                kind: "TextQuoteSelector",
                exact: u.slice(text, start, end),
                prefix: u.slice(text, pre_from, start),
                suffix: u.slice(text, end, suf_to),
            },
        ),
    }
}

pub(crate) fn record(doc: &Document, opts: &ExportOptions) -> Result<String, ExportError> {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let source = format!("urn:sanad:doc:{}", encode(doc.id()));
    let mut items = Vec::with_capacity(doc.spans().len() + doc.quotes().len());
    for s in doc.spans() {
        items.push(AnnotationOut {
            id: format!("{source}#{}", encode(s.id())),
            kind: "Annotation",
            motivation: "tagging",
            body: BodyOut { kind: "TextualBody", purpose: "tagging", value: s.label() },
            target: target(&u, text, &source, s.start(), s.end()),
            origin: origin_name(s.origin()),
            quote: None,
            confidence: s.confidence(),
            creator: s.author(),
        });
    }
    for q in doc.quotes() {
        items.push(AnnotationOut {
            id: format!("{source}#{}", encode(q.id())),
            kind: "Annotation",
            motivation: "tagging",
            body: BodyOut { kind: "TextualBody", purpose: "tagging", value: "QUOTE" },
            target: target(&u, text, &source, q.start(), q.end()),
            origin: origin_name(q.origin()),
            quote: Some(QuoteExt {
                kind: kind_name(q.kind()),
                cue: q.cue().map(|c| pos(&u, c, None)),
                speaker: q.speaker().map(|sp| pos(&u, sp.range(), sp.span())),
                speaker_name: q.speaker_name(),
            }),
            confidence: q.confidence(),
            creator: q.author(),
        });
    }
    let page = PageOut {
        context: ("http://www.w3.org/ns/anno.jsonld", Vocab { sanad: CONTEXT_VOCAB }),
        id: format!("{source}:annotations"),
        kind: "AnnotationPage",
        offset_unit: opts.unit(),
        document: DocOut {
            id: doc.id(),
            title: doc.title(),
            lang: doc.lang(),
            status: status_name(doc.status()),
            text,
            meta: doc.meta(),
        },
        items,
    };
    to_line(doc.id(), &page)
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
