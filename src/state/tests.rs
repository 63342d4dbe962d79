//! The reducer's actions, natively: what a user would see after each (the documents' spans, the
//! open document, the notices), and that the reducer is a function of its arguments.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::rc::Rc;
use std::sync::Arc;

use sanad_core::edit::Command;
use sanad_core::nlp::EntitySpan;
use sanad_core::{markup, Document, LabelDef, Origin, Status};

use super::*;
use crate::i18n::{Lang, Msg, AR, EN};
use crate::services::storage::StorageError;
use crate::services::tagger::protocol::TagError;
use crate::services::BrowserError;

mod curation;

pub(super) fn doc(source: &str) -> Document {
    markup::parse(source).unwrap()
}

fn ar1() -> Document {
    doc("id: ar-1\ntitle: الكرملين\nlang: ar\n\nقال [[PER#p1:سيرغي لافروف]] إن [[LOC:روسيا]] مستعدة للحوار مع [[ORG:الاتحاد الأوروبي]].")
}

fn en1() -> Document {
    doc("id: en-1\ntitle: Harbour\nlang: en\n\nThe mayor of [[LOC:Esbjerg]] said the turbines would arrive in May.")
}

fn en2() -> Document {
    doc("id: en-2\ntitle: Budget\nlang: en\n\n[[PER:Maria Lopez]] presented the budget in Madrid on Monday.")
}

/// A state with these documents loaded, this tab editing.
pub(super) fn loaded(docs: Vec<Document>) -> AppState {
    let s = AppState::default();
    let s = reduce(s, Action::TabLock(true));
    reduce(
        s,
        Action::Loaded {
            labels: LabelDef::defaults(),
            annotators: Vec::new(),
            settings: ProjectSettings::default(),
            docs: docs.into_iter().map(Rc::new).collect(),
            persistence: Persistence::Saved,
        },
    )
}

pub(super) fn act(s: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(s, reduce)
}

/// The spans of document `id` as (text, label, origin).
pub(super) fn spans(s: &AppState, id: &str) -> Vec<(String, String, Origin)> {
    let d = s.document(id).unwrap();
    let chars: Vec<char> = d.text().chars().collect();
    d.spans().iter().map(|x| (chars[x.start()..x.end()].iter().collect(), x.label().to_string(), x.origin())).collect()
}

pub(super) fn notices(s: &AppState, t: &'static crate::i18n::Strings) -> Vec<String> {
    s.notices.list().iter().map(|n| n.msg.render(t)).collect()
}

pub(super) fn last_notice(s: &AppState) -> String {
    notices(s, &EN).pop().unwrap_or_default()
}

/// The code point range of `needle` in the document's text.
pub(super) fn range_of(s: &AppState, id: &str, needle: &str) -> (usize, usize) {
    let text = s.document(id).unwrap().text();
    let at = text.find(needle).unwrap();
    let start = text[..at].chars().count();
    (start, start + needle.chars().count())
}

pub(super) fn edit_status(s: &AppState) -> String {
    s.last_edit.as_ref().map(|m| m.render(&EN)).unwrap_or_default()
}

#[test]
fn opening_and_closing_a_document() {
    let s = loaded(vec![ar1(), en1()]);
    let s = reduce(s, Action::Open("en-1".into()));
    assert_eq!(s.open.as_deref(), Some("en-1"));
    // Without suggestions, it goes first in the tagger's queue.
    assert_eq!(s.tagging.queue.first().map(String::as_str), Some("en-1"));
    let s = reduce(s, Action::Select(Some(Selected::Span("s1".into()))));
    let s = reduce(s, Action::Close);
    assert_eq!(s.open, None);
    // Opening another clears the selection.
    let s = reduce(s, Action::Open("ar-1".into()));
    assert_eq!(s.open.as_deref(), Some("ar-1"));
    assert_eq!(s.selected, None);
}

#[test]
fn a_loaded_library_forgets_an_open_document_it_does_not_have() {
    let s = reduce(loaded(vec![ar1()]), Action::Open("ar-1".into()));
    let s = reduce(
        s,
        Action::Loaded {
            labels: LabelDef::defaults(),
            annotators: Vec::new(),
            settings: ProjectSettings::default(),
            docs: vec![Rc::new(en1())],
            persistence: Persistence::Saved,
        },
    );
    assert_eq!(s.open, None);
    assert_eq!(s.docs.len(), 1);
}

