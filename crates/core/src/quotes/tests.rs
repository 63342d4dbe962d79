#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::model::{Origin, QuoteKind, Range};

/// Entity spans for every occurrence of each `(label, name)` in `text`.
fn ents(text: &str, names: &[(&str, &str)]) -> Vec<Span> {
    let mut out = Vec::new();
    for (label, name) in names {
        let mut from = 0;
        while let Some(b) = text[from..].find(name) {
            let b = from + b;
            let s = text[..b].chars().count();
            let e = s + name.chars().count();
            let overlaps = out.iter().any(|x: &Span| x.start() < e && s < x.end());
            if !overlaps {
                out.push(
                    Span::new(format!("e{}", out.len() + 1), Range::new(s, e).unwrap(), *label, Origin::Editor)
                        .unwrap(),
                );
            }
            from = b + name.len();
        }
    }
    out
}

fn cut(text: &str, r: Range) -> String {
    text.chars().skip(r.start()).take(r.len()).collect()
}

/// (kind, content, cue, speaker name) of each quote.
fn run(text: &str, lang: &str, names: &[(&str, &str)]) -> Vec<(QuoteKind, String, Option<String>, Option<String>)> {
    let spans = ents(text, names);
    let qs = detect(text, lang, &spans);
    for q in &qs {
        // A speaker is tied to one of the entity spans, or (a name the entities missed) to none.
        if let Some(id) = q.speaker().and_then(|sp| sp.span()) {
            assert!(spans.iter().any(|s| s.id() == id && s.range() == q.speaker().unwrap().range()));
        }
        assert_eq!(q.origin(), Origin::Model);
        assert!(q.confidence().is_some());
    }
    qs.iter()
        .map(|q| (q.kind(), cut(text, q.range()), q.cue().map(|c| cut(text, c)), q.speaker_name().map(str::to_string)))
        .collect()
}

fn contents(text: &str, lang: &str) -> Vec<String> {
    run(text, lang, &[]).into_iter().map(|q| q.1).collect()
}

use QuoteKind::{Direct, Indirect, Mixed};

#[test]
fn every_quote_mark_style_after_a_colon() {
    for (open, close) in [("\"", "\""), ("“", "”"), ("«", "»"), ("„", "“"), ("‹", "›"), ("‘", "’"), ("'", "'")]
    {
        let text = format!("The minister said: {open}We will build it now.{close} Then he left.");
        assert_eq!(contents(&text, "en"), vec!["We will build it now"], "{open}{close}");
    }
    assert_eq!(contents("وأضاف: «لن نتراجع عن هذا القرار».", "ar"), vec!["لن نتراجع عن هذا القرار"]);
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "Don't worry, the workers' union in l'Etat and the Shi'a council's chief said: 'It's fine.'";
    assert_eq!(contents(text, "en"), vec!["It's fine"]);
    assert!(contents("The Qur'an and Ma'arib don't matter to 'Ali.", "en").is_empty());
}

#[test]
fn nested_marks_stay_inside_the_outer_quote() {
    let text = "وقال الوزير: «وصفوا الخطة بأنها \"مستحيلة\" لكننا سننفذها».";
    assert_eq!(contents(text, "ar"), vec!["وصفوا الخطة بأنها \"مستحيلة\" لكننا سننفذها"]);
    let text = "She said: “They called it ‘a dream’, and it was.”";
    assert_eq!(contents(text, "en"), vec!["They called it ‘a dream’, and it was"]);
}

#[test]
fn unbalanced_marks_stop_at_the_paragraph() {
    let text =
        "Ann Lee said: “We will win this\nThe match is on Friday. Nobody doubts it.\nShe added that it was hard.";
    let q = run(text, "en", &[("PER", "Ann Lee")]);
    assert_eq!(q[0].1, "We will win this");
    assert_eq!(q[1], (Indirect, "it was hard".into(), Some("added".into()), Some("Ann Lee".into())));
    assert_eq!(q.len(), 2);
    // A stray closing mark does nothing.
    assert!(contents("The plan” was approved on Monday.", "en").is_empty());
}

