//! Annotators' layers matched into a study, the agreement report over real documents (values by
//! hand in the comments), and the pre-merge for curation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::agree::{
    agreement, annotator_name, merge, token_items, Issue, Layer, Options, Said, Score, Strategy, Study, Undefined,
    What, META_KEY,
};
use sanad_core::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker, Status};

const TEXT: &str = "Lavrov met Blinken in Geneva on Monday.";
// Tokens: Lavrov 0..6, met 7..10, Blinken 11..18, in 19..21, Geneva 22..28, on 29..31,
// Monday 32..38, "." 38..39.

fn r(a: usize, b: usize) -> Range {
    Range::new(a, b).unwrap()
}

fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)], author: &str) -> Document {
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e, l))| {
            Span::new(format!("s{i}"), r(s, e), l, Origin::Editor).unwrap().with_author(Some(author.to_string()))
        })
        .collect();
    Document::new(id, "", "en", text).unwrap().with_annotations(spans, vec![]).unwrap()
}

fn layer(name: &str, docs: Vec<Document>) -> Layer {
    Layer { annotator: name.to_string(), documents: docs }
}

fn alice() -> Document {
    doc("d1", TEXT, &[(0, 6, "PER"), (11, 18, "PER"), (22, 28, "LOC"), (32, 38, "DATE")], "alice")
}
fn bob() -> Document {
    doc("d1", TEXT, &[(0, 6, "PER"), (11, 18, "ORG"), (22, 31, "LOC")], "bob")
}
fn carol() -> Document {
    doc("d1", TEXT, &[(0, 6, "PER"), (11, 18, "PER"), (22, 28, "LOC")], "carol")
}

fn close(s: Score, want: f64) {
    let v = s.value().unwrap_or_else(|| panic!("undefined: {s:?}, want {want}"));
    assert!((v - want).abs() < 1e-12, "got {v}, want {want}");
}

#[test]
fn two_annotators_by_hand() {
    let study = Study::new(vec![layer("alice", vec![alice()]), layer("bob", vec![bob()])], Options::default());
    assert_eq!(study.labels(), ["DATE", "LOC", "ORG", "PER"]);
    let rep = agreement(&study);
    assert_eq!(rep.pairs.len(), 1);
    let p = &rep.pairs[0];
    assert_eq!((p.a.as_str(), p.b.as_str(), p.documents, p.tokens), ("alice", "bob", 1, 8));
    // Exact: only PER 0..6. alice (reference) 4 spans, bob 3: P = 1/3, R = 1/4, F1 = 2/7.
    let e = p.overall.exact;
    assert_eq!((e.matched, e.reference, e.compared), (1, 4, 3));
    close(e.precision, 1.0 / 3.0);
    close(e.recall, 0.25);
    close(e.f1, 2.0 / 7.0);
    // Overlap, same label: PER 0..6 and LOC 22..28 ~ 22..31 (Blinken is PER against ORG): F1 = 4/7.
    close(p.overall.overlap.f1, 4.0 / 7.0);
    // Tokens: alice B-PER O B-PER O B-LOC O B-DATE O; bob B-PER O B-ORG O B-LOC I-LOC O O.
    // 5 of 8 agree: po = 0.625. Marginals: B-PER 2·1, O 4·4, B-LOC 1·1: pe = 19/64.
    // kappa = (5·8 - 19) / (64 - 19) = 21/45.
    let k = p.overall.cohen;
    assert_eq!(k.items, 8);
    close(k.agreement_observed, 0.625);
    close(k.agreement_expected, 19.0 / 64.0);
    close(k.kappa, 21.0 / 45.0);
    // Nominal alpha on the same 8 tokens: n = 16, matching coincidences 5·2 = 10, Do = 6/16;
    // n_c: B-PER 3, O 8, B-LOC 2, B-DATE 1, B-ORG 1, I-LOC 1 (Σ n_c² = 80): De = 176/240;
    // alpha = 1 - 15·6/176 = 43/88.
    close(p.overall.alpha_nominal.alpha, 43.0 / 88.0);
    // Unitizing, PER: alice 0..6, 11..18; bob 0..6. Observed: alice's 11..18 lies in bob's gap
    // 6..39: 7² = 49, Do = 2·49/(2·39²) = 49/1521. Expected: units 6, 7, 6 (N = 3); gaps 5, 21
    // (alice), 33 (bob). l = 6: 2·(6·5·11)/3 + 36·((21-6+1) + (33-6+1)) = 220 + 1584 = 1804 (twice);
    // l = 7: 2·(7·6·13)/3 + 49·(15 + 27) = 364 + 2058 = 2422; Σ = 6030.
    // De = 2·6030 / (39·(78·77 - (30 + 42 + 30))) = 12060/230256 = 335/6396.
    // alpha = 1 - (49/1521)/(335/6396) = 5029/13065.
    let per = p.labels.iter().find(|l| l.label == "PER").unwrap();
    close(per.measures.alpha_unitizing.disagreement_observed, 49.0 / 1521.0);
    close(per.measures.alpha_unitizing.disagreement_expected, 335.0 / 6396.0);
    close(per.measures.alpha_unitizing.alpha, 5029.0 / 13065.0);
    // Per label P/R/F1: DATE only alice's (F1 0); ORG only bob's (F1 0, precision 0, recall 0/0).
    let org = p.labels.iter().find(|l| l.label == "ORG").unwrap();
    assert_eq!(org.measures.exact.recall, Score::Undefined(Undefined::NothingMarked));
    assert_eq!(org.measures.exact.precision, Score::Value(0.0));
    assert_eq!(org.measures.exact.f1, Score::Value(0.0));
    // Over all labels, uα = 1 - Σ Do / Σ De over PER, LOC, DATE, ORG: 2423317/8222029.
    close(p.overall.alpha_unitizing.alpha, 2423317.0 / 8222029.0);
    // The group of two: Fleiss is Scott's pi; mean pairwise F1 is the pair's.
    close(rep.group.overall.f1_exact, 2.0 / 7.0);
    close(rep.group.overall.cohen_mean, 21.0 / 45.0);
}

