//! Variable scopes (jsonata-js frames).

use crate::value::Value;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

struct Frame {
    vars: RefCell<FxHashMap<String, Value>>,
    parent: Option<Env>,
}

/// A scope: bindings plus a parent scope.
#[derive(Clone)]
pub struct Env(Rc<Frame>);

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Env")
    }
}

impl Env {
    /// A scope with no parent.
    pub fn root() -> Env {
        Env(Rc::new(Frame {
            vars: RefCell::new(FxHashMap::default()),
            parent: None,
        }))
    }
    /// A new scope below this one.
    pub fn child(&self) -> Env {
        Env(Rc::new(Frame {
            vars: RefCell::new(FxHashMap::default()),
            parent: Some(self.clone()),
        }))
    }
    /// Bind `name` (without `$`) in this scope.
    pub fn bind(&self, name: &str, v: Value) {
        self.0.vars.borrow_mut().insert(name.to_string(), v);
    }
    /// Look `name` up through the scope chain.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        let mut cur = Some(self);
        while let Some(e) = cur {
            if let Some(v) = e.0.vars.borrow().get(name) {
                return Some(v.clone());
            }
            cur = e.0.parent.as_ref();
        }
        None
    }
}