#[test]
fn paragraph_continuation_keeps_the_speaker() {
    let text = "Ann Lee said: “First part.\n“Second part.”\nThe weather was fine.";
    let q = run(text, "en", &[("PER", "Ann Lee")]);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0], (Direct, "First part".into(), Some("said".into()), Some("Ann Lee".into())));
    assert_eq!(q[1], (Direct, "Second part".into(), None, Some("Ann Lee".into())));
    // No continuation when the next paragraph does not open with a mark.
    let q = run("Ann Lee said: “First part.\nSecond part.", "en", &[("PER", "Ann Lee")]);
    assert_eq!(q.len(), 1);
}

#[test]
fn titles_and_scare_quotes_are_not_quotes() {
    let text = "وأطلقت الوزارة حملة «قطرة بقطرة» في البرنامج السياسي \"موسكو. الكرملين.\nوشارك \"الخبراء\" في اللقاء.";
    assert!(contents(text, "ar").is_empty());
    assert!(contents("The so-called \"experts\" met in a show called \"Night Talk\".", "en").is_empty());
    // A long quotation inside a sentence is kept, a short one only with a cue.
    let text = "The report was \"a complete and utter failure of every single institution involved\" in the end.";
    assert_eq!(contents(text, "en").len(), 1);
}

#[test]
fn split_quote_shares_speaker_and_cue() {
    let text = "“It works,” Brennan said. “They simply did not know.”";
    let q = run(text, "en", &[("PER", "Brennan")]);
    assert_eq!(q[0], (Direct, "It works".into(), Some("said".into()), Some("Brennan".into())));
    assert_eq!(q[1], (Direct, "They simply did not know".into(), Some("said".into()), Some("Brennan".into())));
}

#[test]
fn carried_over_speakers() {
    let text = "وقالت الوزيرة نادية فهمي إن الخطة جاهزة.\nوأضافت: «سنبدأ غدا».\nوتابعت أن التمويل متوفر.";
    let q = run(text, "ar", &[("PER", "نادية فهمي")]);
    assert_eq!(q.len(), 3);
    assert!(q.iter().all(|x| x.3.as_deref() == Some("نادية فهمي")), "{q:?}");
    let text = "Jonas Friis said that pay was low. He added that staff were tired. “We need help,” she said.";
    let q = run(text, "en", &[("PER", "Jonas Friis")]);
    assert_eq!(q.len(), 3);
    assert!(q.iter().all(|x| x.3.as_deref() == Some("Jonas Friis")), "{q:?}");
    // Never from too far: no speaker four paragraphs later.
    let text = "Ann Lee said that it rained.\nA.\nB.\nC.\nD.\nHe added that it was cold.";
    let q = run(text, "en", &[("PER", "Ann Lee")]);
    assert_eq!(q[1].3, None);
    // Nobody to carry over.
    assert_eq!(run("He added that it was cold.", "en", &[])[0].3, None);
}

#[test]
fn according_to_and_bihasab() {
    let text = "According to the Small Traders Association, fewer than one in three shops were ready.";
    let q = run(text, "en", &[("ORG", "Small Traders Association")]);
    assert_eq!(
        q,
        vec![(
            Indirect,
            "fewer than one in three shops were ready".into(),
            Some("According to".into()),
            Some("Small Traders Association".into())
        )]
    );
    let text = "وبحسب وزارة التجهيز والماء، فإن المغرب يواجه موجة جفاف.";
    let q = run(text, "ar", &[("ORG", "وزارة التجهيز والماء"), ("LOC", "المغرب")]);
    assert_eq!(
        q,
        vec![(Indirect, "المغرب يواجه موجة جفاف".into(), Some("وبحسب".into()), Some("وزارة التجهيز والماء".into()))]
    );
    let text = "Prices rose by 4% last year, according to the central bank.";
    let q = run(text, "en", &[("ORG", "central bank")]);
    assert_eq!(q[0].1, "Prices rose by 4% last year");
    assert_eq!(q[0].3.as_deref(), Some("central bank"));
}

