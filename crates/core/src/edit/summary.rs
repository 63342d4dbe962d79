//! What a command did, as data: the page words it in the interface language (English or Arabic),
//! the CLI and tests use the English [`Display`](fmt::Display).

use std::fmt;

use crate::model::{Decision, QuoteKind, Status};

/// A short account of one command (or of a batch), for the status line and undo/redo.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    /// A span made from a selection.
    Labelled {
        text: String,
        label: String,
    },
    Removed {
        label: String,
        text: String,
    },
    AlreadyLabel {
        label: String,
    },
    Relabelled {
        text: String,
        old: String,
        new: String,
    },
    SpanRangeUnchanged,
    /// A span's new boundaries.
    SpanNow {
        label: String,
        text: String,
    },
    Accepted {
        label: String,
        text: String,
    },
    /// "Accept all": how many suggested spans and quotes became the editor's.
    AcceptedAll {
        spans: usize,
        quotes: usize,
    },
    NoOtherMention {
        text: String,
    },
    LabelledMentions {
        n: usize,
        text: String,
    },
    AddedQuote {
        kind: QuoteKind,
    },
    RemovedQuote {
        text: String,
    },
    QuoteKindAlready {
        kind: QuoteKind,
    },
    QuoteKindSet {
        kind: QuoteKind,
    },
    QuoteRangeUnchanged,
    QuoteNow {
        text: String,
    },
    AcceptedQuote,
    SpeakerUnchanged,
    Speaker {
        name: String,
    },
    SpeakerRemoved,
    StatusAlready {
        status: Status,
    },
    StatusSet {
        status: Status,
    },
    LabelAlreadyCalled {
        from: String,
        to: String,
    },
    RenamedLabel {
        from: String,
        to: String,
        n: usize,
    },
    DeletedLabel {
        name: String,
        n: usize,
    },
    DeletedLabelMoved {
        name: String,
        n: usize,
        to: String,
    },
    /// The curation began: spans and quotes the annotators agree on added to the gold, positions
    /// where they disagree.
    CurationBegun {
        added: usize,
        positions: usize,
    },
    /// A position settled, at the text `text`.
    Settled {
        decision: Decision,
        text: String,
    },
    /// A batch: its parts that changed something (at most three are listed).
    Batch(Vec<Summary>),
    /// A batch of more than three changes.
    Changes {
        n: usize,
    },
}

impl Summary {
    /// A batch's summary from the summaries of its parts that changed something.
    pub fn batch(parts: Vec<Summary>) -> Summary {
        if parts.len() > 3 {
            Summary::Changes { n: parts.len() }
        } else {
            Summary::Batch(parts)
        }
    }
}

fn plural(f: &mut fmt::Formatter<'_>, n: usize, one: &str, many: &str) -> fmt::Result {
    if n == 1 {
        write!(f, "1 {one}")
    } else {
        write!(f, "{n} {many}")
    }
}

