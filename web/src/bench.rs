//! Hidden benchmark page (`?bench` in the URL): runs every gallery example the way a Run
//! does — the request posted to the execution worker, the run (history and trace recorded),
//! the reply read back on the page — and shows the median milliseconds per round trip.
//!
//! The table is also published as JSON in `window.aslplayBench` for `benches/node/page.cjs`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use crate::engine::RunOutcome;
use crate::examples::EXAMPLES;
use crate::runner::WORKER_URL;
use crate::worker::{self, Reply};

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

/// The round trips measured so far; advanced by each reply of the worker.
struct Measure {
    worker: Worker,
    requests: Vec<String>,
    /// Index of the example in flight, and of its run (0 is the warm-up).
    example: usize,
    run: usize,
    sent_at: f64,
    status: String,
    times: Vec<f64>,
    rows: Vec<Row>,
    done: Callback<Vec<Row>>,
}

impl Measure {
    fn send(&mut self) {
        self.sent_at = now_ms();
        if let Some(request) = self.requests.get(self.example) {
            let _ = self.worker.post_message(&JsValue::from_str(request));
        }
    }

    /// A reply arrived: record it and send the next request, or publish the table.
    fn on_reply(&mut self, text: &str) {
        let outcome = worker::reply(text);
        let took = now_ms() - self.sent_at;
        if self.run == 0 {
            self.status = match outcome {
                Reply::Run(RunOutcome::Finished(e)) => e.status,
                Reply::Run(RunOutcome::Rejected { error, .. }) => error,
                Reply::Yaml(_) => "unexpected reply".to_owned(),
            };
        } else {
            self.times.push(took);
        }
        self.run += 1;
        if self.run > RUNS {
            self.finish_example();
        }
        if self.example < self.requests.len() {
            self.send();
        } else {
            self.worker.terminate();
            self.done.emit(std::mem::take(&mut self.rows));
        }
    }

    fn finish_example(&mut self) {
        let mut times = std::mem::take(&mut self.times);
        times.sort_by(f64::total_cmp);
        if let Some(example) = EXAMPLES.get(self.example) {
            self.rows.push(Row {
                id: example.id,
                title: example.title,
                status: std::mem::take(&mut self.status),
                median_ms: times.get(RUNS / 2).copied().unwrap_or(0.0),
                max_ms: times.last().copied().unwrap_or(0.0),
            });
        }
        self.example += 1;
        self.run = 0;
    }
}

/// Start measuring every example in a worker; `done` gets the table, or an empty one when
/// no worker can start.
fn measure(done: Callback<Vec<Row>>) {
    let Ok(worker) = Worker::new(WORKER_URL) else {
        done.emit(Vec::new());
        return;
    };
    let state = Rc::new(RefCell::new(Measure {
        worker: worker.clone(),
        requests: EXAMPLES
            .iter()
            .map(|e| worker::request(&e.work()))
            .collect(),
        example: 0,
        run: 0,
        sent_at: 0.0,
        status: String::new(),
        times: Vec::with_capacity(RUNS),
        rows: Vec::new(),
        done: done.clone(),
    }));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        done.emit(Vec::new());
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let text = e.data().as_string().unwrap_or_default();
        let mut state = state.borrow_mut();
        if text == worker::READY {
            state.send();
        } else {
            state.on_reply(&text);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The page measures once and lives as long as the handler: keep it.
    on_message.forget();
}

fn publish(rows: &[Row]) {
    if let (Some(window), Ok(json)) = (web_sys::window(), serde_json::to_string(rows)) {
        let _ = js_sys::Reflect::set(
            &window,
            &"aslplayBench".into(),
            &js_sys::JSON::parse(&json).unwrap_or_default(),
        );
    }
}

/// The benchmark page.
#[component]
pub fn BenchPage() -> Html {
    let rows = use_state(|| None::<Vec<Row>>);
    {
        let rows = rows.clone();
        use_effect_with((), move |()| {
            measure(Callback::from(move |table: Vec<Row>| {
                publish(&table);
                rows.set(Some(table));
            }));
        });
    }
    let body = match &*rows {
        None => html! { <p data-testid="bench-running">{"Measuring…"}</p> },
        Some(rows) if rows.is_empty() => {
            html! { <p data-testid="bench-error">{"The execution worker could not start."}</p> }
        }
        Some(rows) => html! {
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
        },
    };
    html! {
        <main class="bench">
            <h1>{"aslplay: gallery examples, ms per run"}</h1>
            <p>{ format!("Median of {RUNS} round trips each: the request posted to the execution worker, the run (history and trace recorded), the reply read on the page.") }</p>
            { body }
        </main>
    }
}
