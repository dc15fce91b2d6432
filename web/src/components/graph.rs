//! The state machine drawn as a graph (SVG), coloured by the last run.
//!
//! The definition is re-laid out (aslplay-graph) 200 ms after the last edit; while the text
//! does not validate, the last good graph stays, greyed, with a note. Nodes carry the test
//! hooks `data-state` and `data-status` (`succeeded|failed|caught|not-run|current`). A new
//! machine starts in the readable first view (see `graph_view`); the buttons and Ctrl/Cmd +
//! wheel zoom, dragging and the wheel pan, Fit shows the whole graph. Clicking a state (or
//! Enter on it) shows its inspector (the data at every stage of each visit) and asks the page
//! to select it.

use std::rc::Rc;

use super::graph_view::{units_per_px, View, NOMINAL_PX};
use aslplay_graph::{
    layout, Flow, Layout, NodeRole, NodeStatus, Overlay, PlacedEdge, PlacedNode, Visit,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Milliseconds between the last edit and the new layout.
const DEBOUNCE_MS: i32 = 200;
/// A state picked in the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PickedState {
    /// The state's name.
    pub name: String,
    /// Byte range of the state (`"Name": {…}`) in the definition text, when found.
    pub range: Option<(usize, usize)>,
}

#[derive(Properties, PartialEq)]
pub(crate) struct GraphProps {
    /// The definition editor's text.
    pub definition: String,
    /// The visits of the last run, in trace order (`None`: no run since the last edit).
    #[prop_or_default]
    pub visits: Option<Rc<Vec<Visit>>>,
    /// The state being looked at while stepping through a run.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    /// A state was clicked.
    pub on_select: Callback<PickedState>,
}

/// What is on screen: a layout of some definition text.
#[derive(PartialEq)]
struct Drawn {
    layout: Layout,
    /// How long the layout took (shown as `data-layout-ms`), when measured.
    layout_ms: Option<f64>,
}

/// The layout of `text`, or why there is none.
fn lay_out(text: &str) -> Result<Drawn, String> {
    match aslplay_core::load_definition(text, aslplay_core::MachineType::Express) {
        Ok((machine, _)) => {
            let flow = Flow::from_machine(&machine);
            let started = now_ms();
            let layout = layout(&flow);
            let layout_ms = started.zip(now_ms()).map(|(a, b)| b - a);
            Ok(Drawn { layout, layout_ms })
        }
        Err(diagnostics) => Err(format!(
            "The definition has {} problem{}; showing the last valid graph.",
            diagnostics.len(),
            if diagnostics.len() == 1 { "" } else { "s" }
        )),
    }
}

/// The page's monotonic clock, in milliseconds (none outside a browser).
fn now_ms() -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Whether two layouts draw the same states (the same machine, perhaps edited inside).
fn same_states(a: &Layout, b: &Layout) -> bool {
    let names = |l: &Layout| {
        l.nodes
            .iter()
            .filter(|n| n.role == NodeRole::State)
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
    };
    names(a) == names(b)
}

/// Byte range of the state at JSON pointer `pointer` (from its key to the end of its object).
fn state_range(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let root = aslplay_core::json::parse(text).ok()?;
    let (key, node) = root.lookup(pointer)?;
    let start = key.map_or(node.span.start, |k| k.start);
    Some((start, node.span.end))
}

