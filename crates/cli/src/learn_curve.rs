//! `sanad learn-curve`: simulates an editor who corrects documents one by one and marks them done,
//! with the page's update rule (`sanad_core::nlp::learn`), and prints the F1 of the suggestions on a
//! held-back part of the same corpus after 0, 10, 25, 50, 100 documents, the base model's own dev
//! F1 before and after, the prequential ("before correction") F1 and the time per update.
//!
//! The corpus is cut into pseudo-documents of `--doc-sentences` sentences in file order; document
//! `i` is held back for scoring when `i % 10 == 9` (the reported part) or `i % 10 == 4` (the tuning
//! part, `--split tune`), and fed to the learner otherwise, in order (`--skip-sentences` drops the
//! start of the corpus first). It also prints how many held-back names were fed as spans in the first
//! 50 and 100 documents ([`seen_in_fed`]), the reason curves differ between corpora.
//! docs/EVALUATION.md has the commands and the figures.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sanad_core::metrics::Prf;
use sanad_core::nlp::bio::Sentence;
use sanad_core::nlp::learn::{self, LearnConfig, Learner};
use sanad_core::nlp::{conll, eval, tag_sentences_with, Annotator};
use sanad_core::{Document, Origin, Range, Span, Status};

/// How to read the corpus's tags.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusFormat {
    /// AQMAR (`token tag`): MIS0-MIS3 and their misspellings become MISC, the language marks
    /// B-ENGLISH/B-SPANISH and the stray OO/IO become O, I--ORG becomes I-ORG.
    Aqmar,
    /// Broad Twitter Corpus CoNLL: an "@" tagged as an entity before a handle is joined to the handle.
    Btc,
    /// CoNLL with the tags as they are.
    Conll,
}

/// Which held-back part is scored.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// Documents `i % 10 == 9`: the figures reported.
    Report,
    /// Documents `i % 10 == 4`: for tuning the update rule.
    Tune,
}

/// Options of `sanad learn-curve`.
#[derive(clap::Args, Debug)]
pub struct LearnCurveArgs {
    /// Language of the model.
    #[arg(long, value_parser = ["ar", "en"])]
    pub lang: String,
    /// Base model: `builtin` or a model file.
    #[arg(long, default_value = "builtin")]
    pub base: String,
    /// The corpus (`-` for stdin, e.g. `xz -dc corpus.txt.xz | sanad learn-curve --corpus - ...`).
    #[arg(long)]
    pub corpus: PathBuf,
    /// How to read the corpus's tags.
    #[arg(long, value_enum)]
    pub format: CorpusFormat,
    /// Sentences per pseudo-document.
    #[arg(long, default_value_t = 20)]
    pub doc_sentences: usize,
    /// Sentences left out at the start of the corpus before it is cut into documents (e.g. the
    /// 10,000-sentence slice of the GMB table that tuned the English model's choices).
    #[arg(long, default_value_t = 0)]
    pub skip_sentences: usize,
    /// Held-back part to score.
    #[arg(long, value_enum, default_value = "report")]
    pub split: Split,
    /// Numbers of documents learned after which the held-back part is scored.
    #[arg(long, value_delimiter = ',', default_value = "0,10,25,50,100")]
    pub at: Vec<usize>,
    /// The base model's own dev set (CoNLL), scored with the base and after the last document.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Passes over each document (default: the page's rule).
    #[arg(long)]
    pub passes: Option<u8>,
    /// Perceptron step.
    #[arg(long)]
    pub step: Option<f32>,
    /// Shrink factor toward zero before each document.
    #[arg(long)]
    pub decay: Option<f32>,
    /// Largest delta weight magnitude (0: none).
    #[arg(long)]
    pub clip: Option<f32>,
    /// Row cap.
    #[arg(long)]
    pub max_rows: Option<u32>,
    /// Step multiplier for tokens whose target or predicted tag is MISC (labels other than PER,
    /// LOC, ORG).
    #[arg(long)]
    pub misc_step: Option<f32>,
    /// Decay of rows whose largest non-O weight is on a MISC tag (instead of --decay).
    #[arg(long)]
    pub misc_decay: Option<f32>,
    /// Confidence damping: a token's step is divided by 1 + conf × (the base model's emission
    /// preference for the wrong tag, in units of its temperature).
    #[arg(long)]
    pub conf: Option<f32>,
    /// Extra decay of rows never confirmed by a later document.
    #[arg(long)]
    pub stale_decay: Option<f32>,
    /// Context features in the delta: bits 1 word before, 2 word after, 4 shape, 8 stem before.
    #[arg(long)]
    pub context: Option<u8>,
}

