//! `sanad train --base`: fine-tuning with the page's update rule, and `sanad annotate --model` using
//! the result (issue 15, item 4).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use sanad_core::formats::{read_all, Format, ImportOptions};
use sanad_core::nlp::learn::{self, Learner};
use sanad_core::{Document, Origin, Project, Status};

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn builtin_ar() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/models/ar.sanad-model")).unwrap()
}

const PROBE: &str = "وقالت شركة تمكين إن أرباحها ارتفعت.";

/// Two articles in the shape `sanad annotate` writes (code point offsets).
fn jsonl() -> String {
    let mut out = String::new();
    for (id, text, spans) in [
        (
            "a1",
            "أعلنت شركة تمكين عن مشروع جديد في المدينة، وقال مديرها سنبلة إن العمل سيبدأ قريبا.",
            vec![("شركة تمكين", "ORG"), ("سنبلة", "PER")],
        ),
        ("a2", "وصل وفد من شركة تمكين إلى المدينة صباح اليوم.", vec![("شركة تمكين", "ORG")]),
    ] {
        let spans: Vec<serde_json::Value> = spans
            .iter()
            .map(|(w, l)| {
                let b = text.find(w).unwrap();
                let s = text[..b].chars().count();
                serde_json::json!({"start": s, "end": s + w.chars().count(), "label": l, "text": w})
            })
            .collect();
        out.push_str(&serde_json::json!({"id": id, "text": text, "spans": spans}).to_string());
        out.push('\n');
    }
    out
}

fn annotate(model: Option<&Path>, line: &str) -> Vec<(String, String)> {
    let mut cmd = sanad();
    cmd.arg("annotate").args(["--lang", "ar"]);
    if let Some(m) = model {
        cmd.arg("--model").arg(m);
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(line.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["text"].as_str().unwrap().to_string(), s["label"].as_str().unwrap().to_string()))
        .collect()
}

/// What the page does: a learner on the shipped model learns the documents in order.
fn page_bytes(docs: &[Document]) -> Vec<u8> {
    let base = builtin_ar();
    let (tagger, _) = learn::read_model(&base).unwrap();
    let mut l = Learner::new(&tagger);
    for d in docs {
        l.learn_document(&tagger, d).unwrap();
    }
    learn::write_model(&base, &l).unwrap()
}

/// `sanad train --lang LANG --base BASE --train INPUT --out OUT`.
fn train(lang: &str, base: impl AsRef<std::ffi::OsStr>, input: &Path, out: &Path) -> std::process::Output {
    sanad()
        .args(["train", "--lang", lang, "--base"])
        .arg(base)
        .arg("--train")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn train_base_fine_tunes_and_annotate_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("done.jsonl");
    std::fs::write(&input, jsonl()).unwrap();
    let out = dir.path().join("tuned.sanad-model");
    let o = train("ar", "builtin", &input, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("learned from 2 documents (3 spans)"), "{err}");
    // The page's update on the same documents in the same order gives the same bytes.
    let opts = ImportOptions { origin: Origin::Import, ..ImportOptions::default() };
    let docs: Vec<Document> = read_all(Format::Jsonl, "done.jsonl", jsonl().as_bytes(), &opts)
        .unwrap()
        .0
        .into_iter()
        .map(|d| d.with_status(Status::Done))
        .collect();
    assert_eq!(std::fs::read(&out).unwrap(), page_bytes(&docs));
    // The base model misses the company; the fine-tuned one suggests it.
    let line = serde_json::json!({"id": "p", "text": PROBE}).to_string();
    let want = ("شركة تمكين".to_string(), "ORG".to_string());
    assert!(!annotate(None, &line).contains(&want));
    assert!(annotate(Some(&out), &line).contains(&want), "{:?}", annotate(Some(&out), &line));
}

#[test]
fn a_project_teaches_only_its_done_documents() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ImportOptions { origin: Origin::Import, ..ImportOptions::default() };
    let docs = read_all(Format::Jsonl, "x.jsonl", jsonl().as_bytes(), &opts).unwrap().0;
    let mut p = Project::new("p");
    let done = docs[0].clone().with_status(Status::Done);
    p.add(done.clone());
    p.add(docs[1].clone().with_status(Status::InProgress));
    let input = dir.path().join("project.json");
    std::fs::write(&input, p.to_json()).unwrap();
    let out = dir.path().join("tuned.sanad-model");
    let o = train("ar", "builtin", &input, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 documents not marked done left out"), "{err}");
    let read_back = Project::from_json(&p.to_json()).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), page_bytes(&read_back.documents()[..1]));
    // Going on from the fine-tuned model with the other document equals learning both in order.
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, jsonl().lines().nth(1).unwrap()).unwrap();
    let out2 = dir.path().join("tuned2.sanad-model");
    let o = train("ar", &out, &more, &out2);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let second = read_all(Format::Jsonl, "more.jsonl", std::fs::read(&more).unwrap().as_slice(), &opts).unwrap().0;
    let both = vec![read_back.documents()[0].clone(), second[0].clone().with_status(Status::Done)];
    assert_eq!(std::fs::read(&out2).unwrap(), page_bytes(&both));
    // A base for the other language is refused with a message.
    let o = train("en", &out, &more, &dir.path().join("x.sanad-model"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the base model is for ar, not en"));
}
