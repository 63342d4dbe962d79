//! `sanad corpus build` over hand-written fixtures of every source's quirks (tests/fixtures/corpus/),
//! and, when ../shared/data is present, over the real data (`shared_` tests, ignored by default).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn sanad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sanad"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), dst).unwrap();
        }
    }
}

/// The fixture data folder, laid out like ../shared/data, with the WikiFANE and AQMAR texts
/// xz-compressed and the GMB table zipped under the names the real data has.
fn fixture_data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    copy_tree(&repo().join("tests/fixtures/corpus/data"), &data);
    for rel in ["ner/ar-wikifane/WikiFANE_Gold_2014_500K.txt", "ner/ar-aqmar/AQMAR_Arabic_NER_corpus-1.0.txt"] {
        let plain = data.join(rel);
        let bytes = std::fs::read(&plain).unwrap();
        let mut enc = xz2::write::XzEncoder::new(Vec::new(), 6);
        enc.write_all(&bytes).unwrap();
        std::fs::write(data.join(format!("{rel}.xz")), enc.finish().unwrap()).unwrap();
        std::fs::remove_file(plain).unwrap();
    }
    let csv = data.join("ner/measure-only/gmb/ner_dataset.csv");
    let bytes = std::fs::read(&csv).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("ner_dataset.csv", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&bytes).unwrap();
    std::fs::write(data.join("ner/measure-only/gmb/ner_dataset.csv.zip"), zip.finish().unwrap().into_inner()).unwrap();
    std::fs::remove_file(csv).unwrap();
    data
}

/// Runs `sanad corpus build` and returns its output folder.
fn build(data: &Path, out: &Path) -> String {
    let o = sanad().args(["corpus", "build", "--data"]).arg(data).arg("--out").arg(out).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    stderr
}

/// The `token<TAB>tag` lines of a converted file (comments and document marks left out), sentences
/// separated by `|`.
fn body(out: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(out.join(rel)).unwrap();
    let mut sents = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.starts_with("# ")).collect();
        if !lines.is_empty() {
            sents.push(lines.iter().map(|l| l.replace('\t', "/")).collect::<Vec<_>>().join(" "));
        }
    }
    sents.join(" | ")
}

fn doc_marks(out: &Path, rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(out.join(rel)).unwrap();
    text.lines().filter_map(|l| l.strip_prefix("# doc ")).map(str::to_string).collect()
}

#[test]
fn wikifane_clitics_are_joined_into_written_words_with_mapped_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture_data(dir.path()), &out);
    let b = body(&out, "ar-wikifane.conll");
    let sents: Vec<&str> = b.split(" | ").collect();
    // BOM, CRLF and U+200E gone; proclitic + entity keeps the entity's B-; enclitic after ة -> ت.
    assert_eq!(sents[0], "لجنوب/B-LOC السودان/I-LOC عاصمتها/O جوبا/B-LOC ./O");
    // Group -> O; a standalone pronoun after a definite noun stays a word; "ان هم" is "انهم".
    assert_eq!(sents[1], "والاوروبيين/O والخديوي/B-PER انهم/O الشماليين/O هم/O تجار/O");
    // "ك ما" -> "كما"; works -> MISC; NGOs -> ORG; Celestial -> O; "كم" after a number stays.
    assert_eq!(
        sents[2],
        "كما/O وقع/O ت/O وثيقة/B-MISC فرانكفورت/I-MISC مع/O منظمة/B-ORG الايغاد/I-ORG والزهرة/O 50/O كم/O"
    );
    // ى before a pronoun -> ي; ل + ال -> لل; a clitic of an entity word joins that entity word.
    assert_eq!(sents[3], "عليه/O للدولة/O له/O في/O ايطالياها/B-LOC");
    let text = std::fs::read_to_string(out.join("ar-wikifane.conll")).unwrap();
    assert!(!text.contains('\u{200E}') && !text.contains('\u{FEFF}') && !text.contains('\r'));
}

#[test]
fn aqmar_malformed_tags_are_repaired_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture_data(dir.path()), &out);
    assert_eq!(
        body(&out, "ar-aqmar.conll"),
        "الحكومة/B-ORG الأمريكية/I-ORG في/O 16/O الجزيرة/O الشمالي/O | \
         ملعب/O O'Donnell/O و/O نظرية/B-MISC الأوتار/I-MISC و/O الكربون/B-MISC قال/O محمد/B-PER علي/I-PER"
    );
    let manifest = std::fs::read_to_string(out.join("MANIFEST.tsv")).unwrap();
    let row = manifest.lines().find(|l| l.starts_with("ar-aqmar.conll\t")).unwrap();
    let f: Vec<&str> = row.split('\t').collect();
    // tokens, sentences, documents, PER, LOC, ORG, MISC, iob_repairs, iob1_starts, marked, dropped
    assert_eq!(&f[6..17], ["16", "2", "0", "1", "0", "1", "2", "1", "0", "1", "1"]);
    assert!(f[17].contains("aqmar: malformed tag I--ORG: 1"), "{}", f[17]);
}