#[test]
fn import_adds_renames_on_id_conflicts_merges_and_says_so() {
    let s = loaded(vec![en1()]);
    // A new article, opened.
    let s = reduce(s, Action::Import { docs: vec![en2()], source: Msg::Plain("news.jsonl".into()), open: true });
    assert_eq!(s.docs.iter().map(|d| d.id()).collect::<Vec<_>>(), ["en-1", "en-2"]);
    assert_eq!(s.open.as_deref(), Some("en-2"));
    assert_eq!(last_notice(&s), "news.jsonl: 1 article added");
    // Another text with a taken id is renamed; the article already here stays as it was.
    let other = doc("id: en-1\ntitle: Other\nlang: en\n\nA different text that took the same id.");
    let s = reduce(s, Action::Import { docs: vec![other], source: Msg::Plain("b.jsonl".into()), open: true });
    assert_eq!(s.docs.len(), 3);
    assert_eq!(s.document("en-1").unwrap().title(), "Harbour");
    let renamed = s.docs[2].id().to_string();
    assert_ne!(renamed, "en-1");
    assert_eq!(s.docs[2].title(), "Other");
    assert_eq!(s.open.as_deref(), Some(renamed.as_str()));
    assert_eq!(last_notice(&s), "b.jsonl: 1 article added (1 renamed: its id was taken)");
    // The same article again, with one more span: merged into the one here, nothing lost.
    let more = doc(
        "id: en-2\ntitle: Budget\nlang: en\n\n[[PER:Maria Lopez]] presented the budget in [[LOC:Madrid]] on Monday.",
    );
    let s = reduce(s, Action::Import { docs: vec![more], source: Msg::Plain("c.jsonl".into()), open: false });
    assert_eq!(s.docs.len(), 3);
    assert_eq!(spans(&s, "en-2").iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["Maria Lopez", "Madrid"]);
    assert!(
        last_notice(&s).contains("1 merged into articles already here (1 span, 0 quotes added)"),
        "{}",
        last_notice(&s)
    );
    // And once more unchanged.
    let s = reduce(s, Action::Import { docs: vec![en1()], source: Msg::Plain("d.jsonl".into()), open: false });
    assert_eq!(last_notice(&s), "d.jsonl: 0 articles added; 1 article already in the library");
    assert_eq!(notices(&s, &AR).pop().unwrap(), "d.jsonl: أضيف ٠ مقالة؛ سبق وجود مقالة واحدة في المكتبة");
}

#[test]
fn a_merged_document_starts_a_new_history() {
    let s = reduce(loaded(vec![en2()]), Action::Open("en-2".into()));
    let (start, end) = range_of(&s, "en-2", "budget");
    let s = reduce(s, Action::Edit(Command::AddSpan { start, end, label: "MISC".into() }));
    assert!(s.histories.can_undo("en-2"));
    let more = doc(
        "id: en-2\ntitle: Budget\nlang: en\n\n[[PER:Maria Lopez]] presented the budget in [[LOC:Madrid]] on Monday.",
    );
    let s = reduce(s, Action::Import { docs: vec![more], source: Msg::Plain("x".into()), open: false });
    assert!(!s.histories.can_undo("en-2"));
}

