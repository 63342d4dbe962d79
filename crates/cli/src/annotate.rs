//! `sanad annotate`: entity suggestions for JSONL or plain-text documents, streamed, in parallel.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use sanad_core::nlp::{learn, tag_sentences_with, Annotator};

/// The default models, built into the binary (the same files as `static/models/`).
pub const BUILTIN_AR: &[u8] = include_bytes!("../../../static/models/ar.sanad-model");
/// See [`BUILTIN_AR`].
pub const BUILTIN_EN: &[u8] = include_bytes!("../../../static/models/en.sanad-model");

/// Options of `sanad annotate`.
pub struct AnnotateArgs {
    /// Input file (stdin when None or "-").
    pub input: Option<PathBuf>,
    /// Model directory.
    pub model: Option<PathBuf>,
    /// Forced language.
    pub lang: Option<String>,
    /// CoNLL in, CoNLL out.
    pub conll: bool,
    /// Skip the consistency pass.
    pub no_consistency: bool,
    /// Skip dates.
    pub no_dates: bool,
    /// Lines per batch.
    pub batch: usize,
}

/// Loads the annotator from a model file (plain or fine-tuned, see `sanad train --base`), a
/// directory (`ar.sanad-model`, `en.sanad-model`; at least one) or the built-in models.
pub fn load(path: Option<&std::path::Path>) -> Result<Annotator, String> {
    let Some(path) = path else {
        return Annotator::from_model_files(&[BUILTIN_AR, BUILTIN_EN]).map_err(|e| format!("built-in model: {e}"));
    };
    let read = |p: &std::path::Path| std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()));
    if path.is_file() {
        let bytes = read(path)?;
        return Annotator::from_model_files(&[&bytes]).map_err(|e| format!("{}: {e}", path.display()));
    }
    let mut ann = Annotator::new(Vec::new());
    let mut any = false;
    for lang in ["ar", "en"] {
        let p = path.join(format!("{lang}.sanad-model"));
        if !p.exists() {
            continue;
        }
        let (tagger, learner) = learn::read_model(&read(&p)?).map_err(|e| format!("{}: {e}", p.display()))?;
        ann.add(tagger);
        if let Some(l) = learner {
            ann.set_delta(l.delta().clone()).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        any = true;
    }
    if !any {
        return Err(format!("{}: no ar.sanad-model or en.sanad-model in this directory", path.display()));
    }
    Ok(ann)
}

/// Annotates one input line. JSON objects keep their keys and get `"spans"`; other lines are plain
/// text documents with the line number as id. `Ok(None)` for blank lines.
pub fn annotate_line(
    ann: &Annotator,
    lang: Option<&str>,
    line: &str,
    line_no: usize,
) -> Result<Option<String>, String> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let mut obj = if trimmed.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(trimmed).map_err(|e| format!("invalid JSON: {e}"))?;
        match v {
            serde_json::Value::Object(m) => m,
            _ => return Err("not a JSON object".into()),
        }
    } else {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), serde_json::Value::from(line_no));
        m.insert("text".into(), serde_json::Value::from(line.trim_end_matches(['\r', '\n'])));
        m
    };
    let text = obj.get("text").and_then(|t| t.as_str()).ok_or("no \"text\" string")?;
    let spans = match lang {
        Some(l) => ann.annotate_as(text, l),
        None => ann.annotate(text),
    };
    let quotes = quotes_json(text, lang.unwrap_or_else(|| sanad_core::lang::detect(text)), &spans);
    let spans = serde_json::to_value(&spans).map_err(|e| e.to_string())?;
    obj.insert("spans".into(), spans);
    obj.insert("quotes".into(), serde_json::Value::Array(quotes));
    serde_json::to_string(&obj).map(Some).map_err(|e| e.to_string())
}

/// Quotes found with the tagger's entities as possible speakers, as `sanad annotate` writes them:
/// `{"start", "end", "kind", "cue": {"start","end"}|null, "speaker": {"start","end"}|null,
/// "speaker_name", "confidence"}` in code points.
fn quotes_json(text: &str, lang: &str, spans: &[sanad_core::nlp::EntitySpan]) -> Vec<serde_json::Value> {
    use sanad_core::{Origin, QuoteKind, Range, Span};
    let entities: Vec<Span> = spans
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let r = Range::new(e.start, e.end).ok()?;
            Span::new(format!("s{}", i + 1), r, e.label.clone(), Origin::Model).ok()
        })
        .collect();
    let range = |r: Range| serde_json::json!({"start": r.start(), "end": r.end()});
    sanad_core::quotes::detect(text, lang, &entities)
        .iter()
        .map(|q| {
            let kind = match q.kind() {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Mixed => "mixed",
            };
            serde_json::json!({
                "start": q.start(),
                "end": q.end(),
                "kind": kind,
                "cue": q.cue().map(range),
                "speaker": q.speaker().map(|s| range(s.range())),
                "speaker_name": q.speaker_name(),
                "confidence": q.confidence(),
            })
        })
        .collect()
}

