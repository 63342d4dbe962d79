//! English converters: WikiGold, UNER PUD, Broad Twitter Corpus, WNUT-17, CrossNER, SEC filings and
//! re3d, each with its label map to PER/LOC/ORG/MISC (tables in docs/DATA.md) and its quirks.

use super::common::{clean_sentence, fix_iob2, map_tags, Converted, Stats};

/// Versions of the English converters (written to the manifest).
pub const WIKIGOLD_VERSION: &str = "wikigold-1";
/// UNER PUD converter version.
pub const UNER_PUD_VERSION: &str = "uner-pud-1";
/// BTC converter version.
pub const BTC_VERSION: &str = "btc-1";
/// WNUT-17 converter version.
pub const WNUT17_VERSION: &str = "wnut17-1";
/// CrossNER converter version.
pub const CROSSNER_VERSION: &str = "crossner-1";
/// SEC filings converter version.
pub const SEC_VERSION: &str = "sec-1";
/// re3d converter version.
pub const RE3D_VERSION: &str = "re3d-1";

/// A raw line-oriented source item before mapping.
enum Raw {
    Doc(String),
    Sent(Vec<String>, Vec<String>),
}

/// How to read one line-oriented CoNLL-like format.
struct Format {
    /// Fields are tab-separated (else any whitespace).
    tab: bool,
    /// Index of the token field.
    tok: usize,
    /// Index of the tag field (`None`: the last field).
    tag: Option<usize>,
    /// `-DOCSTART-` lines start documents.
    docstart: bool,
    /// `# newdoc id = X` starts document X and other lines starting with `# ` are comments (UD
    /// style). Off for sources whose tokens may start with `#` (hashtags).
    ud_comments: bool,
}

/// Reads sentences (and document starts) of a CoNLL-like text. Lines that have too few fields are
/// counted in `st` and skipped.
fn read(text: &str, f: &Format, doc_prefix: &str, st: &mut Stats) -> Vec<Raw> {
    let mut out = Vec::new();
    let (mut w, mut t): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut docs = 0;
    let flush = |out: &mut Vec<Raw>, w: &mut Vec<String>, t: &mut Vec<String>| {
        if !w.is_empty() {
            out.push(Raw::Sent(std::mem::take(w), std::mem::take(t)));
        }
    };
    for line in text.strip_prefix('\u{FEFF}').unwrap_or(text).lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut out, &mut w, &mut t);
            continue;
        }
        if f.docstart && line.starts_with("-DOCSTART-") {
            flush(&mut out, &mut w, &mut t);
            docs += 1;
            out.push(Raw::Doc(format!("{doc_prefix}{docs}")));
            continue;
        }
        if f.ud_comments && line.starts_with('#') {
            if let Some(id) = line.strip_prefix("# newdoc id = ") {
                flush(&mut out, &mut w, &mut t);
                out.push(Raw::Doc(id.trim().to_string()));
            }
            continue;
        }
        let fields: Vec<&str> = if f.tab { line.split('\t').collect() } else { line.split_whitespace().collect() };
        let tag = match f.tag {
            Some(i) => fields.get(i),
            None => fields.last().filter(|_| fields.len() > f.tok + 1),
        };
        match (fields.get(f.tok), tag) {
            (Some(tok), Some(tag)) => {
                w.push(tok.trim().to_string());
                t.push(tag.trim().to_string());
            }
            _ => st.note("line with too few fields (skipped)"),
        }
    }
    flush(&mut out, &mut w, &mut t);
    out
}

/// Maps, cleans and repairs raw items into `c`. `iob1`: the source is IOB1 (an `I-X` starting an entity
/// is its convention, counted apart from repairs of malformed IOB2).
fn finish(raw: Vec<Raw>, iob1: bool, map: &dyn Fn(&str) -> Option<&'static str>, c: &mut Converted) {
    for r in raw {
        match r {
            Raw::Doc(id) => c.push_doc(id),
            Raw::Sent(words, tags) => {
                let src: Vec<&str> = tags.iter().map(String::as_str).collect();
                let mapped = map_tags(&src, &mut c.stats, map);
                let mut s = clean_sentence(words, mapped, &mut c.stats);
                let n = fix_iob2(&mut s.tags);
                if iob1 {
                    c.stats.iob1_starts += n;
                } else {
                    c.stats.iob_repairs += n;
                }
                c.push_sent(s);
            }
        }
    }
}