/// An AQMAR tag as PER/LOC/ORG/MISC IOB2, and whether it was malformed or a subtype.
fn aqmar_tag(t: &str) -> (String, bool) {
    match t {
        "O" => ("O".into(), false),
        "OO" | "IO" | "B-ENGLISH" | "B-SPANISH" => ("O".into(), true),
        "I--ORG" => ("I-ORG".into(), true),
        _ => match t.split_once('-') {
            Some((bi @ ("B" | "I"), l)) if ["PER", "LOC", "ORG"].contains(&l) => (format!("{bi}-{l}"), false),
            Some((bi @ ("B" | "I"), l)) if l.starts_with("MIS") => {
                (format!("{bi}-MISC"), !["MIS0", "MIS1", "MIS2", "MIS3"].contains(&l))
            }
            _ => ("O".into(), true),
        },
    }
}

/// Reads the corpus: sentences with IOB2 tags, and how many tags were mapped or fixed.
pub fn read_corpus(text: &str, format: CorpusFormat) -> Result<(Vec<Sentence>, usize), String> {
    // BTC has a few lines with an empty token (`<TAB>O`): left out, as a tokenizer never makes one.
    let kept: String;
    let text = if format == CorpusFormat::Btc {
        kept = text.lines().filter(|l| !l.starts_with('\t')).flat_map(|l| [l, "\n"]).collect();
        &kept
    } else {
        text
    };
    let mut sents = conll::parse(text).map_err(|e| e.to_string())?;
    let mut fixed = 0;
    match format {
        CorpusFormat::Conll => {}
        CorpusFormat::Aqmar => {
            for s in &mut sents {
                for t in &mut s.tags {
                    let (m, f) = aqmar_tag(t);
                    fixed += usize::from(f);
                    *t = m;
                }
            }
        }
        CorpusFormat::Btc => {
            for s in &mut sents {
                let mut words = Vec::with_capacity(s.words.len());
                let mut tags = Vec::with_capacity(s.tags.len());
                let mut k = 0;
                while k < s.words.len() {
                    if s.words[k] == "@" && s.tags[k] != "O" && k + 1 < s.words.len() {
                        words.push(format!("@{}", s.words[k + 1]));
                        tags.push(s.tags[k].clone());
                        fixed += 1;
                        k += 2;
                    } else {
                        words.push(s.words[k].clone());
                        tags.push(s.tags[k].clone());
                        k += 1;
                    }
                }
                s.words = words;
                s.tags = tags;
            }
        }
    }
    Ok((sents, fixed))
}

/// A done document from sentences: tokens joined by spaces, sentences by line breaks, spans from the
/// IOB2 tags (an `I` without its `B` starts a span).
pub fn document(id: &str, lang: &str, sents: &[Sentence]) -> Result<Document, String> {
    let mut text = String::new();
    let mut pos = 0usize;
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(usize, usize, String)> = None;
    let close = |open: &mut Option<(usize, usize, String)>, spans: &mut Vec<Span>| -> Result<(), String> {
        if let Some((s, e, l)) = open.take() {
            let r = Range::new(s, e).map_err(|e| e.to_string())?;
            spans.push(Span::new(format!("e{}", spans.len() + 1), r, l, Origin::Editor).map_err(|e| e.to_string())?);
        }
        Ok(())
    };
    for (k, s) in sents.iter().enumerate() {
        if k > 0 {
            text.push('\n');
            pos += 1;
        }
        close(&mut open, &mut spans)?;
        for (i, (w, t)) in s.words.iter().zip(&s.tags).enumerate() {
            if i > 0 {
                text.push(' ');
                pos += 1;
            }
            let (start, end) = (pos, pos + w.chars().count());
            text.push_str(w);
            pos = end;
            match t.split_once('-') {
                Some(("I", l)) if open.as_ref().is_some_and(|o| o.2 == l) => {
                    if let Some(o) = open.as_mut() {
                        o.1 = end;
                    }
                }
                Some((_, l)) => {
                    close(&mut open, &mut spans)?;
                    open = Some((start, end, l.to_string()));
                }
                None => close(&mut open, &mut spans)?,
            }
        }
    }
    close(&mut open, &mut spans)?;
    Document::new(id, "", lang, text)
        .map_err(|e| e.to_string())?
        .with_status(Status::Done)
        .with_annotations(spans, vec![])
        .map_err(|e| e.to_string())
}