#[test]
fn pairwise_f1_is_symmetric() {
    let ab = agreement(&Study::new(vec![layer("a", vec![alice()]), layer("b", vec![bob()])], Options::default()));
    let ba = agreement(&Study::new(vec![layer("b", vec![bob()]), layer("a", vec![alice()])], Options::default()));
    let (x, y) = (ab.pairs[0].overall, ba.pairs[0].overall);
    assert_eq!(x.exact.f1, y.exact.f1);
    assert_eq!(x.overlap.f1, y.overlap.f1);
    assert_eq!((x.exact.precision, x.exact.recall), (y.exact.recall, y.exact.precision));
    assert_eq!(x.cohen.kappa, y.cohen.kappa);
    assert_eq!(x.alpha_unitizing.alpha, y.alpha_unitizing.alpha);
}

#[test]
fn three_annotators_fleiss_by_hand() {
    let study = Study::new(
        vec![layer("alice", vec![alice()]), layer("bob", vec![bob()]), layer("carol", vec![carol()])],
        Options::default(),
    );
    let rep = agreement(&study);
    assert_eq!(rep.pairs.len(), 3);
    // Tags: alice B-PER O B-PER O B-LOC O B-DATE O; bob B-PER O B-ORG O B-LOC I-LOC O O;
    // carol B-PER O B-PER O B-LOC O O O. Σ_j n_ij² per token: 9 9 5 9 9 5 5 9 = 60;
    // P̄ = (60 - 8·3) / (8·3·2) = 0.75. Totals: B-PER 5, O 13, B-ORG 1, B-LOC 3, I-LOC 1, B-DATE 1
    // (Σ² = 206): P̄e = 206/576. kappa = (432 - 206) / (576 - 206) = 113/185.
    let f = rep.group.overall.fleiss;
    assert_eq!(f.items, 8);
    close(f.agreement_observed, 0.75);
    close(f.agreement_expected, 206.0 / 576.0);
    close(f.kappa, 113.0 / 185.0);
    // Mean pairwise exact F1: alice-bob 2/7, alice-carol 2·3/(4+3) = 6/7, bob-carol 2·1/(3+3) = 1/3.
    close(rep.group.overall.f1_exact, (2.0 / 7.0 + 6.0 / 7.0 + 1.0 / 3.0) / 3.0);
    // Identical annotators agree perfectly on everything defined.
    let same = agreement(&Study::new(vec![layer("a", vec![alice()]), layer("b", vec![alice()])], Options::default()));
    let o = same.pairs[0].overall;
    assert_eq!((o.exact.f1, o.overlap.f1, o.cohen.kappa), (Score::Value(1.0), Score::Value(1.0), Score::Value(1.0)));
    assert_eq!((o.alpha_nominal.alpha, o.alpha_unitizing.alpha), (Score::Value(1.0), Score::Value(1.0)));
    assert_eq!(same.group.overall.fleiss.kappa, Score::Value(1.0));
}

