//! The splice transaction: a document's span and quote lists changed in place, each change a
//! checked splice logged with its inverse.
//!
//! [`Tx`] checks what each splice inserts against the model invariants (within the text, in the
//! canonical order between its neighbours, ids unique; at the end, speakers naming existing
//! spans), so a failed command rolls back exactly
//! ([`Tx::rollback`]) and a finished one yields one splice per list that undoes it
//! ([`Tx::finish`], an [`Inverse`]). The cost is what the command changes, never a copy or a
//! re-check of the whole document.

use std::cmp::Reverse;
use std::collections::HashSet;
use std::sync::Arc;

use crate::layout::stretch;
use crate::model::{Curation, Document, ModelError, Quote, Range, Span, Speaker, Status, Subject};

use super::command::EditError;

/// One contiguous replacement in a list: `remove` items at `at` give way to `insert`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Splice<T> {
    pub(super) at: usize,
    pub(super) remove: usize,
    pub(super) insert: Vec<T>,
}

/// What undoes a command exactly. Apply it with [`Inverse::apply`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inverse {
    pub(super) spans: Option<Splice<Span>>,
    pub(super) quotes: Option<Splice<Quote>>,
    pub(super) status: Option<Status>,
    /// The curation record before the command, when the command changed it.
    pub(super) curation: Option<Option<Arc<Curation>>>,
}

impl Inverse {
    /// True when the command changed nothing.
    pub fn is_empty(&self) -> bool {
        self.spans.is_none() && self.quotes.is_none() && self.status.is_none() && self.curation.is_none()
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
        let curation = self.curation.clone().map(|c| doc.set_curation(c));
        Ok(Inverse { spans, quotes, status, curation })
    }
}

fn splice<T>(v: &mut Vec<T>, sp: Splice<T>) -> Splice<T> {
    let n = sp.insert.len();
    let removed: Vec<T> = v.splice(sp.at..sp.at + sp.remove, sp.insert).collect();
    Splice { at: sp.at, remove: n, insert: removed }
}

/// An annotation kept in a document list: what the splice checks need.
trait Listed: Clone + PartialEq {
    const WHAT: Subject;
    fn key(&self) -> &str;
    /// Where it goes in the list: the model's one order key.
    fn order(&self) -> (usize, Reverse<usize>);
    /// Checks that the annotation lies within a text of `len` code points.
    fn within(&self, len: usize) -> Result<(), ModelError>;
}

fn within(what: Subject, id: &str, r: Range, len: usize) -> Result<(), ModelError> {
    if r.end() > len {
        return Err(ModelError::OutOfText { what, id: id.to_string(), start: r.start(), end: r.end(), len });
    }
    Ok(())
}

impl Listed for Span {
    const WHAT: Subject = Subject::Span;
    fn key(&self) -> &str {
        self.id()
    }
    fn order(&self) -> (usize, Reverse<usize>) {
        self.order_key()
    }
    fn within(&self, len: usize) -> Result<(), ModelError> {
        within(Subject::Span, self.id(), self.range(), len)
    }
}

impl Listed for Quote {
    const WHAT: Subject = Subject::Quote;
    fn key(&self) -> &str {
        self.id()
    }
    fn order(&self) -> (usize, Reverse<usize>) {
        self.order_key()
    }
    fn within(&self, len: usize) -> Result<(), ModelError> {
        within(Subject::Quote, self.id(), self.range(), len)?;
        if let Some(c) = self.cue() {
            within(Subject::QuoteCue, self.id(), c, len)?;
        }
        if let Some(sp) = self.speaker() {
            within(Subject::QuoteSpeaker, self.id(), sp.range(), len)?;
        }
        Ok(())
    }
}

