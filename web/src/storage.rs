//! Autosave: the work is kept in `localStorage` under one key, as JSON.

use crate::state::Work;

/// The localStorage key.
pub const KEY: &str = "aslplay.work.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved work, if there is any that still reads.
pub fn load() -> Option<Work> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Save the work (silently does nothing where storage is unavailable or full).
pub fn save(work: &Work) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(work)) {
        let _ = s.set_item(KEY, &text);
    }
}
