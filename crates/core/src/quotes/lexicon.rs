//! The cue lexicons (`crates/core/data/quotes/*.txt`), loaded once per language.
//!
//! Words are compared through a 64-bit hash of their normalised form ([`norm_hash`]), so matching
//! a token never allocates.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::nlp::hash::{FastMap, FastSet, Fnv1a64};

// The lists without their comment lines (build.rs), so that the page does not ship the comments.
const AR: &str = include_str!(concat!(env!("OUT_DIR"), "/ar-cues.txt"));
const EN: &str = include_str!(concat!(env!("OUT_DIR"), "/en-cues.txt"));

/// A set of word hashes (FNV-1a of the normalised word).
pub type Set = FastSet<u64>;
/// A map from word hashes.
pub type Map<V> = FastMap<u64, V>;

/// What a cue does to the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Reporting verb that may also take a bare clause ("said the plan was ...").
    Say,
    /// Reporting verb taking a complementiser, a colon or a quotation.
    Verb,
    /// Reporting verb whose object comes before "that" ("told Reuters that").
    Tell,
    /// Participle continuing the current speaker ("مضيفا", "adding").
    Part,
    /// "according to X": the speaker follows.
    Source,
    /// Attribution after the clause it closes, pointing back at the current speaker
    /// ("... على حد قوله").
    Trail,
    /// Participle whose content may follow it directly, without a complementiser ("قائلا ...").
    Saying,
}

/// One cue form: the hash of its first word, the hashes of the words after it, an optional word
/// that joins the cue when it directly follows.
#[derive(Debug, Clone)]
pub struct CueForm {
    pub rest: Vec<u64>,
    pub optional: Option<u64>,
    pub class: CueClass,
}

/// A language's lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub cues: Map<Vec<CueForm>>,
    pub comp: Set,
    pub block: Set,
    pub title: Set,
    pub conj: Set,
    pub pron: Set,
    pub prep: Set,
    pub particle: Set,
    pub adv: Set,
    pub abbr: Set,
    /// Offices and titles that name a person (the president, الملك، الوزير).
    pub office: Set,
    /// Honorific words before a name (جلالة، سمو، Mr, Dr): part of the speaker's title.
    pub honor: Set,
    /// Nouns that stand for an organisation named elsewhere (the group, the company).
    pub orgref: Set,
    /// Nouns that stand for the current speaker's words (the statement, البيان، التقرير).
    pub carryref: Set,
    /// Time words that may sit between a say-verb and its bare clause ("says Thursday ...").
    pub time: Set,
    /// Words that open verbatim speech after a cue and its subject (لقد، نحن).
    pub verbatim: Set,
    /// Nouns of hope or belief whose preposition does not block a complementiser (أبدى ثقته من أن).
    pub hope: Set,
    /// Relative pronouns: a relative clause after the subject pushes the complementiser further
    /// (وقال الرئيس بوش الذي قطع رحلته ... إنها).
    pub rel: Set,
    /// Possessive determiners that may open a bare clause ("insists its program is ...").
    pub poss: Set,
    /// Lowercase words inside names ("bin", "de", "al"): a missed name may hold them.
    pub name_particle: Set,
    /// Words that make a missed name an organisation's ("Agency", "Herald", "Party").
    pub org_word: Set,
    /// Nouns of evidence: a cue whose subject is one reports no speech (تشير التقديرات، the study).
    pub evidence: Set,
    /// Auxiliaries and copulas: a possessive opens a bare clause only with one of them soon after.
    pub aux: Set,
    /// Words that are no preposition before a number ("about 20").
    pub approx: Set,
    /// News agency names: in parentheses or between dashes they end a reported clause.
    pub agency: Set,
    /// Word sequences that end a reported clause (a narrator's gloss: في إشارة، لكنه لم, but declined).
    pub stops: Map<Vec<Vec<u64>>>,
    /// Whether the language is written verb-first (Arabic): the speaker follows the cue.
    pub verb_first: bool,
}

