//! A JSONata 2.0.6 engine, as used by AWS Step Functions.
//!
//! Sans-IO: the current time and randomness come from a caller-supplied [`Host`], so runs
//! replay deterministically. Hostile expressions are stopped by [`Limits`] (evaluation
//! depth, a step budget and size caps) instead of hanging.
//!
//! ```
//! use aslplay_jsonata::{Expression, EvalOptions, FixedHost};
//! let e = Expression::parse("$sum(a.b) * 2").unwrap();
//! let input = serde_json::json!({"a": [{"b": 1}, {"b": 2.5}]});
//! let out = e
//!     .evaluate(Some(&input), &serde_json::Map::new(), &EvalOptions::default(), &mut FixedHost::new(0.0, 1))
//!     .unwrap();
//! assert_eq!(out, Some(serde_json::json!(7)));
//! ```
#![forbid(unsafe_code)]
// No panics on user input (a panic in wasm kills the page): see docs/limits.md.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod analysis;
pub mod ast;
mod env;
mod error;
mod eval;
mod functions;
mod lexer;
pub mod limits;
mod parser;
mod parts;
mod regex;
mod signature;
mod value;

pub use analysis::{Analysis, RootRef};
pub use error::Error;
pub use limits::Limits;
pub use parts::Parts;

use value::Value;

/// Supplies the outside world: the clock and randomness.
pub trait Host {
    /// Milliseconds since the Unix epoch; read once per evaluation (`$now()`, `$millis()`).
    fn now_millis(&mut self) -> f64;
    /// A number in [0, 1) (`$random()`, `$shuffle()`, `$uuid()`).
    fn random(&mut self) -> f64;
}

/// A deterministic [`Host`]: a fixed time and a seeded generator.
#[derive(Debug, Clone)]
pub struct FixedHost {
    pub now_millis: f64,
    state: u64,
}

impl FixedHost {
    /// A host whose clock reads `now_millis` and whose random numbers derive from `seed`.
    pub fn new(now_millis: f64, seed: u64) -> Self {
        FixedHost {
            now_millis,
            state: seed,
        }
    }
}

impl Host for FixedHost {
    fn now_millis(&mut self) -> f64 {
        self.now_millis
    }
    fn random(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Evaluation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalOptions {
    /// Resource limits.
    pub limits: Limits,
    /// Register the Step Functions functions (`$partition`, `$range`, `$hash`, `$random(seed)`,
    /// `$uuid`, `$parse`). On by default.
    pub step_functions: bool,
    /// Fail with [`FUNCTION_RESULT_CODE`] when the whole result is a function (Step Functions
    /// rejects such results) instead of rendering it as `""` like jsonata-js's JSON output.
    pub reject_function_results: bool,
}

/// The error code of a function-valued result when [`EvalOptions::reject_function_results`]
/// is set (not a jsonata-js code).
pub const FUNCTION_RESULT_CODE: &str = "SFN0001";

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            limits: Limits::default(),
            step_functions: true,
            reject_function_results: false,
        }
    }
}

