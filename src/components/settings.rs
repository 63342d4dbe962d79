//! Project settings: the label schema (add, rename, recolour, hotkey, guideline, delete with a
//! choice for the label's spans, undo) and how Arabic proclitics are snapped. Every change goes out
//! as an app action; the reducer checks the schema and applies span changes through the documents'
//! histories.

use std::rc::Rc;

use sanad_core::{Document, LabelDef};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, use_strings, CountKey, Msg};
use crate::state::{Action, ProjectInfo, ProjectSettings, Shared};

/// What the projects section asks the app to do (it writes to storage, then opens the project).
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectOp {
    Switch(String),
    Create,
    Duplicate,
    Delete,
    /// A new project holding these documents (an import's), named so.
    Import {
        name: String,
        docs: Rc<Vec<Document>>,
    },
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub labels: Shared<Vec<LabelDef>>,
    pub docs: Shared<Vec<Rc<Document>>>,
    pub settings: ProjectSettings,
    pub can_undo: bool,
    pub project: ProjectInfo,
    pub projects: Vec<(String, String)>,
    pub on_project: Callback<ProjectOp>,
    pub on_action: Callback<Action>,
    pub on_close: Callback<()>,
}

/// `#rgb` as `#rrggbb` (what a colour input takes).
fn six_digit(c: &str) -> String {
    match c.strip_prefix('#') {
        Some(h) if h.len() == 3 => format!("#{}", h.chars().flat_map(|x| [x, x]).collect::<String>()),
        _ => c.to_string(),
    }
}

fn input_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default()
}

