//! The result of the last Run, laid out like a StartSyncExecution response, and the
//! execution history.

use yew::prelude::*;

use crate::engine::{Execution, HistoryRow, RunOutcome};

#[derive(Properties, PartialEq)]
pub(crate) struct ResultPanelProps {
    pub outcome: Option<RunOutcome>,
}

#[component]
pub(crate) fn ResultPanel(props: &ResultPanelProps) -> Html {
    let (request_error, execution) = match &props.outcome {
        None => (None, None),
        Some(RunOutcome::Rejected { error, message }) => {
            (Some(format!("{error}: {message}")), None)
        }
        Some(RunOutcome::Finished(execution)) => (None, Some(execution.as_ref())),
    };
    let text = |f: fn(&Execution) -> Option<String>| execution.and_then(f).unwrap_or_default();
    let status = execution.map(|e| e.status).unwrap_or_default();
    let history = execution.map(|e| e.history.as_slice()).unwrap_or_default();
    html! {
        <div class="result-panel">
            <h2 class="pane-title">{"Result"}</h2>
            if props.outcome.is_none() {
                <p class="muted notice">{"Press Run to execute the definition on the input."}</p>
            }
            <p data-testid="request-error" class="request-error" role="alert"
                hidden={request_error.is_none()}>
                { request_error.unwrap_or_default() }
            </p>
            <dl class="fields">
                <dt>{"Status"}</dt>
                <dd>
                    <span data-testid="status" class={classes!("status", "value", status.to_ascii_lowercase())}>
                        { status }
                    </span>
                </dd>
                <dt>{"Billed duration"}</dt>
                <dd>
                    <span data-testid="billed-duration" class="value">
                        { text(|e| Some(e.billed_duration_ms.to_string())) }
                    </span>
                    if execution.is_some() { {" ms"} }
                </dd>
                <dt>{"Billed memory"}</dt>
                <dd>
                    <span data-testid="billed-memory" class="value">
                        { text(|e| Some(e.billed_memory_mb.to_string())) }
                    </span>
                    if execution.is_some() { {" MB"} }
                </dd>
                if let Some(e) = execution {
                    <dt>{"Transitions"}</dt>
                    <dd>{ e.transitions }</dd>
                }
            </dl>
            <h3 class="field-title">{"Output"}</h3>
            <pre data-testid="output" class="code value">{ text(|e| e.output.clone()) }</pre>
            <h3 class="field-title">{"Error"}</h3>
            <pre data-testid="error" class="code value">{ text(|e| e.error.clone()) }</pre>
            <h3 class="field-title">{"Cause"}</h3>
            <pre data-testid="cause" class="code value">{ text(|e| e.cause.clone()) }</pre>
            if let Some(e) = execution {
                <details class="response">
                    <summary>{"StartSyncExecution response"}</summary>
                    <pre class="code">{ e.response_json.clone() }</pre>
                </details>
            }
            <h2 class="pane-title">{"Execution history"}</h2>
            <ol data-testid="history" class="history">
                { for history.iter().map(history_row) }
            </ol>
            if execution.is_some_and(|e| e.history_truncated) {
                <p class="muted">{"The history stopped at its recording budget."}</p>
            }
        </div>
    }
}

fn history_row(row: &HistoryRow) -> Html {
    html! {
        <li class="event" key={row.id}>
            <span class="ev-id" title={format!("id {}, previousEventId {}", row.id, row.previous_event_id)}>
                { row.id }
            </span>
            <span class="ev-type">{ row.event_type.clone() }</span>
            <span class="ev-time">{ row.timestamp.clone() }</span>
            if !row.details.is_empty() {
                <code class="ev-details">{ row.details.clone() }</code>
            }
        </li>
    }
}
