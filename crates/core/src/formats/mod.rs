//! Training data in and out: Sanad JSONL, spaCy/Prodigy, doccano (both forms), Label Studio, brat
//! standoff, CoNLL/IOB2, W3C Web Annotation and a quotes table.
//!
//! Offsets are code points (Python `str` indices) unless the UTF-16 variant is asked for; every
//! record that can hold an extra key states its unit in `"offset_unit"`. All unit conversion goes
//! through [`crate::offsets::TextIndex`].
//!
//! Writing streams: [`StreamWriter`] takes one document at a time and writes it to any
//! [`std::io::Write`]. Reading streams too: [`read`] pulls records line by line (JSON array for
//! Label Studio, element by element) from any [`std::io::BufRead`], hands each document to a sink,
//! reports bytes read to a progress callback and stops when a cancel check says so. Every problem
//! names the file, line and (for syntax errors) column; in strict mode nothing reaches the sink
//! after the first problem and the whole read fails with the list of problems, so an import is
//! never silently partial. With `skip_bad`, bad records are left out and listed.
//!
//! brat (several files per document) has its own entry points in [`brat`]; the Sanad project
//! JSON is [`crate::project::Project`]. What each format carries and loses is in docs/FORMATS.md.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Write};

use serde_json::{Map, Value};

use crate::import::ImportError;
use crate::model::{Document, Origin, Range, Status};
use crate::offsets::TextIndex;

pub mod brat;
mod conll;
mod doccano;
mod json;
mod jsonl;
mod label_studio;
mod prodigy;
pub mod tokens;
mod w3c;
pub mod zip;

/// The formats Sanad converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Sanad project JSON (the saved form).
    Sanad,
    /// One document per line: what `sanad annotate` writes, with spans and quotes.
    Jsonl,
    /// spaCy/Prodigy JSONL with tokens, spans and relations.
    Prodigy,
    /// doccano JSONL, `"label": [[start, end, label]]`.
    Doccano,
    /// doccano JSONL, `"entities"` and `"relations"`.
    DoccanoRel,
    /// Label Studio tasks (a JSON array).
    LabelStudio,
    /// brat standoff: `.txt` + `.ann` per document.
    Brat,
    /// CoNLL-2003 style IOB2, token per line.
    Conll,
    /// W3C Web Annotation JSON-LD, one `AnnotationPage` per document per line.
    W3c,
    /// One line per quote (export only).
    Quotes,
}

impl Format {
    /// Every format, in the order of the CLI's help.
    pub const ALL: [Format; 10] = [
        Format::Sanad,
        Format::Jsonl,
        Format::Prodigy,
        Format::Doccano,
        Format::DoccanoRel,
        Format::LabelStudio,
        Format::Brat,
        Format::Conll,
        Format::W3c,
        Format::Quotes,
    ];

    /// The name used by `sanad convert`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Sanad => "sanad",
            Format::Jsonl => "jsonl",
            Format::Prodigy => "prodigy",
            Format::Doccano => "doccano",
            Format::DoccanoRel => "doccano-rel",
            Format::LabelStudio => "label-studio",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::W3c => "w3c",
            Format::Quotes => "quotes",
        }
    }

    /// The format of a CLI name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The usual file extension of an export.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Sanad | Format::LabelStudio => "json",
            Format::Brat => "zip",
            Format::Conll => "conll",
            Format::W3c => "jsonld",
            Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::Quotes => "jsonl",
        }
    }

    /// False for the quotes table, which lacks the document text.
    pub fn can_import(self) -> bool {
        self != Format::Quotes
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format {s:?}; expected one of {}", names.join(", "))
        })
    }
}

/// Choices for an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Export every document, not only those marked done.
    pub all: bool,
    /// Offsets in UTF-16 code units (for JavaScript consumers); each record says `"offset_unit": "utf16"`.
    pub utf16: bool,
    /// CoNLL: split Arabic proclitics (و ف ب ل ك, ال) into tokens of their own; the tag goes to the stem.
    pub split_clitics: bool,
}

impl ExportOptions {
    /// The unit name written to records.
    pub fn unit(&self) -> &'static str {
        if self.utf16 {
            "utf16"
        } else {
            "codepoint"
        }
    }
}

/// Choices for an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Origin of spans and quotes whose origin the format does not state (Prodigy, doccano, brat,
    /// CoNLL, Label Studio annotations): [`Origin::Model`] to review them as suggestions, or
    /// [`Origin::Import`]/[`Origin::Editor`]. Label Studio predictions are always suggestions.
    pub origin: Origin,
    /// Status of documents whose format does not state one.
    pub status: Status,
    /// Leave out bad records (and list them) instead of refusing the whole file.
    pub skip_bad: bool,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { origin: Origin::Import, status: Status::Done, skip_bad: false }
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Unsupported(String),
    #[error("cannot serialise document {id:?}: {message}")]
    Json { id: String, message: String },
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub documents: usize,
    pub spans: usize,
    pub quotes: usize,
    /// Documents left out because they are not marked done.
    pub not_done: usize,
    /// Annotations the format could not carry, one line each (document id and what).
    pub notes: Vec<String>,
}

