//! yrs clients through the real sync server (`node sync-server/server.mjs`, started here on a free
//! loopback port): two clients converge, a wrong secret is refused (auth message, close 4401, a
//! logged refusal), a document survives a server restart with persistence, editors keep working
//! while the server is down and converge when it is back (nothing lost), and the project room
//! carries the name, labels, library list, statuses and presence.
//!
//! Ignored in a plain `cargo test`: it needs node and `sync-server/node_modules`. `make test` (target
//! `test-sync`) installs them (`npm ci`) and runs these with `--ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::Server;

use sanad_core::edit::{apply, Command};
use sanad_core::{Document, LabelDef, Origin, Range, Span, Status};
use sanad_sync::wire::update_frame;
use sanad_sync::{
    edit, ConnState, Connection, DocReplica, Overridden, PeerState, Presence, ProjectChanges, ProjectReplica,
    RemoteChange, ShareLink, YrsEngine,
};
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};

const SECRET: &str = "0123456789abcdef0123456789abcdef-test";

/// A blocking socket to one room whose reads time out after 50 ms.
fn socket(url: &str) -> WebSocket<TcpStream> {
    let addr = url.trim_start_matches("ws://").split('/').next().unwrap().to_string();
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    tungstenite::client(url, stream).unwrap().0
}

/// What one read of a test socket gave.
enum Got {
    Frame(Vec<u8>),
    /// The server closed the connection, with its close frame.
    Closed(Option<(CloseCode, String)>),
    /// A message that is not a binary frame (ping, text).
    Other,
    /// Nothing more for now: the read timed out, or the socket is gone.
    Quiet,
}

fn read(ws: &mut WebSocket<TcpStream>) -> Got {
    match ws.read() {
        Ok(Message::Binary(b)) => Got::Frame(b.to_vec()),
        Ok(Message::Close(f)) => Got::Closed(f.map(|f| (f.code, f.reason.to_string()))),
        Ok(_) => Got::Other,
        Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Got::Quiet,
        Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => Got::Quiet,
        Err(e) => panic!("read: {e}"),
    }
}

