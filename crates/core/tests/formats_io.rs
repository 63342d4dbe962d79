//! Format exports pinned by snapshots on a small fixture (Arabic with clitics and harakat, emoji
//! before spans, combining marks, ZWJ sequences, tabs, CRLF), and import errors with file, line
//! and column.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::formats::{
    brat, detect, export_bytes, read, read_all, Control, ExportOptions, Format, ImportFailure, ImportOptions, Preview,
};
use sanad_core::project::Project;
use sanad_core::{Document, Origin, Status};

fn fixture() -> Vec<Document> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/formats/fixture.json");
    let text = std::fs::read_to_string(path).unwrap();
    Project::from_json(&text).unwrap().into_documents()
}

fn export(format: Format, opts: ExportOptions) -> String {
    let (bytes, _) = export_bytes(format, &fixture(), &opts).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn snapshots_of_every_export() {
    let d = ExportOptions::default();
    for f in [
        Format::Jsonl,
        Format::Prodigy,
        Format::Doccano,
        Format::DoccanoRel,
        Format::LabelStudio,
        Format::Conll,
        Format::W3c,
        Format::Quotes,
    ] {
        insta::assert_snapshot!(format!("export_{}", f.name()), export(f, d));
    }
    insta::assert_snapshot!("export_jsonl_utf16", export(Format::Jsonl, ExportOptions { utf16: true, ..d }));
    insta::assert_snapshot!(
        "export_conll_split_clitics",
        export(Format::Conll, ExportOptions { split_clitics: true, ..d })
    );
    let (files, _) = brat::export(&fixture(), &d).unwrap();
    let mut all = String::new();
    for (name, content) in files {
        all.push_str(&format!("=== {name}\n{}\n", content.replace('\r', "\\r")));
    }
    insta::assert_snapshot!("export_brat", all);
}

#[test]
fn only_done_documents_unless_all() {
    let docs = fixture();
    assert!(docs.iter().any(|d| d.status() != Status::Done));
    let (_, r) = export_bytes(Format::Jsonl, &docs, &ExportOptions::default()).unwrap();
    assert_eq!((r.documents, r.not_done), (2, 1));
    let (_, r) = export_bytes(Format::Jsonl, &docs, &ExportOptions { all: true, ..Default::default() }).unwrap();
    assert_eq!((r.documents, r.not_done), (3, 0));
}

#[test]
fn utf16_offsets_count_surrogates() {
    let out = export(Format::Doccano, ExportOptions { utf16: true, ..Default::default() });
    let line: serde_json::Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
    assert_eq!(line["offset_unit"], "utf16");
    let text: Vec<u16> = line["text"].as_str().unwrap().encode_utf16().collect();
    // "😀 Lavrov": the emoji is 2 UTF-16 units, so Lavrov starts at 3 (code point 2).
    let first = &line["label"][0];
    assert_eq!(first[0], 3);
    let (s, e) = (first[0].as_u64().unwrap() as usize, first[1].as_u64().unwrap() as usize);
    assert_eq!(String::from_utf16(&text[s..e]).unwrap(), "Lavrov");
}

#[test]
fn prodigy_tokens_split_at_clitic_edges() {
    let out = export(Format::Prodigy, ExportOptions::default());
    let rec: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let toks: Vec<&str> = rec["tokens"].as_array().unwrap().iter().map(|t| t["text"].as_str().unwrap()).collect();
    let i = toks.iter().position(|t| *t == "روسيا").unwrap();
    assert_eq!(toks[i - 1], "ل");
    // Tokens rebuild the text exactly.
    let mut rebuilt = String::new();
    for t in rec["tokens"].as_array().unwrap() {
        rebuilt.push_str(t["text"].as_str().unwrap());
        if t["ws"].as_bool().unwrap() {
            rebuilt.push(' ');
        }
    }
    assert_eq!(rebuilt, rec["text"].as_str().unwrap());
}

fn problems(
    r: Result<(Vec<Document>, sanad_core::formats::ReadReport), ImportFailure>,
) -> Vec<sanad_core::import::ImportError> {
    match r {
        Err(ImportFailure::Invalid(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn malformed_jsonl_names_line_and_column_and_imports_nothing() {
    let good = export(Format::Jsonl, ExportOptions::default());
    let bad = format!("{good}{{\"text\": \"x\" \"id\": 1}}\n");
    let p = problems(read_all(Format::Jsonl, "news.jsonl", bad.as_bytes(), &ImportOptions::default()));
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].file.as_str(), p[0].line, p[0].column), ("news.jsonl", Some(3), Some(14)));
    assert!(p[0].message().contains("expected one JSON object per line"), "{}", p[0]);
    // With skip_bad the good records come in and the bad one is reported.
    let opts = ImportOptions { skip_bad: true, ..Default::default() };
    let (docs, r) = read_all(Format::Jsonl, "news.jsonl", bad.as_bytes(), &opts).unwrap();
    assert_eq!((docs.len(), r.skipped_records, r.problems.len()), (2, 1, 1));
}

#[test]
fn offsets_out_of_range_or_not_matching_text_are_listed() {
    let line = r#"{"text": "😀 Lavrov said", "tokens": [], "spans": [{"start": 2, "end": 8, "label": "PER", "text": "Lavrov"}, {"start": 1, "end": 7, "label": "PER", "text": "Lavrov"}, {"start": 9, "end": 90, "label": "ORG"}]}"#;
    let p = problems(read_all(Format::Prodigy, "p.jsonl", line.as_bytes(), &ImportOptions::default()));
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].message().contains("span 2: text at 1..7 is \" Lavro\", but the record says \"Lavrov\""), "{}", p[0]);
    assert!(p[1].message().contains("span 3: offsets 9..90 are out of range (the text has 13 code points"), "{}", p[1]);
    assert_eq!(p[1].line, Some(1));
    // UTF-16 offsets inside a surrogate pair.
    let line = r#"{"text": "😀 Lavrov", "label": [[1, 4, "PER"]], "offset_unit": "utf16"}"#;
    let p = problems(read_all(Format::Doccano, "d.jsonl", line.as_bytes(), &ImportOptions::default()));
    assert!(p[0].message().contains("split a surrogate pair"), "{}", p[0]);
}

