//! The interface's one string catalogue, English and Arabic, and how values are worded in it.
//!
//! Every user-visible string of the interface is a key of [`catalogue`], written once with both
//! languages, so a missing translation is a compile error. Components read the catalogue of the
//! current language with [`use_strings`]; text with values in it uses `{name}` placeholders filled
//! by [`fill`]; numbers are written by [`Strings::num`] and counts with their plural forms by
//! [`Strings::count`] (`plural`: CLDR categories and grouped digits, from the browser's `Intl` in
//! the page). The state keeps messages as [`Msg`] (a key and its values), worded when shown. The
//! core's errors are worded in [`errors`], one function per error type. User text (articles,
//! titles, labels) is never in here and never HTML.
//!
//! - `catalogue`: the texts and counts, and their keys.
//! - `plural`: plural categories and numbers (pure Rust rules; `intl`: the browser's, in the page).
//! - `message`: [`Msg`].
//! - `summary`: what an edit did; `errors`: the core's errors.

use std::fmt::Display;

use yew::prelude::*;

mod catalogue;
pub mod errors;
#[cfg(target_arch = "wasm32")]
mod intl;
mod message;
pub mod plural;
mod summary;

pub use catalogue::{CountKey, Forms, Strings, TextKey, ALL, ALL_COUNTS, AR, EN};
pub use message::{Arg, Msg};
pub use summary::{kind_name, summary};

/// The interface language. Arabic mirrors the whole layout (`<html dir="rtl">`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ar => "rtl",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Ar => &AR,
        }
    }
}

/// `template` with each `{name}` replaced by its value. Unknown placeholders stay as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `x` with `places` decimals in ASCII digits, for attributes read by programs (`data-ms`), not
/// people; without the float formatting machinery (which costs the bundle about 10 KB of code).
pub fn decimals(x: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let n = (x.max(0.0) * scale as f64).round() as u64;
    format!("{}.{:0width$}", n / scale, n % scale, width = places as usize)
}

impl Strings {
    /// `n` written for this language: "100,000", "١٠٠٬٠٠٠".
    pub fn num(&self, n: usize) -> String {
        plural::number(self.lang, n as u64)
    }

    /// `x` with `places` decimals written for this language: "2.5", "٢٫٥".
    pub fn dec(&self, x: f64, places: u8) -> String {
        plural::decimal(self.lang, x, places)
    }

    /// The count `key` for `n`: the form `n` calls for in this language, `{n}` the number.
    pub fn count(&self, key: CountKey, n: usize) -> String {
        // The same as `Msg::count(key, n).render(self)`, without the message (a library row shows
        // two counts, and is drawn again after every edit).
        let (category, number) = plural::count(self.lang, n as u64);
        self.forms(key).pick(category).replace("{n}", &number)
    }

    /// A project's name as shown: the default names the page gave ("My library", "New project",
    /// "Import", in either language) are shown in this language; names the user gave, as written.
    pub fn project_name<'a>(&'static self, name: &'a str) -> &'a str {
        let default = |f: fn(&Strings) -> &'static str| [f(&EN), f(&AR)].contains(&name).then(|| f(self));
        default(|t| t.default_project_name)
            .or_else(|| default(|t| t.project_new_name))
            .or_else(|| default(|t| t.import_project_default))
            .unwrap_or(name)
    }
}

#[hook]
pub fn use_strings() -> &'static Strings {
    use_context::<Lang>().unwrap_or_default().strings()
}

