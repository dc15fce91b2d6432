//! Auto-run: the playground re-runs the definition a moment after each edit.
//!
//! Edits are debounced ([`DELAY_MS`]): only the last edit of a burst starts a run. A run starts
//! only when the editors have no errors and no run is in flight; Run and Cancel drop a pending
//! auto-run. The toggle's position is kept in `localStorage` (see docs/performance.md for why
//! it is on by default).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Quiet time after the last edit before the run starts.
pub const DELAY_MS: i32 = 300;
/// Whether auto-run is on for someone who never touched the toggle.
pub const DEFAULT_ON: bool = true;
/// The localStorage key of the toggle ("1" on, "0" off).
const KEY: &str = "aslplay.autorun.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The toggle's saved position, else [`DEFAULT_ON`].
pub fn load() -> bool {
    match storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .as_deref()
    {
        Some("1") => true,
        Some("0") => false,
        _ => DEFAULT_ON,
    }
}

/// Save the toggle's position (silently does nothing without storage).
pub fn save(on: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, if on { "1" } else { "0" });
    }
}

/// One pending call, replaced by the next [`Debounce::schedule`].
#[derive(Default)]
pub struct Debounce {
    pending: Option<(i32, Closure<dyn FnMut()>)>,
}

impl Debounce {
    /// Call `f` after `ms` milliseconds unless scheduled again or cancelled before.
    pub fn schedule(&mut self, ms: i32, f: impl FnOnce() + 'static) {
        self.cancel();
        let Some(window) = web_sys::window() else {
            return;
        };
        let closure = Closure::<dyn FnMut()>::once(f);
        if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            closure.as_ref().unchecked_ref(),
            ms,
        ) {
            self.pending = Some((id, closure));
        }
    }

    /// Drop the pending call, if any.
    pub fn cancel(&mut self) {
        if let (Some((id, _)), Some(window)) = (self.pending.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}
