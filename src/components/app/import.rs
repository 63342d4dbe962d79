//! Files chosen or dropped: read by the import service (progress, cancel), then added at once when
//! they are plain articles, or previewed (counts, problems, conflicts, choices) before anything
//! changes.

use std::rc::Rc;

use sanad_core::Origin;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::import::{incoming, Choice, Stage};
use crate::components::settings::ProjectOp;
use crate::i18n::{Msg, TextKey};
use crate::services::{files, import};
use crate::state::{Action, AppState, NoticeKind, Shared};

/// What the view needs for importing.
pub struct Import {
    /// Where the import is (for the dialog).
    pub stage: Stage,
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_cancel: Callback<()>,
    pub on_confirm: Callback<Choice>,
    /// Files dropped anywhere on the page.
    pub ondrop: Callback<DragEvent>,
}

/// `on_project` writes documents into a new project (when the preview chooses one).
#[hook]
pub fn use_import(state: &UseReducerHandle<AppState>, on_project: Callback<ProjectOp>) -> Import {
    let stage = use_state(|| Stage::Idle);
    let cancel = use_mut_ref(|| false);
    let on_files = {
        let (d, stage, cancel) = (state.dispatcher(), stage.clone(), cancel.clone());
        Callback::from(move |list: Vec<web_sys::File>| {
            if !matches!(*stage, Stage::Idle) {
                return;
            }
            *cancel.borrow_mut() = false;
            let (d, stage, cancel) = (d.clone(), stage.clone(), cancel.clone());
            let names = list.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
            let total = list.iter().map(|f| f.size() as u64).sum();
            let single = list.len() == 1;
            stage.set(Stage::Reading { names: names.clone(), done: 0, total });
            spawn_local(async move {
                let progress = |done, total| stage.set(Stage::Reading { names: names.clone(), done, total });
                let read = import::read(list, Origin::Model, &progress, &|| *cancel.borrow()).await;
                let pending = match read {
                    import::Read::Cancelled => {
                        stage.set(Stage::Idle);
                        d.dispatch(Action::Notify(NoticeKind::Info, Msg::text(TextKey::import_cancelled)));
                        return;
                    }
                    import::Read::Done(p) => p,
                };
                let n = pending.docs.borrow().len();
                if n == 0 {
                    stage.set(Stage::Idle);
                    for e in pending.problems.iter().take(3) {
                        d.dispatch(Action::Notify(NoticeKind::Error, Msg::Import(e.clone())));
                    }
                    if pending.problems.is_empty() {
                        let msg = Msg::text(TextKey::import_nothing).with("file", names);
                        d.dispatch(Action::Notify(NoticeKind::Error, msg));
                    }
                } else if pending.is_plain() {
                    stage.set(Stage::Idle);
                    let docs = pending.docs.take();
                    d.dispatch(Action::Import { docs, source: Msg::Plain(names), open: single && n == 1 });
                } else {
                    stage.set(Stage::Preview(Shared::new(pending)));
                }
            });
        })
    };
    let on_cancel = {
        let (stage, cancel) = (stage.clone(), cancel.clone());
        Callback::from(move |_: ()| {
            *cancel.borrow_mut() = true;
            if matches!(*stage, Stage::Preview(_)) {
                stage.set(Stage::Idle);
            }
        })
    };
    let on_confirm = {
        let (d, stage) = (state.dispatcher(), stage.clone());
        Callback::from(move |c: Choice| {
            if let Stage::Preview(p) = &*stage {
                if let Some(names) = &c.layers {
                    let files = incoming(p, names, true);
                    let source = p.sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
                    if let Some(name) = c.new_project {
                        // The layers' articles, made against an empty library, go into the new project.
                        let plan = sanad_core::annotators::plan(Vec::new(), files);
                        on_project.emit(ProjectOp::Import { name, docs: Rc::new(plan.added) });
                    } else {
                        d.dispatch(Action::ImportLayers { files, source: Msg::Plain(source) });
                    }
                    stage.set(Stage::Idle);
                    return;
                }
                let mut docs = p.docs.take();
                if !c.as_suggestions {
                    for doc in &mut docs {
                        sanad_core::merge::firm_suggestions(doc, Origin::Import);
                    }
                }
                if let Some(name) = c.new_project {
                    // Written into the new project, which the page then opens.
                    on_project.emit(ProjectOp::Import { name, docs: Rc::new(docs) });
                    stage.set(Stage::Idle);
                    return;
                }
                let source = p.sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
                let open = docs.len() == 1;
                d.dispatch(Action::Import { docs, source: Msg::Plain(source), open });
                stage.set(Stage::Idle);
            }
        })
    };
    let ondrop = {
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let list = files::list(e.data_transfer().and_then(|dt| dt.files()));
            if !list.is_empty() {
                on_files.emit(list);
            }
        })
    };
    Import { stage: (*stage).clone(), on_files, on_cancel, on_confirm, ondrop }
}
