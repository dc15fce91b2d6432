//! The WebAssembly StartSyncExecution API, in headless Chromium: same answers as native, AWS
//! SDK v3 shapes (Dates, camelCase), request errors thrown with `name` = the exception.
#![cfg(target_arch = "wasm32")]

use aslplay_core::api::response::cli_timestamp;
use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Conformance cases run natively by build.rs.
const NATIVE_SAMPLE: &str = include_str!(concat!(env!("OUT_DIR"), "/native_sample.json"));

const PASS: &str = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#;

fn js(v: &Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A response back to JSON, its Dates rendered as native serialization renders them.
fn response_json(v: &JsValue) -> Value {
    for key in ["startDate", "stopDate"] {
        let date = get(v, key);
        assert!(
            date.is_instance_of::<js_sys::Date>(),
            "{key} must be a Date"
        );
        let ms = date.unchecked_into::<js_sys::Date>().get_time() as i64;
        let _ = js_sys::Reflect::set(
            v,
            &JsValue::from_str(key),
            &JsValue::from_str(&cli_timestamp(ms)),
        );
    }
    serde_wasm_bindgen::from_value(v.clone()).unwrap_or(Value::Null)
}

/// A thrown error as `{"__type", "message"}`, checking that `name` is the exception.
fn error_json(e: &JsValue) -> Value {
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "errors must be Error objects"
    );
    let name = get(e, "name").as_string().unwrap_or_default();
    assert_eq!(get(e, "__type").as_string().as_deref(), Some(name.as_str()));
    json!({"__type": name, "message": get(e, "message").as_string().unwrap_or_default()})
}

#[wasm_bindgen_test]
fn conformance_sample_matches_native() {
    let sample: Vec<Value> = serde_json::from_str(NATIVE_SAMPLE).unwrap_or_default();
    assert!(
        sample.len() >= 20,
        "the corpus sample is missing or small: {}",
        sample.len()
    );
    for case in &sample {
        let got =
            match aslplay_wasm::start_sync_execution(js(&case["request"]), js(&case["options"])) {
                Ok(v) => json!({"response": response_json(&v)}),
                Err(e) => json!({"error": error_json(&e)}),
            };
        assert_eq!(got, case["native"], "{}", case["id"]);
    }
}

