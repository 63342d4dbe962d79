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

fn cfg(f: impl FnOnce(&mut LearnConfig)) -> LearnConfig {
    let mut c = LearnConfig::default();
    f(&mut c);
    c
}

#[test]
fn context_features_teach_and_reset_and_survive_saving() {
    use crate::nlp::tagger::delta::CTX_ALL;
    let base = annotator();
    let mut ann = annotator();
    let tg = base.tagger("ar").unwrap();
    let mut l = Learner::with_config(tg, cfg(|c| c.context = CTX_ALL));
    assert_eq!(l.delta().context(), CTX_ALL);
    for d in teach_org() {
        l.learn_document(tg, &d).unwrap();
    }
    ann.set_delta(l.delta().clone()).unwrap();
    assert!(has(&ann, PROBE_ORG, "شركة تمكين", "ORG"), "{:?}", suggested(&ann, PROBE_ORG));
    // The context features are part of the learner's bytes and of the delta read back.
    let back = Learner::from_bytes(&l.to_bytes(), tg).unwrap();
    assert_eq!(back.delta(), l.delta());
    assert_eq!(back.config().context, CTX_ALL);
    // A delta without them adds other scores: the feature set is the delta's, not the caller's.
    let mut plain = Learner::new(tg);
    plain.learn_document(tg, &teach_org()[0]).unwrap();
    assert_ne!(plain.delta(), l.delta());
    l.reset();
    ann.set_delta(l.delta().clone()).unwrap();
    assert_eq!(ann.annotate_full(PROBE_ORG, "ar"), base.annotate_full(PROBE_ORG, "ar"));
}

#[test]
fn misc_rows_decay_at_their_own_rate_and_misc_steps_are_scaled() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let mut l = Learner::with_config(tg, cfg(|c| (c.decay, c.misc_decay, c.misc_step) = (0.0, 0.5, 0.25)));
    // Tags: O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC.
    assert_eq!(tg.labels, ["PER", "LOC", "ORG", "MISC"]);
    assert_eq!(l.misc, [false, false, false, false, false, false, false, true, true]);
    l.delta.row_mut(1).unwrap().copy_from_slice(&[-2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    l.delta.row_mut(2).unwrap().copy_from_slice(&[-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 2.0]);
    l.decay();
    assert_eq!(l.delta.row(1).unwrap()[1], 2.0);
    assert_eq!(l.delta.row(2).unwrap()[7], 1.0);
    assert_eq!(l.delta.row(2).unwrap()[0], -1.0);
    // Step of a token: MISC on either side scales it; names do not.
    let base = [0.0f32; 9];
    assert_eq!(l.token_step(1.0, 10.0, &base, 1, 0), 1.0);
    assert_eq!(l.token_step(1.0, 10.0, &base, 7, 0), 0.25);
    assert_eq!(l.token_step(1.0, 10.0, &base, 0, 8), 0.25);
}

#[test]
fn confidence_damps_the_step_where_the_base_was_sure() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let l = Learner::with_config(tg, cfg(|c| c.conf = 1.0));
    let mut base = [0.0f32; 9];
    base[0] = 20.0; // The base prefers O by 2 temperatures over B-PER.
    assert_eq!(l.token_step(3.0, 10.0, &base, 1, 0), 1.0);
    // The base preferred the target: no damping.
    assert_eq!(l.token_step(3.0, 10.0, &base, 0, 1), 3.0);
}

#[test]
fn clipping_bounds_every_weight() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let mut l = Learner::with_config(tg, cfg(|c| (c.clip, c.step) = (0.1, 1.0)));
    l.learn_document(tg, &teach_org()[0]).unwrap();
    let bound = 0.1 * tg.conf_temp;
    assert!(!l.delta().is_empty());
    assert!(l.delta().sorted_rows().iter().all(|(_, w)| w.iter().all(|x| x.abs() <= bound)));
    assert!(l.delta().sorted_rows().iter().any(|(_, w)| w.iter().any(|x| x.abs() == bound)));
}

#[test]
fn rows_never_confirmed_decay_faster() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let mut l = Learner::with_config(tg, cfg(|c| (c.decay, c.misc_decay, c.stale_decay) = (0.0, 0.0, 0.5)));
    let again = doc("d2", "وقال رئيس [[ORG:شركة تمكين]] إن الأرباح ارتفعت هذا العام.");
    l.learn_document(tg, &teach_org()[0]).unwrap();
    assert!(l.confirmed.is_empty(), "a document does not confirm what it taught");
    l.learn_document(tg, &again).unwrap();
    assert!(!l.confirmed.is_empty(), "the second document confirms the rows of شركة تمكين");
    let before: Vec<(u32, Vec<f32>)> = l.delta().sorted_rows().into_iter().map(|(r, w)| (r, w.to_vec())).collect();
    assert!(before.iter().any(|(r, _)| !l.confirmed.contains(r)));
    // A done document with no Arabic sentence: nothing to learn from, only the decay.
    let quiet = doc("d3", "The weather was fine today.");
    let r = l.learn_document(tg, &quiet).unwrap();
    assert_eq!((r.sentences, r.updates), (0, 0));
    for (k, w) in &before {
        let now = l.delta().row(*k).unwrap();
        let f = if l.confirmed.contains(k) { 1.0 } else { 0.5 };
        assert!(w.iter().zip(now).all(|(a, b)| a * f == *b), "row {k}: {w:?} -> {now:?}");
    }
    // The confirmed flags are saved.
    let back = Learner::from_bytes(&l.to_bytes(), tg).unwrap();
    assert_eq!(back.confirmed, l.confirmed);
    assert_eq!(back.to_bytes(), l.to_bytes());
}

#[test]
fn files_of_the_previous_rule_are_refused() {
    let ann = annotator();
    let tg = ann.tagger("ar").unwrap();
    let l = Learner::new(tg);
    let bytes = l.to_bytes();
    // The same payload in a version 1 envelope (the rule-1 layout is shorter; the version decides).
    let payload = crate::nlp::container::open(&bytes, DELTA_MAGIC, DELTA_VERSION).unwrap().0.to_vec();
    let old = crate::nlp::container::seal(DELTA_MAGIC, 1, &payload);
    let e = Learner::from_bytes(&old, tg).unwrap_err();
    assert_eq!(e, LearnError::UnsupportedVersion { found: 1, supported: DELTA_VERSION });
    assert!(e.to_string().contains("version 1 is not supported"), "{e}");
}
