//! `sanad agree FILE...`: agreement between annotators, one file per annotator, in any format Sanad
//! reads. The measures are the core's (`sanad_core::agree`); this prints them as text tables or
//! JSON (docs/AGREEMENT.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sanad_core::agree::{
    agreement, annotator_name, token_items, Issue, Layer, Options, Report, Score, Study, Undefined,
};
use sanad_core::formats::{Format, ImportOptions};
use sanad_core::{Document, Origin};

use crate::convert::{input_format, read_input, Failure};

/// Options of `sanad agree`.
#[derive(clap::Args, Debug)]
pub struct AgreeArgs {
    /// One file per annotator (any format Sanad reads: JSONL such as `sanad annotate` writes,
    /// project JSON, Prodigy, doccano, Label Studio, brat, CoNLL, W3C). The annotator is the
    /// `author` all its spans state, else the file name without extension.
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Input format of every file, when detection is not enough.
    #[arg(long)]
    pub from: Option<Format>,
    /// Print the report as JSON (schema in docs/AGREEMENT.md) instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also write the token items the kappas and nominal alpha use (every token with each
    /// annotator's BIO tag) to this JSON file.
    #[arg(long)]
    pub items: Option<PathBuf>,
    /// Leave out spans and quotes that are still model suggestions (origin `model`).
    #[arg(long)]
    pub no_suggestions: bool,
}

/// One annotator's file read into a layer: `(layer, file name)`.
pub fn read_layers(files: &[PathBuf], from: Option<Format>) -> Result<Vec<(Layer, String)>, Failure> {
    let opts = ImportOptions { origin: Origin::Import, ..ImportOptions::default() };
    let mut layers = Vec::with_capacity(files.len());
    for path in files {
        let format = input_format(path, from)?;
        let mut documents: Vec<Document> = Vec::new();
        read_input(path, format, &opts, &mut |d| {
            documents.push(d);
            Ok(())
        })?;
        let name = path.display().to_string();
        let annotator = annotator_name(&documents, &stem(path));
        layers.push((Layer { annotator, documents }, name));
    }
    Ok(layers)
}

/// The file name without its extension (a brat directory's name).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "annotator".into())
}

fn fail(code: u8, message: impl Into<String>) -> ExitCode {
    eprintln!("{}", message.into());
    ExitCode::from(code)
}

/// `sanad agree`.
pub fn run(a: &AgreeArgs) -> ExitCode {
    if a.files.len() < 2 {
        return fail(2, "give at least two files, one per annotator");
    }
    let layers = match read_layers(&a.files, a.from) {
        Ok(l) => l,
        Err(f) => return fail(f.code, f.message),
    };
    let files: Vec<String> = layers.iter().map(|(_, f)| f.clone()).collect();
    let study =
        Study::new(layers.into_iter().map(|(l, _)| l).collect(), Options { ignore_suggestions: a.no_suggestions });
    if let Some(path) = &a.items {
        let json = serde_json::to_string(&token_items(&study)).unwrap_or_default();
        if let Err(e) = std::fs::write(path, json + "\n") {
            return fail(2, format!("{}: cannot write: {e}", path.display()));
        }
    }
    let report = agreement(&study);
    if a.json {
        println!("{}", to_json(&report, &files));
    } else {
        print!("{}", render(&report, &files));
    }
    ExitCode::SUCCESS
}

/// The JSON report: a header, the annotators' files, then every field of [`Report`].
pub fn to_json(report: &Report, files: &[String]) -> String {
    let mut out = serde_json::Map::new();
    out.insert("format".into(), "sanad-agreement".into());
    out.insert("version".into(), 1.into());
    out.insert("offset_unit".into(), "codepoint".into());
    let f: Vec<serde_json::Value> =
        report.annotators.iter().zip(files).map(|(a, f)| serde_json::json!({"annotator": a, "file": f})).collect();
    out.insert("files".into(), f.into());
    if let Ok(serde_json::Value::Object(body)) = serde_json::to_value(report) {
        out.extend(body);
    }
    serde_json::to_string_pretty(&serde_json::Value::Object(out)).unwrap_or_default()
}

/// Text tables, with the reasons for the values that have none listed under them.
struct Tables {
    out: String,
    reasons: Vec<Undefined>,
}

impl Tables {
    fn score(&mut self, s: Score) -> String {
        match s {
            Score::Value(v) => format!("{v:.3}"),
            Score::Undefined(u) => {
                if !self.reasons.contains(&u) {
                    self.reasons.push(u);
                }
                "n/a".into()
            }
        }
    }