#[component]
pub(crate) fn Graph(props: &GraphProps) -> Html {
    let drawn = {
        let text = props.definition.clone();
        use_state(move || lay_out(&text).ok().map(Rc::new))
    };
    let note = use_state(|| None::<String>);
    // The definition text the graph (or the note) reflects; differs while a re-layout waits.
    let settled = {
        let text = props.definition.clone();
        use_state(move || text)
    };
    let view = use_state(|| View::Auto);
    let selected = use_state(|| None::<String>);
    let drag = use_mut_ref(|| None::<(i32, i32, View)>);
    let svg_ref = use_node_ref();

    // Debounced re-layout of the definition.
    {
        let drawn = drawn.clone();
        let note = note.clone();
        let settled = settled.clone();
        let view = view.clone();
        use_effect_with(props.definition.clone(), move |text| {
            let text = text.clone();
            let callback = Closure::<dyn FnMut()>::new(move || {
                match lay_out(&text) {
                    Ok(new) => {
                        // Another machine (not an edit inside a state): start from its top.
                        if !drawn
                            .as_ref()
                            .is_some_and(|old| same_states(&old.layout, &new.layout))
                        {
                            view.set(View::Auto);
                        }
                        drawn.set(Some(Rc::new(new)));
                        note.set(None);
                    }
                    Err(message) => note.set(Some(message)),
                }
                settled.set(text.clone());
            });
            let window = web_sys::window();
            let handle = window.as_ref().and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    DEBOUNCE_MS,
                )
                .ok()
            });
            move || {
                if let (Some(w), Some(h)) = (window, handle) {
                    w.clear_timeout_with_handle(h);
                }
                drop(callback);
            }
        });
    }

    // The panel's size, from a ResizeObserver: render never reads layout (which would force
    // the browser to lay the page out mid-render on every keystroke).
    let panel_size = use_state_eq(|| None::<(f64, f64)>);
    {
        let panel_size = panel_size.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with(drawn.is_some(), move |_| {
            let callback =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                        let rect = entry.content_rect();
                        panel_size.set(Some((rect.width(), rect.height())));
                    }
                });
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(svg)) = (&observer, svg_ref.cast::<web_sys::Element>()) {
                o.observe(&svg);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }

    let px = (*panel_size)
        .filter(|(w, h)| *w > 0.0 && *h > 0.0)
        .unwrap_or(NOMINAL_PX);

    // Wheel: pans a graph larger than the view, Ctrl/Cmd + wheel (and pinch) zooms; a graph
    // shown whole lets the page scroll. A non-passive listener, to stop the page scrolling.
    {
        let view = view.clone();
        let drawn = drawn.clone();
        let svg_ref = svg_ref.clone();
        let drawn_id = drawn.as_ref().map(|d| Rc::as_ptr(d) as usize);
        use_effect_with((drawn_id, *view, px), move |_| {
            let listener = Closure::<dyn FnMut(web_sys::WheelEvent)>::new({
                let view = view.clone();
                let drawn = drawn.clone();
                move |e: web_sys::WheelEvent| {
                    let Some(d) = drawn.as_ref() else { return };
                    if e.ctrl_key() || e.meta_key() {
                        e.prevent_default();
                        let factor = if e.delta_y() < 0.0 { 1.15 } else { 1.0 / 1.15 };
                        view.set(view.zoomed(&d.layout, px, factor));
                    } else if !view.shows_all(&d.layout, px) {
                        e.prevent_default();
                        // Lines or pages to pixels, then pixels to layout units.
                        let unit = match e.delta_mode() {
                            1 => 16.0,
                            2 => px.1,
                            _ => 1.0,
                        } * units_per_px(view.view_box(&d.layout, px), px);
                        view.set(view.panned(
                            &d.layout,
                            px,
                            e.delta_x() * unit,
                            e.delta_y() * unit,
                        ));
                    }
                }
            });
            let target: Option<web_sys::EventTarget> =
                svg_ref.cast::<web_sys::Element>().map(Into::into);
            if let Some(t) = &target {
                let options = web_sys::AddEventListenerOptions::new();
                options.set_passive(false);
                let _ = t.add_event_listener_with_callback_and_add_event_listener_options(
                    "wheel",
                    listener.as_ref().unchecked_ref(),
                    &options,
                );
            }
            move || {
                if let Some(t) = target {
                    let _ = t.remove_event_listener_with_callback(
                        "wheel",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }

    let Some(d) = drawn.as_ref() else {
        return html! {
            <div class="graph-panel">
                <h2 class="pane-title">{"Graph"}</h2>
                <p class="muted" data-testid="graph-note">
                    { (*note).clone().unwrap_or_else(|| "The graph appears once the definition is valid.".to_owned()) }
                </p>
            </div>
        };
    };
    let l = &d.layout;
    let overlay = props
        .visits
        .as_ref()
        .map(|v| Overlay::from_visits(v))
        .unwrap_or_default();
    let status_of = |node: &PlacedNode| -> NodeStatus {
        if props.current.as_deref() == Some(node.name.as_str()) {
            NodeStatus::Current
        } else {
            overlay.status(&node.name)
        }
    };
    let (vx, vy, vw, vh) = view.view_box(l, px);

    let zoom_by = |factor: f64| {
        let view = view.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| view.set(view.zoomed(&d.layout, px, factor)))
    };
    let on_fit = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(View::Fit))
    };
    let on_down = {
        let drag = drag.clone();
        let view = view.clone();
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() == 0 {
                let start = View::Manual(view.view_box(&d.layout, px));
                *drag.borrow_mut() = Some((e.client_x(), e.client_y(), start));
            }
        })
    };
    let on_move = {
        let drag = drag.clone();
        let view = view.clone();
        let d = d.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((x0, y0, start)) = *drag.borrow() else {
                return;
            };
            let per_px = units_per_px(start.view_box(&d.layout, px), px);
            let dx = f64::from(e.client_x() - x0) * per_px;
            let dy = f64::from(e.client_y() - y0) * per_px;
            if dx.abs() + dy.abs() > 0.0 {
                view.set(start.panned(&d.layout, px, -dx, -dy));
            }
        })
    };
    let on_up = {
        let drag = drag.clone();
        Callback::from(move |_: MouseEvent| *drag.borrow_mut() = None)
    };

    // Picking a node: a click, or Enter / Space on the focused node (nodes are tab stops).
    let select = |node: &PlacedNode| {
        let selected = selected.clone();
        let on_select = props.on_select.clone();
        let name = node.name.clone();
        let pointer = node.pointer.clone();
        let text = props.definition.clone();
        Callback::from(move |()| {
            selected.set(Some(name.clone()));
            on_select.emit(PickedState {
                name: name.clone(),
                range: state_range(&text, &pointer),
            });
        })
    };
    let pick = |node: &PlacedNode| {
        let select = select(node);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            select.emit(());
        })
    };
    let pick_key = |node: &PlacedNode| {
        let select = select(node);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                select.emit(());
            }
        })
    };

    let containers = l
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.container)
        .map(|(i, n)| {
            let frames = l.frames.iter().filter(|f| f.owner == i).map(|f| {
                html! {
                    <g class="frame">
                        <rect x={num(f.rect.x)} y={num(f.rect.y)} width={num(f.rect.w)}
                            height={num(f.rect.h)} rx="6" />
                        <text class="frame-caption" x={num(f.rect.x + 8.0)} y={num(f.rect.y + 13.0)}>
                            { f.caption.clone() }
                        </text>
                    </g>
                }
            });
            let status = status_of(n);
            html! {
                <>
                    <g class={classes!("node", "container", n.type_name.to_ascii_lowercase(), status.as_str(),
                            outcome_class(status, overlay.status(&n.name)),
                            overlay.retried(&n.name).then_some("retried"),
                            (selected.as_deref() == Some(n.name.as_str())).then_some("selected"))}
                        data-state={n.name.clone()} data-status={status.as_str()}
                        data-retried={overlay.retried(&n.name).to_string()}
                        tabindex="0" role="button" aria-label={node_label(n, status)}
                        onclick={pick(n)} onkeydown={pick_key(n)}>
                        <title>{ format!("{} ({})", n.name, n.type_name) }</title>
                        <rect x={num(n.rect.x)} y={num(n.rect.y)} width={num(n.rect.w)}
                            height={num(n.rect.h)} rx="8" />
                        <text class="name" x={num(n.rect.x + 10.0)} y={num(n.rect.y + 18.0)}>
                            { n.display_name.clone() }
                        </text>
                        <text class="type" x={num(n.rect.x + 10.0)} y={num(n.rect.y + 32.0)}>
                            { type_caption(n, &overlay) }
                        </text>
                    </g>
                    { for frames }
                </>
            }
        });

    let edges = l.edges.iter().map(|e| edge_view(l, e, &overlay));

    let leaves = l.nodes.iter().filter(|n| !n.container).map(|n| match n.role {
        NodeRole::Start | NodeRole::End => {
            let role = if n.role == NodeRole::Start { "start" } else { "end" };
            let r = n.rect.w / 2.0;
            html! {
                <g class={classes!("marker", role)} data-marker={role}>
                    <title>{ if role == "start" { "Start" } else { "End" } }</title>
                    <circle cx={num(n.rect.cx())} cy={num(n.rect.y + r)} r={num(r)} />
                    if n.role == NodeRole::End {
                        <circle class="inner" cx={num(n.rect.cx())} cy={num(n.rect.y + r)} r={num(r - 5.0)} />
                    }
                </g>
            }
        }
        NodeRole::State => {
            let status = status_of(n);
            let retried = overlay.retried(&n.name);
            html! {
                <g class={classes!("node", n.type_name.to_ascii_lowercase(), status.as_str(),
                        outcome_class(status, overlay.status(&n.name)),
                        retried.then_some("retried"),
                        (selected.as_deref() == Some(n.name.as_str())).then_some("selected"))}
                    data-state={n.name.clone()} data-status={status.as_str()}
                    data-retried={retried.to_string()}
                    tabindex="0" role="button" aria-label={node_label(n, status)}
                    onclick={pick(n)} onkeydown={pick_key(n)}>
                    <title>{ format!("{} ({})", n.name, n.type_name) }</title>
                    <rect x={num(n.rect.x)} y={num(n.rect.y)} width={num(n.rect.w)}
                        height={num(n.rect.h)} rx="8" />
                    <text class="name" x={num(n.rect.cx())} y={num(n.rect.y + 19.0)} text-anchor="middle">
                        { n.display_name.clone() }
                    </text>
                    <text class="type" x={num(n.rect.cx())} y={num(n.rect.y + 34.0)} text-anchor="middle">
                        { type_caption(n, &overlay) }
                    </text>
                </g>
            }
        }
    });

    // A state picked before the definition changed may be gone.
    let inspector = selected
        .as_ref()
        .filter(|name| l.nodes.iter().any(|n| &n.name == *name))
        .map(|name| {
            let visits: Vec<&Visit> = props
                .visits
                .as_ref()
                .map(|v| v.iter().filter(|v| &v.name == name).collect())
                .unwrap_or_default();
            inspector_view(name, &visits, props.visits.is_some())
        });

    html! {
        <div class="graph-panel">
            <div class="graph-head">
                <h2 class="pane-title">{"Graph"}</h2>
                <div class="graph-controls" role="group" aria-label="Zoom">
                    <button type="button" data-testid="graph-zoom-out" title="Zoom out"
                        onclick={zoom_by(1.0 / 1.25)}>{"−"}</button>
                    <button type="button" data-testid="graph-zoom-in" title="Zoom in"
                        onclick={zoom_by(1.25)}>{"+"}</button>
                    <button type="button" data-testid="graph-fit" title="Fit to view"
                        onclick={on_fit}>{"Fit"}</button>
                </div>
            </div>
            if let Some(message) = &*note {
                <p class="graph-note" data-testid="graph-note" role="status">{ message.clone() }</p>
            }
            <svg ref={svg_ref} data-testid="graph"
                data-pending={(*settled != props.definition).to_string()}
                data-layout-ms={d.layout_ms.map(|ms| format!("{ms:.2}"))}
                class={classes!("graph", note.is_some().then_some("stale"))}
                viewBox={format!("{} {} {} {}", num(vx), num(vy), num(vw), num(vh))}
                preserveAspectRatio="xMidYMid meet"
                role="img" aria-label="State machine graph"
                onmousedown={on_down} onmousemove={on_move}
                onmouseup={on_up.clone()} onmouseleave={on_up}>
                <defs>
                    <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5"
                        markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10"
                        orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow" />
                    </marker>
                    <marker id="graph-arrow-taken" viewBox="0 0 10 10" refX="9" refY="5"
                        markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12"
                        orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow taken" />
                    </marker>
                </defs>
                { for containers }
                { for edges }
                { for leaves }
            </svg>
            { for inspector }
        </div>
    }
}