#[test]
fn english_sources_are_mapped_with_documents_and_iob2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture_data(dir.path()), &out);
    // IOB1 -> IOB2; a document mark at each -DOCSTART- (the first article has none before it).
    assert_eq!(
        body(&out, "en-wikigold.conll"),
        "010/B-MISC is/O by/O The/B-ORG Mad/I-ORG Capsule/I-ORG Markets/I-ORG ./O | \
         John/B-PER Smith/I-PER B-PER/B-PER visited/O Osaka/B-LOC ./O"
    );
    assert_eq!(doc_marks(&out, "en-wikigold.conll"), ["wikigold-1"]);
    assert_eq!(
        body(&out, "en-uner-pud.conll"),
        "Obama/B-PER met/O Merkel/B-PER in/O Berlin/B-LOC ./O | The/O United/B-ORG Nations/I-ORG"
    );
    assert_eq!(doc_marks(&out, "en-uner-pud.conll"), ["n01001", "w01002"]);
    // `@` + handle -> one token; hashtag tokens are tokens, not comments.
    assert_eq!(
        body(&out, "en-btc.conll"),
        "#UN/B-ORG says/O hi/O | @colgo/B-PER congrats/O @Parl/B-LOC and/O Barack/B-PER Obama/I-PER"
    );
    assert_eq!(doc_marks(&out, "en-btc.conll"), ["btc-a", "btc-f"]);
    assert_eq!(
        body(&out, "en-wnut17.conll"),
        "Taylor/B-PER Swift/I-PER and/O the/O Yankees/B-ORG bought/O iPhones/B-MISC at/O Apple/B-ORG in/O NYC/B-LOC for/O Star/B-MISC Wars/I-MISC"
    );
    assert_eq!(
        body(&out, "en-crossner.conll"),
        "The/O Labour/B-ORG Party/I-ORG of/O Tony/B-PER Blair/I-PER won/O the/O 1997/B-MISC election/I-MISC in/O Britain/B-LOC by/O rock/O"
    );
    assert_eq!(
        body(&out, "en-sec.conll"),
        "This/O LOAN/O with/O Silicon/B-ORG Valley/I-ORG Bank/I-ORG in/O California/B-LOC"
    );
    assert_eq!(doc_marks(&out, "en-sec.conll"), ["sec-FIN5-1"]);
    assert_eq!(
        body(&out, "en-re3d-centcom.conll"),
        "U.S./B-ORG forces/I-ORG struck/O ISIL/B-ORG in/O Syria/B-LOC with/O F-16/B-MISC jets/O on/O Monday/O ,/O Iraqi/B-MISC officials/O said/O"
    );
    // BBC and sources whose licence is not recognised are left out.
    assert!(!out.join("en-re3d-bbc-online.conll").exists());
    assert!(!out.join("en-re3d-mystery-source.conll").exists());
    let manifest = std::fs::read_to_string(out.join("MANIFEST.tsv")).unwrap();
    assert!(manifest.lines().any(|l| l.starts_with("en-re3d-centcom.conll\ttrain\t") && l.contains("public domain")));
}

#[test]
fn gmb_is_measure_only_with_its_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture_data(dir.path()), &out);
    let conll = std::fs::read_to_string(out.join("measure-only/en-gmb-voa.conll")).unwrap();
    assert!(conll.starts_with("# MEASURE ONLY"), "{conll}");
    // Titles cut from person spans; gpe adjective -> MISC, gpe proper noun -> LOC; tim -> O;
    // the cut-off last sentence dropped; cp1252 é decoded; quoted fields read.
    assert_eq!(
        body(&out, "measure-only/en-gmb-voa.conll"),
        "Mr./O Bush/B-PER met/O Iraqi/B-MISC officials/O in/O Baghdad/B-LOC on/O Monday/O ./O | \
         \"/O Nepal/B-LOC ,/O said/O Prime/O Minister/O José/B-PER al-Baghdadi/I-PER of/O NATO/B-ORG 10,000/O Katrina/B-MISC ./O"
    );
    assert_eq!(
        body(&out, "measure-only/en-gmb-voa-asis.conll"),
        "Mr./B-PER Bush/I-PER met/O Iraqi/B-LOC officials/O in/O Baghdad/B-LOC on/O Monday/O ./O | \
         \"/O Nepal/B-LOC ,/O said/O Prime/B-PER Minister/I-PER José/I-PER al-Baghdadi/I-PER of/O NATO/B-ORG 10,000/O Katrina/B-MISC ./O"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("text/en-gmb-voa.txt")).unwrap(),
        "Mr. Bush met Iraqi officials in Baghdad on Monday.\n\"Nepal, said Prime Minister José al-Baghdadi of NATO 10,000 Katrina.\n"
    );
    let manifest = std::fs::read_to_string(out.join("MANIFEST.tsv")).unwrap();
    let row = manifest.lines().find(|l| l.starts_with("measure-only/en-gmb-voa.conll\t")).unwrap();
    assert!(row.contains("MEASURE-ONLY (never train a shipped model)"), "{row}");
    assert!(row.contains("gmb: last sentence dropped (cut by the row limit): 1"), "{row}");
}

