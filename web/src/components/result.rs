//! The result of the last Run, laid out like a StartSyncExecution response, and the
//! execution history.

use yew::prelude::*;

use crate::components::Inspector;
use crate::engine::{Execution, HistoryRow, RunOutcome, VIEW_KEEP};

#[derive(Properties, PartialEq)]
pub(crate) struct ResultPanelProps {
    pub outcome: Option<RunOutcome>,
    pub running: bool,
    pub step: usize,
    pub on_step: Callback<usize>,
}

#[component]
pub(crate) fn ResultPanel(props: &ResultPanelProps) -> Html {
    let (request_error, execution) = match &props.outcome {
        None => (None, None),
        Some(RunOutcome::Rejected { error, message }) => (Some((error, message)), None),
        Some(RunOutcome::Finished(execution)) => (None, Some(execution.as_ref())),
    };
    let text = |f: fn(&Execution) -> Option<String>| execution.and_then(f).unwrap_or_default();
    let status = execution.map(|e| e.status.as_str()).unwrap_or_default();
    let history = execution.map(|e| e.history.as_slice()).unwrap_or_default();
    let history_omitted = execution.map_or(0, |e| e.history_omitted);
    let trace_omitted = execution.map_or(0, |e| e.trace_omitted);
    let mut rows: Vec<Html> = history.iter().map(history_row).collect();
    if history_omitted > 0 && rows.len() > VIEW_KEEP {
        rows.insert(
            VIEW_KEEP,
            html! {
                <li class="event muted" key="gap" data-testid="history-gap">
                    { format!("… {history_omitted} events not shown (the first and last {VIEW_KEEP} are) …") }
                </li>
            },
        );
    }
    html! {
        <div class="result-panel">
            <h2 class="pane-title">{"Result"}</h2>
            if props.running {
                <p class="notice running" role="status">{"Running in a background worker… Cancel stops it."}</p>
            } else if props.outcome.is_none() {
                <p class="muted notice">{"Press Run (or Ctrl+Enter) to execute the definition on the input."}</p>
            }
            <div data-testid="request-error" class="request-error" role="alert"
                hidden={request_error.is_none()}>
                if let Some((error, message)) = request_error {
                    <p class="request-error-title">
                        {"The request was refused — no execution started"}
                    </p>
                    <p><code class="error-code">{ error.clone() }</code>{": "}{ message.clone() }</p>
                }
            </div>
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
                    <dt>{"Cost estimate"}</dt>
                    <dd data-testid="cost" title="us-east-1 Express prices: $1.00 per million requests plus GB-hours of billed duration and memory">
                        { e.cost.clone() }
                    </dd>
                    <dt>{"Transitions"}</dt>
                    <dd data-testid="transitions">{ e.transitions }</dd>
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
                    <summary>{"Raw StartSyncExecution response (JSON)"}</summary>
                    <pre class="code" data-testid="raw-response">{ e.response_json.clone() }</pre>
                </details>
                <h2 class="pane-title">{"State inspector"}</h2>
                <Inspector trace={e.trace.clone()} step={props.step} on_step={props.on_step.clone()} />
                if trace_omitted > 0 {
                    <p class="muted" data-testid="trace-gap">
                        { format!("The inspector and the graph have the first and last {VIEW_KEEP} state visits; {trace_omitted} in between are left out.") }
                    </p>
                }
            }
            <h2 class="pane-title">{"Execution history"}</h2>
            <ol data-testid="history" class="history">
                { for rows }
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
