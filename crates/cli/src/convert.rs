//! `sanad convert` and the readers `sanad stats` shares: any format in, any format out, streamed
//! record by record where the formats allow (every JSONL format, Label Studio, CoNLL).
//!
//! Output goes to `OUT.partial` and is renamed to `OUT` only when everything succeeded, so a failed
//! or refused conversion never leaves a half-written file behind.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sanad_core::formats::{
    brat, detect, read, Control, ExportOptions, ExportReport, Format, ImportFailure, ImportOptions, ReadReport,
    StreamWriter,
};
use sanad_core::project::Project;
use sanad_core::{Document, Origin, Status};

/// Options of `sanad convert`.
pub struct ConvertArgs {
    pub from: Option<Format>,
    pub to: Format,
    pub input: PathBuf,
    pub output: PathBuf,
    pub all: bool,
    pub utf16: bool,
    pub split_clitics: bool,
    pub skip_bad: bool,
    pub suggestions: bool,
}

/// A failure with its exit code: 1 for bad input, 2 for usage and IO.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

fn fail(code: u8, message: impl Into<String>) -> Failure {
    Failure { code, message: message.into() }
}

fn invalid(name: &str, f: ImportFailure) -> Failure {
    match f {
        ImportFailure::Invalid(problems) => {
            let mut m = String::new();
            for p in problems.iter().take(50) {
                m.push_str(&format!("{p}\n"));
            }
            if problems.len() > 50 {
                m.push_str(&format!("... and {} more\n", problems.len() - 50));
            }
            m.push_str(&format!(
                "{name}: {} problem(s); nothing converted (use --skip-bad to leave bad records out)",
                problems.len()
            ));
            fail(1, m)
        }
        ImportFailure::Cancelled => fail(1, format!("{name}: cancelled")),
        ImportFailure::Io(e) => fail(2, e.to_string()),
    }
}

/// The input format: as given, or detected from the name and the first 64 KiB.
pub fn input_format(path: &Path, given: Option<Format>) -> Result<Format, Failure> {
    if let Some(f) = given {
        return Ok(f);
    }
    if path.is_dir() {
        return Ok(Format::Brat);
    }
    let name = path.display().to_string();
    let mut head = Vec::with_capacity(65536);
    File::open(path)
        .and_then(|f| f.take(65536).read_to_end(&mut head))
        .map_err(|e| fail(2, format!("{name}: cannot read: {e}")))?;
    detect(&name, &head).ok_or_else(|| fail(2, format!("{name}: cannot tell the format; name it with --from")))
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {bar:30} {per_sec} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// Files of a brat zip or directory, as `(relative name, UTF-8 content)`.
fn brat_files(path: &Path) -> Result<Vec<(String, String)>, Failure> {
    let name = path.display().to_string();
    let mut out = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|e| fail(2, format!("{}: {e}", dir.display())))?;
            for e in entries {
                let p = e.map_err(|e| fail(2, format!("{}: {e}", dir.display())))?.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let rel = p.strip_prefix(path).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                if rel.ends_with(".txt") || rel.ends_with(".ann") {
                    let bytes = std::fs::read(&p).map_err(|e| fail(2, format!("{}: {e}", p.display())))?;
                    let text = sanad_core::import::decode_utf8(&rel, &bytes).map_err(|e| fail(1, e.to_string()))?;
                    out.push((rel, text.to_string()));
                }
            }
        }
    } else {
        let f = File::open(path).map_err(|e| fail(2, format!("{name}: cannot read: {e}")))?;
        let mut zip =
            zip::ZipArchive::new(BufReader::new(f)).map_err(|e| fail(1, format!("{name}: not a zip file: {e}")))?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| fail(1, format!("{name}: {e}")))?;
            let rel = entry.name().to_string();
            if !(rel.ends_with(".txt") || rel.ends_with(".ann")) {
                continue;
            }
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(|e| fail(1, format!("{name}: {rel}: {e}")))?;
            let text = sanad_core::import::decode_utf8(&rel, &bytes).map_err(|e| fail(1, e.to_string()))?;
            out.push((rel, text.to_string()));
        }
    }
    // Documents in file name order, whatever order the directory or archive lists them in.
    out.sort();
    Ok(out)
}

