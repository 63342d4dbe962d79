//! Sanad's web app: a Yew (client-side rendered) front end over `sanad-core`.
//!
//! - `state`: the app state and its reducer (a pure function of the state and an action).
//! - `components`: small, props-driven views; they get callbacks, not state handles. The root,
//!   `components::app`, owns the state and composes the hooks that connect it to the services.
//! - `services`: all IO (IndexedDB, files, the demo library, the DOM offset boundary).
//! - `i18n`: the string catalogue in English and Arabic, plurals and numbers, messages.

pub mod components;
pub mod i18n;
pub mod services;
pub mod state;

/// Mounts the app on `<body>`. In a worker (no `window`) it does nothing: the same module then
/// serves as the tagger worker through [`start_worker`].
pub fn start() {
    if web_sys::window().is_some() {
        yew::Renderer::<components::app::App>::new().render();
    }
}

/// Entry point of the tagger Web Worker. The worker runs this same wasm module (one download, one
/// cache entry, no second copy of the runtime); its loader script (generated at build time by
/// tools/post_build.mjs) initialises the module and calls this.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_worker() {
    use gloo_worker::Registrable;
    services::tagger::TaggerWorker::registrar().encoding::<services::tagger::protocol::JsonText>().register();
}