#[test]
fn mixed_quotes_are_one_quote() {
    let text = "وقال بيسكوف إن كازاخستان \"مستقلة\" وتقرر سياستها.. وأضاف: \"لكنه شريكنا\".";
    let q = run(text, "ar", &[("PER", "ديمتري بيسكوف"), ("PER", "بيسكوف"), ("LOC", "كازاخستان")]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, Mixed);
    assert_eq!(q[0].1, "كازاخستان \"مستقلة\" وتقرر سياستها");
    assert_eq!(q[1], (Direct, "لكنه شريكنا".into(), Some("وأضاف".into()), Some("بيسكوف".into())));
    let text = "The head teacher, Priya Raman, said the mood was \"noticeably brighter\".";
    let q = run(text, "en", &[("PER", "Priya Raman")]);
    assert_eq!(
        q,
        vec![(Mixed, "the mood was \"noticeably brighter\"".into(), Some("said".into()), Some("Priya Raman".into()))]
    );
}

#[test]
fn arabic_speaker_after_title_and_fullest_name() {
    let text = "وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحفيين إن الزيارة ناجحة.\nوأكد بيسكوف: «نحن مستعدون».";
    let q = run(text, "ar", &[("PER", "ديمتري بيسكوف"), ("PER", "بيسكوف"), ("ORG", "الكرملين")]);
    assert_eq!(q[0], (Indirect, "الزيارة ناجحة".into(), Some("وقال".into()), Some("ديمتري بيسكوف".into())));
    assert_eq!(q[1], (Direct, "نحن مستعدون".into(), Some("وأكد".into()), Some("ديمتري بيسكوف".into())));
    // Participle cues end the clause before them and keep the speaker.
    let text = "وأوضحت العلوي أن المحطة جاهزة، مضيفة: “الماء والطاقة وجهان لعملة واحدة”.";
    let q = run(text, "ar", &[("PER", "سلمى العلوي"), ("PER", "العلوي")]);
    assert_eq!(q[0].1, "المحطة جاهزة");
    assert_eq!(q[1], (Direct, "الماء والطاقة وجهان لعملة واحدة".into(), Some("مضيفة".into()), Some("العلوي".into())));
}

#[test]
fn english_subject_positions() {
    let text = "Jonas Friis, a regional organiser for the Harbour Workers' Association, said that jobs were needed.";
    let q = run(text, "en", &[("PER", "Jonas Friis"), ("ORG", "Harbour Workers' Association")]);
    assert_eq!(q[0].3.as_deref(), Some("Jonas Friis"));
    let q = run("“We are ready,” said Mette Lindqvist.", "en", &[("PER", "Mette Lindqvist")]);
    assert_eq!(q[0].3.as_deref(), Some("Mette Lindqvist"));
    let q = run(
        "Lindqvist told Reuters on Monday that the port would grow.",
        "en",
        &[("PER", "Lindqvist"), ("ORG", "Reuters")],
    );
    assert_eq!(q, vec![(Indirect, "the port would grow".into(), Some("told".into()), Some("Lindqvist".into()))]);
}

#[test]
fn cue_words_in_other_uses_make_no_quote() {
    assert!(contents("تابع أحدث الأخبار عبر تطبيق", "ar").is_empty());
    assert!(contents("ومن المقرر أن تبدأ الأعمال بعد أن أعلن عن الخطة.", "ar").is_empty());
    assert!(contents("The United States said nothing.", "en").len() <= 1);
    assert!(contents("", "en").is_empty());
}

#[test]
fn headline_attribution() {
    let text = "لافروف: روسيا مستعدة لبناء محطة نووية\nنص الخبر.";
    let q = run(text, "ar", &[("PER", "لافروف")]);
    assert_eq!(q, vec![(Indirect, "روسيا مستعدة لبناء محطة نووية".into(), None, Some("لافروف".into()))]);
}

