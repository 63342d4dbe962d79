//! The browser's `Intl.PluralRules` and `Intl.NumberFormat`, through js-sys (page only).
//!
//! The formatters are made once per language and kept; the answers for numbers up to
//! [`MEMO_BELOW`] are remembered, so a library of thousands of rows (two counts each) asks the
//! browser once per distinct number, not twice per row. Where `Intl` is missing every function
//! returns `None` and the callers use the pure-Rust rules of [`super::plural`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::plural::Category;
use super::Lang;

/// Numbers below this are remembered (a count in the interface is nearly always small).
const MEMO_BELOW: u64 = 4096;

struct Formatters {
    plurals: Intl::PluralRules,
    /// `Intl.NumberFormat.prototype.format`, bound to the formatter.
    integers: Function,
    /// Formatters with a fixed number of decimals, by that number.
    decimals: HashMap<u8, Function>,
}

#[derive(Default)]
struct Browser {
    langs: [Option<Formatters>; 2],
    memo: HashMap<(Lang, u64), (Category, Rc<str>)>,
}

thread_local! {
    static BROWSER: RefCell<Browser> = RefCell::new(Browser::default());
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ar => 1,
    }
}

/// The locale numbers are written in (see the module comment of `plural` for `ar-u-nu-arab`).
fn number_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ar => "ar-u-nu-arab",
    }
}

fn number_format(lang: Lang, places: Option<u8>) -> Option<Function> {
    let options = Object::new();
    if let Some(p) = places {
        let p = JsValue::from_f64(f64::from(p));
        Reflect::set(&options, &JsValue::from_str("minimumFractionDigits"), &p).ok()?;
        Reflect::set(&options, &JsValue::from_str("maximumFractionDigits"), &p).ok()?;
    }
    let f = Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(number_locale(lang))), &options);
    f.format().dyn_into().ok()
}

fn make(lang: Lang) -> Option<Formatters> {
    // The constructors throw where `Intl` is missing: look first.
    if !Reflect::has(&js_sys::global(), &JsValue::from_str("Intl")).unwrap_or(false) {
        return None;
    }
    let plurals = Intl::PluralRules::new(&Array::of1(&JsValue::from_str(lang.code())), &Object::new());
    Some(Formatters { plurals, integers: number_format(lang, None)?, decimals: HashMap::new() })
}

/// Runs `f` with the browser's state and the formatters of `lang` (made at the first use).
fn with<R>(
    lang: Lang,
    f: impl FnOnce(&mut Formatters, &mut HashMap<(Lang, u64), (Category, Rc<str>)>) -> Option<R>,
) -> Option<R> {
    BROWSER.with(|b| {
        let mut b = b.borrow_mut();
        let Browser { langs, memo } = &mut *b;
        let slot = &mut langs[slot(lang)];
        if slot.is_none() {
            *slot = Some(make(lang)?);
        }
        f(slot.as_mut()?, memo)
    })
}

fn call(format: &Function, x: f64) -> Option<String> {
    format.call1(&JsValue::UNDEFINED, &JsValue::from_f64(x)).ok()?.as_string()
}

/// The plural category of `n` and `n` written for `lang`, as the browser's `Intl` gives them.
pub fn count(lang: Lang, n: u64) -> Option<(Category, Rc<str>)> {
    with(lang, |f, memo| {
        if let Some(hit) = memo.get(&(lang, n)) {
            return Some(hit.clone());
        }
        let category = Category::from_name(&String::from(f.plurals.select(n as f64)))?;
        let text: Rc<str> = call(&f.integers, n as f64)?.into();
        if n < MEMO_BELOW {
            memo.insert((lang, n), (category, Rc::clone(&text)));
        }
        Some((category, text))
    })
}

/// `x` with `places` decimals, as the browser's `Intl.NumberFormat` writes it for `lang`.
pub fn decimal(lang: Lang, x: f64, places: u8) -> Option<String> {
    with(lang, |f, _| {
        let format = match f.decimals.entry(places) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(number_format(lang, Some(places))?),
        };
        call(format, x.max(0.0))
    })
}
