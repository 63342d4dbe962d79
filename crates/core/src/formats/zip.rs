//! The zip container, as small as brat needs it in the page: writing stored (uncompressed)
//! archives, and listing the entries of any archive so that the caller can inflate the deflated
//! ones (the page uses the browser's own `DecompressionStream`, so no inflater is compiled into the
//! wasm bundle; the CLI uses the `zip` crate) and check them with [`crc32`].
//!
//! Only what brat archives need: no zip64, no encryption, no multi-disk archives. Every refusal is
//! a [`ZipError`] saying what ([`ZipErrorKind`]) and at which byte; nothing here panics on a damaged
//! file. (The two error types are defined with the import errors, in `crate::import`, so that one
//! file lists every problem the page translates.)

pub use crate::import::{ZipError, ZipErrorKind};

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// One file in an archive: its name and where its (possibly compressed) bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub method: Method,
    /// Byte range of the stored or compressed data in the archive.
    pub data: std::ops::Range<usize>,
    /// CRC-32 and length of the uncompressed bytes, as the archive states them.
    pub crc32: u32,
    pub size: usize,
}

impl Entry {
    /// True for folders (names ending in `/`).
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }

    /// Checks uncompressed bytes against the stated length and CRC-32.
    pub fn check(&self, bytes: &[u8]) -> Result<(), ZipError> {
        if bytes.len() != self.size || crc32(bytes) != self.crc32 {
            return Err(zerr(self.data.start, ZipErrorKind::Damaged { name: self.name.clone() }));
        }
        Ok(())
    }
}

