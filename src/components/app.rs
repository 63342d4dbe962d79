//! The root component: owns the state (a reducer), starts loading, persists changes, and routes
//! user intents to services.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use gloo::timers::callback::Timeout;
use sanad_core::import::from_plain_text;
use sanad_core::{Document, Origin};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::article::ArticleView;
use crate::components::export::Export;
use crate::components::import::{Choice as ImportChoice, ImportDialog, Stage as ImportStage};
use crate::components::library::Library;
use crate::components::notices::Notices;
use crate::components::settings::{ProjectOp, Settings};
use crate::i18n::{decimals, fill, Lang};
use crate::services::saver::{self, Saver};
use crate::services::storage::{Storage, DEFAULT_PROJECT};
use crate::services::tagger::{self, Request, Response};
use crate::services::{self, demo, download, export, files, import, prefs, sw, tabs};
use crate::state::{Action, AppState, NoticeKind, Persistence, ProjectInfo, ProjectSettings, Shared, Tab};

type Saved = Rc<RefCell<HashMap<String, Rc<Document>>>>;

/// How long a pasted article waits for its suggestions before it is shown without them. With its
/// model loaded the worker answers a news article in a few milliseconds: the article is then added,
/// laid out and painted once, with its suggestions, instead of twice (docs/BENCHMARKS.md, issue 3).
const PASTE_HOLD_MS: u32 = 100;

/// A pasted article handed to the tagger at the click, before it joins the library.
struct Early {
    id: String,
    /// The text tagged: the answer is applied only to the document with this very text (not to
    /// another document that took the id meanwhile).
    text: Arc<str>,
    /// The article, until it is added (when its answer comes or the hold ends), and the words for
    /// the notice.
    held: Option<(Document, &'static str)>,
    _timer: Timeout,
}

type EarlySlot = Rc<RefCell<Option<Early>>>;

/// Adds a held pasted article to the library, opened, and records that the tagger has it.
fn release(d: &UseReducerDispatcher<AppState>, early: &mut Early) {
    if let Some((doc, source)) = early.held.take() {
        let id = doc.id().to_string();
        d.dispatch(Action::Import { docs: vec![doc], source: source.into(), open: true });
        d.dispatch(Action::TagSent(id));
    }
}

/// The tagger's request for a document: its text, and the spans that are not suggestions.
fn tag_request(doc: &Document) -> Request {
    Request::Tag {
        doc_id: doc.id().to_string(),
        lang: doc.lang().to_string(),
        text: doc.text().to_string(),
        models: tagger::models_url(),
        kept: doc.spans().iter().filter(|s| s.origin() != Origin::Model).cloned().collect(),
    }
}

fn doc_from_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let id = hash.strip_prefix("#doc=")?;
    js_sys::decode_uri_component(id).ok()?.as_string()
}

fn set_hash(id: Option<&str>) {
    if let Some(loc) = web_sys::window().map(|w| w.location()) {
        let h = id.map(|id| format!("#doc={}", String::from(js_sys::encode_uri_component(id)))).unwrap_or_default();
        let _ = loc.set_hash(&h);
    }
}

