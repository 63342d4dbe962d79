//! Exporting 10,000 synthetic documents (about 20 MB of UTF-8 text, 500,000 spans, 50,000 quotes) to each
//! format. Budget: 2 s native per format (docs/BENCHMARKS.md, "Formats (issue 6)").
//!
//! Run: `cargo bench -p sanad-core --bench formats`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use sanad_core::formats::{brat, ExportOptions, Format, StreamWriter};
use sanad_core::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker, Status};

const AR: &[&str] = &["قال", "لافروف", "إن", "لروسيا", "دورا", "في", "القاهرة", "وبوتين", "مُحَمَّد", "الرئيس", "اليوم"];
const EN: &[&str] =
    &["Lavrov", "told", "Reuters", "that", "the", "café", "in", "Paris", "was", "open", "😀", "Jose\u{301}"];
const LABELS: &[&str] = &["PER", "LOC", "ORG", "MISC", "DATE"];

/// One document of about 2,000 bytes of UTF-8 (1,000 code points of Arabic or 2,000 of English) with
/// 50 one-word spans and 5 quotes.
fn synth(n: usize) -> Document {
    let words = if n.is_multiple_of(2) { AR } else { EN };
    let target = if n.is_multiple_of(2) { 990 } else { 1990 };
    let mut text = String::with_capacity(4096);
    let mut starts = Vec::new();
    let mut cp = 0;
    let mut k = n;
    while cp < target {
        let w = words[k % words.len()];
        starts.push((cp, cp + w.chars().count()));
        text.push_str(w);
        cp += w.chars().count();
        let sep = if k.is_multiple_of(17) { ".\r\n" } else { " " };
        text.push_str(sep);
        cp += sep.chars().count();
        k = k.wrapping_mul(31).wrapping_add(7) % 1_000_003;
    }
    let step = starts.len() / 50;
    let spans: Vec<Span> = (0..50)
        .map(|i| {
            let (s, e) = starts[i * step];
            let origin = if i % 3 == 0 { Origin::Model } else { Origin::Editor };
            Span::new(format!("s{i}"), Range::new(s, e).unwrap(), LABELS[i % LABELS.len()], origin)
                .unwrap()
                .with_confidence((origin == Origin::Model).then_some(0.75))
                .unwrap()
        })
        .collect();
    let quotes: Vec<Quote> = (0..5)
        .map(|i| {
            let a = i * step * 10 + 1;
            let (s, _) = starts[a];
            let (_, e) = starts[a + 5];
            let sp = &spans[i * 10];
            Quote::new(format!("q{i}"), Range::new(s, e).unwrap(), QuoteKind::Direct, Origin::Editor)
                .unwrap()
                .with_cue(Some(Range::new(starts[a - 1].0, starts[a - 1].1).unwrap()))
                .with_speaker(Some(Speaker::new(sp.range(), Some(sp.id().to_string()))), None)
        })
        .collect();
    Document::new(format!("doc-{n}"), "t", if n.is_multiple_of(2) { "ar" } else { "en" }, text)
        .unwrap()
        .with_status(Status::Done)
        .with_annotations(spans, quotes)
        .unwrap()
}

fn corpus() -> Vec<Document> {
    (0..10_000).map(synth).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let spans: usize = docs.iter().map(|d| d.spans().len()).sum();
    eprintln!("corpus: {} documents, {:.1} MB of text, {} spans", docs.len(), bytes as f64 / 1e6, spans);
    let mut g = c.benchmark_group("export_10k_docs");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(8));
    for f in [
        Format::Jsonl,
        Format::Prodigy,
        Format::Doccano,
        Format::DoccanoRel,
        Format::LabelStudio,
        Format::Conll,
        Format::W3c,
        Format::Quotes,
    ] {
        g.bench_function(f.name(), |b| {
            b.iter(|| {
                let mut w = StreamWriter::new(f, ExportOptions::default(), std::io::sink()).unwrap();
                for d in &docs {
                    w.write(d).unwrap();
                }
                w.finish().unwrap().0
            })
        });
    }
    g.bench_function("brat", |b| b.iter(|| brat::export(&docs, &ExportOptions::default()).unwrap().1));
    let mut project = sanad_core::Project::new("bench");
    for d in &docs {
        project.upsert(d.clone());
    }
    g.bench_function("sanad-project", |b| b.iter(|| project.to_json().len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
