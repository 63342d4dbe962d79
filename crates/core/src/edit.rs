//! Editing: every change an editor makes to a document, as [`Command`]s with an exact undo.
//!
//! [`apply`] runs one command on the document in place: every change is a splice of the span or
//! quote list whose inserted items are checked against the model invariants (within the text, ids
//! unique, speakers naming existing spans) before it is made, and logged with its inverse. An
//! invalid command returns an [`EditError`] and is rolled back exactly, so nothing changes. The cost
//! is what the command changes (a relabel, insert or delete: one splice and at most one scan of the
//! span ids), never a copy or a re-check of the whole document. The returned [`Applied`] carries the
//! [`Inverse`]: the one contiguous stretch of the span list (and of the quote list) that differs
//! before and after, plus the previous status. Applying it restores the previous state exactly (ids,
//! order, origins, authors, confidences, speaker links) and yields the inverse of the inverse, which
//! is how [`History`] redoes.
//!
//! Rules the commands follow:
//! - New ids are `e{n}` for spans and `q{n}` for quotes, `n` above every id of that form in the
//!   document and above every id handed out to it in this session, so an id is never reused while
//!   the document is open (a removed id that was the highest can come back only after a reload).
//! - Spans are inserted where they belong in reading order (start ascending, longer first), quotes
//!   by start then end; the order of the spans already there never changes.
//! - An editor's change to a span or quote (relabel, new boundaries, new kind or speaker) makes it
//!   the editor's: origin `editor`, the given author, no confidence (the engine's confidence no
//!   longer describes it). Accepting a suggestion keeps its confidence. Renaming or deleting a
//!   label is a schema change and keeps origins.
//! - Removing a span that is a quote's speaker keeps the speaker's range and name without the link.
//! - A command that changes nothing (relabel to the same label, status already set) succeeds with
//!   [`Report::changed`] false; [`History`] does not record it.
//! - [`Command::ApplyToAllMentions`] looks for the span's tokens in order, each compared by its
//!   normalised key (diacritics, tatweel, alef forms, ى/ي, ة/ه and case ignored, except that a
//!   capitalised word only matches a capitalised word, so "US" is not "us"). The first token
//!   of a mention may carry proclitics (و ف ب ل ك, and "لل" for "ال"); a source span that
//!   carries one itself ("لروسيا", made with [`Clitics::Keep`]) stands for its bare form when that
//!   form is a word of the text. A mention is labelled when no span overlaps it, with its proclitics
//!   left out under [`Clitics::Strip`] (except in "لل", where the token is taken whole). Linear in the
//!   length of the text, plus `O(log n)` per mention for the overlap test.
//!
//! Selection snapping ([`snap`]) and boundary steps ([`step_token`], [`step_char`]) work in code
//! points in logical order, whatever the direction of the script. With [`Clitics::Strip`] the Arabic
//! conjunctions و ف and prepositions ب ل ك at the start of a selection are left out:
//! - always before the article, which stays with the name: "بالقاهرة" -> "القاهرة",
//!   "والمغرب" -> "المغرب", "وللرئيس" -> "للرئيس" (in "لل" the article's alef is elided, so the
//!   ل cannot be split off and the token is kept whole);
//! - before a word without the article only when the stem also occurs as a word of its own in the
//!   text ("لروسيا" -> "روسيا", "وبوتين" -> "بوتين"), because many names begin with these
//!   letters ("لبنان", "بريطانيا", "واشنطن", "فلسطين", "كندا") and must not lose them;
//! - and wherever the selection itself starts right after a proclitic ("ب|ريطانيا" is taken as
//!   the editor chose it).

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet, VecDeque};

use std::sync::Arc;

use crate::layout::stretch;
use crate::model::{Document, IdSeq, ModelError, Origin, Quote, QuoteKind, Range, Span, Speaker, Status};
use crate::nlp::normalize::{analyses, clitic, normalize_char, normalize_key};
use crate::nlp::tokenize::{is_mark, tokenize_chars, Token, TokenKind};
use crate::offsets::cp_slice;

mod summary;
pub use summary::Summary;

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
    #[error("this history step no longer fits the document (it was changed outside the history)")]
    Stale,
    #[error("the change would break the document: {0}")]
    Model(#[from] ModelError),
}

/// Whether Arabic proclitics at the start of a selection or mention are left out of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Clitics {
    /// Leave out و ف ب ل ك (see the module documentation for when).
    #[default]
    Strip,
    /// Keep them in the span (as ANERcorp does).
    Keep,
}

/// How a selection becomes a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Snap {
    /// Whole tokens, without spaces, punctuation or emoji at either end.
    #[default]
    Tokens,
    /// The characters selected, without whitespace at either end (Alt held).
    Exact,
}

/// Which boundary of a span moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    Start,
    End,
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
    /// Several commands as one step: all apply or none.
    Batch(Vec<Command>),
}

/// One contiguous replacement in a list: `remove` items at `at` give way to `insert`.
#[derive(Debug, Clone, PartialEq)]
struct Splice<T> {
    at: usize,
    remove: usize,
    insert: Vec<T>,
}

/// What undoes a command exactly. Apply it with [`Inverse::apply`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inverse {
    spans: Option<Splice<Span>>,
    quotes: Option<Splice<Quote>>,
    status: Option<Status>,
}

impl Inverse {
    /// True when the command changed nothing.
    pub fn is_empty(&self) -> bool {
        self.spans.is_none() && self.quotes.is_none() && self.status.is_none()
    }

    /// Restores the state before the command and returns what redoes it. Fails with
    /// [`EditError::Stale`] or a model error (changing nothing) when the document is not in the
    /// state the command left it in. Costs what the command changed, not the document's size
    /// (plus a scan of the span ids when a span comes back).
    pub fn apply(&self, doc: &mut Document) -> Result<Inverse, EditError> {
        let mut tx = Tx::new(doc);
        let done = (|| {
            if let Some(sp) = &self.spans {
                tx.splice_spans(sp.at, sp.remove, sp.insert.clone())?;
            }
            if let Some(sp) = &self.quotes {
                tx.splice_quotes(sp.at, sp.remove, sp.insert.clone())?;
            }
            tx.check()
        })();
        if let Err(e) = done {
            tx.rollback();
            return Err(e);
        }
        let (spans, quotes) = tx.finish();
        let status = self.status.map(|s| {
            let old = doc.status();
            doc.set_status(s);
            old
        });
        Ok(Inverse { spans, quotes, status })
    }
}

/// What a command did, for the status line and the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What it did ("Labelled 4 more mentions of روسيا" in English); the page words it in the
    /// interface language.
    pub summary: Summary,
    /// Ids of the spans and quotes the command made, in order.
    pub created: Vec<String>,
    /// How many spans or quotes it made, changed or removed.
    pub count: usize,
    /// False when the document is as it was.
    pub changed: bool,
}

/// A command's result: what undoes it, and what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub inverse: Inverse,
    pub report: Report,
}

/// Applies `cmd` to `doc`; `author` is recorded on what the editor makes or changes.
/// On error nothing changes.
///
/// The command changes the document's lists in place, each change a splice whose invariants are
/// checked for what it inserts (within the text, ids unique, speakers naming existing spans); a
/// relabel, insert or delete costs `O(spans)` comparisons at most, no copy of the document.
pub fn apply(doc: &mut Document, cmd: Command, author: Option<&str>) -> Result<Applied, EditError> {
    let text = Arc::clone(doc.shared_text());
    let chars = OnceCell::new();
    let old_status = doc.status();
    let mut w = Work::new(doc, &text, &chars, author);
    let ran = w.run(cmd).and_then(|r| {
        w.tx.check()?;
        Ok(r)
    });
    let (summary, count) = match ran {
        Ok(r) => r,
        Err(e) => {
            w.tx.rollback();
            return Err(e);
        }
    };
    let Work { tx, status, seq, created, .. } = w;
    let (spans, quotes) = tx.finish();
    doc.set_status(status);
    doc.raise_id_seq(seq);
    let inverse = Inverse { spans, quotes, status: (old_status != status).then_some(old_status) };
    let changed = !inverse.is_empty();
    Ok(Applied { inverse, report: Report { summary, created, count: if changed { count } else { 0 }, changed } })
}

fn splice<T>(v: &mut Vec<T>, sp: Splice<T>) -> Splice<T> {
    let n = sp.insert.len();
    let removed: Vec<T> = v.splice(sp.at..sp.at + sp.remove, sp.insert).collect();
    Splice { at: sp.at, remove: n, insert: removed }
}

/// An annotation kept in a document list: what the splice checks need.
trait Listed: Clone + PartialEq {
    const WHAT: &'static str;
    fn key(&self) -> &str;
    /// Checks that the annotation lies within a text of `len` code points.
    fn within(&self, len: usize) -> Result<(), ModelError>;
}

fn within(what: &'static str, id: &str, r: Range, len: usize) -> Result<(), ModelError> {
    if r.end() > len {
        return Err(ModelError::OutOfText { what, id: id.to_string(), start: r.start(), end: r.end(), len });
    }
    Ok(())
}

impl Listed for Span {
    const WHAT: &'static str = "span";
    fn key(&self) -> &str {
        self.id()
    }
    fn within(&self, len: usize) -> Result<(), ModelError> {
        within("span", self.id(), self.range(), len)
    }
}

impl Listed for Quote {
    const WHAT: &'static str = "quote";
    fn key(&self) -> &str {
        self.id()
    }
    fn within(&self, len: usize) -> Result<(), ModelError> {
        within("quote", self.id(), self.range(), len)?;
        if let Some(c) = self.cue() {
            within("quote cue", self.id(), c, len)?;
        }
        if let Some(sp) = self.speaker() {
            within("quote speaker", self.id(), sp.range(), len)?;
        }
        Ok(())
    }
}

/// Checks what a splice of `list` inserts: within the text, and ids unique in the list after it.
/// An insert that keeps the ids of what it replaces (a relabel) costs only its own size.
fn check_splice<T: Listed>(list: &[T], at: usize, remove: usize, insert: &[T], len: usize) -> Result<(), EditError> {
    if at.checked_add(remove).is_none_or(|e| e > list.len()) {
        return Err(EditError::Stale);
    }
    for x in insert {
        x.within(len)?;
    }
    let removed = &list[at..at + remove];
    if removed.len() == insert.len() && removed.iter().zip(insert).all(|(a, b)| a.key() == b.key()) {
        return Ok(());
    }
    let dup = |id: &str| Err(EditError::Model(ModelError::DuplicateId { what: T::WHAT, id: id.to_string() }));
    let outside = || list[..at].iter().chain(&list[at + remove..]);
    if insert.len() <= 4 {
        for (k, x) in insert.iter().enumerate() {
            let id = x.key();
            if insert[..k].iter().any(|y| y.key() == id) || outside().any(|y| y.key() == id) {
                return dup(id);
            }
        }
    } else {
        let mut seen: HashSet<&str> = outside().map(Listed::key).collect();
        for x in insert {
            if !seen.insert(x.key()) {
                return dup(x.key());
            }
        }
    }
    Ok(())
}

/// A document being changed in place: every change is a checked splice, logged with its inverse
/// so that a failed command rolls back exactly and a finished one yields its undo.
struct Tx<'d> {
    doc: &'d mut Document,
    len: usize,
    /// Inverse splices, in the order the changes were made.
    span_log: Vec<Splice<Span>>,
    quote_log: Vec<Splice<Quote>>,
    /// Ids of spans that were removed and not put back in the same splice: no quote may still
    /// name them as its speaker when the command ends.
    gone: Vec<Arc<str>>,
    /// Quotes inserted with a speaker naming a span (quote id, span id): that span must exist.
    linked: Vec<(String, String)>,
}

