//! The y-websocket wire protocol (y-protocols: sync 0 with step 1, step 2 and update; awareness 1;
//! auth 2), through `yrs::sync`'s own codec. One message per WebSocket frame: the y-websocket
//! server reads one message per frame, so nothing here concatenates messages.
//!
//! On connecting, a client sends its state vector (sync step 1, [`DocReplica::hello_frame`]); the
//! server answers with what the client is missing (step 2) and sends its own step 1, which the
//! client answers with what the server is missing: edits made offline reach the server this way.
//! After that, every local transaction goes out as one update ([`update_frame`]).

use std::collections::HashMap;

use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, ReadTxn, StateVector, Transact};

use crate::project::{ProjectChanges, ProjectReplica};
use crate::replica::{DocReplica, RemoteChange};
use crate::yrs_engine::YrsEngine;
use crate::SyncError;

/// Presence entries of an awareness message: client id, clock, state as JSON text (`null`: gone).
pub type AwarenessEntries = Vec<(u64, u32, String)>;

/// A frame read, before its update is applied.
#[derive(Debug, Default)]
struct Read {
    reply: Option<Vec<u8>>,
    synced: bool,
    update: Option<Vec<u8>>,
    refused: Option<String>,
    awareness: Option<AwarenessEntries>,
}

fn hello(engine: &YrsEngine) -> Vec<u8> {
    let sv = engine.doc().transact().state_vector();
    Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
}

fn read(engine: &YrsEngine, frame: &[u8]) -> Result<Read, SyncError> {
    let msg = Message::decode_v1(frame).map_err(|e| SyncError::Decode(e.to_string()))?;
    let mut out = Read::default();
    match msg {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            let diff = engine.doc().transact().encode_diff_v1(&sv);
            out.reply = Some(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1());
        }
        Message::Sync(SyncMessage::SyncStep2(u)) => {
            out.synced = true;
            out.update = Some(u)
        }
        Message::Sync(SyncMessage::Update(u)) => out.update = Some(u),
        Message::Auth(reason) => out.refused = reason,
        Message::Awareness(a) => {
            out.awareness = Some(a.clients.into_iter().map(|(c, e)| (c.get(), e.clock, e.json.to_string())).collect())
        }
        Message::AwarenessQuery | Message::Custom(..) => {}
    }
    Ok(out)
}

/// The frame carrying a local update.
pub fn update_frame(update: &[u8]) -> Vec<u8> {
    Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1()
}

/// The frame carrying this client's presence (`json`: its state, `null` when it leaves).
pub fn awareness_frame(client: u64, clock: u32, json: &str) -> Vec<u8> {
    let mut clients = HashMap::new();
    clients.insert(ClientID::new(client), AwarenessUpdateEntry { clock, json: json.into() });
    Message::Awareness(AwarenessUpdate { clients }).encode_v1()
}

/// What a frame for a document meant.
#[derive(Debug, Default)]
pub struct Received {
    /// Frames to send back (a sync step 2 answering the server's step 1).
    pub replies: Vec<Vec<u8>>,
    /// What the frame changed in the document.
    pub changes: Vec<RemoteChange>,
    /// The server refused this client (wrong or missing secret): the reason it gave.
    pub refused: Option<String>,
    /// Presence entries (the page's, not the document's).
    pub awareness: Option<AwarenessEntries>,
    /// The frame was the server's sync step 2: this client now has everything the server had
    /// when it answered ([`crate::Connection::synced`]).
    pub synced: bool,
}

impl DocReplica<YrsEngine> {
    /// The first frame after connecting: this client's state vector (sync step 1), to which the
    /// server answers with what this client is missing, and asks in turn.
    pub fn hello_frame(&mut self) -> Vec<u8> {
        hello(self.engine())
    }

    /// What a peer with state vector `sv` (v1) is missing.
    pub fn diff(&mut self, sv: &[u8]) -> Result<Vec<u8>, SyncError> {
        let sv = StateVector::decode_v1(sv).map_err(|e| SyncError::Decode(e.to_string()))?;
        Ok(self.engine().doc().transact().encode_diff_v1(&sv))
    }

    /// Handles one frame from the server.
    pub fn on_frame(&mut self, frame: &[u8]) -> Result<Received, SyncError> {
        let r = read(self.engine(), frame)?;
        let changes = match r.update {
            Some(u) => self.receive(&u)?,
            None => Vec::new(),
        };
        Ok(Received {
            replies: r.reply.into_iter().collect(),
            changes,
            refused: r.refused,
            awareness: r.awareness,
            synced: r.synced,
        })
    }
}

/// What a frame for the project meant.
#[derive(Debug, Default)]
pub struct ProjectReceived {
    pub replies: Vec<Vec<u8>>,
    pub changes: ProjectChanges,
    pub refused: Option<String>,
    pub awareness: Option<AwarenessEntries>,
    pub synced: bool,
}

impl ProjectReplica<YrsEngine> {
    pub fn hello_frame(&mut self) -> Vec<u8> {
        hello(self.engine())
    }

    /// Handles one frame from the server.
    pub fn on_frame(&mut self, frame: &[u8]) -> Result<ProjectReceived, SyncError> {
        let r = read(self.engine(), frame)?;
        let changes = match r.update {
            Some(u) => self.receive(&u)?,
            None => ProjectChanges::default(),
        };
        Ok(ProjectReceived {
            replies: r.reply.into_iter().collect(),
            changes,
            refused: r.refused,
            awareness: r.awareness,
            synced: r.synced,
        })
    }
}
