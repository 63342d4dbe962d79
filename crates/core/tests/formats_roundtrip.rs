//! Export -> import round trips for every format, on generated documents with Arabic clitics,
//! emoji (astral, ZWJ sequences, flags) before spans, combining marks, tabs and CRLF: what each
//! format carries (docs/FORMATS.md) comes back exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sanad_core::formats::{brat, export_bytes, read_all, ExportOptions, Format, ImportOptions};
use sanad_core::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker, Status};
use serde_json::{json, Map};

const WORDS: &[&str] = &[
    "لروسيا",
    "وبوتين",
    "مُحَمَّد",
    "القاهرة",
    "بالعاصمة",
    "Putin",
    "Lavrov",
    "Jose\u{301}",
    "😀",
    "👩\u{200d}💻",
    "🇸🇦",
    "Société",
    "ok",
    "١٢",
    "e\u{301}\u{301}",
];
const SEPS: &[&str] = &[" ", "\r\n", "\t", ", ", "  ", " «", "». ", " 👨\u{200d}👩\u{200d}👧 ", "\n\n"];
const LABELS: &[&str] = &["PER", "LOC", "ORG", "MISC"];

type RawSpan = (usize, usize, usize, Option<u8>, bool, bool);
type RawQuote = (usize, usize, usize, Option<usize>, Option<(bool, usize)>, Option<u8>);

fn build(words: Vec<(usize, usize)>, raw_spans: Vec<RawSpan>, raw_quotes: Vec<RawQuote>, n: usize) -> Document {
    let mut text = String::new();
    let mut ranges = Vec::new();
    let mut cp = 0;
    for (w, s) in &words {
        let w = WORDS[w % WORDS.len()];
        let len = w.chars().count();
        ranges.push((cp, cp + len, w));
        text.push_str(w);
        cp += len;
        let s = SEPS[s % SEPS.len()];
        text.push_str(s);
        cp += s.chars().count();
    }
    let nw = ranges.len();
    let mut spans = Vec::new();
    for (i, (a, k, l, conf, model, clitic)) in raw_spans.into_iter().enumerate() {
        let (a, b) = (a % nw, (a % nw + k % 3).min(nw - 1));
        let mut start = ranges[a].0;
        // A span on the stem of a word with a proclitic: ل + [روسيا], و + [بوتين].
        if clitic && a == b && (ranges[a].2 == "لروسيا" || ranges[a].2 == "وبوتين") {
            start += 1;
        }
        let origin = if model { Origin::Model } else { Origin::Editor };
        let s =
            Span::new(format!("s{}", i + 1), Range::new(start, ranges[b].1).unwrap(), LABELS[l % LABELS.len()], origin)
                .unwrap()
                .with_confidence(conf.map(|c| f64::from(c) / 255.0))
                .unwrap();
        spans.push(s);
    }
    let mut quotes = Vec::new();
    for (i, (a, k, kind, cue, speaker, conf)) in raw_quotes.into_iter().enumerate() {
        let (a, b) = (a % nw, (a % nw + k % 4).min(nw - 1));
        // Prodigy names regions by offsets and label: two quotes on the same range are one region there.
        if quotes.iter().any(|q: &Quote| q.start() == ranges[a].0 && q.end() == ranges[b].1) {
            continue;
        }
        let kind = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed][kind % 3];
        let cue = cue.map(|c| Range::new(ranges[c % nw].0, ranges[c % nw].1).unwrap());
        let speaker = speaker.map(|(tied, x)| {
            if tied && !spans.is_empty() {
                let s: &Span = &spans[x % spans.len()];
                Speaker::new(s.range(), Some(s.id().to_string()))
            } else {
                Speaker::new(Range::new(ranges[x % nw].0, ranges[x % nw].1).unwrap(), None)
            }
        });
        let origin = if conf.is_some() { Origin::Model } else { Origin::Editor };
        let q = Quote::new(format!("q{}", i + 1), Range::new(ranges[a].0, ranges[b].1).unwrap(), kind, origin)
            .unwrap()
            .with_cue(cue)
            .with_speaker(speaker, None)
            .with_confidence(conf.map(|c| f64::from(c) / 255.0))
            .unwrap();
        quotes.push(q);
    }
    let mut meta = Map::new();
    meta.insert("source".into(), json!("gen"));
    meta.insert("n".into(), json!(n));
    let lang = sanad_core::lang::detect(&text).to_string();
    let title = sanad_core::import::title_from_text(&text);
    Document::new(format!("d{n}"), title, lang, text)
        .unwrap()
        .with_meta(meta)
        .with_status(Status::Done)
        .with_annotations(spans, quotes)
        .unwrap()
}

