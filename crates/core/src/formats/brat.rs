//! brat standoff: for each document a `.txt` (the text, byte for byte) and a `.ann`:
//!
//! ```text
//! T1<TAB>PER 12 18<TAB>لافروف
//! T2<TAB>Quote 25 40<TAB>...
//! R1<TAB>Speaker Arg1:T2 Arg2:T1
//! A1<TAB>Kind T2 indirect
//! #1<TAB>AnnotatorNotes T1<TAB>origin=model confidence=0.92
//! ```
//! Offsets are code points, as brat's server counts them (Python `str`). A `T` line's text field
//! cannot hold a line break or a tab, so a span containing any (`\n`, `\r`, `\t`) is written as a
//! discontinuous span whose fragments skip those characters, with the fragment texts joined by one
//! space, as brat itself writes them; reading takes the first fragment's start to the last
//! fragment's end. Types cannot contain spaces: spaces in labels become `_`. Untied speakers are
//! `Source` entities, cues `Cue` entities with `HasCue` relations. Note: brat's server opens the
//! `.txt` with universal newlines, so for CRLF texts read the file with `newline=""` (as the
//! consumer tests do) or convert line endings before exporting.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::check::{err, finish_doc, new_doc, Checker, ReadState};
use super::jsonl::{kind_name, parse_kind};
use super::options::{
    ExportError, ExportOptions, ExportReport, ImportFailure, ImportOptions, ReadReport, MAX_PROBLEMS,
};
use super::regions::{assemble, regions, Incoming, Names, RegionOf};
use super::registry::{origin_name, parse_origin};
use crate::import::{ImportError, ImportErrorKind as K, Part};
use crate::model::{Document, Status};

const BRAT: Names = Names { quote: "Quote", speaker: "Source", cue: "Cue", speaker_rel: "Speaker", cue_rel: "HasCue" };

/// A file name stem for `id`: ASCII letters, digits, `-`, `_` and `.` kept, others `_`; unique in `used`.
pub fn file_stem(id: &str, used: &mut HashSet<String>) -> String {
    let mut s: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with('.') {
        s.insert(0, '_');
    }
    let mut stem = s.clone();
    let mut n = 2;
    while !used.insert(stem.clone()) {
        stem = format!("{s}-{n}");
        n += 1;
    }
    stem
}

