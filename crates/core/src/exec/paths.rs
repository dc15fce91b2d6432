//! JSONPath for the engine: compiled paths over the state input, the context object and
//! variables, reference-path writes, and intrinsic calls whose arguments are such paths.

use super::vars::Vars;
use crate::intrinsics::{self, Call, IntrinsicError};
use crate::random::Random;
use aslplay_jsonpath::{EvalError, MutNode, Path, ReferencePath, Root, Selection};
use serde_json::Value;
use std::borrow::Cow;

/// The documents a path may read.
pub struct Docs<'a> {
    /// `$`.
    pub input: &'a Value,
    /// `$$` (built only when a path reads it).
    pub context: &'a super::context::ContextData,
    /// `$name`.
    pub vars: &'a Vars,
}

/// Why a path gave no value.
#[derive(Clone, Debug, PartialEq)]
pub enum PathError {
    /// A definite path matched nothing (or a variable is not set).
    NotFound {
        /// Jayway's message, e.g. `No results for path: $['x']`.
        message: String,
    },
    /// Any other evaluation failure (Jayway's message).
    Other(String),
}

impl PathError {
    /// AWS's cause body for InputPath/OutputPath/ItemsPath failures:
    /// `Invalid path '$.x' : No results for path: $['x']`.
    pub fn invalid_path_message(&self, path: &CPath) -> String {
        let detail = match self {
            PathError::NotFound { message } | PathError::Other(message) => message,
        };
        format!("Invalid path '{}' : {detail}", path.text())
    }
}

/// What [`CPath::take_unless_lazy`] did.
#[derive(Debug)]
pub enum Take {
    /// The node, moved out of the input (a `null` left in its place).
    Moved(Value),
    /// Nothing: the node is inside an object of a lazily parsed payload.
    InLazyObject,
    /// Nothing: the path finds no node in the input, or is not a reference path into `$`.
    Unavailable,
}

/// A compiled path with its source text.
#[derive(Clone, Debug)]
pub struct CPath {
    text: String,
    path: Box<Path>,
    /// The same path as a Reference Path, when it is one (for `ResultPath` writes).
    reference: Option<Box<ReferencePath>>,
}

impl CPath {
    /// Compiles `text` (a Path or Reference Path).
    pub fn compile(text: &str) -> Result<CPath, String> {
        let path = Box::new(Path::parse(text).map_err(|e| e.to_string())?);
        let reference = ReferencePath::parse(text).ok().map(Box::new);
        Ok(CPath {
            text: text.to_string(),
            path,
            reference,
        })
    }

    /// The path as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Evaluates the path against the document its root names.
    pub fn eval(&self, docs: &Docs<'_>) -> Result<Value, PathError> {
        self.eval_cow(docs).map(Cow::into_owned)
    }

    /// [`Self::eval`], borrowing the selected value from its document when it can.
    pub fn eval_cow<'a>(&'a self, docs: &Docs<'a>) -> Result<Cow<'a, Value>, PathError> {
        let doc = match self.path.root() {
            Root::Input => docs.input,
            Root::Context => docs.context.value(),
            Root::Variable(name) => match docs.vars.get(name) {
                Some(v) => v,
                None => {
                    return Err(PathError::NotFound {
                        message: format!("No results for path: variable ${name} is not set"),
                    })
                }
            },
        };
        self.select(doc)
    }

