//! Turning a user's file into documents: `.txt`/`.md` (one article), `.jsonl` (one
//! `{"text", "title"?, "id"?, "meta"?}` per line), `.json` (a Sanad project or an array of such
//! objects).
//!
//! All or nothing: a file with one bad line is refused whole, with the file name, line and
//! column, so that nothing is half-imported. The caller's library is never touched here.
//!
//! The problems themselves ([`ImportError`], its [`ImportErrorKind`] and the zip container's
//! [`ZipError`]) are in `error`: every reader of `crate::formats` reports with them too.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::lang;
use crate::model::{Document, ModelError};
use crate::project::{Project, ProjectError};

mod error;

pub use error::{ArrayProblem, ImportError, ImportErrorKind, Part, Unit, ZipError, ZipErrorKind};
use ImportErrorKind as K;

/// Largest file the page reads (the CLI streams larger ones in later formats).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// What a file held.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// A whole Sanad project (labels and documents).
    Project(Project),
    /// Loose documents to add to the current project.
    Documents(Vec<Document>),
}

impl Imported {
    pub fn into_documents(self) -> Vec<Document> {
        match self {
            Imported::Project(p) => p.into_documents(),
            Imported::Documents(d) => d,
        }
    }
}

/// The message for a file over [`MAX_FILE_BYTES`], checked before reading it.
pub fn check_size(file: &str, bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES as u64 {
        // Whole megabytes, rounded (integer arithmetic: no float formatting in the page's wasm).
        let mb = |b: u64| (b + 512 * 1024) / (1024 * 1024);
        return Err(ImportError::new(
            file,
            K::TooLarge { megabytes: mb(bytes), limit_megabytes: mb(MAX_FILE_BYTES as u64) },
        ));
    }
    Ok(())
}

/// Reads `bytes` named `file` (the extension decides the format).
pub fn import_bytes(file: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    check_size(file, bytes.len() as u64)?;
    let text = decode_utf8(file, bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::new(file, K::EmptyFile));
    }
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "md" | "text" | "markdown" => Ok(Imported::Documents(vec![from_plain_text(file, text)?])),
        "jsonl" | "ndjson" => from_jsonl(file, text).map(Imported::Documents),
        "json" => from_json(file, text),
        _ => Err(ImportError::new(file, K::UnsupportedExtension { extension: ext })),
    }
}

/// UTF-8 (a leading byte-order mark is dropped), or an error naming the first bad byte's place.
pub fn decode_utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let good = &bytes[..at];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Column in characters of the valid prefix of that line.
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        ImportError::new(file, K::NotUtf8File { byte: bytes[at], offset: at }).at(Some(line), Some(column))
    })
}

/// A stable id for a text: `doc-` and 12 hex digits of its FNV-1a hash.
pub fn content_id(text: &str) -> String {
    let h = crate::nlp::hash::fnv1a64(text.as_bytes());
    format!("doc-{:012x}", h & 0xffff_ffff_ffff)
}

/// A title from the first non-empty line: Markdown heading marks removed, at most 120 characters.
pub fn title_from_text(text: &str) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let first = first.trim_start_matches('#').trim();
    let mut title: String = first.chars().take(120).collect();
    if first.chars().count() > 120 {
        title.push('…');
    }
    title
}

fn model_err(file: &str, line: Option<usize>, e: ModelError) -> ImportError {
    ImportError::new(file, K::Model(e)).at(line, None)
}

/// One article from plain text (pasted or a `.txt`/`.md` file). The text is kept exactly.
pub fn from_plain_text(file: &str, text: &str) -> Result<Document, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::new(file, K::EmptyText));
    }
    let mut meta = Map::new();
    meta.insert("source_file".into(), Value::String(file.to_string()));
    Document::new(content_id(text), title_from_text(text), lang::detect(text), text)
        .map(|d| d.with_meta(meta))
        .map_err(|e| model_err(file, None, e))
}

#[derive(Deserialize)]
struct Item {
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    meta: Map<String, Value>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

fn item_to_document(file: &str, line: Option<usize>, item: Item) -> Result<Document, ImportError> {
    if item.text.trim().is_empty() {
        return Err(ImportError::new(file, K::EmptyTextField).at(line, None));
    }
    let id = match item.id {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => content_id(&item.text),
        Some(other) => {
            return Err(ImportError::new(file, K::BadId { found: other.to_string() }).at(line, None));
        }
    };
    let title = item.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| title_from_text(&item.text));
    let lang = item.lang.filter(|l| !l.is_empty()).unwrap_or_else(|| lang::detect(&item.text).to_string());
    let mut meta = item.meta;
    // Keys Sanad does not know are kept under meta rather than dropped.
    for (k, v) in item.rest {
        meta.entry(k).or_insert(v);
    }
    Document::new(id, title, lang, item.text).map(|d| d.with_meta(meta)).map_err(|e| model_err(file, line, e))
}

