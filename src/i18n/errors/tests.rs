//! Every kind of every error type, worded in both languages: one sample of each variant (`every!`
//! refuses to compile when a variant is missing, like the wording functions themselves), checked
//! for what a reader sees: Arabic text in the Arabic interface with its values in Arabic digits,
//! no English sentence of the core inside it, and the English interface's words those of the CLI.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::formats::zip::ZipError;

use super::*;
use crate::i18n::{Msg, TextKey, AR, EN};
use crate::services::BrowserError;

/// One value of each variant of `$en`, in declaration order. The exhaustive `match` inside makes a
/// variant missing from the list a compile error (and a variant listed twice an unreachable
/// pattern, refused by clippy).
macro_rules! every {
    ($en:ident: $($variant:ident $({ $($f:ident : $v:expr),* $(,)? })? $(( $($t:expr),* $(,)? ))?),* $(,)?) => {{
        #[allow(dead_code)]
        fn exhaustive(k: &$en) {
            match k {
                $($en::$variant { .. } => {})*
            }
        }
        vec![$($en::$variant $({ $($f: $v),* })? $(( $($t),* ))?),*]
    }};
}

fn import_kinds() -> Vec<ImportErrorKind> {
    use ImportErrorKind as K;
    every![K:
        TooLarge { megabytes: 200, limit_megabytes: 64 },
        TooLargeToStream { megabytes: 300, limit_megabytes: 192 },
        EmptyFile,
        UnsupportedExtension { extension: "pdf".into() },
        UnknownFormat,
        NotBrat,
        QuotesTable,
        NotUtf8File { byte: 0xC3, offset: 12 },
        Read { system_message: "NotReadableError".into() },
        Sink { message: "refused".into() },
        NotLineFormat { format: "brat" },
        NotStreamFormat { format: "quotes" },
        BratNotPreviewed,
        NoDocuments,
        EmptyArray,
        EmptyText,
        Zip(ZipError { at: 1234, kind: ZipErrorKind::Truncated }),
        ZipEntry(ZipErrorKind::Damaged { name: "wire.txt".into() }),
        Inflate { entry: "wire.ann".into(), browser_message: "TypeError".into() },
        Project(ProjectError::NoVersion),
        Json { parser_message: "EOF".into() },
        JsonLine { parser_message: "EOF".into() },
        JsonTask { parser_message: "EOF".into() },
        JsonItem { parser_message: "EOF".into() },
        TaskArray { problem: ArrayProblem::Unclosed },
        NotUtf8Line,
        NotUtf8,
        NotUtf8Task { offset: 7 },
        ExpectedJsonObject,
        ExpectedObject,
        BadRecord,
        DuplicateId { id: "d1".into() },
        EmptyTextField,
        ExpectedText { key: "\"text\"" },
        BadId { found: "[1]".into() },
        BadOffsetUnit { found: "\"bytes\"".into() },
        StatusNotOneOf { found: "open".into() },
        UnknownStatus { found: "open".into() },
        NotAnArray { key: "spans" },
        LabelsNotAnArray,
        NotAnObject { key: "meta" },
        Model(ModelError::EmptyLabel),
        OffsetsNotNumbers,
        OffsetsOutOfRange { start: 5, end: 80, len: 13, unit: Unit::CodePoints },
        SplitSurrogatePair { start: 1, end: 2 },
        TextMismatch { start: 0, end: 6, found: "Lavrov".into(), stated: "Rubio".into() },
        ExpectedLabel,
        ExpectedLabelTriple,
        BadQuoteKind { found: "said".into() },
        BadConfidence { found: "1.5".into() },
        BadScore,
        RangeNotAnObject { key: "cue" },
        ExpectedValue,
        ExpectedValueLabels,
        ExpectedHeadAndChild,
        NotASpan { key: "head_span", start: 0, end: 6, label: "PER".into() },
        RelationEndsNotEntities,
        RelationEndsNotResults,
        RelationRegionMissing { label: "SPEAKER".into() },
        RelationNotFromQuote { label: "SPEAKER".into(), found: "PER".into(), expected: "QUOTE" },
        UnknownRelation { label: "SAYS".into(), speaker: "SPEAKER", cue: "CUE" },
        W3cNoDocument,
        W3cNoBody,
        W3cNoPosition,
        BratLine,
        BratTextBound,
        BratOffsets { found: "5".into() },
        BratPastEnd { line: 3, id: "T2".into(), start: 10, end: 99, len: 50 },
        BratTextMismatch { line: 4, id: "T3".into(), found: "Lavrov".into(), stated: "Rubio".into() },
        BratArgs { id: "R1".into() },
        BratRelation,
        BratAttribute,
        BratId,
        BratKindTarget { target: "T9".into() },
        BratNoText { stem: "wire".into() },
        ConllLine { found: "Lavrov".into() },
        ConllTag { tag: "X-PER".into() },
    ]
}

