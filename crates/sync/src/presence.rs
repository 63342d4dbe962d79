//! Who is in the project and in which article: the y-protocols awareness of the project's room,
//! kept as a table of peers. Each client sends its state (name, colour, open article) when it
//! connects, when it changes, and every [`RESEND_MS`]; a peer not heard from for [`EXPIRE_MS`] is
//! gone, and so is one whose state is `null` (the server sends that for a client whose connection
//! closed). Time is given by the caller (milliseconds), so the table is tested without a clock.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::wire::{awareness_frame, AwarenessEntries};

/// How often a client sends its state again (y-websocket: half the timeout).
pub const RESEND_MS: f64 = 15_000.0;
/// A peer not heard from for this long is gone (y-protocols' outdated timeout).
pub const EXPIRE_MS: f64 = 30_000.0;

/// What a client says of itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerState {
    pub name: String,
    /// A CSS hex colour.
    pub color: String,
    /// The article open in that client.
    #[serde(default)]
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
struct Peer {
    clock: u32,
    state: PeerState,
    seen: f64,
}

/// The presence table of one client.
#[derive(Debug, Clone)]
pub struct Presence {
    me: u64,
    clock: u32,
    state: Option<PeerState>,
    sent: f64,
    peers: HashMap<u64, Peer>,
}

impl Presence {
    /// The table of client `me` (its awareness id: the project replica's client id).
    pub fn new(me: u64) -> Presence {
        Presence { me, clock: 0, state: None, sent: f64::NEG_INFINITY, peers: HashMap::new() }
    }

    /// Sets this client's state; returns the frame to send (none when it did not change).
    pub fn set_local(&mut self, state: PeerState, now: f64) -> Option<Vec<u8>> {
        if self.state.as_ref() == Some(&state) {
            return None;
        }
        self.state = Some(state);
        Some(self.frame(now))
    }

    /// This client's state as a frame, now (after connecting), with a new clock.
    pub fn frame(&mut self, now: f64) -> Vec<u8> {
        self.clock = self.clock.wrapping_add(1);
        self.sent = now;
        let json = self.state.as_ref().and_then(|s| serde_json::to_string(s).ok()).unwrap_or_else(|| "null".into());
        awareness_frame(self.me, self.clock, &json)
    }

    /// The frame that says this client leaves.
    pub fn leave_frame(&mut self) -> Vec<u8> {
        self.clock = self.clock.wrapping_add(1);
        awareness_frame(self.me, self.clock, "null")
    }

    /// Takes the entries of an awareness message; returns true when the table changed.
    pub fn receive(&mut self, entries: AwarenessEntries, now: f64) -> bool {
        let mut changed = false;
        for (client, clock, json) in entries {
            if client == self.me {
                continue;
            }
            // As y-protocols: a newer clock, or `null` at the same clock (the server removing the
            // state of a connection that closed keeps the client's clock).
            let gone = json.trim() == "null";
            let newer = self
                .peers
                .get(&client)
                .is_none_or(|p| clock > p.clock || (clock == 0 && p.clock > 0) || (gone && clock == p.clock));
            if !newer {
                // The same state again keeps the peer alive.
                if let Some(p) = self.peers.get_mut(&client) {
                    if clock == p.clock {
                        p.seen = now;
                    }
                }
                continue;
            }
            match serde_json::from_str::<Option<PeerState>>(&json) {
                Ok(Some(state)) => {
                    let same = self.peers.get(&client).is_some_and(|p| p.state == state);
                    self.peers.insert(client, Peer { clock, state, seen: now });
                    changed |= !same;
                }
                // `null`, or a state that is not ours: gone.
                _ => changed |= self.peers.remove(&client).is_some(),
            }
        }
        changed
    }

    /// Forgets peers not heard from for [`EXPIRE_MS`]; returns true when some went.
    pub fn expire(&mut self, now: f64) -> bool {
        let n = self.peers.len();
        self.peers.retain(|_, p| now - p.seen < EXPIRE_MS);
        n != self.peers.len()
    }

    /// Forgets every peer (the connection closed: the table fills again on reconnecting).
    pub fn clear(&mut self) -> bool {
        let had = !self.peers.is_empty();
        self.peers.clear();
        had
    }

    /// The frame to send again when [`RESEND_MS`] have passed since the last one.
    pub fn due(&mut self, now: f64) -> Option<Vec<u8>> {
        (self.state.is_some() && now - self.sent >= RESEND_MS).then(|| self.frame(now))
    }

    /// The other clients, by name then client id (one editor in two browsers is shown twice).
    pub fn peers(&self) -> Vec<PeerState> {
        let mut v: Vec<(&u64, &Peer)> = self.peers.iter().collect();
        v.sort_by(|a, b| a.1.state.name.cmp(&b.1.state.name).then(a.0.cmp(b.0)));
        v.into_iter().map(|(_, p)| p.state.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn state(name: &str, doc: Option<&str>) -> PeerState {
        PeerState { name: name.into(), color: "#0072b2".into(), doc: doc.map(str::to_string) }
    }

    fn entries(frame: &[u8]) -> AwarenessEntries {
        use yrs::sync::Message;
        use yrs::updates::decoder::Decode;
        match Message::decode_v1(frame).unwrap() {
            Message::Awareness(a) => {
                a.clients.into_iter().map(|(c, e)| (c.get(), e.clock, e.json.to_string())).collect()
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn peers_come_change_and_go() {
        let (mut a, mut b) = (Presence::new(1), Presence::new(2));
        let f = a.set_local(state("Ali", Some("d1")), 0.0).unwrap();
        assert!(a.set_local(state("Ali", Some("d1")), 1.0).is_none(), "the same state is not sent again");
        assert!(b.receive(entries(&f), 0.0));
        assert_eq!(b.peers(), [state("Ali", Some("d1"))]);
        // Its own entry (echoed by the server) is not a peer.
        assert!(!a.receive(entries(&f), 0.0));
        assert!(a.peers().is_empty());
        // A newer state replaces it; an older one does not.
        let f2 = a.set_local(state("Ali", Some("d2")), 2.0).unwrap();
        assert!(b.receive(entries(&f2), 2.0));
        assert!(!b.receive(entries(&f), 3.0));
        assert_eq!(b.peers(), [state("Ali", Some("d2"))]);
        // Not heard from for 30 s: gone; resent every 15 s, it stays.
        assert!(a.due(10_000.0).is_none());
        let again = a.due(17_100.0).unwrap();
        assert!(!b.receive(entries(&again), 17_100.0));
        assert!(!b.expire(40_000.0));
        assert!(b.expire(47_200.0));
        assert!(b.peers().is_empty());
        // Leaving says `null`.
        assert!(b.receive(entries(&a.frame(50_000.0)), 50_000.0));
        assert!(b.receive(entries(&a.leave_frame()), 50_001.0));
        assert!(b.peers().is_empty());
        // The server removes a closed connection's state with `null` at the state's own clock.
        let f = a.frame(60_000.0);
        assert!(b.receive(entries(&f), 60_000.0));
        let clock = entries(&f)[0].1;
        assert!(b.receive(vec![(1, clock, "null".into())], 60_001.0));
        assert!(b.peers().is_empty());
    }
}