    /// A table with a header row; columns padded to their widest cell (counted in characters).
    fn table(&mut self, rows: &[Vec<String>]) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let width: Vec<usize> = (0..cols)
            .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        for r in rows {
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                if c + 1 == r.len() {
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(width[c] - cell.chars().count() + 2));
                }
            }
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    fn heading(&mut self, h: &str) {
        self.out.push('\n');
        self.out.push_str(h);
        self.out.push('\n');
    }
}

/// The text report: annotators, the pairwise matrices, the pairs, the group, the labels, the
/// documents by disagreement, the issues.
pub fn render(r: &Report, files: &[String]) -> String {
    let mut t = Tables { out: String::new(), reasons: Vec::new() };
    let m = r.annotators.len();
    t.out.push_str(&format!(
        "{m} annotators, {} documents ({} annotated by all)\n",
        r.documents_total, r.documents_shared
    ));
    let rows: Vec<Vec<String>> =
        r.annotators.iter().zip(files).map(|(a, f)| vec![format!("  {a}"), f.clone()]).collect();
    t.table(&rows);

    let matrix = |t: &mut Tables, title: &str, get: &dyn Fn(usize) -> Score| {
        t.heading(title);
        let mut rows = vec![std::iter::once(String::new()).chain(r.annotators.iter().cloned()).collect::<Vec<_>>()];
        for i in 0..m {
            let mut row = vec![r.annotators[i].clone()];
            for j in 0..m {
                let p = r.pairs.iter().position(|p| {
                    (p.a == r.annotators[i] && p.b == r.annotators[j])
                        || (p.a == r.annotators[j] && p.b == r.annotators[i])
                });
                row.push(match p {
                    Some(p) if i != j => t.score(get(p)),
                    _ => "-".into(),
                });
            }
            rows.push(row);
        }
        t.table(&rows);
    };
    matrix(&mut t, "Span F1, exact match (pairwise; symmetric)", &|p| r.pairs[p].overall.exact.f1);
    matrix(&mut t, "Cohen's kappa on tokens (BIO tags)", &|p| r.pairs[p].overall.cohen.kappa);
    matrix(&mut t, "Unitizing alpha on code points", &|p| r.pairs[p].overall.alpha_unitizing.alpha);

    t.heading("Pairs (P and R take the first annotator as reference)");
    let mut rows = vec![[
        "pair",
        "docs",
        "tokens",
        "P",
        "R",
        "F1 exact",
        "F1 overlap",
        "kappa",
        "po",
        "pe",
        "alpha",
        "u-alpha",
        "quote F1",
        "overlap",
        "speakers",
        "kinds",
    ]
    .map(String::from)
    .to_vec()];
    for p in &r.pairs {
        let o = &p.overall;
        rows.push(vec![
            format!("{} / {}", p.a, p.b),
            p.documents.to_string(),
            p.tokens.to_string(),
            t.score(o.exact.precision),
            t.score(o.exact.recall),
            t.score(o.exact.f1),
            t.score(o.overlap.f1),
            t.score(o.cohen.kappa),
            t.score(o.cohen.agreement_observed),
            t.score(o.cohen.agreement_expected),
            t.score(o.alpha_nominal.alpha),
            t.score(o.alpha_unitizing.alpha),
            t.score(p.quotes.exact.f1),
            t.score(p.quotes.overlap.f1),
            format!("{}/{}", p.quotes.speaker.agree, p.quotes.speaker.total),
            format!("{}/{}", p.quotes.kind.agree, p.quotes.kind.total),
        ]);
    }
    t.table(&rows);

    let g = &r.group.overall;
    t.heading(&format!(
        "Group ({m} annotators; Fleiss' kappa and u-alpha on the {} documents all have)",
        r.documents_shared
    ));
    let rows = vec![
        vec!["span F1, exact (mean of pairs)".into(), t.score(g.f1_exact)],
        vec!["span F1, overlap (mean of pairs)".into(), t.score(g.f1_overlap)],
        vec!["Cohen's kappa (mean of pairs)".into(), t.score(g.cohen_mean)],
        vec![
            format!("Fleiss' kappa ({} tokens)", g.fleiss.items),
            format!(
                "{} (observed {}, expected {})",
                t.score(g.fleiss.kappa),
                t.score(g.fleiss.agreement_observed),
                t.score(g.fleiss.agreement_expected)
            ),
        ],
        vec![
            format!("Krippendorff's alpha, nominal ({} tokens)", g.alpha_nominal.items),
            t.score(g.alpha_nominal.alpha),
        ],
        vec![format!("unitizing alpha ({} code points)", g.alpha_unitizing.length), t.score(g.alpha_unitizing.alpha)],
        vec!["quote F1, exact / overlap (mean of pairs)".into(), {
            let q = &r.group.quotes;
            format!("{} / {}", t.score(q.f1_exact), t.score(q.f1_overlap))
        }],
        vec!["quote speakers agreeing".into(), {
            let s = r.group.quotes.speaker;
            format!("{}/{} ({})", s.agree, s.total, t.score(s.value))
        }],
        vec!["quote kinds agreeing".into(), {
            let s = r.group.quotes.kind;
            format!("{}/{} ({})", s.agree, s.total, t.score(s.value))
        }],
    ];
    t.table(
        &rows
            .into_iter()
            .map(|mut r| {
                r[0] = format!("  {}", r[0]);
                r
            })
            .collect::<Vec<_>>(),
    );

    t.heading("Labels (group; F1 and Cohen's kappa are means of the pairs)");
    let mut rows = vec![["label", "spans", "F1 exact", "F1 overlap", "kappa", "Fleiss", "alpha", "u-alpha"]
        .map(String::from)
        .to_vec()];
    for l in &r.group.labels {
        let x = &l.measures;
        rows.push(vec![
            l.label.clone(),
            l.spans.iter().map(usize::to_string).collect::<Vec<_>>().join("/"),
            t.score(x.f1_exact),
            t.score(x.f1_overlap),
            t.score(x.cohen_mean),
            t.score(x.fleiss.kappa),
            t.score(x.alpha_nominal.alpha),
            t.score(x.alpha_unitizing.alpha),
        ]);
    }
    t.table(&rows);
    t.out.push_str(&format!("  (spans per annotator: {})\n", r.annotators.join("/")));

    t.heading("Documents, most disagreement first");
    let mut rows = vec![["#", "document", "disagreements", "F1 exact", "kappa", "u-alpha", "annotators", "title"]
        .map(String::from)
        .to_vec()];
    for (i, d) in r.documents.iter().enumerate() {
        let mut title: String = d.title.chars().take(40).collect();
        if d.title.chars().count() > 40 {
            title.push('…');
        }
        rows.push(vec![
            (i + 1).to_string(),
            d.id.clone(),
            d.disagreements.to_string(),
            t.score(d.f1_exact),
            t.score(d.cohen),
            t.score(d.alpha_unitizing),
            d.annotators.join(", "),
            title,
        ]);
    }
    t.table(&rows);

    if !r.issues.is_empty() {
        t.heading("Notes");
        for i in &r.issues {
            t.out.push_str(&format!("  - {}\n", describe(i)));
        }
    }
    if !t.reasons.is_empty() {
        t.out.push('\n');
        for u in t.reasons.clone() {
            t.out.push_str(&format!(
                "n/a: {} ({})\n",
                u.explain(),
                serde_json::to_value(u).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
            ));
        }
    }
    t.out
}