#[test]
fn nothing_marked_is_undefined_not_perfect() {
    let empty = |n: &str| layer(n, vec![doc("d1", TEXT, &[], n)]);
    let rep = agreement(&Study::new(vec![empty("a"), empty("b")], Options::default()));
    let o = rep.pairs[0].overall;
    assert_eq!(o.exact.f1, Score::Undefined(Undefined::NothingMarked));
    // Every token O for both: one category.
    assert_eq!(o.cohen.kappa, Score::Undefined(Undefined::OneCategory));
    assert_eq!(o.alpha_unitizing.alpha, Score::Undefined(Undefined::NothingMarked));
    let alone = agreement(&Study::new(vec![layer("a", vec![alice()])], Options::default()));
    assert!(alone.pairs.is_empty());
    assert_eq!(alone.group.overall.fleiss.kappa, Score::Undefined(Undefined::FewAnnotators));
    assert_eq!(alone.group.overall.f1_exact, Score::Undefined(Undefined::FewAnnotators));
}

#[test]
fn documents_match_by_text_and_conflicts_are_reported() {
    let other = "Putin spoke in Moscow.";
    let a = layer("alice", vec![doc("d1", TEXT, &[], "alice"), doc("x", other, &[], "alice")]);
    // bob: the same TEXT under another id (matched by fingerprint), and "x" over a different text.
    let b = layer("bob", vec![doc("n7", TEXT, &[], "bob"), doc("x", "A different text.", &[], "bob")]);
    let study = Study::new(vec![a, b], Options::default());
    let ids: Vec<&str> = study.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", "x", "x-2"]);
    assert_eq!(study.documents()[0].present(), [0, 1]);
    assert_eq!(study.documents()[1].present(), [0]);
    assert_eq!(study.documents()[2].present(), [1]);
    let issues = study.issues();
    assert!(issues.iter().any(|i| matches!(i, Issue::Renamed { document, ids, .. }
        if document == "d1" && ids == &[("alice".to_string(), "d1".to_string()), ("bob".to_string(), "n7".to_string())])));
    assert!(issues.iter().any(|i| matches!(i, Issue::IdConflict { id, texts, renamed_to }
        if id == "x" && texts.len() == 2 && renamed_to == &["x-2".to_string()])));
    assert!(issues.iter().any(
        |i| matches!(i, Issue::Incomplete { document, missing } if document == "x" && missing == &["bob".to_string()])
    ));
    let rep = agreement(&study);
    assert_eq!((rep.documents_total, rep.documents_shared, rep.pairs[0].documents), (3, 1, 1));
}

#[test]
fn annotator_names_and_duplicates() {
    assert_eq!(annotator_name(&[alice()], "file"), "alice");
    let mixed = vec![alice(), bob()];
    assert_eq!(annotator_name(&mixed, "file"), "file");
    assert_eq!(annotator_name(&[doc("d", TEXT, &[], "x")], "file"), "file");
    // Quotes without an author do not change the spans' author; a quote by someone else does.
    let q = |author: Option<&str>| {
        let d = alice();
        let quote = Quote::new("q1", r(22, 28), QuoteKind::Direct, Origin::Editor)
            .unwrap()
            .with_author(author.map(String::from));
        d.clone().with_annotations(d.spans().to_vec(), vec![quote]).unwrap()
    };
    assert_eq!(annotator_name(&[q(None)], "file"), "alice");
    assert_eq!(annotator_name(&[q(Some("alice"))], "file"), "alice");
    assert_eq!(annotator_name(&[q(Some("bob"))], "file"), "file");
    // A span without an author: the file's name.
    let unsigned = Span::new("x", r(0, 6), "PER", Origin::Editor).unwrap();
    let mut spans = alice().spans().to_vec();
    spans.push(unsigned);
    let partly = Document::new("d1", "", "en", TEXT).unwrap().with_annotations(spans, vec![]);
    assert_eq!(annotator_name(&[partly.unwrap()], "file"), "file");
    let study = Study::new(vec![layer("ann", vec![alice(), alice()]), layer("ann", vec![bob()])], Options::default());
    assert_eq!(study.annotators(), ["ann", "ann (2)"]);
    assert!(study.issues().iter().any(|i| matches!(i, Issue::Duplicate { annotator, .. } if annotator == "ann")));
    assert!(study.issues().iter().any(|i| matches!(i, Issue::AnnotatorRenamed { to, .. } if to == "ann (2)")));
}

