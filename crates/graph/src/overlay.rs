//! What a run did, per node and per edge: the colours of a graph after a run.

use std::collections::{HashMap, HashSet};

use aslplay_core::exec::StateTrace;
use serde::{Deserialize, Serialize};

use crate::flow::EdgeKind;

/// How a state fared in a run (the graph's `data-status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeStatus {
    /// Every visit succeeded.
    Succeeded,
    /// A visit failed (error not caught by the state).
    Failed,
    /// A visit failed and one of its Catch entries caught it.
    Caught,
    /// Never entered.
    NotRun,
    /// The state being looked at while stepping through a run.
    Current,
}

impl NodeStatus {
    /// `succeeded`, `failed`, `caught`, `not-run`, `current`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeStatus::Succeeded => "succeeded",
            NodeStatus::Failed => "failed",
            NodeStatus::Caught => "caught",
            NodeStatus::NotRun => "not-run",
            NodeStatus::Current => "current",
        }
    }

    /// How much a visit's outcome counts when a state is visited several times (loops, Map
    /// iterations): a failure shows over a catch, a catch over a success.
    fn severity(self) -> u8 {
        match self {
            NodeStatus::NotRun => 0,
            NodeStatus::Succeeded => 1,
            NodeStatus::Caught => 2,
            NodeStatus::Failed => 3,
            NodeStatus::Current => 4,
        }
    }
}

/// The stage label of `$states` (JSONata states).
pub const STATES_STAGE: &str = "$states (JSONata)";

/// One visit of a state in a run, ready to show: outcome, the data at every stage and the
/// variables. The graph's inspector, the playground's stepper and the worker protocol
/// (serde) all use it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// The state's name.
    pub name: String,
    /// The state's type.
    pub state_type: String,
    /// `""` at top level, `Map[3]`, `Parallel[1]` … nested.
    pub scope: String,
    /// `succeeded`, `failed` or `caught`.
    pub status: String,
    /// Retries made.
    pub retries: u32,
    /// The next state, when it has one.
    pub next: Option<String>,
    /// Error name, when it failed.
    pub error: Option<String>,
    /// Cause, when it failed.
    pub cause: Option<String>,
    /// `(stage, pretty JSON)`: input, after InputPath, after Parameters, result, after
    /// ResultSelector, after ResultPath, output, `$states` — the stages the state went through.
    pub stages: Vec<(String, String)>,
    /// Variables at entry, pretty JSON (empty when there are none).
    pub variables_before: String,
    /// Variables after `Assign`, pretty JSON (empty when there are none).
    pub variables_after: String,
}

impl Visit {
    /// The visit a trace record describes.
    pub fn from_trace(t: &StateTrace) -> Visit {
        let pretty = |v: &serde_json::Value| {
            serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
        };
        let optional = [
            ("After InputPath", &t.after_input_path),
            ("After Parameters / Arguments", &t.after_parameters),
            ("Result", &t.result),
            ("After ResultSelector", &t.after_result_selector),
            ("After ResultPath", &t.after_result_path),
            ("Output", &t.output),
            (STATES_STAGE, &t.states),
        ];
        let mut stages = vec![("Input".to_owned(), pretty(&t.input))];
        // A stage often holds what the one before it held (InputPath `$`, a Pass's result,
        // OutputPath `$`): its text is copied instead of printed again.
        let mut previous = &t.input;
        for (stage, v) in optional {
            let Some(v) = v.as_ref() else { continue };
            let text = match stages.last() {
                Some((_, text)) if same_json(previous, v) => text.clone(),
                _ => pretty(v),
            };
            stages.push((stage.to_owned(), text));
            previous = v;
        }
        let variables = |v: &serde_json::Value| match v {
            serde_json::Value::Object(m) if m.is_empty() => String::new(),
            serde_json::Value::Null => String::new(),
            other => pretty(other),
        };
        Visit {
            name: t.name.clone(),
            state_type: t.state_type.clone(),
            scope: t.scope.clone(),
            status: t.status.clone(),
            retries: t.retries,
            next: t.next.clone(),
            error: t.error.clone(),
            cause: t.cause.clone(),
            stages,
            variables_before: variables(&t.variables_before),
            variables_after: variables(&t.variables_after),
        }
    }
}

/// Whether `a` and `b` print the same: equal, with object members in the same order
/// (`Value`'s own equality ignores their order).
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && same_json(va, vb))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        _ => a == b,
    }
}

/// Statuses, retries and taken transitions of one run, keyed by state name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlay {
    status: HashMap<String, NodeStatus>,
    retried: HashSet<String>,
    /// `(from, to, caught)`; `to` is `None` for the end marker.
    taken: HashSet<(String, Option<String>, bool)>,
}

impl Overlay {
    /// The overlay of a run's per-state trace (see `SyncOptions::record_trace`).
    pub fn from_trace(trace: &[StateTrace]) -> Overlay {
        Self::build(trace.iter().map(|t| {
            (
                t.name.as_str(),
                t.status.as_str(),
                t.retries,
                t.next.as_deref(),
            )
        }))
    }

    /// The overlay of a run's visits.
    pub fn from_visits(visits: &[Visit]) -> Overlay {
        Self::build(visits.iter().map(|v| {
            (
                v.name.as_str(),
                v.status.as_str(),
                v.retries,
                v.next.as_deref(),
            )
        }))
    }

