//! The page survives a panic: the hook logs it to the console and shows an error panel above
//! the (untouched) editors, so the user can copy their definition and input before reloading.
//! The panel is built with `textContent` only: the panic message is never parsed as HTML.

use std::sync::Once;

/// The panel's element id (tests look for it).
pub const PANEL_ID: &str = "panic-panel";

/// Installs the hook once; later calls do nothing.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Through Yew: `Renderer::render` replaces a plain `std::panic::set_hook` hook with
        // its own console-only one unless the hook was set this way.
        yew::set_custom_panic_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_panel(&info.to_string());
        }));
    });
}

/// Shows (or updates) the error panel with `message`.
pub fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let panel = match document.get_element_by_id(PANEL_ID) {
        Some(p) => p,
        None => {
            let Ok(p) = document.create_element("div") else {
                return;
            };
            p.set_id(PANEL_ID);
            let _ = p.set_attribute("role", "alert");
            let _ = p.set_attribute("data-testid", PANEL_ID);
            let _ = p.set_attribute("class", "panic-panel");
            let _ = body.prepend_with_node_1(&p);
            p
        }
    };
    panel.set_text_content(Some(&format!(
        "aslplay stopped working because of an internal error (a bug — please report it). \
         Your definition and input are still in the editors below: copy them, then reload \
         the page.\n\n{message}"
    )));
}

/// With `#panic-selftest` as the URL fragment, panics once the page has rendered, so the
/// browser tests can check that the panel appears and the editors keep their text.
pub fn self_test_if_requested() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast as _;
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().hash().ok().as_deref() != Some("#panic-selftest") {
        return;
    }
    let boom = Closure::once_into_js(self_test_panic);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 100);
}

#[allow(clippy::panic, reason = "the deliberate panic of the self-test")]
fn self_test_panic() {
    panic!("panic self-test (#panic-selftest)");
}
