//! Run options as the options panel edits them: plain text fields, turned into the core's
//! request and options only when a run starts (so half-typed values never get lost).

use serde::{Deserialize, Serialize};

/// Everything the options panel holds. Empty text means "leave the field out of the request".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RunSettings {
    /// StartSyncExecution `name` (default: a UUID from the seeded random source).
    pub execution_name: String,
    /// The state machine's name (default `MyStateMachine`; mock configs refer to it).
    pub state_machine_name: String,
    /// `EXPRESS` or `STANDARD` (STANDARD is refused by StartSyncExecution, as in AWS).
    pub machine_type: String,
    /// `ALL_DATA` or `METADATA_ONLY`.
    pub included_data: String,
    /// X-Ray trace header, echoed in the response.
    pub trace_header: String,
    /// Seed of the run's random source, as typed (a whole number).
    pub seed: String,
    /// Virtual start time, RFC 3339; empty means 2026-01-01T00:00:00Z.
    pub start_time: String,
    /// Step Functions Local MockConfigFile, as JSON text (empty: no mocks).
    pub mock_config: String,
    /// Mock test case to select (appended as `#TestCase` to the state machine ARN).
    pub test_case: String,
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            execution_name: String::new(),
            state_machine_name: String::new(),
            machine_type: "EXPRESS".to_owned(),
            included_data: "ALL_DATA".to_owned(),
            trace_header: String::new(),
            seed: "0".to_owned(),
            start_time: String::new(),
            mock_config: String::new(),
            test_case: String::new(),
        }
    }
}

/// One editable field of [`RunSettings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// [`RunSettings::execution_name`].
    ExecutionName,
    /// [`RunSettings::state_machine_name`].
    StateMachineName,
    /// [`RunSettings::machine_type`].
    MachineType,
    /// [`RunSettings::included_data`].
    IncludedData,
    /// [`RunSettings::trace_header`].
    TraceHeader,
    /// [`RunSettings::seed`].
    Seed,
    /// [`RunSettings::start_time`].
    StartTime,
    /// [`RunSettings::mock_config`].
    MockConfig,
    /// [`RunSettings::test_case`].
    TestCase,
}

impl RunSettings {
    /// Set one field.
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::ExecutionName => &mut self.execution_name,
            Field::StateMachineName => &mut self.state_machine_name,
            Field::MachineType => &mut self.machine_type,
            Field::IncludedData => &mut self.included_data,
            Field::TraceHeader => &mut self.trace_header,
            Field::Seed => &mut self.seed,
            Field::StartTime => &mut self.start_time,
            Field::MockConfig => &mut self.mock_config,
            Field::TestCase => &mut self.test_case,
        };
        *slot = value;
    }
}

/// `Some(text)` unless it is empty or only spaces.
pub(crate) fn non_empty(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}
