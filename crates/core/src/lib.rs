//! Sanad's engine, shared by the web app and the `sanad` command-line tool.
//!
//! Pure Rust: no browser, no IO beyond what callers hand in. Offsets are Unicode code points
//! everywhere in the public API; [`offsets`] is the only module that knows UTF-8 and UTF-16.

pub mod agree;
pub mod annotators;
pub mod case;
pub mod edit;
pub mod formats;
pub mod import;
pub mod lang;
pub mod layout;
pub mod markup;
pub mod merge;
pub mod metrics;
pub mod model;
pub mod nlp;
pub mod offsets;
pub mod project;
pub mod quotes;
pub mod schema;
pub mod search;
pub mod sort;

pub use model::{
    AnnotatorDef, AnnotatorLayer, AnnotatorProblem, Curation, Decision, Document, LabelDef, LabelProblem, ModelError,
    Origin, Quote, QuoteKind, Range, Resolved, Span, Speaker, Status, Strategy, Subject, Suggestion, What,
};
pub use project::Project;
