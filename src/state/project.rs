//! The open project, its settings, this tab's right to edit it, and whether it is saved.

use sanad_core::edit::Clitics;

/// The open project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectInfo {
    pub id: String,
    pub name: String,
}

/// A project's settings, kept in its record with the labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ProjectSettings {
    /// Leave leading Arabic proclitics out of a snapped selection ("لروسيا" -> "روسيا"); when false
    /// they stay in the span, as ANERcorp does.
    #[serde(default)]
    pub strip_clitics: bool,
}

impl ProjectSettings {
    pub fn clitics(&self) -> Clitics {
        if self.strip_clitics {
            Clitics::Strip
        } else {
            Clitics::Keep
        }
    }
}

/// This tab's right to edit the project (see `services::tabs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Not known yet: nothing is written.
    #[default]
    Pending,
    Editing,
    /// Another tab edits the project.
    ReadOnly,
    /// Another tab took the project over from this one.
    Lost,
}

impl Tab {
    /// True when this tab may not change the project.
    pub fn read_only(self) -> bool {
        matches!(self, Tab::ReadOnly | Tab::Lost)
    }
}

/// Whether the library is kept in IndexedDB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Loading,
    Saved,
    /// Storage is unavailable: the library lives in memory only.
    MemoryOnly,
}
