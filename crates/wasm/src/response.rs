//! The StartSyncExecution response as a JS object, built in one call.
//!
//! A small JS function makes the object from the response's fields (one object literal, so
//! V8 gives every response the same shape), instead of a serde-wasm-bindgen serialization
//! with a property set per field and the dates formatted as text only to be replaced by
//! `Date`s. The short string fields cross as one text, decoded once and sliced in JS.
//! Field names, order and omissions are those of the serde form
//! (`StartSyncExecutionResponse`); the tests compare the two.

use crate::js::serialization_error;
use crate::request::Request;
use aslplay_core::api::{StartSyncExecutionResponse, SyncRun};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(inline_js = r#"
export function syncResponse(text, arnLen, machineLen, nameLen, statusLen, errorLen, causeLen,
    traceLen, startMs, stopMs, input, inputIncluded, output, outputDetails, outputIncluded,
    billedMemoryUsedInMB, billedDurationInMilliseconds) {
  let at = 0;
  const next = (n) => {
    if (n < 0) return undefined;
    const s = text.slice(at, at + n);
    at += n;
    return s;
  };
  const r = {
    executionArn: next(arnLen), stateMachineArn: next(machineLen), name: next(nameLen),
    startDate: new Date(startMs), stopDate: new Date(stopMs), status: next(statusLen),
  };
  const error = next(errorLen), cause = next(causeLen), traceHeader = next(traceLen);
  if (error !== undefined) r.error = error;
  if (cause !== undefined) r.cause = cause;
  if (input !== undefined) r.input = input;
  r.inputDetails = { included: inputIncluded };
  if (output !== undefined) r.output = output;
  if (outputDetails) r.outputDetails = { included: outputIncluded };
  if (traceHeader !== undefined) r.traceHeader = traceHeader;
  r.billingDetails = { billedMemoryUsedInMB, billedDurationInMilliseconds };
  return r;
}
"#)]
extern "C" {
    /// `text` holds the short string fields one after another; each length (in UTF-16 units,
    /// as JS slices) says where one ends, -1 for a field that is absent.
    #[wasm_bindgen(js_name = syncResponse)]
    #[allow(clippy::too_many_arguments)]
    fn sync_response(
        text: &str,
        execution_arn_len: i32,
        state_machine_arn_len: i32,
        name_len: i32,
        status_len: i32,
        error_len: i32,
        cause_len: i32,
        trace_header_len: i32,
        start_ms: f64,
        stop_ms: f64,
        input: &JsValue,
        input_included: bool,
        output: Option<&str>,
        output_details: bool,
        output_included: bool,
        billed_memory_used_in_mb: f64,
        billed_duration_in_milliseconds: f64,
    ) -> JsValue;
}

/// The short string fields of a response in one text, decoded by one call on the JS side
/// (each `TextDecoder` call has a fixed cost larger than decoding a short string).
#[derive(Default)]
struct Texts {
    text: String,
}

impl Texts {
    /// Appends `s`; its length in UTF-16 units, or -1 for `None`.
    fn push(&mut self, s: Option<&str>) -> i32 {
        let Some(s) = s else {
            return -1;
        };
        self.text.push_str(s);
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        i32::try_from(units).unwrap_or(i32::MAX)
    }
}

/// The response with `startDate` / `stopDate` as JS `Date`s, as the AWS SDK returns them.
///
/// When the response echoes the request's input text and that text came unchanged from a JS
/// string (no lone surrogate was replaced by U+FFFD on the way into Rust), the response's
/// `input` is that same JS string: a large input is not copied back out of wasm memory.
pub(crate) fn response_to_js(run: &SyncRun, request: &Request) -> Result<JsValue, JsValue> {
    let r: &StartSyncExecutionResponse = &run.response;
    let input = match (&r.input, &request.input_js) {
        (None, _) => JsValue::UNDEFINED,
        // The core echoes the request's input text as it came (`api::sync`): equal lengths
        // confirm it without comparing the text.
        (Some(text), Some(js))
            if request.request.input.as_ref().map(String::len) == Some(text.len())
                // U+FFFD is EF BF BD: most texts have no 0xEF byte (a fast byte search).
                && !(text.as_bytes().contains(&0xEF) && text.contains(char::REPLACEMENT_CHARACTER)) =>
        {
            js.clone()
        }
        (Some(text), _) => JsValue::from_str(text),
    };
    let details = r.output_details;
    let mut texts = Texts::default();
    let lengths = [
        texts.push(Some(&r.execution_arn)),
        texts.push(Some(&r.state_machine_arn)),
        texts.push(Some(&r.name)),
        texts.push(Some(r.status.as_str())),
        texts.push(r.error.as_deref()),
        texts.push(r.cause.as_deref()),
        texts.push(r.trace_header.as_deref()),
    ];
    Ok(sync_response(
        &texts.text,
        lengths[0],
        lengths[1],
        lengths[2],
        lengths[3],
        lengths[4],
        lengths[5],
        lengths[6],
        r.start_date.0 as f64,
        r.stop_date.0 as f64,
        &input,
        r.input_details.included,
        r.output.as_deref(),
        details.is_some(),
        details.is_some_and(|d| d.included),
        js_number(r.billing_details.billed_memory_used_in_mb)?,
        js_number(r.billing_details.billed_duration_in_milliseconds)?,
    ))
}

/// A `u64` as a JS number; like serde-wasm-bindgen, an error past 2^53 - 1.
fn js_number(v: u64) -> Result<f64, JsValue> {
    const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
    if v <= MAX_SAFE_INTEGER {
        Ok(v as f64)
    } else {
        Err(serialization_error(&format!(
            "{v} can't be represented as a JavaScript number"
        )))
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::js::to_js;
    use aslplay_core::api::{self, CreateStateMachineRequest, Registry, SyncOptions};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    const MACHINES: [(&str, &str); 4] = [
        (
            "Pass",
            r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
        ),
        (
            "Fail",
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}"#,
        ),
        (
            "Fäil😀",
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "É😀", "Cause": "ç\u0000"}}}"#,
        ),
        (
            "Slow",
            r#"{"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}"#,
        ),
    ];

    fn eval(expr: &str) -> JsValue {
        match js_sys::eval(&format!("({expr})")) {
            Ok(v) => v,
            Err(e) => panic!("{expr}: {e:?}"),
        }
    }

    fn get(v: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// JSON text of `v` with its dates as epoch milliseconds (key order kept).
    fn json_with_dates_as_ms(v: &JsValue, dates: [f64; 2]) -> String {
        for (key, ms) in ["startDate", "stopDate"].into_iter().zip(dates) {
            let _ = js_sys::Reflect::set(v, &JsValue::from_str(key), &JsValue::from_f64(ms));
        }
        js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }

    /// The direct response has the serde form's fields, in its order, with `Date`s.
    #[wasm_bindgen_test]
    fn response_matches_the_serde_form() {
        let mut registry = Registry::default();
        for (name, definition) in MACHINES {
            let created = registry.create_state_machine(&CreateStateMachineRequest {
                name: name.into(),
                definition: definition.into(),
                ..Default::default()
            });
            assert!(created.is_ok(), "{created:?}");
        }
        let arn = |m: &str| format!("\"arn:aws:states:us-east-1:123456789012:stateMachine:{m}\"");
        let requests = [
            format!(
                r#"{{stateMachineArn: {}, input: "{{\"a\": [1, \"é\"]}}"}}"#,
                arn("Pass")
            ),
            format!("{{stateMachineArn: {}}}", arn("Pass")),
            format!(
                r#"{{stateMachineArn: {}, name: "n", traceHeader: "t", includedData: "METADATA_ONLY"}}"#,
                arn("Pass")
            ),
            format!(r#"{{stateMachineArn: {}, input: "[1]"}}"#, arn("Fail")),
            format!("{{stateMachineArn: {}}}", arn("Slow")),
            format!(
                r#"{{stateMachineArn: {}, name: "日ü", traceHeader: "x\u0001"}}"#,
                arn("Fäil😀")
            ),
            // A lone surrogate becomes U+FFFD on the way into Rust, and so in the echo.
            format!(
                r#"{{stateMachineArn: {}, input: "\"\uD800\""}}"#,
                arn("Pass")
            ),
        ];
        let mut statuses = Vec::new();
        for expr in &requests {
            let request = crate::request::request(eval(expr));
            let Ok(request) = request else {
                panic!("{expr}")
            };
            let run =
                api::start_sync_execution(&registry, &request.request, &SyncOptions::default());
            let Ok(run) = run else {
                panic!("{expr}: {run:?}")
            };
            let fast = response_to_js(&run, &request).unwrap_or(JsValue::NULL);
            let mut dates = [0.0; 2];
            for (i, key) in ["startDate", "stopDate"].into_iter().enumerate() {
                let date = get(&fast, key).dyn_into::<js_sys::Date>();
                let Ok(date) = date else {
                    panic!("{expr}: {key} is not a Date")
                };
                dates[i] = date.get_time();
            }
            assert_eq!(
                dates,
                [
                    run.response.start_date.0 as f64,
                    run.response.stop_date.0 as f64
                ]
            );
            let serde = to_js(&run.response).unwrap_or(JsValue::NULL);
            assert_eq!(
                json_with_dates_as_ms(&fast, dates),
                json_with_dates_as_ms(&serde, dates),
                "{expr}"
            );
            statuses.push(run.response.status.as_str());
        }
        assert_eq!(
            statuses,
            [
                "SUCCEEDED",
                "SUCCEEDED",
                "SUCCEEDED",
                "FAILED",
                "TIMED_OUT",
                "FAILED",
                "SUCCEEDED"
            ]
        );
    }

    #[wasm_bindgen_test]
    fn numbers_past_2_pow_53_are_an_error() {
        assert_eq!(js_number((1 << 53) - 1).ok(), Some(9_007_199_254_740_991.0));
        let e = js_number(1 << 53).err().unwrap_or(JsValue::NULL);
        assert_eq!(
            get(&e, "message").as_string().as_deref(),
            Some("9007199254740992 can't be represented as a JavaScript number")
        );
    }
}
