//! Per-browser preferences kept in `localStorage` (the interface language, the open project), and
//! applying the language to the page (`<html lang dir>`).

use crate::i18n::Lang;

const LANG_KEY: &str = "sanad.ui-lang";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered interface language; otherwise Arabic when the browser prefers Arabic.
pub fn ui_lang() -> Lang {
    if let Some(lang) = local().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).and_then(|c| Lang::from_code(&c)) {
        return lang;
    }
    let preferred = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if preferred.starts_with("ar") {
        Lang::Ar
    } else {
        Lang::En
    }
}

/// Remembers the language (best effort: private modes may refuse) and mirrors the page for it.
pub fn set_ui_lang(lang: Lang) {
    if let Some(s) = local() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
    apply(lang);
}

/// Sets `<html lang dir>`: in Arabic the whole layout mirrors (the CSS uses logical properties).
pub fn apply(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.code());
        let _ = html.set_attribute("dir", lang.dir());
    }
}

const PROJECT_KEY: &str = "sanad.project";

/// The project this browser had open last (remembered across reloads).
pub fn current_project() -> Option<String> {
    local().and_then(|s| s.get_item(PROJECT_KEY).ok().flatten()).filter(|p| !p.is_empty())
}

/// Remembers the open project (best effort), or forgets it.
pub fn set_current_project(project: Option<&str>) {
    if let Some(s) = local() {
        let _ = match project {
            Some(p) => s.set_item(PROJECT_KEY, p),
            None => s.remove_item(PROJECT_KEY),
        };
    }
}