async fn load(
    dispatch: UseReducerDispatcher<AppState>,
    storage: Rc<RefCell<Option<Rc<Storage>>>>,
    saved: Saved,
    open_at_start: Option<String>,
    project: String,
    t: &'static crate::i18n::Strings,
) {
    let demo = demo::library().await;
    let (demo_labels, demo_docs) = match demo {
        Ok(p) => (p.labels.clone(), p.into_documents()),
        Err(e) => {
            dispatch.dispatch(Action::Notify(NoticeKind::Error, fill(t.demo_damaged, &[("error", &e)])));
            (sanad_core::LabelDef::defaults(), Vec::new())
        }
    };
    let opened = match Storage::open().await {
        Ok(db) => Rc::new(db),
        Err(e) => {
            let docs = demo_docs.into_iter().map(Rc::new).collect();
            let settings = ProjectSettings::default();
            dispatch.dispatch(Action::Loaded {
                labels: demo_labels,
                settings,
                docs,
                persistence: Persistence::MemoryOnly,
            });
            dispatch.dispatch(Action::StorageFailed(e));
            return;
        }
    };
    *storage.borrow_mut() = Some(Rc::clone(&opened));
    let mut name = t.default_project_name.to_string();
    let (labels, settings, docs) = match opened.load(&project).await {
        Ok(Some(l)) => {
            name.clone_from(&l.name);
            for p in &l.problems {
                dispatch.dispatch(Action::Notify(NoticeKind::Error, fill(t.saved_unreadable, &[("error", p)])));
            }
            let mut docs = l.docs;
            // Changes stashed when the page went away before their write finished.
            let recovered = saver::recover(&project);
            if !recovered.is_empty() {
                if let Err(e) = opened.save_docs(&project, recovered.iter()).await {
                    dispatch.dispatch(Action::StorageFailed(e));
                }
                for d in recovered {
                    match docs.iter_mut().find(|x| x.id() == d.id()) {
                        Some(slot) => *slot = d,
                        None => docs.push(d),
                    }
                }
            }
            (l.labels, l.settings, docs)
        }
        Ok(None) => {
            // First visit: the library starts with the demo articles.
            let seeded = async {
                opened.save_project(&project, t.default_project_name, &demo_labels, ProjectSettings::default()).await?;
                opened.save_docs(&project, demo_docs.iter()).await
            };
            if let Err(e) = seeded.await {
                dispatch.dispatch(Action::StorageFailed(e));
            }
            (demo_labels, ProjectSettings::default(), demo_docs)
        }
        Err(e) => {
            dispatch.dispatch(Action::StorageFailed(e));
            (demo_labels, ProjectSettings::default(), demo_docs)
        }
    };
    let mut list = opened.list_projects().await.unwrap_or_default();
    if !list.iter().any(|(id, _)| *id == project) {
        list.push((project.clone(), name.clone()));
    }
    dispatch.dispatch(Action::Project { info: ProjectInfo { id: project, name }, list });
    let docs: Vec<Rc<Document>> = docs.into_iter().map(Rc::new).collect();
    saved.borrow_mut().extend(docs.iter().map(|d| (d.id().to_string(), Rc::clone(d))));
    dispatch.dispatch(Action::Loaded { labels, settings, docs, persistence: Persistence::Saved });
    if let Some(id) = open_at_start {
        dispatch.dispatch(Action::Open(id));
    }
}