/// The outcome's class for the state being stepped through, so it keeps its outcome colour
/// under the `current` outline; none otherwise (the status class already is the outcome).
fn outcome_class(status: NodeStatus, outcome: NodeStatus) -> Option<&'static str> {
    (status == NodeStatus::Current).then_some(outcome.as_str())
}

/// What a screen reader says for a node: name, type and how it fared.
fn node_label(n: &PlacedNode, status: NodeStatus) -> String {
    format!("{} ({}), {}", n.name, n.type_name, status.as_str())
}

/// A number for an SVG attribute (two decimals at most).
fn num(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    format!("{rounded}")
}

fn type_caption(n: &PlacedNode, overlay: &Overlay) -> String {
    if overlay.retried(&n.name) {
        format!("{} · retried", n.type_name)
    } else {
        n.type_name.clone()
    }
}

fn edge_view(l: &Layout, e: &PlacedEdge, overlay: &Overlay) -> Html {
    let (Some(from), Some(to)) = (l.nodes.get(e.from), l.nodes.get(e.to)) else {
        return Html::default();
    };
    let to_name = (to.role == NodeRole::State).then_some(to.name.as_str());
    let taken = !overlay.is_empty() && overlay.taken(&from.name, to_name, e.kind);
    let points = e
        .points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ");
    let marker = if taken {
        "url(#graph-arrow-taken)"
    } else {
        "url(#graph-arrow)"
    };
    let label = match (&e.label, e.label_at) {
        (Some(text), Some(at)) => {
            let w = text.chars().count() as f64 * 6.2 + 8.0;
            html! {
                <g class="edge-label">
                    <rect x={num(at.x - w / 2.0)} y={num(at.y - 8.0)} width={num(w)} height="16" rx="3" />
                    <text x={num(at.x)} y={num(at.y + 4.0)} text-anchor="middle">{ text.clone() }</text>
                </g>
            }
        }
        _ => Html::default(),
    };
    let from_name = if from.role == NodeRole::State {
        from.name.clone()
    } else {
        "(start)".to_owned()
    };
    html! {
        <g class={classes!("edge", e.kind.as_str(), taken.then_some("taken"), e.back.then_some("back"))}
            data-from={from_name} data-to={to_name.unwrap_or("(end)").to_owned()}
            data-kind={e.kind.as_str()}>
            <polyline points={points} marker-end={marker} />
            { label }
        </g>
    }
}

