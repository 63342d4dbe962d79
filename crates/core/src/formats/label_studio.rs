//! Label Studio tasks: a JSON array, one task per line.
//!
//! ```json
//! [{"data": {"text", "id", "title", "lang", "status", "meta"}, "offset_unit": "codepoint",
//!   "annotations": [{"result": [...]}], "predictions": [{"model_version": "sanad", "score", "result": [...]}]}]
//! ```
//! Editor and imported annotations go to `annotations`, model suggestions to `predictions` (with
//! `score`). A region is `{"id", "from_name": "label", "to_name": "text", "type": "labels",
//! "value": {"start", "end", "text", "labels": [L]}}`; quotes are `QUOTE` regions (with an extra
//! `kind` key), speakers and cues relations `{"type": "relation", "from_id", "to_id", "direction":
//! "right", "labels": ["SPEAKER"]}`. A speaker entity in the other list (an editor's quote of a
//! model's entity) is written as a `SPEAKER` region beside the quote, since Label Studio relations stay
//! within one result list.

use std::collections::HashMap;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::check::{err, finish_doc, id_of, new_doc, parser_message, record_utf16, str_of, Checker, ReadState};
use super::json::{self, write_doc_head, Escaped, Units};
use super::jsonl::{kind_name, parse_kind};
use super::options::{Control, ExportOptions, ImportFailure, ImportOptions};
use super::regions::{assemble, regions, Incoming, Region, RegionOf, NAMES};
use super::registry::parse_status;
use crate::import::{ArrayProblem, ImportError, ImportErrorKind as K, Part};
use crate::model::{Document, Origin};

/// Writes one task: `data` (the text and the document), then `annotations` (the editor's results) and
/// `predictions` (the model's), each left out when empty.
pub(crate) fn record(doc: &Document, opts: &ExportOptions, out: &mut Vec<u8>) {
    let text = doc.text();
    let u = Units::new(text, opts.utf16);
    let (mut regs, rels) = regions(doc, &NAMES);
    let origin_of = |r: &Region| -> Origin {
        match r.of {
            RegionOf::Entity(i) => doc.spans().get(i).map(|s| s.origin()).unwrap_or_default(),
            RegionOf::Quote(q) | RegionOf::Speaker(q) | RegionOf::Cue(q) => {
                doc.quotes().get(q).map(|x| x.origin()).unwrap_or_default()
            }
        }
    };
    let is_pred = |r: &Region| origin_of(r) == Origin::Model;
    // Relations stay in one list: a speaker entity in the other list is copied as a SPEAKER region.
    let mut rels_fixed = Vec::with_capacity(rels.len());
    for r in rels {
        let (h, c) = (&regs[r.head], &regs[r.child]);
        if is_pred(h) != is_pred(c) {
            let (label, of) = match (c.of, h.of) {
                (RegionOf::Entity(_), RegionOf::Quote(q)) => (NAMES.speaker.to_string(), RegionOf::Speaker(q)),
                (RegionOf::Cue(_), RegionOf::Quote(q)) => (c.label.clone(), RegionOf::Cue(q)),
                (RegionOf::Speaker(_), RegionOf::Quote(q)) => (c.label.clone(), RegionOf::Speaker(q)),
                (other, _) => (c.label.clone(), other),
            };
            let copy = Region { start: c.start, end: c.end, label, of };
            regs.push(copy);
            rels_fixed.push((r.head, regs.len() - 1, r.label));
        } else {
            rels_fixed.push((r.head, r.child, r.label));
        }
    }
    let esc = Escaped::new(text, u.index());
    // The manual results and the predicted ones, each a list of JSON objects written as they come.
    let mut lists: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut scores: Vec<f64> = Vec::new();
    for (i, r) in regs.iter().enumerate() {
        let pred = is_pred(r);
        let score = match r.of {
            RegionOf::Entity(i) => doc.spans().get(i).and_then(|s| s.confidence()),
            RegionOf::Quote(q) => doc.quotes().get(q).and_then(|x| x.confidence()),
            _ => None,
        };
        if let (true, Some(c)) = (pred, score) {
            scores.push(c);
        }
        let o = &mut lists[usize::from(pred)];
        o.extend_from_slice(if o.is_empty() { b"{\"id\":\"r" } else { b",{\"id\":\"r" });
        json::num(o, i + 1);
        o.extend_from_slice(b"\",\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"origin\":");
        o.extend_from_slice(if pred { b"\"prediction\"" } else { b"\"manual\"" });
        o.extend_from_slice(b",\"value\":{\"start\":");
        json::num(o, u.out(r.start));
        o.extend_from_slice(b",\"end\":");
        json::num(o, u.out(r.end));
        o.extend_from_slice(b",\"text\":");
        esc.slice(o, r.start, r.end);
        o.extend_from_slice(b",\"labels\":[");
        json::str(o, &r.label);
        o.extend_from_slice(b"]}");
        if let Some(c) = score {
            o.extend_from_slice(b",\"score\":");
            json::float(o, c);
        }
        if let RegionOf::Quote(q) = r.of {
            if let Some(q) = doc.quotes().get(q) {
                o.extend_from_slice(b",\"kind\":");
                json::str(o, kind_name(q.kind()));
            }
        }
        o.push(b'}');
    }
    for (h, c, label) in rels_fixed {
        let o = &mut lists[usize::from(is_pred(&regs[h]))];
        o.extend_from_slice(if o.is_empty() { b"{" } else { b",{" });
        o.extend_from_slice(b"\"type\":\"relation\",\"from_id\":\"r");
        json::num(o, h + 1);
        o.extend_from_slice(b"\",\"to_id\":\"r");
        json::num(o, c + 1);
        o.extend_from_slice(b"\",\"direction\":\"right\",\"labels\":[");
        json::str(o, label);
        o.extend_from_slice(b"]}");
    }
    let [manual, predicted] = lists;
    out.extend_from_slice(b"{\"data\":{\"text\":");
    esc.all(out);
    out.push(b',');
    write_doc_head(out, doc);
    out.extend_from_slice(b",\"meta\":");
    json::map(out, doc.meta());
    out.extend_from_slice(b"},\"offset_unit\":");
    json::str(out, opts.unit());
    if !manual.is_empty() {
        out.extend_from_slice(b",\"annotations\":[{\"result\":[");
        out.extend_from_slice(&manual);
        out.extend_from_slice(b"],\"was_cancelled\":false,\"ground_truth\":false}]");
    }
    if !predicted.is_empty() {
        out.extend_from_slice(b",\"predictions\":[{\"model_version\":\"sanad\"");
        if !scores.is_empty() {
            out.extend_from_slice(b",\"score\":");
            json::float(out, scores.iter().sum::<f64>() / scores.len() as f64);
        }
        out.extend_from_slice(b",\"result\":[");
        out.extend_from_slice(&predicted);
        out.extend_from_slice(b"]}]");
    }
    out.push(b'}');
}