impl<'d> Tx<'d> {
    fn new(doc: &'d mut Document) -> Tx<'d> {
        let len = doc.cp_len();
        Tx { doc, len, span_log: Vec::new(), quote_log: Vec::new(), gone: Vec::new(), linked: Vec::new() }
    }

    fn spans(&self) -> &[Span] {
        self.doc.spans()
    }

    fn quotes(&self) -> &[Quote] {
        self.doc.quotes()
    }

    /// Replaces `remove` spans at `at` with `insert`, checked; returns the removed spans.
    fn splice_spans(&mut self, at: usize, remove: usize, insert: Vec<Span>) -> Result<Vec<Span>, EditError> {
        check_splice(self.spans(), at, remove, &insert, self.len)?;
        if self.spans()[at..at + remove] == insert[..] {
            return Ok(insert);
        }
        let (spans, _) = self.doc.annotations_mut();
        let inv = splice(spans, Splice { at, remove, insert });
        let back = &spans[at..at + inv.remove];
        for s in &inv.insert {
            if !back.iter().any(|b| b.id() == s.id()) {
                self.gone.push(Arc::clone(s.shared_id()));
            }
        }
        let removed = inv.insert.clone();
        self.span_log.push(inv);
        Ok(removed)
    }

    /// Replaces `remove` quotes at `at` with `insert`, checked; returns the removed quotes.
    fn splice_quotes(&mut self, at: usize, remove: usize, insert: Vec<Quote>) -> Result<Vec<Quote>, EditError> {
        check_splice(self.quotes(), at, remove, &insert, self.len)?;
        if self.quotes()[at..at + remove] == insert[..] {
            return Ok(insert);
        }
        for q in &insert {
            if let Some(sid) = q.speaker().and_then(Speaker::span) {
                self.linked.push((q.id().to_string(), sid.to_string()));
            }
        }
        let (_, quotes) = self.doc.annotations_mut();
        let inv = splice(quotes, Splice { at, remove, insert });
        let removed = inv.insert.clone();
        self.quote_log.push(inv);
        Ok(removed)
    }

    /// Replaces the whole span list with `new`, as one splice of the stretch that differs.
    fn replace_spans(&mut self, mut new: Vec<Span>) -> Result<(), EditError> {
        if let Some((p, a, b)) = stretch(self.spans(), &new) {
            new.truncate(b);
            let insert = new.split_off(p);
            self.splice_spans(p, a - p, insert)?;
        }
        Ok(())
    }

    fn replace_quotes(&mut self, mut new: Vec<Quote>) -> Result<(), EditError> {
        if let Some((p, a, b)) = stretch(self.quotes(), &new) {
            new.truncate(b);
            let insert = new.split_off(p);
            self.splice_quotes(p, a - p, insert)?;
        }
        Ok(())
    }

    /// The speaker invariant for what changed: no quote names a span that is gone, every quote
    /// inserted with a speaker span names one that exists.
    fn check(&self) -> Result<(), EditError> {
        if self.gone.is_empty() && self.linked.is_empty() {
            return Ok(());
        }
        let spans = self.spans();
        let all: Option<HashSet<&str>> =
            (self.gone.len() + self.linked.len() > 4).then(|| spans.iter().map(Span::id).collect());
        let exists = |id: &str| all.as_ref().map_or_else(|| spans.iter().any(|s| s.id() == id), |a| a.contains(id));
        let missing: HashSet<&str> = self.gone.iter().map(|g| &**g).filter(|g| !exists(g)).collect();
        let unknown =
            |q: &Quote, sid: &str| ModelError::UnknownSpeakerSpan { quote: q.id().to_string(), span: sid.to_string() };
        if !missing.is_empty() {
            for q in self.quotes() {
                if let Some(sid) = q.speaker().and_then(Speaker::span) {
                    if missing.contains(sid) {
                        return Err(unknown(q, sid).into());
                    }
                }
            }
        }
        for (qid, sid) in &self.linked {
            let Some(q) = self.quotes().iter().find(|q| q.id() == qid) else { continue };
            if q.speaker().and_then(Speaker::span) == Some(sid.as_str()) && !exists(sid) {
                return Err(unknown(q, sid).into());
            }
        }
        Ok(())
    }

    /// Undoes every change made so far, exactly.
    fn rollback(&mut self) {
        let (spans, quotes) = self.doc.annotations_mut();
        for sp in self.span_log.drain(..).rev() {
            splice(spans, sp);
        }
        for sp in self.quote_log.drain(..).rev() {
            splice(quotes, sp);
        }
    }

    /// The one splice per list that undoes every change made (none when nothing changed).
    fn finish(self) -> (Option<Splice<Span>>, Option<Splice<Quote>>) {
        (net(self.span_log, self.doc.spans()), net(self.quote_log, self.doc.quotes()))
    }
}

/// One splice that turns `now` back into what it was before the `log` of inverse splices.
fn net<T: Clone + PartialEq>(mut log: Vec<Splice<T>>, now: &[T]) -> Option<Splice<T>> {
    match log.len() {
        0 => None,
        1 => log.pop(),
        _ => {
            let mut before = now.to_vec();
            for sp in log.into_iter().rev() {
                splice(&mut before, sp);
            }
            let (p, b, a) = stretch(&before, now)?;
            before.truncate(b);
            Some(Splice { at: p, remove: a - p, insert: before.split_off(p) })
        }
    }
}

/// The parts of a span, to rebuild it through the model's constructors.
struct SpanParts {
    id: Arc<str>,
    range: Range,
    label: Arc<str>,
    origin: Origin,
    author: Option<Arc<str>>,
    confidence: Option<f64>,
}

impl SpanParts {
    fn of(s: &Span) -> SpanParts {
        SpanParts {
            id: Arc::clone(s.shared_id()),
            range: s.range(),
            label: Arc::clone(s.shared_label()),
            origin: s.origin(),
            author: s.shared_author().cloned(),
            confidence: s.confidence(),
        }
    }
    fn edited(mut self, author: Option<&Arc<str>>) -> SpanParts {
        self.origin = Origin::Editor;
        self.author = author.cloned();
        self.confidence = None;
        self
    }
    fn build(self) -> Result<Span, ModelError> {
        Span::new(self.id, self.range, self.label, self.origin)?
            .with_shared_author(self.author)
            .with_confidence(self.confidence)
    }
}

/// The parts of a quote, to rebuild it through the model's constructors.
struct QuoteParts {
    id: String,
    range: Range,
    kind: QuoteKind,
    cue: Option<Range>,
    speaker: Option<Speaker>,
    name: Option<String>,
    origin: Origin,
    author: Option<String>,
    confidence: Option<f64>,
}

impl QuoteParts {
    fn of(q: &Quote) -> QuoteParts {
        QuoteParts {
            id: q.id().to_string(),
            range: q.range(),
            kind: q.kind(),
            cue: q.cue(),
            speaker: q.speaker().cloned(),
            name: q.speaker_name().map(str::to_string),
            origin: q.origin(),
            author: q.author().map(str::to_string),
            confidence: q.confidence(),
        }
    }
    fn edited(mut self, author: Option<&Arc<str>>) -> QuoteParts {
        self.origin = Origin::Editor;
        self.author = author.map(|a| a.to_string());
        self.confidence = None;
        self
    }
    fn build(self) -> Result<Quote, ModelError> {
        Quote::new(self.id, self.range, self.kind, self.origin)?
            .with_cue(self.cue)
            .with_speaker(self.speaker, self.name)
            .with_author(self.author)
            .with_confidence(self.confidence)
    }
}

/// Reading order of spans (start, then longest first): one sort key for the crate, so the sort
/// is compiled once.
pub(crate) fn span_key(s: &Span) -> (usize, Reverse<usize>) {
    (s.start(), Reverse(s.end()))
}

fn quote_key(q: &Quote) -> (usize, usize) {
    (q.start(), q.end())
}

/// A shortened text for summaries.
fn preview(s: &str) -> String {
    const MAX: usize = 40;
    let s = s.trim();
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// Normalised keys of the words and numbers of `chars`.
fn word_keys(chars: &[char]) -> Vec<String> {
    tokenize_chars(chars)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| normalize_key(&chars[t.start..t.end].iter().collect::<String>()))
        .collect()
}

/// A command running on a document, changing it in place through a [`Tx`].
struct Work<'a, 'd> {
    tx: Tx<'d>,
    text: &'a str,
    /// The text's code points, collected the first time a command needs them.
    chars: &'a OnceCell<Vec<char>>,
    len: usize,
    status: Status,
    seq: IdSeq,
    author: Option<Arc<str>>,
    created: Vec<String>,
}

impl<'a, 'd> Work<'a, 'd> {
    fn new(doc: &'d mut Document, text: &'a str, chars: &'a OnceCell<Vec<char>>, author: Option<&str>) -> Work<'a, 'd> {
        Work {
            text,
            chars,
            len: doc.cp_len(),
            status: doc.status(),
            seq: doc.id_seq(),
            author: author.map(Arc::from),
            created: Vec::new(),
            tx: Tx::new(doc),
        }
    }

    fn spans(&self) -> &[Span] {
        self.tx.spans()
    }

    fn quotes(&self) -> &[Quote] {
        self.tx.quotes()
    }

    fn author_string(&self) -> Option<String> {
        self.author.as_ref().map(|a| a.to_string())
    }

    fn range(&self, start: usize, end: usize) -> Result<Range, EditError> {
        let len = self.len;
        if end > len {
            return Err(EditError::BadRange { start, end, len });
        }
        Range::new(start, end).map_err(|_| EditError::BadRange { start, end, len })
    }

    fn slice(&self, r: Range) -> String {
        match self.chars.get() {
            Some(c) => c[r.start()..r.end()].iter().collect(),
            None => cp_slice(self.text, r.start(), r.end()).unwrap_or_default().to_string(),
        }
    }

    fn chars(&self) -> &'a [char] {
        let text = self.text;
        self.chars.get_or_init(|| text.chars().collect())
    }

    fn span_at(&self, id: &str) -> Result<usize, EditError> {
        self.spans().iter().position(|s| s.id() == id).ok_or_else(|| EditError::UnknownSpan(id.to_string()))
    }

    fn quote_at(&self, id: &str) -> Result<usize, EditError> {
        self.quotes().iter().position(|q| q.id() == id).ok_or_else(|| EditError::UnknownQuote(id.to_string()))
    }

    fn label(label: &str) -> Result<(), EditError> {
        if label.is_empty() {
            Err(EditError::EmptyLabel)
        } else {
            Ok(())
        }
    }

    /// Refuses a second span with the same range and label (`except` is the span being changed).
    fn no_duplicate(&self, r: Range, label: &str, except: Option<&str>) -> Result<(), EditError> {
        if self.spans().iter().any(|s| s.range() == r && s.label() == label && Some(s.id()) != except) {
            return Err(EditError::DuplicateSpan { start: r.start(), end: r.end(), label: label.to_string() });
        }
        Ok(())
    }

    fn new_span_id(&mut self) -> String {
        self.seq.span += 1;
        format!("e{}", self.seq.span)
    }

    fn new_quote_id(&mut self) -> String {
        self.seq.quote += 1;
        format!("q{}", self.seq.quote)
    }

    fn set_span(&mut self, i: usize, s: Span) -> Result<(), EditError> {
        self.tx.splice_spans(i, 1, vec![s]).map(drop)
    }

    fn set_quote(&mut self, i: usize, q: Quote) -> Result<(), EditError> {
        self.tx.splice_quotes(i, 1, vec![q]).map(drop)
    }

    /// Inserts where the span belongs in reading order, after the spans with the same key.
    fn insert_span(&mut self, s: Span) -> Result<(), EditError> {
        let k = span_key(&s);
        let at = self.spans().partition_point(|x| span_key(x) <= k);
        self.tx.splice_spans(at, 0, vec![s]).map(drop)
    }

    fn insert_quote(&mut self, q: Quote) -> Result<(), EditError> {
        let k = quote_key(&q);
        let at = self.quotes().partition_point(|x| quote_key(x) <= k);
        self.tx.splice_quotes(at, 0, vec![q]).map(drop)
    }

    /// Puts the changed span `s` (at index `i`) where it belongs in reading order: in its place
    /// when that is where it belongs, else removed and inserted again.
    fn move_span(&mut self, i: usize, s: Span) -> Result<(), EditError> {
        let k = span_key(&s);
        let spans = self.spans();
        let fits = (i == 0 || span_key(&spans[i - 1]) <= k) && spans.get(i + 1).is_none_or(|n| span_key(n) > k);
        if fits {
            return self.set_span(i, s);
        }
        self.tx.splice_spans(i, 1, Vec::new())?;
        self.insert_span(s)
    }

    /// Quotes whose speaker is a span `from` of `moves` now name the span `to` (same range), or
    /// no span; the speaker's range and name stay.
    fn relink_speakers(&mut self, moves: &HashMap<String, Option<String>>) -> Result<(), EditError> {
        if moves.is_empty() {
            return Ok(());
        }
        let mut changes = Vec::new();
        for (i, q) in self.quotes().iter().enumerate() {
            let Some(sp) = q.speaker() else { continue };
            let Some(to) = sp.span().and_then(|from| moves.get(from)) else { continue };
            let mut parts = QuoteParts::of(q);
            parts.speaker = Some(Speaker::new(sp.range(), to.clone()));
            changes.push((i, parts.build()?));
        }
        for (i, q) in changes {
            self.set_quote(i, q)?;
        }
        Ok(())
    }

