//! Deterministic figures of the sync mapping on the benchmark article (100,000 code points, 5,000
//! spans, 300 quotes; `synth`): bytes (full state raw, gzip -6, raw deflate as permessage-deflate
//! would send it; one update per kind of edit) and memory, counted by a global allocator that
//! tracks the bytes allocated and not yet freed (`peak_alloc`): what a structure keeps, and the peak
//! while it is made. Both engines: `cargo bench -p sanad-sync --features automerge --bench figures`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::Write;

use flate2::write::{DeflateEncoder, GzEncoder};
use flate2::Compression;
use peak_alloc::PeakAlloc;
use sanad_core::edit::{Command, SpeakerRef};
use sanad_core::Status;
use sanad_sync::{edit, synth, DocReplica, Engine, ProjectReplica};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

fn gzip(b: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::new(6));
    e.write_all(b).unwrap();
    e.finish().unwrap().len()
}

fn deflate(b: &[u8]) -> usize {
    let mut e = DeflateEncoder::new(Vec::new(), Compression::new(6));
    e.write_all(b).unwrap();
    e.finish().unwrap().len()
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

/// Runs `f`, returning its result, the bytes it left allocated and its peak above the start.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let out = f();
    let kept = ALLOC.current_usage().saturating_sub(before);
    let peak = ALLOC.peak_usage().saturating_sub(before);
    (out, kept, peak)
}

fn figures<E: Engine>() {
    let name = E::NAME;
    let (doc, doc_kept, _) = measure(|| synth::article(100_000, 5_000, 300).unwrap());
    println!("{name}: the Sanad document itself keeps {}", kb(doc_kept));

    let (mut first, kept, peak) = measure(|| DocReplica::<E>::from_document(&doc, 1).unwrap());
    println!("{name}: share (CRDT doc from the document): keeps {}, peak {}", kb(kept), kb(peak));
    let state = first.encode_state();
    println!(
        "{name}: full state {} raw, {} gzip -6, {} raw deflate (permessage-deflate)",
        kb(state.len()),
        kb(gzip(&state)),
        kb(deflate(&state))
    );
    drop(first);

    let (mut joined, kept, peak) = measure(|| DocReplica::<E>::load(2, &state).unwrap());
    println!("{name}: join (load the full state): keeps {}, peak {}", kb(kept), kb(peak));
    let (read, kept, peak) = measure(|| joined.to_document(Status::New).unwrap());
    println!("{name}: read the document from the loaded state: keeps {}, peak {}", kb(kept), kb(peak));
    assert_eq!(read.document, doc, "the state reads back as the document");
    let mut d = read.document;

    let mut one = |what: &str, cmd: Command| {
        let (done, kept, _) = measure(|| edit(&mut d, &mut joined, cmd, Some("sara")).unwrap());
        let u = done.update.unwrap_or_default();
        println!(
            "{name}: update of one edit, {what}: {} B ({} B gzip -6); memory kept by the edit {} B (the first edit after a load includes what the engine builds lazily)",
            u.len(),
            gzip(&u),
            kept
        );
        done.applied.report.created
    };
    one("relabel", Command::Relabel { id: "s2500".into(), label: "MISC".into() });
    one("set a quote's speaker", Command::SetSpeaker { quote: "q150".into(), speaker: SpeakerRef::Span("s1".into()) });
    let created = one("add a span", Command::AddSpan { start: 99_990, end: 99_995, label: "MISC".into() });
    one("delete a span", Command::RemoveSpan { id: created[0].clone() });
    one("delete a span that is a speaker", Command::RemoveSpan { id: "s1".into() });
    let mut project = sanad_core::Project::new("bench");
    project.add(doc.clone());
    let mut p = ProjectReplica::<E>::from_project(&project, 1).unwrap();
    let ps = p.encode_state();
    let status = p.set_status("bench-100k", Status::Done).unwrap();
    println!("{name}: project doc (5 labels, 1 document): {} B; status change {} B", ps.len(), status.len());
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter.
    #[cfg(feature = "yrs")]
    figures::<sanad_sync::YrsEngine>();
    #[cfg(feature = "automerge")]
    figures::<sanad_sync::AutomergeEngine>();
}
