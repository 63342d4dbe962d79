//! The page's zip against someone else's: Python's `zipfile` makes archives (stored and deflated
//! entries; written to a file, and to a stream, which puts sizes in data descriptors after the
//! data; a zip64 extra field; a comment; folders; Arabic names), and the core lists them as the
//! page does: stored entries read directly, deflated ones handed, by their byte range, to a raw
//! deflate inflater (Python's `zlib` with `wbits=-15`, the format of the browser's
//! `DecompressionStream("deflate-raw")` that the page uses), then checked by length and CRC-32.
//! The other way, the archives the core writes (and the brat export the page downloads) are read
//! by Python's `zipfile`: `testzip()` finds nothing wrong, and names and bytes are equal.
//!
//! Every archive is made at test time from fixed contents and a fixed date, so the tests are
//! deterministic. They need `python3`, which `make test` requires anyway (the Python consumers of
//! the exports, tests/python): a machine without it fails here with that reason, rather than
//! passing without having checked anything.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

use sanad_core::formats::zip::{self, Entry, Method};
use sanad_core::formats::{self, brat, ExportOptions, Format, ImportOptions};
use sanad_core::project::Project;
use sanad_core::Document;
use serde_json::{json, Value};

/// Runs `python3 -c script` with `input` on stdin; its stdout.
fn python(script: &str, input: &[u8]) -> Vec<u8> {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH (make test needs it for the zip interop and the Python consumers)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Writes an archive with `zipfile` from `{"seekable", "comment", "files": [{"name", "hex",
/// "deflate", "zip64"}]}`; names ending in `/` are folders.
const MAKE: &str = r#"
import io, json, sys, zipfile

class Unseekable(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()
    def writable(self):
        return True
    def seekable(self):
        return False
    def write(self, b):
        self.buf += b
        return len(b)

spec = json.load(sys.stdin)
out = io.BytesIO() if spec["seekable"] else Unseekable()
with zipfile.ZipFile(out, "w") as z:
    for f in spec["files"]:
        zi = zipfile.ZipInfo(f["name"], date_time=(1980, 1, 1, 0, 0, 0))
        if f["name"].endswith("/"):
            zi.external_attr = (0o40755 << 16) | 0x10
            z.writestr(zi, b"")
            continue
        zi.compress_type = zipfile.ZIP_DEFLATED if f["deflate"] else zipfile.ZIP_STORED
        zi.external_attr = 0o100644 << 16
        with z.open(zi, "w", force_zip64=f["zip64"]) as w:
            w.write(bytes.fromhex(f["hex"]))
    z.comment = spec["comment"].encode()
sys.stdout.buffer.write(bytes(out.getvalue() if spec["seekable"] else out.buf))
"#;

/// Python's own reading of an archive (hex on stdin): `testzip()` and every entry.
const READ: &str = r#"
import io, json, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(bytes.fromhex(sys.stdin.read())))
entries = [{
    "name": i.filename, "method": i.compress_type, "size": i.file_size, "csize": i.compress_size,
    "crc": i.CRC, "flags": i.flag_bits, "date": list(i.date_time),
    "hex": "" if i.is_dir() else z.read(i).hex(),
} for i in z.infolist()]
json.dump({"bad": z.testzip(), "entries": entries}, sys.stdout)
"#;

/// Inflates the deflated byte ranges of an archive as raw deflate, as the page's inflater does: each
/// must hold exactly one complete deflate stream (nothing missing, nothing left over).
const INFLATE: &str = r#"
import json, sys, zlib
spec = json.load(sys.stdin)
data = bytes.fromhex(spec["zip"])
out = []
for start, end, deflated in spec["ranges"]:
    if not deflated:
        out.append(None)
        continue
    d = zlib.decompressobj(-15)
    raw = d.decompress(data[start:end]) + d.flush()
    out.append({"hex": raw.hex(), "complete": d.eof, "left_over": len(d.unused_data)})
json.dump(out, sys.stdout)
"#;

/// Fixed contents: Arabic names and text, brat files, an empty file, a long compressible text (several
/// deflate blocks), bytes that do not compress (deflate stores them in its own blocks), a folder.
fn contents() -> Vec<(&'static str, Vec<u8>)> {
    let mut noise = Vec::with_capacity(5000);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..5000 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        noise.push((x >> 24) as u8);
    }
    let long: String = (0..4000).map(|i| format!("سطر {i}: قال لافروف إن روسيا مستعدة. Line {i}.\n")).collect();
    vec![
        ("خبر/", Vec::new()),
        ("خبر/لافروف.txt", "قال لافروف إن روسيا مستعدة 👍\r\nسطر ثانٍ".as_bytes().to_vec()),
        ("خبر/لافروف.ann", "T1\tPER 4 10\tلافروف\n".as_bytes().to_vec()),
        ("notes/empty.txt", Vec::new()),
        ("stored.txt", "نص مخزن كما هو".as_bytes().to_vec()),
        ("long.txt", long.into_bytes()),
        ("noise.bin", noise),
    ]
}