    /// [`Self::eval_cow`] for a path into `$`, borrowing from `input` alone (so the selection
    /// outlives the borrow of the context and variables); `None` for `$$` and `$var` paths.
    pub fn eval_input_cow<'a>(
        &'a self,
        input: &'a Value,
    ) -> Option<Result<Cow<'a, Value>, PathError>> {
        matches!(self.path.root(), Root::Input).then(|| self.select(input))
    }

    /// [`Self::eval`] over an input the caller owns: a reference path into `$` moves the
    /// selected value out of it instead of cloning it (OutputPath on a state's output).
    pub fn eval_owned(
        &self,
        mut input: Value,
        context: &super::context::ContextData,
        vars: &Vars,
    ) -> Result<Value, PathError> {
        if let Take::Moved(v) = self.take_unless_lazy(&mut input) {
            return Ok(v);
        }
        self.eval(&Docs {
            input: &input,
            context,
            vars,
        })
    }

    /// Moves the node this path selects out of `input` (leaving `null` in its place), when
    /// the path is a reference path into `$` and the node exists; `None` leaves `input` as
    /// it was.
    pub fn take_from(&self, input: &mut Value) -> Option<Value> {
        self.get_mut(input).map(std::mem::take)
    }

    /// [`CPath::take_from`], unless the node is inside an object of a lazily parsed payload
    /// (taking it out would parse all that object's members, where copying the node costs
    /// little: below a lazy object, objects are lazy too and shared by a copy).
    pub fn take_unless_lazy(&self, input: &mut Value) -> Take {
        let Some(reference) = self.reference.as_deref() else {
            return Take::Unavailable;
        };
        if !matches!(self.path.root(), Root::Input) {
            return Take::Unavailable;
        }
        match reference.get_mut_unless_lazy(input) {
            MutNode::Found(v) => Take::Moved(std::mem::take(v)),
            MutNode::InLazyObject => Take::InLazyObject,
            MutNode::Missing => Take::Unavailable,
        }
    }

    /// The node this path selects in `input`, mutably, when the path is a reference path
    /// into `$` and the node exists.
    pub fn get_mut<'a>(&self, input: &'a mut Value) -> Option<&'a mut Value> {
        let reference = self.reference.as_deref()?;
        if !matches!(self.path.root(), Root::Input) {
            return None;
        }
        // The same walk as `ReferencePath::find`, which `select` uses for reference paths:
        // the node reading the path gives.
        reference.get_mut(input)
    }

    /// The path as a Reference Path (names and indexes only), when it is one.
    pub fn reference(&self) -> Option<&ReferencePath> {
        self.reference.as_deref()
    }

    /// Runs the path over `doc`, with AWS's result for indefinite paths and its errors.
    fn select<'a>(&'a self, doc: &'a Value) -> Result<Cow<'a, Value>, PathError> {
        // A reference path that finds its node: the direct walk (the general evaluator below
        // gives the same node, and the error when there is none).
        if let Some(v) = self.reference.as_deref().and_then(|r| r.find(doc)) {
            return Ok(Cow::Borrowed(v));
        }
        let result = self.path.select(doc);
        // AWS (recorded): an indefinite path that runs into a missing field selects nothing,
        // which is an empty array, not an error (`$.items[*]` on `{}` gives `[]`).
        if !self.path.is_definite() {
            if let Err(EvalError::NoResults { .. } | EvalError::MissingProperty { .. }) = result {
                return Ok(Cow::Owned(Value::Array(Vec::new())));
            }
        }
        match result {
            Ok(Selection::One(v)) => Ok(v),
            Ok(many) => Ok(Cow::Owned(many.into_value())),
            Err(e @ (EvalError::NoResults { .. } | EvalError::MissingProperty { .. })) => {
                Err(PathError::NotFound {
                    message: e.to_string(),
                })
            }
            Err(other) => Err(PathError::Other(other.to_string())),
        }
    }

    /// Writes `value` at this (reference) path inside `doc`, creating objects on the way.
    /// Errors carry AWS's cause text.
    pub fn set(&self, doc: &mut Value, value: Value) -> Result<(), String> {
        let Some(reference) = &self.reference else {
            return Err(format!(
                "Unable to apply ReferencePath {} to input {}: it is not a Reference Path",
                self.text,
                serde_json::to_string(doc).unwrap_or_default()
            ));
        };
        // `set` leaves the document unchanged on error.
        reference.set(doc, value).map_err(|e| e.aws_cause(doc))
    }
}

/// Parses an intrinsic call whose path arguments compile to [`CPath`]s.
pub fn compile_intrinsic(text: &str) -> Result<Call<CPath>, String> {
    intrinsics::parse(text, &mut |p| CPath::compile(p)).map_err(|e| e.message)
}

/// Evaluates an intrinsic call.
pub fn eval_intrinsic<'d>(
    call: &'d Call<CPath>,
    docs: &Docs<'d>,
    rng: &mut Random,
) -> Result<Value, IntrinsicError> {
    intrinsics::evaluate(
        call,
        &mut |p: &'d CPath| match p.eval_cow(docs) {
            Ok(v) => Ok(v),
            Err(_) => Err(IntrinsicError::path_not_found(
                p.text(),
                &serde_json::to_string(docs.input).unwrap_or_default(),
            )),
        },
        rng,
    )
}
