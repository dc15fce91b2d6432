//! The context object (`$$` in JSONPath, `$states.context` in JSONata), built lazily.

use serde_json::{json, Map, Value};
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
    execution_input: ExecutionInput,
    /// The input parsed from [`ExecutionInput::Text`], on first use.
    parsed_input: OnceCell<Value>,
    start_time_ms: i64,
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
    pub input: ExecutionInput,
    /// The payload size of the input (compact JSON bytes) when the caller has measured it:
    /// saves the interpreter a walk of a big input. Must be exact when given.
    pub input_size: Option<usize>,
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

/// `$$.Execution.Input`: a value, or the execution's input text, parsed only when the context
/// object is first read (most machines never read it, and a copy of a big input costs as much
/// as parsing it).
#[derive(Clone, Debug, PartialEq)]
pub enum ExecutionInput {
    /// The input as a value.
    Value(Value),
    /// The input as JSON text that is known to parse (the API has parsed it once already).
    Text(Rc<str>),
}

impl Default for ExecutionInput {
    fn default() -> Self {
        Self::Value(Value::Null)
    }
}

impl From<Value> for ExecutionInput {
    fn from(value: Value) -> Self {
        Self::Value(value)
    }
}

impl ExecutionPart {
    /// `$$.Execution.Input` as a value (text that does not parse reads as `null`; the API
    /// only passes text it has parsed).
    fn input(&self) -> &Value {
        match &self.execution_input {
            ExecutionInput::Value(v) => v,
            ExecutionInput::Text(text) => self
                .parsed_input
                .get_or_init(|| serde_json::from_str(text).unwrap_or(Value::Null)),
        }
    }
}

impl ContextData {
    /// Context for an execution.
    pub fn new(facts: ExecutionFacts) -> Self {
        Self {
            execution: Rc::new(ExecutionPart {
                execution_id: facts.execution_arn,
                execution_name: facts.name,
                execution_input: facts.input,
                parsed_input: OnceCell::new(),
                start_time_ms: facts.start_time_ms,
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
    #[inline]
    pub fn enter_state(&mut self, name: &str, entered_ms: i64, retryable: bool) {
        self.retryable = retryable;
        if !serde_json::map::key_eq(&self.state_name, name) {
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
            // Built by hand: `json!` would copy the input (and the Map item) through a
            // serialisation round trip instead of a clone.
            let mut execution = Map::new();
            execution.insert("Id".into(), e.execution_id.as_str().into());
            execution.insert("Input".into(), e.input().clone());
            execution.insert(
                "StartTime".into(),
                crate::time::format_context_time(e.start_time_ms).into(),
            );
            execution.insert("Name".into(), e.execution_name.as_str().into());
            execution.insert("RoleArn".into(), e.role_arn.as_str().into());
            execution.insert("RedriveCount".into(), 0.into());
            let mut state = Map::new();
            state.insert(
                "EnteredTime".into(),
                crate::time::format_context_time(self.entered_ms).into(),
            );
            state.insert("Name".into(), self.state_name.as_str().into());
            if self.retryable {
                state.insert("RetryCount".into(), self.retry_count.into());
            }
            let mut v = Map::new();
            v.insert("Execution".into(), Value::Object(execution));
            v.insert(
                "StateMachine".into(),
                json!({"Id": e.state_machine_id, "Name": e.state_machine_name}),
            );
            v.insert("State".into(), Value::Object(state));
            if let Some(item) = &self.map_item {
                let mut item_obj = Map::new();
                item_obj.insert("Index".into(), item.index.into());
                item_obj.insert("Value".into(), item.value.clone());
                let mut map = Map::new();
                map.insert("Item".into(), Value::Object(item_obj));
                v.insert("Map".into(), Value::Object(map));
            }
            let v = Value::Object(v);
            Rc::new(v)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(input: ExecutionInput) -> ExecutionFacts {
        ExecutionFacts {
            execution_arn: "arn:aws:states:us-east-1:123456789012:express:M:e:1".into(),
            name: "e".into(),
            input,
            input_size: None,
            start_time_ms: 1_767_225_600_000,
            role_arn: "arn:aws:iam::123456789012:role/r".into(),
            state_machine_arn: "arn:aws:states:us-east-1:123456789012:stateMachine:M".into(),
            state_machine_name: "M".into(),
            region: "us-east-1".into(),
        }
    }

    #[test]
    fn context_object_has_aws_shape_and_key_order() {
        let mut c = ContextData::new(facts(json!({"a": [1, {"b": 2}]}).into()));
        c.enter_state("S", 1_767_225_600_250, true);
        c.set_retry_count(2);
        c.set_map_item(Some(MapItem {
            index: 3,
            value: json!({"x": 1}),
        }));
        let expected = json!({
            "Execution": {
                "Id": "arn:aws:states:us-east-1:123456789012:express:M:e:1",
                "Input": {"a": [1, {"b": 2}]},
                "StartTime": "2026-01-01T00:00:00.000Z",
                "Name": "e",
                "RoleArn": "arn:aws:iam::123456789012:role/r",
                "RedriveCount": 0,
            },
            "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:M", "Name": "M"},
            "State": {"EnteredTime": "2026-01-01T00:00:00.250Z", "Name": "S", "RetryCount": 2},
            "Map": {"Item": {"Index": 3, "Value": {"x": 1}}},
        });
        assert_eq!(c.value(), &expected);
        // Key order too (JsonToString and the inspector show it).
        assert_eq!(
            serde_json::to_string(c.value()).ok(),
            serde_json::to_string(&expected).ok()
        );
    }

    #[test]
    fn input_text_reads_like_the_value() {
        let text = r#"{"big": {"k": [1, 2, 3]}, "s": "é\n"}"#;
        let value: Value = serde_json::from_str(text).unwrap_or_default();
        let mut from_text = ContextData::new(facts(ExecutionInput::Text(text.into())));
        let mut from_value = ContextData::new(facts(value.into()));
        for c in [&mut from_text, &mut from_value] {
            c.enter_state("S", 0, false);
        }
        assert_eq!(from_text.value(), from_value.value());
        assert_eq!(from_text.value()["Execution"]["Input"]["big"]["k"][2], 3);
        assert!(from_text.value()["State"].get("RetryCount").is_none());
    }
}
