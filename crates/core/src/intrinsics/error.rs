//! Errors of intrinsic functions: at load time (parse) and at run time (evaluation).

use std::fmt;

/// An expression that is not a valid intrinsic function call.
///
/// AWS rejects such a definition at creation time with `SCHEMA_VALIDATION_FAILED` and the
/// text of [`ParseError::schema_message`]; `message` says precisely what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the expression where the problem was found.
    pub position: usize,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(position: usize, message: impl Into<String>) -> Self {
        ParseError {
            position,
            message: message.into(),
        }
    }

    /// AWS's `SCHEMA_VALIDATION_FAILED` wording for a `.$` field (e.g. `"Value.$"`) whose
    /// value is neither a path nor a valid intrinsic call; the validator appends
    /// `" at /States/<state>/<field>"`.
    pub fn schema_message(field: &str) -> String {
        format!("The value for the field '{field}' must be a valid JSONPath or a valid intrinsic function call")
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.position, self.message)
    }
}

impl std::error::Error for ParseError {}

/// The error name an intrinsic failure is reported with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorName {
    /// `States.IntrinsicFailure`: a function rejected its arguments.
    IntrinsicFailure,
    /// `States.Runtime`: a path argument matched nothing (AWS reports this one as a
    /// runtime error, which `States.ALL` does not catch).
    Runtime,
}

impl ErrorName {
    /// The error name as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorName::IntrinsicFailure => "States.IntrinsicFailure",
            ErrorName::Runtime => "States.Runtime",
        }
    }
}

/// A failure while evaluating an intrinsic call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntrinsicError {
    /// The error name to report.
    pub error: ErrorName,
    /// What went wrong (without the `The function '…' had the following error:` frame).
    pub message: String,
}

impl IntrinsicError {
    /// A `States.IntrinsicFailure` with `message`.
    pub fn failure(message: impl Into<String>) -> Self {
        IntrinsicError {
            error: ErrorName::IntrinsicFailure,
            message: message.into(),
        }
    }

    /// The `States.Runtime` error AWS raises when a path argument matches nothing, e.g.
    /// `The JsonPath argument for the field '$.nope' could not be found in the input
    /// '{"other":1}'`. `input_text` is the JSON text of the document the path was applied
    /// to (the caller chooses its serialisation).
    pub fn path_not_found(path: &str, input_text: &str) -> Self {
        IntrinsicError {
            error: ErrorName::Runtime,
            message: format!(
                "The JsonPath argument for the field '{path}' could not be found in the input '{input_text}'"
            ),
        }
    }

    /// The error name as AWS writes it, e.g. `"States.IntrinsicFailure"`.
    pub fn error_name(&self) -> &'static str {
        self.error.as_str()
    }

    /// The cause as AWS frames it, naming the whole expression (not the inner call):
    /// `The function '<expression>' had the following error: <message>`. The engine puts
    /// `An error occurred while executing the state '…' (entered at the event id #N). ` in
    /// front.
    pub fn cause(&self, expression: &str) -> String {
        format!(
            "The function '{expression}' had the following error: {}",
            self.message
        )
    }
}

impl fmt::Display for IntrinsicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error.as_str(), self.message)
    }
}

impl std::error::Error for IntrinsicError {}