/// Cuts the corpus, after its first `skip` sentences, into documents of `n` sentences in file order:
/// (fed, held back). Document `i` is held back when `i % 10` is 9 (report) or 4 (tune) and fed
/// otherwise; the other split's documents are neither.
pub fn cut(
    sents: &[Sentence],
    skip: usize,
    n: usize,
    split: Split,
    lang: &str,
) -> Result<(Vec<Document>, Vec<Document>), String> {
    if skip >= sents.len() {
        return Err(format!("--skip-sentences {skip}: the corpus has only {} sentences", sents.len()));
    }
    let mut feed = Vec::new();
    let mut held = Vec::new();
    let want = if split == Split::Report { 9 } else { 4 };
    for (i, chunk) in sents[skip..].chunks(n.max(1)).enumerate() {
        let d = document(&format!("doc-{i}"), lang, chunk)?;
        match i % 10 {
            r if r == want => held.push(d),
            4 | 9 => {}
            _ => feed.push(d),
        }
    }
    Ok((feed, held))
}

/// A suggested span: (start, end, label), code points end-exclusive.
pub type Suggested = (usize, usize, String);

/// The text of a span of a document.
fn span_text(d: &Document, start: usize, end: usize) -> String {
    d.text().chars().skip(start).take(end - start).collect()
}

/// Name overlap between the held-back part and the fed stream: of the held-back spans of the
/// model's labels, how many have a text that occurs as a span (of any of those labels) in the first
/// `k` fed documents. Returns (seen, spans). This is why curves differ between corpora: the delta
/// learns words, so it can only help on names (or their words) it was shown. With `missed` (the base
/// model's suggestions per held-back document, `(start, end, label)`), only the held-back spans the
/// base model does not suggest exactly are counted: the room a learner of names has.
pub fn seen_in_fed(
    held: &[Document],
    feed: &[Document],
    k: usize,
    labels: &[String],
    missed: Option<&[Vec<Suggested>]>,
) -> (usize, usize) {
    let is_ours = |l: &str| labels.iter().any(|x| x == l);
    let fed: std::collections::HashSet<String> = feed
        .iter()
        .take(k)
        .flat_map(|d| d.spans().iter().filter(|s| is_ours(s.label())).map(|s| span_text(d, s.start(), s.end())))
        .collect();
    let mut seen = 0;
    let mut total = 0;
    for (i, d) in held.iter().enumerate() {
        for s in d.spans().iter().filter(|s| is_ours(s.label())) {
            let found =
                |p: &[Suggested]| p.iter().any(|(a, b, l)| (*a, *b, l.as_str()) == (s.start(), s.end(), s.label()));
            if missed.is_some_and(|m| m.get(i).is_some_and(|p| found(p))) {
                continue;
            }
            total += 1;
            seen += usize::from(fed.contains(&span_text(d, s.start(), s.end())));
        }
    }
    (seen, total)
}

/// The base model file's bytes: built-in or read from a file.
pub fn base_bytes(base: &str, lang: &str) -> Result<Vec<u8>, String> {
    match base {
        "builtin" => Ok(if lang == "ar" { crate::annotate::BUILTIN_AR } else { crate::annotate::BUILTIN_EN }.to_vec()),
        path => std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}")),
    }
}

