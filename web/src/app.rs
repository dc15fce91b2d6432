//! The root component: owns the state and lays out the panes.

use yew::prelude::*;

use std::rc::Rc;

use crate::components::{
    Diagnostics, Editor, Graph, OptionsPanel, PickedState, ResultPanel, Toolbar,
};
use crate::engine::{self, Diagnostic, RunOutcome, Severity, Source};
use crate::examples;
use crate::share;
use crate::state::{Action, Playground};
use crate::{autorun, runner, storage};

/// The playground page.
#[component]
pub fn App() -> Html {
    let initial = use_memo((), |()| initial_state());
    let link_problem = initial.1.clone();
    let state = {
        let initial = initial.clone();
        use_reducer(move || initial.0.clone())
    };
    let definition_ref = use_node_ref();
    let input_ref = use_node_ref();
    let share_link = use_state(|| None::<(String, AttrValue)>);
    let runner = use_mut_ref(runner::Runner::default);
    let auto_run = use_state(autorun::load);
    let debounce = use_mut_ref(autorun::Debounce::default);
    // The latest `running`, for a debounced run that fires after later renders.
    let running_now = use_mut_ref(|| false);
    *running_now.borrow_mut() = state.running;
    // The work of the last run started (by Run or auto-run): never auto-run it again.
    let last_run = use_mut_ref(|| None::<crate::state::Work>);

    // Check the editors a moment after typing stops.
    {
        let state = state.clone();
        let check_later = use_mut_ref(autorun::Debounce::default);
        use_effect_with(
            (state.definition.clone(), state.input.clone(), state.checked),
            move |(_, _, checked)| {
                // Nothing to cancel once checked: a pending check of checked text does
                // nothing, and cancelling here would drop the timer callback while it runs
                // (its dispatch renders synchronously).
                if !*checked {
                    let dispatch = state.dispatcher();
                    check_later
                        .borrow_mut()
                        .schedule(crate::state::CHECK_DELAY_MS, move || {
                            dispatch.dispatch(Action::Check)
                        });
                }
            },
        );
    }

    // A YAML definition is checked once the worker has converted it to JSON.
    {
        let runner = runner.clone();
        let dispatch = state.dispatcher();
        use_effect_with(state.yaml_wanted().map(str::to_owned), move |wanted| {
            if let Some(yaml) = wanted.clone() {
                runner::soon(move || runner.borrow_mut().convert_yaml(&yaml, &dispatch));
            }
        });
    }

    // Auto-run: re-run a moment after each edit (not on first load), once the edit is checked.
    {
        let state = state.clone();
        let runner = runner.clone();
        let debounce = debounce.clone();
        let running_now = running_now.clone();
        let last_run = last_run.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(
            (state.work(), *auto_run, state.checked),
            move |(work, on, _)| {
                let first_render = std::mem::replace(&mut *first.borrow_mut(), false);
                let clean = state.checked
                    && !state
                        .diagnostics
                        .iter()
                        .any(|d| d.severity == Severity::Error);
                let fresh = last_run.borrow().as_ref() != Some(work);
                if !first_render {
                    // Someone is editing: load the execution worker while they type.
                    if let Ok(mut runner) = runner.try_borrow_mut() {
                        runner.warm_up(&state.dispatcher());
                    }
                }
                if *on && !first_render && clean && fresh {
                    let work = work.clone();
                    let dispatch = state.dispatcher();
                    debounce.borrow_mut().schedule(autorun::DELAY_MS, move || {
                        let fresh = last_run.borrow().as_ref() != Some(&work);
                        if fresh && !*running_now.borrow() {
                            *last_run.borrow_mut() = Some(work.clone());
                            runner.borrow_mut().start(&work, dispatch);
                        }
                    });
                } else {
                    debounce.borrow_mut().cancel();
                }
            },
        );
    }
    let on_auto_run = {
        let auto_run = auto_run.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            autorun::save(input.checked());
            auto_run.set(input.checked());
        })
    };

    // Autosave whenever the work changes.
    {
        let work = state.work();
        use_effect_with(work, storage::save);
    }

    let on_definition = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::EditDefinition(text)))
    };
    let on_input = {
        let state = state.clone();
        Callback::from(move |text| state.dispatch(Action::EditInput(text)))
    };
    let on_option = {
        let state = state.clone();
        Callback::from(move |(field, value)| state.dispatch(Action::SetOption(field, value)))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(Action::LoadExample(id)))
    };
    let on_run = {
        let state = state.clone();
        let runner = runner.clone();
        let debounce = debounce.clone();
        let last_run = last_run.clone();
        Callback::from(move |()| {
            if state.running {
                return;
            }
            debounce.borrow_mut().cancel();
            *last_run.borrow_mut() = Some(state.work());
            let dispatch = state.dispatcher();
            runner.borrow_mut().start(&state.work(), dispatch);
        })
    };
    let on_cancel = {
        let state = state.clone();
        let runner = runner.clone();
        let debounce = debounce.clone();
        Callback::from(move |()| {
            debounce.borrow_mut().cancel();
            if runner.borrow_mut().cancel(&state.dispatcher()) {
                state.dispatch(Action::Cancelled);
            }
        })
    };
    let on_share = {
        let state = state.clone();
        let share_link = share_link.clone();
        Callback::from(move |()| {
            let fragment = share::encode(&state.work());
            share_link.set(Some(publish_fragment(&fragment)));
        })
    };
    let on_step = {
        let state = state.clone();
        Callback::from(move |i| state.dispatch(Action::Step(i)))
    };
    let on_format = |source: Source| {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Format(source)))
    };
    let on_format_mocks = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::FormatMocks))
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
    // Ctrl+Enter / Cmd+Enter runs from anywhere on the page.
    let onkeydown = {
        let on_run = on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let error_lines = |source: Source| -> Vec<usize> {
        state
            .diagnostics
            .iter()
            .filter(|d| d.source == source && d.severity == Severity::Error && d.range != (0, 0))
            .map(|d| d.line)
            .collect()
    };
    let about = state.example.and_then(examples::find).map(|e| e.about);
    let yaml = engine::is_yaml(&state.definition);
    let on_pick_state = {
        let state = state.clone();
        let definition_ref = definition_ref.clone();
        Callback::from(move |picked: PickedState| {
            // Ranges point into JSON text; a YAML definition is shown converted.
            if let (Some((start, end)), false) = (picked.range, engine::is_yaml(&state.definition))
            {
                select_range(&definition_ref, &state.definition, start, end);
            }
        })
    };
    let trace = match &state.outcome {
        Some(RunOutcome::Finished(execution)) => Some(execution.trace.clone()),
        _ => None,
    };
    let visits = use_memo(trace, |trace| trace.as_ref().map(|t| Rc::new(t.clone())));
    let current = match &state.outcome {
        Some(RunOutcome::Finished(e)) if state.stepping => e
            .trace
            .get(state.step)
            .map(|t| AttrValue::from(t.name.clone())),
        _ => None,
    };
    let graph_text = state.graph_json().to_owned();

    html! {
        <div class="app" {onkeydown}>
            <header class="topbar">
                <h1 class="brand">{"aslplay"}<span class="tagline">{"Amazon States Language playground"}</span></h1>
                <Toolbar
                    example={state.example}
                    {on_example}
                    {on_run}
                    {on_cancel}
                    running={state.running}
                    {on_share}
                />
                <label class="auto-run" title="Run again a moment after each edit">
                    <input type="checkbox" data-testid="auto-run-toggle"
                        checked={*auto_run} onchange={on_auto_run} />
                    {"Auto-run"}
                </label>
            </header>
            if let Some([first, second]) = about {
                <div class="about" data-testid="example-about">
                    <p>{ first }</p>
                    <p>{ second }</p>
                </div>
            }
            if let Some(problem) = link_problem {
                <p class="link-problem" role="alert" data-testid="link-error">{ problem.clone() }</p>
            }
            if let Some((link, note)) = &*share_link {
                <div class="share-row">
                    <label>
                        <span>{"Share link"}</span>
                        <input type="text" readonly=true data-testid="share-link" value={link.clone()}
                            onfocus={Callback::from(|e: FocusEvent| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                input.select();
                            })} />
                    </label>
                    <span class="share-note" role="status">{ note.clone() }</span>
                </div>
            }
            <main class="panes">
                <section class="pane editors" aria-label="Editors">
                    <Editor
                        testid="definition-editor"
                        label="Definition (ASL, JSON or YAML)"
                        value={state.definition.clone()}
                        on_change={on_definition}
                        node_ref={definition_ref}
                        rows={20}
                        error_lines={error_lines(Source::Definition)}
                        on_format={Some(on_format(Source::Definition))}
                        note={yaml.then(|| AttrValue::from("YAML"))}
                    />
                    <Diagnostics diagnostics={state.diagnostics.clone()} {on_select} />
                    <Editor
                        testid="input-editor"
                        label="Input (JSON)"
                        value={state.input.clone()}
                        on_change={on_input}
                        node_ref={input_ref}
                        rows={7}
                        error_lines={error_lines(Source::Input)}
                        on_format={Some(on_format(Source::Input))}
                    />
                    <OptionsPanel settings={state.settings.clone()} on_change={on_option} {on_format_mocks} />
                </section>
                <section class="pane results" aria-label="Results">
                    <Graph definition={graph_text} visits={(*visits).clone()} {current} on_select={on_pick_state} />
                    <ResultPanel outcome={state.outcome.clone()} running={state.running}
                        step={state.step} {on_step} />
                </section>
            </main>
        </div>
    }
}