/// Progress and cancellation for long reads.
#[derive(Default)]
pub struct Control<'a> {
    progress: Option<&'a mut dyn FnMut(u64)>,
    cancel: Option<&'a dyn Fn() -> bool>,
}

impl<'a> Control<'a> {
    /// `progress` gets the number of bytes read so far; `cancel` is asked between records.
    pub fn new(progress: Option<&'a mut dyn FnMut(u64)>, cancel: Option<&'a dyn Fn() -> bool>) -> Control<'a> {
        Control { progress, cancel }
    }
    fn tick(&mut self, bytes: u64) {
        if let Some(p) = self.progress.as_mut() {
            p(bytes);
        }
    }
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c())
    }
}

/// Why a read failed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportFailure {
    /// The file has problems (all of them are listed, capped at [`MAX_PROBLEMS`]); nothing was imported.
    #[error("{} problem(s); nothing imported. First: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<ImportError>),
    #[error("cancelled")]
    Cancelled,
    #[error("{file}: {message}")]
    Io { file: String, message: String },
}

/// Most problems listed for one file.
pub const MAX_PROBLEMS: usize = 1000;

/// What a read did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// Documents handed to the sink.
    pub documents: usize,
    /// Records left out (with `skip_bad`).
    pub skipped_records: usize,
    /// Every problem found (capped at [`MAX_PROBLEMS`]).
    pub problems: Vec<ImportError>,
    /// Bytes read.
    pub bytes: u64,
}

/// Counts for a preview before importing, and for `sanad stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub documents: usize,
    pub by_status: BTreeMap<String, usize>,
    pub spans_per_label: BTreeMap<String, usize>,
    pub quotes: usize,
    pub quotes_with_speaker: usize,
    /// Speaker names (or the speaker's text) with their number of quotes.
    pub speakers: BTreeMap<String, usize>,
    pub problems: Vec<ImportError>,
}

impl Preview {
    /// Counts `docs`.
    pub fn of(docs: &[Document]) -> Preview {
        let mut p = Preview::default();
        for d in docs {
            p.add(d);
        }
        p
    }

    /// Counts one more document.
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        *self.by_status.entry(status_name(doc.status()).to_string()).or_default() += 1;
        for s in doc.spans() {
            *self.spans_per_label.entry(s.label().to_string()).or_default() += 1;
        }
        let ix = doc.index();
        for q in doc.quotes() {
            self.quotes += 1;
            if let Some(sp) = q.speaker() {
                self.quotes_with_speaker += 1;
                let name = match q.speaker_name() {
                    Some(n) => n.to_string(),
                    None => ix.slice(doc.text(), sp.range().start(), sp.range().end()).unwrap_or_default().to_string(),
                };
                *self.speakers.entry(name).or_default() += 1;
            }
        }
    }
}

/// Writes a document's `"id":…,"title":…,"lang":…,"status":…` (the JSON exports carry these four
/// together, each inside its own record shape).
pub(crate) fn write_doc_head(out: &mut Vec<u8>, doc: &Document) {
    out.extend_from_slice(b"\"id\":");
    json::str(out, doc.id());
    out.extend_from_slice(b",\"title\":");
    json::str(out, doc.title());
    out.extend_from_slice(b",\"lang\":");
    json::str(out, doc.lang());
    out.extend_from_slice(b",\"status\":");
    json::str(out, status_name(doc.status()));
}

/// The serialised name of a status (`new`, `in_progress`, `done`, `skipped`).
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::New => "new",
        Status::InProgress => "in_progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}

fn parse_status(s: &str) -> Option<Status> {
    match s {
        "new" => Some(Status::New),
        "in_progress" => Some(Status::InProgress),
        "done" => Some(Status::Done),
        "skipped" => Some(Status::Skipped),
        _ => None,
    }
}

fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Model => "model",
        Origin::Editor => "editor",
        Origin::Import => "import",
    }
}

fn parse_origin(s: &str) -> Option<Origin> {
    match s {
        "model" => Some(Origin::Model),
        "editor" => Some(Origin::Editor),
        "import" => Some(Origin::Import),
        _ => None,
    }
}

/// Code points to the export unit, for one document.
pub(crate) struct Units {
    ix: TextIndex,
    utf16: bool,
}

impl Units {
    pub(crate) fn new(text: &str, utf16: bool) -> Units {
        Units { ix: TextIndex::new(text), utf16 }
    }
    /// The offset to write for code point `cp` (always in range for a valid document).
    pub(crate) fn out(&self, cp: usize) -> usize {
        if self.utf16 {
            self.ix.cp_to_utf16(cp).unwrap_or(cp)
        } else {
            cp
        }
    }
    pub(crate) fn index(&self) -> &TextIndex {
        &self.ix
    }
}

