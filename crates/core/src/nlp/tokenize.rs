//! Unicode-aware tokenizer and sentence splitter with code point offsets.
//!
//! Tokens are words (letters with their combining marks, Arabic with its clitics attached), numbers
//! (with decimal and thousands separators), punctuation (each mark on its own, repeated marks such as
//! "..." together), emoji (with modifiers and ZWJ sequences), URLs, #hashtags and @handles. Offsets are
//! code points into the original text, end exclusive; the text is never changed.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any script) with marks; Latin words may hold digits, apostrophes and inner dots.
    Word,
    /// Digits with inner separators ("1.5", "1,000", "٣٫٥"); ordinals such as "12th" are numbers too.
    Number,
    /// A punctuation mark or a run of the same mark.
    Punct,
    /// Any other symbol (currency, maths, ...).
    Symbol,
    /// One emoji, with its modifiers and ZWJ continuations.
    Emoji,
    /// A URL starting with a scheme or "www.".
    Url,
    /// `#tag`
    Hashtag,
    /// `@handle`
    Handle,
}

/// One token: code point offsets into the original text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

/// Combining marks, joiners and variation selectors that belong to the preceding letter.
#[inline]
pub fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}' | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{200C}' | '\u{200D}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pictographic characters treated as emoji.
#[inline]
pub fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{2300}'..='\u{23FF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

#[inline]
fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0F}' | '\u{FE0E}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}')
}

#[inline]
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // Basic Arabic letters (and tatweel) before the (slow) Unicode tables.
    ('\u{0620}'..='\u{064A}').contains(&c) || (c.is_alphabetic() && !is_emoji(c))
}

#[inline]
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Punctuation characters (ASCII and common Unicode, including Arabic ، ؛ ؟ and quote marks).
#[inline]
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}'
            | '\u{FD3E}' | '\u{FD3F}' | '\u{FE50}'..='\u{FE6B}' | '\u{FF01}'..='\u{FF0F}')
}

/// Tokenizes `text`. See the module documentation for the rules.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    tokenize_chars(&chars)
}

fn starts_with_at(chars: &[char], i: usize, pat: &str) -> bool {
    let mut j = i;
    for p in pat.chars() {
        match chars.get(j) {
            Some(c) if c.to_ascii_lowercase() == p => j += 1,
            _ => return false,
        }
    }
    true
}

