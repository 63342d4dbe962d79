//! Sync timings on the benchmark article (100,000 code points, 5,000 spans, 300 quotes; `synth`):
//! share (build the CRDT doc from a document), full state, join (load the state; load and read the
//! document back), one local edit through the core command (relabel, speaker, add then delete),
//! one remote update received and patched into the document. Both engines:
//! `cargo bench -p sanad-sync --features automerge --bench sync` (bytes and memory: the `figures`
//! bench).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use sanad_core::edit::{Command, SpeakerRef};
use sanad_core::{Document, Status};
use sanad_sync::{edit, patch, synth, DocReplica, Engine};

fn article() -> Document {
    synth::article(100_000, 5_000, 300).unwrap()
}

fn engine<E: Engine>(c: &mut Criterion) {
    let doc = article();
    let state = DocReplica::<E>::from_document(&doc, 1).unwrap().encode_state();
    let mut g = c.benchmark_group(E::NAME);
    g.sample_size(10).measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));

    g.bench_function("share: CRDT doc from the document", |b| {
        b.iter(|| DocReplica::<E>::from_document(black_box(&doc), 1).unwrap())
    });
    g.bench_function("full state: encode", |b| {
        let mut r = DocReplica::<E>::load(2, &state).unwrap();
        b.iter(|| black_box(r.encode_state()))
    });
    g.bench_function("join: load the full state", |b| b.iter(|| DocReplica::<E>::load(2, black_box(&state)).unwrap()));
    g.bench_function("join: load the full state and read the document", |b| {
        b.iter(|| {
            let mut r = DocReplica::<E>::load(2, black_box(&state)).unwrap();
            r.to_document(Status::New).unwrap()
        })
    });

    // Local edits, each through the core command, the delta and one transaction.
    let mut r = DocReplica::<E>::load(2, &state).unwrap();
    let mut d = r.to_document(Status::New).unwrap().document;
    let mut flip = false;
    g.bench_function("local edit: relabel", |b| {
        b.iter(|| {
            flip = !flip;
            let label = if flip { "MISC" } else { "DATE" };
            edit(&mut d, &mut r, Command::Relabel { id: "s2500".into(), label: label.into() }, Some("ali")).unwrap()
        })
    });
    // The same relabel through the core alone (no sync): what the mapping adds is the difference.
    let mut plain = d.clone();
    g.bench_function("core alone: relabel (no sync)", |b| {
        b.iter(|| {
            flip = !flip;
            let label = if flip { "MISC" } else { "DATE" };
            sanad_core::edit::apply(
                &mut plain,
                Command::Relabel { id: "s2500".into(), label: label.into() },
                Some("ali"),
            )
            .unwrap()
        })
    });
    g.bench_function("local edit: set a quote's speaker", |b| {
        b.iter(|| {
            flip = !flip;
            let span = if flip { "s1" } else { "s13" };
            let cmd = Command::SetSpeaker { quote: "q150".into(), speaker: SpeakerRef::Span(span.into()) };
            edit(&mut d, &mut r, cmd, Some("ali")).unwrap()
        })
    });
    g.bench_function("local edit: add a span, then delete it", |b| {
        b.iter(|| {
            let cmd = Command::AddSpan { start: 99_990, end: 99_995, label: "MISC".into() };
            let done = edit(&mut d, &mut r, cmd, Some("ali")).unwrap();
            let id = done.applied.report.created[0].clone();
            edit(&mut d, &mut r, Command::RemoveSpan { id }, Some("ali")).unwrap()
        })
    });

    // Remote updates: another client's relabels, made beforehand (not timed), each received once.
    g.bench_function("remote edit: receive a relabel (engine only)", |b| {
        b.iter_custom(|iters| {
            let (mut a, updates) = remote_setup::<E>(&state, iters);
            let t = Instant::now();
            for u in &updates {
                black_box(a.receive(u).unwrap());
            }
            t.elapsed()
        })
    });
    g.bench_function("remote edit: receive a relabel and patch the document", |b| {
        b.iter_custom(|iters| {
            let (mut a, updates) = remote_setup::<E>(&state, iters);
            let mut doc = a.to_document(Status::New).unwrap().document;
            let t = Instant::now();
            for u in &updates {
                let changes = a.receive(u).unwrap();
                doc = patch(&doc, &changes, &mut a).unwrap().document;
            }
            black_box(doc);
            t.elapsed()
        })
    });
    g.bench_function("full rebuild: read the whole document again (what patch avoids)", |b| {
        let mut a = DocReplica::<E>::load(2, &state).unwrap();
        b.iter_batched(|| (), |()| a.to_document(Status::New).unwrap(), BatchSize::SmallInput)
    });
    g.finish();
}

/// A client that joined, and `n` relabels of one span by another client, in order.
fn remote_setup<E: Engine>(state: &[u8], n: u64) -> (DocReplica<E>, Vec<Vec<u8>>) {
    let a = DocReplica::<E>::load(2, state).unwrap();
    let mut b = DocReplica::<E>::load(3, state).unwrap();
    let mut d = b.to_document(Status::New).unwrap().document;
    let updates = (0..n)
        .map(|i| {
            let label = if (i / 5_000) % 2 == 0 { "MISC" } else { "DATE" };
            let cmd = Command::Relabel { id: format!("s{}", 1 + i % 5_000), label: label.into() };
            edit(&mut d, &mut b, cmd, Some("sara")).unwrap().update.unwrap_or_default()
        })
        .collect();
    (a, updates)
}

fn benches(c: &mut Criterion) {
    #[cfg(feature = "yrs")]
    engine::<sanad_sync::YrsEngine>(c);
    #[cfg(feature = "automerge")]
    engine::<sanad_sync::AutomergeEngine>(c);
}

criterion_group!(sync, benches);
criterion_main!(sync);
