//! What a command changed, by id, and undo by id (sync, issue 17).
//!
//! [`Inverse::changes`] names what a command (or an undo, a redo, a patch) changed: each span and
//! quote id with its value before and after, and the status. The core knows it without comparing
//! documents: the inverse holds the one stretch of each list the command replaced, and the document
//! the stretch that replaced it; only those are compared.
//!
//! In a document other editors change at the same time, the positional [`Inverse`] goes stale as
//! soon as a remote change lands. [`Changes::revert`] undoes by id instead, with compare-and-set:
//! an id goes back to its value before the step only if it still holds the value the step left
//! ("the value I wrote"); an id someone has changed since is kept as it is and reported
//! ([`Kept`]), so an undo never removes or changes another editor's work. Two more ids are kept for
//! the same reason: a span the undo would remove while a quote the step did not touch names it as
//! its speaker (removing it would change that quote), and a quote the undo would link to a span that
//! is not there.
//!
//! Compare-and-set compares whole values, the author included, so another editor writing the same
//! label on the same span is a change since (their name is on it). One case cannot be told apart:
//! two editors removing the same span; undoing either brings it back.

use std::collections::{HashMap, HashSet};

use crate::layout::stretch;
use crate::model::{Document, Quote, Span, Speaker, Status};

use super::command::{Command, EditError, Entry, Patch};
use super::tx::Inverse;
use super::work::{apply, Applied};

/// One id's value before and after a change (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Change<T> {
    pub id: String,
    pub before: Option<T>,
    pub after: Option<T>,
}

impl<T> Change<T> {
    /// The same change, the other way round.
    fn inverted(self) -> Change<T> {
        Change { id: self.id, before: self.after, after: self.before }
    }
}

/// What a change did, by id: the spans and quotes that differ (in list order, then those removed)
/// and the status (before, after).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub spans: Vec<Change<Span>>,
    pub quotes: Vec<Change<Quote>>,
    pub status: Option<(Status, Status)>,
}

/// An id [`Changes::revert`] left as it is, with the value it has now (`None`: removed since).
/// The value's author says who changed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    Span {
        id: String,
        now: Option<Span>,
    },
    Quote {
        id: String,
        now: Option<Quote>,
    },
    /// The status was changed since.
    Status(Status),
}

/// What [`Changes::revert`] did: the patch applied (its inverse and report), what redoes it, and
/// what it left as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Reverted {
    pub applied: Applied,
    /// The ids reverted, before and after the revert: reverting these redoes.
    pub redo: Changes,
    pub kept: Vec<Kept>,
}

