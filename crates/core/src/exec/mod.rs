//! Execution: compile a parsed machine and run it like a synchronous Express execution.

mod choice;
mod config;
mod context;
mod engine;
mod error;
mod history;
mod jsonata_bridge;
mod moves;
mod paths;
mod program;
mod size;
mod task;
mod template;
mod trace;
mod vars;

pub use config::{ExecutionConfig, Limits, TimingModel};
pub use context::{ExecutionFacts, ExecutionInput};
pub use engine::{compact, json_size};
pub use error::{names, StateError};
pub use history::HistoryEvent;
pub use program::{compile, CompileError, Machine};
pub use task::{no_mock_cause, NoMocks, TaskCall, TaskHost, TaskOutcome};
pub use trace::StateTrace;

use engine::{Abort, Interpreter};
use serde::Serialize;
use serde_json::Value;

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// The machine reached an end state.
    Succeeded,
    /// A state failed and nothing caught it.
    Failed,
    /// The execution ran out of time.
    TimedOut,
}

impl Status {
    /// The status as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
        }
    }
}

/// The result of running a machine.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Final status.
    pub status: Status,
    /// The output when SUCCEEDED.
    pub output: Option<Value>,
    /// The output's payload size (compact JSON bytes) when the interpreter knew it without a
    /// walk (exact when given).
    pub output_size: Option<usize>,
    /// Error name when not SUCCEEDED.
    pub error: Option<String>,
    /// Cause when not SUCCEEDED.
    pub cause: Option<String>,
    /// Virtual start time (ms since epoch).
    pub start_ms: i64,
    /// Virtual stop time (ms since epoch).
    pub stop_ms: i64,
    /// Recorded history events.
    pub history: Vec<HistoryEvent>,
    /// Whether history recording hit its budget.
    pub history_truncated: bool,
    /// Per-state records of every stage.
    pub trace: Vec<StateTrace>,
    /// State transitions made.
    pub transitions: u64,
    /// Map iterations and Parallel branches started.
    pub fan_out: u64,
}

/// Runs a compiled machine on `input`.
pub fn run(
    machine: &Machine,
    machine_timeout_seconds: Option<u64>,
    input: Value,
    facts: ExecutionFacts,
    config: ExecutionConfig,
    host: &mut dyn TaskHost,
) -> Outcome {
    let start_ms = config.start_time_ms;
    let role_arn = facts.role_arn.clone();
    let mut size = facts.input_size;
    let context = context::ContextData::new(facts);
    let mut interp = Interpreter::new(config, host, context, machine_timeout_seconds);
    let input_text = if interp.config.record_history {
        compact(&input)
    } else {
        String::new()
    };
    interp.event("ExecutionStarted", "executionStartedEventDetails", move || {
        serde_json::json!({"input": input_text, "inputDetails": {"truncated": false}, "roleArn": role_arn})
    });
    let mut vars = vars::Vars::new();
    let result = interp.run_machine_sized(machine, input, &mut size, &mut vars);
    let (status, output, error, cause) =
        match result {
            Ok(out) => {
                let text = if interp.config.record_history {
                    compact(&out)
                } else {
                    String::new()
                };
                interp.event("ExecutionSucceeded", "executionSucceededEventDetails", move || {
                serde_json::json!({"output": text, "outputDetails": {"truncated": false}})
            });
                (Status::Succeeded, Some(out), None, None)
            }
            Err(Abort::Failed(e)) | Err(Abort::Engine(e)) => {
                let details = failure_details(&e);
                interp.event(
                    "ExecutionFailed",
                    "executionFailedEventDetails",
                    move || details,
                );
                (Status::Failed, None, e.error, e.cause)
            }
            Err(Abort::TimedOut(e)) => {
                let details = failure_details(&e);
                interp.event(
                    "ExecutionTimedOut",
                    "executionTimedOutEventDetails",
                    move || details,
                );
                (Status::TimedOut, None, e.error, e.cause)
            }
        };
    let stop_ms = interp.now_ms();
    let transitions = interp.transitions;
    let fan_out = interp.fan_out;
    let trace = std::mem::take(&mut interp.trace);
    let (history, history_truncated) = std::mem::take(&mut interp.history).into_events();
    Outcome {
        status,
        output_size: if output.is_some() { size } else { None },
        output,
        error,
        cause,
        start_ms,
        stop_ms,
        history,
        history_truncated,
        trace,
        transitions,
        fan_out,
    }
}

fn failure_details(e: &StateError) -> Value {
    let mut m = serde_json::Map::new();
    if let Some(err) = &e.error {
        m.insert("error".into(), Value::String(err.clone()));
    }
    if let Some(c) = &e.cause {
        m.insert("cause".into(), Value::String(c.clone()));
    }
    Value::Object(m)
}
