//! The values stored per id: a span or a quote as one whole value, with its revision.

use std::fmt;
use std::sync::Arc;

use sanad_core::{ModelError, Origin, Quote, QuoteKind, Range, Span, Speaker};
use serde::{Deserialize, Serialize};

/// Who wrote a value: the writing client's id and its counter. Unique across clients as long as
/// client ids are (a random 53-bit id per session, as Yjs does). Stored as `"<client>.<counter>"`
/// in base 36, short on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rev {
    pub client: u64,
    pub n: u64,
}

fn base36(mut v: u64, out: &mut String) {
    let mut digits = [0u8; 13];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b"0123456789abcdefghijklmnopqrstuvwxyz"[(v % 36) as usize];
        v /= 36;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&b| char::from(b)));
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(16);
        base36(self.client, &mut s);
        s.push('.');
        base36(self.n, &mut s);
        f.write_str(&s)
    }
}

impl From<Rev> for String {
    fn from(r: Rev) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for Rev {
    type Error = String;
    fn try_from(s: String) -> Result<Rev, String> {
        let bad = || format!("revision {s:?} is not <client>.<counter> in base 36");
        let (c, n) = s.split_once('.').ok_or_else(bad)?;
        let client = u64::from_str_radix(c, 36).map_err(|_| bad())?;
        let n = u64::from_str_radix(n, 36).map_err(|_| bad())?;
        Ok(Rev { client, n })
    }
}

/// A span as stored in the CRDT under its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    pub rev: Rev,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Rev>,
}

impl SpanRecord {
    pub fn of(s: &Span, rev: Rev, base: Option<Rev>) -> SpanRecord {
        SpanRecord {
            start: s.start(),
            end: s.end(),
            label: s.label().to_string(),
            origin: s.origin(),
            author: s.author().map(str::to_string),
            confidence: s.confidence(),
            rev,
            base,
        }
    }

    /// The span, through the model's constructors.
    pub fn to_span(&self, id: &str) -> Result<Span, ModelError> {
        Span::new(Arc::<str>::from(id), Range::new(self.start, self.end)?, self.label.as_str(), self.origin)?
            .with_author(self.author.clone())
            .with_confidence(self.confidence)
    }

    /// True when the record holds what `s` holds (revisions aside).
    pub fn same_as(&self, s: &Span) -> bool {
        self.start == s.start()
            && self.end == s.end()
            && self.label == s.label()
            && self.origin == s.origin()
            && self.author.as_deref() == s.author()
            && self.confidence == s.confidence()
    }
}

/// A quote as stored in the CRDT under its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Range>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_name: Option<String>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    pub rev: Rev,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Rev>,
}

impl QuoteRecord {
    pub fn of(q: &Quote, rev: Rev, base: Option<Rev>) -> QuoteRecord {
        QuoteRecord {
            start: q.start(),
            end: q.end(),
            kind: q.kind(),
            cue: q.cue(),
            speaker: q.speaker().cloned(),
            speaker_name: q.speaker_name().map(str::to_string),
            origin: q.origin(),
            author: q.author().map(str::to_string),
            confidence: q.confidence(),
            rev,
            base,
        }
    }

    /// The quote, through the model's constructors.
    pub fn to_quote(&self, id: &str) -> Result<Quote, ModelError> {
        Quote::new(id, Range::new(self.start, self.end)?, self.kind, self.origin)?
            .with_cue(self.cue)
            .with_speaker(self.speaker.clone(), self.speaker_name.clone())
            .with_author(self.author.clone())
            .with_confidence(self.confidence)
    }

    /// True when the record holds what `q` holds (revisions aside).
    pub fn same_as(&self, q: &Quote) -> bool {
        self.start == q.start()
            && self.end == q.end()
            && self.kind == q.kind()
            && self.cue == q.cue()
            && self.speaker.as_ref() == q.speaker()
            && self.speaker_name.as_deref() == q.speaker_name()
            && self.origin == q.origin()
            && self.author.as_deref() == q.author()
            && self.confidence == q.confidence()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn revisions_read_back_and_bad_ones_are_refused() {
        for r in [Rev { client: 0, n: 0 }, Rev { client: (1 << 53) - 1, n: 12345 }, Rev { client: u64::MAX, n: 1 }] {
            let s = r.to_string();
            assert_eq!(Rev::try_from(s.clone()).unwrap(), r, "{s}");
        }
        assert_eq!(Rev { client: 36, n: 35 }.to_string(), "10.z");
        for bad in ["", "12", "a.", ".b", "a.b.c", "!.1"] {
            assert!(Rev::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_span_survives_the_record() {
        let s = Span::new("e1", Range::new(3, 9).unwrap(), "PER", Origin::Model)
            .unwrap()
            .with_author(Some("ali".into()))
            .with_confidence(Some(0.75))
            .unwrap();
        let r = SpanRecord::of(&s, Rev { client: 7, n: 1 }, None);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"start":3,"end":9,"label":"PER","origin":"model","author":"ali","confidence":0.75,"rev":"7.1"}"#
        );
        let back: SpanRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_span("e1").unwrap(), s);
        assert!(back.same_as(&s));
        let bad: SpanRecord = serde_json::from_str(r#"{"start":9,"end":3,"label":"PER","rev":"1.1"}"#).unwrap();
        assert!(bad.to_span("x").is_err());
    }
}
