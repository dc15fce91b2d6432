//! Everything an execution takes from outside: start time, seed, timing model and limits.
//!
//! The core never reads a clock or a random source; these values make every run reproducible.

/// Limits enforced while running. Defaults follow AWS's service quotas for Express workflows.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Maximum size in UTF-8 bytes of any state input/output or execution input (AWS: 262,144).
    pub max_payload_bytes: usize,
    /// The longest an Express execution may run, in milliseconds (AWS: 5 minutes).
    pub max_execution_ms: u64,
    /// Engine budget on state transitions; a runaway machine ends with an engine error that
    /// cannot be caught (`Limits::TRANSITION_BUDGET_ERROR`).
    pub max_transitions: u64,
    /// Engine budget on recorded history events.
    pub max_history_events: usize,
}

impl Limits {
    /// The error name used when the transition budget is exhausted.
    pub const TRANSITION_BUDGET_ERROR: &'static str = "aslplay.TransitionLimitExceeded";
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_payload_bytes: 262_144,
            max_execution_ms: 5 * 60 * 1000,
            max_transitions: 5_000_000,
            max_history_events: 100_000,
        }
    }
}

/// Simulated durations, advancing the virtual clock. See docs/billing.md.
#[derive(Clone, Debug, PartialEq)]
pub struct TimingModel {
    /// Time a state transition takes, in microseconds.
    pub transition_us: u64,
    /// Time a Task takes when its mock gives no duration, in milliseconds.
    pub default_task_ms: u64,
}

impl Default for TimingModel {
    fn default() -> Self {
        Self {
            transition_us: 1_000,
            default_task_ms: 50,
        }
    }
}

/// Inputs of one execution that do not come from the definition or the request.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecutionConfig {
    /// Execution start, in milliseconds since the Unix epoch.
    pub start_time_ms: i64,
    /// Seed of the execution's random source (`States.UUID`, `States.MathRandom`, jitter, …).
    pub seed: u64,
    /// Simulated durations.
    pub timing: TimingModel,
    /// Limits.
    pub limits: Limits,
    /// Record GetExecutionHistory-style events (costs time; the event ids are kept either way).
    pub record_history: bool,
    /// Record per-state data at every stage (for the playground's inspector).
    pub record_trace: bool,
}

impl Default for ExecutionConfig {
    fn default() -> Self {
        Self {
            // 2026-01-01T00:00:00Z
            start_time_ms: 1_767_225_600_000,
            seed: 0,
            timing: TimingModel::default(),
            limits: Limits::default(),
            record_history: true,
            record_trace: true,
        }
    }
}
