//! `sanad corpus`: the data pipeline as code.
//!
//! * `sanad corpus build --data ../shared/data --out target/corpus` converts every annotated source to
//!   normalised CoNLL (see [`common`] for the format) and writes `MANIFEST.tsv` (sha256 of every input
//!   and output, counts, converter versions, licences) and `MAPPING.tsv` (source label -> label, per
//!   token). The GMB table goes to `measure-only/` (never to train a shipped model) and its plain text
//!   to `text/`.
//! * `sanad corpus text --lang ar|en` writes unlabelled text as the tagger's own normalised word keys,
//!   one sentence a line, for learning word representations (tools/clusters/).
//!
//! Rules, label tables and decisions: docs/DATA.md.

pub mod arabic;
pub mod common;
mod coverage;
pub mod english;
pub mod gmb;
mod text;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sha2::{Digest, Sha256};

use common::{count, write_conll, Converted, Stats, LABELS};

/// `sanad corpus` and its subcommands.
#[derive(clap::Args, Debug)]
pub struct CorpusArgs {
    #[command(subcommand)]
    cmd: CorpusCmd,
}

#[derive(clap::Subcommand, Debug)]
enum CorpusCmd {
    /// Convert every annotated source under --data to normalised CoNLL with a manifest.
    Build {
        /// The shared data folder (with `ner/` and `text/`).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "target/corpus")]
        out: PathBuf,
    },
    /// Write unlabelled text as normalised word keys, one sentence a line (see tools/clusters/).
    Text(text::TextArgs),
    /// How much of a dev set a word cluster table covers (tokens, and words of entities unseen in train).
    Coverage(coverage::CoverageArgs),
}

/// Runs `sanad corpus`.
pub fn run(a: &CorpusArgs) -> ExitCode {
    let r = match &a.cmd {
        CorpusCmd::Build { data, out } => build(data, out),
        CorpusCmd::Text(t) => text::run(t),
        CorpusCmd::Coverage(c) => coverage::run(c),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanad corpus: {e}");
            ExitCode::from(2)
        }
    }
}

/// sha256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a file, with the path in any error.
pub fn read_bytes(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))
}

/// Decompresses xz.
pub fn unxz(bytes: &[u8], p: &Path) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    xz2::read::XzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| format!("{}: not valid xz: {e}", p.display()))?;
    Ok(out)
}

/// UTF-8 text, with the path in any error.
pub fn utf8(bytes: Vec<u8>, p: &Path) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", p.display()))
}

/// What a file is for, in the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    Input,
    Train,
    MeasureOnly,
    UnlabelledText,
}

impl Use {
    fn as_str(self) -> &'static str {
        match self {
            Use::Input => "input",
            Use::Train => "train",
            Use::MeasureOnly => "MEASURE-ONLY (never train a shipped model)",
            Use::UnlabelledText => "unlabelled-text",
        }
    }
}

/// One manifest row.
struct Row {
    path: String,
    usage: Use,
    sha256: String,
    bytes: usize,
    converter: String,
    licence: String,
    counts: Option<(common::Counts, Stats)>,
}

/// The build: inputs read, outputs written, rows collected.
struct Build<'a> {
    data: &'a Path,
    out: &'a Path,
    rows: Vec<Row>,
    mapping: Vec<(String, String, String, usize)>,
    skipped: Vec<String>,
}

