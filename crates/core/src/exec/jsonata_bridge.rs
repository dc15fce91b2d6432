//! The bridge between the engine and the JSONata engine: `{% … %}` detection, compilation,
//! and evaluation with `$states` and workflow variables bound.

use super::vars::Vars;
use crate::random::Random;
use serde_json::Value;

/// The body of a `{% … %}` string, if `s` is one.
pub fn strip_delimiters(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}")
}

/// What `$states` holds while an expression runs.
pub struct StatesVar<'a> {
    /// `$states.input`.
    pub input: &'a Value,
    /// `$states.context`.
    pub context: &'a Value,
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

/// A compiled JSONata expression.
#[derive(Clone, Debug)]
pub struct JsonataExpr {
    text: String,
}

impl JsonataExpr {
    /// Compiles the text between `{%` and `%}`.
    pub fn compile(body: &str) -> Result<JsonataExpr, String> {
        Ok(JsonataExpr {
            text: body.trim().to_string(),
        })
    }

    /// The expression as written (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the expression; `Ok(None)` is JSONata's undefined.
    pub fn evaluate(&self, _env: &mut JsonataEnv<'_>) -> Result<Option<Value>, String> {
        Err("JSONata evaluation is not available in this build yet.".to_string())
    }
}
