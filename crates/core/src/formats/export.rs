//! Writing export files a document at a time: [`StreamWriter`] for the stream formats (to any
//! [`std::io::Write`]), [`FileWriter`] for one file in memory in slices (brat as a stored zip),
//! and the one-call [`export_bytes`] and [`export_file`]. Each record is written by its format's
//! module.

use std::collections::HashSet;
use std::io::Write;

use super::options::{ExportError, ExportOptions, ExportReport};
use super::registry::Format;
use super::{brat, conll, doccano, jsonl, label_studio, prodigy, w3c, zip};
use crate::model::{Document, Status};

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
            Format::Sanad | Format::Brat => Err(ExportError::NotStreamFormat { format: format.name() }),
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
                return Err(ExportError::BratUtf16);
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
                let bytes = zip::write_stored(&b.files).map_err(|e| ExportError::Zip(e.kind))?;
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