#[test]
fn conll_errors_have_line_and_column() {
    let text = "-DOCSTART-\tO\n\nقال\tO\nلافروف\tB-PER\nروسيا\tX-LOC\nbad\n";
    let p = problems(read_all(Format::Conll, "a.conll", text.as_bytes(), &ImportOptions::default()));
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!((p[0].line, p[0].column), (Some(5), Some(7)));
    assert!(p[0].message().contains("expected O, B-LABEL or I-LABEL"));
    assert_eq!((p[1].line, p[1].column), (Some(6), Some(1)));
    let (docs, _) =
        read_all(Format::Conll, "a.conll", b"a\tB-PER\nb\tI-PER\n\nc\tO\n", &ImportOptions::default()).unwrap();
    assert_eq!(docs[0].text(), "a b\nc");
    assert_eq!((docs[0].spans()[0].start(), docs[0].spans()[0].end()), (0, 3));
}

#[test]
fn brat_errors_have_line_and_column() {
    let files = vec![
        ("d.txt".to_string(), "Lavrov said\r\nok".to_string()),
        (
            "d.ann".to_string(),
            "T1\tPER 0 6\tLavrov\nT2\tPER 0 x\tLav\nT3\tLOC 7 11\tsaix\nR1\tSpeaker Arg1:T9 Arg2:T1\n".to_string(),
        ),
        ("e.ann".to_string(), String::new()),
    ];
    let p = problems(brat::import(files, &ImportOptions::default()));
    let msgs: Vec<String> = p.iter().map(|e| e.to_string()).collect();
    assert!(msgs.iter().any(|m| m.starts_with("e.ann: no e.txt")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("d.ann, line 2, column 8: offsets \"0 x\"")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("d.ann, line 4, column 4: R1")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("line 3: T3 text at its offsets is \"said\"")), "{msgs:?}");
}

