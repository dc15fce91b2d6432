//! The typed definition model: what a user wrote in an Amazon States Language document.
//!
//! The model is *syntax*: field values are kept as written (strings, JSON values) together with
//! JSON-pointer locations, so diagnostics can point at the source. The executor compiles the
//! model into an executable program (paths, templates and intrinsics parsed once).
//!
//! Every state type and every field of the current States Language is represented, for both
//! query languages (JSONPath and JSONata).

pub mod build;
mod choice;
mod common;
mod map;
mod states;

pub use choice::{ChoiceRule, Comparison, ComparisonOperand, ComparisonOperator, Condition};
pub use common::{Catcher, IntOrExpr, JitterStrategy, Retrier, Transition};
pub use map::{
    ItemBatcher, ItemProcessor, ItemReader, ItemsSource, MapMode, MapState, ProcessorConfig,
    ResultWriter,
};
pub use states::{
    ChoiceState, FailState, ParallelState, PassState, State, StateKind, SucceedState, TaskState,
    WaitDuration, WaitState,
};

use indexmap::IndexMap;
use serde_json::Value;

/// A byte range `start..end` into the definition text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span covering `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// The query language of a machine or state (`QueryLanguage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QueryLanguage {
    /// `JSONPath` (the default).
    #[default]
    JsonPath,
    /// `JSONata`.
    Jsonata,
}

impl QueryLanguage {
    /// The name as written in a definition.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

/// A whole state machine, or the body of a Parallel branch / Map item processor
/// (those have `StartAt` and `States` too).
#[derive(Clone, Debug, PartialEq)]
pub struct StateMachine {
    /// `Comment`.
    pub comment: Option<String>,
    /// `StartAt`: the name of the first state.
    pub start_at: String,
    /// `States`, in document order, keyed by name.
    pub states: IndexMap<String, State>,
    /// `Version` (top level only).
    pub version: Option<String>,
    /// `TimeoutSeconds` (top level only).
    pub timeout_seconds: Option<u64>,
    /// The query language declared at this level, if any (`QueryLanguage`).
    pub query_language: Option<QueryLanguage>,
    /// The effective query language for this level's states (inherited when not declared).
    pub effective_query_language: QueryLanguage,
    /// JSON pointer of this object (`""` for the top level, `/States/P/Branches/0` …).
    pub pointer: String,
}

impl StateMachine {
    /// The state called `name` at this level.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.get(name)
    }
}

/// A payload template or static JSON value as written, e.g. `Parameters`, `Result`, `Output`.
pub type Payload = Value;
