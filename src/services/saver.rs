//! Writing changed documents to IndexedDB: one record per document, batched so that a burst of
//! keystrokes costs one write per document, at most [`DELAY_MS`] after the change (well within a
//! second), and never during the key press that made the change (serialising a 5,000-span document
//! takes milliseconds). Pending writes are flushed at once when the page is hidden or closed; as an
//! IndexedDB write may not finish when the page is going away (hidden comes first when a tab is
//! closed or reloaded), they are also stashed synchronously in `localStorage` until written (with
//! the writes still in progress, which the browser drops when the page unloads), and [`recover`]
//! brings back what was not written at the next start.
//!
//! A stash can fail (`localStorage` is full: its quota is a few megabytes). Then the user is told,
//! as far as the page can while it goes away: on `beforeunload` (a close or reload the user can
//! still cancel) the browser is asked to confirm leaving, which it does with its own words; when
//! the page is only hidden, a notice waits for the user's return; and the documents are noted
//! (in `localStorage`, or else in `sessionStorage`, which has a quota of its own and survives a
//! reload) so that the next start says which documents' last changes were lost ([`lost`]), unless
//! their write finished after all. Nothing can be shown once `pagehide` has come.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use sanad_core::Document;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use crate::services::storage::{Storage, StorageError};

/// How long a change waits for more changes before it is written.
pub const DELAY_MS: u32 = 300;

pub struct Saver {
    db: Rc<Storage>,
    /// (project id, document) waiting to be written; the newest version of each document wins.
    pending: RefCell<Vec<(String, Rc<Document>)>>,
    /// Documents whose write has started but not finished: stashed too if the page goes away
    /// (a write in progress is lost when the page unloads).
    in_flight: RefCell<Vec<(String, Rc<Document>)>>,
    timer: RefCell<Option<Timeout>>,
    on_error: Callback<StorageError>,
    /// Told when something could not be stashed while the page is still there.
    on_unstashed: Callback<()>,
    listeners: RefCell<Vec<EventListener>>,
}

impl Saver {
    /// A saver writing to `db`; `on_error` gets the browser's refusal when a write fails (the
    /// documents stay in memory); `on_unstashed` is told when the page was hidden with changes
    /// not yet written that could not be stashed either.
    pub fn new(db: Rc<Storage>, on_error: Callback<StorageError>, on_unstashed: Callback<()>) -> Rc<Saver> {
        let saver = Rc::new(Saver {
            db,
            pending: RefCell::new(Vec::new()),
            in_flight: RefCell::new(Vec::new()),
            timer: RefCell::new(None),
            on_error,
            on_unstashed,
            listeners: RefCell::new(Vec::new()),
        });
        if let Some(window) = web_sys::window() {
            let mut l = saver.listeners.borrow_mut();
            let weak = Rc::downgrade(&saver);
            let active = EventListenerOptions::enable_prevent_default();
            l.push(EventListener::new_with_options(&window, "beforeunload", active, move |e| {
                // Closing or reloading, not yet decided: if what is not written cannot be stashed,
                // ask the browser to have the user confirm (the page can still be kept).
                if let Some(s) = Weak::upgrade(&weak) {
                    if !s.stash() {
                        e.prevent_default();
                        // What older browsers look at instead (the text itself is not shown).
                        let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"unsaved".into());
                    }
                }
            }));
            let weak = Rc::downgrade(&saver);
            l.push(EventListener::new(&window, "pagehide", move |_| {
                if let Some(s) = Weak::upgrade(&weak) {
                    s.stash();
                    s.flush();
                }
            }));
            if let Some(doc) = window.document() {
                let weak = Rc::downgrade(&saver);
                l.push(EventListener::new(&doc, "visibilitychange", move |_| {
                    // Hidden may be the first step of closing or reloading (before `pagehide`):
                    // stash too, since the write may not finish.
                    let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
                    if let (true, Some(s)) = (hidden, Weak::upgrade(&weak)) {
                        if !s.stash() {
                            // Seen when the user comes back to this tab (if it was not closed).
                            s.on_unstashed.emit(());
                        }
                        s.flush();
                    }
                }));
            }
        }
        saver
    }

    /// Queues documents of `project` for writing.
    pub fn schedule(self: &Rc<Self>, project: &str, docs: Vec<Rc<Document>>) {
        if docs.is_empty() {
            return;
        }
        {
            let mut pending = self.pending.borrow_mut();
            for d in docs {
                pending.retain(|(p, x)| !(p == project && x.id() == d.id()));
                pending.push((project.to_string(), d));
            }
        }
        if self.timer.borrow().is_none() {
            let weak = Rc::downgrade(self);
            *self.timer.borrow_mut() = Some(Timeout::new(DELAY_MS, move || {
                if let Some(s) = Weak::upgrade(&weak) {
                    s.flush();
                }
            }));
        }
    }

    /// Writes everything pending now.
    pub fn flush(self: &Rc<Self>) {
        self.timer.borrow_mut().take();
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        if pending.is_empty() {
            return;
        }
        let mut projects: Vec<String> = pending.iter().map(|(p, _)| p.clone()).collect();
        projects.dedup();
        for project in projects {
            let docs: Vec<Rc<Document>> =
                pending.iter().filter(|(p, _)| *p == project).map(|(_, d)| d.clone()).collect();
            self.in_flight.borrow_mut().extend(docs.iter().map(|d| (project.clone(), Rc::clone(d))));
            let (db, on_error, weak) = (Rc::clone(&self.db), self.on_error.clone(), Rc::downgrade(self));
            spawn_local(async move {
                let written = db.save_docs(&project, docs.iter().map(|d| d.as_ref())).await;
                let Some(s) = Weak::upgrade(&weak) else { return };
                s.in_flight.borrow_mut().retain(|(p, x)| !(*p == project && docs.iter().any(|d| Rc::ptr_eq(d, x))));
                match written {
                    // Written: a stash of these documents is no longer needed, unless a newer
                    // version of one is still waiting or being written (its stash is newer).
                    Ok(()) => {
                        let newer = |id: &str| {
                            s.pending
                                .borrow()
                                .iter()
                                .chain(s.in_flight.borrow().iter())
                                .any(|(p, x)| *p == project && x.id() == id)
                        };
                        let done: Vec<&str> = docs.iter().map(|d| d.id()).filter(|id| !newer(id)).collect();
                        unstash(&project, done.iter().copied());
                        unmark_lost(&project, &done);
                    }
                    Err(e) => on_error.emit(e),
                }
            });
        }
    }

    /// Writes everything pending now and waits for the writes (before the page switches project).
    pub async fn write_pending(&self) -> Result<(), StorageError> {
        self.timer.borrow_mut().take();
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        for (project, d) in &pending {
            self.db.save_docs(project, [d.as_ref()]).await?;
        }
        Ok(())
    }

    /// Writes what is being written or pending to `localStorage`, synchronously (the page is going
    /// away); pending versions come last, so the newest of a document wins. Returns false when
    /// something could not be stashed (storage full or refused): those documents are noted for
    /// [`lost`].
    pub fn stash(&self) -> bool {
        let mut failed: Vec<(String, String)> = Vec::new();
        let local = local();
        for (project, d) in self.in_flight.borrow().iter().chain(self.pending.borrow().iter()) {
            let stashed = local.as_ref().is_some_and(|local| {
                serde_json::to_string(d.as_ref())
                    .is_ok_and(|json| local.set_item(&stash_key(project, d.id()), &json).is_ok())
            });
            if !stashed {
                failed.push((project.clone(), d.id().to_string()));
            }
        }
        for (project, id) in &failed {
            mark_lost(project, id);
        }
        failed.is_empty()
    }

    /// True while writes wait for the timer.
    pub fn is_pending(&self) -> bool {
        !self.pending.borrow().is_empty()
    }
}