/// Calls `pump` (which returns how many frames it read) until a quarter second passes with no frame.
fn settle_with(mut pump: impl FnMut() -> usize) {
    let mut quiet = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(15);
    while quiet.elapsed() < Duration::from_millis(250) {
        assert!(Instant::now() < deadline, "the clients never settled");
        if pump() > 0 {
            quiet = Instant::now();
        }
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
    conn: Connection,
}

impl Client {
    fn connect(url: &str, rep: DocReplica<YrsEngine>, doc: Option<Document>) -> Client {
        let ws = socket(url);
        let mut conn = Connection::new();
        conn.connecting();
        let mut c = Client { doc, rep, ws, told: Vec::new(), closed: None, refused: None, conn };
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
            match read(&mut self.ws) {
                Got::Frame(b) => {
                    n += 1;
                    let got = self.rep.on_frame(&b).unwrap();
                    self.conn.frame(got.synced, got.refused.as_deref());
                    for r in got.replies {
                        self.send(r);
                    }
                    if got.refused.is_some() {
                        self.refused = got.refused;
                    }
                    if !got.changes.is_empty() {
                        match self.doc.as_mut() {
                            // Remote changes come in as the core command that applies them.
                            Some(d) => {
                                let incoming = self.rep.incoming(d, &got.changes);
                                if !incoming.patch.is_empty() {
                                    apply(d, Command::Put(incoming.patch), None).unwrap();
                                }
                            }
                            None => self.doc = Some(self.rep.to_document(Status::New).unwrap().document),
                        }
                        self.told.extend(got.changes);
                    }
                }
                Got::Closed(f) => {
                    self.closed = f;
                    if let Some((code, reason)) = &self.closed {
                        self.conn.closed(u16::from(*code), reason, 0.0);
                    }
                    return n;
                }
                Got::Other => n += 1,
                Got::Quiet => return n,
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
    settle_with(|| clients.iter_mut().map(|c| c.pump()).sum());
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
    assert_eq!((a.conn.state(), b.conn.state()), (&ConnState::Synced, &ConnState::Synced));
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
    assert_eq!(c.conn.state(), &ConnState::Refused("wrong secret".into()));
    assert!(!c.conn.due(f64::MAX), "a refused client does not retry");
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

/// A client of the project's room: the project replica and the presence table.
struct ProjectClient {
    rep: ProjectReplica,
    presence: Presence,
    ws: WebSocket<TcpStream>,
    changes: Vec<ProjectChanges>,
}

impl ProjectClient {
    fn connect(url: &str, rep: ProjectReplica, me: u64) -> ProjectClient {
        let mut c = ProjectClient { rep, presence: Presence::new(me), ws: socket(url), changes: Vec::new() };
        let hello = c.rep.hello_frame();
        c.send(hello);
        c
    }

    fn send(&mut self, frame: Vec<u8>) {
        self.ws.send(Message::binary(frame)).unwrap();
    }

    fn pump(&mut self) -> usize {
        let mut n = 0;
        loop {
            match read(&mut self.ws) {
                Got::Frame(b) => {
                    n += 1;
                    let got = self.rep.on_frame(&b).unwrap();
                    for r in got.replies {
                        self.send(r);
                    }
                    if let Some(entries) = got.awareness {
                        self.presence.receive(entries, 0.0);
                    }
                    if !got.changes.is_empty() {
                        self.changes.push(got.changes);
                    }
                }
                Got::Other | Got::Closed(_) => n += 1,
                Got::Quiet => return n,
            }
        }
    }
}

fn settle_projects(clients: &mut [&mut ProjectClient]) {
    settle_with(|| clients.iter_mut().map(|c| c.pump()).sum());
}

#[test]
#[ignore = "needs node and sync-server/node_modules; run by `make test` (test-sync)"]
fn the_project_room_carries_labels_statuses_and_presence() {
    let server = Server::start(None);
    let label = |name: &str, color: &str, key: &str| LabelDef {
        name: name.into(),
        color: color.into(),
        key: key.into(),
        description: String::new(),
    };
    let labels = vec![label("PER", "#0072b2", "p"), label("LOC", "#009e73", "l")];
    let doc = article();
    // The rooms of a "Share project" link: the project room, and a document named in Arabic.
    let link = ShareLink::generate(&format!("ws://127.0.0.1:{}", server.port), &[7; 32]).unwrap();
    let mut d = Client::connect(&link.room_url("مقال/1"), DocReplica::from_document(&article(), 11).unwrap(), None);
    settle(&mut [&mut d]);
    assert_eq!(d.refused, None);
    let url = link.room_url("_project");
    let mut a = ProjectClient::connect(&url, ProjectReplica::from_project("Desk", &labels, [&doc], 11).unwrap(), 11);
    settle_projects(&mut [&mut a]);
    let mut b = ProjectClient::connect(&url, ProjectReplica::empty(22), 22);
    settle_projects(&mut [&mut a, &mut b]);
    assert_eq!(b.rep.name().as_deref(), Some("Desk"));
    assert_eq!(b.rep.labels(), Some(labels.clone()));
    assert_eq!(
        b.rep.documents().iter().map(|(id, i)| (id.as_str(), i.title.as_str())).collect::<Vec<_>>(),
        [("doc-1", "محادثات")]
    );

    // A status change and a new label reach the other editor.
    let u = a.rep.set_status("doc-1", Status::Done).unwrap();
    a.send(update_frame(&u));
    let mut more = labels.clone();
    more.push(label("ORG", "#d55e00", "o"));
    let u = a.rep.set_labels(&more).unwrap().unwrap();
    a.send(update_frame(&u));
    settle_projects(&mut [&mut a, &mut b]);
    assert_eq!(b.rep.status("doc-1"), Some(Status::Done));
    assert_eq!(b.rep.labels(), Some(more));
    assert!(b.changes.iter().any(|c| c.status == ["doc-1"]) && b.changes.iter().any(|c| c.labels));

    // Presence: who is in which article; gone when the connection closes.
    let f =
        a.presence.set_local(PeerState { name: "Ali".into(), color: "#0072b2".into(), doc: Some("doc-1".into()) }, 0.0);
    a.send(f.unwrap());
    let f = b.presence.set_local(PeerState { name: "Sara".into(), color: "#d55e00".into(), doc: None }, 0.0);
    b.send(f.unwrap());
    settle_projects(&mut [&mut a, &mut b]);
    assert_eq!(
        b.presence.peers().iter().map(|p| (p.name.as_str(), p.doc.as_deref())).collect::<Vec<_>>(),
        [("Ali", Some("doc-1"))]
    );
    assert_eq!(a.presence.peers().iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Sara"]);
    a.ws.close(None).unwrap();
    let _ = a.pump();
    drop(a);
    settle_projects(&mut [&mut b]);
    assert!(b.presence.peers().is_empty(), "the server said A left: {:?}", b.presence.peers());
}

/// Spans in the canonical order (same ranges by id): documents compared as sets.
fn canon_spans(d: &Document) -> Vec<Span> {
    let mut s = d.spans().to_vec();
    s.sort_by(|a, b| a.order_key().cmp(&b.order_key()).then_with(|| a.id().cmp(b.id())));
    s
}

#[test]
#[ignore = "needs node and sync-server/node_modules; run by `make test` (test-sync)"]
fn editors_keep_working_while_the_server_restarts() {
    let dir = std::env::temp_dir().join(format!("sanad-sync-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let doc = article();
    let server = Server::start(Some(&dir));
    let rep = DocReplica::from_document(&doc, 11).unwrap();
    let mut a = Client::connect(&server.url("doc-1", SECRET), rep, Some(doc.with_id_scope("a")));
    settle(&mut [&mut a]);
    let mut b = Client::connect(&server.url("doc-1", SECRET), DocReplica::empty(22), None);
    settle(&mut [&mut a, &mut b]);
    b.doc = b.doc.take().map(|d| d.with_id_scope("b"));
    a.edit(Command::Relabel { id: "s1".into(), label: "ORG".into() }, "ali");
    settle(&mut [&mut a, &mut b]);

    // The server is killed; both editors go on working (their edits stay in their CRDT states).
    drop(server);
    let offline = |c: &mut Client, cmd: Command, who: &str| {
        edit(c.doc.as_mut().unwrap(), &mut c.rep, cmd, Some(who)).unwrap();
    };
    offline(&mut a, Command::AddSpan { start: 20, end: 25, label: "LOC".into() }, "ali");
    offline(&mut b, Command::Relabel { id: "s2".into(), label: "ORG".into() }, "sara");
    offline(&mut b, Command::AddSpan { start: 44, end: 50, label: "MISC".into() }, "sara");

    // It comes back (another port, the same store); they reconnect and exchange what is missing.
    let server = Server::start(Some(&dir));
    let url = server.url("doc-1", SECRET);
    let mut a = Client::connect(&url, a.rep, a.doc);
    let mut b = Client::connect(&url, b.rep, b.doc);
    settle(&mut [&mut a, &mut b]);
    let (da, db) = (a.doc.clone().unwrap(), b.doc.clone().unwrap());
    assert_eq!(canon_spans(&da), canon_spans(&db), "A and B converged");
    let all = canon_spans(&da);
    let spans: Vec<(&str, &str)> = all.iter().map(|s| (s.id(), s.label())).collect();
    assert!(spans.contains(&("s1", "ORG")), "the edit before the kill: {spans:?}");
    assert!(spans.contains(&("e1.a", "LOC")) && spans.contains(&("e1.b", "MISC")), "{spans:?}");
    assert!(spans.contains(&("s2", "ORG")), "{spans:?}");
    // A newcomer gets everything from the server alone.
    let mut c = Client::connect(&url, DocReplica::empty(33), None);
    settle(&mut [&mut c]);
    assert_eq!(canon_spans(c.doc.as_ref().unwrap()), canon_spans(&da));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
