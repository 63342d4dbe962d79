//! CoNLL-2003 style IOB2: `token<TAB>tag` per line, a blank line after each sentence, and
//! `-DOCSTART-<TAB>O` followed by a blank line before each document.
//!
//! Export: entity spans only (quotes have no place); overlapping spans keep the earliest and
//! longest, the others are reported. Tokens are cut at span edges; with `split_clitics`, Arabic
//! proclitics become tokens of their own (never on the first token of a span: the span's edge, drawn
//! by the annotator or the tagger, already puts a clitic such as ل in ل+روسيا outside, so the tag
//! goes to the stem). Import rebuilds the text by joining tokens with spaces and sentences with line
//! breaks; ids are `conll-N`.

use super::check::{err, finish_doc, new_doc, ReadState};
use super::options::{ExportOptions, ImportFailure};
use super::tokens::words;
use crate::import::{ImportError, ImportErrorKind as K};
use crate::model::{Document, Range, Span};
use crate::offsets::utf8_len;

/// A label as a CoNLL tag suffix: whitespace (which separates columns and lines) becomes `_`.
fn tag_label(label: &str) -> String {
    label.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect()
}

pub(crate) fn record(doc: &Document, opts: &ExportOptions, notes: &mut Vec<String>, out: &mut Vec<u8>) {
    let text = doc.text();
    let chars: Vec<char> = text.chars().collect();
    // Byte offset of the code point `at_cp`, moved forward token by token (tokens come in order).
    let (mut at_cp, mut at_byte) = (0, 0);
    let mut kept: Vec<&Span> = Vec::new();
    // A document's spans are in canonical order (start, longer first): see `model`.
    for s in doc.spans() {
        if kept.last().is_some_and(|k| s.start() < k.end()) {
            notes.push(format!(
                "{}: span {} ({}) overlaps another span; CoNLL cannot hold it",
                doc.id(),
                s.id(),
                s.label()
            ));
        } else {
            kept.push(s);
        }
    }
    let edges: Vec<usize> = kept.iter().flat_map(|s| [s.start(), s.end()]).collect();
    let together: Vec<(usize, usize)> = kept.iter().map(|s| (s.start(), s.end())).collect();
    let (toks, sents) = words(&chars, &edges, opts.split_clitics, &together);
    let tags: Vec<String> = kept.iter().map(|s| tag_label(s.label())).collect();
    out.extend_from_slice(b"-DOCSTART-\tO\n\n");
    let mut k = 0; // next kept span
    let mut used = vec![false; kept.len()];
    for sent in sents {
        for t in &toks[sent] {
            while k < kept.len() && kept[k].end() <= t.start {
                k += 1;
            }
            if t.start < at_cp {
                (at_cp, at_byte) = (0, 0);
            }
            let start = at_byte + utf8_len(&chars[at_cp..t.start]);
            let end = start + utf8_len(&chars[t.start..t.end]);
            out.extend_from_slice(text.as_bytes().get(start..end).unwrap_or_default());
            (at_cp, at_byte) = (t.end, end);
            out.push(b'\t');
            match kept.get(k) {
                Some(s) if s.start() <= t.start && t.end <= s.end() => {
                    out.extend_from_slice(if used[k] { b"I-" } else { b"B-" });
                    if !used[k] && s.label().contains(char::is_whitespace) {
                        notes.push(format!(
                            "{}: label {:?} written as {:?} (CoNLL columns are split at whitespace)",
                            doc.id(),
                            s.label(),
                            tags[k]
                        ));
                    }
                    used[k] = true;
                    out.extend_from_slice(tags[k].as_bytes());
                }
                _ => out.push(b'O'),
            }
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    for (s, u) in kept.iter().zip(&used) {
        if !u {
            notes.push(format!(
                "{}: span {} ({}) covers no word token; CoNLL cannot hold it",
                doc.id(),
                s.id(),
                s.label()
            ));
        }
    }
}

#[derive(Default)]
struct Pending {
    first_line: Option<usize>,
    sentences: Vec<Vec<(String, String)>>,
    problems: Vec<ImportError>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.sentences.iter().all(Vec::is_empty) && self.problems.is_empty()
    }
}

fn build(st: &mut ReadState<'_>, p: Pending, n: usize) -> Result<(), ImportFailure> {
    let line = p.first_line;
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut problems = p.problems;
    let mut cp = 0usize;
    let mut open: Option<(usize, usize, String)> = None; // start, end, label
    let close = |open: &mut Option<(usize, usize, String)>, spans: &mut Vec<Span>, problems: &mut Vec<ImportError>| {
        if let Some((s, e, l)) = open.take() {
            match Range::new(s, e).and_then(|r| Span::new(format!("s{}", spans.len() + 1), r, l, st.opts.origin)) {
                Ok(sp) => spans.push(sp),
                Err(e) => problems.push(err(st.file, line, None, K::Model(e))),
            }
        }
    };
    for (si, sent) in p.sentences.iter().filter(|s| !s.is_empty()).enumerate() {
        if si > 0 {
            close(&mut open, &mut spans, &mut problems);
            text.push('\n');
            cp += 1;
        }
        for (ti, (tok, tag)) in sent.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
                cp += 1;
            }
            let len = tok.chars().count();
            let (start, end) = (cp, cp + len);
            text.push_str(tok);
            cp = end;
            if tag == "O" {
                close(&mut open, &mut spans, &mut problems);
            } else if let Some(label) = tag.strip_prefix("I-") {
                match &mut open {
                    Some((_, e, l)) if l == label => *e = end,
                    _ => {
                        // IOB1-style I- after O or another label: a new span, as seqeval reads it.
                        close(&mut open, &mut spans, &mut problems);
                        open = Some((start, end, label.to_string()));
                    }
                }
            } else if let Some(label) = tag.strip_prefix("B-") {
                close(&mut open, &mut spans, &mut problems);
                open = Some((start, end, label.to_string()));
            }
        }
    }
    close(&mut open, &mut spans, &mut problems);
    if text.is_empty() && problems.is_empty() {
        return Ok(());
    }
    let doc = new_doc(format!("conll-{n}"), None, None, text).map(|d| d.with_status(st.opts.status));
    let rec = finish_doc(st.file, line, problems, doc, spans, Vec::new());
    st.accept(line, rec)
}

