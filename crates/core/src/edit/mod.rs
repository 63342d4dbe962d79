//! Editing: every change an editor makes to a document, as [`Command`]s with an exact undo.
//!
//! [`apply`] runs one command on the document in place: every change is a splice of the span or
//! quote list whose inserted items are checked against the model invariants (within the text, in
//! canonical order, ids unique, speakers naming existing spans) before it is made, and logged with
//! its inverse. An invalid command returns an [`EditError`] and is rolled back exactly, so nothing
//! changes. The cost is what the command changes (a relabel, insert or delete: one splice and at
//! most one scan of the span ids), never a copy or a re-check of the whole document. The returned
//! [`Applied`] carries the [`Inverse`]: the one contiguous stretch of the span list (and of the
//! quote list) that differs before and after, plus the previous status. Applying it restores the
//! previous state exactly (ids, order, origins, authors, confidences, speaker links) and yields the
//! inverse of the inverse, which is how [`History`] redoes.
//!
//! Rules the commands follow:
//! - New ids are `e{n}` for spans and `q{n}` for quotes, `n` above every id of that form in the
//!   document and above every id handed out to it in this session, so an id is never reused while
//!   the document is open (a removed id that was the highest can come back only after a reload).
//!   In a document shared with other editors the ids carry the editing session's scope,
//!   `e{n}.{scope}` ([`Document::set_id_scope`](crate::Document::set_id_scope)), so two editors'
//!   new ids never meet.
//! - [`Command::Put`] (sync) sets spans and quotes by id to values given whole ([`Patch`]): how
//!   another editor's changes, and an id-keyed undo, reach a document.
//! - Spans and quotes are inserted where they belong in the model's one canonical order
//!   ([`Span::order_key`](crate::Span::order_key), [`Quote::order_key`](crate::Quote::order_key):
//!   start ascending, longer first), after those with the same key; the order of those already
//!   there never changes. The lists are sorted by that key before and after every command (see
//!   `model`), so reading order is list order.
//! - An editor's change to a span or quote (relabel, new boundaries, new kind or speaker) makes it
//!   the editor's: origin `editor`, the given author, no confidence (the engine's confidence no
//!   longer describes it). Accepting a suggestion keeps its confidence. Renaming or deleting a
//!   label is a schema change and keeps origins.
//! - Removing a span that is a quote's speaker keeps the speaker's range and name without the link.
//! - [`Command::SetSpeakerName`] is how "Who said what" rows are merged and split (see
//!   [`crate::quotes::speaker_groups`]; [`Command::merge_speakers`], [`Command::split_speaker`],
//!   [`Command::reset_speaker_names`] build it): it changes only the quotes' `speaker_name`.
//! - A command that changes nothing (relabel to the same label, status already set) succeeds with
//!   [`Report::changed`] false; [`History`] does not record it.
//! - [`Command::ApplyToAllMentions`] looks for the span's tokens in order, each compared by its
//!   normalised key (diacritics, tatweel, alef forms, ى/ي, ة/ه and case ignored, except that a
//!   capitalised word only matches a capitalised word, so "US" is not "us"). The first token
//!   of a mention may carry proclitics (و ف ب ل ك, and "لل" for "ال"); a source span that
//!   carries one itself ("لروسيا", made with [`Clitics::Keep`]) stands for its bare form when that
//!   form is a word of the text. A mention is labelled when no span overlaps it, with its proclitics
//!   left out under [`Clitics::Strip`] (except in "لل", where the token is taken whole). Linear in the
//!   length of the text, plus `O(log n)` per mention for the overlap test.
//!
//! Selection snapping ([`snap()`]) and boundary steps ([`step_token`], [`step_char`]) work in code
//! points in logical order, whatever the direction of the script; the `snap` module says when
//! Arabic proclitics are left out of a selection.
//!
//! The modules, each depending only on those listed before it:
//! - `snap`: selections to span boundaries ([`snap()`], [`Snap`], [`Clitics`]), boundary steps
//!   ([`step_token`], [`step_char`], [`Edge`]), the Arabic proclitic cuts, and the cache of a
//!   text's word keys that keeps snapping on a long document fast.
//! - `summary`: what a command did, as data ([`Summary`]).
//! - `command`: what can be asked ([`Command`], [`SpeakerRef`], [`DeletePolicy`]) and why it is
//!   refused ([`EditError`]).
//! - `tx`: the splice transaction (`Tx`) that changes the lists in place and checks what each
//!   splice inserts, and the [`Inverse`] it leaves.
//! - `mentions`: the other mentions of a span's words, the fullest mention of a speaker.
//! - `work`: [`apply`], and each command's work on the document through a `Tx` ([`Applied`],
//!   [`Report`]).
//! - `keyed` (sync, issue 17): what a change did by id ([`Inverse::changes`], [`Changes`]) and
//!   id-keyed compare-and-set undo for documents other editors change at the same time
//!   ([`Changes::revert`]).
//! - `history`: undo and redo ([`History`]).
//! - `order`: reading order and Tab navigation ([`reading_order`], [`next_span`]).
//!
//! `snap`, `tx` and `order` carry their own tests; `tests/` tests the commands through [`apply`]
//! and [`History`] (spans and labels, quotes, ids and history, property tests) and holds the
//! fixtures the others share.

mod command;
mod curate;
mod history;
mod keyed;
mod mentions;
mod order;
mod snap;
mod summary;
mod tx;
mod work;

pub use command::{Command, DeletePolicy, EditError, Entry, Patch, SpeakerRef};
pub use history::{History, HISTORY_CAP};
pub use keyed::{Change, Changes, Kept, Reverted};
pub use order::{next_span, reading_order};
pub use snap::{snap, step_char, step_token, Clitics, Edge, Snap};
pub use summary::Summary;
pub use tx::Inverse;
pub use work::{apply, Applied, Report};

#[cfg(test)]
mod tests;
