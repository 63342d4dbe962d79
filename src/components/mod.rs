//! Views. Each gets the data it shows and callbacks for what the user does; none holds app state
//! or does IO.

pub mod agreement;
pub mod app;
pub mod article;
pub mod chart;
pub mod curation;
pub mod export;
pub mod import;
pub mod library;
pub mod notices;
pub mod paragraph;
pub mod quotes;
pub mod settings;
