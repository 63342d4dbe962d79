//! `sanad`: Sanad's command-line tool. This binary only parses arguments and does IO; the work is
//! done by `sanad-core`, the same code the web app runs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod agree;
mod annotate;
mod convert;
mod corpus;
mod eval;
mod eval_quotes;
mod merge_layers;
mod news_docs;
mod stats;
mod train;

#[derive(Parser)]
#[command(name = "sanad", version, about = "Sanad: annotate news text with entities and quotes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a project JSON or a JSONL file of documents and report every problem with its line.
    Validate {
        /// The file to check (`.json` project or `.jsonl` documents).
        file: PathBuf,
    },
    /// Build the training corpus from the shared data (converters, manifest) and unlabelled key text.
    Corpus(corpus::CorpusArgs),
    /// Train an entity tagger from CoNLL files; prints dev P/R/F1 per epoch and keeps the best epoch.
    Train(train::TrainArgs),
    /// Score predictions against gold (CoNLL or JSONL with code point spans): per-label and micro
    /// P/R/F1, exact and clitic-lenient.
    Eval {
        /// Gold file (`.conll` or `.jsonl`).
        #[arg(long)]
        gold: PathBuf,
        /// Predicted file (`.conll` or `.jsonl`).
        #[arg(long)]
        pred: PathBuf,
        /// Only score these labels (comma-separated), e.g. PER,LOC,ORG.
        #[arg(long, value_delimiter = ',')]
        labels: Vec<String>,
    },
    /// Suggest entities: reads JSONL (`{"id","text",...}` per line) or plain text (one document per
    /// line) from a file or stdin and writes JSONL with `"spans"` to stdout.
    Annotate {
        /// Input file; stdin when absent or `-`.
        input: Option<PathBuf>,
        /// Directory with `ar.sanad-model` / `en.sanad-model` instead of the built-in models.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Force a language instead of detecting it per document.
        #[arg(long, value_parser = ["ar", "en"])]
        lang: Option<String>,
        /// Input is CoNLL (pre-tokenized sentences); output is CoNLL with predicted tags.
        #[arg(long)]
        conll: bool,
        /// Skip the document-level consistency pass.
        #[arg(long)]
        no_consistency: bool,
        /// Skip rule-based DATE spans.
        #[arg(long)]
        no_dates: bool,
        /// Lines per parallel batch.
        #[arg(long, default_value_t = 256)]
        batch: usize,
    },
    /// Convert training data between formats: sanad (project JSON), jsonl, prodigy, doccano,
    /// doccano-rel, label-studio, brat (.zip or directory), conll, w3c, quotes (output only).
    /// Offsets are code points unless --utf16. Only documents marked done are written unless --all.
    Convert {
        /// Input format; detected from the name and content when absent.
        #[arg(long)]
        from: Option<sanad_core::formats::Format>,
        /// Output format.
        #[arg(long)]
        to: sanad_core::formats::Format,
        /// Input file (a .zip or directory for brat).
        input: PathBuf,
        /// Output file (a .zip for brat).
        output: PathBuf,
        /// Write every document, not only those marked done.
        #[arg(long)]
        all: bool,
        /// UTF-16 offsets (for JavaScript consumers); every record states "offset_unit": "utf16".
        #[arg(long)]
        utf16: bool,
        /// CoNLL: split Arabic proclitics into their own tokens (the tag goes to the stem).
        #[arg(long)]
        split_clitics: bool,
        /// Leave bad input records out (and list them) instead of refusing the file.
        #[arg(long)]
        skip_bad: bool,
        /// Read spans whose origin the input does not state as model suggestions, not imported annotations.
        #[arg(long)]
        suggestions: bool,
    },
    /// Count documents by status, spans per label, quotes and speakers of a file in any format.
    Stats {
        /// The file (format detected from its name and content).
        file: PathBuf,
        /// Input format, when detection is not enough.
        #[arg(long)]
        from: Option<sanad_core::formats::Format>,
    },
    /// Score quote detection against gold JSONL (quotes with cue and speaker, code points): exact
    /// and overlap P/R/F1, cue F1, speaker accuracy, per language. Without --pred, runs the
    /// detector on the gold texts with the gold entity spans (or the tagger's: --entities tagger).
    EvalQuotes {
        /// Gold JSONL (`{"id","text","spans","quotes"}` per line; or `"text_file"` + `"text_fnv1a64"`).
        #[arg(long)]
        gold: PathBuf,
        /// Predicted JSONL, same format; when absent, predictions are made here.
        #[arg(long)]
        pred: Option<PathBuf>,
        /// Write the predictions made here as JSONL.
        #[arg(long)]
        dump_pred: Option<PathBuf>,
        /// Minimum overlap/union for a quote match.
        #[arg(long, default_value_t = 0.5)]
        overlap: f64,
        /// Entity spans given to the detector: the gold ones, or the tagger's.
        #[arg(long, default_value = "gold", value_parser = ["gold", "tagger"])]
        entities: String,
        /// Model directory for --entities tagger (built-in models otherwise).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Time tagging and quote detection over the gold texts this many times.
        #[arg(long, default_value_t = 0)]
        repeat: usize,
        /// Directory against which `"text_file"` is resolved (default: the gold file's directory).
        #[arg(long)]
        texts: Option<PathBuf>,
    },
    /// Rebuild news articles as plain text (one paragraph a line) from the tokenised corpora in
    /// ../shared/data, for the news quote gold: OUT/<id>.txt and OUT/<source>-index.tsv.
    NewsDocs {
        /// Which corpus: ANERcorp train (Arabic) or the GMB table (English, Voice of America).
        #[arg(long, value_enum)]
        source: news_docs::Source,
        /// Which part: `train` (ANERcorp train, the GMB table) or `dev` (ANERcorp dev, ids
        /// `anercorp-dev-s<n>`: an extra Arabic quote set whose text the shipped tagger never saw).
        #[arg(long, value_enum, default_value_t = news_docs::Part::Train)]
        part: news_docs::Part,
        /// The shared data directory (holding `ner/`).
        #[arg(long)]
        data: PathBuf,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// Agreement between annotators, one file per annotator (any format Sanad reads): span P/R/F1,
    /// Cohen's and Fleiss' kappa and Krippendorff's alpha on tokens, unitizing alpha, quotes.
    Agree(agree::AgreeArgs),
    /// Pre-merge annotators' files for curation into a project JSON: the gold layer and the
    /// disagreements with who said what.
    Merge(merge_layers::MergeArgs),
}

