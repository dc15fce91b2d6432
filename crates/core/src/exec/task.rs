//! The host interface a Task state calls: mocks, simulated durations.

use serde_json::Value;

/// One invocation of a Task's resource.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskCall<'a> {
    /// The state's name.
    pub state_name: &'a str,
    /// The `Resource` ARN.
    pub resource: &'a str,
    /// The effective parameters sent to the resource (after `Parameters` / `Arguments`).
    pub input: &'a Value,
    /// How many times this state has invoked its resource before in this execution (0-based;
    /// retries consume indexes, as in Step Functions Local's mock config).
    pub invocation: u32,
}

/// What a Task's resource returned.
#[derive(Clone, Debug, PartialEq)]
pub enum TaskOutcome {
    /// A result value.
    Return {
        /// The raw result.
        value: Value,
        /// Simulated duration in milliseconds, if the host knows one.
        duration_ms: Option<u64>,
    },
    /// A thrown error.
    Throw {
        /// The error name.
        error: String,
        /// The cause.
        cause: String,
        /// Simulated duration in milliseconds, if the host knows one.
        duration_ms: Option<u64>,
    },
}

/// Runs Task resources on behalf of the interpreter.
pub trait TaskHost {
    /// Invokes the resource; never panics, never blocks on real I/O.
    fn invoke(&mut self, call: &TaskCall<'_>) -> TaskOutcome;
}

/// A host with no mocks: every Task fails with an error that says how to mock it.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoMocks;

/// The error name a Task raises when no mock answers it.
pub const NO_MOCK_ERROR: &str = "States.Runtime";

impl TaskHost for NoMocks {
    fn invoke(&mut self, call: &TaskCall<'_>) -> TaskOutcome {
        TaskOutcome::Throw {
            error: NO_MOCK_ERROR.to_string(),
            cause: no_mock_cause(call.state_name, call.resource),
            duration_ms: Some(0),
        }
    }
}

/// The cause text of a Task nobody mocked.
pub fn no_mock_cause(state: &str, resource: &str) -> String {
    format!(
        "No mocked response for Task state '{state}' (Resource '{resource}'). aslplay runs no real \
         AWS services: give a mock config (Step Functions Local MockConfigFile format) with a test \
         case mapping \"{state}\" to a response, e.g. {{\"MockedResponses\": {{\"MyResponse\": \
         {{\"0\": {{\"Return\": {{...}}}}}}}}}}."
    )
}
