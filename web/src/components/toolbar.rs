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
    pub on_share: Callback<()>,
    pub share_note: Option<AttrValue>,
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
            <button type="button" class="primary" data-testid="run-button" onclick={on_run}>
                {"Run"}
            </button>
            // Runs finish synchronously within the page's step budget, so there is never
            // anything in flight to cancel yet.
            <button type="button" data-testid="cancel-button" disabled=true
                title="Nothing is running">
                {"Cancel"}
            </button>
            <button type="button" data-testid="share-button" onclick={on_share}>
                {"Share"}
            </button>
            if let Some(note) = &props.share_note {
                <span class="share-note" role="status">{ note.clone() }</span>
            }
        </div>
    }
}
