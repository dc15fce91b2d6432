//! The Run options panel: request fields, machine settings, seed, start time and mocks.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::settings::{Field, RunSettings};

#[derive(Properties, PartialEq)]
pub(crate) struct OptionsProps {
    pub settings: RunSettings,
    pub on_change: Callback<(Field, String)>,
    /// Pretty-print the mock config.
    pub on_format_mocks: Callback<()>,
}

fn text_field(
    props: &OptionsProps,
    field: Field,
    label: &'static str,
    testid: &'static str,
    value: &str,
    placeholder: &'static str,
) -> Html {
    let on_change = props.on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_change.emit((field, input.value()));
    });
    html! {
        <label class="option">
            <span>{ label }</span>
            <input type="text" data-testid={testid} value={value.to_owned()} {placeholder}
                spellcheck="false" autocomplete="off" {oninput} />
        </label>
    }
}

fn select_field(
    props: &OptionsProps,
    field: Field,
    label: &'static str,
    testid: &'static str,
    value: &str,
    choices: &[&'static str],
) -> Html {
    let on_change = props.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        on_change.emit((field, select.value()));
    });
    html! {
        <label class="option">
            <span>{ label }</span>
            <select data-testid={testid} {onchange}>
                { for choices.iter().map(|c| html! {
                    <option value={*c} selected={value == *c}>{ *c }</option>
                }) }
            </select>
        </label>
    }
}

#[component]
pub(crate) fn OptionsPanel(props: &OptionsProps) -> Html {
    let s = &props.settings;
    let on_mocks = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let textarea: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit((Field::MockConfig, textarea.value()));
        })
    };
    let on_format = props.on_format_mocks.reform(|_: MouseEvent| ());
    let mocked = !s.mock_config.trim().is_empty();
    html! {
        <details class="options" open=true>
            <summary class="pane-title">{"Run options"}</summary>
            <div class="option-grid">
                { text_field(props, Field::ExecutionName, "Execution name", "option-execution-name", &s.execution_name, "a UUID") }
                { text_field(props, Field::StateMachineName, "State machine name", "option-machine-name", &s.state_machine_name, "MyStateMachine") }
                { select_field(props, Field::MachineType, "Type", "option-type", &s.machine_type, &["EXPRESS", "STANDARD"]) }
                { select_field(props, Field::IncludedData, "includedData", "option-included-data", &s.included_data, &["ALL_DATA", "METADATA_ONLY"]) }
                { text_field(props, Field::TraceHeader, "traceHeader", "option-trace-header", &s.trace_header, "Root=1-…") }
                { text_field(props, Field::Seed, "Seed", "option-seed", &s.seed, "0") }
                { text_field(props, Field::StartTime, "Start time", "option-start-time", &s.start_time, "2026-01-01T00:00:00Z") }
                { text_field(props, Field::TestCase, "Mock test case", "option-test-case", &s.test_case, "HappyPath") }
            </div>
            <details class="mocks" open={mocked}>
                <summary>
                    {"Mock config (Step Functions Local MockConfigFile)"}
                    if mocked { <span class="badge">{"active"}</span> }
                </summary>
                <div class="editor-head">
                    <span class="muted small-text">{"Tasks get their results from here; the test case above selects the mocks."}</span>
                    <button type="button" class="small" data-testid="mock-config-format" onclick={on_format}>{"Format"}</button>
                </div>
                <textarea data-testid="mock-config-editor" class="code mock-editor" rows="10"
                    spellcheck="false" autocomplete="off" wrap="off"
                    aria-label="Mock config JSON"
                    placeholder={"{\"StateMachines\": {…}, \"MockedResponses\": {…}}"}
                    value={s.mock_config.clone()} oninput={on_mocks} />
            </details>
        </details>
    }
}
