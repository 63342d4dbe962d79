//! Keeping the library in IndexedDB: the handles every part of the app writes through, the hook
//! that writes what changed, and the storage banner's two ways out (export, try again).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use sanad_core::Document;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::export::save_project;
use crate::i18n::{Msg, TextKey};
use crate::services::saver::Saver;
use crate::services::storage::Storage;
use crate::state::{Action, AppState, NoticeKind, Persistence, Tab};

/// The storage handles of the page (cheap to clone: shared cells).
#[derive(Clone)]
pub struct Store {
    /// The database, once open.
    pub storage: Rc<RefCell<Option<Rc<Storage>>>>,
    /// The version of each document last handed to the saver (written, or being written).
    pub saved: Rc<RefCell<HashMap<String, Rc<Document>>>>,
    /// Batched document writes, made at the first change.
    pub saver: Rc<RefCell<Option<Rc<Saver>>>>,
}

impl Store {
    pub fn db(&self) -> Option<Rc<Storage>> {
        self.storage.borrow().clone()
    }
}

/// The store, made once.
#[hook]
pub fn use_store() -> Store {
    let storage = use_mut_ref(|| None);
    let saved = use_mut_ref(HashMap::new);
    let saver = use_mut_ref(|| None);
    Store { storage, saved, saver }
}

/// What the storage banner offers.
pub struct Banner {
    /// Download the project JSON from memory.
    pub export_now: Callback<MouseEvent>,
    /// Write everything again.
    pub retry_save: Callback<MouseEvent>,
}

/// Writes every document whose value changed since it was last written (per document, batched by
/// the saver: never during the key press that made the change), and the project record (name,
/// labels, settings) when it changes; only while storage works and this tab holds the project.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<AppState>, store: &Store) -> Banner {
    {
        let (store, dispatch) = (store.clone(), state.dispatcher());
        let project = state.project.id.clone();
        use_effect_with((state.docs.clone(), state.persistence, state.tab), move |(docs, persistence, tab)| {
            if *persistence != Persistence::Saved || *tab != Tab::Editing {
                return;
            }
            let changed: Vec<Rc<Document>> = {
                let mut saved = store.saved.borrow_mut();
                let changed: Vec<Rc<Document>> =
                    docs.iter().filter(|d| !saved.get(d.id()).is_some_and(|s| Rc::ptr_eq(s, d))).cloned().collect();
                for d in &changed {
                    saved.insert(d.id().to_string(), Rc::clone(d));
                }
                changed
            };
            if changed.is_empty() {
                return;
            }
            let mut slot = store.saver.borrow_mut();
            if slot.is_none() {
                if let Some(db) = store.db() {
                    let (failed, unstashed) = (dispatch.clone(), dispatch.clone());
                    *slot = Some(Saver::new(
                        db,
                        Callback::from(move |e| failed.dispatch(Action::StorageFailed(Msg::Storage(e)))),
                        Callback::from(move |_| {
                            unstashed.dispatch(Action::Notify(NoticeKind::Error, Msg::text(TextKey::stash_failed)))
                        }),
                    ));
                }
            }
            if let Some(s) = slot.as_ref() {
                s.schedule(&project, changed);
            }
        });
    }
    {
        let (storage, dispatch) = (store.storage.clone(), state.dispatcher());
        let deps = (
            state.labels.clone(),
            state.settings,
            state.persistence,
            state.tab,
            state.project.clone(),
            state.annotators.clone(),
        );
        use_effect_with(deps, move |(labels, settings, persistence, tab, project, annotators)| {
            if *persistence == Persistence::Saved && *tab == Tab::Editing && !project.id.is_empty() {
                if let Some(db) = storage.borrow().clone() {
                    let (labels, settings, project) = (labels.clone(), *settings, project.clone());
                    let annotators = annotators.clone();
                    spawn_local(async move {
                        let saved = db.save_project(&project.id, &project.name, &labels, settings, &annotators);
                        if let Err(e) = saved.await {
                            dispatch.dispatch(Action::StorageFailed(Msg::Storage(e)));
                        }
                    });
                }
            }
        });
    }
    // Storage failed: the work is in memory; export it from right here, or try writing again.
    let export_now = {
        let (d, docs, labels, t) = (state.dispatcher(), state.docs.clone(), state.labels.clone(), state.lang.strings());
        let annotators = state.annotators.clone();
        Callback::from(move |_: MouseEvent| match save_project(t, &docs, &labels, &annotators) {
            Ok(msg) => d.dispatch(Action::Notify(NoticeKind::Info, msg)),
            Err(msg) => d.dispatch(Action::Notify(NoticeKind::Error, msg)),
        })
    };
    let retry_save = {
        let (d, store) = (state.dispatcher(), store.clone());
        Callback::from(move |_: MouseEvent| {
            if store.db().is_some() {
                // Everything is written again.
                store.saved.borrow_mut().clear();
                d.dispatch(Action::RetrySave);
            } else {
                d.dispatch(Action::StorageFailed(Msg::text(TextKey::storage_unavailable)));
            }
        })
    };
    Banner { export_now, retry_save }
}
