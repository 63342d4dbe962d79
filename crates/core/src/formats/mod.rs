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
//!
//! The modules, in the order a reader meets them: `registry` (the formats, their names and
//! extensions, [`detect`]), `options` (what a read or an export is given and gives back), the
//! writers in `export` ([`StreamWriter`], [`FileWriter`]), the readers in `read` ([`read`],
//! [`read_all`]) and `lines` ([`LineReader`]), [`preview`], the checks every reader shares
//! (`check`), the regions and relations of the span-and-relation formats (`regions`), the JSON
//! text written by hand (`json`), and one module per format.

pub mod brat;
mod check;
mod conll;
mod doccano;
mod export;
mod json;
mod jsonl;
mod label_studio;
mod lines;
mod options;
mod preview;
mod prodigy;
mod read;
mod regions;
mod registry;
pub mod tokens;
mod w3c;
pub mod zip;

pub use export::{export_bytes, export_file, BratFiles, FileWriter, StreamWriter};
pub use lines::LineReader;
pub use options::{
    Control, ExportError, ExportOptions, ExportReport, ImportFailure, ImportOptions, ReadReport, MAX_PROBLEMS,
};
pub use preview::{preview, Preview};
pub use read::{read, read_all};
pub use registry::{detect, is_line_format, status_name, Format};
