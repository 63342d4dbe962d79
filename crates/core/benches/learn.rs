//! Online learning (issue 15): the time of one update, `Learner::learn_document` on a done article of
//! about 1,000 words, with the committed models. Budget: 20 ms per article in the page's worker
//! (docs/BENCHMARKS.md, "Learning from done articles"); this measures the native time.
//!
//! The article is the demo library's hand-annotated articles of one language (demo/library.json)
//! joined, paragraph after paragraph and again from the first, until it holds 1,000 words, with
//! their gold spans: the model's mistakes on them are what the update corrects. Each iteration
//! starts from a learner that has already learned one other article (a delta that is not empty).
//!
//! `cargo bench -p sanad-core --bench learn`. Needs nothing outside the repository.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use sanad_core::nlp::learn::{read_model, Learner};
use sanad_core::{Document, Origin, Project, Range, Span, Status};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo articles of `lang` joined until `words` words, with their spans, marked done.
fn article(docs: &[Document], lang: &str, words: usize, id: &str) -> Document {
    let mine: Vec<&Document> = docs.iter().filter(|d| d.lang() == lang).collect();
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut cp = 0;
    let mut n = 0;
    for d in mine.iter().cycle() {
        if n >= words {
            break;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
            cp += 2;
        }
        for s in d.spans() {
            let r = Range::new(cp + s.start(), cp + s.end()).unwrap();
            spans.push(Span::new(format!("s{}", spans.len() + 1), r, s.label(), Origin::Editor).unwrap());
        }
        text.push_str(d.text());
        cp += d.text().chars().count();
        n += d.text().split_whitespace().count();
    }
    Document::new(id, "", lang, text).unwrap().with_status(Status::Done).with_annotations(spans, vec![]).unwrap()
}

fn bench(c: &mut Criterion) {
    let library = std::fs::read_to_string(root().join("demo/library.json")).unwrap();
    let docs = Project::from_json(&library).unwrap().into_documents();
    for lang in ["ar", "en"] {
        let bytes = std::fs::read(root().join(format!("static/models/{lang}.sanad-model"))).unwrap();
        let (tagger, _) = read_model(&bytes).unwrap();
        let warm = article(&docs, lang, 300, "warm");
        let doc = article(&docs, lang, 1000, "a");
        let mut learner = Learner::new(&tagger);
        learner.learn_document(&tagger, &warm).unwrap();
        let words = doc.text().split_whitespace().count();
        let mut g = c.benchmark_group(format!("learn-{lang}"));
        g.throughput(Throughput::Elements(words as u64));
        g.sample_size(20);
        g.bench_function(format!("learn_document ({words} words, {} spans)", doc.spans().len()), |b| {
            b.iter_batched(|| learner.clone(), |mut l| l.learn_document(&tagger, &doc).unwrap(), BatchSize::SmallInput)
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
