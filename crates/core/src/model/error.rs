//! Why a value of the model was refused ([`ModelError`], what it is about: [`Subject`]), and the
//! typed refusal kept beside serde's message ([`refusal`]).

use super::{AnnotatorProblem, LabelProblem, What};

/// Why a value was refused. Every variant says what and where (by id). `Display` is the English
/// the CLI prints; the page words each variant from its fields.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("range {start}..{end} is empty or reversed (start must be less than end)")]
    EmptyRange { start: usize, end: usize },
    #[error("{what} {id:?}: range {start}..{end} ends past the end of the text ({len} code points)")]
    OutOfText { what: Subject, id: String, start: usize, end: usize, len: usize },
    #[error("{what} id {id:?} is used twice")]
    DuplicateId { what: Subject, id: String },
    #[error("{what} id is empty")]
    EmptyId { what: Subject },
    #[error("label is empty")]
    EmptyLabel,
    #[error("quote {quote:?}: speaker entity {span:?} is not a span of this document")]
    UnknownSpeakerSpan { quote: String, span: String },
    #[error("confidence {0} is not between 0 and 1")]
    BadConfidence(f64),
    #[error("document {0:?} has no text")]
    EmptyText(String),
    /// `what` is [`Subject::Span`] or [`Subject::Quote`].
    #[error("{count} {} in one document: at most {max} are kept per document", .what.plural())]
    TooMany { what: Subject, count: usize, max: usize },
    #[error("label {name:?}: {reason}")]
    BadLabel { name: String, reason: LabelProblem },
    #[error("annotator {name:?}: {reason}")]
    BadAnnotator { name: String, reason: AnnotatorProblem },
    /// A problem in one annotator's layer.
    #[error("layer of {annotator:?}: {error}")]
    InLayer { annotator: String, error: Box<ModelError> },
    #[error("the document has two layers of annotator {0:?}")]
    DuplicateLayer(String),
    #[error("curation: {decision:?} is not a decision (accepted with an annotator, edited, or rejected)")]
    BadDecision { decision: String },
    #[error("curation: the position {start}..{end} ({what}) is settled twice")]
    DuplicateResolved { what: What, start: usize, end: usize },
}

impl ModelError {
    pub(crate) fn in_layer(annotator: &str, error: ModelError) -> ModelError {
        ModelError::InLayer { annotator: annotator.to_string(), error: Box::new(error) }
    }
}

/// What a [`ModelError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Document,
    Span,
    Quote,
    /// A quote's cue (the reporting words).
    QuoteCue,
    /// A quote's speaker range.
    QuoteSpeaker,
    /// A position the curation settled (a range where the annotators disagreed).
    CuratedPosition,
}

impl Subject {
    /// The English plural ("spans"), for counts.
    pub fn plural(self) -> &'static str {
        match self {
            Subject::Document => "documents",
            Subject::Span => "spans",
            Subject::Quote => "quotes",
            Subject::QuoteCue => "quote cues",
            Subject::QuoteSpeaker => "quote speakers",
            Subject::CuratedPosition => "curated positions",
        }
    }
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Subject::Document => "document",
            Subject::Span => "span",
            Subject::Quote => "quote",
            Subject::QuoteCue => "quote cue",
            Subject::QuoteSpeaker => "quote speaker",
            Subject::CuratedPosition => "curated position",
        })
    }
}

thread_local! {
    /// The last value serde's `try_from` refused on this thread (see [`refusal`]).
    static REFUSED: std::cell::RefCell<Option<ModelError>> = const { std::cell::RefCell::new(None) };
}

/// `e`, noted as the reason serde refused a value: serde keeps only an error's message, so the
/// typed error is kept here for the reader that called serde (see [`refusal`]).
pub(crate) fn refused(e: ModelError) -> ModelError {
    REFUSED.with(|r| *r.borrow_mut() = Some(e.clone()));
    e
}

/// The typed error behind a serde refusal whose message is `message`: the last value serde refused
/// on this thread, if it is the one that message speaks of. Readers of JSON (`project`) use it to
/// report the model's refusal as a [`ModelError`] that the page words in its own language, rather
/// than as serde_json's English message.
pub(crate) fn refusal(message: &str) -> Option<ModelError> {
    REFUSED.with(|r| r.borrow_mut().take()).filter(|e| e.to_string() == message)
}
