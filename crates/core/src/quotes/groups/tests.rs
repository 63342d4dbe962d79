#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::model::{Origin, Quote, QuoteKind, Span, Speaker};

/// A document whose quotes are spoken by the given names: each `(name, label)` is written in the
/// text as a span and quoted once ("NAME said X.").
fn doc(lang: &str, speakers: &[(&str, &str)]) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut quotes = Vec::new();
    for (k, (name, label)) in speakers.iter().enumerate() {
        let s = text.chars().count();
        text.push_str(name);
        let e = text.chars().count();
        text.push_str(" said ");
        let qs = text.chars().count();
        text.push_str("something true");
        let qe = text.chars().count();
        text.push_str(".\n");
        let r = Range::new(s, e).unwrap();
        spans.push(Span::new(format!("s{k}"), r, *label, Origin::Editor).unwrap());
        quotes.push(
            Quote::new(format!("q{}", k + 1), Range::new(qs, qe).unwrap(), QuoteKind::Indirect, Origin::Model)
                .unwrap()
                .with_speaker(Some(Speaker::new(r, Some(format!("s{k}")))), Some((*name).to_string())),
        );
    }
    Document::new("d", "", lang, text).unwrap().with_annotations(spans, quotes).unwrap()
}

fn rows(d: &Document) -> Vec<(String, Vec<String>)> {
    speaker_groups(d).into_iter().map(|g| (g.display_name, g.quotes)).collect()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn arabic_transliteration_variants_titles_and_surnames_are_one_person() {
    let d = doc(
        "ar",
        &[
            ("سيرغي لافروف", "PER"),
            ("الرئيس فلاديمير بوتين", "PER"),
            ("سيرجي لافروف", "PER"),
            ("ولافروف", "PER"),
            ("بوتن", "PER"),
            ("عبد الله الثاني", "PER"),
            ("عبدالله الثانى", "PER"),
            ("أبو مازن", "PER"),
            ("ابو مازن", "PER"),
        ],
    );
    assert_eq!(
        rows(&d),
        vec![
            ("سيرغي لافروف".into(), ids(&["q1", "q3", "q4"])),
            ("الرئيس فلاديمير بوتين".into(), ids(&["q2", "q5"])),
            ("عبد الله الثاني".into(), ids(&["q6", "q7"])),
            ("أبو مازن".into(), ids(&["q8", "q9"])),
        ]
    );
    let g = &speaker_groups(&d)[0];
    assert_eq!(g.mentions.len(), 3);
    assert_eq!(g.mentions[0].text, "سيرغي لافروف");
    assert_eq!(g.mentions[0].span.as_deref(), Some("s0"));
}

#[test]
fn english_surnames_titles_initials_and_acronyms() {
    let d = doc(
        "en",
        &[
            ("John Smith", "PER"),
            ("Mr. Smith", "PER"),
            ("J. Smith", "PER"),
            ("Bashar al-Assad", "PER"),
            ("President Assad", "PER"),
            ("Hassan Rouhani", "PER"),
            ("Rohani", "PER"),
            ("Inter-American Development Bank", "ORG"),
            ("IDB", "ORG"),
        ],
    );
    assert_eq!(
        rows(&d),
        vec![
            ("John Smith".into(), ids(&["q1", "q2", "q3"])),
            ("Bashar al-Assad".into(), ids(&["q4", "q5"])),
            ("Hassan Rouhani".into(), ids(&["q6", "q7"])),
            ("Inter-American Development Bank".into(), ids(&["q8", "q9"])),
        ]
    );
}

#[test]
fn different_people_with_one_surname_stay_apart() {
    // Two Smiths with different first names; "Smith" alone goes with the one who spoke last.
    let d = doc(
        "en",
        &[("John Smith", "PER"), ("Jane Smith", "PER"), ("Smith", "PER"), ("John Smith", "PER"), ("Mr. Smith", "PER")],
    );
    assert_eq!(
        rows(&d),
        vec![("John Smith".into(), ids(&["q1", "q4", "q5"])), ("Jane Smith".into(), ids(&["q2", "q3"]))]
    );
    let d = doc("ar", &[("قو يو شنغ", "PER"), ("قو جي تشاو", "PER")]);
    assert_eq!(speaker_groups(&d).len(), 2);
    // A person and an organisation are never one row, whatever their names.
    let d = doc("en", &[("Jordan", "PER"), ("Jordan", "ORG")]);
    assert_eq!(speaker_groups(&d).len(), 2);
    let keys: Vec<String> = speaker_groups(&d).into_iter().map(|g| g.key).collect();
    assert_ne!(keys[0], keys[1]);
}

#[test]
fn quotes_without_a_speaker_are_in_no_group() {
    let d = doc("en", &[("Ann Lee", "PER")]);
    let q = Quote::new("q9", Range::new(0, 3).unwrap(), QuoteKind::Direct, Origin::Model).unwrap();
    let mut quotes = d.quotes().to_vec();
    quotes.push(q);
    let d = d.clone().with_annotations(d.spans().to_vec(), quotes).unwrap();
    let g = speaker_groups(&d);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].quotes, ids(&["q1"]));
}

#[test]
fn particles_and_acronyms_in_any_case() {
    // The particle al-/el- is left out whatever its case; the rest of the word is kept as written.
    assert_eq!(name_words("AL-Assad", "en"), name_words("Assad", "en"));
    assert_eq!(name_words("El-Baradei", "en"), name_words("Baradei", "en"));
    assert_eq!(name_words("Alan", "en"), vec!["alan".to_string()]);
    // Acronyms: the long name's initials in either case; "of", "for", "and", "the", "de" skipped in
    // any case; a hyphenated word counts once or for each part.
    assert!(acronym_of("IDB", "Inter-American Development Bank"));
    assert!(acronym_of("IADB", "Inter-American Development Bank"));
    assert!(acronym_of("UN", "united nations"));
    assert!(!acronym_of("BoE", "Bank OF England"));
    assert!(acronym_of("BE", "Bank OF England"));
    assert!(acronym_of("UNHCR", "United Nations High Commissioner For Refugees"));
    assert!(!acronym_of("US", "United Nations"));
    assert!(acronym_of("ÉU", "états-unis"));
    assert!(!acronym_of("U", "United"));
    assert!(!acronym_of("Un", "United Nations"));
}