pub(crate) fn parse(
    file: &str,
    line: usize,
    n: usize,
    task: Map<String, Value>,
    opts: &ImportOptions,
) -> Result<Document, Vec<ImportError>> {
    let one = |k: K| vec![err(file, Some(line), None, k).within(Part::Task { n })];
    let data = match task.get("data") {
        Some(Value::Object(d)) => d,
        Some(_) => return Err(one(K::NotAnObject { key: "data" })),
        None => &task,
    };
    let text = match data.get("text") {
        Some(Value::String(t)) if !t.is_empty() => t.clone(),
        _ => return Err(one(K::ExpectedText { key: "\"data.text\"" })),
    };
    let utf16 = record_utf16(&task).map_err(one)?;
    let id = id_of(data.get("id").or_else(|| task.get("id")), &text).map_err(one)?;
    let status = match str_of(data, "status") {
        None => opts.status,
        Some(s) => parse_status(s).ok_or_else(|| one(K::UnknownStatus { found: s.to_string() }))?,
    };
    let meta = match data.get("meta") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let title = str_of(data, "title").map(str::to_string);
    let lang = str_of(data, "lang").map(str::to_string);
    let mut c = Checker::new(file, Some(line), &text, utf16);
    let mut regs = Vec::new();
    let mut rels = Vec::new();
    let empty = Vec::new();
    for (key, origin) in [("annotations", opts.origin), ("predictions", Origin::Model)] {
        for (ai, a) in task.get(key).and_then(Value::as_array).unwrap_or(&empty).iter().enumerate() {
            let mut by_id: HashMap<&str, usize> = HashMap::new();
            let results = a.get("result").and_then(Value::as_array).unwrap_or(&empty);
            for (ri, r) in results.iter().enumerate() {
                let what = Part::TaskResult { task: n, list: key, annotation: ai, result: ri + 1 };
                // Span regions only: relations are read below; choices, text areas and other controls
                // of a Label Studio project have no place in a Sanad document.
                if !matches!(r.get("type").and_then(Value::as_str), None | Some("labels")) {
                    continue;
                }
                let Some(v) = r.get("value").and_then(Value::as_object) else {
                    c.problem(Some(what), K::ExpectedValue);
                    continue;
                };
                let labels = v.get("labels").and_then(Value::as_array);
                let Some(label) = labels.and_then(|l| l.first()).and_then(Value::as_str) else {
                    c.problem(Some(what), K::ExpectedValueLabels);
                    continue;
                };
                let kind = match parse_kind(r.get("kind")) {
                    Ok(k) => k,
                    Err(k) => {
                        c.problem(Some(what), k);
                        continue;
                    }
                };
                let score = r.get("score").and_then(Value::as_f64);
                if score.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
                    c.problem(Some(what), K::BadScore);
                    continue;
                }
                if let Some(range) = c.range(&what, v.get("start"), v.get("end"), str_of(v, "text")) {
                    if let Some(id) = r.get("id").and_then(Value::as_str) {
                        by_id.insert(id, regs.len());
                    }
                    regs.push(Incoming {
                        range,
                        label: label.to_string(),
                        id: None,
                        origin,
                        confidence: score,
                        author: None,
                        kind: (label == NAMES.quote).then_some(kind),
                    });
                }
            }
            for (ri, r) in results.iter().enumerate() {
                if r.get("type").and_then(Value::as_str) != Some("relation") {
                    continue;
                }
                let get = |k: &str| r.get(k).and_then(Value::as_str).and_then(|id| by_id.get(id)).copied();
                let label = r
                    .get("labels")
                    .and_then(Value::as_array)
                    .and_then(|l| l.first())
                    .and_then(Value::as_str)
                    .unwrap_or(NAMES.speaker_rel);
                match (get("from_id"), get("to_id")) {
                    (Some(h), Some(ch)) => rels.push((h, ch, label.to_string())),
                    _ => c.problem(
                        Some(Part::TaskResult { task: n, list: key, annotation: ai, result: ri + 1 }),
                        K::RelationEndsNotResults,
                    ),
                }
            }
        }
    }
    let (spans, quotes) = assemble(regs, &rels, &NAMES, &mut c);
    let problems = std::mem::take(&mut c.problems);
    drop(c);
    let doc = new_doc(id, title, lang, text).map(|d| d.with_meta(meta).with_status(status));
    finish_doc(file, Some(line), problems, doc, spans, quotes)
}