impl Build<'_> {
    /// Reads an input (relative to --data) and records it.
    fn input(&mut self, rel: &str, converter: &str, licence: &str) -> Result<Vec<u8>, String> {
        let p = self.data.join(rel);
        let bytes = read_bytes(&p)?;
        self.rows.push(Row {
            path: format!("data/{rel}"),
            usage: Use::Input,
            sha256: sha256_hex(&bytes),
            bytes: bytes.len(),
            converter: converter.to_string(),
            licence: licence.to_string(),
            counts: None,
        });
        Ok(bytes)
    }

    /// Reads a UTF-8 input, decompressing `.xz`.
    fn input_text(&mut self, rel: &str, converter: &str, licence: &str) -> Result<String, String> {
        let bytes = self.input(rel, converter, licence)?;
        let p = self.data.join(rel);
        let bytes = if rel.ends_with(".xz") { unxz(&bytes, &p)? } else { bytes };
        utf8(bytes, &p)
    }

    fn exists(&self, rel: &str) -> bool {
        self.data.join(rel).exists()
    }

    /// Writes a file under --out and records it.
    fn write(
        &mut self,
        rel: &str,
        usage: Use,
        converter: &str,
        licence: &str,
        content: &str,
        counts: Option<(common::Counts, Stats)>,
    ) -> Result<(), String> {
        let p = self.out.join(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        }
        std::fs::write(&p, content).map_err(|e| format!("{}: cannot write: {e}", p.display()))?;
        self.rows.push(Row {
            path: rel.to_string(),
            usage,
            sha256: sha256_hex(content.as_bytes()),
            bytes: content.len(),
            converter: converter.to_string(),
            licence: licence.to_string(),
            counts,
        });
        Ok(())
    }

    /// Writes a converted source as CoNLL with its header and records counts and label mapping.
    fn write_converted(
        &mut self,
        rel: &str,
        usage: Use,
        converter: &str,
        licence: &str,
        source: &str,
        c: Converted,
    ) -> Result<(), String> {
        let mut header = vec![
            format!("source: {source}"),
            format!("converter: sanad corpus build ({converter}); rules in docs/DATA.md"),
            format!("licence: {licence}"),
            "format: token<TAB>tag, IOB2 over PER LOC ORG MISC; `# doc <id>` starts a source document".to_string(),
        ];
        if usage == Use::MeasureOnly {
            header.insert(0, gmb::MEASURE_ONLY_HEADER.to_string());
        }
        let content = write_conll(&header, &c.items);
        let counts = count(&c.items);
        for ((from, to), n) in &c.stats.label_map {
            self.mapping.push((rel.to_string(), from.clone(), to.clone(), *n));
        }
        eprintln!(
            "{rel}: {} tokens, {} sentences, {} documents, spans {:?}, IOB repairs {}",
            counts.tokens, counts.sentences, counts.documents, counts.spans, c.stats.iob_repairs
        );
        self.write(rel, usage, converter, licence, &content, Some((counts, c.stats)))
    }

    fn skip(&mut self, what: &str) {
        eprintln!("skipped {what}: not found under {}", self.data.display());
        self.skipped.push(what.to_string());
    }
}

const WIKIFANE: &str = "ner/ar-wikifane/WikiFANE_Gold_2014_500K.txt.xz";
const AQMAR: &str = "ner/ar-aqmar/AQMAR_Arabic_NER_corpus-1.0.txt.xz";
const GMB_ZIP: &str = "ner/measure-only/gmb/ner_dataset.csv.zip";
const EN: &str = "ner/en-extra";

/// The licence of a re3d source folder, read from its LICENSE file; `None` when not recognised.
pub fn re3d_licence(text: &str) -> Option<&'static str> {
    if text.contains("public domain") {
        Some("public domain (US government)")
    } else if text.contains("Open Government Licence v3.0") {
        Some("Open Government Licence v3.0")
    } else if text.contains("Attribution 3.0 Australia") {
        Some("CC BY 3.0 AU")
    } else if text.contains("Attribution-ShareAlike 3.0") {
        Some("CC BY-SA 3.0")
    } else {
        None
    }
}

fn build(data: &Path, out: &Path) -> Result<(), String> {
    if !data.join("ner").is_dir() {
        return Err(format!("{}: no `ner` folder here (give the shared data folder with --data)", data.display()));
    }
    let mut b = Build { data, out, rows: Vec::new(), mapping: Vec::new(), skipped: Vec::new() };
    build_arabic(&mut b)?;
    build_english(&mut b)?;
    build_gmb(&mut b)?;
    write_manifest(&mut b)
}

