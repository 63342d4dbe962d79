//! The document model: documents, entity spans, quotes, labels.
//!
//! Invariants are checked where values are made, never later:
//! - a [`Range`] has `start < end` (code points, end exclusive);
//! - a [`Document`]'s spans and quotes lie within its text (`end <= cp_len(text)`), their ids are
//!   unique within the document, and a quote's speaker entity (if named) is one of its spans;
//! - a [`Document`]'s spans are in canonical order, and so are its quotes: by start, then the
//!   longer first, so that an annotation comes before those it encloses (the order in which
//!   `layout` nests them); annotations with the same range keep the order they were given in.
//!   The one key is [`Range::order_key`] (also [`Span::order_key`], [`Quote::order_key`]). Every
//!   constructor that takes lists sorts them ([`Document::with_annotations`], and so serde;
//!   `replace_annotations`; [`Document::set_suggestions`], [`Document::set_quote_suggestions`]),
//!   and the editing commands (`edit`), the only other code that changes the lists, insert where
//!   the key says. So the lists are always sorted: reading order is list order, exports write
//!   annotations in this order, and a binary search by the key finds where one belongs.
//!
//! Fields are private; values are read through accessors and changed through methods that keep
//! the invariants. Serde goes through the same constructors (`try_from`), so a file can never
//! produce a value the constructors would refuse.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::offsets::{cp_len, TextIndex};

mod error;
mod label;
mod layers;
mod suggestion;

pub(crate) use error::{refusal, refused};
pub use error::{ModelError, Subject};
pub use label::{is_hex_color, LabelDef, LabelProblem, MAX_LABEL_DESCRIPTION_CHARS, MAX_LABEL_NAME_CHARS};
pub use layers::{
    AnnotatorDef, AnnotatorLayer, AnnotatorProblem, Curation, Decision, Resolved, Strategy, What, ANNOTATOR_PALETTE,
    MAX_ANNOTATOR_NAME,
};
pub(crate) use suggestion::Coverage;
pub use suggestion::Suggestion;

/// Most entity spans one document may hold (a long news article has a few hundred). Larger
/// counts come from broken or hostile files; refusing them keeps the page responsive.
pub const MAX_SPANS_PER_DOCUMENT: usize = 100_000;
/// Most quotes one document may hold.
pub const MAX_QUOTES_PER_DOCUMENT: usize = 20_000;

/// A half-open range of code points, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawRange")]
pub struct Range {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawRange {
    start: usize,
    end: usize,
}

impl TryFrom<RawRange> for Range {
    type Error = ModelError;
    fn try_from(r: RawRange) -> Result<Range, ModelError> {
        Range::new(r.start, r.end).map_err(refused)
    }
}

impl Range {
    pub fn new(start: usize, end: usize) -> Result<Range, ModelError> {
        if start < end {
            Ok(Range { start, end })
        } else {
            Err(ModelError::EmptyRange { start, end })
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Never true (ranges are non-empty); present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        false
    }
    pub fn overlaps(&self, other: &Range) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Range) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The canonical order of a document's spans and of its quotes (see the module documentation):
    /// by start, then the longer first.
    pub fn order_key(&self) -> (usize, Reverse<usize>) {
        (self.start, Reverse(self.end))
    }
}

/// Who made an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Suggested by the engine; not yet accepted by a person.
    Model,
    /// Made or accepted by an editor.
    #[default]
    Editor,
    /// Came from an imported file.
    Import,
}

/// Workflow status of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
    Skipped,
}

/// Kind of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words between quotation marks.
    Direct,
    /// Reported speech ("said that ...").
    Indirect,
    /// Reported speech containing a quoted fragment.
    Mixed,
}

fn check_confidence(c: Option<f64>) -> Result<(), ModelError> {
    match c {
        Some(c) if !(0.0..=1.0).contains(&c) => Err(ModelError::BadConfidence(c)),
        _ => Ok(()),
    }
}