/// The notice for an export: what was written (after offering the download), or why not.
fn export_message(
    t: &'static crate::i18n::Strings,
    result: Result<export::ExportFile, export::ExportProblem>,
) -> Result<String, String> {
    use export::ExportProblem;
    match result {
        Ok(f) => download::save_blob(&f.name, &f.blob).map(|_| {
            let unit = if f.utf16 { t.unit_utf16 } else { t.unit_codepoints };
            let mut msg = fill(
                t.exported,
                &[
                    ("docs", &f.documents),
                    ("spans", &f.spans),
                    ("quotes", &f.quotes),
                    ("name", &f.name),
                    ("unit", &unit),
                ],
            );
            if f.not_done > 0 {
                msg.push_str(&fill(t.export_left_out, &[("n", &f.not_done)]));
            }
            if f.dropped > 0 {
                msg.push_str(&fill(t.export_dropped, &[("n", &f.dropped)]));
            }
            msg
        }),
        Err(ExportProblem::NothingDone(n)) => Err(fill(t.export_nothing, &[("n", &n)])),
        Err(ExportProblem::Failed(e)) => Err(fill(t.export_failed, &[("error", &e)])),
        Err(ExportProblem::Cancelled) => Ok(t.export_cancelled.to_string()),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::with_lang(prefs::ui_lang()));
    let t = state.t();
    let storage: Rc<RefCell<Option<Rc<Storage>>>> = use_mut_ref(|| None);
    let saved: Saved = use_mut_ref(HashMap::new);
    let saver: Rc<RefCell<Option<Rc<Saver>>>> = use_mut_ref(|| None);

    {
        let (dispatch, storage, saved, saver_at_start) =
            (state.dispatcher(), storage.clone(), saved.clone(), saver.clone());
        // The article in the URL (`#doc=ID`) is read before anything rewrites the hash.
        use_effect_with((), move |_| {
            let d = dispatch.clone();
            sw::register(Callback::from(move |_| d.dispatch(Action::UpdateReady)));
            // This tab edits the project only while it holds the project's lock.
            let (got, lost, flush) = (dispatch.clone(), dispatch.clone(), saver_at_start.clone());
            let project_at_start = prefs::current_project().unwrap_or_else(|| DEFAULT_PROJECT.to_string());
            tabs::acquire(
                &project_at_start,
                false,
                Callback::from(move |held| got.dispatch(Action::TabLock(held))),
                Callback::from(move |_| {
                    // What this tab changed before it lost the project is still written.
                    if let Some(s) = flush.borrow().as_ref() {
                        s.flush();
                    }
                    lost.dispatch(Action::TabLost)
                }),
            );
            spawn_local(load(dispatch, storage, saved, doc_from_hash(), project_at_start, t))
        });
    }
    // The page's language and direction follow the interface language.
    use_effect_with(state.lang, |lang| prefs::apply(*lang));
    let on_switch_lang = {
        let (d, next) = (state.dispatcher(), if state.lang == Lang::Ar { Lang::En } else { Lang::Ar });
        Callback::from(move |_: MouseEvent| {
            prefs::set_ui_lang(next);
            d.dispatch(Action::SetLang(next));
        })
    };

    // Persist every document whose value changed since it was last written (per document, batched
    // by the saver: never during the key press that made the change).
    {
        let (storage, saved, saver, dispatch) = (storage.clone(), saved.clone(), saver.clone(), state.dispatcher());
        let project = state.project.id.clone();
        use_effect_with((state.docs.clone(), state.persistence, state.tab), move |(docs, persistence, tab)| {
            if *persistence == Persistence::Saved && *tab == Tab::Editing {
                let changed: Vec<Rc<Document>> = {
                    let mut saved = saved.borrow_mut();
                    let changed: Vec<Rc<Document>> =
                        docs.iter().filter(|d| !saved.get(d.id()).is_some_and(|s| Rc::ptr_eq(s, d))).cloned().collect();
                    for d in &changed {
                        saved.insert(d.id().to_string(), Rc::clone(d));
                    }
                    changed
                };
                if !changed.is_empty() {
                    let mut slot = saver.borrow_mut();
                    if slot.is_none() {
                        if let Some(db) = storage.borrow().clone() {
                            *slot = Some(Saver::new(
                                db,
                                Callback::from(move |e| dispatch.dispatch(Action::StorageFailed(e))),
                            ));
                        }
                    }
                    if let Some(s) = slot.as_ref() {
                        s.schedule(&project, changed);
                    }
                }
            }
        });
    }

    // The project record (name, labels, settings) is written when the labels or settings change.
    {
        let (storage, dispatch) = (storage.clone(), state.dispatcher());
        let deps = (state.labels.clone(), state.settings, state.persistence, state.tab, state.project.clone());
        use_effect_with(deps, move |(labels, settings, persistence, tab, project)| {
            if *persistence == Persistence::Saved && *tab == Tab::Editing && !project.id.is_empty() {
                if let Some(db) = storage.borrow().clone() {
                    let (labels, settings, project) = (labels.clone(), *settings, project.clone());
                    spawn_local(async move {
                        if let Err(e) = db.save_project(&project.id, &project.name, &labels, settings).await {
                            dispatch.dispatch(Action::StorageFailed(e));
                        }
                    });
                }
            }
        });
    }

    // A pasted article in the tagger before it joins the library (see `Early`).
    let early: EarlySlot = use_mut_ref(|| None);
    // Everything the worker answers: suggestions and failures. (The worker keeps the callback it
    // was spawned with.)
    let on_worker = {
        let (d, early) = (state.dispatcher(), early.clone());
        use_memo((), move |_| {
            Callback::from(move |r: Response| {
                let (Response::Tagged { doc_id, .. } | Response::Failed { doc_id, .. }) = &r;
                // The answer for a pasted article: it joins the library now, with its suggestions.
                let mine = early.borrow_mut().take_if(|e| e.id == *doc_id);
                let text = mine.map(|mut e| {
                    release(&d, &mut e);
                    e.text
                });
                match r {
                    Response::Tagged { doc_id, spans, quotes, model, tokens, ms, .. } => {
                        d.dispatch(Action::Tagged { doc_id, spans, quotes, model, tokens, ms, text })
                    }
                    Response::Failed { doc_id, message, .. } => d.dispatch(Action::TagFailed { doc_id, message }),
                }
            })
        })
    };

    // Feed the tagger worker one document at a time.
    {
        let dispatch = state.dispatcher();
        let on_worker = (*on_worker).clone();
        let next = state.tagging.queue.first().cloned();
        let idle = state.tagging.in_flight.is_none();
        let doc = next.as_deref().and_then(|id| state.document(id)).cloned();
        use_effect_with((next, idle), move |(next, idle)| {
            if let (true, Some(id)) = (*idle, next.clone()) {
                dispatch.dispatch(Action::TagSent(id.clone()));
                match doc {
                    Some(doc) => tagger::send(tag_request(&doc), &on_worker),
                    None => dispatch.dispatch(Action::TagFailed { doc_id: id, message: t.article_gone.into() }),
                }
            }
        });
    }

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

    // Another tab edits the project: take it over (its lock), then start again from what is saved.
    let take_over = {
        let (d, project) = (state.dispatcher(), state.project.id.clone());
        Callback::from(move |_: MouseEvent| {
            let lost = d.clone();
            tabs::acquire(
                &project,
                true,
                Callback::from(|_| {
                    // The other tab writes what it had pending when it loses the lock.
                    gloo::timers::callback::Timeout::new(400, || {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    })
                    .forget();
                }),
                Callback::from(move |_| lost.dispatch(Action::TabLost)),
            );
        })
    };
    // Storage failed: the work is in memory; export it from right here, or try writing again.
    let export_now = {
        let (d, docs, labels) = (state.dispatcher(), state.docs.clone(), state.labels.clone());
        Callback::from(move |_: MouseEvent| match crate::components::export::save_project(t, &docs, &labels) {
            Ok(msg) => d.dispatch(Action::Notify(NoticeKind::Info, msg)),
            Err(msg) => d.dispatch(Action::Notify(NoticeKind::Error, msg)),
        })
    };
    let retry_save = {
        let (d, saved, storage) = (state.dispatcher(), saved.clone(), storage.clone());
        Callback::from(move |_: MouseEvent| {
            if storage.borrow().is_some() {
                // Everything is written again.
                saved.borrow_mut().clear();
                d.dispatch(Action::RetrySave);
            } else {
                d.dispatch(Action::StorageFailed("IndexedDB is not available in this browser window".into()));
            }
        })
    };
    // Projects: every change is written first, then the page starts again on the project to open
    // (its lock, its saver and its histories start clean).
    let on_project = {
        let (d, storage, saver) = (state.dispatcher(), storage.clone(), saver.clone());
        let (docs, labels, settings, project) =
            (state.docs.clone(), state.labels.clone(), state.settings, state.project.clone());
        Callback::from(move |op: ProjectOp| {
            let Some(db) = storage.borrow().clone() else {
                d.dispatch(Action::StorageFailed("IndexedDB is not available in this browser window".into()));
                return;
            };
            let pending = saver.borrow().clone();
            let (d, docs, labels, project) = (d.clone(), docs.clone(), labels.clone(), project.clone());
            spawn_local(async move {
                let done: Result<Option<String>, String> = async {
                    if let Some(s) = pending {
                        s.write_pending().await?;
                    }
                    let fresh = || format!("p{}", js_sys::Date::now() as u64);
                    match op {
                        ProjectOp::Switch(id) => Ok(Some(id)),
                        ProjectOp::Create => {
                            let id = fresh();
                            let defaults = sanad_core::LabelDef::defaults();
                            db.save_project(&id, t.project_new_name, &defaults, ProjectSettings::default()).await?;
                            Ok(Some(id))
                        }
                        ProjectOp::Duplicate => {
                            let id = fresh();
                            let name = fill(t.project_copy_name, &[("name", &project.name)]);
                            db.save_project(&id, &name, &labels, settings).await?;
                            db.save_docs(&id, docs.iter().map(|d| d.as_ref())).await?;
                            Ok(Some(id))
                        }
                        ProjectOp::Import { name, docs } => {
                            let id = fresh();
                            let defaults = sanad_core::LabelDef::defaults();
                            let labels = sanad_core::schema::with_labels_of(&defaults, docs.iter());
                            db.save_project(&id, &name, &labels, ProjectSettings::default()).await?;
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
                    Err(e) => d.dispatch(Action::StorageFailed(e)),
                }
            });
        })
    };
    let settings_open = use_state_eq(|| false);
    let open_settings = {
        let o = settings_open.clone();
        Callback::from(move |_: MouseEvent| o.set(true))
    };
    let close_settings = {
        let o = settings_open.clone();
        Callback::from(move |_: ()| o.set(false))
    };
    let on_open = {
        let d = state.dispatcher();
        Callback::from(move |id: String| d.dispatch(Action::Open(id)))
    };
    let on_close = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |_| d.dispatch(Action::Close)))).clone()
    };
    // A pasted article goes to the tagger at the click, and joins the library with its suggestions
    // when they come (at most `PASTE_HOLD_MS` later), when the tagger is idle and the article new.
    let on_paste = {
        let (d, early, on_worker) = (state.dispatcher(), early.clone(), (*on_worker).clone());
        let idle = state.tab == Tab::Editing && state.tagging.in_flight.is_none() && state.tagging.queue.is_empty();
        let docs = state.docs.clone();
        Callback::from(move |text: String| match from_plain_text(t.pasted_text, &text) {
            Ok(doc) => {
                // A paste still held joins now (its answer comes as for any article in the tagger),
                // and this one waits its turn in the queue.
                let mut slot = early.borrow_mut();
                if let Some(e) = slot.as_mut() {
                    release(&d, e);
                } else if idle && docs.iter().all(|x| x.id() != doc.id()) {
                    tagger::send(tag_request(&doc), &on_worker);
                    let (d, early) = (d.clone(), early.clone());
                    let timer = Timeout::new(PASTE_HOLD_MS, move || {
                        if let Some(e) = early.borrow_mut().as_mut() {
                            release(&d, e);
                        }
                    });
                    let (id, text) = (doc.id().to_string(), Arc::clone(doc.shared_text()));
                    *slot = Some(Early { id, text, held: Some((doc, t.pasted_text)), _timer: timer });
                    return;
                }
                d.dispatch(Action::Import { docs: vec![doc], source: t.pasted_text.into(), open: true });
            }
            Err(e) => d.dispatch(Action::Notify(NoticeKind::Error, e.to_string())),
        })
    };
    // Files go through the import service; anything with annotations or problems is previewed.
    let import_stage = use_state(|| ImportStage::Idle);
    let import_cancel = use_mut_ref(|| false);
    let on_files = {
        let (d, stage, cancel) = (state.dispatcher(), import_stage.clone(), import_cancel.clone());
        Callback::from(move |list: Vec<web_sys::File>| {
            if !matches!(*stage, ImportStage::Idle) {
                return;
            }
            *cancel.borrow_mut() = false;
            let (d, stage, cancel) = (d.clone(), stage.clone(), cancel.clone());
            let names = list.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
            let total = list.iter().map(|f| f.size() as u64).sum();
            let single = list.len() == 1;
            stage.set(ImportStage::Reading { names: names.clone(), done: 0, total });
            spawn_local(async move {
                let progress = |done, total| stage.set(ImportStage::Reading { names: names.clone(), done, total });
                let read = import::read(list, Origin::Model, &progress, &|| *cancel.borrow()).await;
                let pending = match read {
                    import::Read::Cancelled => {
                        stage.set(ImportStage::Idle);
                        d.dispatch(Action::Notify(NoticeKind::Info, t.import_cancelled.into()));
                        return;
                    }
                    import::Read::Done(p) => p,
                };
                let n = pending.docs.borrow().len();
                if n == 0 {
                    stage.set(ImportStage::Idle);
                    for e in pending.problems.iter().take(3) {
                        d.dispatch(Action::Notify(NoticeKind::Error, e.to_string()));
                    }
                    if pending.problems.is_empty() {
                        d.dispatch(Action::Notify(NoticeKind::Error, fill(t.import_nothing, &[("file", &names)])));
                    }
                } else if pending.is_plain() {
                    stage.set(ImportStage::Idle);
                    let docs = pending.docs.take();
                    d.dispatch(Action::Import { docs, source: names, open: single && n == 1 });
                } else {
                    stage.set(ImportStage::Preview(Shared::new(pending)));
                }
            });
        })
    };
    let on_import_cancel = {
        let (stage, cancel) = (import_stage.clone(), import_cancel.clone());
        Callback::from(move |_: ()| {
            *cancel.borrow_mut() = true;
            if matches!(*stage, ImportStage::Preview(_)) {
                stage.set(ImportStage::Idle);
            }
        })
    };
    let on_import_confirm = {
        let (d, stage, on_project) = (state.dispatcher(), import_stage.clone(), on_project.clone());
        Callback::from(move |c: ImportChoice| {
            if let ImportStage::Preview(p) = &*stage {
                let mut docs = p.docs.take();
                if !c.as_suggestions {
                    for doc in &mut docs {
                        sanad_core::merge::firm_suggestions(doc, Origin::Import);
                    }
                }
                if let Some(name) = c.new_project {
                    // Written into the new project, which the page then opens.
                    on_project.emit(ProjectOp::Import { name, docs: Rc::new(docs) });
                    stage.set(ImportStage::Idle);
                    return;
                }
                let source = p.sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
                let open = docs.len() == 1;
                d.dispatch(Action::Import { docs, source, open });
                stage.set(ImportStage::Idle);
            }
        })
    };
    let on_dismiss = {
        let d = state.dispatcher();
        Callback::from(move |id: u32| d.dispatch(Action::Dismiss(id)))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
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

    let on_cancel_tagging = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::CancelTagging))
    };
    let (s, t) = (t, &state.tagging);
    let progress = t.busy().then(|| {
        html! {
            <div class="tag-progress" data-testid="tag-progress">
                <label for="tag-progress-bar">{ fill(s.tag_progress, &[("done", &t.done), ("total", &t.total)]) }</label>
                <progress id="tag-progress-bar" max={t.total.to_string()} value={t.done.to_string()}></progress>
                <button onclick={on_cancel_tagging} data-testid="tag-cancel">{ s.cancel }</button>
            </div>
        }
    });
    let tagging_open =
        state.open.as_ref().is_some_and(|id| t.in_flight.as_deref() == Some(id.as_str()) || t.queue.contains(id));
    // One line of fixed height and one element for the tagger's state, so nothing around it moves
    // or is rebuilt when suggestions arrive.
    let last = t.last.as_ref().filter(|l| state.open.as_deref() == Some(l.0.as_str()));
    let tag_line = {
        let (testid, text) = match (tagging_open, last) {
            (true, _) => ("tag-pending", s.tag_pending.to_string()),
            (false, Some((_, n, tokens, ms))) => {
                ("tag-status", fill(s.tag_done, &[("n", n), ("tokens", tokens), ("ms", &decimals(*ms, 1))]))
            }
            _ => ("tag-idle", String::new()),
        };
        html! {
            <p class="tag-status" data-testid={testid}
                data-tokens={last.map(|l| l.2.to_string())} data-ms={last.map(|l| decimals(l.3, 3))}>
                { text }
            </p>
        }
    };

    let on_exported = {
        let d = state.dispatcher();
        Callback::from(move |r: Result<String, String>| match r {
            Ok(msg) => d.dispatch(Action::Notify(NoticeKind::Info, msg)),
            Err(msg) => d.dispatch(Action::Notify(NoticeKind::Error, msg)),
        })
    };
    // Exports other than the project JSON: written here in slices (see services::export). The
    // progress goes straight to the export section (its own state), so the library and its
    // thousands of rows are not rendered again after every slice.
    let export_running = use_mut_ref(|| false);
    let export_cancel = use_mut_ref(|| false);
    let on_export = {
        let (docs, d, running, cancel) =
            (state.docs.clone(), state.dispatcher(), export_running.clone(), export_cancel.clone());
        let strings = state.t();
        Callback::from(move |(format, opts, busy): crate::components::export::Request| {
            let Some(format) = sanad_core::formats::Format::from_name(&format) else { return };
            if std::mem::replace(&mut *running.borrow_mut(), true) {
                return;
            }
            *cancel.borrow_mut() = false;
            let (docs, d, running, cancel) = (docs.clone(), d.clone(), running.clone(), cancel.clone());
            busy.emit(Some((0, docs.len())));
            spawn_local(async move {
                let progress = |done, total| busy.emit(Some((done, total)));
                let result = export::run(format, opts, &docs, &progress, &|| *cancel.borrow()).await;
                busy.emit(None);
                *running.borrow_mut() = false;
                let (kind, msg) = match export_message(strings, result) {
                    Ok(m) => (NoticeKind::Info, m),
                    Err(m) => (NoticeKind::Error, m),
                };
                d.dispatch(Action::Notify(kind, msg));
            });
        })
    };
    let on_export_cancel = {
        let cancel = export_cancel.clone();
        Callback::from(move |_: ()| *cancel.borrow_mut() = true)
    };
    // Stable across renders, so components taking it re-render only when their data changes.
    let on_action = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| d.dispatch(a)))).clone()
    };
    let (can_undo, can_redo) = state.open.as_ref().map_or((false, false), |id| {
        state.histories.0.borrow().get(id).map_or((false, false), |h| (h.can_undo(), h.can_redo()))
    });

    let open_doc = state.open.as_deref().and_then(|id| state.document(id)).cloned();
    let storage_note = match state.persistence {
        Persistence::Loading => s.storage_loading,
        Persistence::Saved => s.storage_saved,
        Persistence::MemoryOnly => s.storage_memory,
    };
    let other_lang = if state.lang == Lang::Ar { Lang::En } else { Lang::Ar };

    html! {
        <ContextProvider<Lang> context={state.lang}>
        <div class="app" {ondragover} {ondrop}>
            <header class="topbar">
                <h1 class="brand"><span lang="en">{"Sanad"}</span>{" "}<span lang="ar" dir="rtl">{"سند"}</span></h1>
                <p class="tagline">{ s.tagline }</p>
                if state.update_ready {
                    <p class="update" role="status" data-testid="update-ready">
                        { s.update_ready }{" "}
                        <button onclick={Callback::from(|_: MouseEvent| sw::apply_update())}>{ s.update_reload }</button>
                    </p>
                }
                <p class="storage" data-testid="storage-status">{storage_note}</p>
                <span class="project-name" data-testid="project-name" dir="auto">{ state.project.name.clone() }</span>
                <button class="settings-button" data-testid="settings-button" onclick={open_settings}>{ s.settings_button }</button>
                <button class="lang-switch" data-testid="ui-lang" lang={other_lang.code()} title={s.switch_language_title}
                    onclick={on_switch_lang}>{ s.switch_language }</button>
            </header>
            <Notices notices={state.notices.clone()} {on_dismiss} />
            if matches!(state.tab, Tab::ReadOnly | Tab::Lost) {
                <div class="banner" role="alert" data-testid="tab-banner">
                    <span>{ if state.tab == Tab::Lost { s.tab_lost } else { s.tab_read_only } }</span>
                    <button onclick={take_over} data-testid="tab-take-over">{ s.tab_take_over }</button>
                </div>
            }
            if state.persistence == Persistence::MemoryOnly {
                <div class="banner" role="alert" data-testid="storage-banner">
                    <span>{ s.storage_banner }</span>
                    <button onclick={export_now} data-testid="storage-export">{ s.storage_export_now }</button>
                    <button onclick={retry_save} data-testid="storage-retry">{ s.storage_retry }</button>
                </div>
            }
            if *settings_open {
                <Settings labels={state.labels.clone()} docs={state.docs.clone()} settings={state.settings}
                    can_undo={!state.schema_undo.is_empty()} project={state.project.clone()}
                    projects={state.projects.clone()} {on_project}
                    on_action={on_action.clone()} on_close={close_settings} />
            }
            { progress }
            <ImportDialog stage={(*import_stage).clone()} docs={state.docs.clone()} on_cancel={on_import_cancel}
                on_confirm={on_import_confirm} />
            <div class="layout">
                <Library
                    docs={state.docs.clone()}
                    open={state.open.clone()}
                    loading={state.persistence == Persistence::Loading}
                    {on_open}
                    {on_paste}
                    {on_files}
                >
                    <Export docs={state.docs.clone()} labels={state.labels.clone()} on_done={on_exported} {on_export}
                        on_cancel={on_export_cancel} />
                </Library>
                <main class="main">
                    if let Some(doc) = open_doc {
                        { tag_line }
                        <ArticleView key={doc.id().to_string()} doc={crate::state::Shared(doc.clone())} labels={state.labels.clone()} {on_close}
                            selected={state.selected.clone()} picking_speaker={state.picking_speaker.clone()}
                            last_edit={state.last_edit.clone()} {can_undo} {can_redo} clitics={state.settings.clitics()} on_action={on_action} />
                    } else {
                        <section class="welcome">
                            <h2>{ s.welcome_title }</h2>
                            <p>{ s.welcome_text }</p>
                        </section>
                    }
                </main>
            </div>
        </div>
        </ContextProvider<Lang>>
    }
}
