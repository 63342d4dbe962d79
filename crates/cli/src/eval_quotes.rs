//! `sanad eval-quotes`: scores quote detection against a gold JSONL file, either given predictions
//! or by running the detector on the gold documents (with their gold entity spans, or with the
//! tagger's), and optionally times detection against tagging.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sanad_core::nlp::Annotator;
use sanad_core::quotes::{self, eval};
use sanad_core::{Origin, Range, Span};

/// Options of `sanad eval-quotes`.
pub struct EvalQuotesArgs {
    pub gold: PathBuf,
    pub pred: Option<PathBuf>,
    pub dump_pred: Option<PathBuf>,
    pub overlap: f64,
    pub entities: String,
    pub model: Option<PathBuf>,
    pub repeat: usize,
    /// Where `"text_file"` is resolved; the gold file's directory when absent.
    pub texts: Option<PathBuf>,
}

fn read_docs(path: &Path, texts: Option<&Path>) -> Result<Vec<eval::EvalDoc>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let dir = texts.map_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default(), Path::to_path_buf);
    let mut resolve = |file: &str| std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string());
    eval::parse_jsonl(&src, &mut resolve).map_err(|(line, e)| format!("{}: line {line}: {e}", path.display()))
}

fn tagger_spans(ann: &Annotator, text: &str, lang: &str) -> Vec<Span> {
    ann.annotate_as(text, lang)
        .into_iter()
        .enumerate()
        .filter_map(|(n, e)| {
            let r = Range::new(e.start, e.end).ok()?;
            Span::new(format!("t{}", n + 1), r, e.label, Origin::Model).ok()
        })
        .collect()
}

