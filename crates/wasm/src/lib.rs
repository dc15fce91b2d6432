//! aslplay-wasm: the JavaScript-facing binding of [`aslplay_core`].
//!
//! A façade only: every function converts arguments, calls the core and converts the result
//! back. Shapes and names follow the AWS SDK for JavaScript v3 (`@aws-sdk/client-sfn`):
//! camelCase fields, `Date` objects for dates, and request errors thrown as `Error`s whose
//! `name` is the exception (`InvalidName`, `InvalidArn`, …). A failed execution is a normal
//! response (`status: "FAILED"`), as in AWS.
//!
//! The StartSyncExecution path is the hot one (a playground or a test suite runs it in a
//! loop): its request, options and response convert without serde (`request`, `response`);
//! everything else goes through serde-wasm-bindgen (`js`). In wasm, small allocations are
//! served by per-size free lists in front of dlmalloc (`size_classes`).

mod js;
mod request;
mod response;
// Only the wasm32 build installs it; elsewhere only its tests use it.
#[cfg_attr(
    not(all(target_arch = "wasm32", not(target_feature = "atomics"))),
    allow(dead_code)
)]
mod size_classes;
mod text;

use aslplay_core::api::{
    self, ApiError, CreateStateMachineRequest, Registry, RunOptions, SyncRun, ValidateRequest,
};
use js::{error, from_js, set, to_js};
use request::Request;
use response::response_to_js;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

/// Small allocations from per-size free lists in front of dlmalloc (`size_classes`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: size_classes::Global = size_classes::Global::new();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// The aslplay version this module was built from (the workspace package version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// StartSyncExecution on a state machine created from `options.definition`.
#[wasm_bindgen(js_name = startSyncExecution, unchecked_return_type = "StartSyncExecutionOutput")]
pub fn start_sync_execution(
    #[wasm_bindgen(unchecked_param_type = "StartSyncExecutionInput")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RunOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (run, request) = run(request, options)?;
    response_to_js(&run, &request)
}

/// Like `startSyncExecution`, with the history, per-state trace, memory estimate and cost.
#[wasm_bindgen(js_name = startSyncExecutionDetailed, unchecked_return_type = "SyncRun")]
pub fn start_sync_execution_detailed(
    #[wasm_bindgen(unchecked_param_type = "StartSyncExecutionInput")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RunOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (run, request) = run(request, options)?;
    let value = to_js(&run)?;
    let response = response_to_js(&run, &request)?;
    set(&value, "response", &response)?;
    Ok(value)
}

/// ValidateStateMachineDefinition: `{result, diagnostics, truncated}`.
#[wasm_bindgen(
    js_name = validateStateMachineDefinition,
    unchecked_return_type = "ValidateStateMachineDefinitionOutput"
)]
pub fn validate_state_machine_definition(
    #[wasm_bindgen(unchecked_param_type = "ValidateStateMachineDefinitionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let request: ValidateRequest = from_js(input)?;
    to_js(&api::validate_state_machine_definition(&request))
}

/// An in-memory Step Functions account: create machines, publish versions, run them.
#[wasm_bindgen(js_name = StepFunctions)]
#[derive(Debug)]
pub struct StepFunctions {
    registry: Registry,
}

#[wasm_bindgen(js_class = StepFunctions)]
impl StepFunctions {
    /// A registry for `config.region` / `config.account` (defaults us-east-1, 123456789012).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "{ region?: string; account?: string } | undefined")]
        config: JsValue,
    ) -> Result<StepFunctions, JsValue> {
        let config: RegistryConfig = js::optional_from_js(config)?;
        Ok(StepFunctions {
            registry: Registry::new(
                config
                    .region
                    .as_deref()
                    .unwrap_or(api::registry::DEFAULT_REGION),
                config
                    .account
                    .as_deref()
                    .unwrap_or(api::registry::DEFAULT_ACCOUNT),
            ),
        })
    }

    /// CreateStateMachine: `{stateMachineArn, stateMachineVersionArn?}`.
    #[wasm_bindgen(js_name = createStateMachine, unchecked_return_type = "CreateStateMachineOutput")]
    pub fn create_state_machine(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CreateStateMachineInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: CreateStateMachineRequest = from_js(input)?;
        let created = self
            .registry
            .create_state_machine(&request)
            .map_err(api_error)?;
        to_js(&created)
    }

    /// PublishStateMachineVersion: the new version's ARN.
    #[wasm_bindgen(js_name = publishStateMachineVersion)]
    pub fn publish_state_machine_version(
        &mut self,
        state_machine_arn: &str,
    ) -> Result<String, JsValue> {
        self.registry
            .publish_version(state_machine_arn)
            .map_err(api_error)
    }

    /// CreateStateMachineAlias routing all traffic to `version`: the alias ARN.
    #[wasm_bindgen(js_name = createStateMachineAlias)]
    pub fn create_state_machine_alias(
        &mut self,
        state_machine_arn: &str,
        name: &str,
        version: u32,
    ) -> Result<String, JsValue> {
        self.registry
            .create_alias(state_machine_arn, name, version)
            .map_err(api_error)
    }

    /// DeleteStateMachine: the machine turns DELETING.
    #[wasm_bindgen(js_name = deleteStateMachine)]
    pub fn delete_state_machine(&mut self, state_machine_arn: &str) -> Result<(), JsValue> {
        self.registry
            .delete_state_machine(state_machine_arn)
            .map_err(api_error)
    }

    /// StartSyncExecution; `options` holds seed, startTime, mockConfig, timing.
    #[wasm_bindgen(js_name = startSyncExecution, unchecked_return_type = "StartSyncExecutionOutput")]
    pub fn start_sync_execution(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StartSyncExecutionInput")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SyncOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = request::request(request)?;
        let options = request::sync_options(options)?;
        let run = api::start_sync_execution(&self.registry, &request.request, &options)
            .map_err(api_error)?;
        response_to_js(&run, &request)
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct RegistryConfig {
    region: Option<String>,
    account: Option<String>,
}

fn run(request: JsValue, options: JsValue) -> Result<(SyncRun, Request), JsValue> {
    let request = request::optional_request(request)?;
    let options: RunOptions = from_js(options)?;
    let run = api::run_with_options(&request.request, &options).map_err(api_error)?;
    Ok((run, request))
}

/// A request error as the AWS SDK throws it: `name` is the exception, plus `__type`.
fn api_error(e: ApiError) -> JsValue {
    error(e.code.as_str(), &e.message)
}
