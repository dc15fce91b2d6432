//! Timestamps: RFC 3339 parsing as AWS accepts it, and ISO 8601 formatting.

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeZone, Utc};

/// Formats epoch milliseconds as the AWS CLI prints dates (Python's `isoformat()` in UTC):
/// `2026-01-01T00:00:00+00:00`, or `2026-01-01T00:00:00.123000+00:00` with a fraction.
pub fn format_iso8601(ms: i64) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(t) if ms.rem_euclid(1000) == 0 => t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        Some(t) => t.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
        None => ms.to_string(),
    }
}

/// Formats epoch milliseconds as the context object writes times: `2026-01-01T00:00:00.000Z`.
pub fn format_context_time(ms: i64) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(t) => t.to_rfc3339_opts(SecondsFormat::Millis, true),
        None => ms.to_string(),
    }
}

/// Parses an RFC 3339 timestamp the way Step Functions accepts it (an uppercase `T` separator
/// and a `Z` or `±hh:mm` offset; fractional seconds optional).
pub fn parse_rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes.get(10) != Some(&b'T') {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok()
}

/// Epoch milliseconds of an RFC 3339 timestamp.
pub fn rfc3339_millis(text: &str) -> Option<i64> {
    parse_rfc3339(text).map(|t| t.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_z_and_offsets() {
        assert_eq!(
            rfc3339_millis("2016-03-14T01:59:00Z"),
            Some(1_457_920_740_000)
        );
        assert_eq!(
            rfc3339_millis("2016-03-14T02:59:00+01:00"),
            Some(1_457_920_740_000)
        );
        assert_eq!(
            rfc3339_millis("2016-03-14T01:59:00.5Z"),
            Some(1_457_920_740_500)
        );
        assert_eq!(rfc3339_millis("2016-03-14 01:59:00Z"), None);
        assert_eq!(rfc3339_millis("2016-03-14"), None);
    }

    #[test]
    fn formats() {
        assert_eq!(format_iso8601(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format_iso8601(1), "1970-01-01T00:00:00.001000+00:00");
        assert_eq!(format_context_time(1500), "1970-01-01T00:00:01.500Z");
    }
}
