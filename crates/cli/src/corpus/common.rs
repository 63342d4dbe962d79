//! What every converter shares: the normalised corpus (documents of sentences of `token`/`tag`),
//! mark stripping, IOB repair, counting and the CoNLL writer.
//!
//! Output format (read by `sanad_core::nlp::conll::parse`, which skips `# ` comment lines):
//! `token<TAB>tag` per line, IOB2 over PER/ORG/LOC/MISC, a blank line after every sentence, and a
//! `# doc <id>` comment line (after a blank line) where a source document starts. A file starts with
//! `# ` header comments naming the source, converter and licence.

use std::collections::BTreeMap;

/// The four labels of the normalised files.
pub const LABELS: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// One sentence: tokens and their tags (same length).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// Tokens (never empty, never containing whitespace).
    pub words: Vec<String>,
    /// IOB2 tags (`O`, `B-PER`, `I-PER`, ...).
    pub tags: Vec<String>,
}

/// A document boundary or a sentence, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A source document starts here; its id.
    Doc(String),
    /// A sentence.
    Sent(Sent),
}

/// Counts a converter reports: what it changed and why.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// `I-X` after `O` or after another type in an IOB2 source, made `B-X` (malformed input).
    pub iob_repairs: usize,
    /// `I-X` turned into `B-X` when reading an IOB1 source (not an error: IOB1's convention).
    pub iob1_starts: usize,
    /// Tokens that held bidi marks or a BOM (removed).
    pub marked_tokens: usize,
    /// Tokens dropped because nothing but marks was left.
    pub dropped_tokens: usize,
    /// Source label -> normalised label (`O` for dropped types), counted per token.
    pub label_map: BTreeMap<(String, String), usize>,
    /// Other named counters (joins, merged `@`, malformed tags, ...), for the manifest notes.
    pub notes: BTreeMap<String, usize>,
}

impl Stats {
    /// Adds one to a named counter.
    pub fn note(&mut self, what: &str) {
        *self.notes.entry(what.to_string()).or_insert(0) += 1;
    }

    /// Records one token whose source label `from` became `to`.
    pub fn mapped(&mut self, from: &str, to: &str) {
        *self.label_map.entry((from.to_string(), to.to_string())).or_insert(0) += 1;
    }
}

/// A converted source: its items and what the converter did.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    /// Documents and sentences in source order.
    pub items: Vec<Item>,
    /// Counts.
    pub stats: Stats,
}

impl Converted {
    /// Adds a sentence (skipped when empty).
    pub fn push_sent(&mut self, s: Sent) {
        if !s.words.is_empty() {
            self.items.push(Item::Sent(s));
        }
    }

    /// Marks the start of a document.
    pub fn push_doc(&mut self, id: impl Into<String>) {
        self.items.push(Item::Doc(id.into()));
    }
}

/// Bidi controls, zero-width marks that carry no letter, and the BOM: removed from every token.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{200B}')
}

/// `s` without [`is_invisible_mark`] characters and with inner whitespace removed (tokens never hold
/// whitespace); `None` when nothing is left. `changed` is set when something was removed.
pub fn clean_token(s: &str, changed: &mut bool) -> Option<String> {
    let out: String = s.chars().filter(|&c| !is_invisible_mark(c) && !c.is_whitespace()).collect();
    *changed = out.len() != s.len();
    (!out.is_empty()).then_some(out)
}

/// Cleans the tokens of a sentence: marks stripped and counted, empty tokens dropped (an entity
/// whose first token was dropped starts at the next one: the IOB repair that follows does that).
pub fn clean_sentence(words: Vec<String>, tags: Vec<String>, st: &mut Stats) -> Sent {
    let mut out = Sent::default();
    for (w, t) in words.into_iter().zip(tags) {
        let mut changed = false;
        match clean_token(&w, &mut changed) {
            Some(c) => {
                out.words.push(c);
                out.tags.push(t);
            }
            None => st.dropped_tokens += 1,
        }
        if changed {
            st.marked_tokens += 1;
        }
    }
    out
}

/// The type of a tag (`B-PER` -> `PER`), `None` for `O`.
pub fn tag_type(t: &str) -> Option<&str> {
    t.strip_prefix("B-").or_else(|| t.strip_prefix("I-"))
}

/// Makes `tags` valid IOB2: every `I-X` that does not follow `B-X` or `I-X` becomes `B-X`. Returns
/// how many were changed.
pub fn fix_iob2(tags: &mut [String]) -> usize {
    let mut fixed = 0;
    let mut prev: Option<String> = None;
    for t in tags.iter_mut() {
        if let Some(ty) = t.strip_prefix("I-") {
            if prev.as_deref() != Some(ty) {
                *t = format!("B-{ty}");
                fixed += 1;
            }
        }
        prev = tag_type(t).map(str::to_string);
    }
    fixed
}

