//! The core's and the services' errors in the interface language: one function per error type,
//! each an exhaustive `match` on the error's kind with a catalogue text per kind (the catalogue's
//! "errors" block), so a new kind without its English and Arabic wording does not compile.
//!
//! Values are written for the language: numbers and counts through [`Strings::num`] and
//! [`Strings::count`] (Arabic-Indic digits, plural forms), values from a file quoted as the core
//! quotes them (escaped, so that control and bidi characters show), in «» in Arabic. Text that is
//! not ours (a browser's, the operating system's or serde_json's message) is shown quoted, after
//! our sentence ([`detail`]). Numbers that are part of code stay as the code has them: HTTP
//! statuses, JSON array indexes, hexadecimal bytes and checksums.
//!
//! Notices hold the errors themselves (`Msg::Import`, `Msg::Storage`, ...), worded when shown:
//! switching the language rewords them.

use std::fmt::Display;

use sanad_core::edit::EditError;
use sanad_core::formats::zip::ZipError;
use sanad_core::formats::ExportError;
use sanad_core::import::{ArrayProblem, ImportError, ImportErrorKind, Part, Unit, ZipErrorKind};
use sanad_core::model::MAX_ANNOTATOR_NAME;
use sanad_core::model::{
    AnnotatorProblem, LabelProblem, ModelError, Subject, What, MAX_LABEL_DESCRIPTION_CHARS, MAX_LABEL_NAME_CHARS,
};
use sanad_core::nlp::model_file::ModelFileError;
use sanad_core::project::{self, ProjectError};
use sanad_core::schema::SchemaError;

use super::{fill, CountKey, Lang, Strings};
use crate::services::fetch::FetchError;
use crate::services::storage::StorageError;
use crate::services::tagger::protocol::TagError;

/// `fill(template, [(name, value), ...])` with `name = value` pairs.
macro_rules! f {
    ($template:expr $(, $name:ident = $value:expr)* $(,)?) => {
        fill($template, &[$((stringify!($name), &$value as &dyn Display)),*])
    };
}

/// Text that is not ours (a browser's or serde_json's message), quoted: “…” in English, «…» in
/// Arabic.
pub fn detail(t: &Strings, s: &str) -> String {
    match t.lang {
        Lang::En => format!("“{s}”"),
        Lang::Ar => format!("«{s}»"),
    }
}

/// A value from a file (an id, a label, a text), quoted and escaped as the core's messages quote
/// it (`"e1"`); in Arabic between «».
fn q(t: &Strings, s: &str) -> String {
    let escaped = format!("{s:?}");
    match t.lang {
        Lang::En => escaped,
        Lang::Ar => format!("«{}»", &escaped[1..escaped.len() - 1]),
    }
}

/// A decimal number as Rust writes it (`1.5`, `-0.25`), with the language's digits and decimal
/// separator.
fn float(t: &Strings, x: f64) -> String {
    let s = x.to_string();
    match t.lang {
        Lang::En => s,
        Lang::Ar => s
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                '.' => '\u{066B}',
                _ => c,
            })
            .collect(),
    }
}

/// A length of text in `unit`s ("13 code points", "١٣ نقطة ترميز").
fn length(t: &Strings, n: usize, unit: Unit) -> String {
    match unit {
        Unit::CodePoints => t.count(CountKey::code_points, n),
        Unit::Utf16 => t.count(CountKey::utf16_units, n),
    }
}

/// Why a file could not be imported, with its file, line and column (`sanad_core::import::ImportError`).
pub fn import_error(t: &'static Strings, e: &ImportError) -> String {
    let kind = import_kind(t, e.kind());
    let message = match &e.part {
        Some(p) => format!("{}: {kind}", part(t, p)),
        None => kind,
    };
    let file = &e.file;
    match (e.line, e.column) {
        (Some(l), Some(c)) => f!(t.e_at_column, file = file, line = t.num(l), column = t.num(c), message = message),
        (Some(l), None) => f!(t.e_at_line, file = file, line = t.num(l), message = message),
        (None, _) => f!(t.e_at_file, file = file, message = message),
    }
}

