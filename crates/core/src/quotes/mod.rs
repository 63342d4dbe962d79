//! Quotes and who said them: direct quotes (quotation marks of every common style), reported
//! speech (cue lexicons), mixed quotes, and speaker attribution to the document's PER/ORG spans.
//!
//! The rules are documented in `docs/QUOTES.md`; the cue lexicons are data, in
//! `crates/core/data/quotes/{ar,en}-cues.txt`. Everything is rule-based and linear in the length
//! of the text: one pass to tokenise, one to pair quotation marks, one over the cues, one over the
//! remaining pairs. No token allocates.
//!
//! ```
//! use sanad_core::{quotes, Origin, Range, Span};
//! let text = "وقال الوزير سيرغي لافروف إن روسيا مستعدة.";
//! let per = Span::new("p1", Range::new(12, 24).unwrap(), "PER", Origin::Editor).unwrap();
//! let q = quotes::detect(text, "ar", &[per]);
//! assert_eq!(q.len(), 1);
//! assert_eq!(q[0].speaker_name(), Some("سيرغي لافروف"));
//! ```

mod assemble;
mod candidates;
mod context;
pub mod eval;
mod groups;
mod lexicon;
mod marks;
mod names;
mod speaker;

use crate::model::{Document, Quote, Span};
use context::Ctx;

pub use assemble::CARRY_PARAGRAPHS;
pub use candidates::MIN_FLOATING_WORDS;
pub use groups::{speaker_groups, SpeakerGroup, SpeakerMention};
pub use lexicon::normalise_text;

/// Finds the quotes of a text. `lang` chooses the lexicon (`ar*` Arabic, anything else English);
/// `entities` are the document's entity spans (PER and ORG ones can be speakers). Quotes come in
/// text order with ids `q1`, `q2`, ..., origin `model` and a confidence set by the rule that found them.
pub fn detect(text: &str, lang: &str, entities: &[Span]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let mut cx = Ctx::new(&chars, lang, entities);
    let cands = cx.candidates();
    cx.finish(cands, entities)
}

/// [`detect`] on a document's text, language and entity spans.
pub fn detect_in(doc: &Document) -> Vec<Quote> {
    detect(doc.text(), doc.lang(), doc.spans())
}

#[cfg(test)]
mod tests;
