//! The state of one room's connection, for the page to show ("offline", "connecting", "synced",
//! "refused") and to know when to try again: the page's socket code reports what happened
//! (opened, a frame, closed) and asks [`Connection::due`] when to reconnect. Time is given by the
//! caller in milliseconds, so this is tested without a clock or a socket.
//!
//! Reconnecting backs off: 0.5 s after the first failure, doubling up to [`MAX_BACKOFF_MS`], back
//! to the start once a connection reaches "synced". A refusal (close code [`CLOSE_REFUSED`], or the
//! server's auth message) is final: a wrong or missing secret does not get better by retrying.

/// The close code the sync server gives a refused connection (`sync-server/server.mjs`).
pub const CLOSE_REFUSED: u16 = 4401;
/// The first wait before reconnecting, in ms.
pub const FIRST_BACKOFF_MS: f64 = 500.0;
/// The longest wait before reconnecting, in ms.
pub const MAX_BACKOFF_MS: f64 = 30_000.0;

/// Where a room's connection is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnState {
    /// Not connected; edits are kept and go out on reconnecting.
    Offline,
    /// The socket is opening, or open and waiting for the server's answer to this client's state.
    Connecting,
    /// This client has what the server had when it answered, and sends each edit as it is made.
    Synced,
    /// The server refused this client (wrong or missing secret): the reason it gave. No retry.
    Refused(String),
}

/// One room's connection state and reconnect timing.
#[derive(Debug, Clone)]
pub struct Connection {
    state: ConnState,
    failures: u32,
    retry_at: f64,
}

impl Default for Connection {
    fn default() -> Connection {
        Connection::new()
    }
}

impl Connection {
    pub fn new() -> Connection {
        Connection { state: ConnState::Offline, failures: 0, retry_at: 0.0 }
    }

    pub fn state(&self) -> &ConnState {
        &self.state
    }

    /// True when the page should open a socket now.
    pub fn due(&self, now: f64) -> bool {
        self.state == ConnState::Offline && now >= self.retry_at
    }

    /// When the next attempt is due (ms), while offline.
    pub fn retry_at(&self) -> Option<f64> {
        (self.state == ConnState::Offline).then_some(self.retry_at)
    }

    /// The page opened a socket (then sends the hello frame).
    pub fn connecting(&mut self) {
        if !matches!(self.state, ConnState::Refused(_)) {
            self.state = ConnState::Connecting;
        }
    }

    /// A frame arrived: `synced` when it was the server's sync step 2, `refused` when it was the
    /// server's refusal.
    pub fn frame(&mut self, synced: bool, refused: Option<&str>) {
        if let Some(reason) = refused {
            self.state = ConnState::Refused(reason.to_string());
        } else if synced && self.state == ConnState::Connecting {
            self.state = ConnState::Synced;
            self.failures = 0;
        }
    }

    /// The socket closed (or failed to open) at `now`, with its close code and reason.
    pub fn closed(&mut self, code: u16, reason: &str, now: f64) {
        if code == CLOSE_REFUSED {
            self.state = ConnState::Refused(reason.to_string());
        }
        if matches!(self.state, ConnState::Refused(_)) {
            return;
        }
        let wait = (FIRST_BACKOFF_MS * 2f64.powi(self.failures.min(16) as i32)).min(MAX_BACKOFF_MS);
        self.failures = self.failures.saturating_add(1);
        self.retry_at = now + wait;
        self.state = ConnState::Offline;
    }

    /// The network came back (the browser's `online` event): try at once.
    pub fn online(&mut self, now: f64) {
        if self.state == ConnState::Offline {
            self.retry_at = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_syncs_backs_off_and_stops_when_refused() {
        let mut c = Connection::new();
        assert!(c.due(0.0));
        c.connecting();
        assert_eq!(c.state(), &ConnState::Connecting);
        c.frame(false, None);
        assert_eq!(c.state(), &ConnState::Connecting, "an update is not the answer to this client's state");
        c.frame(true, None);
        assert_eq!(c.state(), &ConnState::Synced);
        // Lost: 0.5 s, 1 s, 2 s ... up to 30 s between attempts.
        let mut now = 1_000.0;
        let mut waits = Vec::new();
        for _ in 0..9 {
            c.closed(1006, "", now);
            assert!(!c.due(now));
            let at = c.retry_at().unwrap_or_default();
            waits.push(at - now);
            now = at;
            assert!(c.due(now));
            c.connecting();
        }
        assert_eq!(waits, [500.0, 1_000.0, 2_000.0, 4_000.0, 8_000.0, 16_000.0, 30_000.0, 30_000.0, 30_000.0]);
        // Synced again: the next loss waits 0.5 s; the browser coming online tries at once.
        c.frame(true, None);
        c.closed(1001, "server stopping", now);
        assert_eq!(c.retry_at(), Some(now + 500.0));
        c.online(now + 10.0);
        assert!(c.due(now + 10.0));
        // Refused: final.
        c.connecting();
        c.frame(false, Some("wrong secret"));
        c.closed(CLOSE_REFUSED, "wrong secret", now + 20.0);
        assert_eq!(c.state(), &ConnState::Refused("wrong secret".into()));
        assert!(!c.due(f64::MAX));
        c.connecting();
        assert_eq!(c.state(), &ConnState::Refused("wrong secret".into()));
        let mut d = Connection::new();
        d.connecting();
        d.closed(CLOSE_REFUSED, "missing or short secret", 0.0);
        assert_eq!(d.state(), &ConnState::Refused("missing or short secret".into()));
    }
}