#[test]
fn edit_undo_and_redo_restore_the_exact_document() {
    let s = reduce(loaded(vec![ar1(), en1()]), Action::Open("en-1".into()));
    let before = Rc::clone(s.document("en-1").unwrap());
    let (start, end) = range_of(&s, "en-1", "turbines");
    let s = reduce(s, Action::Edit(Command::AddSpan { start, end, label: "MISC".into() }));
    assert_eq!(
        spans(&s, "en-1"),
        [("Esbjerg".into(), "LOC".into(), Origin::Editor), ("turbines".into(), "MISC".into(), Origin::Editor)]
    );
    assert_eq!(edit_status(&s), "Labelled turbines MISC");
    // What was made is selected.
    let made = s.document("en-1").unwrap().spans()[1].id().to_string();
    assert_eq!(s.selected, Some(Selected::Span(made.clone())));
    let after = Rc::clone(s.document("en-1").unwrap());
    let s = reduce(s, Action::Undo);
    assert_eq!(**s.document("en-1").unwrap(), *before);
    assert_eq!(edit_status(&s), "Undone: Labelled turbines MISC");
    assert_eq!(s.selected, None);
    assert!(s.histories.can_redo("en-1"));
    let s = reduce(s, Action::Redo);
    assert_eq!(**s.document("en-1").unwrap(), *after);
    assert_eq!(edit_status(&s), "Redone: Labelled turbines MISC");
    // The other document is the very same value.
    assert!(Rc::ptr_eq(s.document("ar-1").unwrap(), &s.docs[0]));
    let s = reduce(s, Action::Redo);
    assert_eq!(edit_status(&s), "Nothing to redo");
    assert_eq!(s.last_edit.as_ref().unwrap().render(&AR), "لا شيء لإعادته");
}

#[test]
fn a_refused_edit_is_a_notice_and_changes_nothing() {
    let s = reduce(loaded(vec![en1()]), Action::Open("en-1".into()));
    let docs = s.docs.clone();
    let s = reduce(s, Action::Edit(Command::RemoveSpan { id: "nope".into() }));
    assert_eq!(s.docs, docs);
    assert!(!s.histories.can_undo("en-1"));
    assert!(last_notice(&s).starts_with("That change was not made: there is no span"), "{}", last_notice(&s));
}

#[test]
fn the_reducer_is_pure_the_previous_state_keeps_its_history() {
    let s0 = reduce(loaded(vec![en1()]), Action::Open("en-1".into()));
    let (start, end) = range_of(&s0, "en-1", "mayor");
    let s1 = reduce(s0.clone(), Action::Edit(Command::AddSpan { start, end, label: "PER".into() }));
    // The earlier state is unchanged: nothing to undo there, the same documents.
    assert!(!s0.histories.can_undo("en-1"));
    assert!(s1.histories.can_undo("en-1"));
    assert_ne!(s0, s1);
    // The same action on the same state gives the same documents and the same histories (the
    // document lists are compared by value: `Shared` compares pointers, for props).
    let values = |s: &AppState| s.docs.iter().map(|d| (**d).clone()).collect::<Vec<_>>();
    let again = reduce(s0.clone(), Action::Edit(Command::AddSpan { start, end, label: "PER".into() }));
    assert_eq!(values(&again), values(&s1));
    assert_eq!(again.histories, s1.histories);
    assert_eq!(again.last_edit, s1.last_edit);
    let undone = reduce(s1.clone(), Action::Undo);
    assert_eq!(values(&undone), values(&s0));
    assert_ne!(undone.histories, s0.histories, "a redo step is left");
    // Undoing in the later state again gives the same answer: s1 was not changed by the first.
    let twice = reduce(s1.clone(), Action::Undo);
    assert_eq!(values(&twice), values(&undone));
    assert_eq!(twice.histories, undone.histories);
    assert!(s1.histories.can_undo("en-1") && !s1.histories.can_redo("en-1"));
}

#[test]
fn an_edit_shares_the_other_documents_and_the_histories_steps() {
    let s = reduce(loaded(vec![ar1(), en1()]), Action::Open("en-1".into()));
    let (start, end) = range_of(&s, "en-1", "turbines");
    let s = reduce(s, Action::Edit(Command::AddSpan { start, end, label: "MISC".into() }));
    let s2 = reduce(
        s.clone(),
        Action::Edit(Command::Relabel {
            id: s.document("en-1").unwrap().spans()[1].id().to_string(),
            label: "ORG".into(),
        }),
    );
    assert!(Rc::ptr_eq(s.document("ar-1").unwrap(), s2.document("ar-1").unwrap()));
    // Two steps now; undoing both gives the document as loaded.
    let back = act(s2, [Action::Undo, Action::Undo]);
    assert_eq!(spans(&back, "en-1"), [("Esbjerg".into(), "LOC".into(), Origin::Editor)]);
}

