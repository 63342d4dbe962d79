//! The root component: owns the state (a reducer) and composes the hooks that connect it to the
//! services, each in its own module (as yew's todomvc keeps hooks apart):
//!
//! - `startup`: service worker, the project's lock, reading the library, the URL and the language;
//! - `persistence`: the storage handles, writing what changed, the storage banner's actions;
//! - `tagging`: the tagger worker's feed and answers, and a pasted article;
//! - `import`: files read, previewed and added; `export`: exports in slices;
//! - `projects`: switching, creating, duplicating, deleting projects;
//! - `tab_lock`: one editing tab per project.
//!
//! What is left here is the view.

mod export;
mod import;
mod persistence;
mod projects;
mod startup;
mod tab_lock;
mod tagging;

use yew::prelude::*;

use crate::components::agreement::AgreementView;
use crate::components::article::ArticleView;
use crate::components::export::Export;
use crate::components::import::ImportDialog;
use crate::components::library::Library;
use crate::components::notices::Notices;
use crate::components::settings::Settings;
use crate::i18n::{decimals, fill, CountKey, Lang, Strings};
use crate::services::{prefs, sw};
use crate::state::{Action, AppState, Persistence, Shared, Tab, Tagging};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::with_lang(prefs::ui_lang()));
    let store = persistence::use_store();
    startup::use_startup(&state, &store);
    let on_switch_lang = startup::use_switch_lang(&state);
    let banner = persistence::use_persistence(&state, &store);
    let tagger = tagging::use_tagger(&state);
    let take_over = tab_lock::use_take_over(&state);
    let on_project = projects::use_projects(&state, &store);
    let import = import::use_import(&state, on_project.clone());
    let exporter = export::use_export(&state);

    let settings_open = use_state_eq(|| false);
    let open_settings = {
        let o = settings_open.clone();
        Callback::from(move |_: MouseEvent| o.set(true))
    };
    let close_settings = {
        let o = settings_open.clone();
        Callback::from(move |_: ()| o.set(false))
    };
    // Stable across renders, so components taking them re-render only when their data changes.
    let on_action = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| d.dispatch(a)))).clone()
    };
    let on_close = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |_| d.dispatch(Action::Close)))).clone()
    };
    let on_open = {
        let d = state.dispatcher();
        Callback::from(move |id: String| d.dispatch(Action::Open(id)))
    };
    let on_agreement = {
        let d = state.dispatcher();
        Callback::from(move |_: ()| d.dispatch(Action::ShowAgreement(true)))
    };
    let on_dismiss = {
        let d = state.dispatcher();
        Callback::from(move |id: u32| d.dispatch(Action::Dismiss(id)))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());

    let s = state.lang.strings();
    let open_doc = state.open_document().cloned();
    let (can_undo, can_redo) =
        state.open.as_deref().map_or((false, false), |id| (state.histories.can_undo(id), state.histories.can_redo(id)));
    let storage_note = match state.persistence {
        Persistence::Loading => s.storage_loading,
        Persistence::Saved => s.storage_saved,
        Persistence::MemoryOnly => s.storage_memory,
    };
    let other_lang = if state.lang == Lang::Ar { Lang::En } else { Lang::Ar };

    html! {
        <ContextProvider<Lang> context={state.lang}>
        <div class="app" {ondragover} ondrop={import.ondrop}>
            <header class="topbar">
                <h1 class="brand"><span lang="en">{"Sanad"}</span>{" "}<span lang="ar" dir="rtl">{"سند"}</span></h1>
                <p class="tagline">{ s.tagline }</p>
                if state.update_ready {
                    <p class="update" role="status" data-testid="update-ready">
                        { s.update_ready }{" "}
                        <button onclick={Callback::from(|_: MouseEvent| sw::apply_update())}>{ s.update_reload }</button>
                    </p>
                }
                <p class="storage" data-testid="storage-status">{storage_note}</p>
                <span class="project-name" data-testid="project-name" dir="auto">{ s.project_name(&state.project.name) }</span>
                <button class="settings-button" data-testid="settings-button" onclick={open_settings}>{ s.settings_button }</button>
                <button class="lang-switch" data-testid="ui-lang" lang={other_lang.code()} title={s.switch_language_title}
                    onclick={on_switch_lang}>{ s.switch_language }</button>
            </header>
            <Notices notices={state.notices.clone()} {on_dismiss} />
            if state.tab.read_only() {
                <div class="banner" role="alert" data-testid="tab-banner">
                    <span>{ if state.tab == Tab::Lost { s.tab_lost } else { s.tab_read_only } }</span>
                    <button onclick={take_over} data-testid="tab-take-over">{ s.tab_take_over }</button>
                </div>
            }
            if state.persistence == Persistence::MemoryOnly {
                <div class="banner" role="alert" data-testid="storage-banner">
                    <span>{ s.storage_banner }</span>
                    <button onclick={banner.export_now} data-testid="storage-export">{ s.storage_export_now }</button>
                    <button onclick={banner.retry_save} data-testid="storage-retry">{ s.storage_retry }</button>
                </div>
            }
            if *settings_open {
                <Settings labels={state.labels.clone()} docs={state.docs.clone()} settings={state.settings}
                    can_undo={!state.schema_undo.is_empty()} project={state.project.clone()}
                    projects={state.projects.clone()} {on_project}
                    on_action={on_action.clone()} on_close={close_settings} />
            }
            { tag_progress(s, &state.tagging, tagger.on_cancel) }
            <ImportDialog stage={import.stage} docs={state.docs.clone()} on_cancel={import.on_cancel}
                on_confirm={import.on_confirm} />
            <div class="layout">
                <Library
                    docs={state.docs.clone()}
                    open={state.open.clone()}
                    loading={state.persistence == Persistence::Loading}
                    {on_open}
                    on_paste={tagger.on_paste}
                    on_files={import.on_files}
                    {on_agreement}
                >
                    <Export docs={state.docs.clone()} labels={state.labels.clone()} annotators={state.annotators.clone()}
                        on_done={exporter.on_done}
                        on_export={exporter.on_export} on_cancel={exporter.on_cancel} />
                </Library>
                <main class="main">
                    if state.agreement {
                        <AgreementView docs={state.docs.clone()} annotators={state.annotators.clone()} on_action={on_action.clone()} />
                    } else if let Some(doc) = open_doc {
                        { tag_line(s, &state) }
                        <ArticleView key={doc.id().to_string()} doc={Shared(doc.clone())} labels={state.labels.clone()} {on_close}
                            selected={state.selected.clone()} picking_speaker={state.picking_speaker.clone()}
                            last_edit={state.last_edit.clone()} {can_undo} {can_redo} clitics={state.settings.clitics()} on_action={on_action.clone()}
                            annotators={state.annotators.clone()} layer_view={state.layer_view.clone()} curating={state.curating.clone()} />
                    } else {
                        <section class="welcome">
                            <h2>{ s.welcome_title }</h2>
                            <p>{ s.welcome_text }</p>
                        </section>
                    }
                </main>
            </div>
        </div>
        </ContextProvider<Lang>>
    }
}

