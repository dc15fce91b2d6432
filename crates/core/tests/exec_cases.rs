//! Data-driven execution cases: `tests/cases/exec/*.json` (format in that folder's README).

use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, TaskCall, TaskHost, TaskOutcome};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

/// Answers Tasks from a per-state list of responses (`{"Return": v}` / `{"Throw": {..}}`).
struct ListMocks(HashMap<String, Vec<Value>>);

impl TaskHost for ListMocks {
    fn invoke(&mut self, call: &TaskCall<'_>) -> TaskOutcome {
        let responses = self.0.get(call.state_name).cloned().unwrap_or_default();
        let Some(r) = responses.get(call.invocation as usize) else {
            return TaskOutcome::Throw {
                error: "NoMock".into(),
                cause: format!("no response {} for {}", call.invocation, call.state_name),
                duration_ms: None,
            };
        };
        let duration_ms = r.get("DurationMs").and_then(Value::as_u64);
        if let Some(v) = r.get("Return") {
            TaskOutcome::Return {
                value: v.clone(),
                duration_ms,
            }
        } else {
            let t = r.get("Throw").cloned().unwrap_or_default();
            TaskOutcome::Throw {
                error: t
                    .get("Error")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
                cause: t
                    .get("Cause")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
                duration_ms,
            }
        }
    }
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/exec")
}

fn run_case(case: &Value) -> Result<(), String> {
    let def_text = serde_json::to_string(&case["definition"]).map_err(|e| e.to_string())?;
    let (machine, diags) = aslplay_core::parse_definition(&def_text);
    let machine = machine.ok_or_else(|| format!("definition does not parse: {diags:?}"))?;
    let program = exec::compile(&machine).map_err(|e| format!("compile: {e:?}"))?;
    let mocks: HashMap<String, Vec<Value>> = serde_json::from_value(
        case.get("mocks")
            .cloned()
            .unwrap_or(Value::Object(Default::default())),
    )
    .map_err(|e| e.to_string())?;
    let input = case
        .get("input")
        .cloned()
        .unwrap_or(Value::Object(Default::default()));
    let facts = ExecutionFacts {
        input: input.clone().into(),
        name: "test".into(),
        ..Default::default()
    };
    let outcome = exec::run(
        &program,
        machine.timeout_seconds,
        input,
        facts,
        ExecutionConfig::default(),
        &mut ListMocks(mocks),
    );
    let expected = &case["expected"];
    let status = outcome.status.as_str();
    if expected["status"] != status {
        return Err(format!(
            "status {status} (error {:?}, cause {:?}), expected {}",
            outcome.error, outcome.cause, expected["status"]
        ));
    }
    if let Some(out) = expected.get("output") {
        if outcome.output.as_ref() != Some(out) {
            return Err(format!("output {:?}, expected {out}", outcome.output));
        }
    }
    if let Some(e) = expected.get("error") {
        if outcome.error.as_deref() != e.as_str() {
            return Err(format!("error {:?}, expected {e}", outcome.error));
        }
    }
    if let Some(c) = expected.get("cause") {
        if outcome.cause.as_deref() != c.as_str() {
            return Err(format!("cause {:?}, expected {c}", outcome.cause));
        }
    }
    Ok(())
}

#[test]
fn execution_cases() {
    let mut failures = Vec::new();
    let mut total = 0;
    let mut entries: Vec<_> = std::fs::read_dir(cases_dir())
        .expect("tests/cases/exec exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("readable case file");
        let cases: Vec<Value> = serde_json::from_str(&text).expect("case file is a JSON array");
        for case in &cases {
            total += 1;
            let name = format!(
                "{}::{}",
                path.file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default(),
                case["name"].as_str().unwrap_or("?")
            );
            assert!(
                case["cites"].as_str().is_some_and(|c| !c.is_empty()),
                "{name} cites nothing"
            );
            if let Err(e) = run_case(case) {
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    println!(
        "{} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
}

/// A machine that never ends stops at the engine's transition budget with an error that cannot
/// be caught (aslplay's own guard; AWS would run into the 5-minute Express limit).
#[test]
fn runaway_machine_hits_the_transition_budget() {
    let def = r#"{"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "A"}}}"#;
    let (machine, _) = aslplay_core::parse_definition(def);
    let machine = machine.expect("parses");
    let program = exec::compile(&machine).expect("compiles");
    let config = ExecutionConfig {
        limits: exec::Limits {
            max_transitions: 1_000,
            ..Default::default()
        },
        timing: exec::TimingModel {
            transition_us: 0,
            ..Default::default()
        },
        ..Default::default()
    };
    let outcome = exec::run(
        &program,
        None,
        Value::Null,
        ExecutionFacts::default(),
        config,
        &mut exec::NoMocks,
    );
    assert_eq!(outcome.status.as_str(), "FAILED");
    assert_eq!(
        outcome.error.as_deref(),
        Some(exec::Limits::TRANSITION_BUDGET_ERROR)
    );
    assert_eq!(outcome.transitions, 1_001);
}

/// Same inputs and seed give byte-identical results (history included).
#[test]
fn runs_are_deterministic() {
    let def = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass",
        "Parameters": {"u.$": "States.UUID()", "r.$": "States.MathRandom(1, 1000)"}, "End": true}}}"#;
    let (machine, _) = aslplay_core::parse_definition(def);
    let program = exec::compile(&machine.expect("parses")).expect("compiles");
    let run = |seed| {
        let config = ExecutionConfig {
            seed,
            ..Default::default()
        };
        let o = exec::run(
            &program,
            None,
            Value::Null,
            ExecutionFacts::default(),
            config,
            &mut exec::NoMocks,
        );
        serde_json::to_string(&(o.output, o.history)).expect("serializes")
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}
