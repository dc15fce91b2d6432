//! The root component: owns the state and lays out the panes.

use yew::prelude::*;

use crate::components::{Diagnostics, Editor, Graph, PickedState, ResultPanel, Toolbar};
use crate::engine::{self, Diagnostic, RunOutcome, Source};
use crate::share;
use crate::state::{Action, Playground};

/// The playground page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let definition_ref = use_node_ref();
    let input_ref = use_node_ref();
    let share_note = use_state(|| None::<AttrValue>);

    let on_definition = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::EditDefinition(text)))
    };
    let on_input = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::EditInput(text)))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(Action::LoadExample(id)))
    };
    let on_run = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Run))
    };
    let on_share = {
        let state = state.clone();
        let share_note = share_note.clone();
        Callback::from(move |()| {
            let fragment = share::encode(&state.definition, &state.input);
            share_note.set(Some(publish_fragment(&fragment)));
        })
    };
    let on_select = {
        let state = state.clone();
        let definition_ref = definition_ref.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |d: Diagnostic| {
            let (node, text) = match d.source {
                Source::Definition => (&definition_ref, &state.definition),
                Source::Input => (&input_ref, &state.input),
            };
            select_in_editor(node, text, &d);
        })
    };
    let on_pick_state = {
        let state = state.clone();
        let definition_ref = definition_ref.clone();
        Callback::from(move |picked: PickedState| {
            if let Some((start, end)) = picked.range {
                select_range(&definition_ref, &state.definition, start, end);
            }
        })
    };
    let visits = match &state.outcome {
        Some(RunOutcome::Finished(execution)) => Some(execution.visits.clone()),
        _ => None,
    };

    html! {
        <div class="app">
            <header class="topbar">
                <h1 class="brand">{"aslplay"}<span class="tagline">{"Amazon States Language playground"}</span></h1>
                <Toolbar
                    example={state.example}
                    {on_example}
                    {on_run}
                    {on_share}
                    share_note={(*share_note).clone()}
                />
            </header>
            <main class="panes">
                <section class="pane editors" aria-label="Editors">
                    <Editor
                        testid="definition-editor"
                        label="Definition (ASL JSON)"
                        value={state.definition.clone()}
                        on_change={on_definition}
                        node_ref={definition_ref}
                        rows={18}
                    />
                    <Editor
                        testid="input-editor"
                        label="Input (JSON)"
                        value={state.input.clone()}
                        on_change={on_input}
                        node_ref={input_ref}
                        rows={8}
                    />
                    <Diagnostics diagnostics={state.diagnostics.clone()} {on_select} />
                </section>
                <section class="pane results" aria-label="Results">
                    <Graph definition={state.definition.clone()} {visits} on_select={on_pick_state} />
                    <ResultPanel outcome={state.outcome.clone()} />
                </section>
            </main>
        </div>
    }
}

/// Start from a shared link when the URL carries one, else from the first example.
fn initial_state() -> Playground {
    let fragment = web_sys::window().and_then(|w| w.location().hash().ok());
    match fragment.as_deref().and_then(share::decode) {
        Some(shared) => Playground::with_text(shared.definition, shared.input),
        None => Playground::new(),
    }
}

/// Put `fragment` into the address bar without adding a history entry; returns what to tell
/// the user.
fn publish_fragment(fragment: &str) -> AttrValue {
    let replaced = web_sys::window().and_then(|w| w.history().ok()).map(|h| {
        h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        )
    });
    match replaced {
        Some(Ok(())) => "The address bar now holds a link to this definition and input.".into(),
        _ => "Could not update the address bar.".into(),
    }
}

/// Focus the editor and select the text a diagnostic points at.
fn select_in_editor(node: &NodeRef, text: &str, d: &Diagnostic) {
    select_range(node, text, d.range.0, d.range.1);
}

/// Focus the editor and select the bytes `start..end` of its text.
fn select_range(node: &NodeRef, text: &str, start: usize, end: usize) {
    let Some(textarea) = node.cast::<web_sys::HtmlTextAreaElement>() else {
        return;
    };
    let start = engine::utf16_offset(text, start);
    let end = engine::utf16_offset(text, end).max(start);
    let _ = textarea.focus();
    let _ = textarea.set_selection_range(start, end);
}
