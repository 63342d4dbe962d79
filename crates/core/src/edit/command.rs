//! What an editor can ask of a document ([`Command`]) and why a command is refused ([`EditError`]).

use crate::model::{Decision, ModelError, Quote, QuoteKind, Span, Status, Strategy, What};
use crate::quotes::SpeakerGroup;

use super::snap::Clitics;

/// Why a command was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("there is no span {0:?} in this document")]
    UnknownSpan(String),
    #[error("there is no quote {0:?} in this document")]
    UnknownQuote(String),
    #[error("range {start}..{end} is empty, reversed or past the end of the text ({len} code points)")]
    BadRange { start: usize, end: usize, len: usize },
    #[error("a label name cannot be empty")]
    EmptyLabel,
    #[error("{start}..{end} is already labelled {label}")]
    DuplicateSpan { start: usize, end: usize, label: String },
    #[error("there is already a quote at {start}..{end}")]
    DuplicateQuote { start: usize, end: usize },
    #[error("span {0:?} is not a suggestion: only spans of origin model can be accepted")]
    NotASuggestion(String),
    #[error("quote {0:?} is not a suggestion: only quotes of origin model can be accepted")]
    QuoteNotASuggestion(String),
    #[error("the spans of label {0:?} cannot be relabelled to the label being deleted")]
    RelabelToSelf(String),
    #[error("this document has no annotators' layers to curate")]
    NoLayers,
    #[error("the curation of this document has not begun")]
    NotCurating,
    #[error("the annotators do not disagree on a {what} at {start}..{end}")]
    UnknownPosition { what: What, start: usize, end: usize },
    #[error("this document has no layer of annotator {0:?}")]
    UnknownAnnotator(String),
    #[error("quote {0:?} has no speaker to name")]
    NoSpeaker(String),
    #[error("a speaker's name cannot be empty")]
    EmptySpeakerName,
    #[error("this history step no longer fits the document (it was changed outside the history)")]
    Stale,
    #[error("the change would break the document: {0}")]
    Model(#[from] ModelError),
}

/// The speaker a quote gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerRef {
    /// An entity span of the document.
    Span(String),
    /// A range of the text; linked to a span with exactly this range if there is one.
    Range { start: usize, end: usize },
    /// No speaker.
    None,
}

/// What happens to the spans of a deleted label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeletePolicy {
    /// Remove them.
    RemoveSpans,
    /// Give them this label instead.
    RelabelTo(String),
}

/// Every change an editor makes to a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A new span of origin editor.
    AddSpan {
        start: usize,
        end: usize,
        label: String,
    },
    RemoveSpan {
        id: String,
    },
    Relabel {
        id: String,
        label: String,
    },
    /// New boundaries (a boundary moved by a token or a character).
    SetSpanRange {
        id: String,
        start: usize,
        end: usize,
    },
    /// A suggestion (origin model) becomes the editor's.
    AcceptSuggestion {
        id: String,
    },
    /// Every remaining suggestion, spans and quotes, becomes the editor's.
    AcceptAll,
    /// Labels every other mention of the span's normalised form (clitic-, diacritic- and
    /// alef-insensitive) that no span covers yet; `clitics` decides whether a mention's proclitics
    /// go into its span.
    ApplyToAllMentions {
        id: String,
        clitics: Clitics,
    },
    AddQuote {
        start: usize,
        end: usize,
        kind: QuoteKind,
    },
    RemoveQuote {
        id: String,
    },
    SetQuoteKind {
        id: String,
        kind: QuoteKind,
    },
    SetQuoteRange {
        id: String,
        start: usize,
        end: usize,
    },
    /// Sets, replaces or removes a quote's speaker; `speaker_name` becomes the fullest mention of
    /// the speaker in the document.
    SetSpeaker {
        quote: String,
        speaker: SpeakerRef,
    },
    /// Names the speakers of these quotes alike, the way "Who said what" groups them
    /// ([`crate::quotes::speaker_groups`]): merging two groups is naming all their quotes with one
    /// name, splitting a group is naming some of its quotes with another. `None` gives each quote
    /// back the fullest mention of its speaker (what [`Command::SetSpeaker`] sets). The speakers'
    /// ranges and spans stay; every quote must have a speaker. The quotes become the editor's.
    SetSpeakerName {
        quotes: Vec<String>,
        name: Option<String>,
    },
    AcceptQuote {
        id: String,
    },
    SetStatus(Status),
    /// Renames a label on this document's spans (the project's label list is the caller's).
    RenameLabel {
        from: String,
        to: String,
    },
    /// Deletes a label from this document's spans.
    DeleteLabel {
        name: String,
        policy: DeletePolicy,
    },
    /// Begins (or repeats) the curation of a document that holds annotators' layers: what the
    /// strategy accepts (the core `agree` pre-merge) and the gold lacks is added to the gold, and
    /// the curation record is made (or given the new strategy, keeping what was settled).
    BeginCuration {
        strategy: Strategy,
        author: String,
    },
    /// Settles the position where the annotators disagree on `what` at `start..end` (as
    /// `agree::positions` lists it): with [`Decision::Accepted`] the gold's spans (or quotes) there
    /// become that annotator's, with [`Decision::Rejected`] they are removed, with
    /// [`Decision::Edited`] the gold stays as it is; the decision is recorded in the curation.
    Resolve {
        what: What,
        start: usize,
        end: usize,
        decision: Decision,
    },
    /// Several commands as one step: all apply or none.
    Batch(Vec<Command>),
    /// Values given by id (sync, issue 17): see [`Patch`].
    Put(Patch),
}

