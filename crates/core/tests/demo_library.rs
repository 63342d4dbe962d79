//! The demo library (demo/library.json, shipped in the app) is generated from the hand-annotated
//! articles in demo/articles/*.txt. This test fails when the two disagree; run it with
//! `UPDATE_DEMO=1` to regenerate the JSON after editing an article.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use sanad_core::{markup, project::Project, QuoteKind};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn build() -> Project {
    let dir = root().join("demo/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut p = Project::new("Demo library");
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let doc = markup::parse(&src).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        p.add(doc);
    }
    p
}

#[test]
fn demo_library_matches_its_sources() {
    let json = build().to_json();
    let path = root().join("demo/library.json");
    if std::env::var_os("UPDATE_DEMO").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("demo/library.json (run with UPDATE_DEMO=1)");
    assert!(
        committed == json,
        "demo/library.json is stale: run `UPDATE_DEMO=1 cargo test -p sanad-core --test demo_library`"
    );
    // Loading then saving the shipped file gives the same bytes.
    assert_eq!(Project::from_json(&committed).unwrap().to_json(), committed);
}

#[test]
fn demo_library_has_what_the_app_promises() {
    let p = build();
    let langs: Vec<&str> = p.documents().iter().map(|d| d.lang()).collect();
    assert!(langs.iter().filter(|l| **l == "ar").count() >= 3, "{langs:?}");
    assert!(langs.iter().filter(|l| **l == "en").count() >= 3, "{langs:?}");
    for d in p.documents() {
        let ix = d.index();
        let labels: std::collections::HashSet<&str> = d.spans().iter().map(|s| s.label()).collect();
        for l in ["PER", "ORG", "LOC", "DATE"] {
            assert!(labels.contains(l), "{} has no {l}", d.id());
        }
        let kinds: std::collections::HashSet<QuoteKind> = d.quotes().iter().map(|q| q.kind()).collect();
        assert!(kinds.contains(&QuoteKind::Direct) && kinds.contains(&QuoteKind::Indirect), "{}", d.id());
        for s in d.spans() {
            let t = ix.slice(d.text(), s.start(), s.end()).unwrap();
            assert_eq!(t.trim(), t, "{}: span {:?} has outer spaces", d.id(), t);
        }
        assert!(d.quotes().iter().all(|q| q.speaker().is_some()), "{}", d.id());
    }
}
