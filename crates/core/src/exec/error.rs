//! Errors raised while a state runs, with AWS's names and cause texts.

use std::fmt;

/// Well-known error names of the States Language.
pub mod names {
    /// Matches any error name except `States.DataLimitExceeded` and `States.Runtime`.
    pub const ALL: &str = "States.ALL";
    /// A Choice state matched no rule and has no `Default`.
    pub const NO_CHOICE_MATCHED: &str = "States.NoChoiceMatched";
    /// A runtime failure (bad path, bad input type …); not retryable by `States.ALL`.
    pub const RUNTIME: &str = "States.Runtime";
    /// A payload exceeded 262,144 bytes; not caught by `States.ALL`.
    pub const DATA_LIMIT_EXCEEDED: &str = "States.DataLimitExceeded";
    /// An intrinsic function failed.
    pub const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
    /// A Task ran longer than `TimeoutSeconds`, or the execution timed out.
    pub const TIMEOUT: &str = "States.Timeout";
    /// A Task sent no heartbeat for `HeartbeatSeconds`.
    pub const HEARTBEAT_TIMEOUT: &str = "States.HeartbeatTimeout";
    /// A Task failed.
    pub const TASK_FAILED: &str = "States.TaskFailed";
    /// A Task lacked permissions.
    pub const PERMISSIONS: &str = "States.Permissions";
    /// `ResultPath` could not be applied.
    pub const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";
    /// A parameter path was invalid.
    pub const PARAMETER_PATH_FAILURE: &str = "States.ParameterPathFailure";
    /// A branch of a Parallel or Map failed.
    pub const BRANCH_FAILED: &str = "States.BranchFailed";
    /// A Map run exceeded its tolerated failure threshold.
    pub const EXCEED_TOLERATED_FAILURE_THRESHOLD: &str = "States.ExceedToleratedFailureThreshold";
    /// An item reader failed.
    pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";
    /// A result writer failed.
    pub const RESULT_WRITER_FAILED: &str = "States.ResultWriterFailed";
    /// A JSONata expression failed or returned an unusable value.
    pub const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
}

/// An error raised by a state: a name and a cause, as in a `…Failed` history event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateError {
    /// The error name (`States.Runtime`, a Fail state's `Error`, a Task's thrown error …).
    pub error: Option<String>,
    /// The human-readable cause.
    pub cause: Option<String>,
}

impl StateError {
    /// An error with both a name and a cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// The error name used for Retry/Catch matching (`""` when absent).
    pub fn name(&self) -> &str {
        self.error.as_deref().unwrap_or("")
    }

    /// Whether a retrier/catcher listing `error_equals` handles this error.
    ///
    /// `States.ALL` matches every error except `States.DataLimitExceeded` and `States.Runtime`
    /// (AWS: "States.ALL … does not catch the States.DataLimitExceeded or States.Runtime").
    pub fn matches(&self, error_equals: &[String]) -> bool {
        let name = self.name();
        error_equals.iter().any(|e| {
            e == name
                || (e == names::ALL && name != names::DATA_LIMIT_EXCEEDED && name != names::RUNTIME)
                || (e == names::TASK_FAILED && task_failed_matches(name))
        })
    }
}

/// AWS: "When used in a retry or catch, `States.TaskFailed` acts as a wildcard that matches any
/// known error name except for `States.Timeout`" (nor the terminal errors `States.ALL` skips).
fn task_failed_matches(name: &str) -> bool {
    name != names::TIMEOUT && name != names::DATA_LIMIT_EXCEEDED && name != names::RUNTIME
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.name(),
            self.cause.as_deref().unwrap_or("")
        )
    }
}

/// The prefix AWS puts before runtime failures raised by the engine while a state runs.
pub fn runtime_prefix(state: &str, entered_event_id: u64) -> String {
    format!("An error occurred while executing the state '{state}' (entered at the event id #{entered_event_id}). ")
}