/// Checks what a splice of `list` inserts: within the text, in canonical order between its
/// neighbours, and ids unique in the list after it. An insert that keeps the ids of what it
/// replaces (a relabel) costs only its own size.
///
/// The commands always splice in order (they insert where the key says); an inverse applied to a
/// document in another state than the one its command left may not, and is refused as
/// [`EditError::Stale`], like one whose place is past the end of the list.
fn check_splice<T: Listed>(list: &[T], at: usize, remove: usize, insert: &[T], len: usize) -> Result<(), EditError> {
    if at.checked_add(remove).is_none_or(|e| e > list.len()) {
        return Err(EditError::Stale);
    }
    for x in insert {
        x.within(len)?;
    }
    let around = list[..at].last().into_iter().chain(insert).chain(list.get(at + remove));
    if !around.is_sorted_by_key(Listed::order) {
        return Err(EditError::Stale);
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
pub(super) struct Tx<'d> {
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
    pub(super) fn new(doc: &'d mut Document) -> Tx<'d> {
        let len = doc.cp_len();
        Tx { doc, len, span_log: Vec::new(), quote_log: Vec::new(), gone: Vec::new(), linked: Vec::new() }
    }

    pub(super) fn spans(&self) -> &[Span] {
        self.doc.spans()
    }

    /// The document as it is now (its layers, which no command changes).
    pub(super) fn doc(&self) -> &Document {
        self.doc
    }

    pub(super) fn quotes(&self) -> &[Quote] {
        self.doc.quotes()
    }

    /// Replaces `remove` spans at `at` with `insert`, checked; returns the removed spans.
    pub(super) fn splice_spans(&mut self, at: usize, remove: usize, insert: Vec<Span>) -> Result<Vec<Span>, EditError> {
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
    pub(super) fn splice_quotes(
        &mut self,
        at: usize,
        remove: usize,
        insert: Vec<Quote>,
    ) -> Result<Vec<Quote>, EditError> {
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
    pub(super) fn replace_spans(&mut self, mut new: Vec<Span>) -> Result<(), EditError> {
        if let Some((p, a, b)) = stretch(self.spans(), &new) {
            new.truncate(b);
            let insert = new.split_off(p);
            self.splice_spans(p, a - p, insert)?;
        }
        Ok(())
    }

    pub(super) fn replace_quotes(&mut self, mut new: Vec<Quote>) -> Result<(), EditError> {
        if let Some((p, a, b)) = stretch(self.quotes(), &new) {
            new.truncate(b);
            let insert = new.split_off(p);
            self.splice_quotes(p, a - p, insert)?;
        }
        Ok(())
    }

    /// The speaker invariant for what changed: no quote names a span that is gone, every quote
    /// inserted with a speaker span names one that exists.
    pub(super) fn check(&self) -> Result<(), EditError> {
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
    pub(super) fn rollback(&mut self) {
        let (spans, quotes) = self.doc.annotations_mut();
        for sp in self.span_log.drain(..).rev() {
            splice(spans, sp);
        }
        for sp in self.quote_log.drain(..).rev() {
            splice(quotes, sp);
        }
    }

    /// The one splice per list that undoes every change made (none when nothing changed).
    pub(super) fn finish(self) -> (Option<Splice<Span>>, Option<Splice<Quote>>) {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::edit::tests::{ar_doc, r};
    use crate::model::{Origin, QuoteKind};

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
        // Out of the canonical order, at either neighbour or within what is inserted: refused.
        let n = tx.spans().len();
        let late = Span::new("x1", r(len - 1, len), "PER", Origin::Editor).unwrap();
        let early = Span::new("x2", r(0, 1), "PER", Origin::Editor).unwrap();
        assert_eq!(tx.splice_spans(0, 0, vec![late.clone()]), Err(EditError::Stale));
        assert_eq!(tx.splice_spans(n, 0, vec![early.clone()]), Err(EditError::Stale));
        assert_eq!(tx.splice_spans(0, 0, vec![late.clone(), early.clone()]), Err(EditError::Stale));
        let q = tx.quotes()[0].clone();
        let inner = Quote::new("x3", r(q.start(), q.end() - 1), QuoteKind::Direct, Origin::Editor).unwrap();
        assert_eq!(tx.splice_quotes(0, 0, vec![inner.clone()]), Err(EditError::Stale));
        tx.splice_quotes(1, 0, vec![inner]).unwrap();
        assert_eq!(tx.splice_spans(0, 0, vec![early, late]), Err(EditError::Stale));
        assert_eq!(tx.span_log.len(), 0);
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
    }
}
