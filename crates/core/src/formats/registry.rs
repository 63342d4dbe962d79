//! The formats Sanad converts between: their names (as `sanad convert` spells them), export
//! extensions and what can be imported; telling a file's format from its name and first bytes
//! ([`detect`]); and the names records use for statuses and origins.

use serde_json::Value;

use crate::model::{Origin, Status};

/// The formats Sanad converts between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Sanad project JSON (the saved form).
    Sanad,
    /// One document per line: what `sanad annotate` writes, with spans and quotes.
    Jsonl,
    /// spaCy/Prodigy JSONL with tokens, spans and relations.
    Prodigy,
    /// doccano JSONL, `"label": [[start, end, label]]`.
    Doccano,
    /// doccano JSONL, `"entities"` and `"relations"`.
    DoccanoRel,
    /// Label Studio tasks (a JSON array).
    LabelStudio,
    /// brat standoff: `.txt` + `.ann` per document.
    Brat,
    /// CoNLL-2003 style IOB2, token per line.
    Conll,
    /// W3C Web Annotation JSON-LD, one `AnnotationPage` per document per line.
    W3c,
    /// One line per quote (export only).
    Quotes,
}

impl Format {
    /// Every format, in the order of the CLI's help.
    pub const ALL: [Format; 10] = [
        Format::Sanad,
        Format::Jsonl,
        Format::Prodigy,
        Format::Doccano,
        Format::DoccanoRel,
        Format::LabelStudio,
        Format::Brat,
        Format::Conll,
        Format::W3c,
        Format::Quotes,
    ];

    /// The name used by `sanad convert`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Sanad => "sanad",
            Format::Jsonl => "jsonl",
            Format::Prodigy => "prodigy",
            Format::Doccano => "doccano",
            Format::DoccanoRel => "doccano-rel",
            Format::LabelStudio => "label-studio",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::W3c => "w3c",
            Format::Quotes => "quotes",
        }
    }

    /// The format of a CLI name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The usual file extension of an export.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Sanad | Format::LabelStudio => "json",
            Format::Brat => "zip",
            Format::Conll => "conll",
            Format::W3c => "jsonld",
            Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::Quotes => "jsonl",
        }
    }

    /// False for the quotes table, which lacks the document text.
    pub fn can_import(self) -> bool {
        self != Format::Quotes
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format {s:?}; expected one of {}", names.join(", "))
        })
    }
}

/// The serialised name of a status (`new`, `in_progress`, `done`, `skipped`).
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::New => "new",
        Status::InProgress => "in_progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}

pub(crate) fn parse_status(s: &str) -> Option<Status> {
    match s {
        "new" => Some(Status::New),
        "in_progress" => Some(Status::InProgress),
        "done" => Some(Status::Done),
        "skipped" => Some(Status::Skipped),
        _ => None,
    }
}

pub(crate) fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Model => "model",
        Origin::Editor => "editor",
        Origin::Import => "import",
    }
}

pub(crate) fn parse_origin(s: &str) -> Option<Origin> {
    match s {
        "model" => Some(Origin::Model),
        "editor" => Some(Origin::Editor),
        "import" => Some(Origin::Import),
        _ => None,
    }
}

/// Guesses the format of a file from its name and its first bytes.
pub fn detect(file_name: &str, head: &[u8]) -> Option<Format> {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match ext {
        "zip" | "ann" => return Some(Format::Brat),
        "conll" | "iob" | "iob2" | "bio" | "conll03" => return Some(Format::Conll),
        "jsonld" => return Some(Format::W3c),
        _ => {}
    }
    let head = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    let trimmed = head.trim_start();
    if trimmed.starts_with('[') {
        return Some(Format::LabelStudio);
    }
    if trimmed.starts_with('{') {
        if (ext == "json" || trimmed.starts_with("{\n")) && head.contains("\"sanad-project\"") {
            return Some(Format::Sanad);
        }
        let first = trimmed.lines().next().unwrap_or_default();
        let keys: Vec<String> = match serde_json::from_str::<Value>(first) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => ["@context", "tokens", "entities", "label", "quote_id", "data", "format", "spans", "quotes"]
                .iter()
                .filter(|k| first.contains(&format!("\"{k}\":")))
                .map(|k| k.to_string())
                .collect(),
        };
        let has = |k: &str| keys.iter().any(|x| x == k);
        return Some(if has("format") && head.contains("\"sanad-project\"") {
            Format::Sanad
        } else if has("@context") {
            Format::W3c
        } else if has("tokens") {
            Format::Prodigy
        } else if has("entities") {
            Format::DoccanoRel
        } else if has("quote_id") {
            Format::Quotes
        } else if has("data") {
            Format::LabelStudio
        } else if has("spans") || has("quotes") {
            Format::Jsonl
        } else if has("label") {
            Format::Doccano
        } else {
            Format::Jsonl
        });
    }
    if trimmed.starts_with("-DOCSTART-") || trimmed.lines().next().is_some_and(|l| l.contains('\t')) {
        return Some(Format::Conll);
    }
    None
}

/// True for the formats [`LineReader`](super::lines::LineReader) reads (one record per line, or CoNLL's token lines).
pub fn is_line_format(format: Format) -> bool {
    matches!(
        format,
        Format::Jsonl | Format::Prodigy | Format::Doccano | Format::DoccanoRel | Format::W3c | Format::Conll
    )
}