/// Entity spans (`(start, end, label)`, token indices, end exclusive) of valid IOB2 tags.
pub fn spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let cont = match (&cur, t.strip_prefix("I-")) {
            (Some((_, l)), Some(ty)) => l == ty,
            _ => false,
        };
        if !cont {
            if let Some((s, l)) = cur.take() {
                out.push((s, i, l));
            }
            if let Some(ty) = tag_type(t) {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

/// Counts of a converted file, for the manifest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tokens.
    pub tokens: usize,
    /// Sentences.
    pub sentences: usize,
    /// `# doc` marks.
    pub documents: usize,
    /// Entity spans per label.
    pub spans: BTreeMap<String, usize>,
}

/// Counts tokens, sentences, documents and spans per label.
pub fn count(items: &[Item]) -> Counts {
    let mut c = Counts::default();
    for it in items {
        match it {
            Item::Doc(_) => c.documents += 1,
            Item::Sent(s) => {
                c.sentences += 1;
                c.tokens += s.words.len();
                for (_, _, l) in spans(&s.tags) {
                    *c.spans.entry(l).or_insert(0) += 1;
                }
            }
        }
    }
    c
}

/// Writes items as CoNLL with `header` lines as `# ` comments first.
pub fn write_conll(header: &[String], items: &[Item]) -> String {
    let mut s = String::new();
    for h in header {
        s.push_str("# ");
        s.push_str(h);
        s.push('\n');
    }
    if !header.is_empty() {
        s.push('\n');
    }
    for it in items {
        match it {
            Item::Doc(id) => {
                s.push_str("# doc ");
                s.push_str(id);
                s.push('\n');
            }
            Item::Sent(sent) => {
                for (w, t) in sent.words.iter().zip(&sent.tags) {
                    s.push_str(w);
                    s.push('\t');
                    s.push_str(t);
                    s.push('\n');
                }
                s.push('\n');
            }
        }
    }
    s
}

/// Splits lines into blocks (sentences) at blank lines; CR before LF is dropped.
pub fn blocks(text: &str) -> impl Iterator<Item = Vec<&str>> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).peekable();
    std::iter::from_fn(move || {
        while lines.peek().is_some_and(|l| l.trim().is_empty()) {
            lines.next();
        }
        let mut b = Vec::new();
        while let Some(l) = lines.peek() {
            if l.trim().is_empty() {
                break;
            }
            b.push(*l);
            lines.next();
        }
        (!b.is_empty()).then_some(b)
    })
}

/// Maps the tags of one sentence with `map` (source type -> normalised label or `None` for `O`),
/// keeping the B/I prefix, recording every mapping in `st`. A malformed tag is passed whole to
/// `map` (which may know what it means) with prefix `B`/`I` taken from its first letter when it has a
/// dash, else `O`.
pub fn map_tags(tags: &[&str], st: &mut Stats, map: &dyn Fn(&str) -> Option<&'static str>) -> Vec<String> {
    tags.iter()
        .map(|&t| {
            let out = match t.split_once('-') {
                Some((bi, ty)) if bi == "B" || bi == "I" => map(ty).map(|l| format!("{bi}-{l}")),
                _ if t == "O" => None,
                _ => map(t).map(|l| format!("B-{l}")),
            };
            let out = out.unwrap_or_else(|| "O".to_string());
            st.mapped(t, &out);
            out
        })
        .collect()
}

/// Detokenises a sentence for plain text: spaces between tokens except before closing punctuation and
/// clitic contractions and after opening brackets.
pub fn detokenise(words: &[String]) -> String {
    let mut s = String::new();
    let mut no_space_next = true;
    let mut open_quote = false;
    for w in words {
        let closing = matches!(
            w.as_str(),
            "." | ","
                | ";"
                | ":"
                | "!"
                | "?"
                | ")"
                | "]"
                | "}"
                | "%"
                | "'s"
                | "n't"
                | "'re"
                | "'ve"
                | "'ll"
                | "'d"
                | "'m"
                | "'S"
        ) || (w == "\"" && open_quote);
        if !no_space_next && !closing {
            s.push(' ');
        }
        s.push_str(w);
        no_space_next = matches!(w.as_str(), "(" | "[" | "{" | "$") || (w == "\"" && !open_quote);
        if w == "\"" {
            open_quote = !open_quote;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn iob_repair_starts_entities_after_o_and_other_types() {
        let mut t = tags("I-PER I-PER O I-LOC B-ORG I-MISC I-MISC");
        assert_eq!(fix_iob2(&mut t), 3);
        assert_eq!(t, tags("B-PER I-PER O B-LOC B-ORG B-MISC I-MISC"));
        assert_eq!(spans(&t).len(), 4);
    }

    #[test]
    fn marks_are_stripped_and_mark_only_tokens_dropped() {
        let mut st = Stats::default();
        let s = clean_sentence(
            vec!["\u{FEFF}\u{200E}مصر".into(), "\u{200F}".into(), "a\u{2067}b".into()],
            tags("B-LOC O O"),
            &mut st,
        );
        assert_eq!(s.words, ["مصر", "ab"]);
        assert_eq!((st.marked_tokens, st.dropped_tokens), (3, 1));
    }

    #[test]
    fn detokenised_text_reads_naturally() {
        let w: Vec<String> = "He said ( in Paris ) that \" it 's fine \" .".split(' ').map(str::to_string).collect();
        assert_eq!(detokenise(&w), "He said (in Paris) that \"it's fine\".");
    }
}