#[function_component(Settings)]
pub fn settings(p: &Props) -> Html {
    let t = use_strings();
    // The label being deleted, and where its spans go (None: removed).
    let deleting = use_state_eq(|| None::<String>);
    let target = use_state_eq(|| None::<String>);
    let act = p.on_action.clone();
    let labels = p.labels.clone();

    // A schema with label `i` changed by `f` (no span changes).
    let edit = {
        let (act, labels) = (act.clone(), labels.clone());
        move |i: usize, f: fn(&mut LabelDef, String)| {
            let (act, labels) = (act.clone(), labels.clone());
            Callback::from(move |e: Event| {
                let mut next = (*labels).clone();
                if let Some(l) = next.get_mut(i) {
                    f(l, input_value(&e));
                    act.emit(Action::SetLabels(next));
                }
            })
        }
    };
    let add = {
        let (act, labels) = (act.clone(), labels.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*labels).clone();
            next.push(sanad_core::schema::new_label(&next));
            act.emit(Action::SetLabels(next));
        })
    };
    let set_clitics = |strip: bool| {
        let act = act.clone();
        Callback::from(move |_: Event| act.emit(Action::SetSettings(ProjectSettings { strip_clitics: strip })))
    };
    let close = p.on_close.reform(|_: MouseEvent| ());
    // Escape closes the dialog wherever the focus is (a button that became disabled drops it).
    {
        let close = p.on_close.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "keydown", move |e| {
                    if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                        if k.key() == "Escape" {
                            k.stop_propagation();
                            close.emit(());
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    let undo = act.reform(|_: MouseEvent| Action::UndoSchema);
    let confirming = use_state_eq(|| false);
    let projects_html = {
        let rename = act.reform(|e: Event| Action::RenameProject(input_value(&e)));
        let switch = p.on_project.reform(|e: Event| {
            ProjectOp::Switch(e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default())
        });
        let create = p.on_project.reform(|_: MouseEvent| ProjectOp::Create);
        let duplicate = p.on_project.reform(|_: MouseEvent| ProjectOp::Duplicate);
        let ask = {
            let c = confirming.clone();
            Callback::from(move |_: MouseEvent| c.set(true))
        };
        let cancel = {
            let c = confirming.clone();
            Callback::from(move |_: MouseEvent| c.set(false))
        };
        let delete = p.on_project.reform(|_: MouseEvent| ProjectOp::Delete);
        html! {
            <section class="projects" data-testid="projects" aria-labelledby="projects-title">
                <h3 id="projects-title">{ t.projects_title }</h3>
                <label>{ t.project_name }{" "}
                    <input value={t.project_name(&p.project.name).to_string()} onchange={rename} data-testid="project-name-input" dir="auto" /></label>
                <label>{ t.project_switch }{" "}
                    <select data-testid="project-switch" onchange={switch}>
                        { for p.projects.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={*id == p.project.id}>{ t.project_name(name) }</option>
                        }) }
                    </select>
                </label>
                <div class="tool-row">
                    <button onclick={create} data-testid="project-new">{ t.project_new }</button>
                    <button onclick={duplicate} data-testid="project-duplicate">{ t.project_duplicate }</button>
                    <button class="danger" onclick={ask} data-testid="project-delete">{ t.project_delete }</button>
                </div>
                if *confirming {
                    <div role="alertdialog" aria-labelledby="project-delete-ask" class="delete-ask" data-testid="project-delete-ask">
                        <p id="project-delete-ask" dir="auto">{ fill(t.project_delete_ask,
                            &[("name", &t.project_name(&p.project.name)), ("n", &t.count(CountKey::articles, p.docs.len()))]) }</p>
                        <div class="tool-row">
                            <button class="danger" onclick={delete} data-testid="project-delete-confirm">{ t.project_delete_confirm }</button>
                            <button onclick={cancel}>{ t.cancel }</button>
                        </div>
                    </div>
                }
            </section>
        }
    };

    let rows = labels.iter().enumerate().map(|(i, l)| {
        let name = l.name.clone();
        let rename = {
            let (act, from) = (act.clone(), name.clone());
            Callback::from(move |e: Event| {
                let to = input_value(&e);
                if !to.trim().is_empty() {
                    act.emit(Action::RenameLabel { from: from.clone(), to });
                }
            })
        };
        let ask = {
            let (deleting, target, name) = (deleting.clone(), target.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                target.set(None);
                deleting.set(Some(name.clone()));
            })
        };
        let ask_html = (deleting.as_deref() == Some(name.as_str())).then(|| {
            let n: usize = p.docs.iter().map(|d| d.spans().iter().filter(|s| s.label() == name).count()).sum();
            let others: Vec<String> = labels.iter().filter(|o| o.name != name).map(|o| o.name.clone()).collect();
            let first_other = others.first().cloned();
            let remove = {
                let target = target.clone();
                Callback::from(move |_: Event| target.set(None))
            };
            let relabel = {
                let target = target.clone();
                Callback::from(move |_: Event| target.set(first_other.clone()))
            };
            let choose = {
                let target = target.clone();
                Callback::from(move |e: Event| {
                    target.set(e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()));
                })
            };
            let confirm = {
                let (act, deleting, name, to) = (act.clone(), deleting.clone(), name.clone(), (*target).clone());
                Callback::from(move |_: MouseEvent| {
                    act.emit(Action::DeleteLabel { name: name.clone(), to: to.clone() });
                    deleting.set(None);
                })
            };
            let cancel = {
                let deleting = deleting.clone();
                Callback::from(move |_: MouseEvent| deleting.set(None))
            };
            html! {
                <tr class="delete-ask" data-testid="delete-ask">
                    <td colspan="5">
                        <fieldset>
                            <legend dir="auto">{ Msg::count(CountKey::label_delete_ask, n).with("name", name.as_str()).render(t) }</legend>
                            <label><input type="radio" name="delete-policy" checked={target.is_none()}
                                onchange={remove} data-testid="delete-remove" />{ t.label_delete_remove }</label>
                            if !others.is_empty() {
                                <label><input type="radio" name="delete-policy" checked={target.is_some()}
                                    onchange={relabel} data-testid="delete-relabel" />{ t.label_delete_relabel }</label>
                                <select data-testid="delete-target" disabled={target.is_none()} onchange={choose}
                                    aria-label={t.label_delete_relabel}>
                                    { for others.iter().map(|o| html! {
                                        <option value={o.clone()} selected={target.as_deref() == Some(o.as_str())}>{ o }</option>
                                    }) }
                                </select>
                            }
                            <div class="tool-row">
                                <button class="danger" onclick={confirm} data-testid="delete-confirm">
                                    { fill(t.label_delete_confirm, &[("name", &name)]) }</button>
                                <button onclick={cancel}>{ t.cancel }</button>
                            </div>
                        </fieldset>
                    </td>
                </tr>
            }
        });
        html! {
            <>
                <tr data-testid="label-row" data-label={name.clone()} style={format!("--c: {}", l.color)}>
                    <td><span class="swatch" aria-hidden="true"></span>
                        <input value={name.clone()} onchange={rename} data-testid="label-name" aria-label={t.label_name}
                            dir="auto" maxlength="40" size="10" /></td>
                    <td><input type="color" value={six_digit(&l.color)} data-testid="label-color" aria-label={t.label_color}
                        onchange={edit(i, |l, v| l.color = v)} /></td>
                    <td><input value={l.key.clone()} maxlength="1" size="2" data-testid="label-key" aria-label={t.label_key}
                        onchange={edit(i, |l, v| l.key = v.trim().to_string())} /></td>
                    <td><input value={l.description.clone()} data-testid="label-description" dir="auto"
                        aria-label={t.label_description} onchange={edit(i, |l, v| l.description = v)} /></td>
                    <td><button onclick={ask} data-testid="label-delete">{ t.label_delete }</button></td>
                </tr>
                { ask_html }
            </>
        }
    });

    html! {
        <div class="settings-backdrop">
            <section class="settings" role="dialog" aria-modal="true" aria-labelledby="settings-title"
                data-testid="settings">
                <h2 id="settings-title">{ t.settings_title }</h2>
                { projects_html }
                <h3>{ t.labels }</h3>
                <table class="label-table" data-testid="label-table">
                    <thead><tr>
                        <th>{ t.label_name }</th><th>{ t.label_color }</th><th>{ t.label_key }</th>
                        <th>{ t.label_description }</th><th></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <div class="tool-row">
                    <button onclick={add} data-testid="label-add">{ t.label_add }</button>
                    <button onclick={undo} disabled={!p.can_undo} data-testid="schema-undo">{ t.schema_undo }</button>
                </div>
                <fieldset class="clitics">
                    <legend>{ t.clitics_title }</legend>
                    <label><input type="radio" name="clitics" checked={p.settings.strip_clitics}
                        onchange={set_clitics(true)} data-testid="clitics-strip" />
                        <span dir="auto">{ t.clitics_strip }</span></label>
                    <label><input type="radio" name="clitics" checked={!p.settings.strip_clitics}
                        onchange={set_clitics(false)} data-testid="clitics-keep" />
                        <span dir="auto">{ t.clitics_keep }</span></label>
                </fieldset>
                <button onclick={close} data-testid="settings-close">{ t.close }</button>
            </section>
        </div>
    }
}
