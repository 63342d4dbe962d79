//! Two or three clients editing one document concurrently: what each conflict resolves to, what
//! each client is told (the [`Conflict`]s of [`Incoming`]), and that every client ends with the same
//! document, read from the whole state or changed update by update through the core command
//! ([`receive`]: `Command::Put`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sanad_core::edit::{Changes, Command, Kept, SpeakerRef};
use sanad_core::{Document, Origin, Quote, QuoteKind, Range, Span, Status};
use sanad_sync::{edit, receive, undo, Conflict, DocReplica, Incoming};

struct Client {
    doc: Document,
    rep: DocReplica,
    author: &'static str,
}

impl Client {
    fn join(client: u64, state: &[u8], author: &'static str) -> Client {
        let mut rep = DocReplica::load(client, state).unwrap();
        let doc = rep.to_document(Status::New).unwrap().document.with_id_scope(&format!("c{client}"));
        Client { doc, rep, author }
    }

    /// Runs a command; returns its update (empty when it changed nothing).
    fn edit(&mut self, cmd: Command) -> Vec<u8> {
        self.step(cmd).1
    }

    /// Runs a command; returns what it changed by id (to undo it) and its update.
    fn step(&mut self, cmd: Command) -> (Changes, Vec<u8>) {
        let done = edit(&mut self.doc, &mut self.rep, cmd, Some(self.author)).unwrap();
        (done.changes, done.update.unwrap_or_default())
    }

    fn receive(&mut self, update: &[u8]) -> Incoming {
        if update.is_empty() {
            return Incoming::default();
        }
        receive(&mut self.doc, &mut self.rep, update).unwrap()
    }

    /// The document read from the whole state.
    fn materialised(&mut self) -> Document {
        self.rep.to_document(Status::New).unwrap().document
    }
}

/// A document's annotations in the canonical order, same ranges by id (the materialiser's order;
/// a local command puts a new span after those with the same range).
fn canon(d: &Document) -> (Vec<Span>, Vec<Quote>) {
    let mut s = d.spans().to_vec();
    s.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    let mut q = d.quotes().to_vec();
    q.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    (s, q)
}

fn base() -> Document {
    let text = "Lavrov met Putin in Astana, and Peskov said the talks would resume in Geneva.";
    let d = Document::new("d1", "Talks", "en", text).unwrap();
    let span = |id: &str, a, b, l: &str| Span::new(id, Range::new(a, b).unwrap(), l, Origin::Import).unwrap();
    let q = Quote::new("q1", Range::new(47, 77).unwrap(), QuoteKind::Indirect, Origin::Editor).unwrap();
    d.with_annotations(
        vec![span("s1", 0, 6, "PER"), span("s2", 11, 16, "PER"), span("s3", 20, 26, "LOC"), span("s4", 32, 38, "PER")],
        vec![q],
    )
    .unwrap()
}

/// Client 1 (A) shares the document, client 2 (B) joins.
fn pair() -> (Client, Client) {
    let mut first: DocReplica = DocReplica::from_document(&base(), 1).unwrap();
    let state = first.encode_state();
    (Client::join(1, &state, "ali"), Client::join(2, &state, "sara"))
}

/// Checks that A and B hold the same document, and that each one's document (changed update by
/// update through the core) is the one its whole state stands for.
fn converged(a: &mut Client, b: &mut Client) {
    let (ma, mb) = (a.materialised(), b.materialised());
    assert_eq!(canon(&ma), canon(&mb), "the two clients did not converge");
    assert_eq!(canon(&a.doc), canon(&ma), "A's document is not the state's");
    assert_eq!(canon(&b.doc), canon(&mb), "B's document is not the state's");
}

/// A and B make one edit each without seeing the other's, then exchange them. Returns both clients
/// and what A and B were told, after checking that they converged.
fn concurrently(a_cmd: Command, b_cmd: Command) -> (Client, Client, Incoming, Incoming) {
    let (mut a, mut b) = pair();
    let ua = a.edit(a_cmd);
    let ub = b.edit(b_cmd);
    let to_a = a.receive(&ub);
    let to_b = b.receive(&ua);
    converged(&mut a, &mut b);
    (a, b, to_a, to_b)
}

