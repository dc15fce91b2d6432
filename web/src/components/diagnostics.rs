//! The list of problems found in the editors; clicking one selects its location.

use yew::prelude::*;

use crate::engine::{Diagnostic, Severity};

#[derive(Properties, PartialEq)]
pub(crate) struct DiagnosticsProps {
    pub diagnostics: Vec<Diagnostic>,
    pub on_select: Callback<Diagnostic>,
}

#[component]
pub(crate) fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let items = props.diagnostics.iter().map(|d| {
        let onclick = {
            let on_select = props.on_select.clone();
            let d = d.clone();
            Callback::from(move |_: MouseEvent| on_select.emit(d.clone()))
        };
        html! {
            <li class={classes!("diagnostic", severity_class(d.severity))} data-code={d.code.clone()}>
                <button type="button" class="diagnostic-jump" {onclick}
                    title="Select this location in the editor">
                    <span class="severity">{ d.severity.to_string() }</span>
                    <span class="where">{ format!("{} {}:{}", d.source, d.line, d.column) }</span>
                    <span class="code-name">{ d.code.clone() }</span>
                    if let Some(location) = &d.location {
                        <span class="pointer">{ location.clone() }</span>
                    }
                    <span class="message">{ d.message.clone() }</span>
                    if let Some(help) = &d.help {
                        <span class="help">{ format!("help: {help}") }</span>
                    }
                </button>
                if !d.snippet.is_empty() {
                    <pre class="snippet">{ d.snippet.clone() }</pre>
                }
            </li>
        }
    });
    html! {
        <div class="diagnostics-panel">
            <h2 class="pane-title">{"Problems"}</h2>
            if props.diagnostics.is_empty() {
                <p class="muted">{"No problems found."}</p>
            }
            <ul data-testid="diagnostics" class="diagnostics">{ for items }</ul>
        </div>
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
