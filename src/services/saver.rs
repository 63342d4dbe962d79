//! Writing changed documents to IndexedDB: one record per document, batched so that a burst of
//! keystrokes costs one write per document, at most [`DELAY_MS`] after the change (well within a
//! second), and never during the key press that made the change (serialising a 5,000-span document
//! takes milliseconds). Pending writes are flushed at once when the page is hidden or closed; as an
//! IndexedDB write may not finish when the page is going away (hidden comes first when a tab is
//! closed or reloaded), they are also stashed synchronously in `localStorage` until written (with
//! the writes still in progress, which the browser drops when the page unloads), and [`recover`]
//! brings back what was not written at the next start.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use sanad_core::Document;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use crate::services::storage::Storage;

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
    on_error: Callback<String>,
    listeners: RefCell<Vec<EventListener>>,
}

impl Saver {
    /// A saver writing to `db`; `on_error` gets the browser's message when a write fails (the
    /// documents stay in memory).
    pub fn new(db: Rc<Storage>, on_error: Callback<String>) -> Rc<Saver> {
        let saver = Rc::new(Saver {
            db,
            pending: RefCell::new(Vec::new()),
            in_flight: RefCell::new(Vec::new()),
            timer: RefCell::new(None),
            on_error,
            listeners: RefCell::new(Vec::new()),
        });
        if let Some(window) = web_sys::window() {
            let weak = Rc::downgrade(&saver);
            let closing = move |_: &web_sys::Event| {
                if let Some(s) = Weak::upgrade(&weak) {
                    s.stash();
                    s.flush();
                }
            };
            let mut l = saver.listeners.borrow_mut();
            l.push(EventListener::new(&window, "pagehide", closing));
            if let Some(doc) = window.document() {
                let weak = Rc::downgrade(&saver);
                l.push(EventListener::new(&doc, "visibilitychange", move |_| {
                    // Hidden may be the first step of closing or reloading (before `pagehide`):
                    // stash too, since the write may not finish.
                    let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
                    if let (true, Some(s)) = (hidden, Weak::upgrade(&weak)) {
                        s.stash();
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
                        unstash(&project, docs.iter().map(|d| d.id()).filter(|id| !newer(id)));
                    }
                    Err(e) => on_error.emit(e),
                }
            });
        }
    }

    /// Writes everything pending now and waits for the writes (before the page switches project).
    pub async fn write_pending(&self) -> Result<(), String> {
        self.timer.borrow_mut().take();
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        for (project, d) in &pending {
            self.db.save_docs(project, [d.as_ref()]).await?;
        }
        Ok(())
    }

    /// Writes what is being written or pending to `localStorage`, synchronously (the page is going
    /// away); pending versions come last, so the newest of a document wins.
    fn stash(&self) {
        let Some(local) = local() else { return };
        for (project, d) in self.in_flight.borrow().iter().chain(self.pending.borrow().iter()) {
            if let Ok(json) = serde_json::to_string(d.as_ref()) {
                let _ = local.set_item(&stash_key(project, d.id()), &json);
            }
        }
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
    let n = local.length().unwrap_or(0);
    let keys: Vec<String> = (0..n).filter_map(|i| local.key(i).ok().flatten()).collect();
    let mut out = Vec::new();
    let prefix = stash_prefix(project);
    for k in keys {
        if !k.starts_with(&prefix) {
            continue;
        }
        if let Ok(Some(json)) = local.get_item(&k) {
            if let Ok(d) = serde_json::from_str::<Document>(&json) {
                out.push(d);
            }
        }
        let _ = local.remove_item(&k);
    }
    out
}