#[test]
fn done_next_marks_done_and_opens_the_next_not_done() {
    let done = en2().with_status(Status::Done);
    let s = reduce(loaded(vec![ar1(), done, en1()]), Action::Open("ar-1".into()));
    let s = reduce(s, Action::DoneNext);
    assert_eq!(s.document("ar-1").unwrap().status(), Status::Done);
    // en-2 is done already: en-1 is next.
    assert_eq!(s.open.as_deref(), Some("en-1"));
    let s = reduce(s, Action::DoneNext);
    assert_eq!(s.open.as_deref(), Some("en-1"));
    assert_eq!(last_notice(&s), "Every article is done.");
    // Undoable, in the document's history.
    let s = act(s, [Action::Open("ar-1".into()), Action::Undo]);
    assert_eq!(s.document("ar-1").unwrap().status(), Status::New);
}

#[test]
fn renaming_and_deleting_a_label_change_every_document_and_undo_brings_them_back() {
    let s = loaded(vec![ar1(), en1(), en2()]);
    let before: Vec<Document> = s.docs.iter().map(|d| (**d).clone()).collect();
    let s = reduce(s, Action::RenameLabel { from: "LOC".into(), to: "PLACE".into() });
    assert!(s.labels.iter().any(|l| l.name == "PLACE") && !s.labels.iter().any(|l| l.name == "LOC"));
    assert_eq!(spans(&s, "en-1"), [("Esbjerg".into(), "PLACE".into(), Origin::Editor)]);
    assert_eq!(spans(&s, "ar-1")[1].1, "PLACE");
    assert_eq!(last_notice(&s), "Renamed LOC to PLACE (2 articles changed)");
    assert_eq!(notices(&s, &AR).pop().unwrap(), "أعيدت تسمية LOC إلى PLACE (تغيرت مقالتان)");
    // en-2 had no LOC: the very same document.
    assert_eq!(*s.document("en-2").unwrap().as_ref(), before[2]);
    let s = reduce(s, Action::UndoSchema);
    assert_eq!(s.docs.iter().map(|d| (**d).clone()).collect::<Vec<_>>(), before);
    assert!(s.labels.iter().any(|l| l.name == "LOC"));
    assert_eq!(last_notice(&s), "The last label change was undone");
    // Delete PER, relabelling its spans ORG.
    let s = reduce(s, Action::DeleteLabel { name: "PER".into(), to: Some("ORG".into()) });
    assert!(!s.labels.iter().any(|l| l.name == "PER"));
    assert_eq!(spans(&s, "en-2"), [("Maria Lopez".into(), "ORG".into(), Origin::Editor)]);
    assert_eq!(last_notice(&s), "Deleted the label PER (2 articles changed)");
    // Delete MISC (on no span): nothing changes but the schema.
    let s = reduce(s, Action::DeleteLabel { name: "MISC".into(), to: None });
    assert_eq!(last_notice(&s), "Deleted the label MISC (0 articles changed)");
    let s = act(s, [Action::UndoSchema, Action::UndoSchema]);
    assert_eq!(s.docs.iter().map(|d| (**d).clone()).collect::<Vec<_>>(), before);
    assert_eq!(*s.labels, LabelDef::defaults());
}

#[test]
fn undoing_a_label_change_keeps_the_edits_made_since() {
    let s = loaded(vec![en1(), en2()]);
    let s = reduce(s, Action::DeleteLabel { name: "PER".into(), to: None });
    assert!(spans(&s, "en-2").is_empty());
    // An edit of en-2 after the deletion: its history's last step is now that edit.
    let s = reduce(s, Action::Open("en-2".into()));
    let (start, end) = range_of(&s, "en-2", "Madrid");
    let s = reduce(s, Action::Edit(Command::AddSpan { start, end, label: "LOC".into() }));
    let s = reduce(s, Action::UndoSchema);
    assert!(s.labels.iter().any(|l| l.name == "PER"));
    assert_eq!(spans(&s, "en-2"), [("Madrid".into(), "LOC".into(), Origin::Editor)]);
    assert_eq!(last_notice(&s), "The last label change was undone, except in 1 article edited since");
    assert_eq!(notices(&s, &AR).pop().unwrap(), "تم التراجع عن آخر تغيير في الوسوم إلا فيما عُدّل بعده: مقالة واحدة");
}