#[test]
fn suggestions_can_be_left_out() {
    let sug = Span::new("m1", r(32, 38), "DATE", Origin::Model).unwrap();
    let mut spans = bob().spans().to_vec();
    spans.push(sug);
    let b = bob().with_annotations(spans, vec![]).unwrap();
    let with = Study::new(vec![layer("a", vec![alice()]), layer("b", vec![b.clone()])], Options::default());
    let without =
        Study::new(vec![layer("a", vec![alice()]), layer("b", vec![b])], Options { ignore_suggestions: true });
    assert_eq!(agreement(&with).pairs[0].overall.exact.matched, 2);
    assert_eq!(agreement(&without).pairs[0].overall.exact.matched, 1);
}

fn quoted(author: &str, quotes: Vec<Quote>) -> Document {
    let text = "\"We are ready,\" Lavrov said. Blinken said talks would continue.";
    let per = |id: &str, a: usize, b: usize| {
        Span::new(id, r(a, b), "PER", Origin::Editor).unwrap().with_author(Some(author.to_string()))
    };
    Document::new("q", "", "en", text)
        .unwrap()
        .with_annotations(vec![per("p1", 16, 22), per("p2", 29, 36)], quotes)
        .unwrap()
}

fn quote(id: &str, s: usize, e: usize, kind: QuoteKind, speaker: Option<(usize, usize)>) -> Quote {
    Quote::new(id, r(s, e), kind, Origin::Editor)
        .unwrap()
        .with_speaker(speaker.map(|(a, b)| Speaker::new(r(a, b), None)), None)
}

#[test]
fn quotes_spans_speakers_and_kinds() {
    // "We are ready," 1..14 (direct, Lavrov 16..22); talks would continue 42..63 (indirect, Blinken 29..36).
    let a = quoted(
        "a",
        vec![
            quote("q1", 1, 14, QuoteKind::Direct, Some((16, 22))),
            quote("q2", 42, 63, QuoteKind::Indirect, Some((29, 36))),
        ],
    );
    // b: the first quote exactly, with the speaker "Lavrov said" 16..27 (overlapping: agrees);
    // the second shorter (overlap, not exact), as direct, with no speaker.
    let b = quoted(
        "b",
        vec![quote("q1", 1, 14, QuoteKind::Direct, Some((16, 27))), quote("q2", 42, 62, QuoteKind::Direct, None)],
    );
    let rep = agreement(&Study::new(vec![layer("a", vec![a]), layer("b", vec![b])], Options::default()));
    let q = rep.pairs[0].quotes;
    // Exact 1 of 2 and 2: F1 = 2·1/4; overlap 2: F1 = 1.
    close(q.exact.f1, 0.5);
    close(q.overlap.f1, 1.0);
    // Matched pairs: speakers agree on the first only; kinds on the first only.
    assert_eq!((q.speaker.agree, q.speaker.total, q.kind.agree, q.kind.total), (1, 2, 1, 2));
    close(q.speaker.value, 0.5);
}