#[test]
fn relabel_vs_delete_brings_the_span_back_and_tells_the_deleter() {
    let (mut a, mut b, to_a, to_b) = concurrently(
        Command::Relabel { id: "s1".into(), label: "ORG".into() },
        Command::RemoveSpan { id: "s1".into() },
    );
    // The relabel wins on both; the editor whose deletion lost is told, with the span that is back.
    assert_eq!(a.doc.span("s1").map(Span::label), Some("ORG"));
    assert_eq!(b.doc.span("s1").map(Span::label), Some("ORG"));
    assert!(to_a.conflicts.is_empty(), "{:?}", to_a.conflicts);
    let [c] = to_b.conflicts.as_slice() else { panic!("B was told {:?}", to_b.conflicts) };
    match c {
        Conflict::SpanBack { theirs } => assert_eq!((theirs.id(), theirs.label()), ("s1", "ORG")),
        other => panic!("B was told {other:?}"),
    }
    assert_eq!(c.by(), Some("ali"));
    // B's notice undoes from: the deletion is made again, as a new edit, and reaches A.
    let u = b.edit(c.undo());
    a.receive(&u);
    assert!(a.doc.span("s1").is_none() && b.doc.span("s1").is_none());
    converged(&mut a, &mut b);
}

#[test]
fn relabel_vs_relabel_has_one_winner_and_the_loser_can_put_theirs_back() {
    let (mut a, mut b, to_a, to_b) = concurrently(
        Command::Relabel { id: "s2".into(), label: "ORG".into() },
        Command::Relabel { id: "s2".into(), label: "LOC".into() },
    );
    // The higher client id (B) wins on both; A is told with its own value.
    assert_eq!(a.doc.span("s2").map(Span::label), Some("LOC"));
    assert!(to_b.conflicts.is_empty(), "{:?}", to_b.conflicts);
    let [c] = to_a.conflicts.as_slice() else { panic!("A was told {:?}", to_a.conflicts) };
    match c {
        Conflict::Span { mine, theirs } => {
            assert_eq!((mine.label(), mine.author()), ("ORG", Some("ali")));
            assert_eq!((theirs.label(), theirs.author()), ("LOC", Some("sara")));
        }
        other => panic!("A was told {other:?}"),
    }
    let u = a.edit(c.undo());
    let back = b.receive(&u);
    assert!(back.conflicts.is_empty(), "a later edit, not a concurrent one: {:?}", back.conflicts);
    assert_eq!(b.doc.span("s2").map(Span::label), Some("ORG"));
    converged(&mut a, &mut b);
}

#[test]
fn one_quote_given_two_speakers_keeps_one_and_tells_the_other() {
    let (a, _b, to_a, to_b) = concurrently(
        Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span("s4".into()) },
        Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span("s1".into()) },
    );
    let q = &a.doc.quotes()[0];
    assert_eq!(q.speaker().and_then(|s| s.span()), Some("s1"));
    assert_eq!(q.speaker_name(), Some("Lavrov"));
    assert!(to_b.conflicts.is_empty());
    match to_a.conflicts.as_slice() {
        [Conflict::Quote { mine, theirs }] => {
            assert_eq!(mine.speaker_name(), Some("Peskov"));
            assert_eq!(theirs.speaker_name(), Some("Lavrov"));
        }
        other => panic!("A was told {other:?}"),
    }
}

#[test]
fn new_spans_made_at_once_keep_their_own_ids() {
    let (a, _b, to_a, to_b) = concurrently(
        Command::AddSpan { start: 44, end: 48, label: "MISC".into() },
        Command::AddSpan { start: 70, end: 76, label: "LOC".into() },
    );
    let new: Vec<(&str, usize, &str)> =
        a.doc.spans().iter().filter(|s| s.id().starts_with('e')).map(|s| (s.id(), s.start(), s.label())).collect();
    assert_eq!(new, [("e1.c1", 44, "MISC"), ("e1.c2", 70, "LOC")], "both spans are kept");
    assert!(to_a.conflicts.is_empty() && to_b.conflicts.is_empty());
}

