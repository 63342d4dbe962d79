//! Soak benchmark through the real sync server (`node sync-server/server.mjs` on a loopback port,
//! LevelDB persistence in a temporary folder): 10 clients x 500 random edits of one shared article
//! (20,000 code points, 1,000 spans, 60 quotes), each edit a core command sent as one update frame,
//! with random disconnects (a client goes offline for a while, keeps editing, and reconnects:
//! sync step 1/2 exchange what each side lacks). Bounded in time ([`BUDGET`]).
//!
//! Checked at the end: every client's document is the same, equal to the one its whole state stands
//! for, and every span id that only one editor wrote holds that editor's last value (edits not
//! superseded by another editor's are all there). Reported: edits/s (all ten clients run in this one
//! thread, so this includes every client receiving every other's edits), bytes on the wire (WebSocket
//! payloads sent and received by the clients; no permessage-deflate: the client does not offer it),
//! convergence time after the last edit, and the server's memory (VmRSS / VmHWM from /proc).
//!
//! `flock /work/heavy.lock make bench-sync-soak` (needs node and `sync-server/node_modules`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use sanad_core::edit::{apply, Command, SpeakerRef};
use sanad_core::{Document, Span, Status};
use sanad_sync::wire::update_frame;
use sanad_sync::{edit, synth, DocReplica};
use support::Server;
use tungstenite::{Message, WebSocket};

const CLIENTS: usize = 10;
const EDITS: usize = 500;
/// The whole run, from the server's start to convergence, must fit in this.
const BUDGET: Duration = Duration::from_secs(600);
/// Chance per edit that a connected client disconnects (1 in this), and how many of its own edits
/// it then makes offline (uniform in this range).
const DISCONNECT_ONE_IN: usize = 60;
const OFFLINE_EDITS: (usize, usize) = (5, 40);
const SECRET: &str = "soak-0123456789abcdef0123456789abcdef";

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[derive(Default, Clone, Copy)]
struct Wire {
    sent: u64,
    received: u64,
    frames_sent: u64,
    frames_received: u64,
}

struct Client {
    n: usize,
    author: String,
    url: String,
    doc: Option<Document>,
    rep: DocReplica,
    ws: Option<WebSocket<TcpStream>>,
    offline_for: usize,
    edits: usize,
    disconnects: usize,
    /// The last value this client wrote per span id (`None`: removed).
    wrote: HashMap<String, Option<Span>>,
}

fn connect(url: &str) -> WebSocket<TcpStream> {
    let addr = url.trim_start_matches("ws://").split('/').next().unwrap().to_string();
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_nodelay(true).unwrap();
    let (ws, _) = tungstenite::client(url, stream).unwrap();
    ws.get_ref().set_nonblocking(true).unwrap();
    ws
}

fn would_block(e: &tungstenite::Error) -> bool {
    matches!(e, tungstenite::Error::Io(e) if e.kind() == ErrorKind::WouldBlock)
}

impl Client {
    fn scope(&self) -> String {
        format!("c{}", self.n)
    }

    fn send(&mut self, frame: Vec<u8>, wire: &mut Wire) {
        let Some(ws) = self.ws.as_mut() else { return };
        wire.sent += frame.len() as u64;
        wire.frames_sent += 1;
        match ws.send(Message::binary(frame)) {
            Ok(()) => {}
            // Queued: written by a later flush.
            Err(e) if would_block(&e) => {}
            Err(e) => panic!("client {}: send: {e}", self.n),
        }
    }

    fn online(&mut self, wire: &mut Wire) {
        self.ws = Some(connect(&self.url));
        let hello = self.rep.hello_frame();
        self.send(hello, wire);
    }

    fn offline(&mut self) {
        if let Some(mut ws) = self.ws.take() {
            let _ = ws.close(None);
            let _ = ws.flush();
        }
        self.disconnects += 1;
    }

