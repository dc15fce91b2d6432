//! Array intrinsics: `States.ArrayPartition`, `ArrayContains`, `ArrayRange`,
//! `ArrayGetItem`, `ArrayLength` and `ArrayUnique` (`States.Array` needs no code).

use std::collections::HashSet;

use serde_json::Value;

use super::Args;
use crate::intrinsics::error::IntrinsicError;

/// The most items `States.ArrayRange` may create.
pub(crate) const MAX_RANGE_ITEMS: i128 = 1000;

pub(crate) fn partition(a: &Args) -> Result<Value, IntrinsicError> {
    let array = a.array(0, "array")?;
    let size = a.integer(1, "chunk size")?;
    if size <= 0 {
        return Err(IntrinsicError::failure(format!(
            "The chunk size of States.ArrayPartition must be a positive, non-zero integer, but got {size}"
        )));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    Ok(Value::Array(
        array
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    ))
}

pub(crate) fn contains(a: &Args) -> Result<Value, IntrinsicError> {
    let array = a.array(0, "array")?;
    let needle = a.value(1)?;
    Ok(Value::Bool(array.iter().any(|v| v == needle)))
}

pub(crate) fn range(a: &Args) -> Result<Value, IntrinsicError> {
    let start = a.integer(0, "start")?;
    let end = a.integer(1, "end")?;
    let step = a.integer(2, "step")?;
    if step == 0 {
        return Err(IntrinsicError::failure(
            "The step of States.ArrayRange must be a non-zero integer, but got 0",
        ));
    }
    let (s, e, st) = (i128::from(start), i128::from(end), i128::from(step));
    let count = if (st > 0 && e >= s) || (st < 0 && e <= s) {
        (e - s) / st + 1
    } else {
        0
    };
    if count > MAX_RANGE_ITEMS {
        return Err(IntrinsicError::failure(format!(
            "States.ArrayRange({start}, {end}, {step}) would create {count} items; an array created by States.ArrayRange can contain at most {MAX_RANGE_ITEMS} items"
        )));
    }
    let items = (0..count)
        .map(|i| Value::from((s + i * st) as i64))
        .collect();
    Ok(Value::Array(items))
}

pub(crate) fn get_item(a: &Args) -> Result<Value, IntrinsicError> {
    let array = a.array(0, "array")?;
    let index = a.integer(1, "index")?;
    let item = usize::try_from(index).ok().and_then(|i| array.get(i));
    item.cloned().ok_or_else(|| {
        IntrinsicError::failure(format!(
            "The index {index} is out of bounds for States.ArrayGetItem on an array of {} item{}; valid indexes are {}",
            array.len(),
            if array.len() == 1 { "" } else { "s" },
            if array.is_empty() {
                "none (the array is empty)".to_string()
            } else {
                format!("0 to {}", array.len() - 1)
            }
        ))
    })
}

pub(crate) fn length(a: &Args) -> Result<Value, IntrinsicError> {
    Ok(Value::from(a.array(0, "array")?.len()))
}

pub(crate) fn unique(a: &Args) -> Result<Value, IntrinsicError> {
    let array = a.array(0, "array")?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in array {
        if seen.insert(canonical(item)) {
            out.push(item.clone());
        }
    }
    Ok(Value::Array(out))
}

/// A text that is equal for two values exactly when the values are equal
/// (`serde_json::Value` equality: object key order does not matter).
fn canonical(v: &Value) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|x, y| x.0.cmp(y.0));
                out.push('{');
                for (k, v) in entries {
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(v, out);
                    out.push(',');
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for item in items {
                    write(item, out);
                    out.push(',');
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(v, &mut out);
    out
}