/// CoNLL reading state between lines (documents end at `-DOCSTART-` or at the end of input).
#[derive(Default)]
pub(crate) struct ConllState {
    cur: Pending,
    n: usize,
}

impl ConllState {
    /// Takes one line (`bytes` without the BOM; `line_no` from 1).
    pub(crate) fn line(&mut self, st: &mut ReadState<'_>, line_no: usize, bytes: &[u8]) -> Result<(), ImportFailure> {
        let cur = &mut self.cur;
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                let col = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).chars().count() + 1;
                cur.problems.push(err(st.file, Some(line_no), Some(col), K::NotUtf8));
                return Ok(());
            }
        };
        if line.trim().is_empty() {
            cur.sentences.push(Vec::new());
            return Ok(());
        }
        if line.starts_with("# ") || line == "#" {
            return Ok(());
        }
        let sep = if line.contains('\t') { '\t' } else { ' ' };
        let mut parts = line.split(sep).filter(|p| !p.is_empty());
        let (Some(tok), Some(tag)) = (parts.next(), parts.next_back()) else {
            let found: String = line.chars().take(80).collect();
            cur.first_line.get_or_insert(line_no);
            cur.problems.push(err(st.file, Some(line_no), Some(1), K::ConllLine { found }));
            return Ok(());
        };
        if tok == "-DOCSTART-" {
            if !cur.is_empty() {
                self.n += 1;
                build(st, std::mem::take(cur), self.n)?;
            }
            self.cur.first_line = Some(line_no);
            return Ok(());
        }
        cur.first_line.get_or_insert(line_no);
        let valid = tag == "O" || ((tag.starts_with("B-") || tag.starts_with("I-")) && tag.len() > 2);
        if !valid {
            let col = line.rfind(tag).map_or(1, |b| line[..b].chars().count() + 1);
            cur.problems.push(err(st.file, Some(line_no), Some(col), K::ConllTag { tag: tag.to_string() }));
            return Ok(());
        }
        if cur.sentences.is_empty() {
            cur.sentences.push(Vec::new());
        }
        if let Some(s) = cur.sentences.last_mut() {
            s.push((tok.to_string(), tag.to_string()));
        }
        Ok(())
    }

    /// Ends the input: the last document.
    pub(crate) fn finish(mut self, st: &mut ReadState<'_>) -> Result<(), ImportFailure> {
        if !self.cur.is_empty() {
            self.n += 1;
            build(st, self.cur, self.n)?;
        }
        Ok(())
    }
}
