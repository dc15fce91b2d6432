//! aslplay-wasm: the JavaScript-facing binding of [`aslplay_core`].
//!
//! A façade only: every function converts arguments, calls the core and converts the result
//! back. Invalid definitions and failed executions come back as data, the way the AWS API
//! returns them; a thrown `JsError` means the binding itself was misused.

use wasm_bindgen::prelude::wasm_bindgen;

/// The aslplay version this module was built from (the workspace package version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
