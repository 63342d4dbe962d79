//! What every reader shares for one record: the offset checks against the record's text
//! ([`Checker`]), field checks (offset unit, id), building the document once its problems are
//! known, and [`ReadState`], which takes each record's outcome (strict or `skip_bad`, duplicate
//! ids, the cap on problems listed).

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::options::{ImportFailure, ImportOptions, ReadReport, MAX_PROBLEMS};
use crate::import::{ImportError, ImportErrorKind as K, Part, Unit};
use crate::model::{Document, Range};
use crate::offsets::TextIndex;

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

    /// A problem with this record, in `part` of it when given.
    pub(crate) fn problem(&mut self, part: Option<Part>, kind: K) {
        let mut p = err(self.file, self.line, None, kind);
        p.part = part;
        self.problems.push(p);
    }

    /// Converts `start..end` (in the record's unit) to a code point range inside the text, checking
    /// that it is non-empty, in range, on code point boundaries and, when `stated` is given, that it
    /// covers exactly that text.
    pub(crate) fn range(
        &mut self,
        what: &Part,
        start: Option<&Value>,
        end: Option<&Value>,
        stated: Option<&str>,
    ) -> Option<Range> {
        let (Some(s), Some(e)) = (start.and_then(Value::as_u64), end.and_then(Value::as_u64)) else {
            self.problem(Some(what.clone()), K::OffsetsNotNumbers);
            return None;
        };
        self.range_num(what, s as usize, e as usize, stated)
    }

    pub(crate) fn range_num(&mut self, what: &Part, s: usize, e: usize, stated: Option<&str>) -> Option<Range> {
        let unit = if self.utf16 { Unit::Utf16 } else { Unit::CodePoints };
        let len = if self.utf16 { self.ix.utf16_len() } else { self.ix.cp_len() };
        if s >= e || e > len {
            self.problem(Some(what.clone()), K::OffsetsOutOfRange { start: s, end: e, len, unit });
            return None;
        }
        let (cs, ce) = if self.utf16 {
            match (self.ix.utf16_to_cp(s), self.ix.utf16_to_cp(e)) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    self.problem(Some(what.clone()), K::SplitSurrogatePair { start: s, end: e });
                    return None;
                }
            }
        } else {
            (s, e)
        };
        if let Some(st) = stated {
            let actual = self.ix.slice(self.text, cs, ce).unwrap_or_default();
            if actual != st {
                let mismatch = K::TextMismatch { start: s, end: e, found: actual.to_string(), stated: st.to_string() };
                self.problem(Some(what.clone()), mismatch);
                return None;
            }
        }
        Range::new(cs, ce).ok()
    }
}

/// A problem of `kind` in `file` at `line` and `column`.
pub(crate) fn err(file: &str, line: Option<usize>, column: Option<usize>, kind: K) -> ImportError {
    ImportError::new(file, kind).at(line, column)
}

/// serde_json's message without the " at line L column C" it appends (the position is kept apart).
pub(crate) fn parser_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// A serde_json error as an import error at `line` (the JSON's own line is added to it); `kind`
/// makes the kind from the parser's message.
pub(crate) fn json_err(file: &str, line: usize, e: &serde_json::Error, kind: fn(String) -> K) -> ImportError {
    err(file, Some(line + e.line().saturating_sub(1)), Some(e.column()), kind(parser_message(e)))
}

/// The record's offset unit: `"offset_unit"` of `obj`, code points when absent.
pub(crate) fn record_utf16(obj: &Map<String, Value>) -> Result<bool, K> {
    match obj.get("offset_unit") {
        None | Some(Value::Null) => Ok(false),
        Some(Value::String(u)) if u == "codepoint" => Ok(false),
        Some(Value::String(u)) if u == "utf16" => Ok(true),
        Some(other) => Err(K::BadOffsetUnit { found: other.to_string() }),
    }
}

/// The document id of a record: a string or number, or the content id of the text.
pub(crate) fn id_of(v: Option<&Value>, text: &str) -> Result<String, K> {
    match v {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        None | Some(Value::Null) => Ok(crate::import::content_id(text)),
        Some(other) => Err(K::BadId { found: other.to_string() }),
    }
}

pub(crate) fn str_of<'v>(v: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The state of one read: the options, what was read so far, the ids seen, the sink.
pub(crate) struct ReadState<'s> {
    pub(crate) file: &'s str,
    pub(crate) opts: ImportOptions,
    pub(crate) report: ReadReport,
    ids: HashSet<String>,
    sink: &'s mut dyn FnMut(Document) -> Result<(), String>,
    /// True once a record was refused in strict mode: nothing more reaches the sink.
    pub(crate) failed: bool,
}

impl<'s> ReadState<'s> {
    /// The state of a read of `file` handing documents to `sink`.
    pub(crate) fn new(
        file: &'s str,
        opts: &ImportOptions,
        sink: &'s mut dyn FnMut(Document) -> Result<(), String>,
    ) -> ReadState<'s> {
        ReadState { file, opts: *opts, report: ReadReport::default(), ids: HashSet::new(), sink, failed: false }
    }

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
                        (self.sink)(doc)
                            .map_err(|message| ImportFailure::Io(err(self.file, None, None, K::Sink { message })))?;
                        self.report.documents += 1;
                    }
                    return Ok(());
                }
                vec![err(self.file, line, None, K::DuplicateId { id: doc.id().to_string() })]
            }
            Err(p) => p,
        };
        if problems.is_empty() {
            problems.push(err(self.file, line, None, K::BadRecord));
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

    pub(crate) fn finish(self) -> Result<ReadReport, ImportFailure> {
        if self.failed {
            return Err(ImportFailure::Invalid(self.report.problems));
        }
        Ok(self.report)
    }
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
    doc.and_then(|d| d.with_annotations(spans, quotes)).map_err(|e| vec![err(file, line, None, K::Model(e))])
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