#[test]
fn overlapping_new_spans_are_both_kept_and_reported() {
    let (mut a, mut b, to_a, to_b) = concurrently(
        Command::AddSpan { start: 44, end: 52, label: "MISC".into() },
        Command::AddSpan { start: 48, end: 56, label: "LOC".into() },
    );
    assert_eq!(a.doc.spans().len(), 6);
    match (to_a.conflicts.as_slice(), to_b.conflicts.as_slice()) {
        ([Conflict::Overlap { mine: ma, theirs: ta }], [Conflict::Overlap { mine: mb, theirs: tb }]) => {
            assert_eq!((ma.as_str(), ta.id(), ta.author()), ("e1.c1", "e1.c2", Some("sara")));
            assert_eq!((mb.as_str(), tb.id()), ("e1.c2", "e1.c1"));
        }
        other => panic!("told {other:?}"),
    }
    // Withdrawing mine removes my span only.
    let u = a.edit(to_a.conflicts[0].undo());
    b.receive(&u);
    let ids: Vec<&str> = b.doc.spans().iter().map(Span::id).collect();
    assert!(ids.contains(&"e1.c2") && !ids.contains(&"e1.c1"), "{ids:?}");
    converged(&mut a, &mut b);
    // The same words with the same label: a twin, both kept.
    let (_, _, to_a, _) = concurrently(
        Command::AddSpan { start: 44, end: 48, label: "MISC".into() },
        Command::AddSpan { start: 44, end: 48, label: "MISC".into() },
    );
    assert!(
        matches!(to_a.conflicts.as_slice(), [Conflict::Twin { mine, theirs }] if mine == "e1.c1" && theirs.id() == "e1.c2")
    );
}

#[test]
fn undo_takes_back_only_my_edit() {
    let (mut a, mut b) = pair();
    let (mine, u1) = a.step(Command::Relabel { id: "s1".into(), label: "ORG".into() });
    b.receive(&u1);
    // B, having seen it, changes another span and adds one.
    let u2 = b.edit(Command::Relabel { id: "s2".into(), label: "LOC".into() });
    let u3 = b.edit(Command::AddSpan { start: 70, end: 76, label: "LOC".into() });
    a.receive(&u2);
    a.receive(&u3);
    let done = undo(&mut a.doc, &mut a.rep, &mine).unwrap();
    assert!(done.reverted.kept.is_empty());
    b.receive(&done.update.unwrap());
    for d in [&a.doc, &b.doc] {
        assert_eq!(d.span("s1").map(Span::label), Some("PER"), "my relabel is undone");
        assert_eq!(d.span("s2").map(Span::label), Some("LOC"), "B's relabel stays");
        assert!(d.span("e1.c2").is_some(), "B's new span stays");
    }
    converged(&mut a, &mut b);
    // Redo, then an undo after B changed the same span: B's value is kept, and A is told.
    let redo = undo(&mut a.doc, &mut a.rep, &done.reverted.redo).unwrap();
    b.receive(&redo.update.unwrap());
    assert_eq!(b.doc.span("s1").map(Span::label), Some("ORG"));
    let u4 = b.edit(Command::Relabel { id: "s1".into(), label: "MISC".into() });
    a.receive(&u4);
    let again = undo(&mut a.doc, &mut a.rep, &redo.reverted.redo).unwrap();
    assert!(again.update.is_none(), "nothing of B's is undone");
    match again.reverted.kept.as_slice() {
        [Kept::Span { id, now: Some(s) }] => {
            assert_eq!((id.as_str(), s.label(), s.author()), ("s1", "MISC", Some("sara")))
        }
        other => panic!("{other:?}"),
    }
    converged(&mut a, &mut b);
}

