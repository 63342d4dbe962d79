//! The line formats (the JSONL formats, W3C and CoNLL) a line at a time: `Lines` parses one
//! complete line into a record (or a CoNLL token), read from a [`std::io::BufRead`] by
//! `read_lines` or fed by [`LineReader`] in chunks that may cut lines and characters anywhere (the
//! page reads a file in slices between event-loop turns).

use std::io::BufRead;

use serde_json::Value;

use super::check::{err, json_err, ReadState};
use super::options::{Control, ImportFailure, ImportOptions, ReadReport};
use super::registry::{is_line_format, Format};
use super::{conll, doccano, jsonl, prodigy, w3c};
use crate::import::{ImportError, ImportErrorKind as K};
use crate::model::Document;

fn io_fail(file: &str, e: &std::io::Error) -> ImportFailure {
    ImportFailure::Io(err(file, None, None, K::Read { system_message: e.to_string() }))
}

/// Line-by-line reading of the JSONL formats and CoNLL: one buffer, reused, holds the current line.
pub(crate) fn read_lines<R: BufRead>(
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
pub(crate) struct Lines {
    format: Format,
    line_no: usize,
    conll: Option<conll::ConllState>,
}

impl Lines {
    pub(crate) fn new(format: Format) -> Lines {
        let conll = (format == Format::Conll).then(conll::ConllState::default);
        Lines { format, line_no: 0, conll }
    }

    /// One line, with its `\n` if it has one.
    pub(crate) fn line(&mut self, st: &mut ReadState<'_>, raw: &[u8]) -> Result<(), ImportFailure> {
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
                let p = err(st.file, Some(line_no), Some(col), K::NotUtf8Line);
                return st.accept(Some(line_no), Err(vec![p]));
            }
        };
        if line.trim().is_empty() {
            return Ok(());
        }
        // Without its line break: a record cut short is then reported on its own line, at its end,
        // not at column 0 of the next line.
        let line = line.trim_end_matches(['\n', '\r']);
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
            Ok(_) => Err(vec![err(st.file, Some(line_no), Some(1), K::ExpectedJsonObject)]),
            Err(e) => Err(vec![json_err(st.file, line_no, &e, |parser_message| K::JsonLine { parser_message })]),
        };
        st.accept(Some(line_no), rec)
    }

    pub(crate) fn finish(self, st: &mut ReadState<'_>) -> Result<(), ImportFailure> {
        match self.conll {
            Some(c) => c.finish(st),
            None => Ok(()),
        }
    }
}

/// A streaming reader fed with chunks, for callers that cannot hand over a blocking
/// [`std::io::BufRead`] (the page reads a file in slices between event-loop turns). Chunks may
/// cut lines and characters anywhere; each complete line is parsed as soon as it is whole, so
/// memory holds one partial line plus what the sink keeps. Same problems and strictness as [`read`](super::read::read).
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
            return Err(ImportFailure::Io(err(file, None, None, K::NotLineFormat { format: format.name() })));
        }
        let st = ReadState::new(file, opts, sink);
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
