//! The streaming readers' entry point: [`read`] pulls records from any [`std::io::BufRead`] (line
//! by line for the line formats, task by task for Label Studio); [`read_all`] reads a file in
//! memory.

use std::io::BufRead;

use super::check::ReadState;
use super::label_studio;
use super::lines::read_lines;
use super::options::{Control, ImportFailure, ImportOptions, ReadReport};
use super::registry::Format;
use crate::import::{ImportError, ImportErrorKind};
use crate::model::Document;

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
    let mut state = ReadState::new(file, opts, sink);
    match format {
        Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::W3c | Format::Conll => {
            read_lines(format, reader, ctl, &mut state)?;
        }
        Format::LabelStudio => label_studio::read(reader, ctl, &mut state)?,
        Format::Sanad | Format::Brat | Format::Quotes => {
            let kind = ImportErrorKind::NotStreamFormat { format: format.name() };
            return Err(ImportFailure::Io(ImportError::new(file, kind)));
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
