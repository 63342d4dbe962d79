//! App state as a Yew `Reducible` (the todomvc pattern): every change is an [`Action`], and
//! [`reduce`] is a pure function of the state and the action. Persistence watches the document
//! list (see `components::app::persistence`) and writes only documents whose `Rc` changed.
//!
//! Dependencies run one way: `reduce` (the dispatcher) -> one module per concern (`curation`,
//! which edits through `editing`, which opens through `library`; `schema`, `suggestions`) -> `app`
//! (`AppState`, `Action`) -> the values it is made of (`history`, `notices`, `tagging`, `project`,
//! `article`, `shared`).

mod app;
mod article;
mod curation;
mod editing;
mod history;
mod library;
mod notices;
mod project;
mod reduce;
mod schema;
mod shared;
mod suggestions;
mod tagging;

pub use app::{Action, AppState, SchemaStep, Selected};
pub use article::{Curating, LayerView, PositionKey};
pub use curation::{key_of, open_positions, settled, CURATOR};
pub use history::{DocHistory, Histories};
pub use notices::{Notice, NoticeKind, Notices, MAX_NOTICES};
pub use project::{Persistence, ProjectInfo, ProjectSettings, Tab};
pub use reduce::reduce;
pub use shared::Shared;
pub use tagging::{LastTagged, Tagging};

#[cfg(test)]
mod tests;
