//! Request errors: AWS's exception names and messages.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The exception names a request can fail with (the `__type` of an AWS JSON protocol error).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorCode {
    /// A request field breaks a model constraint (length, enum, required).
    ValidationException,
    /// The state machine ARN is malformed or names the wrong resource type.
    InvalidArn,
    /// The execution or state machine name is not allowed (or a mock test case is unknown).
    InvalidName,
    /// The execution input is not JSON.
    InvalidExecutionInput,
    /// The definition does not pass CreateStateMachine's checks.
    InvalidDefinition,
    /// No state machine (version, alias) has this ARN.
    StateMachineDoesNotExist,
    /// The state machine is being deleted.
    StateMachineDeleting,
    /// StartSyncExecution was called on a STANDARD state machine.
    StateMachineTypeNotSupported,
    /// CreateStateMachine with a name already taken by a different machine.
    StateMachineAlreadyExists,
    /// aslplay extension: the mock configuration is malformed.
    InvalidMockConfig,
    /// aslplay extension: a run option (start time …) is malformed.
    InvalidOptions,
}

impl ErrorCode {
    /// The exception name, e.g. `InvalidArn`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationException => "ValidationException",
            ErrorCode::InvalidArn => "InvalidArn",
            ErrorCode::InvalidName => "InvalidName",
            ErrorCode::InvalidExecutionInput => "InvalidExecutionInput",
            ErrorCode::InvalidDefinition => "InvalidDefinition",
            ErrorCode::StateMachineDoesNotExist => "StateMachineDoesNotExist",
            ErrorCode::StateMachineDeleting => "StateMachineDeleting",
            ErrorCode::StateMachineTypeNotSupported => "StateMachineTypeNotSupported",
            ErrorCode::StateMachineAlreadyExists => "StateMachineAlreadyExists",
            ErrorCode::InvalidMockConfig => "InvalidMockConfig",
            ErrorCode::InvalidOptions => "InvalidOptions",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected request: the exception name and AWS's message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// The exception name (`__type`).
    #[serde(rename = "__type")]
    pub code: ErrorCode,
    /// The message, worded as AWS words it.
    pub message: String,
}

impl ApiError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The AWS JSON protocol error body: `{"__type": "InvalidName", "message": "..."}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"__type": self.code.as_str(), "message": self.message})
    }

    pub(crate) fn invalid_arn(detail: impl fmt::Display) -> Self {
        Self::new(ErrorCode::InvalidArn, format!("Invalid Arn: '{detail}'"))
    }

    pub(crate) fn invalid_name(name: &str) -> Self {
        Self::new(ErrorCode::InvalidName, format!("Invalid Name: '{name}'"))
    }

    pub(crate) fn does_not_exist(arn: &str) -> Self {
        Self::new(
            ErrorCode::StateMachineDoesNotExist,
            format!("State Machine Does Not Exist: '{arn}'"),
        )
    }

    /// Model-constraint failures, joined the way AWS's request validator joins them:
    /// `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...`.
    pub(crate) fn validation(errors: &[String]) -> Self {
        let n = errors.len();
        let noun = if n == 1 { "error" } else { "errors" };
        Self::new(
            ErrorCode::ValidationException,
            format!("{n} validation {noun} detected: {}", errors.join("; ")),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_body_has_type_and_message() {
        let e = ApiError::invalid_name("a b");
        assert_eq!(
            e.to_json(),
            serde_json::json!({"__type": "InvalidName", "message": "Invalid Name: 'a b'"})
        );
        assert_eq!(serde_json::to_value(&e).ok(), Some(e.to_json()));
    }

    #[test]
    fn validation_counts_errors() {
        assert_eq!(
            ApiError::validation(&["A".into()]).message,
            "1 validation error detected: A"
        );
        assert_eq!(
            ApiError::validation(&["A".into(), "B".into()]).message,
            "2 validation errors detected: A; B"
        );
    }
}