#[test]
fn ids_offsets_and_confidence() {
    let text = "😀 Ann Lee said that it rained. She added: “Bring 🌂.”";
    let spans = ents(text, &[("PER", "Ann Lee")]);
    let qs = detect(text, "en", &spans);
    assert_eq!(qs.iter().map(|q| q.id()).collect::<Vec<_>>(), vec!["q1", "q2"]);
    assert_eq!(cut(text, qs[1].range()), "Bring 🌂");
    assert!(qs[0].confidence().unwrap() > qs[1].confidence().unwrap() - 0.2);
    let doc = Document::new("d", "", "en", text).unwrap().with_annotations(spans, vec![]).unwrap();
    let again = detect_in(&doc);
    assert_eq!(again, qs);
    // The quotes are valid annotations of the document (speaker ids are its spans).
    let spans = doc.spans().to_vec();
    assert!(doc.with_annotations(spans, qs).is_ok());
}

#[test]
fn anonymous_and_non_entity_speakers_get_none() {
    // Arabic: an indefinite subject right after the verb is anonymous.
    let text = "وقالت ريم بدران إن القرار متوقع.\n\"لا نرى حاجة للعجلة\"، قال مسؤول في البنك.";
    let q = run(text, "ar", &[("PER", "ريم بدران")]);
    assert_eq!(q[1], (Direct, "لا نرى حاجة للعجلة".into(), Some("قال".into()), None));
    // ... but a definite title refers back to the current speaker.
    let text = "وقالت ريم بدران إن القرار متوقع.\nوأضاف وزير الخارجية أن الأزمة حادة.";
    assert_eq!(run(text, "ar", &[("PER", "ريم بدران")])[1].3.as_deref(), Some("ريم بدران"));
    // English: a subject that is no entity.
    let text = "Kathleen Cook said that it was wrong. The ministry said the clinics would open in March.";
    let q = run(text, "en", &[("PER", "Kathleen Cook")]);
    assert_eq!(q[1], (Indirect, "the clinics would open in March".into(), Some("said".into()), None));
}

#[test]
fn arabic_complementiser_with_pronoun() {
    let text = "أعلن الاتحاد التونسي لكرة القدم، الخميس، أنه سيطلق برنامجا جديدا.";
    let q = run(text, "ar", &[("ORG", "الاتحاد التونسي لكرة القدم")]);
    assert_eq!(
        q,
        vec![(Indirect, "سيطلق برنامجا جديدا".into(), Some("أعلن".into()), Some("الاتحاد التونسي لكرة القدم".into()))]
    );
}

#[test]
fn clause_before_the_cue() {
    let text = "The program will cost about $12 million a year, Asagwara said.";
    let q = run(text, "en", &[("PER", "Asagwara")]);
    assert_eq!(
        q,
        vec![(
            Indirect,
            "The program will cost about $12 million a year".into(),
            Some("said".into()),
            Some("Asagwara".into())
        )]
    );
    let text = "Hospitals will begin offering same-day appointments, the health ministry announced on Tuesday.";
    let q = run(text, "en", &[]);
    assert_eq!(q[0].1, "Hospitals will begin offering same-day appointments");
    assert_eq!(q[0].3, None);
    // Too short to be a clause: nothing.
    assert!(contents("In a statement, the ministry said.", "en").is_empty());
}

#[test]
fn trailing_attribution_with_titles_and_abbreviations() {
    let text = "\"Nobody should wait six weeks,\" Health Minister Uzoma Asagwara told reporters.";
    let q = run(text, "en", &[("PER", "Uzoma Asagwara")]);
    assert_eq!(
        q,
        vec![(Direct, "Nobody should wait six weeks".into(), Some("told".into()), Some("Uzoma Asagwara".into()))]
    );
    let text =
        "\"We have patients who drive four hours,\" said Dr. Candace Bradshaw, the president. \"It will not help.\"";
    let q = run(text, "en", &[("PER", "Candace Bradshaw")]);
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|x| x.2.as_deref() == Some("said") && x.3.as_deref() == Some("Candace Bradshaw")), "{q:?}");
    // A scare quote followed by an unrelated clause is not claimed by the next cue.
    let text = "He called it \"a mess\" and the minister said that it would be fixed.";
    let q = run(text, "en", &[]);
    assert_eq!(q, vec![(Indirect, "it would be fixed".into(), Some("said".into()), None)]);
}