fn brat_type(label: &str) -> String {
    label.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect()
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

/// One document's `.txt` and `.ann` contents.
pub fn document_files(doc: &Document, notes: &mut Vec<String>) -> (String, String) {
    let text = doc.text();
    let chars: Vec<char> = text.chars().collect();
    let (regs, rels) = regions(doc, &BRAT);
    let mut ann = String::new();
    let mut t_of: Vec<Option<usize>> = vec![None; regs.len()];
    let mut t = 0;
    let mut note_n = 0;
    for (i, r) in regs.iter().enumerate() {
        let mut frags: Vec<(usize, usize)> = Vec::new();
        let mut k = r.start;
        while k < r.end {
            if is_break(chars[k]) {
                k += 1;
                continue;
            }
            let s = k;
            while k < r.end && !is_break(chars[k]) {
                k += 1;
            }
            frags.push((s, k));
        }
        if frags.is_empty() {
            notes.push(format!(
                "{}: {} {}..{} holds only line breaks or tabs; brat cannot hold it",
                doc.id(),
                r.label,
                r.start,
                r.end
            ));
            continue;
        }
        let ty = brat_type(&r.label);
        if ty != r.label {
            notes.push(format!("{}: label {:?} written as brat type {ty:?}", doc.id(), r.label));
        }
        t += 1;
        t_of[i] = Some(t);
        let _ = write!(ann, "T{t}\t{ty} ");
        for (n, (s, e)) in frags.iter().enumerate() {
            let _ = write!(ann, "{}{s} {e}", if n > 0 { ";" } else { "" });
        }
        ann.push('\t');
        for (n, &(s, e)) in frags.iter().enumerate() {
            if n > 0 {
                ann.push(' ');
            }
            ann.extend(&chars[s..e]);
        }
        ann.push('\n');
        let (origin, conf) = match r.of {
            RegionOf::Entity(s) => doc.spans().get(s).map(|s| (s.origin(), s.confidence())).unwrap_or_default(),
            RegionOf::Quote(q) => doc.quotes().get(q).map(|q| (q.origin(), q.confidence())).unwrap_or_default(),
            _ => (crate::model::Origin::Editor, None),
        };
        if let RegionOf::Quote(q) = r.of {
            if let Some(q) = doc.quotes().get(q) {
                let _ = writeln!(ann, "A{t}\tKind T{t} {}", kind_name(q.kind()));
            }
        }
        if matches!(r.of, RegionOf::Entity(_) | RegionOf::Quote(_)) {
            note_n += 1;
            let _ = write!(ann, "#{note_n}\tAnnotatorNotes T{t}\torigin={}", origin_name(origin));
            if let Some(c) = conf {
                let _ = write!(ann, " confidence={}", c);
            }
            ann.push('\n');
        }
    }
    for (n, r) in rels.iter().enumerate() {
        if let (Some(h), Some(c)) = (t_of[r.head], t_of[r.child]) {
            let _ = writeln!(ann, "R{}\t{} Arg1:T{h} Arg2:T{c}", n + 1, r.label);
        }
    }
    (text.to_string(), ann)
}

/// Adds `label` to the sorted, duplicate-free `labels`.
pub fn add_label(labels: &mut Vec<String>, label: &str) {
    if let Err(at) = labels.binary_search_by(|l| l.as_str().cmp(label)) {
        labels.insert(at, label.to_string());
    }
}

/// brat's `annotation.conf` for these entity labels (sorted, as `add_label` keeps them).
pub fn annotation_conf(labels: &[String]) -> String {
    let mut s = String::from("[entities]\n");
    for l in labels {
        s.push_str(&brat_type(l));
        s.push('\n');
    }
    s.push_str("Quote\nSource\nCue\n\n[relations]\nSpeaker\tArg1:Quote, Arg2:<ENTITY>\nHasCue\tArg1:Quote, Arg2:Cue\n");
    s.push_str("\n[events]\n\n[attributes]\nKind\tArg:Quote, Value:direct|indirect|mixed\n");
    s
}

/// Exports `docs` as `(file name, content)` pairs: `STEM.txt` and `STEM.ann` per document, then
/// `annotation.conf`. brat counts code points, so the UTF-16 variant is refused.
pub fn export(docs: &[Document], opts: &ExportOptions) -> Result<(Vec<(String, String)>, ExportReport), ExportError> {
    if opts.utf16 {
        return Err(ExportError::BratUtf16);
    }
    let mut out = Vec::new();
    let mut used = HashSet::new();
    let mut labels = Vec::new();
    let mut report = ExportReport::default();
    for d in docs {
        if !opts.all && d.status() != Status::Done {
            report.not_done += 1;
            continue;
        }
        let stem = file_stem(d.id(), &mut used);
        let (txt, ann) = document_files(d, &mut report.notes);
        out.push((format!("{stem}.txt"), txt));
        out.push((format!("{stem}.ann"), ann));
        for s in d.spans() {
            add_label(&mut labels, s.label());
        }
        report.documents += 1;
        report.spans += d.spans().len();
        report.quotes += d.quotes().len();
    }
    out.push(("annotation.conf".to_string(), annotation_conf(&labels)));
    Ok((out, report))
}

fn parse_doc(
    stem: &str,
    txt: String,
    ann: Option<(&str, &str)>,
    opts: &ImportOptions,
) -> Result<Document, Vec<ImportError>> {
    let ann_name = ann.map_or_else(|| format!("{stem}.ann"), |(n, _)| n.to_string());
    let mut c = Checker::new(&ann_name, None, &txt, false);
    let mut regs: Vec<Incoming> = Vec::new();
    let mut t_idx: HashMap<&str, usize> = HashMap::new();
    let mut rels = Vec::new();
    let mut line_errs = Vec::new();
    let mut kinds: Vec<(&str, &str, usize)> = Vec::new();
    let mut notes: Vec<(&str, &str)> = Vec::new();
    let text_chars = crate::offsets::TextIndex::new(&txt);
    for (k, line) in ann.map_or("", |(_, a)| a).lines().enumerate() {
        let ln = k + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let bad = |col: usize, k: K| err(&ann_name, Some(ln), Some(col), k);
        let mut parts = line.splitn(3, '\t');
        let (id, mid, rest) = (parts.next().unwrap_or_default(), parts.next(), parts.next());
        let Some(mid) = mid else {
            line_errs.push(bad(1, K::BratLine));
            continue;
        };
        let col2 = id.chars().count() + 2;
        match id.chars().next() {
            Some('T') => {
                let Some((ty, offs)) = mid.split_once(' ') else {
                    line_errs.push(bad(col2, K::BratTextBound));
                    continue;
                };
                let mut frags = Vec::new();
                for f in offs.split(';') {
                    let nums: Vec<Option<usize>> = f.split(' ').map(|x| x.parse().ok()).collect();
                    match nums.as_slice() {
                        [Some(s), Some(e)] if s < e => frags.push((*s, *e)),
                        _ => {
                            line_errs.push(bad(col2 + ty.chars().count() + 1, K::BratOffsets { found: f.to_string() }));
                        }
                    }
                }
                if frags.len() != offs.split(';').count() {
                    continue;
                }
                let stated = rest.unwrap_or_default();
                let mut pieces = Vec::new();
                let mut ok = true;
                for &(s, e) in &frags {
                    match text_chars.slice(&txt, s, e) {
                        Some(p) => pieces.push(p),
                        None => {
                            let len = text_chars.cp_len();
                            let kind = K::BratPastEnd { line: ln, id: id.to_string(), start: s, end: e, len };
                            c.problem(None, kind);
                            ok = false;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                if pieces.join(" ") != stated {
                    let found = pieces.join(" ");
                    c.problem(
                        None,
                        K::BratTextMismatch { line: ln, id: id.to_string(), found, stated: stated.to_string() },
                    );
                    continue;
                }
                let (Some(&(s, _)), Some(&(_, e))) = (frags.first(), frags.last()) else { continue };
                let part = Part::AnnLine { line: ln, id: Some(id.to_string()) };
                let Some(r) = c.range_num(&part, s, e, None) else { continue };
                t_idx.insert(id, regs.len());
                regs.push(Incoming {
                    range: r,
                    label: ty.to_string(),
                    id: None,
                    origin: opts.origin,
                    confidence: None,
                    author: None,
                    kind: None,
                });
            }
            Some('R') => {
                let f: Vec<&str> = mid.split(' ').collect();
                let arg = |p: &str| f.iter().find_map(|x| x.strip_prefix(p));
                match (f.first(), arg("Arg1:"), arg("Arg2:")) {
                    (Some(ty), Some(a), Some(b)) => match (t_idx.get(a), t_idx.get(b)) {
                        (Some(&h), Some(&ch)) => rels.push((h, ch, ty.to_string())),
                        _ => line_errs.push(bad(col2, K::BratArgs { id: id.to_string() })),
                    },
                    _ => line_errs.push(bad(col2, K::BratRelation)),
                }
            }
            Some('A') => {
                let f: Vec<&str> = mid.split(' ').collect();
                if let [name, target, value] = f.as_slice() {
                    if *name == "Kind" {
                        kinds.push((target, value, ln));
                    }
                } else if f.len() < 2 {
                    line_errs.push(bad(col2, K::BratAttribute));
                }
            }
            Some('#') => {
                if let (Some(target), Some(note)) = (mid.strip_prefix("AnnotatorNotes "), rest) {
                    notes.push((target, note));
                }
            }
            // Events, equivalences, normalisations: Sanad has no such annotations.
            Some('E') | Some('M') | Some('N') | Some('*') => {}
            _ => line_errs.push(bad(1, K::BratId)),
        }
    }
    for (target, value, ln) in kinds {
        match (t_idx.get(target), parse_kind(Some(&serde_json::Value::from(value)))) {
            (Some(&i), Ok(k)) => regs[i].kind = Some(k),
            (None, _) => {
                c.problem(Some(Part::AnnLine { line: ln, id: None }), K::BratKindTarget { target: target.to_string() })
            }
            (_, Err(k)) => c.problem(Some(Part::AnnLine { line: ln, id: None }), k),
        }
    }
    for (target, note) in notes {
        if let Some(&i) = t_idx.get(target) {
            for kv in note.split(' ') {
                match kv.split_once('=') {
                    Some(("origin", o)) => {
                        if let Some(o) = parse_origin(o) {
                            regs[i].origin = o;
                        }
                    }
                    Some(("confidence", x)) => {
                        // serde_json's float parser (already in every build) rather than a second one.
                        regs[i].confidence = serde_json::from_str::<f64>(x).ok().filter(|v| (0.0..=1.0).contains(v))
                    }
                    _ => {}
                }
            }
        }
    }
    let (spans, quotes) = assemble(regs, &rels, &BRAT, &mut c);
    let mut problems = line_errs;
    problems.append(&mut c.problems);
    drop(c);
    let doc = new_doc(stem.to_string(), None, None, txt).map(|d| d.with_status(opts.status));
    finish_doc(&ann_name, None, problems, doc, spans, quotes)
}

/// Reads brat files given as `(name, content)` pairs (from a zip or a directory; names may have
/// folders). `.txt` files are documents, their `.ann` beside them; `annotation.conf` and other
/// files are ignored. Documents come in the order their `.txt` files are given. An `.ann` without
/// its `.txt` is a problem.
pub fn import(
    files: Vec<(String, String)>,
    opts: &ImportOptions,
) -> Result<(Vec<Document>, ReadReport), ImportFailure> {
    // Documents in the order of the files given; `.ann` files found by stem.
    let mut txts: Vec<(String, String)> = Vec::new();
    let mut anns: HashMap<String, (String, String)> = HashMap::new();
    let mut ann_order = Vec::new();
    for (name, content) in files {
        if let Some(stem) = name.strip_suffix(".txt") {
            txts.push((stem.to_string(), content));
        } else if let Some(stem) = name.strip_suffix(".ann") {
            ann_order.push(stem.to_string());
            anns.insert(stem.to_string(), (name.clone(), content));
        }
    }
    let mut docs = Vec::new();
    let mut sink = |d: Document| {
        docs.push(d);
        Ok(())
    };
    let mut st = ReadState::new("brat", opts, &mut sink);
    let have: HashSet<&str> = txts.iter().map(|(s, _)| s.as_str()).collect();
    for (stem, (name, _)) in ann_order.iter().filter_map(|s| anns.get_key_value(s)) {
        if !have.contains(stem.as_str()) && st.report.problems.len() < MAX_PROBLEMS {
            st.report.problems.push(err(name, None, None, K::BratNoText { stem: stem.clone() }));
            st.failed |= !opts.skip_bad;
        }
    }
    for (path, txt) in txts {
        st.report.bytes += txt.len() as u64;
        let stem = path.rsplit('/').next().unwrap_or(&path).to_string();
        let ann = anns.get(&path).map(|(n, a)| (n.as_str(), a.as_str()));
        if txt.is_empty() {
            continue;
        }
        let rec = parse_doc(&stem, txt, ann, opts);
        st.accept(None, rec)?;
    }
    let report = st.finish()?;
    Ok((docs, report))
}
