#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use super::*;
use crate::model::{Origin, Range, Span};
use crate::nlp::Annotator;

fn model(lang: &str) -> Vec<u8> {
    let p =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../static/models/{lang}.sanad-model"));
    std::fs::read(p).unwrap()
}

/// A done document from text with `[[LABEL:words]]` marks.
fn doc(id: &str, marked: &str) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(a) = rest.find("[[") {
        text.push_str(&rest[..a]);
        let b = rest[a..].find("]]").unwrap() + a;
        let (label, words) = rest[a + 2..b].split_once(':').unwrap();
        let s = text.chars().count();
        text.push_str(words);
        let e = text.chars().count();
        spans.push(
            Span::new(format!("e{}", spans.len() + 1), Range::new(s, e).unwrap(), label, Origin::Editor).unwrap(),
        );
        rest = &rest[b + 2..];
    }
    text.push_str(rest);
    let lang = crate::lang::detect(&text);
    Document::new(id, "", lang, text).unwrap().with_status(Status::Done).with_annotations(spans, vec![]).unwrap()
}

fn annotator() -> Annotator {
    let mut ann = Annotator::from_model_files(&[&model("ar"), &model("en")]).unwrap();
    ann.dates = false;
    ann
}

/// The suggestions for `text` as (words, label).
fn suggested(ann: &Annotator, text: &str) -> Vec<(String, String)> {
    ann.annotate_full(text, crate::lang::detect(text)).spans.into_iter().map(|s| (s.text, s.label)).collect()
}

fn has(ann: &Annotator, text: &str, words: &str, label: &str) -> bool {
    suggested(ann, text).iter().any(|(w, l)| w == words && l == label)
}

const PROBE_ORG: &str = "وقالت شركة تمكين إن أرباحها ارتفعت.";

fn teach_org() -> Vec<Document> {
    vec![doc(
        "d1",
        "أعلنت [[ORG:شركة تمكين]] عن مشروع جديد في المدينة، وقال مديرها [[PER:سنبلة]] إن العمل سيبدأ قريبا.",
    )]
}

#[test]
fn a_span_taught_is_suggested_next_time() {
    let mut ann = annotator();
    assert!(
        !has(&ann, PROBE_ORG, "شركة تمكين", "ORG"),
        "the base model already finds it: {:?}",
        suggested(&ann, PROBE_ORG)
    );
    let mut l = Learner::new(ann.tagger("ar").unwrap());
    for d in teach_org() {
        let r = l.learn_document(ann.tagger("ar").unwrap(), &d).unwrap();
        assert_eq!((r.spans, r.skipped_spans), (2, 0));
        assert!(r.updates > 0);
    }
    ann.set_delta(l.delta().clone()).unwrap();
    assert!(has(&ann, PROBE_ORG, "شركة تمكين", "ORG"), "{:?}", suggested(&ann, PROBE_ORG));
    assert_eq!(l.stats().documents, 1);
}

#[test]
fn a_span_removed_stops_being_suggested() {
    let mut ann = annotator();
    // An unknown word the base model takes for a person (the models of issue 14 do).
    let probe = "غادر كوستاريغا المدينة بعد الاجتماع.";
    assert!(has(&ann, probe, "كوستاريغا", "PER"), "the base model does not suggest it: {:?}", suggested(&ann, probe));
    // The editor removed the suggestion in two articles and marked them done: no span is left.
    let docs = [doc("d1", "وصل كوستاريغا إلى المدينة صباح اليوم."), doc("d2", "وقال كوستاريغا إن الوضع هادئ.")];
    let mut l = Learner::new(ann.tagger("ar").unwrap());
    for d in &docs {
        l.learn_document(ann.tagger("ar").unwrap(), d).unwrap();
    }
    ann.set_delta(l.delta().clone()).unwrap();
    assert!(!has(&ann, probe, "كوستاريغا", "PER"), "{:?}", suggested(&ann, probe));
    // Nothing else of the probe was learned away: the English model is untouched.
    let en = "Mr Quenby said the plan would work.";
    assert_eq!(suggested(&ann, en), suggested(&annotator(), en));
}

#[test]
fn reset_restores_the_base_model() {
    let base = annotator();
    let mut ann = annotator();
    let tg = base.tagger("ar").unwrap();
    let mut l = Learner::new(tg);
    let fresh = l.to_bytes();
    for d in teach_org() {
        l.learn_document(tg, &d).unwrap();
    }
    assert!(!l.delta().is_empty());
    l.reset();
    assert!(l.delta().is_empty());
    assert_eq!(l.stats(), Learner::new(tg).stats());
    assert_eq!(l.to_bytes(), fresh);
    ann.set_delta(l.delta().clone()).unwrap();
    for p in [PROBE_ORG, "وصل قرطبان إلى المدينة صباح اليوم.", "وقال ميدو للصحفيين إن الفريق مستعد."]
    {
        assert_eq!(ann.annotate_full(p, "ar"), base.annotate_full(p, "ar"));
    }
}

#[test]
fn learning_is_deterministic_and_survives_saving() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let docs = [
        teach_org().remove(0),
        doc("d2", "وصل قرطبان إلى المدينة صباح اليوم، واستقبله [[PER:سنبلة]] في مقر [[ORG:مؤسسة نبراس]]."),
    ];
    let mut a = Learner::new(tg);
    for d in &docs {
        a.learn_document(tg, d).unwrap();
    }
    // Learn the first, save, read back, learn the second: the same bytes as learning throughout.
    let mut b = Learner::new(tg);
    b.learn_document(tg, &docs[0]).unwrap();
    let mut b = Learner::from_bytes(&b.to_bytes(), tg).unwrap();
    b.learn_document(tg, &docs[1]).unwrap();
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_eq!(a.delta(), b.delta());
    // A fine-tuned model file: the base followed by the learner, read by the annotator.
    let file = write_model(&model("ar"), &a).unwrap();
    let tuned = Annotator::from_model_files(&[&file]).unwrap();
    let mut with = Annotator::from_model_files(&[&model("ar")]).unwrap();
    with.set_delta(a.delta().clone()).unwrap();
    assert_eq!(tuned.annotate_full(PROBE_ORG, "ar"), with.annotate_full(PROBE_ORG, "ar"));
    let (_, back) = read_model(&file).unwrap();
    assert_eq!(back.unwrap().to_bytes(), a.to_bytes());
}

#[test]
fn only_done_documents_of_the_same_base_teach() {
    let ann = annotator();
    let (ar, en) = (ann.tagger("ar").unwrap(), ann.tagger("en").unwrap());
    let mut l = Learner::new(ar);
    let open = teach_org().remove(0).with_status(Status::InProgress);
    assert_eq!(l.learn_document(ar, &open), Err(LearnError::NotDone("d1".into())));
    assert!(matches!(l.learn_document(en, &teach_org()[0]), Err(LearnError::OtherBase { .. })));
    assert!(matches!(Learner::from_bytes(&l.to_bytes(), en), Err(LearnError::OtherBase { .. })));
    let mut bytes = l.to_bytes();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    assert!(matches!(Learner::from_bytes(&bytes, ar), Err(LearnError::Checksum { .. })));
    assert_eq!(l.stats().documents, 0);
}
