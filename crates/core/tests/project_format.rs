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
