//! Talks to the execution worker: starts runs, converts YAML definitions, and delivers the
//! replies to the reducer.
//!
//! The worker (`aslplay-worker`, built by Trunk next to the page) holds the interpreter and
//! the YAML parser, so the page's own wasm stays small (docs/performance.md); a long run never
//! freezes the page, and Cancel terminates the worker. One worker is kept between runs (no
//! start-up cost per run): [`Runner::warm_up`] starts it on the first edit, a Run or a YAML
//! conversion starts it if needed, and a Cancel, a run superseding one in flight, or a crash
//! replaces it. The worker answers requests in order.
//!
//! Where no worker can start (workers blocked, the file missing as in the wasm-bindgen test
//! page) requests are answered by [`worker::unavailable`], unless a [`LocalRun`] was
//! installed with [`run_locally_without_worker`] (the wasm tests install the worker's own
//! handler).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::UseReducerDispatcher;

use crate::engine::RunOutcome;
use crate::state::{Action, Playground, Work};
use crate::worker::{self, Reply};

/// The worker's loader script, relative to the page (so any sub-path works).
pub(crate) const WORKER_URL: &str = "./aslplay-worker_loader.js";

/// Answers a request on the page's thread and returns the reply text (see [`worker::handle`]).
pub type LocalRun = fn(&str) -> String;

thread_local! {
    static LOCAL_RUN: Cell<Option<LocalRun>> = const { Cell::new(None) };
}

/// Answer requests with `handler` on the page's thread when no worker can start. Only tests
/// install one: linking the interpreter into the page is what the worker avoids.
pub fn run_locally_without_worker(handler: LocalRun) {
    LOCAL_RUN.with(|l| l.set(Some(handler)));
}

/// The reply text for a request no worker can take.
fn without_worker(request: &str) -> String {
    match LOCAL_RUN.with(Cell::get) {
        Some(handler) => handler(request),
        None => worker::unavailable(request),
    }
}

/// What a request asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Run,
    Yaml,
}

/// The worker's requests and replies, shared with its handlers.
struct Shared {
    dispatch: UseReducerDispatcher<Playground>,
    /// The worker posted [`worker::READY`].
    ready: Cell<bool>,
    /// The worker failed to load or crashed: the next request starts a new one.
    failed: Cell<bool>,
    /// Requests not answered yet, oldest first (posted ones, then those waiting for READY).
    pending: RefCell<Vec<(Kind, String)>>,
    /// How many of `pending` were posted.
    posted: Cell<usize>,
}

impl Shared {
    fn busy(&self) -> bool {
        self.pending
            .borrow()
            .iter()
            .any(|(kind, _)| *kind == Kind::Run)
    }

    fn deliver(&self, reply: &str) {
        match worker::reply(reply) {
            Reply::Run(outcome) => self.dispatch.dispatch(Action::Finished(outcome)),
            Reply::Yaml(conversion) => self.dispatch.dispatch(Action::YamlConverted(conversion)),
        }
    }
}

/// A started worker and its handlers (dropping them would detach the handlers).
struct Live {
    worker: Worker,
    shared: Rc<Shared>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Live {
    fn spawn(dispatch: &UseReducerDispatcher<Playground>) -> Result<Live, JsValue> {
        let worker = Worker::new(WORKER_URL)?;
        let shared = Rc::new(Shared {
            dispatch: dispatch.clone(),
            ready: Cell::new(false),
            failed: Cell::new(false),
            pending: RefCell::new(Vec::new()),
            posted: Cell::new(0),
        });
        let on_message = {
            let shared = shared.clone();
            let w = worker.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let text = e.data().as_string().unwrap_or_default();
                if text == worker::READY {
                    shared.ready.set(true);
                    for (_, request) in shared.pending.borrow().iter() {
                        let _ = w.post_message(&JsValue::from_str(request));
                    }
                    shared.posted.set(shared.pending.borrow().len());
                    return;
                }
                if shared.posted.get() == 0 {
                    return;
                }
                shared.posted.set(shared.posted.get() - 1);
                let answered = {
                    let mut pending = shared.pending.borrow_mut();
                    (!pending.is_empty()).then(|| pending.remove(0))
                };
                if answered.is_some() {
                    shared.deliver(&text);
                }
            })
        };
        let on_error = {
            let shared = shared.clone();
            let w = worker.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                // The worker could not load, or crashed while answering.
                e.prevent_default();
                w.terminate();
                shared.failed.set(true);
                let loaded = shared.ready.get();
                let pending = std::mem::take(&mut *shared.pending.borrow_mut());
                shared.posted.set(0);
                for (kind, request) in pending {
                    if loaded && kind == Kind::Run {
                        shared.dispatch.dispatch(Action::Finished(crashed(&e)));
                    } else {
                        shared.deliver(&without_worker(&request));
                    }
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Live {
            worker,
            shared,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Post `request` now, or once the worker is ready.
    fn send(&self, kind: Kind, request: String) {
        if self.shared.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&request));
            self.shared.posted.set(self.shared.posted.get() + 1);
        }
        self.shared.pending.borrow_mut().push((kind, request));
    }

