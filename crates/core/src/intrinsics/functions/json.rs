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
    // Parsed lazily: objects are read (and copied out) only as far as paths go into them.
    let parsed = serde_json::lazy::parse(s).map_err(|e| {
        IntrinsicError::failure(format!(
            "States.StringToJson's argument is not valid JSON text: {e}"
        ))
    })?;
    let mut value = parsed.value;
    if parsed.negative_zero {
        normalize_negative_zero(&mut value);
    }
    Ok(value)
}

/// serde_json reads `-0` as the float `-0.0`; AWS (Jackson) reads it as the integer `0`
/// (recorded). Negative zeros become integer zeros (so `-0.0` gives `0` too).
fn normalize_negative_zero(value: &mut Value) {
    match value {
        Value::Number(n)
            if !n.is_i64() && n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) =>
        {
            *value = Value::from(0);
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_negative_zero),
        Value::Object(map) => map.values_mut().for_each(normalize_negative_zero),
        _ => {}
    }
}

pub(crate) fn json_to_string(a: &Args) -> Result<Value, IntrinsicError> {
    let v = a.value(0)?;
    // Compact JSON, no spaces, keys in document order, as AWS writes it.
    // Straight into a byte buffer: `Display` goes through the formatter, a call per token.
    Ok(Value::String(serde_json::lazy::to_string(v)))
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
