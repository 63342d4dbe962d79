//! Every problem is data: its kind, with the values of the message as fields, and where it is
//! (file, line, column, part of the record). Each case reads a bad input and compares the whole
//! problem (so the location is checked, not only the kind) and its English text (what the CLI
//! prints; the page words the same kind in the interface's language).

#![allow(clippy::unwrap_used, clippy::panic)]

use sanad_core::formats::{self, brat, zip, Control, Format, ImportFailure, ImportOptions};
use sanad_core::import::{self, ArrayProblem, ImportError, ImportErrorKind as K, Part, Unit, ZipError, ZipErrorKind};
use sanad_core::project::{Project, ProjectError};
use sanad_core::ModelError;

fn at(file: &str, line: Option<usize>, column: Option<usize>, kind: K) -> ImportError {
    ImportError::new(file, kind).at(line, column)
}

/// Every problem of reading `input` as `format` (bad records skipped and listed, or the failure's list).
fn problems(format: Format, input: &str) -> Vec<ImportError> {
    problems_of(format, input.as_bytes())
}

fn problems_of(format: Format, input: &[u8]) -> Vec<ImportError> {
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    match formats::read_all(format, "in.jsonl", input, &opts) {
        Ok((_, report)) => report.problems,
        Err(ImportFailure::Invalid(p)) => p,
        Err(other) => panic!("expected problems, got {other:?}"),
    }
}

/// Checks the problem and its English text.
#[track_caller]
fn check(got: &ImportError, want: &ImportError, text: &str) {
    assert_eq!(got, want);
    assert_eq!(got.to_string(), text);
}

#[test]
fn record_problems_carry_line_part_and_values() {
    let input = "{\"text\": \"abc\"}\n\
                 {\"text\": \"abc\", \"id\": \"d2\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"X\"}, \
                 {\"start\": 0, \"end\": 2, \"text\": \"zz\", \"label\": \"X\"}, {\"start\": 0, \"end\": 1, \"label\": \"X\", \"confidence\": 3}], \
                 \"quotes\": [{\"start\": 0, \"end\": 1, \"cue\": {\"start\": 1, \"end\": 1}}, {\"start\": 0, \"end\": 1, \"kind\": \"odd\"}]}\n";
    let p = problems(Format::Jsonl, input);
    assert_eq!(p.len(), 5, "{p:?}");
    let line2 = |kind, part| at("in.jsonl", Some(2), None, kind).within(part);
    check(
        &p[0],
        &line2(K::OffsetsOutOfRange { start: 0, end: 9, len: 3, unit: Unit::CodePoints }, Part::Span { n: 1 }),
        "in.jsonl, line 2: span 1: offsets 0..9 are out of range (the text has 3 code points; start must be less than end)",
    );
    check(
        &p[1],
        &line2(K::TextMismatch { start: 0, end: 2, found: "ab".into(), stated: "zz".into() }, Part::Span { n: 2 }),
        "in.jsonl, line 2: span 2: text at 0..2 is \"ab\", but the record says \"zz\"",
    );
    check(
        &p[2],
        &line2(K::BadConfidence { found: "3".into() }, Part::Span { n: 3 }),
        "in.jsonl, line 2: span 3: confidence 3 is not a number between 0 and 1",
    );
    check(
        &p[3],
        &line2(
            K::OffsetsOutOfRange { start: 1, end: 1, len: 3, unit: Unit::CodePoints },
            Part::Quote { n: 1, field: Some("cue") },
        ),
        "in.jsonl, line 2: quote 1 cue: offsets 1..1 are out of range (the text has 3 code points; start must be less than end)",
    );
    check(
        &p[4],
        &line2(K::BadQuoteKind { found: "odd".into() }, Part::Quote { n: 2, field: None }),
        "in.jsonl, line 2: quote 2: quote kind \"odd\": expected \"direct\", \"indirect\" or \"mixed\"",
    );
    assert_eq!(p[4].kind(), &K::BadQuoteKind { found: "odd".into() });
    assert_eq!(p[4].message(), "quote 2: quote kind \"odd\": expected \"direct\", \"indirect\" or \"mixed\"");
}

