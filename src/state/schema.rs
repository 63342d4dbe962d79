//! The project's label schema: new definitions, renaming and deleting a label (with its spans, in
//! every document, through each one's history), and undoing the last change.

use std::rc::Rc;

use sanad_core::edit::{Command, DeletePolicy, Summary};
use sanad_core::{Document, LabelDef};

use super::app::{AppState, SchemaStep};
use super::notices::NoticeKind;
use super::shared::Shared;
use crate::i18n::{CountKey, Msg, TextKey};

/// Checks and takes a new schema, remembering the old one for undo with the documents `docs`
/// changed. Returns false (with a notice) when the schema is refused.
fn take_labels(s: &mut AppState, labels: Vec<LabelDef>, docs: Vec<(String, Summary)>) -> bool {
    if let Err(e) = sanad_core::schema::check(&labels) {
        s.notify(NoticeKind::Error, Msg::text(TextKey::schema_refused).with("error", Msg::Schema(e)));
        return false;
    }
    Rc::make_mut(&mut s.schema_undo).push(SchemaStep { labels: (*s.labels).clone(), docs });
    s.labels = Shared::new(labels);
    true
}

/// Applies `cmd` to every document with a span labelled `label`, through each one's history.
/// Returns the documents changed with their step's summary.
fn apply_to_labelled(s: &mut AppState, label: &str, cmd: &Command) -> Vec<(String, Summary)> {
    let mut changed = Vec::new();
    let mut list: Vec<Rc<Document>> = (*s.docs).clone();
    let mut errors = Vec::new();
    for slot in list.iter_mut() {
        if !slot.spans().iter().any(|x| x.label() == label) {
            continue;
        }
        let mut doc = (**slot).clone();
        let mut history = s.histories.take(doc.id());
        match history.apply(&mut doc, cmd.clone()) {
            Ok(r) if r.changed => {
                changed.push((doc.id().to_string(), r.summary));
                s.histories.set(doc.id(), history);
                *slot = Rc::new(doc);
            }
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    s.docs = Shared::new(list);
    for e in errors {
        s.notify(NoticeKind::Error, Msg::text(TextKey::edit_refused).with("error", Msg::Edit(e)));
    }
    changed
}

/// New label definitions that change no span.
pub fn set_labels(s: &mut AppState, labels: Vec<LabelDef>) {
    take_labels(s, labels, Vec::new());
}

pub fn rename_label(s: &mut AppState, from: String, to: String) {
    let to = to.trim().to_string();
    if to == from {
        return;
    }
    let labels: Vec<LabelDef> = s
        .labels
        .iter()
        .map(|l| if l.name == from { LabelDef { name: to.clone(), ..l.clone() } } else { l.clone() })
        .collect();
    if sanad_core::schema::check(&labels).is_err() {
        // Refused, with the reason.
        take_labels(s, labels, Vec::new());
        return;
    }
    let docs = apply_to_labelled(s, &from, &Command::RenameLabel { from: from.clone(), to: to.clone() });
    let n = docs.len();
    take_labels(s, labels, docs);
    let msg = Msg::text(TextKey::schema_renamed)
        .with("from", from)
        .with("to", to)
        .with("n", Msg::count(CountKey::articles, n));
    s.notify(NoticeKind::Info, msg);
}

/// Deletes a label: its spans are removed, or relabelled `to`.
pub fn delete_label(s: &mut AppState, name: String, to: Option<String>) {
    let labels: Vec<LabelDef> = s.labels.iter().filter(|l| l.name != name).cloned().collect();
    let policy = match to {
        Some(to) if to != name => DeletePolicy::RelabelTo(to),
        _ => DeletePolicy::RemoveSpans,
    };
    let docs = apply_to_labelled(s, &name, &Command::DeleteLabel { name: name.clone(), policy });
    let n = docs.len();
    if take_labels(s, labels, docs) {
        let msg = Msg::text(TextKey::schema_deleted).with("name", name).with("n", Msg::count(CountKey::articles, n));
        s.notify(NoticeKind::Info, msg);
    }
}

/// Undoes the last label change: the labels come back, and each document it changed is undone
/// when that change is still its history's last step (a document edited since keeps its edits).
pub fn undo_schema(s: &mut AppState) {
    let Some(step) = Rc::make_mut(&mut s.schema_undo).pop() else { return };
    s.labels = Shared::new(step.labels);
    let mut skipped = 0;
    let mut list: Vec<Rc<Document>> = (*s.docs).clone();
    for (id, summary) in &step.docs {
        let (Some(slot), Some(h)) = (list.iter_mut().find(|d| d.id() == id), s.histories.get(id)) else {
            skipped += 1;
            continue;
        };
        let mut doc = (**slot).clone();
        let mut history = h.clone();
        if history.undo_summary() == Some(summary) && history.undo(&mut doc).is_ok() {
            s.histories.set(id, history);
            *slot = Rc::new(doc);
        } else {
            skipped += 1;
        }
    }
    s.docs = Shared::new(list);
    let msg = if skipped == 0 {
        Msg::text(TextKey::schema_undone)
    } else {
        Msg::text(TextKey::schema_undo_partial).with("n", Msg::count(CountKey::articles, skipped))
    };
    s.notify(NoticeKind::Info, msg);
}