/// Three clients, random commands (and undos of their own steps), updates delivered in random
/// interleavings (each sender's in order, as over one WebSocket): every client ends with the same
/// document, and each client's document equals the one read from its whole state after every
/// delivery.
fn random_edits(seed: u64, steps: usize) {
    let mut rng = seed;
    let mut next = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let mut first: DocReplica = DocReplica::from_document(&base(), 1).unwrap();
    let state = first.encode_state();
    let mut clients: Vec<Client> =
        vec![Client::join(1, &state, "ali"), Client::join(2, &state, "sara"), Client::join(3, &state, "lina")];
    let mut undo_stacks: Vec<Vec<Changes>> = vec![Vec::new(); 3];
    // outbox[from][to]: updates not yet delivered.
    let mut outbox: Vec<Vec<Vec<Vec<u8>>>> = vec![vec![Vec::new(); 3]; 3];
    let labels = ["PER", "ORG", "LOC", "MISC"];
    let (mut received, mut conflicts, mut undos) = (0, 0, 0);
    for _ in 0..steps {
        let c = next(3);
        if next(3) == 0 {
            // Deliver the oldest pending update from a random sender.
            let from = next(3);
            if from != c && !outbox[from][c].is_empty() {
                let u = outbox[from][c].remove(0);
                let got = clients[c].receive(&u);
                received += got.patch.spans.len() + got.patch.quotes.len();
                conflicts += got.conflicts.len();
                let m = clients[c].materialised();
                assert_eq!(canon(&clients[c].doc), canon(&m), "seed {seed}: the document differs from the state");
            }
            continue;
        }
        let cl = &mut clients[c];
        let update = if next(8) == 0 {
            let Some(step) = undo_stacks[c].pop() else { continue };
            undos += 1;
            undo(&mut cl.doc, &mut cl.rep, &step).unwrap().update
        } else {
            let spans: Vec<String> = cl.doc.spans().iter().map(|s| s.id().to_string()).collect();
            let len = cl.doc.cp_len();
            let pick = |k: usize| spans.get(k % spans.len().max(1)).cloned().unwrap_or_default();
            let cmd = match next(5) {
                0 => Command::Relabel { id: pick(next(50)), label: labels[next(4)].into() },
                1 => Command::RemoveSpan { id: pick(next(50)) },
                2 => {
                    let s = next(len - 1);
                    Command::AddSpan { start: s, end: s + 1 + next(6).min(len - s - 1), label: labels[next(4)].into() }
                }
                3 => Command::SetSpeaker { quote: "q1".into(), speaker: SpeakerRef::Span(pick(next(50))) },
                _ => {
                    let s = next(len - 1);
                    Command::SetSpanRange { id: pick(next(50)), start: s, end: s + 1 + next(6).min(len - s - 1) }
                }
            };
            // Commands the core refuses (unknown span, duplicate) change nothing and send nothing.
            match edit(&mut cl.doc, &mut cl.rep, cmd, Some(cl.author)) {
                Ok(done) => {
                    undo_stacks[c].push(done.changes);
                    done.update
                }
                Err(_) => None,
            }
        };
        if let Some(u) = update {
            for (to, out) in outbox[c].iter_mut().enumerate() {
                if to != c {
                    out.push(u.clone());
                }
            }
        }
    }
    for (from, row) in outbox.into_iter().enumerate() {
        for (to, updates) in row.into_iter().enumerate() {
            for u in updates {
                if to != from {
                    conflicts += clients[to].receive(&u).conflicts.len();
                    received += 1;
                }
            }
        }
    }
    // The run met concurrent edits and undos, not only sequential edits.
    assert!(received > 100 && conflicts > 0 && undos > 10, "seed {seed}: {received} {conflicts} {undos}");
    let want = canon(&clients[0].materialised());
    for cl in &mut clients {
        let m = cl.materialised();
        assert_eq!(canon(&m), want, "seed {seed}: clients differ");
        assert_eq!(canon(&cl.doc), want, "seed {seed}: a client's document differs from its state");
    }
}

#[test]
fn random_concurrent_edits_converge() {
    for seed in 1..=6 {
        random_edits(seed * 7919, 400);
    }
}

/// Two editors work offline (nothing exchanged), then reconnect: each sends its state vector (sync
/// step 1) and gets back what it lacks (step 2), through the wire frames. Everything both did is
/// there, on both.
#[test]
fn offline_edits_merge_on_reconnect() {
    let (mut a, mut b) = pair();
    let mut a_ids = Vec::new();
    for (i, start) in [0usize, 20, 40, 60].into_iter().enumerate() {
        let (ch, _) = a.step(Command::AddSpan { start: start + 1, end: start + 4, label: "MISC".into() });
        a_ids.push(ch.spans[0].id.clone());
        b.edit(Command::AddSpan { start: start + 5, end: start + 9, label: "LOC".into() });
        if i == 0 {
            b.edit(Command::RemoveSpan { id: "s3".into() });
            a.edit(Command::Relabel { id: "s4".into(), label: "ORG".into() });
        }
    }
    // Reconnect: A's step 1 to B, B answers with step 2 and sends its own step 1, and so on.
    let hello_a = a.rep.hello_frame();
    let hello_b = b.rep.hello_frame();
    let from_b = b.rep.on_frame(&hello_a).unwrap().replies;
    let from_a = a.rep.on_frame(&hello_b).unwrap().replies;
    for (who, frames) in [(&mut a, from_b), (&mut b, from_a)] {
        for f in frames {
            let got = who.rep.on_frame(&f).unwrap();
            let inc = who.rep.incoming(&who.doc, &got.changes);
            sanad_core::edit::apply(&mut who.doc, Command::Put(inc.patch), None).unwrap();
        }
    }
    converged(&mut a, &mut b);
    let d = &a.doc;
    assert_eq!(d.spans().iter().filter(|s| s.label() == "LOC" && s.id().ends_with(".c2")).count(), 4);
    assert!(a_ids.iter().all(|id| d.span(id).is_some()), "{a_ids:?}");
    assert!(d.span("s3").is_none());
    assert_eq!(d.span("s4").map(Span::label), Some("ORG"));
}
