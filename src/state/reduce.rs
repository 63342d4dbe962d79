//! The reducer: a pure function of a state and an action (no IO, nothing changed behind it: the
//! histories are values of the state), dispatching each action to the module of its concern.

use std::rc::Rc;

use yew::Reducible;

use super::app::{Action, AppState};
use super::curation;
use super::editing;
use super::library;
use super::notices::NoticeKind;
use super::project::{Persistence, Tab};
use super::schema;
use super::shared::Shared;
use super::suggestions::{self, Found};
use crate::i18n::{Msg, TextKey};

/// The state after `action`. A tab that does not hold the project changes nothing that would be
/// saved: it says so instead.
pub fn reduce(mut s: AppState, action: Action) -> AppState {
    if action.changes_project() && s.tab.read_only() {
        s.notify(NoticeKind::Error, Msg::text(TextKey::read_only_refused));
        return s;
    }
    match action {
        // The library.
        Action::Loaded { labels, annotators, settings, docs, persistence } => {
            library::loaded(&mut s, labels, settings, docs, persistence);
            s.annotators = Shared::new(curation::complete_annotators(&annotators, &s.docs));
        }
        Action::ImportLayers { files, source } => curation::import_layers(&mut s, files, source),
        Action::ShowAgreement(on) => {
            s.agreement = on;
            if on {
                library::close(&mut s);
            }
        }
        // Layers and curation of the open article.
        Action::ShowLayer(view) => curation::show_layer(&mut s, view),
        Action::CycleLayer => curation::cycle_layer(&mut s),
        Action::Curate(on) => curation::curate(&mut s, on),
        Action::Position(forward) => curation::move_position(&mut s, forward, false),
        Action::GoPosition(k) => curation::go_position(&mut s, k),
        Action::Settle(decision) => curation::settle(&mut s, decision),
        Action::TakeSide(n) => curation::take_side(&mut s, n),
        Action::Import { docs, source, open } => library::import(&mut s, docs, source, open),
        Action::Open(id) => library::open(&mut s, id),
        Action::Close => library::close(&mut s),
        // Editing the open document.
        Action::Edit(cmd) => editing::apply(&mut s, cmd),
        Action::Undo => {
            let before = s.open_document().cloned();
            editing::undo(&mut s);
            curation::follow(&mut s, before);
        }
        Action::Redo => {
            let before = s.open_document().cloned();
            editing::redo(&mut s);
            curation::follow(&mut s, before);
        }
        Action::Select(sel) => editing::select(&mut s, sel),
        Action::PickSpeaker(q) => editing::pick_speaker(&mut s, q),
        Action::DoneNext => editing::done_next(&mut s),
        // The label schema and the project's settings.
        Action::SetLabels(labels) => schema::set_labels(&mut s, labels),
        Action::RenameLabel { from, to } => schema::rename_label(&mut s, from, to),
        Action::DeleteLabel { name, to } => schema::delete_label(&mut s, name, to),
        Action::UndoSchema => schema::undo_schema(&mut s),
        Action::SetSettings(settings) => s.settings = settings,
        // The tagger.
        Action::TagSent(id) => suggestions::sent(&mut s, id),
        Action::Tagged { doc_id, spans, quotes, model, tokens, ms, text } => {
            suggestions::tagged(&mut s, doc_id, Found { spans, quotes, model, tokens, ms, text })
        }
        Action::TagFailed { doc_id, message } => suggestions::failed(&mut s, doc_id, message),
        Action::CancelTagging => suggestions::cancel(&mut s),
        // Notices.
        Action::Notify(kind, msg) => s.notify(kind, msg),
        Action::Dismiss(id) => s.notices.dismiss(id),
        // The project, this tab and storage.
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
        Action::TabLock(held) => s.tab = if held { Tab::Editing } else { Tab::ReadOnly },
        Action::TabLost => s.tab = Tab::Lost,
        Action::StorageFailed(error) => {
            s.persistence = Persistence::MemoryOnly;
            s.notify(NoticeKind::Error, Msg::text(TextKey::storage_failed).with("error", error));
        }
        Action::RetrySave => s.persistence = Persistence::Saved,
        // The page.
        Action::SetLang(lang) => s.lang = lang,
        Action::UpdateReady => s.update_ready = true,
    }
    s
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The previous state stays as it was (the page still shows it until the next render).
        let s = Rc::try_unwrap(self).unwrap_or_else(|shared| (*shared).clone());
        Rc::new(reduce(s, action))
    }
}