    /// From `(name, status, retries, next)` per visit.
    fn build<'a>(
        visits: impl Iterator<Item = (&'a str, &'a str, u32, Option<&'a str>)>,
    ) -> Overlay {
        let mut overlay = Overlay::default();
        for (name, status, retries, next) in visits {
            let status = match status {
                "failed" => NodeStatus::Failed,
                "caught" => NodeStatus::Caught,
                _ => NodeStatus::Succeeded,
            };
            let slot = overlay
                .status
                .entry(name.to_owned())
                .or_insert(NodeStatus::NotRun);
            if status.severity() > slot.severity() {
                *slot = status;
            }
            if retries > 0 {
                overlay.retried.insert(name.to_owned());
            }
            let caught = status == NodeStatus::Caught;
            match (next, status) {
                (Some(next), _) => {
                    overlay
                        .taken
                        .insert((name.to_owned(), Some(next.to_owned()), caught));
                }
                (None, NodeStatus::Succeeded) => {
                    overlay.taken.insert((name.to_owned(), None, false));
                }
                _ => {}
            }
        }
        overlay
    }

    /// The status of the state `name`.
    pub fn status(&self, name: &str) -> NodeStatus {
        self.status.get(name).copied().unwrap_or(NodeStatus::NotRun)
    }

    /// Whether the state `name` was retried at least once.
    pub fn retried(&self, name: &str) -> bool {
        self.retried.contains(name)
    }

    /// Whether the run went from `from` along an edge of `kind` to `to` (`None`: the end
    /// marker). The start edge counts as taken when its target ran.
    pub fn taken(&self, from: &str, to: Option<&str>, kind: EdgeKind) -> bool {
        match kind {
            EdgeKind::Start => to.is_some_and(|t| self.status.contains_key(t)),
            _ => self.taken.contains(&(
                from.to_owned(),
                to.map(str::to_owned),
                kind == EdgeKind::Catch,
            )),
        }
    }

    /// Whether the overlay holds any visit.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_print_each_value_with_its_own_member_order() {
        let t = StateTrace {
            input: serde_json::json!({"a": 1, "b": [2, {"c": 3}]}),
            after_input_path: Some(serde_json::json!({"a": 1, "b": [2, {"c": 3}]})),
            // Equal as values, printed in another order.
            after_parameters: Some(serde_json::json!({"b": [2, {"c": 3}], "a": 1})),
            result: Some(serde_json::json!({"b": [2, {"c": 3}], "a": 1})),
            output: Some(serde_json::json!({"b": [2, {"c": 3.0}], "a": 1})),
            ..StateTrace::default()
        };
        let v = Visit::from_trace(&t);
        let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).unwrap();
        let texts: Vec<&str> = v.stages.iter().map(|(_, text)| text.as_str()).collect();
        let first = pretty(serde_json::json!({"a": 1, "b": [2, {"c": 3}]}));
        let second = pretty(serde_json::json!({"b": [2, {"c": 3}], "a": 1}));
        let third = pretty(serde_json::json!({"b": [2, {"c": 3.0}], "a": 1}));
        assert_eq!(texts, [&first, &first, &second, &second, &third]);
        assert!(second.starts_with("{\n  \"b\"") && third.contains("3.0"));
    }

    fn visit(name: &str, status: &str, next: Option<&str>, retries: u32) -> StateTrace {
        StateTrace {
            name: name.into(),
            status: status.into(),
            next: next.map(Into::into),
            retries,
            ..StateTrace::default()
        }
    }

    #[test]
    fn statuses_retries_and_taken_edges() {
        let o = Overlay::from_trace(&[
            visit("A", "succeeded", Some("T"), 0),
            visit("T", "caught", Some("H"), 2),
            visit("H", "succeeded", None, 0),
            visit("M", "succeeded", None, 0),
            visit("M", "failed", None, 0),
            visit("M", "succeeded", None, 0),
        ]);
        assert_eq!(o.status("A"), NodeStatus::Succeeded);
        assert_eq!(o.status("T"), NodeStatus::Caught);
        assert_eq!(o.status("M"), NodeStatus::Failed, "the worst visit shows");
        assert_eq!(o.status("Z"), NodeStatus::NotRun);
        assert!(o.retried("T") && !o.retried("A"));
        assert!(o.taken("A", Some("T"), EdgeKind::Next));
        assert!(o.taken("T", Some("H"), EdgeKind::Catch));
        assert!(!o.taken("T", Some("H"), EdgeKind::Next));
        assert!(o.taken("H", None, EdgeKind::End));
        assert!(o.taken("", Some("A"), EdgeKind::Start));
        assert!(!o.taken("", Some("Z"), EdgeKind::Start));
        assert_eq!(NodeStatus::NotRun.as_str(), "not-run");
    }

    #[test]
    fn visits_keep_the_stages_and_agree_with_the_trace() {
        let mut t = visit("T", "caught", Some("H"), 1);
        t.input = serde_json::json!({"a": 1});
        t.output = Some(serde_json::json!([1]));
        let v = Visit::from_trace(&t);
        let stages: Vec<_> = v.stages.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(stages, ["Input", "Output"]);
        assert_eq!(v.stages[0].1, "{\n  \"a\": 1\n}");
        assert_eq!(
            (v.variables_before.as_str(), v.variables_after.as_str()),
            ("", "")
        );
        t.variables_after = serde_json::json!({"x": 1});
        t.states = Some(serde_json::json!({"input": {}}));
        let v2 = Visit::from_trace(&t);
        assert_eq!(v2.variables_after, "{\n  \"x\": 1\n}");
        assert_eq!(
            v2.stages.last().map(|(s, _)| s.as_str()),
            Some(STATES_STAGE)
        );
        assert_eq!(Overlay::from_visits(&[v]), Overlay::from_trace(&[t]));
    }
}