/// sha256 of a file, hex, with the system tool as an independent check.
fn sha256sum(p: &Path) -> Option<String> {
    let o = Command::new("sha256sum").arg(p).output().ok()?;
    String::from_utf8(o.stdout).ok()?.split_whitespace().next().map(str::to_string)
}

#[test]
fn manifest_checksums_every_file_and_rebuilds_are_identical() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture_data(dir.path());
    let (out1, out2) = (dir.path().join("out1"), dir.path().join("out2"));
    build(&data, &out1);
    build(&data, &out2);
    let m1 = std::fs::read_to_string(out1.join("MANIFEST.tsv")).unwrap();
    assert_eq!(m1, std::fs::read_to_string(out2.join("MANIFEST.tsv")).unwrap());
    let rows: Vec<Vec<&str>> = m1
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.iter().filter(|r| r[1] == "input").count() >= 13);
    for r in &rows {
        let p = match r[0].strip_prefix("data/") {
            Some(rel) => data.join(rel),
            None => out1.join(r[0]),
        };
        assert_eq!(std::fs::metadata(&p).unwrap().len().to_string(), r[3], "{}", r[0]);
        if let Some(sum) = sha256sum(&p) {
            assert_eq!(sum, r[2], "{}", r[0]);
        }
        assert!(!r[5].is_empty() || r[0].ends_with("LICENSE"), "licence of {}", r[0]);
    }
}

#[test]
fn missing_data_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = sanad()
        .args(["corpus", "build", "--data"])
        .arg(dir.path().join("nope"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no `ner` folder here"));
}

#[test]
fn key_text_uses_the_tagger_keys() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("a.txt");
    std::fs::write(&raw, "# book 7\nقال أحمد: «نعم». ذهب إلى #القاهرة\n").unwrap();
    let conll = dir.path().join("b.conll");
    std::fs::write(&conll, "# doc x\nلروسيا\tB-LOC\nقال\tO\n\n").unwrap();
    let out = dir.path().join("keys.txt");
    let o = sanad()
        .args(["corpus", "text", "--lang", "ar", "--only-inputs", "--input"])
        .arg(&raw)
        .arg("--input")
        .arg(&conll)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "قال احمد : « نعم » .\nذهب الي القاهره\nلروسيا قال\n");
}

/// The real conversion over ../shared/data: every source converts, every output is valid IOB2 that
/// the trainer reads, and the counts are the ones documented in docs/DATA.md.
#[test]
#[ignore = "needs ../shared/data"]
fn shared_data_converts_with_documented_counts() {
    let data = repo().join("../shared/data");
    assert!(data.join("ner").is_dir(), "no ../shared/data/ner beside the repository");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let log = build(&data, &out);
    assert!(!log.contains("skipped"), "{log}");
    let manifest = std::fs::read_to_string(out.join("MANIFEST.tsv")).unwrap();
    let row = |name: &str| -> Vec<String> {
        manifest
            .lines()
            .find(|l| l.starts_with(&format!("{name}\t")))
            .unwrap()
            .split('\t')
            .map(str::to_string)
            .collect()
    };
    // tokens, sentences of the documented sources.
    for (name, tokens, sentences) in [
        ("ar-wikifane.conll", "431942", "15763"),
        ("ar-aqmar.conll", "73820", "2683"),
        ("en-wikigold.conll", "39007", "1696"),
        ("en-uner-pud.conll", "21176", "1000"),
        ("en-wnut17.conll", "101857", "5690"),
        ("en-crossner.conll", "204558", "5327"),
        ("en-sec.conll", "54256", "1467"),
        ("measure-only/en-gmb-voa.conll", "1048567", "47958"),
    ] {
        let r = row(name);
        assert_eq!((r[6].as_str(), r[7].as_str()), (tokens, sentences), "{name}");
    }
    assert!(row("ar-wikifane.conll")[17].contains("wikifane: source tokens: 489561"));
    let outputs = manifest
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|n| n.ends_with(".conll") && !n.starts_with("data/"));
    for name in outputs {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let sents = sanad_core::nlp::conll::parse(&text).unwrap();
        for s in &sents {
            let mut prev = "O".to_string();
            for t in &s.tags {
                if let Some(ty) = t.strip_prefix("I-") {
                    assert!(prev == format!("B-{ty}") || prev == *t, "{name}: {t} after {prev}");
                }
                assert!(t == "O" || ["PER", "LOC", "ORG", "MISC"].iter().any(|l| t.ends_with(l)), "{name}: {t}");
                prev = t.clone();
            }
            assert!(s.words.iter().all(|w| !w.is_empty() && !w.contains(char::is_whitespace)), "{name}: {:?}", s.words);
        }
    }
}
