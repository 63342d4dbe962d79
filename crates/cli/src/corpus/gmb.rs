//! The Groningen Meaning Bank NER table (Voice of America news): MEASURE ONLY. Its labels were
//! released for research: they score English news, they never train a model that ships. Its text is
//! public domain and is also written as plain unlabelled text (one sentence a line) for word
//! representations.
//!
//! Input: `ner_dataset.csv` in a zip, cp1252, `Sentence #,Word,POS,Tag`, the sentence number only on a
//! sentence's first row, quoted fields (`""""` is `"`), cut at 1,048,575 rows so the last sentence is
//! incomplete (dropped).

use super::common::{clean_token, fix_iob2, tag_type, Converted, Sent, Stats};

/// Version of the GMB converter.
pub const GMB_VERSION: &str = "gmb-1";

/// The loud header of every labelled GMB output file.
pub const MEASURE_ONLY_HEADER: &str =
    "MEASURE ONLY - GMB labels are research-only: score with this file, NEVER train a shipped model on it";

/// cp1252 bytes 0x80..=0x9F (others are Latin-1); undefined bytes become U+FFFD.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž', '\u{FFFD}', '\u{FFFD}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}', 'ž', 'Ÿ',
];

/// Decodes cp1252.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Splits one CSV line into fields (RFC 4180 quoting within a line; the table has no multi-line
/// fields).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// One GMB sentence: tokens, POS tags and GMB tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GmbSentence {
    /// Tokens.
    pub words: Vec<String>,
    /// Penn POS tags.
    pub pos: Vec<String>,
    /// GMB tags (`B-geo`, `I-per`, `O`, ...).
    pub tags: Vec<String>,
}

/// Reads the table's sentences; the last one (cut by the row limit) is dropped and counted in `st`.
pub fn read_table(text: &str, st: &mut Stats) -> Vec<GmbSentence> {
    let mut out: Vec<GmbSentence> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if k == 0 && line.starts_with("Sentence #") || line.is_empty() {
            continue;
        }
        let f = csv_fields(line);
        let [num, word, pos, tag] = f.as_slice() else {
            st.note("gmb: row without four fields (skipped)");
            continue;
        };
        if !num.is_empty() || out.is_empty() {
            out.push(GmbSentence::default());
        }
        let mut changed = false;
        let Some(word) = clean_token(word, &mut changed) else {
            st.note("gmb: token of marks or spaces only (dropped)");
            continue;
        };
        if changed {
            st.note("gmb: token with marks or spaces (removed)");
        }
        if let Some(s) = out.last_mut() {
            s.words.push(word);
            s.pos.push(pos.clone());
            s.tags.push(tag.clone());
        }
    }
    if out.pop().is_some() {
        st.note("gmb: last sentence dropped (cut by the row limit)");
    }
    out
}

/// Title and office words that GMB puts at the start of person spans ("Mr. Bush", "President Hugo
/// Chavez", "Prime Minister Ehud Olmert"); CoNLL-style annotation (ours, spaCy's) leaves them out.
const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Prime",
    "Minister",
    "Vice",
    "Secretary",
    "General",
    "Gen.",
    "Senator",
    "Sen.",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Chancellor",
    "Sheikh",
    "Lt.",
    "Col.",
    "Sgt.",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rev.",
    "Deputy",
    "Chief",
    "Justice",
    "Judge",
    "Governor",
    "Gov.",
    "Rep.",
    "Representative",
    "Ambassador",
    "Envoy",
    "Commander",
    "Colonel",
    "Captain",
    "Major",
    "Lieutenant",
    "Admiral",
    "Ayatollah",
    "Imam",
    "Sir",
    "Lord",
    "Emperor",
    "Mayor",
    "Premier",
    "Speaker",
    "Foreign",
    "Defense",
    "Interior",
    "Finance",
    "Attorney",
    "Crown",
    "Grand",
    "Supreme",
    "Leader",
    "Senate",
    "Opposition",
    "Former",
    "Acting",
    "Presidents",
    "Ministers",
    "Kings",
    "Sen",
    "Gen",
    "Col",
];

/// A title word, in any case ("Prime", "prime").
fn is_title(w: &str) -> bool {
    let mut cap = String::with_capacity(w.len());
    let mut chars = w.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    TITLES.contains(&cap.as_str())
}

/// Which mapping to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GmbMapping {
    /// CoNLL conventions: titles cut from person spans, `gpe` by part of speech (proper nouns "Nepal"
    /// -> LOC, nationality words "Iraqi", "Palestinians" -> MISC), geo -> LOC, org -> ORG,
    /// art/eve/nat -> MISC, tim -> O.
    Conll,
    /// As the table is: per -> PER (with titles), geo and gpe -> LOC, org -> ORG, art/eve/nat -> MISC,
    /// tim -> O.
    AsIs,
}

/// Maps one sentence.
pub fn map_sentence(s: &GmbSentence, mapping: GmbMapping, st: &mut Stats) -> Sent {
    let mut tags: Vec<String> = s
        .tags
        .iter()
        .zip(&s.pos)
        .map(|(t, pos)| {
            let (bi, ty) = t.split_once('-').unwrap_or(("O", ""));
            let label = match ty {
                "per" => Some("PER"),
                "geo" => Some("LOC"),
                "gpe" if mapping == GmbMapping::AsIs || pos.starts_with("NNP") => Some("LOC"),
                "gpe" => Some("MISC"),
                "org" => Some("ORG"),
                "art" | "eve" | "nat" => Some("MISC"),
                _ => None,
            };
            let out = label.map_or_else(|| "O".to_string(), |l| format!("{bi}-{l}"));
            st.mapped(&format!("{t}/{}", if ty == "gpe" { pos.as_str() } else { "" }), &out);
            out
        })
        .collect();
    st.iob_repairs += fix_iob2(&mut tags);
    if mapping == GmbMapping::Conll {
        // Cut leading titles ("Mr.", "Prime Minister", "prime minister") off person spans.
        let mut i = 0;
        while i < tags.len() {
            if tags[i] == "B-PER" {
                let mut j = i;
                while j < tags.len()
                    && tag_type(&tags[j]) == Some("PER")
                    && (j == i || tags[j].starts_with("I-"))
                    && is_title(&s.words[j])
                {
                    tags[j] = "O".to_string();
                    j += 1;
                }
                if j > i {
                    st.note("gmb: person span with leading titles cut");
                    if j < tags.len() && tags[j] == "I-PER" {
                        tags[j] = "B-PER".to_string();
                    } else {
                        st.note("gmb: person span of titles only (dropped)");
                    }
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
    }
    Sent { words: s.words.clone(), tags }
}

/// Converts the table into labelled sentences under `mapping`.
pub fn convert(sents: &[GmbSentence], mapping: GmbMapping) -> Converted {
    let mut c = Converted::default();
    for s in sents {
        let m = map_sentence(s, mapping, &mut c.stats);
        c.push_sent(m);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_cp1252() {
        assert_eq!(csv_fields(r#","""",``,O"#), ["", "\"", "``", "O"]);
        assert_eq!(csv_fields(r#","10,000",CD,O"#), ["", "10,000", "CD", "O"]);
        assert_eq!(decode_cp1252(b"caf\xe9 \x93x\x94"), "café “x”");
    }
}