#[test]
fn line_problems_carry_line_and_column() {
    let p = problems_of(Format::Jsonl, b"{\"text\": \"a\"}\n{\"text\": }\nok\xff\n[1]\n{\"text\": \"a\"}\n");
    assert_eq!(p.len(), 4, "{p:?}");
    check(
        &p[0],
        &at("in.jsonl", Some(2), Some(10), K::JsonLine { parser_message: "expected value".into() }),
        "in.jsonl, line 2, column 10: expected value; expected one JSON object per line",
    );
    check(
        &p[1],
        &at("in.jsonl", Some(3), Some(3), K::NotUtf8Line),
        "in.jsonl, line 3, column 3: not UTF-8 text; expected a UTF-8 JSON object",
    );
    check(
        &p[2],
        &at("in.jsonl", Some(4), Some(1), K::ExpectedJsonObject),
        "in.jsonl, line 4, column 1: expected a JSON object",
    );
    let id = sanad_core::import::content_id("a");
    check(
        &p[3],
        &at("in.jsonl", Some(5), None, K::DuplicateId { id: id.clone() }),
        &format!("in.jsonl, line 5: document id {id:?} is used twice"),
    );
    // A record cut short is reported on its own line, at its end (CRLF or LF, in a file read whole
    // or in chunks), not at column 0 of the next line.
    let cut = "{\"text\": \"a\"}\r\n{\"text\": \"ab\"\r\n";
    let want = at("in.jsonl", Some(2), Some(13), K::JsonLine { parser_message: "EOF while parsing an object".into() });
    assert_eq!(problems(Format::Jsonl, cut), vec![want.clone()]);
    let mut docs = Vec::new();
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    let mut sink = |d| {
        docs.push(d);
        Ok(())
    };
    let mut reader = formats::LineReader::new(Format::Jsonl, "in.jsonl", &opts, &mut sink).unwrap();
    for chunk in cut.as_bytes().chunks(5) {
        reader.feed(chunk).unwrap();
    }
    assert_eq!(reader.finish().unwrap().problems, vec![want]);
    let p = problems(Format::Jsonl, "{\"text\": \"abc\", \"offset_unit\": 7}\n{\"text\": \"abc\", \"id\": [1]}\n{\"text\": \"abc\", \"status\": \"z\"}\n");
    assert_eq!(
        p,
        vec![
            at("in.jsonl", Some(1), None, K::BadOffsetUnit { found: "7".into() }),
            at("in.jsonl", Some(2), None, K::BadId { found: "[1]".into() }),
            at("in.jsonl", Some(3), None, K::StatusNotOneOf { found: "z".into() }),
        ]
    );
    let p = problems(
        Format::Jsonl,
        "{\"text\":\"\u{1F600}a\",\"offset_unit\":\"utf16\",\"spans\":[{\"start\":1,\"end\":3,\"label\":\"X\"}]}\n",
    );
    assert_eq!(
        p,
        vec![at("in.jsonl", Some(1), None, K::SplitSurrogatePair { start: 1, end: 3 }).within(Part::Span { n: 1 })]
    );
}

