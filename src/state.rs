//! App state as a Yew `Reducible`: every change is an [`Action`]; the reducer does no IO.
//! Persistence watches the document list (see `components::app`) and writes only documents whose
//! `Rc` changed.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use sanad_core::edit::{Clitics, Command, DeletePolicy, History, Summary};

use sanad_core::merge::{Merge, MergeReport, Placed};
use sanad_core::nlp::EntitySpan;
use sanad_core::{Document, LabelDef, Origin, Suggestion};
use yew::Reducible;

use crate::i18n::{self, fill, Lang, Strings};

/// A value shared by pointer: equality is identity, so props comparisons are O(1).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Shared<T> {
    pub fn new(v: T) -> Self {
        Shared(Rc::new(v))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub text: String,
}

/// Whether the library is kept in IndexedDB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Loading,
    Saved,
    /// Storage is unavailable: the library lives in memory only.
    MemoryOnly,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub labels: Shared<Vec<LabelDef>>,
    pub docs: Shared<Vec<Rc<Document>>>,
    pub open: Option<String>,
    pub notices: Vec<Notice>,
    pub persistence: Persistence,
    pub tagging: Tagging,
    /// A newer version of the app is installed and waits for the user to reload.
    pub update_ready: bool,
    /// The selected span or quote of the open document.
    pub selected: Option<Selected>,
    /// While set, the next entity clicked becomes this quote's speaker.
    pub picking_speaker: Option<String>,
    /// What the last edit, undo or redo did (shown in the status line).
    pub last_edit: Option<String>,
    /// Undo/redo per document (commands in the core). Shared, not compared.
    pub histories: Histories,
    /// The interface language (remembered in local storage by the app).
    pub lang: Lang,
    /// The project's settings (saved with its labels).
    pub settings: ProjectSettings,
    /// Label changes, newest last, to undo one at a time.
    pub schema_undo: Vec<SchemaStep>,
    /// Whether this tab may edit the project (another tab may hold it).
    pub tab: Tab,
    /// The open project, and every project of this browser (id, name).
    pub project: ProjectInfo,
    pub projects: Vec<(String, String)>,
    next_notice: u32,
}

/// The open project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
}

/// This tab's right to edit the project (see `services::tabs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Not known yet: nothing is written.
    #[default]
    Pending,
    Editing,
    /// Another tab edits the project.
    ReadOnly,
    /// Another tab took the project over from this one.
    Lost,
}

/// A project's settings, kept in its record with the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ProjectSettings {
    /// Leave leading Arabic proclitics out of a snapped selection ("لروسيا" -> "روسيا"); when false
    /// they stay in the span, as ANERcorp does.
    #[serde(default)]
    pub strip_clitics: bool,
}

impl ProjectSettings {
    pub fn clitics(&self) -> Clitics {
        if self.strip_clitics {
            Clitics::Strip
        } else {
            Clitics::Keep
        }
    }
}

/// One change of the label schema: the labels before it, and the documents it changed with the
/// summary of the step it left in each one's history (undone only while it is still the last).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaStep {
    pub labels: Vec<LabelDef>,
    pub docs: Vec<(String, Summary)>,
}

/// Undo histories by document id.
#[derive(Debug, Clone, Default)]
pub struct Histories(pub Rc<RefCell<HashMap<String, History>>>);

impl PartialEq for Histories {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected {
    Span(String),
    Quote(String),
}

/// The queue of documents waiting for entity suggestions (one is sent to the worker at a time).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagging {
    pub queue: Vec<String>,
    pub in_flight: Option<String>,
    /// Documents finished in the current batch, and the batch size (for the progress bar).
    pub done: usize,
    pub total: usize,
    /// Documents tagged in this session.
    pub tagged: HashSet<String>,
    /// The last result: document, entities suggested, tokens, milliseconds in the worker.
    pub last: Option<(String, usize, usize, f64)>,
}