/// A serde_json error at its line (plus `line_offset`) and column; `item` when the JSON was read
/// but is not a document object.
fn json_err(file: &str, line_offset: usize, e: &serde_json::Error, item: bool) -> ImportError {
    let (kind, line, column) = match ProjectError::from_json(e) {
        ProjectError::Json { line, column, parser_message } if item && e.is_data() => {
            (K::JsonItem { parser_message }, line, column)
        }
        ProjectError::Json { line, column, parser_message } => (K::Json { parser_message }, line, column),
        ProjectError::ModelAt { line, column, error } => (K::Model(error), line, column),
        _ => return ImportError::new(file, K::Json { parser_message: e.to_string() }),
    };
    ImportError::new(file, kind).at(Some(line + line_offset), Some(column))
}

/// One document per non-blank line.
pub fn from_jsonl(file: &str, text: &str) -> Result<Vec<Document>, ImportError> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|e| json_err(file, i, &e, true))?;
        docs.push(item_to_document(file, Some(i + 1), item)?);
    }
    if docs.is_empty() {
        return Err(ImportError::new(file, K::NoDocuments));
    }
    Ok(docs)
}

/// A project file, or an array of `{"text", ...}` objects.
pub fn from_json(file: &str, text: &str) -> Result<Imported, ImportError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let items: Vec<Item> = serde_json::from_str(text).map_err(|e| json_err(file, 0, &e, false))?;
        if items.is_empty() {
            return Err(ImportError::new(file, K::EmptyArray));
        }
        return items
            .into_iter()
            .enumerate()
            .map(|(i, item)| item_to_document(file, None, item).map_err(|e| e.within(Part::Item { n: i + 1 })))
            .collect::<Result<Vec<_>, _>>()
            .map(Imported::Documents);
    }
    Project::from_json(text).map(Imported::Project).map_err(|e| project_error(file, e))
}

/// A refused project file `file`: its JSON errors and the model's refusals at their line and
/// column, the others whole.
pub fn project_error(file: &str, e: ProjectError) -> ImportError {
    match e {
        ProjectError::Json { line, column, parser_message } => {
            ImportError::new(file, K::Json { parser_message }).at(Some(line), Some(column))
        }
        ProjectError::ModelAt { line, column, error } => {
            ImportError::new(file, K::Model(error)).at(Some(line), Some(column))
        }
        other => ImportError::new(file, K::Project(other)),
    }
}

/// What `sanad validate` found in a file: counts, and every problem (not just the first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validation {
    pub documents: usize,
    pub spans: usize,
    pub quotes: usize,
    pub problems: Vec<ImportError>,
}