/// Reads `path` as `format`, handing each document to `sink`.
pub fn read_input(
    path: &Path,
    format: Format,
    opts: &ImportOptions,
    sink: &mut dyn FnMut(Document) -> Result<(), String>,
) -> Result<ReadReport, Failure> {
    let name = path.display().to_string();
    match format {
        Format::Sanad => {
            let bytes = std::fs::read(path).map_err(|e| fail(2, format!("{name}: cannot read: {e}")))?;
            let text = sanad_core::import::decode_utf8(&name, &bytes).map_err(|e| fail(1, e.to_string()))?;
            let p = Project::from_json(text).map_err(|e| fail(1, format!("{name}: {e}")))?;
            let mut report = ReadReport { bytes: bytes.len() as u64, ..ReadReport::default() };
            for d in p.into_documents() {
                sink(d).map_err(|m| fail(2, m))?;
                report.documents += 1;
            }
            Ok(report)
        }
        Format::Brat => {
            let files = brat_files(path)?;
            let (docs, report) = brat::import(files, opts).map_err(|f| invalid(&name, f))?;
            for d in docs {
                sink(d).map_err(|m| fail(2, m))?;
            }
            Ok(report)
        }
        Format::Quotes => Err(fail(2, "a quotes table cannot be read back: it lacks the document text")),
        _ => {
            let f = File::open(path).map_err(|e| fail(2, format!("{name}: cannot read: {e}")))?;
            let total = f.metadata().map(|m| m.len()).unwrap_or(0);
            let bar = progress_bar(total);
            let mut tick = |b: u64| {
                if let Some(bar) = &bar {
                    bar.set_position(b);
                }
            };
            let mut ctl = Control::new(Some(&mut tick), None);
            let r = read(format, &name, BufReader::with_capacity(1 << 16, f), opts, &mut ctl, sink);
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            r.map_err(|f| invalid(&name, f))
        }
    }
}

struct BratOut {
    zip: zip::ZipWriter<BufWriter<File>>,
    used: HashSet<String>,
    labels: Vec<String>,
    report: ExportReport,
}

enum Out {
    Stream(StreamWriter<BufWriter<File>>),
    Brat(Box<BratOut>),
    Project(Vec<Document>, ExportReport),
}

fn zip_err(e: impl std::fmt::Display) -> String {
    format!("cannot write the zip: {e}")
}

impl Out {
    fn write(&mut self, doc: Document, opts: &ExportOptions) -> Result<(), String> {
        match self {
            Out::Stream(w) => w.write(&doc).map_err(|e| e.to_string()),
            Out::Brat(b) => {
                let BratOut { zip, used, labels, report } = &mut **b;
                if !opts.all && doc.status() != Status::Done {
                    report.not_done += 1;
                    return Ok(());
                }
                let stem = brat::file_stem(doc.id(), used);
                let (txt, ann) = brat::document_files(&doc, &mut report.notes);
                let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
                for (name, content) in [(format!("{stem}.txt"), txt), (format!("{stem}.ann"), ann)] {
                    zip.start_file(name, o).map_err(zip_err)?;
                    zip.write_all(content.as_bytes()).map_err(zip_err)?;
                }
                for s in doc.spans() {
                    brat::add_label(labels, s.label());
                }
                report.documents += 1;
                report.spans += doc.spans().len();
                report.quotes += doc.quotes().len();
                Ok(())
            }
            Out::Project(docs, report) => {
                if !opts.all && doc.status() != Status::Done {
                    report.not_done += 1;
                } else {
                    report.documents += 1;
                    report.spans += doc.spans().len();
                    report.quotes += doc.quotes().len();
                    docs.push(doc);
                }
                Ok(())
            }
        }
    }

    fn finish(self, tmp: &Path, name: &str) -> Result<ExportReport, String> {
        match self {
            Out::Stream(w) => w.finish().map(|(r, _)| r).map_err(|e| e.to_string()),
            Out::Brat(b) => {
                let BratOut { mut zip, labels, report, .. } = *b;
                let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
                zip.start_file("annotation.conf", o).map_err(zip_err)?;
                zip.write_all(brat::annotation_conf(&labels).as_bytes()).map_err(zip_err)?;
                let mut inner = zip.finish().map_err(zip_err)?;
                inner.flush().map_err(|e| e.to_string())?;
                Ok(report)
            }
            Out::Project(docs, report) => {
                let mut p = Project::new(name);
                for d in docs {
                    p.add(d);
                }
                std::fs::write(tmp, p.to_json()).map_err(|e| format!("cannot write: {e}"))?;
                Ok(report)
            }
        }
    }
}

