//! One editing tab per project (see `services::tabs`): this tab asks for the project's lock at
//! start, and can take it over from the tab that holds it.

use yew::prelude::*;

use super::persistence::Store;
use crate::services::tabs;
use crate::state::{Action, AppState};

/// Asks for `project`'s lock without taking it: this tab edits only while it holds it. When
/// another tab takes it over, what this tab changed before is still written.
pub fn acquire_at_start(dispatch: &UseReducerDispatcher<AppState>, store: &Store, project: &str) {
    let (got, lost, saver) = (dispatch.clone(), dispatch.clone(), store.saver.clone());
    tabs::acquire(
        project,
        false,
        Callback::from(move |held| got.dispatch(Action::TabLock(held))),
        Callback::from(move |_| {
            if let Some(s) = saver.borrow().as_ref() {
                s.flush();
            }
            lost.dispatch(Action::TabLost)
        }),
    );
}

/// Another tab edits the project: take it over (its lock), then start again from what is saved.
#[hook]
pub fn use_take_over(state: &UseReducerHandle<AppState>) -> Callback<MouseEvent> {
    let (d, project) = (state.dispatcher(), state.project.id.clone());
    Callback::from(move |_: MouseEvent| {
        let lost = d.clone();
        tabs::acquire(
            &project,
            true,
            Callback::from(|_| {
                // The other tab writes what it had pending when it loses the lock.
                gloo::timers::callback::Timeout::new(400, || {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                })
                .forget();
            }),
            Callback::from(move |_| lost.dispatch(Action::TabLost)),
        );
    })
}
