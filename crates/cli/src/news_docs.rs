//! `sanad news-docs`: rebuilds news articles as plain text from the tokenised corpora in
//! `../shared/data`, so that quote gold on real news can be committed as offsets without the text
//! (docs/QUOTES.md, "News gold (issue 14)").
//!
//! Sources: ANERcorp train (`ner/anercorp-train.conll`, Arabic news, CC BY-SA 4.0) and the GMB NER
//! table (`ner/measure-only/gmb/ner_dataset.csv.zip`, Voice of America, public-domain text; only its
//! words are read, never its labels). Neither marks documents, so the running text is cut into
//! documents by a deterministic rule ([`segment`]): Arabic datelines (`بغداد - ا ف ب :`) always start
//! a document; elsewhere a document starts at a drop in lexical cohesion between the neighbouring
//! sentences (TextTiling). Each document is written as `OUT/<id>.txt`, one paragraph per line, with
//! `OUT/<source>-index.tsv` listing every document and the seeded sample order used to pick the gold
//! (both sources may share one directory).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The corpus to rebuild.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    /// ANERcorp train part (Arabic).
    Anercorp,
    /// The Groningen Meaning Bank NER table (English, Voice of America).
    Gmb,
}

impl Source {
    fn lang(self) -> Lang {
        match self {
            Source::Anercorp => Lang::Ar,
            Source::Gmb => Lang::En,
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Source::Anercorp => "anercorp",
            Source::Gmb => "gmb",
        }
    }
}

/// Which part of the corpus: ANERcorp has a train and a dev part; GMB only the one table (`train`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// ANERcorp train, the GMB table.
    #[default]
    Train,
    /// ANERcorp dev (`ner/anercorp-dev.conll`): document ids `anercorp-dev-s<n>`. Quote work only
    /// reads its text; the NER dev yardstick is not changed by it (quotes train nothing).
    Dev,
}

/// The prefix of document ids and of the index file: `anercorp`, `anercorp-dev`, `gmb`.
pub fn id_prefix(source: Source, part: Part) -> String {
    match part {
        Part::Train => source.prefix().to_string(),
        Part::Dev => format!("{}-dev", source.prefix()),
    }
}

/// Options of `sanad news-docs`.
pub struct NewsDocsArgs {
    pub source: Source,
    pub part: Part,
    pub data: PathBuf,
    pub out: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

/// A sentence of the corpus: its tokens and (ANERcorp) their tags, used only to find datelines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// One rebuilt document.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsDoc {
    /// `<source>-s<number of its first sentence, 1-based, 5 digits>`.
    pub id: String,
    /// 0-based index of its first sentence and one past its last.
    pub first: usize,
    pub end: usize,
    /// Paragraphs joined by `\n`, with a final `\n`.
    pub text: String,
    pub words: usize,
    /// Reporting words of the selection list ([`cue_count`]).
    pub cues: usize,
    /// The earlier document that has one of this document's sentences (8+ tokens), if any.
    pub dup_of: Option<String>,
    /// Position in the seeded sample order, among candidates (cues, not a duplicate); 1-based.
    pub rank: Option<usize>,
}

/// The seed of the sample order (changing it changes which documents are gold).
pub const SAMPLE_SEED: &str = "sanad-news-gold-14";

