//! Entity pre-annotation: tokenizer, Arabic normalisation, the trained tagger, rule-based dates,
//! gazetteers, evaluation and the model file format.
//!
//! [`Annotator::annotate`] is the entry point: it detects the language, tokenizes, tags every
//! sentence, runs the document-level consistency pass, adds DATE spans where no entity overlaps and
//! returns spans in code points of the original text.
//!
//! Modules, each using only those above it (no module imports one that imports it):
//! - [`hash`] (the one FNV-1a 64, feature mixing, hash-keyed tables), [`bio`] (IOB2 tag numbers,
//!   allowed transitions, spans, tagged sentences), [`tokenize`], [`normalize`] (keys, proclitics);
//! - [`tokinfo`] (what the tagger knows about a token), [`triggers`] (trigger word lists),
//!   [`gazetteer`] and [`lexicon`] (name lists and learned names, matched onto token infos),
//!   [`clusters`] (word clusters from unlabelled text), [`dates`];
//! - [`features`] (token infos, sentence marking, window features);
//! - [`tagger`] (decode, delta, model, consistency, train), then [`model_file`], [`conll`], [`eval`];
//! - [`doctext`] (a text's tokens, sentences, keys and sentence languages, read once for tagging and
//!   learning), then [`learn`] (online learning from done documents: the learner, its file format,
//!   the fine-tuned model file).

pub mod bio;
pub mod clusters;
pub mod conll;
mod container;
pub mod dates;
pub mod doctext;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod learn;
pub mod lexicon;
pub mod model_file;
pub mod normalize;
pub mod tagger;
pub mod tokenize;
pub mod tokinfo;
pub mod triggers;

use doctext::DocText;
use tagger::{consistency_pass, Delta, DocSentence, Tagger};

/// Label of rule-based date spans.
pub const DATE: &str = "DATE";

/// An entity suggestion in code points of the original text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntitySpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// PER, LOC, ORG, MISC or DATE.
    pub label: String,
    /// The covered text.
    pub text: String,
    /// 0..1; rule-based dates have 1.
    pub confidence: f64,
}

impl From<&EntitySpan> for crate::model::Suggestion {
    fn from(e: &EntitySpan) -> Self {
        crate::model::Suggestion { start: e.start, end: e.end, label: e.label.clone(), confidence: Some(e.confidence) }
    }
}

/// How unsure the tagger was about a document, for the library's "least certain first" order.
///
/// Per sentence, the margin is the score gap between the best tagging and the best tagging that
/// changes any token (the least max-marginal margin of its tokens: Settles and Craven's sequence
/// margin, and INCEpTION's "margin to the next label" for a whole sentence); it becomes a doubt
/// `1 / (1 + exp(margin / T))` with the model's calibrated confidence temperature `T` (0.5 at a
/// tie, like Prodigy's preference for scores near 0.5). The document's score is the mean doubt of
/// its sentences, doubled to 0..1: a mean over sentences does not favour long articles (a sum
/// would) and is not drowned by easy tokens (a mean over tokens would). It comes from the decoder's
/// own margins, at the cost of one exponential per sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Uncertainty {
    /// 0 (every sentence certain) to 1 (every sentence a tie between two taggings).
    pub score: f32,
    /// Sentences tagged.
    pub sentences: usize,
    /// The least sentence margin in the document (`f32::MAX` when nothing was tagged).
    pub least_margin: f32,
}

/// Entity suggestions for a document and how sure the tagger was.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotation {
    /// Suggestions, in code points, sorted by start and end.
    pub spans: Vec<EntitySpan>,
    /// See [`Uncertainty`].
    pub uncertainty: Uncertainty,
}

/// Taggers by language, each with an optional online [`Delta`], and the document pipeline.
#[derive(Debug, Default)]
pub struct Annotator {
    taggers: Vec<Tagger>,
    deltas: Vec<Delta>,
    /// Run the document-level consistency pass.
    pub consistency: bool,
    /// Add rule-based DATE spans.
    pub dates: bool,
}

