//! The bridge between the engine and the JSONata engine (`aslplay-jsonata`): `{% … %}`
//! detection, compilation once at load, and evaluation with `$states` and workflow variables
//! bound, time and randomness coming from the execution.

use super::context::ContextData;
use super::vars::Vars;
use crate::random::Random;
use aslplay_jsonata::{Binding, EvalOptions, Expression, Host, Parts, FUNCTION_RESULT_CODE};
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
    /// The parts of `$states.input` it reads, when it reads only some
    /// (`Expression::member_parts`). `None`: it may read anything.
    input_parts: Option<Rc<Parts>>,
    /// The same of `$states.result` (a Task's result can be large too).
    result_parts: Option<Rc<Parts>>,
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
        let parts = |member: &str| {
            expr.member_parts(member)
                .filter(|p| !p.is_whole())
                .map(Rc::new)
        };
        let (input_parts, result_parts) = (parts("input"), parts("result"));
        Ok(JsonataExpr {
            text,
            expr: Rc::new(expr),
            variables: variables.into(),
            reads_context,
            input_parts,
            result_parts,
        })
    }

    /// The expression as written (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the expression; `Ok(None)` is JSONata's undefined.
    pub fn evaluate(&self, env: &mut JsonataEnv<'_>) -> Result<Option<Value>, JsonataFailure> {
        // `$states` is assembled from references, and the engine converts all it is given:
        // of the input and the result it gets only the parts the expression reads, copied
        // (a field of a large document is the common case).
        let context = self.reads_context.then(|| env.states.context.value());
        let pruned = |parts: &Option<Rc<Parts>>, doc: &Value| {
            parts
                .as_deref()
                .filter(|parts| !parts.keeps_all(doc))
                .map(|parts| parts.prune(doc))
        };
        let input = pruned(&self.input_parts, env.states.input);
        let result = env
            .states
            .result
            .map(|r| (pruned(&self.result_parts, r), r));
        let mut states: Vec<(&str, &Value)> = Vec::with_capacity(4);
        states.push(("input", input.as_ref().unwrap_or(env.states.input)));
        if let Some(c) = context {
            states.push(("context", c));
        }
        if let Some((pruned, whole)) = &result {
            states.push(("result", pruned.as_ref().unwrap_or(whole)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::ExecutionFacts;
    use serde_json::json;

    /// The expression through the bridge (the input, or the result, pruned to what it reads)
    /// and with all of it bound: the same result or the same error, on every document.
    #[test]
    fn pruned_inputs_give_what_the_whole_input_gives() {
        let docs = [
            json!({"a": {"b": 1, "c": [1, 2]}, "items": [{"price": 3, "name": "x", "tags": ["p"]}, {"price": 9, "name": "y"}, 5, [{"name": "z", "price": 7}]], "order": {"items": [{"sku": "k", "qty": 2}]}, "1": "one", "big": "b".repeat(100)}),
            json!([{"a": {"b": 2}}, {"a": [{"b": 3}, {"c": 4}]}, 7, null]),
            json!({"a": [[{"b": 1}], [[{"b": 2}]]], "items": "not a list"}),
            json!(3),
            json!({}),
        ];
        let expressions = [
            "$states.input.a.b",
            "$states.input.a",
            "$states.input.a.b + $states.input.items[0].price",
            "$count($states.input.items)",
            "$states.input.items[price > 5].name",
            "$states.input.items.name",
            "$states.input.items.tags",
            "$states.input.items[0]",
            "$states.input.items[-1].price",
            "$states.input.items^(price).name",
            "$states.input.items{name: price}",
            "$states.input.items@$i.$i.name",
            "$states.input.items#$n[$n > 0].name",
            // A focus binding yields the objects the step was taken from.
            "$states.input.order.items@$it",
            "$states.input.a.c@$v",
            "$states.input.a.c@$v.{'v': $v}",
            "$states.input.a.c#$n",
            "$states.input.order.items.(sku & ':' & qty)",
            "$states.input.order.items[qty > 1] ~> $count()",
            "$keys($states.input.a)",
            "$states.input.a.*",
            "$states.input.a.**.b",
            "$states.input.'1'",
            "$states.input.missing.deeper",
            "$states.input.a.b = 1 ? $states.input.order : $states.input.items",
            "{'x': $states.input.a.c[1], 'f': $map($states.input.a.c, function($v){ $v + $states.input.a.b })}",
            "$exists($states.input.a.c) and $states.input.a.c[0] = 1",
            "$string($states.input.a)",
            "$states.input.a.b.c.d",
            "$states.input.a[0].b",
            "$states.input.items[name = 'y'].price",
            "$states.input.items.$string()",
            "$states.input",
            "1 + 1",
        ];
        let context = ContextData::new(ExecutionFacts::default());
        let vars = Vars::new();
        let unread = json!({"unread": [1, 2]});
        let mut pruned_some = 0;
        for text in expressions {
            for member in ["input", "result"] {
                let text = text.replace("$states.input", &format!("$states.{member}"));
                let expr = JsonataExpr::compile(&text).unwrap();
                for doc in &docs {
                    let (input, result) = match member {
                        "input" => (doc, None),
                        _ => (&unread, Some(doc)),
                    };
                    let mut rng = Random::new(1);
                    let mut env = JsonataEnv {
                        states: StatesVar {
                            input,
                            context: &context,
                            result,
                            error_output: None,
                        },
                        vars: &vars,
                        rng: &mut rng,
                        now_ms: 0,
                    };
                    let ours = expr.evaluate(&mut env);
                    let mut states = vec![("input", input)];
                    states.extend(result.map(|r| ("result", r)));
                    let whole = expr
                        .expr
                        .evaluate_with(
                            None,
                            &[("states", Binding::Object(&states))],
                            &EvalOptions {
                                reject_function_results: true,
                                ..EvalOptions::default()
                            },
                            &mut ExecHost {
                                now_ms: 0,
                                rng: &mut Random::new(1),
                            },
                        )
                        .map_err(|e| JsonataFailure::Error(format!("{}: {}", e.code, e.message)));
                    assert_eq!(ours, whole, "{text} on {doc}");
                    let parts = match member {
                        "input" => &expr.input_parts,
                        _ => &expr.result_parts,
                    };
                    if parts.as_deref().is_some_and(|p| !p.keeps_all(doc)) {
                        pruned_some += 1;
                    }
                }
            }
        }
        assert!(
            pruned_some > 100,
            "only {pruned_some} evaluations were pruned"
        );
    }
}