fn build_arabic(b: &mut Build<'_>) -> Result<(), String> {
    let lic = "CC BY-SA 3.0 (WikiFANE Gold, Alotaibi and Lee, COLING 2014)";
    if b.exists(WIKIFANE) {
        let text = b.input_text(WIKIFANE, arabic::WIKIFANE_VERSION, lic)?;
        let c = arabic::wikifane(&text, &arabic::Lexicon::builtin());
        b.write_converted(
            "ar-wikifane.conll",
            Use::Train,
            arabic::WIKIFANE_VERSION,
            lic,
            "WikiFANE Gold 2014 (Arabic Wikipedia)",
            c,
        )?;
    } else {
        b.skip(WIKIFANE);
    }
    let lic = "CC BY-SA 3.0 (AQMAR Arabic Wikipedia NER corpus 1.0, Mohit et al., EACL 2012)";
    if b.exists(AQMAR) {
        let text = b.input_text(AQMAR, arabic::AQMAR_VERSION, lic)?;
        b.write_converted(
            "ar-aqmar.conll",
            Use::Train,
            arabic::AQMAR_VERSION,
            lic,
            "AQMAR (Arabic Wikipedia)",
            arabic::aqmar(&text),
        )?;
    } else {
        b.skip(AQMAR);
    }
    Ok(())
}

/// Sorted names of the entries of a folder.
fn list(dir: &Path) -> Result<Vec<String>, String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot list: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    v.sort();
    Ok(v)
}

