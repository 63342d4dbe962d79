//! Project JSON v1: the saved form is stable to the byte, keeps unknown meta keys, and matches
//! the JSON Schema shipped in static/.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::project::Project;
use sanad_core::{markup, Origin, Quote, QuoteKind, Range, Span};
use serde_json::{json, Value};

fn fixture() -> Project {
    let src = "title: اختبار 😀\nid: fx-1\nlang: ar\nsource: fixture\n\n\
👩\u{200d}💻 [[CUE#c1:وقال]] [[PER#p1:مُحَمَّد]] إن {{indirect speaker=p1 cue=c1:[[LOC:لروسيا]] دورا}}.\r\n\
Cafe\u{301} «{{direct speaker=p1:نعم [[ORG:Société Générale]]}}»";
    let doc = markup::parse(src).unwrap();
    let mut spans = doc.spans().to_vec();
    spans.push(
        Span::new("m1", Range::new(0, 3).unwrap(), "MISC", Origin::Model)
            .unwrap()
            .with_author(Some("sanad-tagger 0.1".into()))
            .with_confidence(Some(0.73))
            .unwrap(),
    );
    let mut quotes = doc.quotes().to_vec();
    quotes.push(Quote::new("q9", Range::new(5, 9).unwrap(), QuoteKind::Mixed, Origin::Import).unwrap());
    let mut meta = doc.meta().clone();
    meta.insert("zz_unknown".into(), json!({"kept": [1, "two", null]}));
    let doc = doc.with_meta(meta).with_annotations(spans, quotes).unwrap();
    let mut p = Project::new("Fixture");
    p.meta.insert("from_a_future_tool".into(), json!(true));
    p.add(doc);
    p
}

#[test]
fn saved_form_snapshot_and_byte_stability() {
    let json = fixture().to_json();
    insta::assert_snapshot!("fixture_project", json);
    let reloaded = Project::from_json(&json).unwrap();
    assert_eq!(reloaded.to_json(), json);
    assert_eq!(reloaded.documents()[0].meta()["zz_unknown"], json!({"kept": [1, "two", null]}));
}

fn schema() -> (boon::Schemas, boon::SchemaIndex) {
    let text = include_str!("../../../static/sanad-project-v1.schema.json");
    let value: Value = serde_json::from_str(text).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("urn:sanad:schema:project:1", value).unwrap();
    let idx = compiler.compile("urn:sanad:schema:project:1", &mut schemas).unwrap();
    (schemas, idx)
}

#[test]
fn the_schema_accepts_what_we_write_and_refuses_other_versions() {
    let (schemas, idx) = schema();
    let demo: Value = serde_json::from_str(include_str!("../../../demo/library.json")).unwrap();
    schemas.validate(&demo, idx).unwrap();
    let fx: Value = serde_json::from_str(&fixture().to_json()).unwrap();
    schemas.validate(&fx, idx).unwrap();
    let mut newer = fx.clone();
    newer["version"] = json!(2);
    assert!(schemas.validate(&newer, idx).is_err());
    let mut utf16 = fx;
    utf16["offset_unit"] = json!("utf16");
    assert!(schemas.validate(&utf16, idx).is_err());
}

// ---- version 2: annotators' layers and curation ----

use sanad_core::edit::{apply, Command};
use sanad_core::{AnnotatorDef, AnnotatorLayer, Decision, Document, Strategy, What};

const EN: &str = "Lavrov met Blinken in Geneva.";

fn layer(name: &str, label: &str) -> AnnotatorLayer {
    let spans = vec![
        Span::new("s1", Range::new(0, 6).unwrap(), "PER", Origin::Import).unwrap().with_author(Some(name.into())),
        Span::new("s2", Range::new(11, 18).unwrap(), label, Origin::Import).unwrap(),
    ];
    let q = Quote::new("q1", Range::new(22, 28).unwrap(), QuoteKind::Indirect, Origin::Import)
        .unwrap()
        .with_speaker(Some(sanad_core::Speaker::new(Range::new(0, 6).unwrap(), Some("s1".into()))), None);
    AnnotatorLayer::new(name, spans, vec![q]).unwrap().with_source(Some(format!("{name}.jsonl")))
}

/// A project of version 2: two annotators' layers, the gold pre-merged, one position settled.
fn layered() -> Project {
    let doc =
        Document::new("en1", "Geneva", "en", EN).unwrap().with_layers(vec![layer("alice", "PER"), layer("bob", "ORG")]);
    let mut doc = doc.unwrap();
    apply(&mut doc, Command::BeginCuration { strategy: Strategy::Agree, author: "gold".into() }, None).unwrap();
    let settle = Command::Resolve { what: What::Span, start: 11, end: 18, decision: Decision::Accepted("bob".into()) };
    apply(&mut doc, settle, None).unwrap();
    let mut p = Project::new("Layers");
    p.annotators = AnnotatorDef::complete(&[], ["alice", "bob"]);
    p.add(doc);
    p
}