fn inspector_view(name: &str, visits: &[&Visit], ran: bool) -> Html {
    let body = if !ran {
        html! { <p class="muted">{"Run the definition to see the data this state handled."}</p> }
    } else if visits.is_empty() {
        html! { <p class="muted">{"The last run did not enter this state."}</p> }
    } else {
        html! {
            <ol class="visits">
                { for visits.iter().enumerate().map(|(i, v)| html! {
                    <li class={classes!("visit", v.status.clone())}>
                        <p class="visit-head">
                            { format!("Visit {} · {}", i + 1, v.status) }
                            if !v.scope.is_empty() { { format!(" · in {}", v.scope) } }
                            if v.retries > 0 { { format!(" · {} retr{}", v.retries, if v.retries == 1 { "y" } else { "ies" }) } }
                            if let Some(next) = &v.next { { format!(" · next {next}") } }
                        </p>
                        if let Some(error) = &v.error {
                            <p class="visit-error">
                                { error.clone() }
                                if let Some(cause) = &v.cause { { format!(": {cause}") } }
                            </p>
                        }
                        <dl class="stages">
                            { for v.stages.iter().map(|(stage, json)| html! {
                                <>
                                    <dt>{ stage.clone() }</dt>
                                    <dd><pre class="code">{ json.clone() }</pre></dd>
                                </>
                            }) }
                        </dl>
                    </li>
                }) }
            </ol>
        }
    };
    html! {
        <section class="state-inspector" data-testid="state-inspector" data-state={name.to_owned()}>
            <h3 class="field-title">{ format!("State {name}") }</h3>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_pointer() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
        let (start, end) = state_range(text, "/States/A").expect("found");
        assert_eq!(&text[start..end], r#""A": {"Type": "Pass", "End": true}"#);
        assert_eq!(state_range(text, "/States/B"), None);
        assert_eq!(state_range("{", "/States/A"), None);
    }

    #[test]
    fn invalid_definitions_explain_the_missing_graph() {
        assert!(
            lay_out(r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#).is_ok()
        );
        let err = lay_out("{").err().unwrap_or_default();
        assert!(err.contains("1 problem;"), "{err}");
    }
}
