//! The library's documents: loading, importing (merged with what is there), opening and closing.

use std::collections::HashMap;
use std::rc::Rc;

use sanad_core::merge::{Merge, MergeReport, Placed};
use sanad_core::{Document, LabelDef, Origin};

use super::app::AppState;
use super::article::{Curating, LayerView};
use super::notices::NoticeKind;
use super::project::{Persistence, ProjectSettings};
use super::shared::Shared;
use crate::i18n::{CountKey, Msg, TextKey};

/// The library was read: it replaces what was shown (the schema's undo starts afresh).
pub fn loaded(
    s: &mut AppState,
    labels: Vec<LabelDef>,
    settings: ProjectSettings,
    docs: Vec<Rc<Document>>,
    persistence: Persistence,
) {
    s.labels = Shared::new(labels);
    s.settings = settings;
    s.schema_undo = Rc::default();
    s.docs = Shared::new(docs);
    s.persistence = persistence;
    if s.open.as_ref().is_some_and(|id| s.document(id).is_none()) {
        s.open = None;
    }
}

/// Adds imported documents: new ones are added (renamed when their id is used by another text),
/// ones already here are merged (core `merge`: nothing here is lost, conflicts resolved as listed
/// in the preview). Documents that came without suggestions are queued for tagging.
pub fn import(s: &mut AppState, docs: Vec<Document>, source: Msg, open: bool) {
    let mut list: Vec<Rc<Document>> = (*s.docs).clone();
    let mut report = MergeReport::default();
    let mut first = None;
    let mut added = Vec::new();
    let mut merged = Vec::new();
    {
        let mut m = Merge::new(list.iter().map(|d| d.as_ref()));
        for mut d in docs {
            match m.place(&d, &mut report) {
                Placed::New => added.push(d),
                Placed::Renamed(to) => {
                    if d.set_id(to).is_ok() {
                        added.push(d);
                    }
                }
                Placed::Merged(x) => {
                    first.get_or_insert_with(|| x.id().to_string());
                    merged.push(*x);
                }
                Placed::Unchanged => {
                    first.get_or_insert_with(|| d.id().to_string());
                }
            }
        }
    }
    if let Some(d) = added.first() {
        first = Some(d.id().to_string());
    }
    let index: HashMap<String, usize> = list.iter().enumerate().map(|(i, d)| (d.id().to_string(), i)).collect();
    for x in merged {
        if let Some(&i) = index.get(x.id()) {
            // The document changed underneath its undo history: start a new one.
            s.histories.remove(x.id());
            list[i] = Rc::new(x);
        }
    }
    let to_tag: Vec<String> = added
        .iter()
        .filter(|d| d.spans().iter().all(|s| s.origin() != Origin::Model))
        .map(|d| d.id().to_string())
        .collect();
    list.extend(added.into_iter().map(Rc::new));
    s.docs = Shared::new(list);
    s.tagging.enqueue(to_tag, false);
    s.notify(NoticeKind::Info, import_notice(&report, source));
    if open {
        if let Some(id) = first {
            s.open = Some(id);
        }
    }
}

/// What an import did: added, renamed, merged, already there, conflicts resolved.
fn import_notice(report: &MergeReport, source: Msg) -> Msg {
    let mut parts = vec![Msg::text(TextKey::import_added)
        .with("source", source)
        .with("added", Msg::count(CountKey::articles, report.added + report.renamed))];
    if report.renamed > 0 {
        parts.push(Msg::count(CountKey::import_renamed, report.renamed));
    }
    if report.merged > 0 {
        parts.push(
            Msg::count(CountKey::import_merged, report.merged)
                .with("spans", Msg::count(CountKey::spans, report.spans_added))
                .with("quotes", Msg::count(CountKey::quotes, report.quotes_added)),
        );
    }
    if report.unchanged > 0 {
        parts
            .push(Msg::text(TextKey::import_duplicates).with("n", Msg::count(CountKey::articles_of, report.unchanged)));
    }
    let overlaps = report.conflicts.len() - report.renamed;
    if overlaps > 0 {
        parts.push(Msg::text(TextKey::import_conflicts_done).with("n", Msg::count(CountKey::conflicts, overlaps)));
    }
    Msg::Join(parts)
}

/// Opens a document (a document without suggestions goes to the front of the tagger's queue, once
/// per session; not one with annotators' layers: its gold is curated from their work, and the
/// model's suggestions would be nobody's).
pub fn open(s: &mut AppState, id: String) {
    s.selected = None;
    s.picking_speaker = None;
    s.last_edit = None;
    s.agreement = false;
    if s.open.as_deref() != Some(id.as_str()) {
        s.layer_view = LayerView::Gold;
        s.curating = Curating::default();
    }
    let untagged =
        s.document(&id).is_some_and(|d| d.layers().is_empty() && d.spans().iter().all(|x| x.origin() != Origin::Model));
    if untagged && !s.tagging.tagged.contains(&id) {
        s.tagging.enqueue([id.clone()], true);
    }
    s.open = Some(id);
}

pub fn close(s: &mut AppState) {
    s.open = None;
    s.layer_view = LayerView::Gold;
    s.curating = Curating::default();
}
