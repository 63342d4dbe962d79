//! `sanad corpus text`: unlabelled text as the tagger's own word keys, one sentence a line.
//!
//! Raw text is tokenized and split into sentences by the engine's tokenizer
//! (`sanad_core::nlp::tokenize`), as `Annotator::annotate` does (a hashtag's word drops its `#`);
//! CoNLL files keep their tokens and sentences. Every word is written as `normalize_key(word)`, the key
//! the tagger hashes for its word features (`features::token_info_keyed`), so a table learned from this
//! text can be looked up with the same key. Empty keys (marks only) are skipped.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sanad_core::nlp::normalize::normalize_into;
use sanad_core::nlp::tokenize::{self, TokenKind};

use super::{read_bytes, unxz, utf8};

/// Options of `sanad corpus text`.
#[derive(clap::Args, Debug)]
pub struct TextArgs {
    /// Language: ar (Hindawi books + Arabic training text) or en (GMB news text + English training
    /// text).
    #[arg(long, value_parser = ["ar", "en"])]
    lang: String,
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// The folder written by `sanad corpus build` (its converted training files and GMB text).
    #[arg(long, default_value = "target/corpus")]
    corpus: PathBuf,
    /// Output file (default: <corpus>/text/<lang>-keys.txt).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Extra inputs: plain text (`.txt`, `.txt.xz`; `# ` lines skipped) or CoNLL (`.conll`: tokens only).
    #[arg(long = "input")]
    inputs: Vec<PathBuf>,
    /// Only the --input files, not the default sources of the language.
    #[arg(long)]
    only_inputs: bool,
}

/// Counts of one input.
#[derive(Default)]
struct Counts {
    lines: usize,
    tokens: usize,
}

/// Writes the keys of one raw text (paragraph per line; lines starting with `# ` skipped).
fn raw_text(text: &str, out: &mut impl Write, c: &mut Counts) -> std::io::Result<()> {
    let mut key = String::new();
    let mut line_buf = String::new();
    let mut chars: Vec<char> = Vec::new();
    for para in text.lines() {
        if para.starts_with("# ") || para.trim().is_empty() {
            continue;
        }
        chars.clear();
        chars.extend(para.chars());
        let toks = tokenize::tokenize_chars(&chars);
        for r in tokenize::sentences(&chars, &toks) {
            line_buf.clear();
            let mut n = 0;
            for t in &toks[r] {
                let skip = usize::from(t.kind == TokenKind::Hashtag);
                let word: String = chars[t.start + skip..t.end].iter().collect();
                key.clear();
                normalize_into(&word, &mut key);
                if key.is_empty() {
                    continue;
                }
                if n > 0 {
                    line_buf.push(' ');
                }
                line_buf.push_str(&key);
                n += 1;
            }
            if n > 0 {
                out.write_all(line_buf.as_bytes())?;
                out.write_all(b"\n")?;
                c.lines += 1;
                c.tokens += n;
            }
        }
    }
    Ok(())
}

/// Writes the keys of the tokens of a CoNLL text, one sentence a line (tags ignored).
fn conll_text(text: &str, out: &mut impl Write, c: &mut Counts) -> std::io::Result<()> {
    let mut line_buf = String::new();
    let mut n = 0;
    let flush = |line_buf: &mut String, n: &mut usize, out: &mut dyn Write, c: &mut Counts| -> std::io::Result<()> {
        if *n > 0 {
            out.write_all(line_buf.as_bytes())?;
            out.write_all(b"\n")?;
            c.lines += 1;
            c.tokens += *n;
        }
        line_buf.clear();
        *n = 0;
        Ok(())
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut line_buf, &mut n, out, c)?;
            continue;
        }
        if line.starts_with("# ") {
            continue;
        }
        let tok = line.split(['\t', ' ']).next().unwrap_or("");
        let start = line_buf.len() + usize::from(n > 0);
        if n > 0 {
            line_buf.push(' ');
        }
        normalize_into(tok, &mut line_buf);
        if line_buf.len() == start {
            line_buf.truncate(start.saturating_sub(usize::from(n > 0)));
            continue;
        }
        n += 1;
    }
    flush(&mut line_buf, &mut n, out, c)
}

