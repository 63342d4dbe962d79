//! What the engine hands a document ([`Suggestion`]) and the overlap test that keeps suggestions
//! off the editor's own spans ([`Coverage`]).

use serde::{Deserialize, Serialize};

/// A set of ranges that answers "does anything overlap `a..b`" by binary search: starts sorted,
/// with the running maximum of the ends.
pub(crate) struct Coverage {
    cover: Vec<(usize, usize)>,
    reach: Vec<usize>,
}

impl Coverage {
    pub(crate) fn new(ranges: impl Iterator<Item = (usize, usize)>) -> Coverage {
        let mut cover: Vec<(usize, usize)> = ranges.collect();
        crate::sort::sort_by(&mut cover, |a, b| a.cmp(b));
        let mut m = 0;
        let reach = cover
            .iter()
            .map(|&(_, e)| {
                m = m.max(e);
                m
            })
            .collect();
        Coverage { cover, reach }
    }

    /// True when a range of the set overlaps `a..b`.
    pub(crate) fn overlaps(&self, a: usize, b: usize) -> bool {
        let k = self.cover.partition_point(|&(s, _)| s < b);
        k > 0 && self.reach[k - 1] > a
    }
}

/// An engine suggestion to add to a document (see [`Document::set_suggestions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub confidence: Option<f64>,
}
