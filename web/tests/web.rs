//! The playground mounted in headless Chromium (`scripts/test wasm-test`): typing into the
//! definition editor updates the located diagnostics.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into. Queries stay inside it: the test harness page has an
/// element with id "output" of its own.
fn mount_root() -> Element {
    // The test page has no execution worker: run on the page's thread instead.
    aslplay_web::runner::run_locally_without_worker(aslplay_web::worker::handle);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element with data-testid {id}"))
}

/// Set a textarea's value and fire `input` as typing would.
fn type_into(root: &Element, id: &str, text: &str) {
    let textarea: HtmlTextAreaElement = by_testid(root, id).dyn_into().expect("textarea");
    textarea.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("event");
    textarea.dispatch_event(&event).expect("dispatch");
}

/// Wait `ms` milliseconds (lets the browser deliver worker events).
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Wait until the editors' debounced check has run, and render.
async fn checked() {
    yew::scheduler::flush().await;
    sleep_ms(aslplay_web::state::CHECK_DELAY_MS + 50).await;
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn typing_invalid_json_shows_a_located_diagnostic() {
    let root = mount_root();
    let app = aslplay_web::mount(root.clone());
    yew::scheduler::flush().await;

    let diagnostics = by_testid(&root, "diagnostics");
    assert_eq!(
        diagnostics.children().length(),
        0,
        "the first example is valid"
    );
    let definition: HtmlTextAreaElement = by_testid(&root, "definition-editor").dyn_into().unwrap();
    assert!(definition.value().contains("\"StartAt\": \"HelloWorld\""));

    type_into(
        &root,
        "definition-editor",
        "{\n  \"StartAt\": \"A\",\n  \"States\": <b>x</b>\n}",
    );
    checked().await;

    let diagnostics = by_testid(&root, "diagnostics");
    assert_eq!(diagnostics.children().length(), 1);
    let text = diagnostics.text_content().unwrap_or_default();
    assert!(text.contains("definition 3:13"), "{text}");
    assert!(text.contains("INVALID_JSON_DESCRIPTION"), "{text}");
    // The snippet shows the source line as text, never as markup.
    assert!(text.contains("\"States\": <b>x</b>"), "{text}");
    assert!(diagnostics.query_selector("b").unwrap().is_none());

    // Back to a valid definition: Run executes it.
    type_into(
        &root,
        "definition-editor",
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    );
    checked().await;
    assert_eq!(by_testid(&root, "diagnostics").children().length(), 0);
    let run: web_sys::HtmlElement = by_testid(&root, "run-button").dyn_into().unwrap();
    run.click();
    // The run goes to a worker; the test page has none, so once the worker fails to load
    // the run happens on the page's thread (installed by `mount_root`). Wait for the status.
    let mut status = String::new();
    for _ in 0..100 {
        yew::scheduler::flush().await;
        status = by_testid(&root, "status")
            .text_content()
            .unwrap_or_default();
        if !status.is_empty() {
            break;
        }
        sleep_ms(50).await;
    }
    assert_eq!(status, "SUCCEEDED");
    let output = by_testid(&root, "output")
        .text_content()
        .unwrap_or_default();
    assert_eq!(output, "{\n  \"name\": \"aslplay\"\n}");
    assert_eq!(by_testid(&root, "history").children().length(), 4);

    app.destroy();
    root.remove();
}
