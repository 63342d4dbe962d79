//! Annotators' layers of a document, and the curation of their disagreements (project JSON v2).
//!
//! A document's own spans and quotes are its **gold** layer: the one the editing commands change,
//! the one every export writes. Beside it a document may hold one [`AnnotatorLayer`] per annotator:
//! what that annotator marked, read-only, checked with the same invariants as the gold (within the
//! text, ids unique, a quote's speaker naming a span of the same layer, at most
//! [`MAX_SPANS_PER_DOCUMENT`](super::MAX_SPANS_PER_DOCUMENT) spans), and a [`Curation`]: the
//! strategy of the pre-merge, the curator, and how each position where the annotators disagree was
//! settled ([`Resolved`]). The project names its annotators with a colour each ([`AnnotatorDef`]).

use serde::{Deserialize, Serialize, Serializer};

use super::label::{is_hex_color, is_visible_name};
use super::{check_lists, refused, sort_quotes, sort_spans, ModelError, Quote, Span, Status};

/// Colours given to annotators, in order: Paul Tol's "bright" scheme (distinguishable with the
/// common colour-vision deficiencies, and apart from the Okabe-Ito colours of the default labels).
pub const ANNOTATOR_PALETTE: [&str; 7] = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"];

/// Longest annotator name, in code points.
pub const MAX_ANNOTATOR_NAME: usize = 60;

/// Why an annotator's name or colour was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnnotatorProblem {
    #[error("the name is empty")]
    EmptyName,
    #[error("the name is longer than {MAX_ANNOTATOR_NAME} characters")]
    NameTooLong,
    #[error("the name has control or invisible formatting characters")]
    InvisibleCharacters,
    #[error("the colour must be a hex colour such as #4477AA")]
    NotHexColour,
}

/// Checks an annotator's name: not blank, short, no control or invisible characters.
pub(crate) fn check_annotator(name: &str) -> Result<(), ModelError> {
    let bad = |reason| Err(ModelError::BadAnnotator { name: name.to_string(), reason });
    if name.trim().is_empty() {
        return bad(AnnotatorProblem::EmptyName);
    }
    if name.chars().count() > MAX_ANNOTATOR_NAME {
        return bad(AnnotatorProblem::NameTooLong);
    }
    if !is_visible_name(name) {
        return bad(AnnotatorProblem::InvisibleCharacters);
    }
    Ok(())
}

/// An annotator of the project and the colour their layer is shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAnnotatorDef")]
pub struct AnnotatorDef {
    pub name: String,
    pub color: String,
}

#[derive(Deserialize)]
struct RawAnnotatorDef {
    name: String,
    color: String,
}

impl TryFrom<RawAnnotatorDef> for AnnotatorDef {
    type Error = ModelError;
    fn try_from(r: RawAnnotatorDef) -> Result<AnnotatorDef, ModelError> {
        AnnotatorDef::new(r.name, r.color).map_err(refused)
    }
}

impl AnnotatorDef {
    /// Checks the name (see [`AnnotatorLayer::new`]) and that the colour is a hex colour.
    pub fn new(name: impl Into<String>, color: impl Into<String>) -> Result<AnnotatorDef, ModelError> {
        let (name, color) = (name.into(), color.into());
        check_annotator(&name)?;
        if !is_hex_color(&color) {
            return Err(ModelError::BadAnnotator { name, reason: AnnotatorProblem::NotHexColour });
        }
        Ok(AnnotatorDef { name, color })
    }

    /// `defs` with every name of `names` they lack added, coloured with the first colour of
    /// [`ANNOTATOR_PALETTE`] none of them has (the palette again from the start when all are used).
    /// Names that are not valid annotator names are left out.
    pub fn complete<'a>(defs: &[AnnotatorDef], names: impl IntoIterator<Item = &'a str>) -> Vec<AnnotatorDef> {
        let mut out = defs.to_vec();
        for name in names {
            if out.iter().any(|d| d.name == name) {
                continue;
            }
            let free = ANNOTATOR_PALETTE.iter().find(|c| !out.iter().any(|d| d.color.eq_ignore_ascii_case(c)));
            let color = free.copied().unwrap_or(ANNOTATOR_PALETTE[out.len() % ANNOTATOR_PALETTE.len()]);
            if let Ok(d) = AnnotatorDef::new(name, color) {
                out.push(d);
            }
        }
        out
    }
}

/// One annotator's spans and quotes of a document (read-only in the editor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLayer")]
pub struct AnnotatorLayer {
    annotator: String,
    status: Status,
    /// The file the layer was imported from.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    spans: Vec<Span>,
    quotes: Vec<Quote>,
}

#[derive(Deserialize)]
struct RawLayer {
    annotator: String,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    quotes: Vec<Quote>,
}

impl TryFrom<RawLayer> for AnnotatorLayer {
    type Error = ModelError;
    fn try_from(r: RawLayer) -> Result<AnnotatorLayer, ModelError> {
        AnnotatorLayer::new(r.annotator, r.spans, r.quotes)
            .map(|l| l.with_status(r.status).with_source(r.source))
            .map_err(refused)
    }
}