/// Runs `sanad annotate`.
pub fn run(a: &AnnotateArgs) -> ExitCode {
    match run_inner(a) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(bad) => {
            eprintln!("sanad annotate: {bad} bad line(s) skipped");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("sanad annotate: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(a: &AnnotateArgs) -> Result<usize, String> {
    let mut ann = load(a.model.as_deref())?;
    ann.consistency = !a.no_consistency;
    ann.dates = !a.no_dates;
    let (reader, total): (Box<dyn BufRead>, Option<u64>) = match a.input.as_deref() {
        Some(p) if p != std::path::Path::new("-") => {
            let f = std::fs::File::open(p).map_err(|e| format!("{}: cannot open: {e}", p.display()))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(std::io::BufReader::with_capacity(1 << 16, f)), len)
        }
        _ => (Box::new(std::io::BufReader::new(std::io::stdin().lock())), None),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if a.conll {
        return run_conll(&ann, a.lang.as_deref(), reader, &mut out);
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let (b, template) = match total {
            Some(t) => {
                (indicatif::ProgressBar::new(t), "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}")
            }
            None => (indicatif::ProgressBar::new_spinner(), "{spinner} {bytes} read in {elapsed}"),
        };
        b.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        b
    });
    let batch = a.batch.max(1);
    let mut lines = reader.lines();
    let mut line_no = 0usize;
    let mut bad = 0usize;
    loop {
        let mut chunk: Vec<(usize, Result<String, String>)> = Vec::with_capacity(batch);
        for l in lines.by_ref() {
            line_no += 1;
            chunk.push((line_no, l.map_err(|e| format!("cannot read: {e}"))));
            if chunk.len() == batch {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let bytes: u64 = chunk.iter().map(|(_, l)| l.as_ref().map(|s| s.len() as u64 + 1).unwrap_or(0)).sum();
        let results: Vec<(usize, Result<Option<String>, String>)> = chunk
            .par_iter()
            .map(|(n, l)| {
                (*n, l.as_ref().map_err(Clone::clone).and_then(|l| annotate_line(&ann, a.lang.as_deref(), l, *n)))
            })
            .collect();
        for (n, r) in results {
            match r {
                Ok(Some(s)) => writeln!(out, "{s}").map_err(|e| format!("cannot write: {e}"))?,
                Ok(None) => {}
                Err(e) => {
                    bad += 1;
                    let msg = format!("line {n}: {e}");
                    match &bar {
                        Some(b) => b.println(msg),
                        None => eprintln!("{msg}"),
                    }
                }
            }
        }
        out.flush().map_err(|e| format!("cannot write: {e}"))?;
        if let Some(b) = &bar {
            b.inc(bytes);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(bad)
}

fn run_conll(
    ann: &Annotator,
    lang: Option<&str>,
    mut reader: Box<dyn BufRead>,
    out: &mut impl Write,
) -> Result<usize, String> {
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|e| format!("cannot read: {e}"))?;
    let sents = sanad_core::nlp::conll::parse(&text).map_err(|e| e.to_string())?;
    let sample: String =
        sents.iter().take(50).flat_map(|s| s.words.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
    let lang = lang.unwrap_or_else(|| sanad_core::lang::detect(&sample));
    let tagger = ann.tagger(lang).ok_or_else(|| format!("no model for language {lang}"))?;
    let words: Vec<Vec<String>> = sents.iter().map(|s| s.words.clone()).collect();
    let tags = tag_sentences_with(tagger, ann.delta(lang), &words, ann.consistency);
    let pred: Vec<_> = sents
        .iter()
        .zip(tags)
        .map(|(s, t)| sanad_core::nlp::bio::Sentence { words: s.words.clone(), tags: t })
        .collect();
    out.write_all(sanad_core::nlp::conll::write(&pred).as_bytes()).map_err(|e| format!("cannot write: {e}"))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn builtin_models_load() {
        let a = load(None).unwrap();
        assert_eq!(a.languages(), ["ar", "en"]);
    }

    #[test]
    fn jsonl_keeps_keys_and_plain_text_gets_an_id() {
        let a = load(None).unwrap();
        let line = r#"{"id":"x1","text":"وقال وزير الخارجية سيرغي لافروف في موسكو","source":"t"}"#;
        let out = annotate_line(&a, None, line, 1).unwrap().unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["id"], "x1");
        assert_eq!(v["source"], "t");
        let spans = v["spans"].as_array().unwrap();
        assert!(v["quotes"].is_array(), "{v}");
        let per = spans.iter().find(|s| s["label"] == "PER").unwrap();
        assert_eq!(per["text"], "سيرغي لافروف");
        assert_eq!((per["start"].as_u64(), per["end"].as_u64()), (Some(19), Some(31)));
        let out = annotate_line(&a, None, "Lavrov visited Moscow.", 7).unwrap().unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["id"], 7);
        assert_eq!(annotate_line(&a, None, "   ", 3).unwrap(), None);
    }

    #[test]
    fn quotes_come_with_cue_and_speaker() {
        let a = load(None).unwrap();
        let line = r#"{"id":"q","text":"وقال وزير الخارجية سيرغي لافروف إن روسيا مستعدة للحوار."}"#;
        let v: serde_json::Value = serde_json::from_str(&annotate_line(&a, None, line, 1).unwrap().unwrap()).unwrap();
        let q = &v["quotes"][0];
        let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        let slice = |r: &serde_json::Value| {
            let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            text[s..e].iter().collect::<String>()
        };
        assert_eq!(q["kind"], "indirect", "{v}");
        assert_eq!(slice(q), "روسيا مستعدة للحوار");
        assert_eq!(slice(&q["cue"]), "وقال");
        assert_eq!(slice(&q["speaker"]), "سيرغي لافروف");
        assert_eq!(q["speaker_name"], "سيرغي لافروف");
        assert!(q["confidence"].as_f64().is_some_and(|c| c > 0.0 && c <= 1.0));
    }

    #[test]
    fn each_paragraph_in_its_own_language() {
        let a = load(None).unwrap();
        let text = "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا سترد.\nForeign Minister Sergei Lavrov told reporters in Moscow that Russia would respond.";
        let line = serde_json::json!({ "id": "mixed", "text": text }).to_string();
        let v: serde_json::Value = serde_json::from_str(&annotate_line(&a, None, &line, 1).unwrap().unwrap()).unwrap();
        let per: Vec<&str> = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["label"] == "PER")
            .filter_map(|s| s["text"].as_str())
            .collect();
        assert!(per.iter().any(|t| t.contains("لافروف")), "{v}");
        assert!(per.iter().any(|t| t.contains("Lavrov")), "{v}");
        // --lang forces one model for every paragraph: the English paragraph is then tagged as the
        // Arabic model tags it alone, which is not what the English model finds there.
        let spans_of = |lang: Option<&str>, line: &str, from: i64| -> Vec<(i64, i64, String)> {
            let v: serde_json::Value =
                serde_json::from_str(&annotate_line(&a, lang, line, 1).unwrap().unwrap()).unwrap();
            v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["start"].as_i64().unwrap(), s["end"].as_i64().unwrap(), s["label"].to_string()))
                .filter(|s| s.0 >= from)
                .map(|s| (s.0 - from, s.1 - from, s.2))
                .collect()
        };
        let en_from = text.chars().position(|c| c == '\n').unwrap() as i64 + 1;
        let en_only = serde_json::json!({ "id": "en", "text": text.split('\n').nth(1).unwrap() }).to_string();
        let forced = spans_of(Some("ar"), &line, en_from);
        assert_eq!(forced, spans_of(Some("ar"), &en_only, 0));
        assert_ne!(forced, spans_of(None, &line, en_from));
        assert_eq!(spans_of(None, &line, en_from), spans_of(Some("en"), &en_only, 0));
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        let a = load(None).unwrap();
        assert!(annotate_line(&a, None, "{not json", 1).unwrap_err().contains("invalid JSON"));
        assert!(annotate_line(&a, None, r#"{"id":1}"#, 2).unwrap_err().contains("text"));
        assert!(annotate_line(&a, None, "[1,2]", 3).is_ok());
    }

    #[test]
    fn model_dir_errors_are_clear() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(Some(dir.path())).unwrap_err().contains("no ar.sanad-model"));
        std::fs::write(dir.path().join("ar.sanad-model"), b"SANADNER\x01\x00garbage").unwrap();
        let e = load(Some(dir.path())).unwrap_err();
        assert!(e.contains("ar.sanad-model"), "{e}");
    }
}
