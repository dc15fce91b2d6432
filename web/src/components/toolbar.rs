//! The bar above the editors: example menu, Run, Cancel and Share.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;

#[derive(Properties, PartialEq)]
pub(crate) struct ToolbarProps {
    /// Id of the example the editors came from, if they still hold one.
    pub example: Option<&'static str>,
    pub on_example: Callback<String>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
    pub running: bool,
    pub on_share: Callback<()>,
}

#[component]
pub(crate) fn Toolbar(props: &ToolbarProps) -> Html {
    let onchange = {
        let on_example = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_example.emit(select.value());
        })
    };
    let on_run = props.on_run.reform(|_: MouseEvent| ());
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let options = EXAMPLES.iter().map(|e| {
        html! {
            <option value={e.id} selected={props.example == Some(e.id)}>{ e.title }</option>
        }
    });
    html! {
        <div class="toolbar" role="toolbar">
            <label class="example-label">
                <span>{"Example"}</span>
                <select data-testid="example-select" {onchange}>
                    if props.example.is_none() {
                        <option value="" selected=true disabled=true>{"Your definition"}</option>
                    }
                    { for options }
                </select>
            </label>
            <button type="button" class="primary" data-testid="run-button" onclick={on_run}
                disabled={props.running} title="Run (Ctrl+Enter / ⌘+Enter)">
                {"Run"}
            </button>
            <button type="button" data-testid="cancel-button" disabled={!props.running}
                onclick={on_cancel}
                title={if props.running { "Stop the run in progress" } else { "Nothing is running" }}>
                {"Cancel"}
            </button>
            <button type="button" data-testid="share-button" onclick={on_share}>
                {"Share"}
            </button>

        </div>
    }
}
