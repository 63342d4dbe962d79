//! The y-websocket wire protocol for a yrs replica (y-protocols: sync 0 with step 1, step 2 and
//! update; awareness 1; auth 2), through `yrs::sync`'s own codec. One message per WebSocket frame:
//! the y-websocket server reads one message per frame, so nothing here concatenates messages.

use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, Transact};

use crate::replica::{DocReplica, RemoteChange};
use crate::yrs_engine::YrsEngine;
use crate::SyncError;

/// What a received frame meant.
#[derive(Debug, Default)]
pub struct Received {
    /// Frames to send back (a sync step 2 answering the server's step 1).
    pub replies: Vec<Vec<u8>>,
    /// What the frame changed in the document.
    pub changes: Vec<RemoteChange>,
    /// The server refused this client (wrong or missing secret): the reason it gave.
    pub refused: Option<String>,
}

/// The frame carrying a local update (from [`crate::edit`]).
pub fn update_frame(update: &[u8]) -> Vec<u8> {
    Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1()
}

impl DocReplica<YrsEngine> {
    /// The first frame after connecting: this client's state vector (sync step 1), to which the
    /// server answers with what this client is missing, and asks in turn.
    pub fn hello_frame(&mut self) -> Vec<u8> {
        let sv = self.engine().doc().transact().state_vector();
        Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()
    }

    /// Handles one frame from the server.
    pub fn on_frame(&mut self, frame: &[u8]) -> Result<Received, SyncError> {
        let msg = Message::decode_v1(frame).map_err(|e| SyncError::Decode(e.to_string()))?;
        let mut out = Received::default();
        match msg {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let diff = self.engine().doc().transact().encode_diff_v1(&sv);
                out.replies.push(Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1());
            }
            Message::Sync(SyncMessage::SyncStep2(u)) | Message::Sync(SyncMessage::Update(u)) => {
                out.changes = self.receive(&u)?;
            }
            Message::Auth(reason) => out.refused = Some(reason.unwrap_or_default()),
            // Presence (awareness) is the page's, not the document's.
            Message::Awareness(_) | Message::AwarenessQuery | Message::Custom(..) => {}
        }
        Ok(out)
    }
}
