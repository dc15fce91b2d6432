//! Per-state records of the data at every stage (the vocabulary of TestState's
//! `inspectionData`), for stepping through a run in the playground.

use serde::Serialize;
use serde_json::Value;

/// What one state did with its data during one visit.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateTrace {
    /// The state's name.
    pub name: String,
    /// The state's type.
    pub state_type: String,
    /// Where the state sits: `""` at top level, `"Map[3]"`, `"Parallel[1]"` … nested.
    pub scope: String,
    /// The id of its `…StateEntered` event.
    pub entered_event_id: u64,
    /// Virtual time at entry (ms since epoch).
    pub entered_ms: i64,
    /// Virtual time at exit (ms since epoch).
    pub exited_ms: i64,
    /// Raw state input.
    pub input: Value,
    /// After `InputPath`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_input_path: Option<Value>,
    /// After `Parameters` / `Arguments`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_parameters: Option<Value>,
    /// The raw result (task result, Pass `Result`, branch/iteration results).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// After `ResultSelector`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_result_selector: Option<Value>,
    /// After `ResultPath`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_result_path: Option<Value>,
    /// The state output (after `OutputPath` / `Output`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Value>,
    /// `$states` as the state's JSONata expressions saw it (JSONata states only): `input`,
    /// `context`, `result` when there was one, `errorOutput` when a Catch caught an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub states: Option<Value>,
    /// Variables visible at entry.
    pub variables_before: Value,
    /// Variables after the state's `Assign`.
    pub variables_after: Value,
    /// The next state, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Error name when the state failed (caught or not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Cause when the state failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// How the visit ended: `succeeded`, `failed`, `caught`.
    pub status: String,
    /// How many retries happened.
    pub retries: u32,
}
