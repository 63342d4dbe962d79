//! Entity suggestions from the tagger, which runs in a Web Worker so the page never freezes.
//!
//! The page side keeps one bridge to the worker (spawned on first use) and sends one document at a
//! time; the app's reducer holds the queue, so cancelling is dropping the queue.

pub mod protocol;
pub mod worker;

use std::cell::RefCell;

use gloo_worker::{Spawnable, WorkerBridge};
use yew::Callback;

pub use protocol::{Request, Response};
pub use worker::TaggerWorker;

/// The worker's loader script (an ES module written by tools/post_build.mjs next to index.html): it
/// initialises the app's own wasm module and calls `start_worker`.
const WORKER_JS: &str = "./tagger-worker.js";

/// Absolute URL of the models folder, resolved against the page's base URL (works under any
/// sub-path).
pub fn models_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base("models/", &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| "models/".into())
}

thread_local! {
    static BRIDGE: RefCell<Option<WorkerBridge<TaggerWorker>>> = const { RefCell::new(None) };
}

/// Sends a request to the worker, spawning it on first use; responses go to `on_response`
/// (the callback given at the first call is the one used for the worker's lifetime).
pub fn send(req: Request, on_response: &Callback<Response>) {
    BRIDGE.with(|b| {
        let mut b = b.borrow_mut();
        let bridge = b.get_or_insert_with(|| {
            let cb = on_response.clone();
            TaggerWorker::spawner()
                .encoding::<protocol::JsonText>()
                .as_module(true)
                .with_loader(true)
                .callback(move |r| cb.emit(r))
                .spawn(WORKER_JS)
        });
        bridge.send(req);
    });
}
