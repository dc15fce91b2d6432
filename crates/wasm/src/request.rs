//! Reading a StartSyncExecution request and its options from JS without serde.
//!
//! serde-wasm-bindgen reads a struct field by field through a cached key string, an `in` check
//! per missing field and a deserializer per value; for the few flat fields of a request that
//! was a measurable part of a short run (docs/performance.md). Here each field is one property
//! read through a typed getter. The answer is always what serde-wasm-bindgen would give: a
//! field of the expected type (or `undefined` / `null` for an optional one) is taken directly,
//! and anything else — a number where a string belongs, a BigInt seed, a mock configuration,
//! a field present but `undefined` where a value is required — sends the whole object through
//! serde-wasm-bindgen, so its result and its error messages are unchanged.

use crate::js::from_js;
use aslplay_core::api::{StartSyncExecutionRequest, SyncOptions};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// A request or options object, read through plain property access (as serde-wasm-bindgen
    /// reads a struct: own or inherited properties and getters alike).
    type Fields;

    #[wasm_bindgen(method, getter, structural, js_name = stateMachineArn)]
    fn state_machine_arn(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn name(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn input(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = traceHeader)]
    fn trace_header(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = includedData)]
    fn included_data(this: &Fields) -> JsValue;

    #[wasm_bindgen(method, getter, structural)]
    fn seed(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = startTime)]
    fn start_time(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = mockConfig)]
    fn mock_config(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = transitionUs)]
    fn transition_us(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = defaultTaskMs)]
    fn default_task_ms(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = recordHistory)]
    fn record_history(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = recordTrace)]
    fn record_trace(this: &Fields) -> JsValue;
    #[wasm_bindgen(method, getter, structural, js_name = maxTransitions)]
    fn max_transitions(this: &Fields) -> JsValue;
}

/// A request as read, with the JS string its `input` came from.
pub(crate) struct Request {
    /// The request, as serde-wasm-bindgen would have read it.
    pub request: StartSyncExecutionRequest,
    /// The JS string `request.input` was read from, when read directly (not via serde).
    pub input_js: Option<JsValue>,
}

/// Marks a field the direct reading does not handle: the caller falls back to serde.
struct Unusual;

/// A `StartSyncExecutionInput` object.
pub(crate) fn request(value: JsValue) -> Result<Request, JsValue> {
    if value.is_object() {
        if let Ok(read) = read_request(value.unchecked_ref()) {
            return Ok(read);
        }
    }
    Ok(Request {
        request: from_js(value)?,
        input_js: None,
    })
}

/// Like [`request`], with `undefined` and `null` read as the empty request.
pub(crate) fn optional_request(value: JsValue) -> Result<Request, JsValue> {
    if value.is_null_or_undefined() {
        return Ok(Request {
            request: StartSyncExecutionRequest::default(),
            input_js: None,
        });
    }
    request(value)
}

/// `SyncOptions`; `undefined` and `null` are the defaults.
pub(crate) fn sync_options(value: JsValue) -> Result<SyncOptions, JsValue> {
    if value.is_null_or_undefined() {
        return Ok(SyncOptions::default());
    }
    if value.is_object() {
        if let Ok(options) = read_sync_options(value.unchecked_ref()) {
            return Ok(options);
        }
    }
    from_js(value)
}

fn read_request(f: &Fields) -> Result<Request, Unusual> {
    let state_machine_arn = optional_string(&f.state_machine_arn())?;
    let name = optional_string(&f.name())?;
    let input_js = f.input();
    let input = match crate::text::string_from_js(&input_js) {
        Some(text) => Some(text),
        None => optional_string(&input_js)?,
    };
    Ok(Request {
        input_js: input.is_some().then_some(input_js),
        request: StartSyncExecutionRequest {
            state_machine_arn,
            name,
            input,
            trace_header: optional_string(&f.trace_header())?,
            included_data: optional_string(&f.included_data())?,
        },
    })
}

fn read_sync_options(f: &Fields) -> Result<SyncOptions, Unusual> {
    let defaults = SyncOptions::default();
    let mock_config = f.mock_config();
    if !mock_config.is_null_or_undefined() {
        return Err(Unusual);
    }
    Ok(SyncOptions {
        seed: required(f, "seed", f.seed(), unsigned)?.unwrap_or(defaults.seed),
        start_time: optional_string(&f.start_time())?,
        mock_config: None,
        transition_us: optional(&f.transition_us(), unsigned)?,
        default_task_ms: optional(&f.default_task_ms(), unsigned)?,
        record_history: required(f, "recordHistory", f.record_history(), JsValue::as_bool)?
            .unwrap_or(defaults.record_history),
        record_trace: required(f, "recordTrace", f.record_trace(), JsValue::as_bool)?
            .unwrap_or(defaults.record_trace),
        max_transitions: optional(&f.max_transitions(), unsigned)?,
    })
}

/// An `Option<String>` field: `undefined` / `null` are `None`.
fn optional_string(v: &JsValue) -> Result<Option<String>, Unusual> {
    match v.as_string() {
        Some(s) => Ok(Some(s)),
        None => optional(v, |_| None::<String>),
    }
}

/// An `Option<T>` field: `undefined` / `null` are `None`, else `read` must accept the value.
fn optional<T>(v: &JsValue, read: impl Fn(&JsValue) -> Option<T>) -> Result<Option<T>, Unusual> {
    if v.is_null_or_undefined() {
        Ok(None)
    } else {
        read(v).map(Some).ok_or(Unusual)
    }
}

