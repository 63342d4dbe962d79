//! Sanad's web app: a Yew (client-side rendered) front end over `sanad-core`.
//!
//! - `state`: the app state and its reducer (pure: no IO).
//! - `components`: small, props-driven views; they get callbacks, not state handles.
//! - `services`: all IO (IndexedDB, files, the demo library, the DOM offset boundary).

pub mod components;
pub mod services;
pub mod state;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<components::app::App>::new().render();
}
