//! Messages kept in the state (notices, what the last edit did): a catalogue key with its values,
//! in no language. They are worded when shown, in the language of that moment, so a notice shown
//! before the language was switched reads in the new language.

use sanad_core::edit::{EditError, Summary};
use sanad_core::formats::ExportError;
use sanad_core::import::ImportError;
use sanad_core::schema::SchemaError;

use crate::services::storage::StorageError;
use crate::services::tagger::protocol::TagError;
use crate::services::BrowserError;

use super::catalogue::{CountKey, Strings, TextKey};
use super::{errors, fill, summary};

/// A message in no language yet; [`Msg::render`] words it.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A text of the catalogue with its values.
    Text(TextKey, Vec<(&'static str, Arg)>),
    /// A count of the catalogue: the form the number calls for, `{n}` the number written for the
    /// language, with more values.
    Count(CountKey, usize, Vec<(&'static str, Arg)>),
    /// Messages one after the other.
    Join(Vec<Msg>),
    /// Words that are not the interface's (user text: file names, titles), shown as they are.
    Plain(String),
    /// What an edit did.
    Summary(Summary),
    // Errors of the core and of the services, worded by `i18n::errors` (one function per error
    // type).
    Edit(EditError),
    Import(ImportError),
    Schema(SchemaError),
    Export(ExportError),
    Tag(TagError),
    Storage(StorageError),
    /// A browser's refusal: its own words, quoted.
    Browser(BrowserError),
}

/// A value in a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number, written for the language ("100,000", "١٠٠٬٠٠٠").
    Num(usize),
    /// User text (a title, a label, a file name): never translated.
    Str(String),
    Msg(Msg),
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n)
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}

impl Msg {
    pub fn text(key: TextKey) -> Msg {
        Msg::Text(key, Vec::new())
    }

    /// A count phrase or sentence for `n`.
    pub fn count(key: CountKey, n: usize) -> Msg {
        Msg::Count(key, n, Vec::new())
    }

    /// This message with one more value (for `{name}`).
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        if let Msg::Text(_, args) | Msg::Count(_, _, args) = &mut self {
            args.push((name, value.into()));
        }
        self
    }

    /// The message in the language of `t`.
    pub fn render(&self, t: &'static Strings) -> String {
        match self {
            Msg::Text(key, args) => fill_args(t, t.text(*key), None, args),
            Msg::Count(key, n, args) => {
                let (category, number) = super::plural::count(t.lang, *n as u64);
                fill_args(t, t.forms(*key).pick(category), Some(number), args)
            }
            Msg::Join(parts) => parts.iter().map(|m| m.render(t)).collect(),
            Msg::Plain(s) => s.clone(),
            Msg::Summary(s) => summary::summary(t, s),
            Msg::Edit(e) => errors::edit_error(t, e),
            Msg::Import(e) => errors::import_error(t, e),
            Msg::Schema(e) => errors::schema_error(t, e),
            Msg::Export(e) => errors::export_error(t, e),
            Msg::Tag(e) => errors::tag_error(t, e),
            Msg::Storage(e) => errors::storage_error(t, e),
            Msg::Browser(e) => errors::detail(t, &e.0),
        }
    }
}

fn fill_args(t: &'static Strings, template: &str, n: Option<String>, args: &[(&'static str, Arg)]) -> String {
    let values: Vec<(&str, String)> = n
        .map(|n| ("n", n))
        .into_iter()
        .chain(args.iter().map(|(name, a)| {
            let v = match a {
                Arg::Num(x) => t.num(*x),
                Arg::Str(s) => s.clone(),
                Arg::Msg(m) => m.render(t),
            };
            (*name, v)
        }))
        .collect();
    let refs: Vec<(&str, &dyn std::fmt::Display)> =
        values.iter().map(|(k, v)| (*k, v as &dyn std::fmt::Display)).collect();
    fill(template, &refs)
}