fn build_english(b: &mut Build<'_>) -> Result<(), String> {
    // WikiGold.
    let rel = format!("{EN}/wikigold/wikigold.conll.txt");
    let lic = "CC BY 4.0 (WikiGold, Balasuriya et al. 2009)";
    if b.exists(&rel) {
        let text = b.input_text(&rel, english::WIKIGOLD_VERSION, lic)?;
        b.write_converted(
            "en-wikigold.conll",
            Use::Train,
            english::WIKIGOLD_VERSION,
            lic,
            "WikiGold (Wikipedia)",
            english::wikigold(&text),
        )?;
    } else {
        b.skip(&rel);
    }
    // UNER PUD.
    let rel = format!("{EN}/uner-pud/en_pud-ud-test.iob2");
    let lic = "CC BY-SA 3.0 (Universal NER English-PUD, Mayhew et al. 2024)";
    if b.exists(&rel) {
        let text = b.input_text(&rel, english::UNER_PUD_VERSION, lic)?;
        b.write_converted(
            "en-uner-pud.conll",
            Use::Train,
            english::UNER_PUD_VERSION,
            lic,
            "UNER English-PUD (news and Wikipedia)",
            english::uner_pud(&text),
        )?;
    } else {
        b.skip(&rel);
    }
    // BTC, sections in order.
    let lic = "CC BY 4.0 (Broad Twitter Corpus, Derczynski et al. 2016)";
    let mut c = Converted::default();
    for s in ["a", "b", "e", "f", "g", "h"] {
        let rel = format!("{EN}/btc/{s}.conll");
        if b.exists(&rel) {
            let text = b.input_text(&rel, english::BTC_VERSION, lic)?;
            english::btc(s, &text, &mut c);
        } else {
            b.skip(&rel);
        }
    }
    if !c.items.is_empty() {
        b.write_converted(
            "en-btc.conll",
            Use::Train,
            english::BTC_VERSION,
            lic,
            "Broad Twitter Corpus (tweets; section g: news tweets)",
            c,
        )?;
    }
    // WNUT-17, every split.
    let lic = "CC BY 4.0 (WNUT-17 emerging entities, Derczynski et al. 2017)";
    let mut c = Converted::default();
    for f in ["wnut17train.conll", "emerging.dev.conll", "emerging.test.annotated"] {
        let rel = format!("{EN}/wnut17/{f}");
        if b.exists(&rel) {
            let text = b.input_text(&rel, english::WNUT17_VERSION, lic)?;
            english::wnut17(&format!("wnut17-{f}"), &text, &mut c);
        } else {
            b.skip(&rel);
        }
    }
    if !c.items.is_empty() {
        b.write_converted("en-wnut17.conll", Use::Train, english::WNUT17_VERSION, lic, "WNUT-17 (social media)", c)?;
    }
    // CrossNER, every domain and split.
    let lic = "CC BY-SA 3.0 (CrossNER, Liu et al. 2021: sentences from Wikipedia; code MIT)";
    let mut c = Converted::default();
    for d in ["politics", "literature", "music", "science", "ai"] {
        for s in ["train", "dev", "test"] {
            let rel = format!("{EN}/crossner/{d}/{s}.txt");
            if b.exists(&rel) {
                let text = b.input_text(&rel, english::CROSSNER_VERSION, lic)?;
                english::crossner(&format!("crossner-{d}-{s}"), &text, &mut c);
            } else {
                b.skip(&rel);
            }
        }
    }
    if !c.items.is_empty() {
        b.write_converted(
            "en-crossner.conll",
            Use::Train,
            english::CROSSNER_VERSION,
            lic,
            "CrossNER (Wikipedia by topic)",
            c,
        )?;
    }
    // SEC filings.
    let lic = "CC BY 3.0 (SEC filings NER, Salinas Alvarado et al. 2015)";
    let mut c = Converted::default();
    for f in ["FIN5.txt", "FIN3.txt"] {
        let rel = format!("{EN}/sec-filings/{f}");
        if b.exists(&rel) {
            let text = b.input_text(&rel, english::SEC_VERSION, lic)?;
            english::sec(&format!("sec-{}-", f.trim_end_matches(".txt")), &text, &mut c);
        } else {
            b.skip(&rel);
        }
    }
    if !c.items.is_empty() {
        b.write_converted("en-sec.conll", Use::Train, english::SEC_VERSION, lic, "SEC filings (loan agreements)", c)?;
    }
    // re3d: one output per source folder, each under its own licence; BBC and EU-delegation sources
    // are left out (the data README: their licences do not allow it).
    let dir = b.data.join(EN).join("re3d");
    if dir.is_dir() {
        for folder in list(&dir)? {
            let lower = folder.to_lowercase();
            if lower.contains("bbc") || (lower.contains("eu") && lower.contains("deleg")) {
                eprintln!("re3d/{folder}: left out (licence)");
                continue;
            }
            let lic_rel = format!("{EN}/re3d/{folder}/LICENSE");
            let lic_text = b.input_text(&lic_rel, english::RE3D_VERSION, "")?;
            let Some(lic) = re3d_licence(&lic_text) else {
                eprintln!("re3d/{folder}: licence not recognised, left out");
                b.skipped.push(format!("re3d/{folder} (licence not recognised)"));
                continue;
            };
            let lic = format!("{lic} (re3d {folder}, Dstl 2017)");
            let mut c = Converted::default();
            for f in list(&dir.join(&folder))?.into_iter().filter(|f| f.ends_with(".conll")) {
                let rel = format!("{EN}/re3d/{folder}/{f}");
                let text = b.input_text(&rel, english::RE3D_VERSION, &lic)?;
                english::re3d(&format!("re3d-{folder}-{}", f.trim_end_matches(".conll")), &text, &mut c);
            }
            let slug = folder.to_lowercase().replace('_', "-");
            b.write_converted(
                &format!("en-re3d-{slug}.conll"),
                Use::Train,
                english::RE3D_VERSION,
                &lic,
                &format!("re3d {folder}"),
                c,
            )?;
        }
    } else {
        b.skip(&format!("{EN}/re3d"));
    }
    Ok(())
}

