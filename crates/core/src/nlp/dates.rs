//! Rule-based DATE spans for Arabic and English: weekdays, Gregorian months (Egyptian/Gulf and
//! Levantine names), Hijri months, day numbers (also ordinals such as "12th") and years after a month.
//! "12th, November 2023", "November 1, 2023", "12 نوفمبر 2023", "الأحد", "15 كانون الثاني 2024",
//! "1 رمضان 1445 هـ".

use super::hash::{fnv1a64, FastSet};
use super::normalize::{analyses, clitic, normalize_key};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Weekday,
    /// A month name; `true` when the word is ambiguous and needs a number beside it.
    Month(bool),
    Day,
    Year,
    Comma,
    /// "يوم" before a weekday, "of" inside "12th of November".
    Glue,
    /// Era marks after a year: م هـ AD BC.
    Era,
    Other,
}

const EN_WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const EN_MONTHS: &[&str] =
    &["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"];
const EN_MONTHS_AMBIGUOUS: &[&str] =
    &["may", "march", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
const AR_WEEKDAYS: &[&str] = &["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];
/// Single-word month names (normalised).
const AR_MONTHS: &[&str] = &[
    "يناير",
    "فبراير",
    "ابريل",
    "مايو",
    "يونيو",
    "يونيه",
    "يوليو",
    "يوليه",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "شباط",
    "اذار",
    "نيسان",
    "ايار",
    "حزيران",
    "تموز",
    "ايلول",
    "شعبان",
    "رمضان",
    "شوال",
];
const AR_MONTHS_AMBIGUOUS: &[&str] = &["مارس", "اب", "محرم", "صفر", "رجب"];
/// Two-word month names: first word, then the possible second words.
const AR_MONTH_PAIRS: &[(&str, &[&str])] = &[
    ("كانون", &["الثاني", "الاول"]),
    ("تشرين", &["الثاني", "الاول"]),
    ("ربيع", &["الاول", "الثاني", "الاخر"]),
    ("جمادي", &["الاولي", "الاول", "الثانيه", "الاخره", "الثاني", "الاخر"]),
    ("ذو", &["القعده", "الحجه"]),
    ("ذي", &["القعده", "الحجه"]),
];

/// True when `key`, or `key` without up to three leading letters (proclitics), is an Arabic weekday
/// or month word: a cheap filter before the proclitic analysis.
fn maybe_arabic_date_word(key: &str) -> bool {
    /// Hashes of the words, and of their last two letters (a quick first test).
    static WORDS: std::sync::OnceLock<(FastSet<u64>, FastSet<u64>)> = std::sync::OnceLock::new();
    fn ending(w: &str) -> Option<u64> {
        let b = w.char_indices().rev().nth(1)?.0;
        Some(fnv1a64(&w.as_bytes()[b..]))
    }
    if !key.starts_with(|c: char| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return false;
    }
    let (words, endings) = WORDS.get_or_init(|| {
        let all: Vec<&str> = AR_WEEKDAYS
            .iter()
            .chain(AR_MONTHS)
            .chain(AR_MONTHS_AMBIGUOUS)
            .copied()
            .chain(AR_MONTH_PAIRS.iter().map(|(f, _)| *f))
            .collect();
        (all.iter().map(|w| fnv1a64(w.as_bytes())).collect(), all.iter().filter_map(|w| ending(w)).collect())
    });
    if !ending(key).is_some_and(|e| endings.contains(&e)) {
        return false;
    }
    // A hash hit is only a hint: the caller compares the stems exactly.
    key.char_indices().take(4).any(|(b, _)| words.contains(&fnv1a64(&key.as_bytes()[b..])))
}

fn stems(key: &str) -> Vec<String> {
    // Conjunction and preposition proclitics only: "وفي نوفمبر" "بيناير" "والأحد".
    analyses(key)
        .into_iter()
        .filter(|a| a.flags & !(clitic::WA | clitic::FA | clitic::BI | clitic::LI) == 0)
        .map(|a| a.stem)
        .collect()
}

fn number_value(key: &str) -> Option<u32> {
    let d = key.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = key.split_at(d);
    if digits.is_empty() || !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    digits.parse().ok()
}

/// Finds date spans over a sentence's words; returns token ranges `start..end`.
pub fn find_dates<S: AsRef<str>>(words: &[S]) -> Vec<std::ops::Range<usize>> {
    let keys: Vec<String> = words.iter().map(|w| normalize_key(w.as_ref())).collect();
    find_dates_keyed(&keys)
}

/// [`find_dates`] over the words' normalised keys ([`normalize_key`]).
pub fn find_dates_keyed<K: AsRef<str>>(keys: &[K]) -> Vec<std::ops::Range<usize>> {
    let n = keys.len();
    // Classify, with two-word Arabic months folded into their first token (second marked Glue).
    let mut kinds = vec![Kind::Other; n];
    let mut width = vec![1usize; n];
    for i in 0..n {
        let k = keys[i].as_ref();
        if let Some(v) = number_value(k) {
            let ordinal = k.len() > 2 && !k.ends_with(|c: char| c.is_ascii_digit());
            kinds[i] = if (1..=31).contains(&v) && (ordinal || k.len() <= 2) {
                Kind::Day
            } else if k.len() == 4 && (1300..=2100).contains(&v) {
                Kind::Year
            } else {
                Kind::Other
            };
            continue;
        }
        kinds[i] = match k {
            "," | "،" => Kind::Comma,
            "of" | "يوم" | "the" => Kind::Glue,
            "م" | "ه" | "هـ" | "ad" | "bc" | "ce" | "ah" => Kind::Era,
            _ => Kind::Other,
        };
        if kinds[i] != Kind::Other {
            continue;
        }
        if EN_WEEKDAYS.contains(&k) {
            kinds[i] = Kind::Weekday;
        } else if EN_MONTHS.contains(&k) {
            kinds[i] = Kind::Month(false);
        } else if EN_MONTHS_AMBIGUOUS.contains(&k) {
            kinds[i] = Kind::Month(true);
        } else if maybe_arabic_date_word(k) {
            for s in stems(k) {
                if AR_WEEKDAYS.contains(&s.as_str()) {
                    kinds[i] = Kind::Weekday;
                } else if AR_MONTHS.contains(&s.as_str()) {
                    kinds[i] = Kind::Month(false);
                } else if AR_MONTHS_AMBIGUOUS.contains(&s.as_str()) {
                    kinds[i] = Kind::Month(true);
                } else if let Some((_, seconds)) = AR_MONTH_PAIRS.iter().find(|(f, _)| *f == s) {
                    if i + 1 < n && seconds.contains(&keys[i + 1].as_ref()) {
                        kinds[i] = Kind::Month(false);
                        width[i] = 2;
                    }
                }
                if kinds[i] != Kind::Other {
                    break;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !matches!(kinds[i], Kind::Weekday | Kind::Month(_) | Kind::Day) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut has_weekday = false;
        let mut month: Option<bool> = None;
        let mut has_num = false;
        // Optional weekday and comma.
        if kinds[j] == Kind::Weekday {
            has_weekday = true;
            j += 1;
            if j + 1 < n && kinds[j] == Kind::Comma && matches!(kinds[j + 1], Kind::Day | Kind::Month(_)) {
                j += 1;
            }
        }
        let mut end = j;
        // Optional day (with "," or "of" before the month).
        let mut k = j;
        if k < n && kinds[k] == Kind::Day {
            k += 1;
            while k < n && matches!(kinds[k], Kind::Comma | Kind::Glue) && k - j < 3 {
                k += 1;
            }
            if k < n && matches!(kinds[k], Kind::Month(_)) {
                has_num = true;
                j = k;
            }
        }
        if j < n {
            if let Kind::Month(amb) = kinds[j] {
                month = Some(amb);
                j += width[j];
                end = j;
                // Day after the month: "November 1, 2023".
                if j < n && kinds[j] == Kind::Day {
                    has_num = true;
                    j += 1;
                    end = j;
                }
                // Year, possibly after a comma, with an optional era mark.
                let mut y = j;
                if y < n && kinds[y] == Kind::Comma {
                    y += 1;
                }
                if y < n && kinds[y] == Kind::Year {
                    has_num = true;
                    end = y + 1;
                    if end < n && kinds[end] == Kind::Era {
                        end += 1;
                    }
                }
            }
        }
        let ok = match month {
            Some(amb) => !amb || has_num,
            None => has_weekday,
        };
        if ok && end > start {
            // "يوم الأحد": take the day word before a weekday.
            let s = if start > 0 && kinds[start - 1] == Kind::Glue && keys[start - 1].as_ref() == "يوم" {
                start - 1
            } else {
                start
            };
            out.push(s..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        let words: Vec<&str> = text.split(' ').collect();
        find_dates(&words).into_iter().map(|r| words[r].join(" ")).collect()
    }

    #[test]
    fn english() {
        assert_eq!(dates("published 12th , November 2023 GMT"), ["12th , November 2023"]);
        assert_eq!(dates("on November 1 , 2023 he"), ["November 1 , 2023"]);
        assert_eq!(dates("on Monday , 3 March he"), ["Monday , 3 March"]);
        assert_eq!(dates("in June we"), ["June"]);
        assert_eq!(dates("you may go in March"), Vec::<String>::new());
        assert_eq!(dates("the 5th of May 2020"), ["5th of May 2020"]);
        assert_eq!(dates("Jan 2020 sales"), ["Jan 2020"]);
    }

    #[test]
    fn arabic() {
        assert_eq!(dates("وقال لافروف ، الأحد ، إن"), ["الأحد"]);
        assert_eq!(dates("في 12 نوفمبر 2023 م"), ["12 نوفمبر 2023 م"]);
        assert_eq!(dates("يوم الخميس 15 كانون الثاني 2024"), ["يوم الخميس 15 كانون الثاني 2024"]);
        assert_eq!(dates("في 1 رمضان 1445 هـ"), ["1 رمضان 1445 هـ"]);
        assert_eq!(dates("منتصف ربيع الأول المقبل"), ["ربيع الأول"]);
        assert_eq!(dates("وفي أيلول الماضي"), ["وفي أيلول"].iter().map(|s| s.replace("وفي ", "")).collect::<Vec<_>>());
        assert_eq!(dates("عاد صفر اليدين"), Vec::<String>::new());
        assert_eq!(dates("في 3 آب"), ["3 آب"]);
        assert_eq!(dates("قال رجب طيب"), Vec::<String>::new());
    }
}
