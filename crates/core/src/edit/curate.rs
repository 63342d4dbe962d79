//! Curation as editing commands: beginning the curation of a document's annotators' layers
//! ([`Command::BeginCuration`]), settling a position where they disagree ([`Command::Resolve`]),
//! and recording as settled by editing the positions whose gold another command changed.
//!
//! The layers never change; the gold (the document's own spans and quotes) changes through the
//! same checked splices as every command, and the curation record is part of the command's
//! [`Inverse`](super::Inverse), so undo restores both exactly. A position is identified by what it
//! is about (spans or quotes) and its extent, as [`agree::positions`](crate::agree::positions)
//! computes it from the layers: the layers are read-only, so the positions do not move.

use std::collections::HashMap;
use std::sync::Arc;

use crate::agree::{positions, premerge};
use crate::model::{Curation, Decision, Document, Origin, Quote, Range, Resolved, Span, Speaker, Strategy, What};

use super::command::{Command, EditError};
use super::summary::{preview, Summary};
use super::tx::Splice;
use super::work::Work;

/// True for the commands after which the positions whose gold they changed are recorded as
/// settled by editing: the editor's commands, not the curation commands (they record their own
/// decision), nor a label renamed or deleted across the project (a change of the schema, not a
/// decision about a position), nor a status. A batch marks when one of its parts does and none is
/// a curation command.
pub(super) fn marks_edits(cmd: &Command) -> bool {
    fn curation(cmd: &Command) -> bool {
        match cmd {
            Command::BeginCuration { .. } | Command::Resolve { .. } => true,
            Command::Batch(v) => v.iter().any(curation),
            _ => false,
        }
    }
    fn edits(cmd: &Command) -> bool {
        match cmd {
            Command::BeginCuration { .. }
            | Command::Resolve { .. }
            | Command::RenameLabel { .. }
            | Command::DeleteLabel { .. }
            | Command::SetStatus(_) => false,
            Command::Batch(v) => v.iter().any(edits),
            _ => true,
        }
    }
    edits(cmd) && !curation(cmd)
}

/// The ranges a finished command changed in a list: those of the items it removed (the inverse
/// splice's) and of the items now in their place.
fn changed<T>(splice: Option<&Splice<T>>, now: &[T], range: impl Fn(&T) -> Range) -> Vec<Range> {
    let Some(sp) = splice else { return Vec::new() };
    let new = now.get(sp.at..sp.at + sp.remove).unwrap_or_default();
    sp.insert.iter().chain(new).map(range).collect()
}

/// `curation` with every position of `doc` whose gold the last command changed (`spans` and
/// `quotes`: the command's inverse splices) recorded as settled by editing.
pub(super) fn mark_edited(
    doc: &Document,
    curation: Option<Arc<Curation>>,
    spans: Option<&Splice<Span>>,
    quotes: Option<&Splice<Quote>>,
) -> Option<Arc<Curation>> {
    let cur = curation?;
    if spans.is_none() && quotes.is_none() {
        return Some(cur);
    }
    let span_ranges = changed(spans, doc.spans(), Span::range);
    let quote_ranges = changed(quotes, doc.quotes(), Quote::range);
    let mut out: Option<Curation> = None;
    for p in positions(doc, cur.strategy()) {
        let ranges = match p.what {
            What::Span => &span_ranges,
            What::Quote => &quote_ranges,
        };
        let touched = ranges.iter().any(|r| r.start() < p.end && p.start < r.end());
        let now = out.as_ref().unwrap_or(&cur);
        if !touched || now.decision(p.what, p.start, p.end) == Some(&Decision::Edited) {
            continue;
        }
        if let Ok(r) = Resolved::new(p.what, p.start, p.end, Decision::Edited) {
            out = Some(out.unwrap_or_else(|| (*cur).clone()).with(r));
        }
    }
    Some(out.map_or(cur, Arc::new))
}

/// A quote as compared when settling: range, kind, speaker range.
fn quote_key(q: &Quote) -> (Range, crate::model::QuoteKind, Option<Range>) {
    (q.range(), q.kind(), q.speaker().map(Speaker::range))
}

impl Work<'_, '_> {
    /// [`Command::BeginCuration`].
    pub(super) fn begin_curation(&mut self, strategy: Strategy, author: String) -> Result<(Summary, usize), EditError> {
        let gold = premerge(self.tx.doc(), strategy, &author).ok_or(EditError::NoLayers)?;
        let curation = match &self.curation {
            Some(c) => (**c).clone().with_strategy(strategy),
            None => Curation::new(strategy, author)?,
        };
        let who = Some(curation.author().to_string());
        let mut added = 0;
        for s in gold.document.spans() {
            if self.spans().iter().any(|g| g.range() == s.range() && g.label() == s.label()) {
                continue;
            }
            let id = self.new_span_id();
            self.insert_span(Span::new(id, s.range(), s.label(), Origin::Import)?.with_author(who.clone()))?;
            added += 1;
        }
        for q in gold.document.quotes() {
            if self.quotes().iter().any(|g| g.range() == q.range()) {
                continue;
            }
            let id = self.new_quote_id();
            let speaker = q.speaker().map(|sp| {
                let link = self.spans().iter().find(|s| s.range() == sp.range()).map(|s| s.id().to_string());
                Speaker::new(sp.range(), link)
            });
            let quote = Quote::new(id, q.range(), q.kind(), Origin::Import)?
                .with_cue(q.cue())
                .with_speaker(speaker, q.speaker_name().map(str::to_string))
                .with_author(who.clone());
            self.insert_quote(quote)?;
            added += 1;
        }
        let new_record = self.curation.as_deref() != Some(&curation);
        self.curation = Some(Arc::new(curation));
        let summary = Summary::CurationBegun { added, positions: gold.disagreements.len() };
        Ok((summary, added + usize::from(new_record)))
    }

