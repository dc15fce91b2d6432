//! The protocol between the page and the execution worker (`src/bin/worker.rs`): the page
//! posts a [`Request`] as JSON text, the worker answers each with a [`Reply`] as JSON text,
//! in order. The worker first posts [`READY`] once it can take requests.
//!
//! The worker holds everything the page does not need to be interactive: the interpreter,
//! and the YAML parser (the page checks a YAML definition once the worker has converted it).

use serde::{Deserialize, Serialize};

use crate::engine::{self, Diagnostic, RunOutcome};
use crate::state::Work;

/// What the worker posts once its handler is installed.
pub const READY: &str = "ready";

/// What the page asks of the worker.
#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// Run this work (StartSyncExecution).
    Run(Box<Work>),
    /// Convert this YAML definition to JSON.
    Yaml(String),
}

/// A YAML definition and its conversion to JSON text, or the located syntax error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YamlConversion {
    /// The YAML text converted.
    pub yaml: String,
    /// Its JSON text, or why it is not YAML.
    pub json: Result<String, Box<Diagnostic>>,
}

/// The worker's answer to one [`Request`].
#[derive(Debug, Serialize, Deserialize)]
pub enum Reply {
    /// How the run ended.
    Run(RunOutcome),
    /// The converted definition.
    Yaml(YamlConversion),
}

/// The request text for running `work`.
pub fn request(work: &Work) -> String {
    to_text(&Request::Run(Box::new(work.clone())))
}

/// The request text for converting a YAML definition.
pub fn yaml_request(yaml: &str) -> String {
    to_text(&Request::Yaml(yaml.to_owned()))
}

fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Answer one request (the worker's whole job) and return the reply text.
pub fn handle(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(Request::Run(work)) => {
            Reply::Run(engine::run(&work.definition, &work.input, &work.settings))
        }
        Ok(Request::Yaml(yaml)) => {
            let json = engine::convert_yaml(&yaml);
            Reply::Yaml(YamlConversion { yaml, json })
        }
        Err(e) => Reply::Run(RunOutcome::Rejected {
            error: "InternalError".to_owned(),
            message: format!("The worker could not read the request: {e}"),
        }),
    };
    to_text(&reply)
}

/// The reply for a request no worker could take (without running or converting anything).
pub fn unavailable(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(Request::Yaml(yaml)) => Reply::Yaml(YamlConversion {
            yaml,
            json: Err(Box::new(Diagnostic::whole_definition(
                "YAML_UNAVAILABLE",
                "YAML definitions are converted to JSON by the execution worker, which could not start",
                "write the definition as JSON, or serve the playground over http(s) so the worker can load",
            ))),
        }),
        _ => Reply::Run(RunOutcome::Rejected {
            error: "WorkerUnavailable".to_owned(),
            message: "The execution worker (aslplay-worker_loader.js) could not start, so \
                      nothing ran. Runs need Web Workers: serve the playground over http(s) \
                      from the directory Trunk built."
                .to_owned(),
        }),
    };
    to_text(&reply)
}

/// Read a reply made by [`handle`].
pub fn reply(text: &str) -> Reply {
    serde_json::from_str(text).unwrap_or_else(|e| {
        Reply::Run(RunOutcome::Rejected {
            error: "InternalError".to_owned(),
            message: format!("The worker's reply could not be read: {e}"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    fn run_reply(text: &str) -> RunOutcome {
        match reply(text) {
            Reply::Run(outcome) => outcome,
            other => panic!("expected a run reply, got {other:?}"),
        }
    }

    #[test]
    fn a_request_round_trips_through_the_protocol() {
        let Some(example) = examples::find("retry") else {
            panic!("no retry example");
        };
        let work = example.work();
        let direct = engine::run(&work.definition, &work.input, &work.settings);
        assert_eq!(run_reply(&handle(&request(&work))), direct);
        assert!(matches!(
            run_reply(&handle("not json")),
            RunOutcome::Rejected { ref error, .. } if error == "InternalError"
        ));
        assert!(matches!(run_reply("{"), RunOutcome::Rejected { .. }));
    }

    #[test]
    fn yaml_is_converted_by_the_worker() {
        let yaml = "StartAt: A\nStates:\n  A: {Type: Succeed}\n";
        let Reply::Yaml(c) = reply(&handle(&yaml_request(yaml))) else {
            panic!("expected a conversion");
        };
        assert_eq!(c.yaml, yaml);
        assert!(c
            .json
            .as_deref()
            .is_ok_and(|j| j.contains("\"StartAt\": \"A\"")));
        let Reply::Yaml(bad) = reply(&handle(&yaml_request("A: [x\n"))) else {
            panic!("expected a conversion");
        };
        assert_eq!(bad.json.map_err(|d| d.code), Err("INVALID_YAML".to_owned()));
    }

    #[test]
    fn without_a_worker_requests_are_refused_not_run() {
        let Some(example) = examples::find("hello-world") else {
            panic!("no example");
        };
        assert!(matches!(
            run_reply(&unavailable(&request(&example.work()))),
            RunOutcome::Rejected { ref error, .. } if error == "WorkerUnavailable"
        ));
        let Reply::Yaml(c) = reply(&unavailable(&yaml_request("A: 1"))) else {
            panic!("expected a conversion");
        };
        assert_eq!(
            c.json.map_err(|d| d.code),
            Err("YAML_UNAVAILABLE".to_owned())
        );
    }
}