impl Annotator {
    /// An annotator over the given taggers (one per language).
    pub fn new(taggers: Vec<Tagger>) -> Self {
        Annotator { taggers, deltas: Vec::new(), consistency: true, dates: true }
    }

    /// Reads taggers from model files, plain or fine-tuned (a fine-tuned file's learned delta is
    /// used). See [`model_file::from_bytes`] and [`learn::read_model`].
    pub fn from_model_files(files: &[&[u8]]) -> Result<Self, learn::LearnError> {
        let mut ann = Annotator::new(Vec::new());
        for b in files {
            let (tagger, learner) = learn::read_model(b)?;
            ann.add(tagger);
            if let Some(l) = learner {
                ann.set_delta(l.delta().clone())?;
            }
        }
        Ok(ann)
    }

    /// Adds a tagger, replacing one of the same language (and dropping that language's delta).
    pub fn add(&mut self, tagger: Tagger) {
        self.taggers.retain(|t| t.lang != tagger.lang);
        self.deltas.retain(|d| d.lang() != tagger.lang);
        self.taggers.push(tagger);
    }

    /// Tags its language with `delta` on top of the base model, replacing any delta it had. The
    /// delta must have been learned on the loaded tagger of its language.
    pub fn set_delta(&mut self, delta: Delta) -> Result<(), learn::LearnError> {
        let Some(t) = self.tagger(delta.lang()) else {
            return Err(learn::LearnError::Invalid(format!("no {} model is loaded for this delta", delta.lang())));
        };
        let expected = learn::base_checksum(t);
        if expected != delta.base() {
            return Err(learn::LearnError::OtherBase { expected, found: delta.base() });
        }
        self.deltas.retain(|d| d.lang() != delta.lang());
        self.deltas.push(delta);
        Ok(())
    }

    /// Tags `lang` with its base model alone again.
    pub fn clear_delta(&mut self, lang: &str) {
        self.deltas.retain(|d| d.lang() != lang);
    }

    /// The delta used for `lang`, if any.
    pub fn delta(&self, lang: &str) -> Option<&Delta> {
        self.deltas.iter().find(|d| d.lang() == lang)
    }

    /// The tagger for a language, if loaded.
    pub fn tagger(&self, lang: &str) -> Option<&Tagger> {
        self.taggers.iter().find(|t| t.lang == lang)
    }

    /// Languages with a tagger.
    pub fn languages(&self) -> Vec<&str> {
        self.taggers.iter().map(|t| t.lang.as_str()).collect()
    }

    /// Annotates a document paragraph by paragraph, each with the tagger of its own language (see
    /// [`crate::lang::paragraph_languages`]; short paragraphs take the document's language from
    /// [`crate::lang::detect`]). Paragraphs in a language without a tagger only get dates.
    pub fn annotate(&self, text: &str) -> Vec<EntitySpan> {
        self.annotate_paragraphs(text, crate::lang::detect(text))
    }

    /// [`Annotator::annotate`] with a given document language for paragraphs too short to decide.
    pub fn annotate_paragraphs(&self, text: &str, default: &str) -> Vec<EntitySpan> {
        self.annotate_full(text, default).spans
    }

    /// [`Annotator::annotate_paragraphs`] with the document's [`Uncertainty`].
    pub fn annotate_full(&self, text: &str, default: &str) -> Annotation {
        let paras = crate::lang::paragraph_languages(text, default);
        self.annotate_langs(text, &paras, default)
    }

    /// Annotates a document with the tagger of `lang`.
    pub fn annotate_as(&self, text: &str, lang: &str) -> Vec<EntitySpan> {
        self.annotate_langs(text, &[], lang).spans
    }

