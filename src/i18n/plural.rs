//! Plural categories and numbers in the interface language.
//!
//! In the page both come from the browser, `Intl.PluralRules` and `Intl.NumberFormat` through
//! js-sys (no CLDR data in the bundle; see [`super::intl`]). Natively (the reducer's and the
//! catalogue's tests) and wherever `Intl` is missing, the pure-Rust rules here give the same
//! answers; a browser test (tests/dom.rs) checks that they agree with `Intl` for 0..=200 and for
//! grouped numbers.
//!
//! Numbers: English groups with commas ("100,000"); Arabic uses Arabic-Indic digits with the
//! Arabic thousands and decimal separators ("١٠٠٬٠٠٠", "٢٫٥"). Chromium's `Intl.NumberFormat("ar")`
//! now gives Latin digits (CLDR 42 changed the default numbering system of plain `ar`), which would
//! make the Arabic interface's numbers those of the English one; the page asks for
//! `ar-u-nu-arab` rather than a region such as `ar-EG`: the extension says exactly what is wanted
//! (the digits), without taking on one country's other conventions.

use super::Lang;

/// A CLDR plural category (cardinal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    /// The category named as `Intl.PluralRules.select` names it.
    pub fn from_name(name: &str) -> Option<Category> {
        Some(match name {
            "zero" => Category::Zero,
            "one" => Category::One,
            "two" => Category::Two,
            "few" => Category::Few,
            "many" => Category::Many,
            "other" => Category::Other,
            _ => return None,
        })
    }
}

/// CLDR's cardinal rule for a whole number: English one (1) and other; Arabic zero (0), one (1),
/// two (2), few (n % 100 in 3..=10), many (n % 100 in 11..=99), other (100, 101, 102, 1000, ...).
pub fn rule(lang: Lang, n: u64) -> Category {
    match lang {
        Lang::En if n == 1 => Category::One,
        Lang::En => Category::Other,
        Lang::Ar => match (n, n % 100) {
            (0, _) => Category::Zero,
            (1, _) => Category::One,
            (2, _) => Category::Two,
            (_, 3..=10) => Category::Few,
            (_, 11..=99) => Category::Many,
            _ => Category::Other,
        },
    }
}

/// The digits, thousands separator and decimal separator of a language.
fn symbols(lang: Lang) -> (char, char, char) {
    match lang {
        Lang::En => ('0', ',', '.'),
        // ARABIC-INDIC DIGIT ZERO, ARABIC THOUSANDS SEPARATOR, ARABIC DECIMAL SEPARATOR.
        Lang::Ar => ('\u{0660}', '\u{066C}', '\u{066B}'),
    }
}

fn push_grouped(out: &mut String, lang: Lang, n: u64) {
    let (zero, group, _) = symbols(lang);
    let digits = n.to_string();
    let len = digits.len();
    for (i, d) in digits.bytes().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(char::from_u32(zero as u32 + u32::from(d - b'0')).unwrap_or(zero));
    }
}

/// `n` with grouped digits, as `Intl.NumberFormat` writes it for the language.
pub fn group(lang: Lang, n: u64) -> String {
    let mut out = String::with_capacity(24);
    push_grouped(&mut out, lang, n);
    out
}

/// `x` (not negative) with exactly `places` decimals, grouped, as `Intl.NumberFormat` writes it
/// with `minimumFractionDigits` = `maximumFractionDigits` = `places`.
pub fn group_decimal(lang: Lang, x: f64, places: u8) -> String {
    let scale = 10u64.pow(u32::from(places));
    let n = (x.max(0.0) * scale as f64).round() as u64;
    let mut out = group(lang, n / scale);
    if places > 0 {
        let (zero, _, point) = symbols(lang);
        out.push(point);
        let frac = format!("{:0width$}", n % scale, width = usize::from(places));
        out.extend(frac.bytes().map(|d| char::from_u32(zero as u32 + u32::from(d - b'0')).unwrap_or(zero)));
    }
    out
}

/// The plural category of `n` in `lang` (the browser's `Intl.PluralRules` in the page).
pub fn category(lang: Lang, n: u64) -> Category {
    #[cfg(target_arch = "wasm32")]
    if let Some((c, _)) = super::intl::count(lang, n) {
        return c;
    }
    rule(lang, n)
}

/// `n` written for `lang` (the browser's `Intl.NumberFormat` in the page).
pub fn number(lang: Lang, n: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some((_, s)) = super::intl::count(lang, n) {
        return s.to_string();
    }
    group(lang, n)
}

/// The plural category of `n` and `n` written for `lang`, together (one look-up in the page).
pub fn count(lang: Lang, n: u64) -> (Category, String) {
    #[cfg(target_arch = "wasm32")]
    if let Some((c, s)) = super::intl::count(lang, n) {
        return (c, s.to_string());
    }
    (rule(lang, n), group(lang, n))
}

/// `x` with `places` decimals written for `lang`.
pub fn decimal(lang: Lang, x: f64, places: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = super::intl::decimal(lang, x, places) {
        return s;
    }
    group_decimal(lang, x, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_categories_follow_cldr() {
        let cases = [
            (0, Category::Zero),
            (1, Category::One),
            (2, Category::Two),
            (3, Category::Few),
            (10, Category::Few),
            (11, Category::Many),
            (99, Category::Many),
            (100, Category::Other),
            (101, Category::Other),
            (102, Category::Other),
            (103, Category::Few),
            (111, Category::Many),
            (1000, Category::Other),
            (1002, Category::Other),
        ];
        for (n, c) in cases {
            assert_eq!(rule(Lang::Ar, n), c, "{n}");
        }
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(rule(Lang::En, 1), Category::One);
        for n in [0, 2, 3, 11, 21, 100, 101] {
            assert_eq!(rule(Lang::En, n), Category::Other, "{n}");
        }
    }

    #[test]
    fn numbers_are_grouped_in_each_language() {
        assert_eq!(group(Lang::En, 0), "0");
        assert_eq!(group(Lang::En, 999), "999");
        assert_eq!(group(Lang::En, 1000), "1,000");
        assert_eq!(group(Lang::En, 100_000), "100,000");
        assert_eq!(group(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(group(Lang::Ar, 100_000), "١٠٠٬٠٠٠");
        assert_eq!(group(Lang::Ar, 7), "٧");
        assert_eq!(group_decimal(Lang::En, 2.25, 1), "2.3");
        assert_eq!(group_decimal(Lang::En, 1234.5, 1), "1,234.5");
        assert_eq!(group_decimal(Lang::Ar, 1234.56, 1), "١٬٢٣٤٫٦");
        assert_eq!(group_decimal(Lang::En, 0.0, 2), "0.00");
    }

    #[test]
    fn category_names_are_intls() {
        for (name, c) in [("zero", Category::Zero), ("few", Category::Few), ("other", Category::Other)] {
            assert_eq!(Category::from_name(name), Some(c));
        }
        assert_eq!(Category::from_name("several"), None);
    }
}
