//! Arabic converters: WikiFANE Gold (clitic-split tokens joined back into written words, 50 fine
//! classes mapped to PER/LOC/ORG/MISC) and AQMAR (malformed tags repaired, MIS0-3 to MISC).
//! The rules and tables are documented in docs/DATA.md; change both together and bump the version.

use std::collections::HashSet;

use sanad_core::nlp::normalize::normalize_key;

use super::common::{blocks, clean_sentence, fix_iob2, map_tags, tag_type, Converted, Sent, Stats};

/// Version of the WikiFANE converter (written to the manifest).
pub const WIKIFANE_VERSION: &str = "wikifane-1";
/// Version of the AQMAR converter.
pub const AQMAR_VERSION: &str = "aqmar-1";

/// WikiFANE fine class -> normalised label, following ANERcorp's annotation (see docs/DATA.md):
/// persons of every kind are PER; organisations ORG; geo-political entities, natural regions, bodies
/// of water and paths (canals, straits, streets) LOC; named facilities, vehicles, weapons, works and
/// products MISC, as ANERcorp tags "البيت الأبيض", "المسجد الأقصى", "اف 16", "كلاشنيكوف", novels and
/// the Quran. `Group` (ethnic, national and religious groups in the plural: "العرب", "المسلمين"),
/// celestial bodies and parts of buildings are `O`, as in ANERcorp.
pub fn wikifane_label(class: &str) -> Option<&'static str> {
    Some(match class {
        "Politician" | "Artist" | "Scientist" | "Athlete" | "Businessperson" | "Engineer" | "Lawyer" | "Police"
        | "Religious_PER" | "Other_PER" => "PER",
        "Government" | "Non-Governmental" | "Commercial" | "Educational" | "Media" | "Sports" | "Religious_ORG"
        | "Medical-Science" | "Entertainment" => "ORG",
        "Nation"
        | "Population-Center"
        | "State-or-Province"
        | "County-or-District"
        | "Continent"
        | "GPE-Cluster"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Path" => "LOC",
        "Building-Grounds" | "Airport" | "Plant" | "Air" | "Land" | "Water" | "Blunt" | "Exploding" | "Nuclear"
        | "Projectile" | "Sharp" | "Shooting" | "Chemical" | "Book" | "Movie" | "Sound" | "Software" | "Hardware"
        | "Food" | "Drug" => "MISC",
        // "Group", "Celestial", "Subarea-Facility" and anything unknown.
        _ => return None,
    })
}

/// Proclitic tokens that are always written joined to the word after them.
const PROCLITICS: [&str; 5] = ["و", "ف", "ب", "ل", "س"];
/// Enclitic pronoun tokens that are always written joined to the word before them.
const ENCLITICS: [&str; 5] = ["ه", "ها", "ي", "ني", "نا"];
/// Tokens that are a clitic or a word of their own ("هم" they / -hum their, "كم" km / -kum, "كما" as /
/// -kumā, "ك" like- / -ka): joined only when the joined word is a known word.
const AMBIGUOUS_ENCLITICS: [&str; 6] = ["هم", "هما", "هن", "كم", "كما", "كن"];

/// Known written words (normalised keys), to decide ambiguous joins: the Arabic word frequency list
/// of the engine (`crates/core/data/wordfreq-ar.tsv`, 56,642 words).
pub struct Lexicon(HashSet<String>);

impl Lexicon {
    /// The engine's Arabic word frequency list.
    pub fn builtin() -> Self {
        Self::from_tsv(include_str!("../../../core/data/wordfreq-ar.tsv"))
    }

    /// One word per line, first tab-separated field.
    pub fn from_tsv(text: &str) -> Self {
        Lexicon(
            text.lines().filter_map(|l| l.split('\t').next()).filter(|w| !w.is_empty()).map(normalize_key).collect(),
        )
    }

    fn knows(&self, w: &str) -> bool {
        self.0.contains(&normalize_key(w))
    }
}

fn starts_arabic_letter(w: &str) -> bool {
    w.chars().next().is_some_and(sanad_core::lang::is_arabic_letter)
}

fn ends_arabic_letter(w: &str) -> bool {
    w.chars().next_back().is_some_and(sanad_core::lang::is_arabic_letter)
}

/// `word` + enclitic `suf` as written: a final ة becomes ت ("عاصمة"+"ها" -> "عاصمتها"); a final ى
/// becomes ي or ا, whichever gives a known word ("على"+"ه" -> "عليه", "مستوى"+"ه" -> "مستواه"; ي
/// when neither is known).
fn attach_enclitic(word: &str, suf: &str, lex: &Lexicon) -> String {
    if let Some(stem) = word.strip_suffix('ة') {
        return format!("{stem}ت{suf}");
    }
    if let Some(stem) = word.strip_suffix('ى') {
        let ya = format!("{stem}ي{suf}");
        let alef = format!("{stem}ا{suf}");
        return if !lex.knows(&ya) && lex.knows(&alef) { alef } else { ya };
    }
    format!("{word}{suf}")
}