/// Runs `sanad news-docs`.
pub fn run(args: &NewsDocsArgs) -> ExitCode {
    match run_inner(args) {
        Ok(n) => {
            println!("{}: {n} documents written to {}", id_prefix(args.source, args.part), args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sanad news-docs: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &NewsDocsArgs) -> Result<usize, String> {
    let sentences = match (args.source, args.part) {
        (Source::Anercorp, part) => {
            let file = if part == Part::Dev { "ner/anercorp-dev.conll" } else { "ner/anercorp-train.conll" };
            let path = args.data.join(file);
            let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            read_conll(&src)
        }
        (Source::Gmb, Part::Train) => {
            let path = args.data.join("ner/measure-only/gmb/ner_dataset.csv.zip");
            read_gmb_zip(&path)?
        }
        (Source::Gmb, Part::Dev) => return Err("--part dev: the GMB table has no dev part".to_string()),
    };
    let prefix = id_prefix(args.source, args.part);
    let docs = build_as(&sentences, args.source.lang(), &prefix);
    write_out(&docs, &prefix, &args.out)?;
    Ok(docs.len())
}

/// Reads `token<TAB>tag` lines with a blank line after each sentence.
pub fn read_conll(src: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in src.lines() {
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.split_once('\t').unwrap_or((line, "O"));
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

fn read_gmb_zip(path: &Path) -> Result<Vec<Sentence>, String> {
    let name = path.display();
    let f = std::fs::File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| format!("{name}: not a zip file: {e}"))?;
    let mut entry = zip.by_name("ner_dataset.csv").map_err(|e| format!("{name}: no ner_dataset.csv: {e}"))?;
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    read_gmb_csv(&decode_cp1252(&bytes))
}

/// Reads the GMB table (`Sentence #,Word,POS,Tag`; the sentence number only on a sentence's first
/// row). The table was cut at 1,048,575 rows, so its last sentence is incomplete and is dropped.
pub fn read_gmb_csv(src: &str) -> Result<Vec<Sentence>, String> {
    let mut out: Vec<Sentence> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if n == 0 || line.is_empty() {
            continue;
        }
        let fields = parse_csv_line(line);
        let (Some(first), Some(word)) = (fields.first(), fields.get(1)) else {
            return Err(format!("GMB table line {}: fewer than two fields", n + 1));
        };
        if !first.is_empty() {
            out.push(Sentence::default());
        }
        let Some(s) = out.last_mut() else {
            return Err(format!("GMB table line {}: a word before the first sentence", n + 1));
        };
        s.tokens.push(word.clone());
    }
    out.pop();
    Ok(out)
}

/// Splits one CSV line: fields separated by commas, a quoted field may hold commas and `""`.
pub fn parse_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, ',') => fields.push(std::mem::take(&mut cur)),
            (false, '"') if cur.is_empty() => quoted = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Windows-1252 to Unicode (the five bytes it leaves undefined map to the C1 controls, as in Latin-1).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Detokenisation

/// How a token joins its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glue {
    Free,
    /// No space before (closing punctuation, `'s`, `n't`).
    Left,
    /// No space after (opening brackets, `$`).
    Right,
    /// Neither (a decimal point between digits).
    Both,
}

fn all_in(tok: &str, set: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| set.contains(c))
}

fn is_digits(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
}

/// A straight quotation mark, which opens or closes by context: `"` (both scripts); in Arabic
/// text also runs of `'` or `’` used as double quotes (`'' وام ''`).
fn is_mark(tok: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => tok == "\"",
        Lang::Ar => all_in(tok, "\"") || all_in(tok, "'") || all_in(tok, "’"),
    }
}

fn glue(tok: &str, lang: Lang) -> Glue {
    match lang {
        Lang::Ar => {
            if all_in(tok, ".،,:؛;؟?!)]»%”…") {
                Glue::Left
            } else if all_in(tok, "([«“") {
                Glue::Right
            } else {
                Glue::Free
            }
        }
        Lang::En => {
            let lower = tok.to_lowercase();
            let clitic = tok.starts_with('\'') && tok.len() > 1 && tok[1..].chars().all(char::is_alphabetic);
            if all_in(tok, ".,:;?!)]}%…”’'") || clitic || lower == "n't" {
                Glue::Left
            } else if all_in(tok, "([{$“‘#") {
                Glue::Right
            } else {
                Glue::Free
            }
        }
    }
}

/// Whether only punctuation follows token `i` in its sentence (a mark there closes a quote).
fn only_punct_after(tokens: &[String], i: usize) -> bool {
    tokens[i + 1..].iter().all(|t| all_in(t, ".،,:;؛؟?!…"))
}

fn has_word(s: &Sentence) -> bool {
    s.tokens.iter().any(|t| t.chars().any(char::is_alphanumeric))
}

