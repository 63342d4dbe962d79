//! The binary envelope of Sanad's own files (model files, learned models): 8 magic bytes, a
//! little-endian `u16` format version, a `u32` payload length, the payload, and the FNV-1a 64 of
//! everything before it; with the byte writer and checked reader their payloads use. One
//! definition, so the two file kinds check a header, a length and a checksum the same way.
//! Each file kind turns a [`ContainerError`] into its own error type (`From`).

use super::hash::fnv1a64;

/// Magic (8), version (2) and payload length (4).
pub(crate) const HEAD: usize = 8 + 2 + 4;

/// Why an envelope or a payload cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ContainerError {
    TooShort(usize),
    BadMagic,
    UnsupportedVersion { found: u16, supported: u16 },
    Truncated { expected: usize, found: usize },
    Checksum { expected: u64, found: u64 },
    Invalid(String),
}

/// `payload` in its envelope.
pub(crate) fn seal(magic: &[u8; 8], version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + HEAD + 8);
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    let sum = fnv1a64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Checks magic, version, length and checksum; returns the payload and the checksum.
pub(crate) fn open<'a>(bytes: &'a [u8], magic: &[u8; 8], version: u16) -> Result<(&'a [u8], u64), ContainerError> {
    if bytes.len() < 8 || &bytes[..8] != magic {
        if bytes.len() < 8 && magic.starts_with(bytes) {
            return Err(ContainerError::TooShort(bytes.len()));
        }
        return Err(ContainerError::BadMagic);
    }
    if bytes.len() < HEAD + 8 {
        return Err(ContainerError::TooShort(bytes.len()));
    }
    let found_version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if found_version != version {
        return Err(ContainerError::UnsupportedVersion { found: found_version, supported: version });
    }
    let plen = payload_len(bytes);
    let found = bytes.len() - HEAD - 8;
    if plen != found {
        return Err(ContainerError::Truncated { expected: plen, found });
    }
    let body = &bytes[..bytes.len() - 8];
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&bytes[bytes.len() - 8..]);
    let expected = u64::from_le_bytes(sum);
    let computed = fnv1a64(body);
    if expected != computed {
        return Err(ContainerError::Checksum { expected, found: computed });
    }
    Ok((&body[HEAD..], expected))
}

/// The whole length of the envelope at the start of `bytes`, from its header (`None` when the
/// header is not one with `magic`).
pub(crate) fn sealed_len(bytes: &[u8], magic: &[u8; 8]) -> Option<usize> {
    if bytes.len() < HEAD || &bytes[..8] != magic {
        return None;
    }
    Some(HEAD + payload_len(bytes) + 8)
}

fn payload_len(bytes: &[u8]) -> usize {
    u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize
}

/// A string of at most 255 bytes, after its length.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.push(b.len().min(255) as u8);
    out.extend_from_slice(&b[..b.len().min(255)]);
}

/// LEB128.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a payload front to back; every read says what it was reading when the payload is wrong.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, at: 0 }
    }
    /// Bytes left to read.
    pub(crate) fn remaining(&self) -> usize {
        self.b.len() - self.at
    }
    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], ContainerError> {
        let s = self
            .b
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| ContainerError::Invalid(format!("payload ends inside {what}")))?;
        self.at += n;
        Ok(s)
    }
    pub(crate) fn arr<const N: usize>(&mut self, what: &str) -> Result<[u8; N], ContainerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    pub(crate) fn u8(&mut self, what: &str) -> Result<u8, ContainerError> {
        Ok(self.take(1, what)?[0])
    }
    pub(crate) fn f32(&mut self, what: &str) -> Result<f32, ContainerError> {
        let v = f32::from_le_bytes(self.arr(what)?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ContainerError::Invalid(format!("{what} is not a finite number")))
        }
    }
    pub(crate) fn string(&mut self, what: &str) -> Result<String, ContainerError> {
        let n = usize::from(self.u8(what)?);
        String::from_utf8(self.take(n, what)?.to_vec())
            .map_err(|_| ContainerError::Invalid(format!("{what} is not UTF-8")))
    }
    pub(crate) fn varint(&mut self, what: &str) -> Result<u64, ContainerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ContainerError::Invalid(format!("{what}: varint too long")))
    }
}