#[test]
fn a_refused_schema_changes_nothing() {
    let s = loaded(vec![en1()]);
    let s = reduce(s, Action::RenameLabel { from: "LOC".into(), to: "PER".into() });
    assert!(s.labels.iter().any(|l| l.name == "LOC"));
    assert_eq!(spans(&s, "en-1")[0].1, "LOC");
    assert!(s.schema_undo.is_empty());
    assert!(last_notice(&s).starts_with("The labels were not changed:"), "{}", last_notice(&s));
}

fn suggestion(s: &AppState, id: &str, needle: &str, label: &str) -> EntitySpan {
    let (start, end) = range_of(s, id, needle);
    EntitySpan { start, end, label: label.into(), text: needle.into(), confidence: 0.9 }
}

fn tagged(doc_id: &str, spans: Vec<EntitySpan>, text: Option<Arc<str>>) -> Action {
    Action::Tagged { doc_id: doc_id.into(), spans, quotes: vec![], model: "test".into(), tokens: 12, ms: 1.5, text }
}

#[test]
fn suggestions_replace_suggestions_never_the_editors_spans() {
    let s = reduce(loaded(vec![en1()]), Action::Open("en-1".into()));
    let s = reduce(s, Action::TagSent("en-1".into()));
    assert_eq!(s.tagging.in_flight.as_deref(), Some("en-1"));
    assert!(s.tagging.queue.is_empty());
    let first = vec![suggestion(&s, "en-1", "mayor", "PER"), suggestion(&s, "en-1", "Esbjerg", "ORG")];
    let s = reduce(s, tagged("en-1", first, None));
    // The editor's LOC stays; the overlapping ORG suggestion is dropped; "mayor" is suggested.
    assert_eq!(
        spans(&s, "en-1"),
        [("mayor".into(), "PER".into(), Origin::Model), ("Esbjerg".into(), "LOC".into(), Origin::Editor)]
    );
    assert_eq!(s.tagging.in_flight, None);
    assert!(s.tagging.tagged.contains("en-1"));
    assert_eq!(s.tagging.last, Some(("en-1".into(), 1, 12, 1.5)));
    // A second answer replaces the suggestions as a set.
    let second = vec![suggestion(&s, "en-1", "May", "DATE")];
    let s = reduce(s, tagged("en-1", second, None));
    assert_eq!(
        spans(&s, "en-1"),
        [("Esbjerg".into(), "LOC".into(), Origin::Editor), ("May".into(), "DATE".into(), Origin::Model)]
    );
    // Opening it again does not queue it again (tagged in this session).
    let s = act(s, [Action::Close, Action::Open("en-1".into())]);
    assert!(s.tagging.queue.is_empty());
}

#[test]
fn an_answer_for_another_text_is_ignored() {
    let s = loaded(vec![en1()]);
    let old_text: Arc<str> = Arc::from("The text the worker was given, since replaced.");
    let docs = s.docs.clone();
    let answer = suggestion(&s, "en-1", "mayor", "PER");
    let s = reduce(s, tagged("en-1", vec![answer.clone()], Some(old_text)));
    assert_eq!(s.docs, docs, "the document is left as it is");
    assert_eq!(spans(&s, "en-1"), [("Esbjerg".into(), "LOC".into(), Origin::Editor)]);
    // The same answer for the document's own text joins it.
    let text = Arc::clone(s.document("en-1").unwrap().shared_text());
    let s = reduce(s, tagged("en-1", vec![answer], Some(text)));
    assert_eq!(spans(&s, "en-1")[0], ("mayor".into(), "PER".into(), Origin::Model));
}

#[test]
fn the_tagging_queue_counts_a_batch_and_can_be_cancelled() {
    let s = loaded(vec![en1()]);
    let s = reduce(s, Action::Import { docs: vec![en2(), ar1()], source: Msg::Plain("x".into()), open: false });
    assert_eq!(s.tagging.queue, ["en-2", "ar-1"]);
    assert!(s.tagging.busy());
    let s = reduce(s, Action::TagSent("en-2".into()));
    let s = reduce(s, Action::CancelTagging);
    assert!(s.tagging.queue.is_empty());
    assert_eq!(s.tagging.total, 1);
    let s = reduce(s, Action::TagFailed { doc_id: "en-2".into(), message: Msg::Tag(TagError::NotLoaded) });
    assert_eq!(s.tagging.total, 0);
    assert_eq!(last_notice(&s), "No suggestions for this article: the model is not loaded");
}

