//! Counts before importing (and for `sanad stats`): documents by status, spans per label, quotes
//! and their speakers, and the problems found.

use std::collections::BTreeMap;

use super::check::err;
use super::options::{Control, ImportFailure, ImportOptions};
use super::read::read;
use super::registry::{status_name, Format};
use crate::import::{ImportError, ImportErrorKind as K};
use crate::model::Document;

/// Counts for a preview before importing, and for `sanad stats`.
#[derive(Debug, Clone, Default, PartialEq)]
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
            if let Some(name) = q.speaker_text(doc.text(), &ix) {
                self.quotes_with_speaker += 1;
                *self.speakers.entry(name.to_string()).or_default() += 1;
            }
        }
    }
}

/// Reads a whole in-memory file for a preview before importing: the counts of the good documents
/// and every problem (bad records are counted out, not fatal). Nothing is kept but the counts.
pub fn preview(format: Format, file: &str, bytes: &[u8]) -> Result<Preview, ImportFailure> {
    let mut p = Preview::default();
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    let report = match format {
        Format::Brat => {
            return Err(ImportFailure::Io(err(file, None, None, K::BratNotPreviewed)));
        }
        Format::Sanad => {
            let text = crate::import::decode_utf8(file, bytes).map_err(|e| ImportFailure::Invalid(vec![e]))?;
            let project = crate::project::Project::from_json(text)
                .map_err(|e| ImportFailure::Invalid(vec![err(file, e.line(), None, K::Project(e))]))?;
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
