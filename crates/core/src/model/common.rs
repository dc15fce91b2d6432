//! Fields shared by several state types: transitions, Retry, Catch, and numbers that may be
//! JSONata expressions.

use serde_json::Value;

/// Where a state goes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transition {
    /// `Next: "<state>"`.
    Next(String),
    /// `End: true` (also Succeed and Fail, which end implicitly).
    End,
}

/// An integer field that may instead be a JSONata expression (`"{% … %}"`) in JSONata states,
/// e.g. `TimeoutSeconds`, `MaxConcurrency`, Wait `Seconds`.
#[derive(Clone, Debug, PartialEq)]
pub enum IntOrExpr {
    /// A literal number as written.
    Int(i64),
    /// A JSONata expression string including its `{% %}` delimiters.
    Expr(String),
}

/// `JitterStrategy` of a retrier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JitterStrategy {
    /// `NONE` (the default).
    #[default]
    None,
    /// `FULL`: the delay is a random value between 0 and the computed interval.
    Full,
}

/// One element of a `Retry` array.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    /// `ErrorEquals`: error names this retrier matches (`States.ALL` matches any but a few).
    pub error_equals: Vec<String>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: u64,
    /// `MaxAttempts` (default 3; 0 means never retry).
    pub max_attempts: u64,
    /// `BackoffRate` (default 2.0).
    pub backoff_rate: f64,
    /// `MaxDelaySeconds`: cap on the computed interval.
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy`.
    pub jitter_strategy: JitterStrategy,
    /// JSON pointer of this retrier.
    pub pointer: String,
}

/// One element of a `Catch` array.
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`: the state to go to when caught.
    pub next: String,
    /// `ResultPath` (JSONPath): where the error output goes; `None` when absent (default `$`),
    /// `Some(None)` for `"ResultPath": null` (discard).
    pub result_path: Option<Option<String>>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`: variables to set when this catcher matches.
    pub assign: Option<Value>,
    /// JSON pointer of this catcher.
    pub pointer: String,
}
