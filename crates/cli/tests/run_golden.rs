//! Golden tests of `aslplay run`: exit code, stdout and stderr of the real binary.
//!
//! Inputs live in tests/run/, expected outputs in tests/run/golden/<case>.txt. To accept new
//! outputs after a deliberate change, run with `ASLPLAY_BLESS=1` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/run")
}

/// Runs `aslplay run` with `args` (paths relative to tests/run) and renders the result.
fn render(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_aslplay"))
        .arg("run")
        .args(args)
        // Golden output needs a fixed clock; without it `run` starts at the current time.
        .env("ASLPLAY_START_TIME", "2026-01-01T00:00:00Z")
        .current_dir(dir())
        .output();
    match out {
        Ok(o) => format!(
            "$ aslplay run {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            o.status
                .code()
                .map_or("signal".to_string(), |c| c.to_string()),
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => format!("cannot spawn aslplay: {e}"),
    }
}

fn check(case: &str, args: &[&str]) {
    let got = render(args);
    let path = dir().join("golden").join(format!("{case}.txt"));
    if std::env::var_os("ASLPLAY_BLESS").is_some() {
        let written = std::fs::create_dir_all(dir().join("golden"))
            .and_then(|()| std::fs::write(&path, &got));
        assert!(written.is_ok(), "cannot write {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got,
        expected,
        "golden {} differs (ASLPLAY_BLESS=1 to accept)",
        path.display()
    );
}

#[test]
fn pass_machine_prints_full_response() {
    check(
        "pass",
        &[
            "pass.asl.json",
            "--input",
            "input.json",
            "--name",
            "run-1",
            "--trace-header",
            "Root=1-67a2b3c4-0123456789abcdef01234567;Sampled=1",
        ],
    );
}

#[test]
fn default_name_and_input() {
    check("defaults", &["pass.asl.json", "--seed", "42"]);
}

#[test]
fn metadata_only() {
    check(
        "metadata-only",
        &[
            "pass.asl.json",
            "--name",
            "m",
            "--included-data",
            "METADATA_ONLY",
        ],
    );
}

#[test]
fn failed_execution_is_a_normal_response() {
    check(
        "fail",
        &[
            "fail.asl.json",
            "--name",
            "f",
            "--start-time",
            "2025-06-30T23:59:59.950Z",
        ],
    );
}

#[test]
fn context_object_and_seeded_uuid() {
    check(
        "context",
        &[
            "context.asl.json",
            "--name",
            "ctx",
            "--state-machine-name",
            "Ctx",
            "--seed",
            "7",
        ],
    );
}

#[test]
fn mocks_happy_path_with_duration() {
    check(
        "mock-happy",
        &[
            "lambda.asl.json",
            "--state-machine-name",
            "Greeter",
            "--mock-config",
            "lambda.mocks.json",
            "--test-case",
            "HappyPath",
            "--name",
            "h",
            "--input",
            "input.json",
        ],
    );
}

#[test]
fn mocks_retries_consume_indexes() {
    check(
        "mock-retry",
        &[
            "lambda.asl.json",
            "--state-machine-name",
            "Greeter",
            "--mock-config",
            "lambda.mocks.json",
            "--test-case",
            "RetryPath",
            "--name",
            "r",
        ],
    );
}

#[test]
fn mocks_throw_caught_then_fail() {
    check(
        "mock-failure",
        &[
            "lambda.asl.json",
            "--state-machine-name",
            "Greeter",
            "--mock-config",
            "lambda.mocks.json",
            "--test-case",
            "FailurePath",
            "--name",
            "x",
        ],
    );
}

#[test]
fn unmocked_task_explains_how_to_mock() {
    check("no-mock", &["lambda.asl.json", "--name", "u"]);
}

#[test]
fn cost_estimate_on_stderr() {
    check("cost", &["pass.asl.json", "--name", "c", "--cost"]);
}

#[test]
fn history_out_writes_get_execution_history_shape() {
    let out = std::env::temp_dir().join(format!("aslplay-history-{}.json", std::process::id()));
    let out_text = out.to_string_lossy().to_string();
    let rendered = render(&["fail.asl.json", "--name", "h", "--history-out", &out_text]);
    assert!(rendered.contains("exit: 0"), "{rendered}");
    let history: serde_json::Value = std::fs::read_to_string(&out)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    let types: Vec<&str> = history["events"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["type"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        types,
        ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]
    );
    assert_eq!(history["events"][0]["id"], 1);
    assert!(history["events"][0]["timestamp"].is_string());
}

#[test]
fn trace_out_writes_per_state_records() {
    let out = std::env::temp_dir().join(format!("aslplay-trace-{}.json", std::process::id()));
    let out_text = out.to_string_lossy().to_string();
    let rendered = render(&["pass.asl.json", "--name", "t", "--trace-out", &out_text]);
    assert!(rendered.contains("exit: 0"), "{rendered}");
    let trace: serde_json::Value = std::fs::read_to_string(&out)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    assert_eq!(trace["trace"][0]["name"], "Hello");
    assert_eq!(
        trace["trace"][0]["output"],
        serde_json::json!({"result": {"greeting": "hello"}})
    );
}

#[test]
fn error_validation_exception() {
    let long = "n".repeat(81);
    check("err-validation", &["pass.asl.json", "--name", &long]);
}

#[test]
fn error_invalid_arn() {
    check(
        "err-invalid-arn",
        &["pass.asl.json", "--state-machine-arn", "not-an-arn"],
    );
}

#[test]
fn error_does_not_exist() {
    check(
        "err-does-not-exist",
        &[
            "pass.asl.json",
            "--state-machine-arn",
            "arn:aws:states:us-east-1:123456789012:stateMachine:Other",
        ],
    );
}

#[test]
fn error_deleting() {
    check(
        "err-deleting",
        &["pass.asl.json", "--state-machine-status", "DELETING"],
    );
}

#[test]
fn error_type_not_supported() {
    check("err-standard", &["pass.asl.json", "--type", "STANDARD"]);
}

#[test]
fn error_invalid_name() {
    check("err-invalid-name", &["pass.asl.json", "--name", "my run"]);
}

#[test]
fn error_invalid_input() {
    check(
        "err-invalid-input",
        &["pass.asl.json", "--input", "broken-input.json"],
    );
}

#[test]
fn error_invalid_definition() {
    check("err-invalid-definition", &["invalid.asl.json"]);
}

#[test]
fn error_unknown_test_case() {
    check(
        "err-test-case",
        &[
            "lambda.asl.json",
            "--state-machine-name",
            "Greeter",
            "--mock-config",
            "lambda.mocks.json",
            "--test-case",
            "Nope",
        ],
    );
}

#[test]
fn error_bad_mock_config() {
    check(
        "err-mock-config",
        &["lambda.asl.json", "--mock-config", "bad.mocks.json"],
    );
}

#[test]
fn usage_error_missing_file() {
    check("usage-missing-file", &["missing.asl.json"]);
}
