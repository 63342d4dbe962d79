//! The page starting: the service worker, this tab's lock on the project, reading the library
//! (from IndexedDB, or the demo on a first visit), the article named in the URL; and afterwards the
//! URL and the page's language following the state.

use std::rc::Rc;

use sanad_core::{Document, LabelDef};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::persistence::Store;
use super::tab_lock;
use crate::i18n::{CountKey, Lang, Msg, TextKey};
use crate::services::storage::{Storage, StorageError, DEFAULT_PROJECT};
use crate::services::{self, demo, prefs, saver, sw};
use crate::state::{Action, AppState, NoticeKind, Persistence, ProjectInfo, ProjectSettings};

/// The article in the URL (`#doc=ID`).
fn doc_from_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let id = hash.strip_prefix("#doc=")?;
    js_sys::decode_uri_component(id).ok()?.as_string()
}

/// Writes the open article into the URL (`#doc=ID`), or clears it.
pub fn set_hash(id: Option<&str>) {
    if let Some(loc) = web_sys::window().map(|w| w.location()) {
        let h = id.map(|id| format!("#doc={}", String::from(js_sys::encode_uri_component(id)))).unwrap_or_default();
        let _ = loc.set_hash(&h);
    }
}

/// Starts the page once: registers the service worker, asks for the project's lock, reads the
/// library (the article in the URL is read before anything rewrites it). Then keeps the page's
/// language and the URL in step with the state.
#[hook]
pub fn use_startup(state: &UseReducerHandle<AppState>, store: &Store) {
    {
        let (dispatch, store) = (state.dispatcher(), store.clone());
        let default_name = state.lang.strings().default_project_name;
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            sw::register(Callback::from(move |_| d.dispatch(Action::UpdateReady)));
            let project = prefs::current_project().unwrap_or_else(|| DEFAULT_PROJECT.to_string());
            tab_lock::acquire_at_start(&dispatch, &store, &project);
            spawn_local(load(dispatch, store, doc_from_hash(), project, default_name))
        });
    }
    // The page's language and direction follow the interface language.
    use_effect_with(state.lang, |lang| prefs::apply(*lang));
    {
        let deps = (state.open.clone(), state.persistence == Persistence::Loading);
        use_effect_with(deps, |(open, loading)| {
            // When the page is idle: changing the URL is a same-document navigation, which costs
            // milliseconds (and would lay out a new article inside the click that opened it).
            if !*loading {
                let open = open.clone();
                services::when_idle(move || set_hash(open.as_deref()));
            }
        });
    }
}

/// The button that switches the interface language (remembered in this browser).
#[hook]
pub fn use_switch_lang(state: &UseReducerHandle<AppState>) -> Callback<MouseEvent> {
    let (d, next) = (state.dispatcher(), if state.lang == Lang::Ar { Lang::En } else { Lang::Ar });
    Callback::from(move |_: MouseEvent| {
        prefs::set_ui_lang(next);
        d.dispatch(Action::SetLang(next));
    })
}

/// Reads the project `project` (seeding it with the demo library on a first visit), brings back
/// what was stashed when the page last went away, and opens `open_at_start`.
async fn load(
    dispatch: UseReducerDispatcher<AppState>,
    store: Store,
    open_at_start: Option<String>,
    project: String,
    default_name: &'static str,
) {
    let (demo_labels, demo_docs) = match demo::library().await {
        Ok(p) => (p.labels.clone(), p.into_documents()),
        Err(e) => {
            let msg = Msg::text(TextKey::demo_damaged).with("error", Msg::Import(e));
            dispatch.dispatch(Action::Notify(NoticeKind::Error, msg));
            (LabelDef::defaults(), Vec::new())
        }
    };
    let failed = |e: StorageError| Action::StorageFailed(Msg::Storage(e));
    let db = match Storage::open().await {
        Ok(db) => Rc::new(db),
        Err(e) => {
            let docs = demo_docs.into_iter().map(Rc::new).collect();
            let settings = ProjectSettings::default();
            dispatch.dispatch(Action::Loaded {
                labels: demo_labels,
                annotators: Vec::new(),
                settings,
                docs,
                persistence: Persistence::MemoryOnly,
            });
            dispatch.dispatch(failed(e));
            return;
        }
    };
    *store.storage.borrow_mut() = Some(Rc::clone(&db));
    // Documents whose last changes could neither be written nor stashed when the page went away.
    let lost = saver::lost(&project);
    let mut name = default_name.to_string();
    let (labels, settings, annotators, docs) = match db.load(&project).await {
        Ok(Some(l)) => {
            name.clone_from(&l.name);
            for p in &l.problems {
                let msg = Msg::text(TextKey::saved_unreadable).with("error", Msg::Storage(p.clone()));
                dispatch.dispatch(Action::Notify(NoticeKind::Error, msg));
            }
            let mut docs = l.docs;
            // Changes stashed when the page went away before their write finished.
            let recovered = saver::recover(&project);
            if !recovered.is_empty() {
                if let Err(e) = db.save_docs(&project, recovered.iter()).await {
                    dispatch.dispatch(failed(e));
                }
                for d in recovered {
                    match docs.iter_mut().find(|x| x.id() == d.id()) {
                        Some(slot) => *slot = d,
                        None => docs.push(d),
                    }
                }
            }
            (l.labels, l.settings, l.annotators, docs)
        }
        Ok(None) => {
            // First visit: the library starts with the demo articles.
            let seeded = async {
                db.save_project(&project, default_name, &demo_labels, ProjectSettings::default(), &[]).await?;
                db.save_docs(&project, demo_docs.iter()).await
            };
            if let Err(e) = seeded.await {
                dispatch.dispatch(failed(e));
            }
            (demo_labels, ProjectSettings::default(), Vec::new(), demo_docs)
        }
        Err(e) => {
            dispatch.dispatch(failed(e));
            (demo_labels, ProjectSettings::default(), Vec::new(), demo_docs)
        }
    };
    if !lost.is_empty() {
        dispatch.dispatch(Action::Notify(NoticeKind::Error, lost_notice(&lost, &docs)));
    }
    let mut list = db.list_projects().await.unwrap_or_default();
    if !list.iter().any(|(id, _)| *id == project) {
        list.push((project.clone(), name.clone()));
    }
    dispatch.dispatch(Action::Project { info: ProjectInfo { id: project, name }, list });
    let docs: Vec<Rc<Document>> = docs.into_iter().map(Rc::new).collect();
    store.saved.borrow_mut().extend(docs.iter().map(|d| (d.id().to_string(), Rc::clone(d))));
    dispatch.dispatch(Action::Loaded { labels, annotators, settings, docs, persistence: Persistence::Saved });
    if let Some(id) = open_at_start {
        dispatch.dispatch(Action::Open(id));
    }
}

/// The notice for documents whose last changes were lost: how many, and their titles (their ids
/// when they are not in the library).
fn lost_notice(ids: &[String], docs: &[Document]) -> Msg {
    let mut titles = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            titles.push(Msg::text(TextKey::comma));
        }
        let title = docs.iter().find(|d| d.id() == id).map_or(id.as_str(), |d| d.title());
        titles.push(Msg::Plain(format!("«{title}»")));
    }
    Msg::text(TextKey::stash_lost)
        .with("n", Msg::count(CountKey::articles_of, ids.len()))
        .with("titles", Msg::Join(titles))
}