fn zip_kinds() -> Vec<ZipErrorKind> {
    use ZipErrorKind as Z;
    every![Z:
        NotZip,
        Truncated,
        Zip64,
        ExpectedCentralEntry,
        Method { method: 14 },
        NameNotUtf8,
        Encrypted { name: "wire.txt".into() },
        ExpectedLocalHeader { name: "wire.txt".into() },
        DataTruncated { name: "wire.txt".into() },
        Damaged { name: "wire.txt".into() },
        TooLarge,
    ]
}

fn array_problems() -> Vec<ArrayProblem> {
    use ArrayProblem as A;
    every![A: ExpectedTaskOrEnd, ExpectedTask, ExpectedOpen, ExpectedCommaOrEnd, ExpectedEndOfFile, NoArray, Unclosed]
}

fn parts() -> Vec<Part> {
    use Part as P;
    let mut v = every![P:
        Span { n: 3 },
        Quote { n: 2, field: Some("cue") },
        Entity { n: 4 },
        Label { n: 5 },
        Token { n: 0 },
        Relation { n: 1, field: Some("head_span") },
        Annotation { n: 6, field: None },
        Task { n: 7 },
        TaskResult { task: 7, list: "annotations", annotation: 0, result: 2 },
        Item { n: 8 },
        SpanAt { start: 4, end: 9 },
        QuoteAt { start: 10, end: 30 },
        AnnLine { line: 12, id: Some("T4".into()) },
    ];
    v.extend([P::Quote { n: 2, field: None }, P::AnnLine { line: 12, id: None }]);
    v
}

fn project_errors() -> Vec<ProjectError> {
    use ProjectError as P;
    every![P:
        Json { line: 3, column: 14, parser_message: "EOF".into() },
        ModelAt { line: 9, column: 20, error: ModelError::EmptyRange { start: 5, end: 3 } },
        WrongFormat { found: "\"doccano\"".into() },
        NoFormat,
        WrongVersion { found: "\"one\"".into() },
        NoVersion,
        NewerVersion { found: 2 },
        OffsetUnit { found: "utf16".into() },
        NoOffsetUnit,
        DuplicateDocument { id: "d1".into() },
        Model(ModelError::EmptyText("d1".into())),
    ]
}

fn model_errors() -> Vec<ModelError> {
    use ModelError as M;
    let mut v = every![M:
        EmptyRange { start: 5, end: 3 },
        OutOfText { what: Subject::QuoteCue, id: "q1".into(), start: 2, end: 80, len: 13 },
        DuplicateId { what: Subject::Span, id: "e1".into() },
        EmptyId { what: Subject::Document },
        EmptyLabel,
        UnknownSpeakerSpan { quote: "q1".into(), span: "e9".into() },
        BadConfidence(1.5),
        EmptyText("d1".into()),
        TooMany { what: Subject::Span, count: 100_001, max: 100_000 },
        BadLabel { name: "PER".into(), reason: LabelProblem::NotHexColour },
        BadAnnotator { name: "Dana".into(), reason: AnnotatorProblem::NotHexColour },
        InLayer { annotator: "Omar".into(), error: Box::new(M::DuplicateId { what: Subject::Span, id: "e1".into() }) },
        DuplicateLayer("Omar".into()),
        BadDecision { decision: "maybe".into() },
        DuplicateResolved { what: What::Quote, start: 4, end: 19 },
    ];
    let subjects = every![Subject: Document, Span, Quote, QuoteCue, QuoteSpeaker, CuratedPosition];
    v.extend(subjects.into_iter().map(|what| M::OutOfText { what, id: "x1".into(), start: 1, end: 9, len: 4 }));
    v.push(M::TooMany { what: Subject::Quote, count: 20_001, max: 20_000 });
    let problems = every![LabelProblem:
        EmptyName, NameTooLong, InvisibleCharacters, NotHexColour, KeyTooLong, DescriptionTooLong,
    ];
    v.extend(problems.into_iter().map(|reason| M::BadLabel { name: "PER".into(), reason }));
    let annotator_problems = every![AnnotatorProblem: EmptyName, NameTooLong, InvisibleCharacters, NotHexColour];
    v.extend(annotator_problems.into_iter().map(|reason| M::BadAnnotator { name: "Dana".into(), reason }));
    v
}

