//! Every problem a user is told about a file they gave, as data: [`ImportError`] says where (file,
//! line, column, the [`Part`] of a record) and its [`ImportErrorKind`] says what, with the numbers,
//! names and values of the message as fields. `Display` writes the English messages the CLI prints;
//! the page words each kind in the interface's language from its fields. The zip container's
//! problems ([`ZipError`], re-exported by `formats::zip`) are here too, so that one file lists
//! every kind to translate.
//!
//! No kind carries a sentence as payload. Text that is not ours is kept in fields named for where
//! it comes from: `parser_message` (serde_json's own message), `system_message` (the operating
//! system's or the browser's reason for a failed read), `browser_message` (a failed inflate), and
//! the sink's `message` (the caller's own). Values from the file (`found`, `stated`, ids, labels)
//! are quoted as the file has them.

use std::fmt;

use crate::model::ModelError;
use crate::project::ProjectError;

/// A refused import, or a problem with one record: which file, where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub file: String,
    /// 1-based line in `file`, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has one (syntax errors, bad tags).
    pub column: Option<usize>,
    /// The part of the record the problem is in (a span, a quote's cue, a Label Studio result).
    pub part: Option<Part>,
    /// What went wrong (boxed: a problem is carried in every `Result` of a reader, and most
    /// results are not problems).
    pub kind: Box<ImportErrorKind>,
}

impl ImportError {
    /// A problem with `file` as a whole (no line, column or part).
    pub fn new(file: &str, kind: ImportErrorKind) -> ImportError {
        ImportError { file: file.to_string(), line: None, column: None, part: None, kind: Box::new(kind) }
    }

    /// The same problem at `line` and `column`.
    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> ImportError {
        self.line = line;
        self.column = column;
        self
    }

