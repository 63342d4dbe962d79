use yew::prelude::*;

use crate::i18n::use_strings;
use crate::state::{NoticeKind, Notices as List};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notices: List,
    pub on_dismiss: Callback<u32>,
}

/// Messages about imports and storage, worded in the interface language when shown (a language
/// switch rewords them). Errors are announced to screen readers.
#[function_component(Notices)]
pub fn notices(p: &Props) -> Html {
    let t = use_strings();
    html! {
        <div class="notices" role="region" aria-live="polite" aria-label={t.notices}>
            { for p.notices.list().iter().map(|n| {
                let id = n.id;
                let dismiss = p.on_dismiss.reform(move |_: MouseEvent| id);
                let (class, role) = match n.kind {
                    NoticeKind::Error => ("notice error", "alert"),
                    NoticeKind::Info => ("notice info", "status"),
                };
                html! {
                    <div {class} {role} data-testid="notice" key={n.id}>
                        <span dir="auto">{ n.msg.render(t) }</span>
                        <button class="dismiss" onclick={dismiss} aria-label={t.dismiss}>{"×"}</button>
                    </div>
                }
            }) }
        </div>
    }
}