    /// [`Command::Resolve`].
    pub(super) fn resolve(
        &mut self,
        what: What,
        start: usize,
        end: usize,
        decision: Decision,
    ) -> Result<(Summary, usize), EditError> {
        let cur = self.curation.clone().ok_or(EditError::NotCurating)?;
        let doc = self.tx.doc();
        if !positions(doc, cur.strategy()).iter().any(|p| p.what == what && p.start == start && p.end == end) {
            return Err(EditError::UnknownPosition { what, start, end });
        }
        let extent = Range::new(start, end)?;
        let (spans, quotes) = match &decision {
            Decision::Accepted(a) => {
                let l = doc.layer(a).ok_or_else(|| EditError::UnknownAnnotator(a.clone()))?;
                let spans: Vec<Span> = l.spans().iter().filter(|s| s.range().overlaps(&extent)).cloned().collect();
                let quotes: Vec<Quote> = l.quotes().iter().filter(|q| q.range().overlaps(&extent)).cloned().collect();
                (spans, quotes)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let n = match (&decision, what) {
            (Decision::Edited, _) => 0,
            (_, What::Span) => self.settle_spans(extent, spans, cur.author())?,
            (_, What::Quote) => self.settle_quotes(extent, quotes, cur.author())?,
        };
        let text = preview(&self.slice(extent));
        let new_record = cur.decision(what, start, end) != Some(&decision);
        let record = Resolved::new(what, start, end, decision.clone())?;
        self.curation = Some(Arc::new((*cur).clone().with(record)));
        Ok((Summary::Settled { decision, text }, n + usize::from(new_record)))
    }

    /// Makes the gold's spans overlapping `extent` those of `with` (a layer's): a gold span with
    /// the range and label of one of them stays, the others go, the missing ones come (origin
    /// editor, the curator's). A speaker that named a span gone names the new span with its range,
    /// or keeps its range alone. Returns how many spans went and came.
    fn settle_spans(&mut self, extent: Range, with: Vec<Span>, author: &str) -> Result<usize, EditError> {
        let same = |a: &Span, b: &Span| a.range() == b.range() && a.label() == b.label();
        let gone: Vec<usize> = (0..self.spans().len())
            .filter(|&i| self.spans()[i].range().overlaps(&extent) && !with.iter().any(|w| same(w, &self.spans()[i])))
            .collect();
        let mut removed: Vec<Span> = Vec::new();
        for &i in gone.iter().rev() {
            removed.extend(self.tx.splice_spans(i, 1, Vec::new())?);
        }
        let mut n = removed.len();
        let mut by_range: HashMap<Range, String> = HashMap::new();
        let mut come: Vec<&Span> = Vec::new();
        for w in &with {
            let there = self.spans().iter().any(|g| g.range().overlaps(&extent) && same(g, w));
            if !there && !come.iter().any(|c| same(c, w)) {
                come.push(w);
            }
        }
        for w in come {
            let id = self.new_span_id();
            by_range.entry(w.range()).or_insert_with(|| id.clone());
            let span = Span::new(id, w.range(), w.label(), Origin::Editor)?.with_author(Some(author.to_string()));
            self.insert_span(span)?;
            n += 1;
        }
        let moves: HashMap<String, Option<String>> =
            removed.iter().map(|s| (s.id().to_string(), by_range.get(&s.range()).cloned())).collect();
        self.relink_speakers(&moves)?;
        Ok(n)
    }

    /// Makes the gold's quotes overlapping `extent` those of `with` (a layer's), as
    /// [`Work::settle_spans`] does for spans; quotes are the same when their range, kind and
    /// speaker range are. A quote that comes keeps its cue and speaker name; its speaker names the
    /// gold span with the speaker's range, if there is one.
    fn settle_quotes(&mut self, extent: Range, with: Vec<Quote>, author: &str) -> Result<usize, EditError> {
        let gone: Vec<usize> = (0..self.quotes().len())
            .filter(|&i| {
                let g = &self.quotes()[i];
                g.range().overlaps(&extent) && !with.iter().any(|w| quote_key(w) == quote_key(g))
            })
            .collect();
        let mut n = 0;
        for &i in gone.iter().rev() {
            n += self.tx.splice_quotes(i, 1, Vec::new())?.len();
        }
        let mut come: Vec<&Quote> = Vec::new();
        for w in &with {
            let there = self.quotes().iter().any(|g| quote_key(g) == quote_key(w));
            if !there && !come.iter().any(|c| quote_key(c) == quote_key(w)) {
                come.push(w);
            }
        }
        for w in come {
            let id = self.new_quote_id();
            let speaker = w.speaker().map(|sp| {
                let link = self.spans().iter().find(|s| s.range() == sp.range()).map(|s| s.id().to_string());
                Speaker::new(sp.range(), link)
            });
            let quote = Quote::new(id, w.range(), w.kind(), Origin::Editor)?
                .with_cue(w.cue())
                .with_speaker(speaker, w.speaker_name().map(str::to_string))
                .with_author(Some(author.to_string()));
            self.insert_quote(quote)?;
            n += 1;
        }
        Ok(n)
    }
}