#[test]
fn label_studio_syntax_error_is_located() {
    let good = export(Format::LabelStudio, ExportOptions::default());
    let bad = good.replacen("\"data\"", "\"data\" 1", 2);
    let p = problems(read_all(Format::LabelStudio, "ls.json", bad.as_bytes(), &ImportOptions::default()));
    let last = p.last().unwrap();
    assert_eq!(last.line, Some(2));
    assert!(last.column.is_some());
    // Predictions come in as suggestions; annotations with the origin the caller chose.
    let opts = ImportOptions { origin: Origin::Editor, ..Default::default() };
    let (docs, _) = read_all(Format::LabelStudio, "ls.json", good.as_bytes(), &opts).unwrap();
    let l2 = docs[0].spans().iter().find(|s| s.label() == "LOC" && s.confidence().is_some()).unwrap();
    assert_eq!((l2.origin(), l2.confidence()), (Origin::Model, Some(0.91)));
    assert!(docs[0].spans().iter().any(|s| s.origin() == Origin::Editor));
}

#[test]
fn progress_and_cancel() {
    let good = export(Format::Jsonl, ExportOptions { all: true, ..Default::default() });
    let mut seen = Vec::new();
    let mut progress = |b: u64| seen.push(b);
    let mut ctl = Control::new(Some(&mut progress), None);
    let mut n = 0;
    read(Format::Jsonl, "x", good.as_bytes(), &ImportOptions::default(), &mut ctl, &mut |_| {
        n += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(n, 3);
    assert_eq!(seen.last().copied(), Some(good.len() as u64));
    let cancel = || true;
    let mut ctl = Control::new(None, Some(&cancel));
    let r = read(Format::Jsonl, "x", good.as_bytes(), &ImportOptions::default(), &mut ctl, &mut |_| Ok(()));
    assert_eq!(r.unwrap_err(), ImportFailure::Cancelled);
}

#[test]
fn formats_are_detected() {
    let d = ExportOptions::default();
    for f in [
        Format::Jsonl,
        Format::Prodigy,
        Format::Doccano,
        Format::DoccanoRel,
        Format::LabelStudio,
        Format::W3c,
        Format::Quotes,
    ] {
        let out = export(f, d);
        assert_eq!(detect("x.jsonl", out.as_bytes()), Some(f), "{f}");
    }
    assert_eq!(detect("x.txt", export(Format::Conll, d).as_bytes()), Some(Format::Conll));
    assert_eq!(detect("x.conll", b""), Some(Format::Conll));
    assert_eq!(detect("x.zip", b"PK"), Some(Format::Brat));
    let project =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/formats/fixture.json")).unwrap();
    assert_eq!(detect("p.json", &project), Some(Format::Sanad));
    assert_eq!(detect("x.bin", b"\x00\x01"), None);
}

#[test]
fn preview_counts() {
    let p = Preview::of(&fixture());
    assert_eq!(p.documents, 3);
    assert_eq!(p.by_status.get("done"), Some(&2));
    assert_eq!(p.spans_per_label.get("LOC"), Some(&5));
    assert_eq!((p.quotes, p.quotes_with_speaker), (4, 4));
    assert_eq!(p.speakers.get("الرئيس"), Some(&1));
    // A preview of a file with one bad line counts the good ones and lists the problem.
    let good = export(Format::Prodigy, ExportOptions::default());
    let bad = format!("{good}{{\"text\": 1}}\n");
    let p = sanad_core::formats::preview(Format::Prodigy, "p.jsonl", bad.as_bytes()).unwrap();
    assert_eq!((p.documents, p.problems.len()), (2, 1));
    assert_eq!(p.problems[0].line, Some(3));
}

/// Hostile label names cannot break a line-based format: every CoNLL line keeps two columns and
/// every brat line its fields; JSON formats carry the label exactly.
#[test]
fn labels_with_whitespace_and_markup_cannot_break_line_formats() {
    use sanad_core::{Range, Span};
    let label = "P E\tR\nX";
    let doc = Document::new("x1", "t", "en", "Lavrov met \"Blinken\"\tin\nGeneva, <b>&amp;</b>")
        .unwrap()
        .with_annotations(
            vec![
                Span::new("e1", Range::new(0, 6).unwrap(), label, Origin::Editor).unwrap(),
                Span::new("e2", Range::new(12, 19).unwrap(), "<b>", Origin::Editor).unwrap(),
            ],
            vec![],
        )
        .unwrap();
    let opts = ExportOptions { all: true, ..Default::default() };
    let (bytes, report) = export_bytes(Format::Conll, std::slice::from_ref(&doc), &opts).unwrap();
    let conll = String::from_utf8(bytes).unwrap();
    for line in conll.lines().filter(|l| !l.is_empty()) {
        assert_eq!(line.split('\t').count(), 2, "{line:?}");
    }
    assert!(conll.contains("Lavrov\tB-P_E_R_X\n"), "{conll}");
    assert!(report.notes.iter().any(|n| n.contains("P_E_R_X")), "{:?}", report.notes);
    let (bytes, _) = export_bytes(Format::Prodigy, std::slice::from_ref(&doc), &opts).unwrap();
    let line: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(line["spans"][0]["label"], label);
    assert_eq!(line["spans"][1]["label"], "<b>");
}

/// The chunk-fed reader gives exactly what the blocking reader gives, wherever the chunks cut
/// (inside lines, inside multi-byte characters, inside the BOM), bad records included.
#[test]
fn line_reader_matches_read_for_any_chunking() {
    use sanad_core::formats::LineReader;
    let all = ExportOptions { all: true, ..Default::default() };
    for f in [Format::Jsonl, Format::Prodigy, Format::Doccano, Format::DoccanoRel, Format::W3c, Format::Conll] {
        let (mut bytes, _) = export_bytes(f, &fixture(), &all).unwrap();
        bytes.splice(0..0, b"\xEF\xBB\xBF".iter().copied());
        if f != Format::Conll {
            // A bad record in the middle, and no final line break.
            bytes.extend_from_slice(
                b"{\"text\": \"x\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"PER\"}]}\n{oops",
            );
        }
        let opts = ImportOptions { skip_bad: true, ..Default::default() };
        let (want, want_report) = read_all(f, "f.jsonl", &bytes, &opts).unwrap();
        for step in [1usize, 2, 3, 7, 64, 1000, bytes.len()] {
            let mut got = Vec::new();
            let mut sink = |d: Document| {
                got.push(d);
                Ok(())
            };
            let mut r = LineReader::new(f, "f.jsonl", &opts, &mut sink).unwrap();
            for c in bytes.chunks(step) {
                r.feed(c).unwrap();
            }
            let report = r.finish().unwrap();
            assert_eq!(report, want_report, "{f} step {step}");
            assert_eq!(got, want, "{f} step {step}");
        }
        // Strict: refused whole, as `read` refuses it.
        if f != Format::Conll {
            let strict = ImportOptions::default();
            let mut sink = |_: Document| Ok(());
            let mut r = LineReader::new(f, "f.jsonl", &strict, &mut sink).unwrap();
            r.feed(&bytes).unwrap();
            let res = r.finish();
            assert!(matches!(&res, Err(ImportFailure::Invalid(p)) if !p.is_empty()), "{f}: {res:?}");
        }
    }
    let mut sink = |_: Document| Ok(());
    assert!(LineReader::new(Format::LabelStudio, "f.json", &ImportOptions::default(), &mut sink).is_err());
}

/// A stored zip written by the core lists back entry by entry with valid CRCs, and brat files read
/// from it import as from the CLI.
#[test]
fn stored_zip_of_brat_files_imports() {
    use sanad_core::formats::zip;
    let (files, _) = brat::export(&fixture(), &ExportOptions { all: true, ..Default::default() }).unwrap();
    let z = zip::write_stored(&files).unwrap();
    let all = ExportOptions { all: true, ..Default::default() };
    assert_eq!(sanad_core::formats::export_file(Format::Brat, &fixture(), &all).unwrap().0, z);
    let entries = zip::entries(&z).unwrap();
    assert_eq!(entries.len(), files.len());
    let back: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            let b = &z[e.data.clone()];
            e.check(b).unwrap();
            (e.name.clone(), String::from_utf8(b.to_vec()).unwrap())
        })
        .collect();
    assert_eq!(back, files);
    let (docs, _) = brat::import(back, &ImportOptions::default()).unwrap();
    assert_eq!(docs.len(), fixture().len());
}