// ---- sync (issue 17): ids unique across the editors of a shared document ----
/// The number of an id the commands hand out: `prefix` and digits, alone (`e12`) or followed by a
/// dot and an editor's scope (`e12.k3x9`, see [`Document::set_id_scope`]).
pub(crate) fn seq_number(id: &str, prefix: char) -> Option<u64> {
    let rest = id.strip_prefix(prefix)?;
    let digits = rest.split_once('.').map_or(rest, |(d, _)| d);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
// ---- end sync ----

fn check_id(what: Subject, id: &str) -> Result<(), ModelError> {
    if id.is_empty() {
        Err(ModelError::EmptyId { what })
    } else {
        Ok(())
    }
}

/// An entity span: a labelled range of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSpan")]
pub struct Span {
    // Shared strings: a document (5,000 spans) is copied in O(spans) reference-count increments,
    // without allocating, which is what an edit of an immutable app state costs.
    id: Arc<str>,
    start: usize,
    end: usize,
    label: Arc<str>,
    origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

#[derive(Deserialize)]
struct RawSpan {
    id: String,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    origin: Origin,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
}

impl TryFrom<RawSpan> for Span {
    type Error = ModelError;
    fn try_from(r: RawSpan) -> Result<Span, ModelError> {
        Range::new(r.start, r.end)
            .and_then(|range| Span::new(r.id, range, r.label, r.origin))
            .and_then(|s| s.with_author(r.author).with_confidence(r.confidence))
            .map_err(refused)
    }
}

impl Span {
    pub fn new(
        id: impl Into<Arc<str>>,
        range: Range,
        label: impl Into<Arc<str>>,
        origin: Origin,
    ) -> Result<Span, ModelError> {
        let (id, label) = (id.into(), label.into());
        check_id(Subject::Span, &id)?;
        if label.is_empty() {
            return Err(ModelError::EmptyLabel);
        }
        Ok(Span { id, start: range.start, end: range.end, label, origin, author: None, confidence: None })
    }
    pub fn with_author(mut self, author: Option<String>) -> Span {
        self.author = author.map(Arc::from);
        self
    }
    /// Like [`Span::with_author`], sharing the string.
    pub(crate) fn with_shared_author(mut self, author: Option<Arc<str>>) -> Span {
        self.author = author;
        self
    }
    /// The id, shared.
    pub(crate) fn shared_id(&self) -> &Arc<str> {
        &self.id
    }
    /// The label, shared.
    pub(crate) fn shared_label(&self) -> &Arc<str> {
        &self.label
    }
    /// The author, shared.
    pub(crate) fn shared_author(&self) -> Option<&Arc<str>> {
        self.author.as_ref()
    }
    pub fn with_confidence(mut self, c: Option<f64>) -> Result<Span, ModelError> {
        check_confidence(c)?;
        self.confidence = c;
        Ok(self)
    }
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn range(&self) -> Range {
        Range { start: self.start, end: self.end }
    }
    /// Where the span goes in a document's list: [`Range::order_key`] of its range.
    pub fn order_key(&self) -> (usize, Reverse<usize>) {
        self.range().order_key()
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn origin(&self) -> Origin {
        self.origin
    }
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
    pub fn confidence(&self) -> Option<f64> {
        self.confidence
    }
}

/// Who said a quote: a range of the text, optionally tied to an entity span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawSpeaker")]
pub struct Speaker {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    span: Option<String>,
}

#[derive(Deserialize)]
struct RawSpeaker {
    start: usize,
    end: usize,
    #[serde(default)]
    span: Option<String>,
}

impl TryFrom<RawSpeaker> for Speaker {
    type Error = ModelError;
    fn try_from(r: RawSpeaker) -> Result<Speaker, ModelError> {
        Ok(Speaker::new(Range::new(r.start, r.end).map_err(refused)?, r.span))
    }
}

impl Speaker {
    pub fn new(range: Range, span: Option<String>) -> Speaker {
        Speaker { start: range.start, end: range.end, span }
    }
    pub fn range(&self) -> Range {
        Range { start: self.start, end: self.end }
    }
    /// Id of the entity span this speaker is, if any.
    pub fn span(&self) -> Option<&str> {
        self.span.as_deref()
    }
}

/// A quotation: its content range, kind, reporting cue and speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawQuote")]
pub struct Quote {
    id: String,
    start: usize,
    end: usize,
    kind: QuoteKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<Speaker>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_name: Option<String>,
    origin: Origin,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

#[derive(Deserialize)]
struct RawQuote {
    id: String,
    start: usize,
    end: usize,
    kind: QuoteKind,
    #[serde(default)]
    cue: Option<Range>,
    #[serde(default)]
    speaker: Option<Speaker>,
    #[serde(default)]
    speaker_name: Option<String>,
    #[serde(default)]
    origin: Origin,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
}

impl TryFrom<RawQuote> for Quote {
    type Error = ModelError;
    fn try_from(r: RawQuote) -> Result<Quote, ModelError> {
        let mut q = Range::new(r.start, r.end).and_then(|c| Quote::new(r.id, c, r.kind, r.origin)).map_err(refused)?;
        q.cue = r.cue;
        q.speaker = r.speaker;
        q.speaker_name = r.speaker_name;
        q.author = r.author;
        check_confidence(r.confidence).map_err(refused)?;
        q.confidence = r.confidence;
        Ok(q)
    }
}

impl Quote {
    pub fn new(id: impl Into<String>, content: Range, kind: QuoteKind, origin: Origin) -> Result<Quote, ModelError> {
        let id = id.into();
        check_id(Subject::Quote, &id)?;
        Ok(Quote {
            id,
            start: content.start,
            end: content.end,
            kind,
            cue: None,
            speaker: None,
            speaker_name: None,
            origin,
            author: None,
            confidence: None,
        })
    }
    pub fn with_cue(mut self, cue: Option<Range>) -> Quote {
        self.cue = cue;
        self
    }
    pub fn with_speaker(mut self, speaker: Option<Speaker>, name: Option<String>) -> Quote {
        self.speaker = speaker;
        self.speaker_name = name;
        self
    }
    pub fn with_author(mut self, author: Option<String>) -> Quote {
        self.author = author;
        self
    }
    pub fn with_confidence(mut self, c: Option<f64>) -> Result<Quote, ModelError> {
        check_confidence(c)?;
        self.confidence = c;
        Ok(self)
    }
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn range(&self) -> Range {
        Range { start: self.start, end: self.end }
    }
    /// Where the quote goes in a document's list: [`Range::order_key`] of its content range.
    pub fn order_key(&self) -> (usize, Reverse<usize>) {
        self.range().order_key()
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn kind(&self) -> QuoteKind {
        self.kind
    }
    pub fn cue(&self) -> Option<Range> {
        self.cue
    }
    pub fn speaker(&self) -> Option<&Speaker> {
        self.speaker.as_ref()
    }
    pub fn speaker_name(&self) -> Option<&str> {
        self.speaker_name.as_deref()
    }
    /// Who said it, as a reader names the speaker: `speaker_name`, or else the words of the
    /// speaker's range in `text` (the document's text, `index` its index). Formats that mark the
    /// speaker in the text without naming it (brat, Label Studio, Prodigy and doccano relations)
    /// give quotes a speaker and no name. `None` without a speaker.
    pub fn speaker_text<'a>(&'a self, text: &'a str, index: &TextIndex) -> Option<&'a str> {
        let sp = self.speaker.as_ref()?;
        let name = self.speaker_name.as_deref().filter(|n| !n.trim().is_empty());
        name.or_else(|| index.slice(text, sp.start, sp.end))
    }
    pub fn origin(&self) -> Origin {
        self.origin
    }
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }
    pub fn confidence(&self) -> Option<f64> {
        self.confidence
    }
}

/// One article with its annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawDocument")]
pub struct Document {
    id: String,
    title: String,
    lang: String,
    status: Status,
    /// Shared: the text never changes, so every version of a document shares one copy.
    text: Arc<str>,
    meta: Map<String, Value>,
    spans: Vec<Span>,
    quotes: Vec<Quote>,
    /// The annotators' layers (read-only; shared between the document's versions).
    #[serde(skip_serializing_if = "no_layers")]
    layers: Arc<Vec<AnnotatorLayer>>,
    /// How the gold layer was curated from the layers (changed only by the curation commands and
    /// by edits where annotators disagreed, see `edit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    curation: Option<Arc<Curation>>,
    #[serde(skip)]
    cp_len: usize,
    #[serde(skip)]
    seq: IdSeq,
}

fn no_layers(l: &Arc<Vec<AnnotatorLayer>>) -> bool {
    l.is_empty()
}

/// Highest numeric suffix of the `e{n}` span ids and `q{n}` quote ids the document has had: those
/// it was made with and those the editing commands handed out in this session, so that an id
/// removed and then freed is not handed out again. Bookkeeping, not content: it is not saved and
/// never makes two documents unequal.
///
/// `scope` (sync, issue 17): in a document shared with other editors, the ids this editor's
/// commands hand out end with `.{scope}` (`e12.k3x9`), a random string per editing session, so two
/// editors adding a span at once never make the same id. Unset, ids are `e{n}` as always.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdSeq {
    pub(crate) span: u64,
    pub(crate) quote: u64,
    pub(crate) scope: Option<Arc<str>>,
}

impl IdSeq {
    /// `prefix` and `n`, in this document's id scope.
    pub(crate) fn id(&self, prefix: &str, n: u64) -> String {
        match &self.scope {
            Some(scope) => format!("{prefix}{n}.{scope}"),
            None => format!("{prefix}{n}"),
        }
    }
}

impl PartialEq for IdSeq {
    fn eq(&self, _: &IdSeq) -> bool {
        true
    }
}

#[derive(Deserialize)]
struct RawDocument {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    status: Status,
    text: String,
    #[serde(default)]
    meta: Map<String, Value>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    layers: Vec<AnnotatorLayer>,
    #[serde(default)]
    curation: Option<Curation>,
}

impl TryFrom<RawDocument> for Document {
    type Error = ModelError;
    fn try_from(r: RawDocument) -> Result<Document, ModelError> {
        let lang = if r.lang.is_empty() { crate::lang::detect(&r.text).to_string() } else { r.lang };
        Document::new(r.id, r.title, lang, r.text)
            .and_then(|d| d.with_meta(r.meta).with_status(r.status).with_annotations(r.spans, r.quotes))
            .and_then(|d| d.with_layers(r.layers))
            .and_then(|d| d.with_curation(r.curation))
            .map_err(refused)
    }
}

impl Document {
    /// A document without annotations. The text must not be empty.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        lang: impl Into<String>,
        text: impl Into<String>,
    ) -> Result<Document, ModelError> {
        let (id, text) = (id.into(), text.into());
        check_id(Subject::Document, &id)?;
        if text.is_empty() {
            return Err(ModelError::EmptyText(id));
        }
        let cp_len = cp_len(&text);
        Ok(Document {
            id,
            title: title.into(),
            lang: lang.into(),
            status: Status::New,
            text: Arc::from(text),
            meta: Map::new(),
            spans: Vec::new(),
            quotes: Vec::new(),
            layers: Arc::default(),
            curation: None,
            cp_len,
            seq: IdSeq::default(),
        })
    }

    /// Replaces the annotators' layers, checking each against this text (within it, ids unique in
    /// the layer, speakers naming spans of the layer) and that no annotator has two.
    pub fn with_layers(mut self, layers: Vec<AnnotatorLayer>) -> Result<Document, ModelError> {
        let mut names = HashSet::new();
        for l in &layers {
            if !names.insert(l.annotator()) {
                return Err(ModelError::DuplicateLayer(l.annotator().to_string()));
            }
            check_lists(Some(self.cp_len), l.spans(), l.quotes())
                .map_err(|e| ModelError::in_layer(l.annotator(), e))?;
        }
        self.layers = Arc::new(layers);
        Ok(self)
    }

    /// Sets the curation record; its positions must lie within the text.
    pub fn with_curation(mut self, curation: Option<Curation>) -> Result<Document, ModelError> {
        if let Some(c) = &curation {
            if let Some(r) = c.resolved().iter().find(|r| r.end > self.cp_len) {
                let (start, end, len) = (r.start, r.end, self.cp_len);
                return Err(ModelError::OutOfText {
                    what: Subject::CuratedPosition,
                    id: self.id.clone(),
                    start,
                    end,
                    len,
                });
            }
        }
        self.curation = curation.map(Arc::new);
        Ok(self)
    }

    /// The annotators' layers, in the order they were added.
    pub fn layers(&self) -> &[AnnotatorLayer] {
        &self.layers
    }

    /// The layer of `annotator`, if the document has one.
    pub fn layer(&self, annotator: &str) -> Option<&AnnotatorLayer> {
        self.layers.iter().find(|l| l.annotator() == annotator)
    }

    /// The layers, shared (a copy of the document shares them).
    pub fn shared_layers(&self) -> &Arc<Vec<AnnotatorLayer>> {
        &self.layers
    }

    pub fn curation(&self) -> Option<&Curation> {
        self.curation.as_deref()
    }

    /// The curation record, shared, for the editing commands (which record its previous value).
    pub(crate) fn shared_curation(&self) -> Option<&Arc<Curation>> {
        self.curation.as_ref()
    }

    /// Replaces the curation record; returns the previous one.
    pub(crate) fn set_curation(&mut self, curation: Option<Arc<Curation>>) -> Option<Arc<Curation>> {
        std::mem::replace(&mut self.curation, curation)
    }

    /// A document with this one's id, title, language and text (shared, not copied) holding
    /// `annotator`'s layer as its annotations, and the layer's status: how the layer is shown and
    /// measured. `None` when the document has no layer of that annotator.
    pub fn layer_document(&self, annotator: &str) -> Option<Document> {
        let l = self.layer(annotator)?;
        Some(Document {
            id: self.id.clone(),
            title: self.title.clone(),
            lang: self.lang.clone(),
            status: l.status(),
            text: Arc::clone(&self.text),
            meta: Map::new(),
            // Checked against this text when the layer joined the document, and sorted.
            spans: l.spans().to_vec(),
            quotes: l.quotes().to_vec(),
            layers: Arc::default(),
            curation: None,
            cp_len: self.cp_len,
            seq: IdSeq::default(),
        })
    }

    pub fn with_meta(mut self, meta: Map<String, Value>) -> Document {
        self.meta = meta;
        self
    }

    pub fn with_status(mut self, status: Status) -> Document {
        self.status = status;
        self
    }

    /// Replaces all annotations, checking every invariant against this document's text, and puts
    /// them in canonical order (see the module documentation): they may be given in any order.
    pub fn with_annotations(mut self, mut spans: Vec<Span>, mut quotes: Vec<Quote>) -> Result<Document, ModelError> {
        self.check_annotations(&spans, &quotes)?;
        self.note_ids(&spans, &quotes);
        sort_spans(&mut spans);
        sort_quotes(&mut quotes);
        self.spans = spans;
        self.quotes = quotes;
        Ok(self)
    }

    /// Replaces all annotations in place, checking every invariant first (on error nothing
    /// changes) and putting them in canonical order. Returns the previous spans and quotes.
    pub(crate) fn replace_annotations(
        &mut self,
        mut spans: Vec<Span>,
        mut quotes: Vec<Quote>,
    ) -> Result<(Vec<Span>, Vec<Quote>), ModelError> {
        self.check_annotations(&spans, &quotes)?;
        self.note_ids(&spans, &quotes);
        sort_spans(&mut spans);
        sort_quotes(&mut quotes);
        Ok((std::mem::replace(&mut self.spans, spans), std::mem::replace(&mut self.quotes, quotes)))
    }

    /// Raises the id high-water marks to the ids of `spans` and `quotes` (scoped ids count by
    /// their number: `e12.k3x9` raises the span mark to 12).
    fn note_ids(&mut self, spans: &[Span], quotes: &[Quote]) {
        for s in spans {
            self.seq.span = self.seq.span.max(seq_number(&s.id, 'e').unwrap_or(0));
        }
        for q in quotes {
            self.seq.quote = self.seq.quote.max(seq_number(&q.id, 'q').unwrap_or(0));
        }
    }

    /// The span and quote lists, for the editing commands, which change them in place and check
    /// the invariants for what they changed, canonical order included (see `edit`).
    pub(crate) fn annotations_mut(&mut self) -> (&mut Vec<Span>, &mut Vec<Quote>) {
        (&mut self.spans, &mut self.quotes)
    }

    pub(crate) fn id_seq(&self) -> IdSeq {
        self.seq.clone()
    }

    /// Raises the id high-water marks (never lowers them).
    pub(crate) fn raise_id_seq(&mut self, seq: IdSeq) {
        self.seq.span = self.seq.span.max(seq.span);
        self.seq.quote = self.seq.quote.max(seq.quote);
    }

    // ---- sync (issue 17) ----
    /// Makes the ids this document's commands and suggestions hand out from now on end with
    /// `.{scope}` (`e12.k3x9`, `q3.k3x9`, `m5.k3x9`): unique across the editors of a shared
    /// document when each editing session has its own scope. Ids already there are kept; files
    /// with plain `e{n}` ids read and edit as before. Bookkeeping, like the high-water marks: not
    /// saved, never part of equality. An empty scope goes back to plain ids.
    pub fn set_id_scope(&mut self, scope: &str) {
        self.seq.scope = (!scope.is_empty()).then(|| Arc::from(scope));
    }

    /// This document with [`Document::set_id_scope`].
    pub fn with_id_scope(mut self, scope: &str) -> Document {
        self.set_id_scope(scope);
        self
    }

    /// The scope of the ids this document hands out, if any.
    pub fn id_scope(&self) -> Option<&str> {
        self.seq.scope.as_deref()
    }
    // ---- end sync ----

    fn check_annotations(&self, spans: &[Span], quotes: &[Quote]) -> Result<(), ModelError> {
        check_lists(Some(self.cp_len), spans, quotes)
    }

    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn lang(&self) -> &str {
        &self.lang
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The text, shared: every version of a document (edits never change the text) and every
    /// copy share it, so `Arc::ptr_eq` tells cheaply that two documents have the same text.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }
    /// Length of the text in code points.
    pub fn cp_len(&self) -> usize {
        self.cp_len
    }
    pub fn meta(&self) -> &Map<String, Value> {
        &self.meta
    }
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }
    pub fn span(&self, id: &str) -> Option<&Span> {
        self.spans.iter().find(|s| &*s.id == id)
    }

    /// Builds the offset tables for this document's text.
    pub fn index(&self) -> TextIndex {
        TextIndex::new(&self.text)
    }

    /// Changes the id (used when an import collides with a document already in the library).
    pub fn set_id(&mut self, id: impl Into<String>) -> Result<(), ModelError> {
        let id = id.into();
        check_id(Subject::Document, &id)?;
        self.id = id;
        Ok(())
    }

    /// Replaces the engine's suggestions (spans of origin `model`) with `suggestions`, never
    /// touching spans an editor made or imported: a suggestion overlapping one of those is dropped.
    /// Quote speakers that named a replaced suggestion are re-linked to a new suggestion with the
    /// same range, or keep their range without a span. Returns how many suggestions were added.
    pub fn set_suggestions(&mut self, suggestions: &[Suggestion], author: Option<&str>) -> usize {
        let kept: Vec<Span> = self.spans.iter().filter(|s| s.origin != Origin::Model).cloned().collect();
        let mut taken: HashSet<String> = kept.iter().map(|s| s.id.to_string()).collect();
        let mut next = 1u64;
        let mut added = Vec::new();
        // "Does a suggestion overlap one of the editor's spans" is a binary search (a document may
        // hold many of both).
        let cover = Coverage::new(kept.iter().map(|s| (s.start, s.end)));
        let overlaps_kept = |r: Range| cover.overlaps(r.start, r.end);
        let room = MAX_SPANS_PER_DOCUMENT.saturating_sub(kept.len());
        for g in suggestions {
            if added.len() >= room {
                break;
            }
            let Ok(range) = Range::new(g.start, g.end) else { continue };
            if range.end > self.cp_len || g.label.is_empty() || overlaps_kept(range) {
                continue;
            }
            let id = loop {
                let id = self.seq.id("m", next);
                next += 1;
                if !taken.contains(&id) {
                    break id;
                }
            };
            taken.insert(id.clone());
            let confidence = g.confidence.filter(|c| (0.0..=1.0).contains(c));
            added.push(Span {
                id: id.into(),
                start: range.start,
                end: range.end,
                label: g.label.as_str().into(),
                origin: Origin::Model,
                author: author.map(Arc::from),
                confidence,
            });
        }
        let n = added.len();
        let mut spans = kept;
        spans.extend(added);
        sort_spans(&mut spans);
        let ids: HashSet<&str> = spans.iter().map(|s| &*s.id).collect();
        let mut by_range: std::collections::HashMap<Range, &str> = std::collections::HashMap::new();
        for s in &spans {
            by_range.entry(s.range()).or_insert(&*s.id);
        }
        for q in &mut self.quotes {
            if let Some(sp) = &mut q.speaker {
                if sp.span.as_ref().is_some_and(|id| !ids.contains(id.as_str())) {
                    sp.span = by_range.get(&sp.range()).map(|id| id.to_string());
                }
            }
        }
        self.spans = spans;
        n
    }

    /// Replaces the engine's quote suggestions (quotes of origin `model`) with `quotes`, never
    /// touching quotes an editor made or imported: a suggestion overlapping one of those is
    /// dropped, as is one outside the text. A speaker naming a span this document does not have is
    /// linked to the span with its exact range, or keeps its range without a link. Returns how many
    /// suggestions were added.
    pub fn set_quote_suggestions(&mut self, quotes: Vec<Quote>) -> usize {
        let kept: Vec<Quote> = self.quotes.iter().filter(|q| q.origin != Origin::Model).cloned().collect();
        let mut taken: HashSet<String> = kept.iter().map(|q| q.id.clone()).collect();
        let mut next = 1u64;
        let mut added = Vec::new();
        for mut q in quotes {
            let r = q.range();
            let inside = |x: Option<Range>| x.is_none_or(|x| x.end <= self.cp_len);
            if r.end > self.cp_len
                || !inside(q.cue)
                || !inside(q.speaker.as_ref().map(Speaker::range))
                || kept.iter().chain(added.iter()).any(|k: &Quote| k.range().overlaps(&r))
            {
                continue;
            }
            if let Some(sp) = &mut q.speaker {
                if sp.span.as_ref().is_none_or(|id| self.span(id).is_none()) {
                    // Link to the entity with exactly the speaker's range, if there is one.
                    sp.span = self.spans.iter().find(|s| s.range() == sp.range()).map(|s| s.id.to_string());
                }
            }
            q.id = loop {
                let id = self.seq.id("mq", next);
                next += 1;
                if !taken.contains(&id) {
                    break id;
                }
            };
            taken.insert(q.id.clone());
            q.origin = Origin::Model;
            added.push(q);
        }
        let n = added.len();
        let mut all = kept;
        all.extend(added);
        sort_quotes(&mut all);
        self.quotes = all;
        n
    }

    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    pub fn set_status(&mut self, status: Status) {
        self.status = status;
    }
}

/// Checks lists of spans and quotes: counts, ids unique, a quote's speaker naming one of the
/// spans, and, given the text's length in code points, that everything lies within the text.
pub(crate) fn check_lists(len: Option<usize>, spans: &[Span], quotes: &[Quote]) -> Result<(), ModelError> {
    if spans.len() > MAX_SPANS_PER_DOCUMENT {
        return Err(ModelError::TooMany { what: Subject::Span, count: spans.len(), max: MAX_SPANS_PER_DOCUMENT });
    }
    if quotes.len() > MAX_QUOTES_PER_DOCUMENT {
        return Err(ModelError::TooMany { what: Subject::Quote, count: quotes.len(), max: MAX_QUOTES_PER_DOCUMENT });
    }
    let in_text = |what: Subject, id: &str, r: Range| match len {
        Some(len) if r.end > len => {
            Err(ModelError::OutOfText { what, id: id.to_string(), start: r.start, end: r.end, len })
        }
        _ => Ok(()),
    };
    let mut ids = HashSet::new();
    for s in spans {
        in_text(Subject::Span, &s.id, s.range())?;
        if !ids.insert(&*s.id) {
            return Err(ModelError::DuplicateId { what: Subject::Span, id: s.id.to_string() });
        }
    }
    let mut qids = HashSet::new();
    for q in quotes {
        in_text(Subject::Quote, &q.id, q.range())?;
        if let Some(c) = q.cue {
            in_text(Subject::QuoteCue, &q.id, c)?;
        }
        if let Some(sp) = &q.speaker {
            in_text(Subject::QuoteSpeaker, &q.id, sp.range())?;
            if let Some(sid) = &sp.span {
                if !ids.contains(sid.as_str()) {
                    return Err(ModelError::UnknownSpeakerSpan { quote: q.id.clone(), span: sid.clone() });
                }
            }
        }
        if !qids.insert(q.id.as_str()) {
            return Err(ModelError::DuplicateId { what: Subject::Quote, id: q.id.clone() });
        }
    }
    Ok(())
}

/// Puts spans in canonical order ([`Span::order_key`]); spans with the same range keep their order.
pub(crate) fn sort_spans(spans: &mut [Span]) {
    crate::sort::sort_by_key(spans, Span::order_key);
}

/// Puts quotes in canonical order ([`Quote::order_key`]); quotes with the same range keep their order.
pub(crate) fn sort_quotes(quotes: &mut [Quote]) {
    crate::sort::sort_by_key(quotes, Quote::order_key);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn r(a: usize, b: usize) -> Range {
        Range::new(a, b).unwrap()
    }

    #[test]
    fn label_definitions_from_files_are_checked() {
        let ok: LabelDef = serde_json::from_str(r##"{"name":"PER","color":"#E69F00"}"##).unwrap();
        assert_eq!(ok.key, "");
        for (json, why) in [
            (r##"{"name":"X","color":"red;background:url(//evil.example)"}"##, "hex colour"),
            (r##"{"name":"","color":"#fff"}"##, "empty"),
            (r##"{"name":"A\u202eB","color":"#fff"}"##, "formatting"),
            (r##"{"name":"A","color":"#fff","key":"12"}"##, "one character"),
        ] {
            let e = serde_json::from_str::<LabelDef>(json).unwrap_err().to_string();
            assert!(e.contains(why), "{json}: {e}");
        }
        assert!(LabelDef::defaults().iter().all(|l| l.check().is_ok()));
    }

    #[test]
    fn a_document_holds_at_most_max_spans() {
        let d = Document::new("d1", "t", "en", "ab".repeat(MAX_SPANS_PER_DOCUMENT + 1)).unwrap();
        let spans: Vec<Span> = (0..=MAX_SPANS_PER_DOCUMENT)
            .map(|i| Span::new(format!("e{i}"), r(2 * i, 2 * i + 1), "PER", Origin::Editor).unwrap())
            .collect();
        let e = d.with_annotations(spans, vec![]).unwrap_err();
        assert!(e.to_string().contains("at most 100000"), "{e}");
    }

    #[test]
    fn ranges_refuse_empty_and_reversed() {
        assert!(Range::new(3, 3).is_err());
        assert!(Range::new(4, 3).is_err());
        assert_eq!(r(1, 4).len(), 3);
        assert!(r(1, 4).overlaps(&r(3, 5)));
        assert!(!r(1, 4).overlaps(&r(4, 5)));
    }

    #[test]
    fn document_checks_annotations() {
        let d = Document::new("d1", "t", "ar", "قال لافروف").unwrap();
        assert_eq!(d.cp_len(), 10);
        let ok = Span::new("s1", r(4, 10), "PER", Origin::Editor).unwrap();
        let past = Span::new("s2", r(4, 11), "PER", Origin::Editor).unwrap();
        assert!(d.clone().with_annotations(vec![ok.clone()], vec![]).is_ok());
        let e = d.clone().with_annotations(vec![past], vec![]).unwrap_err();
        assert!(e.to_string().contains("past the end of the text (10 code points)"), "{e}");
        let e = d.clone().with_annotations(vec![ok.clone(), ok.clone()], vec![]).unwrap_err();
        assert_eq!(e, ModelError::DuplicateId { what: Subject::Span, id: "s1".into() });
        let q = Quote::new("q1", r(0, 3), QuoteKind::Indirect, Origin::Model)
            .unwrap()
            .with_speaker(Some(Speaker::new(r(4, 10), Some("nope".into()))), None);
        let e = d.with_annotations(vec![ok], vec![q]).unwrap_err();
        assert!(matches!(e, ModelError::UnknownSpeakerSpan { .. }));
    }

    #[test]
    fn a_quotes_speaker_is_named_by_its_name_or_else_by_its_words() {
        let text = "قال سيرغي لافروف إن المحادثات مثمرة";
        let d = Document::new("d1", "t", "ar", text).unwrap();
        let ix = d.index();
        let sp = Some(Speaker::new(r(4, 16), Some("e1".into())));
        let q = Quote::new("q1", r(17, 35), QuoteKind::Indirect, Origin::Import).unwrap();
        // As brat gives it: a speaker range, no name.
        assert_eq!(q.clone().with_speaker(sp.clone(), None).speaker_text(text, &ix), Some("سيرغي لافروف"));
        assert_eq!(q.clone().with_speaker(sp.clone(), Some(" ".into())).speaker_text(text, &ix), Some("سيرغي لافروف"));
        assert_eq!(q.clone().with_speaker(sp, Some("لافروف".into())).speaker_text(text, &ix), Some("لافروف"));
        assert_eq!(q.speaker_text(text, &ix), None);
    }

    #[test]
    fn suggestions_never_overwrite_editor_spans() {
        let d = Document::new("d", "t", "en", "Lavrov met Putin in Astana").unwrap();
        let editor = Span::new("e1", r(0, 6), "PER", Origin::Editor).unwrap();
        let old = Span::new("m1", r(11, 16), "ORG", Origin::Model).unwrap();
        let q = Quote::new("q", r(20, 26), QuoteKind::Direct, Origin::Model)
            .unwrap()
            .with_speaker(Some(Speaker::new(r(11, 16), Some("m1".into()))), None);
        let mut d = d.with_annotations(vec![editor, old], vec![q]).unwrap();
        let sug = |s: usize, e: usize, l: &str| Suggestion { start: s, end: e, label: l.into(), confidence: Some(0.8) };
        let n =
            d.set_suggestions(&[sug(0, 6, "LOC"), sug(11, 16, "PER"), sug(20, 26, "LOC"), sug(3, 99, "X")], Some("t1"));
        assert_eq!(n, 2);
        let labels: Vec<(&str, &str, Origin)> = d.spans().iter().map(|s| (s.id(), s.label(), s.origin())).collect();
        assert_eq!(
            labels,
            vec![("e1", "PER", Origin::Editor), ("m1", "PER", Origin::Model), ("m2", "LOC", Origin::Model)]
        );
        assert_eq!(d.quotes()[0].speaker().and_then(Speaker::span), Some("m1"));
        // Re-tagging with nothing removes the suggestions and unlinks the speaker, keeping its range.
        d.set_suggestions(&[], None);
        assert_eq!(d.spans().len(), 1);
        assert_eq!(d.quotes()[0].speaker().map(|s| s.range()), Some(r(11, 16)));
        assert_eq!(d.quotes()[0].speaker().and_then(Speaker::span), None);
    }

    #[test]
    fn quote_suggestions_never_overwrite_editor_quotes() {
        let d = Document::new("d", "t", "en", "Lavrov said it works. Putin said no.").unwrap();
        let per = Span::new("p", r(0, 6), "PER", Origin::Editor).unwrap();
        let mine = Quote::new("q1", r(12, 20), QuoteKind::Indirect, Origin::Editor).unwrap();
        let mut d = d.with_annotations(vec![per], vec![mine]).unwrap();
        let sug = |s: usize, e: usize| Quote::new("x", r(s, e), QuoteKind::Indirect, Origin::Model).unwrap();
        let linked = sug(33, 35).with_speaker(Some(Speaker::new(r(22, 27), Some("gone".into()))), Some("Putin".into()));
        assert_eq!(d.set_quote_suggestions(vec![sug(12, 20), linked, sug(30, 99)]), 1);
        let ids: Vec<(&str, Origin)> = d.quotes().iter().map(|q| (q.id(), q.origin())).collect();
        assert_eq!(ids, vec![("q1", Origin::Editor), ("mq1", Origin::Model)]);
        assert_eq!(d.quotes()[1].speaker().and_then(Speaker::span), None);
        assert!(d.clone().with_annotations(d.spans().to_vec(), d.quotes().to_vec()).is_ok());
    }

    #[test]
    fn constructors_refuse_bad_values() {
        assert!(Document::new("d", "t", "en", "").is_err());
        assert!(Document::new("", "t", "en", "x").is_err());
        assert!(Span::new("s", r(0, 1), "", Origin::Model).is_err());
        assert!(Span::new("s", r(0, 1), "PER", Origin::Model).unwrap().with_confidence(Some(1.5)).is_err());
    }

    #[test]
    fn annotations_given_in_any_order_come_out_in_canonical_order() {
        let d = Document::new("d", "t", "en", "Sergei Lavrov met Putin in Astana").unwrap();
        let span = |id: &str, a, b, l: &str| Span::new(id, r(a, b), l, Origin::Editor).unwrap();
        let quote = |id: &str, a, b| Quote::new(id, r(a, b), QuoteKind::Direct, Origin::Editor).unwrap();
        // Nested, same start, same range with two labels (kept in the order given), out of order.
        let spans = vec![
            span("putin", 18, 23, "PER"),
            span("lavrov", 7, 13, "PER"),
            span("org", 0, 13, "ORG"),
            span("per", 0, 13, "PER"),
            span("sergei", 0, 6, "PER"),
        ];
        let quotes = vec![quote("late", 27, 33), quote("short", 0, 6), quote("long", 0, 23)];
        let ids = |d: &Document| -> (Vec<String>, Vec<String>) {
            (
                d.spans().iter().map(|s| s.id().to_string()).collect(),
                d.quotes().iter().map(|q| q.id().to_string()).collect(),
            )
        };
        let want = (
            vec!["org", "per", "sergei", "lavrov", "putin"].into_iter().map(String::from).collect::<Vec<_>>(),
            vec!["long", "short", "late"].into_iter().map(String::from).collect::<Vec<_>>(),
        );
        let made = d.clone().with_annotations(spans.clone(), quotes.clone()).unwrap();
        assert_eq!(ids(&made), want);
        assert!(made.spans().is_sorted_by_key(Span::order_key));
        assert!(made.quotes().is_sorted_by_key(Quote::order_key));
        // The same from a file (serde goes through the constructor) and in place.
        let json = serde_json::json!({"id": "d", "text": d.text(), "spans": spans, "quotes": quotes});
        let read: Document = serde_json::from_value(json).unwrap();
        assert_eq!(ids(&read), want);
        let mut replaced = d.clone();
        replaced.replace_annotations(spans.clone(), quotes.clone()).unwrap();
        assert_eq!(ids(&replaced), want);
        // Given in canonical order, nothing moves; with the two same-range spans the other way
        // round, they stay the other way round.
        let again = d.clone().with_annotations(made.spans().to_vec(), made.quotes().to_vec()).unwrap();
        assert_eq!(again, made);
        let mut swapped = spans;
        swapped.swap(2, 3);
        let order: Vec<String> =
            d.with_annotations(swapped, vec![]).unwrap().spans().iter().map(|s| s.id().to_string()).collect();
        assert_eq!(order, ["per", "org", "sergei", "lavrov", "putin"]);
    }

    #[test]
    fn the_order_key_is_start_then_longer_first() {
        assert!(r(0, 13).order_key() < r(0, 6).order_key());
        assert!(r(0, 6).order_key() < r(1, 30).order_key());
        let s = Span::new("s", r(3, 9), "PER", Origin::Model).unwrap();
        let q = Quote::new("q", r(3, 9), QuoteKind::Mixed, Origin::Model).unwrap();
        assert_eq!((s.order_key(), q.order_key()), (r(3, 9).order_key(), r(3, 9).order_key()));
    }

    #[test]
    fn serde_goes_through_constructors() {
        let bad = r#"{"id":"d","text":"abc","spans":[{"id":"s","start":2,"end":2,"label":"PER"}]}"#;
        let e = serde_json::from_str::<Document>(bad).unwrap_err().to_string();
        assert!(e.contains("empty or reversed"), "{e}");
        let good = r#"{"id":"d","text":"abc","spans":[{"id":"s","start":0,"end":3,"label":"PER"}]}"#;
        let d: Document = serde_json::from_str(good).unwrap();
        assert_eq!(d.lang(), "en");
        assert_eq!(d.spans()[0].origin(), Origin::Editor);
    }
}