/// Runs `sanad eval-quotes`.
pub fn run(args: &EvalQuotesArgs) -> ExitCode {
    match run_inner(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanad eval-quotes: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &EvalQuotesArgs) -> Result<(), String> {
    if !(0.0..=1.0).contains(&args.overlap) || args.overlap == 0.0 {
        return Err(format!("--overlap {} must be in (0, 1]", args.overlap));
    }
    let gold = read_docs(&args.gold, args.texts.as_deref())?;
    let use_tagger = args.entities == "tagger";
    let ann = if use_tagger || args.repeat > 0 { Some(crate::annotate::load(args.model.as_deref())?) } else { None };
    let pred = match &args.pred {
        Some(p) => read_docs(p, args.texts.as_deref())?,
        None => gold
            .iter()
            .map(|g| {
                let spans = match (&ann, use_tagger) {
                    (Some(a), true) => tagger_spans(a, &g.text, &g.lang),
                    _ => g.spans.clone(),
                };
                let quotes = quotes::detect(&g.text, &g.lang, &spans);
                eval::EvalDoc { spans, quotes: quotes.iter().map(eval::EvalQuote::from_quote).collect(), ..g.clone() }
            })
            .collect(),
    };
    if let Some(path) = &args.dump_pred {
        let mut out = std::fs::File::create(path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
        for d in &pred {
            writeln!(out, "{}", d.to_json_line()).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let source = match (&args.pred, use_tagger) {
        (Some(p), _) => format!("predictions from {}", p.display()),
        (None, true) => "detect() with the tagger's entity spans".to_string(),
        (None, false) => "detect() with the gold entity spans".to_string(),
    };
    println!("{} vs {source}", args.gold.display());
    print!("{}", eval::table(&eval::score(&gold, &pred, args.overlap), args.overlap));
    if let (Some(a), true) = (&ann, args.repeat > 0) {
        time(a, &gold, args.repeat);
    }
    Ok(())
}

/// Times tagging and quote detection over the gold texts, `repeat` times each.
fn time(ann: &Annotator, docs: &[eval::EvalDoc], repeat: usize) {
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum::<usize>() * repeat;
    let t = Instant::now();
    let mut tagged = Vec::with_capacity(docs.len());
    for _ in 0..repeat {
        tagged.clear();
        tagged.extend(docs.iter().map(|d| tagger_spans(ann, &d.text, &d.lang)));
    }
    let tag_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0usize;
    for _ in 0..repeat {
        for (d, spans) in docs.iter().zip(&tagged) {
            n += quotes::detect(&d.text, &d.lang, spans).len();
        }
    }
    let q_s = t.elapsed().as_secs_f64();
    let rate = |s: f64| if s > 0.0 { words as f64 / s } else { f64::INFINITY };
    println!(
        "timing ({repeat} passes, {words} words): tagging {:.0} words/s, quote detection {:.0} words/s ({n} quotes); \
         detection adds {:.1}% to tagging time",
        rate(tag_s),
        rate(q_s),
        if tag_s > 0.0 { 100.0 * q_s / tag_s } else { 0.0 }
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/quotes").join(name)
    }

    fn args(gold: PathBuf) -> EvalQuotesArgs {
        EvalQuotesArgs {
            gold,
            pred: None,
            dump_pred: None,
            overlap: 0.5,
            entities: "gold".into(),
            model: None,
            repeat: 0,
            texts: None,
        }
    }

    #[test]
    fn predicts_dumps_and_rescores() {
        let dir = tempfile::tempdir().unwrap();
        let dump = dir.path().join("pred.jsonl");
        let mut a = args(fixture("demo-gold.jsonl"));
        a.dump_pred = Some(dump.clone());
        run_inner(&a).unwrap();
        let pred = read_docs(&dump, None).unwrap();
        let gold = read_docs(&fixture("demo-gold.jsonl"), None).unwrap();
        assert_eq!(pred.len(), gold.len());
        assert!(pred.iter().all(|d| d.quotes.iter().all(|q| q.confidence.is_some())));
        // Scoring the dumped predictions gives the same figures as predicting in place.
        let s = eval::score(&gold, &pred, 0.5);
        assert!(s["all"].overlap.f1() >= 0.85, "{s:?}");
        let mut b = args(fixture("demo-gold.jsonl"));
        b.pred = Some(dump);
        run_inner(&b).unwrap();
    }

    #[test]
    fn refuses_bad_input() {
        let mut a = args(fixture("no-such-file.jsonl"));
        assert!(run_inner(&a).unwrap_err().contains("cannot read"));
        a = args(fixture("demo-gold.jsonl"));
        a.overlap = 0.0;
        assert!(run_inner(&a).is_err());
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jsonl");
        std::fs::write(
            &bad,
            "{\"id\":\"x\",\"text\":\"abc\",\"quotes\":[{\"start\":2,\"end\":9,\"kind\":\"direct\"}]}\n",
        )
        .unwrap();
        let e = run_inner(&args(bad)).unwrap_err();
        assert!(e.contains("line 1") && e.contains("past the end"), "{e}");
    }

    #[test]
    fn resolves_text_files_against_texts_dir_and_checks_the_hash() {
        let (gold_dir, text_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let text = "Brennan said the plan would work.\n";
        std::fs::write(text_dir.path().join("doc-1.txt"), text).unwrap();
        let hash = format!("{:016x}", sanad_core::nlp::hash::fnv1a64(text.as_bytes()));
        let line = |h: &str| {
            format!(
                "{{\"id\":\"d1\",\"lang\":\"en\",\"text_file\":\"doc-1.txt\",\"text_fnv1a64\":\"{h}\",\
                 \"spans\":[{{\"id\":\"p1\",\"start\":0,\"end\":7,\"label\":\"PER\"}}],\
                 \"quotes\":[{{\"start\":13,\"end\":32,\"kind\":\"indirect\",\"cue\":{{\"start\":8,\"end\":12}},\
                 \"speaker\":{{\"start\":0,\"end\":7}},\"speaker_name\":\"Brennan\"}}]}}\n"
            )
        };
        let gold = gold_dir.path().join("gold.jsonl");
        std::fs::write(&gold, line(&hash)).unwrap();
        // Without --texts the file is looked for beside the gold file.
        assert!(run_inner(&args(gold.clone())).unwrap_err().contains("doc-1.txt"));
        let mut a = args(gold.clone());
        a.texts = Some(text_dir.path().to_path_buf());
        run_inner(&a).unwrap();
        let docs = read_docs(&gold, Some(text_dir.path())).unwrap();
        assert_eq!(docs[0].text, text);
        assert_eq!(docs[0].quotes[0].speaker_name.as_deref(), Some("Brennan"));
        // A changed text (another detokeniser) is refused by its hash.
        std::fs::write(&gold, line("0123456789abcdef")).unwrap();
        let e = run_inner(&a).unwrap_err();
        assert!(e.contains("line 1") && e.contains("doc-1.txt"), "{e}");
    }
}
