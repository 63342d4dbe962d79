//! Annotators' layers in the page: which layer the open article shows, importing annotators'
//! files as layers, and the curation of the open article (begin, move between disagreements, take
//! a side, reject). Every change of the gold is a core command through the document's history
//! (`editing`), so Ctrl+Z undoes a curation step like any edit.

use std::rc::Rc;

use sanad_core::agree::{positions, Disagreement};
use sanad_core::annotators::{plan, Incoming, LayerPlan};
use sanad_core::edit::Command;
use sanad_core::{AnnotatorDef, Decision, Document, Strategy};

use super::app::AppState;
use super::article::{Curating, LayerView, PositionKey};
use super::editing;
use super::notices::NoticeKind;
use super::shared::Shared;
use crate::i18n::{CountKey, Msg, TextKey};

/// The curator's name in the curation record (the gold layer's author).
pub const CURATOR: &str = "gold";

/// The key of a disagreement.
pub fn key_of(d: &Disagreement) -> PositionKey {
    (d.what, d.start, d.end)
}

/// The disagreements of the open document, in reading order (none without layers).
pub fn open_positions(s: &AppState) -> Vec<Disagreement> {
    match s.open_document() {
        Some(d) if !d.layers().is_empty() => positions(d, d.curation().map_or(Strategy::Agree, |c| c.strategy())),
        _ => Vec::new(),
    }
}

/// True when the position is settled in the document's curation record.
pub fn settled(doc: &Document, k: PositionKey) -> bool {
    doc.curation().is_some_and(|c| c.decision(k.0, k.1, k.2).is_some())
}

/// Shows `view` (an annotator the document has no layer of shows the gold).
pub fn show_layer(s: &mut AppState, view: LayerView) {
    let ok = match (&view, s.open_document()) {
        (LayerView::Annotator(a), Some(d)) => d.layer(a).is_some(),
        _ => true,
    };
    s.layer_view = if ok { view } else { LayerView::Gold };
    if s.layer_view != LayerView::Gold && matches!(s.layer_view, LayerView::Annotator(_)) {
        s.selected = None;
        s.picking_speaker = None;
    }
}

/// The next view in the order gold, each annotator's layer (the document's order), all.
pub fn cycle_layer(s: &mut AppState) {
    let Some(d) = s.open_document() else { return };
    let names: Vec<String> = d.layers().iter().map(|l| l.annotator().to_string()).collect();
    if names.is_empty() {
        s.layer_view = LayerView::Gold;
        return;
    }
    let next = match &s.layer_view {
        LayerView::Gold => LayerView::Annotator(names[0].clone()),
        LayerView::Annotator(a) => match names.iter().position(|n| n == a) {
            Some(i) if i + 1 < names.len() => LayerView::Annotator(names[i + 1].clone()),
            _ => LayerView::All,
        },
        LayerView::All => LayerView::Gold,
    };
    show_layer(s, next);
}

/// Starts curating the open article (the first time, the pre-merge goes into the gold as an
/// undoable step) and shows every layer, on the first disagreement not settled; or stops.
pub fn curate(s: &mut AppState, on: bool) {
    let Some(doc) = s.open_document().cloned() else { return };
    if !on {
        s.curating = Curating::default();
        return;
    }
    if doc.layers().is_empty() {
        return;
    }
    if doc.curation().is_none() {
        editing::apply(s, Command::BeginCuration { strategy: Strategy::Agree, author: CURATOR.into() });
        if s.open_document().is_none_or(|d| d.curation().is_none()) {
            return;
        }
    }
    s.curating.on = true;
    s.layer_view = LayerView::All;
    s.selected = None;
    s.curating.position = None;
    move_position(s, true, true);
}

