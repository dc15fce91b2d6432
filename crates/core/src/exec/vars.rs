//! Workflow variables (`Assign`) and their scopes.
//!
//! A Parallel branch or inline Map iteration reads the variables of the scopes around it and
//! assigns only in its own scope, so siblings never see each other's values. A distributed Map
//! iteration starts from an empty scope stack.

use indexmap::IndexMap;
use serde_json::Value;

/// The most a single variable may hold, in bytes of its JSON text (AWS: 256 KiB).
pub const MAX_VARIABLE_BYTES: usize = 262_144;
/// The most one `Assign` field may assign in total, in bytes (AWS: 256 KiB).
pub const MAX_ASSIGN_BYTES: usize = 262_144;
/// The most all stored variables of an execution may hold together, in bytes (AWS: 10 MiB).
pub const MAX_TOTAL_VARIABLE_BYTES: usize = 10 * 1024 * 1024;

/// One scope: values and their JSON sizes.
#[derive(Clone, Debug, Default)]
struct Frame {
    values: IndexMap<String, Value>,
    sizes: IndexMap<String, usize>,
    bytes: usize,
}

/// A stack of variable scopes, innermost last.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    frames: Vec<Frame>,
}

impl Vars {
    /// An empty variable store with one (top-level) scope.
    pub fn new() -> Self {
        Self {
            frames: vec![Frame::default()],
        }
    }

    /// The value of `name`, looked up from the innermost scope outward.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.frames.iter().rev().find_map(|f| f.values.get(name))
    }

    /// Sets `name` in the innermost scope.
    pub fn set(&mut self, name: String, value: Value) {
        let size = super::engine::json_size(&value);
        self.set_sized(name, value, size);
    }

    /// Sets `name` in the innermost scope, its JSON size already known.
    pub fn set_sized(&mut self, name: String, value: Value, size: usize) {
        if self.frames.is_empty() {
            self.frames.push(Frame::default());
        }
        if let Some(frame) = self.frames.last_mut() {
            let old = frame.sizes.insert(name.clone(), size).unwrap_or(0);
            frame.bytes = frame.bytes.saturating_sub(old).saturating_add(size);
            frame.values.insert(name, value);
        }
    }

    /// Bytes all visible scopes hold.
    pub fn total_bytes(&self) -> usize {
        self.frames.iter().map(|f| f.bytes).sum()
    }

    /// Bytes `name` holds in the innermost scope (what a new assignment replaces).
    pub fn innermost_bytes(&self, name: &str) -> usize {
        self.frames
            .last()
            .and_then(|f| f.sizes.get(name))
            .copied()
            .unwrap_or(0)
    }

    /// Opens a nested scope (a Parallel branch or Map iteration).
    pub fn push_scope(&mut self) {
        self.frames.push(Frame::default());
    }

    /// Closes the innermost scope, dropping its variables.
    pub fn pop_scope(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// Every visible variable, inner scopes shadowing outer ones (for the inspector).
    pub fn snapshot(&self) -> Value {
        let mut all = serde_json::Map::new();
        for frame in &self.frames {
            for (k, v) in &frame.values {
                all.insert(k.clone(), v.clone());
            }
        }
        Value::Object(all)
    }

    /// Whether no variable is set.
    pub fn is_empty(&self) -> bool {
        self.frames.iter().all(|f| f.values.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inner_scopes_read_outer_and_do_not_leak() {
        let mut vars = Vars::new();
        vars.set("a".into(), json!(1));
        vars.push_scope();
        assert_eq!(vars.get("a"), Some(&json!(1)));
        vars.set("b".into(), json!(2));
        vars.pop_scope();
        assert_eq!(vars.get("b"), None);
        assert_eq!(vars.snapshot(), json!({"a": 1}));
    }
}