/// Start from a shared link when the URL carries one, else from the autosave, else from the
/// first example. A link that cannot be opened leaves the autosave alone and says why.
fn initial_state() -> (Playground, Option<String>) {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let saved = || storage::load().map_or_else(Playground::new, Playground::with_work);
    match share::decode(&fragment) {
        Ok(Some(work)) => (Playground::with_work(work), None),
        Ok(None) => (saved(), None),
        Err(e) => (saved(), Some(e.to_string())),
    }
}

/// Put `fragment` into the address bar without adding a history entry and copy the link to
/// the clipboard; returns the full link and what to tell the user.
fn publish_fragment(fragment: &str) -> (String, AttrValue) {
    let Some(window) = web_sys::window() else {
        return (String::new(), "No browser window.".into());
    };
    let replaced = window.history().map(|h| {
        h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        )
    });
    let link = window.location().href().unwrap_or_default();
    // The promise is left to settle on its own: a refused clipboard is not an error here,
    // the link stays in the field and the address bar.
    let _ = window.navigator().clipboard().write_text(&link);
    let note = match replaced {
        Ok(Ok(())) => format!(
            "Link copied ({} characters). It holds the definition, input, options and mocks.",
            link.chars().count()
        ),
        _ => "Could not update the address bar; copy the link from the field.".to_owned(),
    };
    (link, note.into())
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