// ---- sync (issue 17): values given by id ----
/// One id's value in a [`Patch`]: this value, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry<T> {
    Put(T),
    Remove(String),
}

/// Spans and quotes given by id, and a status: another editor's changes arriving through sync,
/// an editor putting back a value another editor's concurrent change replaced, or an id-keyed
/// undo ([`Changes::revert`](super::Changes::revert)). [`Command::Put`] applies it:
///
/// - each span or quote named gets the value given, wherever it was (a new id is added, a known
///   one replaced and moved to where its range puts it, among annotations with the same range
///   after those with a smaller id), or is removed (an id the document does not have is no
///   change);
/// - a value is checked like any command's (inside the text, a speaker naming a span the document
///   has when the command ends), but not against the editor's rules (two spans with the same range
///   and label may come from two editors: both are kept);
/// - a quote the patch does not name, whose speaker names a span the patch removes, keeps the
///   speaker's range and name without the link (as [`Command::RemoveSpan`] does).
///
/// An id named twice takes its last entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Patch {
    pub spans: Vec<Entry<Span>>,
    pub quotes: Vec<Entry<Quote>>,
    pub status: Option<Status>,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.quotes.is_empty() && self.status.is_none()
    }
}

impl Entry<Span> {
    pub fn id(&self) -> &str {
        match self {
            Entry::Put(s) => s.id(),
            Entry::Remove(id) => id,
        }
    }
}

impl Entry<Quote> {
    pub fn id(&self) -> &str {
        match self {
            Entry::Put(q) => q.id(),
            Entry::Remove(id) => id,
        }
    }
}
// ---- end sync ----

impl Command {
    /// One row in "Who said what" for several groups: the quotes of `others` take the name of
    /// `into` ([`Command::SetSpeakerName`]; one undoable step).
    pub fn merge_speakers(into: &SpeakerGroup, others: &[&SpeakerGroup]) -> Command {
        let quotes = others.iter().flat_map(|g| g.quotes.iter().cloned()).collect();
        Command::SetSpeakerName { quotes, name: Some(into.display_name.clone()) }
    }

    /// Some quotes of a group are someone else's: they take `name`, the name of another group
    /// (they move there) or a new one (a new row). A name contained in the group's own name (its
    /// surname alone) would join the group again: give the other person's full name.
    pub fn split_speaker(quotes: &[String], name: &str) -> Command {
        Command::SetSpeakerName { quotes: quotes.to_vec(), name: Some(name.to_string()) }
    }

    /// The quotes' speakers take back the fullest mention of their name, as found (the automatic
    /// grouping).
    pub fn reset_speaker_names(quotes: &[String]) -> Command {
        Command::SetSpeakerName { quotes: quotes.to_vec(), name: None }
    }
}