/// A `zipfile` archive of `files` (name, bytes, deflated?, zip64 extra?).
fn python_zip(files: &[(&str, Vec<u8>, bool, bool)], seekable: bool) -> Vec<u8> {
    let spec = json!({
        "seekable": seekable,
        "comment": "made by Python zipfile",
        "files": files.iter().map(|(n, b, d, z)| json!({"name": n, "hex": hex(b), "deflate": d, "zip64": z})).collect::<Vec<_>>(),
    });
    python(MAKE, spec.to_string().as_bytes())
}

fn python_read(archive: &[u8]) -> Value {
    serde_json::from_slice(&python(READ, hex(archive).as_bytes())).unwrap()
}

/// The uncompressed bytes of each entry, got as the page gets them: stored ones sliced out,
/// deflated ones inflated from their range (by Python's raw inflater); each checked by length and
/// CRC-32 with the core's `Entry::check`.
fn entry_bytes(archive: &[u8], entries: &[Entry]) -> Vec<Vec<u8>> {
    let ranges: Vec<(usize, usize, bool)> =
        entries.iter().map(|e| (e.data.start, e.data.end, e.method == Method::Deflated)).collect();
    let inflated: Value =
        serde_json::from_slice(&python(INFLATE, json!({"zip": hex(archive), "ranges": ranges}).to_string().as_bytes()))
            .unwrap();
    entries
        .iter()
        .zip(inflated.as_array().unwrap())
        .map(|(e, inf)| {
            let bytes = match e.method {
                Method::Stored => archive[e.data.clone()].to_vec(),
                Method::Deflated => {
                    assert_eq!(inf["complete"], true, "{}: the range ends before the deflate stream", e.name);
                    assert_eq!(inf["left_over"], 0, "{}: the range runs past the deflate stream", e.name);
                    unhex(inf["hex"].as_str().unwrap())
                }
            };
            e.check(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.name));
            bytes
        })
        .collect()
}

/// Lists a Python archive of `contents()` (every other file deflated, one with a zip64 extra field)
/// and checks each entry against Python's own reading and against the original bytes.
fn python_archive_lists_and_reads(seekable: bool) {
    let files: Vec<(&str, Vec<u8>, bool, bool)> = contents()
        .into_iter()
        .map(|(n, b)| (n, b, n != "stored.txt" && n != "notes/empty.txt", n == "خبر/لافروف.ann"))
        .collect();
    assert!(files.iter().any(|f| f.2) && files.iter().any(|f| !f.2 && !f.0.ends_with('/')));
    let archive = python_zip(&files, seekable);
    let theirs = python_read(&archive);
    assert_eq!(theirs["bad"], Value::Null);
    let entries = zip::entries(&archive).unwrap();
    let listed: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let names: Vec<&str> = files.iter().map(|f| f.0).collect();
    assert_eq!(listed, names);
    for (e, t) in entries.iter().zip(theirs["entries"].as_array().unwrap()) {
        assert_eq!(e.name, t["name"].as_str().unwrap());
        assert_eq!(e.method, if t["method"] == 8 { Method::Deflated } else { Method::Stored }, "{}", e.name);
        assert_eq!((e.size as u64, u64::from(e.crc32)), (t["size"].as_u64().unwrap(), t["crc"].as_u64().unwrap()));
        assert_eq!(e.data.len() as u64, t["csize"].as_u64().unwrap(), "{}", e.name);
        assert_eq!(t["flags"].as_u64().unwrap() & 8 != 0, !seekable, "{}: data descriptor", e.name);
    }
    assert!(entries[0].is_dir() && entries.iter().skip(1).all(|e| !e.is_dir()));
    for ((e, got), (name, want, _, _)) in entries.iter().zip(entry_bytes(&archive, &entries)).zip(&files) {
        assert_eq!(&got, want, "{name}");
        assert_eq!(
            hex(&got),
            theirs["entries"].as_array().unwrap().iter().find(|t| t["name"] == e.name).unwrap()["hex"]
        );
    }
}