    /// Reads every frame that has arrived; returns how many.
    fn pump(&mut self, wire: &mut Wire) -> usize {
        let mut n = 0;
        loop {
            let Some(ws) = self.ws.as_mut() else { return n };
            match ws.flush() {
                Ok(()) => {}
                Err(e) if would_block(&e) => {}
                Err(e) => panic!("client {}: flush: {e}", self.n),
            }
            let frame = match ws.read() {
                Ok(Message::Binary(b)) => b,
                Ok(_) => continue,
                Err(e) if would_block(&e) => return n,
                Err(e) => panic!("client {}: read: {e}", self.n),
            };
            n += 1;
            wire.received += frame.len() as u64;
            wire.frames_received += 1;
            let got = self.rep.on_frame(&frame).unwrap();
            assert!(got.refused.is_none(), "client {} refused: {:?}", self.n, got.refused);
            for r in got.replies {
                self.send(r, wire);
            }
            if got.changes.is_empty() {
                continue;
            }
            match self.doc.as_mut() {
                // Another editor's changes come in as the core command that applies them.
                Some(d) => {
                    let incoming = self.rep.incoming(d, &got.changes);
                    if !incoming.patch.is_empty() {
                        apply(d, Command::Put(incoming.patch), None).unwrap();
                    }
                }
                None if self.rep.has_text() => {
                    let scope = self.scope();
                    self.doc = Some(self.rep.to_document(Status::New).unwrap().document.with_id_scope(&scope));
                }
                None => {}
            }
        }
    }

    /// One random edit through the core; returns false when the core refused it (nothing changed).
    fn edit(&mut self, rng: &mut Rng, wire: &mut Wire) -> bool {
        let Some(doc) = self.doc.as_mut() else { return false };
        let labels = ["PER", "ORG", "LOC", "MISC"];
        let len = doc.cp_len();
        let spans = doc.spans();
        let span = |k: usize| spans.get(k % spans.len().max(1)).map(|s| s.id().to_string()).unwrap_or_default();
        let at = rng.below(len - 8);
        let cmd = match rng.below(20) {
            0..=7 => Command::AddSpan { start: at, end: at + 1 + rng.below(7), label: labels[rng.below(4)].into() },
            8..=11 => Command::Relabel { id: span(rng.below(usize::MAX)), label: labels[rng.below(4)].into() },
            12..=14 => Command::RemoveSpan { id: span(rng.below(usize::MAX)) },
            15..=17 => Command::SetSpanRange { id: span(rng.below(usize::MAX)), start: at, end: at + 1 + rng.below(7) },
            _ => {
                let quotes = doc.quotes();
                let q = quotes.get(rng.below(quotes.len())).map(|q| q.id().to_string()).unwrap_or_default();
                Command::SetSpeaker { quote: q, speaker: SpeakerRef::Span(span(rng.below(usize::MAX))) }
            }
        };
        let Ok(done) = edit(doc, &mut self.rep, cmd, Some(&self.author)) else { return false };
        let Some(update) = done.update else { return false };
        for c in done.changes.spans {
            self.wrote.insert(c.id, c.after);
        }
        self.edits += 1;
        // Offline, the update stays in the state; the reconnect's sync step 2 carries it.
        self.send(update_frame(&update), wire);
        true
    }
}

/// Spans and quotes in the canonical order (same ranges by id), so documents compare as sets.
fn canon(d: &Document) -> (Vec<Span>, Vec<sanad_core::Quote>) {
    let mut s = d.spans().to_vec();
    s.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    let mut q = d.quotes().to_vec();
    q.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    (s, q)
}

fn converged(clients: &[Client]) -> bool {
    let Some(first) = clients[0].doc.as_ref().map(canon) else { return false };
    clients.iter().skip(1).all(|c| c.doc.as_ref().map(canon).as_ref() == Some(&first))
}

