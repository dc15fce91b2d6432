//! Conformance runner over the recorded AWS corpus (`<workspace>/../shared/conformance/cases.jsonl`).
//!
//! Checks run here:
//! - `create_error:<id>`: `CreateStateMachine` must fail with AWS's exact message;
//! - `validate:<id>`: `ValidateStateMachineDefinition` result and diagnostics (severity, code,
//!   location, message) must match;
//! - `definition:<id>`: every definition of an `execution` case must validate with result OK,
//!   as recorded and as EXPRESS (no false errors on real definitions).
//!
//! Known failures live in `tests/conformance/expected-failures.txt` (`<check> <reason>` per
//! line); a failure not listed there, or a listed check that passes, fails the test.

use aslplay_conformance::{cases_path, load_cases, Case, ExpectedFailures, Report};
use aslplay_core::validate::{
    create_state_machine_error, validate_definition, MachineType, ValidationResult,
};
use std::path::Path;

/// The check kinds this runner owns (stale-entry detection is limited to them).
const KINDS: &[&str] = &["create_error", "validate", "definition"];

fn machine_type(case: &Case) -> MachineType {
    if case.is_express() {
        MachineType::Express
    } else {
        MachineType::Standard
    }
}

fn check_create_error(case: &Case) -> Result<(), String> {
    let expected = case.expected.create_error.as_deref().unwrap_or_default();
    match create_state_machine_error(&case.definition_text(), machine_type(case)) {
        None => Err(format!("accepted; AWS rejects it with {expected:?}")),
        Some(got) if case.placeholders().matches(expected, &got) => Ok(()),
        Some(got) => Err(format!(
            "message differs\n        expected: {expected}\n        got:      {got}"
        )),
    }
}

fn diagnostic_tuple(v: &serde_json::Value) -> (String, String, String, String) {
    let s = |k: &str| match v.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "None".to_string(),
    };
    (s("severity"), s("code"), s("location"), s("message"))
}

fn check_validate(case: &Case) -> Result<(), String> {
    let report = validate_definition(&case.definition_text(), machine_type(case));
    let got_result = match report.result {
        ValidationResult::Ok => "OK",
        ValidationResult::Fail => "FAIL",
    };
    let want_result = case.expected.validate_result.as_deref().unwrap_or_default();
    let mut want: Vec<_> = case
        .expected
        .diagnostics
        .iter()
        .map(diagnostic_tuple)
        .collect();
    let mut got: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| diagnostic_tuple(&serde_json::to_value(d).unwrap_or_default()))
        .collect();
    want.sort();
    got.sort();
    if got_result != want_result || want != got {
        return Err(format!(
            "expected {want_result} {want:?}\n      got {got_result} {got:?}"
        ));
    }
    Ok(())
}

fn check_definition(case: &Case) -> Result<(), String> {
    // As recorded, and as EXPRESS (how the interpreter runs every case).
    for machine_type in [machine_type(case), MachineType::Express] {
        let report = validate_definition(&case.definition_text(), machine_type);
        if report.result != ValidationResult::Ok {
            let errors: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.aws_text())
                .collect();
            return Err(format!(
                "false errors ({machine_type:?}): {}",
                errors.join(" | ")
            ));
        }
    }
    Ok(())
}

#[test]
fn conformance_validation() {
    let path = cases_path();
    if !path.exists() {
        eprintln!(
            "conformance corpus not found at {}; skipping",
            path.display()
        );
        return;
    }
    let cases = load_cases(&path).unwrap_or_else(|e| panic!("{e}"));
    let list =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/expected-failures.txt");
    let expected = ExpectedFailures::load(&list).unwrap_or_else(|e| panic!("{e}"));
    let mut report = Report::new();
    for case in &cases {
        let (kind, result) = match case.kind.as_str() {
            "create_error" => ("create_error", check_create_error(case)),
            "validate" => ("validate", check_validate(case)),
            "execution" => ("definition", check_definition(case)),
            _ => continue,
        };
        report.record(format!("{kind}:{}", case.id), &case.features, result);
    }
    println!("{}", report.render(&expected));
    let problems = report.problems(&expected, KINDS);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
