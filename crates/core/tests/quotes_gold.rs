//! The quote dev set and the scores quote detection must keep on it.
//!
//! - `tests/fixtures/quotes/demo-gold.jsonl` is generated from the hand-annotated demo articles
//!   (`demo/articles/*.txt`); this test fails when the two disagree. Regenerate with
//!   `UPDATE_QUOTES_GOLD=1 cargo test -p sanad-core --test quotes_gold`.
//! - `tests/fixtures/quotes/heldout*/` are articles written after the rules were frozen, with their
//!   gold generated the same way; their scores are asserted against floors (see [`HELDOUT_FLOORS`]).
//! - `tests/fixtures/quotes/seed-ar-gold.jsonl` holds our annotation of the seed article as offsets
//!   and labels only (the article's text is not ours to ship); its text is read from
//!   `../shared/samples/seed-ar-news.txt` and checked against the stored FNV-1a hash. The seed
//!   tests are `#[ignore]`d with that reason, so `cargo test` lists them as ignored by name; with
//!   `../shared` beside the repository, `make test` runs them with `--ignored` (and fails if they do).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use sanad_core::quotes::eval::{self, EvalDoc};
use sanad_core::quotes::{self, normalise_text};
use sanad_core::{markup, QuoteKind};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/quotes")
}

fn demo_docs() -> Vec<EvalDoc> {
    articles(&root().join("demo/articles"))
}

/// Articles written after the rules were frozen: scored and reported, never tuned on.
fn heldout_docs() -> Vec<EvalDoc> {
    articles(&fixtures().join("heldout"))
}

fn articles(dir: &Path) -> Vec<EvalDoc> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .iter()
        .map(|f| {
            let doc =
                markup::parse(&std::fs::read_to_string(f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            EvalDoc::from_document(&doc)
        })
        .collect()
}

fn resolver(dir: &Path) -> impl FnMut(&str) -> Result<String, String> + '_ {
    move |file: &str| std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())
}

/// The seed article's gold, its text read from `../shared` (the tests calling this are ignored
/// unless run with `--ignored`, which `make test` does only when `../shared` is there).
fn seed_docs() -> Vec<EvalDoc> {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed-ar-news.txt");
    assert!(seed.exists(), "{} is absent: this test needs ../shared beside the repository", seed.display());
    let src = std::fs::read_to_string(fixtures().join("seed-ar-gold.jsonl")).unwrap();
    let dir = fixtures();
    let mut read = resolver(&dir);
    eval::parse_jsonl(&src, &mut read).unwrap_or_else(|(l, e)| panic!("seed gold line {l}: {e}"))
}

