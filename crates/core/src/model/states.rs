//! States and their type-specific fields.

use super::{
    Catcher, ChoiceRule, IntOrExpr, MapState, Payload, QueryLanguage, Retrier, StateMachine,
    Transition,
};
use serde_json::Value;

/// One state of a machine, with the fields every state type may carry.
///
/// Path fields keep AWS's three-way meaning: absent (`None`, default `$`), `null`
/// (`Some(None)`), or a path (`Some(Some(path))`).
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The state's name (its key in `States`).
    pub name: String,
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage` as declared on the state, if any.
    pub query_language: Option<QueryLanguage>,
    /// The effective query language (declared, or inherited from the enclosing machine).
    pub effective_query_language: QueryLanguage,
    /// `Next` / `End` (absent for Choice, Succeed and Fail).
    pub transition: Option<Transition>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<Option<String>>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<Option<String>>,
    /// `Parameters` (JSONPath payload template).
    pub parameters: Option<Payload>,
    /// `ResultSelector` (JSONPath payload template).
    pub result_selector: Option<Payload>,
    /// `ResultPath` (JSONPath reference path).
    pub result_path: Option<Option<String>>,
    /// `Arguments` (JSONata).
    pub arguments: Option<Payload>,
    /// `Output` (JSONata).
    pub output: Option<Payload>,
    /// `Assign` (both languages).
    pub assign: Option<Payload>,
    /// `Retry` (Task, Parallel, Map).
    pub retry: Vec<Retrier>,
    /// `Catch` (Task, Parallel, Map).
    pub catch: Vec<Catcher>,
    /// The type and its own fields.
    pub kind: StateKind,
    /// JSON pointer of the state object, e.g. `/States/Hello`.
    pub pointer: String,
}

impl State {
    /// The `Type` name as written (`Pass`, `Task`, …).
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }

    /// The state's `Next` target, if it has one.
    pub fn next(&self) -> Option<&str> {
        match &self.transition {
            Some(Transition::Next(n)) => Some(n),
            _ => None,
        }
    }

    /// Whether the state ends its machine (`End: true`, Succeed, Fail).
    pub fn is_end(&self) -> bool {
        matches!(self.transition, Some(Transition::End))
            || matches!(self.kind, StateKind::Succeed(_) | StateKind::Fail(_))
    }
}

/// The state type with its type-specific fields.
#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    /// `Pass`.
    Pass(PassState),
    /// `Task`.
    Task(Box<TaskState>),
    /// `Choice`.
    Choice(ChoiceState),
    /// `Wait`.
    Wait(WaitState),
    /// `Succeed`.
    Succeed(SucceedState),
    /// `Fail`.
    Fail(FailState),
    /// `Parallel`.
    Parallel(ParallelState),
    /// `Map`.
    Map(Box<MapState>),
}

impl StateKind {
    /// The `Type` name as written.
    pub fn type_name(&self) -> &'static str {
        match self {
            StateKind::Pass(_) => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice(_) => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed(_) => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel(_) => "Parallel",
            StateKind::Map(_) => "Map",
        }
    }
}

/// `Pass` fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PassState {
    /// `Result`: a static value used as the state's result.
    pub result: Option<Value>,
}

/// `Task` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskState {
    /// `Resource`: the ARN of the task (Lambda, activity, service integration).
    pub resource: String,
    /// `TimeoutSeconds` (default 99,999,999 at AWS for tasks).
    pub timeout_seconds: Option<IntOrExpr>,
    /// `TimeoutSecondsPath`.
    pub timeout_seconds_path: Option<String>,
    /// `HeartbeatSeconds`.
    pub heartbeat_seconds: Option<IntOrExpr>,
    /// `HeartbeatSecondsPath`.
    pub heartbeat_seconds_path: Option<String>,
    /// `Credentials` (an object with `RoleArn` or `RoleArn.$`).
    pub credentials: Option<Value>,
}

/// `Choice` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceState {
    /// `Choices`: top-level rules, each with a `Next`.
    pub choices: Vec<ChoiceRule>,
    /// `Default`: where to go when no rule matches.
    pub default: Option<String>,
}

/// How long a Wait state waits.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitDuration {
    /// `Seconds`: a number, or a JSONata expression.
    Seconds(IntOrExpr),
    /// `Timestamp`: an RFC 3339 timestamp, or a JSONata expression.
    Timestamp(String),
    /// `SecondsPath`.
    SecondsPath(String),
    /// `TimestampPath`.
    TimestampPath(String),
}

/// `Wait` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitState {
    /// Exactly one of the four duration fields.
    pub duration: WaitDuration,
}

/// `Succeed` has no fields of its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SucceedState {}

/// `Fail` fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FailState {
    /// `Error` (a name, or a JSONata expression).
    pub error: Option<String>,
    /// `ErrorPath` (JSONPath, may be an intrinsic).
    pub error_path: Option<String>,
    /// `Cause`.
    pub cause: Option<String>,
    /// `CausePath`.
    pub cause_path: Option<String>,
}

/// `Parallel` fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ParallelState {
    /// `Branches`: each an independent machine; results are collected in branch order.
    pub branches: Vec<StateMachine>,
}
