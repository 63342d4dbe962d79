//! Quote detection throughput (words per second, one core).
//!
//! `cargo bench -p sanad-core --bench quotes`. Two groups:
//! - `quotes-demo`: `quotes::detect` on the six demo articles with their gold entity spans;
//! - `quotes-vs-tagging-{ar,en}`: on the raw NER dev text (`../shared/data/ner/*-dev.conll`), the
//!   tagger (`Annotator::annotate_as`) and `quotes::detect` with the tagger's spans, side by side, to
//!   check the budget (quote detection adds at most 30% to tagging time). Skipped with a note when the
//!   data or the model is missing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanad_core::nlp::{conll, model_file, Annotator};
use sanad_core::{markup, quotes, Origin, Range, Span};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bench(c: &mut Criterion) {
    let dir = root().join("../../demo/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let docs: Vec<_> = files.iter().map(|f| markup::parse(&std::fs::read_to_string(f).unwrap()).unwrap()).collect();
    let words: usize = docs.iter().map(|d| d.text().split_whitespace().count()).sum();
    let mut g = c.benchmark_group("quotes-demo");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("detect (6 demo articles, gold entities)", |b| {
        b.iter(|| docs.iter().map(|d| quotes::detect(d.text(), d.lang(), d.spans()).len()).sum::<usize>())
    });
    g.finish();

    for (lang, dev) in [("ar", "anercorp-dev.conll"), ("en", "en-dev.conll")] {
        let model = root().join(format!("../../static/models/{lang}.sanad-model"));
        let data = root().join(format!("../../../shared/data/ner/{dev}"));
        let (Ok(mb), Ok(text)) = (std::fs::read(&model), std::fs::read_to_string(&data)) else {
            eprintln!("skipping {lang}: {} or {} is missing", model.display(), data.display());
            continue;
        };
        let Ok(tagger) = model_file::from_bytes(&mb) else {
            eprintln!("skipping {lang}: {} does not load", model.display());
            continue;
        };
        let ann = Annotator::new(vec![tagger]);
        let sents: Vec<Vec<String>> = conll::parse(&text).expect("dev parses").into_iter().map(|s| s.words).collect();
        let tokens: usize = sents.iter().map(Vec::len).sum();
        let raw: String = sents.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join("\n");
        let spans: Vec<Span> = ann
            .annotate_as(&raw, lang)
            .into_iter()
            .enumerate()
            .filter_map(|(n, e)| {
                Span::new(format!("t{n}"), Range::new(e.start, e.end).ok()?, e.label, Origin::Model).ok()
            })
            .collect();
        let mut g = c.benchmark_group(format!("quotes-vs-tagging-{lang}"));
        g.throughput(Throughput::Elements(tokens as u64));
        g.sample_size(10);
        g.bench_function("annotate (raw dev text)", |b| b.iter(|| ann.annotate_as(&raw, lang)));
        g.bench_function("quotes::detect (raw dev text, tagger spans)", |b| {
            b.iter(|| quotes::detect(&raw, lang, &spans))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
