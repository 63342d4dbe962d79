//! The app state and the actions that change it.

use std::rc::Rc;

use sanad_core::annotators::Incoming;
use sanad_core::edit::{Command, Summary};
use sanad_core::nlp::EntitySpan;
use sanad_core::{AnnotatorDef, Decision, Document, LabelDef};

use super::article::{Curating, LayerView, PositionKey};
use super::history::Histories;
use super::notices::{NoticeKind, Notices};
use super::project::{Persistence, ProjectInfo, ProjectSettings, Tab};
use super::shared::Shared;
use super::tagging::Tagging;
use crate::i18n::{Lang, Msg};

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub labels: Shared<Vec<LabelDef>>,
    pub docs: Shared<Vec<Rc<Document>>>,
    pub open: Option<String>,
    pub notices: Notices,
    pub persistence: Persistence,
    pub tagging: Tagging,
    /// A newer version of the app is installed and waits for the user to reload.
    pub update_ready: bool,
    /// The selected span or quote of the open document.
    pub selected: Option<Selected>,
    /// While set, the next entity clicked becomes this quote's speaker.
    pub picking_speaker: Option<String>,
    /// What the last edit, undo or redo did (shown in the status line).
    pub last_edit: Option<Msg>,
    /// Undo and redo of each document (a value of the state, copied on write).
    pub histories: Histories,
    /// The interface language (remembered in local storage by the app).
    pub lang: Lang,
    /// The project's settings (saved with its labels).
    pub settings: ProjectSettings,
    /// Label changes, newest last, to undo one at a time (shared between versions of the state).
    pub schema_undo: Rc<Vec<SchemaStep>>,
    /// Whether this tab may edit the project (another tab may hold it).
    pub tab: Tab,
    /// The open project, and every project of this browser (id, name).
    pub project: ProjectInfo,
    pub projects: Vec<(String, String)>,
    /// The annotators whose layers the project's articles hold, with their colours.
    pub annotators: Shared<Vec<AnnotatorDef>>,
    /// Which layer the open article shows.
    pub layer_view: LayerView,
    /// The open article's curation.
    pub curating: Curating,
    /// The agreement view is shown instead of the article.
    pub agreement: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected {
    Span(String),
    Quote(String),
}

/// One change of the label schema: the labels before it, and the documents it changed with the
/// summary of the step it left in each one's history (undone only while it is still the last).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaStep {
    pub labels: Vec<LabelDef>,
    pub docs: Vec<(String, Summary)>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            labels: Shared::new(LabelDef::defaults()),
            docs: Shared::new(Vec::new()),
            open: None,
            notices: Notices::default(),
            persistence: Persistence::Loading,
            tagging: Tagging::default(),
            update_ready: false,
            selected: None,
            picking_speaker: None,
            last_edit: None,
            histories: Histories::default(),
            lang: Lang::default(),
            settings: ProjectSettings::default(),
            schema_undo: Rc::default(),
            tab: Tab::default(),
            project: ProjectInfo::default(),
            projects: Vec::new(),
            annotators: Shared::new(Vec::new()),
            layer_view: LayerView::default(),
            curating: Curating::default(),
            agreement: false,
        }
    }
}

impl AppState {
    /// A fresh state with this interface language.
    pub fn with_lang(lang: Lang) -> Self {
        AppState { lang, ..AppState::default() }
    }

    pub fn document(&self, id: &str) -> Option<&Rc<Document>> {
        self.docs.iter().find(|d| d.id() == id)
    }

    /// The open document.
    pub fn open_document(&self) -> Option<&Rc<Document>> {
        self.open.as_deref().and_then(|id| self.document(id))
    }

    pub fn notify(&mut self, kind: NoticeKind, msg: Msg) {
        self.notices.push(kind, msg);
    }
}

pub enum Action {
    /// The library was read (from storage, or the demo when storage is empty or unavailable).
    Loaded {
        labels: Vec<LabelDef>,
        annotators: Vec<AnnotatorDef>,
        settings: ProjectSettings,
        docs: Vec<Rc<Document>>,
        persistence: Persistence,
    },
    /// New documents join the library; the first is opened when `open` is set. `source` names
    /// where they came from (file names, or "Pasted text").
    Import {
        docs: Vec<Document>,
        source: Msg,
        open: bool,
    },
    Open(String),
    Close,
    Notify(NoticeKind, Msg),
    Dismiss(u32),
    /// Writing to the browser's storage failed (the reason, as the browser gave it).
    StorageFailed(Msg),
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
        message: Msg,
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
    /// Annotators' files join the library as layers (one file per annotator).
    ImportLayers {
        files: Vec<Incoming>,
        source: Msg,
    },
    /// Show one layer of the open article, or all.
    ShowLayer(LayerView),
    /// The next layer view (gold, each annotator, all).
    CycleLayer,
    /// Start or stop curating the open article.
    Curate(bool),
    /// The next (true) or previous disagreement.
    Position(bool),
    /// Go to this disagreement.
    GoPosition(PositionKey),
    /// Settle the current disagreement.
    Settle(Decision),
    /// Take the side of the open article's n-th annotator (1-based) at the current disagreement.
    TakeSide(usize),
    /// Show (or leave) the agreement view.
    ShowAgreement(bool),
}

impl Action {
    /// True for the actions that change what is saved: a tab that does not hold the project
    /// refuses them.
    pub fn changes_project(&self) -> bool {
        matches!(
            self,
            Action::Edit(_)
                | Action::Undo
                | Action::Redo
                | Action::DoneNext
                | Action::Import { .. }
                | Action::ImportLayers { .. }
                | Action::Curate(true)
                | Action::Settle(_)
                | Action::TakeSide(_)
                | Action::SetLabels(_)
                | Action::RenameLabel { .. }
                | Action::DeleteLabel { .. }
                | Action::UndoSchema
                | Action::SetSettings(_)
                | Action::RenameProject(_)
        )
    }
}
