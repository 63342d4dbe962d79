//! Undo and redo of every document, as values of the state: a new version of the state holds new
//! versions of the histories it changed, and the previous state keeps its own. Nothing is changed
//! in place behind the reducer's back, so `reduce(state, action)` depends only on its arguments and
//! two states are equal only when their histories are.
//!
//! Both levels are persistent, so a version costs pointers, not steps: the map from document id to
//! history is copied on write (one pointer pair per document with a history), and a history's steps
//! are shared (`Rc`) between its versions (at most [`HISTORY_CAP`] pointers copied). An edit on a
//! document of 5,000 spans copies no span of any history.
//!
//! The steps are the core's: a command applied with [`edit::apply`] and its exact
//! [`Inverse`](sanad_core::edit::Inverse); this is the core's `History` with shared steps.

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use sanad_core::edit::{self, Command, EditError, Inverse, Report, Summary, HISTORY_CAP};
use sanad_core::Document;

#[derive(Debug, PartialEq)]
struct Step {
    inverse: Inverse,
    summary: Summary,
}

/// One document's undo and redo stacks (at most [`HISTORY_CAP`] undo steps).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocHistory {
    undo: VecDeque<Rc<Step>>,
    redo: Vec<Rc<Step>>,
}

impl DocHistory {
    /// Applies `cmd` to `doc` and records it when it changed something (clearing the redo stack).
    /// On error nothing changes.
    pub fn apply(&mut self, doc: &mut Document, cmd: Command) -> Result<Report, EditError> {
        let applied = edit::apply(doc, cmd, None)?;
        if !applied.inverse.is_empty() {
            self.redo.clear();
            self.undo.push_back(Rc::new(Step { inverse: applied.inverse, summary: applied.report.summary.clone() }));
            while self.undo.len() > HISTORY_CAP {
                self.undo.pop_front();
            }
        }
        Ok(applied.report)
    }

    /// Undoes the last step; its summary, or `None` when there is nothing to undo. On error (the
    /// document is not as the step left it) nothing changes.
    pub fn undo(&mut self, doc: &mut Document) -> Result<Option<Summary>, EditError> {
        let Some(step) = self.undo.back() else { return Ok(None) };
        let redo = Step { inverse: step.inverse.apply(doc)?, summary: step.summary.clone() };
        self.undo.pop_back();
        let summary = redo.summary.clone();
        self.redo.push(Rc::new(redo));
        Ok(Some(summary))
    }

    /// Redoes the last undone step; its summary, or `None` when there is nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> Result<Option<Summary>, EditError> {
        let Some(step) = self.redo.last() else { return Ok(None) };
        let undo = Step { inverse: step.inverse.apply(doc)?, summary: step.summary.clone() };
        self.redo.pop();
        let summary = undo.summary.clone();
        self.undo.push_back(Rc::new(undo));
        Ok(Some(summary))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The summary of the step [`DocHistory::undo`] would undo.
    pub fn undo_summary(&self) -> Option<&Summary> {
        self.undo.back().map(|s| &s.summary)
    }
}

/// The histories of the documents, by id (a document without one has nothing to undo).
#[derive(Debug, Clone, Default)]
pub struct Histories(Rc<HashMap<Rc<str>, Rc<DocHistory>>>);

impl PartialEq for Histories {
    /// Equal when every document's history is (the same pointer is the same value).
    fn eq(&self, other: &Histories) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Histories {
    pub fn get(&self, id: &str) -> Option<&DocHistory> {
        self.0.get(id).map(|h| h.as_ref())
    }

    /// A copy of `id`'s history to change (its steps shared), or an empty one.
    pub fn take(&self, id: &str) -> DocHistory {
        self.get(id).cloned().unwrap_or_default()
    }

    /// `id`'s history is now `h`.
    pub fn set(&mut self, id: &str, h: DocHistory) {
        Rc::make_mut(&mut self.0).insert(Rc::from(id), Rc::new(h));
    }

    /// Forgets `id`'s history (the document was replaced underneath it).
    pub fn remove(&mut self, id: &str) {
        if self.0.contains_key(id) {
            Rc::make_mut(&mut self.0).remove(id);
        }
    }

    pub fn can_undo(&self, id: &str) -> bool {
        self.get(id).is_some_and(DocHistory::can_undo)
    }

    pub fn can_redo(&self, id: &str) -> bool {
        self.get(id).is_some_and(DocHistory::can_redo)
    }
}
