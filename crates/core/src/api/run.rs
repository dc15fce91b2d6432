//! One call from a definition text to a StartSyncExecution response, for the CLI and wasm.

use super::error::ApiError;
use super::options::SyncOptions;
use super::registry::{
    CreateStateMachineRequest, MachineStatus, Registry, DEFAULT_ACCOUNT, DEFAULT_REGION,
};
use super::request::StartSyncExecutionRequest;
use super::sync::{start_sync_execution, SyncRun};
use crate::{validate_definition, MachineType, ValidationReport};
use serde::{Deserialize, Serialize};

/// The default state machine name.
pub const DEFAULT_MACHINE_NAME: &str = "MyStateMachine";

/// The state machine a one-shot run creates (camelCase in JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MachineSpec {
    /// The definition text.
    pub definition: String,
    /// The state machine's name (default `MyStateMachine`).
    pub name: String,
    /// `EXPRESS` (default) or `STANDARD`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<MachineType>,
    /// Region (default `us-east-1`).
    pub region: String,
    /// Account id (default `123456789012`).
    pub account: String,
    /// Role ARN for `$$.Execution.RoleArn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Simulated lifecycle: `DELETING` makes StartSyncExecution fail with StateMachineDeleting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<MachineStatus>,
    /// Mock test case appended as `#TestCase` when the request has no `stateMachineArn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_case: Option<String>,
}

impl Default for MachineSpec {
    fn default() -> Self {
        Self {
            definition: String::new(),
            name: DEFAULT_MACHINE_NAME.to_string(),
            machine_type: None,
            region: DEFAULT_REGION.to_string(),
            account: DEFAULT_ACCOUNT.to_string(),
            role_arn: None,
            status: None,
            test_case: None,
        }
    }
}

/// Creates the machine `spec` describes in a fresh registry, then runs StartSyncExecution.
/// A request without `stateMachineArn` targets the created machine (plus `#testCase`).
pub fn run_definition(
    spec: &MachineSpec,
    request: &StartSyncExecutionRequest,
    options: &SyncOptions,
) -> Result<SyncRun, ApiError> {
    let mut registry = Registry::new(&spec.region, &spec.account);
    let created = registry.create_state_machine(&CreateStateMachineRequest {
        name: spec.name.clone(),
        definition: spec.definition.clone(),
        machine_type: spec.machine_type,
        role_arn: spec.role_arn.clone(),
        publish: false,
    })?;
    if spec.status == Some(MachineStatus::Deleting) {
        registry.delete_state_machine(&created.state_machine_arn)?;
    }
    let mut request = request.clone();
    if request.state_machine_arn.is_none() {
        let mut arn = created.state_machine_arn;
        if let Some(case) = &spec.test_case {
            arn.push('#');
            arn.push_str(case);
        }
        request.state_machine_arn = Some(arn);
    }
    start_sync_execution(&registry, &request, options)
}

/// A ValidateStateMachineDefinition request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ValidateRequest {
    /// The definition text.
    pub definition: String,
    /// `STANDARD` (AWS's default) or `EXPRESS`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<MachineType>,
}

/// ValidateStateMachineDefinition.
pub fn validate_state_machine_definition(request: &ValidateRequest) -> ValidationReport {
    validate_definition(
        &request.definition,
        request.machine_type.unwrap_or_default(),
    )
}

/// Everything a one-shot run takes besides the request, as one flat camelCase object (what
/// the WebAssembly API's `startSyncExecution(request, options)` receives).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RunOptions {
    /// The definition text.
    pub definition: String,
    /// The state machine's name (default `MyStateMachine`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_machine_name: Option<String>,
    /// `EXPRESS` (default) or `STANDARD`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<MachineType>,
    /// Region (default `us-east-1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Account id (default `123456789012`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Role ARN for `$$.Execution.RoleArn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Simulated lifecycle (`DELETING` → StateMachineDeleting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_machine_status: Option<MachineStatus>,
    /// Mock test case appended as `#TestCase` when the request has no `stateMachineArn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_case: Option<String>,
    /// Seed, start time, mocks, timing, recording.
    #[serde(flatten)]
    pub sync: SyncOptions,
}

impl RunOptions {
    /// The machine these options describe.
    pub fn machine_spec(&self) -> MachineSpec {
        let defaults = MachineSpec::default();
        MachineSpec {
            definition: self.definition.clone(),
            name: self.state_machine_name.clone().unwrap_or(defaults.name),
            machine_type: self.machine_type,
            region: self.region.clone().unwrap_or(defaults.region),
            account: self.account.clone().unwrap_or(defaults.account),
            role_arn: self.role_arn.clone(),
            status: self.state_machine_status,
            test_case: self.test_case.clone(),
        }
    }
}

/// [`run_definition`] with flat [`RunOptions`].
pub fn run_with_options(
    request: &StartSyncExecutionRequest,
    options: &RunOptions,
) -> Result<SyncRun, ApiError> {
    run_definition(&options.machine_spec(), request, &options.sync)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_options_from_json() {
        let o: Result<RunOptions, _> = serde_json::from_str(
            r#"{"definition": "{}", "stateMachineName": "M", "type": "STANDARD", "seed": 3, "startTime": "2026-01-01T00:00:00Z", "testCase": "T"}"#,
        );
        let o = o.unwrap_or_default();
        let spec = o.machine_spec();
        assert_eq!(
            (spec.name.as_str(), spec.machine_type, spec.region.as_str()),
            ("M", Some(MachineType::Standard), "us-east-1")
        );
        assert_eq!(
            (
                o.sync.seed,
                o.sync.start_time.as_deref(),
                o.sync.record_history
            ),
            (3, Some("2026-01-01T00:00:00Z"), true)
        );
        assert_eq!(spec.test_case.as_deref(), Some("T"));
    }

    #[test]
    fn one_shot_run_targets_created_machine() {
        let o = RunOptions {
            definition: r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#
                .into(),
            state_machine_name: Some("Mine".into()),
            ..Default::default()
        };
        let r = run_with_options(&StartSyncExecutionRequest::default(), &o)
            .map(|r| r.response.state_machine_arn);
        assert_eq!(
            r.ok().as_deref(),
            Some("arn:aws:states:us-east-1:123456789012:stateMachine:Mine")
        );
        let standard = RunOptions {
            machine_type: Some(MachineType::Standard),
            ..o
        };
        let e = run_with_options(&StartSyncExecutionRequest::default(), &standard).err();
        assert_eq!(
            e.map(|e| e.code),
            Some(crate::api::ErrorCode::StateMachineTypeNotSupported)
        );
    }
}