/// Arabic: a run of `'` or `’` tokens is one mark (`' '` → `''`).
fn merged_tokens(s: &Sentence, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(s.tokens.len());
    for t in &s.tokens {
        if let (Lang::Ar, Some(prev)) = (lang, out.last_mut()) {
            let run = |set: &str| all_in(prev, set) && all_in(t, set);
            if run("'") || run("’") {
                prev.push_str(t);
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}

/// A quotation left open at the end of a sentence stays open only when the same mark occurs in
/// one of the next `QUOTE_LOOKAHEAD` sentences (a quotation over several sentences); otherwise it
/// is taken as unbalanced and closed there.
const QUOTE_LOOKAHEAD: usize = 3;

/// The paragraphs of a run of sentences: one sentence a paragraph, except that a sentence joins
/// the previous paragraph while a quotation is open, and a sentence without a word (a lone `.`)
/// joins it too. Tokens are joined by spaces but for the punctuation rules of [`glue`]; a straight
/// quotation mark opens (no space after) unless a quotation with that mark is open or only
/// punctuation follows it in the sentence, in which case it closes (no space before).
pub fn detok(sents: &[Sentence], lang: Lang) -> Vec<String> {
    let toks: Vec<Vec<String>> = sents.iter().map(|s| merged_tokens(s, lang)).collect();
    let mut paras: Vec<String> = Vec::new();
    let mut open: Vec<String> = Vec::new();
    for (k, s) in sents.iter().enumerate() {
        let tokens = &toks[k];
        if paras.is_empty() || (open.is_empty() && has_word(s)) {
            paras.push(String::new());
        }
        let Some(para) = paras.last_mut() else { continue };
        let mut no_space = para.is_empty();
        for (i, tok) in tokens.iter().enumerate() {
            let g = if is_mark(tok, lang) {
                if let Some(pos) = open.iter().position(|m| m == tok) {
                    open.remove(pos);
                    Glue::Left
                } else if only_punct_after(tokens, i) {
                    Glue::Left
                } else {
                    open.push(tok.clone());
                    Glue::Right
                }
            } else {
                let between_digits = (tok == "." || tok == ",")
                    && i > 0
                    && is_digits(&tokens[i - 1])
                    && tokens.get(i + 1).is_some_and(|n| is_digits(n));
                if between_digits {
                    Glue::Both
                } else {
                    glue(tok, lang)
                }
            };
            if !(no_space || matches!(g, Glue::Left | Glue::Both)) {
                para.push(' ');
            }
            para.push_str(tok);
            no_space = matches!(g, Glue::Right | Glue::Both);
        }
        open.retain(|m| toks.iter().skip(k + 1).take(QUOTE_LOOKAHEAD).any(|t| t.contains(m)));
    }
    paras
}

// ---------------------------------------------------------------------------------------------
// Segmentation

/// Sentences on each side of a gap whose words are compared.
const BLOCK: usize = 4;
/// A gap is a boundary when its depth (how far cohesion falls there below the nearest peaks on
/// both sides, TextTiling) exceeds this.
const MIN_DEPTH: f64 = 0.2;
/// Fewest sentences in a document (a dateline may cut sooner).
const MIN_SENTENCES: usize = 3;
/// The most frequent word keys of the corpus carry no topic and are left out (at most one distinct
/// key in twenty, so that a tiny text keeps its words).
const STOP_KEYS: usize = 100;

fn norm_ar(t: &str) -> String {
    t.chars()
        .filter(|c| !('\u{64b}'..='\u{652}').contains(c) && *c != 'ـ')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        })
        .collect()
}

/// The key of a word for cohesion: English lowercased, first 6 letters; Arabic normalised, one
/// proclitic or article removed, first 5 letters. None for punctuation and numbers.
fn key(tok: &str, lang: Lang) -> Option<String> {
    if !tok.chars().any(char::is_alphabetic) {
        return None;
    }
    match lang {
        Lang::En => Some(tok.to_lowercase().chars().take(6).collect()),
        Lang::Ar => {
            let n = norm_ar(tok);
            const PRE: [&str; 12] = ["وبال", "فبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"];
            let stem =
                PRE.iter().find_map(|p| n.strip_prefix(p).filter(|rest| rest.chars().count() >= 3)).unwrap_or(&n);
            Some(stem.chars().take(5).collect())
        }
    }
}

/// An Arabic dateline opens the sentence: a place (a LOC or ORG entity of the corpus, or عواصم
/// "capitals", or متابعة "report by"), possibly several joined by `،`, then a dash, `(` or `:`
/// (`بغداد - ا ف ب :`, `لندن ، القاهرة - د ب أ :`, `كراتشي ( رويترز )`, `عواصم - وكالات :`).
pub fn is_dateline(s: &Sentence) -> bool {
    let (t, g) = (&s.tokens, &s.tags);
    let mut i = 0;
    loop {
        let place = matches!(g.get(i).map(String::as_str), Some("B-LOC" | "B-ORG"))
            || matches!(t.get(i).map(String::as_str), Some("عواصم" | "متابعة"));
        if !place {
            return false;
        }
        i += 1;
        while g.get(i).is_some_and(|x| x.starts_with("I-")) {
            i += 1;
        }
        match t.get(i).map(String::as_str) {
            Some("-" | "ـ" | "–" | "—" | "--" | "(" | ":") => return true,
            Some("،" | ",") => i += 1,
            _ => return false,
        }
    }
}

/// A sentence that cannot open an article: it continues the previous one's subject (English
/// pronouns and connectives; Arabic reporting verbs with no subject of their own, `وأضاف أن`).
fn continues(s: &Sentence, lang: Lang) -> bool {
    let first = s.tokens.first().map(String::as_str).unwrap_or_default();
    match lang {
        Lang::En => matches!(
            first,
            "He" | "She" | "It" | "They" | "His" | "Her" | "Its" | "Their" | "But" | "However" | "And" | "Also" | "\""
        ),
        Lang::Ar => {
            let verb = matches!(
                norm_ar(first).as_str(),
                "واضاف"
                    | "واضافت"
                    | "وتابع"
                    | "وتابعت"
                    | "واوضح"
                    | "واوضحت"
                    | "واشار"
                    | "واشارت"
                    | "واكد"
                    | "واكدت"
                    | "وقال"
                    | "وقالت"
            );
            let next = s.tokens.get(1).map(|t| norm_ar(t)).unwrap_or_default();
            verb && matches!(next.as_str(), "ان" | "انه" | "انها" | "بان" | ":" | "\"" | "«")
        }
    }
}

fn cosine(a: &HashMap<&str, f64>, b: &HashMap<&str, f64>) -> f64 {
    let dot: f64 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    if dot == 0.0 {
        return 0.0;
    }
    let norm = |m: &HashMap<&str, f64>| m.values().map(|v| v * v).sum::<f64>().sqrt();
    dot / (norm(a) * norm(b))
}

/// Cuts sentences into documents; returns `[start, end)` sentence ranges covering them all.
///
/// Units are sentences, a sentence without a word joining the one before. Hard boundaries: an
/// Arabic dateline. Between them, for each gap the cosine of the word-key counts of the `BLOCK`
/// units before and after it (the `STOP_KEYS` most frequent keys of the corpus left out), and its
/// depth: (highest score reached going left while scores rise) + (same going right) − 2 × score.
/// A gap that is a local minimum with depth > `MIN_DEPTH`, at least `MIN_SENTENCES` units after
/// the previous boundary, before a sentence that does not [`continues`], is a boundary.
pub fn segment(sents: &[Sentence], lang: Lang) -> Vec<(usize, usize)> {
    let mut starts: Vec<usize> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if i == 0 || has_word(s) {
            starts.push(i);
        }
    }
    let keys: Vec<Vec<String>> = starts
        .iter()
        .enumerate()
        .map(|(u, &a)| {
            let b = starts.get(u + 1).copied().unwrap_or(sents.len());
            sents[a..b].iter().flat_map(|s| s.tokens.iter().filter_map(|t| key(t, lang))).collect()
        })
        .collect();
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten() {
        *freq.entry(k.as_str()).or_default() += 1;
    }
    let mut by_freq: Vec<(&str, usize)> = freq.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let stop: HashSet<&str> = by_freq.iter().take(STOP_KEYS.min(by_freq.len() / 20)).map(|x| x.0).collect();
    let hard: Vec<bool> = starts.iter().map(|&a| lang == Lang::Ar && is_dateline(&sents[a])).collect();
    let n = starts.len();
    let mut bounds = vec![0usize];
    let mut lo = 0;
    while lo < n {
        let hi = (lo + 1..n).find(|&u| hard[u]).unwrap_or(n);
        let block = |a: usize, b: usize| {
            let mut m: HashMap<&str, f64> = HashMap::new();
            for k in keys[a.max(lo)..b.min(hi)].iter().flatten().filter(|k| !stop.contains(k.as_str())) {
                *m.entry(k.as_str()).or_default() += 1.0;
            }
            m
        };
        // score[u - lo] for the gap before unit u (lo < u < hi).
        let score: Vec<f64> = (lo..hi)
            .map(|u| if u == lo { 1.0 } else { cosine(&block(u.saturating_sub(BLOCK), u), &block(u, u + BLOCK)) })
            .collect();
        let at = |u: usize| score[u - lo];
        let mut last = lo;
        for u in lo + 1..hi {
            let (mut left, mut j) = (at(u), u);
            while j > lo + 1 && at(j - 1) >= left {
                j -= 1;
                left = at(j);
            }
            let (mut right, mut j) = (at(u), u);
            while j + 1 < hi && at(j + 1) >= right {
                j += 1;
                right = at(j);
            }
            let depth = left + right - 2.0 * at(u);
            let minimum = at(u) <= at(u - 1) && (u + 1 >= hi || at(u) <= at(u + 1));
            if u - last >= MIN_SENTENCES && minimum && depth > MIN_DEPTH && !continues(&sents[starts[u]], lang) {
                bounds.push(u);
                last = u;
            }
        }
        if hi < n {
            bounds.push(hi);
        }
        lo = hi;
    }
    bounds.dedup();
    let mut out = Vec::with_capacity(bounds.len());
    for (k, &u) in bounds.iter().enumerate() {
        let a = starts[u];
        let b = bounds.get(k + 1).map_or(sents.len(), |&v| starts[v]);
        out.push((a, b));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Documents, selection, output

/// Counts the reporting words of a text that make a document a candidate for quote gold. This
/// list is the selection filter only, independent of the detector's lexicons.
pub fn cue_count(text: &str, lang: Lang) -> usize {
    let words = text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty());
    match lang {
        Lang::En => {
            let w: Vec<String> = words.map(str::to_lowercase).collect();
            w.iter()
                .enumerate()
                .filter(|(i, x)| {
                    matches!(x.as_str(), "said" | "says" | "say" | "told" | "added" | "stated" | "announced")
                        || (x.as_str() == "according" && w.get(i + 1).is_some_and(|n| n == "to"))
                })
                .count()
        }
        Lang::Ar => words
            .filter(|x| {
                let n = norm_ar(x);
                let bare = n.strip_prefix('و').or_else(|| n.strip_prefix('ف')).unwrap_or(&n);
                matches!(
                    bare,
                    "قال"
                        | "قالت"
                        | "يقول"
                        | "تقول"
                        | "اضاف"
                        | "اضافت"
                        | "اكد"
                        | "اكدت"
                        | "اوضح"
                        | "اوضحت"
                        | "اشار"
                        | "اشارت"
                        | "صرح"
                        | "صرحت"
                        | "اعلن"
                        | "اعلنت"
                        | "ذكر"
                        | "ذكرت"
                        | "تابع"
                        | "تابعت"
                        | "بحسب"
                        | "وفقا"
                )
            })
            .count(),
    }
}

/// FNV-1a, 64 bits (the hash the gold files store for each text).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The splitmix64 finaliser: FNV-1a alone barely moves the high bits for ids that differ only in
/// their last digits, so sorting by it would keep neighbouring documents together.
pub fn mix64(h: u64) -> u64 {
    let z = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Builds the documents: segmentation, text, counts, duplicates and the sample order.
///
/// A document is a duplicate when one of its sentences of 8+ tokens already occurs in an earlier
/// document (ANERcorp repeats some articles). Candidates are the documents with a reporting word
/// that are not duplicates; they are ranked by [`mix64`] of the FNV-1a of `SAMPLE_SEED/id`, ascending.
/// Ids are `<prefix>-s<first sentence>` (`anercorp`, `anercorp-dev`, `gmb`).
pub fn build_as(sents: &[Sentence], lang: Lang, prefix: &str) -> Vec<NewsDoc> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut docs: Vec<NewsDoc> = Vec::new();
    for (a, b) in segment(sents, lang) {
        let id = format!("{prefix}-s{:05}", a + 1);
        let mut text = detok(&sents[a..b], lang).join("\n");
        text.push('\n');
        let words = sents[a..b].iter().flat_map(|s| &s.tokens).filter(|t| t.chars().any(char::is_alphanumeric)).count();
        let mut dup_of = None;
        for s in sents[a..b].iter().filter(|s| s.tokens.len() >= 8) {
            let k = s.tokens.join(" ");
            match seen.get(&k) {
                Some(other) if dup_of.is_none() => dup_of = Some(other.clone()),
                Some(_) => {}
                None => {
                    seen.insert(k, id.clone());
                }
            }
        }
        let cues = cue_count(&text, lang);
        docs.push(NewsDoc { id, first: a, end: b, text, words, cues, dup_of, rank: None });
    }
    let mut order: Vec<(u64, usize)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.cues > 0 && d.dup_of.is_none())
        .map(|(k, d)| (mix64(fnv1a64(format!("{SAMPLE_SEED}/{}", d.id).as_bytes())), k))
        .collect();
    order.sort_unstable();
    for (r, &(_, k)) in order.iter().enumerate() {
        docs[k].rank = Some(r + 1);
    }
    docs
}