/// Where the scanner of the task array is.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// Before the opening `[`.
    Before,
    /// After `[`: a task or `]`.
    First,
    /// After `,`: a task.
    Next,
    /// Inside a task: container depth, inside a string, after a backslash.
    Task { depth: u32, string: bool, escape: bool },
    /// A number, `true`, `false` or `null` as a task (refused when parsed).
    Scalar,
    /// After a task: `,` or `]`.
    After,
    /// After the closing `]`.
    Done,
}

/// Reads a JSON array of Label Studio tasks, one task at a time: a small scanner finds where each
/// task starts and ends (strings, escapes and nesting), and the task alone is parsed. Memory holds
/// one task; problems carry the line and column where the task starts; progress is reported and
/// cancelling is checked between tasks. (Parsing each task from a `&str` also keeps the page on the
/// one JSON reader it already has.)
pub(crate) fn read<R: BufRead>(
    mut reader: R,
    ctl: &mut Control<'_>,
    st: &mut ReadState<'_>,
) -> Result<(), ImportFailure> {
    let file = st.file.to_string();
    let io = |e: std::io::Error| ImportFailure::Io(err(&file, None, None, K::Read { system_message: e.to_string() }));
    if reader.fill_buf().map_err(io)?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    let fatal = |st: &mut ReadState<'_>, p: ImportError| {
        let mut problems = std::mem::take(&mut st.report.problems);
        problems.push(p);
        ImportFailure::Invalid(problems)
    };
    let (mut at, mut line, mut col, mut bytes) = (At::Before, 1usize, 0usize, 0u64);
    let (mut start, mut n, mut task) = ((1usize, 1usize), 0usize, Vec::new());
    loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        for &b in buf {
            bytes += 1;
            if b & 0xC0 != 0x80 {
                col += 1;
            }
            let mut end = false;
            at = match at {
                At::Task { depth, string: true, escape } => {
                    let string = escape || b != b'"';
                    end = !string && depth == 0;
                    At::Task { depth, string, escape: !escape && b == b'\\' }
                }
                At::Task { depth, .. } => match b {
                    b'"' => At::Task { depth, string: true, escape: false },
                    b'{' | b'[' => At::Task { depth: depth + 1, string: false, escape: false },
                    b'}' | b']' => {
                        end = depth == 1;
                        At::Task { depth: depth.saturating_sub(1), string: false, escape: false }
                    }
                    _ => at,
                },
                At::Scalar if !matches!(b, b',' | b']' | b' ' | b'\t' | b'\r' | b'\n') => At::Scalar,
                _ if matches!(b, b' ' | b'\t' | b'\r' | b'\n') && at != At::Scalar => at,
                At::Before if b == b'[' => At::First,
                At::First if b == b']' => At::Done,
                At::First | At::Next => {
                    start = (line, col);
                    n += 1;
                    match b {
                        b'{' | b'[' => At::Task { depth: 1, string: false, escape: false },
                        b'"' => At::Task { depth: 0, string: true, escape: false },
                        b',' | b']' | b':' | b'}' => {
                            let problem = if at == At::First {
                                ArrayProblem::ExpectedTaskOrEnd
                            } else {
                                ArrayProblem::ExpectedTask
                            };
                            let p = err(st.file, Some(line), Some(col), K::TaskArray { problem });
                            return Err(fatal(st, p));
                        }
                        _ => At::Scalar,
                    }
                }
                At::Scalar | At::After if b == b',' || b == b']' => {
                    if at == At::Scalar {
                        task_done(&mut task, start, n, bytes - 1, ctl, st)?;
                    }
                    if b == b',' {
                        At::Next
                    } else {
                        At::Done
                    }
                }
                At::Scalar => {
                    task_done(&mut task, start, n, bytes - 1, ctl, st)?;
                    At::After
                }
                _ => {
                    let problem = match at {
                        At::Before => ArrayProblem::ExpectedOpen,
                        At::After => ArrayProblem::ExpectedCommaOrEnd,
                        _ => ArrayProblem::ExpectedEndOfFile,
                    };
                    let p = err(st.file, Some(line), Some(col), K::TaskArray { problem });
                    return Err(fatal(st, p));
                }
            };
            if matches!(at, At::Task { .. } | At::Scalar) {
                task.push(b);
            }
            if end {
                task_done(&mut task, start, n, bytes, ctl, st)?;
                at = At::After;
            }
            if b == b'\n' {
                line += 1;
                col = 0;
            }
        }
        reader.consume(len);
    }
    if at == At::Scalar {
        task_done(&mut task, start, n, bytes, ctl, st)?;
        at = At::After;
    }
    if at != At::Done {
        let problem = if at == At::Before { ArrayProblem::NoArray } else { ArrayProblem::Unclosed };
        let p = err(st.file, Some(line), Some(col + 1), K::TaskArray { problem });
        return Err(fatal(st, p));
    }
    st.report.bytes = bytes;
    Ok(())
}

