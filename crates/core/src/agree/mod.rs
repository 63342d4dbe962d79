//! Agreement between annotators, and the pre-merge of their layers for curation.
//!
//! The input is a [`Study`]: each annotator's documents (their *layer*), matched across annotators
//! by text (a document's id alone never joins two texts). From it:
//!
//! - [`agreement`] computes, per pair of annotators and for the group, overall and per label:
//!   span P/R/F1 (exact, and overlap with one-to-one matching), Cohen's kappa and Krippendorff's
//!   nominal alpha on the tokens' BIO tags, Fleiss' kappa on the same tokens, Krippendorff's alpha
//!   for unitizing (uα) on code points, and quote agreement (spans, speakers, kinds);
//! - [`merge`] builds a gold layer from what the annotators agree on (every one, or a majority)
//!   and lists every position where they differ, with who said what.
//!
//! Every measure and its source is described in docs/AGREEMENT.md. A value that a formula cannot
//! give (0/0: nothing to compare, one category only) is a [`Score::Undefined`] with its reason,
//! never NaN. Nothing here formats numbers or sentences: the CLI and the page word the results.

mod coding;
mod merge;
mod report;
mod spans;
mod study;
mod tokens;
mod unitizing;

pub use coding::{cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal, Alpha, Kappa};
pub use merge::{merge, positions, premerge, Disagreement, GoldDocument, Merged, Said, Strategy, Vote, What, META_KEY};
pub use report::{
    agreement, token_items, DocReport, GroupMeasures, GroupReport, LabelGroup, LabelPair, PairMeasures, PairReport,
    QuoteAgreement, QuoteGroup, Ratio, Report, TokenItem, TokenItems,
};
pub use spans::{overlap_matching, Prf};
pub use study::{annotator_name, DocGroup, Issue, Layer, Member, Options, Study};
pub use tokens::{bio_tags, tag_name, Tag};
pub use unitizing::{reduce_overlaps, unitizing_alpha, UnitSection, Unitizing};

use serde::{Serialize, Serializer};

/// Why a measure has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// Nothing to compare: no document, token or matched quote both (all) annotators have.
    NoItems,
    /// Fewer than two annotators.
    FewAnnotators,
    /// Every rating is the same category: chance agreement is 1, so kappa and alpha are 0/0.
    OneCategory,
    /// Nobody marked anything of this kind (precision, recall, F1 are 0/0; for precision: the
    /// annotator compared marked nothing; for recall: the reference marked nothing).
    NothingMarked,
    /// Unitizing alpha: the expected disagreement is zero (no unit could have been placed
    /// differently, e.g. one single-code-point unit on a one-code-point text).
    NoExpectedDisagreement,
}

impl Undefined {
    /// The reason in English, for the command-line tool (the page words it from its catalogue).
    pub fn explain(self) -> &'static str {
        match self {
            Undefined::NoItems => "nothing to compare",
            Undefined::FewAnnotators => "fewer than two annotators",
            Undefined::OneCategory => "a single category throughout (chance agreement is 1)",
            Undefined::NothingMarked => "nothing marked",
            Undefined::NoExpectedDisagreement => "no expected disagreement",
        }
    }
}

/// A measure's value, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Score {
    Value(f64),
    Undefined(Undefined),
}

impl Score {
    /// The value, if the measure is defined.
    pub fn value(self) -> Option<f64> {
        match self {
            Score::Value(v) => Some(v),
            Score::Undefined(_) => None,
        }
    }
    /// Why there is no value, if there is none.
    pub fn undefined(self) -> Option<Undefined> {
        match self {
            Score::Value(_) => None,
            Score::Undefined(u) => Some(u),
        }
    }
    /// `num / den`, or `why` when `den` is zero.
    pub(crate) fn ratio(num: f64, den: f64, why: Undefined) -> Score {
        if den == 0.0 {
            Score::Undefined(why)
        } else {
            Score::Value(num / den)
        }
    }
    /// The mean of the defined scores; `why` when none is defined.
    pub(crate) fn mean(scores: impl IntoIterator<Item = Score>, why: Undefined) -> Score {
        let (mut sum, mut n) = (0.0, 0usize);
        let mut first_reason = None;
        for s in scores {
            match s {
                Score::Value(v) => {
                    sum += v;
                    n += 1;
                }
                Score::Undefined(u) => {
                    first_reason.get_or_insert(u);
                }
            }
        }
        if n == 0 {
            Score::Undefined(first_reason.unwrap_or(why))
        } else {
            Score::Value(sum / n as f64)
        }
    }
}

/// A defined score is a JSON number; an undefined one is `{"undefined": "<reason>"}`.
impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Why {
            undefined: Undefined,
        }
        match self {
            Score::Value(v) => s.serialize_f64(*v),
            Score::Undefined(u) => Why { undefined: *u }.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_serialise_as_a_number_or_a_reason() {
        assert_eq!(serde_json::to_string(&Score::Value(0.5)).unwrap(), "0.5");
        assert_eq!(
            serde_json::to_string(&Score::Undefined(Undefined::OneCategory)).unwrap(),
            r#"{"undefined":"one_category"}"#
        );
    }

    #[test]
    fn the_mean_skips_undefined_scores() {
        let m = Score::mean(
            [Score::Value(1.0), Score::Undefined(Undefined::NoItems), Score::Value(0.5)],
            Undefined::NoItems,
        );
        assert_eq!(m, Score::Value(0.75));
        let none = Score::mean([Score::Undefined(Undefined::OneCategory)], Undefined::NoItems);
        assert_eq!(none, Score::Undefined(Undefined::OneCategory));
        assert_eq!(Score::mean([], Undefined::FewAnnotators), Score::Undefined(Undefined::FewAnnotators));
    }
}
