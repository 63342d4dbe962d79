//! yrs clients through the real sync server (`node sync-server/server.mjs`, started here on a free
//! loopback port): two clients converge, a wrong secret is refused (auth message, close 4401, a
//! logged refusal), and a document survives a server restart with persistence.
//!
//! Ignored in a plain `cargo test`: it needs node and `sync-server/node_modules`. `make test` (target
//! `test-sync`) installs them (`npm ci`) and runs these with `--ignored`.

#![cfg(feature = "yrs")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sanad_core::edit::Command;
use sanad_core::{Document, Origin, Range, Span, Status};
use sanad_sync::wire::update_frame;
use sanad_sync::{edit, patch, DocReplica, Overridden, RemoteChange, YrsEngine};
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};

const SECRET: &str = "0123456789abcdef0123456789abcdef-test";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The server process; killed when dropped. Its log lines arrive on `log`.
struct Server {
    child: Child,
    port: u16,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(persist: Option<&Path>) -> Server {
        let dir = repo().join("sync-server");
        assert!(
            dir.join("node_modules/@y/websocket-server").is_dir(),
            "sync-server/node_modules is missing: run `make sync-server-deps` (npm ci in sync-server)"
        );
        let mut cmd = Process::new("node");
        cmd.arg("server.mjs").current_dir(&dir).env("PORT", "0").env("HOST", "127.0.0.1").env_remove("YPERSISTENCE");
        if let Some(p) = persist {
            cmd.env("YPERSISTENCE", p);
        }
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("node must be installed");
        let (tx, log) = mpsc::channel();
        for pipe in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let mut server = Server { child, port: 0, log };
        let line = server.wait_for("sanad sync server on ws://");
        let port = line.rsplit(':').next().and_then(|p| p.split(',').next()).and_then(|p| p.parse().ok());
        server.port = port.unwrap_or_else(|| panic!("no port in {line:?}"));
        server
    }