fn main() {
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!("sanad-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = Server::start(Some(&dir));
    let base_kb = server.memory_kb();
    let url = server.url("soak-article", SECRET);
    let article = synth::article(20_000, 1_000, 60).unwrap();
    let mut wire = Wire::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    let mut clients: Vec<Client> = (0..CLIENTS)
        .map(|n| {
            let id = 1_000 + n as u64 * 7_919;
            let rep = if n == 0 { DocReplica::from_document(&article, id).unwrap() } else { DocReplica::empty(id) };
            let doc = (n == 0).then(|| article.clone().with_id_scope(&format!("c{n}")));
            Client {
                n,
                author: format!("editor{n}"),
                url: url.clone(),
                doc,
                rep,
                ws: None,
                offline_for: 0,
                edits: 0,
                disconnects: 0,
                wrote: HashMap::new(),
            }
        })
        .collect();
    // The first client shares the article; the others join.
    clients[0].online(&mut wire);
    for c in clients.iter_mut().skip(1) {
        c.online(&mut wire);
    }
    let joined = Instant::now();
    while clients.iter().any(|c| c.doc.is_none()) {
        assert!(started.elapsed() < BUDGET, "the clients never joined");
        for c in &mut clients {
            c.pump(&mut wire);
        }
    }
    let join_time = joined.elapsed();
    let join_bytes = wire.received;

    // The edits, round robin, every client pumping after each round.
    let edit_start = Instant::now();
    let before = wire;
    while clients.iter().any(|c| c.edits < EDITS) {
        assert!(started.elapsed() < BUDGET, "over the time budget during the edits");
        for c in &mut clients {
            if c.edits >= EDITS {
                continue;
            }
            if c.ws.is_none() {
                if c.offline_for == 0 {
                    c.online(&mut wire);
                } else {
                    c.offline_for -= 1;
                }
            } else if rng.below(DISCONNECT_ONE_IN) == 0 {
                c.offline();
                c.offline_for = OFFLINE_EDITS.0 + rng.below(OFFLINE_EDITS.1 - OFFLINE_EDITS.0);
            }
            while !c.edit(&mut rng, &mut wire) {}
        }
        for c in &mut clients {
            c.pump(&mut wire);
        }
    }
    let last_edit = Instant::now();
    let edit_time = last_edit - edit_start;
    // Everyone back online; wait until every document is the same.
    for c in &mut clients {
        if c.ws.is_none() {
            c.online(&mut wire);
        }
    }
    let mut last_change = Instant::now();
    loop {
        assert!(started.elapsed() < BUDGET, "never converged");
        let mut frames = 0;
        for c in &mut clients {
            frames += c.pump(&mut wire);
        }
        if frames > 0 {
            last_change = Instant::now();
            if converged(&clients) {
                break;
            }
        } else if last_change.elapsed() > Duration::from_secs(20) {
            panic!("no frame for 20 s and the clients differ");
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let convergence = last_edit.elapsed();
    let end_kb = server.memory_kb();

    // Checks: the same everywhere, equal to each state, and no edit lost.
    let want = canon(clients[0].doc.as_ref().unwrap());
    for c in &mut clients {
        let state = c.rep.to_document(Status::New).unwrap().document;
        assert_eq!(canon(&state), want, "client {}: its document is not its state's", c.n);
    }
    let mut writers: HashMap<&str, Vec<usize>> = HashMap::new();
    for c in &clients {
        for id in c.wrote.keys() {
            writers.entry(id.as_str()).or_default().push(c.n);
        }
    }
    let doc = clients[0].doc.as_ref().unwrap();
    let (mut single, mut several) = (0, 0);
    for (id, who) in &writers {
        if let [only] = who.as_slice() {
            single += 1;
            let last = clients[*only].wrote[*id].as_ref();
            assert_eq!(doc.span(id), last, "span {id}: editor {only}'s last value is lost");
        } else {
            several += 1;
        }
    }
    let edits = CLIENTS * EDITS;
    let disconnects: usize = clients.iter().map(|c| c.disconnects).sum();
    let kb =
        |m: Option<(u64, u64)>| m.map_or_else(|| "n/a".to_string(), |(rss, hwm)| format!("{rss} kB (peak {hwm} kB)"));
    println!("soak: {CLIENTS} clients x {EDITS} edits, article 20,000 code points / 1,000 spans / 60 quotes");
    println!("join: {:.0} ms for {} clients, {} B received", join_time.as_secs_f64() * 1e3, CLIENTS - 1, join_bytes);
    println!(
        "edits: {edits} in {:.2} s = {:.0} edits/s (one thread: includes every client receiving every other's edits); {disconnects} disconnects",
        edit_time.as_secs_f64(),
        edits as f64 / edit_time.as_secs_f64()
    );
    println!(
        "wire during edits and convergence: sent {} B in {} frames ({:.0} B per edit), received {} B in {} frames",
        wire.sent - before.sent,
        wire.frames_sent - before.frames_sent,
        (wire.sent - before.sent) as f64 / edits as f64,
        wire.received - before.received,
        wire.frames_received - before.frames_received
    );
    println!("convergence after the last edit: {:.0} ms", convergence.as_secs_f64() * 1e3);
    println!("server memory: at start {}, at the end {}", kb(base_kb), kb(end_kb));
    println!(
        "final document: {} spans, {} quotes; {single} span ids written by one editor hold its last value; {several} written by several converged",
        doc.spans().len(),
        doc.quotes().len()
    );
    println!("whole run: {:.1} s", started.elapsed().as_secs_f64());
    drop(clients);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
