//! `sanad train --base builtin|FILE`: fine-tunes a base model with the page's update rule
//! ([`sanad_core::nlp::learn`]): every document of the `--train` files, in file order, is learned as a
//! done document, and the result is written as a fine-tuned model file (the base followed by the
//! learner), which `sanad annotate --model` reads.
//!
//! Inputs: CoNLL (documents as the CoNLL reader makes them), JSONL with `spans` (what `sanad
//! annotate` writes) or any other format Sanad reads, and a project JSON, of which only the
//! documents marked done teach (the others are counted and left out, as in the page). A document of
//! another file format counts as done: the file is the editor's final word.

use std::path::{Path, PathBuf};

use sanad_core::formats::{Format, ImportOptions};
use sanad_core::nlp::learn::{self, Learner};
use sanad_core::nlp::model_file;
use sanad_core::{Document, Origin, Status};

use crate::convert::{input_format, read_input};

/// What fine-tuning read and learned.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    /// Documents learned from.
    pub documents: usize,
    /// Documents of a project file left out because they are not marked done.
    pub not_done: usize,
    /// Spans taught.
    pub spans: usize,
    /// Steps that changed the model.
    pub updates: usize,
    /// Rows of the learned delta.
    pub rows: usize,
}

/// The plain base model file's bytes and the learner to continue: the built-in model of `lang`, a
/// plain model file (a new learner) or a fine-tuned one (its learner goes on learning).
pub fn base_and_learner(base: &str, lang: &str) -> Result<(Vec<u8>, sanad_core::nlp::tagger::Tagger, Learner), String> {
    let bytes = crate::learn_curve::base_bytes(base, lang)?;
    let (tagger, learner) = learn::read_model(&bytes).map_err(|e| format!("{base}: {e}"))?;
    if tagger.lang != lang {
        return Err(format!("{base}: the base model is for {}, not {lang}", tagger.lang));
    }
    let (plain, learner) = match learner {
        // The learner's bytes are its exact state: the base is everything before them.
        Some(l) => (bytes[..bytes.len() - l.to_bytes().len()].to_vec(), l),
        None => (bytes, Learner::new(&tagger)),
    };
    Ok((plain, tagger, learner))
}

/// The training documents of `path`, in file order: a project's done documents (and how many were
/// not done), every document of another format marked done.
pub fn training_documents(path: &Path) -> Result<(Vec<Document>, usize), String> {
    let format = input_format(path, None).map_err(|f| f.message)?;
    let opts = ImportOptions { origin: Origin::Import, ..ImportOptions::default() };
    let mut docs = Vec::new();
    let mut not_done = 0;
    read_input(path, format, &opts, &mut |d| {
        if format == Format::Sanad {
            if d.status() == Status::Done {
                docs.push(d);
            } else {
                not_done += 1;
            }
        } else {
            docs.push(d.with_status(Status::Done));
        }
        Ok(())
    })
    .map_err(|f| f.message)?;
    Ok((docs, not_done))
}

/// Fine-tunes `base` on the documents of `train` in order and writes the fine-tuned model to `out`.
pub fn run(lang: &str, base: &str, train: &[PathBuf], out: &Path) -> Result<Summary, String> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(format!("{}: the folder {} does not exist", out.display(), dir.display()));
        }
    }
    let (plain, tagger, mut learner) = base_and_learner(base, lang)?;
    let mut sum = Summary::default();
    for p in train {
        let (docs, not_done) = training_documents(p)?;
        sum.not_done += not_done;
        let mut spans = 0;
        for d in &docs {
            let r =
                learner.learn_document(&tagger, d).map_err(|e| format!("{}: document {}: {e}", p.display(), d.id()))?;
            spans += r.spans;
            sum.updates += r.updates;
        }
        eprintln!(
            "{}: learned from {} documents ({spans} spans){}",
            p.display(),
            docs.len(),
            if not_done > 0 { format!("; {not_done} documents not marked done left out") } else { String::new() }
        );
        sum.documents += docs.len();
        sum.spans += spans;
    }
    sum.rows = learner.stats().rows;
    let bytes = learn::write_model(&plain, &learner).map_err(|e| e.to_string())?;
    // Refuse to write what could not be read back.
    learn::read_model(&bytes).map_err(|e| format!("the fine-tuned model does not read back: {e}"))?;
    std::fs::write(out, &bytes).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    eprintln!(
        "fine-tuned {} ({lang}) on {} documents: {} updates, {} learned rows; wrote {} ({} bytes; base model file version {})",
        base,
        sum.documents,
        sum.updates,
        sum.rows,
        out.display(),
        bytes.len(),
        model_file::FORMAT_VERSION
    );
    Ok(sum)
}
