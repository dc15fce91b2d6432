//! StartSyncExecution: validate the request like AWS, run the machine, build the response.

use super::arn::{self, StateMachineArn};
use super::billing::{self, BillingDetails, CostEstimate, MemoryEstimate, Prices};
use super::error::{ApiError, ErrorCode};
use super::mocks::MockHost;
use super::names;
use super::options::SyncOptions;
use super::registry::{MachineStatus, Registry};
use super::request::{IncludedData, StartSyncExecutionRequest};
use super::response::{DataDetails, StartSyncExecutionResponse, Timestamp};
use crate::exec::{self, ExecutionFacts, ExecutionInput, HistoryEvent, StateTrace, Status};
use crate::random::Random;
use crate::MachineType;
use serde::Serialize;
use serde_json::Value;

/// Mixed into the seed for the request-level random source (execution name and ARN UUIDs), so
/// those never repeat the execution's own `States.UUID` values.
const API_SEED_SALT: u64 = 0x5EED_A5A5_0000_0001;

/// Everything a run produced: the API response and the extras aslplay shows besides it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncRun {
    /// The StartSyncExecution response.
    pub response: StartSyncExecutionResponse,
    /// GetExecutionHistory events.
    pub history: Vec<HistoryEvent>,
    /// Whether the history hit its recording budget.
    pub history_truncated: bool,
    /// Per-state traces.
    pub trace: Vec<StateTrace>,
    /// State transitions made.
    pub transitions: u64,
    /// What the billed memory was estimated from.
    pub memory: MemoryEstimate,
    /// Cost of this one execution in us-east-1.
    pub cost: CostEstimate,
}

/// StartSyncExecution against `registry`.
///
/// Checks in AWS's order: model constraints (ValidationException), ARN syntax (InvalidArn),
/// existence (StateMachineDoesNotExist), lifecycle (StateMachineDeleting), type
/// (StateMachineTypeNotSupported), name characters (InvalidName), input JSON
/// (InvalidExecutionInput), then the mock test case (InvalidName, as Step Functions Local).
pub fn start_sync_execution(
    registry: &Registry,
    request: &StartSyncExecutionRequest,
    options: &SyncOptions,
) -> Result<SyncRun, ApiError> {
    let violations = request.constraint_violations();
    if !violations.is_empty() {
        return Err(ApiError::validation(&violations));
    }
    let arn_text = request.state_machine_arn.as_deref().unwrap_or_default();
    let arn = StateMachineArn::parse(arn_text)?;
    let resolved = registry.resolve(&arn)?;
    let machine = resolved.machine;
    if machine.status == MachineStatus::Deleting {
        return Err(ApiError::new(
            ErrorCode::StateMachineDeleting,
            format!(
                "State Machine is being deleted: '{}'",
                arn.without_test_case()
            ),
        ));
    }
    if machine.machine_type == MachineType::Standard {
        return Err(ApiError::new(
            ErrorCode::StateMachineTypeNotSupported,
            "This operation is not supported by this type of state machine",
        ));
    }
    if let Some(name) = &request.name {
        if names::first_invalid_char(name).is_some() {
            return Err(ApiError::invalid_name(name));
        }
    }
    let input_text = request.input.clone().unwrap_or_else(|| "{}".to_string());
    // Parsed lazily: a large input that states mostly pass along is read only where paths
    // go, and written out from its text (vendor/serde_json/src/lazy.rs).
    let input: Value = serde_json::lazy::parse(&input_text)
        .map(|p| p.value)
        .map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidExecutionInput,
                format!(
                    "Invalid State Machine Execution Input: '{}'",
                    input_error_text(&e)
                ),
            )
        })?;
    let config = options.execution_config()?;
    let mocks = options.mocks()?;
    let case = match &arn.test_case {
        None => None,
        Some(case) => {
            let found = mocks
                .as_ref()
                .ok_or_else(|| "no mock config was given".to_string());
            match found.and_then(|m| m.test_case(&machine.name, case)) {
                Ok(c) => Some(c),
                Err(why) => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidName,
                        format!(
                            "Invalid mock test case name '{case}' for state machine '{}': {why}.",
                            machine.name
                        ),
                    ))
                }
            }
        }
    };

    let mut rng = Random::new(options.seed ^ API_SEED_SALT);
    let name = request.name.clone().unwrap_or_else(|| rng.uuid_v4());
    let execution_arn = arn::express_execution_arn(&arn, &name, &rng.uuid_v4());
    let machine_arn = arn.without_test_case();
    let input_size = exec::json_size(&input) as u64;
    let facts = ExecutionFacts {
        execution_arn: execution_arn.clone(),
        name: name.clone(),
        // Parsed again only if the machine reads `$$.Execution.Input` (cheaper than a copy).
        input: ExecutionInput::Text(input_text.as_str().into()),
        input_size: Some(input_size as usize),
        start_time_ms: config.start_time_ms,
        role_arn: machine.role_arn.clone(),
        state_machine_arn: machine_arn.clone(),
        state_machine_name: machine.name.clone(),
        region: arn.region.clone(),
    };
    let mut host = MockHost::new(case);
    let revision = resolved.revision.clone();
    let outcome = exec::run(
        &revision.machine,
        revision.timeout_seconds,
        input,
        facts,
        config,
        &mut host,
    );

    let output_size = match (&outcome.output, outcome.output_size) {
        (Some(_), Some(known)) => known as u64,
        (Some(o), None) => exec::json_size(o) as u64,
        (None, _) => 0,
    };
    let memory = MemoryEstimate {
        definition_bytes: revision.definition.len() as u64,
        payload_bytes: input_size.max(output_size),
        map_parallel_steps: outcome.fan_out,
    };
    let duration_ms = outcome.stop_ms.saturating_sub(outcome.start_ms).max(0) as u64;
    let billing_details: BillingDetails = billing::billing_details(duration_ms, &memory);
    let all_data = request.included() == IncludedData::AllData;
    let succeeded = outcome.status == Status::Succeeded;
    let response = StartSyncExecutionResponse {
        execution_arn,
        state_machine_arn: machine_arn,
        name,
        start_date: Timestamp(outcome.start_ms),
        stop_date: Timestamp(outcome.stop_ms),
        status: outcome.status,
        error: outcome.error,
        cause: outcome.cause,
        input: all_data.then_some(input_text),
        input_details: DataDetails { included: all_data },
        output: if succeeded && all_data {
            outcome.output.as_ref().map(exec::compact)
        } else {
            None
        },
        output_details: succeeded.then_some(DataDetails { included: all_data }),
        trace_header: request.trace_header.clone(),
        billing_details,
    };
    Ok(SyncRun {
        response,
        history: outcome.history,
        history_truncated: outcome.history_truncated,
        trace: outcome.trace,
        transitions: outcome.transitions,
        memory,
        cost: billing::estimate_cost(&billing_details, 1, &Prices::default()),
    })
}