    /// Each sentence is tagged in the language of the paragraph it starts in (`default` outside
    /// `paras`); the consistency pass runs per language over that language's sentences.
    fn annotate_langs(&self, text: &str, paras: &[crate::lang::ParagraphLang<'_>], default: &str) -> Annotation {
        let dt = DocText::new(text, paras, default);
        let keys = dt.keys();
        let mut out = Vec::new();
        let mut doubt = 0.0f64;
        let mut unc = Uncertainty { least_margin: f32::MAX, ..Uncertainty::default() };
        for lang in dt.languages() {
            let Some(tg) = self.tagger(lang) else { continue };
            let delta = self.delta(lang);
            let mine = dt.sentences_in(lang);
            let mut cache = tagger::WordCache::default();
            let infos: Vec<_> =
                mine.iter().map(|r| tg.infos_cached(&dt.words[r.clone()], &keys[r.clone()], &mut cache)).collect();
            let mut doc: Vec<DocSentence<'_>> = Vec::with_capacity(infos.len());
            for (inf, entries) in &infos {
                let (spans, margin) = tg.tag_cached_with(inf, entries, &cache, delta);
                if !inf.is_empty() {
                    unc.sentences += 1;
                    unc.least_margin = unc.least_margin.min(margin);
                    doubt += 1.0 / (1.0 + (f64::from(margin) / f64::from(tg.conf_temp.max(1e-6))).exp());
                }
                doc.push(DocSentence { infos: inf, spans });
            }
            if self.consistency {
                consistency_pass(&mut doc, lang != "ar");
            }
            for (r, d) in mine.iter().zip(&doc) {
                let ranges = &dt.ranges[r.clone()];
                for sp in &d.spans {
                    let (s, e) = (ranges[sp.start].0, ranges[sp.end - 1].1);
                    out.push(EntitySpan {
                        start: s,
                        end: e,
                        label: tg.labels.get(sp.label).cloned().unwrap_or_default(),
                        text: dt.slice(s, e).to_string(),
                        confidence: (f64::from(sp.confidence) * 1000.0).round() / 1000.0,
                    });
                }
            }
        }
        if unc.sentences > 0 {
            unc.score = (2.0 * doubt / unc.sentences as f64) as f32;
        }
        if self.dates {
            let mut dates = Vec::new();
            for r in &dt.sents {
                let ranges = &dt.ranges[r.clone()];
                for d in dates::find_dates_keyed(&keys[r.clone()]) {
                    let (s, e) = (ranges[d.start].0, ranges[d.end - 1].1);
                    if !out.iter().any(|x: &EntitySpan| x.start < e && s < x.end) {
                        dates.push(EntitySpan {
                            start: s,
                            end: e,
                            label: DATE.to_string(),
                            text: dt.slice(s, e).to_string(),
                            confidence: 1.0,
                        });
                    }
                }
            }
            out.extend(dates);
        }
        crate::sort::sort_by_key(&mut out, |s| (s.start, s.end));
        Annotation { spans: out, uncertainty: unc }
    }
}

/// Tags pre-tokenized sentences (for example a CoNLL file) with one tagger, optionally running the
/// consistency pass over them as one document; returns IOB2 tags per sentence.
pub fn tag_sentences(tagger: &Tagger, sents: &[Vec<String>], consistency: bool) -> Vec<Vec<String>> {
    tag_sentences_with(tagger, None, sents, consistency)
}

/// [`tag_sentences`] with an optional online [`Delta`] on top of the tagger.
pub fn tag_sentences_with(
    tagger: &Tagger,
    delta: Option<&Delta>,
    sents: &[Vec<String>],
    consistency: bool,
) -> Vec<Vec<String>> {
    let mut cache = tagger::WordCache::default();
    let mut key = String::new();
    let infos: Vec<_> = sents
        .iter()
        .map(|ws| {
            let words: Vec<&str> = ws.iter().map(String::as_str).collect();
            let keys: Vec<String> = words
                .iter()
                .map(|w| {
                    key.clear();
                    normalize::normalize_into(w, &mut key);
                    key.clone()
                })
                .collect();
            tagger.infos_cached(&words, &keys, &mut cache)
        })
        .collect();
    let mut doc: Vec<DocSentence<'_>> = infos
        .iter()
        .map(|(inf, entries)| DocSentence { infos: inf, spans: tagger.tag_cached_with(inf, entries, &cache, delta).0 })
        .collect();
    if consistency {
        consistency_pass(&mut doc, tagger.lang != "ar");
    }
    doc.iter()
        .map(|d| {
            let mut tags = vec!["O".to_string(); d.infos.len()];
            for sp in &d.spans {
                let l = tagger.labels.get(sp.label).cloned().unwrap_or_default();
                for (i, t) in tags.iter_mut().enumerate().take(sp.end).skip(sp.start) {
                    *t = format!("{}-{l}", if i == sp.start { "B" } else { "I" });
                }
            }
            tags
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use std::path::PathBuf;

    fn models_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../static/models")
    }

    fn shipped() -> Annotator {
        let ar = std::fs::read(models_dir().join("ar.sanad-model")).unwrap();
        let en = std::fs::read(models_dir().join("en.sanad-model")).unwrap();
        Annotator::from_model_files(&[&ar, &en]).unwrap()
    }

    #[test]
    fn uncertainty_ranks_an_unsure_document_above_a_sure_one() {
        let ann = shipped();
        let sure = ann.annotate_full("Angela Merkel visited Paris in June. The meeting ended at noon.", "en");
        let unsure = ann.annotate_full("Shares of Zorblax rose after the report. Quenby Trask said so.", "en");
        for u in [sure.uncertainty, unsure.uncertainty] {
            assert_eq!(u.sentences, 2);
            assert!((0.0..=1.0).contains(&u.score), "{u:?}");
            assert!(u.least_margin < f32::MAX);
        }
        assert!(unsure.uncertainty.score > sure.uncertainty.score, "{:?} {:?}", unsure.uncertainty, sure.uncertainty);
        // Nothing tagged: no sentence, no doubt.
        let empty = ann.annotate_full("   ", "en").uncertainty;
        assert_eq!((empty.sentences, empty.score, empty.least_margin), (0, 0.0, f32::MAX));
    }

    #[test]
    #[ignore = "needs ../shared/samples/seed-ar-news.txt; run with --ignored when ../shared is present"]
    fn shared_seed_article() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/seed-ar-news.txt");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; this test needs ../shared beside the repository", path.display()));
        let ann = shipped();
        let spans = ann.annotate(&text);
        let has = |t: &str, l: &str| spans.iter().any(|s| s.label == l && s.text.contains(t));
        assert!(has("لافروف", "PER"), "لافروف as PER");
        assert!(has("كازاخستان", "LOC"), "كازاخستان as LOC");
        assert!(has("الاتحاد الأوروبي", "ORG"), "الاتحاد الأوروبي as ORG");
        assert!(spans.iter().any(|s| s.label == DATE && s.text == "12th, November 2023"));
        let chars: Vec<char> = text.chars().collect();
        for s in &spans {
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
            assert!((0.0..=1.0).contains(&s.confidence));
        }
    }

    #[test]
    fn english_and_language_detection() {
        let ann = shipped();
        let spans =
            ann.annotate("President Joe Biden met Emmanuel Macron in Paris on Monday, said the United Nations.");
        let find = |t: &str| spans.iter().find(|s| s.text == t).map(|s| s.label.as_str());
        assert_eq!(find("Paris"), Some("LOC"));
        assert_eq!(find("Monday"), Some("DATE"));
        assert!(spans.iter().any(|s| s.label == "PER" && s.text.contains("Biden")));
        assert_eq!(ann.languages(), ["ar", "en"]);
    }

    /// The text of the mixed-language e2e test: an Arabic article with an English paragraph.
    const MIXED: &str = "موسكو تنتقد بروكسل\n\
        قال وزير الخارجية الروسي سيرغي لافروف إن الاتحاد الأوروبي يحاول علناً التدخل في شؤون كازاخستان.\n\
        Foreign Minister Sergei Lavrov told reporters in Moscow that the European Union was interfering.\n\
        وأضاف لافروف أن روسيا سترد.";

    #[test]
    fn each_paragraph_gets_the_model_of_its_language() {
        let ann = shipped();
        let spans = ann.annotate(MIXED);
        let has = |t: &str, l: &str| spans.iter().any(|s| s.label == l && s.text.contains(t));
        assert!(has("لافروف", "PER"), "{spans:?}");
        assert!(has("Lavrov", "PER"), "{spans:?}");
        assert!(has("Moscow", "LOC"), "{spans:?}");
        // Forcing one language for the whole document tags the English paragraph with the Arabic
        // model, which finds other spans there (it misses Moscow).
        let forced = ann.annotate_as(MIXED, "ar");
        assert_ne!(forced, spans);
        assert!(!forced.iter().any(|s| s.label == "LOC" && s.text == "Moscow"), "{forced:?}");
        // A document in one language is tagged exactly as before.
        let seed = "قال وزير الخارجية الروسي سيرغي لافروف إن الاتحاد الأوروبي يحاول التدخل.\nوأضاف لافروف أن روسيا سترد.";
        assert_eq!(ann.annotate(seed), ann.annotate_as(seed, "ar"));
        // Without an English model the English paragraph only gets dates; the Arabic one is tagged.
        let ar_only =
            Annotator::new(vec![
                model_file::from_bytes(&std::fs::read(models_dir().join("ar.sanad-model")).unwrap()).unwrap()
            ]);
        let spans = ar_only.annotate(MIXED);
        assert!(spans.iter().any(|s| s.text.contains("لافروف")));
        assert!(!spans.iter().any(|s| s.text.contains("Lavrov")));
    }

    #[test]
    fn dates_never_overlap_entities_and_hashtags_drop_the_mark() {
        let ann = shipped();
        let text = "في زيارة ترفضها #موسكو.. #كازاخستان تستقبل رئيس #فرنسا يوم الأحد";
        let spans = ann.annotate(text);
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i + 1..] {
                assert!(a.end <= b.start || b.end <= a.start, "{a:?} overlaps {b:?}");
            }
        }
        assert!(spans.iter().all(|s| !s.text.starts_with('#')));
        assert!(spans.iter().any(|s| s.label == DATE && s.text == "يوم الأحد"));
    }

    /// The per-document word cache gives exactly the tags and confidences of the plain path.
    #[test]
    fn word_cache_changes_nothing() {
        let ann = shipped();
        let docs = [
            ("ar", "قال وزير الخارجية الروسي سيرغي لافروف إن الاتحاد الأوروبي يحاول التدخل . وأضاف لافروف أن روسيا سترد على الاتحاد الأوروبي"),
            ("en", "Foreign Minister Sergei Lavrov said Russia would respond . Lavrov told reporters in Moscow that Russia would respond"),
        ];
        for (lang, text) in docs {
            let tg = ann.tagger(lang).unwrap();
            let sents: Vec<Vec<&str>> = text.split(" . ").map(|s| s.split(' ').collect()).collect();
            let mut cache = tagger::WordCache::default();
            for words in &sents {
                let keys: Vec<String> = words.iter().map(|w| normalize::normalize_key(w)).collect();
                let plain = tg.tag_infos(&tg.infos(words), None).1;
                let (infos, entries) = tg.infos_cached(words, &keys, &mut cache);
                assert_eq!(tg.tag_cached(&infos, &entries, &cache), plain, "{lang}");
                assert!(!plain.is_empty());
            }
        }
    }

    #[test]
    fn tag_sentences_gives_iob2() {
        let ann = shipped();
        let tg = ann.tagger("ar").unwrap();
        let tags = tag_sentences(tg, &[vec!["قال".into(), "سيرغي".into(), "لافروف".into()]], true);
        assert_eq!(tags[0], ["O", "B-PER", "I-PER"]);
    }
}
