//! The core's errors in the interface language: one function per error type, each a `match` on
//! the error's kind.
//!
//! Where the core's error still carries English words (`ImportError`'s and `ZipError`'s
//! `message`), the function shows them as they are; when the core gives those errors typed kinds,
//! their Arabic and English wording goes here, as a `match` over the kinds with a catalogue text for
//! each (as [`edit_error`] and [`schema_error`] will once their kinds have catalogue texts), and
//! nothing else in the page changes: notices hold the error itself ([`super::Msg::Import`]) and
//! are worded when shown.

use sanad_core::edit::EditError;
use sanad_core::formats::zip::ZipError;
use sanad_core::import::ImportError;
use sanad_core::schema::SchemaError;

use super::Strings;

/// Why an edit was refused (`sanad_core::edit::EditError`).
pub fn edit_error(_t: &'static Strings, e: &EditError) -> String {
    e.to_string()
}

/// Why a file could not be imported, with its file, line and column (`sanad_core::import::ImportError`).
///
/// The place for the core's import error kinds: `match e.kind { ... }` with a catalogue text per kind.
pub fn import_error(_t: &'static Strings, e: &ImportError) -> String {
    e.to_string()
}

/// Why a zip archive could not be read (`sanad_core::formats::zip::ZipError`).
///
/// The place for the core's zip error kinds.
pub fn zip_error(_t: &'static Strings, e: &ZipError) -> String {
    e.to_string()
}

/// Why a label schema was refused (`sanad_core::schema::SchemaError`).
pub fn schema_error(_t: &'static Strings, e: &SchemaError) -> String {
    e.to_string()
}