/// A field with a default: `None` when the property is absent (a present `undefined` is a
/// type error for serde, so it is unusual, as is any value `read` does not accept).
fn required<T>(
    f: &Fields,
    key: &str,
    v: JsValue,
    read: impl Fn(&JsValue) -> Option<T>,
) -> Result<Option<T>, Unusual> {
    if v.is_undefined() {
        match js_sys::Reflect::has(f, &JsValue::from_str(key)) {
            Ok(false) => Ok(None),
            _ => Err(Unusual),
        }
    } else {
        read(&v).map(Some).ok_or(Unusual)
    }
}

/// A `u64` as serde-wasm-bindgen reads one from a Number: a safe integer, not negative.
fn unsigned(v: &JsValue) -> Option<u64> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    let n = v.as_f64()?;
    // `n as u64` is exact here: an integer in 0..=2^53-1 (NaN fails the comparisons).
    (n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n)).then_some(n as u64)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::js::optional_from_js;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn eval(expr: &str) -> JsValue {
        match js_sys::eval(&format!("({expr})")) {
            Ok(v) => v,
            Err(e) => panic!("{expr}: {e:?}"),
        }
    }

    /// An error as `name: message`, to compare thrown errors.
    fn describe(e: &JsValue) -> String {
        let get = |k: &str| {
            js_sys::Reflect::get(e, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        format!("{}: {}", get("name"), get("message"))
    }

    /// Every request reads as serde-wasm-bindgen reads it (same value, same error).
    #[wasm_bindgen_test]
    fn requests_read_as_serde_reads_them() {
        let table = [
            r#"{stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:M", input: "{}"}"#,
            "{}",
            r#"{name: "n", input: "[1]", traceHeader: "t", includedData: "METADATA_ONLY"}"#,
            "{name: undefined, input: null, traceHeader: undefined, includedData: null}",
            r#"{stateMachineArn: "a", unknownField: 1}"#,
            r#"Object.create({name: "inherited"})"#,
            r#"{get input() { return "{\"a\": 1}"; }}"#,
            r#"new Map([["name", "m"]])"#,
            "[]",
            "{name: 5}",
            r#"{stateMachineArn: "a", input: {a: 1}}"#,
            "{traceHeader: true}",
            "{includedData: 1n}",
            r#""text""#,
            "5",
            "null",
            "undefined",
            "function () {}",
        ];
        for expr in table {
            let fast = request(eval(expr)).map(|r| r.request);
            let serde = from_js::<StartSyncExecutionRequest>(eval(expr));
            assert_reads_alike(expr, fast, serde);
        }
    }

    /// The direct reader and serde-wasm-bindgen gave the same value, or the same error.
    fn assert_reads_alike<T: PartialEq + std::fmt::Debug>(
        expr: &str,
        fast: Result<T, JsValue>,
        serde: Result<T, JsValue>,
    ) {
        match (fast, serde) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{expr}"),
            (Err(a), Err(b)) => assert_eq!(describe(&a), describe(&b), "{expr}"),
            (a, b) => panic!("{expr}: {:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }

    /// Every options object reads as serde-wasm-bindgen reads it (same value, same error).
    #[wasm_bindgen_test]
    fn options_read_as_serde_reads_them() {
        let table = [
            "undefined",
            "null",
            "{}",
            "{recordHistory: false, recordTrace: false}",
            "{seed: 7}",
            "{seed: 7n}",
            "{seed: -0}",
            "{seed: -1}",
            "{seed: 1.5}",
            "{seed: 2 ** 53 - 1}",
            "{seed: 2 ** 53}",
            r#"{seed: "7"}"#,
            "{seed: undefined}",
            "{seed: null}",
            "{recordHistory: undefined}",
            "{recordHistory: null}",
            "{recordTrace: 0}",
            r#"{startTime: "2030-01-01T00:00:00Z", transitionUs: 5, defaultTaskMs: null, maxTransitions: 10}"#,
            "{transitionUs: undefined, defaultTaskMs: 0, maxTransitions: NaN}",
            "{maxTransitions: Infinity}",
            "{startTime: 5}",
            "{mockConfig: null}",
            "{mockConfig: {StateMachines: {}}}",
            "{mockConfig: {StateMachines: {}}, seed: -1}",
            "Object.create({recordTrace: false})",
            "Object.create({seed: undefined})",
            r#""text""#,
            "[]",
        ];
        for expr in table {
            let fast = sync_options(eval(expr));
            let serde = optional_from_js::<SyncOptions>(eval(expr));
            assert_reads_alike(expr, fast, serde);
        }
    }

    /// The usual shapes take the direct path (not the serde fallback).
    #[wasm_bindgen_test]
    fn usual_shapes_are_read_directly() {
        for expr in [
            r#"{stateMachineArn: "a", input: "{}"}"#,
            r#"{stateMachineArn: "a", name: "n", input: null, traceHeader: "t", includedData: "ALL_DATA"}"#,
        ] {
            let v = eval(expr);
            let read = read_request(v.unchecked_ref());
            assert!(read.is_ok(), "{expr}");
        }
        let read = read_request(eval(r#"{input: "[1]"}"#).unchecked_ref());
        assert_eq!(
            read.ok()
                .and_then(|r| r.input_js)
                .and_then(|v| v.as_string()),
            Some("[1]".to_string())
        );
        for expr in [
            "{}",
            "{recordHistory: false, recordTrace: false}",
            r#"{seed: 3, startTime: "2030-01-01T00:00:00Z", transitionUs: 1, defaultTaskMs: 2, maxTransitions: 3, recordHistory: true, recordTrace: true}"#,
        ] {
            let v = eval(expr);
            assert!(read_sync_options(v.unchecked_ref()).is_ok(), "{expr}");
        }
    }
}
