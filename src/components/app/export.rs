//! Exports other than the project JSON: written here in slices (see `services::export`). The
//! progress goes straight to the export section (its own state), so the library and its thousands
//! of rows are not rendered again after every slice.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::export::{download_failed, Request};
use crate::i18n::{CountKey, Msg, TextKey};
use crate::services::download;
use crate::services::export::{self, ExportFile, ExportProblem};
use crate::state::{Action, AppState, NoticeKind};

/// The notice for an export: what was written (after offering the download), or why not.
fn export_message(result: Result<ExportFile, ExportProblem>) -> Result<Msg, Msg> {
    match result {
        Ok(f) => download::save_blob(&f.name, &f.blob).map_err(download_failed).map(|_| {
            let unit = if f.utf16 { TextKey::unit_utf16 } else { TextKey::unit_codepoints };
            let mut parts = vec![Msg::text(TextKey::exported)
                .with("docs", Msg::count(CountKey::articles, f.documents))
                .with("spans", Msg::count(CountKey::entities, f.spans))
                .with("quotes", Msg::count(CountKey::quotes, f.quotes))
                .with("name", f.name.as_str())
                .with("unit", Msg::text(unit))];
            if f.not_done > 0 {
                parts.push(Msg::count(CountKey::export_left_out, f.not_done));
            }
            if f.dropped > 0 {
                parts.push(Msg::count(CountKey::export_dropped, f.dropped));
            }
            Msg::Join(parts)
        }),
        Err(ExportProblem::NothingDone(n)) => Err(Msg::count(CountKey::export_nothing, n)),
        Err(ExportProblem::Failed(e)) => Err(Msg::text(TextKey::export_failed).with("error", Msg::Export(e))),
        Err(ExportProblem::Browser(e)) => Err(Msg::text(TextKey::export_failed).with("error", Msg::Browser(e))),
        Err(ExportProblem::Cancelled) => Ok(Msg::text(TextKey::export_cancelled)),
    }
}

/// What the export section needs.
pub struct Exporter {
    /// What was written, or why not (the project JSON, written by the section itself).
    pub on_done: Callback<Result<Msg, Msg>>,
    pub on_export: Callback<Request>,
    pub on_cancel: Callback<()>,
}

#[hook]
pub fn use_export(state: &UseReducerHandle<AppState>) -> Exporter {
    let running = use_mut_ref(|| false);
    let cancel = use_mut_ref(|| false);
    let on_done = {
        let d = state.dispatcher();
        Callback::from(move |r: Result<Msg, Msg>| match r {
            Ok(msg) => d.dispatch(Action::Notify(NoticeKind::Info, msg)),
            Err(msg) => d.dispatch(Action::Notify(NoticeKind::Error, msg)),
        })
    };
    let on_export = {
        let (docs, d, running, cancel) = (state.docs.clone(), state.dispatcher(), running.clone(), cancel.clone());
        Callback::from(move |(format, opts, busy): Request| {
            let Some(format) = sanad_core::formats::Format::from_name(&format) else { return };
            if std::mem::replace(&mut *running.borrow_mut(), true) {
                return;
            }
            *cancel.borrow_mut() = false;
            let (docs, d, running, cancel) = (docs.clone(), d.clone(), running.clone(), cancel.clone());
            busy.emit(Some((0, docs.len())));
            spawn_local(async move {
                let progress = |done, total| busy.emit(Some((done, total)));
                let result = export::run(format, opts, &docs, &progress, &|| *cancel.borrow()).await;
                busy.emit(None);
                *running.borrow_mut() = false;
                let (kind, msg) = match export_message(result) {
                    Ok(m) => (NoticeKind::Info, m),
                    Err(m) => (NoticeKind::Error, m),
                };
                d.dispatch(Action::Notify(kind, msg));
            });
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: ()| *cancel.borrow_mut() = true)
    };
    Exporter { on_done, on_export, on_cancel }
}
