//! Edits of the open document: core commands through the document's history, undo and redo, the
//! selection, choosing a speaker, and "done, next".

use std::rc::Rc;

use sanad_core::edit::{Command, EditError};
use sanad_core::{Document, Status};

use super::app::{AppState, Selected};
use super::history::DocHistory;
use super::library;
use super::notices::NoticeKind;
use super::shared::Shared;
use crate::i18n::{Msg, TextKey};

/// What an edit did: whether the document changed, the message for the status line, the ids of
/// what it made.
type Edited = (bool, Msg, Vec<String>);

/// Runs `f` on a copy of the open document and of its history (a copy shares the text, the spans'
/// strings and the history's steps: no allocation per span or step); a changed copy replaces the
/// document (and is saved by the persistence hook), the history's new version replaces its old
/// one. An error becomes a notice and nothing changes.
fn edit(s: &mut AppState, f: impl FnOnce(&mut DocHistory, &mut Document) -> Result<Edited, EditError>) {
    let Some(id) = s.open.clone() else { return };
    let Some(current) = s.document(&id).cloned() else { return };
    let mut doc = (*current).clone();
    let mut history = s.histories.take(&id);
    match f(&mut history, &mut doc) {
        Ok((changed, summary, created)) => {
            let doc = Rc::new(doc);
            if changed {
                let list: Vec<Rc<Document>> =
                    s.docs.iter().map(|d| if d.id() == id { Rc::clone(&doc) } else { Rc::clone(d) }).collect();
                s.docs = Shared::new(list);
                s.histories.set(&id, history);
            }
            // Keep the selection on what still exists; select what was just made.
            let exists = |sel: &Selected| match sel {
                Selected::Span(i) => doc.span(i).is_some(),
                Selected::Quote(i) => doc.quotes().iter().any(|q| q.id() == i),
            };
            if let Some(c) = created.last() {
                s.selected =
                    Some(if doc.span(c).is_some() { Selected::Span(c.clone()) } else { Selected::Quote(c.clone()) });
            } else if !s.selected.as_ref().is_some_and(exists) {
                s.selected = None;
            }
            s.picking_speaker = None;
            s.last_edit = Some(summary);
        }
        Err(e) => s.notify(NoticeKind::Error, Msg::text(TextKey::edit_refused).with("error", Msg::Edit(e))),
    }
}

pub fn apply(s: &mut AppState, cmd: Command) {
    edit(s, |h, doc| h.apply(doc, cmd).map(|r| (r.changed, Msg::Summary(r.summary), r.created)))
}

pub fn undo(s: &mut AppState) {
    edit(s, |h, doc| {
        h.undo(doc).map(|r| match r {
            Some(x) => (true, Msg::text(TextKey::undone).with("what", Msg::Summary(x)), vec![]),
            None => (false, Msg::text(TextKey::nothing_to_undo), vec![]),
        })
    })
}

pub fn redo(s: &mut AppState) {
    edit(s, |h, doc| {
        h.redo(doc).map(|r| match r {
            Some(x) => (true, Msg::text(TextKey::redone).with("what", Msg::Summary(x)), vec![]),
            None => (false, Msg::text(TextKey::nothing_to_redo), vec![]),
        })
    })
}

pub fn select(s: &mut AppState, sel: Option<Selected>) {
    s.selected = sel;
    s.picking_speaker = None;
    s.last_edit = None;
}

pub fn pick_speaker(s: &mut AppState, quote: Option<String>) {
    s.selected = quote.clone().map(Selected::Quote);
    s.picking_speaker = quote;
}

/// Marks the open document done (undoable) and opens the next one, in library order after it,
/// that is not done; when every one is, says so.
pub fn done_next(s: &mut AppState) {
    let current = s.open.clone();
    apply(s, Command::SetStatus(Status::Done));
    let n = s.docs.len();
    let at = current.as_deref().and_then(|c| s.docs.iter().position(|d| d.id() == c)).unwrap_or(0);
    let next = (1..n).map(|k| &s.docs[(at + k) % n]).find(|d| d.status() != Status::Done).map(|d| d.id().to_string());
    match next {
        Some(id) => library::open(s, id),
        None => s.notify(NoticeKind::Info, Msg::text(TextKey::all_done)),
    }
}