const STASH: &str = "sanad.unsaved/";

/// `sanad.unsaved/<length of the project id>:<project id>/<document id>`.
fn stash_prefix(project: &str) -> String {
    format!("{STASH}{}:{project}/", project.len())
}

fn stash_key(project: &str, doc: &str) -> String {
    stash_prefix(project) + doc
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

const LOST: &str = "sanad.unstashed/";

/// `sanad.unstashed/<length of the project id>:<project id>/`, then a document id: a document of
/// the project whose changes could not be stashed.
fn lost_prefix(project: &str) -> String {
    format!("{LOST}{}:{project}/", project.len())
}

/// The keys of `store` that start with `prefix`.
fn keys_with(store: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let n = store.length().unwrap_or(0);
    (0..n).filter_map(|i| store.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Notes that document `id` of `project` could not be stashed: in `localStorage`, or, when that is
/// full too, in `sessionStorage` (a quota of its own; kept across a reload of the tab).
fn mark_lost(project: &str, id: &str) {
    let key = lost_prefix(project) + id;
    for store in [local(), session()].into_iter().flatten() {
        if store.set_item(&key, "").is_ok() {
            return;
        }
    }
}

/// These documents were written after all: their changes are not lost.
fn unmark_lost(project: &str, written: &[&str]) {
    let prefix = lost_prefix(project);
    for store in [local(), session()].into_iter().flatten() {
        for id in written {
            let _ = store.remove_item(&format!("{prefix}{id}"));
        }
    }
}

/// The documents of `project` whose last changes could neither be written nor stashed when the
/// page last went away; the notes are removed (it is said once).
pub fn lost(project: &str) -> Vec<String> {
    let prefix = lost_prefix(project);
    let mut ids: Vec<String> = Vec::new();
    for store in [local(), session()].into_iter().flatten() {
        for key in keys_with(&store, &prefix) {
            let id = key[prefix.len()..].to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
            let _ = store.remove_item(&key);
        }
    }
    ids
}

/// Forgets the stash of these documents (they were written).
fn unstash<'a>(project: &str, ids: impl Iterator<Item = &'a str>) {
    if let Some(local) = local() {
        for id in ids {
            let _ = local.remove_item(&stash_key(project, id));
        }
    }
}

/// Documents of `project` stashed when the page went away before their write finished; they are
/// removed from `localStorage` (the caller writes them to the database). Unreadable entries are
/// dropped.
pub fn recover(project: &str) -> Vec<Document> {
    let Some(local) = local() else { return Vec::new() };
    let mut out = Vec::new();
    for k in keys_with(&local, &stash_prefix(project)) {
        if let Ok(Some(json)) = local.get_item(&k) {
            if let Ok(d) = serde_json::from_str::<Document>(&json) {
                out.push(d);
            }
        }
        let _ = local.remove_item(&k);
    }
    out
}
