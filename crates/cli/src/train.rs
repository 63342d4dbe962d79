//! `sanad train`: trains an entity tagger from CoNLL files and writes a model file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sanad_core::nlp::bio::Sentence;
use sanad_core::nlp::clusters::{feat, Clusters};
use sanad_core::nlp::gazetteer::Gazetteer;
use sanad_core::nlp::tagger::{train, AuxSet, TrainConfig};
use sanad_core::nlp::{conll, model_file};

/// Options of `sanad train`.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// Language of the model.
    #[arg(long, value_parser = ["ar", "en"])]
    pub lang: String,
    /// Training data (CoNLL, `token<TAB>tag`; with --base also JSONL with spans or a project JSON);
    /// repeat for several files.
    #[arg(long = "train", required = true)]
    pub train: Vec<PathBuf>,
    /// Development data (CoNLL) used to pick the best epoch (required unless --base).
    #[arg(long, required_unless_present = "base")]
    pub dev: Option<PathBuf>,
    /// Fine-tune this model (`builtin`, a model file, or a fine-tuned model file to go on with)
    /// with the page's update rule instead of training from scratch: the --train files (CoNLL,
    /// JSONL with spans, or a project JSON, of which only the done documents teach) are learned
    /// document by document, in order; --out gets a fine-tuned model file for `annotate --model`.
    #[arg(long)]
    pub base: Option<String>,
    /// Output model file.
    #[arg(long)]
    pub out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed for the shuffling order (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// log2 of the number of hashed weight rows.
    #[arg(long, default_value_t = 18)]
    pub bits: u8,
    /// Do not use gazetteer features (neither the built-in CLDR list nor --gazetteer lists).
    #[arg(long)]
    pub no_gazetteer: bool,
    /// A name list added to the built-in CLDR gazetteer (`TYPE<TAB>LANG<TAB>name` per line, TYPE one
    /// of LOC, LANG, PER, ORG, NAME, NAT; lines of other languages are skipped); repeat for several files.
    /// The compiled list travels in the model file.
    #[arg(long = "gazetteer")]
    pub gazetteer: Vec<PathBuf>,
    /// A secondary name list (same format): its matches are features of their own (e.g. names
    /// collected from data annotated to other guidelines); repeat for several files.
    #[arg(long = "gazetteer-secondary")]
    pub gazetteer_secondary: Vec<PathBuf>,
    /// A word frequency table (`word<TAB>bucket` per line, wordfreq's centibel bucket) for frequency
    /// features; it travels in the model file.
    #[arg(long)]
    pub word_freq: Option<PathBuf>,
    /// Hamming cost for cost-augmented decoding during training (0 = plain perceptron).
    #[arg(long, default_value_t = 0.0)]
    pub cost: f32,
    /// Use AdaGrad step sizes instead of unit perceptron steps.
    #[arg(long)]
    pub adagrad: bool,
    /// Train this many models with different shuffles and average their weights.
    #[arg(long, default_value_t = 1)]
    pub ensemble: usize,
    /// After the O bias, tune one bias per label on dev (folded into the transition scores).
    #[arg(long)]
    pub label_bias: bool,
    /// A word cluster table (`key<TAB>k64<TAB>k256<TAB>k1024<TAB>path`, `crates/core/data/clusters-*.tsv`)
    /// for cluster features; it travels in the model file, compiled.
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Keep only the first (most frequent) N words of the cluster table.
    #[arg(long)]
    pub cluster_words: Option<usize>,
    /// The cluster features, comma-separated: k64, k256, k1024, p4, p6, p10 (the word), stem (a word
    /// not in the table takes its stem's cluster), stem-k256, nb-k64, nb-k256, nb-k1024, nb-p4,
    /// nb-p6, nb-p10 (the ±1 neighbours), bigram, nb2-k64.
    #[arg(long, default_value = "k64,k256,k1024,p4,p6,p10,stem,nb-k256,nb-p6")]
    pub cluster_features: String,
    /// An auxiliary training set of another domain (CoNLL); repeat for several files.
    #[arg(long = "aux")]
    pub aux: Vec<PathBuf>,
    /// Scale of the updates on auxiliary sentences: one value for every --aux file, or one per file.
    #[arg(long = "aux-weight")]
    pub aux_weight: Vec<f32>,
    /// Feature augmentation for the auxiliary sets (a shared and a per-set copy of every feature; only
    /// the shared one is kept).
    #[arg(long)]
    pub aux_augment: bool,
    /// Passes over the auxiliary sets alone before the main training starts from those weights.
    #[arg(long, default_value_t = 0)]
    pub pretrain_epochs: usize,
    /// The auxiliary sets' entities also feed the learned lexicon.
    #[arg(long)]
    pub aux_lexicon: bool,
    /// Labels set to O in the auxiliary sets (comma-separated, e.g. MISC when their MISC follows
    /// other guidelines).
    #[arg(long, default_value = "")]
    pub aux_drop: String,
    /// Labels the --aux sets do not annotate (comma-separated): their O tokens may be these.
    #[arg(long, default_value = "")]
    pub aux_partial: String,
    /// Labels the --train sets do not annotate (comma-separated): their O tokens may be these.
    #[arg(long, default_value = "")]
    pub train_partial: String,
}

