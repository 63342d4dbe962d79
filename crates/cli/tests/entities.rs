//! End-to-end tests of `sanad train`, `sanad eval` and `sanad annotate`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn run_with_stdin(mut cmd: Command, input: &str) -> std::process::Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A child that refuses its input (a bad model) may exit before reading it: a broken pipe here
    // is expected, and its exit status and stderr are what the tests check.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn annotate_streams_in_order_and_reports_bad_lines() {
    let mut input = String::new();
    input.push_str("{\"id\":\"a\",\"text\":\"قال وزير الخارجية سيرغي لافروف في موسكو\",\"k\":1}\n");
    input.push_str("{broken\n");
    for i in 0..40 {
        input.push_str(&format!("{{\"id\":\"n{i}\",\"text\":\"Angela Merkel visited Paris in June.\"}}\n"));
    }
    let mut cmd = sanad();
    cmd.args(["annotate", "--batch", "7"]);
    let out = run_with_stdin(cmd, &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2:"), "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 41);
    assert_eq!(lines[0]["k"], 1);
    assert!(lines[0]["spans"].as_array().unwrap().iter().any(|s| s["label"] == "PER"));
    for (i, l) in lines[1..].iter().enumerate() {
        assert_eq!(l["id"], format!("n{i}"));
        assert!(l["spans"].as_array().unwrap().iter().any(|s| s["text"] == "Paris" && s["label"] == "LOC"));
    }
}

/// Two Arabic training sentences (people and places), as CoNLL text.
const TINY_CONLL: &str = "قال\tO\nلافروف\tB-PER\nفي\tO\nموسكو\tB-LOC\n\nزار\tO\nبوتين\tB-PER\nكازاخستان\tB-LOC\n\n";

/// Writes [`TINY_CONLL`] into `dir` and returns its path.
fn tiny_training_file(dir: &std::path::Path) -> std::path::PathBuf {
    let data = dir.join("tiny.conll");
    std::fs::write(&data, TINY_CONLL).unwrap();
    data
}

#[test]
fn train_eval_and_annotate_with_a_model_dir() {
    let dir = tempfile::tempdir().unwrap();
    let (conll, data) = (TINY_CONLL, tiny_training_file(dir.path()));
    let model = dir.path().join("ar.sanad-model");
    let out = sanad()
        .args(["train", "--lang", "ar", "--train"])
        .arg(&data)
        .arg("--dev")
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .args(["--epochs", "3", "--seed", "5", "--bits", "12"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("epoch  3"), "{stdout}");
    assert!(stdout.contains("best epoch"));

    let mut cmd = sanad();
    cmd.arg("annotate").arg("--conll").arg("--model").arg(dir.path());
    let pred = run_with_stdin(cmd, conll);
    assert!(pred.status.success());
    let pred_path = dir.path().join("pred.conll");
    std::fs::write(&pred_path, &pred.stdout).unwrap();
    let ev = sanad().arg("eval").arg("--gold").arg(&data).arg("--pred").arg(&pred_path).output().unwrap();
    let text = String::from_utf8_lossy(&ev.stdout);
    assert!(text.contains("micro") && text.contains("lenient"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("micro") && l.contains("1.0000")), "{text}");

    // A damaged model is refused with a clear message.
    let mut bytes = std::fs::read(&model).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&model, bytes).unwrap();
    let mut cmd = sanad();
    cmd.arg("annotate").arg("--model").arg(dir.path());
    let bad = run_with_stdin(cmd, "نص\n");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("corrupt"));
}

#[test]
fn train_with_name_lists_and_word_frequencies() {
    let dir = tempfile::tempdir().unwrap();
    let data = tiny_training_file(dir.path());
    let names = dir.path().join("names.tsv");
    std::fs::write(&names, "PER\tar\tسيرغي لافروف\nORG\tar\tبنفيكا\nPER\ten\tSergei Lavrov\n").unwrap();
    let freq = dir.path().join("freq.tsv");
    std::fs::write(&freq, "في\t147\nقال\t240\n").unwrap();
    let train = |extra: &[&std::path::Path], out: &std::path::Path| {
        let mut cmd = sanad();
        cmd.args(["train", "--lang", "ar", "--train"]).arg(&data).arg("--dev").arg(&data).arg("--out").arg(out);
        cmd.args(["--epochs", "2", "--bits", "12"]);
        for (k, p) in extra.iter().enumerate() {
            cmd.arg(if k == 0 { "--gazetteer" } else { "--word-freq" }).arg(p);
        }
        cmd.output().unwrap()
    };
    let model = dir.path().join("ar.sanad-model");
    let out = train(&[&names, &freq], &model);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("names.tsv: 2 entries for ar"), "{err}");
    assert!(err.contains("freq.tsv: 2 words"), "{err}");
    // The lists travel in the model: it is bigger than one trained without them.
    let plain = dir.path().join("plain.sanad-model");
    assert!(train(&[], &plain).status.success());
    assert!(std::fs::metadata(&model).unwrap().len() > std::fs::metadata(&plain).unwrap().len());

    // A bad line is reported with its file and line, before any training.
    std::fs::write(&names, "PER\tar\tسمير\nPERSON\tar\tسمير\n").unwrap();
    let out = train(&[&names], &model);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("names.tsv: line 2: unknown type \"PERSON\""), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("epoch"), "no training on a bad list");
    // So is an output folder that does not exist.
    let out = train(&[], &dir.path().join("missing").join("ar.sanad-model"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn a_reader_that_goes_away_stops_the_output_quietly() {
    // `sanad eval … | head -1`: the pipe closes before eval prints; no panic, the status of a
    // broken pipe.
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.conll");
    std::fs::write(&gold, "قال\tO\nلافروف\tB-PER\n\n".repeat(20_000)).unwrap();
    let mut child = sanad()
        .arg("eval")
        .arg("--gold")
        .arg(&gold)
        .arg("--pred")
        .arg(&gold)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}

#[test]
fn eval_reads_jsonl_with_lenient_clitics() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(
        &gold,
        "{\"id\":\"1\",\"text\":\"زار لروسيا\",\"spans\":[{\"start\":4,\"end\":10,\"label\":\"LOC\"}]}\n",
    )
    .unwrap();
    std::fs::write(
        &pred,
        "{\"id\":\"1\",\"text\":\"زار لروسيا\",\"spans\":[{\"start\":5,\"end\":10,\"label\":\"LOC\"}]}\n",
    )
    .unwrap();
    let ev = sanad().arg("eval").arg("--gold").arg(&gold).arg("--pred").arg(&pred).output().unwrap();
    let text = String::from_utf8_lossy(&ev.stdout);
    let micro: Vec<&str> = text.lines().filter(|l| l.starts_with("micro")).collect();
    assert_eq!(micro.len(), 2);
    assert!(micro[0].contains("0.0000"), "{text}");
    assert!(micro[1].contains("1.0000"), "{text}");
}
