//! `sanad agree` and `sanad merge` as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sanad_core::project::Project;

fn sanad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sanad")).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn fixture(name: &str) -> String {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/agreement"))
        .join(name)
        .display()
        .to_string()
}

const TEXT: &str = "Lavrov met Blinken in Geneva on Monday.";

/// Two annotators of one sentence in the JSONL `sanad annotate` writes: alice with authors, the
/// other without (named after the file).
fn two_files(dir: &Path) -> (String, String) {
    let rec = |spans: &[(usize, usize, &str)], author: Option<&str>| {
        let spans: Vec<serde_json::Value> = spans
            .iter()
            .map(|&(s, e, l)| {
                let mut v = serde_json::json!({"start": s, "end": e, "label": l});
                if let Some(a) = author {
                    v["author"] = a.into();
                }
                v
            })
            .collect();
        serde_json::json!({"id": "d1", "text": TEXT, "spans": spans}).to_string() + "\n"
    };
    let a = dir.join("a.jsonl");
    let b = dir.join("second-reader.jsonl");
    std::fs::write(&a, rec(&[(0, 6, "PER"), (11, 18, "PER"), (22, 28, "LOC"), (32, 38, "DATE")], Some("alice")))
        .unwrap();
    std::fs::write(&b, rec(&[(0, 6, "PER"), (11, 18, "ORG"), (22, 31, "LOC")], None)).unwrap();
    (a.display().to_string(), b.display().to_string())
}

#[test]
fn agree_prints_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_files(dir.path());
    let out = sanad(&["agree", &a, &b]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with("2 annotators, 1 documents (1 annotated by all)\n"), "{stdout}");
    // The annotator of the file without authors is named after the file.
    assert!(stdout.contains("  second-reader  "), "{stdout}");
    // Exact F1 = 2·1/(4 + 3) = 0.286; Cohen's kappa = 21/45 = 0.467 (po 5/8, pe 19/64).
    assert!(stdout.contains("alice          -      0.286"), "{stdout}");
    assert!(stdout.contains("alice          -      0.467"), "{stdout}");
    let pair_row = stdout.lines().find(|l| l.starts_with("alice / second-reader")).unwrap();
    let cells: Vec<&str> = pair_row.split_whitespace().collect();
    // pair (3 words), docs, tokens, P, R, F1, overlap F1, kappa, po, pe.
    assert_eq!(&cells[3..12], ["1", "8", "0.333", "0.250", "0.286", "0.571", "0.467", "0.625", "0.297"], "{pair_row}");
    // ORG: only the second reader marks it; DATE only alice: per-label rows show it.
    assert!(stdout.contains("ORG    0/1"), "{stdout}");
    assert!(stdout.contains("DATE   1/0"), "{stdout}");
}

#[test]
fn agree_json_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_files(dir.path());
    let items = dir.path().join("items.json");
    let out = sanad(&["agree", "--json", "--items", items.to_str().unwrap(), &a, &b]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["format"], "sanad-agreement");
    assert_eq!(r["offset_unit"], "codepoint");
    assert_eq!(r["files"][1]["annotator"], "second-reader");
    let o = &r["pairs"][0]["overall"];
    assert_eq!(o["exact"]["f1"].as_f64(), Some(2.0 / 7.0));
    assert_eq!(o["cohen"]["kappa"].as_f64(), Some(21.0 / 45.0));
    // A measure that cannot be computed says why: ORG has no reference span.
    let org = r["pairs"][0]["labels"].as_array().unwrap().iter().find(|l| l["label"] == "ORG").unwrap();
    assert_eq!(org["exact"]["recall"], serde_json::json!({"undefined": "nothing_marked"}));
    let items: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&items).unwrap()).unwrap();
    assert_eq!(items["items"].as_array().map(Vec::len), Some(8));
    assert_eq!(items["items"][5]["tags"], serde_json::json!(["O", "I-LOC"]));
}

#[test]
fn agree_reads_any_format_and_reports_the_matching() {
    let out = sanad(&["agree", &fixture("alice.jsonl"), &fixture("bob.json"), &fixture("carol.jsonl")]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with("3 annotators, 5 documents (3 annotated by all)\n"), "{stdout}");
    for name in ["  alice ", "  bob ", "  carol "] {
        assert!(stdout.contains(name), "{name}: {stdout}");
    }
    assert!(
        stdout.contains("document \"ar2\" has other ids in some files (alice: ar2, bob: ar2, carol: carol-ar2)"),
        "{stdout}"
    );
    assert!(stdout.contains("document id \"en2\" names different texts"), "{stdout}");
    // The document only carol has cannot be scored; the reason is printed.
    assert!(stdout.contains("n/a: fewer than two annotators"), "{stdout}");
    // Ranked by disagreement: en1 first (Blinken's label, Geneva's start, Monday, the ministry).
    let first = stdout.lines().skip_while(|l| !l.starts_with("Documents")).nth(2).unwrap();
    assert!(first.starts_with("1  en1       4"), "{first}");
}

#[test]
fn agree_refuses_bad_input_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = two_files(dir.path());
    let out = sanad(&["agree", &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("at least two files"));
    let missing = dir.path().join("nope.jsonl");
    let out = sanad(&["agree", &a, missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("nope.jsonl"), "{}", text(&out.stderr));
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"X\"}]}\n").unwrap();
    let out = sanad(&["agree", &a, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bad.jsonl, line 1"), "{}", text(&out.stderr));
}

#[test]
fn merge_writes_the_gold_layer_and_the_disagreements() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("gold.json");
    let files = [fixture("alice.jsonl"), fixture("bob.json"), fixture("carol.jsonl")];
    let mut args = vec!["merge", "--strategy", "majority", "--author", "curator", "--out", out_path.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let out = sanad(&args);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("5 documents from 3 annotators (majority)"), "{stderr}");
    assert!(!dir.path().join("gold.json.partial").exists());
    let p = Project::from_json(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(p.meta["sanad_merge"]["strategy"], "majority");
    assert_eq!(p.meta["sanad_merge"]["annotators"][2]["annotator"], "carol");
    let en1 = p.document("en1").unwrap();
    // Blinken: alice PER, bob ORG, carol PER: the majority's PER is gold, and the position is listed.
    let spans: Vec<(usize, usize, &str, Option<&str>)> =
        en1.spans().iter().map(|s| (s.start(), s.end(), s.label(), s.author())).collect();
    assert!(spans.contains(&(11, 18, "PER", Some("curator"))), "{spans:?}");
    let dis = en1.meta()["sanad_merge"]["disagreements"].as_array().unwrap();
    let blinken = dis.iter().find(|d| d["start"] == 11).unwrap();
    assert_eq!(
        blinken["votes"][1],
        serde_json::json!({"annotator": "bob", "said": [{"start": 11, "end": 18, "label": "ORG"}]})
    );
    // The agree strategy keeps only what all three marked alike.
    let strict = dir.path().join("strict.json");
    let mut args = vec!["merge", "--strategy", "agree", "--out", strict.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    assert!(sanad(&args).status.success());
    let p = Project::from_json(&std::fs::read_to_string(&strict).unwrap()).unwrap();
    let en1 = p.document("en1").unwrap();
    let labels: Vec<(usize, &str)> = en1.spans().iter().map(|s| (s.start(), s.label())).collect();
    assert_eq!(labels, [(0, "PER")]);
    assert_eq!(en1.spans()[0].author(), Some("gold"));
}
