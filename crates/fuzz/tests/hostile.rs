//! Runs the hostile-input corpus in tests/hostile/: every case must end cleanly with its
//! expected outcome within its time bound.

use aslplay_core::api::{run_definition, MachineSpec, StartSyncExecutionRequest, SyncOptions};
use aslplay_core::MachineType;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

fn text(case: &Value, field: &str) -> Option<String> {
    if let Some(parts) = case.get(format!("{field}_gen")).and_then(Value::as_array) {
        let mut s = String::new();
        for p in parts {
            let piece = p.get(0).and_then(Value::as_str).unwrap_or_default();
            let times = p.get(1).and_then(Value::as_u64).unwrap_or(1) as usize;
            s.push_str(&piece.repeat(times));
        }
        return Some(s);
    }
    match case.get(field)? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The outcome: (kind, error/code, detail text).
fn outcome(case: &Value) -> (String, String, String) {
    let kind = case.get("kind").and_then(Value::as_str).unwrap_or_default();
    match kind {
        "run" => {
            let spec = MachineSpec {
                definition: text(case, "definition").unwrap_or_default(),
                ..MachineSpec::default()
            };
            let request = StartSyncExecutionRequest {
                input: text(case, "input"),
                ..StartSyncExecutionRequest::default()
            };
            let options = SyncOptions {
                max_transitions: case.get("max_transitions").and_then(Value::as_u64),
                record_trace: false,
                ..SyncOptions::default()
            };
            match run_definition(&spec, &request, &options) {
                Ok(run) => {
                    let r = serde_json::to_value(&run.response).unwrap_or_default();
                    let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    (s("status"), s("error"), s("cause"))
                }
                Err(e) => ("api_error".into(), e.code.as_str().to_string(), e.message),
            }
        }
        "validate" => {
            let def = text(case, "definition").unwrap_or_default();
            let report = aslplay_core::validate_definition(&def, MachineType::Express);
            let msgs: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect();
            if msgs.is_empty() {
                ("ok".into(), String::new(), String::new())
            } else {
                ("error".into(), String::new(), msgs.join("\n"))
            }
        }
        "jsonata" => {
            let expr = text(case, "expr").unwrap_or_default();
            let input: Value = text(case, "input")
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(Value::Null);
            let parsed = aslplay_jsonata::Expression::parse(&expr);
            let result = parsed.and_then(|e| {
                e.evaluate(
                    Some(&input),
                    &serde_json::Map::new(),
                    &aslplay_jsonata::EvalOptions::default(),
                    &mut aslplay_jsonata::FixedHost::new(0.0, 1),
                )
            });
            match result {
                Ok(_) => ("ok".into(), String::new(), String::new()),
                Err(e) => ("error".into(), e.code.clone(), e.message.clone()),
            }
        }
        other => (
            format!("unknown kind {other}"),
            String::new(),
            String::new(),
        ),
    }
}

#[test]
fn hostile_inputs_end_cleanly_in_time() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p| p.extension().and_then(|e| e.to_str()) == Some("json"));
    entries.sort();
    assert!(entries.len() >= 20, "corpus missing at {}", dir.display());
    let mut failures = Vec::new();
    for path in entries {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expect = case.get("expect").cloned().unwrap_or_default();
        // Bounds are for an optimised build; a debug build gets ten times as long.
        let scale = if cfg!(debug_assertions) { 10 } else { 1 };
        let max = Duration::from_millis(
            case.get("max_ms").and_then(Value::as_u64).unwrap_or(5000) * scale,
        );
        let t0 = Instant::now();
        let (got, code, detail) = outcome(&case);
        let took = t0.elapsed();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let want = |k: &str| expect.get(k).and_then(Value::as_str);
        let mut problems = Vec::new();
        if Some(got.as_str()) != want("outcome") {
            problems.push(format!("outcome {got} (expected {:?})", want("outcome")));
        }
        for k in ["error", "code"] {
            if let Some(w) = want(k) {
                if w != code {
                    problems.push(format!("{k} {code:?} (expected {w:?})"));
                }
            }
        }
        if let Some(w) = want("contains") {
            if !detail.contains(w) {
                problems.push(format!("detail does not contain {w:?}"));
            }
        }
        if took > max {
            problems.push(format!("took {took:?} > {max:?}"));
        }
        eprintln!("{name}: {got} {code} in {took:?}");
        if !problems.is_empty() {
            let short: String = detail.chars().take(300).collect();
            failures.push(format!("{name}: {} — {short}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