fn edit_errors() -> Vec<EditError> {
    use EditError as E;
    every![E:
        UnknownSpan("e1".into()),
        UnknownQuote("q1".into()),
        BadRange { start: 9, end: 4, len: 40 },
        EmptyLabel,
        DuplicateSpan { start: 0, end: 6, label: "PER".into() },
        DuplicateQuote { start: 10, end: 30 },
        NotASuggestion("e1".into()),
        QuoteNotASuggestion("q1".into()),
        RelabelToSelf("PER".into()),
        NoSpeaker("q1".into()),
        EmptySpeakerName,
        NoLayers,
        NotCurating,
        UnknownPosition { what: What::Span, start: 3, end: 12 },
        UnknownAnnotator("Dana".into()),
        Stale,
        Model(ModelError::DuplicateId { what: Subject::Quote, id: "q1".into() }),
    ]
}

fn schema_errors() -> Vec<SchemaError> {
    use SchemaError as S;
    every![S:
        Label(ModelError::BadLabel { name: "PER".into(), reason: LabelProblem::KeyTooLong }),
        DuplicateName("PER".into()),
        DuplicateKey { key: "1".into(), first: "PER".into(), second: "ORG".into() },
    ]
}

fn export_errors() -> Vec<ExportError> {
    use ExportError as X;
    every![X:
        Io { system_message: "ENOSPC".into() },
        NotStreamFormat { format: "brat" },
        BratUtf16,
        Zip(ZipErrorKind::TooLarge),
    ]
}

fn tag_errors() -> Vec<TagError> {
    use TagError as T;
    let url = "http://127.0.0.1:8080/models/ar.sanad-model".to_string();
    let fetches = every![FetchError: Browser(BrowserError("NetworkError".into())), Http(404)];
    let mut v = every![T:
        Fetch { lang: "ar".into(), url: url.clone(), error: FetchError::Http(404) },
        Model { lang: "en".into(), error: ModelFileError::BadMagic },
        NotLoaded,
    ];
    v.extend(fetches.into_iter().map(|error| T::Fetch { lang: "en".into(), url: url.clone(), error }));
    let files = every![ModelFileError:
        TooShort(3),
        BadMagic,
        UnsupportedVersion { found: 9, supported: 4 },
        Truncated { expected: 1000, found: 999 },
        Checksum { expected: 0xdead_beef, found: 0xfeed },
        FeatureVersion { found: 2, supported: 3 },
        Invalid("payload ends inside weights".into()),
    ];
    v.extend(files.into_iter().map(|error| T::Model { lang: "ar".into(), error }));
    v
}

fn storage_errors() -> Vec<StorageError> {
    use StorageError as S;
    every![S:
        Browser(BrowserError("QuotaExceededError".into())),
        NoDocument { key: "default/d1".into() },
        NotUtf8 { key: "default/d1".into() },
        Invalid { key: "default/d1".into(), error: ProjectError::Model(ModelError::EmptyLabel) },
    ]
}

