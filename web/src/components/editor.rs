//! A labelled plain-text JSON editor (a `<textarea>`).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(crate) struct EditorProps {
    /// `data-testid` of the textarea.
    pub testid: AttrValue,
    pub label: AttrValue,
    pub value: String,
    pub on_change: Callback<String>,
    pub node_ref: NodeRef,
    pub rows: u32,
}

#[component]
pub(crate) fn Editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let textarea: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(textarea.value());
        })
    };
    let id = format!("{}-field", props.testid);
    html! {
        <div class="editor">
            <label class="pane-title" for={id.clone()}>{ props.label.clone() }</label>
            <textarea
                {id}
                ref={props.node_ref.clone()}
                data-testid={props.testid.clone()}
                class="code"
                rows={props.rows.to_string()}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                value={props.value.clone()}
                {oninput}
            />
        </div>
    }
}
