//! The service worker (tools/sw-src.js with the file list made at build time): registration, and the "new
//! version" offer. A new build waits until the user reloads; it is never swapped mid-edit.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Browsers without service workers (or insecure origins) have no `serviceWorker`.
    js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).ok()?.then(|| nav.service_worker())
}

/// Registers `sw.js` (next to index.html) and calls `on_update` when a newer version is installed
/// and waiting while this page runs an older one.
pub fn register(on_update: Callback<()>) {
    let Some(sw) = container() else { return };
    let promise = sw.register("./sw.js");
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else { return };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        let controlled = sw.controller().is_some();
        if controlled && reg.waiting().is_some() {
            on_update.emit(());
        }
        // A long session still hears of new builds: check whenever the tab comes back into view.
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let (reg3, doc2) = (reg.clone(), doc.clone());
            EventListener::new(&doc, "visibilitychange", move |_| {
                if !doc2.hidden() {
                    if let Ok(p) = reg3.update() {
                        spawn_local(async move {
                            let _ = JsFuture::from(p).await;
                        });
                    }
                }
            })
            .forget();
        }
        let reg2 = reg.clone();
        EventListener::new(&reg, "updatefound", move |_| {
            let Some(installing) = reg2.installing() else { return };
            let on_update = on_update.clone();
            let watched = installing.clone();
            EventListener::new(&installing, "statechange", move |_| {
                let has_controller = container().and_then(|c| c.controller()).is_some();
                if watched.state() == web_sys::ServiceWorkerState::Installed && has_controller {
                    on_update.emit(());
                }
            })
            .forget();
        })
        .forget();
    });
}

/// Activates the waiting version and reloads once it controls the page.
pub fn apply_update() {
    let Some(sw) = container() else { return };
    EventListener::once(&sw, "controllerchange", |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    })
    .forget();
    let ready = sw.get_registration();
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(ready).await else { return };
        let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else { return };
        if let Some(waiting) = reg.waiting() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
            let _ = waiting.post_message(&msg);
        }
    });
}