impl Tagging {
    fn enqueue(&mut self, ids: impl IntoIterator<Item = String>, front: bool) {
        for id in ids {
            if self.in_flight.as_deref() == Some(id.as_str()) || self.queue.contains(&id) {
                continue;
            }
            if front {
                self.queue.insert(0, id);
            } else {
                self.queue.push(id);
            }
            self.total += 1;
        }
    }

    fn finish(&mut self, doc_id: &str) {
        if self.in_flight.as_deref() == Some(doc_id) {
            self.in_flight = None;
        }
        self.tagged.insert(doc_id.to_string());
        self.done += 1;
        if self.queue.is_empty() && self.in_flight.is_none() {
            self.done = 0;
            self.total = 0;
        }
    }

    /// True while a batch of more than one document is being tagged.
    pub fn busy(&self) -> bool {
        self.total > 1
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            labels: Shared::new(LabelDef::defaults()),
            docs: Shared::new(Vec::new()),
            open: None,
            notices: Vec::new(),
            persistence: Persistence::Loading,
            tagging: Tagging::default(),
            update_ready: false,
            selected: None,
            picking_speaker: None,
            last_edit: None,
            histories: Histories::default(),
            lang: Lang::default(),
            settings: ProjectSettings::default(),
            schema_undo: Vec::new(),
            tab: Tab::default(),
            project: ProjectInfo::default(),
            projects: Vec::new(),
            next_notice: 1,
        }
    }
}

pub enum Action {
    /// The library was read (from storage, or the demo when storage is empty or unavailable).
    Loaded {
        labels: Vec<LabelDef>,
        settings: ProjectSettings,
        docs: Vec<Rc<Document>>,
        persistence: Persistence,
    },
    /// New documents join the library; the first is opened when `open` is set.
    Import {
        docs: Vec<Document>,
        source: String,
        open: bool,
    },
    Open(String),
    Close,
    Notify(NoticeKind, String),
    Dismiss(u32),
    StorageFailed(String),
    /// The document was handed to the tagger worker.
    TagSent(String),
    /// The worker's suggestions for a document (when `text` is given, only if the document has
    /// this very text).
    Tagged {
        doc_id: String,
        spans: Vec<EntitySpan>,
        quotes: Vec<sanad_core::Quote>,
        model: String,
        tokens: usize,
        ms: f64,
        text: Option<std::sync::Arc<str>>,
    },
    TagFailed {
        doc_id: String,
        message: String,
    },
    /// Stop tagging the documents still waiting (the one in the worker still finishes).
    CancelTagging,
    UpdateReady,
    /// An editor's change to the open document (undoable).
    Edit(Command),
    Undo,
    Redo,
    Select(Option<Selected>),
    /// Start (Some(quote id)) or stop choosing a quote's speaker by clicking an entity.
    PickSpeaker(Option<String>),
    /// Mark the open document done (undoable) and open the next one that is not done.
    DoneNext,
    /// Switch the interface language.
    SetLang(Lang),
    /// New label definitions that change no span (added, recoloured, keys, guidelines).
    SetLabels(Vec<LabelDef>),
    /// Rename a label in the schema and on every span of the project (undoable).
    RenameLabel {
        from: String,
        to: String,
    },
    /// Delete a label: its spans are removed, or relabelled `to` (undoable).
    DeleteLabel {
        name: String,
        to: Option<String>,
    },
    /// Undo the last label change.
    UndoSchema,
    SetSettings(ProjectSettings),
    /// Whether this tab holds the project's lock.
    TabLock(bool),
    /// Another tab took the project over.
    TabLost,
    /// Storage works again (the user asked to retry): write everything.
    RetrySave,
    /// The open project and the list of projects (at start).
    Project {
        info: ProjectInfo,
        list: Vec<(String, String)>,
    },
    /// A new name for the open project.
    RenameProject(String),
}