/// The progress of a batch of documents being tagged, with Cancel.
fn tag_progress(s: &'static Strings, t: &Tagging, on_cancel: Callback<MouseEvent>) -> Html {
    if !t.busy() {
        return html! {};
    }
    let label = fill(s.tag_progress, &[("done", &s.num(t.done)), ("total", &s.count(CountKey::articles_of, t.total))]);
    html! {
        <div class="tag-progress" data-testid="tag-progress">
            <label for="tag-progress-bar">{ label }</label>
            <progress id="tag-progress-bar" max={t.total.to_string()} value={t.done.to_string()}></progress>
            <button onclick={on_cancel} data-testid="tag-cancel">{ s.cancel }</button>
        </div>
    }
}

/// The tagger's state for the open article: one line of fixed height and one element, so nothing
/// around it moves or is rebuilt when suggestions arrive.
fn tag_line(s: &'static Strings, state: &AppState) -> Html {
    let t = &state.tagging;
    let tagging_open = state.open.as_deref().is_some_and(|id| t.pending(id));
    let last = t.last.as_ref().filter(|l| state.open.as_deref() == Some(l.0.as_str()));
    let (testid, text) = match (tagging_open, last) {
        (true, _) => ("tag-pending", s.tag_pending.to_string()),
        (false, Some((_, n, tokens, ms))) => (
            "tag-status",
            fill(
                s.tag_done,
                &[
                    ("n", &s.count(CountKey::suggestions, *n)),
                    ("tokens", &s.count(CountKey::tokens, *tokens)),
                    ("ms", &s.dec(*ms, 1)),
                ],
            ),
        ),
        _ => ("tag-idle", String::new()),
    };
    html! {
        <p class="tag-status" data-testid={testid}
            data-tokens={last.map(|l| l.2.to_string())} data-ms={last.map(|l| decimals(l.3, 3))}>
            { text }
        </p>
    }
}
