//! All IO of the web app lives here: components call these functions and dispatch actions with
//! the results.

pub mod demo;
pub mod dom;
pub mod download;
pub mod files;
pub mod prefs;
pub mod saver;
pub mod storage;
pub mod sw;
pub mod tagger;
