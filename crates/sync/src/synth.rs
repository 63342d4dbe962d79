//! A synthetic article for the sync benchmarks: news-like Arabic and English paragraphs (the
//! vocabulary of the page benchmarks' generator, `tests/bench/synth.ts`) with exactly the asked
//! number of code points, entity spans and quotes.
//!
//! `synth.ts`'s `bigProject(100_000, 5_000, 300)` stops adding spans and quotes when the text is
//! long enough, which gives 2,892 spans and 241 quotes; this one puts a name every ~20 code points
//! so that 100,000 code points hold 5,000 spans, then pads with unlabelled text. Half the quotes
//! have a speaker linked to a span (with its name), editors' spans carry an author, as a shared
//! project's would.

use sanad_core::{Document, Origin, Quote, QuoteKind, Range, Span, Speaker};

const AR: [&str; 12] =
    ["قال", "الوزير", "إن", "الحكومة", "ستعلن", "خطة", "جديدة", "للمياه", "في", "المدينة", "خلال", "الأسبوع"];
const EN: [&str; 12] =
    ["The", "minister", "said", "that", "the", "council", "would", "publish", "a", "plan", "for", "water"];
const NAMES: [&str; 8] = ["لافروف", "القاهرة", "Lopez", "Esbjerg", "الأمم المتحدة", "Reuters", "بيسكوف", "Bristol"];
const LABELS: [&str; 8] = ["PER", "LOC", "PER", "LOC", "ORG", "ORG", "PER", "LOC"];
const AUTHORS: [&str; 3] = ["ali", "sara", "lina"];

struct Text {
    s: String,
    cp: usize,
}

impl Text {
    fn push(&mut self, s: &str) {
        self.s.push_str(s);
        self.cp += s.chars().count();
    }
}

/// A document of `chars` code points (at least what the spans need) with `spans` spans and
/// `quotes` quotes (one per paragraph at most), all valid for the model.
pub fn article(chars: usize, spans: usize, quotes: usize) -> Result<Document, sanad_core::ModelError> {
    let mut t = Text { s: String::with_capacity(chars * 2), cp: 0 };
    let mut out_spans: Vec<Span> = Vec::with_capacity(spans);
    let mut out_quotes: Vec<Quote> = Vec::with_capacity(quotes);
    let mut para = 0usize;
    while out_spans.len() < spans || out_quotes.len() < quotes {
        let words = if para % 2 == 1 { &EN } else { &AR };
        let para_start = t.cp;
        let mut first: Option<(String, Range, &str)> = None;
        for i in 0..12 {
            let k = (para + i) % NAMES.len();
            let start = t.cp;
            t.push(NAMES[k]);
            if out_spans.len() < spans {
                let id = format!("s{}", out_spans.len() + 1);
                let r = Range::new(start, t.cp)?;
                let origin = if i % 3 == 0 { Origin::Editor } else { Origin::Import };
                let author = (origin == Origin::Editor).then(|| AUTHORS[(para + i) % AUTHORS.len()].to_string());
                if first.is_none() && LABELS[k] == "PER" {
                    first = Some((id.clone(), r, NAMES[k]));
                }
                out_spans.push(Span::new(id, r, LABELS[k], origin)?.with_author(author));
            }
            let n = 1 + i % 3;
            let w = (para * 5 + i * 3) % words.len();
            let filler: Vec<&str> = (0..n).map(|j| words[(w + j) % words.len()]).collect();
            t.push(" ");
            t.push(&filler.join(" "));
            t.push(" ");
        }
        if out_quotes.len() < quotes {
            let q = out_quotes.len();
            let kind = if q % 2 == 1 { QuoteKind::Direct } else { QuoteKind::Indirect };
            let mut quote =
                Quote::new(format!("q{}", q + 1), Range::new(para_start + 1, t.cp - 1)?, kind, Origin::Editor)?
                    .with_author(Some(AUTHORS[q % AUTHORS.len()].to_string()));
            if q.is_multiple_of(2) {
                if let Some((id, r, name)) = first.take() {
                    quote = quote.with_speaker(Some(Speaker::new(r, Some(id))), Some(name.to_string()));
                }
            }
            out_quotes.push(quote);
        }
        t.push("\n");
        para += 1;
    }
    // Unlabelled text up to the length asked.
    let mut i = 0;
    while t.cp < chars {
        let words = if para % 2 == 1 { &EN } else { &AR };
        let w = words[i % words.len()];
        if t.cp + w.chars().count() + 1 > chars {
            let pad = chars - t.cp;
            t.push(&".".repeat(pad));
            break;
        }
        t.push(w);
        t.push(if i % 40 == 39 { "\n" } else { " " });
        i += 1;
    }
    Document::new("bench-100k", "Benchmark 100k", "ar", t.s)?.with_annotations(out_spans, out_quotes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_benchmark_article_has_what_it_says() {
        let d = article(100_000, 5_000, 300).unwrap();
        assert_eq!((d.cp_len(), d.spans().len(), d.quotes().len()), (100_000, 5_000, 300));
        assert_eq!(d.quotes().iter().filter(|q| q.speaker().is_some()).count(), 150);
        // Arabic and English, as the page benchmarks' article.
        assert!(d.text().contains("الحكومة") && d.text().contains("council"));
        let small = article(10, 3, 1).unwrap();
        assert_eq!((small.spans().len(), small.quotes().len()), (3, 1));
    }
}
