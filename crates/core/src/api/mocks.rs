//! Task mocks in AWS Step Functions Local's MockConfigFile format, as an [`exec::TaskHost`].
//!
//! ```json
//! {"StateMachines": {"<machine>": {"TestCases": {"<case>": {"<state>": "<response>"}}}},
//!  "MockedResponses": {"<response>": {"0": {"Return": {...}},
//!                                     "1-2": {"Throw": {"Error": "E", "Cause": "C"}}}}}
//! ```
//!
//! Each invocation of a Task state (retries included) takes the next index of its mocked
//! response; `Return` is the Task's raw result (exactly what the mock gives — no wrapping, as
//! in Step Functions Local). Extension: a response step may carry `"DurationMs": <n>`, the
//! simulated time the call takes (see docs/mocks.md and docs/billing.md).
//!
//! [`exec::TaskHost`]: crate::exec::TaskHost

use crate::exec::{no_mock_cause, TaskCall, TaskHost, TaskOutcome};
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::fmt;

/// The error a Task raises when the mocks cannot answer it (not catchable by `States.ALL`).
pub const MOCK_ERROR: &str = "States.Runtime";

/// A malformed mock configuration: where (JSON pointer) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockConfigError {
    /// JSON pointer of the offending value (`""` for the root).
    pub pointer: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl fmt::Display for MockConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "mock config error at {at}: {}", self.message)
    }
}

impl std::error::Error for MockConfigError {}

/// One mocked answer.
#[derive(Clone, Debug, PartialEq)]
pub enum MockStep {
    /// `Return`: the Task's result.
    Return(Value),
    /// `Throw`: an error and cause.
    Throw {
        /// `Error`.
        error: String,
        /// `Cause`.
        cause: String,
    },
}

/// A mocked answer with its optional simulated duration.
#[derive(Clone, Debug, PartialEq)]
pub struct MockResponse {
    /// What the call answers.
    pub step: MockStep,
    /// Simulated duration in milliseconds (extension `DurationMs`).
    pub duration_ms: Option<u64>,
}

/// A mocked response: one answer per invocation index.
#[derive(Clone, Debug, PartialEq)]
pub struct MockedResponse {
    /// Answers for invocations 0, 1, 2 … (ranges expanded).
    pub steps: Vec<MockResponse>,
    /// The index keys as written, for messages (`0, 1-2, 3`).
    pub keys: Vec<String>,
}

/// A parsed and checked mock configuration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MockConfig {
    /// State machine name → test case name → state name → response name.
    pub state_machines: IndexMap<String, IndexMap<String, IndexMap<String, String>>>,
    /// Response name → answers.
    pub responses: IndexMap<String, MockedResponse>,
}

