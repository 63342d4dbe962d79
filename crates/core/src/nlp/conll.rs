//! Reading and writing CoNLL files: one `token<TAB>tag` per line, a blank line after each sentence.

use super::bio::Sentence;

/// A line that is not `token<TAB>tag`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: expected `token<TAB>tag`, found {found:?}")]
pub struct ConllError {
    /// 1-based line number.
    pub line: usize,
    /// The line (cut to 80 characters).
    pub found: String,
}

/// Parses CoNLL text. Lines starting with `#` are comments; the tag is the last tab- or
/// space-separated field and the token the first.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with("# ") || line == "#" {
            continue;
        }
        let sep = if line.contains('\t') { '\t' } else { ' ' };
        let mut parts = line.split(sep).filter(|p| !p.is_empty());
        let (Some(tok), Some(tag)) = (parts.next(), parts.next_back()) else {
            return Err(ConllError { line: k + 1, found: line.chars().take(80).collect() });
        };
        cur.words.push(tok.to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes sentences as CoNLL.
pub fn write(sents: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sents {
        for (w, t) in sent.words.iter().zip(&sent.tags) {
            s.push_str(w);
            s.push('\t');
            s.push_str(t);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let text = "قال\tO\nلافروف\tB-PER\n\nok O\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, ["O", "B-PER"]);
        assert_eq!(parse(&write(&s)).unwrap()[1].words, ["ok"]);
        assert_eq!(parse("a\tO\nbad\n").unwrap_err().line, 2);
    }
}