/// Normalises one character for matching: Arabic letter variants unified (أ إ آ ٱ -> ا, ى ی -> ي,
/// ة -> ه, ک -> ك), diacritics and tatweel dropped (`None`), Latin lowercased, typographic
/// apostrophes made straight.
pub fn norm_char(c: char) -> Option<char> {
    match c {
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' | 'ی' => Some('ي'),
        'ة' => Some('ه'),
        'ک' => Some('ك'),
        '’' | 'ʼ' | '‘' => Some('\''),
        c if c.is_ascii() => Some(c.to_ascii_lowercase()),
        // Arabic script has no case: skip the lowercase tables.
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' => Some(c),
        c => Some(crate::case::lower(c)),
    }
}

/// Hashes of the normalised form of a word given as characters: the whole word, and the word
/// without one Arabic proclitic letter (و ف ب ل ك) when at least three letters remain (the whole
/// word's hash otherwise). One pass, no allocation.
pub fn word_hashes(chars: &[char]) -> (u64, u64) {
    let mut all = Fnv1a64::new();
    let mut rest = Fnv1a64::new();
    let mut first = None;
    let mut n = 0usize;
    for c in chars.iter().filter_map(|&c| norm_char(c)) {
        all.write_char(c);
        if n == 0 {
            first = Some(c);
        } else {
            rest.write_char(c);
        }
        n += 1;
    }
    let stripped = match first {
        Some('و' | 'ف' | 'ب' | 'ل' | 'ك') if n >= 4 => rest,
        _ => all,
    };
    (all.finish(), stripped.finish())
}

/// Hash of the normalised form of a word.
pub fn norm_hash(word: &str) -> u64 {
    let mut h = Fnv1a64::new();
    word.chars().filter_map(norm_char).for_each(|c| h.write_char(c));
    h.finish()
}

/// Normalised text (for comparing names): normalised characters, runs of whitespace made one space.
pub fn normalise_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter_map(norm_char));
    }
    out
}

fn parse(src: &str, verb_first: bool) -> Lexicon {
    let mut lex = Lexicon { verb_first, ..Lexicon::default() };
    let mut prefixes: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let Some(class) = words.next() else { continue };
        if class == "@prefix" {
            if let Some(target) = words.next() {
                prefixes.insert(target, words.collect());
            }
            continue;
        }
        let pre: Vec<&str> = prefixes.get(class).cloned().unwrap_or_default();
        for form in words {
            let (form, optional) = match form.split_once('+') {
                Some((f, o)) => (f, Some(norm_hash(o))),
                None => (form, None),
            };
            let parts: Vec<&str> = form.split('_').filter(|p| !p.is_empty()).collect();
            let Some((first, rest)) = parts.split_first() else { continue };
            let rest: Vec<u64> = rest.iter().map(|w| norm_hash(w)).collect();
            let mut firsts = vec![norm_hash(first)];
            firsts.extend(pre.iter().map(|p| norm_hash(&format!("{p}{first}"))));
            let cue_class = match class {
                "say" => Some(CueClass::Say),
                "verb" => Some(CueClass::Verb),
                "tell" => Some(CueClass::Tell),
                "part" => Some(CueClass::Part),
                "source" => Some(CueClass::Source),
                "trail" => Some(CueClass::Trail),
                "saying" => Some(CueClass::Saying),
                _ => None,
            };
            if class == "stop" {
                for h in firsts {
                    lex.stops.entry(h).or_default().push(rest.clone());
                }
                continue;
            }
            for h in firsts {
                let set = match (class, cue_class) {
                    (_, Some(c)) => {
                        lex.cues.entry(h).or_default().push(CueForm { rest: rest.clone(), optional, class: c });
                        continue;
                    }
                    ("comp", _) => &mut lex.comp,
                    ("block", _) => &mut lex.block,
                    ("title", _) => &mut lex.title,
                    ("conj", _) => &mut lex.conj,
                    ("pron", _) => &mut lex.pron,
                    ("prep", _) => &mut lex.prep,
                    ("particle", _) => &mut lex.particle,
                    ("adv", _) => &mut lex.adv,
                    ("abbr", _) => &mut lex.abbr,
                    ("office", _) => &mut lex.office,
                    ("honor", _) => &mut lex.honor,
                    ("orgref", _) => &mut lex.orgref,
                    ("carryref", _) => &mut lex.carryref,
                    ("time", _) => &mut lex.time,
                    ("verbatim", _) => &mut lex.verbatim,
                    ("hope", _) => &mut lex.hope,
                    ("agency", _) => &mut lex.agency,
                    ("rel", _) => &mut lex.rel,
                    ("poss", _) => &mut lex.poss,
                    ("aux", _) => &mut lex.aux,
                    ("evidence", _) => &mut lex.evidence,
                    ("nameparticle", _) => &mut lex.name_particle,
                    ("orgword", _) => &mut lex.org_word,
                    ("approx", _) => &mut lex.approx,
                    _ => continue,
                };
                set.insert(h);
            }
        }
    }
    // Longer forms first, so "according to" wins over a one-word form starting the same way.
    for forms in lex.cues.values_mut() {
        crate::sort::sort_by_key(forms, |f| std::cmp::Reverse(f.rest.len()));
    }
    lex
}

