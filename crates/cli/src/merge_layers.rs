//! `sanad merge --strategy agree|majority FILE... --out FILE`: pre-merges annotators' layers for
//! curation into a project JSON. Each document holds the gold layer (what the strategy accepted)
//! and, under `meta.sanad_merge`, the disagreements with who said what; the project's
//! `meta.sanad_merge` records the strategy, the annotators with their files, and the notes
//! (docs/AGREEMENT.md).

use std::path::PathBuf;
use std::process::ExitCode;

use sanad_core::agree::{merge, Options, Strategy, Study, META_KEY};
use sanad_core::formats::Format;
use sanad_core::project::Project;
use sanad_core::LabelDef;

use crate::agree::{describe, read_layers};

/// Options of `sanad merge`.
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// One file per annotator, in any format Sanad reads (as for `sanad agree`).
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// `agree`: keep what every annotator of a document has; `majority`: what more than half have.
    #[arg(long, value_parser = ["agree", "majority"])]
    pub strategy: String,
    /// The project JSON to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Author of the gold layer (the curator's name).
    #[arg(long, default_value = "gold")]
    pub author: String,
    /// Input format of every file, when detection is not enough.
    #[arg(long)]
    pub from: Option<Format>,
    /// Leave out spans and quotes that are still model suggestions (origin `model`).
    #[arg(long)]
    pub no_suggestions: bool,
}

fn fail(code: u8, message: impl Into<String>) -> ExitCode {
    eprintln!("{}", message.into());
    ExitCode::from(code)
}

/// `sanad merge`.
pub fn run(a: &MergeArgs) -> ExitCode {
    if a.files.len() < 2 {
        return fail(2, "give at least two files, one per annotator");
    }
    let strategy = if a.strategy == "majority" { Strategy::Majority } else { Strategy::Agree };
    let layers = match read_layers(&a.files, a.from) {
        Ok(l) => l,
        Err(f) => return fail(f.code, f.message),
    };
    let files: Vec<String> = layers.iter().map(|(_, f)| f.clone()).collect();
    let study =
        Study::new(layers.into_iter().map(|(l, _)| l).collect(), Options { ignore_suggestions: a.no_suggestions });
    let merged = merge(&study, strategy, &a.author);

    let name = a.out.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let mut project = Project::new(name);
    project.labels =
        sanad_core::schema::with_labels_of(&LabelDef::defaults(), merged.documents.iter().map(|d| &d.document));
    let (mut spans, mut quotes, mut positions, mut to_curate) = (0, 0, 0, 0);
    for d in &merged.documents {
        spans += d.document.spans().len();
        quotes += d.document.quotes().len();
        positions += d.disagreements.len();
        to_curate += usize::from(!d.disagreements.is_empty());
        project.add(d.document.clone());
    }
    let annotators: Vec<serde_json::Value> =
        study.annotators().iter().zip(&files).map(|(a, f)| serde_json::json!({"annotator": a, "file": f})).collect();
    project.meta.insert(
        META_KEY.into(),
        serde_json::json!({
            "strategy": strategy.name(),
            "author": merged.author,
            "annotators": annotators,
            "issues": merged.issues,
        }),
    );
    let out_name = a.out.display().to_string();
    let mut tmp = a.out.clone().into_os_string();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    if let Err(e) = std::fs::write(&tmp, project.to_json()).and_then(|()| std::fs::rename(&tmp, &a.out)) {
        let _ = std::fs::remove_file(&tmp);
        return fail(2, format!("{out_name}: cannot write: {e}"));
    }
    for i in &merged.issues {
        eprintln!("note: {}", describe(i));
    }
    eprintln!(
        "{out_name}: {} documents from {} annotators ({}); gold layer by {:?}: {spans} spans, {quotes} quotes; \
         {positions} disagreements to curate in {to_curate} documents",
        merged.documents.len(),
        study.annotators().len(),
        strategy.name(),
        merged.author
    );
    ExitCode::SUCCESS
}