fn zerr(at: usize, kind: ZipErrorKind) -> ZipError {
    ZipError { at, kind }
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;

/// CRC-32 (IEEE 802.3, as zip uses it).
pub fn crc32(bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    let mut c = !0u32;
    for &b in bytes {
        c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Writes a zip archive whose entries are stored uncompressed, in the given order. Names are UTF-8
/// (flagged as such). Fails only past zip's 32-bit limits (4 GiB, 65,535 entries).
pub fn write_stored<N: AsRef<str>, B: AsRef<[u8]>>(files: &[(N, B)]) -> Result<Vec<u8>, ZipError> {
    let total: usize = files.iter().map(|(n, b)| 30 + 46 + 2 * n.as_ref().len() + b.as_ref().len()).sum::<usize>() + 22;
    if files.len() > 0xFFFF || total > u32::MAX as usize {
        return Err(zerr(0, ZipErrorKind::TooLarge));
    }
    let mut out = Vec::with_capacity(total);
    let mut central = Vec::new();
    let put16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let put32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for (name, bytes) in files {
        let (name, bytes) = (name.as_ref().as_bytes(), bytes.as_ref());
        let (crc, size, offset) = (crc32(bytes), bytes.len() as u32, out.len() as u32);
        // Local header: version 2.0, flag bit 11 (UTF-8 names), stored, DOS time 1980-01-01 00:00.
        put32(&mut out, LOCAL);
        for x in [20u16, 0x0800, 0, 0, 0x0021] {
            put16(&mut out, x);
        }
        for x in [crc, size, size] {
            put32(&mut out, x);
        }
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(bytes);
        put32(&mut central, CENTRAL);
        for x in [20u16, 20, 0x0800, 0, 0, 0x0021] {
            put16(&mut central, x);
        }
        for x in [crc, size, size] {
            put32(&mut central, x);
        }
        for x in [name.len() as u16, 0, 0, 0, 0] {
            put16(&mut central, x);
        }
        put32(&mut central, 0o100644 << 16);
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let (cd_offset, cd_size, n) = (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    put32(&mut out, END);
    for x in [0u16, 0, n, n] {
        put16(&mut out, x);
    }
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0);
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, ZipError> {
    b.get(at..at.saturating_add(2))
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| zerr(at, ZipErrorKind::Truncated))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, ZipError> {
    b.get(at..at.saturating_add(4))
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| zerr(at, ZipErrorKind::Truncated))
}

/// Lists the entries of an archive from its central directory. Names must be UTF-8 (or plain
/// ASCII); entries that are neither stored nor deflated, encrypted or zip64 are refused.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>, ZipError> {
    // The end record is in the last 22 + 65,535 bytes (it may be followed by a comment).
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (from..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&i| u32_at(bytes, i).is_ok_and(|s| s == END))
        .ok_or_else(|| zerr(0, ZipErrorKind::NotZip))?;
    let count = usize::from(u16_at(bytes, end + 10)?);
    let cd = u32_at(bytes, end + 16)? as usize;
    if u32_at(bytes, end + 16)? == u32::MAX || u16_at(bytes, end + 10)? == u16::MAX {
        return Err(zerr(end, ZipErrorKind::Zip64));
    }
    let mut out = Vec::with_capacity(count);
    let mut at = cd;
    for _ in 0..count {
        if u32_at(bytes, at)? != CENTRAL {
            return Err(zerr(at, ZipErrorKind::ExpectedCentralEntry));
        }
        let flags = u16_at(bytes, at + 8)?;
        let method = match u16_at(bytes, at + 10)? {
            0 => Method::Stored,
            8 => Method::Deflated,
            m => return Err(zerr(at + 10, ZipErrorKind::Method { method: m })),
        };
        let crc = u32_at(bytes, at + 16)?;
        let csize = u32_at(bytes, at + 20)? as usize;
        let size = u32_at(bytes, at + 24)? as usize;
        let (nlen, xlen, clen) = (
            usize::from(u16_at(bytes, at + 28)?),
            usize::from(u16_at(bytes, at + 30)?),
            usize::from(u16_at(bytes, at + 32)?),
        );
        let local = u32_at(bytes, at + 42)? as usize;
        let raw = bytes
            .get(at.saturating_add(46)..at.saturating_add(46 + nlen))
            .ok_or_else(|| zerr(at, ZipErrorKind::Truncated))?;
        let name = std::str::from_utf8(raw)
            .map_err(|_| zerr(at + 46, ZipErrorKind::NameNotUtf8))?
            .trim_start_matches("./")
            .to_string();
        if flags & 1 == 1 {
            return Err(zerr(at, ZipErrorKind::Encrypted { name }));
        }
        if u32_at(bytes, local)? != LOCAL {
            return Err(zerr(local, ZipErrorKind::ExpectedLocalHeader { name }));
        }
        let start = local
            .saturating_add(30)
            .saturating_add(usize::from(u16_at(bytes, local.saturating_add(26))?))
            .saturating_add(usize::from(u16_at(bytes, local.saturating_add(28))?));
        let data = start..start.saturating_add(csize);
        if data.end > bytes.len() {
            return Err(zerr(start, ZipErrorKind::DataTruncated { name }));
        }
        out.push(Entry { name, method, data, crc32: crc, size });
        at = at.saturating_add(46 + nlen + xlen + clen);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn stored_archive_lists_back() {
        let files = [("a.txt", "لافروف 👍".as_bytes()), ("dir/b.ann", b"T1\tPER 0 6\t..." as &[u8])];
        let z = write_stored(&files).unwrap();
        let es = entries(&z).unwrap();
        assert_eq!(es.len(), 2);
        for (e, (n, b)) in es.iter().zip(files) {
            assert_eq!(e.name, n);
            assert_eq!(e.method, Method::Stored);
            assert_eq!(&z[e.data.clone()], b);
            e.check(b).unwrap();
        }
    }

    #[test]
    fn damaged_archives_are_errors_not_panics() {
        let z = write_stored(&[("a.txt", b"hello")]).unwrap();
        for cut in 0..z.len() {
            let _ = entries(&z[..cut]);
            let mut bad = z.clone();
            bad[cut] ^= 0xFF;
            if let Ok(es) = entries(&bad) {
                for e in es {
                    let _ = e.check(&bad[e.data.clone()]);
                }
            }
        }
        assert!(entries(b"not a zip").is_err());
    }
}