    /// The same problem, inside `part` of the record.
    pub fn within(mut self, part: Part) -> ImportError {
        self.part = Some(part);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ImportErrorKind {
        &self.kind
    }

    /// The message without the file and position: the part, if any, then the kind.
    pub fn message(&self) -> String {
        match &self.part {
            Some(p) => format!("{p}: {}", self.kind),
            None => self.kind.to_string(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ", line {l}")?;
            if let Some(c) = self.column {
                write!(f, ", column {c}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(p) = &self.part {
            write!(f, "{p}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for ImportError {}

/// Which part of a record a problem is in. Numbers count as the message shows them: items of a
/// list from 1, except where the format itself counts from 0 (Prodigy tokens, Label Studio
/// annotations). `field` names the key of a sub-range (`cue`, `speaker`, `head_span`, `child_span`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `span N` of the record's spans.
    Span { n: usize },
    /// `quote N`, or its `cue` or `speaker` range.
    Quote { n: usize, field: Option<&'static str> },
    /// `entity N` (doccano's relation form).
    Entity { n: usize },
    /// `label N` (doccano's label form, `[start, end, "LABEL"]`).
    Label { n: usize },
    /// `token N` of a Prodigy record (from 0, as Prodigy numbers tokens).
    Token { n: usize },
    /// `relation N`, or its `head_span` or `child_span`.
    Relation { n: usize, field: Option<&'static str> },
    /// W3C `annotation N`, or its quote's `cue` or `speaker` range.
    Annotation { n: usize, field: Option<&'static str> },
    /// Label Studio `task N` (the Nth task of the array).
    Task { n: usize },
    /// Label Studio `task N annotations[A] result R`: result `result` (from 1) of annotation
    /// `annotation` (from 0) in `list` (`annotations` or `predictions`).
    TaskResult { task: usize, list: &'static str, annotation: usize, result: usize },
    /// `item N` of a JSON array of documents.
    Item { n: usize },
    /// The span at `start..end` (code points) that the document refused.
    SpanAt { start: usize, end: usize },
    /// The quote at `start..end` (code points) that the document refused.
    QuoteAt { start: usize, end: usize },
    /// `line N` of a brat `.ann` file, and the id of the annotation on it.
    AnnLine { line: usize, id: Option<String> },
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, n, field) = match self {
            Part::Span { n } => ("span", n, None),
            Part::Quote { n, field } => ("quote", n, *field),
            Part::Entity { n } => ("entity", n, None),
            Part::Label { n } => ("label", n, None),
            Part::Token { n } => ("token", n, None),
            Part::Relation { n, field } => ("relation", n, *field),
            Part::Annotation { n, field } => ("annotation", n, *field),
            Part::Task { n } => ("task", n, None),
            Part::Item { n } => ("item", n, None),
            Part::TaskResult { task, list, annotation, result } => {
                return write!(f, "task {task} {list}[{annotation}] result {result}");
            }
            Part::SpanAt { start, end } => return write!(f, "span {start}..{end}"),
            Part::QuoteAt { start, end } => return write!(f, "quote {start}..{end}"),
            Part::AnnLine { line, id } => {
                write!(f, "line {line}")?;
                return match id {
                    Some(id) => write!(f, ": {id}"),
                    None => Ok(()),
                };
            }
        };
        write!(f, "{name} {n}")?;
        match field {
            Some(k) => write!(f, " {k}"),
            None => Ok(()),
        }
    }
}

/// The unit of a record's offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    CodePoints,
    Utf16,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::CodePoints => "code points",
            Unit::Utf16 => "UTF-16 code units",
        })
    }
}

/// Where the Label Studio task array stopped making sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArrayProblem {
    #[error("expected a task or `]`")]
    ExpectedTaskOrEnd,
    #[error("expected a task")]
    ExpectedTask,
    #[error("expected `[`")]
    ExpectedOpen,
    #[error("expected `,` or `]`")]
    ExpectedCommaOrEnd,
    #[error("expected the end of the file")]
    ExpectedEndOfFile,
    #[error("the file has no JSON array")]
    NoArray,
    #[error("the file ends before the array is closed")]
    Unclosed,
}

/// What went wrong, with its parameters. The English text is each variant's `Display`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportErrorKind {
    // The file as a whole.
    /// Over the size the page opens whole (`megabytes` rounded to the nearest).
    #[error(
        "the file is {megabytes} MB; the page opens files up to {limit_megabytes} MB. Split it, or use the sanad \
         command-line tool"
    )]
    TooLarge { megabytes: u64, limit_megabytes: u64 },
    /// Over the size the page reads in slices (`megabytes` rounded up).
    #[error(
        "the file is {megabytes} MB; the page reads files up to {limit_megabytes} MB. Split it, or use the sanad \
         command-line tool"
    )]
    TooLargeToStream { megabytes: u64, limit_megabytes: u64 },
    #[error("the file is empty")]
    EmptyFile,
    #[error("cannot open .{extension} files; Sanad opens .txt, .md, .json and .jsonl")]
    UnsupportedExtension { extension: String },
    #[error(
        "cannot tell the format: expected Sanad JSON or JSONL, Prodigy, doccano, Label Studio, W3C, CoNLL or brat"
    )]
    UnknownFormat,
    /// A file chosen with brat files that is not `.zip`, `.txt` or `.ann`.
    #[error("not part of a brat set: expected .zip, or .txt and .ann files")]
    NotBrat,
    #[error("a quotes table cannot be imported: it lacks the articles' text")]
    QuotesTable,
    /// The first byte that is not UTF-8, and its offset in the file.
    #[error("not UTF-8 text (byte 0x{byte:02X} at byte offset {offset}); save the file as UTF-8 and try again")]
    NotUtf8File { byte: u8, offset: usize },
    #[error("cannot read: {system_message}")]
    Read { system_message: String },
    /// The sink refused a document; `message` is the caller's own.
    #[error("{message}")]
    Sink { message: String },
    /// A reader was given a format it does not read (`format` is its name, as `sanad convert` spells it).
    #[error("{format} is not a line format; read it whole")]
    NotLineFormat { format: &'static str },
    #[error("{format} is not read as a stream (quotes tables cannot be imported: they lack the text)")]
    NotStreamFormat { format: &'static str },
    #[error("brat is previewed with brat::import")]
    BratNotPreviewed,
    #[error("the file has no documents")]
    NoDocuments,
    #[error("the array has no documents")]
    EmptyArray,
    #[error("the text is empty")]
    EmptyText,
    /// The archive's directory cannot be read.
    #[error("not a readable zip archive: {0}")]
    Zip(ZipError),
    /// One entry of an archive is damaged.
    #[error("{0}")]
    ZipEntry(ZipErrorKind),
    /// The browser could not inflate an entry.
    #[error("{entry}: cannot inflate: {browser_message}")]
    Inflate { entry: String, browser_message: String },
    /// A Sanad project file was refused.
    #[error("{0}")]
    Project(ProjectError),

    // JSON syntax (the position is the error's line and column).
    #[error("{parser_message}")]
    Json { parser_message: String },
    #[error("{parser_message}; expected one JSON object per line")]
    JsonLine { parser_message: String },
    #[error("{parser_message}; expected a Label Studio task")]
    JsonTask { parser_message: String },
    #[error("expected an object with a \"text\" string: {parser_message}")]
    JsonItem { parser_message: String },
    #[error("{problem}; expected a JSON array of Label Studio tasks")]
    TaskArray { problem: ArrayProblem },

    // One record.
    #[error("not UTF-8 text; expected a UTF-8 JSON object")]
    NotUtf8Line,
    #[error("not UTF-8 text")]
    NotUtf8,
    /// `offset`: bytes of valid UTF-8 before the bad one, from the start of the task.
    #[error("not UTF-8 text (byte {offset})")]
    NotUtf8Task { offset: usize },
    #[error("expected a JSON object")]
    ExpectedJsonObject,
    #[error("expected an object")]
    ExpectedObject,
    /// A record refused without a more precise problem.
    #[error("bad record")]
    BadRecord,
    #[error("document id {id:?} is used twice")]
    DuplicateId { id: String },
    #[error("\"text\" is empty")]
    EmptyTextField,
    /// `key`: the key holding the text, as printed (JSON-quoted): `"text"`, `"data.text"`,
    /// `"sanad:document"."text"`.
    #[error("expected a non-empty {key} string")]
    ExpectedText { key: &'static str },
    /// `found`: the value as JSON text.
    #[error("\"id\" must be a string or a number, not {found}")]
    BadId { found: String },
    /// `found`: the value as JSON text.
    #[error("\"offset_unit\" is {found}; expected \"codepoint\" or \"utf16\"")]
    BadOffsetUnit { found: String },
    /// Sanad JSONL's status (the four statuses are listed).
    #[error("status {found:?} is not new, in_progress, done or skipped")]
    StatusNotOneOf { found: String },
    /// Label Studio's and W3C's status.
    #[error("status {found:?} is not known")]
    UnknownStatus { found: String },
    #[error("\"{key}\" must be an array")]
    NotAnArray { key: &'static str },
    #[error("\"label\" must be an array of [start, end, label]")]
    LabelsNotAnArray,
    #[error("\"{key}\" must be an object")]
    NotAnObject { key: &'static str },
    /// The document, span or quote refused by the model's own checks.
    #[error("{0}")]
    Model(ModelError),

    // One part of a record (see [`Part`]).
    #[error("expected non-negative integer start and end offsets")]
    OffsetsNotNumbers,
    /// `len`: the text's length in the record's `unit`.
    #[error("offsets {start}..{end} are out of range (the text has {len} {unit}; start must be less than end)")]
    OffsetsOutOfRange { start: usize, end: usize, len: usize, unit: Unit },
    #[error("UTF-16 offsets {start}..{end} split a surrogate pair")]
    SplitSurrogatePair { start: usize, end: usize },
    /// `found`: the document's text at the offsets; `stated`: what the record says is there.
    #[error("text at {start}..{end} is {found:?}, but the record says {stated:?}")]
    TextMismatch { start: usize, end: usize, found: String, stated: String },
    #[error("expected a \"label\" string")]
    ExpectedLabel,
    #[error("expected [start, end, \"LABEL\"]")]
    ExpectedLabelTriple,
    #[error("quote kind {found:?}: expected \"direct\", \"indirect\" or \"mixed\"")]
    BadQuoteKind { found: String },
    /// `found`: the value as JSON text.
    #[error("confidence {found} is not a number between 0 and 1")]
    BadConfidence { found: String },
    #[error("score is not between 0 and 1")]
    BadScore,
    #[error("\"{key}\" must be an object with start and end")]
    RangeNotAnObject { key: &'static str },
    #[error("expected a \"value\" object")]
    ExpectedValue,
    #[error("expected \"value.labels\" with one label")]
    ExpectedValueLabels,
    #[error("expected \"head_span\" and \"child_span\"")]
    ExpectedHeadAndChild,
    /// A Prodigy relation end (`key`: `head_span` or `child_span`) that matches no span.
    #[error("{key} {start}..{end} {label:?} is not one of the spans")]
    NotASpan { key: &'static str, start: usize, end: usize, label: String },
    #[error("\"from_id\"/\"to_id\" do not name entities of this record")]
    RelationEndsNotEntities,
    #[error("relation ends are not regions of this result list")]
    RelationEndsNotResults,
    #[error("relation {label:?} refers to a region that is not in the record")]
    RelationRegionMissing { label: String },
    /// `expected`: the quote label of the format (`QUOTE`, brat's `Quote`).
    #[error("relation {label:?} starts at a {found:?} region; expected a {expected} region")]
    RelationNotFromQuote { label: String, found: String, expected: &'static str },
    /// `speaker`, `cue`: the format's two relation labels.
    #[error("relation {label:?}: expected {speaker} or {cue}")]
    UnknownRelation { label: String, speaker: &'static str, cue: &'static str },
    #[error(
        "expected \"sanad:document\" with the text (an AnnotationPage as Sanad writes it; other pages point to texts \
         Sanad cannot fetch)"
    )]
    W3cNoDocument,
    #[error("expected a TextualBody with a \"value\" (the label)")]
    W3cNoBody,
    #[error("expected a TextPositionSelector in \"target.selector\"")]
    W3cNoPosition,

    // brat standoff (`.ann` lines).
    #[error("expected `ID<TAB>annotation` (tab-separated brat standoff)")]
    BratLine,
    #[error("expected `TYPE START END` after the id")]
    BratTextBound,
    /// `found`: one `;`-separated fragment of the offsets, as the line has it.
    #[error("offsets {found:?}: expected `START END` with START < END")]
    BratOffsets { found: String },
    /// `line` of the `.ann` file, `id` of the annotation, `len` of the text in code points.
    #[error("line {line}: {id} offsets {start}..{end} are past the end of the text ({len} code points)")]
    BratPastEnd { line: usize, id: String, start: usize, end: usize, len: usize },
    #[error("line {line}: {id} text at its offsets is {found:?}, but the line says {stated:?}")]
    BratTextMismatch { line: usize, id: String, found: String, stated: String },
    #[error("{id}: Arg1/Arg2 must name T annotations defined above")]
    BratArgs { id: String },
    #[error("expected `TYPE Arg1:Tn Arg2:Tm`")]
    BratRelation,
    #[error("expected `NAME Tn [VALUE]`")]
    BratAttribute,
    #[error("expected an id starting with T, R, A, E, M, N, * or #")]
    BratId,
    #[error("Kind names {target}, which is not defined")]
    BratKindTarget { target: String },
    /// An `.ann` file whose `.txt` (`stem`.txt) is not among the files.
    #[error("no {stem}.txt beside it")]
    BratNoText { stem: String },

    // CoNLL.
    /// `found`: the line's first 80 characters.
    #[error("expected `token<TAB>tag`, found {found:?}")]
    ConllLine { found: String },
    #[error("tag {tag:?}: expected O, B-LABEL or I-LABEL (IOB2)")]
    ConllTag { tag: String },
}

/// A damaged or unsupported zip archive (see `formats::zip`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError {
    /// Byte offset in the archive where the problem is.
    pub at: usize,
    pub kind: ZipErrorKind,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.at, self.kind)
    }
}

impl std::error::Error for ZipError {}

/// What is wrong with a zip archive. `name` is an entry's name in the archive.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipErrorKind {
    #[error("not a zip archive (no end of central directory record)")]
    NotZip,
    #[error("the archive ends too early")]
    Truncated,
    #[error("zip64 archives are not supported")]
    Zip64,
    #[error("expected a central directory entry")]
    ExpectedCentralEntry,
    #[error("compression method {method} is not supported (only stored and deflate)")]
    Method { method: u16 },
    #[error("a file name is not UTF-8")]
    NameNotUtf8,
    #[error("{name}: encrypted entries are not supported")]
    Encrypted { name: String },
    #[error("{name}: expected a local file header")]
    ExpectedLocalHeader { name: String },
    #[error("{name}: the archive ends inside this file's data")]
    DataTruncated { name: String },
    /// The entry's bytes do not have the length or CRC-32 the archive states.
    #[error("{name}: the data is damaged (length or CRC-32 does not match)")]
    Damaged { name: String },
    /// Writing: past zip's 32-bit limits.
    #[error("too large for a zip archive without zip64 (4 GiB, 65,535 files)")]
    TooLarge,
}
