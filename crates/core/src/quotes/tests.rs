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
        if let Some(sp) = q.speaker() {
            let id = sp.span().expect("speaker tied to an entity");
            assert!(spans.iter().any(|s| s.id() == id && s.range() == sp.range()));
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
