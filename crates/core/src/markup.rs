//! A small inline markup for hand-annotated articles (the demo library and test fixtures).
//!
//! ```text
//! title: Headline
//! id: ar-1
//! lang: ar
//! date: 2025-03-02
//!
//! [[CUE#c1:وقال]] الوزير [[PER#p1:سيرغي لافروف]] إن {{indirect speaker=p1 cue=c1:[[LOC:روسيا]] مستعدة}}.
//! ```
//!
//! Header lines `key: value` run to the first blank line (`title`, `id`, `lang`; any other key goes
//! to `meta`); then one paragraph per line. `[[LABEL:text]]` or `[[LABEL#id:text]]` marks an entity;
//! the label `CUE` marks a reporting cue instead. `{{KIND speaker=ID cue=ID name=ID:content}}` marks
//! a quote's content (KIND: direct, indirect, mixed); `speaker` and `name` name entities (`name`
//! the fullest mention of the speaker, which gives `speaker_name`), `cue` names a cue.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::model::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker};

/// A markup error with its 1-based line and column in the source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct MarkupError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

struct Pending {
    kind: QuoteKind,
    attrs: HashMap<String, String>,
    start: usize,
    at: (usize, usize),
}

/// Parses a marked-up article into a document whose annotations have origin `editor`.
pub fn parse(source: &str) -> Result<Document, MarkupError> {
    let err = |line: usize, column: usize, message: String| MarkupError { line, column, message };
    // Split on LF only: a CR before it stays in the text (CRLF articles keep their offsets).
    let mut lines = source.split('\n').enumerate();
    let mut header: Map<String, Value> = Map::new();
    let mut body_first_line = 1;
    for (i, line) in lines.by_ref() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            body_first_line = i + 2;
            break;
        }
        let Some((k, v)) = line.split_once(':') else {
            return Err(err(i + 1, 1, format!("expected a `key: value` header line, found {line:?}")));
        };
        header.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
    }
    let body: Vec<&str> = lines.map(|(_, l)| l).collect();
    let body = body.join("\n");
    let body = body.trim_end_matches('\n');

    let mut text = String::new();
    let mut cp = 0usize;
    let mut entities: Vec<(String, Option<String>, Range)> = Vec::new();
    let mut cues: HashMap<String, Range> = HashMap::new();
    let mut open: Vec<Pending> = Vec::new();
    let mut quotes: Vec<(Pending, Range)> = Vec::new();

    let chars: Vec<char> = body.chars().collect();
    let (mut line, mut col) = (body_first_line, 1usize);
    let mut i = 0;
    while i < chars.len() {
        let two = (chars[i], chars.get(i + 1).copied().unwrap_or('\0'));
        match two {
            ('[', '[') => {
                let at = (line, col);
                let close = find(&chars, i + 2, "]]").ok_or_else(|| err(at.0, at.1, "`[[` without `]]`".into()))?;
                let inner: String = chars[i + 2..close].iter().collect();
                let (head, content) = inner
                    .split_once(':')
                    .ok_or_else(|| err(at.0, at.1, format!("expected `[[LABEL:text]]`, found {inner:?}")))?;
                if content.is_empty() || content.contains('\n') || content.contains("[[") {
                    return Err(err(at.0, at.1, format!("bad entity text {content:?}")));
                }
                let (label, id) = match head.split_once('#') {
                    Some((l, id)) => (l.to_string(), Some(id.to_string())),
                    None => (head.to_string(), None),
                };
                let n = content.chars().count();
                let range = Range::new(cp, cp + n).map_err(|e| err(at.0, at.1, e.to_string()))?;
                text.push_str(content);
                cp += n;
                if label == "CUE" {
                    let id = id.ok_or_else(|| err(at.0, at.1, "a CUE needs an id: `[[CUE#c1:...]]`".into()))?;
                    cues.insert(id, range);
                } else {
                    entities.push((label, id, range));
                }
                col += close + 2 - i;
                i = close + 2;
            }
            ('{', '{') => {
                let at = (line, col);
                let colon = find(&chars, i + 2, ":").ok_or_else(|| err(at.0, at.1, "`{{` without `:`".into()))?;
                let head: String = chars[i + 2..colon].iter().collect();
                let mut words = head.split_whitespace();
                let kind = match words.next() {
                    Some("direct") => QuoteKind::Direct,
                    Some("indirect") => QuoteKind::Indirect,
                    Some("mixed") => QuoteKind::Mixed,
                    other => return Err(err(at.0, at.1, format!("unknown quote kind {other:?}"))),
                };
                let mut attrs = HashMap::new();
                for w in words {
                    let (k, v) = w.split_once('=').ok_or_else(|| err(at.0, at.1, format!("bad attribute {w:?}")))?;
                    attrs.insert(k.to_string(), v.to_string());
                }
                open.push(Pending { kind, attrs, start: cp, at });
                col += colon + 1 - i;
                i = colon + 1;
            }
            ('}', '}') => {
                let p = open.pop().ok_or_else(|| err(line, col, "`}}` without `{{`".into()))?;
                let range = Range::new(p.start, cp).map_err(|e| err(p.at.0, p.at.1, e.to_string()))?;
                quotes.push((p, range));
                col += 2;
                i += 2;
            }
            (c, _) => {
                if c == '\n' {
                    line += 1;
                    col = 1;
                } else {
                    col += 1;
                }
                text.push(c);
                cp += 1;
                i += 1;
            }
        }
    }
    if let Some(p) = open.first() {
        return Err(err(p.at.0, p.at.1, "`{{` without `}}`".into()));
    }

    let ids: Vec<String> = (1..=entities.len()).map(|n| format!("s{n}")).collect();
    let mut by_id: HashMap<String, (String, Range)> = HashMap::new();
    let mut spans = Vec::new();
    for ((label, given, range), auto) in entities.into_iter().zip(ids) {
        let id = given.clone().unwrap_or(auto);
        let span = Span::new(id.clone(), range, label, Origin::Editor).map_err(|e| err(0, 0, e.to_string()))?;
        by_id.insert(id, (span.id().to_string(), range));
        spans.push(span);
    }
    // Quotes are numbered q1, q2, ... in the document's canonical order (the document sorts the
    // spans itself).
    crate::sort::sort_by_key(&mut quotes, |(_, r)| r.order_key());
    let slice = |r: Range| text.chars().skip(r.start()).take(r.len()).collect::<String>();
    let mut out_quotes = Vec::new();
    for (n, (p, range)) in quotes.into_iter().enumerate() {
        let lookup = |key: &str| -> Result<Option<(String, Range)>, MarkupError> {
            match p.attrs.get(key) {
                None => Ok(None),
                Some(id) => by_id
                    .get(id)
                    .cloned()
                    .map(Some)
                    .ok_or_else(|| err(p.at.0, p.at.1, format!("{key}={id}: no entity has that id"))),
            }
        };
        let speaker = lookup("speaker")?;
        let name = lookup("name")?.or_else(|| speaker.clone()).map(|(_, r)| slice(r));
        let cue = match p.attrs.get("cue") {
            None => None,
            Some(id) => Some(*cues.get(id).ok_or_else(|| err(p.at.0, p.at.1, format!("cue={id}: no such cue")))?),
        };
        let q = Quote::new(format!("q{}", n + 1), range, p.kind, Origin::Editor)
            .map_err(|e| err(p.at.0, p.at.1, e.to_string()))?
            .with_cue(cue)
            .with_speaker(speaker.map(|(id, r)| Speaker::new(r, Some(id))), name);
        out_quotes.push(q);
    }

    let take = |h: &mut Map<String, Value>, k: &str| match h.remove(k) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    let id = take(&mut header, "id");
    let title = take(&mut header, "title");
    let mut lang = take(&mut header, "lang");
    if lang.is_empty() {
        lang = crate::lang::detect(&text).to_string();
    }
    Document::new(id, title, lang, text)
        .and_then(|d| d.with_meta(header).with_annotations(spans, out_quotes))
        .map_err(|e| err(0, 0, e.to_string()))
}