#[test]
fn python_zip_written_to_a_file_is_listed_and_read() {
    python_archive_lists_and_reads(true);
}

#[test]
fn python_zip_written_to_a_stream_with_data_descriptors_is_listed_and_read() {
    python_archive_lists_and_reads(false);
}

#[test]
fn python_brat_zip_imports_as_the_page_imports_it() {
    let docs = fixture();
    let (files, _) = brat::export(&docs, &ExportOptions { all: true, ..ExportOptions::default() }).unwrap();
    // In a folder, deflated (annotation.conf stored), as a user's zip tool would make it.
    let zipped: Vec<(String, Vec<u8>, bool, bool)> = files
        .iter()
        .map(|(n, c)| (format!("corpus/{n}"), c.clone().into_bytes(), n != "annotation.conf", false))
        .collect();
    let refs: Vec<(&str, Vec<u8>, bool, bool)> =
        zipped.iter().map(|(n, b, d, z)| (n.as_str(), b.clone(), *d, *z)).collect();
    let archive = python_zip(&refs, false);
    let entries = zip::entries(&archive).unwrap();
    let mut pairs = Vec::new();
    for (e, bytes) in entries.iter().zip(entry_bytes(&archive, &entries)) {
        if e.name.ends_with(".txt") || e.name.ends_with(".ann") {
            let text = sanad_core::import::decode_utf8(&e.name, &bytes).unwrap();
            pairs.push((e.name.clone(), text.to_string()));
        }
    }
    let (back, report) = brat::import(pairs, &ImportOptions::default()).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(back.len(), docs.len());
    for (a, b) in docs.iter().zip(&back) {
        assert_eq!(a.text(), b.text());
        let spans =
            |d: &Document| d.spans().iter().map(|s| (s.start(), s.end(), s.label().to_string())).collect::<Vec<_>>();
        assert_eq!(spans(a), spans(b), "{}", a.id());
        assert_eq!(a.quotes().len(), b.quotes().len(), "{}", a.id());
    }
}

#[test]
fn core_zip_reads_in_python() {
    let files: Vec<(&str, Vec<u8>)> = contents().into_iter().filter(|(n, _)| !n.ends_with('/')).collect();
    let archive = zip::write_stored(&files).unwrap();
    let theirs = python_read(&archive);
    assert_eq!(theirs["bad"], Value::Null, "testzip() found a damaged entry");
    let entries = theirs["entries"].as_array().unwrap();
    assert_eq!(entries.len(), files.len());
    for ((name, bytes), t) in files.iter().zip(entries) {
        assert_eq!(t["name"], *name);
        assert_eq!(unhex(t["hex"].as_str().unwrap()), *bytes, "{name}");
        assert_eq!((t["method"].as_u64(), t["size"].as_u64()), (Some(0), Some(bytes.len() as u64)), "{name}");
        assert_eq!(t["flags"].as_u64().unwrap() & 0x800, 0x800, "{name}: names are flagged UTF-8");
        assert_eq!(t["date"], json!([1980, 1, 1, 0, 0, 0]));
    }
}

#[test]
fn page_brat_export_reads_in_python() {
    let docs = fixture();
    let opts = ExportOptions { all: true, ..ExportOptions::default() };
    let (archive, report) = formats::export_file(Format::Brat, &docs, &opts).unwrap();
    assert_eq!(report.documents, docs.len());
    let (files, _) = brat::export(&docs, &opts).unwrap();
    let theirs = python_read(&archive);
    assert_eq!(theirs["bad"], Value::Null, "testzip() found a damaged entry");
    let read: Vec<(String, String)> = theirs["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let text = String::from_utf8(unhex(t["hex"].as_str().unwrap())).unwrap();
            (t["name"].as_str().unwrap().to_string(), text)
        })
        .collect();
    assert_eq!(read, files);
    assert!(
        read.iter().any(|(n, _)| n == "annotation.conf")
            && read.iter().filter(|(n, _)| n.ends_with(".ann")).count() == docs.len()
    );
}

fn fixture() -> Vec<Document> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/formats/fixture.json");
    Project::from_json(&std::fs::read_to_string(path).unwrap()).unwrap().into_documents()
}
