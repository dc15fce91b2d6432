//! JSON manipulation: `States.StringToJson`, `States.JsonToString`, `States.JsonMerge`.

use serde_json::Value;

use super::Args;
use crate::intrinsics::error::IntrinsicError;

pub(crate) fn string_to_json(a: &Args) -> Result<Value, IntrinsicError> {
    let s = a.string(0, "JSON string")?;
    // AWS returns null for an empty or blank string (recorded behaviour).
    if s.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&s).map_err(|e| {
        IntrinsicError::failure(format!(
            "States.StringToJson's argument is not valid JSON text: {e}"
        ))
    })
}

pub(crate) fn json_to_string(a: &Args) -> Result<Value, IntrinsicError> {
    let v = a.value(0)?;
    // Compact JSON, no spaces, keys in document order, as AWS writes it.
    Ok(Value::String(v.to_string()))
}

pub(crate) fn json_merge(a: &Args) -> Result<Value, IntrinsicError> {
    let first = a.object(0, "first object")?;
    let second = a.object(1, "second object")?;
    let deep = a.boolean(2, "deep merge flag")?;
    if deep {
        return Err(IntrinsicError::failure(
            "States.JsonMerge only supports a shallow merge: its third argument must be false (deep merge, true, is not supported)",
        ));
    }
    let mut merged = first.clone();
    for (k, v) in second {
        merged.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(merged))
}
