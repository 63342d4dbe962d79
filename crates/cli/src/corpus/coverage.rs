//! `sanad corpus coverage`: how much of a dev set a word cluster table covers, looked up by the
//! tagger's key (`normalize_key`) and, failing that, by the primary stem after proclitics
//! (`normalize::primary_stem`), for the whole table and for its most frequent N words.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use sanad_core::nlp::normalize::{normalize_key, primary_stem};

use super::common::spans;
use super::{read_bytes, utf8};

/// Options of `sanad corpus coverage`.
#[derive(clap::Args, Debug)]
pub struct CoverageArgs {
    /// Cluster table (`key<TAB>...` per line, most frequent first; `#` lines skipped).
    #[arg(long)]
    table: PathBuf,
    /// Training CoNLL (repeat): an entity whose normalised text is an entity there is "seen".
    #[arg(long = "train", required = true)]
    train: Vec<PathBuf>,
    /// Dev CoNLL.
    #[arg(long)]
    dev: PathBuf,
    /// Table sizes to report besides the whole table (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "25000,50000,100000,200000")]
    top: Vec<usize>,
}

fn read_conll(p: &Path) -> Result<Vec<sanad_core::nlp::bio::Sentence>, String> {
    let text = utf8(read_bytes(p)?, p)?;
    sanad_core::nlp::conll::parse(&text).map_err(|e| format!("{}: {e}", p.display()))
}

/// Runs `sanad corpus coverage`.
pub fn run(a: &CoverageArgs) -> Result<(), String> {
    let table = utf8(read_bytes(&a.table)?, &a.table)?;
    let rank: HashMap<&str, usize> = table
        .lines()
        .filter(|l| !l.starts_with("# ") && !l.is_empty())
        .enumerate()
        .filter_map(|(i, l)| l.split('\t').next().map(|k| (k, i)))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for p in &a.train {
        for s in read_conll(p)? {
            for (b, e, _) in spans(&s.tags) {
                seen.insert(normalize_key(&s.words[b..e].join(" ")));
            }
        }
    }
    let dev = read_conll(&a.dev)?;
    // Per dev token: (rank of key, rank of key or stem), `usize::MAX` when absent.
    let look = |w: &str| -> (usize, usize) {
        let k = normalize_key(w);
        let rk = rank.get(k.as_str()).copied().unwrap_or(usize::MAX);
        let rs = rank.get(primary_stem(&k).as_str()).copied().unwrap_or(usize::MAX);
        (rk, rk.min(rs))
    };
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut unseen: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut all_entities = 0;
    for s in &dev {
        let looked: Vec<(usize, usize)> = s.words.iter().map(|w| look(w)).collect();
        tokens.extend(&looked);
        for (b, e, _) in spans(&s.tags) {
            all_entities += 1;
            if !seen.contains(&normalize_key(&s.words[b..e].join(" "))) {
                unseen.push(looked[b..e].to_vec());
            }
        }
    }
    let n_words: usize = unseen.iter().map(Vec::len).sum();
    println!(
        "{}: {} words; dev {}: {} tokens, {} entities, {} not seen as entities in train ({} words)",
        a.table.display(),
        rank.len(),
        a.dev.display(),
        tokens.len(),
        all_entities,
        unseen.len(),
        n_words
    );
    println!("top N\tdev tokens (key)\tdev tokens (key or stem)\tunseen-entity words (key)\tunseen-entity words (key or stem)\tunseen entities with every word (key or stem)\tunseen entities with a word (key or stem)");
    let mut sizes: Vec<usize> = a.top.iter().copied().filter(|&n| n < rank.len()).collect();
    sizes.push(rank.len());
    let pct = |x: usize, n: usize| if n == 0 { 0.0 } else { 100.0 * x as f64 / n as f64 };
    for n in sizes {
        let tk = tokens.iter().filter(|t| t.0 < n).count();
        let ts = tokens.iter().filter(|t| t.1 < n).count();
        let wk = unseen.iter().flatten().filter(|t| t.0 < n).count();
        let ws = unseen.iter().flatten().filter(|t| t.1 < n).count();
        let every = unseen.iter().filter(|e| e.iter().all(|t| t.1 < n)).count();
        let some = unseen.iter().filter(|e| e.iter().any(|t| t.1 < n)).count();
        println!(
            "{n}\t{tk} ({:.1}%)\t{ts} ({:.1}%)\t{wk} ({:.1}%)\t{ws} ({:.1}%)\t{every} ({:.1}%)\t{some} ({:.1}%)",
            pct(tk, tokens.len()),
            pct(ts, tokens.len()),
            pct(wk, n_words),
            pct(ws, n_words),
            pct(every, unseen.len()),
            pct(some, unseen.len())
        );
    }
    Ok(())
}
