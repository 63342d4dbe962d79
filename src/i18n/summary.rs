//! What an edit did (`sanad_core::edit::Summary`), worded in the interface language, counts with
//! their plural forms.

use sanad_core::edit::Summary;
use sanad_core::{Decision, QuoteKind};

use super::catalogue::CountKey;
use super::{fill, status_name, Msg, Strings};

/// The name of a quote kind in the interface language.
pub fn kind_name(t: &'static Strings, k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => t.kind_direct,
        QuoteKind::Indirect => t.kind_reported,
        QuoteKind::Mixed => t.kind_mixed,
    }
}

/// What an edit did, in the language of `t`.
pub fn summary(t: &'static Strings, s: &Summary) -> String {
    let kind = |k: QuoteKind| kind_name(t, k);
    let count = |key: CountKey, n: usize| Msg::count(key, n).render(t);
    match s {
        Summary::Labelled { text, label } => fill(t.sum_labelled, &[("text", text), ("label", label)]),
        Summary::Removed { label, text } => fill(t.sum_removed, &[("text", text), ("label", label)]),
        Summary::AlreadyLabel { label } => fill(t.sum_already_label, &[("label", label)]),
        Summary::Relabelled { text, old, new } => fill(t.sum_relabelled, &[("text", text), ("old", old), ("new", new)]),
        Summary::SpanRangeUnchanged => t.sum_span_unchanged.into(),
        Summary::SpanNow { label, text } => fill(t.sum_span_now, &[("text", text), ("label", label)]),
        Summary::Accepted { label, text } => fill(t.sum_accepted, &[("text", text), ("label", label)]),
        Summary::AcceptedAll { spans: 0, quotes: 0 } => t.sum_nothing_to_accept.into(),
        Summary::AcceptedAll { spans, quotes: 0 } => {
            fill(t.sum_accepted_some, &[("what", &count(CountKey::suggestions, *spans))])
        }
        Summary::AcceptedAll { spans: 0, quotes } => {
            fill(t.sum_accepted_some, &[("what", &count(CountKey::quotes, *quotes))])
        }
        Summary::AcceptedAll { spans, quotes } => fill(
            t.sum_accepted_all,
            &[("spans", &count(CountKey::suggestions, *spans)), ("quotes", &count(CountKey::quotes, *quotes))],
        ),
        Summary::NoOtherMention { text } => fill(t.sum_no_other_mention, &[("text", text)]),
        Summary::LabelledMentions { n, text } => {
            fill(t.sum_labelled_mentions, &[("n", &count(CountKey::more_mentions, *n)), ("text", text)])
        }
        Summary::AddedQuote { kind: k } => fill(t.sum_added_quote, &[("kind", &kind(*k))]),
        Summary::RemovedQuote { text } => fill(t.sum_removed_quote, &[("text", text)]),
        Summary::QuoteKindAlready { kind: k } => fill(t.sum_quote_kind_already, &[("kind", &kind(*k))]),
        Summary::QuoteKindSet { kind: k } => fill(t.sum_quote_kind_set, &[("kind", &kind(*k))]),
        Summary::QuoteRangeUnchanged => t.sum_quote_unchanged.into(),
        Summary::QuoteNow { text } => fill(t.sum_quote_now, &[("text", text)]),
        Summary::AcceptedQuote => t.sum_accepted_quote.into(),
        Summary::SpeakerUnchanged => t.sum_speaker_unchanged.into(),
        Summary::Speaker { name } => fill(t.sum_speaker, &[("name", name)]),
        Summary::SpeakerRemoved => t.sum_speaker_removed.into(),
        Summary::StatusAlready { status } => fill(t.sum_status_already, &[("status", &status_name(t, *status))]),
        Summary::StatusSet { status } => fill(t.sum_status_set, &[("status", &status_name(t, *status))]),
        Summary::LabelAlreadyCalled { from, to } => fill(t.sum_label_already_called, &[("from", from), ("to", to)]),
        Summary::CurationBegun { added, positions } => fill(
            t.sum_curation_begun,
            &[
                ("added", &count(CountKey::annotations, *added)),
                ("positions", &count(CountKey::disagreements, *positions)),
            ],
        ),
        Summary::Settled { decision: Decision::Accepted(a), text } => {
            fill(t.sum_settled_took, &[("annotator", a), ("text", text)])
        }
        Summary::Settled { decision: Decision::Rejected, text } => fill(t.sum_settled_rejected, &[("text", text)]),
        Summary::Settled { decision: Decision::Edited, text } => fill(t.sum_settled_edited, &[("text", text)]),
        Summary::RenamedLabel { from, to, n } => {
            fill(t.sum_renamed_label, &[("from", from), ("to", to), ("n", &count(CountKey::spans_of, *n))])
        }
        Summary::DeletedLabel { name, n } => {
            fill(t.sum_deleted_label, &[("name", name), ("n", &count(CountKey::spans, *n))])
        }
        Summary::DeletedLabelMoved { name, n, to } => Msg::count(CountKey::sum_deleted_label_moved, *n)
            .with("name", name.as_str())
            .with("to", to.as_str())
            .render(t),
        Summary::Batch(parts) if parts.is_empty() => t.sum_no_change.into(),
        Summary::Batch(parts) => parts.iter().map(|p| summary(t, p)).collect::<Vec<_>>().join(t.list_separator),
        Summary::Changes { n } => count(CountKey::changes, *n),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{AR, EN};
    use super::*;

    #[test]
    fn edit_summaries_in_both_languages() {
        let s = Summary::Relabelled { text: "لافروف".into(), old: "PER".into(), new: "ORG".into() };
        assert_eq!(summary(&EN, &s), "Relabelled لافروف PER → ORG");
        assert_eq!(summary(&AR, &s), "تغيّر وسم لافروف من PER إلى ORG");
        let b = Summary::batch(vec![Summary::AcceptedQuote, Summary::StatusSet { status: sanad_core::Status::Done }]);
        assert_eq!(summary(&EN, &b), "Accepted the quote; Marked done");
        assert_eq!(summary(&AR, &b), "قُبل الاقتباس؛ صارت الحالة منجزة");
    }

    #[test]
    fn english_summaries_keep_the_cores_wording_with_one_and_other() {
        // The core's English `Display` is the reference for the English catalogue texts (quote
        // kinds excepted: the page calls an indirect quote "reported", as its quote panel does).
        let cases = [
            Summary::AcceptedAll { spans: 1, quotes: 0 },
            Summary::AcceptedAll { spans: 0, quotes: 2 },
            Summary::AcceptedAll { spans: 3, quotes: 1 },
            Summary::LabelledMentions { n: 1, text: "روسيا".into() },
            Summary::LabelledMentions { n: 4, text: "روسيا".into() },
            Summary::RenamedLabel { from: "PER".into(), to: "PERSON".into(), n: 1 },
            Summary::DeletedLabel { name: "MISC".into(), n: 5 },
            Summary::DeletedLabelMoved { name: "MISC".into(), n: 1, to: "ORG".into() },
            Summary::DeletedLabelMoved { name: "MISC".into(), n: 7, to: "ORG".into() },
            Summary::SpanNow { label: "LOC".into(), text: "آسيا".into() },
            Summary::StatusAlready { status: sanad_core::Status::InProgress },
            Summary::Changes { n: 12 },
        ];
        for s in cases {
            assert_eq!(summary(&EN, &s), s.to_string());
        }
    }

    #[test]
    fn arabic_summaries_agree_with_their_numbers() {
        let moved = |n| summary(&AR, &Summary::DeletedLabelMoved { name: "MISC".into(), n, to: "ORG".into() });
        assert_eq!(moved(1), "حُذف MISC؛ صار كيان واحد ORG");
        assert_eq!(moved(2), "حُذف MISC؛ صار كيانان ORG");
        assert_eq!(moved(3), "حُذف MISC؛ صارت ٣ كيانات ORG");
        assert_eq!(moved(11), "حُذف MISC؛ صار ١١ كيانًا ORG");
        assert_eq!(moved(100), "حُذف MISC؛ صار ١٠٠ كيان ORG");
        let renamed = summary(&AR, &Summary::RenamedLabel { from: "PER".into(), to: "شخص".into(), n: 2 });
        assert_eq!(renamed, "أعيدت تسمية PER إلى شخص في كيانين");
        assert_eq!(summary(&AR, &Summary::Changes { n: 0 }), "٠ تغيير");
        assert_eq!(summary(&AR, &Summary::AcceptedAll { spans: 2, quotes: 1 }), "قُبل اقتراحان واقتباس واحد");
    }
}