#[test]
fn detection_is_linear_on_long_texts() {
    let para = "وقال الوزير سيرغي لافروف إن روسيا مستعدة، مضيفا: «نحن هنا». وأكد \"الخبراء\" أن الوضع مستقر.\n";
    let text = para.repeat(2000);
    let spans = ents(&text, &[("PER", "سيرغي لافروف")]);
    let t = std::time::Instant::now();
    let q = detect(&text, "ar", &spans);
    assert_eq!(q.len(), 6000);
    assert!(t.elapsed().as_secs_f64() < 5.0, "{:?}", t.elapsed());
}

#[test]
fn arabic_cue_prepositions_and_quoted_names_in_the_attribution() {
    let text = "وحذر الوزير كريم بنسالم من أن الأزمة ستتفاقم.";
    let q = run(text, "ar", &[("PER", "كريم بنسالم")]);
    assert_eq!(q, vec![(Indirect, "الأزمة ستتفاقم".into(), Some("وحذر".into()), Some("كريم بنسالم".into()))]);
    let text = "وقالت منى الشاذلي لـ«الأهرام»: «المريض لا يشعر بأي أعراض».";
    let q = run(text, "ar", &[("PER", "منى الشاذلي"), ("ORG", "الأهرام")]);
    assert_eq!(q, vec![(Direct, "المريض لا يشعر بأي أعراض".into(), Some("وقالت".into()), Some("منى الشاذلي".into()))]);
    let q = run("محذرا من أن الوضع خطير.", "ar", &[]);
    assert_eq!(q[0].2.as_deref(), Some("محذرا من"));
}

#[test]
fn inverted_subject_after_a_title_abbreviation() {
    let text = "Prices will rise next year, said Dr. Ann Lee, an economist.";
    let q = run(text, "en", &[("PER", "Ann Lee")]);
    assert_eq!(q, vec![(Indirect, "Prices will rise next year".into(), Some("said".into()), Some("Ann Lee".into()))]);
}

#[test]
fn cue_at_the_end_of_the_text_does_not_panic() {
    // Found on UNER EWT dev: a reporting verb followed by "of X :" and nothing else.
    let text = "that on April 2 AP reported of Muqtada :";
    let _ = run(text, "en", &[("ORG", "AP"), ("PER", "Muqtada")]);
    let _ = run("reported of Muqtada", "en", &[("PER", "Muqtada")]);
}

// ------------------------------------------------------------------------------------------
// Issue 14: rules from the news gold's dev parts (each text written for the test).

