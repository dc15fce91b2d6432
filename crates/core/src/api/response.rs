//! The StartSyncExecution response.

use super::billing::BillingDetails;
use crate::exec::Status;
use serde::ser::Serializer;
use serde::Serialize;

/// A point in virtual time, in milliseconds since the Unix epoch. Serializes the way the AWS CLI
/// prints dates: ISO 8601 with offset (`2026-01-01T00:00:00.123000+00:00`; Python's
/// `isoformat`, so no fraction when the milliseconds are zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The AWS CLI rendering.
    pub fn to_cli_string(self) -> String {
        cli_timestamp(self.0)
    }

    /// Seconds since the epoch, as the AWS JSON wire protocol sends dates.
    pub fn epoch_seconds(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_cli_string())
    }
}

/// Formats epoch milliseconds like Python's `datetime.isoformat()` in UTC, as the AWS CLI does.
pub fn cli_timestamp(ms: i64) -> String {
    crate::time::format_iso8601(ms)
}

/// `inputDetails` / `outputDetails`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DataDetails {
    /// Whether the data is included in the response.
    pub included: bool,
}

/// What StartSyncExecution answers. Field order follows the AWS CLI's output.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartSyncExecutionResponse {
    /// `arn:aws:states:<region>:<account>:express:<machine>:<name>:<uuid>`.
    pub execution_arn: String,
    /// The state machine's ARN.
    pub state_machine_arn: String,
    /// The execution name.
    pub name: String,
    /// Virtual start time.
    pub start_date: Timestamp,
    /// Virtual stop time.
    pub stop_date: Timestamp,
    /// SUCCEEDED, FAILED or TIMED_OUT.
    pub status: Status,
    /// Error name when not SUCCEEDED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Cause when not SUCCEEDED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// The input text (ALL_DATA only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Whether `input` is included.
    pub input_details: DataDetails,
    /// The output JSON text (SUCCEEDED and ALL_DATA only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Whether `output` is included (SUCCEEDED only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_details: Option<DataDetails>,
    /// The request's trace header, echoed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_header: Option<String>,
    /// Billed memory and duration.
    pub billing_details: BillingDetails,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_dates() {
        assert_eq!(
            cli_timestamp(1_767_225_600_000),
            "2026-01-01T00:00:00+00:00"
        );
        assert_eq!(
            cli_timestamp(1_767_225_600_123),
            "2026-01-01T00:00:00.123000+00:00"
        );
        assert_eq!(Timestamp(1500).epoch_seconds(), 1.5);
    }
}
