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

/// Execution start used for every case: the moment the corpus inputs with generated timestamps
/// were made (2026-11-24T09:45:13Z), so Wait timestamps mean what they meant at recording time.
const CORPUS_START_MS: i64 = 1_795_513_513_000;

fn run_execution(case: &Case) -> Result<aslplay_core::exec::Outcome, String> {
    use aslplay_core::exec::{self, ExecutionConfig, ExecutionFacts, NoMocks};
    let (machine, diagnostics) = aslplay_core::parse_definition(&case.definition_text());
    let machine = machine.ok_or_else(|| {
        let d: Vec<_> = diagnostics.iter().map(|d| d.aws_text()).collect();
        format!("definition does not load: {}", d.join(" | "))
    })?;
    let program = exec::compile(&machine).map_err(|e| format!("does not compile: {e:?}"))?;
    let input: serde_json::Value =
        serde_json::from_str(case.input_text()).map_err(|e| format!("input: {e}"))?;
    let facts = ExecutionFacts {
        execution_arn: "arn:aws:states:us-east-1:111111111111:express:Machine:Execution:00000000-0000-4000-8000-000000000000".into(),
        name: "Execution".into(),
        // As the API passes it: the text, parsed only if `$$.Execution.Input` is read.
        input: exec::ExecutionInput::Text(case.input_text().into()),
        input_size: Some(exec::json_size(&input)),
        start_time_ms: CORPUS_START_MS,
        role_arn: "arn:aws:iam::111111111111:role/sfn_role_arn".into(),
        state_machine_arn: "arn:aws:states:us-east-1:111111111111:stateMachine:Machine".into(),
        state_machine_name: "Machine".into(),
        region: "us-east-1".into(),
    };
    let config = ExecutionConfig {
        start_time_ms: CORPUS_START_MS,
        record_trace: false,
        ..ExecutionConfig::default()
    };
    Ok(exec::run(
        &program,
        machine.timeout_seconds,
        input,
        facts,
        config,
        &mut NoMocks,
    ))
}

/// Whether `got` equals `want`, where values at `placeholder_paths` (JSON pointers) match
/// anything and strings may hold placeholder tokens.
fn json_matches(
    want: &serde_json::Value,
    got: &serde_json::Value,
    pointer: &str,
    placeholder_paths: &[String],
    placeholders: &aslplay_conformance::Placeholders,
) -> bool {
    use serde_json::Value;
    if placeholder_paths.iter().any(|p| p == pointer) {
        return true;
    }
    match (want, got) {
        (Value::String(w), Value::String(g)) => placeholders.matches(w, g),
        (Value::String(w), _) if placeholders.is_whole_placeholder(w) => true,
        (Value::Array(w), Value::Array(g)) => {
            w.len() == g.len()
                && w.iter().zip(g).enumerate().all(|(i, (a, b))| {
                    json_matches(
                        a,
                        b,
                        &format!("{pointer}/{i}"),
                        placeholder_paths,
                        placeholders,
                    )
                })
        }
        (Value::Object(w), Value::Object(g)) => {
            w.len() == g.len()
                && w.iter().all(|(k, a)| {
                    g.get(k).is_some_and(|b| {
                        let key = k.replace('~', "~0").replace('/', "~1");
                        json_matches(
                            a,
                            b,
                            &format!("{pointer}/{key}"),
                            placeholder_paths,
                            placeholders,
                        )
                    })
                })
        }
        (Value::Number(w), Value::Number(g)) => {
            w == g || (w.as_f64().is_some() && w.as_f64() == g.as_f64())
        }
        _ => want == got,
    }
}

fn check_execution(case: &Case) -> Result<(), String> {
    let outcome = run_execution(case)?;
    let expected = &case.expected;
    let placeholders = case.placeholders();
    let compare = expected.compare.clone().unwrap_or_else(|| {
        ["status", "output", "error", "cause"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    let mut problems = Vec::new();
    let status = outcome.status.as_str();
    if compare.iter().any(|c| c == "status") && expected.status.as_deref() != Some(status) {
        problems.push(format!("status {status}, expected {:?}", expected.status));
    }
    if compare.iter().any(|c| c == "output") {
        let want = expected
            .output
            .as_deref()
            .map(serde_json::from_str::<serde_json::Value>)
            .transpose()
            .map_err(|e| format!("expected output is not JSON: {e}"))?;
        let ok = match (&want, &outcome.output) {
            (None, None) => true,
            (Some(w), Some(g)) => {
                json_matches(w, g, "", &expected.output_placeholder_paths, &placeholders)
            }
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "output {}, expected {}",
                outcome
                    .output
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or("null".into()),
                expected.output.as_deref().unwrap_or("null")
            ));
        }
    }
    for (field, want, got) in [
        ("error", &expected.error, &outcome.error),
        ("cause", &expected.cause, &outcome.cause),
    ] {
        if !compare.iter().any(|c| c == field) {
            continue;
        }
        // AWS reports an absent error/cause and an empty one alike in these recordings.
        let w = want.as_deref().unwrap_or("");
        let g = got.as_deref().unwrap_or("");
        if !placeholders.matches(w, g) {
            problems.push(format!("{field} {g:?}, expected {w:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n      "))
    }
}

/// Scores every execution case of the corpus (JSONPath and JSONata).
#[test]
fn conformance_execution() {
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
    let (mut jsonpath_total, mut jsonpath_passed) = (0, 0);
    for case in cases.iter().filter(|c| c.kind == "execution") {
        let result = check_execution(case);
        let uses_jsonata = case.features.iter().any(|f| f == "jsonata");
        if !uses_jsonata {
            jsonpath_total += 1;
            jsonpath_passed += usize::from(result.is_ok());
        }
        report.record(format!("execution:{}", case.id), &case.features, result);
    }
    println!("{}", report.render(&expected));
    println!(
        "JSONPath-only execution cases: {jsonpath_passed} passed of {jsonpath_total} ({:.1}%)",
        100.0 * jsonpath_passed as f64 / jsonpath_total.max(1) as f64
    );
    let problems = report.problems(&expected, &["execution"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