fn doc_strategy(n: usize) -> impl Strategy<Value = Document> {
    (
        prop::collection::vec((0usize..100, 0usize..100), 1..10),
        prop::collection::vec(
            (0usize..100, 0usize..6, 0usize..4, prop::option::of(any::<u8>()), any::<bool>(), any::<bool>()),
            0..6,
        ),
        prop::collection::vec(
            (
                0usize..100,
                0usize..6,
                0usize..3,
                prop::option::of(0usize..100),
                prop::option::of((any::<bool>(), 0usize..100)),
                prop::option::of(any::<u8>()),
            ),
            0..3,
        ),
    )
        .prop_map(move |(w, s, q)| build(w, s, q, n))
}

fn docs_strategy() -> impl Strategy<Value = Vec<Document>> {
    (doc_strategy(1), doc_strategy(2)).prop_map(|(a, b)| vec![a, b])
}

/// Spans as (start, end, label), sorted.
fn span_keys(d: &Document) -> Vec<(usize, usize, String)> {
    let mut v: Vec<_> = d.spans().iter().map(|s| (s.start(), s.end(), s.label().to_string())).collect();
    v.sort();
    v
}

/// Quotes as (range, kind, cue, speaker range, tied entity (range, label)), sorted.
type QuoteKey = (Range, String, Option<Range>, Option<Range>, Option<(Range, String)>);
fn quote_keys(d: &Document, kind: bool, ties: bool) -> Vec<QuoteKey> {
    let mut v: Vec<QuoteKey> = d
        .quotes()
        .iter()
        .map(|q| {
            let tie = q
                .speaker()
                .and_then(|s| s.span())
                .and_then(|id| d.span(id))
                .map(|s| (s.range(), s.label().to_string()))
                .filter(|_| ties);
            (
                q.range(),
                if kind { format!("{:?}", q.kind()) } else { String::new() },
                q.cue(),
                q.speaker().map(|s| s.range()),
                tie,
            )
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

fn stream_round_trip(format: Format, docs: &[Document], utf16: bool) -> Vec<Document> {
    let opts = ExportOptions { all: false, utf16, split_clitics: false };
    let (bytes, report) = export_bytes(format, docs, &opts).unwrap();
    assert_eq!(report.documents, docs.len());
    let (back, r) = read_all(format, "x", &bytes, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{format}: {e:?}\n{}", String::from_utf8_lossy(&bytes)));
    assert!(r.problems.is_empty());
    assert_eq!(back.len(), docs.len());
    back
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn jsonl_is_lossless(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::Jsonl, &docs, utf16);
        prop_assert_eq!(back, docs);
    }

    #[test]
    fn w3c_is_lossless(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::W3c, &docs, utf16);
        prop_assert_eq!(back, docs);
    }

    #[test]
    fn prodigy_keeps_text_spans_quotes_meta(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::Prodigy, &docs, utf16);
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(a.id(), b.id());
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(a.meta(), b.meta());
            prop_assert_eq!(span_keys(a), span_keys(b));
            prop_assert_eq!(quote_keys(a, true, true), quote_keys(b, true, true));
        }
    }

    #[test]
    fn doccano_rel_keeps_text_spans_quotes_meta(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::DoccanoRel, &docs, utf16);
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(a.id(), b.id());
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(a.meta(), b.meta());
            prop_assert_eq!(span_keys(a), span_keys(b));
            prop_assert_eq!(quote_keys(a, true, true), quote_keys(b, true, true));
        }
    }

    #[test]
    fn doccano_keeps_text_and_spans(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::Doccano, &docs, utf16);
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(a.id(), b.id());
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(span_keys(a), span_keys(b));
            prop_assert!(b.quotes().is_empty());
        }
    }

    #[test]
    fn label_studio_keeps_all_but_cross_origin_ties(docs in docs_strategy(), utf16 in any::<bool>()) {
        let back = stream_round_trip(Format::LabelStudio, &docs, utf16);
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(a.id(), b.id());
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(a.title(), b.title());
            prop_assert_eq!(a.lang(), b.lang());
            prop_assert_eq!(a.status(), b.status());
            prop_assert_eq!(a.meta(), b.meta());
            prop_assert_eq!(span_keys(a), span_keys(b));
            prop_assert_eq!(quote_keys(a, true, false), quote_keys(b, true, false));
            // Model spans come back as suggestions with their confidence.
            let model = |d: &Document| {
                let mut v: Vec<_> = d.spans().iter().filter(|s| s.origin() == Origin::Model)
                    .map(|s| (s.start(), s.end(), s.confidence().map(|c| c.to_bits()))).collect();
                v.sort();
                v
            };
            prop_assert_eq!(model(a), model(b));
        }
    }

    #[test]
    fn brat_keeps_text_spans_quotes(docs in docs_strategy()) {
        let (files, report) = brat::export(&docs, &ExportOptions::default()).unwrap();
        prop_assert_eq!(report.documents, docs.len());
        for (name, content) in &files {
            if name.ends_with(".ann") {
                for line in content.lines() {
                    // Exactly three tab-separated fields on T lines, no stray breaks.
                    if line.starts_with('T') {
                        prop_assert_eq!(line.split('\t').count(), 3, "{}", line);
                    }
                }
            }
        }
        let (back, _) = brat::import(files, &ImportOptions::default()).unwrap();
        prop_assert_eq!(back.len(), docs.len());
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(a.id(), b.id());
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(span_keys(a), span_keys(b));
            prop_assert_eq!(quote_keys(a, true, true), quote_keys(b, true, true));
            let conf = |d: &Document| {
                let mut v: Vec<_> = d.spans().iter().map(|s| (s.start(), s.end(), s.origin() == Origin::Model,
                    s.confidence().map(|c| c.to_bits()))).collect();
                v.sort();
                v
            };
            prop_assert_eq!(conf(a), conf(b));
        }
    }

    #[test]
    fn conll_keeps_non_overlapping_spans(docs in docs_strategy(), split in any::<bool>()) {
        let opts = ExportOptions { all: false, utf16: false, split_clitics: split };
        let (bytes, _) = export_bytes(Format::Conll, &docs, &opts).unwrap();
        let (back, _) = read_all(Format::Conll, "x.conll", &bytes, &ImportOptions::default()).unwrap();
        prop_assert_eq!(back.len(), docs.len());
        let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
        for (a, b) in docs.iter().zip(&back) {
            prop_assert_eq!(squash(a.text()), squash(b.text()));
            // The earliest, longest of overlapping spans is kept.
            let mut order: Vec<&Span> = a.spans().iter().collect();
            order.sort_by_key(|s| (s.start(), std::cmp::Reverse(s.end())));
            let mut kept: Vec<&Span> = Vec::new();
            for s in order {
                if kept.last().is_none_or(|k| s.start() >= k.end()) {
                    kept.push(s);
                }
            }
            let ix = a.index();
            let want: Vec<(String, String)> = kept.iter()
                .map(|s| (s.label().to_string(), squash(ix.slice(a.text(), s.start(), s.end()).unwrap())))
                .collect();
            let bx = b.index();
            let mut got: Vec<&Span> = b.spans().iter().collect();
            got.sort_by_key(|s| s.start());
            let got: Vec<(String, String)> = got.iter()
                .map(|s| (s.label().to_string(), squash(bx.slice(b.text(), s.start(), s.end()).unwrap())))
                .collect();
            prop_assert_eq!(want, got);
        }
    }

    #[test]
    fn quotes_table_has_one_line_per_quote(docs in docs_strategy(), utf16 in any::<bool>()) {
        let opts = ExportOptions { all: false, utf16, split_clitics: false };
        let (bytes, _) = export_bytes(Format::Quotes, &docs, &opts).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let total: usize = docs.iter().map(|d| d.quotes().len()).sum();
        prop_assert_eq!(lines.len(), total);
        let mut k = 0;
        for d in &docs {
            let ix = d.index();
            let units: Vec<u16> = d.text().encode_utf16().collect();
            for q in d.quotes() {
                let l = &lines[k];
                k += 1;
                prop_assert_eq!(l["document"].as_str(), Some(d.id()));
                let want = ix.slice(d.text(), q.start(), q.end()).unwrap();
                prop_assert_eq!(l["text"].as_str(), Some(want));
                let (s, e) = (l["start"].as_u64().unwrap() as usize, l["end"].as_u64().unwrap() as usize);
                let got = if utf16 { String::from_utf16(&units[s..e]).unwrap() } else { d.text().chars().skip(s).take(e - s).collect() };
                prop_assert_eq!(got.as_str(), want);
            }
        }
    }
}