fn err(pointer: String, message: impl Into<String>) -> MockConfigError {
    MockConfigError {
        pointer,
        message: message.into(),
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn ptr(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn object<'a>(
    v: &'a Value,
    pointer: &str,
    what: &str,
) -> Result<&'a Map<String, Value>, MockConfigError> {
    v.as_object().ok_or_else(|| {
        err(
            pointer.to_string(),
            format!("{what} must be an object, got {}", type_name(v)),
        )
    })
}

fn only_keys(
    m: &Map<String, Value>,
    pointer: &str,
    allowed: &[&str],
) -> Result<(), MockConfigError> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(err(
            ptr(pointer, k),
            format!(
                "unknown field '{k}'; expected one of: {}",
                allowed.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

impl MockConfig {
    /// Parses a MockConfigFile text.
    pub fn parse(text: &str) -> Result<MockConfig, MockConfigError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            err(
                String::new(),
                format!(
                    "not valid JSON: {e} (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        Self::from_value(&value)
    }

    /// Checks and converts a MockConfigFile JSON value.
    pub fn from_value(value: &Value) -> Result<MockConfig, MockConfigError> {
        let root = object(value, "", "the mock config")?;
        only_keys(root, "", &["StateMachines", "MockedResponses"])?;
        let mut config = MockConfig::default();

        let responses = match root.get("MockedResponses") {
            Some(v) => object(v, "/MockedResponses", "\"MockedResponses\"")?,
            None => return Err(err(String::new(), "missing field \"MockedResponses\" (an object of response name → {\"0\": {\"Return\": …}})")),
        };
        for (name, steps) in responses {
            let p = ptr("/MockedResponses", name);
            config
                .responses
                .insert(name.clone(), parse_response(steps, &p)?);
        }

        let machines = match root.get("StateMachines") {
            Some(v) => object(v, "/StateMachines", "\"StateMachines\"")?,
            None => return Err(err(String::new(), "missing field \"StateMachines\" (an object of state machine name → {\"TestCases\": …})")),
        };
        for (machine, body) in machines {
            let mp = ptr("/StateMachines", machine);
            let body = object(body, &mp, "a state machine entry")?;
            only_keys(body, &mp, &["TestCases"])?;
            let cases = match body.get("TestCases") {
                Some(v) => object(v, &ptr(&mp, "TestCases"), "\"TestCases\"")?,
                None => return Err(err(mp, "missing field \"TestCases\" (an object of test case name → {\"<State>\": \"<MockedResponse>\"})")),
            };
            let mut parsed_cases = IndexMap::new();
            for (case, states) in cases {
                let cp = ptr(&ptr(&mp, "TestCases"), case);
                let states = object(states, &cp, "a test case")?;
                let mut map = IndexMap::new();
                for (state, response) in states {
                    let sp = ptr(&cp, state);
                    let Some(response) = response.as_str() else {
                        return Err(err(
                            sp,
                            format!(
                                "must be the name of a mocked response (a string), got {}",
                                type_name(response)
                            ),
                        ));
                    };
                    if !config.responses.contains_key(response) {
                        let known: Vec<&str> =
                            config.responses.keys().map(String::as_str).collect();
                        return Err(err(
                            sp,
                            format!(
                                "mocked response '{response}' is not defined in \"MockedResponses\" (defined: {})",
                                if known.is_empty() { "none".to_string() } else { known.join(", ") }
                            ),
                        ));
                    }
                    map.insert(state.clone(), response.to_string());
                }
                parsed_cases.insert(case.clone(), map);
            }
            config.state_machines.insert(machine.clone(), parsed_cases);
        }
        Ok(config)
    }

    /// The mocks of one test case, or a message saying what exists.
    pub fn test_case(&self, machine: &str, case: &str) -> Result<TestCaseMocks, String> {
        let Some(cases) = self.state_machines.get(machine) else {
            let known: Vec<&str> = self.state_machines.keys().map(String::as_str).collect();
            return Err(format!(
                "the mock config has no entry for state machine '{machine}' under \"StateMachines\" (entries: {})",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ));
        };
        let Some(states) = cases.get(case) else {
            let known: Vec<&str> = cases.keys().map(String::as_str).collect();
            return Err(format!(
                "state machine '{machine}' has no test case '{case}' (test cases: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
        };
        let mut mocks = IndexMap::new();
        for (state, response) in states {
            if let Some(r) = self.responses.get(response) {
                mocks.insert(state.clone(), (response.clone(), r.clone()));
            }
        }
        Ok(TestCaseMocks {
            test_case: case.to_string(),
            mocks,
        })
    }
}

fn parse_response(value: &Value, pointer: &str) -> Result<MockedResponse, MockConfigError> {
    let steps = object(value, pointer, "a mocked response")?;
    if steps.is_empty() {
        return Err(err(
            pointer.to_string(),
            "a mocked response needs at least one invocation index, e.g. {\"0\": {\"Return\": {}}}",
        ));
    }
    let mut ranges: Vec<(u32, u32, String, MockResponse)> = Vec::new();
    for (key, step) in steps {
        let sp = ptr(pointer, key);
        let (start, end) = parse_range(key).ok_or_else(|| {
            err(sp.clone(), format!("invalid invocation index '{key}': expected an index such as \"0\" or a range such as \"1-2\""))
        })?;
        ranges.push((start, end, key.clone(), parse_step(step, &sp)?));
    }
    ranges.sort_by_key(|r| r.0);
    let mut next = 0u32;
    let mut out = MockedResponse {
        steps: Vec::new(),
        keys: Vec::new(),
    };
    for (start, end, key, step) in ranges {
        if start != next {
            let problem = if start < next {
                "overlaps the previous index"
            } else {
                "leaves a gap"
            };
            return Err(err(
                ptr(pointer, &key),
                format!("invocation index '{key}' {problem}: indexes must be consecutive from 0, so the next one must start at {next}"),
            ));
        }
        for _ in start..=end {
            out.steps.push(step.clone());
        }
        out.keys.push(key);
        next = end.saturating_add(1);
        if out.steps.len() > 100_000 {
            return Err(err(
                pointer.to_string(),
                "too many invocation indexes (more than 100000)",
            ));
        }
    }
    Ok(out)
}

fn parse_range(key: &str) -> Option<(u32, u32)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match key.split_once('-') {
        None if digits(key) => key.parse().ok().map(|n| (n, n)),
        Some((a, b)) if digits(a) && digits(b) => {
            let (a, b) = (a.parse().ok()?, b.parse().ok()?);
            (a <= b).then_some((a, b))
        }
        _ => None,
    }
}

fn parse_step(value: &Value, pointer: &str) -> Result<MockResponse, MockConfigError> {
    let m = object(value, pointer, "an invocation entry")?;
    only_keys(m, pointer, &["Return", "Throw", "DurationMs"])?;
    let duration_ms = match m.get("DurationMs") {
        None => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| {
            err(
                ptr(pointer, "DurationMs"),
                format!("must be a non-negative integer (milliseconds), got {v}"),
            )
        })?),
    };
    let step = match (m.get("Return"), m.get("Throw")) {
        (Some(_), Some(_)) => {
            return Err(err(pointer.to_string(), "an invocation entry has either \"Return\" or \"Throw\", not both"))
        }
        (None, None) => {
            return Err(err(pointer.to_string(), "an invocation entry needs \"Return\" (the Task result) or \"Throw\" ({\"Error\": …, \"Cause\": …})"))
        }
        (Some(v), None) => MockStep::Return(v.clone()),
        (None, Some(t)) => {
            let tp = ptr(pointer, "Throw");
            let t = object(t, &tp, "\"Throw\"")?;
            only_keys(t, &tp, &["Error", "Cause"])?;
            let field = |name: &str| -> Result<String, MockConfigError> {
                match t.get(name) {
                    Some(Value::String(s)) => Ok(s.clone()),
                    Some(v) => Err(err(ptr(&tp, name), format!("must be a string, got {}", type_name(v)))),
                    None => Err(err(tp.clone(), format!("missing field \"{name}\" (a string)"))),
                }
            };
            MockStep::Throw { error: field("Error")?, cause: field("Cause")? }
        }
    };
    Ok(MockResponse { step, duration_ms })
}

/// The mocks of one selected test case: state name → (response name, answers).
#[derive(Clone, Debug, PartialEq)]
pub struct TestCaseMocks {
    /// The test case's name.
    pub test_case: String,
    /// State name → (response name, answers).
    pub mocks: IndexMap<String, (String, MockedResponse)>,
}

/// A [`TaskHost`] answering from an optional test case.
#[derive(Clone, Debug, Default)]
pub struct MockHost {
    case: Option<TestCaseMocks>,
}

impl MockHost {
    /// A host answering from `case`, or failing every Task when `None`.
    pub fn new(case: Option<TestCaseMocks>) -> Self {
        Self { case }
    }
}

impl TaskHost for MockHost {
    fn invoke(&mut self, call: &TaskCall<'_>) -> TaskOutcome {
        let Some(case) = &self.case else {
            return TaskOutcome::Throw {
                error: MOCK_ERROR.to_string(),
                cause: no_mock_cause(call.state_name, call.resource),
                duration_ms: Some(0),
            };
        };
        let Some((name, response)) = case.mocks.get(call.state_name) else {
            return TaskOutcome::Throw {
                error: MOCK_ERROR.to_string(),
                cause: format!(
                    "Test case '{}' has no mocked response for Task state '{}' (Resource '{}'). Add \"{}\": \"<MockedResponse>\" to the test case.",
                    case.test_case, call.state_name, call.resource, call.state_name
                ),
                duration_ms: Some(0),
            };
        };
        let Some(step) = response.steps.get(call.invocation as usize) else {
            return TaskOutcome::Throw {
                error: MOCK_ERROR.to_string(),
                cause: format!(
                    "Mocked response '{name}' has no entry for invocation {} of Task state '{}' (it defines {}). Each invocation, retries included, takes the next index: add \"{}\".",
                    call.invocation,
                    call.state_name,
                    response.keys.join(", "),
                    call.invocation
                ),
                duration_ms: Some(0),
            };
        };
        match &step.step {
            MockStep::Return(v) => TaskOutcome::Return {
                value: v.clone(),
                duration_ms: step.duration_ms,
            },
            MockStep::Throw { error, cause } => TaskOutcome::Throw {
                error: error.clone(),
                cause: cause.clone(),
                duration_ms: step.duration_ms,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "StateMachines": {"M": {"TestCases": {
                "Happy": {"L": "Ok"},
                "Retry": {"L": "Flaky"}
            }}},
            "MockedResponses": {
                "Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"x": 1}}, "DurationMs": 120}},
                "Flaky": {
                    "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}},
                    "1-2": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                    "3": {"Return": {"ok": true}}
                }
            }
        })
    }

    fn call(state: &str, invocation: u32) -> TaskOutcome {
        let config = MockConfig::from_value(&sample()).ok();
        let case = config.and_then(|c| c.test_case("M", "Retry").ok());
        let mut host = MockHost::new(case);
        let input = json!({});
        host.invoke(&TaskCall {
            state_name: state,
            resource: "arn:aws:states:::lambda:invoke",
            input: &input,
            invocation,
        })
    }

    #[test]
    fn ranges_expand_and_retries_consume_indexes() {
        let throws = |o: TaskOutcome| match o {
            TaskOutcome::Throw { error, .. } => error,
            TaskOutcome::Return { .. } => "returned".into(),
        };
        assert_eq!(throws(call("L", 0)), "Lambda.ServiceException");
        assert_eq!(throws(call("L", 1)), "Lambda.TooManyRequestsException");
        assert_eq!(throws(call("L", 2)), "Lambda.TooManyRequestsException");
        assert_eq!(
            call("L", 3),
            TaskOutcome::Return {
                value: json!({"ok": true}),
                duration_ms: None
            }
        );
        match call("L", 4) {
            TaskOutcome::Throw { error, cause, .. } => {
                assert_eq!(error, MOCK_ERROR);
                assert!(cause.contains("no entry for invocation 4"), "{cause}");
                assert!(cause.contains("0, 1-2, 3"), "{cause}");
            }
            other => panic!("unexpected {other:?}"),
        }
        match call("Other", 0) {
            TaskOutcome::Throw { cause, .. } => {
                assert!(cause
                    .contains("Test case 'Retry' has no mocked response for Task state 'Other'"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn duration_and_raw_return() {
        let config = MockConfig::from_value(&sample()).ok();
        let case = config.and_then(|c| c.test_case("M", "Happy").ok());
        let mut host = MockHost::new(case);
        let input = json!({});
        let got = host.invoke(&TaskCall {
            state_name: "L",
            resource: "r",
            input: &input,
            invocation: 0,
        });
        assert_eq!(
            got,
            TaskOutcome::Return {
                value: json!({"StatusCode": 200, "Payload": {"x": 1}}),
                duration_ms: Some(120)
            }
        );
    }

    #[test]
    fn no_config_explains_how_to_mock() {
        let mut host = MockHost::new(None);
        let input = json!({});
        match host.invoke(&TaskCall {
            state_name: "L",
            resource: "r",
            input: &input,
            invocation: 0,
        }) {
            TaskOutcome::Throw { error, cause, .. } => {
                assert_eq!(error, MOCK_ERROR);
                assert!(cause.contains("'L'"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_test_case_and_machine() {
        let config = MockConfig::from_value(&sample()).unwrap_or_default();
        assert_eq!(
            config.test_case("M", "Nope").err().as_deref(),
            Some("state machine 'M' has no test case 'Nope' (test cases: Happy, Retry)")
        );
        assert!(config
            .test_case("X", "Happy")
            .err()
            .is_some_and(|m| m.contains("(entries: M)")));
    }

    #[test]
    fn precise_errors() {
        let cases: Vec<(Value, &str, &str)> = vec![
            (
                json!([]),
                "",
                "the mock config must be an object, got an array",
            ),
            (
                json!({"StateMachines": {}}),
                "",
                "missing field \"MockedResponses\"",
            ),
            (
                json!({"MockedResponses": {}}),
                "",
                "missing field \"StateMachines\"",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {}, "X": 1}),
                "/X",
                "unknown field 'X'",
            ),
            (
                json!({"StateMachines": {"M": {}}, "MockedResponses": {}}),
                "/StateMachines/M",
                "missing field \"TestCases\"",
            ),
            (
                json!({"StateMachines": {"M": {"TestCases": {"C": {"S": "R"}}}}, "MockedResponses": {}}),
                "/StateMachines/M/TestCases/C/S",
                "mocked response 'R' is not defined in \"MockedResponses\" (defined: none)",
            ),
            (
                json!({"StateMachines": {"M": {"TestCases": {"C": {"S": 1}}}}, "MockedResponses": {}}),
                "/StateMachines/M/TestCases/C/S",
                "must be the name of a mocked response (a string), got a number",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {}}}),
                "/MockedResponses/R",
                "at least one invocation index",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"x": {"Return": 1}}}}),
                "/MockedResponses/R/x",
                "invalid invocation index 'x'",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"2-1": {"Return": 1}}}}),
                "/MockedResponses/R/2-1",
                "invalid invocation index '2-1'",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"1": {"Return": 1}}}}),
                "/MockedResponses/R/1",
                "leaves a gap",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0-2": {"Return": 1}, "1": {"Return": 2}}}}),
                "/MockedResponses/R/1",
                "overlaps",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0": {}}}}),
                "/MockedResponses/R/0",
                "needs \"Return\"",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {}}}}}),
                "/MockedResponses/R/0",
                "not both",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}),
                "/MockedResponses/R/0/Throw",
                "missing field \"Cause\"",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": 1, "Cause": "c"}}}}}),
                "/MockedResponses/R/0/Throw/Error",
                "must be a string",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "DurationMs": -1}}}}),
                "/MockedResponses/R/0/DurationMs",
                "non-negative integer",
            ),
            (
                json!({"StateMachines": {}, "MockedResponses": {"a/b": {"0": {"Retrun": 1}}}}),
                "/MockedResponses/a~1b/0/Retrun",
                "unknown field 'Retrun'",
            ),
        ];
        for (config, pointer, message) in cases {
            let e = MockConfig::from_value(&config).err();
            assert_eq!(
                e.as_ref().map(|e| e.pointer.as_str()),
                Some(pointer),
                "{config}"
            );
            assert!(
                e.as_ref().is_some_and(|e| e.message.contains(message)),
                "{config}: {e:?}"
            );
        }
        assert!(MockConfig::parse("{")
            .err()
            .is_some_and(|e| e.message.starts_with("not valid JSON")));
    }
}
