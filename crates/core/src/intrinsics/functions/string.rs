//! `States.StringSplit`.

use serde_json::Value;

use super::Args;
use crate::intrinsics::error::IntrinsicError;

/// Splits at every character of the delimiter string; empty pieces are dropped.
pub(crate) fn split(a: &Args) -> Result<Value, IntrinsicError> {
    let s = a.string(0, "string to split")?;
    let delimiters = a.string(1, "delimiting characters")?;
    let pieces = s
        .split(|c: char| delimiters.contains(c))
        .filter(|p| !p.is_empty())
        .map(|p| Value::String(p.to_string()))
        .collect();
    Ok(Value::Array(pieces))
}