/// The default inputs of a language: (path, what).
fn default_inputs(a: &TextArgs) -> Result<Vec<PathBuf>, String> {
    let d = &a.data;
    let mut v: Vec<PathBuf> = Vec::new();
    let conv = |prefix: &str| -> Result<Vec<PathBuf>, String> {
        let mut names = super::list(&a.corpus)
            .map_err(|e| format!("{e} (run `sanad corpus build` first)"))?
            .into_iter()
            .filter(|f| f.starts_with(prefix) && f.ends_with(".conll"))
            .collect::<Vec<_>>();
        names.sort();
        Ok(names.into_iter().map(|f| a.corpus.join(f)).collect())
    };
    if a.lang == "ar" {
        v.push(d.join("text/ar-hindawi-pd.txt.xz"));
        v.push(d.join("ner/anercorp-train.conll"));
        v.extend(conv("ar-")?);
    } else {
        v.push(a.corpus.join("text/en-gmb-voa.txt"));
        for f in ["en-train.conll", "en-gum-train.conll", "en-gum-dev.conll", "en-gum-test.conll"] {
            v.push(d.join("ner").join(f));
        }
        v.extend(conv("en-")?);
    }
    Ok(v)
}

fn write_one(p: &Path, out: &mut impl Write) -> Result<Counts, String> {
    let bytes = read_bytes(p)?;
    let name = p.to_string_lossy();
    let bytes = if name.ends_with(".xz") { unxz(&bytes, p)? } else { bytes };
    let text = utf8(bytes, p)?;
    let mut c = Counts::default();
    let w = |e: std::io::Error| format!("cannot write: {e}");
    if name.ends_with(".conll") {
        conll_text(&text, out, &mut c).map_err(w)?;
    } else {
        raw_text(&text, out, &mut c).map_err(w)?;
    }
    Ok(c)
}

/// Runs `sanad corpus text`.
pub fn run(a: &TextArgs) -> Result<(), String> {
    let mut inputs = if a.only_inputs { Vec::new() } else { default_inputs(a)? };
    inputs.extend(a.inputs.iter().cloned());
    if inputs.is_empty() {
        return Err("no inputs".into());
    }
    let out_path = a.out.clone().unwrap_or_else(|| a.corpus.join("text").join(format!("{}-keys.txt", a.lang)));
    if let Some(dir) = out_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    let file = std::fs::File::create(&out_path).map_err(|e| format!("{}: cannot write: {e}", out_path.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let (mut lines, mut tokens) = (0, 0);
    for p in &inputs {
        let c = write_one(p, &mut out)?;
        eprintln!("{}: {} sentences, {} tokens", p.display(), c.lines, c.tokens);
        lines += c.lines;
        tokens += c.tokens;
    }
    out.flush().map_err(|e| format!("{}: cannot write: {e}", out_path.display()))?;
    println!("wrote {} ({lines} sentences, {tokens} tokens)", out_path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_is_split_into_sentences_of_keys() {
        let mut out = Vec::new();
        let mut c = Counts::default();
        raw_text("# book 1\nقال أحمد: «نعم». ثم ذهب إلى #القاهرة\n\nMr. Smith went to Paris.\n", &mut out, &mut c)
            .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "قال احمد : « نعم » .\nثم ذهب الي القاهره\nmr . smith went to paris .\n");
        assert_eq!((c.lines, c.tokens), (3, 18));
    }

    #[test]
    fn conll_tokens_keep_their_sentences() {
        let mut out = Vec::new();
        let mut c = Counts::default();
        conll_text("# doc x\nلروسيا\tB-LOC\n\u{200E}\tO\nقال\tO\n\nParis\tB-LOC\n", &mut out, &mut c).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "لروسيا قال\nparis\n");
        assert_eq!((c.lines, c.tokens), (2, 3));
    }
}