/// The part of a record a problem is in.
fn part(t: &Strings, p: &Part) -> String {
    let with_field = |name: String, field: &Option<&'static str>| match field {
        Some(field) => f!(t.e_part_field, part = name, field = field),
        None => name,
    };
    match p {
        Part::Span { n } => f!(t.e_part_span, n = t.num(*n)),
        Part::Quote { n, field } => with_field(f!(t.e_part_quote, n = t.num(*n)), field),
        Part::Entity { n } => f!(t.e_part_entity, n = t.num(*n)),
        Part::Label { n } => f!(t.e_part_label, n = t.num(*n)),
        Part::Token { n } => f!(t.e_part_token, n = t.num(*n)),
        Part::Relation { n, field } => with_field(f!(t.e_part_relation, n = t.num(*n)), field),
        Part::Annotation { n, field } => with_field(f!(t.e_part_annotation, n = t.num(*n)), field),
        Part::Task { n } => f!(t.e_part_task, n = t.num(*n)),
        // The annotation's index is in the JSON path (`annotations[0]`): written as JSON writes it.
        Part::TaskResult { task, list, annotation, result } => {
            f!(t.e_part_task_result, task = t.num(*task), list = list, annotation = annotation, result = t.num(*result))
        }
        Part::Item { n } => f!(t.e_part_item, n = t.num(*n)),
        Part::SpanAt { start, end } => f!(t.e_part_span_at, start = t.num(*start), end = t.num(*end)),
        Part::QuoteAt { start, end } => f!(t.e_part_quote_at, start = t.num(*start), end = t.num(*end)),
        Part::AnnLine { line, id: None } => f!(t.e_part_line, line = t.num(*line)),
        Part::AnnLine { line, id: Some(id) } => f!(t.e_part_line_id, line = t.num(*line), id = id),
    }
}