/// The part a sampled document goes to: odd ranks dev, even ranks test.
pub fn part(rank: usize) -> &'static str {
    if rank % 2 == 1 {
        "dev"
    } else {
        "test"
    }
}

fn write_out(docs: &[NewsDoc], prefix: &str, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let mut index = String::from("id\tfirst_sentence\tsentences\twords\tcues\tduplicate_of\trank\tpart\tfnv1a64\n");
    for d in docs {
        let path = out.join(format!("{}.txt", d.id));
        std::fs::write(&path, &d.text).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        let _ = writeln!(
            index,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:016x}",
            d.id,
            d.first + 1,
            d.end - d.first,
            d.words,
            d.cues,
            d.dup_of.as_deref().unwrap_or("-"),
            d.rank.map_or_else(|| "-".to_string(), |r| r.to_string()),
            d.rank.map_or("-", part),
            fnv1a64(d.text.as_bytes())
        );
    }
    let path = out.join(format!("{prefix}-index.tsv"));
    std::fs::write(&path, index).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn sent(s: &str) -> Sentence {
        let tokens: Vec<String> = s.split(' ').map(str::to_string).collect();
        let tags = vec!["O".to_string(); tokens.len()];
        Sentence { tokens, tags }
    }

    fn tagged(s: &str) -> Sentence {
        let (mut tokens, mut tags) = (Vec::new(), Vec::new());
        for w in s.split(' ') {
            let (t, g) = w.split_once('/').unwrap_or((w, "O"));
            tokens.push(t.to_string());
            tags.push(g.to_string());
        }
        Sentence { tokens, tags }
    }

    fn text(sents: &[&str], lang: Lang) -> String {
        detok(&sents.iter().map(|s| sent(s)).collect::<Vec<_>>(), lang).join("\n")
    }

    #[test]
    fn english_punctuation_clitics_and_quotes() {
        assert_eq!(
            text(
                &["Iran 's President said , \" We do n't want war . \" He ca n't ( yet ) pay $ 5 , or 10 % ."],
                Lang::En
            ),
            "Iran's President said, \"We don't want war.\" He can't (yet) pay $5, or 10%."
        );
        assert_eq!(
            text(&["the rebels ' 20-year uprising ; it 's over"], Lang::En),
            "the rebels' 20-year uprising; it's over"
        );
    }

    #[test]
    fn english_quote_over_two_sentences_is_one_paragraph() {
        assert_eq!(
            text(&["Bush said \" It 's devastating .", "It 's got to be worse . \"", "Officials agreed ."], Lang::En),
            "Bush said \"It's devastating. It's got to be worse.\"\nOfficials agreed."
        );
    }

    #[test]
    fn unbalanced_mark_is_closed_at_the_sentence_end() {
        // The mark opens, nothing in the next three sentences closes it: no run-on paragraph.
        assert_eq!(
            text(&["He said \" We will win .", "Police came .", "Rain fell .", "Sun rose ."], Lang::En),
            "He said \"We will win.\nPolice came.\nRain fell.\nSun rose."
        );
        // A mark followed only by punctuation closes even with no opener.
        assert_eq!(text(&["and the rest \" ."], Lang::En), "and the rest\".");
    }

    #[test]
    fn arabic_punctuation_guillemets_and_straight_quotes() {
        assert_eq!(
            text(&["وقال الوزير ( الأحد ) : « إن الوضع صعب » ، وأضاف أن \" الحل \" ممكن ؟"], Lang::Ar),
            "وقال الوزير (الأحد): «إن الوضع صعب»، وأضاف أن \"الحل\" ممكن؟"
        );
        // Decimal points between digit tokens; runs of apostrophes are one mark.
        assert_eq!(text(&["نما 1 . 5 % في '' وام '' اليوم ."], Lang::Ar), "نما 1.5% في ''وام'' اليوم.");
        assert_eq!(text(&["لصحيفة ' ' نيوز ' ' البريطانية"], Lang::Ar), "لصحيفة ''نيوز'' البريطانية");
    }

    #[test]
    fn arabic_closing_mark_at_next_sentence_start_and_lone_stops() {
        assert_eq!(
            text(&["وقال رئيس المعهد \" إنه يشكل خطرا .", "\" وتقع الفلبين على \" حزام النار \" .", "."], Lang::Ar),
            "وقال رئيس المعهد \"إنه يشكل خطرا.\" وتقع الفلبين على \"حزام النار\".."
        );
        // The dateline's dashes keep their spaces.
        assert_eq!(
            text(&["المفرق - غيث الطراونة - أمر جلالة الملك ."], Lang::Ar),
            "المفرق - غيث الطراونة - أمر جلالة الملك."
        );
    }

    #[test]
    fn datelines() {
        assert!(is_dateline(&tagged("بغداد/B-LOC - ا ف ب : أحرز العراق")));
        assert!(is_dateline(&tagged("الدار/B-LOC البيضاء/I-LOC - '' وام '' : وصل")));
        assert!(is_dateline(&tagged("لندن/B-LOC ، القاهرة/B-LOC - د ب أ : قال")));
        assert!(is_dateline(&tagged("كراتشي/B-LOC ( رويترز ) تظاهر")));
        assert!(is_dateline(&tagged("عواصم - وكالات : ارتفع")));
        assert!(!is_dateline(&tagged("أعلنت نوكيا/B-ORG الفنلندية - أكبر شركة")));
        assert!(!is_dateline(&tagged("ولبنان/B-LOC ، وهو في محنته")));
        assert!(!is_dateline(&tagged("بغداد/B-LOC هي العاصمة")));
    }

    fn topic(words: &str, n: usize) -> Vec<Sentence> {
        (0..n).map(|i| sent(&format!("{words} item{i} ."))).collect()
    }

    #[test]
    fn segments_at_topic_changes_and_datelines() {
        let mut s = topic("Halliburton contract Army logistics", 5);
        s.extend(topic("Sudan Darfur troops rebels", 5));
        s.extend(topic("Merck Vioxx jury verdict", 4));
        assert_eq!(segment(&s, Lang::En), vec![(0, 5), (5, 10), (10, 14)]);
        // A sentence that continues the previous subject is never a document start.
        let mut t = topic("Halliburton contract Army logistics", 4);
        t.push(sent("He said Sudan Darfur troops rebels ."));
        t.extend(topic("Sudan Darfur troops rebels", 4));
        assert!(segment(&t, Lang::En).iter().all(|&(a, _)| a != 4), "{:?}", segment(&t, Lang::En));
        // Arabic: a dateline starts a document even inside one topic; a lone "." joins its sentence.
        let mut a: Vec<Sentence> = (0..4).map(|_| sent("قال الوزير إن الاقتصاد ينمو .")).collect();
        a.push(sent("."));
        a.push(tagged("عمان/B-LOC - بترا : قال الوزير إن الاقتصاد ينمو ."));
        a.push(sent("وأضاف أن الاقتصاد ينمو ."));
        assert_eq!(segment(&a, Lang::Ar), vec![(0, 5), (5, 7)]);
    }

    #[test]
    fn sample_order_spreads_neighbouring_documents() {
        // FNV-1a alone would rank ids that differ in their last digits next to each other.
        let mut ids: Vec<(u64, usize)> =
            (0..200).map(|n| (mix64(fnv1a64(format!("{SAMPLE_SEED}/gmb-s{n:05}").as_bytes())), n)).collect();
        ids.sort_unstable();
        let first: Vec<usize> = ids.iter().take(20).map(|x| x.1).collect();
        let spread = first.iter().max().unwrap() - first.iter().min().unwrap();
        assert!(spread > 100, "{first:?}");
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn csv_and_cp1252() {
        assert_eq!(parse_csv_line("Sentence: 1,\"\"\"\",``,O"), vec!["Sentence: 1", "\"", "``", "O"]);
        assert_eq!(parse_csv_line(",\",\",\",\",O"), vec!["", ",", ",", "O"]);
        assert_eq!(decode_cp1252(b"caf\xe9 \x93ok\x94 \x85"), "café “ok” …");
        let table = "Sentence #,Word,POS,Tag\r\nSentence: 1,Hi,UH,O\r\n,.,.,O\r\nSentence: 2,Cut,NN,O\r\n";
        let s = read_gmb_csv(table).unwrap();
        assert_eq!(s.len(), 1, "the last, incomplete sentence is dropped");
        assert_eq!(s[0].tokens, vec!["Hi", "."]);
        assert!(read_gmb_csv("h\r\n,orphan,NN,O\r\n").unwrap_err().contains("line 2"));
    }

    #[test]
    fn documents_duplicates_and_sample_order() {
        let mut s = topic("Halliburton contract Army logistics firm said", 5);
        s.extend(topic("Sudan Darfur troops rebels quiet calm", 5));
        s.extend(topic("Halliburton contract Army logistics firm said", 5));
        let docs = build_as(&s, Lang::En, "gmb");
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["gmb-s00001", "gmb-s00006", "gmb-s00011"]);
        assert_eq!(docs[0].text.lines().count(), 5);
        assert!(docs[0].text.ends_with(".\n"));
        assert_eq!((docs[0].cues, docs[1].cues), (5, 0));
        assert_eq!(docs[2].dup_of.as_deref(), Some("gmb-s00001"));
        assert_eq!((docs[0].rank, docs[1].rank, docs[2].rank), (Some(1), None, None));
        assert_eq!((part(1), part(2)), ("dev", "test"));
        assert_eq!(cue_count("وقال الوزير، وأكدت الوزارة بحسب مصادر", Lang::Ar), 3);
        assert_eq!(cue_count("According to police, he said", Lang::En), 2);
    }

    #[test]
    fn dev_part_ids_and_refusal() {
        assert_eq!(
            (id_prefix(Source::Anercorp, Part::Dev), id_prefix(Source::Gmb, Part::Train)),
            ("anercorp-dev".to_string(), "gmb".to_string())
        );
        let s = topic("الوزير قال إن الاتفاق سيوقع", 4);
        let docs = build_as(&s, Lang::Ar, "anercorp-dev");
        assert_eq!(docs[0].id, "anercorp-dev-s00001");
        let dir = tempfile::tempdir().unwrap();
        let args = NewsDocsArgs {
            source: Source::Gmb,
            part: Part::Dev,
            data: dir.path().to_path_buf(),
            out: dir.path().join("o"),
        };
        assert!(run_inner(&args).unwrap_err().contains("no dev part"));
        std::fs::create_dir_all(dir.path().join("ner")).unwrap();
        std::fs::write(dir.path().join("ner/anercorp-dev.conll"), "قال\tO\nالوزير\tO\n.\tO\n\n").unwrap();
        let args = NewsDocsArgs {
            source: Source::Anercorp,
            part: Part::Dev,
            data: dir.path().to_path_buf(),
            out: dir.path().join("o"),
        };
        assert_eq!(run_inner(&args).unwrap(), 1);
        assert!(
            dir.path().join("o/anercorp-dev-s00001.txt").exists()
                && dir.path().join("o/anercorp-dev-index.tsv").exists()
        );
    }
}