/// Every sample worded in English and Arabic, with the core's English where there is one.
fn all() -> Vec<(String, String, String, Option<String>)> {
    let mut out = Vec::new();
    let mut add = |what: String, en: String, ar: String, core: Option<String>| out.push((what, en, ar, core));
    for k in import_kinds() {
        add(format!("{k:?}"), import_kind(&EN, &k), import_kind(&AR, &k), Some(k.to_string()));
    }
    for k in zip_kinds() {
        add(format!("{k:?}"), zip_kind(&EN, &k), zip_kind(&AR, &k), Some(k.to_string()));
    }
    for p in array_problems() {
        add(format!("{p:?}"), array_problem(&EN, p).into(), array_problem(&AR, p).into(), Some(p.to_string()));
    }
    for p in parts() {
        add(format!("{p:?}"), part(&EN, &p), part(&AR, &p), Some(p.to_string()));
    }
    for e in project_errors() {
        add(format!("{e:?}"), project_error(&EN, &e), project_error(&AR, &e), Some(e.to_string()));
    }
    for e in model_errors() {
        add(format!("{e:?}"), model_error(&EN, &e), model_error(&AR, &e), Some(e.to_string()));
    }
    for e in edit_errors() {
        add(format!("{e:?}"), edit_error(&EN, &e), edit_error(&AR, &e), Some(e.to_string()));
    }
    for e in schema_errors() {
        add(format!("{e:?}"), schema_error(&EN, &e), schema_error(&AR, &e), Some(e.to_string()));
    }
    for e in export_errors() {
        add(format!("{e:?}"), export_error(&EN, &e), export_error(&AR, &e), Some(e.to_string()));
    }
    for e in tag_errors() {
        add(format!("{e:?}"), tag_error(&EN, &e), tag_error(&AR, &e), None);
    }
    for e in storage_errors() {
        add(format!("{e:?}"), storage_error(&EN, &e), storage_error(&AR, &e), None);
    }
    out
}

fn arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Two lower-case English words in a row ("is empty"): an English sentence, where the Arabic
/// text should have none (code such as `head_span`, "Label Studio" or "sanad" is single words or
/// capitalised).
fn english_words(s: &str) -> Option<String> {
    let word = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase());
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || ",;()“”«»\"".contains(c))
        .map(|w| w.trim_end_matches(['.', ':']))
        .collect();
    words.windows(2).find(|w| word(w[0]) && word(w[1])).map(|w| w.join(" "))
}

#[test]
fn every_kind_of_every_error_is_worded_in_english_and_arabic() {
    let all = all();
    assert!(all.len() > 160, "{}", all.len());
    for (what, en, ar, _) in &all {
        assert!(!en.trim().is_empty() && !ar.trim().is_empty(), "{what}");
        assert_ne!(en, ar, "{what}");
        assert!(arabic(ar), "{what}: {ar}");
        assert!(!arabic(en), "{what}: {en}");
        for s in [en, ar] {
            assert!(!s.contains('{') && !s.contains('}'), "{what}: a placeholder left in {s}");
        }
        assert_eq!(english_words(ar), None, "{what}: English in the Arabic text {ar}");
    }
}

#[test]
fn the_english_interface_says_what_the_cli_says() {
    // The page's English is the core's, but for text that is not ours, which the page quotes
    // ("cannot read: “NotReadableError”"), counts that take their plural form ("1 code point"),
    // the subjects of a count ("100,001 spans"), numbers grouped ("1,234"), and the messages the
    // core's words would not help a reader of the page with (a model file's structure, a refused
    // sink, which the page never has).
    let quoted = ["Read", "Inflate", "Json", "JsonLine", "JsonTask", "JsonItem", "Io", "Zip(ZipError"];
    let mut same = 0;
    for (what, en, _, core) in all() {
        let Some(core) = core else { continue };
        let differs = quoted.iter().any(|q| what.starts_with(&format!("{q} ")) || what.starts_with(&format!("{q}(")))
            || what.starts_with("TooMany")
            || what.contains("DescriptionTooLong")
            || (what.starts_with("Json {") && en.contains('“'));
        if differs {
            assert_ne!(en, core, "{what}: listed as different, but the same");
        } else {
            assert_eq!(en, core, "{what}");
            same += 1;
        }
    }
    assert!(same > 140, "{same}");
}