/// What is wrong with an imported file or record (`sanad_core::import::ImportErrorKind`).
pub fn import_kind(t: &'static Strings, k: &ImportErrorKind) -> String {
    use ImportErrorKind as K;
    let n = |x: usize| t.num(x);
    match k {
        K::TooLarge { megabytes, limit_megabytes } => {
            f!(t.e_too_large, megabytes = n(*megabytes as usize), limit = n(*limit_megabytes as usize))
        }
        K::TooLargeToStream { megabytes, limit_megabytes } => {
            f!(t.e_too_large_to_stream, megabytes = n(*megabytes as usize), limit = n(*limit_megabytes as usize))
        }
        K::EmptyFile => t.e_empty_file.to_string(),
        K::UnsupportedExtension { extension } => f!(t.e_unsupported_extension, extension = extension),
        K::UnknownFormat => t.e_unknown_format.to_string(),
        K::NotBrat => t.e_not_brat.to_string(),
        K::QuotesTable => t.e_quotes_table.to_string(),
        K::NotUtf8File { byte, offset } => f!(t.e_not_utf8_file, byte = format!("0x{byte:02X}"), offset = n(*offset)),
        K::Read { system_message } => f!(t.e_read, detail = detail(t, system_message)),
        K::Sink { message } => f!(t.e_sink, message = message),
        K::NotLineFormat { format } => f!(t.e_not_line_format, format = format),
        K::NotStreamFormat { format } => f!(t.e_not_stream_format, format = format),
        K::BratNotPreviewed => t.e_brat_not_previewed.to_string(),
        K::NoDocuments => t.e_no_documents.to_string(),
        K::EmptyArray => t.e_empty_array.to_string(),
        K::EmptyText => t.e_empty_text.to_string(),
        K::Zip(e) => f!(t.e_not_zip, error = zip_error(t, e)),
        K::ZipEntry(kind) => zip_kind(t, kind),
        K::Inflate { entry, browser_message } => f!(t.e_inflate, entry = entry, detail = detail(t, browser_message)),
        K::Project(e) => project_error(t, e),
        K::Json { parser_message } => f!(t.e_json, detail = detail(t, parser_message)),
        K::JsonLine { parser_message } => f!(t.e_json_line, detail = detail(t, parser_message)),
        K::JsonTask { parser_message } => f!(t.e_json_task, detail = detail(t, parser_message)),
        K::JsonItem { parser_message } => f!(t.e_json_item, detail = detail(t, parser_message)),
        K::TaskArray { problem } => f!(t.e_task_array, problem = array_problem(t, *problem)),
        K::NotUtf8Line => t.e_not_utf8_line.to_string(),
        K::NotUtf8 => t.e_not_utf8.to_string(),
        K::NotUtf8Task { offset } => f!(t.e_not_utf8_task, offset = n(*offset)),
        K::ExpectedJsonObject => t.e_expected_json_object.to_string(),
        K::ExpectedObject => t.e_expected_object.to_string(),
        K::BadRecord => t.e_bad_record.to_string(),
        K::DuplicateId { id } => f!(t.e_duplicate_document, id = q(t, id)),
        K::EmptyTextField => t.e_empty_text_field.to_string(),
        K::ExpectedText { key } => f!(t.e_expected_text, key = key),
        K::BadId { found } => f!(t.e_bad_id, found = found),
        K::BadOffsetUnit { found } => f!(t.e_bad_offset_unit, found = found),
        K::StatusNotOneOf { found } => f!(t.e_status_not_one_of, found = q(t, found)),
        K::UnknownStatus { found } => f!(t.e_unknown_status, found = q(t, found)),
        K::NotAnArray { key } => f!(t.e_not_an_array, key = key),
        K::LabelsNotAnArray => t.e_labels_not_an_array.to_string(),
        K::NotAnObject { key } => f!(t.e_not_an_object, key = key),
        K::Model(e) => model_error(t, e),
        K::OffsetsNotNumbers => t.e_offsets_not_numbers.to_string(),
        K::OffsetsOutOfRange { start, end, len, unit } => {
            f!(t.e_offsets_out_of_range, start = n(*start), end = n(*end), len = length(t, *len, *unit))
        }
        K::SplitSurrogatePair { start, end } => f!(t.e_split_surrogate_pair, start = n(*start), end = n(*end)),
        K::TextMismatch { start, end, found, stated } => {
            f!(t.e_text_mismatch, start = n(*start), end = n(*end), found = q(t, found), stated = q(t, stated))
        }
        K::ExpectedLabel => t.e_expected_label.to_string(),
        K::ExpectedLabelTriple => t.e_expected_label_triple.to_string(),
        K::BadQuoteKind { found } => f!(t.e_bad_quote_kind, found = q(t, found)),
        K::BadConfidence { found } => f!(t.e_bad_confidence, found = found),
        K::BadScore => t.e_bad_score.to_string(),
        K::RangeNotAnObject { key } => f!(t.e_range_not_an_object, key = key),
        K::ExpectedValue => t.e_expected_value.to_string(),
        K::ExpectedValueLabels => t.e_expected_value_labels.to_string(),
        K::ExpectedHeadAndChild => t.e_expected_head_and_child.to_string(),
        K::NotASpan { key, start, end, label } => {
            f!(t.e_not_a_span, key = key, start = n(*start), end = n(*end), label = q(t, label))
        }
        K::RelationEndsNotEntities => t.e_relation_ends_not_entities.to_string(),
        K::RelationEndsNotResults => t.e_relation_ends_not_results.to_string(),
        K::RelationRegionMissing { label } => f!(t.e_relation_region_missing, label = q(t, label)),
        K::RelationNotFromQuote { label, found, expected } => {
            f!(t.e_relation_not_from_quote, label = q(t, label), found = q(t, found), expected = expected)
        }
        K::UnknownRelation { label, speaker, cue } => {
            f!(t.e_unknown_relation, label = q(t, label), speaker = speaker, cue = cue)
        }
        K::W3cNoDocument => t.e_w3c_no_document.to_string(),
        K::W3cNoBody => t.e_w3c_no_body.to_string(),
        K::W3cNoPosition => t.e_w3c_no_position.to_string(),
        K::BratLine => t.e_brat_line.to_string(),
        K::BratTextBound => t.e_brat_text_bound.to_string(),
        K::BratOffsets { found } => f!(t.e_brat_offsets, found = q(t, found)),
        K::BratPastEnd { line, id, start, end, len } => f!(
            t.e_brat_past_end,
            line = n(*line),
            id = id,
            start = n(*start),
            end = n(*end),
            len = length(t, *len, Unit::CodePoints),
        ),
        K::BratTextMismatch { line, id, found, stated } => {
            f!(t.e_brat_text_mismatch, line = n(*line), id = id, found = q(t, found), stated = q(t, stated))
        }
        K::BratArgs { id } => f!(t.e_brat_args, id = id),
        K::BratRelation => t.e_brat_relation.to_string(),
        K::BratAttribute => t.e_brat_attribute.to_string(),
        K::BratId => t.e_brat_id.to_string(),
        K::BratKindTarget { target } => f!(t.e_brat_kind_target, target = target),
        K::BratNoText { stem } => f!(t.e_brat_no_text, stem = stem),
        K::ConllLine { found } => f!(t.e_conll_line, found = q(t, found)),
        K::ConllTag { tag } => f!(t.e_conll_tag, tag = q(t, tag)),
    }
}

