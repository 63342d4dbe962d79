//! Language detection by script: enough to choose Arabic or English models and text direction.

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
}