/// The name of a document status in the interface language.
pub fn status_name(t: &'static Strings, status: sanad_core::Status) -> &'static str {
    match status {
        sanad_core::Status::New => t.status_new,
        sanad_core::Status::InProgress => t.status_in_progress,
        sanad_core::Status::Done => t.status_done,
        sanad_core::Status::Skipped => t.status_skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> =
            s.match_indices('{').filter_map(|(i, _)| s[i + 1..].split_once('}').map(|p| p.0)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn both_languages_have_the_same_placeholders_and_no_empty_text() {
        for (key, en, ar) in ALL {
            assert_eq!(placeholders(en), placeholders(ar), "{key}");
            assert!(!en.trim().is_empty() && !ar.trim().is_empty(), "{key}");
        }
    }

    fn others(s: &str) -> Vec<&str> {
        placeholders(s).into_iter().filter(|p| *p != "n").collect()
    }

    #[test]
    fn every_form_of_a_count_has_the_same_values() {
        // `{n}` may be left out of a form that says the number in words ("مقالة واحدة"), never
        // out of an English one; the other values are in every form.
        for (key, en, ar) in ALL_COUNTS {
            let want = others(en[1]);
            for form in en.iter().chain(ar) {
                assert_eq!(others(form), want, "{key}: {form}");
                assert!(!form.trim().is_empty(), "{key}");
            }
            assert!(en.iter().all(|f| f.contains("{n}")), "{key}");
            // Arabic: few, many and other are written with the digits.
            assert!(ar[3..].iter().all(|f| f.contains("{n}")), "{key}");
        }
    }

    #[test]
    fn arabic_texts_are_arabic() {
        let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        // Texts that are only values and punctuation (" · {spans} · {quotes}") have no words.
        let words = |s: &str| {
            let mut rest = s.to_string();
            for p in placeholders(s) {
                rest = rest.replace(&format!("{{{p}}}"), "");
            }
            rest.chars().any(char::is_alphabetic)
        };
        for (key, _, ar) in ALL {
            if *key != "switch_language_title" && words(ar) {
                assert!(arabic(ar) || *key == "switch_language", "{key}: {ar}");
            }
        }
        for (key, _, ar) in ALL_COUNTS {
            assert!(ar.iter().all(|f| arabic(f)), "{key}");
        }
    }

    #[test]
    fn fill_replaces_named_values_only() {
        assert_eq!(fill("{done} of {total}", &[("done", &3), ("total", &"5")]), "3 of 5");
        assert_eq!(fill("{x} {unknown} {", &[("x", &1)]), "1 {unknown} {");
        assert_eq!(fill(AR.progress_done, &[("done", &AR.num(1)), ("total", &AR.num(2))]), "أُنجز ١ من ٢");
    }

    #[test]
    fn arabic_counts_take_the_form_of_their_number() {
        let cases: [(CountKey, [&str; 6]); 3] = [
            (CountKey::articles, ["٠ مقالة", "مقالة واحدة", "مقالتان", "٣ مقالات", "١١ مقالة", "١٠٠ مقالة"]),
            (CountKey::entities, ["٠ كيان", "كيان واحد", "كيانان", "٣ كيانات", "١١ كيانًا", "١٠٠ كيان"]),
            (CountKey::quotes, ["٠ اقتباس", "اقتباس واحد", "اقتباسان", "٣ اقتباسات", "١١ اقتباسًا", "١٠٠ اقتباس"]),
        ];
        for (key, want) in cases {
            for (n, w) in [0, 1, 2, 3, 11, 100].into_iter().zip(want) {
                assert_eq!(AR.count(key, n), w, "{key:?} {n}");
            }
        }
        // A sentence that agrees with its number.
        let left_out = |n| AR.count(CountKey::export_left_out, n);
        assert_eq!(left_out(1), "؛ استُبعدت مقالة واحدة غير منجزة");
        assert_eq!(left_out(2), "؛ استُبعدت مقالتان غير منجزتين");
        assert_eq!(left_out(3), "؛ استُبعدت ٣ مقالات غير منجزة");
        assert_eq!(left_out(11), "؛ استُبعدت ١١ مقالة غير منجزة");
        assert_eq!(left_out(100), "؛ استُبعدت ١٠٠ مقالة غير منجزة");
        // The oblique case: "of two articles".
        assert_eq!(
            fill(AR.tag_progress, &[("done", &AR.num(1)), ("total", &AR.count(CountKey::articles_of, 2))]),
            "اقتراح الكيانات: ١ من مقالتين"
        );
    }

    #[test]
    fn english_counts_have_one_and_other() {
        assert_eq!(EN.count(CountKey::articles, 1), "1 article");
        assert_eq!(EN.count(CountKey::articles, 0), "0 articles");
        assert_eq!(EN.count(CountKey::articles, 100_000), "100,000 articles");
        assert_eq!(EN.count(CountKey::entities, 1), "1 entity");
        assert_eq!(EN.count(CountKey::entities, 2), "2 entities");
        let msg = Msg::count(CountKey::import_problems, 1).with("problems", 4usize);
        assert_eq!(msg.render(&EN), "Problems (4); 1 record with problems is skipped");
        assert_eq!(msg.render(&AR), "مشكلات (٤)؛ يُتخطّى سجل واحد فيه مشكلات");
    }

    #[test]
    fn a_message_is_worded_in_the_language_it_is_shown_in() {
        let msg = Msg::text(TextKey::import_added)
            .with("source", EN.pasted_text)
            .with("added", Msg::count(CountKey::articles, 1));
        assert_eq!(msg.render(&EN), "Pasted text: 1 article added");
        assert_eq!(msg.render(&AR), "Pasted text: أضيف مقالة واحدة");
        let joined = Msg::Join(vec![msg, Msg::count(CountKey::import_renamed, 2)]);
        assert_eq!(joined.render(&AR), "Pasted text: أضيف مقالة واحدة (أعيدت تسمية مقالتين: معرّفاهما مستخدمان)");
    }

    #[test]
    fn default_project_names_follow_the_interface_language() {
        assert_eq!(AR.project_name("My library"), "مكتبتي");
        assert_eq!(EN.project_name("مكتبتي"), "My library");
        assert_eq!(AR.project_name("New project"), "مشروع جديد");
        assert_eq!(AR.project_name("Newsroom"), "Newsroom");
    }
}