/// (content, speaker name) of each quote.
fn said(text: &str, lang: &str, names: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    run(text, lang, names).into_iter().map(|q| (q.1, q.3)).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn initialisms_do_not_end_sentences() {
    let q = said("Officials said the agency has warned U.S. lawmakers to be ready.", "en", &[]);
    assert_eq!(q, vec![("the agency has warned U.S. lawmakers to be ready".into(), None)]);
}

#[test]
fn english_bare_clauses_after_time_words_capitals_and_pronouns() {
    let text = "Reporters Without Borders says Thursday Ali Rezaei was released on bail.";
    let q = said(text, "en", &[("ORG", "Reporters Without Borders"), ("PER", "Ali Rezaei")]);
    assert_eq!(q, vec![("Ali Rezaei was released on bail".into(), s("Reporters Without Borders"))]);
    assert_eq!(said("Tehran insists its program is peaceful.", "en", &[])[0].0, "its program is peaceful");
    // A possessive without a verb after it is the object's.
    assert!(contents("Bishara announced his resignation from parliament.", "en").is_empty());
    let text = "Hassan Rohani told an Iranian daily he believes the talks will go on.";
    let q = said(text, "en", &[("PER", "Hassan Rohani")]);
    assert_eq!(q, vec![("he believes the talks will go on".into(), s("Hassan Rohani"))]);
    let text = "The Reuters news agency quotes a State Department official as saying Washington expects no change.";
    let q = said(text, "en", &[("ORG", "Reuters"), ("ORG", "State Department")]);
    assert_eq!(q, vec![("Washington expects no change".into(), s("State Department"))]);
    let q = said("The military says about 20 insurgents were killed.", "en", &[]);
    assert_eq!(q, vec![("about 20 insurgents were killed".into(), None)]);
}

#[test]
fn english_clause_ends_and_non_cues() {
    let q = said("Police announced that Bishara is being investigated, but have refused to give details.", "en", &[]);
    assert_eq!(q, vec![("Bishara is being investigated".into(), None)]);
    assert_eq!(said("He said prices rose and added that wages fell.", "en", &[]).len(), 2);
    // A capitalised cue word inside a sentence is a name; a verb after "to" is no reported event.
    assert!(contents("Canada and the United States have failed to ratify the accord.", "en").is_empty());
    assert!(contents("Chevron, the number two producer, is set to report earnings on Friday.", "en").is_empty());
    // A quoted phrase inside a sentence with no cue is not a quote.
    let text = "He wants the release of \"minors, women and elderly people held in detention\" as well as others.";
    assert!(contents(text, "en").is_empty());
}

#[test]
fn english_descriptions_offices_and_pronouns() {
    let text = "President Bush says intelligence must improve.\nIn an interview with CNN, the president said human efforts are needed.";
    let q = said(text, "en", &[("PER", "Bush"), ("ORG", "CNN")]);
    assert_eq!(q[1].1, s("Bush"));
    // The name comes after the description.
    let text = "Iraq's president says the charter will be ready Sunday.\nJalal Talabani told reporters the committee had resolved the issues.";
    let q = said(text, "en", &[("PER", "Jalal Talabani")]);
    assert_eq!(q[0].1, s("Jalal Talabani"));
    let text = "An international media group says it is disturbed by the arrests.\nReporters Without Borders says two journalists were held.\nIn a statement, the group says one was beaten.\nThe statement says he was released late Monday.";
    let q = said(text, "en", &[("ORG", "Reporters Without Borders")]);
    assert!(q.iter().all(|x| x.1 == s("Reporters Without Borders")), "{q:?}");
    // "he" is a person, "it" an organisation.
    let text = "Jane Doe said profits would rise. Acme Corp said it would hire. He added that prices would fall. It added that stores would open.";
    let q = said(text, "en", &[("PER", "Jane Doe"), ("ORG", "Acme Corp")]);
    assert_eq!((q[2].1.as_deref(), q[3].1.as_deref()), (Some("Jane Doe"), Some("Acme Corp")));
    // After an anonymous source, "it" is that source, not an earlier organisation.
    let text = "Acme Corp said it would hire.\nA military statement said six soldiers were hurt.\nIt said two insurgents were detained.";
    assert_eq!(said(text, "en", &[("ORG", "Acme Corp")])[2].1, None);
    // The subject before a parenthetical.
    let text =
        "Acme Corp said it would hire.\nThe officials, speaking on condition of anonymity, say the plan was old.";
    assert_eq!(said(text, "en", &[("ORG", "Acme Corp")])[1].1, None);
    // A subject with no entity: the name after the verb belongs to the clause.
    let q = said("Jordanian officials say King Abdullah has recalled his envoy.", "en", &[("PER", "Abdullah")]);
    assert_eq!(q, vec![("King Abdullah has recalled his envoy".into(), None)]);
}

#[test]
fn english_names_the_entities_missed() {
    // No entity: the name before the cue is the speaker, tied to no span.
    let text = "Correspondent Colombant says soldiers engage in abuse. He says the army denies it.";
    let spans = ents(text, &[]);
    let qs = detect(text, "en", &spans);
    assert_eq!(qs.len(), 2);
    assert!(qs.iter().all(|q| q.speaker_name() == Some("Colombant") && q.speaker().and_then(|s| s.span()).is_none()));
    let q = said("Mr. Ban Wednesday said he received a letter.", "en", &[]);
    assert_eq!(q[0].1, s("Ban"));
    let q = said("According to the Herald, the agency warned lawmakers.", "en", &[]);
    assert_eq!(q, vec![("the agency warned lawmakers".into(), s("Herald"))]);
    // A word of a name tagged elsewhere; a place is no speaker.
    let q = said("Grace Okafor runs the trust.\nOkafor said the trust would grow.", "en", &[("PER", "Grace Okafor")]);
    assert_eq!(q[0].1, s("Grace Okafor"));
    assert_eq!(said("The United States says it will help.", "en", &[])[0].1, None);
    // Common nouns at the start of a sentence are no names.
    assert_eq!(said("Officials say the road is closed.", "en", &[])[0].1, None);
}

#[test]
fn arabic_speakers_from_subjects_offices_and_the_sentence() {
    // A person introduced by a sentence that is not a quote, then named by office.
    let text = "وأعرب الملك حمد بن عيسى عن تقديره للجهود المصرية.\nوقال الملك إن الزيارة مهمة.";
    assert_eq!(said(text, "ar", &[("PER", "حمد بن عيسى")])[0].1, s("حمد بن عيسى"));
    // The last person named with that office, not the last person named.
    let text = "استقبل وزير المالية سامي حداد السفير جون سميث.\nوقال وزير المالية إن المفاوضات ناجحة.";
    assert_eq!(said(text, "ar", &[("PER", "سامي حداد"), ("PER", "جون سميث")])[0].1, s("سامي حداد"));
    // A verb with no subject in the middle of a sentence: the person just named.
    let text = "التقت المجلة الباحث سالم الحربي مدير المتحف، فأشار إلى أن المتحف قديم.";
    assert_eq!(said(text, "ar", &[("PER", "سالم الحربي")]), vec![("المتحف قديم".into(), s("سالم الحربي"))]);
    // An honorific pronoun continues the current speaker.
    let text = "وجدد الملك عبدالله الثاني دعمه للحوار.\nولفت جلالته إلى أن الحل قريب.";
    assert_eq!(said(text, "ar", &[("PER", "عبدالله الثاني")])[0].1, s("عبدالله الثاني"));
    // The name comes in the next sentence.
    let text = "قالت لنا: «لست متشائمة أبدا».\nلم تكن الدكتورة \"هنريتا آب\" تتحدث من فراغ.";
    assert_eq!(said(text, "ar", &[("PER", "هنريتا آب")])[0].1, s("هنريتا آب"));
    // Sources that are no entity: a definite noun, an indefinite noun before the verb.
    let text = "وقال سالم الحربي إن المتحف قديم.\nوقالت الرئاسة إن الرئيس سافر.\nلكن خبراء قالوا إن التحذير متوسط.";
    let q = said(text, "ar", &[("PER", "سالم الحربي")]);
    assert_eq!((q[1].1.as_deref(), q[2].1.as_deref()), (None, None));
    // Any noun written beside a person's name before names that person.
    let text = "وصل المدرب حسن شحاتة إلى القاهرة.\nوقال المدرب إن الفريق جاهز.";
    assert_eq!(said(text, "ar", &[("PER", "حسن شحاتة")])[0].1, s("حسن شحاتة"));
    let text = "Coach Joe Smith arrived on Monday. The coach said the team was ready.";
    assert_eq!(said(text, "en", &[("PER", "Joe Smith")])[0].1, s("Joe Smith"));
    // "وسجل التقرير": the report of whoever spoke last.
    let text = "وكشف تقرير صادر عن اتحاد السياحة أن الزوار زادوا.\nوسجل التقرير أن الإقامة قصرت.";
    assert_eq!(said(text, "ar", &[("ORG", "اتحاد السياحة")])[1].1, s("اتحاد السياحة"));
    // A word of a name the entities have elsewhere.
    let text = "وكان إستوارت بوين في بغداد.\nوقال بوين إن الخسائر كبيرة.";
    assert_eq!(said(text, "ar", &[("PER", "إستوارت بوين")])[0].1, s("إستوارت بوين"));
}

#[test]
fn arabic_clause_starts_and_ends() {
    // A relative clause after the subject: the complementiser comes later.
    let text = "وقال الرئيس جورج بوش الذي قطع زيارته إلى فلوريدا وعاد إلى العاصمة إن الهجوم مأساة.";
    assert_eq!(said(text, "ar", &[("PER", "جورج بوش")]), vec![("الهجوم مأساة".into(), s("جورج بوش"))]);
    // ... and the relative clause's own complementiser and quotation are skipped.
    let text = "كما قال الرئيس الذي وصف الخطة بأنها \"خطأ كبير\"، أن الحكومة ستتراجع.";
    assert_eq!(contents(text, "ar"), vec!["الحكومة ستتراجع"]);
    // Verbatim speech after the cue and its subject; a participle's content right after it.
    assert_eq!(contents("وقال الرئيس لقد تحدثت إلى المحافظ.", "ar"), vec!["لقد تحدثت إلى المحافظ"]);
    assert_eq!(contents("وهدد قائلا: إن الإرهاب لن ينتصر.", "ar"), vec!["الإرهاب لن ينتصر"]);
    // Two verbs in a row are one cue.
    let q = run("وتابع يقول \"الحل واضح\" في هذا الشأن.", "ar", &[]);
    assert_eq!((q[0].1.as_str(), q[0].2.as_deref()), ("الحل واضح", Some("وتابع يقول")));
    // Narrator's glosses, captions and a second cue end the clause.
    assert_eq!(contents("وقال سالم إن الخطة جاهزة لكنه لم يوضح موعدها.", "ar"), vec!["الخطة جاهزة"]);
    assert_eq!(contents("وقال سالم إن الخطة جاهزة (رويترز) أعلنت الحكومة خطة جديدة.", "ar"), vec!["الخطة جاهزة"]);
    assert_eq!(
        contents("نفى سالم أن تكون الحكومة استقالت، كما رفض التعليق على الأنباء.", "ar"),
        vec!["تكون الحكومة استقالت"]
    );
    let text = "وقالت تقارير إن الطائرة سقطت فيما أفادت تقارير أخرى بأن الركاب نجوا.";
    assert_eq!(contents(text, "ar"), vec!["الطائرة سقطت", "الركاب نجوا"]);
    let text = "وذكر سالم أن الخطة نجحت، وهو ما يبرر التأخير.";
    assert_eq!(contents(text, "ar"), vec!["الخطة نجحت"]);
}

#[test]
fn arabic_attributions_evidence_and_broken_marks() {
    // Evidence is no speech, unless it is a named organisation's.
    assert!(contents("وتشير التقديرات إلى أن عدد الضحايا كبير.", "ar").is_empty());
    let q = said("وتشير تقديرات منظمة الصحة إلى أن عدد الضحايا كبير.", "ar", &[("ORG", "منظمة الصحة")]);
    assert_eq!(q, vec![("عدد الضحايا كبير".into(), s("منظمة الصحة"))]);
    // "حسب X" right after its clause, "على حد قوله" after the clause it closes.
    let q = said("وبلغ عدد القتلى أكثر من مئة شخص حسب تقديرات الشرطة.", "ar", &[]);
    assert_eq!(q, vec![("وبلغ عدد القتلى أكثر من مئة شخص".into(), None)]);
    assert!(contents("وكيف يختار الغير الحضور فحسب من العرب؟", "ar").is_empty());
    let text =
        "وقال كوفي أنان إن الصبر مطلوب.\nوالتقى أنان الوزير علي لاريجاني، وهو لا يأمل أكثر من التهدئة على حد قوله.";
    let q = said(text, "ar", &[("PER", "كوفي أنان"), ("PER", "أنان"), ("PER", "علي لاريجاني")]);
    assert_eq!(q[1], ("وهو لا يأمل أكثر من التهدئة".into(), s("كوفي أنان")));
    // A participle right before a reporting verb is a noun (a stewardess).
    let q = run("مضيفة تحدثت من الطائرة: الخاطفون مسلحون", "ar", &[]);
    assert_eq!((q.len(), q[0].2.as_deref()), (1, Some("تحدثت")));
    // Marks shifted by one word in the source.
    let text = "\"وذكر أن الاقتصاد ينمو. وقال\" نعتقد أن الأزمة انتهت.\n";
    assert_eq!(contents(text, "ar"), vec!["الاقتصاد ينمو", "نعتقد أن الأزمة انتهت"]);
    // An opening mark never closed and claimed by no cue is a stray mark.
    assert!(contents("«وكان في استقبال الوفد عدد من المسؤولين.", "ar").is_empty());
}
