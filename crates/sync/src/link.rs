//! The "Share project" link: the sync server's address, the project's id and its room secret, in
//! the fragment of the page's own URL (`<page>#sync=<server>&project=<id>&secret=<secret>`). A
//! fragment never reaches the page's web server nor its logs; the secret only goes to the sync
//! server, in the query of each room's WebSocket URL ([`ShareLink::room_url`]: a browser cannot
//! set headers on a WebSocket), which the server checks on connect and never logs.
//!
//! Checked here, with what the server accepts (`sync-server/server.mjs`): the server is `ws://` or
//! `wss://` with a host, optionally a path prefix a proxy strips, no query or fragment; the project
//! id is 8-64 of `[A-Za-z0-9_-]`; the secret at least 32 of the same. [`ShareLink::generate`]
//! makes a project id and a secret from random bytes the caller gives (this crate does no IO).

use std::fmt;

const MIN_SECRET: usize = 32;

/// Why a link or an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the sync server address must start with ws:// or wss:// and name a host: {0:?}")]
    Server(String),
    #[error("the project id must be 8 to 64 letters, digits, '-' or '_': {0:?}")]
    Project(String),
    #[error("the room secret must be at least {MIN_SECRET} letters, digits, '-' or '_'")]
    Secret,
    #[error("the link holds no {0}")]
    Missing(&'static str),
}

/// A project shared through a sync server.
#[derive(Clone, PartialEq, Eq)]
pub struct ShareLink {
    server: String,
    project: String,
    secret: String,
}

impl fmt::Debug for ShareLink {
    /// Never prints the secret (logs, panics, test output).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShareLink").field("server", &self.server).field("project", &self.project).finish()
    }
}

