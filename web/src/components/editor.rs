//! A labelled code editor: a `<textarea>` (the editable element, transparent text) over a
//! highlighted `<pre>` of the same text, with line numbers and error marks in a gutter.
//! All text is rendered as text nodes, never as markup.

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::highlight;

#[derive(Properties, PartialEq)]
pub(crate) struct EditorProps {
    /// `data-testid` of the textarea.
    pub testid: AttrValue,
    pub label: AttrValue,
    pub value: String,
    pub on_change: Callback<String>,
    pub node_ref: NodeRef,
    pub rows: u32,
    /// 1-based lines that have an error diagnostic.
    #[prop_or_default]
    pub error_lines: Vec<usize>,
    /// Pretty-print the text; no Format button when absent.
    #[prop_or_default]
    pub on_format: Option<Callback<()>>,
    /// A short note beside the label (e.g. "YAML").
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// Texts longer than this are shown without highlighting (it would slow typing down).
const HIGHLIGHT_LIMIT: usize = 200_000;

#[component]
pub(crate) fn Editor(props: &EditorProps) -> Html {
    let layer = use_node_ref();
    let gutter = use_node_ref();
    let frame = use_node_ref();
    {
        // Through the CSSOM, not a `style` attribute: the page's Content-Security-Policy
        // (style-src 'self') refuses inline style attributes.
        let frame = frame.clone();
        use_effect_with(props.rows, move |rows| {
            if let Some(div) = frame.cast::<HtmlElement>() {
                let _ = div.style().set_property("--rows", &rows.to_string());
            }
        });
    }
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let textarea: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(textarea.value());
        })
    };
    let onscroll = {
        let layer = layer.clone();
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let textarea: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(pre) = layer.cast::<HtmlElement>() {
                pre.set_scroll_top(textarea.scroll_top());
                pre.set_scroll_left(textarea.scroll_left());
            }
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(textarea.scroll_top());
            }
        })
    };
    let id = format!("{}-field", props.testid);
    let line_count = props.value.split('\n').count().max(1);
    let numbers = (1..=line_count).map(|n| {
        let bad = props.error_lines.contains(&n);
        html! { <span class={classes!("ln", bad.then_some("ln-error"))}>{ n }{"\n"}</span> }
    });
    let spans: Html = if props.value.len() > HIGHLIGHT_LIMIT {
        html! { props.value.clone() }
    } else {
        highlight::tokens(&props.value)
            .into_iter()
            .map(|(kind, text)| html! { <span class={kind.class()}>{ text.to_owned() }</span> })
            .collect()
    };
    let format_button = props.on_format.as_ref().map(|f| {
        let onclick = f.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="small" data-testid={format!("{}-format", props.testid)}
                title="Pretty-print as JSON" {onclick}>{"Format"}</button>
        }
    });
    html! {
        <div class="editor">
            <div class="editor-head">
                <label class="pane-title" for={id.clone()}>{ props.label.clone() }</label>
                if let Some(note) = &props.note {
                    <span class="badge">{ note.clone() }</span>
                }
                { for format_button }
            </div>
            <div class="code-editor" ref={frame}>
                <pre class="gutter" ref={gutter} aria-hidden="true">{ for numbers }</pre>
                <div class="code-stack">
                    <pre class="code highlight" ref={layer} aria-hidden="true">{ spans }{"\n"}</pre>
                    <textarea
                        {id}
                        ref={props.node_ref.clone()}
                        data-testid={props.testid.clone()}
                        class="code input-layer"
                        rows={props.rows.to_string()}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        value={props.value.clone()}
                        {oninput}
                        {onscroll}
                    />
                </div>
            </div>
        </div>
    }
}