/// Proclitic(s) `pre` + `word` as written: ل before the article drops the article's alef
/// ("ل"+"الدولة" -> "للدولة").
fn attach_to_proclitic(pre: &str, word: &str) -> String {
    if pre.ends_with('ل') {
        if let Some(rest) = word.strip_prefix("ال") {
            return format!("{pre}ل{rest}");
        }
    }
    format!("{pre}{word}")
}

/// One written word being built from source tokens.
struct Group {
    word: String,
    /// Tags of the source tokens in the group.
    tags: Vec<String>,
    /// The last token was a proclitic: the next Arabic token joins this group.
    open: bool,
}

/// Joins clitic-split tokens back into written words (see the module docs and docs/DATA.md). The tag
/// of a written word is the tag of its first entity token: a clitic joined onto an entity word takes
/// the entity's tag, and an entity's `B-` stays on its first written word; a word whose entity token
/// continues the previous word's entity is `I-`.
pub fn join_clitics(words: &[String], tags: &[String], lex: &Lexicon, st: &mut Stats) -> Sent {
    let mut groups: Vec<Group> = Vec::with_capacity(words.len());
    for (i, (w, t)) in words.iter().zip(tags).enumerate() {
        let w = w.as_str();
        let next = words.get(i + 1).map(String::as_str);
        // Join onto an open proclitic group.
        if let Some(g) = groups.last_mut().filter(|g| g.open) {
            if starts_arabic_letter(w) {
                g.word = attach_to_proclitic(&g.word, w);
                g.tags.push(t.clone());
                g.open = PROCLITICS.contains(&w);
                st.note("wikifane: joined onto a proclitic");
                continue;
            }
            g.open = false;
        }
        let prev_ok = groups.last().is_some_and(|g| ends_arabic_letter(&g.word));
        let enclitic = ENCLITICS.contains(&w)
            || (AMBIGUOUS_ENCLITICS.contains(&w)
                && groups.last().is_some_and(|g| lex.knows(&attach_enclitic(&g.word, w, lex))));
        let kaf_before = w == "ك" && next.is_some_and(|n| starts_arabic_letter(n) && lex.knows(&format!("ك{n}")));
        let kaf_after =
            w == "ك" && !kaf_before && groups.last().is_some_and(|g| lex.knows(&attach_enclitic(&g.word, w, lex)));
        if prev_ok && (enclitic || kaf_after) {
            if let Some(g) = groups.last_mut() {
                g.word = attach_enclitic(&g.word, w, lex);
                g.tags.push(t.clone());
                st.note("wikifane: enclitic joined to the word before");
                continue;
            }
        }
        let open = (PROCLITICS.contains(&w) || kaf_before) && next.is_some_and(starts_arabic_letter);
        groups.push(Group { word: w.to_string(), tags: vec![t.clone()], open });
    }
    let mut out = Sent::default();
    let mut prev_type: Option<String> = None;
    for g in groups {
        let first_entity = g.tags.iter().find(|t| t.as_str() != "O");
        let tag = match first_entity {
            None => "O".to_string(),
            Some(t) => {
                let ty = tag_type(t).unwrap_or("MISC").to_string();
                // I- only when the entity token continues the entity of the word before.
                let cont = t.starts_with("I-") && prev_type.as_deref() == Some(ty.as_str());
                if g.tags.iter().filter(|t| t.as_str() != "O").any(|x| tag_type(x) != Some(ty.as_str())) {
                    st.note("wikifane: word joined from tokens of two entity types (first kept)");
                }
                format!("{}-{ty}", if cont { "I" } else { "B" })
            }
        };
        prev_type = tag_type(&tag).map(str::to_string);
        out.words.push(g.word);
        out.tags.push(tag);
    }
    out
}

/// Converts WikiFANE Gold (`token<TAB>tag`, UTF-8 with a BOM, CRLF, U+200E before most tokens, a line
/// holding only a tab between sentences).
pub fn wikifane(text: &str, lex: &Lexicon) -> Converted {
    let mut c = Converted::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for block in blocks(text) {
        let (mut words, mut src_tags) = (Vec::new(), Vec::new());
        for line in block {
            let (w, t) = line.split_once('\t').unwrap_or((line, "O"));
            words.push(w.to_string());
            src_tags.push(t.trim());
        }
        let tags = map_tags(&src_tags, &mut c.stats, &wikifane_label);
        let cleaned = clean_sentence(words, tags, &mut c.stats);
        let n_src = cleaned.words.len();
        let mut s = join_clitics(&cleaned.words, &cleaned.tags, lex, &mut c.stats);
        *c.stats.notes.entry("wikifane: source tokens".into()).or_insert(0) += n_src;
        c.stats.iob_repairs += fix_iob2(&mut s.tags);
        c.push_sent(s);
    }
    c
}