    /// Waits for a log line containing `what`; returns it.
    fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(line) = self.log.recv_timeout(Duration::from_millis(100)) {
                if line.contains(what) {
                    return line;
                }
            }
        }
        panic!("the server never logged {what:?}");
    }

    fn url(&self, room: &str, secret: &str) -> String {
        format!("ws://127.0.0.1:{}/proj-test-0001/{room}?s={secret}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client: a document, its replica and its socket.
struct Client {
    doc: Option<Document>,
    rep: DocReplica<YrsEngine>,
    ws: WebSocket<TcpStream>,
    told: Vec<RemoteChange>,
    closed: Option<(CloseCode, String)>,
    refused: Option<String>,
}

impl Client {
    fn connect(url: &str, rep: DocReplica<YrsEngine>, doc: Option<Document>) -> Client {
        let addr = url.trim_start_matches("ws://").split('/').next().unwrap().to_string();
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let (ws, _) = tungstenite::client(url, stream).unwrap();
        let mut c = Client { doc, rep, ws, told: Vec::new(), closed: None, refused: None };
        let hello = c.rep.hello_frame();
        c.send(hello);
        c
    }

    fn send(&mut self, frame: Vec<u8>) {
        self.ws.send(Message::binary(frame)).unwrap();
    }

    /// Reads what has arrived; returns how many frames.
    fn pump(&mut self) -> usize {
        let mut n = 0;
        loop {
            match self.ws.read() {
                Ok(Message::Binary(b)) => {
                    n += 1;
                    let got = self.rep.on_frame(&b).unwrap();
                    for r in got.replies {
                        self.send(r);
                    }
                    if got.refused.is_some() {
                        self.refused = got.refused;
                    }
                    if !got.changes.is_empty() {
                        self.doc = Some(match &self.doc {
                            Some(d) => patch(d, &got.changes, &mut self.rep).unwrap().document,
                            None => self.rep.to_document(Status::New).unwrap().document,
                        });
                        self.told.extend(got.changes);
                    }
                }
                Ok(Message::Close(f)) => {
                    self.closed = f.map(|f| (f.code, f.reason.to_string()));
                    return n;
                }
                Ok(_) => n += 1,
                Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return n
                }
                Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => return n,
                Err(e) => panic!("read: {e}"),
            }
        }
    }

    fn edit(&mut self, cmd: Command, author: &str) {
        let doc = self.doc.as_mut().unwrap();
        if let Some(u) = edit(doc, &mut self.rep, cmd, Some(author)).unwrap().update {
            self.send(update_frame(&u));
        }
    }
}

/// Pumps every client until a quarter second passes with no frame.
fn settle(clients: &mut [&mut Client]) {
    let mut quiet = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(15);
    while quiet.elapsed() < Duration::from_millis(250) {
        assert!(Instant::now() < deadline, "the clients never settled");
        if clients.iter_mut().map(|c| c.pump()).sum::<usize>() > 0 {
            quiet = Instant::now();
        }
    }
}

fn article() -> Document {
    let text = "قال لافروف في موسكو إن المحادثات مع Reuters ستستأنف في جنيف.";
    let d = Document::new("doc-1", "محادثات", "ar", text).unwrap();
    let span = |id: &str, a, b, l: &str| Span::new(id, Range::new(a, b).unwrap(), l, Origin::Import).unwrap();
    d.with_annotations(vec![span("s1", 4, 10, "PER"), span("s2", 14, 19, "LOC"), span("s3", 36, 43, "ORG")], vec![])
        .unwrap()
}

#[test]
#[ignore = "needs node and sync-server/node_modules; run by `make test` (test-sync)"]
fn two_clients_converge_through_the_server() {
    let mut server = Server::start(None);
    let doc = article();
    let mut a = Client::connect(&server.url("doc-1", SECRET), DocReplica::from_document(&doc, 11).unwrap(), Some(doc));
    settle(&mut [&mut a]);
    server.wait_for("registered project proj-test-0001");
    let mut b = Client::connect(&server.url("doc-1", SECRET), DocReplica::empty(22), None);
    settle(&mut [&mut a, &mut b]);
    assert_eq!(b.doc.as_ref().map(|d| d.spans().len()), Some(3), "B joined with the document");
    assert_eq!(b.doc.as_ref().unwrap().text(), article().text());

    // Concurrent edits: A relabels s3, B relabels it too and deletes s1; A adds a span.
    a.edit(Command::Relabel { id: "s3".into(), label: "MISC".into() }, "ali");
    b.edit(Command::Relabel { id: "s3".into(), label: "PER".into() }, "sara");
    b.edit(Command::RemoveSpan { id: "s1".into() }, "sara");
    a.edit(Command::AddSpan { start: 55, end: 59, label: "LOC".into() }, "ali");
    settle(&mut [&mut a, &mut b]);

    let (da, db) = (a.doc.clone().unwrap(), b.doc.clone().unwrap());
    assert_eq!(da, db, "A and B converged");
    assert_eq!(da, a.rep.to_document(Status::New).unwrap().document, "A's patched document is its state's");
    let labels: Vec<(&str, &str)> = da.spans().iter().map(|s| (s.id(), s.label())).collect();
    // The higher client id (B: 22) wins the concurrent relabel; A is told its edit was overridden.
    assert_eq!(labels, [("s2", "LOC"), ("s3", "PER"), ("e1", "LOC")]);
    assert!(a
        .told
        .iter()
        .any(|c| matches!(c, RemoteChange::Span { id, overridden: Some(Overridden::MyEdit), .. } if id == "s3")));
    assert!(b.told.iter().all(|c| c.overridden().is_none()), "{:?}", b.told);
}

#[test]
#[ignore = "needs node and sync-server/node_modules; run by `make test` (test-sync)"]
fn a_wrong_secret_is_refused_and_logged() {
    let mut server = Server::start(None);
    let doc = article();
    let mut a = Client::connect(&server.url("doc-1", SECRET), DocReplica::from_document(&doc, 11).unwrap(), Some(doc));
    settle(&mut [&mut a]);
    let wrong = "x".repeat(40);
    let mut c = Client::connect(&server.url("doc-1", &wrong), DocReplica::empty(33), None);
    settle(&mut [&mut a, &mut c]);
    assert_eq!(c.refused.as_deref(), Some("wrong secret"));
    assert_eq!(c.closed, Some((CloseCode::from(4401), "wrong secret".to_string())));
    assert!(c.doc.is_none(), "the refused client received nothing of the document");
    let line = server.wait_for("refused 127.0.0.1 /proj-test-0001/doc-1: wrong secret");
    assert!(!line.contains(&wrong), "the log never holds the secret: {line}");
    // A missing secret, and a room of another shape, are refused too.
    let mut d =
        Client::connect(&format!("ws://127.0.0.1:{}/proj-test-0001/doc-1", server.port), DocReplica::empty(44), None);
    settle(&mut [&mut d]);
    assert_eq!(d.refused.as_deref(), Some("missing or short secret"));
    let mut e =
        Client::connect(&format!("ws://127.0.0.1:{}/doc-1?s={SECRET}", server.port), DocReplica::empty(55), None);
    settle(&mut [&mut e]);
    assert_eq!(e.refused.as_deref(), Some("bad room path"));
}

#[test]
#[ignore = "needs node and sync-server/node_modules; run by `make test` (test-sync)"]
fn a_document_survives_a_server_restart() {
    let dir = std::env::temp_dir().join(format!("sanad-sync-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let doc = article();
    {
        let server = Server::start(Some(&dir));
        let mut a =
            Client::connect(&server.url("doc-1", SECRET), DocReplica::from_document(&doc, 11).unwrap(), Some(doc));
        a.edit(Command::Relabel { id: "s2".into(), label: "ORG".into() }, "ali");
        settle(&mut [&mut a]);
    }
    let mut server = Server::start(Some(&dir));
    let mut b = Client::connect(&server.url("doc-1", SECRET), DocReplica::empty(22), None);
    settle(&mut [&mut b]);
    let d = b.doc.clone().expect("the document came back from the store");
    assert_eq!(d.span("s2").map(Span::label), Some("ORG"));
    // The secret registered before the restart still guards the project.
    let mut c = Client::connect(&server.url("doc-1", &"y".repeat(40)), DocReplica::empty(33), None);
    settle(&mut [&mut c]);
    assert_eq!(c.refused.as_deref(), Some("wrong secret"));
    server.wait_for("wrong secret");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