/// Exit status of a tool whose reader went away (128 + SIGPIPE), as `head` leaves other tools.
const BROKEN_PIPE_EXIT: i32 = 141;

/// `println!` panics when stdout is a pipe whose reader has gone (`sanad eval … | head`): stop
/// quietly with the usual status instead of printing a panic and a backtrace. Other panics are
/// reported as before.
fn stop_quietly_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let p = info.payload();
        let msg = p.downcast_ref::<String>().map(String::as_str).or_else(|| p.downcast_ref::<&str>().copied());
        if msg.is_some_and(|m| m.contains("Broken pipe")) {
            std::process::exit(BROKEN_PIPE_EXIT);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    stop_quietly_on_broken_pipe();
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { file } => validate(&file),
        Command::Train(args) => train::run(&args),
        Command::Corpus(args) => corpus::run(&args),
        Command::Eval { gold, pred, labels } => eval::run(&gold, &pred, &labels),
        Command::Annotate { input, model, lang, conll, no_consistency, no_dates, batch } => {
            annotate::run(&annotate::AnnotateArgs { input, model, lang, conll, no_consistency, no_dates, batch })
        }
        Command::Convert { from, to, input, output, all, utf16, split_clitics, skip_bad, suggestions } => {
            convert::run(&convert::ConvertArgs {
                from,
                to,
                input,
                output,
                all,
                utf16,
                split_clitics,
                skip_bad,
                suggestions,
            })
        }
        Command::Stats { file, from } => stats::run(&file, from),
        Command::EvalQuotes { gold, pred, dump_pred, overlap, entities, model, repeat, texts } => {
            eval_quotes::run(&eval_quotes::EvalQuotesArgs {
                gold,
                pred,
                dump_pred,
                overlap,
                entities,
                model,
                repeat,
                texts,
            })
        }
        Command::NewsDocs { source, part, data, out } => {
            news_docs::run(&news_docs::NewsDocsArgs { source, part, data, out })
        }
        Command::Agree(args) => agree::run(&args),
        Command::Merge(args) => merge_layers::run(&args),
    }
}

fn validate(path: &std::path::Path) -> ExitCode {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    let v = sanad_core::import::validate(&name, &bytes);
    for p in &v.problems {
        eprintln!("{p}");
    }
    let summary = format!("{} documents, {} spans, {} quotes", v.documents, v.spans, v.quotes);
    if v.problems.is_empty() {
        println!("{name}: valid ({summary})");
        ExitCode::SUCCESS
    } else {
        println!("{name}: {} problem(s) ({summary} read)", v.problems.len());
        ExitCode::FAILURE
    }
}