/// Checks a project JSON file, or a JSONL file of documents (`{"text", "id"?, "spans"?, "quotes"?, ...}`
/// per line, spans and quotes as in the project format), reporting every bad line.
pub fn validate(file: &str, bytes: &[u8]) -> Validation {
    let mut v = Validation::default();
    let text = match decode_utf8(file, bytes) {
        Ok(t) => t,
        Err(e) => {
            v.problems.push(e);
            return v;
        }
    };
    let is_jsonl = file.ends_with(".jsonl") || file.ends_with(".ndjson");
    if text.trim().is_empty() {
        v.problems.push(ImportError::new(file, K::EmptyFile));
        return v;
    }
    if !is_jsonl {
        match Project::from_json(text) {
            Ok(p) => {
                v.documents = p.documents().len();
                v.spans = p.documents().iter().map(|d| d.spans().len()).sum();
                v.quotes = p.documents().iter().map(|d| d.quotes().len()).sum();
            }
            Err(e) => v.problems.push(project_error(file, e)),
        }
        return v;
    }
    let mut ids = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let mut value: Value = match serde_json::from_str(line) {
            Ok(val) => val,
            Err(e) => {
                v.problems.push(json_err(file, i, &e, false));
                continue;
            }
        };
        let Some(obj) = value.as_object_mut() else {
            v.problems.push(ImportError::new(file, K::ExpectedJsonObject).at(Some(n), Some(1)));
            continue;
        };
        if !obj.contains_key("id") {
            if let Some(t) = obj.get("text").and_then(Value::as_str) {
                let id = content_id(t);
                obj.insert("id".into(), Value::String(id));
            }
        }
        match serde_json::from_value::<Document>(value) {
            Ok(d) => {
                if !ids.insert(d.id().to_string()) {
                    v.problems
                        .push(ImportError::new(file, K::DuplicateId { id: d.id().to_string() }).at(Some(n), None));
                }
                v.documents += 1;
                v.spans += d.spans().len();
                v.quotes += d.quotes().len();
            }
            Err(e) => {
                v.problems.push(ImportError::new(file, K::Json { parser_message: e.to_string() }).at(Some(n), None))
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_text_and_detects_arabic() {
        let t = "# عنوان الخبر\r\nقال لافروف إن روسيا مستعدة.\r\n";
        let Imported::Documents(d) = import_bytes("a.md", t.as_bytes()).unwrap() else { panic!() };
        assert_eq!(d[0].text(), t);
        assert_eq!(d[0].title(), "عنوان الخبر");
        assert_eq!(d[0].lang(), "ar");
        assert!(d[0].id().starts_with("doc-"));
    }

    #[test]
    fn jsonl_bad_line_names_line_and_column() {
        let mut s = String::new();
        for i in 1..=6 {
            s.push_str(&format!("{{\"text\": \"article {i}\", \"title\": \"t{i}\"}}\n"));
        }
        s.push_str("{\"text\": \"broken\" \"title\": 1}\n");
        let e = import_bytes("news.jsonl", s.as_bytes()).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("news.jsonl", Some(7)));
        assert!(e.column.is_some());
        assert!(e.to_string().starts_with("news.jsonl, line 7, column"), "{e}");
    }

    #[test]
    fn jsonl_missing_text_is_explained() {
        let e = import_bytes("x.jsonl", b"{\"title\": \"no text\"}\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message().contains("\"text\""), "{e}");
    }

    #[test]
    fn jsonl_keeps_unknown_keys_in_meta() {
        let Imported::Documents(d) =
            import_bytes("x.jsonl", "{\"id\": 7, \"text\": \"Hi\", \"source\": \"wire\"}\n".as_bytes()).unwrap()
        else {
            panic!()
        };
        assert_eq!(d[0].id(), "7");
        assert_eq!(d[0].meta()["source"], "wire");
    }

    #[test]
    fn not_utf8_is_located() {
        let e = import_bytes("latin1.txt", b"ok line\ncaf\xE9 au lait").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        assert!(e.message().contains("not UTF-8"));
    }

    #[test]
    fn empty_huge_and_unknown_files_are_refused() {
        assert!(import_bytes("e.txt", b"  \n").unwrap_err().message().contains("empty"));
        let e = check_size("big.jsonl", 200 * 1024 * 1024).unwrap_err();
        assert!(e.message().contains("200 MB"), "{e}");
        assert!(import_bytes("a.pdf", b"%PDF").unwrap_err().message().contains(".pdf"));
    }

    #[test]
    fn json_array_and_project() {
        let Imported::Documents(d) = import_bytes("a.json", br#"[{"text": "one"}, {"text": "two"}]"#).unwrap() else {
            panic!()
        };
        assert_eq!(d.len(), 2);
        let e = import_bytes("a.json", br#"[{"text": "one"}, {"text": ""}]"#).unwrap_err();
        assert!(e.message().starts_with("item 2"), "{e}");
        let e = import_bytes("p.json", br#"{"format": "sanad-project", "version": 9}"#).unwrap_err();
        assert!(e.message().contains("version 9"), "{e}");
    }

    #[test]
    fn validate_reports_every_bad_line() {
        let s = "{\"text\": \"abc\", \"spans\": [{\"id\": \"s\", \"start\": 0, \"end\": 9, \"label\": \"PER\"}]}\n\
                 {\"text\": \"ok\"}\n\
                 not json\n";
        let v = validate("a.jsonl", s.as_bytes());
        assert_eq!(v.documents, 1);
        assert_eq!(v.problems.len(), 2, "{:?}", v.problems);
        assert_eq!(v.problems[0].line, Some(1));
        assert!(v.problems[0].message().contains("past the end"), "{}", v.problems[0]);
        assert_eq!(v.problems[1].line, Some(3));
    }
}
