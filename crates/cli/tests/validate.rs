use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

#[test]
fn validate_accepts_the_demo_library() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/library.json");
    let out = sanad().args(["validate", demo]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("valid (6 documents"), "{stdout}");
}

#[test]
fn validate_reports_bad_lines_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.jsonl");
    std::fs::write(&f, "{\"text\": \"fine\"}\n{\"text\": 5}\n").unwrap();
    let out = sanad().args(["validate", f.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl, line 2"), "{stderr}");
    let f = dir.path().join("newer.json");
    std::fs::write(&f, r#"{"format":"sanad-project","version":3,"offset_unit":"codepoint","documents":[]}"#).unwrap();
    let out = sanad().args(["validate", f.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 3"));
}
