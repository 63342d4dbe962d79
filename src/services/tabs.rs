//! One editing tab per project, through the Web Locks API: the tab holding the project's lock
//! edits and saves; another tab opened on the same project is read-only until it takes over, and
//! the tab it took over from becomes read-only. No two tabs ever write the same project.
//!
//! Called through `js_sys::Reflect` (the API is `navigator.locks`), so no unstable web-sys API is
//! needed. Where the API is missing the tab edits (as before: there is nothing to coordinate with).

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

fn lock_name(project: &str) -> String {
    format!("sanad-project:{project}")
}

fn locks() -> Option<(JsValue, Function)> {
    let nav = web_sys::window()?.navigator();
    let locks = Reflect::get(&nav, &JsValue::from_str("locks")).ok().filter(|l| !l.is_undefined())?;
    let request = Reflect::get(&locks, &JsValue::from_str("request")).ok()?.dyn_into::<Function>().ok()?;
    Some((locks, request))
}

/// Asks for the project's lock without waiting: `on_result` gets true when this tab holds it (and
/// keeps it until the page goes away or another tab takes it over: then `on_lost` is called), false
/// when another tab holds it. Refused, it asks again a few times, a quarter second apart: after a
/// reload the page that went away may release its lock only after the new one asks.
pub fn acquire(project: &str, steal: bool, on_result: Callback<bool>, on_lost: Callback<()>) {
    try_acquire(project.to_string(), steal, on_result, on_lost, 4);
}

fn try_acquire(project: String, steal: bool, on_result: Callback<bool>, on_lost: Callback<()>, tries: u32) {
    let Some((locks, request)) = locks() else {
        on_result.emit(true);
        return;
    };
    let opts = Object::new();
    let key = if steal { "steal" } else { "ifAvailable" };
    let _ = Reflect::set(&opts, &JsValue::from_str(key), &JsValue::TRUE);
    let got = on_result.clone();
    let (again, lost_again) = (on_result.clone(), on_lost.clone());
    let name = lock_name(&project);
    let held = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let ok = !lock.is_null();
        if !ok && tries > 1 {
            gloo::timers::callback::Timeout::new(250, move || {
                try_acquire(project, steal, again, lost_again, tries - 1)
            })
            .forget();
            return JsValue::UNDEFINED;
        }
        got.emit(ok);
        if ok {
            // Held until the page goes away (a promise that never settles).
            Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    match request.call3(&locks, &JsValue::from_str(&name), &opts, &held) {
        Ok(p) => {
            if let Ok(p) = p.dyn_into::<Promise>() {
                // The request settles only when the lock is released: rejected when stolen.
                spawn_local(async move {
                    if JsFuture::from(p).await.is_err() {
                        on_lost.emit(());
                    }
                });
            }
        }
        Err(_) => on_result.emit(true),
    }
}
