//! Hidden benchmark page (`?bench` in the URL): runs every gallery example the way a Run
//! does (the worker's request → run → reply round trip, with history and trace recorded),
//! here on the page's thread, and shows the median milliseconds per example.
//!
//! The table is also published as JSON in `window.aslplayBench` for `benches/page.mjs`.

use yew::prelude::*;

use crate::engine::RunOutcome;
use crate::examples::EXAMPLES;
use crate::worker;

/// Timed runs per example (after one warm-up run).
const RUNS: usize = 25;

/// Whether the URL asks for the benchmark page.
pub fn requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|p| p == "bench" || p.starts_with("bench="))
        })
}

/// One example's figures.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
struct Row {
    id: &'static str,
    title: &'static str,
    status: String,
    median_ms: f64,
    max_ms: f64,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn measure() -> Vec<Row> {
    EXAMPLES
        .iter()
        .map(|example| {
            let request = worker::request(&example.work());
            let status = match worker::reply(&worker::handle(&request)) {
                RunOutcome::Finished(e) => e.status,
                RunOutcome::Rejected { error, .. } => error,
            };
            let mut times: Vec<f64> = (0..RUNS)
                .map(|_| {
                    let start = now_ms();
                    let reply = worker::reply(&worker::handle(&request));
                    let took = now_ms() - start;
                    drop(reply);
                    took
                })
                .collect();
            times.sort_by(f64::total_cmp);
            Row {
                id: example.id,
                title: example.title,
                status,
                median_ms: times.get(RUNS / 2).copied().unwrap_or(0.0),
                max_ms: times.last().copied().unwrap_or(0.0),
            }
        })
        .collect()
}

/// The benchmark page.
#[component]
pub fn BenchPage() -> Html {
    let rows = use_memo((), |()| {
        let rows = measure();
        if let (Some(window), Ok(json)) = (web_sys::window(), serde_json::to_string(&rows)) {
            let _ = js_sys::Reflect::set(
                &window,
                &"aslplayBench".into(),
                &js_sys::JSON::parse(&json).unwrap_or_default(),
            );
        }
        rows
    });
    html! {
        <main class="bench">
            <h1>{"aslplay: gallery examples, ms per run"}</h1>
            <p>{ format!("Median of {RUNS} runs each on the page's thread (request, run with history and trace, reply).") }</p>
            <table data-testid="bench-results">
                <thead><tr><th>{"example"}</th><th>{"status"}</th><th>{"median ms"}</th><th>{"max ms"}</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-id={r.id}>
                            <td>{ r.title }</td>
                            <td>{ r.status.clone() }</td>
                            <td>{ format!("{:.3}", r.median_ms) }</td>
                            <td>{ format!("{:.3}", r.max_ms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </main>
    }
}