/// A document whose text, ids, labels, names and meta hold every character JSON escapes.
fn escapes_doc(text: String, raw: Vec<(usize, usize, usize, Option<u8>)>, quote: Option<(usize, usize)>) -> Document {
    const LABELS: &[&str] = &["PER", "\"x\"", "a\\b", "tab\there"];
    let len = text.chars().count();
    let range = |a: usize, k: usize| Range::new(a % len, (a % len + k).min(len)).unwrap();
    let spans: Vec<Span> = raw
        .iter()
        .enumerate()
        .map(|(i, &(a, k, l, conf))| {
            let origin = if conf.is_some() { Origin::Model } else { Origin::Editor };
            Span::new(format!("s\"{i}\\"), range(a, k), LABELS[l % LABELS.len()], origin)
                .unwrap()
                .with_confidence(conf.map(|c| f64::from(c) / 255.0))
                .unwrap()
                .with_author((l % 2 == 0).then(|| "ed\u{1}\"".to_string()))
        })
        .collect();
    let quotes: Vec<Quote> = quote
        .map(|(a, k)| {
            let speaker = spans.first().map(|s| Speaker::new(s.range(), Some(s.id().to_string())));
            Quote::new("q\n1", range(a, k), QuoteKind::Direct, Origin::Editor)
                .unwrap()
                .with_cue(Some(range(a + 1, 1)))
                .with_speaker(speaker, Some("N\"\u{7f}".to_string()))
        })
        .into_iter()
        .collect();
    let mut meta = Map::new();
    meta.insert("k\"\n".into(), json!("v\\\u{0}"));
    Document::new("d\"/é\u{8}", "t\t\"", "ar", text)
        .unwrap()
        .with_meta(meta)
        .with_status(Status::Done)
        .with_annotations(spans, quotes)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The JSON formats are written by hand (formats::json): every record is exactly what
    /// serde_json writes for the value it holds (keys in order, its escapes, its numbers).
    #[test]
    fn hand_written_records_are_serde_json_text(
        text in "[\u{0}-\u{1f}\"\\\\a-z \u{7f}،لو\u{064B}😀\u{200d}\r\n]{1,40}",
        raw in prop::collection::vec((0usize..40, 1usize..6, 0usize..4, prop::option::of(any::<u8>())), 0..6),
        quote in prop::option::of((0usize..40, 1usize..6)),
        utf16 in any::<bool>(),
    ) {
        let doc = escapes_doc(text, raw, quote);
        for format in [
            Format::Jsonl,
            Format::Prodigy,
            Format::Doccano,
            Format::DoccanoRel,
            Format::LabelStudio,
            Format::W3c,
            Format::Quotes,
        ] {
            let opts = ExportOptions { all: false, utf16, split_clitics: false };
            let (bytes, _) = export_bytes(format, std::slice::from_ref(&doc), &opts).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let body = match format {
                Format::LabelStudio => text.strip_prefix("[\n").and_then(|t| t.strip_suffix("\n]\n")).unwrap(),
                _ => text.strip_suffix('\n').unwrap_or_default(),
            };
            for line in body.split('\n').filter(|l| !l.is_empty()) {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                prop_assert_eq!(serde_json::to_string(&value).unwrap(), line, "{}", format);
            }
            prop_assert_eq!(body.lines().count(), if format == Format::Quotes { doc.quotes().len() } else { 1 });
        }
    }
}