/// AQMAR tag repair and mapping: PER/LOC/ORG kept, every MIS variant (MIS0-3, MIS, MIS-1, MISS1,
/// "MIS1`") to MISC; malformed tags: `I--ORG` -> `I-ORG`, `OO` and `IO` -> `O`, and the language marks
/// `B-ENGLISH`/`B-SPANISH` (on a chemical symbol and a stadium name, not entity types) -> `O`.
pub fn aqmar_tag(t: &str, st: &mut Stats) -> String {
    let fixed = match t {
        "OO" | "IO" => {
            st.note(&format!("aqmar: malformed tag {t} -> O"));
            "O".to_string()
        }
        _ if t.contains("--") => {
            st.note(&format!("aqmar: malformed tag {t}"));
            t.replace("--", "-")
        }
        _ => t.to_string(),
    };
    let out = match fixed.split_once('-') {
        Some((bi @ ("B" | "I"), ty)) => {
            let ty = ty.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            match ty {
                "PER" | "LOC" | "ORG" => format!("{bi}-{ty}"),
                _ if ty.starts_with("MIS") => format!("{bi}-MISC"),
                _ => {
                    st.note(&format!("aqmar: unknown type {t} -> O"));
                    "O".to_string()
                }
            }
        }
        _ if fixed == "O" => fixed,
        _ => {
            st.note(&format!("aqmar: malformed tag {t} -> O"));
            "O".to_string()
        }
    };
    st.mapped(t, &out);
    out
}

/// Converts AQMAR (`token tag` with a space, blank lines between sentences, words unsegmented).
pub fn aqmar(text: &str) -> Converted {
    let mut c = Converted::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for block in blocks(text) {
        let (mut words, mut tags) = (Vec::new(), Vec::new());
        for line in block {
            let (w, t) = line.rsplit_once([' ', '\t']).unwrap_or((line, "O"));
            words.push(w.trim().to_string());
            tags.push(aqmar_tag(t.trim(), &mut c.stats));
        }
        let mut s = clean_sentence(words, tags, &mut c.stats);
        c.stats.iob_repairs += fix_iob2(&mut s.tags);
        c.push_sent(s);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::from_tsv("انهم\t1\nكما\t1\nعليه\t1\nمستواه\t1\nانك\t1\n")
    }

    fn join(src: &str) -> (String, String) {
        let (mut w, mut t) = (Vec::new(), Vec::new());
        for x in src.split(' ') {
            let (a, b) = x.split_once('/').unwrap_or((x, "O"));
            w.push(a.to_string());
            t.push(b.to_string());
        }
        let s = join_clitics(&w, &t, &lex(), &mut Stats::default());
        (s.words.join(" "), s.tags.join(" "))
    }

    #[test]
    fn proclitics_join_the_next_word_and_take_its_entity_tag() {
        assert_eq!(join("ل جنوب/B-LOC السودان/I-LOC").0, "لجنوب السودان");
        assert_eq!(join("ل جنوب/B-LOC السودان/I-LOC").1, "B-LOC I-LOC");
        assert_eq!(join("و ب ها").0, "وبها");
        assert_eq!(join("ل الدولة").0, "للدولة");
        // Before a digit a conjunction stays a word of its own.
        assert_eq!(join("و 2011").0, "و 2011");
    }

    #[test]
    fn enclitics_join_the_word_before_with_written_spelling() {
        assert_eq!(join("عاصمة ها").0, "عاصمتها");
        assert_eq!(join("على ه").0, "عليه");
        assert_eq!(join("مستوى ه").0, "مستواه");
        assert_eq!(join("منتخب/B-ORG ه").1, "B-ORG");
    }

    #[test]
    fn ambiguous_tokens_join_only_into_known_words() {
        assert_eq!(join("ان هم").0, "انهم");
        assert_eq!(join("الشماليين هم تجار").0, "الشماليين هم تجار");
        assert_eq!(join("ك ما").0, "كما");
        assert_eq!(join("ان ك تجيد").0, "انك تجيد");
        assert_eq!(join("50 كم").0, "50 كم");
    }

    #[test]
    fn aqmar_tags_are_repaired() {
        let mut st = Stats::default();
        let got: Vec<String> = ["I--ORG", "OO", "IO", "B-MIS2", "B-MIS1`", "B-MISS1", "B-ENGLISH", "I-PER"]
            .iter()
            .map(|t| aqmar_tag(t, &mut st))
            .collect();
        assert_eq!(got, ["I-ORG", "O", "O", "B-MISC", "B-MISC", "B-MISC", "O", "I-PER"]);
    }
}