/// Checks one record's offsets against its text, collecting problems.
pub(crate) struct Checker<'a> {
    file: &'a str,
    line: Option<usize>,
    text: &'a str,
    ix: TextIndex,
    utf16: bool,
    pub(crate) problems: Vec<ImportError>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(file: &'a str, line: Option<usize>, text: &'a str, utf16: bool) -> Checker<'a> {
        Checker { file, line, text, ix: TextIndex::new(text), utf16, problems: Vec::new() }
    }

    pub(crate) fn problem(&mut self, message: impl Into<String>) {
        self.problems.push(err(self.file, self.line, None, message));
    }

    /// Converts `start..end` (in the record's unit) to a code point range inside the text, checking
    /// that it is non-empty, in range, on code point boundaries and, when `stated` is given, that it
    /// covers exactly that text.
    pub(crate) fn range(
        &mut self,
        what: &str,
        start: Option<&Value>,
        end: Option<&Value>,
        stated: Option<&str>,
    ) -> Option<Range> {
        let (Some(s), Some(e)) = (start.and_then(Value::as_u64), end.and_then(Value::as_u64)) else {
            self.problem(format!("{what}: expected non-negative integer start and end offsets"));
            return None;
        };
        self.range_num(what, s as usize, e as usize, stated)
    }

    pub(crate) fn range_num(&mut self, what: &str, s: usize, e: usize, stated: Option<&str>) -> Option<Range> {
        let unit = if self.utf16 { "UTF-16 code units" } else { "code points" };
        let len = if self.utf16 { self.ix.utf16_len() } else { self.ix.cp_len() };
        if s >= e || e > len {
            self.problem(format!(
                "{what}: offsets {s}..{e} are out of range (the text has {len} {unit}; start must be less than end)"
            ));
            return None;
        }
        let (cs, ce) = if self.utf16 {
            match (self.ix.utf16_to_cp(s), self.ix.utf16_to_cp(e)) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    self.problem(format!("{what}: UTF-16 offsets {s}..{e} split a surrogate pair"));
                    return None;
                }
            }
        } else {
            (s, e)
        };
        if let Some(st) = stated {
            let actual = self.ix.slice(self.text, cs, ce).unwrap_or_default();
            if actual != st {
                self.problem(format!("{what}: text at {s}..{e} is {actual:?}, but the record says {st:?}"));
                return None;
            }
        }
        Range::new(cs, ce).ok()
    }
}

pub(crate) fn err(file: &str, line: Option<usize>, column: Option<usize>, message: impl Into<String>) -> ImportError {
    ImportError { file: file.to_string(), line, column, message: message.into() }
}

/// A serde_json error as an import error at `line` (the JSON's own line is added to it).
pub(crate) fn json_err(file: &str, line: usize, e: &serde_json::Error, expected: &str) -> ImportError {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    err(file, Some(line + e.line().saturating_sub(1)), Some(e.column()), format!("{message}; expected {expected}"))
}

/// The record's offset unit: `"offset_unit"` of `obj`, code points when absent.
pub(crate) fn record_utf16(obj: &Map<String, Value>) -> Result<bool, String> {
    match obj.get("offset_unit") {
        None | Some(Value::Null) => Ok(false),
        Some(Value::String(u)) if u == "codepoint" => Ok(false),
        Some(Value::String(u)) if u == "utf16" => Ok(true),
        Some(other) => Err(format!("\"offset_unit\" is {other}; expected \"codepoint\" or \"utf16\"")),
    }
}

/// The document id of a record: a string or number, or the content id of the text.
pub(crate) fn id_of(v: Option<&Value>, text: &str) -> Result<String, String> {
    match v {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        None | Some(Value::Null) => Ok(crate::import::content_id(text)),
        Some(other) => Err(format!("\"id\" must be a string or a number, not {other}")),
    }
}

pub(crate) fn str_of<'v>(v: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Writes documents one at a time in a streaming format (every format but `sanad` and `brat`).
pub struct StreamWriter<W: Write> {
    format: Format,
    opts: ExportOptions,
    out: W,
    /// One document's output, reused (the page's writer writes straight into `out`).
    buf: Vec<u8>,
    report: ExportReport,
    started: bool,
}

impl<W: Write> StreamWriter<W> {
    /// A writer of `format` to `out`. The Sanad project and brat are written whole (see
    /// [`crate::project::Project::to_json`] and [`brat::export`]).
    pub fn new(format: Format, opts: ExportOptions, out: W) -> Result<StreamWriter<W>, ExportError> {
        match format {
            Format::Sanad | Format::Brat => Err(ExportError::Unsupported(format!(
                "{format} is not a stream format; write it with its own function"
            ))),
            _ => {
                Ok(StreamWriter { format, opts, out, buf: Vec::new(), report: ExportReport::default(), started: false })
            }
        }
    }