#[test]
fn span_and_relation_problems_name_their_part() {
    let prodigy = r#"{"text": "abc def", "tokens": [1], "spans": [{"start": 0, "end": 3, "label": "QUOTE"}, {"start": 4, "end": 7, "label": "PER"}], "relations": [{"head_span": {"start": 0, "end": 3, "label": "QUOTE"}, "child_span": {"start": 4, "end": 7, "label": "ORG"}, "label": "SPEAKER"}, {"head_span": {"start": 4, "end": 7, "label": "PER"}, "child_span": {"start": 0, "end": 3, "label": "QUOTE"}, "label": "SPEAKER"}]}"#;
    let p = problems(Format::Prodigy, prodigy);
    let line1 = |kind| at("in.jsonl", Some(1), None, kind);
    assert_eq!(
        p,
        vec![
            line1(K::ExpectedObject).within(Part::Token { n: 0 }),
            line1(K::NotASpan { key: "child_span", start: 4, end: 7, label: "ORG".into() })
                .within(Part::Relation { n: 1, field: None }),
            line1(K::RelationNotFromQuote { label: "SPEAKER".into(), found: "PER".into(), expected: "QUOTE" }),
        ]
    );
    assert_eq!(p[1].to_string(), "in.jsonl, line 1: relation 1: child_span 4..7 \"ORG\" is not one of the spans");
    assert_eq!(p[0].to_string(), "in.jsonl, line 1: token 0: expected an object");

    let doccano = r#"{"text": "abc", "entities": [{"id": 1, "label": "X", "start_offset": 0, "end_offset": 1}], "relations": [{"from_id": 1, "to_id": 9}]}"#;
    let p = problems(Format::DoccanoRel, doccano);
    assert_eq!(p, vec![line1(K::RelationEndsNotEntities).within(Part::Relation { n: 1, field: None })]);
    let p = problems(Format::Doccano, r#"{"text": "abc", "label": [[0, 1, "X"], [0, 1]]}"#);
    assert_eq!(p, vec![line1(K::ExpectedLabelTriple).within(Part::Label { n: 2 })]);
    assert_eq!(p[0].to_string(), "in.jsonl, line 1: label 2: expected [start, end, \"LABEL\"]");

    let w3c = r#"{"sanad:document": {"text": "abc"}, "items": [{"body": {"value": "X"}, "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 1}}}, {"body": {"value": "X"}}, {"body": {"value": "QUOTE"}, "sanad:quote": {"cue": {"start": 0, "end": 9}}, "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 1}}}]}"#;
    let p = problems(Format::W3c, w3c);
    assert_eq!(
        p,
        vec![
            line1(K::W3cNoPosition).within(Part::Annotation { n: 2, field: None }),
            line1(K::OffsetsOutOfRange { start: 0, end: 9, len: 3, unit: Unit::CodePoints })
                .within(Part::Annotation { n: 3, field: Some("cue") }),
        ]
    );
    let p = problems(Format::Prodigy, r#"{"text": "abc", "spans": [{"start": 0, "end": 3, "label": ""}]}"#);
    assert_eq!(p, vec![line1(K::Model(ModelError::EmptyLabel)).within(Part::SpanAt { start: 0, end: 3 })]);
    assert_eq!(p[0].to_string(), "in.jsonl, line 1: span 0..3: label is empty");
}

#[test]
fn label_studio_problems_name_task_and_result() {
    let ls = "[{\"data\": {\"text\": \"abc\"}, \"predictions\": [{\"result\": [{\"value\": {\"labels\": [\"X\"], \"start\": 0, \"end\": 1}, \"score\": 7}]}]},\n\
              {\"data\": 5}]";
    let p = problems(Format::LabelStudio, ls);
    assert_eq!(
        p,
        vec![
            at("in.jsonl", Some(1), None, K::BadScore).within(Part::TaskResult {
                task: 1,
                list: "predictions",
                annotation: 0,
                result: 1
            }),
            at("in.jsonl", Some(2), None, K::NotAnObject { key: "data" }).within(Part::Task { n: 2 }),
        ]
    );
    assert_eq!(p[0].to_string(), "in.jsonl, line 1: task 1 predictions[0] result 1: score is not between 0 and 1");
    assert_eq!(p[1].to_string(), "in.jsonl, line 2: task 2: \"data\" must be an object");

    let cases: [(&[u8], ImportError, &str); 5] = [
        (
            b"[{\"data\": {\"text\": \"a\"}} x",
            at("in.jsonl", Some(1), Some(26), K::TaskArray { problem: ArrayProblem::ExpectedCommaOrEnd }),
            "in.jsonl, line 1, column 26: expected `,` or `]`; expected a JSON array of Label Studio tasks",
        ),
        (
            b"\n  [1,",
            at("in.jsonl", Some(2), Some(6), K::TaskArray { problem: ArrayProblem::Unclosed }),
            "in.jsonl, line 2, column 6: the file ends before the array is closed; expected a JSON array of Label Studio tasks",
        ),
        (
            b"[{\"data\": {\"text\": }}]",
            at("in.jsonl", Some(1), Some(20), K::JsonTask { parser_message: "expected value".into() }),
            "in.jsonl, line 1, column 20: expected value; expected a Label Studio task",
        ),
        (
            b"[{\"data\": {\"text\": \"\xff\"}}]",
            at("in.jsonl", Some(1), None, K::NotUtf8Task { offset: 19 }).within(Part::Task { n: 1 }),
            "in.jsonl, line 1: task 1: not UTF-8 text (byte 19)",
        ),
        (
            b"[1]",
            at("in.jsonl", Some(1), Some(2), K::ExpectedObject).within(Part::Task { n: 1 }),
            "in.jsonl, line 1, column 2: task 1: expected an object",
        ),
    ];
    for (input, want, text) in cases {
        let p = problems_of(Format::LabelStudio, input);
        check(p.last().unwrap(), &want, text);
    }
}

#[test]
fn conll_and_brat_problems_carry_line_and_column() {
    let p = problems(Format::Conll, "a\tB-X\nonlyone\nb\tQ-X\n");
    assert_eq!(
        p,
        vec![
            at("in.jsonl", Some(2), Some(1), K::ConllLine { found: "onlyone".into() }),
            at("in.jsonl", Some(3), Some(3), K::ConllTag { tag: "Q-X".into() }),
        ]
    );
    let files = vec![
        ("d.txt".to_string(), "Lavrov said".to_string()),
        (
            "d.ann".to_string(),
            "T1\tPER 0 x\tLav\nT2\tPER 0 99\tq\nA1\tKind T9 direct\nT3\tPER 7 11\tsaix\n".to_string(),
        ),
        ("e.ann".to_string(), String::new()),
    ];
    let p = match brat::import(files, &ImportOptions::default()) {
        Err(ImportFailure::Invalid(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        p,
        vec![
            ImportError::new("e.ann", K::BratNoText { stem: "e".into() }),
            at("d.ann", Some(1), Some(8), K::BratOffsets { found: "0 x".into() }),
            ImportError::new("d.ann", K::BratPastEnd { line: 2, id: "T2".into(), start: 0, end: 99, len: 11 }),
            ImportError::new(
                "d.ann",
                K::BratTextMismatch { line: 4, id: "T3".into(), found: "said".into(), stated: "saix".into() }
            ),
            ImportError::new("d.ann", K::BratKindTarget { target: "T9".into() })
                .within(Part::AnnLine { line: 3, id: None }),
        ]
    );
    assert_eq!(p[1].to_string(), "d.ann, line 1, column 8: offsets \"0 x\": expected `START END` with START < END");
    assert_eq!(p[2].to_string(), "d.ann: line 2: T2 offsets 0..99 are past the end of the text (11 code points)");
    assert_eq!(p[4].to_string(), "d.ann: line 3: Kind names T9, which is not defined");
}

#[test]
fn simple_import_problems_carry_their_place() {
    let e = import::import_bytes("latin1.txt", b"ok line\ncaf\xE9 au lait").unwrap_err();
    check(
        &e,
        &at("latin1.txt", Some(2), Some(4), K::NotUtf8File { byte: 0xE9, offset: 11 }),
        "latin1.txt, line 2, column 4: not UTF-8 text (byte 0xE9 at byte offset 11); save the file as UTF-8 and try again",
    );
    let e = import::import_bytes("a.json", br#"[{"text": "one"}, {"text": " "}]"#).unwrap_err();
    check(
        &e,
        &ImportError::new("a.json", K::EmptyTextField).within(Part::Item { n: 2 }),
        "a.json: item 2: \"text\" is empty",
    );
    let e = import::import_bytes("x.jsonl", b"{\"text\": \"a\"}\n{\"title\": \"no text\"}\n").unwrap_err();
    check(
        &e,
        &at("x.jsonl", Some(2), Some(20), K::JsonItem { parser_message: "missing field `text`".into() }),
        "x.jsonl, line 2, column 20: expected an object with a \"text\" string: missing field `text`",
    );
    let e = import::check_size("big.jsonl", 200 * 1024 * 1024).unwrap_err();
    assert_eq!(e, ImportError::new("big.jsonl", K::TooLarge { megabytes: 200, limit_megabytes: 64 }));
    let e = import::import_bytes("a.pdf", b"%PDF").unwrap_err();
    assert_eq!(e, ImportError::new("a.pdf", K::UnsupportedExtension { extension: "pdf".into() }));
    let v = import::validate("v.jsonl", b"{\"text\": \"a\", \"id\": \"d\"}\n\n{\"text\": \"b\", \"id\": \"d\"}\n");
    assert_eq!(v.problems, vec![at("v.jsonl", Some(3), None, K::DuplicateId { id: "d".into() })]);
}

#[test]
fn project_problems_are_kinds() {
    let e = import::import_bytes("p.json", br#"{"format": "doccano", "version": 1}"#).unwrap_err();
    let kind = K::Project(ProjectError::WrongFormat { found: "\"doccano\"".into() });
    check(
        &e,
        &ImportError::new("p.json", kind),
        "p.json: not a Sanad project: \"format\" is \"doccano\", expected \"sanad-project\"",
    );
    let e = Project::from_json(r#"{"format": "sanad-project"}"#).unwrap_err();
    assert_eq!(e, ProjectError::NoVersion);
    let e = Project::from_json("{\"format\": \"sanad-project\",\n \"version\": }").unwrap_err();
    assert_eq!(e, ProjectError::Json { line: 2, column: 13, parser_message: "expected value".into() });
    let e = import::import_bytes("p.json", b"{\"format\": \"sanad-project\",\n \"version\": }").unwrap_err();
    assert_eq!(e, at("p.json", Some(2), Some(13), K::Json { parser_message: "expected value".into() }));
}

#[test]
fn read_failures_are_kinds_too() {
    let mut refuse = |_d| Err("the disk is full".to_string());
    let r = formats::read(
        Format::Jsonl,
        "s.jsonl",
        &b"{\"text\": \"a\"}\n"[..],
        &ImportOptions::default(),
        &mut Control::default(),
        &mut refuse,
    );
    let Err(ImportFailure::Io(e)) = r else { panic!("{r:?}") };
    assert_eq!(e, ImportError::new("s.jsonl", K::Sink { message: "the disk is full".into() }));
    assert_eq!(e.to_string(), "s.jsonl: the disk is full");
    let r = formats::read_all(Format::Quotes, "q.jsonl", b"", &ImportOptions::default());
    assert_eq!(r.err(), Some(ImportFailure::Io(ImportError::new("q.jsonl", K::NotStreamFormat { format: "quotes" }))));
}

#[test]
fn zip_problems_say_what_and_at_which_byte() {
    let z = zip::write_stored(&[("a.txt", b"hello" as &[u8])]).unwrap();
    assert_eq!(zip::entries(b"not a zip"), Err(ZipError { at: 0, kind: ZipErrorKind::NotZip }));
    let cd = z.len() - 22 - (46 + 5);
    let mut bad = z.clone();
    bad[cd + 10] = 12;
    let e = zip::entries(&bad).unwrap_err();
    assert_eq!(e, ZipError { at: cd + 10, kind: ZipErrorKind::Method { method: 12 } });
    assert_eq!(
        e.to_string(),
        format!("byte {}: compression method 12 is not supported (only stored and deflate)", cd + 10)
    );
    let mut bad = z.clone();
    bad[cd + 8] |= 1;
    assert_eq!(zip::entries(&bad), Err(ZipError { at: cd, kind: ZipErrorKind::Encrypted { name: "a.txt".into() } }));
    let mut bad = z.clone();
    bad[0] = 0;
    assert_eq!(
        zip::entries(&bad),
        Err(ZipError { at: 0, kind: ZipErrorKind::ExpectedLocalHeader { name: "a.txt".into() } })
    );
    let entry = &zip::entries(&z).unwrap()[0];
    let e = entry.check(b"hellO").unwrap_err();
    assert_eq!(e, ZipError { at: entry.data.start, kind: ZipErrorKind::Damaged { name: "a.txt".into() } });
    assert_eq!(e.kind.to_string(), "a.txt: the data is damaged (length or CRC-32 does not match)");
}