fn build_gmb(b: &mut Build<'_>) -> Result<(), String> {
    if !b.exists(GMB_ZIP) {
        b.skip(GMB_ZIP);
        return Ok(());
    }
    let lic = "labels: research use only (GMB 2.2.0 derived NER table); texts: public domain (Voice of America)";
    let bytes = b.input(GMB_ZIP, gmb::GMB_VERSION, lic)?;
    let p = b.data.join(GMB_ZIP);
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("{}: not a zip: {e}", p.display()))?;
    let mut raw = Vec::new();
    zip.by_name("ner_dataset.csv")
        .map_err(|e| format!("{}: no ner_dataset.csv inside: {e}", p.display()))?
        .read_to_end(&mut raw)
        .map_err(|e| format!("{}: cannot unpack: {e}", p.display()))?;
    let text = gmb::decode_cp1252(&raw);
    let mut st = Stats::default();
    let sents = gmb::read_table(&text, &mut st);
    for (mapping, rel) in [
        (gmb::GmbMapping::Conll, "measure-only/en-gmb-voa.conll"),
        (gmb::GmbMapping::AsIs, "measure-only/en-gmb-voa-asis.conll"),
    ] {
        let mut c = gmb::convert(&sents, mapping);
        for (k, v) in &st.notes {
            *c.stats.notes.entry(k.clone()).or_insert(0) += v;
        }
        let source = match mapping {
            gmb::GmbMapping::Conll => "GMB NER table (Voice of America news), CoNLL conventions: titles cut from person spans, nationality words (gpe, not NNP) as MISC",
            gmb::GmbMapping::AsIs => "GMB NER table (Voice of America news), as tagged: per with titles, geo and gpe as LOC",
        };
        b.write_converted(rel, Use::MeasureOnly, gmb::GMB_VERSION, lic, source, c)?;
    }
    let mut plain = String::new();
    for s in &sents {
        plain.push_str(&common::detokenise(&s.words));
        plain.push('\n');
    }
    let tokens: usize = sents.iter().map(|s| s.words.len()).sum();
    eprintln!("text/en-gmb-voa.txt: {} sentences, {tokens} tokens of plain text", sents.len());
    let counts = common::Counts { tokens, sentences: sents.len(), ..Default::default() };
    b.write(
        "text/en-gmb-voa.txt",
        Use::UnlabelledText,
        gmb::GMB_VERSION,
        "public domain (Voice of America texts; GMB labels not used)",
        &plain,
        Some((counts, Stats::default())),
    )
}

fn write_manifest(b: &mut Build<'_>) -> Result<(), String> {
    let mut m = String::new();
    m.push_str("# sanad corpus build: every input (data/ = the --data folder) and output file with its sha256.\n");
    m.push_str("# Files whose use is MEASURE-ONLY (measure-only/) must never train a model that ships.\n");
    m.push_str("file\tuse\tsha256\tbytes\tconverter\tlicence\ttokens\tsentences\tdocuments");
    for l in LABELS {
        m.push('\t');
        m.push_str(l);
    }
    m.push_str("\tiob_repairs\tiob1_starts\tmarked_tokens\tdropped_tokens\tnotes\n");
    for r in &b.rows {
        m.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            r.path,
            r.usage.as_str(),
            r.sha256,
            r.bytes,
            r.converter,
            r.licence
        ));
        match &r.counts {
            Some((c, st)) => {
                m.push_str(&format!("\t{}\t{}\t{}", c.tokens, c.sentences, c.documents));
                for l in LABELS {
                    m.push_str(&format!("\t{}", c.spans.get(l).copied().unwrap_or(0)));
                }
                let notes: Vec<String> = st.notes.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                m.push_str(&format!(
                    "\t{}\t{}\t{}\t{}\t{}\n",
                    st.iob_repairs,
                    st.iob1_starts,
                    st.marked_tokens,
                    st.dropped_tokens,
                    notes.join("; ")
                ));
            }
            None => m.push_str("\t\t\t\t\t\t\t\t\t\t\t\t\n"),
        }
    }
    let mut map = String::from("file\tsource_label\tlabel\ttokens\n");
    let mut agg: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for (f, from, to, n) in &b.mapping {
        *agg.entry((f.clone(), from.clone(), to.clone())).or_insert(0) += n;
    }
    for ((f, from, to), n) in agg {
        map.push_str(&format!("{f}\t{from}\t{to}\t{n}\n"));
    }
    std::fs::create_dir_all(b.out).map_err(|e| format!("{}: cannot create: {e}", b.out.display()))?;
    for (name, content) in [("MANIFEST.tsv", &m), ("MAPPING.tsv", &map)] {
        let p = b.out.join(name);
        std::fs::write(&p, content).map_err(|e| format!("{}: cannot write: {e}", p.display()))?;
    }
    let outputs = b.rows.iter().filter(|r| r.usage != Use::Input).count();
    println!(
        "wrote {outputs} files and MANIFEST.tsv, MAPPING.tsv to {}{}",
        b.out.display(),
        if b.skipped.is_empty() { String::new() } else { format!(" (skipped: {})", b.skipped.join(", ")) }
    );
    Ok(())
}
