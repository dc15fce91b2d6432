//! Workflow variables (`Assign`) and their scopes.
//!
//! A Parallel branch or inline Map iteration reads the variables of the scopes around it and
//! assigns only in its own scope, so siblings never see each other's values. A distributed Map
//! iteration starts from an empty scope stack.

use indexmap::IndexMap;
use serde_json::Value;

/// A stack of variable scopes, innermost last.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    frames: Vec<IndexMap<String, Value>>,
}

impl Vars {
    /// An empty variable store with one (top-level) scope.
    pub fn new() -> Self {
        Self {
            frames: vec![IndexMap::new()],
        }
    }

    /// The value of `name`, looked up from the innermost scope outward.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.frames.iter().rev().find_map(|f| f.get(name))
    }

    /// Sets `name` in the innermost scope.
    pub fn set(&mut self, name: String, value: Value) {
        if self.frames.is_empty() {
            self.frames.push(IndexMap::new());
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.insert(name, value);
        }
    }

    /// Opens a nested scope (a Parallel branch or Map iteration).
    pub fn push_scope(&mut self) {
        self.frames.push(IndexMap::new());
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
            for (k, v) in frame {
                all.insert(k.clone(), v.clone());
            }
        }
        Value::Object(all)
    }

    /// Whether no variable is set.
    pub fn is_empty(&self) -> bool {
        self.frames.iter().all(|f| f.is_empty())
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
