//! The real sync server (`node sync-server/server.mjs`) on a free loopback port, for the tests
//! through the server and the soak benchmark.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The server process; killed when dropped. Its log lines arrive on `log`.
pub struct Server {
    child: Child,
    pub port: u16,
    log: mpsc::Receiver<String>,
}

impl Server {
    pub fn start(persist: Option<&Path>) -> Server {
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
    pub fn wait_for(&mut self, what: &str) -> String {
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

    pub fn url(&self, room: &str, secret: &str) -> String {
        format!("ws://127.0.0.1:{}/proj-test-0001/{room}?s={secret}", self.port)
    }
}

impl Server {
    /// The server's resident memory and its peak (VmRSS, VmHWM), in kB, from /proc (Linux).
    pub fn memory_kb(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field =
            |name: &str| status.lines().find(|l| l.starts_with(name))?.split_whitespace().nth(1)?.parse::<u64>().ok();
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