#[test]
fn merge_agree_and_majority() {
    let study = Study::new(
        vec![layer("alice", vec![alice()]), layer("bob", vec![bob()]), layer("carol", vec![carol()])],
        Options::default(),
    );
    let spans_of = |d: &Document| -> Vec<(usize, usize, String)> {
        d.spans().iter().map(|s| (s.start(), s.end(), s.label().to_string())).collect()
    };
    let agree = merge(&study, Strategy::Agree, "gold");
    let g = &agree.documents[0];
    // Only Lavrov is marked alike by all three.
    assert_eq!(spans_of(&g.document), [(0, 6, "PER".to_string())]);
    assert_eq!(g.document.spans()[0].author(), Some("gold"));
    assert_eq!(g.document.status(), Status::InProgress);
    // Three positions differ: Blinken (PER, ORG, PER), Geneva (22..28, 22..31, 22..28), Monday (alice only).
    let where_: Vec<(usize, usize)> = g.disagreements.iter().map(|d| (d.start, d.end)).collect();
    assert_eq!(where_, [(11, 18), (22, 31), (32, 38)]);
    let blinken = &g.disagreements[0];
    assert_eq!(blinken.what, What::Span);
    let said: Vec<(&str, Vec<&str>)> = blinken
        .votes
        .iter()
        .map(|v| (v.annotator.as_str(), v.said.iter().filter_map(|s| s.label.as_deref()).collect()))
        .collect();
    assert_eq!(said, [("alice", vec!["PER"]), ("bob", vec!["ORG"]), ("carol", vec!["PER"])]);
    assert!(blinken.merged.is_empty());
    let monday = &g.disagreements[2];
    assert_eq!(monday.votes[1].said, Vec::<Said>::new());
    // Majority: two of three suffice.
    let maj = merge(&study, Strategy::Majority, "curator");
    let g = &maj.documents[0];
    assert_eq!(
        spans_of(&g.document),
        [(0, 6, "PER".to_string()), (11, 18, "PER".to_string()), (22, 28, "LOC".to_string())]
    );
    assert_eq!(g.disagreements.len(), 3);
    assert_eq!(g.disagreements[0].merged[0].label.as_deref(), Some("PER"));
    // The record under meta lists them for the curation view.
    let rec = &g.document.meta()[META_KEY];
    assert_eq!(rec["strategy"], "majority");
    assert_eq!(rec["disagreements"].as_array().map(Vec::len), Some(3));
    assert_eq!(rec["disagreements"][0]["votes"][1]["said"][0]["label"], "ORG");
    // Full agreement: done, no disagreement.
    let same = merge(
        &Study::new(vec![layer("a", vec![alice()]), layer("b", vec![alice()])], Options::default()),
        Strategy::Agree,
        "gold",
    );
    assert_eq!(same.documents[0].document.status(), Status::Done);
    assert_eq!(same.documents[0].document.spans().len(), 4);
    // The agreement report ranks documents by these positions.
    assert_eq!(agreement(&study).documents[0].disagreements, 3);
}

#[test]
fn merge_keeps_agreed_quotes_with_linked_speakers() {
    let q1 = || quote("q1", 1, 14, QuoteKind::Direct, Some((16, 22)));
    let a = quoted("a", vec![q1(), quote("q2", 42, 63, QuoteKind::Indirect, Some((29, 36)))]);
    let b = quoted("b", vec![q1(), quote("q2", 42, 63, QuoteKind::Direct, Some((29, 36)))]);
    let m =
        merge(&Study::new(vec![layer("a", vec![a]), layer("b", vec![b])], Options::default()), Strategy::Agree, "gold");
    let d = &m.documents[0].document;
    assert_eq!(d.quotes().len(), 1);
    let q = &d.quotes()[0];
    assert_eq!((q.start(), q.end(), q.kind()), (1, 14, QuoteKind::Direct));
    // The speaker is linked to the gold span with its range.
    let sp = q.speaker().unwrap();
    assert_eq!(d.span(sp.span().unwrap()).map(|s| (s.start(), s.end())), Some((16, 22)));
    // The second quote differs in kind: one quote disagreement.
    let dis: Vec<What> = m.documents[0].disagreements.iter().map(|d| d.what).collect();
    assert_eq!(dis, [What::Quote]);
    assert_eq!(m.documents[0].disagreements[0].votes[0].said[0].kind, Some(QuoteKind::Indirect));
}

#[test]
fn token_items_carry_every_annotators_tags() {
    let study = Study::new(vec![layer("alice", vec![alice()]), layer("bob", vec![bob()])], Options::default());
    let items = token_items(&study);
    assert_eq!(items.items.len(), 8);
    let geneva_on = &items.items[5];
    assert_eq!((geneva_on.start, geneva_on.end), (29, 31));
    assert_eq!(geneva_on.tags, [Some("O".to_string()), Some("I-LOC".to_string())]);
    let loc = items.labels.iter().position(|l| l == "LOC").unwrap();
    assert_eq!(geneva_on.by_label[loc], [Some("O"), Some("I")]);
}
