//! Hand-written JSON output for the largest records (Prodigy tokens, W3C annotations), byte for
//! byte what `serde_json::to_writer` writes for the same values (tests below compare the two), at a
//! fraction of the cost: keys are literal bytes, numbers are written without a formatter, and strings
//! are checked for characters to escape eight bytes at a time. Also what every JSON writer shares:
//! a document's head fields (`write_doc_head`) and offsets in the export's unit (`Units`).

use serde_json::{Map, Value};

use super::registry::status_name;
use crate::model::Document;
use crate::offsets::TextIndex;

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// True when some byte of `x` is below 0x20, `"` or `\`: the bytes JSON escapes.
#[inline]
fn needs_escape8(x: u64) -> bool {
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    (x.wrapping_sub(LO * 0x20) & !x & HI) | zero(x ^ (LO * 0x22)) | zero(x ^ (LO * 0x5C)) != 0
}

#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether `s` holds a byte that JSON escapes (eight bytes at a time).
fn any_escape(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        if needs_escape8(u64::from_le_bytes(w)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| needs_escape(b))
}

/// Appends the escaped form of one byte that [`needs_escape`] (as serde_json writes it).
fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => 0,
    };
    if short != 0 {
        out.extend_from_slice(&[b'\\', short]);
    } else {
        out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }
}

/// Appends the contents of `s` escaped, without quotes.
fn push_escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if !any_escape(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if needs_escape(b) {
            out.extend_from_slice(&bytes[from..i]);
            push_escape(out, b);
            from = i + 1;
        }
    }
    out.extend_from_slice(&bytes[from..]);
}

/// Appends `s` as a JSON string.
pub(crate) fn str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    push_escaped(out, s);
    out.push(b'"');
}

/// Appends `s` as a JSON string, or `null`.
pub(crate) fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends `n` in decimal (two digits per division: divisions are slow in the size-optimised build).
pub(crate) fn num(out: &mut Vec<u8>, n: usize) {
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n as u64;
    while n >= 100 {
        let r = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    }
    if n >= 10 {
        let r = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends a float as serde_json writes it (shortest round-trip form; `null` when not finite).
pub(crate) fn float(out: &mut Vec<u8>, f: f64) {
    // Rare (confidences): serde_json's own writer, so the digits are exactly its digits.
    let _ = serde_json::to_writer(&mut *out, &f);
}

/// Appends a float, or `null`.
pub(crate) fn opt_float(out: &mut Vec<u8>, f: Option<f64>) {
    match f {
        Some(f) => float(out, f),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends a metadata object.
pub(crate) fn map(out: &mut Vec<u8>, m: &Map<String, Value>) {
    // Maps hold strings and numbers: serde_json cannot fail on them.
    let _ = serde_json::to_writer(&mut *out, m);
}

/// A document's text as JSON strings: whole, or any code point slice of it. (Escaping the text once
/// and copying slices of the result was measured: no faster than escaping each slice, which mostly
/// finds nothing to escape eight bytes at a time.)
pub(crate) struct Escaped<'a> {
    text: &'a str,
    ix: &'a TextIndex,
}

impl<'a> Escaped<'a> {
    pub(crate) fn new(text: &'a str, ix: &'a TextIndex) -> Escaped<'a> {
        Escaped { text, ix }
    }

    /// Appends code points `start..end` of the text as a JSON string (empty when out of range).
    pub(crate) fn slice(&self, out: &mut Vec<u8>, start: usize, end: usize) {
        str(out, self.ix.slice(self.text, start, end).unwrap_or_default());
    }

    /// Appends the whole text as a JSON string.
    pub(crate) fn all(&self, out: &mut Vec<u8>) {
        str(out, self.text);
    }
}

/// Writes a document's `"id":…,"title":…,"lang":…,"status":…` (the JSON exports carry these four
/// together, each inside its own record shape).
pub(crate) fn write_doc_head(out: &mut Vec<u8>, doc: &Document) {
    out.extend_from_slice(b"\"id\":");
    str(out, doc.id());
    out.extend_from_slice(b",\"title\":");
    str(out, doc.title());
    out.extend_from_slice(b",\"lang\":");
    str(out, doc.lang());
    out.extend_from_slice(b",\"status\":");
    str(out, status_name(doc.status()));
}

/// Code points to the export unit, for one document.
pub(crate) struct Units {
    ix: TextIndex,
    utf16: bool,
}

impl Units {
    pub(crate) fn new(text: &str, utf16: bool) -> Units {
        Units { ix: TextIndex::new(text), utf16 }
    }
    /// The offset to write for code point `cp` (always in range for a valid document).
    pub(crate) fn out(&self, cp: usize) -> usize {
        if self.utf16 {
            self.ix.cp_to_utf16(cp).unwrap_or(cp)
        } else {
            cp
        }
    }
    pub(crate) fn index(&self) -> &TextIndex {
        &self.ix
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use proptest::prelude::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_ascii_byte_as_serde_json() {
        for b in 0u8..128 {
            let s = format!("a{}b", char::from(b));
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{b:#x}");
            // The eight-byte test sees the byte at every position of a word.
            for pos in 0..8 {
                let mut w = *b"abcdefgh";
                w[pos] = b;
                assert_eq!(needs_escape8(u64::from_le_bytes(w)), needs_escape(b), "{b:#x} at {pos}");
            }
        }
        for n in (0usize..100_000).chain([1_000_000, 99_999_999, 4_294_967_296, usize::MAX]) {
            let mut out = Vec::new();
            num(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }

    proptest! {
        #[test]
        fn strings_and_slices_as_serde_json(
            s in "[\u{0}-\u{1f}\"\\\\a-z \u{7f}\u{80}-\u{ff}\u{0621}-\u{0652}\u{1F600}-\u{1F64F}\u{200d}\r\n]{0,40}",
            a in 0usize..50,
            b in 0usize..50,
        ) {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
            let ix = TextIndex::new(&s);
            let (a, b) = (a.min(ix.cp_len()), b.min(ix.cp_len()));
            let (a, b) = (a.min(b), a.max(b));
            let e = Escaped::new(&s, &ix);
            let mut out = Vec::new();
            e.slice(&mut out, a, b);
            prop_assert_eq!(out, serde_json::to_vec(ix.slice(&s, a, b).unwrap()).unwrap());
        }
    }
}