#[wasm_bindgen_test]
fn trivial_machine_response() {
    let r = aslplay_wasm::start_sync_execution(
        js(&json!({"name": "n", "input": "{\"a\":1}"})),
        js(&json!({"definition": PASS})),
    );
    let r = r.map(|v| response_json(&v)).unwrap_or(Value::Null);
    assert_eq!(r["status"], "SUCCEEDED");
    assert_eq!(r["output"], "{\"a\":1}");
    assert_eq!(r["startDate"], "2026-01-01T00:00:00+00:00");
    assert_eq!(
        r["billingDetails"],
        json!({"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100})
    );
    assert_eq!(
        r["stateMachineArn"],
        "arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine"
    );
}

#[wasm_bindgen_test]
fn every_exception_is_thrown_with_its_name() {
    let lambda = r#"{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;
    let table = [
        (
            json!({"name": "a".repeat(81)}),
            json!({"definition": PASS}),
            "ValidationException",
        ),
        (
            json!({"stateMachineArn": "nope"}),
            json!({"definition": PASS}),
            "InvalidArn",
        ),
        (
            json!({"name": "a b"}),
            json!({"definition": PASS}),
            "InvalidName",
        ),
        (
            json!({"input": "{"}),
            json!({"definition": PASS}),
            "InvalidExecutionInput",
        ),
        (json!({}), json!({"definition": "{}"}), "InvalidDefinition"),
        (
            json!({"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:X"}),
            json!({"definition": PASS}),
            "StateMachineDoesNotExist",
        ),
        (
            json!({}),
            json!({"definition": PASS, "stateMachineStatus": "DELETING"}),
            "StateMachineDeleting",
        ),
        (
            json!({}),
            json!({"definition": PASS, "type": "STANDARD"}),
            "StateMachineTypeNotSupported",
        ),
        (
            json!({}),
            json!({"definition": lambda, "mockConfig": {"StateMachines": {}}}),
            "InvalidMockConfig",
        ),
        (
            json!({}),
            json!({"definition": PASS, "startTime": "soon"}),
            "InvalidOptions",
        ),
        (
            json!({"input": 5}),
            json!({"definition": PASS}),
            "SerializationException",
        ),
    ];
    for (request, options, name) in table {
        let e = aslplay_wasm::start_sync_execution(js(&request), js(&options)).err();
        let e = e.map(|e| error_json(&e)).unwrap_or(Value::Null);
        assert_eq!(e["__type"], name, "{request} {options}");
    }
    let e = aslplay_wasm::start_sync_execution(
        js(&json!({"name": "a b"})),
        js(&json!({"definition": PASS})),
    );
    assert_eq!(
        e.err().map(|e| error_json(&e)),
        Some(json!({"__type": "InvalidName", "message": "Invalid Name: 'a b'"}))
    );
}

#[wasm_bindgen_test]
fn mocks_seed_and_start_time() {
    let def = r#"{"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload", "End": true}}}"#;
    let options = json!({
        "definition": def,
        "stateMachineName": "M",
        "testCase": "Happy",
        "seed": 5,
        "startTime": "2030-05-01T10:00:00Z",
        "mockConfig": {
            "StateMachines": {"M": {"TestCases": {"Happy": {"L": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"Payload": {"hi": 1}}, "DurationMs": 250}}}
        }
    });
    let r =
        aslplay_wasm::start_sync_execution(js(&json!({})), js(&options)).map(|v| response_json(&v));
    let r = r.unwrap_or(Value::Null);
    assert_eq!(r["output"], "{\"hi\":1}");
    assert_eq!(r["startDate"], "2030-05-01T10:00:00+00:00");
    assert_eq!(r["billingDetails"]["billedDurationInMilliseconds"], 300);
    let again =
        aslplay_wasm::start_sync_execution(js(&json!({})), js(&options)).map(|v| response_json(&v));
    assert_eq!(
        again.map(|a| a["name"].clone()).ok(),
        Some(r["name"].clone()),
        "same seed, same name"
    );
}

#[wasm_bindgen_test]
fn detailed_run_has_history_trace_and_cost() {
    let r = aslplay_wasm::start_sync_execution_detailed(
        JsValue::UNDEFINED,
        js(&json!({"definition": PASS})),
    );
    let r = r.unwrap_or(JsValue::NULL);
    assert!(get(&get(&r, "response"), "startDate").is_instance_of::<js_sys::Date>());
    let history: Value = serde_wasm_bindgen::from_value(get(&r, "history")).unwrap_or(Value::Null);
    assert_eq!(history[0]["type"], "ExecutionStarted");
    let cost: Value = serde_wasm_bindgen::from_value(get(&r, "cost")).unwrap_or(Value::Null);
    assert_eq!(cost["executions"], 1);
    let trace: Value = serde_wasm_bindgen::from_value(get(&r, "trace")).unwrap_or(Value::Null);
    assert_eq!(trace[0]["name"], "P");
}

#[wasm_bindgen_test]
fn validate_definition() {
    let ok = aslplay_wasm::validate_state_machine_definition(js(
        &json!({"definition": PASS, "type": "EXPRESS"}),
    ));
    let ok: Value = ok
        .ok()
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .unwrap_or(Value::Null);
    assert_eq!(ok["result"], "OK");
    let bad = aslplay_wasm::validate_state_machine_definition(js(
        &json!({"definition": "{\"StartAt\": 1}"}),
    ));
    let bad: Value = bad
        .ok()
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .unwrap_or(Value::Null);
    assert_eq!(bad["result"], "FAIL");
}

#[wasm_bindgen_test]
fn registry_class_versions_aliases_and_delete() {
    let sfn = aslplay_wasm::StepFunctions::new(JsValue::UNDEFINED);
    let Ok(mut sfn) = sfn else {
        panic!("constructor failed")
    };
    let created = sfn.create_state_machine(js(
        &json!({"name": "M", "definition": PASS, "publish": true}),
    ));
    let created: Value = created
        .ok()
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .unwrap_or(Value::Null);
    let arn = created["stateMachineArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(created["stateMachineVersionArn"], format!("{arn}:1"));
    assert_eq!(
        sfn.create_state_machine_alias(&arn, "prod", 1).ok(),
        Some(format!("{arn}:prod"))
    );
    let run = sfn.start_sync_execution(
        js(&json!({"stateMachineArn": format!("{arn}:prod")})),
        JsValue::UNDEFINED,
    );
    assert_eq!(
        run.map(|v| response_json(&v)["status"].clone()).ok(),
        Some(json!("SUCCEEDED"))
    );
    assert!(sfn.delete_state_machine(&arn).is_ok());
    let e = sfn
        .start_sync_execution(js(&json!({"stateMachineArn": arn})), JsValue::UNDEFINED)
        .err();
    assert_eq!(
        e.map(|e| error_json(&e)["__type"].clone()),
        Some(json!("StateMachineDeleting"))
    );
    let dup = sfn.create_state_machine(js(&json!({"name": "M", "definition": "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}"}))).err();
    assert_eq!(
        dup.map(|e| error_json(&e)["__type"].clone()),
        Some(json!("StateMachineAlreadyExists"))
    );
}