fn check_generated(file: &str, docs: &[EvalDoc]) {
    let lines: Vec<String> = docs.iter().map(EvalDoc::to_json_line).collect();
    let json = lines.join("\n") + "\n";
    let path = fixtures().join(file);
    if std::env::var_os("UPDATE_QUOTES_GOLD").is_some() {
        std::fs::create_dir_all(fixtures()).unwrap();
        std::fs::write(&path, &json).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{file} (run with UPDATE_QUOTES_GOLD=1)"));
    assert!(
        committed == json,
        "tests/fixtures/quotes/{file} is stale: run `UPDATE_QUOTES_GOLD=1 cargo test -p sanad-core --test quotes_gold`"
    );
    let parsed = eval::parse_jsonl(&committed, &mut |_| Err("no text files".to_string())).unwrap();
    assert_eq!(parsed, docs);
}

#[test]
fn demo_gold_matches_the_demo_articles() {
    let docs = demo_docs();
    assert_eq!(docs.len(), 6);
    assert!(docs.iter().map(|d| d.quotes.len()).sum::<usize>() >= 50);
    check_generated("demo-gold.jsonl", &docs);
}

/// The least a held-out set must score, per language, with the gold entity spans:
/// `(set, language, overlap F1, exact F1, cue F1, speaker accuracy, kind accuracy)`.
///
/// These are the scores the rules had on each set when it was last checked (issue 13; `sanad
/// eval-quotes --gold tests/fixtures/quotes/heldout*-gold.jsonl` prints the same table), rounded down
/// to three decimals, so one more missed or invented quote, wrong cue or wrong speaker in any language
/// fails. The held-out texts are for an honest estimate, not for tuning: when a rule change fails
/// here, look at what changed on these texts; do not fit the rules to them, and lower a floor only
/// with the reason in the commit.
const HELDOUT_FLOORS: &[(&str, &str, f64, f64, f64, f64, f64)] = &[
    // Round 1: 31 gold quotes; the English miss and the wrong English speaker are known.
    ("heldout", "ar", 1.0, 1.0, 1.0, 1.0, 1.0),
    ("heldout", "en", 0.967, 0.967, 0.965, 0.933, 1.0),
    // Round 2: 25 gold quotes; one English speaker is wrong.
    ("heldout2", "ar", 1.0, 1.0, 1.0, 1.0, 1.0),
    ("heldout2", "en", 1.0, 1.0, 1.0, 0.916, 1.0),
];

/// Scores the held-out set `set` (a directory of `tests/fixtures/quotes`) against its floors.
fn check_heldout(set: &str) {
    let docs = articles(&fixtures().join(set));
    let pred: Vec<EvalDoc> = docs.iter().map(EvalDoc::predict).collect();
    let scores = eval::score(&docs, &pred, 0.5);
    eprintln!("{set} gold\n{}", eval::table(&scores, 0.5));
    let floors: Vec<_> = HELDOUT_FLOORS.iter().filter(|f| f.0 == set).collect();
    assert_eq!(floors.len(), 2, "{set}: floors for ar and en");
    for &&(_, lang, overlap, exact, cue, speaker, kind) in &floors {
        let s = scores.get(lang).unwrap_or_else(|| panic!("{set}: no {lang} documents"));
        let measured = [
            ("overlap F1", s.overlap.f1(), overlap),
            ("exact F1", s.exact.f1(), exact),
            ("cue F1", s.cue.f1(), cue),
            ("speaker accuracy", s.speaker_accuracy(), speaker),
            ("kind accuracy", s.kind_accuracy(), kind),
        ];
        for (what, got, floor) in measured {
            assert!(got >= floor, "{set} {lang}: {what} {got:.4} < {floor} (HELDOUT_FLOORS)");
        }
    }
}

#[test]
fn heldout_gold_matches_its_articles() {
    let docs = heldout_docs();
    assert_eq!(docs.len(), 4);
    check_generated("heldout-gold.jsonl", &docs);
    check_heldout("heldout");
}

#[test]
fn heldout2_gold_matches_its_articles() {
    let docs = articles(&fixtures().join("heldout2"));
    assert_eq!(docs.len(), 4);
    check_generated("heldout2-gold.jsonl", &docs);
    check_heldout("heldout2");
}

fn check_scores(name: &str, gold: &[EvalDoc]) {
    let pred: Vec<EvalDoc> = gold.iter().map(EvalDoc::predict).collect();
    let scores = eval::score(gold, &pred, 0.5);
    eprintln!("{name}\n{}", eval::table(&scores, 0.5));
    for (lang, s) in &scores {
        assert!(s.overlap.f1() >= 0.85, "{name} {lang}: overlap F1 {:.3} < 0.85", s.overlap.f1());
        assert!(s.speaker_accuracy() >= 0.85, "{name} {lang}: speaker accuracy {:.3} < 0.85", s.speaker_accuracy());
    }
}

#[test]
fn demo_gold_scores() {
    check_scores("demo gold", &demo_docs());
}

#[test]
#[ignore = "needs ../shared/samples/seed-ar-news.txt; run with --ignored when ../shared is present"]
fn shared_seed_gold_is_consistent_and_scores() {
    let docs = seed_docs();
    let d = &docs[0];
    assert_eq!(d.lang, "ar");
    assert!(d.quotes.len() >= 12);
    // Every quote speaker is one of the document's PER/ORG spans.
    for q in &d.quotes {
        let id = q.speaker_span.as_deref().unwrap();
        let span = d.spans.iter().find(|s| s.id() == id).unwrap();
        assert!(matches!(span.label(), "PER" | "ORG"));
    }
    check_scores("seed gold", &docs);
}

fn cut(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// Finds the predicted quote whose cue is `cue` (optionally only in the paragraph containing `para`).
fn by_cue<'a>(text: &str, qs: &'a [sanad_core::Quote], cue: &str, nth: usize) -> &'a sanad_core::Quote {
    qs.iter()
        .filter(|q| q.cue().is_some_and(|c| cut(text, c.start(), c.end()) == cue))
        .nth(nth)
        .unwrap_or_else(|| panic!("no quote #{nth} with cue {cue:?}"))
}