/// Where the Label Studio task array stopped making sense.
fn array_problem(t: &Strings, p: ArrayProblem) -> &'static str {
    match p {
        ArrayProblem::ExpectedTaskOrEnd => t.e_array_task_or_end,
        ArrayProblem::ExpectedTask => t.e_array_task,
        ArrayProblem::ExpectedOpen => t.e_array_open,
        ArrayProblem::ExpectedCommaOrEnd => t.e_array_comma_or_end,
        ArrayProblem::ExpectedEndOfFile => t.e_array_end_of_file,
        ArrayProblem::NoArray => t.e_array_none,
        ArrayProblem::Unclosed => t.e_array_unclosed,
    }
}

/// Why a zip archive could not be read, and where (`sanad_core::formats::zip::ZipError`).
pub fn zip_error(t: &'static Strings, e: &ZipError) -> String {
    f!(t.e_zip_at, at = t.num(e.at), error = zip_kind(t, &e.kind))
}

/// What is wrong with a zip archive or one of its entries.
fn zip_kind(t: &Strings, k: &ZipErrorKind) -> String {
    use ZipErrorKind as Z;
    match k {
        Z::NotZip => t.e_zip_not_zip.to_string(),
        Z::Truncated => t.e_zip_truncated.to_string(),
        Z::Zip64 => t.e_zip_zip64.to_string(),
        Z::ExpectedCentralEntry => t.e_zip_expected_central_entry.to_string(),
        // A code of the zip format, as the format numbers it.
        Z::Method { method } => f!(t.e_zip_method, method = method),
        Z::NameNotUtf8 => t.e_zip_name_not_utf8.to_string(),
        Z::Encrypted { name } => f!(t.e_zip_encrypted, name = name),
        Z::ExpectedLocalHeader { name } => f!(t.e_zip_expected_local_header, name = name),
        Z::DataTruncated { name } => f!(t.e_zip_data_truncated, name = name),
        Z::Damaged { name } => f!(t.e_zip_damaged, name = name),
        Z::TooLarge => t.e_zip_too_large.to_string(),
    }
}

