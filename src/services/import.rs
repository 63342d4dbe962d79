//! Reading files to import, in any format the core reads, into a [`Pending`] import that the user
//! previews before anything changes.
//!
//! Line formats (JSONL, Prodigy, doccano, W3C, CoNLL) are read in slices of the file (`Blob.slice`)
//! fed to the core's [`LineReader`], yielding to the event loop between slices so the page keeps
//! drawing; progress is reported after each slice and a cancel flag is checked between them.
//! Memory holds one slice and the documents read. Other formats are read whole (up to
//! [`MAX_FILE_BYTES`]). brat comes as a `.zip` or as `.txt` + `.ann` files chosen together; deflated
//! zip entries are inflated by the browser (`DecompressionStream`), so no inflater is in the wasm.

use std::cell::RefCell;

use js_sys::Uint8Array;
use sanad_core::formats::{self, brat, zip, Format, ImportFailure, ImportOptions, LineReader};
use sanad_core::import::{check_size, decode_utf8, import_bytes, project_error, ImportError, ImportErrorKind as K};
use sanad_core::{Document, Origin, Project, Status};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::services::{yield_now, BrowserError};

/// Largest file read in slices (line formats): what is kept must fit in the page's memory.
pub const MAX_STREAMED_BYTES: u64 = 192 * 1024 * 1024;

/// Bytes read per slice of a streamed file.
const SLICE: f64 = 1024.0 * 1024.0;

/// A file and the format it was read as (`text` for plain text).
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    pub format: &'static str,
    /// The documents it gave, as indexes into [`Pending::docs`] (for an import as annotators'
    /// layers: one file, one annotator).
    pub docs: std::ops::Range<usize>,
}

/// What the chosen files hold, before anything changes.
#[derive(Debug, Default, PartialEq)]
pub struct Pending {
    pub sources: Vec<Source>,
    /// Taken out when the import is confirmed.
    pub docs: RefCell<Vec<Document>>,
    /// Every problem found (records with problems are left out of `docs`).
    pub problems: Vec<ImportError>,
    /// Records left out because of their problems.
    pub skipped: usize,
}

impl Pending {
    /// True when there is nothing to decide: plain articles without annotations or problems.
    pub fn is_plain(&self) -> bool {
        self.problems.is_empty() && self.docs.borrow().iter().all(|d| d.spans().is_empty() && d.quotes().is_empty())
    }

    fn fail(&mut self, e: ImportFailure) {
        match e {
            ImportFailure::Invalid(p) => {
                self.skipped += p.len().min(1);
                self.problems.extend(p);
            }
            ImportFailure::Io(e) => self.problems.push(e),
            ImportFailure::Cancelled => {}
        }
    }
}

/// How a read ended.
pub enum Read {
    Done(Pending),
    Cancelled,
}

fn problem(file: &str, kind: K) -> ImportError {
    ImportError::new(file, kind)
}

/// What the browser said when it threw `e` (kept in the error as the browser's words).
fn js_message(e: &JsValue) -> String {
    BrowserError::from_js(e).0
}

fn ext(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|e| js_message(&e))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

async fn slice(file: &web_sys::File, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = file.slice_with_f64_and_f64(start, end).map_err(|e| js_message(&e))?;
    bytes_of(&part).await
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Inflater;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Inflater, JsValue>;
}

/// Inflates raw deflate data with the browser's `DecompressionStream`.
async fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&Uint8Array::from(data).into());
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|e| js_message(&e))?;
    let inflater = Inflater::new("deflate-raw").map_err(|e| js_message(&e))?;
    let stream = blob.stream().pipe_through(inflater.unchecked_ref::<web_sys::ReadableWritablePair>());
    let resp = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).map_err(|e| js_message(&e))?;
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| js_message(&e))?).await.map_err(|e| js_message(&e))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// The `.txt` and `.ann` files of a brat zip, as `(path, text)`.
async fn zip_files(name: &str, bytes: &[u8], out: &mut Vec<(String, String)>) -> Result<(), ImportError> {
    let entries = zip::entries(bytes).map_err(|e| problem(name, K::Zip(e)))?;
    for e in entries {
        if e.is_dir() || !(e.name.ends_with(".txt") || e.name.ends_with(".ann")) {
            continue;
        }
        let raw = &bytes[e.data.clone()];
        let data = match e.method {
            zip::Method::Stored => raw.to_vec(),
            zip::Method::Deflated => inflate(raw)
                .await
                .map_err(|m| problem(name, K::Inflate { entry: e.name.clone(), browser_message: m }))?,
        };
        e.check(&data).map_err(|z| problem(name, K::ZipEntry(z.kind)))?;
        let text = decode_utf8(&format!("{name}/{}", e.name), &data)?;
        out.push((e.name.clone(), text.to_string()));
    }
    Ok(())
}