    /// Stop the worker; returns the YAML conversions it had not answered.
    fn terminate(self) -> Vec<String> {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        let pending = std::mem::take(&mut *self.shared.pending.borrow_mut());
        pending
            .into_iter()
            .filter(|(kind, _)| *kind == Kind::Yaml)
            .map(|(_, request)| request)
            .collect()
    }
}

/// Call `f` from a new task (a zero-delay timeout).
pub(crate) fn soon(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
}

/// The outcome of a run whose worker stopped before replying.
fn crashed(e: &web_sys::Event) -> RunOutcome {
    let detail = js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    RunOutcome::Rejected {
        error: "WorkerFailed".to_owned(),
        message: format!(
            "The execution worker stopped before it replied ({}). Run again to start a new one.",
            if detail.is_empty() {
                "no detail"
            } else {
                &detail
            }
        ),
    }
}

/// Owns the execution worker and the requests in flight.
#[derive(Default)]
pub struct Runner {
    live: Option<Live>,
}

impl Runner {
    /// Start the worker ahead of the first request (it downloads and compiles meanwhile).
    pub fn warm_up(&mut self, dispatch: &UseReducerDispatcher<Playground>) {
        if self.live.as_ref().is_some_and(|l| l.shared.failed.get()) {
            self.live = None;
        }
        if self.live.is_none() {
            self.live = Live::spawn(dispatch).ok();
        }
    }

    /// Run `work` and dispatch `Started`, then `Finished`. A run still in flight is
    /// abandoned (its worker terminated).
    pub fn start(&mut self, work: &Work, dispatch: UseReducerDispatcher<Playground>) {
        let resend = if self.live.as_ref().is_some_and(|l| l.shared.busy()) {
            self.stop()
        } else {
            Vec::new()
        };
        dispatch.dispatch(Action::Started);
        self.send(&dispatch, Kind::Run, worker::request(work));
        for request in resend {
            self.send(&dispatch, Kind::Yaml, request);
        }
    }

    /// Ask the worker to convert a YAML definition; `YamlConverted` follows.
    pub fn convert_yaml(&mut self, yaml: &str, dispatch: &UseReducerDispatcher<Playground>) {
        self.send(dispatch, Kind::Yaml, worker::yaml_request(yaml));
    }

    fn send(&mut self, dispatch: &UseReducerDispatcher<Playground>, kind: Kind, request: String) {
        self.warm_up(dispatch);
        match &self.live {
            Some(live) => live.send(kind, request),
            None => {
                // Answered at once, but delivered from a fresh task: the caller may be in
                // the middle of a render, or hold the runner.
                let dispatch = dispatch.clone();
                soon(move || match worker::reply(&without_worker(&request)) {
                    Reply::Run(outcome) => dispatch.dispatch(Action::Finished(outcome)),
                    Reply::Yaml(c) => dispatch.dispatch(Action::YamlConverted(c)),
                });
            }
        }
    }

    /// Stop the run in flight; `false` when there is none.
    pub fn cancel(&mut self, dispatch: &UseReducerDispatcher<Playground>) -> bool {
        if !self.live.as_ref().is_some_and(|l| l.shared.busy()) {
            return false;
        }
        for request in self.stop() {
            self.send(dispatch, Kind::Yaml, request);
        }
        true
    }

    /// Terminate the worker; returns its unanswered YAML conversions.
    fn stop(&mut self) -> Vec<String> {
        self.live.take().map(Live::terminate).unwrap_or_default()
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.stop();
    }
}