/// Hashes of the normalised built-in place names of a language (`ar*` or English): a name-like
/// subject that is a place ("the United States says") is no missed speaker.
pub fn places(lang: &str) -> &'static Set {
    static AR_PLACES: OnceLock<Set> = OnceLock::new();
    static EN_PLACES: OnceLock<Set> = OnceLock::new();
    let build = |l: &str| crate::nlp::gazetteer::place_names(l).map(|n| norm_hash(&normalise_text(n))).collect();
    if lang.starts_with("ar") {
        AR_PLACES.get_or_init(|| build("ar"))
    } else {
        EN_PLACES.get_or_init(|| build("en"))
    }
}

/// The lexicon for a language: Arabic for `ar*`, English otherwise.
pub fn lexicon(lang: &str) -> &'static Lexicon {
    static AR_LEX: OnceLock<Lexicon> = OnceLock::new();
    static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
    if lang.starts_with("ar") {
        AR_LEX.get_or_init(|| parse(AR, true))
    } else {
        EN_LEX.get_or_init(|| parse(EN, false))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn arabic_forms_match_with_clitics_and_variants() {
        let lex = lexicon("ar");
        for w in ["قال", "وقال", "فقالت", "وأضاف", "واضاف", "أضافَ", "ووفقا", "وبحسب", "متابعًا", "مشيرًا"]
        {
            assert!(lex.cues.contains_key(&norm_hash(w)), "{w}");
        }
        assert!(lex.comp.contains(&norm_hash("إن")) && lex.comp.contains(&norm_hash("بأن")));
        assert!(lex.title.contains(&norm_hash("وعنوانها")));
        let f = &lex.cues[&norm_hash("نقلا")][0];
        assert_eq!(f.rest, vec![norm_hash("عن")]);
        assert_eq!(lex.cues[&norm_hash("أشار")][0].optional, Some(norm_hash("الى")));
    }

    #[test]
    fn english_forms() {
        let lex = lexicon("en");
        assert_eq!(lex.cues[&norm_hash("Said")][0].class, CueClass::Say);
        assert_eq!(lex.cues[&norm_hash("according")][0].rest, vec![norm_hash("to")]);
        assert!(lex.pron.contains(&norm_hash("She")));
        assert_eq!(word_hashes(&['w', 'o']), (norm_hash("wo"), norm_hash("wo")));
        assert_eq!(word_hashes(&"والاتحاد".chars().collect::<Vec<_>>()), (norm_hash("والاتحاد"), norm_hash("الاتحاد")));
        assert_eq!(word_hashes(&"ولد".chars().collect::<Vec<_>>()).1, norm_hash("ولد"));
        assert_eq!(normalise_text(" سيرغي   لافروف "), "سيرغي لافروف");
    }
}