impl AppState {
    /// A fresh state with this interface language.
    pub fn with_lang(lang: Lang) -> Self {
        AppState { lang, ..AppState::default() }
    }

    /// The interface strings in the current language.
    pub fn t(&self) -> &'static Strings {
        self.lang.strings()
    }

    pub fn document(&self, id: &str) -> Option<&Rc<Document>> {
        self.docs.iter().find(|d| d.id() == id)
    }

    fn notify(&mut self, kind: NoticeKind, text: String) {
        self.notices.push(Notice { id: self.next_notice, kind, text });
        self.next_notice += 1;
        // Keep the list short: the oldest go first.
        if self.notices.len() > 6 {
            self.notices.remove(0);
        }
    }
}

impl AppState {
    /// Checks and takes a new schema, remembering the old one for undo with the documents `docs`
    /// changed. Returns false (with a notice) when the schema is refused.
    fn take_labels(&mut self, labels: Vec<LabelDef>, docs: Vec<(String, Summary)>) -> bool {
        if let Err(e) = sanad_core::schema::check(&labels) {
            let msg = fill(self.t().schema_refused, &[("error", &e)]);
            self.notify(NoticeKind::Error, msg);
            return false;
        }
        self.schema_undo.push(SchemaStep { labels: (*self.labels).clone(), docs });
        self.labels = Shared::new(labels);
        true
    }

    /// Applies `cmd` to every document with a span labelled `label`, through each one's history.
    /// Returns the documents changed with their step's summary.
    fn apply_to_labelled(&mut self, label: &str, cmd: &Command) -> Vec<(String, Summary)> {
        let mut changed = Vec::new();
        let mut list: Vec<Rc<Document>> = (*self.docs).clone();
        let mut errors = Vec::new();
        {
            let mut histories = self.histories.0.borrow_mut();
            for slot in list.iter_mut() {
                if !slot.spans().iter().any(|s| s.label() == label) {
                    continue;
                }
                let mut doc = (**slot).clone();
                match histories.entry(doc.id().to_string()).or_default().apply(&mut doc, cmd.clone(), None) {
                    Ok(r) if r.changed => {
                        changed.push((doc.id().to_string(), r.summary));
                        *slot = Rc::new(doc);
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(e),
                }
            }
        }
        self.docs = Shared::new(list);
        for e in errors {
            let msg = fill(self.t().edit_refused, &[("error", &e)]);
            self.notify(NoticeKind::Error, msg);
        }
        changed
    }
}

type EditResult = Result<(bool, String, Vec<String>), sanad_core::edit::EditError>;

impl AppState {
    /// Runs `f` on a copy of the open document and its history (a copy shares the text and the
    /// spans' strings: no allocation per span); a changed copy replaces the document (and is saved
    /// by the persistence effect). Errors become notices; nothing changes.
    fn edit(&mut self, f: impl FnOnce(&mut History, &mut Document) -> EditResult) {
        let Some(id) = self.open.clone() else { return };
        let Some(current) = self.document(&id).cloned() else { return };
        let mut doc = (*current).clone();
        let result = {
            let mut histories = self.histories.0.borrow_mut();
            f(histories.entry(id.clone()).or_default(), &mut doc)
        };
        match result {
            Ok((changed, summary, created)) => {
                let doc = Rc::new(doc);
                if changed {
                    let list: Vec<Rc<Document>> =
                        self.docs.iter().map(|d| if d.id() == id { Rc::clone(&doc) } else { Rc::clone(d) }).collect();
                    self.docs = Shared::new(list);
                }
                // Keep the selection on what still exists; select what was just made.
                let exists = |sel: &Selected| match sel {
                    Selected::Span(i) => doc.span(i).is_some(),
                    Selected::Quote(i) => doc.quotes().iter().any(|q| q.id() == i),
                };
                if let Some(c) = created.last() {
                    self.selected = Some(if doc.span(c).is_some() {
                        Selected::Span(c.clone())
                    } else {
                        Selected::Quote(c.clone())
                    });
                } else if !self.selected.as_ref().is_some_and(exists) {
                    self.selected = None;
                }
                self.picking_speaker = None;
                self.last_edit = Some(summary);
            }
            Err(e) => {
                let msg = fill(self.t().edit_refused, &[("error", &e)]);
                self.notify(NoticeKind::Error, msg)
            }
        }
    }
}

impl AppState {
    /// Adds imported documents: new ones are added (renamed when their id is used by another
    /// text), ones already here are merged (core `merge`: nothing here is lost, conflicts resolved
    /// as listed in the preview). Documents that came without suggestions are queued for tagging.
    fn import(&mut self, docs: Vec<Document>, source: &str, open: bool) {
        let mut list: Vec<Rc<Document>> = (*self.docs).clone();
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
                self.histories.0.borrow_mut().remove(x.id());
                list[i] = Rc::new(x);
            }
        }
        let to_tag: Vec<String> = added
            .iter()
            .filter(|d| d.spans().iter().all(|s| s.origin() != Origin::Model))
            .map(|d| d.id().to_string())
            .collect();
        list.extend(added.into_iter().map(Rc::new));
        self.docs = Shared::new(list);
        self.tagging.enqueue(to_tag, false);
        let t = self.t();
        let mut msg =
            fill(t.import_added, &[("source", &source), ("added", &articles(t, report.added + report.renamed))]);
        if report.renamed > 0 {
            msg.push_str(&fill(t.import_renamed, &[("n", &report.renamed)]));
        }
        if report.merged > 0 {
            msg.push_str(&fill(
                t.import_merged,
                &[("n", &report.merged), ("spans", &report.spans_added), ("quotes", &report.quotes_added)],
            ));
        }
        if report.unchanged > 0 {
            msg.push_str(&fill(t.import_duplicates, &[("n", &articles(t, report.unchanged))]));
        }
        let overlaps = report.conflicts.len() - report.renamed;
        if overlaps > 0 {
            msg.push_str(&fill(t.import_conflicts_done, &[("n", &overlaps)]));
        }
        self.notify(NoticeKind::Info, msg);
        if open {
            if let Some(id) = first {
                self.open = Some(id);
            }
        }
    }
}