/// Parses the task in `task` (the `n`th, starting at `start` = (line, column)) and hands it on.
fn task_done(
    task: &mut Vec<u8>,
    start: (usize, usize),
    n: usize,
    bytes: u64,
    ctl: &mut Control<'_>,
    st: &mut ReadState<'_>,
) -> Result<(), ImportFailure> {
    let (line, col) = start;
    st.report.bytes = bytes;
    ctl.tick(bytes);
    if ctl.cancelled() {
        return Err(ImportFailure::Cancelled);
    }
    let rec = match std::str::from_utf8(task) {
        Err(e) => Err(vec![
            err(st.file, Some(line), None, K::NotUtf8Task { offset: e.valid_up_to() }).within(Part::Task { n })
        ]),
        Ok(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(o)) => parse(st.file, line, n, o, &st.opts),
            Ok(_) => Err(vec![err(st.file, Some(line), Some(col), K::ExpectedObject).within(Part::Task { n })]),
            Err(e) => {
                // A task that is not valid JSON cannot be skipped: the rest cannot be trusted.
                // serde_json counts columns in bytes; ours are characters.
                let line_start = text.split_inclusive('\n').take(e.line() - 1).map(str::len).sum::<usize>();
                let rest = &text[line_start..];
                let upto = (0..=e.column().min(rest.len())).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(0);
                let chars = rest[..upto].chars().count();
                let column = if e.line() == 1 { col + chars.saturating_sub(1) } else { chars };
                let kind = K::JsonTask { parser_message: parser_message(&e) };
                let p = err(st.file, Some(line + e.line() - 1), Some(column), kind);
                let mut problems = std::mem::take(&mut st.report.problems);
                problems.push(p);
                return Err(ImportFailure::Invalid(problems));
            }
        },
    };
    task.clear();
    st.accept(Some(line), rec)
}