    /// The fullest mention of a speaker: the text of the span (of `label`, or any label) whose
    /// normalised words contain the speaker's as a run and are the most; else the speaker's text.
    fn fullest_name(&self, label: Option<&str>, speaker: Range) -> String {
        let own = self.slice(speaker);
        let text = self.chars();
        let words = word_keys(&text[speaker.start()..speaker.end()]);
        if words.is_empty() {
            return own.trim().to_string();
        }
        // The speaker's first word may carry proclitics ("ولافروف").
        let mut firsts = vec![words[0].clone()];
        let kchars: Vec<char> = words[0].chars().collect();
        for a in analyses(&words[0]) {
            if a.prefix_len > 0
                && a.flags & (clitic::AL | clitic::SA) == 0
                && kchars[a.prefix_len..].iter().copied().eq(a.stem.chars())
            {
                firsts.push(a.stem);
            }
        }
        let mut best: Option<(usize, Range)> = None;
        for s in self.spans() {
            if label.is_some_and(|l| s.label() != l) {
                continue;
            }
            let theirs = word_keys(&text[s.start()..s.end()]);
            let n = theirs.len();
            if n > best.map_or(words.len(), |b| b.0)
                && theirs.windows(words.len()).any(|w| firsts.contains(&w[0]) && w[1..] == words[1..])
            {
                best = Some((n, s.range()));
            }
        }
        best.map_or_else(|| own.trim().to_string(), |(_, r)| self.slice(r).trim().to_string())
    }

    /// Drops spans that repeat an earlier span's range and label; their speakers move to it.
    fn dedupe(&mut self) -> Result<usize, EditError> {
        let mut first: HashMap<(usize, usize, &str), &str> = HashMap::new();
        let mut gone: HashMap<String, Option<String>> = HashMap::new();
        for s in self.spans() {
            match first.get(&(s.start(), s.end(), s.label())) {
                Some(kept) => {
                    gone.insert(s.id().to_string(), Some(kept.to_string()));
                }
                None => {
                    first.insert((s.start(), s.end(), s.label()), s.id());
                }
            }
        }
        if gone.is_empty() {
            return Ok(0);
        }
        let kept: Vec<Span> = self.spans().iter().filter(|s| !gone.contains_key(s.id())).cloned().collect();
        self.tx.replace_spans(kept)?;
        self.relink_speakers(&gone)?;
        Ok(gone.len())
    }

    fn run(&mut self, cmd: Command) -> Result<(Summary, usize), EditError> {
        match cmd {
            Command::AddSpan { start, end, label } => self.add_span(start, end, label),
            Command::RemoveSpan { id } => self.remove_span(&id),
            Command::Relabel { id, label } => self.relabel(&id, label),
            Command::SetSpanRange { id, start, end } => self.set_span_range(&id, start, end),
            Command::AcceptSuggestion { id } => self.accept(&id),
            Command::AcceptAll => self.accept_all(),
            Command::ApplyToAllMentions { id, clitics } => self.apply_to_all(&id, clitics),
            Command::AddQuote { start, end, kind } => self.add_quote(start, end, kind),
            Command::RemoveQuote { id } => {
                let i = self.quote_at(&id)?;
                let q = self.tx.splice_quotes(i, 1, Vec::new())?;
                let shown = q.first().map(|q| preview(&self.slice(q.range()))).unwrap_or_default();
                Ok((Summary::RemovedQuote { text: shown }, 1))
            }
            Command::SetQuoteKind { id, kind } => {
                let i = self.quote_at(&id)?;
                if self.quotes()[i].kind() == kind {
                    return Ok((Summary::QuoteKindAlready { kind }, 0));
                }
                let mut parts = QuoteParts::of(&self.quotes()[i]).edited(self.author.as_ref());
                parts.kind = kind;
                self.set_quote(i, parts.build()?)?;
                Ok((Summary::QuoteKindSet { kind }, 1))
            }
            Command::SetQuoteRange { id, start, end } => self.set_quote_range(&id, start, end),
            Command::SetSpeaker { quote, speaker } => self.set_speaker(&quote, speaker),
            Command::AcceptQuote { id } => {
                let i = self.quote_at(&id)?;
                if self.quotes()[i].origin() != Origin::Model {
                    return Err(EditError::QuoteNotASuggestion(id));
                }
                let mut parts = QuoteParts::of(&self.quotes()[i]);
                parts.origin = Origin::Editor;
                parts.author = self.author_string();
                self.set_quote(i, parts.build()?)?;
                Ok((Summary::AcceptedQuote, 1))
            }
            Command::SetStatus(status) => {
                if self.status == status {
                    return Ok((Summary::StatusAlready { status }, 0));
                }
                self.status = status;
                Ok((Summary::StatusSet { status }, 1))
            }
            Command::RenameLabel { from, to } => self.rename_label(&from, to),
            Command::DeleteLabel { name, policy } => self.delete_label(&name, policy),
            Command::Batch(cmds) => {
                let mut summaries = Vec::new();
                let mut count = 0;
                for c in cmds {
                    let (s, n) = self.run(c)?;
                    if n > 0 {
                        summaries.push(s);
                        count += n;
                    }
                }
                Ok((Summary::batch(summaries), count))
            }
        }
    }

    fn add_span(&mut self, start: usize, end: usize, label: String) -> Result<(Summary, usize), EditError> {
        let r = self.range(start, end)?;
        Work::label(&label)?;
        self.no_duplicate(r, &label, None)?;
        let id = self.new_span_id();
        let summary = Summary::Labelled { text: preview(&self.slice(r)), label: label.clone() };
        let span = Span::new(id.as_str(), r, label, Origin::Editor)?.with_shared_author(self.author.clone());
        self.insert_span(span)?;
        self.created.push(id);
        Ok((summary, 1))
    }

    fn remove_span(&mut self, id: &str) -> Result<(Summary, usize), EditError> {
        let i = self.span_at(id)?;
        let removed = self.tx.splice_spans(i, 1, Vec::new())?;
        self.relink_speakers(&HashMap::from([(id.to_string(), None)]))?;
        let summary = match removed.first() {
            Some(s) => Summary::Removed { label: s.label().to_string(), text: preview(&self.slice(s.range())) },
            None => Summary::batch(Vec::new()),
        };
        Ok((summary, 1))
    }

    fn relabel(&mut self, id: &str, label: String) -> Result<(Summary, usize), EditError> {
        let i = self.span_at(id)?;
        Work::label(&label)?;
        let s = &self.spans()[i];
        if s.label() == label {
            if s.origin() == Origin::Model {
                return self.accept(id);
            }
            return Ok((Summary::AlreadyLabel { label }, 0));
        }
        self.no_duplicate(s.range(), &label, Some(id))?;
        let old = s.label().to_string();
        let text = preview(&self.slice(s.range()));
        let mut parts = SpanParts::of(s).edited(self.author.as_ref());
        parts.label = label.as_str().into();
        self.set_span(i, parts.build()?)?;
        Ok((Summary::Relabelled { text, old, new: label }, 1))
    }

    fn set_span_range(&mut self, id: &str, start: usize, end: usize) -> Result<(Summary, usize), EditError> {
        let i = self.span_at(id)?;
        let r = self.range(start, end)?;
        if self.spans()[i].range() == r {
            return Ok((Summary::SpanRangeUnchanged, 0));
        }
        self.no_duplicate(r, self.spans()[i].label(), Some(id))?;
        let mut parts = SpanParts::of(&self.spans()[i]).edited(self.author.as_ref());
        parts.range = r;
        let span = parts.build()?;
        let label = span.label().to_string();
        self.move_span(i, span)?;
        let linked: Vec<usize> = (0..self.quotes().len())
            .filter(|&k| self.quotes()[k].speaker().and_then(Speaker::span) == Some(id))
            .collect();
        if !linked.is_empty() {
            let name = self.fullest_name(Some(&label), r);
            for k in linked {
                let mut parts = QuoteParts::of(&self.quotes()[k]);
                parts.speaker = Some(Speaker::new(r, Some(id.to_string())));
                parts.name = Some(name.clone());
                self.set_quote(k, parts.build()?)?;
            }
        }
        Ok((Summary::SpanNow { label: label.to_string(), text: preview(&self.slice(r)) }, 1))
    }

    fn accept(&mut self, id: &str) -> Result<(Summary, usize), EditError> {
        let i = self.span_at(id)?;
        if self.spans()[i].origin() != Origin::Model {
            return Err(EditError::NotASuggestion(id.to_string()));
        }
        let mut parts = SpanParts::of(&self.spans()[i]);
        parts.origin = Origin::Editor;
        parts.author.clone_from(&self.author);
        let s = parts.build()?;
        let summary = Summary::Accepted { label: s.label().to_string(), text: preview(&self.slice(s.range())) };
        self.set_span(i, s)?;
        Ok((summary, 1))
    }

    fn accept_all(&mut self) -> Result<(Summary, usize), EditError> {
        let (mut ns, mut nq) = (0, 0);
        let mut spans = self.spans().to_vec();
        for s in &mut spans {
            if s.origin() == Origin::Model {
                let mut parts = SpanParts::of(s);
                parts.origin = Origin::Editor;
                parts.author.clone_from(&self.author);
                *s = parts.build()?;
                ns += 1;
            }
        }
        let mut quotes = self.quotes().to_vec();
        for q in &mut quotes {
            if q.origin() == Origin::Model {
                let mut parts = QuoteParts::of(q);
                parts.origin = Origin::Editor;
                parts.author = self.author_string();
                *q = parts.build()?;
                nq += 1;
            }
        }
        if ns > 0 {
            self.tx.replace_spans(spans)?;
        }
        if nq > 0 {
            self.tx.replace_quotes(quotes)?;
        }
        Ok((Summary::AcceptedAll { spans: ns, quotes: nq }, ns + nq))
    }
    fn apply_to_all(&mut self, id: &str, clitics: Clitics) -> Result<(Summary, usize), EditError> {
        let i = self.span_at(id)?;
        let src = self.spans()[i].range();
        let label = self.spans()[i].label().to_string();
        let shown = preview(&self.slice(src));
        let text = self.chars();
        let tokens = tokenize_chars(text);
        let keys: Vec<String> =
            tokens.iter().map(|t| normalize_key(&text[t.start..t.end].iter().collect::<String>())).collect();
        // The source's tokens, clipped to the span.
        let mut want: Vec<String> = Vec::new();
        let mut first_chars: Vec<char> = Vec::new();
        // Capitalised words only match capitalised words ("US" is not "us").
        let mut caps: Vec<bool> = Vec::new();
        for t in tokens.iter().filter(|t| t.start < src.end() && t.end > src.start()) {
            let (a, b) = (t.start.max(src.start()), t.end.min(src.end()));
            if want.is_empty() {
                first_chars = text[a..b].to_vec();
            }
            want.push(normalize_key(&text[a..b].iter().collect::<String>()));
            caps.push(text[a].is_uppercase());
        }
        if want.is_empty() {
            return Ok((Summary::NoOtherMention { text: shown }, 0));
        }
        // The source may carry proclitics itself (spans made with Clitics::Keep).
        let evidence: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let cut = choose_cut(&first_chars, |stem| evidence.contains(stem));
        if cut > 0 {
            want[0] = normalize_key(&first_chars[cut..].iter().collect::<String>());
        }
        let base = want[0].clone();
        let bare = base.strip_prefix("ال").filter(|b| !b.is_empty()).unwrap_or(&base).to_string();
        // Existing coverage.
        let cover = crate::model::Coverage::new(self.spans().iter().map(|s| (s.start(), s.end())));
        let covered = |a: usize, b: usize| cover.overlaps(a, b);
        let n = want.len();
        let mut found: Vec<Range> = Vec::new();
        let mut last_end = 0;
        let mut t = 0;
        while t + n <= tokens.len() {
            let Some(skip) = first_match(&keys[t], &base, &bare) else {
                t += 1;
                continue;
            };
            if keys[t + 1..t + n] != want[1..] || (0..n).any(|k| caps[k] && !text[tokens[t + k].start].is_uppercase()) {
                t += 1;
                continue;
            }
            let first = tokens[t];
            let cut = match (clitics, skip) {
                (Clitics::Strip, Some(p)) => original_cut(&text[first.start..first.end], p),
                _ => 0,
            };
            let (a, b) = (first.start + cut, tokens[t + n - 1].end);
            if a < b && a >= last_end && !covered(a, b) {
                found.push(Range::new(a, b)?);
                last_end = b;
                t += n;
            } else {
                t += 1;
            }
        }
        let k = found.len();
        if k == 0 {
            return Ok((Summary::NoOtherMention { text: shown }, 0));
        }
        let label: Arc<str> = label.into();
        let mut new = Vec::with_capacity(k);
        for r in found {
            let id = self.new_span_id();
            new.push(
                Span::new(id.as_str(), r, Arc::clone(&label), Origin::Editor)?.with_shared_author(self.author.clone()),
            );
            self.created.push(id);
        }
        crate::sort::sort_by_key(&mut new, span_key);
        // Merge without reordering the spans already there.
        let old = self.spans();
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut new = new.into_iter().peekable();
        for s in old {
            while let Some(x) = new.next_if(|x| span_key(x) < span_key(s)) {
                merged.push(x);
            }
            merged.push(s.clone());
        }
        merged.extend(new);
        self.tx.replace_spans(merged)?;
        let summary = Summary::LabelledMentions { n: k, text: shown };
        Ok((summary, k))
    }