fn label_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// The built-in gazetteer of `lang` with the lists and the frequency table of the arguments, with the
/// file and line in any error.
fn gazetteer_of(a: &TrainArgs) -> Result<Option<Gazetteer>, String> {
    if a.gazetteer.is_empty() && a.gazetteer_secondary.is_empty() && a.word_freq.is_none() {
        return Ok(None);
    }
    if a.no_gazetteer {
        return Err("--gazetteer and --word-freq cannot be combined with --no-gazetteer".into());
    }
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()));
    let mut g = Gazetteer::builtin(&a.lang);
    for p in &a.gazetteer {
        let n = g.add_list(&read(p)?, &a.lang).map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("{}: {n} entries for {}", p.display(), a.lang);
    }
    for p in &a.gazetteer_secondary {
        let n = g
            .add_list_with(&read(p)?, &a.lang, sanad_core::nlp::gazetteer::kind::SECONDARY)
            .map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("{}: {n} secondary entries for {}", p.display(), a.lang);
    }
    if let Some(p) = &a.word_freq {
        let n = g.add_word_freq(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("{}: {n} words ({} keys)", p.display(), g.freq_len());
    }
    Ok(Some(g))
}

/// Reads a CoNLL file, with the path in any error.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    conll::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs `sanad train`.
pub fn run(a: &TrainArgs) -> ExitCode {
    match run_inner(a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanad train: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(a: &TrainArgs) -> Result<(), String> {
    if a.lang != "ar" && a.lang != "en" {
        return Err(format!("--lang must be ar or en, not {:?}", a.lang));
    }
    if let Some(base) = &a.base {
        return crate::finetune::run(&a.lang, base, &a.train, &a.out).map(|_| ());
    }
    let Some(dev_path) = &a.dev else { return Err("--dev is required to train a model (or give --base)".into()) };
    // Refuse an output folder that does not exist before training, not after.
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(format!("{}: the folder {} does not exist", a.out.display(), dir.display()));
        }
    }
    let gazetteer = gazetteer_of(a)?;
    let mut train_set = Vec::new();
    for p in &a.train {
        let s = read_conll(p)?;
        eprintln!("{}: {} sentences", p.display(), s.len());
        train_set.extend(s);
    }
    let drop: Vec<&str> = a.aux_drop.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if a.aux_weight.len() > 1 && a.aux_weight.len() != a.aux.len() {
        return Err(format!("{} --aux-weight values for {} --aux files", a.aux_weight.len(), a.aux.len()));
    }
    let mut aux = Vec::new();
    for (k, p) in a.aux.iter().enumerate() {
        let mut sents = read_conll(p)?;
        let mut dropped = 0;
        for s in &mut sents {
            for t in &mut s.tags {
                if t.split_once('-').is_some_and(|(_, l)| drop.contains(&l)) {
                    dropped += usize::from(t.starts_with("B-"));
                    *t = "O".into();
                }
            }
        }
        let weight = a.aux_weight.get(k).or(a.aux_weight.first()).copied().unwrap_or(1.0);
        eprintln!("{}: {} sentences (auxiliary, weight {weight}; {dropped} spans dropped)", p.display(), sents.len());
        aux.push(AuxSet { sents, weight, partial: label_list(&a.aux_partial) });
    }
    let clusters = match &a.clusters {
        None => None,
        Some(p) => {
            let features = feat::parse(&a.cluster_features)?;
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?;
            let c = Clusters::parse(&text, a.cluster_words, features).map_err(|e| format!("{}: {e}", p.display()))?;
            eprintln!("{}: {} words; cluster features {}", p.display(), c.len(), feat::names(features));
            Some(c)
        }
    };
    let dev = read_conll(dev_path)?;
    eprintln!("{}: {} sentences (dev)", dev_path.display(), dev.len());
    let cfg = TrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
        use_gazetteer: !a.no_gazetteer,
        gazetteer,
        cost: a.cost,
        adagrad: a.adagrad,
        ensemble: a.ensemble,
        label_bias: a.label_bias,
        clusters,
        aux,
        aux_augment: a.aux_augment,
        pretrain_epochs: a.pretrain_epochs,
        aux_lexicon: a.aux_lexicon,
        main_partial: label_list(&a.train_partial),
    };
    let started = std::time::Instant::now();
    let trained = train(&a.lang, &train_set, &dev, &cfg, &mut |r| {
        println!(
            "{}model {} epoch {:>2}  train errors {:>5}  dev P {:.4} R {:.4} F1 {:.4}  ({:.0}s)",
            if r.pretrain { "pretrain " } else { "" },
            r.member + 1,
            r.epoch,
            r.train_errors,
            r.dev.p(),
            r.dev.r(),
            r.dev.f1(),
            started.elapsed().as_secs_f64()
        );
    });
    let bytes = model_file::to_bytes(&trained.tagger);
    std::fs::write(&a.out, &bytes).map_err(|e| format!("{}: cannot write: {e}", a.out.display()))?;
    println!(
        "best epoch {} (dev F1 {:.4} float, {:.4} quantised, {:.4} with O bias {:.3}: P {:.4} R {:.4}); labels {}; wrote {} ({} bytes)",
        trained.best_epoch,
        trained.dev_float.f1(),
        trained.dev_quantised.f1(),
        trained.dev_tuned.f1(),
        trained.tagger.o_bias,
        trained.dev_tuned.p(),
        trained.dev_tuned.r(),
        trained.tagger.labels.join(","),
        a.out.display(),
        bytes.len()
    );
    Ok(())
}