fn find(chars: &[char], from: usize, pat: &str) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    (from..chars.len().saturating_sub(p.len() - 1)).find(|&j| chars[j..j + p.len()] == p[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "title: T\nid: a1\nlang: ar\ndate: 2025-01-01\n\n\
[[CUE#c1:وقال]] الوزير [[PER#p1:سيرغي لافروف]] إن {{indirect speaker=p1 cue=c1:[[LOC:لروسيا]] دورا}}.\n\
[[CUE#c2:وأضاف]]: «{{direct speaker=p2 name=p1 cue=c2:نحن هنا 😀}}» قال [[PER#p2:لافروف]].";

    #[test]
    fn parses_entities_cues_and_quotes() {
        let d = parse(SRC).unwrap();
        assert_eq!(d.id(), "a1");
        assert_eq!(d.meta()["date"], "2025-01-01");
        let ix = d.index();
        let texts: Vec<&str> = d.spans().iter().map(|s| ix.slice(d.text(), s.start(), s.end()).unwrap()).collect();
        assert_eq!(texts, vec!["سيرغي لافروف", "لروسيا", "لافروف"]);
        let q = &d.quotes()[1];
        assert_eq!(ix.slice(d.text(), q.start(), q.end()), Some("نحن هنا 😀"));
        assert_eq!(q.speaker_name(), Some("سيرغي لافروف"));
        assert_eq!(q.speaker().and_then(Speaker::span), Some("p2"));
        assert_eq!(ix.slice(d.text(), q.cue().unwrap().start(), q.cue().unwrap().end()), Some("وأضاف"));
        assert!(!d.text().contains("[["));
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("id: x\n\nabc [[PER:def").unwrap_err();
        assert_eq!((e.line, e.column), (3, 5));
        let e = parse("id: x\n\n{{direct speaker=zz:abc}}").unwrap_err();
        assert!(e.message.contains("speaker=zz"), "{e}");
    }
}