fn articles(t: &Strings, n: usize) -> String {
    if n == 1 {
        t.one_article.to_string()
    } else {
        fill(t.n_articles, &[("n", &n)])
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // A tab that does not hold the project changes nothing that would be saved.
        let changes_project = matches!(
            action,
            Action::Edit(_)
                | Action::Undo
                | Action::Redo
                | Action::DoneNext
                | Action::Import { .. }
                | Action::SetLabels(_)
                | Action::RenameLabel { .. }
                | Action::DeleteLabel { .. }
                | Action::UndoSchema
                | Action::SetSettings(_)
                | Action::RenameProject(_)
        );
        if changes_project && matches!(s.tab, Tab::ReadOnly | Tab::Lost) {
            let msg = s.t().read_only_refused.to_string();
            s.notify(NoticeKind::Error, msg);
            return Rc::new(s);
        }
        match action {
            Action::Loaded { labels, settings, docs, persistence } => {
                s.labels = Shared::new(labels);
                s.settings = settings;
                s.schema_undo.clear();
                s.docs = Shared::new(docs);
                s.persistence = persistence;
                if s.open.as_ref().is_some_and(|id| s.document(id).is_none()) {
                    s.open = None;
                }
            }
            Action::Import { docs, source, open } => s.import(docs, &source, open),
            Action::Open(id) => {
                s.selected = None;
                s.picking_speaker = None;
                s.last_edit = None;
                let untagged = s.document(&id).is_some_and(|d| d.spans().iter().all(|x| x.origin() != Origin::Model));
                if untagged && !s.tagging.tagged.contains(&id) {
                    s.tagging.enqueue([id.clone()], true);
                }
                s.open = Some(id);
            }
            Action::Close => s.open = None,
            Action::Notify(kind, text) => s.notify(kind, text),
            Action::Dismiss(id) => s.notices.retain(|n| n.id != id),
            Action::TagSent(id) => {
                s.tagging.queue.retain(|q| *q != id);
                s.tagging.in_flight = Some(id);
            }
            Action::Tagged { doc_id, spans, quotes, model, tokens, ms, text } => {
                let suggestions: Vec<Suggestion> = spans.iter().map(Suggestion::from).collect();
                let mut list: Vec<Rc<Document>> = (*s.docs).clone();
                let mut added = 0;
                let same = |d: &Rc<Document>| text.as_ref().is_none_or(|t| std::sync::Arc::ptr_eq(d.shared_text(), t));
                if let Some(slot) = list.iter_mut().find(|d| d.id() == doc_id && same(d)) {
                    let mut d = (**slot).clone();
                    added = d.set_suggestions(&suggestions, Some(&model));
                    // Quotes and their speakers (found in the worker with the same entities); the
                    // editor's quotes stay as they are.
                    added += d.set_quote_suggestions(quotes);
                    *slot = Rc::new(d);
                }
                s.docs = Shared::new(list);
                s.tagging.last = Some((doc_id.clone(), added, tokens, ms));
                s.tagging.finish(&doc_id);
            }
            Action::TagFailed { doc_id, message } => {
                s.tagging.finish(&doc_id);
                let msg = fill(s.t().tag_failed, &[("error", &message)]);
                s.notify(NoticeKind::Error, msg);
            }
            Action::UpdateReady => s.update_ready = true,
            Action::Edit(cmd) => {
                let t = s.t();
                s.edit(|h, doc| h.apply(doc, cmd, None).map(|r| (r.changed, i18n::summary(t, &r.summary), r.created)))
            }
            Action::Undo => {
                let t = s.t();
                s.edit(|h, doc| {
                    h.undo(doc).map(|r| {
                        let msg = r.as_ref().map_or_else(
                            || t.nothing_to_undo.into(),
                            |x| fill(t.undone, &[("what", &i18n::summary(t, x))]),
                        );
                        (r.is_some(), msg, vec![])
                    })
                })
            }
            Action::Redo => {
                let t = s.t();
                s.edit(|h, doc| {
                    h.redo(doc).map(|r| {
                        let msg = r.as_ref().map_or_else(
                            || t.nothing_to_redo.into(),
                            |x| fill(t.redone, &[("what", &i18n::summary(t, x))]),
                        );
                        (r.is_some(), msg, vec![])
                    })
                })
            }
            Action::Select(sel) => {
                s.selected = sel;
                s.picking_speaker = None;
                s.last_edit = None;
            }
            Action::DoneNext => {
                let current = s.open.clone();
                let t = s.t();
                s.edit(|h, doc| {
                    h.apply(doc, Command::SetStatus(sanad_core::Status::Done), None)
                        .map(|r| (r.changed, i18n::summary(t, &r.summary), r.created))
                });
                let ids: Vec<&str> = s.docs.iter().map(|d| d.id()).collect();
                let at = current.as_deref().and_then(|c| ids.iter().position(|i| *i == c)).unwrap_or(0);
                let next = (1..ids.len())
                    .map(|k| s.docs[(at + k) % ids.len()].clone())
                    .find(|d| d.status() != sanad_core::Status::Done)
                    .map(|d| d.id().to_string());
                match next {
                    Some(id) => return Rc::new(s).reduce(Action::Open(id)),
                    None => {
                        let msg = s.t().all_done.to_string();
                        s.notify(NoticeKind::Info, msg)
                    }
                }
            }
            Action::SetLang(lang) => s.lang = lang,
            Action::PickSpeaker(q) => {
                s.selected = q.clone().map(Selected::Quote);
                s.picking_speaker = q;
            }
            Action::CancelTagging => {
                s.tagging.queue.clear();
                s.tagging.total = s.tagging.done + usize::from(s.tagging.in_flight.is_some());
            }
            Action::SetLabels(labels) => {
                s.take_labels(labels, Vec::new());
            }
            Action::RenameLabel { from, to } => {
                let to = to.trim().to_string();
                if to == from {
                    return Rc::new(s);
                }
                let labels: Vec<LabelDef> = s
                    .labels
                    .iter()
                    .map(|l| if l.name == from { LabelDef { name: to.clone(), ..l.clone() } } else { l.clone() })
                    .collect();
                if sanad_core::schema::check(&labels).is_err() {
                    s.take_labels(labels, Vec::new());
                    return Rc::new(s);
                }
                let docs = s.apply_to_labelled(&from, &Command::RenameLabel { from: from.clone(), to: to.clone() });
                let n = docs.len();
                s.take_labels(labels, docs);
                let msg = fill(s.t().schema_renamed, &[("from", &from), ("to", &to), ("n", &n)]);
                s.notify(NoticeKind::Info, msg);
            }
            Action::DeleteLabel { name, to } => {
                let labels: Vec<LabelDef> = s.labels.iter().filter(|l| l.name != name).cloned().collect();
                let policy = match to {
                    Some(to) if to != name => DeletePolicy::RelabelTo(to),
                    _ => DeletePolicy::RemoveSpans,
                };
                let docs = s.apply_to_labelled(&name, &Command::DeleteLabel { name: name.clone(), policy });
                let n = docs.len();
                if s.take_labels(labels, docs) {
                    let msg = fill(s.t().schema_deleted, &[("name", &name), ("n", &n)]);
                    s.notify(NoticeKind::Info, msg);
                }
            }
            Action::UndoSchema => {
                if let Some(step) = s.schema_undo.pop() {
                    s.labels = Shared::new(step.labels);
                    let mut skipped = 0;
                    let mut list: Vec<Rc<Document>> = (*s.docs).clone();
                    {
                        let mut histories = s.histories.0.borrow_mut();
                        for (id, summary) in &step.docs {
                            let (Some(slot), Some(h)) = (list.iter_mut().find(|d| d.id() == id), histories.get_mut(id))
                            else {
                                skipped += 1;
                                continue;
                            };
                            let mut doc = (**slot).clone();
                            if h.undo_summary() == Some(summary) && h.undo(&mut doc).is_ok() {
                                *slot = Rc::new(doc);
                            } else {
                                skipped += 1;
                            }
                        }
                    }
                    s.docs = Shared::new(list);
                    let t = s.t();
                    let msg = if skipped == 0 {
                        t.schema_undone.to_string()
                    } else {
                        fill(t.schema_undo_partial, &[("n", &skipped)])
                    };
                    s.notify(NoticeKind::Info, msg);
                }
            }
            Action::SetSettings(settings) => s.settings = settings,
            Action::TabLock(held) => s.tab = if held { Tab::Editing } else { Tab::ReadOnly },
            Action::TabLost => s.tab = Tab::Lost,
            Action::RetrySave => s.persistence = Persistence::Saved,
            Action::Project { info, list } => {
                s.project = info;
                s.projects = list;
            }
            Action::RenameProject(name) => {
                let name = name.trim().to_string();
                if !name.is_empty() {
                    for p in &mut s.projects {
                        if p.0 == s.project.id {
                            p.1.clone_from(&name);
                        }
                    }
                    s.project.name = name;
                }
            }
            Action::StorageFailed(msg) => {
                s.persistence = Persistence::MemoryOnly;
                let msg = fill(s.t().storage_failed, &[("error", &msg)]);
                s.notify(NoticeKind::Error, msg);
            }
        }
        Rc::new(s)
    }
}