/// The English name of a quote kind.
pub fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// The English name of a status.
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::New => "new",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::Skipped => "skipped",
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Summary::Labelled { text, label } => write!(f, "Labelled {text} {label}"),
            Summary::Removed { label, text } => write!(f, "Removed {label} {text}"),
            Summary::AlreadyLabel { label } => write!(f, "Already {label}"),
            Summary::Relabelled { text, old, new } => write!(f, "Relabelled {text} {old} → {new}"),
            Summary::SpanRangeUnchanged => f.write_str("The span already has these boundaries"),
            Summary::SpanNow { label, text } => write!(f, "{label} is now {text}"),
            Summary::Accepted { label, text } => write!(f, "Accepted {label} {text}"),
            Summary::AcceptedAll { spans: 0, quotes: 0 } => f.write_str("Nothing to accept"),
            Summary::AcceptedAll { spans, quotes: 0 } => {
                f.write_str("Accepted ")?;
                plural(f, *spans, "suggestion", "suggestions")
            }
            Summary::AcceptedAll { spans: 0, quotes } => {
                f.write_str("Accepted ")?;
                plural(f, *quotes, "quote", "quotes")
            }
            Summary::AcceptedAll { spans, quotes } => {
                f.write_str("Accepted ")?;
                plural(f, *spans, "suggestion", "suggestions")?;
                f.write_str(" and ")?;
                plural(f, *quotes, "quote", "quotes")
            }
            Summary::NoOtherMention { text } => write!(f, "No other unlabelled mention of {text}"),
            Summary::LabelledMentions { n, text } => {
                f.write_str("Labelled ")?;
                plural(f, *n, "more mention", "more mentions")?;
                write!(f, " of {text}")
            }
            Summary::AddedQuote { kind } => write!(f, "Added a {} quote", kind_name(*kind)),
            Summary::RemovedQuote { text } => write!(f, "Removed the quote “{text}”"),
            Summary::QuoteKindAlready { kind } => write!(f, "The quote is already {}", kind_name(*kind)),
            Summary::QuoteKindSet { kind } => write!(f, "Made the quote {}", kind_name(*kind)),
            Summary::QuoteRangeUnchanged => f.write_str("The quote already has these boundaries"),
            Summary::QuoteNow { text } => write!(f, "The quote is now “{text}”"),
            Summary::AcceptedQuote => f.write_str("Accepted the quote"),
            Summary::SpeakerUnchanged => f.write_str("The quote already has this speaker"),
            Summary::Speaker { name } => write!(f, "Speaker: {name}"),
            Summary::SpeakerRemoved => f.write_str("Removed the speaker"),
            Summary::StatusAlready { status } => write!(f, "Already {}", status_name(*status)),
            Summary::StatusSet { status } => write!(f, "Marked {}", status_name(*status)),
            Summary::LabelAlreadyCalled { from, to } => write!(f, "{from} is already called {to}"),
            Summary::RenamedLabel { from, to, n } => {
                write!(f, "Renamed {from} to {to} on ")?;
                plural(f, *n, "span", "spans")
            }
            Summary::DeletedLabel { name, n } => {
                write!(f, "Deleted {name} and ")?;
                plural(f, *n, "span", "spans")
            }
            Summary::DeletedLabelMoved { name, n, to } => {
                write!(f, "Deleted {name}; ")?;
                plural(f, *n, "span is", "spans are")?;
                write!(f, " now {to}")
            }
            Summary::CurationBegun { added, positions } => {
                f.write_str("Curation: ")?;
                plural(f, *added, "annotation", "annotations")?;
                f.write_str(" all agree on, ")?;
                plural(f, *positions, "disagreement", "disagreements")
            }
            Summary::Settled { decision: Decision::Accepted(a), text } => write!(f, "Took {a}'s side at {text}"),
            Summary::Settled { decision: Decision::Rejected, text } => write!(f, "Rejected everything at {text}"),
            Summary::Settled { decision: Decision::Edited, text } => write!(f, "Settled {text} as edited"),
            Summary::Batch(parts) if parts.is_empty() => f.write_str("No change"),
            Summary::Batch(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
            Summary::Changes { n } => write!(f, "{n} changes"),
        }
    }
}

/// A shortened text for summaries.
pub(super) fn preview(s: &str) -> String {
    const MAX: usize = 40;
    let s = s.trim();
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_wording() {
        let s = Summary::Relabelled { text: "سيرغي لافروف".into(), old: "PER".into(), new: "ORG".into() };
        assert_eq!(s.to_string(), "Relabelled سيرغي لافروف PER → ORG");
        assert_eq!(Summary::AcceptedAll { spans: 1, quotes: 1 }.to_string(), "Accepted 1 suggestion and 1 quote");
        assert_eq!(Summary::AcceptedAll { spans: 0, quotes: 0 }.to_string(), "Nothing to accept");
        assert_eq!(Summary::batch(vec![]).to_string(), "No change");
        let four = vec![Summary::AcceptedQuote; 4];
        assert_eq!(Summary::batch(four).to_string(), "4 changes");
        let two = Summary::batch(vec![Summary::AcceptedQuote, Summary::SpeakerRemoved]);
        assert_eq!(two.to_string(), "Accepted the quote; Removed the speaker");
        assert_eq!(
            Summary::DeletedLabelMoved { name: "MISC".into(), n: 1, to: "ORG".into() }.to_string(),
            "Deleted MISC; 1 span is now ORG"
        );
    }
}
