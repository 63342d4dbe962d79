//! The demo library shipped with the app (generated from demo/articles by a core test).

use sanad_core::Project;

/// The demo project. Built into the wasm so it works offline from the first visit.
pub fn library() -> Result<Project, String> {
    Project::from_json(include_str!("../../demo/library.json")).map_err(|e| e.to_string())
}