impl AnnotatorLayer {
    /// A layer: the annotator's name is checked (not blank, at most 60 code points, no control or
    /// invisible characters), and the annotations as a document's are (ids unique, speakers naming
    /// spans of this layer, counts), then put in canonical order. That they lie within the text is
    /// checked when the layer joins a document ([`super::Document::with_layers`]).
    pub fn new(
        annotator: impl Into<String>,
        mut spans: Vec<Span>,
        mut quotes: Vec<Quote>,
    ) -> Result<AnnotatorLayer, ModelError> {
        let annotator = annotator.into();
        check_annotator(&annotator)?;
        check_lists(None, &spans, &quotes).map_err(|e| ModelError::in_layer(&annotator, e))?;
        sort_spans(&mut spans);
        sort_quotes(&mut quotes);
        Ok(AnnotatorLayer { annotator, status: Status::New, source: None, spans, quotes })
    }

    pub fn with_status(mut self, status: Status) -> AnnotatorLayer {
        self.status = status;
        self
    }

    pub fn with_source(mut self, source: Option<String>) -> AnnotatorLayer {
        self.source = source;
        self
    }

    pub fn annotator(&self) -> &str {
        &self.annotator
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }
}

/// Which annotations the pre-merge puts into the gold layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Every annotator who has the document has it (INCEpTION's "complete agreement").
    Agree,
    /// More than half of them have it.
    Majority,
}

impl Strategy {
    /// True when `votes` of `voters` annotators make an annotation gold.
    pub fn accepts(self, votes: usize, voters: usize) -> bool {
        match self {
            Strategy::Agree => votes == voters,
            Strategy::Majority => 2 * votes > voters,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Agree => "agree",
            Strategy::Majority => "majority",
        }
    }
}

/// Whether a position (a disagreement) is about spans or quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    Span,
    Quote,
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            What::Span => "span",
            What::Quote => "quote",
        })
    }
}

/// How the curator settled a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The gold there is what this annotator said (possibly nothing).
    Accepted(String),
    /// The curator edited the gold there with the editing commands.
    Edited,
    /// Nothing of what was said there went into the gold.
    Rejected,
}

impl Decision {
    /// The decision's name in the saved form: `accepted`, `edited`, `rejected`.
    pub fn name(&self) -> &'static str {
        match self {
            Decision::Accepted(_) => "accepted",
            Decision::Edited => "edited",
            Decision::Rejected => "rejected",
        }
    }
}

/// One settled position: `what` at `start..end` (the extent of what the annotators said there, as
/// the pre-merge computes it), and the decision. Saved as
/// `{"what", "start", "end", "decision": "accepted" | "edited" | "rejected", "annotator"?}`, the
/// annotator with `accepted` only.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawResolved")]
pub struct Resolved {
    pub what: What,
    pub start: usize,
    pub end: usize,
    pub decision: Decision,
}

#[derive(Deserialize)]
struct RawResolved {
    what: What,
    start: usize,
    end: usize,
    decision: String,
    #[serde(default)]
    annotator: Option<String>,
}

impl TryFrom<RawResolved> for Resolved {
    type Error = ModelError;
    fn try_from(r: RawResolved) -> Result<Resolved, ModelError> {
        Resolved::read(r).map_err(refused)
    }
}

impl Resolved {
    fn read(r: RawResolved) -> Result<Resolved, ModelError> {
        let decision = match (r.decision.as_str(), r.annotator) {
            ("accepted", Some(a)) => {
                check_annotator(&a)?;
                Decision::Accepted(a)
            }
            ("edited", None) => Decision::Edited,
            ("rejected", None) => Decision::Rejected,
            (d, _) => return Err(ModelError::BadDecision { decision: d.to_string() }),
        };
        Resolved::new(r.what, r.start, r.end, decision)
    }
}

impl Serialize for Resolved {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            what: What,
            start: usize,
            end: usize,
            decision: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            annotator: Option<&'a str>,
        }
        let annotator = match &self.decision {
            Decision::Accepted(a) => Some(a.as_str()),
            _ => None,
        };
        Out { what: self.what, start: self.start, end: self.end, decision: self.decision.name(), annotator }
            .serialize(s)
    }
}

impl Resolved {
    pub fn new(what: What, start: usize, end: usize, decision: Decision) -> Result<Resolved, ModelError> {
        if start >= end {
            return Err(ModelError::EmptyRange { start, end });
        }
        Ok(Resolved { what, start, end, decision })
    }

    /// The position's key, and its place in the record: by start, end, then spans before quotes.
    pub fn key(&self) -> (usize, usize, What) {
        (self.start, self.end, self.what)
    }
}

/// The curation of a document: how its gold layer was pre-merged from the annotators' layers, by
/// whom, and how each disagreement was settled (one record per position, in reading order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCuration")]
pub struct Curation {
    strategy: Strategy,
    author: String,
    resolved: Vec<Resolved>,
}

#[derive(Deserialize)]
struct RawCuration {
    strategy: Strategy,
    author: String,
    #[serde(default)]
    resolved: Vec<Resolved>,
}

