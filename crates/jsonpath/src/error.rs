//! Error types: syntax errors (compile time), evaluation errors (Jayway's texts) and
//! reference-path assignment errors.

use std::fmt;

/// A path that does not parse. `position` is a byte offset into the path text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the path text where the problem was found.
    pub position: usize,
    /// What is wrong and what would be valid there.
    pub message: String,
}

impl SyntaxError {
    pub(crate) fn new(position: usize, message: impl Into<String>) -> Self {
        SyntaxError {
            position,
            message: message.into(),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at position {})", self.message, self.position)
    }
}

impl std::error::Error for SyntaxError {}

/// Why a path found no usable result. `Display` gives Jayway's exception message, which AWS
/// embeds in causes such as `Invalid path '$.x' : No results for path: $['x']`
/// (see [`crate::Path::invalid_path_cause`]).
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// A definite path matched nothing: `No results for path: $['x']`.
    NoResults {
        /// Canonical form of the whole path.
        path: String,
    },
    /// A non-leaf property is missing on a definite path: `Missing property in path $['a']`.
    MissingProperty {
        /// Canonical path up to and including the missing property.
        path: String,
    },
    /// A property step met something that is not an object on a definite path.
    NotAnObject {
        /// The property fragment, e.g. `['b']`.
        property: String,
        /// Canonical path of the value that is not an object.
        path: String,
        /// Java class name of what was found (`null` for JSON null), as Jayway prints it.
        found: &'static str,
    },
    /// An array step met `null` on a definite path: `The path $['a'] is null`.
    PathIsNull {
        /// Canonical path of the null value.
        path: String,
    },
    /// An array step met a non-array on a definite path.
    NotAnArray {
        /// The rest of the path from the array step, e.g. `[0]['b']`.
        fragment: String,
        /// Java `toString()` of the value found.
        context: String,
    },
    /// A filter met a primitive on a definite path.
    FilterOnPrimitive {
        /// The rest of the path from the filter step, e.g. `[?]`.
        fragment: String,
        /// Java `toString()` of the value found.
        context: String,
    },
    /// `['a','b']` followed by more steps (AWS's Jayway rejects this).
    MultiPropertyNotLeaf {
        /// Canonical path up to the multi-property step, e.g. `$['a', 'b']`.
        path: String,
    },
    /// A function name Jayway does not know.
    UnknownFunction {
        /// The name as written.
        name: String,
    },
    /// An aggregation function (`min()`, `sum()`, …) found no number.
    EmptyAggregation,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::NoResults { path } => write!(f, "No results for path: {path}"),
            EvalError::MissingProperty { path } => write!(f, "Missing property in path {path}"),
            EvalError::NotAnObject {
                property,
                path,
                found,
            } => write!(
                f,
                "Expected to find an object with property {property} in path {path} but found \
                 '{found}'. This is not a json object according to the JsonProvider: \
                 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."
            ),
            EvalError::PathIsNull { path } => write!(f, "The path {path} is null"),
            EvalError::NotAnArray { fragment, context } => write!(
                f,
                "Filter: {fragment} can only be applied to arrays. Current context is: {context}"
            ),
            EvalError::FilterOnPrimitive { fragment, context } => write!(
                f,
                "Filter: {fragment} can not be applied to primitives. Current context is: {context}"
            ),
            EvalError::MultiPropertyNotLeaf { path } => {
                write!(f, "Multi properties can only be used as path leafs: {path}")
            }
            EvalError::UnknownFunction { name } => {
                write!(f, "Function with name: {name} does not exist.")
            }
            EvalError::EmptyAggregation => write!(
                f,
                "Aggregation function attempted to calculate value using empty array"
            ),
        }
    }
}

impl std::error::Error for EvalError {}

/// Why a value could not be written at a reference path (AWS: `States.ResultPathMatchFailure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError {
    /// The reference path as written.
    pub path: String,
    /// What went wrong.
    pub kind: SetErrorKind,
}

/// Detail of a [`SetError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetErrorKind {
    /// A field step met a value that is not an object. `at` is the canonical path of that value.
    NotAnObject {
        /// Canonical path of the offending value (`$` for the document itself).
        at: String,
    },
    /// An index step met a value that is not an array (or a missing value it cannot create).
    NotAnArray {
        /// Canonical path of the offending value.
        at: String,
    },
    /// An index step is outside the array.
    IndexOutOfRange {
        /// Canonical path of the array.
        at: String,
        /// The index as written.
        index: i64,
        /// The array's length.
        len: usize,
    },
    /// The reference path does not read from the state input (`$$…` or `$var…`).
    NotInputRooted,
}

impl SetError {
    /// AWS's cause text: `Unable to apply ReferencePath $.a.b to input {"a":1}`; `input` is the
    /// document the path was applied to (unchanged on error).
    pub fn aws_cause(&self, input: &serde_json::Value) -> String {
        format!(
            "Unable to apply ReferencePath {} to input {}",
            self.path,
            serde_json::to_string(input).unwrap_or_default()
        )
    }
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SetErrorKind::NotAnObject { at } => write!(
                f,
                "Unable to apply ReferencePath {}: the value at {at} is not a JSON object",
                self.path
            ),
            SetErrorKind::NotAnArray { at } => write!(
                f,
                "Unable to apply ReferencePath {}: the value at {at} is not a JSON array",
                self.path
            ),
            SetErrorKind::IndexOutOfRange { at, index, len } => write!(
                f,
                "Unable to apply ReferencePath {}: index {index} is outside the array at {at} \
                 (length {len})",
                self.path
            ),
            SetErrorKind::NotInputRooted => write!(
                f,
                "Unable to apply ReferencePath {}: only paths starting with '$' (the state \
                 input) can be written to",
                self.path
            ),
        }
    }
}

impl std::error::Error for SetError {}