/// An issue in English.
pub fn describe(i: &Issue) -> String {
    let pairs = |v: &[(String, String)]| v.iter().map(|(a, b)| format!("{a}: {b}")).collect::<Vec<_>>().join(", ");
    match i {
        Issue::AnnotatorRenamed { from, to } => format!("two files are by {from:?}; the second is called {to:?}"),
        Issue::IdConflict { id, texts, renamed_to } => format!(
            "document id {id:?} names different texts ({}); they were not joined{}",
            pairs(texts),
            if renamed_to.is_empty() { String::new() } else { format!(", the later ones are {}", renamed_to.join(", ")) }
        ),
        Issue::Renamed { document, fingerprint, ids } => {
            format!("document {document:?} has other ids in some files ({}); matched by its text ({fingerprint})", pairs(ids))
        }
        Issue::Duplicate { annotator, document, ignored } => {
            format!("{annotator} has the text of {document:?} twice; {ignored:?} was left out")
        }
        Issue::Incomplete { document, missing } => format!("{document:?} is not in the files of {}", missing.join(", ")),
        Issue::OverlapsReduced { annotator, document, label, dropped } => format!(
            "{annotator}, {document:?}: {dropped} overlapping {label} span(s) left out of unitizing alpha (earliest longest kept)"
        ),
        Issue::NotMerged { document, reason } => format!("{document:?} could not be merged: {reason}"),
    }
}
