//! The StartSyncExecution request and its model-constraint checks.

use super::names;
use serde::{Deserialize, Serialize};

/// The most UTF-8 bytes an execution input may have.
pub const MAX_INPUT_BYTES: usize = 262_144;
/// The longest ARN accepted.
pub const MAX_ARN_CHARS: usize = 2048;
/// The longest trace header accepted.
pub const MAX_TRACE_HEADER_CHARS: usize = 256;

/// A StartSyncExecution request, with the AWS field names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StartSyncExecutionRequest {
    /// The state machine (or version / alias) ARN; required. `#TestCase` selects mocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_machine_arn: Option<String>,
    /// The execution name; default: a UUID from the seeded random source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The input JSON text; default `{}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// X-Ray trace header, echoed in the response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_header: Option<String>,
    /// `ALL_DATA` (default) or `METADATA_ONLY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included_data: Option<String>,
}

/// `includedData`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IncludedData {
    /// Input and output are returned.
    #[default]
    AllData,
    /// Input and output are left out (`inputDetails.included: false`).
    MetadataOnly,
}

impl StartSyncExecutionRequest {
    /// Model-constraint violations in AWS's wording, in field order (empty when none).
    pub fn constraint_violations(&self) -> Vec<String> {
        let mut errors = Vec::new();
        match &self.state_machine_arn {
            None => errors.push(
                "Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null".to_string(),
            ),
            Some(arn) => {
                let n = arn.chars().count();
                if n == 0 {
                    errors.push(format!("Value '{arn}' at 'stateMachineArn' failed to satisfy constraint: Member must have length greater than or equal to 1"));
                } else if n > MAX_ARN_CHARS {
                    errors.push(format!("Value '{arn}' at 'stateMachineArn' failed to satisfy constraint: Member must have length less than or equal to {MAX_ARN_CHARS}"));
                }
            }
        }
        if let Some(v) = self
            .name
            .as_deref()
            .and_then(|n| names::length_violation(n, "name"))
        {
            errors.push(v);
        }
        if self
            .input
            .as_ref()
            .is_some_and(|i| i.len() > MAX_INPUT_BYTES)
        {
            // The input is a sensitive field: AWS leaves its value out of the message.
            errors.push(format!("Value at 'input' failed to satisfy constraint: Member must have size less than or equal to {MAX_INPUT_BYTES} bytes in UTF-8 encoding"));
        }
        if let Some(h) = &self.trace_header {
            if h.chars().count() > MAX_TRACE_HEADER_CHARS {
                errors.push(format!("Value '{h}' at 'traceHeader' failed to satisfy constraint: Member must have length less than or equal to {MAX_TRACE_HEADER_CHARS}"));
            } else if !h.is_ascii() {
                errors.push(format!("Value '{h}' at 'traceHeader' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{{ASCII}}*"));
            }
        }
        if let Some(d) = &self.included_data {
            if d != "ALL_DATA" && d != "METADATA_ONLY" {
                errors.push(format!("Value '{d}' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]"));
            }
        }
        errors
    }

    /// `includedData` as an enum (call after [`Self::constraint_violations`]).
    pub fn included(&self) -> IncludedData {
        match self.included_data.as_deref() {
            Some("METADATA_ONLY") => IncludedData::MetadataOnly,
            _ => IncludedData::AllData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> StartSyncExecutionRequest {
        StartSyncExecutionRequest {
            state_machine_arn: Some("arn:aws:states:us-east-1:123456789012:stateMachine:M".into()),
            ..Default::default()
        }
    }

    #[test]
    fn valid_request_has_no_violations() {
        assert!(req().constraint_violations().is_empty());
        let full = StartSyncExecutionRequest {
            name: Some("n".repeat(80)),
            input: Some("x".repeat(MAX_INPUT_BYTES)),
            trace_header: Some("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1".into()),
            included_data: Some("METADATA_ONLY".into()),
            ..req()
        };
        assert!(full.constraint_violations().is_empty());
        assert_eq!(full.included(), IncludedData::MetadataOnly);
    }

    #[test]
    fn each_constraint() {
        let long = "a".repeat(81);
        let table: Vec<(StartSyncExecutionRequest, String)> = vec![
            (StartSyncExecutionRequest::default(), "Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null".into()),
            (StartSyncExecutionRequest { state_machine_arn: Some(String::new()), ..req() },
                "Value '' at 'stateMachineArn' failed to satisfy constraint: Member must have length greater than or equal to 1".into()),
            (StartSyncExecutionRequest { state_machine_arn: Some("a".repeat(2049)), ..req() },
                format!("Value '{}' at 'stateMachineArn' failed to satisfy constraint: Member must have length less than or equal to 2048", "a".repeat(2049))),
            (StartSyncExecutionRequest { name: Some(long.clone()), ..req() },
                format!("Value '{long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")),
            (StartSyncExecutionRequest { name: Some(String::new()), ..req() },
                "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1".into()),
            // 131,073 two-byte characters: under the limit in characters, over it in bytes.
            (StartSyncExecutionRequest { input: Some(format!("\"{}\"", "é".repeat(131_072))), ..req() },
                "Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding".into()),
            (StartSyncExecutionRequest { trace_header: Some("t".repeat(257)), ..req() },
                format!("Value '{}' at 'traceHeader' failed to satisfy constraint: Member must have length less than or equal to 256", "t".repeat(257))),
            (StartSyncExecutionRequest { trace_header: Some("Root=é".into()), ..req() },
                "Value 'Root=é' at 'traceHeader' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p{ASCII}*".into()),
            (StartSyncExecutionRequest { included_data: Some("SOME".into()), ..req() },
                "Value 'SOME' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]".into()),
        ];
        for (r, expected) in table {
            assert_eq!(r.constraint_violations(), vec![expected]);
        }
    }

    #[test]
    fn several_violations_in_field_order() {
        let r = StartSyncExecutionRequest {
            name: Some("a".repeat(81)),
            included_data: Some("X".into()),
            ..Default::default()
        };
        let v = r.constraint_violations();
        assert_eq!(v.len(), 3);
        assert!(
            v[0].contains("'stateMachineArn'")
                && v[1].contains("'name'")
                && v[2].contains("'includedData'")
        );
    }

    #[test]
    fn deserializes_aws_field_names() {
        let r: Result<StartSyncExecutionRequest, _> = serde_json::from_str(
            r#"{"stateMachineArn": "a", "name": "n", "input": "{}", "traceHeader": "t", "includedData": "ALL_DATA"}"#,
        );
        assert_eq!(
            r.ok(),
            Some(StartSyncExecutionRequest {
                state_machine_arn: Some("a".into()),
                name: Some("n".into()),
                input: Some("{}".into()),
                trace_header: Some("t".into()),
                included_data: Some("ALL_DATA".into()),
            })
        );
    }
}
