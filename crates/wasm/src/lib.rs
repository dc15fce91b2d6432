//! aslplay-wasm: the JavaScript-facing binding of [`aslplay_core`].
//!
//! A façade only: every function converts its arguments, calls the core and converts the
//! result back. Arguments are plain objects with AWS's camelCase field names (`undefined`
//! means all defaults); results are plain JSON-compatible objects. Invalid definitions and
//! refused requests come back as data, the way the AWS API returns them; a thrown error means
//! the binding itself was misused (an argument of the wrong shape).

use aslplay_core::api::{
    run_definition, validate_state_machine_definition, MachineSpec, StartSyncExecutionRequest,
    SyncOptions, ValidateRequest,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::{wasm_bindgen, JsError, JsValue};

/// The aslplay version this module was built from (the workspace package version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// ValidateStateMachineDefinition: `request` is `{definition, type?}` (`type` is `STANDARD`,
/// AWS's default, or `EXPRESS`); returns `{result, diagnostics, truncated}`, each diagnostic
/// with AWS's `severity`, `code`, `message`, `location` plus a source `span` and `help`.
#[wasm_bindgen(js_name = validateStateMachineDefinition)]
pub fn validate(request: JsValue) -> Result<JsValue, JsError> {
    let request: ValidateRequest = from_js(request, "request")?;
    to_js(&validate_state_machine_definition(&request))
}

/// StartSyncExecution on a state machine created from `machine` (`{definition, name?, type?,
/// region?, account?, roleArn?, testCase?}`), with `request` (`{input?, name?, traceHeader?,
/// includedData?}`) and `options` (`{seed?, startTime?, mockConfig?, transitionUs?,
/// defaultTaskMs?, recordHistory?, recordTrace?}`).
///
/// Returns `{run: {response, history, historyTruncated, trace, transitions, memory, cost}}`,
/// or `{error: {__type, message}}` when AWS would refuse the request (an invalid definition
/// is `InvalidDefinition`, a malformed input `InvalidExecutionInput`).
#[wasm_bindgen(js_name = startSyncExecution)]
pub fn start_sync_execution(
    machine: JsValue,
    request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let machine: MachineSpec = from_js(machine, "machine")?;
    let request: StartSyncExecutionRequest = from_js(request, "request")?;
    let options: SyncOptions = from_js(options, "options")?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Answer<R, E> {
        Run(R),
        Error(E),
    }
    match run_definition(&machine, &request, &options) {
        Ok(run) => to_js(&Answer::<_, ()>::Run(run)),
        Err(err) => to_js(&Answer::<(), _>::Error(err.to_json())),
    }
}

/// An argument as `T`; `undefined` and `null` give `T::default()`.
fn from_js<T: DeserializeOwned + Default>(value: JsValue, name: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|err| JsError::new(&format!("aslplay: invalid `{name}` argument: {err}")))
}

/// A result as a plain JSON-compatible object (maps become objects, not `Map`s).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|err| JsError::new(&format!("aslplay: cannot convert the result: {err}")))
}
