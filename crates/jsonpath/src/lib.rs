//! JSONPath as AWS Step Functions evaluates it (Jayway JsonPath semantics and error texts).
//!
//! Compile a path once with [`Path::parse`], evaluate it many times with [`Path::select`]
//! (borrows from the document) or [`Path::evaluate`] (owned result). Reference paths
//! (`ResultPath` and other `…Path` fields) use [`ReferencePath`], which can also write a value
//! into a document ([`ReferencePath::set`]).
//!
//! ```
//! use aslplay_jsonpath::Path;
//! use serde_json::json;
//!
//! let doc = json!({"a": [{"x": 1}, {"x": 5}]});
//! let p = Path::parse("$.a[?(@.x > 2)]").unwrap();
//! assert_eq!(p.evaluate(&doc).unwrap(), json!([{"x": 5}]));
//!
//! let missing = Path::parse("$.b").unwrap();
//! let err = missing.evaluate(&doc).unwrap_err();
//! assert_eq!(
//!     missing.invalid_path_cause(&err),
//!     "Invalid path '$.b' : No results for path: $['b']"
//! );
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

mod ast;
mod error;
mod eval;
mod filter_eval;
mod filter_parser;
mod functions;
mod parser;
mod reference;
mod render;

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

pub use ast::{Function, Root};
pub use error::{EvalError, SetError, SetErrorKind, SyntaxError};
pub use eval::Selection;
pub use reference::{InsertedNames, MutNode, ReferencePath, SetSite};

use ast::Step;
use eval::Program;

/// A compiled JSONPath.
#[derive(Debug, Clone)]
pub struct Path {
    source: Box<str>,
    root: Root,
    steps: Vec<Step>,
    positions: Vec<usize>,
    function: Option<Function>,
    function_pos: usize,
    definite: bool,
}

impl Path {
    /// Compiles `source`. Errors carry the byte position and what was expected there.
    pub fn parse(source: &str) -> Result<Path, SyntaxError> {
        let parsed = parser::parse_path(source)?;
        let definite = eval::is_definite(&parsed.steps, parsed.function.as_ref());
        Ok(Path {
            source: source.into(),
            root: parsed.root,
            steps: parsed.steps,
            positions: parsed.positions,
            function: parsed.function,
            function_pos: parsed.function_pos,
            definite,
        })
    }

    /// The text the path was compiled from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Which document the path reads: state input, context object, or a variable.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Jayway's definiteness: `true` when the path can match at most one node (no wildcard,
    /// deep scan, filter, slice or multi-index). Definite paths evaluate to the value itself
    /// and fail when nothing matches; indefinite paths evaluate to an array of matches.
    pub fn is_definite(&self) -> bool {
        self.definite
    }

    /// `true` for the bare root (`$`, `$$`, `$name`).
    pub fn is_root_only(&self) -> bool {
        self.steps.is_empty() && self.function.is_none()
    }

    /// The trailing function call, if any.
    pub fn function(&self) -> Option<&Function> {
        self.function.as_ref()
    }

    /// Jayway's canonical rendering, e.g. `$['a']['b'][0]` for `$.a.b[0]` (what AWS prints
    /// after `No results for path:`). The root always renders as `$`.
    pub fn canonical(&self) -> String {
        render::canonical(&self.steps, self.function.as_ref())
    }

    /// Evaluates against `doc` (the document chosen for [`Path::root`]), borrowing matches.
    pub fn select<'a>(&'a self, doc: &'a Value) -> Result<Selection<'a>, EvalError> {
        self.program().run(doc, doc)
    }

    /// Evaluates against `doc`: a definite path gives its value, an indefinite one a JSON
    /// array of all matches.
    pub fn evaluate(&self, doc: &Value) -> Result<Value, EvalError> {
        self.select(doc).map(Selection::into_value)
    }

    /// AWS's cause text for an evaluation error in InputPath/OutputPath-style fields:
    /// `Invalid path '<source>' : <Jayway message>`.
    pub fn invalid_path_cause(&self, err: &EvalError) -> String {
        format!("Invalid path '{}' : {}", self.source, err)
    }

    fn program(&self) -> Program<'_> {
        Program {
            steps: &self.steps,
            function: self.function.as_ref(),
            definite: self.definite,
        }
    }
}

impl FromStr for Path {
    type Err = SyntaxError;

    fn from_str(s: &str) -> Result<Path, SyntaxError> {
        Path::parse(s)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Parses `source` and returns Jayway's canonical rendering (`$.a[0]` → `$['a'][0]`).
pub fn canonical(source: &str) -> Result<String, SyntaxError> {
    Path::parse(source).map(|p| p.canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(path: &str, doc: &Value) -> Result<Value, String> {
        let p = Path::parse(path).map_err(|e| format!("syntax: {e}"))?;
        p.evaluate(doc).map_err(|e| e.to_string())
    }

    #[test]
    fn definite_and_missing() {
        let doc = json!({"a": {"b": [10, 20, 30]}, "n": null});
        assert_eq!(eval("$.a.b[1]", &doc), Ok(json!(20)));
        assert_eq!(eval("$.a.b[-1]", &doc), Ok(json!(30)));
        assert_eq!(eval("$.n", &doc), Ok(json!(null)));
        assert_eq!(
            eval("$.x", &doc),
            Err("No results for path: $['x']".to_string())
        );
        assert_eq!(
            eval("$.x.y", &doc),
            Err("Missing property in path $['x']".to_string())
        );
        assert_eq!(
            eval("$.a.b[7]", &doc),
            Err("No results for path: $['a']['b'][7]".to_string())
        );
        assert_eq!(
            eval("$.n[0]", &doc),
            Err("The path $['n'] is null".to_string())
        );
    }

    #[test]
    fn indefinite() {
        let doc = json!({"a": [{"x": 1}, {"x": 5}, {"y": 2}]});
        assert_eq!(eval("$.a[*].x", &doc), Ok(json!([1, 5])));
        assert_eq!(eval("$..x", &doc), Ok(json!([1, 5])));
        assert_eq!(eval("$.a[?(@.x > 9)]", &doc), Ok(json!([])));
        assert_eq!(eval("$.a[0:2].x", &doc), Ok(json!([1, 5])));
    }

    #[test]
    fn roots_exposed() {
        let p = Path::parse("$$.Execution.Input").unwrap();
        assert_eq!(p.root(), &Root::Context);
        assert_eq!(p.canonical(), "$['Execution']['Input']");
        let p = Path::parse("$v[0].a").unwrap();
        assert_eq!(p.root(), &Root::Variable("v".into()));
        assert_eq!(p.evaluate(&json!([{"a": 3}])), Ok(json!(3)));
    }

    #[test]
    fn select_borrows_definite() {
        let doc = json!({"a": {"b": 1}});
        let p = Path::parse("$.a").unwrap();
        match p.select(&doc).unwrap() {
            Selection::One(std::borrow::Cow::Borrowed(v)) => assert!(std::ptr::eq(v, &doc["a"])),
            other => panic!("{other:?}"),
        }
    }
}