/// Why a Sanad project file was refused (`sanad_core::project::ProjectError`).
pub fn project_error(t: &'static Strings, e: &ProjectError) -> String {
    use ProjectError as P;
    let version = project::VERSION as usize;
    let version_1 = project::VERSION_1 as usize;
    match e {
        P::Json { line, column, parser_message } => {
            f!(t.e_line_column, line = t.num(*line), column = t.num(*column), message = detail(t, parser_message))
        }
        P::ModelAt { line, column, error } => {
            f!(t.e_line_column, line = t.num(*line), column = t.num(*column), message = model_error(t, error))
        }
        P::WrongFormat { found } => f!(t.e_project_wrong_format, found = found, expected = project::FORMAT),
        P::NoFormat => f!(t.e_project_no_format, expected = project::FORMAT),
        P::WrongVersion { found } => {
            f!(t.e_project_wrong_version, found = found, v1 = t.num(version_1), expected = t.num(version))
        }
        P::NoVersion => t.e_project_no_version.to_string(),
        P::NewerVersion { found } => {
            f!(t.e_project_newer, found = t.num(*found as usize), v1 = t.num(version_1), expected = t.num(version))
        }
        P::OffsetUnit { found } => f!(t.e_project_offset_unit, found = q(t, found)),
        P::NoOffsetUnit => t.e_project_no_offset_unit.to_string(),
        P::DuplicateDocument { id } => f!(t.e_duplicate_document, id = q(t, id)),
        P::Model(e) => model_error(t, e),
    }
}

/// What a model error is about, with its article ("الكيان").
fn subject(t: &Strings, s: Subject) -> &'static str {
    match s {
        Subject::Document => t.e_subject_document,
        Subject::Span => t.e_subject_span,
        Subject::Quote => t.e_subject_quote,
        Subject::QuoteCue => t.e_subject_quote_cue,
        Subject::QuoteSpeaker => t.e_subject_quote_speaker,
        Subject::CuratedPosition => t.e_subject_curated_position,
    }
}

/// What a curated position holds: a span or a quote.
fn what(t: &Strings, w: What) -> &'static str {
    match w {
        What::Span => t.e_subject_span,
        What::Quote => t.e_subject_quote,
    }
}

/// Why the model refused a value (`sanad_core::ModelError`).
pub fn model_error(t: &'static Strings, e: &ModelError) -> String {
    let n = |x: usize| t.num(x);
    match e {
        ModelError::EmptyRange { start, end } => f!(t.e_empty_range, start = n(*start), end = n(*end)),
        ModelError::OutOfText { what, id, start, end, len } => f!(
            t.e_out_of_text,
            what = subject(t, *what),
            id = q(t, id),
            start = n(*start),
            end = n(*end),
            len = length(t, *len, Unit::CodePoints),
        ),
        ModelError::DuplicateId { what, id } => f!(t.e_duplicate_id, what = subject(t, *what), id = q(t, id)),
        ModelError::EmptyId { what } => f!(t.e_empty_id, what = subject(t, *what)),
        ModelError::EmptyLabel => t.e_empty_label.to_string(),
        ModelError::UnknownSpeakerSpan { quote, span } => {
            f!(t.e_unknown_speaker_span, quote = q(t, quote), span = q(t, span))
        }
        ModelError::BadConfidence(x) => f!(t.e_confidence_range, value = float(t, *x)),
        ModelError::EmptyText(id) => f!(t.e_no_text, id = q(t, id)),
        ModelError::TooMany { what, count, max } => {
            let counted = match what {
                Subject::Document => CountKey::articles,
                Subject::Span => CountKey::spans,
                Subject::Quote | Subject::QuoteCue | Subject::QuoteSpeaker => CountKey::quotes,
                Subject::CuratedPosition => CountKey::disagreements,
            };
            f!(t.e_too_many, count = t.count(counted, *count), max = n(*max))
        }
        ModelError::BadLabel { name, reason } => {
            f!(t.e_bad_label, name = q(t, name), reason = label_problem(t, *reason))
        }
        ModelError::BadAnnotator { name, reason } => {
            f!(t.e_bad_annotator, name = q(t, name), reason = annotator_problem(t, *reason))
        }
        ModelError::InLayer { annotator, error } => {
            f!(t.e_in_layer, annotator = q(t, annotator), error = model_error(t, error))
        }
        ModelError::DuplicateLayer(annotator) => f!(t.e_duplicate_layer, annotator = q(t, annotator)),
        ModelError::BadDecision { decision } => f!(t.e_bad_decision, decision = q(t, decision)),
        ModelError::DuplicateResolved { what: w, start, end } => {
            f!(t.e_duplicate_resolved, start = n(*start), end = n(*end), what = what(t, *w))
        }
    }
}

