//! Syntax tree of a compiled path (mirrors Jayway's path tokens).

use regex_lite::Regex;
use serde_json::Value;

/// Which document a path reads from; the caller picks the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state input (or whatever document the field is defined on).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: the workflow variable `name`.
    Variable(Box<str>),
}

/// One step of a path after the root.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// `.a` or `['a']`.
    Property(Box<str>),
    /// `['a','b']`: merged into one object when it is the last step.
    Properties(Vec<Box<str>>),
    /// `[0]`, `[-1]`.
    Index(i64),
    /// `[0,1]`.
    Indexes(Vec<i64>),
    /// `[from:to]` (no step, like Jayway).
    Slice { from: Option<i64>, to: Option<i64> },
    /// `.*` or `[*]`.
    Wildcard,
    /// `..`: the next step applies to this node and every descendant.
    Scan,
    /// `[?(expr)]`.
    Filter(Box<Expr>),
}

impl Step {
    /// Jayway's `isTokenDefinite` for the step at position `i` of `n`.
    pub(crate) fn is_definite(&self, is_last: bool) -> bool {
        match self {
            Step::Property(_) | Step::Index(_) => true,
            // Jayway merges leaf multi-properties into one object: definite.
            Step::Properties(_) => is_last,
            _ => false,
        }
    }
}

/// A function call at the end of a path, e.g. `.length()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Function {
    /// `length()` / `size()`: element count of an array or object.
    Length,
    /// `size()` (alias of `length()` in Jayway).
    Size,
    /// `min()` of the numbers of an array.
    Min,
    /// `max()` of the numbers of an array.
    Max,
    /// `avg()` of the numbers of an array.
    Avg,
    /// `sum()` of the numbers of an array.
    Sum,
    /// `stddev()` (population) of the numbers of an array.
    Stddev,
    /// `keys()` of an object.
    Keys,
    /// Any other name: accepted by the parser (as Jayway does) and rejected when evaluated.
    Unknown(Box<str>),
}

impl Function {
    pub(crate) fn from_name(name: &str) -> Function {
        match name {
            "length" => Function::Length,
            "size" => Function::Size,
            "min" => Function::Min,
            "max" => Function::Max,
            "avg" => Function::Avg,
            "sum" => Function::Sum,
            "stddev" => Function::Stddev,
            "keys" => Function::Keys,
            other => Function::Unknown(other.into()),
        }
    }

    /// The name as written in a path.
    pub fn name(&self) -> &str {
        match self {
            Function::Length => "length",
            Function::Size => "size",
            Function::Min => "min",
            Function::Max => "max",
            Function::Avg => "avg",
            Function::Sum => "sum",
            Function::Stddev => "stddev",
            Function::Keys => "keys",
            Function::Unknown(n) => n,
        }
    }
}

/// A filter expression inside `[?( … )]`.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `@.x` alone: true when the path yields something (even `null`).
    Exists(Box<SubPath>),
    Compare(Operand, CmpOp, Operand),
}

/// A path inside a filter: `@…` (current item) or `$…` (document root).
#[derive(Debug, Clone)]
pub(crate) struct SubPath {
    pub relative: bool,
    pub steps: Vec<Step>,
    pub function: Option<Function>,
    pub definite: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Operand {
    Path(Box<SubPath>),
    Literal(Value),
    Regex(Box<Regex>),
}

/// Jayway's relational operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    TypeSafeEq,
    TypeSafeNe,
    Lt,
    Le,
    Gt,
    Ge,
    Regex,
    In,
    Nin,
    Contains,
    All,
    Size,
    Empty,
    SubsetOf,
    AnyOf,
    NoneOf,
}