#[test]
#[ignore = "needs ../shared/samples/seed-ar-news.txt; run with --ignored when ../shared is present"]
fn shared_seed_article_statements() {
    let docs = seed_docs();
    let d = &docs[0];
    let qs = quotes::detect(&d.text, "ar", &d.spans);
    let t = d.text.as_str();
    let name = |q: &sanad_core::Quote| normalise_text(q.speaker_name().unwrap_or_default());
    let body = |q: &sanad_core::Quote| cut(t, q.start(), q.end());

    // Lavrov, reported: "وقال وزير الخارجية سيرغي لافروف ... إن الاتحاد الأوروبي يحاول ...".
    let q = by_cue(t, &qs, "وقال", 0);
    assert_eq!(q.kind(), QuoteKind::Indirect);
    assert_eq!(name(q), normalise_text("سيرغي لافروف"));
    assert!(body(q).starts_with("الاتحاد الأوروبي يحاول"), "{}", body(q));
    assert!(!body(q).ends_with('.'));

    // Peskov's "مستقلة": one mixed quote, not a separate direct one.
    let q = by_cue(t, &qs, "وقال", 1);
    assert_eq!(q.kind(), QuoteKind::Mixed);
    assert!(body(q).starts_with("كازاخستان \"مستقلة\""), "{}", body(q));
    assert_eq!(name(q), normalise_text("ديمتري بيسكوف"));
    assert!(!qs.iter().any(|x| body(x) == "مستقلة"));

    // The direct quote after "وأضاف:" is Peskov's.
    let q = qs.iter().find(|q| body(q) == "لكنه شريكنا الإستراتيجي").expect("direct after وأضاف:");
    assert_eq!(q.kind(), QuoteKind::Direct);
    assert_eq!(q.cue().map(|c| cut(t, c.start(), c.end())).as_deref(), Some("وأضاف"));
    assert_eq!(name(q), normalise_text("ديمتري بيسكوف"));
    assert_eq!(q.speaker().map(|s| cut(t, s.range().start(), s.range().end())).as_deref(), Some("بيسكوف"));

    // Lavrov, direct after "وأكد لافروف:", and the reported clause after "مشيرًا إلى".
    let q = by_cue(t, &qs, "وأكد", 0);
    assert_eq!(q.kind(), QuoteKind::Direct);
    assert!(body(q).starts_with("نحن لا نرفض"), "{}", body(q));
    assert!(name(q).ends_with(&normalise_text("لافروف")));
    let q = by_cue(t, &qs, "مشيرًا إلى", 0);
    assert_eq!(q.kind(), QuoteKind::Indirect);
    assert!(name(q).ends_with(&normalise_text("لافروف")));

    // The programme name in quotation marks is not a quote.
    assert!(!qs.iter().any(|x| body(x).contains("موسكو. الكرملين")));
    // Every speaker is an entity span of the document.
    for q in &qs {
        if let Some(s) = q.speaker() {
            assert!(d.spans.iter().any(|x| Some(x.id()) == s.span()));
        }
    }
}

#[test]
#[ignore = "needs ../shared/samples/seed-ar-news.txt; run with --ignored when ../shared is present"]
fn shared_seed_article_one_row_per_person() {
    let docs = seed_docs();
    let d = &docs[0];
    let qs = quotes::detect(&d.text, "ar", &d.spans);
    let names: Vec<&str> = qs.iter().filter_map(|q| q.speaker_name()).collect();
    // The article writes the minister's name both ways.
    assert!(names.iter().any(|n| n.contains("سيرغي")) && d.text.contains("سيرجي"), "{names:?}");
    let doc = sanad_core::Document::new("seed", "", "ar", d.text.clone())
        .unwrap()
        .with_annotations(d.spans.clone(), qs)
        .unwrap();
    let groups = quotes::speaker_groups(&doc);
    for g in &groups {
        eprintln!(
            "{} {:?} {:?}",
            g.display_name,
            g.quotes,
            g.mentions.iter().map(|m| m.text.as_str()).collect::<Vec<_>>()
        );
    }
    let lavrov: Vec<_> = groups.iter().filter(|g| g.mentions.iter().any(|m| m.text.contains("لافروف"))).collect();
    assert_eq!(lavrov.len(), 1, "{groups:?}");
    let keys: std::collections::HashSet<&str> = groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys.len(), groups.len());
}
