//! aslplay-web: the browser playground for Amazon States Language state machines.
//!
//! Layout: [`state`] holds everything the page shows (one reducer), [`engine`] is the only
//! module that checks or runs definitions, [`share`] encodes the page into a link, and
//! `components` renders. `state`, `engine`, `share` and `examples` are plain Rust, unit-tested
//! natively; the components are tested in a browser (tests/web.rs, tests/e2e/).

mod app;
mod autorun;
pub mod bench;
mod components;
pub mod engine;
pub mod examples;
pub mod highlight;
pub mod panic;
pub mod runner;
pub mod settings;
pub mod share;
pub mod state;
mod storage;
pub mod worker;

pub use app::App;

/// Talc instead of Rust's default dlmalloc, for the page and the worker: fewer bytes to
/// download and faster allocation (the interpreter allocates a lot).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Render the playground into `root` (the binary renders into `<body>`).
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}
