//! The JavaScript-facing API, exercised in headless Chromium (`scripts/test wasm-test`).
#![cfg(target_arch = "wasm32")]

use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const HELLO: &str = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "Hello World!", "End": true}}}"#;

fn js(value: Value) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&value, &serializer).expect("to JS")
}

fn rust(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).expect("from JS")
}

#[wasm_bindgen_test]
fn version_is_the_workspace_version() {
    assert_eq!(aslplay_wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn validate_reports_like_aws() {
    let report = aslplay_wasm::validate(js(json!({"definition": HELLO}))).expect("validates");
    assert_eq!(
        rust(report),
        json!({"result": "OK", "diagnostics": [], "truncated": false})
    );

    let report = rust(
        aslplay_wasm::validate(js(json!({
            "definition": r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#,
            "type": "EXPRESS"
        })))
        .expect("validates"),
    );
    assert_eq!(report["result"], "FAIL");
    assert_eq!(
        report["diagnostics"][0]["code"],
        "MISSING_TRANSITION_TARGET"
    );
    assert_eq!(report["diagnostics"][0]["location"], "/States/A/Next");
}

#[wasm_bindgen_test]
fn start_sync_execution_returns_the_response() {
    let answer = rust(
        aslplay_wasm::start_sync_execution(
            js(json!({"definition": HELLO})),
            js(json!({"input": "{\"a\": 1}"})),
            JsValue::UNDEFINED,
        )
        .expect("runs"),
    );
    let response = &answer["run"]["response"];
    assert_eq!(response["status"], "SUCCEEDED", "{answer}");
    assert_eq!(response["output"], "\"Hello World!\"");
    assert_eq!(
        response["billingDetails"]["billedDurationInMilliseconds"],
        100
    );
    assert_eq!(answer["run"]["history"][0]["type"], "ExecutionStarted");
}

#[wasm_bindgen_test]
fn refused_requests_are_data() {
    let answer = rust(
        aslplay_wasm::start_sync_execution(
            js(json!({"definition": HELLO})),
            js(json!({"input": "not json"})),
            JsValue::UNDEFINED,
        )
        .expect("answers"),
    );
    assert_eq!(
        answer["error"]["__type"], "InvalidExecutionInput",
        "{answer}"
    );

    let answer = rust(
        aslplay_wasm::start_sync_execution(
            js(json!({"definition": "{"})),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
        )
        .expect("answers"),
    );
    assert_eq!(answer["error"]["__type"], "InvalidDefinition", "{answer}");
}

#[wasm_bindgen_test]
fn misuse_throws() {
    assert!(aslplay_wasm::validate(JsValue::from(42)).is_err());
    assert!(aslplay_wasm::start_sync_execution(
        js(json!({"definition": HELLO})),
        js(json!({"input": 7})),
        JsValue::UNDEFINED
    )
    .is_err());
}
