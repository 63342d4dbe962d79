//! What a caller gives an export or a read, and what it gets back: options, progress and
//! cancellation ([`Control`]), reports and errors.

use crate::import::{ImportError, ZipErrorKind};
use crate::model::{Origin, Status};

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The output refused the bytes: the operating system's reason, in its words.
    #[error("cannot write: {system_message}")]
    Io { system_message: String },
    /// The Sanad project and brat are not written record by record (`format` is the format's name).
    #[error("{format} is not a stream format; write it with its own function")]
    NotStreamFormat { format: &'static str },
    #[error("brat offsets are code points by definition; UTF-16 offsets do not apply")]
    BratUtf16,
    /// The brat archive is past zip's limits.
    #[error("{0}")]
    Zip(ZipErrorKind),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> ExportError {
        ExportError::Io { system_message: e.to_string() }
    }
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
    pub(crate) fn tick(&mut self, bytes: u64) {
        if let Some(p) = self.progress.as_mut() {
            p(bytes);
        }
    }
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c())
    }
}

/// Why a read failed as a whole.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportFailure {
    /// The file has problems (all of them are listed, capped at [`MAX_PROBLEMS`]); nothing was imported.
    #[error("{} problem(s); nothing imported. First: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<ImportError>),
    #[error("cancelled")]
    Cancelled,
    /// The file could not be read, the sink refused a document, or the reader does not read this
    /// format (the error's kind says which).
    #[error("{0}")]
    Io(ImportError),
}

/// Most problems listed for one file.
pub const MAX_PROBLEMS: usize = 1000;

/// What a read did.
#[derive(Debug, Clone, Default, PartialEq)]
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