/// `sanad convert`.
pub fn run(a: &ConvertArgs) -> ExitCode {
    match convert(a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn convert(a: &ConvertArgs) -> Result<(), Failure> {
    let from = input_format(&a.input, a.from)?;
    let in_name = a.input.display().to_string();
    let out_name = a.output.display().to_string();
    match (a.utf16, a.to) {
        (true, Format::Conll) => return Err(fail(2, "--utf16 does not apply to conll: it has no offsets")),
        (true, Format::Brat | Format::Sanad) => {
            return Err(fail(
                2,
                format!("--utf16 does not apply to {}: its offsets are code points by definition", a.to),
            ));
        }
        _ => {}
    }
    let eopts = ExportOptions { all: a.all, utf16: a.utf16, split_clitics: a.split_clitics };
    let iopts = ImportOptions {
        origin: if a.suggestions { Origin::Model } else { Origin::Import },
        status: Status::Done,
        skip_bad: a.skip_bad,
    };
    let mut tmp_name = a.output.clone().into_os_string();
    tmp_name.push(".partial");
    let tmp = PathBuf::from(tmp_name);
    let create = || {
        File::create(&tmp)
            .map(|f| BufWriter::with_capacity(1 << 16, f))
            .map_err(|e| fail(2, format!("{out_name}: cannot write: {e}")))
    };
    let mut out = match a.to {
        Format::Sanad => Out::Project(Vec::new(), ExportReport::default()),
        Format::Brat => Out::Brat(Box::new(BratOut {
            zip: zip::ZipWriter::new(create()?),
            used: HashSet::new(),
            labels: Vec::new(),
            report: ExportReport::default(),
        })),
        other => Out::Stream(StreamWriter::new(other, eopts, create()?).map_err(|e| fail(2, e.to_string()))?),
    };
    let mut sink = |d: Document| out.write(d, &eopts);
    let read_result = read_input(&a.input, from, &iopts, &mut sink);
    let result = read_result.and_then(|r| {
        let stem = a.output.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        out.finish(&tmp, &stem).map(|w| (r, w)).map_err(|m| fail(2, format!("{out_name}: {m}")))
    });
    let (read_report, written) = match result {
        Ok(x) => x,
        Err(f) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(f);
        }
    };
    std::fs::rename(&tmp, &a.output).map_err(|e| fail(2, format!("{out_name}: cannot write: {e}")))?;
    for p in &read_report.problems {
        eprintln!("skipped: {p}");
    }
    for n in written.notes.iter().take(20) {
        eprintln!("note: {n}");
    }
    if written.notes.len() > 20 {
        eprintln!("note: ... and {} more", written.notes.len() - 20);
    }
    let mut summary = format!(
        "{in_name} ({from}) -> {out_name} ({}): {} documents, {} spans, {} quotes",
        a.to, written.documents, written.spans, written.quotes
    );
    if written.not_done > 0 {
        summary.push_str(&format!("; {} documents not marked done left out (use --all)", written.not_done));
    }
    if read_report.skipped_records > 0 {
        summary.push_str(&format!("; {} bad records skipped", read_report.skipped_records));
    }
    eprintln!("{summary}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn fixture() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/formats/fixture.json"))
    }

    fn args(from: Option<Format>, to: Format, input: PathBuf, output: PathBuf) -> ConvertArgs {
        ConvertArgs {
            from,
            to,
            input,
            output,
            all: false,
            utf16: false,
            split_clitics: false,
            skip_bad: false,
            suggestions: false,
        }
    }

    fn count(path: &Path, format: Format) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        read_input(path, format, &ImportOptions::default(), &mut |d| {
            n.0 += 1;
            n.1 += d.spans().len();
            n.2 += d.quotes().len();
            Ok(())
        })
        .map_err(|f| f.message)
        .unwrap();
        n
    }

    #[test]
    fn every_format_round_trips_through_files() {
        let dir = tempfile::tempdir().unwrap();
        for to in [Format::Jsonl, Format::Prodigy, Format::DoccanoRel, Format::LabelStudio, Format::Brat, Format::W3c] {
            let out = dir.path().join(format!("out.{}", to.extension()));
            convert(&args(None, to, fixture(), out.clone())).map_err(|f| f.message).unwrap();
            // Detected from the content and read back: the two done documents, all spans and quotes.
            let back = input_format(&out, None).map_err(|f| f.message).unwrap();
            assert_eq!(back, if to == Format::W3c { Format::W3c } else { to });
            assert_eq!(count(&out, back), (2, 10, 4), "{to}");
            let project = dir.path().join(format!("{}.json", to.name()));
            convert(&args(Some(back), Format::Sanad, out, project.clone())).map_err(|f| f.message).unwrap();
            assert_eq!(count(&project, Format::Sanad), (2, 10, 4), "{to}");
        }
    }

    #[test]
    fn brat_directory_in() {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = Vec::new();
        read_input(&fixture(), Format::Sanad, &ImportOptions::default(), &mut |d| {
            docs.push(d);
            Ok(())
        })
        .map_err(|f| f.message)
        .unwrap();
        let (files, _) = brat::export(&docs, &ExportOptions::default()).unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        for (name, content) in files {
            std::fs::write(corpus.join("sub").join(name), content).unwrap();
        }
        assert_eq!(input_format(&corpus, None).map_err(|f| f.message).unwrap(), Format::Brat);
        let out = dir.path().join("out.jsonl");
        convert(&args(None, Format::Jsonl, corpus, out.clone())).map_err(|f| f.message).unwrap();
        assert_eq!(count(&out, Format::Jsonl), (2, 10, 4));
    }

    #[test]
    fn bad_input_leaves_no_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("bad.jsonl");
        std::fs::write(
            &input,
            "{\"text\": \"ok\"}\n{\"text\": \"a\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"X\"}]}\n",
        )
        .unwrap();
        let out = dir.path().join("out.conll");
        let f = convert(&args(Some(Format::Jsonl), Format::Conll, input.clone(), out.clone())).err().unwrap();
        assert_eq!(f.code, 1);
        assert!(f.message.contains("bad.jsonl, line 2: span 1: offsets 0..9 are out of range"), "{}", f.message);
        assert!(!out.exists());
        assert!(!dir.path().join("out.conll.partial").exists());
        let mut a = args(Some(Format::Jsonl), Format::Conll, input, out.clone());
        a.skip_bad = true;
        convert(&a).map_err(|f| f.message).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "-DOCSTART-\tO\n\nok\tO\n\n");
    }
}