    fn add_quote(&mut self, start: usize, end: usize, kind: QuoteKind) -> Result<(Summary, usize), EditError> {
        let r = self.range(start, end)?;
        if self.quotes().iter().any(|q| q.range() == r) {
            return Err(EditError::DuplicateQuote { start, end });
        }
        let id = self.new_quote_id();
        let q = Quote::new(id.clone(), r, kind, Origin::Editor)?.with_author(self.author_string());
        self.insert_quote(q)?;
        self.created.push(id);
        Ok((Summary::AddedQuote { kind }, 1))
    }

    fn set_quote_range(&mut self, id: &str, start: usize, end: usize) -> Result<(Summary, usize), EditError> {
        let i = self.quote_at(id)?;
        let r = self.range(start, end)?;
        if self.quotes()[i].range() == r {
            return Ok((Summary::QuoteRangeUnchanged, 0));
        }
        if self.quotes().iter().any(|q| q.range() == r && q.id() != id) {
            return Err(EditError::DuplicateQuote { start, end });
        }
        let mut parts = QuoteParts::of(&self.quotes()[i]).edited(self.author.as_ref());
        parts.range = r;
        let q = parts.build()?;
        self.tx.splice_quotes(i, 1, Vec::new())?;
        self.insert_quote(q)?;
        Ok((Summary::QuoteNow { text: preview(&self.slice(r)) }, 1))
    }

    fn set_speaker(&mut self, quote: &str, speaker: SpeakerRef) -> Result<(Summary, usize), EditError> {
        let i = self.quote_at(quote)?;
        let (sp, name) = match speaker {
            SpeakerRef::Span(sid) => {
                let s = &self.spans()[self.span_at(&sid)?];
                let (r, label) = (s.range(), s.label().to_string());
                (Some(Speaker::new(r, Some(sid))), Some(self.fullest_name(Some(&label), r)))
            }
            SpeakerRef::Range { start, end } => {
                let r = self.range(start, end)?;
                let link = self.spans().iter().find(|s| s.range() == r);
                let label = link.map(|s| s.label().to_string());
                let link = link.map(|s| s.id().to_string());
                (Some(Speaker::new(r, link)), Some(self.fullest_name(label.as_deref(), r)))
            }
            SpeakerRef::None => (None, None),
        };
        let q = &self.quotes()[i];
        if q.speaker() == sp.as_ref() && q.speaker_name() == name.as_deref() {
            return Ok((Summary::SpeakerUnchanged, 0));
        }
        let summary = match &name {
            Some(n) => Summary::Speaker { name: preview(n) },
            None => Summary::SpeakerRemoved,
        };
        let mut parts = QuoteParts::of(q).edited(self.author.as_ref());
        parts.speaker = sp;
        parts.name = name;
        self.set_quote(i, parts.build()?)?;
        Ok((summary, 1))
    }

    /// Gives every span of `from` the label `to`, keeping origins; merges exact duplicates.
    fn move_label(&mut self, from: &str, to: &str) -> Result<usize, EditError> {
        let mut n = 0;
        let to: Arc<str> = to.into();
        let mut spans = self.spans().to_vec();
        for s in &mut spans {
            if s.label() == from {
                let mut parts = SpanParts::of(s);
                parts.label = Arc::clone(&to);
                *s = parts.build()?;
                n += 1;
            }
        }
        if n > 0 {
            self.tx.replace_spans(spans)?;
            self.dedupe()?;
        }
        Ok(n)
    }

    fn rename_label(&mut self, from: &str, to: String) -> Result<(Summary, usize), EditError> {
        Work::label(&to)?;
        if from == to {
            return Ok((Summary::LabelAlreadyCalled { from: from.to_string(), to }, 0));
        }
        let n = self.move_label(from, &to)?;
        Ok((Summary::RenamedLabel { from: from.to_string(), to, n }, n))
    }

    fn delete_label(&mut self, name: &str, policy: DeletePolicy) -> Result<(Summary, usize), EditError> {
        match policy {
            DeletePolicy::RemoveSpans => {
                let gone: HashMap<String, Option<String>> =
                    self.spans().iter().filter(|s| s.label() == name).map(|s| (s.id().to_string(), None)).collect();
                let kept: Vec<Span> = self.spans().iter().filter(|s| s.label() != name).cloned().collect();
                self.tx.replace_spans(kept)?;
                self.relink_speakers(&gone)?;
                let n = gone.len();
                Ok((Summary::DeletedLabel { name: name.to_string(), n }, n))
            }
            DeletePolicy::RelabelTo(to) => {
                Work::label(&to)?;
                if to == name {
                    return Err(EditError::RelabelToSelf(to));
                }
                let n = self.move_label(name, &to)?;
                Ok((Summary::DeletedLabelMoved { name: name.to_string(), n, to }, n))
            }
        }
    }
}

/// How a token matches the first word of a mention: `Some(None)` as it is (or through "لل"),
/// `Some(Some(p))` after `p` normalised letters of proclitics; `None` not at all.
fn first_match(key: &str, base: &str, bare: &str) -> Option<Option<usize>> {
    if key == base {
        return Some(None);
    }
    if !(key.ends_with(base) || key.ends_with(bare)) || !key.starts_with(crate::lang::is_arabic_letter) {
        return None;
    }
    let kchars: Vec<char> = key.chars().collect();
    let mut through_ll = false;
    for a in analyses(key) {
        if a.prefix_len == 0 || a.flags & (clitic::AL | clitic::SA) != 0 || a.stem != base {
            continue;
        }
        if kchars[a.prefix_len..].iter().copied().eq(a.stem.chars()) {
            return Some(Some(a.prefix_len));
        }
        through_ll = true;
    }
    through_ll.then_some(None)
}

/// Code points of `word` taken by its first `n` normalised letters and the marks after them.
fn original_cut(word: &[char], n: usize) -> usize {
    let (mut seen, mut i) = (0, 0);
    while i < word.len() && seen < n {
        if normalize_char(word[i]).is_some() {
            seen += 1;
        }
        i += 1;
    }
    while i < word.len() && normalize_char(word[i]).is_none() {
        i += 1;
    }
    i
}

/// The ways to split Arabic proclitics (conjunctions, prepositions, not the article) off `word`:
/// `(code points cut, stem key, certain)`, longest cut first. A cut is certain when the stem starts
/// with the article (ال or لل) and keeps at least two letters after it.
fn clitic_cuts(word: &[char]) -> Vec<(usize, String, bool)> {
    if !word.first().is_some_and(|&c| crate::lang::is_arabic_letter(c)) {
        return Vec::new();
    }
    let key = normalize_key(&word.iter().collect::<String>());
    let kchars: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    for a in analyses(&key) {
        if a.prefix_len == 0 || a.flags & (clitic::AL | clitic::SA) != 0 {
            continue;
        }
        if !kchars[a.prefix_len..].iter().copied().eq(a.stem.chars()) {
            continue;
        }
        let sure = (a.stem.starts_with("ال") || a.stem.starts_with("لل")) && a.stem.chars().count() >= 4;
        out.push((original_cut(word, a.prefix_len), a.stem, sure));
    }
    crate::sort::sort_by_key(&mut out, |c| Reverse(c.0));
    out
}

/// How many code points of proclitics to leave out of `word` (see the module documentation).
fn choose_cut(word: &[char], mut known: impl FnMut(&str) -> bool) -> usize {
    clitic_cuts(word).into_iter().find(|(_, stem, sure)| *sure || known(stem)).map_or(0, |c| c.0)
}

/// Tokens of `chars` overlapping `a..b`, the window widened to whitespace so that every token is
/// whole (no token crosses whitespace, so they are the tokens of the whole text).
fn tokens_near(chars: &[char], a: usize, b: usize) -> Vec<Token> {
    let n = chars.len();
    let mut lo = a.min(n);
    while lo > 0 && !chars[lo - 1].is_whitespace() {
        lo -= 1;
    }
    let mut hi = b.min(n).max(lo);
    while hi < n && !chars[hi].is_whitespace() {
        hi += 1;
    }
    tokenize_chars(&chars[lo..hi])
        .into_iter()
        .map(|t| Token { start: t.start + lo, end: t.end + lo, kind: t.kind })
        .collect()
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Turns a selection `start..end` (code points, either order) into span boundaries, or `None`
/// when nothing is left. [`Snap::Tokens`] widens to whole tokens and drops punctuation (Arabic
/// ، ؛ ؟ and quotation marks included) and emoji at either end, then with [`Clitics::Strip`] leaves
/// out leading Arabic proclitics; [`Snap::Exact`] only trims whitespace (and invisible format
/// characters) at either end.
pub fn snap(text: &str, start: usize, end: usize, mode: Snap, clitics: Clitics) -> Option<(usize, usize)> {
    // Only the selection's neighbourhood is decoded into characters: from the whitespace before it
    // to the whitespace after it (no token crosses whitespace, so its tokens are those of the
    // whole text). A key press on a long document must not copy the whole text.
    let (at, s) = crate::offsets::byte_at_cp(text, start.min(end));
    let (len, n) = crate::offsets::byte_at_cp(&text[at..], start.max(end) - s);
    let from = text[..at].rfind(char::is_whitespace).unwrap_or(0);
    let to = text[at + len..].find(char::is_whitespace).map_or(text.len(), |k| at + len + k);
    let chars: Vec<char> = text[from..to].chars().collect();
    let lo = s - crate::offsets::cp_len(&text[from..at]);
    let (mut s, mut e) = (s - lo, s - lo + n);
    match mode {
        Snap::Exact => {
            while s < e && is_invisible(chars[s]) {
                s += 1;
            }
            while e > s && is_invisible(chars[e - 1]) {
                e -= 1;
            }
            (s < e).then_some((lo + s, lo + e))
        }
        Snap::Tokens => {
            if s == e {
                return None;
            }
            let toks: Vec<Token> = tokens_near(&chars, s, e)
                .into_iter()
                .filter(|t| t.start < e && t.end > s)
                .skip_while(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Emoji))
                .collect();
            let last = toks.iter().rposition(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::Emoji))?;
            let (first, last) = (toks[0], toks[last]);
            let mut a = first.start;
            if clitics == Clitics::Strip && first.kind == TokenKind::Word {
                let word = &chars[first.start..first.end];
                let mut known: Option<std::rc::Rc<HashSet<String>>> = None;
                // A selection that starts right after a proclitic is taken as it is.
                let chosen =
                    s.checked_sub(first.start).filter(|&c| c > 0 && clitic_cuts(word).iter().any(|x| x.0 == c));
                a += chosen.unwrap_or_else(|| {
                    choose_cut(word, |stem| known.get_or_insert_with(|| word_keys_of(text)).contains(stem))
                });
            }
            (a < last.end).then_some((lo + a, lo + last.end))
        }
    }
}