    /// Writes one document (left out unless done, when not exporting all).
    pub fn write(&mut self, doc: &Document) -> Result<(), ExportError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let result =
            if self.record(doc, &mut buf) { self.out.write_all(&buf).map_err(ExportError::from) } else { Ok(()) };
        self.buf = buf;
        result
    }

    /// Appends one document's output to `buf`; false when it is left out.
    fn record(&mut self, doc: &Document, buf: &mut Vec<u8>) -> bool {
        if !self.opts.all && doc.status() != Status::Done {
            self.report.not_done += 1;
            return false;
        }
        if self.format == Format::LabelStudio {
            buf.extend_from_slice(if self.started { b",\n" } else { b"[\n" });
        }
        let mut notes = Vec::new();
        match self.format {
            Format::Jsonl => jsonl::record(doc, &self.opts, buf),
            Format::Quotes => jsonl::quote_lines(doc, &self.opts, buf),
            Format::Prodigy => prodigy::record(doc, &self.opts, buf),
            Format::Doccano => doccano::record(doc, &self.opts, false, &mut notes, buf),
            Format::DoccanoRel => doccano::record(doc, &self.opts, true, &mut notes, buf),
            Format::LabelStudio => label_studio::record(doc, &self.opts, buf),
            Format::W3c => w3c::record(doc, &self.opts, buf),
            Format::Conll => conll::record(doc, &self.opts, &mut notes, buf),
            Format::Sanad | Format::Brat => {}
        }
        self.started = true;
        if matches!(self.format, Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::W3c) {
            buf.push(b'\n');
        }
        self.report.documents += 1;
        self.report.spans += doc.spans().len();
        self.report.quotes += doc.quotes().len();
        self.report.notes.extend(notes);
        true
    }

    /// Ends the output (closes the Label Studio array) and flushes.
    pub fn finish(mut self) -> Result<(ExportReport, W), ExportError> {
        if self.format == Format::LabelStudio {
            self.out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        }
        self.out.flush()?;
        Ok((self.report, self.out))
    }
}

/// Exports `docs` to a byte vector (every format but `sanad` and `brat`).
pub fn export_bytes(
    format: Format,
    docs: &[Document],
    opts: &ExportOptions,
) -> Result<(Vec<u8>, ExportReport), ExportError> {
    let mut w = StreamWriter::new(format, *opts, Vec::new())?;
    for d in docs {
        w.write(d)?;
    }
    let (report, out) = w.finish()?;
    Ok((out, report))
}

/// Writes one export file in memory, a document at a time, for callers that share their time with
/// other work (the page exports in slices between event-loop turns): the stream formats as
/// [`StreamWriter`] writes them, brat as a zip archive (entries stored, not compressed) of the
/// files [`brat::export`] writes. The Sanad project is written by
/// [`crate::project::Project::to_json`].
pub enum FileWriter {
    Stream(StreamWriter<Vec<u8>>),
    Brat(Box<BratFiles>),
}

/// brat files gathered before they are zipped.
pub struct BratFiles {
    opts: ExportOptions,
    files: Vec<(String, String)>,
    used: HashSet<String>,
    labels: Vec<String>,
    report: ExportReport,
}

impl FileWriter {
    pub fn new(format: Format, opts: ExportOptions) -> Result<FileWriter, ExportError> {
        if format == Format::Brat {
            if opts.utf16 {
                return Err(ExportError::Unsupported(
                    "brat offsets are code points by definition; UTF-16 offsets do not apply".into(),
                ));
            }
            return Ok(FileWriter::Brat(Box::new(BratFiles {
                opts,
                files: Vec::new(),
                used: HashSet::new(),
                labels: Default::default(),
                report: ExportReport::default(),
            })));
        }
        StreamWriter::new(format, opts, Vec::new()).map(FileWriter::Stream)
    }

    /// Writes one document (left out unless done, when not exporting all).
    pub fn write(&mut self, doc: &Document) -> Result<(), ExportError> {
        match self {
            FileWriter::Stream(w) => w.write(doc),
            FileWriter::Brat(b) => {
                if !b.opts.all && doc.status() != Status::Done {
                    b.report.not_done += 1;
                    return Ok(());
                }
                let stem = brat::file_stem(doc.id(), &mut b.used);
                let (txt, ann) = brat::document_files(doc, &mut b.report.notes);
                b.files.push((format!("{stem}.txt"), txt));
                b.files.push((format!("{stem}.ann"), ann));
                for s in doc.spans() {
                    brat::add_label(&mut b.labels, s.label());
                }
                b.report.documents += 1;
                b.report.spans += doc.spans().len();
                b.report.quotes += doc.quotes().len();
                Ok(())
            }
        }
    }

    /// Puts the bytes written since the last call into `into` (whose old contents are dropped;
    /// the two buffers are swapped, so neither reallocates once warm), for callers that keep the
    /// file in parts instead of one growing buffer. brat's archive is written whole by
    /// [`FileWriter::finish`].
    pub fn take_written(&mut self, into: &mut Vec<u8>) {
        into.clear();
        if let FileWriter::Stream(w) = self {
            std::mem::swap(&mut w.out, into);
        }
    }

    /// The file's bytes (those not taken by [`FileWriter::take_written`]) and what was written.
    pub fn finish(self) -> Result<(Vec<u8>, ExportReport), ExportError> {
        match self {
            FileWriter::Stream(w) => w.finish().map(|(r, out)| (out, r)),
            FileWriter::Brat(b) => {
                let mut b = *b;
                b.files.push(("annotation.conf".to_string(), brat::annotation_conf(&b.labels)));
                let bytes = zip::write_stored(&b.files).map_err(|e| ExportError::Unsupported(e.message))?;
                Ok((bytes, b.report))
            }
        }
    }
}

