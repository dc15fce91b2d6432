//! The per-state inspector: one state visit at a time, with its data at every stage, the
//! variables before and after, and buttons to step through the run.

use yew::prelude::*;

use crate::engine::TraceStep;

#[derive(Properties, PartialEq)]
pub(crate) struct InspectorProps {
    pub trace: Vec<TraceStep>,
    pub step: usize,
    pub on_step: Callback<usize>,
}

#[component]
pub(crate) fn Inspector(props: &InspectorProps) -> Html {
    let len = props.trace.len();
    if len == 0 {
        return html! {
            <div class="inspector" data-testid="inspector">
                <p class="muted">{"No state ran."}</p>
            </div>
        };
    }
    let at = props.step.min(len - 1);
    let Some(step) = props.trace.get(at) else {
        return html! {};
    };
    let prev = {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(at.saturating_sub(1)))
    };
    let next = {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(at + 1))
    };
    let onchange = {
        let on_step = props.on_step.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                on_step.emit(i);
            }
        })
    };
    let options = props.trace.iter().enumerate().map(|(i, t)| {
        let scope = if t.scope.is_empty() {
            String::new()
        } else {
            format!("{} › ", t.scope)
        };
        html! {
            <option value={i.to_string()} selected={i == at}>
                { format!("{}. {scope}{} ({})", i + 1, t.name, t.state_type) }
            </option>
        }
    });
    let stages = step.stages.iter().map(|(label, json)| {
        html! {
            <div class="stage">
                <h4>{ label.clone() }</h4>
                <pre class="code">{ json.clone() }</pre>
            </div>
        }
    });
    html! {
        <div class="inspector" data-testid="inspector">
            <div class="stepper">
                <button type="button" data-testid="step-prev" onclick={prev} disabled={at == 0}
                    aria-label="Previous state">{"◀ Back"}</button>
                <select data-testid="step-select" aria-label="State visit" {onchange}>{ for options }</select>
                <button type="button" data-testid="step-next" onclick={next} disabled={at + 1 >= len}
                    aria-label="Next state">{"Forward ▶"}</button>
                <span class="muted" data-testid="step-position">{ format!("{} of {len}", at + 1) }</span>
            </div>
            <p class="step-head">
                <strong data-testid="step-name">{ step.name.clone() }</strong>
                <span class="badge">{ step.state_type.clone() }</span>
                if !step.scope.is_empty() {
                    <span class="muted">{ format!(" in {}", step.scope) }</span>
                }
                <span class={classes!("badge", format!("st-{}", step.status))}>{ step.status.clone() }</span>
                if step.retries > 0 {
                    <span class="badge">{ format!("{} retries", step.retries) }</span>
                }
                if let Some(next) = &step.next {
                    <span class="muted">{ format!(" → {next}") }</span>
                }
            </p>
            if let Some(error) = &step.error {
                <p class="step-error">
                    <strong>{ error.clone() }</strong>
                    if let Some(cause) = &step.cause { {": "}{ cause.clone() } }
                </p>
            }
            <div class="stages">{ for stages }</div>
            if !step.variables_before.is_empty() || !step.variables_after.is_empty() {
                <div class="stages vars">
                    <div class="stage">
                        <h4>{"Variables before"}</h4>
                        <pre class="code">{ step.variables_before.clone() }</pre>
                    </div>
                    <div class="stage">
                        <h4>{"Variables after"}</h4>
                        <pre class="code">{ step.variables_after.clone() }</pre>
                    </div>
                </div>
            }
        </div>
    }
}
