//! What a run takes besides the request: seed, start time, timing, mocks, recording.

use super::error::{ApiError, ErrorCode};
use super::mocks::MockConfig;
use crate::exec::{ExecutionConfig, Limits, TimingModel};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Run options (camelCase in JSON, every field optional).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SyncOptions {
    /// Seed of the run's random source (names, UUIDs, `States.MathRandom`, jitter).
    pub seed: u64,
    /// Virtual start time, RFC 3339 (e.g. `2026-01-01T00:00:00Z`); default 2026-01-01T00:00:00Z.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// Step Functions Local MockConfigFile (JSON value); select a test case with
    /// `#TestCase` on the state machine ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mock_config: Option<Value>,
    /// Simulated time per state transition, microseconds (default 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition_us: Option<u64>,
    /// Simulated duration of a mocked Task without `DurationMs`, milliseconds (default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_ms: Option<u64>,
    /// Record GetExecutionHistory events (default true).
    pub record_history: bool,
    /// Record per-state traces (default true).
    pub record_trace: bool,
    /// Engine budget on state transitions (default and maximum 5,000,000); a runaway machine
    /// fails with `aslplay.TransitionLimitExceeded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_transitions: Option<u64>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            start_time: None,
            mock_config: None,
            transition_us: None,
            default_task_ms: None,
            record_history: true,
            record_trace: true,
            max_transitions: None,
        }
    }
}

impl SyncOptions {
    /// The executor configuration these options describe.
    pub fn execution_config(&self) -> Result<ExecutionConfig, ApiError> {
        let defaults = ExecutionConfig::default();
        let start_time_ms = match &self.start_time {
            None => defaults.start_time_ms,
            Some(t) => crate::time::rfc3339_millis(t).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidOptions,
                    format!(
                        "startTime '{t}' is not an RFC 3339 timestamp such as 2026-01-01T00:00:00Z"
                    ),
                )
            })?,
        };
        let base = TimingModel::default();
        Ok(ExecutionConfig {
            start_time_ms,
            seed: self.seed,
            timing: TimingModel {
                transition_us: self.transition_us.unwrap_or(base.transition_us),
                default_task_ms: self.default_task_ms.unwrap_or(base.default_task_ms),
            },
            limits: {
                let base = Limits::default();
                Limits {
                    max_transitions: self
                        .max_transitions
                        .map_or(base.max_transitions, |n| n.min(base.max_transitions)),
                    ..base
                }
            },
            record_history: self.record_history,
            record_trace: self.record_trace,
        })
    }

    /// The parsed mock configuration, if any.
    pub fn mocks(&self) -> Result<Option<MockConfig>, ApiError> {
        match &self.mock_config {
            None | Some(Value::Null) => Ok(None),
            Some(v) => MockConfig::from_value(v)
                .map(Some)
                .map_err(|e| ApiError::new(ErrorCode::InvalidMockConfig, e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_start_time() {
        let c = SyncOptions::default().execution_config().ok();
        assert_eq!(c.map(|c| c.start_time_ms), Some(1_767_225_600_000));
        let o = SyncOptions {
            start_time: Some("2024-02-29T12:00:00.5+01:00".into()),
            ..Default::default()
        };
        assert_eq!(
            o.execution_config().ok().map(|c| c.start_time_ms),
            Some(1_709_204_400_500)
        );
        let bad = SyncOptions {
            start_time: Some("yesterday".into()),
            ..Default::default()
        };
        assert_eq!(
            bad.execution_config().err().map(|e| e.code),
            Some(ErrorCode::InvalidOptions)
        );
    }

    #[test]
    fn camel_case_json() {
        let o: Result<SyncOptions, _> = serde_json::from_str(
            r#"{"seed": 7, "startTime": "2026-01-01T00:00:00Z", "transitionUs": 5, "recordTrace": false}"#,
        );
        let o = o.ok();
        assert_eq!(
            o.as_ref()
                .map(|o| (o.seed, o.transition_us, o.record_trace, o.record_history)),
            Some((7, Some(5), false, true))
        );
    }

    #[test]
    fn mock_config_errors_are_reported() {
        let o = SyncOptions {
            mock_config: Some(serde_json::json!({"StateMachines": {}})),
            ..Default::default()
        };
        let e = o.mocks().err();
        assert_eq!(
            e.as_ref().map(|e| e.code),
            Some(ErrorCode::InvalidMockConfig)
        );
        assert!(e.is_some_and(|e| e.message.contains("MockedResponses")));
    }
}
