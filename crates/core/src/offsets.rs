//! The one place where offset units meet.
//!
//! Everything Sanad stores or exports counts **Unicode code points** (Python `str` indices),
//! end exclusive. Rust strings are indexed by UTF-8 bytes and the DOM by UTF-16 code units;
//! conversions between the three happen here and nowhere else.
//!
//! [`TextIndex`] is built once per text and answers every conversion in O(log n) (UTF-8/UTF-16
//! to code points) or O(1) (code points to UTF-8/UTF-16). Conversions from a unit that is not on
//! a code point boundary (a byte inside a multi-byte character, a UTF-16 offset between the two
//! halves of a surrogate pair) return `None` instead of guessing.

/// Number of code points in `text`.
pub fn cp_len(text: &str) -> usize {
    text.chars().count()
}

/// Number of UTF-16 code units in `text` (what JavaScript's `String.length` reports).
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Offset tables for one text: for every code point index `i` (0..=len), the UTF-8 byte offset
/// and the UTF-16 code unit offset at which it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextIndex {
    byte_at: Vec<u32>,
    utf16_at: Vec<u32>,
}

impl TextIndex {
    /// Builds the tables. Texts are limited to 4 GiB, far beyond what Sanad accepts.
    pub fn new(text: &str) -> TextIndex {
        let n = text.len();
        let mut byte_at = Vec::with_capacity(n + 1);
        let mut utf16_at = Vec::with_capacity(n + 1);
        let mut u16_pos: u32 = 0;
        for (b, c) in text.char_indices() {
            byte_at.push(b as u32);
            utf16_at.push(u16_pos);
            u16_pos += c.len_utf16() as u32;
        }
        byte_at.push(n as u32);
        utf16_at.push(u16_pos);
        TextIndex { byte_at, utf16_at }
    }

    /// Length of the text in code points.
    pub fn cp_len(&self) -> usize {
        self.byte_at.len() - 1
    }

    /// Length of the text in UTF-8 bytes.
    pub fn byte_len(&self) -> usize {
        self.byte_at.last().copied().unwrap_or(0) as usize
    }

    /// Length of the text in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_at.last().copied().unwrap_or(0) as usize
    }

    /// UTF-8 byte offset of code point `cp`; `None` past the end.
    pub fn cp_to_byte(&self, cp: usize) -> Option<usize> {
        self.byte_at.get(cp).map(|&b| b as usize)
    }

    /// UTF-16 offset of code point `cp`; `None` past the end.
    pub fn cp_to_utf16(&self, cp: usize) -> Option<usize> {
        self.utf16_at.get(cp).map(|&u| u as usize)
    }

    /// Code point index of byte offset `byte`; `None` if it is not a char boundary or is past the end.
    pub fn byte_to_cp(&self, byte: usize) -> Option<usize> {
        let b = u32::try_from(byte).ok()?;
        self.byte_at.binary_search(&b).ok()
    }

    /// Code point index of UTF-16 offset `unit`; `None` inside a surrogate pair or past the end.
    pub fn utf16_to_cp(&self, unit: usize) -> Option<usize> {
        let u = u32::try_from(unit).ok()?;
        self.utf16_at.binary_search(&u).ok()
    }

    /// The byte range for the code point range `start..end`, for slicing the Rust string.
    pub fn byte_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if start > end {
            return None;
        }
        Some(self.cp_to_byte(start)?..self.cp_to_byte(end)?)
    }

    /// `text[start..end]` in code points, or `None` when out of range.
    /// `text` must be the string this index was built from.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        text.get(self.byte_range(start, end)?)
    }
}

/// The byte offset in `text` of code point `cp`, and `cp`; the end of the text and its length in
/// code points when it is shorter. Linear in `cp`, without building an index.
pub fn byte_at_cp(text: &str, cp: usize) -> (usize, usize) {
    text.char_indices().nth(cp).map_or_else(|| (text.len(), cp_len(text)), |(b, _)| (b, cp))
}

/// Length in UTF-8 bytes of the code points `chars`.
pub fn utf8_len(chars: &[char]) -> usize {
    chars.iter().map(|c| c.len_utf8()).sum()
}

