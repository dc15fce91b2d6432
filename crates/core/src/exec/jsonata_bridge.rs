//! The bridge between the engine and the JSONata engine (`aslplay-jsonata`): `{% … %}`
//! detection, compilation once at load, and evaluation with `$states` and workflow variables
//! bound, time and randomness coming from the execution.

use super::context::ContextData;
use super::vars::Vars;
use crate::random::Random;
use aslplay_jsonata::{Binding, EvalOptions, Expression, Host, FUNCTION_RESULT_CODE};
use serde_json::Value;
use std::rc::Rc;

/// The body of a `{% … %}` string, if `s` is one.
pub fn strip_delimiters(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}")
}

/// What `$states` holds while an expression runs.
pub struct StatesVar<'a> {
    /// `$states.input`.
    pub input: &'a Value,
    /// `$states.context` (built only if the expression reads it).
    pub context: &'a ContextData,
    /// `$states.result` (only where AWS allows it).
    pub result: Option<&'a Value>,
    /// `$states.errorOutput` (Catch only).
    pub error_output: Option<&'a Value>,
}

/// Everything an expression may read.
pub struct JsonataEnv<'a> {
    /// `$states`.
    pub states: StatesVar<'a>,
    /// Workflow variables.
    pub vars: &'a Vars,
    /// The execution's random source (`$random`, `$uuid`).
    pub rng: &'a mut Random,
    /// Virtual time (`$now`, `$millis`).
    pub now_ms: i64,
}

struct ExecHost<'a> {
    now_ms: i64,
    rng: &'a mut Random,
}

impl Host for ExecHost<'_> {
    fn now_millis(&mut self) -> f64 {
        self.now_ms as f64
    }
    fn random(&mut self) -> f64 {
        self.rng.next_f64()
    }
}

/// Why an evaluation gave no value.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonataFailure {
    /// The expression raised an error (`CODE: message`).
    Error(String),
    /// The result has no JSON form (a function).
    UnsupportedResult,
}

/// A compiled JSONata expression and what it reads.
#[derive(Clone, Debug)]
pub struct JsonataExpr {
    text: String,
    expr: Rc<Expression>,
    /// Workflow variables the expression refers to (bound from the execution's variables).
    variables: Rc<[String]>,
    /// Whether it reads `$states.context`.
    reads_context: bool,
}

impl JsonataExpr {
    /// Compiles the text between `{%` and `%}`.
    pub fn compile(body: &str) -> Result<JsonataExpr, String> {
        let text = body.trim().to_string();
        let expr = Expression::parse(&text).map_err(|e| format!("{}: {}", e.code, e.message))?;
        let analysis = expr.analyze();
        let mut variables: Vec<String> = analysis
            .variables
            .iter()
            .map(|(name, _)| name.clone())
            .filter(|n| n != "states")
            .collect();
        variables.sort();
        variables.dedup();
        let reads_context = analysis
            .states_paths
            .iter()
            .any(|(path, _)| path.first().is_none_or(|f| f == "context"))
            || analysis.variables.iter().any(|(n, _)| n == "states")
                && analysis.states_paths.is_empty();
        Ok(JsonataExpr {
            text,
            expr: Rc::new(expr),
            variables: variables.into(),
            reads_context,
        })
    }

    /// The expression as written (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the expression; `Ok(None)` is JSONata's undefined.
    pub fn evaluate(&self, env: &mut JsonataEnv<'_>) -> Result<Option<Value>, JsonataFailure> {
        // `$states` is assembled from references: nothing is copied before the engine
        // converts it.
        let context = self.reads_context.then(|| env.states.context.value());
        let mut states: Vec<(&str, &Value)> = Vec::with_capacity(4);
        states.push(("input", env.states.input));
        if let Some(c) = context {
            states.push(("context", c));
        }
        if let Some(r) = env.states.result {
            states.push(("result", r));
        }
        if let Some(e) = env.states.error_output {
            states.push(("errorOutput", e));
        }
        let mut bindings: Vec<(&str, Binding<'_>)> = Vec::with_capacity(1 + self.variables.len());
        bindings.push(("states", Binding::Object(&states)));
        for name in self.variables.iter() {
            if let Some(v) = env.vars.get(name) {
                bindings.push((name, Binding::Json(v)));
            }
        }
        let mut host = ExecHost {
            now_ms: env.now_ms,
            rng: env.rng,
        };
        let opts = EvalOptions {
            reject_function_results: true,
            ..EvalOptions::default()
        };
        self.expr
            .evaluate_with(None, &bindings, &opts, &mut host)
            .map_err(|e| {
                if e.code == FUNCTION_RESULT_CODE {
                    JsonataFailure::UnsupportedResult
                } else {
                    // As AWS quotes them: `T1006: Attempted to invoke a non-function`.
                    JsonataFailure::Error(format!("{}: {}", e.code, e.message))
                }
            })
    }
}
