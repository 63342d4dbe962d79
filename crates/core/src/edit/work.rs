//! Running a command: [`apply`] and each command's work, on the document in place through a
//! [`Tx`].

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{
    seq_number, Curation, Document, IdSeq, ModelError, Origin, Quote, QuoteKind, Range, Span, Speaker, Status,
};
use crate::offsets::cp_slice;

use super::command::{Command, DeletePolicy, EditError, Entry, Patch, SpeakerRef};
use super::mentions;
use super::snap::Clitics;
use super::summary::{preview, Summary};
use super::tx::{Inverse, Tx};

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
    let old_curation = doc.shared_curation().cloned();
    let marks_edits = super::curate::marks_edits(&cmd);
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
    let Work { tx, status, seq, created, curation, .. } = w;
    let (spans, quotes) = tx.finish();
    doc.set_status(status);
    doc.raise_id_seq(seq);
    let curation =
        if marks_edits { super::curate::mark_edited(doc, curation, spans.as_ref(), quotes.as_ref()) } else { curation };
    let curation_changed = match (&old_curation, &curation) {
        (Some(a), Some(b)) => !Arc::ptr_eq(a, b) && a != b,
        (None, None) => false,
        _ => true,
    };
    let curation = curation_changed.then(|| doc.set_curation(curation));
    let inverse = Inverse { spans, quotes, status: (old_status != status).then_some(old_status), curation };
    let changed = !inverse.is_empty();
    Ok(Applied { inverse, report: Report { summary, created, count: if changed { count } else { 0 }, changed } })
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

