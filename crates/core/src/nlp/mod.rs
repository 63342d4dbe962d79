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
//! - [`tagger`] (decode, model, consistency, train), then [`model_file`], [`conll`], [`eval`].

pub mod bio;
pub mod clusters;
pub mod conll;
pub mod dates;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod lexicon;
pub mod model_file;
pub mod normalize;
pub mod tagger;
pub mod tokenize;
pub mod tokinfo;
pub mod triggers;

use tagger::{consistency_pass, DocSentence, Tagger};
use tokenize::TokenKind;

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

/// Taggers by language, and the document pipeline.
#[derive(Debug, Default)]
pub struct Annotator {
    taggers: Vec<Tagger>,
    /// Run the document-level consistency pass.
    pub consistency: bool,
    /// Add rule-based DATE spans.
    pub dates: bool,
}

impl Annotator {
    /// An annotator over the given taggers (one per language).
    pub fn new(taggers: Vec<Tagger>) -> Self {
        Annotator { taggers, consistency: true, dates: true }
    }

    /// Reads taggers from model files. See [`model_file::from_bytes`].
    pub fn from_model_files(files: &[&[u8]]) -> Result<Self, model_file::ModelFileError> {
        let taggers = files.iter().map(|b| model_file::from_bytes(b)).collect::<Result<Vec<_>, _>>()?;
        Ok(Self::new(taggers))
    }

    /// Adds a tagger, replacing one of the same language.
    pub fn add(&mut self, tagger: Tagger) {
        self.taggers.retain(|t| t.lang != tagger.lang);
        self.taggers.push(tagger);
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
        let paras = crate::lang::paragraph_languages(text, default);
        self.annotate_langs(text, &paras, default)
    }

    /// Annotates a document with the tagger of `lang`.
    pub fn annotate_as(&self, text: &str, lang: &str) -> Vec<EntitySpan> {
        self.annotate_langs(text, &[], lang)
    }

    /// Each sentence is tagged in the language of the paragraph it starts in (`default` outside
    /// `paras`); the consistency pass runs per language over that language's sentences.
    fn annotate_langs(&self, text: &str, paras: &[crate::lang::ParagraphLang<'_>], default: &str) -> Vec<EntitySpan> {
        // Code points and their byte offsets (one more for the end), so words are slices of `text`.
        let mut chars: Vec<char> = Vec::with_capacity(text.len());
        let mut bytes: Vec<usize> = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            chars.push(c);
            bytes.push(b);
        }
        bytes.push(text.len());
        let tokens = tokenize::tokenize_chars(&chars);
        let sents = tokenize::sentences(&chars, &tokens);
        // Per token: the word (a hashtag's word drops its '#'), its code point range and its normalised
        // key (all keys in one buffer).
        let mut words: Vec<&str> = Vec::with_capacity(tokens.len());
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        let mut key_buf = String::with_capacity(text.len());
        let mut key_ends: Vec<usize> = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let skip = usize::from(t.kind == TokenKind::Hashtag);
            let w = &text[bytes[t.start + skip]..bytes[t.end]];
            words.push(w);
            ranges.push((t.start + skip, t.end));
            normalize::normalize_into(w, &mut key_buf);
            key_ends.push(key_buf.len());
        }
        let keys: Vec<&str> =
            key_ends.iter().enumerate().map(|(i, &e)| &key_buf[if i == 0 { 0 } else { key_ends[i - 1] }..e]).collect();
        let slice = |i: usize, j: usize| &text[bytes[i]..bytes[j]];
        // The language of each sentence, from the paragraph holding its first token.
        let mut para = 0;
        let sent_lang: Vec<&str> = sents
            .iter()
            .map(|r| {
                let at = tokens.get(r.start).map_or(0, |t| t.start);
                while para < paras.len() && paras[para].end <= at {
                    para += 1;
                }
                paras.get(para).filter(|p| p.start <= at).map_or(default, |p| p.lang)
            })
            .collect();
        let mut langs: Vec<&str> = Vec::new();
        for l in &sent_lang {
            if !langs.contains(l) {
                langs.push(l);
            }
        }
        let mut out = Vec::new();
        for lang in langs {
            let Some(tg) = self.tagger(lang) else { continue };
            let mine: Vec<&std::ops::Range<usize>> =
                sents.iter().zip(&sent_lang).filter(|(_, l)| **l == lang).map(|(r, _)| r).collect();
            let mut cache = tagger::WordCache::default();
            let infos: Vec<_> =
                mine.iter().map(|r| tg.infos_cached(&words[(*r).clone()], &keys[(*r).clone()], &mut cache)).collect();
            let mut doc: Vec<DocSentence<'_>> = infos
                .iter()
                .map(|(inf, entries)| DocSentence { infos: inf, spans: tg.tag_cached(inf, entries, &cache) })
                .collect();
            if self.consistency {
                consistency_pass(&mut doc, lang != "ar");
            }
            for (r, d) in mine.iter().zip(&doc) {
                let ranges = &ranges[(*r).clone()];
                for sp in &d.spans {
                    let (s, e) = (ranges[sp.start].0, ranges[sp.end - 1].1);
                    out.push(EntitySpan {
                        start: s,
                        end: e,
                        label: tg.labels.get(sp.label).cloned().unwrap_or_default(),
                        text: slice(s, e).to_string(),
                        confidence: (f64::from(sp.confidence) * 1000.0).round() / 1000.0,
                    });
                }
            }
        }
        if self.dates {
            let mut dates = Vec::new();
            for r in &sents {
                let ranges = &ranges[r.clone()];
                for d in dates::find_dates_keyed(&keys[r.clone()]) {
                    let (s, e) = (ranges[d.start].0, ranges[d.end - 1].1);
                    if !out.iter().any(|x: &EntitySpan| x.start < e && s < x.end) {
                        dates.push(EntitySpan {
                            start: s,
                            end: e,
                            label: DATE.to_string(),
                            text: slice(s, e).to_string(),
                            confidence: 1.0,
                        });
                    }
                }
            }
            out.extend(dates);
        }
        crate::sort::sort_by_key(&mut out, |s| (s.start, s.end));
        out
    }
}

/// Tags pre-tokenized sentences (for example a CoNLL file) with one tagger, optionally running the
/// consistency pass over them as one document; returns IOB2 tags per sentence.
pub fn tag_sentences(tagger: &Tagger, sents: &[Vec<String>], consistency: bool) -> Vec<Vec<String>> {
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
        .map(|(inf, entries)| DocSentence { infos: inf, spans: tagger.tag_cached(inf, entries, &cache) })
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