/// Exports `docs` as the bytes of one file (see [`FileWriter`]).
pub fn export_file(
    format: Format,
    docs: &[Document],
    opts: &ExportOptions,
) -> Result<(Vec<u8>, ExportReport), ExportError> {
    let mut w = FileWriter::new(format, *opts)?;
    for d in docs {
        w.write(d)?;
    }
    w.finish()
}

/// Guesses the format of a file from its name and its first bytes.
pub fn detect(file_name: &str, head: &[u8]) -> Option<Format> {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match ext {
        "zip" | "ann" => return Some(Format::Brat),
        "conll" | "iob" | "iob2" | "bio" | "conll03" => return Some(Format::Conll),
        "jsonld" => return Some(Format::W3c),
        _ => {}
    }
    let head = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    let trimmed = head.trim_start();
    if trimmed.starts_with('[') {
        return Some(Format::LabelStudio);
    }
    if trimmed.starts_with('{') {
        if (ext == "json" || trimmed.starts_with("{\n")) && head.contains("\"sanad-project\"") {
            return Some(Format::Sanad);
        }
        let first = trimmed.lines().next().unwrap_or_default();
        let keys: Vec<String> = match serde_json::from_str::<Value>(first) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => ["@context", "tokens", "entities", "label", "quote_id", "data", "format", "spans", "quotes"]
                .iter()
                .filter(|k| first.contains(&format!("\"{k}\":")))
                .map(|k| k.to_string())
                .collect(),
        };
        let has = |k: &str| keys.iter().any(|x| x == k);
        return Some(if has("format") && head.contains("\"sanad-project\"") {
            Format::Sanad
        } else if has("@context") {
            Format::W3c
        } else if has("tokens") {
            Format::Prodigy
        } else if has("entities") {
            Format::DoccanoRel
        } else if has("quote_id") {
            Format::Quotes
        } else if has("data") {
            Format::LabelStudio
        } else if has("spans") || has("quotes") {
            Format::Jsonl
        } else if has("label") {
            Format::Doccano
        } else {
            Format::Jsonl
        });
    }
    if trimmed.starts_with("-DOCSTART-") || trimmed.lines().next().is_some_and(|l| l.contains('\t')) {
        return Some(Format::Conll);
    }
    None
}

/// Reads `reader` (named `file` in messages) as `format`, handing each good document to `sink`.
///
/// Strict (default): after the first problem nothing more reaches the sink, reading goes on to list
/// every problem, and the result is [`ImportFailure::Invalid`]. With `skip_bad`, bad records are
/// skipped and listed in the report. Duplicate document ids are problems too.
pub fn read<R: BufRead>(
    format: Format,
    file: &str,
    reader: R,
    opts: &ImportOptions,
    ctl: &mut Control<'_>,
    sink: &mut dyn FnMut(Document) -> Result<(), String>,
) -> Result<ReadReport, ImportFailure> {
    let mut state =
        ReadState { file, opts: *opts, report: ReadReport::default(), ids: HashSet::new(), sink, failed: false };
    match format {
        Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::W3c | Format::Conll => {
            read_lines(format, reader, ctl, &mut state)?;
        }
        Format::LabelStudio => label_studio::read(reader, ctl, &mut state)?,
        Format::Sanad | Format::Brat | Format::Quotes => {
            return Err(ImportFailure::Io {
                file: file.to_string(),
                message: format!(
                    "{format} is not read as a stream (quotes tables cannot be imported: they lack the text)"
                ),
            });
        }
    }
    state.finish()
}

/// Reads a whole in-memory file (see [`read`]) into documents.
pub fn read_all(
    format: Format,
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<(Vec<Document>, ReadReport), ImportFailure> {
    let mut docs = Vec::new();
    let report = read(format, file, bytes, opts, &mut Control::default(), &mut |d| {
        docs.push(d);
        Ok(())
    })?;
    Ok((docs, report))
}

/// Reads a whole in-memory file for a preview before importing: the counts of the good documents
/// and every problem (bad records are counted out, not fatal). Nothing is kept but the counts.
pub fn preview(format: Format, file: &str, bytes: &[u8]) -> Result<Preview, ImportFailure> {
    let mut p = Preview::default();
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    let report = match format {
        Format::Brat => {
            return Err(ImportFailure::Io {
                file: file.to_string(),
                message: "brat is previewed with brat::import".into(),
            })
        }
        Format::Sanad => {
            let text = crate::import::decode_utf8(file, bytes).map_err(|e| ImportFailure::Invalid(vec![e]))?;
            let project = crate::project::Project::from_json(text)
                .map_err(|e| ImportFailure::Invalid(vec![err(file, e.line(), None, e.to_string())]))?;
            for d in project.documents() {
                p.add(d);
            }
            return Ok(p);
        }
        _ => read(format, file, bytes, &opts, &mut Control::default(), &mut |d| {
            p.add(&d);
            Ok(())
        }),
    };
    match report {
        Ok(r) => {
            p.problems = r.problems;
            Ok(p)
        }
        Err(ImportFailure::Invalid(problems)) => {
            p.problems = problems;
            Ok(p)
        }
        Err(e) => Err(e),
    }
}

pub(crate) struct ReadState<'s> {
    pub(crate) file: &'s str,
    pub(crate) opts: ImportOptions,
    pub(crate) report: ReadReport,
    ids: HashSet<String>,
    sink: &'s mut dyn FnMut(Document) -> Result<(), String>,
    failed: bool,
}

