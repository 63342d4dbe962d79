//! The tools of "Who said what" rows: a row's head (name, count, other spellings, select for
//! merging, rename, automatic name, someone else…), the name form (rename and split), and the merge
//! bar ("Same person"). Props in, callbacks out: the panel keeps the state and sends the edits.
//!
//! Plain functions returning `Html`, not components: their props hold callbacks made anew at every
//! render of the panel, so a component would never skip a render, and each function component
//! instantiates Yew's component machinery once more (about 1.5 KB of the page each).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, CountKey, Strings};

pub struct HeadProps {
    pub name: AttrValue,
    pub count: usize,
    /// The other ways the name is written.
    pub also: Vec<String>,
    /// Selected for merging.
    pub checked: bool,
    /// How many of the row's quotes are selected (for "Someone else…").
    pub quotes_checked: usize,
    pub on_toggle: Callback<()>,
    pub on_rename: Callback<()>,
    pub on_automatic: Callback<()>,
    pub on_split: Callback<()>,
    pub on_hover: Callback<bool>,
}

/// A person's row head.
pub fn speaker_head(t: &'static Strings, p: HeadProps) -> Html {
    let toggle = p.on_toggle.reform(|_: Event| ());
    let enter = p.on_hover.reform(|_: MouseEvent| true);
    let leave = p.on_hover.reform(|_: MouseEvent| false);
    let also = (!p.also.is_empty()).then(|| fill(t.also_written, &[("names", &p.also.join(t.comma))]));
    html! {
        <div class="speaker-head">
            <input type="checkbox" class="row-check" data-testid="speaker-select" checked={p.checked}
                aria-label={fill(t.speaker_select, &[("name", &p.name)])} onchange={toggle} />
            <div class="speaker-title">
                <h4 dir="auto" onmouseenter={enter} onmouseleave={leave} data-testid="speaker-name">
                    <bdi>{ p.name.clone() }</bdi>
                    <span class="count" data-testid="speaker-count">{ t.count(CountKey::quotes, p.count) }</span>
                </h4>
                if let Some(also) = also {
                    <p class="also" dir="auto" data-testid="speaker-also">{ also }</p>
                }
                <div class="tool-row row-tools">
                    <button type="button" onclick={p.on_rename.reform(|_: MouseEvent| ())} data-testid="speaker-rename">
                        { t.rename_speaker }</button>
                    <button type="button" onclick={p.on_automatic.reform(|_: MouseEvent| ())}
                        title={t.automatic_name_title} data-testid="speaker-automatic">{ t.automatic_name }</button>
                    if p.quotes_checked > 0 {
                        <button type="button" onclick={p.on_split.reform(|_: MouseEvent| ())} data-testid="speaker-split">
                            { t.someone_else }
                            <span class="count">{ t.count(CountKey::quotes_selected, p.quotes_checked) }</span>
                        </button>
                    }
                </div>
            </div>
        </div>
    }
}

pub struct FormProps {
    /// The field's label.
    pub label: &'static str,
    /// The field's first value.
    pub value: String,
    /// Names proposed while typing (the other rows').
    pub proposals: Vec<String>,
    /// An id for the proposals' list, unique in the page.
    pub list_id: String,
    pub submit: &'static str,
    /// Why the last name was not taken.
    pub error: Option<AttrValue>,
    pub on_submit: Callback<String>,
    pub on_cancel: Callback<()>,
    pub testid: &'static str,
    /// The field (the panel focuses it when the form opens: `focus_field`).
    pub input: NodeRef,
}

/// Focuses the name field and selects its text (when the form has just opened).
pub fn focus_field(input: &NodeRef) {
    if let Some(i) = input.cast::<HtmlInputElement>() {
        let _ = i.focus();
        i.select();
    }
}

/// A name field with its proposals: Enter submits, Escape cancels; focused when it opens (by the
/// panel, `focus_field`). Keys typed here are the field's (the article's shortcuts do not see them).
pub fn name_form(t: &'static Strings, p: FormProps) -> Html {
    let input = p.input;
    let submit = {
        let (input, cb) = (input.clone(), p.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<HtmlInputElement>() {
                cb.emit(i.value());
            }
        })
    };
    let keydown = {
        let cancel = p.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            if e.key() == "Escape" {
                e.prevent_default();
                cancel.emit(());
            }
        })
    };
    let error_id = format!("{}-error", p.list_id);
    html! {
        <form class="name-form" onsubmit={submit} data-testid={p.testid}>
            <label>{ p.label }
                <input ref={input} type="text" dir="auto" value={p.value} list={p.list_id.clone()}
                    onkeydown={keydown} data-testid="speaker-name-input"
                    aria-invalid={p.error.is_some().to_string()}
                    aria-describedby={p.error.is_some().then(|| error_id.clone())} />
            </label>
            <datalist id={p.list_id}>
                { for p.proposals.into_iter().map(|n| html! { <option value={n} /> }) }
            </datalist>
            if let Some(err) = p.error {
                <p class="form-error" role="alert" id={error_id} dir="auto" data-testid="speaker-form-error">{ err }</p>
            }
            <div class="tool-row">
                <button type="submit" data-testid="speaker-form-submit">{ p.submit }</button>
                <button type="button" onclick={p.on_cancel.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
            </div>
        </form>
    }
}

pub struct MergeProps {
    /// The selected rows as (key, name), in the order they were selected.
    pub rows: Vec<(String, String)>,
    /// The key of the row whose name is kept.
    pub target: String,
    pub error: Option<AttrValue>,
    pub on_target: Callback<String>,
    pub on_merge: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// "Same person": shown while rows are selected.
pub fn merge_bar(t: &'static Strings, p: MergeProps) -> Html {
    let on_target =
        p.on_target.reform(|e: Event| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default());
    html! {
        <div class="merge-bar" role="group" aria-label={t.merge_rows} data-testid="merge-bar">
            <span class="count" aria-live="polite">{ t.count(CountKey::rows_selected, p.rows.len()) }</span>
            if p.rows.len() >= 2 {
                <label>{ t.merge_keep_name }{" "}
                    <select onchange={on_target} data-testid="merge-target">
                        { for p.rows.iter().map(|(k, n)| html! {
                            <option value={k.clone()} selected={*k == p.target}>{ n.clone() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" onclick={p.on_merge.reform(|_: MouseEvent| ())} data-testid="speakers-merge">
                    { t.same_person }</button>
            } else {
                <span class="hint">{ t.merge_hint }</span>
            }
            <button type="button" onclick={p.on_cancel.reform(|_: MouseEvent| ())} data-testid="merge-cancel">{ t.cancel }</button>
            if let Some(err) = p.error {
                <p class="form-error" role="alert" dir="auto" data-testid="merge-error">{ err }</p>
            }
        </div>
    }
}