/// Moves to the next (or previous) disagreement in reading order, wrapping; with `unsettled`, to
/// the next one not settled yet (or stays when every one is).
pub fn move_position(s: &mut AppState, forward: bool, unsettled: bool) {
    let list = open_positions(s);
    let Some(doc) = s.open_document().cloned() else { return };
    if list.is_empty() {
        s.curating.position = None;
        return;
    }
    let n = list.len();
    let at = s.curating.position.and_then(|k| list.iter().position(|d| key_of(d) == k));
    let order: Vec<usize> = match (at, forward) {
        (Some(i), true) => (1..=n).map(|k| (i + k) % n).collect(),
        (Some(i), false) => (1..=n).map(|k| (i + n - k) % n).collect(),
        (None, true) => (0..n).collect(),
        (None, false) => (0..n).rev().collect(),
    };
    let pick = order.into_iter().find(|&i| !unsettled || !settled(&doc, key_of(&list[i])));
    if let Some(i) = pick {
        s.curating.position = Some(key_of(&list[i]));
        s.selected = None;
    } else if s.curating.position.is_none() {
        s.curating.position = Some(key_of(&list[0]));
    }
}

/// Goes to a disagreement (clicked in the list).
pub fn go_position(s: &mut AppState, k: PositionKey) {
    if open_positions(s).iter().any(|d| key_of(d) == k) {
        s.curating.position = Some(k);
        s.selected = None;
    }
}

/// Settles the current disagreement (an undoable edit of the gold), then moves to the next one not
/// settled.
pub fn settle(s: &mut AppState, decision: Decision) {
    let Some((what, start, end)) = s.curating.position.filter(|_| s.curating.on) else { return };
    let before = s.open_document().cloned();
    editing::apply(s, Command::Resolve { what, start, end, decision });
    if s.open_document() != before.as_ref() {
        move_position(s, true, true);
    }
}

/// After an undo or redo while curating: the disagreement whose decision it changed becomes the
/// current one (the curator sees what came back).
pub fn follow(s: &mut AppState, before: Option<Rc<Document>>) {
    if !s.curating.on {
        return;
    }
    let (Some(before), Some(after)) = (before, s.open_document().cloned()) else { return };
    let decision = |d: &Document, k: PositionKey| d.curation().and_then(|c| c.decision(k.0, k.1, k.2)).cloned();
    let changed = open_positions(s).iter().map(key_of).find(|&k| decision(&before, k) != decision(&after, k));
    if let Some(k) = changed {
        s.curating.position = Some(k);
    }
}

/// Takes the side of the document's `n`-th annotator (1-based, the layers' order).
pub fn take_side(s: &mut AppState, n: usize) {
    let name = s.open_document().and_then(|d| d.layers().get(n.wrapping_sub(1))).map(|l| l.annotator().to_string());
    if let Some(name) = name {
        settle(s, Decision::Accepted(name));
    }
}

/// Adds annotators' files as layers (core `annotators::plan`): the library's articles with the
/// same text gain a layer each (their gold and undo history untouched), the others become new
/// articles; new annotators get a colour.
pub fn import_layers(s: &mut AppState, files: Vec<Incoming>, source: Msg) {
    let names: Vec<String> = files.iter().map(|f| f.annotator.clone()).collect();
    let LayerPlan { changed, added, report } = plan(s.docs.iter().map(|d| d.as_ref()), files);
    let mut list: Vec<Rc<Document>> = (*s.docs).clone();
    for d in changed {
        if let Some(slot) = list.iter_mut().find(|x| x.id() == d.id()) {
            *slot = Rc::new(d);
        }
    }
    list.extend(added.into_iter().map(Rc::new));
    s.docs = Shared::new(list);
    s.annotators = Shared::new(AnnotatorDef::complete(&s.annotators, names.iter().map(String::as_str)));
    let unique: std::collections::HashSet<&String> = names.iter().collect();
    let mut msg = vec![Msg::text(TextKey::import_layers_done)
        .with("source", source)
        .with("layers", Msg::count(CountKey::layers, report.layers))
        .with("annotators", Msg::count(CountKey::annotators_of, unique.len()))];
    if !report.conflicts.is_empty() {
        msg.push(
            Msg::text(TextKey::import_conflicts_done)
                .with("n", Msg::count(CountKey::conflicts, report.conflicts.len())),
        );
    }
    s.notify(NoticeKind::Info, Msg::Join(msg));
}

/// The annotators the library's layers name, with the project's colours (new ones coloured).
pub fn complete_annotators(known: &[AnnotatorDef], docs: &[Rc<Document>]) -> Vec<AnnotatorDef> {
    let names = docs.iter().flat_map(|d| d.layers().iter().map(|l| l.annotator()));
    AnnotatorDef::complete(known, names)
}
