//! `sanad train`: trains an entity tagger from CoNLL files and writes a model file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sanad_core::nlp::tagger::{train, Sentence, TrainConfig};
use sanad_core::nlp::{conll, model_file};

/// Options of `sanad train`.
pub struct TrainArgs {
    /// "ar" or "en".
    pub lang: String,
    /// Training CoNLL files.
    pub train: Vec<PathBuf>,
    /// Dev CoNLL file (best epoch is chosen on it).
    pub dev: PathBuf,
    /// Output model file.
    pub out: PathBuf,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// log2 of hashed weight rows.
    pub bits: u8,
    /// Disable gazetteer features.
    pub no_gazetteer: bool,
    /// Hamming cost for cost-augmented training.
    pub cost: f32,
    /// AdaGrad steps.
    pub adagrad: bool,
    /// Models averaged.
    pub ensemble: usize,
    /// Tune a bias per label on dev.
    pub label_bias: bool,
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
    let mut train_set = Vec::new();
    for p in &a.train {
        let s = read_conll(p)?;
        eprintln!("{}: {} sentences", p.display(), s.len());
        train_set.extend(s);
    }
    let dev = read_conll(&a.dev)?;
    eprintln!("{}: {} sentences (dev)", a.dev.display(), dev.len());
    let cfg = TrainConfig {
        epochs: a.epochs,
        seed: a.seed,
        bits: a.bits,
        use_gazetteer: !a.no_gazetteer,
        cost: a.cost,
        adagrad: a.adagrad,
        ensemble: a.ensemble,
        label_bias: a.label_bias,
    };
    let started = std::time::Instant::now();
    let trained = train(&a.lang, &train_set, &dev, &cfg, &mut |r| {
        println!(
            "model {} epoch {:>2}  train errors {:>5}  dev P {:.4} R {:.4} F1 {:.4}  ({:.0}s)",
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
