//! The JavaScript-facing API, exercised in headless Chromium (`scripts/test wasm-test`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_workspace_version() {
    assert_eq!(aslplay_wasm::version(), "0.1.0");
}