impl ReadState<'_> {
    /// Takes the outcome of one record.
    pub(crate) fn accept(
        &mut self,
        line: Option<usize>,
        rec: Result<Document, Vec<ImportError>>,
    ) -> Result<(), ImportFailure> {
        let mut problems = match rec {
            Ok(doc) => {
                if self.ids.insert(doc.id().to_string()) {
                    if !self.failed {
                        (self.sink)(doc).map_err(|m| ImportFailure::Io { file: self.file.to_string(), message: m })?;
                        self.report.documents += 1;
                    }
                    return Ok(());
                }
                vec![err(self.file, line, None, format!("document id {:?} is used twice", doc.id()))]
            }
            Err(p) => p,
        };
        if problems.is_empty() {
            problems.push(err(self.file, line, None, "bad record"));
        }
        self.report.skipped_records += 1;
        if !self.opts.skip_bad {
            self.failed = true;
        }
        for p in problems {
            if self.report.problems.len() < MAX_PROBLEMS {
                self.report.problems.push(p);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<ReadReport, ImportFailure> {
        if self.failed {
            return Err(ImportFailure::Invalid(self.report.problems));
        }
        Ok(self.report)
    }
}

fn io_fail(file: &str, e: &std::io::Error) -> ImportFailure {
    ImportFailure::Io { file: file.to_string(), message: format!("cannot read: {e}") }
}

/// Line-by-line reading of the JSONL formats and CoNLL: one buffer, reused, holds the current line.
fn read_lines<R: BufRead>(
    format: Format,
    mut reader: R,
    ctl: &mut Control<'_>,
    st: &mut ReadState<'_>,
) -> Result<(), ImportFailure> {
    let mut buf = Vec::new();
    let mut lines = Lines::new(format);
    loop {
        if ctl.cancelled() {
            return Err(ImportFailure::Cancelled);
        }
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| io_fail(st.file, &e))?;
        if n == 0 {
            break;
        }
        lines.line(st, &buf)?;
        ctl.tick(st.report.bytes);
    }
    lines.finish(st)
}

/// The per-line state of a line format.
struct Lines {
    format: Format,
    line_no: usize,
    conll: Option<conll::ConllState>,
}

impl Lines {
    fn new(format: Format) -> Lines {
        let conll = (format == Format::Conll).then(conll::ConllState::default);
        Lines { format, line_no: 0, conll }
    }

    /// One line, with its `\n` if it has one.
    fn line(&mut self, st: &mut ReadState<'_>, raw: &[u8]) -> Result<(), ImportFailure> {
        self.line_no += 1;
        let line_no = self.line_no;
        st.report.bytes += raw.len() as u64;
        let bytes = if line_no == 1 { raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw) } else { raw };
        if let Some(c) = self.conll.as_mut() {
            return c.line(st, line_no, bytes);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                let col = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).chars().count() + 1;
                let p = err(st.file, Some(line_no), Some(col), "not UTF-8 text; expected a UTF-8 JSON object");
                return st.accept(Some(line_no), Err(vec![p]));
            }
        };
        if line.trim().is_empty() {
            return Ok(());
        }
        let rec = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(obj)) => {
                let f = st.file;
                let o = st.opts;
                match self.format {
                    Format::Jsonl => jsonl::parse(f, line_no, obj, &o),
                    Format::Prodigy => prodigy::parse(f, line_no, obj, &o),
                    Format::Doccano | Format::DoccanoRel => doccano::parse(f, line_no, obj, &o),
                    _ => w3c::parse(f, line_no, obj, &o),
                }
            }
            Ok(_) => Err(vec![err(st.file, Some(line_no), Some(1), "expected a JSON object")]),
            Err(e) => Err(vec![json_err(st.file, line_no, &e, "one JSON object per line")]),
        };
        st.accept(Some(line_no), rec)
    }

    fn finish(self, st: &mut ReadState<'_>) -> Result<(), ImportFailure> {
        match self.conll {
            Some(c) => c.finish(st),
            None => Ok(()),
        }
    }
}

/// True for the formats [`LineReader`] reads (one record per line, or CoNLL's token lines).
pub fn is_line_format(format: Format) -> bool {
    matches!(
        format,
        Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::W3c | Format::Conll
    )
}