/// Why an annotator's name or colour was refused.
fn annotator_problem(t: &Strings, p: AnnotatorProblem) -> String {
    match p {
        AnnotatorProblem::EmptyName => t.e_label_empty_name.to_string(),
        AnnotatorProblem::NameTooLong => {
            f!(t.e_label_name_too_long, max = t.count(CountKey::characters, MAX_ANNOTATOR_NAME))
        }
        AnnotatorProblem::InvisibleCharacters => t.e_label_invisible.to_string(),
        AnnotatorProblem::NotHexColour => t.e_annotator_not_hex.to_string(),
    }
}

/// Why a label definition was refused.
fn label_problem(t: &Strings, p: LabelProblem) -> String {
    match p {
        LabelProblem::EmptyName => t.e_label_empty_name.to_string(),
        LabelProblem::NameTooLong => {
            f!(t.e_label_name_too_long, max = t.count(CountKey::characters, MAX_LABEL_NAME_CHARS))
        }
        LabelProblem::InvisibleCharacters => t.e_label_invisible.to_string(),
        LabelProblem::NotHexColour => t.e_label_not_hex.to_string(),
        LabelProblem::KeyTooLong => t.e_label_key.to_string(),
        LabelProblem::DescriptionTooLong => {
            f!(t.e_label_description, max = t.count(CountKey::characters, MAX_LABEL_DESCRIPTION_CHARS))
        }
    }
}

/// Why an edit was refused (`sanad_core::edit::EditError`).
pub fn edit_error(t: &'static Strings, e: &EditError) -> String {
    let n = |x: usize| t.num(x);
    match e {
        EditError::UnknownSpan(id) => f!(t.e_edit_unknown_span, id = q(t, id)),
        EditError::UnknownQuote(id) => f!(t.e_edit_unknown_quote, id = q(t, id)),
        EditError::BadRange { start, end, len } => {
            f!(t.e_edit_bad_range, start = n(*start), end = n(*end), len = length(t, *len, Unit::CodePoints),)
        }
        EditError::EmptyLabel => t.e_edit_empty_label.to_string(),
        EditError::DuplicateSpan { start, end, label } => {
            f!(t.e_edit_duplicate_span, start = n(*start), end = n(*end), label = label)
        }
        EditError::DuplicateQuote { start, end } => f!(t.e_edit_duplicate_quote, start = n(*start), end = n(*end)),
        EditError::NotASuggestion(id) => f!(t.e_edit_not_a_suggestion, id = q(t, id)),
        EditError::QuoteNotASuggestion(id) => f!(t.e_edit_quote_not_a_suggestion, id = q(t, id)),
        EditError::RelabelToSelf(label) => f!(t.e_edit_relabel_to_self, label = q(t, label)),
        EditError::NoSpeaker(id) => f!(t.e_edit_no_speaker, id = q(t, id)),
        EditError::EmptySpeakerName => t.e_edit_empty_speaker_name.to_string(),
        EditError::NoLayers => t.e_edit_no_layers.to_string(),
        EditError::NotCurating => t.e_edit_not_curating.to_string(),
        EditError::UnknownPosition { what: w, start, end } => {
            f!(t.e_edit_unknown_position, what = what(t, *w), start = n(*start), end = n(*end))
        }
        EditError::UnknownAnnotator(annotator) => f!(t.e_edit_unknown_annotator, annotator = q(t, annotator)),
        EditError::Stale => t.e_edit_stale.to_string(),
        EditError::Model(e) => f!(t.e_edit_model, error = model_error(t, e)),
    }
}