/// The differences between two stretches of a list, by id: values changed or added (in the order
/// of `after`), then values removed.
fn by_id<'a, T: Clone + PartialEq + 'a>(
    before: &'a [T],
    after: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> Vec<Change<T>> {
    let old: HashMap<&str, &T> = before.iter().map(|x| (id(x), x)).collect();
    let now: HashSet<&str> = after.iter().map(&id).collect();
    let mut out = Vec::new();
    for x in after {
        match old.get(id(x)) {
            Some(o) if *o == x => {}
            o => out.push(Change { id: id(x).to_string(), before: o.map(|o| (*o).clone()), after: Some(x.clone()) }),
        }
    }
    for x in before {
        if !now.contains(id(x)) {
            out.push(Change { id: id(x).to_string(), before: Some(x.clone()), after: None });
        }
    }
    out
}

fn between_lists<'a, T: Clone + PartialEq + 'a>(
    a: &'a [T],
    b: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> Vec<Change<T>> {
    match stretch(a, b) {
        Some((p, ae, be)) => by_id(&a[p..ae], &b[p..be], id),
        None => Vec::new(),
    }
}

impl Inverse {
    /// What the change this inverse undoes did to `after` (the document as it left it), by id.
    /// Costs what the change replaced, not the document's size.
    pub fn changes(&self, after: &Document) -> Changes {
        let spans = self.spans.as_ref().map_or_else(Vec::new, |sp| {
            let now = after.spans().get(sp.at..sp.at + sp.remove).unwrap_or_default();
            by_id(&sp.insert, now, Span::id)
        });
        let quotes = self.quotes.as_ref().map_or_else(Vec::new, |sp| {
            let now = after.quotes().get(sp.at..sp.at + sp.remove).unwrap_or_default();
            by_id(&sp.insert, now, Quote::id)
        });
        let status = self.status.map(|old| (old, after.status())).filter(|(a, b)| a != b);
        Changes { spans, quotes, status }
    }
}

impl Changes {
    /// What differs between two versions of a document, by id (for changes not made by a command,
    /// such as an import merging into a document). Compares the lists, skipping their common
    /// prefix and suffix.
    pub fn between(before: &Document, after: &Document) -> Changes {
        let status = (before.status() != after.status()).then_some((before.status(), after.status()));
        Changes {
            spans: between_lists(before.spans(), after.spans(), Span::id),
            quotes: between_lists(before.quotes(), after.quotes(), Quote::id),
            status,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.quotes.is_empty() && self.status.is_none()
    }

    /// The same changes the other way round (what reverting them does).
    pub fn inverted(self) -> Changes {
        Changes {
            spans: self.spans.into_iter().map(Change::inverted).collect(),
            quotes: self.quotes.into_iter().map(Change::inverted).collect(),
            status: self.status.map(|(a, b)| (b, a)),
        }
    }

    /// Undoes these changes by id, with compare-and-set (see the module documentation): every id
    /// that still holds its `after` value gets its `before` value back; the others are kept and
    /// listed. Applied as one [`Command::Put`], so it is checked like every command and has an
    /// exact inverse; on error nothing changes.
    pub fn revert(&self, doc: &mut Document) -> Result<Reverted, EditError> {
        let span_now = |id: &str| doc.spans().iter().find(|s| s.id() == id);
        let quote_now = |id: &str| doc.quotes().iter().find(|q| q.id() == id);
        // Which changes can be reverted: those whose id still holds the step's value.
        let mut span_ok: Vec<bool> = self.spans.iter().map(|c| span_now(&c.id) == c.after.as_ref()).collect();
        let mut quote_ok: Vec<bool> = self.quotes.iter().map(|c| quote_now(&c.id) == c.after.as_ref()).collect();
        loop {
            let mut changed = false;
            // The spans there will be after the revert.
            let reverted: HashMap<&str, bool> = self
                .spans
                .iter()
                .zip(&span_ok)
                .filter(|(_, ok)| **ok)
                .map(|(c, _)| (c.id.as_str(), c.before.is_some()))
                .collect();
            let exists = |id: &str| reverted.get(id).copied().unwrap_or_else(|| span_now(id).is_some());
            // A quote put back must name a span that is there.
            for (c, ok) in self.quotes.iter().zip(quote_ok.iter_mut()) {
                let link = c.before.as_ref().and_then(|q| q.speaker()).and_then(Speaker::span);
                if *ok && link.is_some_and(|s| !exists(s)) {
                    *ok = false;
                    changed = true;
                }
            }
            // A span removed must not be named by a quote the revert leaves as it is.
            let put_quotes: HashSet<&str> =
                self.quotes.iter().zip(&quote_ok).filter(|(_, ok)| **ok).map(|(c, _)| c.id.as_str()).collect();
            let named: HashSet<&str> = doc
                .quotes()
                .iter()
                .filter(|q| !put_quotes.contains(q.id()))
                .filter_map(|q| q.speaker().and_then(Speaker::span))
                .collect();
            for (c, ok) in self.spans.iter().zip(span_ok.iter_mut()) {
                if *ok && c.before.is_none() && named.contains(c.id.as_str()) {
                    *ok = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let status_ok = self.status.filter(|(_, after)| *after == doc.status());
        let mut kept = Vec::new();
        let mut patch = Patch::default();
        let mut redo = Changes::default();
        for (c, ok) in self.spans.iter().zip(&span_ok) {
            if *ok {
                patch.spans.push(c.before.clone().map_or_else(|| Entry::Remove(c.id.clone()), Entry::Put));
                redo.spans.push(c.clone().inverted());
            } else {
                kept.push(Kept::Span { id: c.id.clone(), now: span_now(&c.id).cloned() });
            }
        }
        for (c, ok) in self.quotes.iter().zip(&quote_ok) {
            if *ok {
                patch.quotes.push(c.before.clone().map_or_else(|| Entry::Remove(c.id.clone()), Entry::Put));
                redo.quotes.push(c.clone().inverted());
            } else {
                kept.push(Kept::Quote { id: c.id.clone(), now: quote_now(&c.id).cloned() });
            }
        }
        match (self.status, status_ok) {
            (Some(_), Some((before, after))) => {
                patch.status = Some(before);
                redo.status = Some((after, before));
            }
            (Some(_), None) => kept.push(Kept::Status(doc.status())),
            (None, _) => {}
        }
        let applied = apply(doc, Command::Put(patch), None)?;
        Ok(Reverted { applied, redo, kept })
    }
}