/// A streaming reader fed with chunks, for callers that cannot hand over a blocking
/// [`std::io::BufRead`] (the page reads a file in slices between event-loop turns). Chunks may
/// cut lines and characters anywhere; each complete line is parsed as soon as it is whole, so
/// memory holds one partial line plus what the sink keeps. Same problems and strictness as [`read`].
pub struct LineReader<'s> {
    st: ReadState<'s>,
    lines: Lines,
    partial: Vec<u8>,
}

impl<'s> LineReader<'s> {
    /// A reader of a line format (see [`is_line_format`]) named `file` in messages.
    pub fn new(
        format: Format,
        file: &'s str,
        opts: &ImportOptions,
        sink: &'s mut dyn FnMut(Document) -> Result<(), String>,
    ) -> Result<LineReader<'s>, ImportFailure> {
        if !is_line_format(format) {
            return Err(ImportFailure::Io {
                file: file.to_string(),
                message: format!("{format} is not a line format; read it whole"),
            });
        }
        let st =
            ReadState { file, opts: *opts, report: ReadReport::default(), ids: HashSet::new(), sink, failed: false };
        Ok(LineReader { st, lines: Lines::new(format), partial: Vec::new() })
    }

    /// Parses every line completed by `chunk`; the rest waits for the next chunk.
    pub fn feed(&mut self, mut chunk: &[u8]) -> Result<(), ImportFailure> {
        if !self.partial.is_empty() {
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    let mut line = std::mem::take(&mut self.partial);
                    line.extend_from_slice(&chunk[..=i]);
                    self.lines.line(&mut self.st, &line)?;
                    line.clear();
                    self.partial = line;
                    chunk = &chunk[i + 1..];
                }
                None => {
                    self.partial.extend_from_slice(chunk);
                    return Ok(());
                }
            }
        }
        while let Some(i) = chunk.iter().position(|&b| b == b'\n') {
            self.lines.line(&mut self.st, &chunk[..=i])?;
            chunk = &chunk[i + 1..];
        }
        self.partial.extend_from_slice(chunk);
        Ok(())
    }

    /// Bytes parsed so far (complete lines).
    pub fn bytes(&self) -> u64 {
        self.st.report.bytes
    }

    /// Problems found so far.
    pub fn problems(&self) -> &[ImportError] {
        &self.st.report.problems
    }

    /// Ends the input: parses the last line (one without a final line break) and says what was read.
    pub fn finish(mut self) -> Result<ReadReport, ImportFailure> {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.lines.line(&mut self.st, &line)?;
        }
        self.lines.finish(&mut self.st)?;
        self.st.finish()
    }
}

/// Label names that carry quotes through span-and-relation formats.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Names {
    pub quote: &'static str,
    /// A speaker that is not one of the entity spans.
    pub speaker: &'static str,
    pub cue: &'static str,
    pub speaker_rel: &'static str,
    pub cue_rel: &'static str,
}

/// Names used by Prodigy, doccano and Label Studio.
pub(crate) const NAMES: Names =
    Names { quote: "QUOTE", speaker: "SPEAKER", cue: "CUE", speaker_rel: "SPEAKER", cue_rel: "CUE" };

/// What a region stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RegionOf {
    /// Entity span (index into `doc.spans()`).
    Entity(usize),
    /// Quote content (index into `doc.quotes()`).
    Quote(usize),
    /// Speaker range of a quote, not tied to an entity.
    Speaker(usize),
    /// Cue of a quote.
    Cue(usize),
}

/// A labelled range to write in a span-and-relation format.
#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub of: RegionOf,
}

/// A relation between two regions (indices into the region list).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rel {
    pub head: usize,
    pub child: usize,
    pub label: &'static str,
}

/// Entity spans, then quotes with their untied speakers and cues, and the quote -> speaker and quote ->
/// cue relations.
pub(crate) fn regions(doc: &Document, names: &Names) -> (Vec<Region>, Vec<Rel>) {
    let mut out: Vec<Region> = doc
        .spans()
        .iter()
        .enumerate()
        .map(|(i, s)| Region { start: s.start(), end: s.end(), label: s.label().to_string(), of: RegionOf::Entity(i) })
        .collect();
    let mut rels = Vec::new();
    for (qi, q) in doc.quotes().iter().enumerate() {
        let head = out.len();
        out.push(Region { start: q.start(), end: q.end(), label: names.quote.to_string(), of: RegionOf::Quote(qi) });
        if let Some(sp) = q.speaker() {
            let tied = sp.span().and_then(|id| doc.spans().iter().position(|s| s.id() == id));
            let child = match tied {
                Some(i) => i,
                None => shared(&mut out, sp.range(), names.speaker, RegionOf::Speaker(qi)),
            };
            rels.push(Rel { head, child, label: names.speaker_rel });
        }
        if let Some(c) = q.cue() {
            let child = shared(&mut out, c, names.cue, RegionOf::Cue(qi));
            rels.push(Rel { head, child, label: names.cue_rel });
        }
    }
    (out, rels)
}

