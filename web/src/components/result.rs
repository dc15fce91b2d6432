//! The result of the last Run, laid out like a StartSyncExecution response, and the
//! execution history.

use yew::prelude::*;

use crate::engine::RunOutcome;

#[derive(Properties, PartialEq)]
pub(crate) struct ResultPanelProps {
    pub outcome: Option<RunOutcome>,
}

#[component]
pub(crate) fn ResultPanel(props: &ResultPanelProps) -> Html {
    let (request_error, notice) = match &props.outcome {
        None => (
            None,
            Some("Press Run to execute the definition on the input."),
        ),
        Some(RunOutcome::Rejected { error, message }) => {
            (Some(format!("{error}: {message}")), None)
        }
        Some(RunOutcome::NotExecuted) => (
            None,
            Some(
                "The definition and input are well-formed JSON. This build cannot execute \
                 state machines yet: the interpreter is still being written.",
            ),
        ),
    };
    html! {
        <div class="result-panel">
            <h2 class="pane-title">{"Result"}</h2>
            if let Some(notice) = notice {
                <p class="muted notice">{ notice }</p>
            }
            <p data-testid="request-error" class="request-error" role="alert"
                hidden={request_error.is_none()}>
                { request_error.unwrap_or_default() }
            </p>
            <dl class="fields">
                <dt>{"Status"}</dt>
                <dd><span data-testid="status" class="status value"></span></dd>
                <dt>{"Billed duration"}</dt>
                <dd><span data-testid="billed-duration" class="value"></span></dd>
                <dt>{"Billed memory"}</dt>
                <dd><span data-testid="billed-memory" class="value"></span></dd>
            </dl>
            <h3 class="field-title">{"Output"}</h3>
            <pre data-testid="output" class="code value"></pre>
            <h3 class="field-title">{"Error"}</h3>
            <pre data-testid="error" class="code value"></pre>
            <h3 class="field-title">{"Cause"}</h3>
            <pre data-testid="cause" class="code value"></pre>
            <h2 class="pane-title">{"Execution history"}</h2>
            <ol data-testid="history" class="history"></ol>
        </div>
    }
}
