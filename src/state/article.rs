//! How the open article is shown: which layer, and where its curation is.

use sanad_core::What;

/// Which layer the open article shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LayerView {
    /// The gold layer alone (the document's own spans and quotes), editable.
    #[default]
    Gold,
    /// One annotator's layer, read-only.
    Annotator(String),
    /// The gold layer, editable, with every annotator's marks as thin underlines.
    All,
}

/// A position where the annotators disagree: what it is about and its extent.
pub type PositionKey = (What, usize, usize);

/// The open article's curation: on or off, and the disagreement the keys act on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Curating {
    pub on: bool,
    pub position: Option<PositionKey>,
}