fn schema_v2() -> (boon::Schemas, boon::SchemaIndex) {
    let text = include_str!("../../../static/sanad-project-v2.schema.json");
    let value: Value = serde_json::from_str(text).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("urn:sanad:schema:project:2", value).unwrap();
    let idx = compiler.compile("urn:sanad:schema:project:2", &mut schemas).unwrap();
    (schemas, idx)
}

#[test]
fn layers_and_curation_are_saved_as_version_2_and_read_back() {
    let json = layered().to_json();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], json!(2));
    assert_eq!(v["annotators"], json!([{"name": "alice", "color": "#4477AA"}, {"name": "bob", "color": "#EE6677"}]));
    let d = &v["documents"][0];
    // The gold apart from the layers: Lavrov pre-merged, Blinken taken from Bob.
    let gold: Vec<(u64, &str)> = d["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["start"].as_u64().unwrap(), s["label"].as_str().unwrap()))
        .collect();
    assert_eq!(gold, [(0, "PER"), (11, "ORG")]);
    assert_eq!(d["layers"][1]["annotator"], json!("bob"));
    assert_eq!(d["layers"][1]["source"], json!("bob.jsonl"));
    assert_eq!(d["layers"][0]["spans"][1]["label"], json!("PER"));
    assert_eq!(
        d["curation"],
        json!({"strategy": "agree", "author": "gold",
               "resolved": [{"what": "span", "start": 11, "end": 18, "decision": "accepted", "annotator": "bob"}]})
    );
    let back = Project::from_json(&json).unwrap();
    assert_eq!(back.to_json(), json, "byte-stable");
    assert_eq!(back, layered());
    // The v2 schema accepts it; the v1 schema refuses it (its version is 1 only).
    let (schemas, idx) = schema_v2();
    schemas.validate(&v, idx).unwrap();
    let (v1, idx1) = schema();
    assert!(v1.validate(&v, idx1).is_err());
}

#[test]
fn version_1_files_still_load_and_stay_version_1_without_layers() {
    let v1 = fixture().to_json();
    assert!(v1.contains("\"version\": 1,") && !v1.contains("annotators"));
    let p = Project::from_json(&v1).unwrap();
    assert!(!p.uses_layers());
    assert_eq!(p.to_json(), v1);
    // The v2 schema takes version 1 files too (and the demo library).
    let (schemas, idx) = schema_v2();
    schemas.validate(&serde_json::from_str::<Value>(&v1).unwrap(), idx).unwrap();
    let demo: Value = serde_json::from_str(include_str!("../../../demo/library.json")).unwrap();
    schemas.validate(&demo, idx).unwrap();
}

#[test]
fn the_v2_schema_and_the_reader_refuse_bad_layers_and_records() {
    let good: Value = serde_json::from_str(&layered().to_json()).unwrap();
    let (schemas, idx) = schema_v2();
    let mut no_annotator = good.clone();
    no_annotator["documents"][0]["curation"]["resolved"][0].as_object_mut().unwrap().remove("annotator");
    assert!(schemas.validate(&no_annotator, idx).is_err());
    let e = Project::from_json(&no_annotator.to_string()).unwrap_err().to_string();
    assert!(e.contains("is not a decision"), "{e}");
    // A layer's span past the text, a speaker naming another layer's span, two layers of one
    // annotator: refused with where and what.
    let mut past = good.clone();
    past["documents"][0]["layers"][0]["spans"][0]["end"] = json!(99);
    let e = Project::from_json(&past.to_string()).unwrap_err().to_string();
    assert!(e.contains("layer of \"alice\"") && e.contains("past the end of the text"), "{e}");
    let mut speaker = good.clone();
    speaker["documents"][0]["layers"][0]["quotes"][0]["speaker"]["span"] = json!("e1");
    let e = Project::from_json(&speaker.to_string()).unwrap_err().to_string();
    assert!(e.contains("speaker entity \"e1\""), "{e}");
    let mut twice = good;
    let first = twice["documents"][0]["layers"][0].clone();
    twice["documents"][0]["layers"][1] = first;
    let e = Project::from_json(&twice.to_string()).unwrap_err().to_string();
    assert!(e.contains("two layers of annotator \"alice\""), "{e}");
}