impl TryFrom<RawCuration> for Curation {
    type Error = ModelError;
    fn try_from(r: RawCuration) -> Result<Curation, ModelError> {
        Curation::read(r).map_err(refused)
    }
}

impl Curation {
    fn read(r: RawCuration) -> Result<Curation, ModelError> {
        let mut c = Curation::new(r.strategy, r.author)?;
        for x in r.resolved {
            if c.decision(x.what, x.start, x.end).is_some() {
                return Err(ModelError::DuplicateResolved { what: x.what, start: x.start, end: x.end });
            }
            c = c.with(x);
        }
        Ok(c)
    }
}

impl Curation {
    /// A curation with nothing settled yet. The curator's name is checked as an annotator's.
    pub fn new(strategy: Strategy, author: impl Into<String>) -> Result<Curation, ModelError> {
        let author = author.into();
        check_annotator(&author)?;
        Ok(Curation { strategy, author, resolved: Vec::new() })
    }
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }
    pub fn author(&self) -> &str {
        &self.author
    }
    /// The settled positions, in reading order.
    pub fn resolved(&self) -> &[Resolved] {
        &self.resolved
    }
    /// How the position `what` at `start..end` was settled, if it was.
    pub fn decision(&self, what: What, start: usize, end: usize) -> Option<&Decision> {
        let k = (start, end, what);
        self.resolved.binary_search_by(|r| r.key().cmp(&k)).ok().map(|i| &self.resolved[i].decision)
    }
    /// This curation with `r` recorded (replacing what was recorded for its position).
    pub fn with(mut self, r: Resolved) -> Curation {
        match self.resolved.binary_search_by(|x| x.key().cmp(&r.key())) {
            Ok(i) => self.resolved[i] = r,
            Err(i) => self.resolved.insert(i, r),
        }
        self
    }
    /// The same curation with another pre-merge strategy (a re-merge).
    pub fn with_strategy(mut self, strategy: Strategy) -> Curation {
        self.strategy = strategy;
        self
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn resolved_records_are_saved_with_the_annotator_only_when_accepted() {
        let c = Curation::new(Strategy::Agree, "gold")
            .unwrap()
            .with(Resolved::new(What::Quote, 5, 9, Decision::Rejected).unwrap())
            .with(Resolved::new(What::Span, 5, 9, Decision::Accepted("alice: the first".into())).unwrap())
            .with(Resolved::new(What::Span, 0, 3, Decision::Edited).unwrap());
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"strategy":"agree","author":"gold","resolved":[{"what":"span","start":0,"end":3,"decision":"edited"},{"what":"span","start":5,"end":9,"decision":"accepted","annotator":"alice: the first"},{"what":"quote","start":5,"end":9,"decision":"rejected"}]}"#
        );
        let back: Curation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.decision(What::Span, 5, 9), Some(&Decision::Accepted("alice: the first".into())));
        assert_eq!(back.decision(What::Quote, 0, 3), None);
        // Recording a position again replaces its decision.
        let again = back.with(Resolved::new(What::Span, 5, 9, Decision::Rejected).unwrap());
        assert_eq!(again.resolved().len(), 3);
        assert_eq!(again.decision(What::Span, 5, 9), Some(&Decision::Rejected));
    }

    #[test]
    fn bad_records_are_refused_when_read() {
        for (json, why) in [
            (
                r#"{"strategy":"agree","author":"g","resolved":[{"what":"span","start":3,"end":3,"decision":"edited"}]}"#,
                "empty",
            ),
            (
                r#"{"strategy":"agree","author":"g","resolved":[{"what":"span","start":0,"end":3,"decision":"accepted"}]}"#,
                "decision",
            ),
            (
                r#"{"strategy":"agree","author":"g","resolved":[{"what":"span","start":0,"end":3,"decision":"maybe"}]}"#,
                "decision",
            ),
            (r#"{"strategy":"agree","author":"","resolved":[]}"#, "empty"),
            (
                r#"{"strategy":"agree","author":"g","resolved":[{"what":"span","start":0,"end":3,"decision":"edited"},{"what":"span","start":0,"end":3,"decision":"rejected"}]}"#,
                "twice",
            ),
        ] {
            let e = serde_json::from_str::<Curation>(json).unwrap_err().to_string();
            assert!(e.contains(why), "{json}: {e}");
        }
    }

    #[test]
    fn annotators_get_free_colours_and_checked_names() {
        let defs = AnnotatorDef::complete(&[AnnotatorDef::new("bob", "#4477aa").unwrap()], ["alice", "bob", "carol"]);
        let got: Vec<(&str, &str)> = defs.iter().map(|d| (d.name.as_str(), d.color.as_str())).collect();
        assert_eq!(got, [("bob", "#4477aa"), ("alice", "#EE6677"), ("carol", "#228833")]);
        assert!(AnnotatorDef::new("a\u{202e}b", "#fff").is_err());
        assert!(AnnotatorDef::new("ok", "red").is_err());
        assert!(AnnotatorLayer::new(" ", vec![], vec![]).is_err());
        assert_eq!(AnnotatorDef::complete(&[], ["\u{0007}"]), vec![]);
    }
}