/// Exact-span micro scores of the annotator's suggestions on `docs` (the model's labels only).
fn score_docs(ann: &Annotator, docs: &[Document], lang: &str, labels: &[String]) -> Prf {
    let mut prf = Prf::default();
    for d in docs {
        let spans = ann.annotate_full(d.text(), lang).spans;
        let pred: Vec<(usize, usize, &str)> = spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        prf.add(learn::score_suggestions(&pred, d, labels));
    }
    prf
}

/// Exact-span micro scores on a CoNLL dev set, the whole file as one document (as `sanad annotate
/// --conll` then `sanad eval` score it).
fn score_dev(ann: &Annotator, lang: &str, dev: &[Sentence]) -> Prf {
    score_dev_labels(ann, lang, dev).micro
}

fn score_dev_labels(ann: &Annotator, lang: &str, dev: &[Sentence]) -> eval::Scores {
    let Some(tagger) = ann.tagger(lang) else { return eval::Scores::default() };
    let words: Vec<Vec<String>> = dev.iter().map(|s| s.words.clone()).collect();
    let tags = tag_sentences_with(tagger, ann.delta(lang), &words, true);
    let pred: Vec<Sentence> = dev.iter().zip(tags).map(|(s, t)| Sentence { words: s.words.clone(), tags: t }).collect();
    eval::score(&eval::conll_docs(dev), &eval::conll_docs(&pred), false, &tagger.labels)
}

fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// Runs `sanad learn-curve`.
pub fn run(a: &LearnCurveArgs) -> ExitCode {
    match run_inner(a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanad learn-curve: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(a: &LearnCurveArgs) -> Result<(), String> {
    let text = if a.corpus.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| format!("stdin: {e}"))?
    } else {
        std::fs::read_to_string(&a.corpus).map_err(|e| format!("{}: cannot read: {e}", a.corpus.display()))?
    };
    let (sents, fixed) = read_corpus(&text, a.format).map_err(|e| format!("{}: {e}", a.corpus.display()))?;
    let skipped = a.skip_sentences;
    let n = a.doc_sentences.max(1);
    let (feed, held) = cut(&sents, skipped, n, a.split, &a.lang)?;
    let sents = &sents[skipped..];
    let base = base_bytes(&a.base, &a.lang)?;
    let mut ann = Annotator::from_model_files(&[&base]).map_err(|e| e.to_string())?;
    ann.dates = false;
    let tagger = ann.tagger(&a.lang).ok_or("the base model is not for this language")?;
    let labels = tagger.labels.clone();
    let d = LearnConfig::default();
    let cfg = LearnConfig {
        passes: a.passes.unwrap_or(d.passes),
        step: a.step.unwrap_or(d.step),
        decay: a.decay.unwrap_or(d.decay),
        clip: a.clip.unwrap_or(d.clip),
        max_rows: a.max_rows.unwrap_or(d.max_rows),
        misc_step: a.misc_step.unwrap_or(d.misc_step),
        misc_decay: a.misc_decay.unwrap_or(d.misc_decay),
        conf: a.conf.unwrap_or(d.conf),
        stale_decay: a.stale_decay.unwrap_or(d.stale_decay),
        context: a.context.unwrap_or(d.context),
    };
    let mut learner = Learner::with_config(tagger, cfg);
    let dev = match &a.dev {
        Some(p) => Some(crate::train::read_conll(p)?),
        None => None,
    };
    let held_tokens: usize = held.iter().map(|d| d.text().split_whitespace().count()).sum();
    println!(
        "corpus {}: {} sentences (after {skipped} skipped), {} tags mapped or fixed; {} documents of {n} sentences: {} to learn from, {} held back ({:?}, {} tokens, {} spans)",
        a.corpus.display(),
        sents.len(),
        fixed,
        sents.chunks(n).len(),
        feed.len(),
        held.len(),
        a.split,
        held_tokens,
        held.iter().map(|d| d.spans().iter().filter(|s| labels.contains(&s.label().to_string())).count()).sum::<usize>()
    );
    println!("update rule: {cfg:?}");
    let base_pred: Vec<Vec<Suggested>> = held
        .iter()
        .map(|d| ann.annotate_full(d.text(), &a.lang).spans.into_iter().map(|s| (s.start, s.end, s.label)).collect())
        .collect();
    for k in [50, 100] {
        let (seen, total) = seen_in_fed(&held, &feed, k, &labels, None);
        let (mseen, mtotal) = seen_in_fed(&held, &feed, k, &labels, Some(&base_pred));
        println!(
            "held-back spans whose text is a span in the first {k} fed documents: {seen} of {total} ({}%); of the {mtotal} the base model misses: {mseen} ({}%)",
            pct(seen as f64 / total.max(1) as f64),
            pct(mseen as f64 / mtotal.max(1) as f64)
        );
    }
    let dev_base = dev.as_ref().map(|d| score_dev(&ann, &a.lang, d));
    let dev_base_labels = dev.as_ref().map(|d| score_dev_labels(&ann, &a.lang, d));
    let mut at = a.at.clone();
    at.sort_unstable();
    at.dedup();
    println!();
    println!("| documents learned | held-back P | R | F1 | change | prequential F1 (last 10) | rows | ms/doc (mean) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let base_f1 = score_docs(&ann, &held, &a.lang, &labels).f1();
    let mut learned = 0usize;
    let mut times: Vec<f64> = Vec::new();
    let mut tokens = 0usize;
    let mut before: Vec<Prf> = Vec::new();
    for &k in &at {
        if k > feed.len() {
            println!("(only {} documents to learn from: no row for {k})", feed.len());
            break;
        }
        while learned < k {
            let t0 = Instant::now();
            let r = learner
                .learn_document(ann.tagger(&a.lang).ok_or("no tagger")?, &feed[learned])
                .map_err(|e| e.to_string())?;
            times.push(t0.elapsed().as_secs_f64() * 1000.0);
            tokens += r.tokens;
            before.push(r.before);
            learned += 1;
        }
        ann.set_delta(learner.delta().clone()).map_err(|e| e.to_string())?;
        let prf = score_docs(&ann, &held, &a.lang, &labels);
        let mut last = Prf::default();
        for p in before.iter().rev().take(10) {
            last.add(*p);
        }
        let mean = if times.is_empty() { 0.0 } else { times.iter().sum::<f64>() / times.len() as f64 };
        println!(
            "| {k} | {} | {} | {} | {:+.1} | {} | {} | {:.2} |",
            pct(prf.p()),
            pct(prf.r()),
            pct(prf.f1()),
            100.0 * (prf.f1() - base_f1),
            if before.is_empty() { "-".into() } else { pct(last.f1()) },
            learner.stats().rows,
            mean
        );
    }
    println!();
    if let (Some(dev), Some(b)) = (dev.as_ref(), dev_base) {
        let after = score_dev(&ann, &a.lang, dev);
        println!(
            "dev F1 (the base model's own dev set, {}): base {}, after {learned} documents {} ({:+.1})",
            a.dev.as_ref().map(|p| p.display().to_string()).unwrap_or_default(),
            pct(b.f1()),
            pct(after.f1()),
            100.0 * (after.f1() - b.f1())
        );
        if let Some(bl) = dev_base_labels {
            let al = score_dev_labels(&ann, &a.lang, dev);
            for (l, p) in &bl.per_label {
                let q = al.per_label.get(l).copied().unwrap_or_default();
                println!(
                    "  dev {l}: P {} -> {}, R {} -> {}, F1 {} -> {}",
                    pct(p.p()),
                    pct(q.p()),
                    pct(p.r()),
                    pct(q.r()),
                    pct(p.f1()),
                    pct(q.f1())
                );
            }
        }
    }
    if !times.is_empty() {
        let total: f64 = times.iter().sum();
        let mut sorted = times.clone();
        sorted.sort_by(f64::total_cmp);
        println!(
            "update time: {:.2} ms per document (median {:.2}, max {:.2}), {:.2} ms per 1,000 tokens ({tokens} tokens); delta {} bytes serialised",
            total / times.len() as f64,
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1],
            total * 1000.0 / tokens.max(1) as f64,
            learner.to_bytes().len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, conll_text: &str) -> Document {
        let (sents, _) = read_corpus(conll_text, CorpusFormat::Conll).unwrap();
        document(id, "en", &sents).unwrap()
    }

    #[test]
    fn seen_in_fed_counts_held_spans_whose_text_was_fed_within_k_documents() {
        let labels: Vec<String> = ["PER", "LOC", "ORG"].iter().map(|s| s.to_string()).collect();
        let fed =
            [doc("f0", "Ban\tB-PER\nKi-moon\tI-PER\nin\tO\nGaza\tB-LOC\n\n"), doc("f1", "Hamas\tB-ORG\nsaid\tO\n\n")];
        // "Gaza" seen (as LOC); "Ban Ki-moon" seen; "Ban" alone is not the text of a fed span;
        // "Hamas" only in the second fed document; "Reuters" is MISC here, not one of the labels.
        let held = [doc(
            "h",
            "Ban\tB-PER\nKi-moon\tI-PER\nleft\tO\nGaza\tB-ORG\n\nBan\tB-PER\nand\tO\nHamas\tB-ORG\nReuters\tB-MISC\n\n",
        )];
        assert_eq!(seen_in_fed(&held, &fed, 1, &labels, None), (2, 4));
        assert_eq!(seen_in_fed(&held, &fed, 2, &labels, None), (3, 4));
        assert_eq!(seen_in_fed(&held, &fed, 0, &labels, None), (0, 4));
        assert_eq!(seen_in_fed(&[], &fed, 2, &labels, None), (0, 0));
        // The base model already suggests "Ban Ki-moon" (0..11 PER) and "Gaza" but as LOC (a miss):
        // of the 3 spans it misses, "Gaza" and "Hamas" were fed.
        let base = vec![vec![(0, 11, "PER".to_string()), (17, 21, "LOC".to_string())]];
        assert_eq!(seen_in_fed(&held, &fed, 2, &labels, Some(&base)), (2, 3));
    }

    #[test]
    fn cut_skips_sentences_then_holds_back_every_tenth_document() {
        // 25 one-word sentences, word = its index; skip 3, documents of 2 sentences: 11 documents,
        // doc 9 held back for report, docs 4 and 9 kept out of the feed.
        let text: String = (0..25).map(|i| format!("w{i}\tO\n\n")).collect();
        let (sents, _) = read_corpus(&text, CorpusFormat::Conll).unwrap();
        let (feed, held) = cut(&sents, 3, 2, Split::Report, "en").unwrap();
        assert_eq!(held.iter().map(|d| d.text()).collect::<Vec<_>>(), ["w21\nw22"]);
        assert_eq!(feed.len(), 9);
        assert_eq!(feed[0].text(), "w3\nw4");
        assert_eq!(feed[8].text(), "w23\nw24");
        let (_, tune) = cut(&sents, 3, 2, Split::Tune, "en").unwrap();
        assert_eq!(tune.iter().map(|d| d.text()).collect::<Vec<_>>(), ["w11\nw12"]);
        assert!(cut(&sents, 25, 2, Split::Report, "en").unwrap_err().contains("only 25 sentences"));
    }

    #[test]
    fn conll_reader_skips_comment_lines_and_document_keeps_spans() {
        let (sents, fixed) =
            read_corpus("# MEASURE ONLY - never train\nMr.\tO\nBush\tB-PER\n\nIraqi\tB-MISC\n\n", CorpusFormat::Conll)
                .unwrap();
        assert_eq!((sents.len(), fixed), (2, 0));
        let d = document("d", "en", &sents).unwrap();
        assert_eq!(d.text(), "Mr. Bush\nIraqi");
        let spans: Vec<(String, &str)> =
            d.spans().iter().map(|s| (span_text(&d, s.start(), s.end()), s.label())).collect();
        assert_eq!(spans, [("Bush".to_string(), "PER"), ("Iraqi".to_string(), "MISC")]);
    }
}
