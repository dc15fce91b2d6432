//! The parsed form of an intrinsic function expression.

use serde_json::Value;

use super::function::Function;

/// A byte range `start..end` in the expression text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// What a path argument reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// `$…`: the state's (effective) input.
    Input,
    /// `$$…`: the context object.
    Context,
    /// `$name…`: a workflow variable.
    Variable,
}

impl PathKind {
    /// Classifies a path text that starts with `$`.
    pub fn of(text: &str) -> PathKind {
        let rest = text.strip_prefix('$').unwrap_or(text);
        if rest.starts_with('$') {
            PathKind::Context
        } else if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
            PathKind::Input
        } else {
            PathKind::Variable
        }
    }
}

/// A call of one intrinsic function, e.g. `States.Array(1, $.a)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call<P> {
    /// The function called.
    pub function: Function,
    /// Its arguments, in order.
    pub args: Vec<Arg<P>>,
    /// Where the call is written (from `States.` to the closing parenthesis).
    pub span: Span,
}

/// One argument of an intrinsic call.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<P> {
    /// A string literal `'…'`. `value` has the escapes resolved; `raw` is the text between
    /// the quotes as written (`States.Format` needs it to tell `\{` from `{`).
    String {
        /// The string with escapes resolved.
        value: String,
        /// The text between the quotes, escapes kept.
        raw: String,
        /// Where the literal is written, quotes included.
        span: Span,
    },
    /// A number, `true`, `false` or `null` literal.
    Literal {
        /// The literal's value.
        value: Value,
        /// Where the literal is written.
        span: Span,
    },
    /// A path (`$.a`, `$$.Execution.Id`, `$var.x`), compiled by the caller.
    Path {
        /// What the path reads from.
        kind: PathKind,
        /// The path as written.
        text: String,
        /// The caller's compiled form of `text`.
        compiled: P,
        /// Where the path is written.
        span: Span,
    },
    /// A nested intrinsic call.
    Call(Call<P>),
}

impl<P> Arg<P> {
    /// Where the argument is written.
    pub fn span(&self) -> Span {
        match self {
            Arg::String { span, .. } | Arg::Literal { span, .. } | Arg::Path { span, .. } => *span,
            Arg::Call(call) => call.span,
        }
    }
}

impl<P> Call<P> {
    /// Calls `f` on every path argument, nested calls included, in written order.
    pub fn for_each_path<'a>(&'a self, f: &mut dyn FnMut(PathKind, &'a str, &'a P)) {
        for arg in &self.args {
            match arg {
                Arg::Path {
                    kind,
                    text,
                    compiled,
                    ..
                } => f(*kind, text, compiled),
                Arg::Call(call) => call.for_each_path(f),
                Arg::String { .. } | Arg::Literal { .. } => {}
            }
        }
    }

    /// The deepest nesting of calls: 1 for a call without nested calls.
    pub fn depth(&self) -> usize {
        1 + self
            .args
            .iter()
            .map(|a| match a {
                Arg::Call(c) => c.depth(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
}
