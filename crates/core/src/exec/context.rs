//! The context object (`$$` in JSONPath, `$states.context` in JSONata), built lazily.

use serde_json::{json, Value};
use std::cell::OnceCell;
use std::rc::Rc;

/// The current Map item (`$$.Map.Item`), visible while an `ItemSelector` is evaluated.
#[derive(Clone, Debug, PartialEq)]
pub struct MapItem {
    /// `Index`.
    pub index: usize,
    /// `Value`.
    pub value: Value,
}

/// Facts the context object is made of, and a cache of its JSON form.
///
/// Cloning is cheap (Map saves and restores it per iteration): the execution input and the
/// cached JSON are shared.
#[derive(Clone, Debug)]
pub struct ContextData {
    execution: Rc<ExecutionPart>,
    state_name: String,
    entered_ms: i64,
    retry_count: u32,
    retryable: bool,
    map_item: Option<MapItem>,
    cache: OnceCell<Rc<Value>>,
}

/// The parts that stay the same for a whole execution.
#[derive(Debug)]
struct ExecutionPart {
    execution_id: String,
    execution_name: String,
    execution_input: Value,
    start_time: String,
    role_arn: String,
    state_machine_id: String,
    state_machine_name: String,
    region: String,
}

/// What the context object says about the execution.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExecutionFacts {
    /// `$$.Execution.Id` (the execution ARN).
    pub execution_arn: String,
    /// `$$.Execution.Name`.
    pub name: String,
    /// `$$.Execution.Input`.
    pub input: Value,
    /// `$$.Execution.StartTime` in ms since the epoch.
    pub start_time_ms: i64,
    /// `$$.Execution.RoleArn`.
    pub role_arn: String,
    /// `$$.StateMachine.Id`.
    pub state_machine_arn: String,
    /// `$$.StateMachine.Name`.
    pub state_machine_name: String,
    /// The region (for history events).
    pub region: String,
}

impl ContextData {
    /// Context for an execution.
    pub fn new(facts: ExecutionFacts) -> Self {
        Self {
            execution: Rc::new(ExecutionPart {
                execution_id: facts.execution_arn,
                execution_name: facts.name,
                execution_input: facts.input,
                start_time: crate::time::format_context_time(facts.start_time_ms),
                role_arn: facts.role_arn,
                state_machine_id: facts.state_machine_arn,
                state_machine_name: facts.state_machine_name,
                region: facts.region,
            }),
            state_name: String::new(),
            entered_ms: 0,
            retry_count: 0,
            retryable: false,
            map_item: None,
            cache: OnceCell::new(),
        }
    }

    /// The execution's region.
    pub fn region(&self) -> &str {
        &self.execution.region
    }

    /// A state was entered. `retryable` states (Task, Parallel, Map) show `State.RetryCount`;
    /// AWS (recorded) leaves it out for the others.
    pub fn enter_state(&mut self, name: &str, entered_ms: i64, retryable: bool) {
        self.retryable = retryable;
        if self.state_name != name {
            self.state_name.clear();
            self.state_name.push_str(name);
        }
        self.entered_ms = entered_ms;
        self.retry_count = 0;
        self.cache = OnceCell::new();
    }

    /// The state is being retried.
    pub fn set_retry_count(&mut self, n: u32) {
        self.retry_count = n;
        self.cache = OnceCell::new();
    }

    /// Sets or clears `$$.Map.Item`.
    pub fn set_map_item(&mut self, item: Option<MapItem>) {
        if item.is_some() || self.map_item.is_some() {
            self.map_item = item;
            self.cache = OnceCell::new();
        }
    }

    /// A distributed Map iteration runs as a child execution (its own Execution fields).
    pub fn enter_child_execution(&mut self) {
        self.cache = OnceCell::new();
    }

    /// The context object as JSON (built on first use after a change).
    pub fn value(&self) -> &Value {
        self.cache.get_or_init(|| {
            let e = &*self.execution;
            let mut v = json!({
                "Execution": {
                    "Id": e.execution_id,
                    "Input": e.execution_input,
                    "StartTime": e.start_time,
                    "Name": e.execution_name,
                    "RoleArn": e.role_arn,
                    "RedriveCount": 0,
                },
                "StateMachine": {"Id": e.state_machine_id, "Name": e.state_machine_name},
                "State": {
                    "EnteredTime": crate::time::format_context_time(self.entered_ms),
                    "Name": self.state_name,
                },
            });
            if self.retryable {
                if let Some(state) = v.get_mut("State").and_then(Value::as_object_mut) {
                    state.insert("RetryCount".into(), Value::from(self.retry_count));
                }
            }
            if let (Some(item), Some(obj)) = (&self.map_item, v.as_object_mut()) {
                obj.insert(
                    "Map".into(),
                    json!({"Item": {"Index": item.index, "Value": item.value}}),
                );
            }
            Rc::new(v)
        })
    }
}