/// A command running on a document, changing it in place through a [`Tx`].
pub(super) struct Work<'a, 'd> {
    pub(super) tx: Tx<'d>,
    text: &'a str,
    /// The text's code points, collected the first time a command needs them.
    chars: &'a OnceCell<Vec<char>>,
    len: usize,
    status: Status,
    seq: IdSeq,
    author: Option<Arc<str>>,
    pub(super) created: Vec<String>,
    /// The curation record as the command leaves it (the curation commands change it).
    pub(super) curation: Option<Arc<Curation>>,
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
            curation: doc.shared_curation().cloned(),
            tx: Tx::new(doc),
        }
    }

    pub(super) fn spans(&self) -> &[Span] {
        self.tx.spans()
    }

    pub(super) fn quotes(&self) -> &[Quote] {
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

    pub(super) fn slice(&self, r: Range) -> String {
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

    pub(super) fn new_span_id(&mut self) -> String {
        self.seq.span += 1;
        self.seq.id("e", self.seq.span)
    }

    pub(super) fn new_quote_id(&mut self) -> String {
        self.seq.quote += 1;
        self.seq.id("q", self.seq.quote)
    }

    fn set_span(&mut self, i: usize, s: Span) -> Result<(), EditError> {
        self.tx.splice_spans(i, 1, vec![s]).map(drop)
    }

    fn set_quote(&mut self, i: usize, q: Quote) -> Result<(), EditError> {
        self.tx.splice_quotes(i, 1, vec![q]).map(drop)
    }

    /// Inserts where the span belongs in the canonical order ([`Span::order_key`]), after the
    /// spans with the same key. The list is sorted by that key (the model's invariant), so a
    /// binary search finds the place.
    pub(super) fn insert_span(&mut self, s: Span) -> Result<(), EditError> {
        let k = s.order_key();
        let at = self.spans().partition_point(|x| x.order_key() <= k);
        self.tx.splice_spans(at, 0, vec![s]).map(drop)
    }

    /// Inserts where the quote belongs in the canonical order ([`Quote::order_key`]), after the
    /// quotes with the same key.
    pub(super) fn insert_quote(&mut self, q: Quote) -> Result<(), EditError> {
        let k = q.order_key();
        let at = self.quotes().partition_point(|x| x.order_key() <= k);
        self.tx.splice_quotes(at, 0, vec![q]).map(drop)
    }

    /// Puts the changed span `s` (at index `i`) where it belongs in the canonical order: in its
    /// place when that is where it belongs, else removed and inserted again.
    fn move_span(&mut self, i: usize, s: Span) -> Result<(), EditError> {
        let k = s.order_key();
        let spans = self.spans();
        let fits = (i == 0 || spans[i - 1].order_key() <= k) && spans.get(i + 1).is_none_or(|n| n.order_key() > k);
        if fits {
            return self.set_span(i, s);
        }
        self.tx.splice_spans(i, 1, Vec::new())?;
        self.insert_span(s)
    }

    /// Quotes whose speaker is a span `from` of `moves` now name the span `to` (same range), or
    /// no span; the speaker's range and name stay.
    pub(super) fn relink_speakers(&mut self, moves: &HashMap<String, Option<String>>) -> Result<(), EditError> {
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

    /// The fullest mention of a speaker (see [`mentions::fullest_name`]).
    fn fullest_name(&self, label: Option<&str>, speaker: Range) -> String {
        mentions::fullest_name(self.chars(), self.spans(), label, speaker)
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
            Command::SetSpeakerName { quotes, name } => self.set_speaker_name(&quotes, name),
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
            Command::BeginCuration { strategy, author } => self.begin_curation(strategy, author),
            Command::Resolve { what, start, end, decision } => self.resolve(what, start, end, decision),
            Command::DeleteLabel { name, policy } => self.delete_label(&name, policy),
            Command::Put(patch) => self.put(patch),
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
        let found = mentions::other_mentions(self.chars(), src, self.spans(), clitics)?;
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
        crate::model::sort_spans(&mut new);
        // Merge without reordering the spans already there.
        let old = self.spans();
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut new = new.into_iter().peekable();
        for s in old {
            while let Some(x) = new.next_if(|x| x.order_key() < s.order_key()) {
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

    /// Names the speakers of `quotes` `name` (trimmed), or back their fullest mention.
    fn set_speaker_name(&mut self, quotes: &[String], name: Option<String>) -> Result<(Summary, usize), EditError> {
        let name = match name {
            Some(n) if n.trim().is_empty() => return Err(EditError::EmptySpeakerName),
            n => n.map(|n| n.trim().to_string()),
        };
        let mut changes: Vec<(usize, Quote)> = Vec::new();
        let mut shown = None;
        for id in quotes {
            let i = self.quote_at(id)?;
            if changes.iter().any(|(k, _)| *k == i) {
                continue;
            }
            let q = &self.quotes()[i];
            let sp = q.speaker().ok_or_else(|| EditError::NoSpeaker(id.clone()))?;
            let new = match &name {
                Some(n) => n.clone(),
                None => {
                    let label = sp
                        .span()
                        .and_then(|sid| self.spans().iter().find(|s| s.id() == sid))
                        .map(|s| s.label().to_string());
                    self.fullest_name(label.as_deref(), sp.range())
                }
            };
            shown.get_or_insert_with(|| new.clone());
            if q.speaker_name() == Some(new.as_str()) {
                continue;
            }
            let mut parts = QuoteParts::of(q).edited(self.author.as_ref());
            parts.name = Some(new);
            changes.push((i, parts.build()?));
        }
        if changes.is_empty() {
            return Ok((Summary::SpeakerUnchanged, 0));
        }
        let n = changes.len();
        for (i, q) in changes {
            self.set_quote(i, q)?;
        }
        Ok((Summary::Speaker { name: preview(&shown.unwrap_or_default()) }, n))
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

    // ---- sync (issue 17): values given by id ----
    /// Puts a patch's values by id (see [`Patch`]).
    fn put(&mut self, p: Patch) -> Result<(Summary, usize), EditError> {
        let Patch { spans, quotes, status } = p;
        let spans = last_by_id(spans, |e| e.id().to_string());
        let quotes = last_by_id(quotes, |e| e.id().to_string());
        let mut n = 0;
        let mut gone: HashMap<String, Option<String>> = HashMap::new();
        if spans.len() > 16 {
            n += self.put_spans_at_once(&spans, &mut gone)?;
        } else {
            for e in spans {
                let at = self.spans().iter().position(|s| s.id() == e.id());
                match (e, at) {
                    (Entry::Remove(id), Some(i)) => {
                        self.tx.splice_spans(i, 1, Vec::new())?;
                        gone.insert(id, None);
                        n += 1;
                    }
                    (Entry::Remove(_), None) => {}
                    (Entry::Put(s), Some(i)) if self.spans()[i] == s => {}
                    (Entry::Put(s), at) => {
                        if let Some(i) = at {
                            self.tx.splice_spans(i, 1, Vec::new())?;
                        }
                        self.note_span_id(s.id());
                        let at = place(self.spans(), &s, Span::order_key, Span::id);
                        self.tx.splice_spans(at, 0, vec![s])?;
                        n += 1;
                    }
                }
            }
        }
        // Quotes the patch does not name keep a removed speaker's range without the link.
        self.relink_speakers(&gone)?;
        for e in quotes {
            let at = self.quotes().iter().position(|q| q.id() == e.id());
            match (e, at) {
                (Entry::Remove(_), Some(i)) => {
                    self.tx.splice_quotes(i, 1, Vec::new())?;
                    n += 1;
                }
                (Entry::Remove(_), None) => {}
                (Entry::Put(q), Some(i)) if self.quotes()[i] == q => {}
                (Entry::Put(q), at) => {
                    if let Some(i) = at {
                        self.tx.splice_quotes(i, 1, Vec::new())?;
                    }
                    self.note_quote_id(q.id());
                    let at = place(self.quotes(), &q, Quote::order_key, Quote::id);
                    self.tx.splice_quotes(at, 0, vec![q])?;
                    n += 1;
                }
            }
        }
        if let Some(st) = status {
            if st != self.status {
                self.status = st;
                n += 1;
            }
        }
        Ok((Summary::Changes { n }, n))
    }

    /// A large patch of spans: the list rebuilt once (one splice of the stretch that differs)
    /// rather than a splice per span.
    fn put_spans_at_once(
        &mut self,
        spans: &[Entry<Span>],
        gone: &mut HashMap<String, Option<String>>,
    ) -> Result<usize, EditError> {
        let named: HashMap<&str, &Entry<Span>> = spans.iter().map(|e| (e.id(), e)).collect();
        let mut n = 0;
        let mut kept = Vec::with_capacity(self.spans().len() + spans.len());
        for s in self.spans() {
            match named.get(s.id()) {
                None => kept.push(s.clone()),
                Some(Entry::Remove(id)) => {
                    gone.insert(id.clone(), None);
                    n += 1;
                }
                Some(Entry::Put(x)) => n += usize::from(x != s),
            }
        }
        let had: HashSet<&str> = self.spans().iter().map(Span::id).collect();
        let mut new: Vec<Span> = spans
            .iter()
            .filter_map(|e| match e {
                Entry::Put(s) => Some(s.clone()),
                Entry::Remove(_) => None,
            })
            .collect();
        n += new.iter().filter(|s| !had.contains(s.id())).count();
        for s in &new {
            self.note_span_id(s.id());
        }
        new.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
        let mut merged = Vec::with_capacity(kept.len() + new.len());
        let mut new = new.into_iter().peekable();
        for s in kept {
            while let Some(x) = new.next_if(|x| (x.order_key(), x.id()) < (s.order_key(), s.id())) {
                merged.push(x);
            }
            merged.push(s);
        }
        merged.extend(new);
        self.tx.replace_spans(merged)?;
        Ok(n)
    }

    fn note_span_id(&mut self, id: &str) {
        self.seq.span = self.seq.span.max(seq_number(id, 'e').unwrap_or(0));
    }

    fn note_quote_id(&mut self, id: &str) {
        self.seq.quote = self.seq.quote.max(seq_number(id, 'q').unwrap_or(0));
    }
    // ---- end sync ----
}

// ---- sync (issue 17) ----
/// The entries of a patch list, the last one for each id, in the order of those last entries.
fn last_by_id<T>(entries: Vec<T>, id: impl Fn(&T) -> String) -> Vec<T> {
    let last: HashMap<String, usize> = entries.iter().enumerate().map(|(i, e)| (id(e), i)).collect();
    entries.into_iter().enumerate().filter(|(i, e)| last.get(&id(e)) == Some(i)).map(|(_, e)| e).collect()
}

/// Where a put value goes in `list`: after the annotations with a smaller key, and among those
/// with the same key (the same range) after those with a smaller id.
fn place<T, K: Ord>(list: &[T], x: &T, key: impl Fn(&T) -> K, id: impl Fn(&T) -> &str) -> usize {
    let k = key(x);
    let mut at = list.partition_point(|y| key(y) < k);
    while at < list.len() && key(&list[at]) == k && id(&list[at]) < id(x) {
        at += 1;
    }
    at
}
// ---- end sync ----