thread_local! {
    /// The normalised keys of the words of the last text [`snap`] looked a stem up in, by a hash of
    /// the text. A document's text never changes and the next selection is nearly always in the
    /// same one, so a key press does not tokenize a long document again (8 ms for 100,000
    /// characters natively at the web build's opt-level).
    static WORD_KEYS: std::cell::RefCell<Option<(u64, std::rc::Rc<HashSet<String>>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The normalised keys of the words of `text` (cached for the last text asked about).
fn word_keys_of(text: &str) -> std::rc::Rc<HashSet<String>> {
    let id = crate::nlp::features::fnv1a(text.as_bytes()) ^ (text.len() as u64).rotate_left(32);
    WORD_KEYS.with(|cache| {
        if let Some((k, keys)) = &*cache.borrow() {
            if *k == id {
                return std::rc::Rc::clone(keys);
            }
        }
        let all: Vec<char> = text.chars().collect();
        let keys: HashSet<String> = tokenize_chars(&all)
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| normalize_key(&all[t.start..t.end].iter().collect::<String>()))
            .collect();
        let keys = std::rc::Rc::new(keys);
        *cache.borrow_mut() = Some((id, std::rc::Rc::clone(&keys)));
        keys
    })
}

/// Where a span boundary at `pos` moves by one token: forward to the next token's start
/// ([`Edge::Start`]) or end ([`Edge::End`]) after `pos`, backward to the previous one before `pos`.
/// Punctuation is stepped over. Returns `pos` when there is no token in that direction.
pub fn step_token(text: &str, pos: usize, forward: bool, edge: Edge) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let pos = pos.min(n);
    let at = |t: &Token| if edge == Edge::Start { t.start } else { t.end };
    let mut width = 64;
    loop {
        let (a, b) = if forward { (pos, pos.saturating_add(width)) } else { (pos.saturating_sub(width), pos) };
        let toks = tokens_near(&chars, a, b);
        let words = toks.iter().filter(|t| t.kind != TokenKind::Punct);
        let hit = if forward { words.map(at).find(|&p| p > pos) } else { words.map(at).rev().find(|&p| p < pos) };
        if let Some(p) = hit {
            return p;
        }
        if (forward && b >= n) || (!forward && a == 0) {
            return pos;
        }
        width = width.saturating_mul(2);
    }
}

/// Where a boundary at `pos` moves by one character: one code point, never leaving a combining
/// mark apart from its letter.
pub fn step_char(text: &str, pos: usize, forward: bool) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut p = pos.min(n);
    if forward {
        if p < n {
            p += 1;
        }
        while p < n && is_mark(chars[p]) {
            p += 1;
        }
    } else {
        p = p.saturating_sub(1);
        while p > 0 && is_mark(chars[p]) {
            p -= 1;
        }
    }
    p
}

/// Span ids in reading order: by start, then the longer first, then document order; overlapping
/// spans each get their turn.
pub fn reading_order(doc: &Document) -> Vec<&str> {
    let mut v: Vec<&Span> = doc.spans().iter().collect();
    crate::sort::sort_by_key(&mut v, |s| span_key(s));
    v.into_iter().map(Span::id).collect()
}

/// The span after (`forward`) or before `from` in reading order (Tab / Shift+Tab); from nothing or
/// an unknown id, the first or the last. `None` past either end.
pub fn next_span<'d>(doc: &'d Document, from: Option<&str>, forward: bool) -> Option<&'d str> {
    let order = reading_order(doc);
    let here = from.and_then(|id| order.iter().position(|&x| x == id));
    let i = match (here, forward) {
        (None, true) => 0,
        (None, false) => order.len().checked_sub(1)?,
        (Some(i), true) => i + 1,
        (Some(i), false) => i.checked_sub(1)?,
    };
    order.get(i).copied()
}

/// Steps the history keeps by default.
pub const HISTORY_CAP: usize = 500;

#[derive(Debug, Clone, PartialEq)]
struct Step {
    inverse: Inverse,
    summary: Summary,
}

/// Undo and redo for one document: stacks of inverses, at most `cap` undo steps.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    cap: usize,
}

impl Default for History {
    fn default() -> History {
        History::new()
    }
}

impl History {
    pub fn new() -> History {
        History::with_cap(HISTORY_CAP)
    }

    /// A history keeping at most `cap` steps (at least one).
    pub fn with_cap(cap: usize) -> History {
        History { undo: VecDeque::new(), redo: Vec::new(), cap: cap.max(1) }
    }

    /// Applies `cmd` and records it (when it changed something), clearing the redo stack.
    pub fn apply(&mut self, doc: &mut Document, cmd: Command, author: Option<&str>) -> Result<Report, EditError> {
        let applied = apply(doc, cmd, author)?;
        Ok(self.record(applied))
    }

    /// Records a command applied with [`apply`].
    pub fn record(&mut self, applied: Applied) -> Report {
        let Applied { inverse, report } = applied;
        if !inverse.is_empty() {
            self.redo.clear();
            self.undo.push_back(Step { inverse, summary: report.summary.clone() });
            while self.undo.len() > self.cap {
                self.undo.pop_front();
            }
        }
        report
    }

    /// Undoes the last step; returns its summary, or `None` when there is nothing to undo.
    /// On error the step stays and the document is unchanged.
    pub fn undo(&mut self, doc: &mut Document) -> Result<Option<Summary>, EditError> {
        let Some(step) = self.undo.pop_back() else { return Ok(None) };
        match step.inverse.apply(doc) {
            Ok(inverse) => {
                let summary = step.summary.clone();
                self.redo.push(Step { inverse, summary: step.summary });
                Ok(Some(summary))
            }
            Err(e) => {
                self.undo.push_back(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; returns its summary, or `None` when there is nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> Result<Option<Summary>, EditError> {
        let Some(step) = self.redo.pop() else { return Ok(None) };
        match step.inverse.apply(doc) {
            Ok(inverse) => {
                let summary = step.summary.clone();
                self.undo.push_back(Step { inverse, summary: step.summary });
                Ok(Some(summary))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Summary of the step [`History::undo`] would undo.
    pub fn undo_summary(&self) -> Option<&Summary> {
        self.undo.back().map(|s| &s.summary)
    }

    /// Summary of the step [`History::redo`] would redo.
    pub fn redo_summary(&self) -> Option<&Summary> {
        self.redo.last().map(|s| &s.summary)
    }

    /// Number of steps that can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Forgets every step (after the document was replaced, e.g. re-imported).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use proptest::prelude::*;

    /// Code point range of the `nth` occurrence of `needle` in `text`.
    fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (b, _) = text.match_indices(needle).nth(nth).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn r(a: usize, b: usize) -> Range {
        Range::new(a, b).unwrap()
    }

    fn text_of(doc: &Document, s: &Span) -> String {
        doc.text().chars().skip(s.start()).take(s.range().len()).collect()
    }

    fn check(doc: &Document) {
        doc.clone().with_annotations(doc.spans().to_vec(), doc.quotes().to_vec()).unwrap();
    }

    fn span_by_id<'d>(doc: &'d Document, id: &str) -> &'d Span {
        doc.span(id).unwrap()
    }

    const AR: &str =
        "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة. وأكد لافروف: «لروسيا مصالح»، وروسيا وإسرائيل و رُوسِيا.";

    fn ar_doc() -> Document {
        let d = Document::new("d1", "t", "ar", AR).unwrap();
        let (a, b) = find(AR, "سيرغي لافروف", 0);
        let full = Span::new("m1", r(a, b), "PER", Origin::Model).unwrap().with_confidence(Some(0.9)).unwrap();
        let (a, b) = find(AR, "لافروف", 1);
        let short = Span::new("m2", r(a, b), "PER", Origin::Model).unwrap().with_confidence(Some(0.7)).unwrap();
        let (a, b) = find(AR, "روسيا", 0);
        let loc = Span::new("s1", r(a, b), "LOC", Origin::Import).unwrap();
        let (qa, qb) = find(AR, "لروسيا مصالح", 0);
        let q = Quote::new("q1", r(qa, qb), QuoteKind::Direct, Origin::Model)
            .unwrap()
            .with_speaker(Some(Speaker::new(r(a, b), Some("m2".into()))), Some("سيرغي لافروف".into()))
            .with_confidence(Some(0.8))
            .unwrap();
        let mut spans = vec![full, loc, short];
        spans.sort_by_key(span_key);
        d.with_annotations(spans, vec![q]).unwrap()
    }

    fn run(doc: &mut Document, cmd: Command) -> Applied {
        let before = doc.clone();
        let a = apply(doc, cmd, Some("ed")).unwrap();
        check(doc);
        // The inverse restores exactly, and its inverse redoes exactly.
        let after = doc.clone();
        let redo = a.inverse.apply(doc).unwrap();
        assert_eq!(*doc, before);
        redo.apply(doc).unwrap();
        assert_eq!(*doc, after);
        a
    }

    #[test]
    fn add_span_gets_a_fresh_id_and_its_place_in_reading_order() {
        let mut d = ar_doc();
        let (a, b) = find(AR, "وزير الخارجية", 0);
        let got = run(&mut d, Command::AddSpan { start: a, end: b, label: "MISC".into() });
        assert_eq!(got.report.created, vec!["e1"]);
        assert!(got.report.changed);
        assert_eq!(got.report.summary.to_string(), "Labelled وزير الخارجية MISC");
        let s = span_by_id(&d, "e1");
        assert_eq!((s.origin(), s.author(), s.confidence()), (Origin::Editor, Some("ed"), None));
        assert_eq!(d.spans()[0].id(), "e1");
        // Same range and label twice is refused; another label on the same range is fine.
        let e = apply(&mut d, Command::AddSpan { start: a, end: b, label: "MISC".into() }, None).unwrap_err();
        assert_eq!(e, EditError::DuplicateSpan { start: a, end: b, label: "MISC".into() });
        run(&mut d, Command::AddSpan { start: a, end: b, label: "ORG".into() });
        let before = d.clone();
        let len = d.cp_len();
        for bad in [
            Command::AddSpan { start: 3, end: 3, label: "PER".into() },
            Command::AddSpan { start: 5, end: 2, label: "PER".into() },
            Command::AddSpan { start: 0, end: len + 1, label: "PER".into() },
            Command::AddSpan { start: 0, end: 2, label: String::new() },
        ] {
            assert!(apply(&mut d, bad, None).is_err());
            assert_eq!(d, before);
        }
        let e = apply(&mut d, Command::AddSpan { start: 0, end: len + 1, label: "X".into() }, None).unwrap_err();
        assert!(e.to_string().contains("past the end of the text"), "{e}");
    }

    #[test]
    fn splices_check_what_they_insert_and_roll_back() {
        let mut d = ar_doc();
        let before = d.clone();
        let len = d.cp_len();
        let mut tx = Tx::new(&mut d);
        // A duplicate id, a span past the text, a removal past the list: refused, nothing changed.
        let dup = Span::new("s1", r(0, 3), "PER", Origin::Editor).unwrap();
        assert!(matches!(tx.splice_spans(0, 0, vec![dup]), Err(EditError::Model(ModelError::DuplicateId { .. }))));
        let past = Span::new("x", r(0, len + 1), "PER", Origin::Editor).unwrap();
        assert!(matches!(tx.splice_spans(0, 0, vec![past]), Err(EditError::Model(ModelError::OutOfText { .. }))));
        assert_eq!(tx.splice_spans(2, 5, vec![]), Err(EditError::Stale));
        // Many inserted at once are checked through a set.
        let many: Vec<Span> = (0..6)
            .map(|k| {
                Span::new(if k == 5 { "m1".into() } else { format!("n{k}") }, r(k, k + 1), "PER", Origin::Editor)
                    .unwrap()
            })
            .collect();
        assert!(tx.splice_spans(0, 0, many).is_err());
        // Removing the quote's speaker span without relinking breaks the speaker invariant.
        let at = tx.spans().iter().position(|s| s.id() == "m2").unwrap();
        tx.splice_spans(at, 1, vec![]).unwrap();
        assert!(matches!(tx.check(), Err(EditError::Model(ModelError::UnknownSpeakerSpan { .. }))));
        // Relabelling in place keeps ids: no scan, and a no-op splice is not logged.
        let same = tx.spans()[0].clone();
        tx.splice_spans(0, 1, vec![same]).unwrap();
        assert_eq!(tx.span_log.len(), 1);
        tx.rollback();
        assert_eq!(d, before);
        // Through `apply`, a batch that fails half-way changes nothing.
        let bad = Command::Batch(vec![
            Command::RemoveSpan { id: "m1".into() },
            Command::Relabel { id: "s1".into(), label: "ORG".into() },
            Command::Relabel { id: "nope".into(), label: "ORG".into() },
        ]);
        assert_eq!(apply(&mut d, bad, None).unwrap_err(), EditError::UnknownSpan("nope".into()));
        assert_eq!(d, before);
    }

    #[test]
    fn ids_are_never_reused() {
        let mut d = ar_doc();
        let mut h = History::new();
        let add = |s| Command::AddSpan { start: s, end: s + 2, label: "PER".into() };
        assert_eq!(h.apply(&mut d, add(0), None).unwrap().created, vec!["e1"]);
        h.apply(&mut d, Command::RemoveSpan { id: "e1".into() }, None).unwrap();
        assert_eq!(h.apply(&mut d, add(0), None).unwrap().created, vec!["e2"]);
        h.undo(&mut d).unwrap();
        assert_eq!(h.apply(&mut d, add(4), None).unwrap().created, vec!["e3"]);
        // Ids already in the document count, whoever made them.
        let t = Document::new("d", "", "en", "some words here").unwrap();
        let e7 = Span::new("e7", r(0, 4), "PER", Origin::Import).unwrap();
        let q4 = Quote::new("q4", r(5, 10), QuoteKind::Direct, Origin::Model).unwrap();
        let mut t = t.with_annotations(vec![e7], vec![q4]).unwrap();
        let got = run(
            &mut t,
            Command::Batch(vec![add(5), Command::AddQuote { start: 0, end: 15, kind: QuoteKind::Indirect }]),
        );
        assert_eq!(got.report.created, vec!["e8", "q5"]);
    }

    #[test]
    fn removing_a_speaker_span_keeps_the_speaker_range() {
        let mut d = ar_doc();
        let speaker = d.quotes()[0].speaker().unwrap().range();
        let got = run(&mut d, Command::RemoveSpan { id: "m2".into() });
        assert_eq!(got.report.summary.to_string(), "Removed PER لافروف");
        assert!(d.span("m2").is_none());
        let q = &d.quotes()[0];
        assert_eq!(q.speaker().map(|s| (s.range(), s.span())), Some((speaker, None)));
        assert_eq!(q.speaker_name(), Some("سيرغي لافروف"));
        assert_eq!(
            apply(&mut d, Command::RemoveSpan { id: "m2".into() }, None).unwrap_err(),
            EditError::UnknownSpan("m2".into())
        );
    }

    #[test]
    fn relabel_makes_the_span_the_editors() {
        let mut d = ar_doc();
        let got = run(&mut d, Command::Relabel { id: "m1".into(), label: "ORG".into() });
        assert_eq!(got.report.summary.to_string(), "Relabelled سيرغي لافروف PER → ORG");
        let s = span_by_id(&d, "m1");
        assert_eq!((s.label(), s.origin(), s.author(), s.confidence()), ("ORG", Origin::Editor, Some("ed"), None));
        // The same label on a suggestion accepts it; on the editor's own span it changes nothing.
        let got = run(&mut d, Command::Relabel { id: "m2".into(), label: "PER".into() });
        assert_eq!(span_by_id(&d, "m2").origin(), Origin::Editor);
        assert_eq!(span_by_id(&d, "m2").confidence(), Some(0.7));
        assert!(got.report.changed);
        let got = run(&mut d, Command::Relabel { id: "m2".into(), label: "PER".into() });
        assert!(!got.report.changed);
        assert!(got.inverse.is_empty());
        assert_eq!(
            apply(&mut d, Command::Relabel { id: "m2".into(), label: String::new() }, None).unwrap_err(),
            EditError::EmptyLabel
        );
        // Relabelling onto a span with the same range and label is refused.
        let (a, b) = (d.span("m2").unwrap().start(), d.span("m2").unwrap().end());
        run(&mut d, Command::AddSpan { start: a, end: b, label: "ORG".into() });
        assert!(matches!(
            apply(&mut d, Command::Relabel { id: "m2".into(), label: "ORG".into() }, None),
            Err(EditError::DuplicateSpan { .. })
        ));
    }

    #[test]
    fn moving_boundaries_keeps_reading_order_and_speakers() {
        let mut d = ar_doc();
        let (a, _) = find(AR, "الروسي", 0);
        let (c, b) = find(AR, "سيرغي لافروف", 0);
        // Moving onto another span's range with the same label is refused.
        assert!(matches!(
            apply(&mut d, Command::SetSpanRange { id: "m2".into(), start: c, end: b }, None),
            Err(EditError::DuplicateSpan { .. })
        ));
        // Move "لافروف" (the quote's speaker) to "الروسي سيرغي لافروف".
        let got = run(&mut d, Command::SetSpanRange { id: "m2".into(), start: a, end: b });
        assert_eq!(got.report.count, 1);
        let order: Vec<&str> = d.spans().iter().map(Span::id).collect();
        assert_eq!(order, vec!["m2", "m1", "s1"]);
        let q = &d.quotes()[0];
        assert_eq!(q.speaker().unwrap().range(), r(a, b));
        assert_eq!(q.speaker().unwrap().span(), Some("m2"));
        assert_eq!(q.speaker_name(), Some("الروسي سيرغي لافروف"));
        let s = span_by_id(&d, "m2");
        assert_eq!((s.origin(), s.confidence()), (Origin::Editor, None));
        // No change, bad ranges, unknown ids.
        assert!(!run(&mut d, Command::SetSpanRange { id: "m2".into(), start: a, end: b }).report.changed);
        assert!(apply(&mut d, Command::SetSpanRange { id: "m2".into(), start: b, end: a }, None).is_err());
        assert!(apply(&mut d, Command::SetSpanRange { id: "zz".into(), start: 0, end: 1 }, None).is_err());
    }

    #[test]
    fn accepting_suggestions() {
        let mut d = ar_doc();
        let got = run(&mut d, Command::AcceptSuggestion { id: "m1".into() });
        assert_eq!(got.report.summary.to_string(), "Accepted PER سيرغي لافروف");
        let s = span_by_id(&d, "m1");
        assert_eq!((s.origin(), s.author(), s.confidence()), (Origin::Editor, Some("ed"), Some(0.9)));
        assert_eq!(
            apply(&mut d, Command::AcceptSuggestion { id: "s1".into() }, None).unwrap_err(),
            EditError::NotASuggestion("s1".into())
        );
        let got = run(&mut d, Command::AcceptAll);
        assert_eq!(got.report.summary.to_string(), "Accepted 1 suggestion and 1 quote");
        assert_eq!(got.report.count, 2);
        assert!(d.spans().iter().all(|s| s.origin() != Origin::Model));
        assert_eq!(d.quotes()[0].origin(), Origin::Editor);
        assert_eq!(span_by_id(&d, "s1").origin(), Origin::Import);
        let got = run(&mut d, Command::AcceptAll);
        assert_eq!((got.report.summary.to_string().as_str(), got.report.changed), ("Nothing to accept", false));
    }

    #[test]
    fn apply_to_all_mentions_is_clitic_diacritic_and_alef_insensitive() {
        let mut d = ar_doc();
        let mut h = History::new();
        let before = d.clone();
        let got = h
            .apply(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Strip }, Some("ed"))
            .unwrap();
        assert_eq!(got.summary.to_string(), "Labelled 3 more mentions of روسيا");
        assert_eq!(got.count, 3);
        check(&d);
        let labelled: Vec<String> = got.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["روسيا", "روسيا", "رُوسِيا"]);
        assert_eq!(span_by_id(&d, "e1").start(), find(AR, "لروسيا", 0).0 + 1);
        assert!(d.spans().windows(2).all(|w| span_key(&w[0]) <= span_key(&w[1])));
        // Again: every mention is covered now.
        let again =
            apply(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Strip }, None).unwrap();
        assert_eq!((again.report.count, again.report.changed), (0, false));
        assert_eq!(again.report.summary.to_string(), "No other unlabelled mention of روسيا");
        // One undo step.
        assert_eq!(
            h.undo(&mut d).unwrap().map(|s| s.to_string()).as_deref(),
            Some("Labelled 3 more mentions of روسيا")
        );
        assert_eq!(d, before);
        // Keeping clitics: the mentions' proclitics go into the spans.
        let got = run(&mut d, Command::ApplyToAllMentions { id: "s1".into(), clitics: Clitics::Keep });
        let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["لروسيا", "وروسيا", "رُوسِيا"]);
        // A source span that carries a clitic itself matches the bare form.
        let mut d = before.clone();
        let (a, b) = find(AR, "لروسيا", 0);
        run(&mut d, Command::RemoveSpan { id: "s1".into() });
        let id = run(&mut d, Command::AddSpan { start: a, end: b, label: "LOC".into() }).report.created[0].clone();
        let got = run(&mut d, Command::ApplyToAllMentions { id, clitics: Clitics::Keep });
        let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["روسيا", "وروسيا", "رُوسِيا"]);
    }