/// Reads `files` for a preview. `origin` is given to spans whose format does not say who made
/// them; `progress(done, total)` gets bytes; `cancel()` is asked between slices.
pub async fn read(
    files: Vec<web_sys::File>,
    origin: Origin,
    progress: &dyn Fn(u64, u64),
    cancel: &dyn Fn() -> bool,
) -> Read {
    let opts = ImportOptions { origin, status: Status::New, skip_bad: true };
    let mut p = Pending::default();
    let total: u64 = files.iter().map(|f| f.size() as u64).sum();
    let mut done = 0u64;
    let is_brat = files.iter().any(|f| matches!(ext(&f.name()).as_str(), "ann" | "zip"));
    if is_brat {
        let mut pairs = Vec::new();
        let mut names = Vec::new();
        for f in &files {
            let name = f.name();
            if let Err(e) = check_size(&name, f.size() as u64) {
                p.problems.push(e);
                continue;
            }
            let bytes = match bytes_of(f).await {
                Ok(b) => b,
                Err(m) => {
                    p.problems.push(problem(&name, K::Read { system_message: m }));
                    continue;
                }
            };
            done += bytes.len() as u64;
            progress(done, total);
            if cancel() {
                return Read::Cancelled;
            }
            match ext(&name).as_str() {
                "zip" => {
                    if let Err(e) = zip_files(&name, &bytes, &mut pairs).await {
                        p.problems.push(e);
                    }
                }
                "txt" | "ann" => match decode_utf8(&name, &bytes) {
                    Ok(t) => pairs.push((name.clone(), t.to_string())),
                    Err(e) => p.problems.push(e),
                },
                _ => p.problems.push(problem(&name, K::NotBrat)),
            }
            names.push(name);
        }
        match brat::import(pairs, &opts) {
            Ok((docs, report)) => {
                p.skipped += report.skipped_records;
                p.problems.extend(report.problems);
                p.sources.push(Source { name: names.join(", "), format: Format::Brat.name(), docs: 0..docs.len() });
                p.docs = RefCell::new(docs);
            }
            Err(e) => {
                p.sources.push(Source { name: names.join(", "), format: Format::Brat.name(), docs: 0..0 });
                p.fail(e)
            }
        }
        return Read::Done(p);
    }
    for f in files {
        let name = f.name();
        let size = f.size() as u64;
        let (before, sources) = (p.docs.get_mut().len(), p.sources.len());
        match read_one(&f, &name, &opts, &mut p, &mut |n| progress(done + n, total), cancel).await {
            Ok(()) => {}
            Err(ImportFailure::Cancelled) => return Read::Cancelled,
            Err(e) => p.fail(e),
        }
        let after = p.docs.get_mut().len();
        if let Some(s) = p.sources.get_mut(sources) {
            s.docs = before..after;
        }
        done += size;
        progress(done, total);
    }
    Read::Done(p)
}

async fn read_one(
    f: &web_sys::File,
    name: &str,
    opts: &ImportOptions,
    p: &mut Pending,
    progress: &mut dyn FnMut(u64),
    cancel: &dyn Fn() -> bool,
) -> Result<(), ImportFailure> {
    let size = f.size() as u64;
    let io = |m: String| ImportFailure::Io(problem(name, K::Read { system_message: m }));
    let invalid = |e: ImportError| ImportFailure::Invalid(vec![e]);
    if matches!(ext(name).as_str(), "txt" | "md" | "text" | "markdown") {
        check_size(name, size).map_err(invalid)?;
        let bytes = bytes_of(f).await.map_err(io)?;
        p.sources.push(Source { name: name.to_string(), format: "text", docs: 0..0 });
        p.docs.get_mut().extend(import_bytes(name, &bytes).map_err(invalid)?.into_documents());
        return Ok(());
    }
    // Nothing is read from a file larger than the page reads at all.
    if size > MAX_STREAMED_BYTES {
        let mb = |b: u64| b.div_ceil(1024 * 1024);
        return Err(invalid(problem(
            name,
            K::TooLargeToStream { megabytes: mb(size), limit_megabytes: mb(MAX_STREAMED_BYTES) },
        )));
    }
    let head = slice(f, 0.0, 65536.0).await.map_err(io)?;
    let Some(format) = formats::detect(name, &head) else {
        return Err(invalid(problem(name, K::UnknownFormat)));
    };
    p.sources.push(Source { name: name.to_string(), format: format.name(), docs: 0..0 });
    if formats::is_line_format(format) {
        let mut docs = Vec::new();
        let mut sink = |d: Document| {
            docs.push(d);
            Ok(())
        };
        let mut reader = LineReader::new(format, name, opts, &mut sink)?;
        let mut at = 0.0;
        while at < size as f64 {
            if cancel() {
                return Err(ImportFailure::Cancelled);
            }
            let end = (at + SLICE).min(size as f64);
            let chunk = slice(f, at, end).await.map_err(io)?;
            reader.feed(&chunk)?;
            at = end;
            progress(at as u64);
            yield_now().await;
        }
        if cancel() {
            return Err(ImportFailure::Cancelled);
        }
        let report = reader.finish()?;
        p.skipped += report.skipped_records;
        p.problems.extend(report.problems);
        p.docs.get_mut().append(&mut docs);
        return Ok(());
    }
    check_size(name, size).map_err(invalid)?;
    let bytes = bytes_of(f).await.map_err(io)?;
    match format {
        Format::Sanad => {
            let text = decode_utf8(name, &bytes).map_err(invalid)?;
            let project = Project::from_json(text).map_err(|e| invalid(project_error(name, e)))?;
            p.docs.get_mut().extend(project.into_documents());
        }
        Format::LabelStudio if !String::from_utf8_lossy(&head).contains("\"data\"") => {
            // An array of `{"text": ...}` objects: Sanad's simple JSON import.
            p.sources.last_mut().into_iter().for_each(|s| s.format = Format::Jsonl.name());
            p.docs.get_mut().extend(import_bytes(name, &bytes).map_err(invalid)?.into_documents());
        }
        Format::Quotes => {
            return Err(invalid(problem(name, K::QuotesTable)));
        }
        _ => {
            let (mut docs, report) = formats::read_all(format, name, &bytes, opts)?;
            p.skipped += report.skipped_records;
            p.problems.extend(report.problems);
            p.docs.get_mut().append(&mut docs);
        }
    }
    Ok(())
}