fn safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `ws://host[:port][/prefix]`, without a trailing slash, or why not.
fn check_server(server: &str) -> Result<String, LinkError> {
    let s = server.trim().trim_end_matches('/');
    let bad = || LinkError::Server(server.to_string());
    let rest = s.strip_prefix("wss://").or_else(|| s.strip_prefix("ws://")).ok_or_else(bad)?;
    let host = rest.split('/').next().unwrap_or_default();
    let host_ok = !host.is_empty()
        && !host.contains('@')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
    if !host_ok || rest.contains(['?', '#', ' ']) || rest.contains("//") {
        return Err(bad());
    }
    Ok(s.to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Percent-encodes a room name as one path segment (what `decodeURIComponent` reads back).
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (a link pasted from a mail client may have them).
fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl ShareLink {
    pub fn new(server: &str, project: &str, secret: &str) -> Result<ShareLink, LinkError> {
        let server = check_server(server)?;
        if !(8..=64).contains(&project.len()) || !project.chars().all(safe) {
            return Err(LinkError::Project(project.to_string()));
        }
        if secret.len() < MIN_SECRET || !secret.chars().all(safe) {
            return Err(LinkError::Secret);
        }
        Ok(ShareLink { server, project: project.to_string(), secret: secret.to_string() })
    }

    /// A new project on `server`: its id from the first 12 bytes of `random`, its secret from
    /// the other 20 (hex: 24 and 40 characters). `random` must come from a secure source
    /// (`crypto.getRandomValues` in the page).
    pub fn generate(server: &str, random: &[u8; 32]) -> Result<ShareLink, LinkError> {
        ShareLink::new(server, &hex(&random[..12]), &hex(&random[12..]))
    }

    /// The link from a page URL or its fragment (`#sync=...&project=...&secret=...`).
    pub fn parse(link: &str) -> Result<ShareLink, LinkError> {
        let fragment = link.split_once('#').map_or(link, |(_, f)| f);
        let mut server = None;
        let mut project = None;
        let mut secret = None;
        for pair in fragment.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "sync" => server = v,
                "project" => project = v,
                "secret" => secret = v,
                _ => {}
            }
        }
        ShareLink::new(
            &server.ok_or(LinkError::Missing("sync server"))?,
            &project.ok_or(LinkError::Missing("project id"))?,
            &secret.ok_or(LinkError::Missing("room secret"))?,
        )
    }

    /// The fragment to put after the page's URL and `#`.
    pub fn fragment(&self) -> String {
        format!("sync={}&project={}&secret={}", encode_segment(&self.server), self.project, self.secret)
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    pub fn project(&self) -> &str {
        &self.project
    }

    /// The WebSocket URL of one room: a document's id, or `_project` for the project's own
    /// document (name, labels, library list, statuses, presence).
    ///
    /// The server refuses a room name holding `/` or a control character once decoded; such a
    /// character (and `%`) is escaped once more, so every document id names its own room.
    pub fn room_url(&self, room: &str) -> String {
        let mut name = String::with_capacity(room.len());
        for c in room.chars() {
            if c == '%' || c == '/' || c.is_control() {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    name.push_str(&format!("%{b:02X}"));
                }
            } else {
                name.push(c);
            }
        }
        format!("{}/{}/{}?s={}", self.server, self.project, encode_segment(&name), self.secret)
    }

    /// The origin to allow in the page's `connect-src` (`ws://host:port` or `wss://host`): the
    /// one address the page may open a socket to besides its own.
    pub fn csp_source(&self) -> &str {
        let scheme_end = self.server.find("://").map_or(0, |i| i + 3);
        let end = self.server[scheme_end..].find('/').map_or(self.server.len(), |i| scheme_end + i);
        &self.server[..end]
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef-x";

    #[test]
    fn a_link_reads_back_and_names_each_room() {
        let l = ShareLink::new("wss://sync.example.org/sanad/", "proj-0001", SECRET).unwrap();
        let url = format!("https://sanad.example.org/#{}", l.fragment());
        assert_eq!(ShareLink::parse(&url).unwrap(), l);
        assert_eq!(ShareLink::parse(&l.fragment()).unwrap(), l);
        assert_eq!(l.room_url("_project"), format!("wss://sync.example.org/sanad/proj-0001/_project?s={SECRET}"));
        assert_eq!(
            l.room_url("مقال 1/ب"),
            format!("wss://sync.example.org/sanad/proj-0001/%D9%85%D9%82%D8%A7%D9%84%201%252F%D8%A8?s={SECRET}")
        );
        assert_ne!(l.room_url("a/b"), l.room_url("a%2Fb"));
        assert_eq!(l.csp_source(), "wss://sync.example.org");
        let local = ShareLink::new("ws://127.0.0.1:1234", "proj-0001", SECRET).unwrap();
        assert_eq!(local.csp_source(), "ws://127.0.0.1:1234");
        assert!(!format!("{l:?}").contains(SECRET), "Debug never shows the secret");
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        for bad in ["http://x.org", "ws://", "ws://a b", "wss://u@host", "ws://h/?q", "ws://h//p", "x"] {
            assert!(matches!(ShareLink::new(bad, "proj-0001", SECRET), Err(LinkError::Server(_))), "{bad}");
        }
        assert!(matches!(ShareLink::new("ws://h", "short", SECRET), Err(LinkError::Project(_))));
        assert!(matches!(ShareLink::new("ws://h", "proj/0001", SECRET), Err(LinkError::Project(_))));
        assert_eq!(ShareLink::new("ws://h", "proj-0001", "too-short"), Err(LinkError::Secret));
        assert_eq!(ShareLink::new("ws://h", "proj-0001", &format!("{SECRET}&x=1")), Err(LinkError::Secret));
        assert_eq!(ShareLink::parse("https://p/#sync=ws%3A%2F%2Fh&secret=abc"), Err(LinkError::Missing("project id")));
        assert_eq!(ShareLink::parse("https://p/"), Err(LinkError::Missing("sync server")));
    }

    #[test]
    fn generated_projects_are_accepted_by_the_server_rules() {
        let l = ShareLink::generate("ws://127.0.0.1:1234", &[0xab; 32]).unwrap();
        assert_eq!(l.project().len(), 24);
        assert!(l.room_url("d").ends_with(&format!("?s={}", "ab".repeat(20))));
    }
}