    #[test]
    fn apply_to_all_mentions_alef_and_multiword() {
        let text =
            "إسرائيل قالت. اسرائيل وأسرائيل. Sergei Lavrov met SERGEI LAVROV and Sergei, sergei lavrov. للرئيس الرئيس";
        let d = Document::new("d", "", "ar", text).unwrap();
        let (a, b) = find(text, "إسرائيل", 0);
        let (c, e) = find(text, "Sergei Lavrov", 0);
        let (f, g) = find(text, "الرئيس", 0);
        let spans = vec![
            Span::new("a", r(a, b), "LOC", Origin::Editor).unwrap(),
            Span::new("b", r(c, e), "PER", Origin::Editor).unwrap(),
            Span::new("c", r(f, g), "PER", Origin::Editor).unwrap(),
        ];
        let mut d = d.with_annotations(spans, vec![]).unwrap();
        let got = run(&mut d, Command::ApplyToAllMentions { id: "a".into(), clitics: Clitics::Strip });
        let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["اسرائيل", "أسرائيل"]);
        let got = run(&mut d, Command::ApplyToAllMentions { id: "b".into(), clitics: Clitics::Strip });
        let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["SERGEI LAVROV"]);
        assert_eq!(got.report.summary.to_string(), "Labelled 1 more mention of Sergei Lavrov");
        // "للرئيس" is ل + الرئيس with the alef elided: the token is labelled whole.
        let got = run(&mut d, Command::ApplyToAllMentions { id: "c".into(), clitics: Clitics::Strip });
        let labelled: Vec<String> = got.report.created.iter().map(|id| text_of(&d, span_by_id(&d, id))).collect();
        assert_eq!(labelled, vec!["للرئيس"]);
    }

    #[test]
    fn apply_to_all_mentions_scales() {
        // 100,000+ characters, 5,000 spans.
        let unit = "وقال الرئيس إن لروسيا حقا في ذلك، وأضاف أن روسيا لن تقبل. ";
        let mut text = String::new();
        while text.chars().count() < 100_000 {
            text.push_str(unit);
        }
        let d = Document::new("big", "", "ar", text.as_str()).unwrap();
        let mut spans = Vec::new();
        for word in ["الرئيس", "حقا", "تقبل"] {
            for (b, _) in text.match_indices(word) {
                let s = text[..b].chars().count();
                let n = spans.len();
                spans.push(Span::new(format!("m{n}"), r(s, s + word.chars().count()), "PER", Origin::Model).unwrap());
            }
        }
        spans.truncate(5_000);
        assert_eq!(spans.len(), 5_000);
        let (a, b) = find(&text, "روسيا", 1);
        spans.push(Span::new("src", r(a, b), "LOC", Origin::Editor).unwrap());
        spans.sort_by_key(span_key);
        let mut d = d.with_annotations(spans, vec![]).unwrap();
        let mentions = text.matches("روسيا").count();
        let t = std::time::Instant::now();
        let got =
            apply(&mut d, Command::ApplyToAllMentions { id: "src".into(), clitics: Clitics::Strip }, None).unwrap();
        let took = t.elapsed();
        assert_eq!(got.report.count, mentions - 1);
        assert!(took.as_secs() < 10, "{took:?}");
        let mut h = History::new();
        let before = d.clone();
        h.record(got);
        h.undo(&mut d).unwrap();
        assert_ne!(d, before);
        h.redo(&mut d).unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn quote_edits() {
        let mut d = ar_doc();
        let (a, b) = find(AR, "روسيا مستعدة", 0);
        let got = run(&mut d, Command::AddQuote { start: a, end: b, kind: QuoteKind::Indirect });
        assert_eq!(got.report.created, vec!["q2"]);
        assert_eq!(d.quotes().iter().map(Quote::id).collect::<Vec<_>>(), vec!["q2", "q1"]);
        let q2 = d.quotes()[0].clone();
        assert_eq!((q2.origin(), q2.author(), q2.speaker()), (Origin::Editor, Some("ed"), None));
        assert_eq!(
            apply(&mut d, Command::AddQuote { start: a, end: b, kind: QuoteKind::Direct }, None).unwrap_err(),
            EditError::DuplicateQuote { start: a, end: b }
        );
        // Speaker by span: the name is the fullest mention.
        let got = run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Span("m2".into()) });
        assert_eq!(got.report.summary.to_string(), "Speaker: سيرغي لافروف");
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!(q.speaker().unwrap().span(), Some("m2"));
        assert_eq!(q.speaker_name(), Some("سيرغي لافروف"));
        // Speaker by range: linked to the span with that range, if any.
        let m1 = d.span("m1").unwrap().range();
        run(
            &mut d,
            Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: m1.start(), end: m1.end() } },
        );
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!(q.speaker().unwrap().span(), Some("m1"));
        let (x, y) = find(AR, "وزير الخارجية", 0);
        run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!((q.speaker().unwrap().span(), q.speaker_name()), (None, Some("وزير الخارجية")));
        let (x, y) = find(AR, "وأكد", 0);
        run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!(q.speaker_name(), Some("وأكد"));
        run(&mut d, Command::AddSpan { start: x + 1, end: y, label: "ORG".into() });
        run(&mut d, Command::AddSpan { start: x + 1, end: y + 7, label: "ORG".into() });
        run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Range { start: x, end: y } });
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!(q.speaker_name(), Some("أكد لافروف"));
        run(&mut d, Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::None });
        let q = d.quotes().iter().find(|q| q.id() == "q2").unwrap();
        assert_eq!((q.speaker(), q.speaker_name()), (None, None));
        assert!(apply(
            &mut d,
            Command::SetSpeaker { quote: "q2".into(), speaker: SpeakerRef::Span("nope".into()) },
            None
        )
        .is_err());
        assert!(apply(&mut d, Command::SetSpeaker { quote: "nope".into(), speaker: SpeakerRef::None }, None).is_err());
        // Kind, boundaries, accept, remove.
        let got = run(&mut d, Command::SetQuoteKind { id: "q1".into(), kind: QuoteKind::Mixed });
        assert_eq!(got.report.summary.to_string(), "Made the quote mixed");
        let q1 = d.quotes().iter().find(|q| q.id() == "q1").unwrap();
        assert_eq!((q1.kind(), q1.origin(), q1.confidence()), (QuoteKind::Mixed, Origin::Editor, None));
        assert_eq!(q1.speaker().unwrap().span(), Some("m2"));
        run(&mut d, Command::SetQuoteRange { id: "q1".into(), start: 0, end: 3 });
        assert_eq!(d.quotes().iter().map(Quote::id).collect::<Vec<_>>(), vec!["q1", "q2"]);
        assert!(apply(&mut d, Command::SetQuoteRange { id: "q2".into(), start: 0, end: 3 }, None).is_err());
        assert_eq!(
            apply(&mut d, Command::AcceptQuote { id: "q1".into() }, None).unwrap_err(),
            EditError::QuoteNotASuggestion("q1".into())
        );
        let got = run(&mut d, Command::RemoveQuote { id: "q1".into() });
        assert_eq!(got.report.summary.to_string(), "Removed the quote “قال”");
        assert_eq!(d.quotes().len(), 1);
    }

    #[test]
    fn accepting_a_quote_keeps_its_confidence() {
        let mut d = ar_doc();
        run(&mut d, Command::AcceptQuote { id: "q1".into() });
        let q = &d.quotes()[0];
        assert_eq!((q.origin(), q.author(), q.confidence()), (Origin::Editor, Some("ed"), Some(0.8)));
    }

    #[test]
    fn status_and_labels() {
        let mut d = ar_doc();
        let got = run(&mut d, Command::SetStatus(Status::Done));
        assert_eq!((got.report.summary.to_string().as_str(), d.status()), ("Marked done", Status::Done));
        assert!(!run(&mut d, Command::SetStatus(Status::Done)).report.changed);
        // Rename keeps origins; an exact duplicate it makes is merged into the earlier span and
        // the speaker follows.
        let m2 = d.span("m2").unwrap().range();
        run(&mut d, Command::AddSpan { start: m2.start(), end: m2.end(), label: "NAME".into() });
        run(&mut d, Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span("e1".into()) });
        let got = run(&mut d, Command::RenameLabel { from: "PER".into(), to: "NAME".into() });
        assert_eq!(got.report.summary.to_string(), "Renamed PER to NAME on 2 spans");
        assert!(d.span("e1").is_none());
        assert_eq!(span_by_id(&d, "m1").origin(), Origin::Model);
        assert_eq!(span_by_id(&d, "m2").origin(), Origin::Model);
        assert_eq!(d.quotes()[0].speaker().unwrap().span(), Some("m2"));
        assert!(!run(&mut d, Command::RenameLabel { from: "NOPE".into(), to: "X".into() }).report.changed);
        assert_eq!(
            apply(&mut d, Command::RenameLabel { from: "NAME".into(), to: String::new() }, None).unwrap_err(),
            EditError::EmptyLabel
        );
        // Delete: relabel or remove.
        let got =
            run(&mut d, Command::DeleteLabel { name: "NAME".into(), policy: DeletePolicy::RelabelTo("PER".into()) });
        assert_eq!(got.report.summary.to_string(), "Deleted NAME; 2 spans are now PER");
        assert_eq!(
            apply(
                &mut d,
                Command::DeleteLabel { name: "PER".into(), policy: DeletePolicy::RelabelTo("PER".into()) },
                None
            )
            .unwrap_err(),
            EditError::RelabelToSelf("PER".into())
        );
        let got = run(&mut d, Command::DeleteLabel { name: "PER".into(), policy: DeletePolicy::RemoveSpans });
        assert_eq!(got.report.summary.to_string(), "Deleted PER and 2 spans");
        assert_eq!(d.spans().len(), 1);
        assert_eq!(d.quotes()[0].speaker().unwrap().span(), None);
    }

    #[test]
    fn batches_are_atomic_and_one_step() {
        let mut d = ar_doc();
        let before = d.clone();
        let bad = Command::Batch(vec![
            Command::AcceptAll,
            Command::AddSpan { start: 0, end: 3, label: "X".into() },
            Command::RemoveSpan { id: "nope".into() },
        ]);
        assert_eq!(apply(&mut d, bad, None).unwrap_err(), EditError::UnknownSpan("nope".into()));
        assert_eq!(d, before);
        let mut h = History::new();
        let good = Command::Batch(vec![
            Command::AddSpan { start: 0, end: 3, label: "X".into() },
            Command::Relabel { id: "e1".into(), label: "Y".into() },
            Command::SetStatus(Status::InProgress),
        ]);
        let got = h.apply(&mut d, good, None).unwrap();
        assert_eq!(got.summary.to_string(), "Labelled قال X; Relabelled قال X → Y; Marked in progress");
        assert_eq!(h.len(), 1);
        h.undo(&mut d).unwrap();
        assert_eq!(d, before);
        assert!(!h.apply(&mut d, Command::Batch(vec![]), None).unwrap().changed);
        assert!(!h.can_undo());
    }

    #[test]
    fn history_undo_redo_cap_and_staleness() {
        let mut d = Document::new("d", "", "en", "one two three four five").unwrap();
        let mut h = History::with_cap(3);
        let states: Vec<Document> = (0..5)
            .map(|i| {
                h.apply(&mut d, Command::AddSpan { start: i, end: i + 1, label: "X".into() }, None).unwrap();
                d.clone()
            })
            .collect();
        assert_eq!(h.len(), 3);
        assert_eq!(h.undo_summary().map(|s| s.to_string()).as_deref(), Some("Labelled t X"));
        h.undo(&mut d).unwrap();
        assert_eq!(d, states[3]);
        assert_eq!(h.redo_summary().map(|s| s.to_string()).as_deref(), Some("Labelled t X"));
        h.redo(&mut d).unwrap();
        assert_eq!(d, states[4]);
        for _ in 0..3 {
            assert!(h.undo(&mut d).unwrap().is_some());
        }
        assert_eq!(d, states[1]);
        assert_eq!(h.undo(&mut d).unwrap(), None);
        // A new command clears the redo stack.
        h.apply(&mut d, Command::SetStatus(Status::Done), None).unwrap();
        assert!(!h.can_redo());
        assert_eq!(h.redo(&mut d).unwrap(), None);
        // A document changed behind the history's back is refused, unchanged, and the step stays.
        let mut other = Document::new("d", "", "en", "x").unwrap();
        h.apply(&mut d, Command::AddSpan { start: 10, end: 12, label: "X".into() }, None).unwrap();
        let before = other.clone();
        assert!(h.undo(&mut other).is_err());
        assert_eq!(other, before);
        assert!(h.can_undo());
        h.clear();
        assert!(h.is_empty());
    }

    fn snapped(text: &str, sel: (usize, usize), mode: Snap, clitics: Clitics) -> Option<String> {
        snap(text, sel.0, sel.1, mode, clitics).map(|(a, b)| text.chars().skip(a).take(b - a).collect())
    }

    #[test]
    fn snapping_arabic_clitics() {
        let text = "قال بوتين إن روسيا ولبنان؛ وبوتين لروسيا بالقاهرة وللرئيس لبنان بريطانيا.";
        let t = |w: &str, c| snapped(text, find(text, w, 0), Snap::Tokens, c);
        let s = Clitics::Strip;
        assert_eq!(t("لروسيا", s).as_deref(), Some("روسيا"));
        assert_eq!(t("وبوتين", s).as_deref(), Some("بوتين"));
        assert_eq!(t("بالقاهرة", s).as_deref(), Some("القاهرة"));
        assert_eq!(t("وللرئيس", s).as_deref(), Some("للرئيس"));
        // No evidence that these begin with a proclitic: kept whole.
        assert_eq!(t("لبنان بريطانيا", s).as_deref(), Some("لبنان بريطانيا"));
        assert_eq!(t("بريطانيا", s).as_deref(), Some("بريطانيا"));
        assert_eq!(t("لروسيا", Clitics::Keep).as_deref(), Some("لروسيا"));
        // Part of a word widens to the word; "ولبنان" loses و since "لبنان" is a word of the text.
        let (a, _) = find(text, "ولبنان", 0);
        assert_eq!(snapped(text, (a + 3, a + 5), Snap::Tokens, s).as_deref(), Some("لبنان"));
        // A selection starting right after a proclitic is kept, evidence or not.
        let (a, b) = find(text, "بريطانيا", 0);
        assert_eq!(snapped(text, (a + 1, b), Snap::Tokens, s).as_deref(), Some("ريطانيا"));
        assert_eq!(snapped(text, (a + 1, b), Snap::Tokens, Clitics::Keep).as_deref(), Some("بريطانيا"));
        let (a, b) = find(text, "بالقاهرة", 0);
        assert_eq!(snapped(text, (a + 2, b), Snap::Tokens, s).as_deref(), Some("القاهرة"));
    }

    /// The word keys a proclitic decision looks stems up in are those of the text at hand, even
    /// though the last text's keys are kept: "لبنان" keeps its ل unless "بنان" is a word of the text.
    #[test]
    fn stem_lookup_follows_the_text_at_hand() {
        let a = "ذهب إلى لبنان أمس";
        let b = "بنان و لبنان أمس";
        for _ in 0..2 {
            assert_eq!(snap(a, 8, 13, Snap::Tokens, Clitics::Strip), Some((8, 13)));
            assert_eq!(snap(b, 7, 12, Snap::Tokens, Clitics::Strip), Some((8, 12)));
        }
    }

    #[test]
    fn snapping_reads_only_around_the_selection_and_counts_code_points_from_the_start() {
        // The same selection snaps the same way after a long prefix (with multi-byte characters),
        // shifted by the prefix's length in code points; the edges of the text are handled.
        let text = "«الكرملين»، قال 👍🏽 لروسيا وبريطانيا: (Lavrov) \"NATO\"";
        let prefix = "قال الوزير 👍🏽 Lopez\n".repeat(300);
        let shift = prefix.chars().count();
        let long = format!("{prefix}{text}");
        let n = text.chars().count();
        for a in 0..=n {
            for b in [a, a + 1, a + 3, a + 9, n, n + 5] {
                for mode in [Snap::Tokens, Snap::Exact] {
                    for clitics in [Clitics::Strip, Clitics::Keep] {
                        let here = snap(text, a, b, mode, clitics);
                        let there =
                            snap(&long, shift + a, shift + b, mode, clitics).map(|(s, e)| (s - shift, e - shift));
                        // Only the clitic choice may differ: it asks whether the stem is a word of
                        // the whole text, and the prefix has other words.
                        if clitics == Clitics::Keep || here.is_none() {
                            assert_eq!(here, there, "{a}..{b} {mode:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(snap(text, n + 3, n + 9, Snap::Exact, Clitics::Strip), None);
        assert_eq!(snap("", 0, 4, Snap::Tokens, Clitics::Strip), None);
    }

    #[test]
    fn snapping_punctuation_emoji_and_marks() {
        let text = "«الكرملين»، قال 👍🏽 مُحَمَّدٌ: (Lavrov) \"NATO\" ؟";
        let (a, b) = find(text, "«الكرملين»،", 0);
        assert_eq!(snapped(text, (a, b), Snap::Tokens, Clitics::Strip).as_deref(), Some("الكرملين"));
        let (a, b) = find(text, "👍🏽 مُحَمَّدٌ:", 0);
        let got = snap(text, a, b, Snap::Tokens, Clitics::Strip).unwrap();
        // Code points: the emoji and its modifier count two.
        assert_eq!(got, (a + 3, a + 3 + "مُحَمَّدٌ".chars().count()));
        // A selection ending between a letter and its marks takes the marks.
        let (m, _) = find(text, "مُحَمَّدٌ", 0);
        assert_eq!(snapped(text, (m, m + 3), Snap::Tokens, Clitics::Strip).as_deref(), Some("مُحَمَّدٌ"));
        let (a, b) = find(text, "(Lavrov) \"NATO\" ؟", 0);
        assert_eq!(snapped(text, (b, a), Snap::Tokens, Clitics::Strip).as_deref(), Some("Lavrov) \"NATO"));
        let (a, b) = find(text, "\"NATO\"", 0);
        assert_eq!(snapped(text, (a, b), Snap::Tokens, Clitics::Strip).as_deref(), Some("NATO"));
        let (a, b) = find(text, " ؟", 0);
        assert_eq!(snap(text, a, b, Snap::Tokens, Clitics::Strip), None);
        assert_eq!(snap(text, 3, 3, Snap::Tokens, Clitics::Strip), None);
        // Exact keeps characters, trimming only whitespace.
        let (a, b) = find(text, " قال 👍", 0);
        assert_eq!(snapped(text, (a, b), Snap::Exact, Clitics::Strip).as_deref(), Some("قال 👍"));
        assert_eq!(snap(text, a, a + 1, Snap::Exact, Clitics::Strip), None);
        assert_eq!(snap("ab", 0, 99, Snap::Exact, Clitics::Strip), Some((0, 2)));
    }

    #[test]
    fn stepping_boundaries() {
        let text = "قال سيرغي لافروف، 👍🏽 إن مُحَمَّدٌ";
        let (s, e) = find(text, "سيرغي", 0);
        let (l0, l1) = find(text, "لافروف", 0);
        assert_eq!(step_token(text, e, true, Edge::End), l1);
        assert_eq!(step_token(text, l1, false, Edge::End), e);
        assert_eq!(step_token(text, s, true, Edge::Start), l0);
        assert_eq!(step_token(text, s, false, Edge::Start), 0);
        assert_eq!(step_token(text, 0, false, Edge::Start), 0);
        // Punctuation is stepped over; emoji are tokens.
        let (em, _) = find(text, "👍🏽", 0);
        assert_eq!(step_token(text, l1, true, Edge::End), em + 2);
        let n = text.chars().count();
        assert_eq!(step_token(text, n, true, Edge::End), n);
        // Characters: marks stay with their letter.
        let (m, _) = find(text, "مُحَمَّدٌ", 0);
        assert_eq!(step_char(text, m, true), m + 2);
        assert_eq!(step_char(text, m + 2, false), m);
        assert_eq!(step_char(text, n, true), n);
        assert_eq!(step_char(text, 0, false), 0);
        // A long gap without tokens still finds the next one.
        let far = format!("a{}b", " ".repeat(500));
        assert_eq!(step_token(&far, 1, true, Edge::End), 502);
        assert_eq!(step_token(&far, 502, false, Edge::Start), 501);
        assert_eq!(step_token(&far, 501, false, Edge::Start), 0);
    }

    #[test]
    fn reading_order_and_tab() {
        let d = Document::new("d", "", "en", "Sergei Lavrov met Putin").unwrap();
        let spans = vec![
            Span::new("c", r(18, 23), "PER", Origin::Editor).unwrap(),
            Span::new("b", r(7, 13), "PER", Origin::Editor).unwrap(),
            Span::new("a", r(0, 13), "PER", Origin::Editor).unwrap(),
            Span::new("a2", r(0, 13), "ORG", Origin::Editor).unwrap(),
        ];
        let d = d.with_annotations(spans, vec![]).unwrap();
        assert_eq!(reading_order(&d), vec!["a", "a2", "b", "c"]);
        assert_eq!(next_span(&d, None, true), Some("a"));
        assert_eq!(next_span(&d, None, false), Some("c"));
        assert_eq!(next_span(&d, Some("a"), true), Some("a2"));
        assert_eq!(next_span(&d, Some("a2"), true), Some("b"));
        assert_eq!(next_span(&d, Some("b"), false), Some("a2"));
        assert_eq!(next_span(&d, Some("c"), true), None);
        assert_eq!(next_span(&d, Some("a"), false), None);
        let empty = Document::new("e", "", "en", "x").unwrap();
        assert_eq!(next_span(&empty, None, false), None);
    }

    // Property tests: random command sequences keep the invariants and undo exactly.

    const PT: &str = "قال لافروف إن روسيا 👍🏽 ولروسيا مُحَمَّدٌ. Lavrov said Russia, russia!";

    fn pt_doc() -> Document {
        let d = Document::new("p", "", "ar", PT).unwrap();
        let spans = vec![
            Span::new("m1", r(4, 10), "PER", Origin::Model).unwrap().with_confidence(Some(0.5)).unwrap(),
            Span::new("s1", r(14, 19), "LOC", Origin::Import).unwrap(),
            Span::new("e2", r(14, 19), "ORG", Origin::Editor).unwrap().with_author(Some("x".into())),
        ];
        let q = Quote::new("q1", r(14, 30), QuoteKind::Indirect, Origin::Model)
            .unwrap()
            .with_cue(Some(r(0, 3)))
            .with_speaker(Some(Speaker::new(r(4, 10), Some("m1".into()))), Some("لافروف".into()));
        d.with_annotations(spans, vec![q]).unwrap()
    }

    fn span_id() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["m1", "s1", "e1", "e2", "e3", "e4", "e5", "nope"]).prop_map(str::to_string)
    }

    fn quote_id() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["q1", "q2", "q3", "zz"]).prop_map(str::to_string)
    }

    fn label() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["PER", "LOC", "ORG", ""]).prop_map(str::to_string)
    }

    fn kind() -> impl Strategy<Value = QuoteKind> {
        prop::sample::select(vec![QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed])
    }

    fn pos() -> impl Strategy<Value = usize> {
        0usize..75
    }

    fn leaf() -> impl Strategy<Value = Command> {
        prop_oneof![
            (pos(), pos(), label()).prop_map(|(start, end, label)| Command::AddSpan { start, end, label }),
            span_id().prop_map(|id| Command::RemoveSpan { id }),
            (span_id(), label()).prop_map(|(id, label)| Command::Relabel { id, label }),
            (span_id(), pos(), pos()).prop_map(|(id, start, end)| Command::SetSpanRange { id, start, end }),
            span_id().prop_map(|id| Command::AcceptSuggestion { id }),
            Just(Command::AcceptAll),
            (span_id(), any::<bool>()).prop_map(|(id, k)| Command::ApplyToAllMentions {
                id,
                clitics: if k { Clitics::Keep } else { Clitics::Strip }
            }),
            (pos(), pos(), kind()).prop_map(|(start, end, kind)| Command::AddQuote { start, end, kind }),
            quote_id().prop_map(|id| Command::RemoveQuote { id }),
            (quote_id(), kind()).prop_map(|(id, kind)| Command::SetQuoteKind { id, kind }),
            (quote_id(), pos(), pos()).prop_map(|(id, start, end)| Command::SetQuoteRange { id, start, end }),
            (quote_id(), span_id()).prop_map(|(quote, s)| Command::SetSpeaker { quote, speaker: SpeakerRef::Span(s) }),
            (quote_id(), pos(), pos()).prop_map(|(quote, start, end)| Command::SetSpeaker {
                quote,
                speaker: SpeakerRef::Range { start, end }
            }),
            quote_id().prop_map(|quote| Command::SetSpeaker { quote, speaker: SpeakerRef::None }),
            quote_id().prop_map(|id| Command::AcceptQuote { id }),
            prop::sample::select(vec![Status::New, Status::InProgress, Status::Done, Status::Skipped])
                .prop_map(Command::SetStatus),
            (label(), label()).prop_map(|(from, to)| Command::RenameLabel { from, to }),
            (label(), label(), any::<bool>()).prop_map(|(name, to, remove)| Command::DeleteLabel {
                name,
                policy: if remove { DeletePolicy::RemoveSpans } else { DeletePolicy::RelabelTo(to) }
            }),
        ]
    }

    fn command() -> impl Strategy<Value = Command> {
        prop_oneof![8 => leaf(), 1 => prop::collection::vec(leaf(), 0..4).prop_map(Command::Batch)]
    }

    #[derive(Debug, Clone)]
    enum Action {
        Do(Command),
        Undo,
        Redo,
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![6 => command().prop_map(Action::Do), 1 => Just(Action::Undo), 1 => Just(Action::Redo)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn commands_keep_invariants_and_undo_exactly(cmds in prop::collection::vec(command(), 0..30)) {
            let start = pt_doc();
            let mut doc = start.clone();
            let mut inverses = Vec::new();
            let mut ever: HashSet<String> = doc.spans().iter().map(|s| s.id().to_string()).collect();
            ever.extend(doc.quotes().iter().map(|q| q.id().to_string()));
            for cmd in cmds {
                let before = doc.clone();
                match apply(&mut doc, cmd, Some("p")) {
                    Ok(a) => {
                        check(&doc);
                        prop_assert_eq!(a.report.changed, doc != before);
                        for id in &a.report.created {
                            prop_assert!(ever.insert(id.clone()), "id {} reused", id);
                        }
                        inverses.push((a.inverse, before, doc.clone()));
                    }
                    Err(_) => prop_assert_eq!(&doc, &before),
                }
            }
            let end = doc.clone();
            let mut redos = Vec::new();
            for (inv, before, after) in inverses.into_iter().rev() {
                prop_assert_eq!(&doc, &after);
                redos.push(inv.apply(&mut doc).unwrap());
                check(&doc);
                prop_assert_eq!(&doc, &before);
            }
            prop_assert_eq!(&doc, &start);
            for redo in redos.into_iter().rev() {
                redo.apply(&mut doc).unwrap();
                check(&doc);
            }
            prop_assert_eq!(&doc, &end);
        }

        #[test]
        fn history_matches_a_model_of_states(actions in prop::collection::vec(action(), 0..40)) {
            let mut doc = pt_doc();
            let mut h = History::new();
            let (mut past, mut future): (Vec<Document>, Vec<Document>) = (Vec::new(), Vec::new());
            for act in actions {
                match act {
                    Action::Do(cmd) => {
                        let before = doc.clone();
                        match h.apply(&mut doc, cmd, None) {
                            Ok(rep) if rep.changed => {
                                past.push(before);
                                future.clear();
                            }
                            Ok(_) => prop_assert_eq!(&doc, &before),
                            Err(_) => prop_assert_eq!(&doc, &before),
                        }
                    }
                    Action::Undo => {
                        let now = doc.clone();
                        let done = h.undo(&mut doc).unwrap();
                        prop_assert_eq!(done.is_some(), !past.is_empty());
                        if let Some(prev) = past.pop() {
                            prop_assert_eq!(&doc, &prev);
                            future.push(now);
                        }
                    }
                    Action::Redo => {
                        let now = doc.clone();
                        let done = h.redo(&mut doc).unwrap();
                        prop_assert_eq!(done.is_some(), !future.is_empty());
                        if let Some(next) = future.pop() {
                            prop_assert_eq!(&doc, &next);
                            past.push(now);
                        }
                    }
                }
                check(&doc);
            }
        }

        #[test]
        fn snapping_stays_in_the_selection_text(a in 0usize..80, b in 0usize..80, exact: bool, keep: bool) {
            let mode = if exact { Snap::Exact } else { Snap::Tokens };
            let clitics = if keep { Clitics::Keep } else { Clitics::Strip };
            if let Some((s, e)) = snap(PT, a, b, mode, clitics) {
                let n = PT.chars().count();
                prop_assert!(s < e && e <= n);
                let chars: Vec<char> = PT.chars().collect();
                prop_assert!(!chars[s].is_whitespace() && !chars[e - 1].is_whitespace());
                if exact {
                    prop_assert!(s >= a.min(b) && e <= a.max(b));
                } else {
                    // Snapping twice changes nothing.
                    prop_assert_eq!(snap(PT, s, e, mode, clitics), Some((s, e)));
                }
            }
        }
    }
}
