//! Jayway path functions (`length()`, `min()`, …) applied to the value a path selected.

use serde_json::{Number, Value};

use crate::ast::Function;
use crate::error::EvalError;

/// Applies `f` to `v` the way Jayway's `PathFunction.invoke` does.
pub(crate) fn apply(f: &Function, v: &Value) -> Result<Value, EvalError> {
    match f {
        Function::Length | Function::Size => Ok(match v {
            Value::Array(a) => Value::from(a.len()),
            Value::Object(o) => Value::from(o.len()),
            _ => Value::Null,
        }),
        Function::Keys => Ok(match v {
            Value::Object(o) => Value::Array(o.keys().cloned().map(Value::String).collect()),
            _ => Value::Null,
        }),
        Function::Min => aggregate(v, f64::MAX, |acc, x, _| acc.min(x), |acc, _| acc),
        // Jayway starts `max` at Java's Double.MIN_VALUE (the smallest positive double), so an
        // array of only negative numbers yields 4.9E-324. Reproduced on purpose.
        Function::Max => aggregate(v, f64::from_bits(1), |acc, x, _| acc.max(x), |acc, _| acc),
        Function::Sum => aggregate(v, 0.0, |acc, x, _| acc + x, |acc, _| acc),
        Function::Avg => aggregate(v, 0.0, |acc, x, _| acc + x, |acc, n| acc / n as f64),
        Function::Stddev => {
            let mut sum = 0.0;
            let mut sum_sq = 0.0;
            let mut n = 0usize;
            for x in numbers(v) {
                sum += x;
                sum_sq += x * x;
                n += 1;
            }
            if n == 0 {
                return Err(EvalError::EmptyAggregation);
            }
            let c = n as f64;
            Ok(double(((sum_sq / c) - (sum * sum / c / c)).sqrt()))
        }
        Function::Unknown(name) => Err(EvalError::UnknownFunction {
            name: name.to_string(),
        }),
    }
}

fn numbers(v: &Value) -> impl Iterator<Item = f64> + '_ {
    let items: &[Value] = match v {
        Value::Array(a) => a,
        _ => &[],
    };
    items.iter().filter_map(Value::as_f64)
}

fn aggregate(
    v: &Value,
    init: f64,
    step: impl Fn(f64, f64, usize) -> f64,
    finish: impl Fn(f64, usize) -> f64,
) -> Result<Value, EvalError> {
    let mut acc = init;
    let mut n = 0usize;
    for x in numbers(v) {
        acc = step(acc, x, n);
        n += 1;
    }
    if n == 0 {
        return Err(EvalError::EmptyAggregation);
    }
    Ok(double(finish(acc, n)))
}

/// A Java `Double` result; non-finite values (impossible in JSON) become `null`.
fn double(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aggregations() {
        let a = json!([1, 2, 3, "x", 4.5]);
        assert_eq!(apply(&Function::Sum, &a).unwrap(), json!(10.5));
        assert_eq!(apply(&Function::Min, &a).unwrap(), json!(1.0));
        assert_eq!(apply(&Function::Max, &a).unwrap(), json!(4.5));
        assert_eq!(apply(&Function::Avg, &a).unwrap(), json!(2.625));
        assert_eq!(
            apply(&Function::Stddev, &json!([2, 4])).unwrap(),
            json!(1.0)
        );
        assert_eq!(
            apply(&Function::Sum, &json!([])),
            Err(EvalError::EmptyAggregation)
        );
        assert_eq!(apply(&Function::Max, &json!([-1])).unwrap(), json!(5e-324));
        assert_eq!(
            apply(&Function::Length, &json!({"a": 1})).unwrap(),
            json!(1)
        );
        assert_eq!(
            apply(&Function::Length, &json!("abc")).unwrap(),
            json!(null)
        );
        assert_eq!(
            apply(&Function::Keys, &json!({"b": 1, "a": 2})).unwrap(),
            json!(["b", "a"])
        );
    }
}
