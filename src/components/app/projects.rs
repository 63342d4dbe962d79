//! Projects: switching, creating, duplicating, importing into a new one, deleting. Every change is
//! written first, then the page starts again on the project to open (its lock, its saver and its
//! histories start clean).

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::persistence::Store;
use super::startup::set_hash;
use crate::components::settings::ProjectOp;
use crate::i18n::{fill, Msg, TextKey};
use crate::services::prefs;
use crate::services::storage::StorageError;
use crate::state::{Action, AppState, ProjectSettings};

#[hook]
pub fn use_projects(state: &UseReducerHandle<AppState>, store: &Store) -> Callback<ProjectOp> {
    let (d, store, t) = (state.dispatcher(), store.clone(), state.lang.strings());
    let (docs, labels, settings, project) =
        (state.docs.clone(), state.labels.clone(), state.settings, state.project.clone());
    let annotators = state.annotators.clone();
    Callback::from(move |op: ProjectOp| {
        let Some(db) = store.db() else {
            d.dispatch(Action::StorageFailed(Msg::text(TextKey::storage_unavailable)));
            return;
        };
        let pending = store.saver.borrow().clone();
        let (d, docs, labels, project) = (d.clone(), docs.clone(), labels.clone(), project.clone());
        let annotators = annotators.clone();
        spawn_local(async move {
            let done: Result<Option<String>, StorageError> = async {
                if let Some(s) = pending {
                    s.write_pending().await?;
                }
                let fresh = || format!("p{}", js_sys::Date::now() as u64);
                match op {
                    ProjectOp::Switch(id) => Ok(Some(id)),
                    ProjectOp::Create => {
                        let id = fresh();
                        let defaults = sanad_core::LabelDef::defaults();
                        db.save_project(&id, t.project_new_name, &defaults, ProjectSettings::default(), &[]).await?;
                        Ok(Some(id))
                    }
                    ProjectOp::Duplicate => {
                        let id = fresh();
                        let name = fill(t.project_copy_name, &[("name", &t.project_name(&project.name))]);
                        db.save_project(&id, &name, &labels, settings, &annotators).await?;
                        db.save_docs(&id, docs.iter().map(|d| d.as_ref())).await?;
                        Ok(Some(id))
                    }
                    ProjectOp::Import { name, docs } => {
                        let id = fresh();
                        let defaults = sanad_core::LabelDef::defaults();
                        let labels = sanad_core::schema::with_labels_of(&defaults, docs.iter());
                        db.save_project(&id, &name, &labels, ProjectSettings::default(), &[]).await?;
                        db.save_docs(&id, docs.iter()).await?;
                        Ok(Some(id))
                    }
                    ProjectOp::Delete => {
                        db.delete_project(&project.id).await?;
                        Ok(db.list_projects().await?.first().map(|p| p.0.clone()))
                    }
                }
            }
            .await;
            match done {
                Ok(next) => {
                    prefs::set_current_project(next.as_deref());
                    set_hash(None);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                Err(e) => d.dispatch(Action::StorageFailed(Msg::Storage(e))),
            }
        });
    })
}
