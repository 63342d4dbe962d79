//! Language detection by script: enough to choose Arabic or English models and text direction, per
//! document or per paragraph.

/// Returns `"ar"` when Arabic-script letters outnumber Latin ones, else `"en"`.
pub fn detect(text: &str) -> &'static str {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    if arabic > latin {
        "ar"
    } else {
        "en"
    }
}

/// Fewest letters for a paragraph to get a language of its own; shorter ones ("AFP", "(3)") take the
/// document's.
pub const PARAGRAPH_MIN_LETTERS: usize = 8;

/// A paragraph (a line, without its line break) and its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParagraphLang<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point (the line break excluded).
    pub end: usize,
    /// `"ar"` or `"en"` as [`detect`] decides on the paragraph alone, or `default` for a paragraph
    /// with fewer than [`PARAGRAPH_MIN_LETTERS`] letters.
    pub lang: &'a str,
}

/// The language of every non-blank line of `text`, in order. Offsets are code points.
pub fn paragraph_languages<'a>(text: &str, default: &'a str) -> Vec<ParagraphLang<'a>> {
    let mut out = Vec::new();
    let (mut arabic, mut latin, mut start, mut pos) = (0usize, 0usize, 0usize, 0usize);
    let mut push = |start: usize, end: usize, arabic: usize, latin: usize| {
        if end > start && arabic + latin > 0 {
            let lang = if arabic + latin < PARAGRAPH_MIN_LETTERS {
                default
            } else if arabic > latin {
                "ar"
            } else {
                "en"
            };
            out.push(ParagraphLang { start, end, lang });
        }
    };
    for c in text.chars() {
        if c == '\n' {
            push(start, pos, arabic, latin);
            (arabic, latin, start) = (0, 0, pos + 1);
        } else if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
        pos += 1;
    }
    push(start, pos, arabic, latin);
    out
}

/// The distinct languages of a text's paragraphs (see [`paragraph_languages`]), `default` first.
pub fn languages_of<'a>(text: &str, default: &'a str) -> Vec<&'a str> {
    let mut out = vec![default];
    for p in paragraph_languages(text, default) {
        if !out.contains(&p.lang) {
            out.push(p.lang);
        }
    }
    out
}

/// True for letters of the Arabic script blocks (Arabic, Supplement, Extended-A, presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn detects() {
        assert_eq!(super::detect("قال لافروف إن روسيا (Russia)"), "ar");
        assert_eq!(super::detect("Lavrov said Россия"), "en");
        assert_eq!(super::detect("123"), "en");
    }

    #[test]
    fn paragraphs_get_their_own_language() {
        let text = "قال وزير الخارجية الروسي سيرغي لافروف\r\n\nForeign Minister Sergei Lavrov said\n(AFP)\n  \n12";
        let p = super::paragraph_languages(text, "ar");
        let got: Vec<(String, &str)> =
            p.iter().map(|p| (text.chars().skip(p.start).take(p.end - p.start).collect(), p.lang)).collect();
        assert_eq!(got[0].1, "ar");
        assert_eq!(got[0].0.trim_end(), "قال وزير الخارجية الروسي سيرغي لافروف");
        assert_eq!(got[1], ("Foreign Minister Sergei Lavrov said".to_string(), "en"));
        // Too few letters: the document's language.
        assert_eq!(got[2], ("(AFP)".to_string(), "ar"));
        // Blank and letterless lines are not paragraphs with a language.
        assert_eq!(got.len(), 3);
        assert_eq!(super::languages_of(text, "ar"), ["ar", "en"]);
        assert_eq!(super::languages_of("Only English here.", "en"), ["en"]);
        assert!(super::paragraph_languages("", "en").is_empty());
    }
}