/// `text[start..end]` in code points without building an index (linear in `end`).
pub fn cp_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut it = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let b_start = it.nth(start)?;
    let b_end = if end == start { b_start } else { it.nth(end - start - 1)? };
    text.get(b_start..b_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_emoji_and_marks() {
        // "سلام" (4), space, family emoji (ZWJ sequence: 3 persons + 2 ZWJ = 5 code points,
        // 8 UTF-16 units), "é" as e + combining acute (2 code points), CRLF.
        let text = "سلام 👨\u{200d}👩\u{200d}👧 e\u{301}\r\nok";
        let ix = TextIndex::new(text);
        assert_eq!(ix.cp_len(), text.chars().count());
        assert_eq!(ix.cp_len(), 4 + 1 + 5 + 1 + 2 + 2 + 2);
        assert_eq!(ix.utf16_len(), 4 + 1 + 8 + 1 + 2 + 2 + 2);
        assert_eq!(ix.slice(text, 0, 4), Some("سلام"));
        assert_eq!(ix.slice(text, 5, 10), Some("👨\u{200d}👩\u{200d}👧"));
        // The UTF-16 offset inside the first emoji's surrogate pair maps to nothing.
        assert_eq!(ix.utf16_to_cp(6), None);
        assert_eq!(ix.utf16_to_cp(7), Some(6));
        // A byte inside "س" (2 bytes) is not a boundary.
        assert_eq!(ix.byte_to_cp(1), None);
        assert_eq!(ix.cp_to_byte(ix.cp_len() + 1), None);
        assert_eq!(cp_slice(text, 11, 13), Some("e\u{301}"));
        assert_eq!(cp_slice(text, 3, 2), None);
        assert_eq!(cp_slice(text, 0, 99), None);
        assert_eq!(cp_slice("", 0, 0), Some(""));
        assert_eq!(byte_at_cp(text, 5), (ix.cp_to_byte(5).unwrap(), 5));
        assert_eq!(byte_at_cp(text, ix.cp_len()), (text.len(), ix.cp_len()));
        assert_eq!(byte_at_cp(text, 99), (text.len(), ix.cp_len()));
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("لروسيا".to_string()),
            Just("مُحَمَّد".to_string()),
            Just("😀".to_string()),
            Just("👩\u{200d}💻".to_string()),
            Just("🇸🇦".to_string()),
            Just("e\u{301}".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            Just("Putin".to_string()),
            Just("\u{202e}".to_string()),
            "\\PC{0,3}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn round_trips(t in text()) {
            let ix = TextIndex::new(&t);
            prop_assert_eq!(ix.cp_len(), cp_len(&t));
            prop_assert_eq!(ix.utf16_len(), utf16_len(&t));
            prop_assert_eq!(ix.byte_len(), t.len());
            for cp in 0..=ix.cp_len() {
                let b = ix.cp_to_byte(cp).unwrap();
                prop_assert!(t.is_char_boundary(b));
                prop_assert_eq!(ix.byte_to_cp(b), Some(cp));
                let u = ix.cp_to_utf16(cp).unwrap();
                prop_assert_eq!(ix.utf16_to_cp(u), Some(cp));
                // The UTF-16 offset equals the UTF-16 length of the prefix.
                prop_assert_eq!(u, utf16_len(&t[..b]));
            }
            // Every UTF-16 offset either maps to a code point or sits inside a surrogate pair.
            let units: Vec<u16> = t.encode_utf16().collect();
            for u in 0..=units.len() {
                let inside_pair = u > 0 && u < units.len()
                    && (0xDC00..0xE000).contains(&units[u]);
                prop_assert_eq!(ix.utf16_to_cp(u).is_none(), inside_pair);
            }
        }

        #[test]
        fn slices_agree(t in text(), a in 0usize..40, b in 0usize..40) {
            let ix = TextIndex::new(&t);
            let (s, e) = (a.min(b), a.max(b));
            let expected: Option<String> = if e <= ix.cp_len() {
                Some(t.chars().skip(s).take(e - s).collect())
            } else { None };
            prop_assert_eq!(ix.slice(&t, s, e).map(str::to_string), expected.clone());
            prop_assert_eq!(cp_slice(&t, s, e).map(str::to_string), expected);
        }
    }
}