fn url_end(chars: &[char], i: usize) -> Option<usize> {
    let is_start = ["https://", "http://", "ftp://", "www."].iter().any(|p| starts_with_at(chars, i, p));
    if !is_start || (i > 0 && (is_letter(chars[i - 1]) || is_digit(chars[i - 1]))) {
        return None;
    }
    let mut j = i;
    while j < chars.len()
        && !chars[j].is_whitespace()
        && !is_format(chars[j])
        && !matches!(chars[j], '"' | '<' | '>' | '«' | '»' | '“' | '”')
    {
        // Stop where Arabic text is glued to a URL.
        if crate::lang::is_arabic_letter(chars[j]) {
            break;
        }
        j += 1;
    }
    // Trailing punctuation is not part of the URL.
    while j > i && matches!(chars[j - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '،' | '؟' | '…') {
        j -= 1;
    }
    (j > i + 4).then_some(j)
}

/// Tokenizes a text already split into code points.
pub fn tokenize_chars(chars: &[char]) -> Vec<Token> {
    let n = chars.len();
    let mut out = Vec::with_capacity(n / 4 + 1);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() || is_format(c) || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        if let Some(j) = url_end(chars, i) {
            out.push(Token { start, end: j, kind: TokenKind::Url });
            i = j;
            continue;
        }
        if (c == '#' || c == '@') && i + 1 < n {
            let body = |ch: char| is_letter(ch) || is_digit(ch) || ch == '_' || is_mark(ch);
            let prev_ok = i == 0 || !(is_letter(chars[i - 1]) || is_digit(chars[i - 1]));
            if prev_ok
                && body(chars[i + 1])
                && (c == '#' || chars[i + 1].is_ascii_alphanumeric() || chars[i + 1] == '_')
            {
                let mut j = i + 1;
                if c == '#' {
                    while j < n && body(chars[j]) {
                        j += 1;
                    }
                } else {
                    while j < n && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                        j += 1;
                    }
                }
                let kind = if c == '#' { TokenKind::Hashtag } else { TokenKind::Handle };
                out.push(Token { start, end: j, kind });
                i = j;
                continue;
            }
        }
        if is_digit(c) {
            let mut j = i + 1;
            loop {
                while j < n && is_digit(chars[j]) {
                    j += 1;
                }
                if j + 1 < n && matches!(chars[j], '.' | ',' | '٫' | '٬') && is_digit(chars[j + 1]) {
                    j += 1;
                    continue;
                }
                break;
            }
            // English ordinals: 1st 2nd 3rd 12th.
            let suffix: String = chars[j..(j + 2).min(n)].iter().collect::<String>().to_ascii_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") && !chars.get(j + 2).is_some_and(|&c| is_letter(c))
            {
                j += 2;
            }
            out.push(Token { start, end: j, kind: TokenKind::Number });
            i = j;
            continue;
        }
        if is_letter(c) || is_mark(c) {
            let arabic = crate::lang::is_arabic_letter(c);
            let mut j = i + 1;
            while j < n {
                let d = chars[j];
                if is_mark(d) || d == '\u{0640}' {
                    j += 1;
                } else if is_letter(d) {
                    // Script change between Arabic and Latin starts a new word.
                    if crate::lang::is_arabic_letter(d) != arabic && !is_mark(d) {
                        break;
                    }
                    j += 1;
                } else if !arabic
                    && (d.is_ascii_digit()
                        || (matches!(d, '\'' | '’')
                            && chars.get(j + 1).is_some_and(|&e| is_letter(e) && !crate::lang::is_arabic_letter(e))))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // Latin abbreviations with inner dots: "U.S." "e.g." (single letters separated by dots).
            if !arabic
                && j - i == 1
                && j + 1 < n
                && chars[j] == '.'
                && is_letter(chars[j + 1])
                && !crate::lang::is_arabic_letter(chars[j + 1])
            {
                let mut k = j;
                while k + 1 < n
                    && chars[k] == '.'
                    && is_letter(chars[k + 1])
                    && (k + 2 >= n || !is_letter(chars[k + 2]))
                {
                    k += 2;
                }
                if k > j {
                    if k < n && chars[k] == '.' {
                        k += 1;
                    }
                    j = k;
                }
            }
            out.push(Token { start, end: j, kind: TokenKind::Word });
            i = j;
            continue;
        }
        if is_emoji(c) {
            let mut j = i + 1;
            if ('\u{1F1E6}'..='\u{1F1FF}').contains(&c) && j < n && ('\u{1F1E6}'..='\u{1F1FF}').contains(&chars[j]) {
                j += 1;
            }
            loop {
                while j < n && is_emoji_modifier(chars[j]) {
                    j += 1;
                }
                if j + 1 < n && chars[j] == '\u{200D}' && is_emoji(chars[j + 1]) {
                    j += 2;
                    continue;
                }
                break;
            }
            out.push(Token { start, end: j, kind: TokenKind::Emoji });
            i = j;
            continue;
        }
        if is_punct(c) {
            let mut j = i + 1;
            while j < n && chars[j] == c {
                j += 1;
            }
            while j < n && is_mark(chars[j]) {
                j += 1;
            }
            out.push(Token { start, end: j, kind: TokenKind::Punct });
            i = j;
            continue;
        }
        let mut j = i + 1;
        while j < n && is_mark(chars[j]) {
            j += 1;
        }
        out.push(Token { start, end: j, kind: TokenKind::Symbol });
        i = j;
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev",
    "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "fig", "vol", "approx", "dept", "est",
];

/// Splits tokens into sentences: ranges of token indices `start..end`.
///
/// A sentence ends after `.`, `!`, `?`, `؟`, `…` (or a run of them) and at every line break. A full
/// stop after a known abbreviation ("Mr.", "Dr."), a single letter, or before a lowercase Latin word
/// does not end a sentence.
pub fn sentences(chars: &[char], tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, t) in tokens.iter().enumerate() {
        if k > start {
            let gap = &chars[tokens[k - 1].end..t.start];
            if gap.iter().any(|&c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')) {
                out.push(start..k);
                start = k;
            }
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let first = chars[t.start];
        if !matches!(first, '.' | '!' | '?' | '؟' | '…' | '۔') {
            continue;
        }
        if first == '.' && t.end - t.start == 1 && k > 0 {
            let prev = &tokens[k - 1];
            let w: String = chars[prev.start..prev.end].iter().map(|&c| crate::case::lower(c)).collect();
            let glued = prev.end == t.start;
            if glued
                && prev.kind == TokenKind::Word
                && (ABBREVIATIONS.contains(&w.as_str())
                    || (prev.end - prev.start == 1 && chars[prev.start].is_uppercase()))
            {
                continue;
            }
            if let Some(next) = tokens.get(k + 1) {
                if chars[next.start].is_lowercase() && !crate::lang::is_arabic_letter(chars[next.start]) {
                    continue;
                }
            }
        }
        // Closing quotes and brackets right after the mark stay in this sentence.
        let mut end = k + 1;
        while let Some(next) = tokens.get(end) {
            if next.kind == TokenKind::Punct
                && matches!(chars[next.start], '"' | '\'' | '»' | '”' | '’' | ')' | ']')
                && next.start == tokens[end - 1].end
            {
                end += 1;
            } else {
                break;
            }
        }
        out.push(start..end);
        start = end;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letter_fast_path_agrees_with_unicode() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic() && !is_emoji(c), "{c:?}");
        }
    }

    fn words(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(text).iter().map(|t| chars[t.start..t.end].iter().collect()).collect()
    }

    #[test]
    fn arabic_clitics_stay_attached() {
        assert_eq!(words("وقال لافروف لروسيا، وبالقاهرة."), ["وقال", "لافروف", "لروسيا", "،", "وبالقاهرة", "."]);
    }

    #[test]
    fn numbers_and_digits() {
        assert_eq!(
            words("1.5 مليار و 1,000 و٣٫٥ في 2023."),
            ["1.5", "مليار", "و", "1,000", "و", "٣٫٥", "في", "2023", "."]
        );
        assert_eq!(words("12th, November 2023"), ["12th", ",", "November", "2023"]);
        assert_eq!(words("F-16 and G7"), ["F", "-", "16", "and", "G7"]);
        assert_eq!(words("2023وقال"), ["2023", "وقال"]);
        assert_eq!(words("end 3."), ["end", "3", "."]);
    }

    #[test]
    fn punctuation_glued_to_words() {
        assert_eq!(
            words("(روسيا)، «الكرملين»: قال..."),
            ["(", "روسيا", ")", "،", "«", "الكرملين", "»", ":", "قال", "..."]
        );
        assert_eq!(words("Hello,world! Don't stop."), ["Hello", ",", "world", "!", "Don't", "stop", "."]);
        assert_eq!(words("the U.S. army"), ["the", "U.S.", "army"]);
    }

    #[test]
    fn mixed_scripts() {
        assert_eq!(words("قال Lavrov إن NATO"), ["قال", "Lavrov", "إن", "NATO"]);
        assert_eq!(words("موقعBBC"), ["موقع", "BBC"]);
    }

    #[test]
    fn emoji_and_social() {
        assert_eq!(words("رائع👍🏽 جدا 🇸🇦!"), ["رائع", "👍🏽", "جدا", "🇸🇦", "!"]);
        assert_eq!(words("👨‍👩‍👧 family"), ["👨‍👩‍👧", "family"]);
        assert_eq!(
            words("#موسكو.. @20fourMedia https://t.co/zWsn6TNl3w."),
            ["#موسكو", "..", "@20fourMedia", "https://t.co/zWsn6TNl3w", "."]
        );
    }

    #[test]
    fn combining_marks_and_tatweel() {
        assert_eq!(words("مُحَمَّدٌ قـــال café"), ["مُحَمَّدٌ", "قـــال", "café"]);
        assert_eq!(words("cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "👍 روسيا";
        let t = tokenize(text);
        assert_eq!((t[1].start, t[1].end), (2, 7));
    }

    #[test]
    fn sentence_split() {
        let text = "قال لافروف. وأضاف؟ نعم!\nسطر جديد Mr. Smith left. ok";
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(text);
        let s = sentences(&chars, &toks);
        let texts: Vec<String> =
            s.iter().map(|r| chars[toks[r.start].start..toks[r.end - 1].end].iter().collect()).collect();
        assert_eq!(texts, ["قال لافروف.", "وأضاف؟", "نعم!", "سطر جديد Mr. Smith left. ok"]);
    }

    proptest! {
        #[test]
        fn offsets_slice_the_text(s in "\\PC{0,60}") {
            let chars: Vec<char> = s.chars().collect();
            let toks = tokenize(&s);
            let mut last = 0;
            for t in &toks {
                prop_assert!(t.start < t.end && t.end <= chars.len());
                prop_assert!(t.start >= last);
                last = t.end;
                prop_assert!(!chars[t.start..t.end].iter().all(|c| c.is_whitespace()));
            }
            let sents = sentences(&chars, &toks);
            let covered: usize = sents.iter().map(|r| r.len()).sum();
            prop_assert_eq!(covered, toks.len());
        }

        #[test]
        fn mixed_offsets_slice(s in "[\u{0621}-\u{064A}\u{064B}-\u{0652} a-zA-Z0-9.,!?؟،#@:/\u{1F600}-\u{1F64F}\n]{0,60}") {
            let chars: Vec<char> = s.chars().collect();
            for t in tokenize(&s) {
                prop_assert!(t.end <= chars.len() && t.start < t.end);
                prop_assert!(!chars[t.start..t.end].iter().any(|c| c.is_whitespace()));
            }
        }
    }
}
