//! Runs a sample of the conformance corpus natively and writes the responses to
//! `$OUT_DIR/native_sample.json`, so the wasm tests can prove the WebAssembly API answers the
//! same. Nothing of the corpus is copied into the repository; without the corpus the sample is
//! empty (and the wasm test says so).

use aslplay_core::api::{run_with_options, RunOptions, StartSyncExecutionRequest};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Every n-th execution case is sampled.
const STRIDE: usize = 8;

fn cases_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ASLPLAY_CONFORMANCE_CASES") {
        return Some(PathBuf::from(p));
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    manifest
        .ancestors()
        .flat_map(|a| {
            [
                a.join("shared/conformance/cases.jsonl"),
                a.join("../shared/conformance/cases.jsonl"),
            ]
        })
        .find(|p| p.exists())
}

fn sample(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let executions = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|c| c["kind"] == "execution");
    executions
        .step_by(STRIDE)
        .map(|case| {
            let options = RunOptions {
                definition: case["definition_text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                ..RunOptions::default()
            };
            let request = StartSyncExecutionRequest {
                name: Some("sample".into()),
                input: case["input"].as_str().map(str::to_string),
                ..Default::default()
            };
            let native = match run_with_options(&request, &options) {
                Ok(run) => json!({"response": run.response}),
                Err(e) => json!({"error": e.to_json()}),
            };
            json!({"id": case["id"], "options": options, "request": request, "native": native})
        })
        .collect()
}

fn main() {
    println!("cargo::rerun-if-env-changed=ASLPLAY_CONFORMANCE_CASES");
    let cases = cases_path();
    if let Some(p) = &cases {
        println!("cargo::rerun-if-changed={}", p.display());
    }
    let sample = cases.as_deref().map(sample).unwrap_or_default();
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("native_sample.json");
    if let Err(e) = std::fs::write(&out, Value::Array(sample).to_string()) {
        println!("cargo::warning=cannot write {}: {e}", out.display());
    }
}
