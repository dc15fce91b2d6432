//! Starts runs and delivers their outcome to the reducer.
//!
//! Runs go to a Web Worker (`aslplay-worker`, built by Trunk next to the page) so the page
//! stays responsive, and Cancel terminates it. Where no worker can start (the file is
//! missing, as in the wasm-bindgen test page, or workers are blocked) the run happens on the
//! page's thread instead; the core bounds every run by its step budget.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::UseReducerDispatcher;

use crate::state::{Action, Playground, Work};
use crate::worker;

/// The worker's loader script, relative to the page (so any sub-path works).
const WORKER_URL: &str = "./aslplay-worker_loader.js";

/// A started worker and its handlers (dropping them would detach the handlers).
struct Live {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// Owns the run in flight.
#[derive(Default)]
pub struct Runner {
    live: Option<Live>,
}

impl Runner {
    /// Run `work` in a fresh worker and dispatch `Started`, then `Finished`.
    pub fn start(&mut self, work: &Work, dispatch: UseReducerDispatcher<Playground>) {
        self.stop();
        let request = worker::request(work);
        let Ok(w) = Worker::new(WORKER_URL) else {
            run_here(&request, &dispatch);
            return;
        };
        dispatch.dispatch(Action::Started);
        let on_message = {
            let dispatch = dispatch.clone();
            let w = w.clone();
            let request = request.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let text = e.data().as_string().unwrap_or_default();
                if text == worker::READY {
                    let _ = w.post_message(&JsValue::from_str(&request));
                } else {
                    w.terminate();
                    dispatch.dispatch(Action::Finished(worker::reply(&text)));
                }
            })
        };
        let on_error = {
            let dispatch = dispatch.clone();
            let w = w.clone();
            let mut done = false;
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                // The worker could not load (or crashed): run on the page instead.
                e.prevent_default();
                w.terminate();
                if !done {
                    done = true;
                    run_here(&request, &dispatch);
                }
            })
        };
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.live = Some(Live {
            worker: w,
            _on_message: on_message,
            _on_error: on_error,
        });
    }

    /// Stop the run in flight; `false` when there is none.
    pub fn cancel(&mut self) -> bool {
        self.stop()
    }

    fn stop(&mut self) -> bool {
        match self.live.take() {
            Some(live) => {
                live.worker.terminate();
                true
            }
            None => false,
        }
    }
}

fn run_here(request: &str, dispatch: &UseReducerDispatcher<Playground>) {
    let outcome = worker::reply(&worker::handle(request));
    dispatch.dispatch(Action::Finished(outcome));
}