/// The four CoNLL labels as they are.
fn conll_label(t: &str) -> Option<&'static str> {
    match t {
        "PER" => Some("PER"),
        "LOC" => Some("LOC"),
        "ORG" => Some("ORG"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

/// WikiGold: `token tag` (space), IOB1 over the CoNLL labels, `-DOCSTART-` before each article.
pub fn wikigold(text: &str) -> Converted {
    let mut c = Converted::default();
    let f = Format { tab: false, tok: 0, tag: None, docstart: true, ud_comments: false };
    let raw = read(text, &f, "wikigold-", &mut c.stats);
    finish(raw, true, &conll_label, &mut c);
    c
}

/// UNER English-PUD: UD-style `#` comments (`# newdoc id` starts a document), five tab-separated
/// columns (index, token, IOB2 tag, two unused); PER/LOC/ORG.
pub fn uner_pud(text: &str) -> Converted {
    let mut c = Converted::default();
    let f = Format { tab: true, tok: 1, tag: Some(2), docstart: false, ud_comments: true };
    let raw = read(text, &f, "", &mut c.stats);
    finish(raw, false, &conll_label, &mut c);
    c
}

/// Merges a lone `@` token with the handle after it (`@` `colgo` -> `@colgo`), as the tokenizer reads
/// handles; the handle's tag is kept (BTC tags the `@` itself `B-X` in sections b, e, f, g and h).
pub fn merge_at_handles(words: &mut Vec<String>, tags: &mut Vec<String>, st: &mut Stats) {
    let mut i = 0;
    while i + 1 < words.len() {
        let handle_next = words[i + 1].chars().next().is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
        if words[i] == "@" && handle_next {
            let handle = words.remove(i + 1);
            let tag = tags.remove(i + 1);
            // `@`/B-X + handle/B-X: the entity starts at the merged token either way.
            let merged = if tags[i].starts_with("B-") && tag.starts_with("I-") { tags[i].clone() } else { tag };
            words[i] = format!("@{handle}");
            tags[i] = merged;
            st.note("btc: `@` merged with the handle after it");
        }
        i += 1;
    }
}

/// One section of the Broad Twitter Corpus (`token<TAB>tag`, IOB2 PER/LOC/ORG, tokens may start with
/// `#`), as one document `btc-<section>`.
pub fn btc(section: &str, text: &str, c: &mut Converted) {
    let f = Format { tab: true, tok: 0, tag: None, docstart: false, ud_comments: false };
    let raw = read(text, &f, "", &mut c.stats);
    c.push_doc(format!("btc-{section}"));
    let raw = raw
        .into_iter()
        .map(|r| match r {
            Raw::Sent(mut w, mut t) => {
                merge_at_handles(&mut w, &mut t, &mut c.stats);
                Raw::Sent(w, t)
            }
            d => d,
        })
        .collect();
    finish(raw, false, &conll_label, c);
}

/// WNUT-17 types: person -> PER, location -> LOC, group (bands, teams, organisations) and corporation ->
/// ORG, product and creative-work -> MISC.
pub fn wnut17_label(t: &str) -> Option<&'static str> {
    match t {
        "person" => Some("PER"),
        "location" => Some("LOC"),
        "group" | "corporation" => Some("ORG"),
        "product" | "creative-work" => Some("MISC"),
        _ => None,
    }
}

/// One WNUT-17 file (`token<TAB>tag`, IOB2, tokens may start with `#`), as document `id`.
pub fn wnut17(id: &str, text: &str, c: &mut Converted) {
    let f = Format { tab: true, tok: 0, tag: None, docstart: false, ud_comments: false };
    let raw = read(text, &f, "", &mut c.stats);
    c.push_doc(id);
    finish(raw, false, &wnut17_label, c);
}

/// CrossNER fine types, by CoNLL-2003 conventions: people -> PER; places and countries -> LOC;
/// organisations, parties, bands, universities, magazines and journals (publications, as CoNLL tags
/// newspapers) -> ORG; events, elections, awards, works (books, poems, albums, songs), products,
/// programming languages, conferences and `misc` -> MISC; genres, instruments, sciences, tasks,
/// algorithms, metrics, theories, chemicals, proteins and astronomical objects -> O (concepts, not
/// names by CoNLL's guidelines).
pub fn crossner_label(t: &str) -> Option<&'static str> {
    Some(match t {
        "person" | "politician" | "writer" | "musicalartist" | "scientist" | "researcher" => "PER",
        "location" | "country" => "LOC",
        "organisation" | "politicalparty" | "band" | "university" | "magazine" | "academicjournal" => "ORG",
        "misc" | "event" | "election" | "award" | "book" | "poem" | "album" | "song" | "product" | "programlang"
        | "conference" => "MISC",
        _ => return None,
    })
}

