//! Tagging throughput in CPU time (Linux): runs the tagger over a dev set many times and divides the
//! tokens by the process's user + system time, so other processes on a shared machine do not count.
//!
//! `cargo run --release -p sanad-core --example tagger_cpu -- ar raw 200` (`ar`|`en`, `raw` text
//! through `Annotator::annotate_as` or `pre`-tokenized sentences through `tag_sentences`, passes).
//! Needs `../shared/data/ner/*-dev.conll` beside the repository. Figures: docs/BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::PathBuf;

use sanad_core::nlp::{conll, model_file, tag_sentences, Annotator};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat (Linux only)");
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args.get(1).map_or("ar", String::as_str);
    let what = args.get(2).map_or("raw", String::as_str);
    let passes: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dev = if lang == "ar" { "anercorp-dev.conll" } else { "en-dev.conll" };
    let model = std::fs::read(root.join(format!("../../static/models/{lang}.sanad-model"))).expect("model");
    let text = std::fs::read_to_string(root.join(format!("../../../shared/data/ner/{dev}"))).expect("dev set");
    let sents: Vec<Vec<String>> = conll::parse(&text).expect("dev parses").into_iter().map(|s| s.words).collect();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let raw: String = sents.iter().map(|s| s.join(" ")).collect::<Vec<_>>().join("\n");
    let tagger = model_file::from_bytes(&model).expect("model loads");
    let ann = Annotator::new(vec![model_file::from_bytes(&model).expect("model loads")]);
    let t0 = cpu_seconds();
    let mut found = 0;
    for _ in 0..passes {
        found +=
            if what == "raw" { ann.annotate_as(&raw, lang).len() } else { tag_sentences(&tagger, &sents, true).len() };
    }
    let dt = cpu_seconds() - t0;
    println!(
        "{lang} {what}: {passes} passes of {tokens} tokens in {dt:.2} s CPU = {:.0} tokens/s ({found})",
        (tokens * passes) as f64 / dt
    );
}
