//! Exports in the page, on the main thread, in slices: documents are written a few at a time and
//! the event loop gets a turn whenever a slice has taken about 40 ms (under the 50 ms of a "long
//! task"; each turn costs about a frame, 16 ms, so shorter slices lose more time to turns), so the
//! page keeps drawing and answering, and a large library is not copied to a worker first (copying
//! 10,000 documents through `postMessage` took longer than writing them). Progress and cancel
//! between slices. Each slice's bytes leave the wasm memory as a Blob of their own and the file is
//! a Blob of those parts, so a 300 MB export never sits in one growing buffer nor is copied whole.

use std::rc::Rc;

use sanad_core::formats::{ExportError, ExportOptions, FileWriter, Format};
use sanad_core::Document;

use crate::services::{yield_now, BrowserError};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub blob: web_sys::Blob,
    pub documents: usize,
    pub spans: usize,
    pub quotes: usize,
    /// Documents left out because they are not marked done.
    pub not_done: usize,
    /// Things the format cannot carry, left out.
    pub dropped: usize,
    pub utf16: bool,
}

/// Why an export produced no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportProblem {
    /// No document is marked done (and "all articles" was not chosen): how many are not done.
    NothingDone(usize),
    /// The core's writer refused.
    Failed(ExportError),
    /// The browser refused to make the file.
    Browser(BrowserError),
    Cancelled,
}

/// How long one slice writes before the event loop gets a turn.
const SLICE_MS: f64 = 40.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Adds `bytes` (copied out of the wasm memory) to the file's parts as a Blob.
fn push_part(parts: &js_sys::Array, bytes: &[u8]) -> Result<(), ExportProblem> {
    if !bytes.is_empty() {
        let part = crate::services::download::blob_of(bytes, "").map_err(ExportProblem::Browser)?;
        parts.push(&part);
    }
    Ok(())
}

/// Writes `docs` as `format`; `progress(done, total)` after each slice, `cancel()` asked between slices.
pub async fn run(
    format: Format,
    opts: ExportOptions,
    docs: &[Rc<Document>],
    progress: &dyn Fn(usize, usize),
    cancel: &dyn Fn() -> bool,
) -> Result<ExportFile, ExportProblem> {
    let mut w = FileWriter::new(format, opts).map_err(ExportProblem::Failed)?;
    let parts = js_sys::Array::new();
    let mut written = Vec::new();
    let mut slice_start = now();
    for (i, d) in docs.iter().enumerate() {
        w.write(d).map_err(ExportProblem::Failed)?;
        if now() - slice_start > SLICE_MS {
            w.take_written(&mut written);
            push_part(&parts, &written)?;
            progress(i + 1, docs.len());
            yield_now().await;
            if cancel() {
                return Err(ExportProblem::Cancelled);
            }
            slice_start = now();
        }
    }
    let (bytes, report) = w.finish().map_err(ExportProblem::Failed)?;
    push_part(&parts, &bytes)?;
    if report.documents == 0 {
        return Err(ExportProblem::NothingDone(report.not_done));
    }
    let blob = crate::services::download::blob(&parts, "application/octet-stream").map_err(ExportProblem::Browser)?;
    let stem = if opts.utf16 { "sanad-export-utf16" } else { "sanad-export" };
    Ok(ExportFile {
        name: format!("{stem}.{}.{}", format.name(), format.extension()),
        blob,
        documents: report.documents,
        spans: report.spans,
        quotes: report.quotes,
        not_done: report.not_done,
        dropped: report.notes.len(),
        utf16: opts.utf16,
    })
}