/// One CrossNER file (`token<TAB>tag`, IOB2 over fine types), as document `id`.
pub fn crossner(id: &str, text: &str, c: &mut Converted) {
    let f = Format { tab: true, tok: 0, tag: None, docstart: false, ud_comments: false };
    let raw = read(text, &f, "", &mut c.stats);
    c.push_doc(id);
    finish(raw, false, &crossner_label, c);
}

/// One SEC filings file (`token POS - tag`, spaces, IOB1 over the CoNLL labels, `-DOCSTART-`).
pub fn sec(prefix: &str, text: &str, c: &mut Converted) {
    let f = Format { tab: false, tok: 0, tag: Some(3), docstart: true, ud_comments: false };
    let raw = read(text, &f, prefix, &mut c.stats);
    finish(raw, true, &conll_label, c);
}

/// re3d types: Person -> PER, Location -> LOC, Organisation -> ORG, Nationality, Weapon,
/// MilitaryPlatform and DocumentReference (named treaties and resolutions) -> MISC; Temporal,
/// Quantity and Money -> O.
pub fn re3d_label(t: &str) -> Option<&'static str> {
    match t {
        "Person" => Some("PER"),
        "Location" => Some("LOC"),
        "Organisation" => Some("ORG"),
        "Nationality" | "Weapon" | "MilitaryPlatform" | "DocumentReference" => Some("MISC"),
        _ => None,
    }
}

/// One re3d document (`token<TAB>tag`, IOB2), as document `id`.
pub fn re3d(id: &str, text: &str, c: &mut Converted) {
    let f = Format { tab: true, tok: 0, tag: None, docstart: false, ud_comments: false };
    let raw = read(text, &f, "", &mut c.stats);
    c.push_doc(id);
    finish(raw, false, &re3d_label, c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::common::{write_conll, Item};

    #[test]
    fn iob1_starts_become_b() {
        let c = wikigold("-DOCSTART- O\n\nThe I-ORG\nBand I-ORG\nplayed O\nin O\nTokyo I-LOC\nB-side I-MISC\n\n");
        assert_eq!(c.items[0], Item::Doc("wikigold-1".into()));
        assert_eq!(
            write_conll(&[], &c.items[1..]),
            "The\tB-ORG\nBand\tI-ORG\nplayed\tO\nin\tO\nTokyo\tB-LOC\nB-side\tB-MISC\n\n"
        );
        assert_eq!((c.stats.iob1_starts, c.stats.iob_repairs), (3, 0));
    }

    #[test]
    fn at_signs_join_handles() {
        let mut c = Converted::default();
        btc("f", "@\tB-PER\ncolgo\tB-PER\nhey\tO\n@\tO\nParl\tB-LOC\n#UN\tB-ORG\n\n", &mut c);
        assert_eq!(write_conll(&[], &c.items), "# doc btc-f\n@colgo\tB-PER\nhey\tO\n@Parl\tB-LOC\n#UN\tB-ORG\n\n");
    }
}