/// Why a label schema was refused (`sanad_core::schema::SchemaError`).
pub fn schema_error(t: &'static Strings, e: &SchemaError) -> String {
    match e {
        SchemaError::Label(e) => model_error(t, e),
        SchemaError::DuplicateName(name) => f!(t.e_schema_duplicate_name, name = q(t, name)),
        SchemaError::DuplicateKey { key, first, second } => {
            f!(t.e_schema_duplicate_key, key = q(t, key), first = first, second = second)
        }
    }
}

/// Why an export stopped (`sanad_core::formats::ExportError`).
pub fn export_error(t: &'static Strings, e: &ExportError) -> String {
    match e {
        ExportError::Io { system_message } => f!(t.e_export_io, detail = detail(t, system_message)),
        ExportError::NotStreamFormat { format } => f!(t.e_export_not_stream, format = format),
        ExportError::BratUtf16 => t.e_export_brat_utf16.to_string(),
        ExportError::Zip(kind) => zip_kind(t, kind),
    }
}

/// Why the tagger worker gave no suggestions (`services::tagger::protocol::TagError`).
pub fn tag_error(t: &'static Strings, e: &TagError) -> String {
    let model = |lang: &str| if lang == "ar" { t.e_model_ar } else { t.e_model_en };
    match e {
        TagError::Fetch { lang, url, error } => {
            f!(t.e_tag_fetch, model = model(lang), url = url, error = fetch_error(t, error))
        }
        TagError::Model { lang, error } => f!(t.e_tag_model, model = model(lang), error = model_file_error(t, error)),
        TagError::NotLoaded => t.e_tag_not_loaded.to_string(),
    }
}

/// Why a file of the app's origin could not be fetched.
fn fetch_error(t: &Strings, e: &FetchError) -> String {
    match e {
        FetchError::Browser(b) => detail(t, &b.0),
        // An HTTP status is a code: written as HTTP writes it.
        FetchError::Http(status) => f!(t.e_http, status = status),
    }
}

/// Why a model file cannot be used (`sanad_core::nlp::model_file::ModelFileError`).
fn model_file_error(t: &Strings, e: &ModelFileError) -> String {
    let bytes = |n: usize| t.count(CountKey::bytes, n);
    match e {
        ModelFileError::TooShort(n) => f!(t.e_model_too_short, n = bytes(*n)),
        ModelFileError::BadMagic => t.e_model_bad_magic.to_string(),
        ModelFileError::UnsupportedVersion { found, supported } => {
            f!(t.e_model_version, found = t.num(usize::from(*found)), supported = t.num(usize::from(*supported)))
        }
        ModelFileError::Truncated { expected, found } => {
            f!(t.e_model_truncated, expected = bytes(*expected), found = bytes(*found))
        }
        ModelFileError::Checksum { expected, found } => {
            f!(t.e_model_checksum, found = format!("{found:016x}"), expected = format!("{expected:016x}"))
        }
        ModelFileError::FeatureVersion { found, supported } => {
            f!(t.e_model_features, found = t.num(usize::from(*found)), supported = t.num(usize::from(*supported)))
        }
        // The core's detail (which structure is out of place) is English for the developer who
        // built the file; the page says what the user needs: this model file cannot be read.
        ModelFileError::Invalid(_) => t.e_model_invalid.to_string(),
    }
}

/// Why the library could not be read or written (`services::storage::StorageError`).
pub fn storage_error(t: &'static Strings, e: &StorageError) -> String {
    match e {
        StorageError::Browser(b) => f!(t.e_browser_refused, detail = detail(t, &b.0)),
        StorageError::NoDocument { key } => f!(t.e_storage_no_document, key = q(t, key)),
        StorageError::NotUtf8 { key } => f!(t.e_storage_not_utf8, key = q(t, key)),
        StorageError::Invalid { key, error } => {
            f!(t.e_storage_invalid, key = q(t, key), error = project_error(t, error))
        }
    }
}

#[cfg(test)]
mod tests;
