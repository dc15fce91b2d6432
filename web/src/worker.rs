//! The protocol between the page and the execution worker (`src/bin/worker.rs`): the page
//! posts a [`Work`] as JSON text, the worker answers with a [`RunOutcome`] as JSON text.
//! The worker first posts [`READY`] once it can take requests.

use crate::engine::{self, RunOutcome};
use crate::state::Work;

/// What the worker posts once its handler is installed.
pub const READY: &str = "ready";

/// The request text for `work`.
pub fn request(work: &Work) -> String {
    serde_json::to_string(work).unwrap_or_default()
}

/// Run one request (the worker's whole job) and return the reply text.
pub fn handle(request: &str) -> String {
    let outcome = match serde_json::from_str::<Work>(request) {
        Ok(work) => engine::run(&work.definition, &work.input, &work.settings),
        Err(e) => RunOutcome::Rejected {
            error: "InternalError".to_owned(),
            message: format!("The worker could not read the request: {e}"),
        },
    };
    serde_json::to_string(&outcome).unwrap_or_default()
}

/// Read a reply made by [`handle`].
pub fn reply(text: &str) -> RunOutcome {
    serde_json::from_str(text).unwrap_or_else(|e| RunOutcome::Rejected {
        error: "InternalError".to_owned(),
        message: format!("The worker's reply could not be read: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn a_request_round_trips_through_the_protocol() {
        let Some(example) = examples::find("retry") else {
            panic!("no retry example");
        };
        let work = example.work();
        let direct = engine::run(&work.definition, &work.input, &work.settings);
        assert_eq!(reply(&handle(&request(&work))), direct);
        assert!(matches!(
            reply(&handle("not json")),
            RunOutcome::Rejected { ref error, .. } if error == "InternalError"
        ));
        assert!(matches!(reply("{"), RunOutcome::Rejected { .. }));
    }
}