#[test]
fn notices_are_added_dismissed_and_kept_few() {
    let mut s = AppState::default();
    for i in 0..8 {
        s = reduce(s, Action::Notify(NoticeKind::Info, Msg::Plain(format!("n{i}"))));
    }
    assert_eq!(s.notices.list().len(), MAX_NOTICES);
    assert_eq!(notices(&s, &EN), ["n2", "n3", "n4", "n5", "n6", "n7"]);
    let id = s.notices.list()[1].id;
    let s = reduce(s, Action::Dismiss(id));
    assert_eq!(notices(&s, &EN), ["n2", "n4", "n5", "n6", "n7"]);
}

#[test]
fn a_notice_is_worded_in_the_language_of_the_moment() {
    let s = loaded(vec![]);
    let s = reduce(
        s,
        Action::Import { docs: vec![en1()], source: Msg::text(crate::i18n::TextKey::pasted_text), open: true },
    );
    assert_eq!(last_notice(&s), "Pasted text: 1 article added");
    let s = reduce(s, Action::SetLang(Lang::Ar));
    let t = s.lang.strings();
    assert_eq!(notices(&s, t).pop().unwrap(), "نص ملصوق: أضيف مقالة واحدة");
}

#[test]
fn a_read_only_tab_changes_nothing_that_is_saved() {
    let s = reduce(loaded(vec![en1()]), Action::Open("en-1".into()));
    let s = reduce(s, Action::TabLost);
    let docs = s.docs.clone();
    let (start, end) = range_of(&s, "en-1", "mayor");
    let s = act(
        s,
        [
            Action::Edit(Command::AddSpan { start, end, label: "PER".into() }),
            Action::RenameLabel { from: "LOC".into(), to: "PLACE".into() },
            Action::Import { docs: vec![en2()], source: Msg::Plain("x".into()), open: false },
        ],
    );
    assert_eq!(s.docs, docs);
    assert!(s.labels.iter().any(|l| l.name == "LOC"));
    assert_eq!(notices(&s, &EN), vec!["This tab is read-only: the project is being edited in another tab."; 3]);
    // Reading still works.
    let s = reduce(s, Action::Open("en-1".into()));
    assert_eq!(s.open.as_deref(), Some("en-1"));
}

#[test]
fn switching_and_renaming_the_project() {
    let s = AppState::default();
    let list = vec![("p1".to_string(), "My library".to_string()), ("p2".to_string(), "Newsroom".to_string())];
    let s = reduce(s, Action::Project { info: ProjectInfo { id: "p2".into(), name: "Newsroom".into() }, list });
    assert_eq!(s.project.id, "p2");
    let s = act(s, [Action::TabLock(true), Action::RenameProject("  Desk  ".into())]);
    assert_eq!(s.project.name, "Desk");
    assert_eq!(s.projects, [("p1".to_string(), "My library".to_string()), ("p2".to_string(), "Desk".to_string())]);
    // An empty name is not taken.
    let s = reduce(s, Action::RenameProject("   ".into()));
    assert_eq!(s.project.name, "Desk");
    // The default name is shown in the interface language.
    assert_eq!(AR.project_name(&s.projects[0].1), "مكتبتي");
}

#[test]
fn storage_failure_keeps_the_work_in_memory_and_says_why() {
    let s = loaded(vec![en1()]);
    let refused = StorageError::Browser(BrowserError("QuotaExceededError".into()));
    let s = reduce(s, Action::StorageFailed(Msg::Storage(refused)));
    assert_eq!(s.persistence, Persistence::MemoryOnly);
    // The browser's words, quoted inside the interface's sentence.
    assert!(last_notice(&s).contains("(the browser refused: “QuotaExceededError”)"), "{}", last_notice(&s));
    let s = reduce(s, Action::RetrySave);
    assert_eq!(s.persistence, Persistence::Saved);
}
