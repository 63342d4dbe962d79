//! Undo and redo for one document: [`History`], stacks of [`Inverse`]s.

use std::collections::VecDeque;

use crate::model::Document;

use super::command::{Command, EditError};
use super::summary::Summary;
use super::tx::Inverse;
use super::work::{apply, Applied, Report};

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