/// The task scanner: strings holding brackets, quotes and escapes, nesting, whitespace and
/// multi-byte text; every structural error located at its line and column.
#[test]
fn label_studio_tasks_are_found_by_the_scanner() {
    let task = |text: &str| {
        format!(
            r#"{{"data": {{"text": {}}}, "meta": {{"x": [1, {{"y": "]"}}]}}}}"#,
            serde_json::to_string(text).unwrap()
        )
    };
    let texts = ["a ] b } c", "quote \" and \\ back", "عربي 😀 [", "{\"not\": \"json\"}"];
    let json =
        format!("\u{feff}[\n  {},\n{}\t,{} , {}\n]\n", task(texts[0]), task(texts[1]), task(texts[2]), task(texts[3]));
    let (docs, report) = read_all(Format::LabelStudio, "ls.json", json.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(docs.iter().map(|d| d.text().to_string()).collect::<Vec<_>>(), texts);
    assert_eq!(report.bytes, json.len() as u64 - 3);
    assert!(read_all(Format::LabelStudio, "e.json", b" [ ] ", &ImportOptions::default()).unwrap().0.is_empty());
    let located = |src: &str| {
        let p = problems(read_all(Format::LabelStudio, "ls.json", src.as_bytes(), &ImportOptions::default()));
        let last = p.last().unwrap().clone();
        (last.line, last.column, last.message())
    };
    let (l, c, m) = located("[\n  {\"data\": {\"text\": \"x\"}},\n]");
    assert_eq!((l, c), (Some(3), Some(1)), "{m}");
    assert!(m.starts_with("expected a task"), "{m}");
    let (l, c, m) = located("[{\"data\": {\"text\": \"x\"}} {\"data\": {}}]");
    assert_eq!((l, c), (Some(1), Some(26)), "{m}");
    assert!(m.starts_with("expected `,` or `]`"), "{m}");
    let (l, _, m) = located("[{\"data\": {\"text\": \"x\"}}");
    assert_eq!(l, Some(1));
    assert!(m.starts_with("the file ends before the array is closed"), "{m}");
    let (l, c, m) = located("{\"data\": 1}");
    assert_eq!((l, c), (Some(1), Some(1)), "{m}");
    assert!(m.starts_with("expected `[`"), "{m}");
    let (l, c, m) = located("[\n  {\"data\": {\"text\": \"é\"}, \"x\": tru}\n]");
    assert_eq!((l, c), (Some(2), Some(35)), "{m}");
    assert!(m.contains("expected a Label Studio task"), "{m}");
    // A task that is not an object is a bad record (skipped on request), not a broken file.
    let opts = ImportOptions { skip_bad: true, ..ImportOptions::default() };
    let (docs, report) =
        read_all(Format::LabelStudio, "ls.json", b"[42, {\"data\": {\"text\": \"ok\"}}]", &opts).unwrap();
    assert_eq!((docs.len(), report.skipped_records), (1, 1));
    assert!(report.problems[0].message().contains("task 1: expected an object"), "{:?}", report.problems);
}