/// The index of the speaker or cue region with this range and label, added when new: formats that
/// name regions by offsets and label (Prodigy) could not tell two equal regions apart.
fn shared(out: &mut Vec<Region>, r: Range, label: &str, of: RegionOf) -> usize {
    let same = |x: &Region| {
        x.start == r.start()
            && x.end == r.end()
            && x.label == label
            && matches!(x.of, RegionOf::Speaker(_) | RegionOf::Cue(_))
    };
    if let Some(i) = out.iter().position(same) {
        return i;
    }
    out.push(Region { start: r.start(), end: r.end(), label: label.to_string(), of });
    out.len() - 1
}

/// A region read from a file, before it becomes a span or part of a quote.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub range: Range,
    pub label: String,
    pub id: Option<String>,
    pub origin: Origin,
    pub confidence: Option<f64>,
    pub author: Option<String>,
    /// Quote kind, for quote regions.
    pub kind: Option<crate::model::QuoteKind>,
}

/// Turns regions and relations (head index, child index, relation label) into spans and quotes.
/// A quote-label region is a quote; a speaker- or cue-label region that is the child of the matching
/// relation from a quote belongs to that quote; every other region is an entity span.
pub(crate) fn assemble(
    regions: Vec<Incoming>,
    rels: &[(usize, usize, String)],
    names: &Names,
    c: &mut Checker<'_>,
) -> (Vec<crate::model::Span>, Vec<crate::model::Quote>) {
    use crate::model::{Quote, QuoteKind, Span, Speaker};
    let n = regions.len();
    let mut consumed = vec![false; n];
    let mut speaker_of: Vec<Option<usize>> = vec![None; n];
    let mut cue_of: Vec<Option<usize>> = vec![None; n];
    for (h, ch, label) in rels {
        let (Some(head), Some(child)) = (regions.get(*h), regions.get(*ch)) else {
            c.problem(format!("relation {label:?} refers to a region that is not in the record"));
            continue;
        };
        if head.label != names.quote {
            c.problem(format!(
                "relation {label:?} starts at a {:?} region; expected a {} region",
                head.label, names.quote
            ));
            continue;
        }
        if label == names.speaker_rel {
            speaker_of[*h] = Some(*ch);
            if child.label == names.speaker {
                consumed[*ch] = true;
            }
        } else if label == names.cue_rel {
            cue_of[*h] = Some(*ch);
            consumed[*ch] = true;
        } else {
            c.problem(format!("relation {label:?}: expected {} or {}", names.speaker_rel, names.cue_rel));
        }
    }
    let mut spans = Vec::new();
    let mut span_id: Vec<Option<String>> = vec![None; n];
    for (i, r) in regions.iter().enumerate() {
        if consumed[i] || r.label == names.quote {
            continue;
        }
        let id = r.id.clone().unwrap_or_else(|| format!("s{}", spans.len() + 1));
        match Span::new(id.clone(), r.range, r.label.clone(), r.origin)
            .and_then(|s| s.with_author(r.author.clone()).with_confidence(r.confidence))
        {
            Ok(s) => {
                span_id[i] = Some(id);
                spans.push(s);
            }
            Err(e) => c.problem(format!("span {}..{}: {e}", r.range.start(), r.range.end())),
        }
    }
    let mut quotes = Vec::new();
    for (i, r) in regions.iter().enumerate() {
        if r.label != names.quote {
            continue;
        }
        let id = r.id.clone().unwrap_or_else(|| format!("q{}", quotes.len() + 1));
        let speaker = speaker_of[i].and_then(|k| regions.get(k).map(|s| Speaker::new(s.range, span_id[k].clone())));
        let cue = cue_of[i].and_then(|k| regions.get(k).map(|s| s.range));
        match Quote::new(id, r.range, r.kind.unwrap_or(QuoteKind::Direct), r.origin).and_then(|q| {
            q.with_speaker(speaker, None).with_cue(cue).with_author(r.author.clone()).with_confidence(r.confidence)
        }) {
            Ok(q) => quotes.push(q),
            Err(e) => c.problem(format!("quote {}..{}: {e}", r.range.start(), r.range.end())),
        }
    }
    (spans, quotes)
}

/// Builds the document of a record once its problems are known.
pub(crate) fn finish_doc(
    file: &str,
    line: Option<usize>,
    problems: Vec<ImportError>,
    doc: Result<Document, crate::model::ModelError>,
    spans: Vec<crate::model::Span>,
    quotes: Vec<crate::model::Quote>,
) -> Result<Document, Vec<ImportError>> {
    if !problems.is_empty() {
        return Err(problems);
    }
    doc.and_then(|d| d.with_annotations(spans, quotes)).map_err(|e| vec![err(file, line, None, e.to_string())])
}

/// A new document with `lang` detected when not given.
pub(crate) fn new_doc(
    id: String,
    title: Option<String>,
    lang: Option<String>,
    text: String,
) -> Result<Document, crate::model::ModelError> {
    let title = title.unwrap_or_else(|| crate::import::title_from_text(&text));
    let lang = lang.filter(|l| !l.is_empty()).unwrap_or_else(|| crate::lang::detect(&text).to_string());
    Document::new(id, title, lang, text)
}
