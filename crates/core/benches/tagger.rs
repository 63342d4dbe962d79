//! Tagging throughput (tokens per second, one core) on the dev sets, with the committed models.
//!
//! `cargo bench -p sanad-core --bench tagger`. Needs `../shared/data/ner/*-dev.conll` beside the
//! repository; a language whose data or model is missing is skipped with a note.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sanad_core::nlp::{conll, model_file, tag_sentences, Annotator};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bench(c: &mut Criterion) {
    for (lang, dev) in [("ar", "anercorp-dev.conll"), ("en", "en-dev.conll")] {
        let model = root().join(format!("../../static/models/{lang}.sanad-model"));
        let data = root().join(format!("../../../shared/data/ner/{dev}"));
        let (Ok(mb), Ok(text)) = (std::fs::read(&model), std::fs::read_to_string(&data)) else {
            eprintln!("skipping {lang}: {} or {} is missing", model.display(), data.display());
            continue;
        };
        let tagger = model_file::from_bytes(&mb).expect("model loads");
        let sents: Vec<Vec<String>> = conll::parse(&text).expect("dev parses").into_iter().map(|s| s.words).collect();
        let tokens: usize = sents.iter().map(Vec::len).sum();
        let mut g = c.benchmark_group(format!("tagger-{lang}"));
        g.throughput(Throughput::Elements(tokens as u64));
        g.sample_size(10);
        g.bench_function("tag_sentences (pre-tokenized dev set)", |b| b.iter(|| tag_sentences(&tagger, &sents, true)));
        // Full pipeline on raw text: tokenize, split, tag, consistency pass, dates.
        let raw: String = sents.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join("\n");
        let ann = Annotator::new(vec![model_file::from_bytes(&mb).expect("model loads")]);
        g.bench_function("annotate (raw dev text)", |b| b.iter(|| ann.annotate_as(&raw, lang)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