/// A variable's value for [`Expression::evaluate_with`].
#[derive(Clone, Copy, Debug)]
pub enum Binding<'a> {
    /// A JSON value.
    Json(&'a serde_json::Value),
    /// An object with these members, in order.
    Object(&'a [(&'a str, &'a serde_json::Value)]),
}

/// A parsed JSONata expression.
#[derive(Debug, Clone)]
pub struct Expression {
    ast: ast::Node,
    slots: Vec<ast::Slot>,
    /// Set when the source has characters outside the BMP: positions are then converted
    /// from characters to UTF-16 code units, like jsonata-js reports them.
    utf16: Option<std::rc::Rc<str>>,
}

/// Character offset `pos` in `src` as a UTF-16 offset.
fn utf16_position(src: &str, pos: usize) -> usize {
    src.chars().take(pos).map(char::len_utf16).sum::<usize>()
        + pos.saturating_sub(src.chars().count())
}

fn fix_position(mut e: Error, src: &str) -> Error {
    if let Some(p) = e.position {
        e.position = Some(utf16_position(src, p));
    }
    e
}

impl Expression {
    /// Parse `src`. Syntax errors carry codes `S01xx`/`S02xx`/`S03xx` and a position.
    pub fn parse(src: &str) -> Result<Expression, Error> {
        let astral = src.chars().any(|c| c.len_utf16() > 1);
        match parser::parse(src) {
            Ok((ast, slots)) => Ok(Expression {
                ast,
                slots,
                utf16: astral.then(|| std::rc::Rc::from(src)),
            }),
            Err(e) if astral => Err(fix_position(e.build(), src)),
            Err(e) => Err(e.build()),
        }
    }

    /// The processed syntax tree.
    pub fn ast(&self) -> &ast::Node {
        &self.ast
    }

    /// What the expression refers to (root context uses, variables, `$states` paths).
    pub fn analyze(&self) -> Analysis {
        analysis::analyze(&self.ast)
    }

    /// The paths of field names below `$states.<member>` (`input`, `result`, …) the
    /// expression reads, when that is all it reads of that member: every `$states` is the
    /// head of a path of plain names (`$states.input.order.items[0]` reads
    /// `["order", "items"]`, the whole `items`; `$states.input` alone reads `[]`, everything).
    /// A member with only those nodes gives the same result. `None` when the expression may
    /// read more: `$states` on its own or rebound, a `%` parent step.
    pub fn member_paths(&self, member: &str) -> Option<Vec<Vec<String>>> {
        analysis::member_paths(&self.ast, member)
    }

    /// [`Self::member_paths`] as a tree, to prune a document to what the expression reads.
    pub fn member_parts(&self, member: &str) -> Option<Parts> {
        self.member_paths(member).map(|paths| Parts::of(&paths))
    }

    /// Evaluate against `input` (`None` = undefined) with variable `bindings` (names without
    /// `$`). Returns `None` when the result is undefined.
    pub fn evaluate(
        &self,
        input: Option<&serde_json::Value>,
        bindings: &serde_json::Map<String, serde_json::Value>,
        opts: &EvalOptions,
        host: &mut dyn Host,
    ) -> Result<Option<serde_json::Value>, Error> {
        let bindings: Vec<(&str, Binding<'_>)> = bindings
            .iter()
            .map(|(k, v)| (k.as_str(), Binding::Json(v)))
            .collect();
        self.evaluate_with(input, &bindings, opts, host)
    }

    /// [`Expression::evaluate`] with bindings given by reference, an object binding as its
    /// members: a caller that assembles `$states` from values it keeps elsewhere converts
    /// them once, without first copying them into a JSON object.
    pub fn evaluate_with(
        &self,
        input: Option<&serde_json::Value>,
        bindings: &[(&str, Binding<'_>)],
        opts: &EvalOptions,
        host: &mut dyn Host,
    ) -> Result<Option<serde_json::Value>, Error> {
        let exec = builtins_env(opts.step_functions).child();
        for (name, binding) in bindings {
            let v = match binding {
                Binding::Json(v) => value::from_json(v),
                Binding::Object(members) => {
                    let mut m =
                        value::Map::with_capacity_and_hasher(members.len(), Default::default());
                    for (k, v) in members.iter() {
                        m.insert((*k).to_string(), value::from_json(v));
                    }
                    Value::object(m)
                }
            };
            exec.bind(name, v);
        }
        let input = input.map(value::from_json).unwrap_or(Value::Undefined);
        exec.bind("$", input.clone());
        let input = match input {
            Value::Array(_, f) if !f.sequence => Value::Array(
                std::rc::Rc::new(vec![input]),
                value::Flags {
                    sequence: true,
                    outer_wrapper: true,
                    ..Default::default()
                },
            ),
            other => other,
        };
        let now = host.now_millis();
        let mut ev = eval::Evaluator {
            limits: opts.limits,
            slots: &self.slots,
            depth: 0,
            steps: 0,
            now_millis: now,
            host,
        };
        match ev.eval(&self.ast, &input, &exec) {
            Ok(Value::Function(_)) if opts.reject_function_results => Err(Error {
                code: FUNCTION_RESULT_CODE.to_string(),
                position: None,
                message: "The expression returned a function, which has no JSON form".into(),
                token: None,
                value: None,
            }),
            Ok(v) => Ok(value::to_json(&v)),
            Err(e) => match &self.utf16 {
                Some(src) => Err(fix_position(e.build(), src)),
                None => Err(e.build()),
            },
        }
    }
}

/// Names of the built-in functions available with `opts`.
pub fn builtin_function_names(opts: &EvalOptions) -> Vec<&'static str> {
    functions::builtin_names(opts.step_functions)
}

thread_local! {
    /// The scopes holding the built-in functions (without and with the Step Functions
    /// additions), made once per thread: parsing the signatures compiles regexes, far too slow
    /// to repeat on every evaluation. Evaluations bind only in child scopes, so these stay
    /// unchanged.
    static BUILTIN_ENVS: (env::Env, env::Env) = (builtin_root(false), builtin_root(true));
}

/// A fresh root scope with the built-in functions registered.
fn builtin_root(step_functions: bool) -> env::Env {
    let root = env::Env::root();
    functions::register(&root, step_functions);
    root
}

/// The shared scope of built-in functions.
fn builtins_env(step_functions: bool) -> env::Env {
    BUILTIN_ENVS.with(|(plain, sfn)| {
        if step_functions {
            sfn.clone()
        } else {
            plain.clone()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expr: &str, input: serde_json::Value) -> Result<Option<serde_json::Value>, Error> {
        let e = Expression::parse(expr)?;
        e.evaluate(
            Some(&input),
            &serde_json::Map::new(),
            &EvalOptions::default(),
            &mut FixedHost::new(0.0, 7),
        )
    }

    #[test]
    fn basics() {
        assert_eq!(run("a.b", json!({"a": {"b": 3}})).unwrap(), Some(json!(3)));
        assert_eq!(run("1/4", json!(null)).unwrap(), Some(json!(0.25)));
        assert_eq!(
            run("$string(1e21)", json!(null)).unwrap(),
            Some(json!("1e+21"))
        );
        assert_eq!(run("nothing", json!({})).unwrap(), None);
        assert_eq!(run("'a' + 1", json!({})).unwrap_err().code, "T2001");
    }

    #[test]
    fn limits_stop_runaway() {
        let e = Expression::parse("($f := function($n) { $f($n + 1) + 1 }; $f(0))").unwrap();
        let err = e
            .evaluate(
                None,
                &serde_json::Map::new(),
                &EvalOptions::default(),
                &mut FixedHost::new(0.0, 1),
            )
            .unwrap_err();
        assert_eq!(err.code, "U1001");
        let e = Expression::parse("($f := function($n) { $f($n + 1) }; $f(0))").unwrap();
        let err = e
            .evaluate(
                None,
                &serde_json::Map::new(),
                &EvalOptions::default(),
                &mut FixedHost::new(0.0, 1),
            )
            .unwrap_err();
        assert!(err.message.contains("timeout"));
        let err = run("[1..900000000]", json!(null)).unwrap_err();
        assert_eq!(err.code, "D2014");
    }

    #[test]
    fn step_functions_extras() {
        assert_eq!(
            run("$partition([1,2,3,4,5], 2)", json!(null)).unwrap(),
            Some(json!([[1, 2], [3, 4], [5]]))
        );
        assert_eq!(
            run("$range(0, 10, 5)", json!(null)).unwrap(),
            Some(json!([0, 5, 10]))
        );
        assert_eq!(
            run("$hash('hello', 'MD5')", json!(null)).unwrap(),
            Some(json!("5d41402abc4b2a76b9719d911017c592"))
        );
        assert_eq!(
            run("$parse('{\"a\":[1]}').a", json!(null)).unwrap(),
            Some(json!([1]))
        );
        assert_eq!(
            run("$random(5) = $random(5)", json!(null)).unwrap(),
            Some(json!(true))
        );
        let u = run("$uuid()", json!(null)).unwrap().unwrap();
        assert_eq!(u.as_str().map(|s| s.len()), Some(36));
        assert_eq!(run("$eval('1')", json!(null)).unwrap_err().code, "T1006");
    }

    /// Behaviours found by differential fuzzing against jsonata-js 2.0.6.
    #[test]
    fn jsonata_js_quirks() {
        let ok = [
            ("$not ? (false)", json!(false)),
            ("$boolean($boolean)", json!(false)),
            ("$boolean(function(){1})", json!(false)),
            ("$parseInteger('1$,234', '#,##0')", json!(1)),
            (
                "$parseInteger('1234567,890', '#:#####0')",
                json!(1234567890),
            ),
            ("$parseInteger('seven undred', 'w')", json!(null)),
            ("$substring('Hello', nothing, 2)", json!("")),
        ];
        for (expr, want) in ok {
            assert_eq!(run(expr, json!({})).unwrap(), Some(want), "{expr}");
        }
        let errs = [
            ("$number(-0.**05)", "S0202", 14, "Expected \")\", got 0"),
            ("\"hello\" 1= 1", "S0201", 9, "Syntax error: 1"),
            (
                "$length(\"𝄞\"",
                "S0203",
                12,
                "Expected \")\" before end of expression",
            ),
            (
                "1 + 'a'",
                "T2002",
                3,
                "The right side of the \"+\" operator must evaluate to a number",
            ),
        ];
        for (expr, code, pos, msg) in errs {
            let e = run(expr, json!({})).unwrap_err();
            assert_eq!(
                (e.code.as_str(), e.position, e.message.as_str()),
                (code, Some(pos), msg),
                "{expr}"
            );
        }
    }
}