/// The parser's complaint, with its position (AWS quotes Jackson's message here; aslplay
/// quotes serde_json's — docs/api.md).
fn input_error_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if text.contains(" at line ") {
        text
    } else {
        format!("{text} at line {} column {}", e.line(), e.column())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::registry::CreateStateMachineRequest;
    use serde_json::json;

    const PASS: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}"#;
    const ARN: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:M";

    fn registry(def: &str, machine_type: MachineType) -> Registry {
        let mut reg = Registry::default();
        let created = reg.create_state_machine(&CreateStateMachineRequest {
            name: "M".into(),
            definition: def.into(),
            machine_type: Some(machine_type),
            ..Default::default()
        });
        assert!(created.is_ok(), "{created:?}");
        reg
    }

    fn request(input: Option<&str>) -> StartSyncExecutionRequest {
        StartSyncExecutionRequest {
            state_machine_arn: Some(ARN.into()),
            input: input.map(str::to_string),
            ..Default::default()
        }
    }

    fn run(reg: &Registry, req: &StartSyncExecutionRequest) -> Result<SyncRun, ApiError> {
        start_sync_execution(reg, req, &SyncOptions::default())
    }

    #[test]
    fn trivial_pass_machine_full_response() {
        let reg = registry(PASS, MachineType::Express);
        let req = StartSyncExecutionRequest {
            name: Some("run-1".into()),
            trace_header: Some("Root=1-abc".into()),
            ..request(Some(r#"{"a": 1}"#))
        };
        let r = run(&reg, &req).map(|r| serde_json::to_value(r.response).unwrap_or_default());
        let r = r.unwrap_or_default();
        let exec_arn = r["executionArn"].as_str().unwrap_or_default().to_string();
        assert!(
            exec_arn.starts_with("arn:aws:states:us-east-1:123456789012:express:M:run-1:"),
            "{exec_arn}"
        );
        assert_eq!(
            exec_arn.len(),
            "arn:aws:states:us-east-1:123456789012:express:M:run-1:".len() + 36
        );
        assert_eq!(
            r,
            json!({
                "executionArn": exec_arn,
                "stateMachineArn": ARN,
                "name": "run-1",
                "startDate": "2026-01-01T00:00:00+00:00",
                "stopDate": "2026-01-01T00:00:00.001000+00:00",
                "status": "SUCCEEDED",
                "input": "{\"a\": 1}",
                "inputDetails": {"included": true},
                "output": "{\"ok\":true}",
                "outputDetails": {"included": true},
                "traceHeader": "Root=1-abc",
                "billingDetails": {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100}
            })
        );
    }

    #[test]
    fn default_name_is_a_seeded_uuid_and_input_defaults_to_empty_object() {
        let reg = registry(PASS, MachineType::Express);
        let a = run(&reg, &request(None)).map(|r| r.response);
        let b = run(&reg, &request(None)).map(|r| r.response);
        let other = start_sync_execution(
            &reg,
            &request(None),
            &SyncOptions {
                seed: 9,
                ..Default::default()
            },
        )
        .map(|r| r.response.name);
        let a = a.ok();
        assert_eq!(a.as_ref().map(|r| r.name.len()), Some(36));
        assert_eq!(a.as_ref().map(|r| r.name.clone()), b.ok().map(|r| r.name));
        assert_ne!(a.as_ref().map(|r| r.name.clone()), other.ok());
        assert_eq!(a.and_then(|r| r.input), Some("{}".into()));
    }

    #[test]
    fn metadata_only_leaves_data_out() {
        let reg = registry(PASS, MachineType::Express);
        let req = StartSyncExecutionRequest {
            included_data: Some("METADATA_ONLY".into()),
            ..request(Some("{}"))
        };
        let r = run(&reg, &req)
            .map(|r| serde_json::to_value(r.response).unwrap_or_default())
            .unwrap_or_default();
        assert!(r.get("input").is_none() && r.get("output").is_none());
        assert_eq!(r["inputDetails"], json!({"included": false}));
        assert_eq!(r["outputDetails"], json!({"included": false}));
    }

    #[test]
    fn failed_execution_is_a_response() {
        let def = r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "bad"}}}"#;
        let reg = registry(def, MachineType::Express);
        let r = run(&reg, &request(None))
            .map(|r| serde_json::to_value(r.response).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(r["status"], "FAILED");
        assert_eq!(r["error"], "Oops");
        assert_eq!(r["cause"], "bad");
        assert!(r.get("output").is_none() && r.get("outputDetails").is_none());
        assert_eq!(r["billingDetails"]["billedDurationInMilliseconds"], 100);
    }

    #[test]
    fn context_object_sees_execution_arn_and_name() {
        let def = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "sm.$": "$$.StateMachine.Id"}, "End": true}}}"#;
        let reg = registry(def, MachineType::Express);
        let req = StartSyncExecutionRequest {
            name: Some("n1".into()),
            ..request(None)
        };
        let r = run(&reg, &req).ok().map(|r| r.response);
        let out: Value = r
            .as_ref()
            .and_then(|r| r.output.as_deref())
            .and_then(|o| serde_json::from_str(o).ok())
            .unwrap_or_default();
        assert_eq!(
            Some(out["id"].clone()),
            r.as_ref().map(|r| json!(r.execution_arn))
        );
        assert_eq!(out["name"], "n1");
        assert_eq!(out["sm"], ARN);
    }

    #[test]
    fn exceptions_with_aws_messages() {
        let express = registry(PASS, MachineType::Express);
        let standard = registry(PASS, MachineType::Standard);
        let mut deleting = registry(PASS, MachineType::Express);
        assert!(deleting.delete_state_machine(ARN).is_ok());
        let missing = "arn:aws:states:us-east-1:123456789012:stateMachine:Nope";
        let table: Vec<(&Registry, StartSyncExecutionRequest, ErrorCode, String)> = vec![
            (&express, StartSyncExecutionRequest::default(), ErrorCode::ValidationException,
                "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null".into()),
            (&express, StartSyncExecutionRequest { name: Some("a".repeat(81)), state_machine_arn: Some(missing.into()), ..Default::default() },
                ErrorCode::ValidationException,
                format!("1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80", "a".repeat(81))),
            (&express, StartSyncExecutionRequest { state_machine_arn: Some("not-an-arn".into()), ..Default::default() },
                ErrorCode::InvalidArn, "Invalid Arn: 'Invalid ARN prefix: not-an-arn'".into()),
            (&express, StartSyncExecutionRequest { state_machine_arn: Some(missing.into()), name: Some("a b".into()), input: Some("{".into()), ..Default::default() },
                ErrorCode::StateMachineDoesNotExist, format!("State Machine Does Not Exist: '{missing}'")),
            (&deleting, request(None), ErrorCode::StateMachineDeleting, format!("State Machine is being deleted: '{ARN}'")),
            (&standard, request(None), ErrorCode::StateMachineTypeNotSupported,
                "This operation is not supported by this type of state machine".into()),
            (&express, StartSyncExecutionRequest { name: Some("a b".into()), ..request(None) }, ErrorCode::InvalidName, "Invalid Name: 'a b'".into()),
            (&express, request(Some("{")), ErrorCode::InvalidExecutionInput,
                "Invalid State Machine Execution Input: 'EOF while parsing an object at line 1 column 1'".into()),
            (&express, request(Some("")), ErrorCode::InvalidExecutionInput,
                "Invalid State Machine Execution Input: 'EOF while parsing a value at line 1 column 0'".into()),
            (&express, StartSyncExecutionRequest { state_machine_arn: Some(format!("{ARN}#Happy")), ..Default::default() },
                ErrorCode::InvalidName, "Invalid mock test case name 'Happy' for state machine 'M': no mock config was given.".into()),
        ];
        for (reg, req, code, message) in table {
            let e = run(reg, &req).err();
            assert_eq!(e.as_ref().map(|e| e.code), Some(code), "{req:?}");
            assert_eq!(e.map(|e| e.message), Some(message), "{req:?}");
        }
    }

    #[test]
    fn mocks_via_test_case_suffix() {
        let def = r#"{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "f"},
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2}],
            "OutputPath": "$.Payload", "End": true}}}"#;
        let reg = registry(def, MachineType::Express);
        let mocks = json!({
            "StateMachines": {"M": {"TestCases": {"Retry": {"L": "Flaky"}}}},
            "MockedResponses": {"Flaky": {
                "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                "2": {"Return": {"StatusCode": 200, "Payload": {"done": true}}, "DurationMs": 250}
            }}
        });
        let options = SyncOptions {
            mock_config: Some(mocks),
            ..Default::default()
        };
        let req = StartSyncExecutionRequest {
            state_machine_arn: Some(format!("{ARN}#Retry")),
            ..Default::default()
        };
        let r = start_sync_execution(&reg, &req, &options).map(|r| r.response);
        let r = r.ok();
        assert_eq!(
            r.as_ref().map(|r| r.status),
            Some(Status::Succeeded),
            "{r:?}"
        );
        assert_eq!(
            r.as_ref().and_then(|r| r.output.clone()),
            Some("{\"done\":true}".into())
        );
        // Retries wait 1 s then 2 s; the mocked calls take 50 + 50 + 250 ms: billed ≥ 3,300 ms.
        let billed = r
            .map(|r| r.billing_details.billed_duration_in_milliseconds)
            .unwrap_or_default();
        assert!((3_300..=3_500).contains(&billed), "{billed}");
        let unknown = StartSyncExecutionRequest {
            state_machine_arn: Some(format!("{ARN}#Nope")),
            ..Default::default()
        };
        let e = start_sync_execution(&reg, &unknown, &options)
            .err()
            .map(|e| e.message);
        assert_eq!(e.as_deref(), Some("Invalid mock test case name 'Nope' for state machine 'M': state machine 'M' has no test case 'Nope' (test cases: Retry)."));
    }

    #[test]
    fn unmocked_task_fails_with_a_clear_cause() {
        let def = r#"{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;
        let reg = registry(def, MachineType::Express);
        let r = run(&reg, &request(None)).ok().map(|r| r.response);
        assert_eq!(r.as_ref().map(|r| r.status), Some(Status::Failed));
        assert!(r
            .and_then(|r| r.cause)
            .is_some_and(|c| c.contains("'L'") && c.contains("mock")));
    }

    #[test]
    fn versions_run_and_keep_their_arn() {
        let mut reg = registry(PASS, MachineType::Express);
        assert!(reg.publish_version(ARN).is_ok());
        let req = StartSyncExecutionRequest {
            state_machine_arn: Some(format!("{ARN}:1")),
            ..Default::default()
        };
        let r = run(&reg, &req).ok().map(|r| r.response);
        assert_eq!(
            r.as_ref().map(|r| r.state_machine_arn.clone()),
            Some(format!("{ARN}:1"))
        );
        assert!(r.is_some_and(|r| r.execution_arn.contains(":express:M:")));
    }

    #[test]
    fn memory_grows_with_map_fan_out() {
        let def = r#"{"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#;
        let reg = registry(def, MachineType::Express);
        let big = format!(
            "[{}]",
            vec![format!("\"{}\"", "x".repeat(1000)); 200].join(",")
        );
        let r = run(&reg, &request(Some(&big))).ok();
        assert_eq!(r.as_ref().map(|r| r.memory.map_parallel_steps), Some(200));
        // 50 MB + 200 × ~200 KB ≈ 88 MB → 128 MB.
        assert_eq!(
            r.map(|r| r.response.billing_details.billed_memory_used_in_mb),
            Some(128)
        );
    }
}