#[test]
fn arabic_errors_carry_their_file_line_column_and_values_in_arabic_digits() {
    use ImportErrorKind as K;
    let e = ImportError::new("news.jsonl", K::BadQuoteKind { found: "said".into() })
        .at(Some(12), Some(5))
        .within(Part::Quote { n: 3, field: Some("cue") });
    assert_eq!(
        import_error(&AR, &e),
        "الملف news.jsonl، السطر ١٢، العمود ٥: الاقتباس ٣، الحقل cue: نوع الاقتباس «said»: المتوقع \"direct\" أو \"indirect\" أو \"mixed\""
    );
    assert_eq!(import_error(&EN, &e), e.to_string());

    let e = ImportError::new("wire.ann", K::BratPastEnd { line: 1234, id: "T2".into(), start: 10, end: 99, len: 50 })
        .at(Some(1234), Some(1));
    let ar = import_error(&AR, &e);
    assert!(ar.starts_with("الملف wire.ann، السطر ١٬٢٣٤، العمود ١: السطر ١٬٢٣٤: موضعا T2 من ١٠ إلى ٩٩"), "{ar}");
    assert!(ar.ends_with("(طوله ٥٠ نقطة ترميز)"), "{ar}");

    let e = ImportError::new("big.jsonl", K::TooLargeToStream { megabytes: 200, limit_megabytes: 192 });
    assert_eq!(
        import_error(&AR, &e),
        "الملف big.jsonl: حجم الملف ٢٠٠ ميغابايت، والصفحة تقرأ ملفات حتى ١٩٢ ميغابايت. قسّمه، أو استعمل أداة سطر الأوامر sanad"
    );

    let e = ModelError::OutOfText { what: Subject::Span, id: "e1".into(), start: 2, end: 80, len: 13 };
    assert_eq!(model_error(&AR, &e), "الكيان «e1»: المدى من ٢ إلى ٨٠ ينتهي بعد نهاية النص (طوله ١٣ نقطة ترميز)");
    let e = ModelError::OutOfText { what: Subject::Span, id: "e1".into(), start: 0, end: 3, len: 2 };
    assert!(model_error(&AR, &e).ends_with("(طوله نقطتا ترميز)"), "{}", model_error(&AR, &e));
    let one = ModelError::OutOfText { what: Subject::Span, id: "e1".into(), start: 0, end: 3, len: 1 };
    assert!(model_error(&EN, &one).ends_with("(1 code point)"), "{}", model_error(&EN, &one));

    let e = ModelError::TooMany { what: Subject::Span, count: 100_001, max: 100_000 };
    assert_eq!(model_error(&AR, &e), "في المقالة الواحدة ١٠٠٬٠٠١ كيان، ولا يُحفظ أكثر من ١٠٠٬٠٠٠ في المقالة");
    assert_eq!(model_error(&EN, &e), "100,001 spans in one document: at most 100,000 are kept per document");

    let e = ModelError::BadLabel { name: "PER".into(), reason: LabelProblem::NameTooLong };
    assert_eq!(model_error(&AR, &e), "الوسم «PER»: الاسم أطول من ٤٠ حرفًا");
    assert_eq!(model_error(&AR, &ModelError::BadConfidence(1.5)), "الثقة ١٫٥ ليست بين ٠ و١");

    // A value from the file is escaped as the core escapes it: a bidi override shows.
    let e = EditError::UnknownSpan("e\u{202E}1".into());
    assert_eq!(edit_error(&AR, &e), "لا كيان «e\\u{202e}1» في هذه المقالة");
}

#[test]
fn words_that_are_not_ours_come_quoted_after_our_sentence() {
    let e = TagError::Fetch {
        lang: "ar".into(),
        url: "http://127.0.0.1/models/ar.sanad-model".into(),
        error: FetchError::Browser(BrowserError("Failed to fetch".into())),
    };
    assert_eq!(
        tag_error(&AR, &e),
        "تعذّر جلب النموذج العربي من http://127.0.0.1/models/ar.sanad-model: «Failed to fetch»"
    );
    assert_eq!(
        tag_error(&EN, &e),
        "the Arabic model could not be fetched from http://127.0.0.1/models/ar.sanad-model: “Failed to fetch”"
    );
    let e = ImportErrorKind::Json { parser_message: "expected value".into() };
    assert_eq!(import_kind(&AR, &e), "JSON غير صالح: «expected value»");
    // In a notice: the storage failure's sentence, then the browser's words.
    let refused = StorageError::Browser(BrowserError("The quota has been exceeded.".into()));
    let msg = Msg::text(TextKey::storage_failed).with("error", Msg::Storage(refused));
    assert!(
        msg.render(&AR).starts_with("تعذّر الحفظ في تخزين المتصفح (رفض المتصفح: «The quota has been exceeded.»)"),
        "{}",
        msg.render(&AR)
    );
    let e = StorageError::Invalid {
        key: "default/d1".into(),
        error: ProjectError::ModelAt { line: 1, column: 40, error: ModelError::EmptyRange { start: 5, end: 3 } },
    };
    assert_eq!(
        storage_error(&AR, &e),
        "السجل المحفوظ «default/d1»: السطر ١، العمود ٤٠: المدى من ٥ إلى ٣ فارغ أو معكوس (يجب أن تسبق البداية النهاية)"
    );
}
