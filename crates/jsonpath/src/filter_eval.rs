//! Evaluation of filter expressions with Jayway's comparison rules:
//! numbers compare numerically across int/float, strings lexicographically (UTF-16 order, as
//! Java), a type mismatch is false, `==` coerces between numbers and strings like Jayway's
//! `NumberNode`/`StringNode`, and a missing path is "undefined" (only `!=`-style tests match).

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Number, Value};

use crate::ast::{CmpOp, Expr, Operand, SubPath};
use crate::eval::{select_sub, Selection};
use crate::render::java_number;

/// Evaluates `expr` with `@` = `item` and `$` = `root`.
pub(crate) fn matches(expr: &Expr, item: &Value, root: &Value) -> bool {
    match expr {
        Expr::Or(a, b) => matches(a, item, root) || matches(b, item, root),
        Expr::And(a, b) => matches(a, item, root) && matches(b, item, root),
        Expr::Not(e) => !matches(e, item, root),
        Expr::Exists(p) if bare_current_on_scalar(p, item) => false,
        Expr::Exists(p) => match select_sub(p, item, root) {
            Ok(Selection::One(_)) => true,
            // Jayway: an indefinite path "exists" when it matched at least one node.
            Ok(Selection::Many(v)) => !v.is_empty(),
            Err(_) => false,
        },
        Expr::Compare(l, op, r) => {
            let scalar_at =
                |o: &Operand| matches!(o, Operand::Path(p) if bare_current_on_scalar(p, item));
            if scalar_at(l) || scalar_at(r) {
                return false;
            }
            compare(operand(l, item, root), *op, operand(r, item, root))
        }
    }
}

/// A resolved operand.
enum Val<'a> {
    Undefined,
    Json(Cow<'a, Value>),
    Regex(&'a regex_lite::Regex),
}

fn operand<'a>(op: &'a Operand, item: &'a Value, root: &'a Value) -> Val<'a> {
    match op {
        Operand::Literal(v) => Val::Json(Cow::Borrowed(v)),
        Operand::Regex(r) => Val::Regex(r),
        Operand::Path(p) => path_value(p, item, root),
    }
}

/// AWS documents that `@` "doesn't match scalar values. It only matches objects": a test on a
/// bare `@` is false when the item is a string, number, boolean or null.
fn bare_current_on_scalar(p: &SubPath, item: &Value) -> bool {
    p.relative
        && p.steps.is_empty()
        && p.function.is_none()
        && !matches!(item, Value::Object(_) | Value::Array(_))
}

fn path_value<'a>(p: &'a SubPath, item: &'a Value, root: &'a Value) -> Val<'a> {
    match select_sub(p, item, root) {
        Ok(Selection::One(v)) => Val::Json(v),
        Ok(Selection::Many(items)) => Val::Json(Cow::Owned(Value::Array(
            items.into_iter().map(Cow::into_owned).collect(),
        ))),
        Err(_) => Val::Undefined,
    }
}

fn compare(left: Val<'_>, op: CmpOp, right: Val<'_>) -> bool {
    match op {
        CmpOp::Eq => loose_eq(&left, &right),
        CmpOp::Ne => !loose_eq(&left, &right),
        CmpOp::TypeSafeEq => strict_eq(&left, &right),
        CmpOp::TypeSafeNe => !strict_eq(&left, &right),
        CmpOp::Lt => order(&left, &right) == Some(Ordering::Less),
        CmpOp::Le => matches!(order(&left, &right), Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => order(&left, &right) == Some(Ordering::Greater),
        CmpOp::Ge => matches!(
            order(&left, &right),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        CmpOp::Regex => regex_match(&left, &right),
        CmpOp::In => list(&right).is_some_and(|l| l.iter().any(|x| json_loose_eq(&left, x))),
        CmpOp::Nin => !list(&right).is_some_and(|l| l.iter().any(|x| json_loose_eq(&left, x))),
        CmpOp::Contains => match (&left, &right) {
            (Val::Json(l), Val::Json(r)) => match (l.as_ref(), r.as_ref()) {
                (Value::String(s), Value::String(sub)) => s.contains(sub.as_str()),
                (Value::Array(items), _) => items.iter().any(|x| json_loose_eq(&right, x)),
                _ => false,
            },
            _ => false,
        },
        CmpOp::All => match (list(&left), list(&right)) {
            (Some(l), Some(r)) => r.iter().all(|x| l.iter().any(|y| values_loose_eq(x, y))),
            _ => false,
        },
        CmpOp::SubsetOf => match (list(&left), list(&right)) {
            (Some(l), Some(r)) => l.iter().all(|x| r.iter().any(|y| values_loose_eq(x, y))),
            _ => false,
        },
        CmpOp::AnyOf => match (list(&left), list(&right)) {
            (Some(l), Some(r)) => l.iter().any(|x| r.iter().any(|y| values_loose_eq(x, y))),
            _ => false,
        },
        CmpOp::NoneOf => match (list(&left), list(&right)) {
            (Some(l), Some(r)) => !l.iter().any(|x| r.iter().any(|y| values_loose_eq(x, y))),
            _ => false,
        },
        CmpOp::Size => {
            let Some(expected) = as_json(&right).and_then(Value::as_f64) else {
                return false;
            };
            // Jayway: `intValue()` of the expected number.
            let expected = expected as i64;
            match as_json(&left) {
                Some(Value::String(s)) => s.encode_utf16().count() as i64 == expected,
                Some(Value::Array(a)) => a.len() as i64 == expected,
                Some(Value::Object(o)) => o.len() as i64 == expected,
                _ => false,
            }
        }
        CmpOp::Empty => {
            let Some(Value::Bool(want)) = as_json(&right) else {
                return false;
            };
            match as_json(&left) {
                Some(Value::String(s)) => s.is_empty() == *want,
                Some(Value::Array(a)) => a.is_empty() == *want,
                Some(Value::Object(o)) => o.is_empty() == *want,
                _ => false,
            }
        }
    }
}

fn as_json<'v>(v: &'v Val<'_>) -> Option<&'v Value> {
    match v {
        Val::Json(j) => Some(j.as_ref()),
        _ => None,
    }
}

fn list<'v>(v: &'v Val<'_>) -> Option<&'v [Value]> {
    match as_json(v) {
        Some(Value::Array(a)) => Some(a),
        _ => None,
    }
}

/// Jayway's `==`: numbers numerically; a number and a string compare after converting the
/// right side to the left side's type; arrays/objects structurally.
fn loose_eq(l: &Val<'_>, r: &Val<'_>) -> bool {
    match (l, r) {
        (Val::Undefined, Val::Undefined) => true,
        (Val::Json(a), Val::Json(b)) => values_loose_eq(a, b),
        (Val::Regex(a), Val::Regex(b)) => a.as_str() == b.as_str(),
        _ => false,
    }
}

fn json_loose_eq(l: &Val<'_>, r: &Value) -> bool {
    match l {
        Val::Json(a) => values_loose_eq(a, r),
        _ => false,
    }
}

pub(crate) fn values_loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y) == Some(Ordering::Equal),
        (Value::Number(x), Value::String(s)) => parse_number(s)
            .map(|y| num_cmp(x, &y) == Some(Ordering::Equal))
            .unwrap_or(false),
        (Value::String(s), Value::Number(y)) => *s == java_number(y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_loose_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_loose_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Jayway's `===`: same JSON type and equal value.
fn strict_eq(l: &Val<'_>, r: &Val<'_>) -> bool {
    match (as_json(l), as_json(r)) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => num_cmp(x, y) == Some(Ordering::Equal),
        (Some(Value::Number(_)), Some(_)) | (Some(_), Some(Value::Number(_))) => false,
        (Some(Value::String(_)), Some(_)) | (Some(_), Some(Value::String(_))) => {
            as_json(l) == as_json(r)
        }
        _ => loose_eq(l, r),
    }
}

/// `<`-style ordering: numbers with numbers, strings with strings; otherwise none (false).
fn order(l: &Val<'_>, r: &Val<'_>) -> Option<Ordering> {
    match (as_json(l)?, as_json(r)?) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y),
        (Value::String(x), Value::String(y)) => Some(x.encode_utf16().cmp(y.encode_utf16())),
        _ => None,
    }
}

/// Numeric comparison across integer and floating point representations.
pub(crate) fn num_cmp(x: &Number, y: &Number) -> Option<Ordering> {
    fn int(n: &Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    }
    match (int(x), int(y)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => x.as_f64()?.partial_cmp(&y.as_f64()?),
    }
}

fn parse_number(s: &str) -> Option<Number> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(i.into());
    }
    t.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .and_then(Number::from_f64)
}

/// `=~`: exactly one side is a regex; the other side is matched whole (Java `matches()`).
fn regex_match(l: &Val<'_>, r: &Val<'_>) -> bool {
    let (re, other) = match (l, r) {
        (Val::Regex(re), other) | (other, Val::Regex(re)) => (*re, other),
        _ => return false,
    };
    if matches!(other, Val::Regex(_)) {
        return false;
    }
    let input: Cow<'_, str> = match as_json(other) {
        Some(Value::String(s)) => Cow::Borrowed(s),
        Some(Value::Number(n)) => Cow::Owned(java_number(n)),
        Some(Value::Bool(b)) => Cow::Owned(b.to_string()),
        _ => Cow::Borrowed(""),
    };
    re.is_match(&input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numeric_cross_type() {
        assert_eq!(
            num_cmp(&Number::from(1), &Number::from_f64(1.0).unwrap()),
            Some(Ordering::Equal)
        );
        assert_eq!(
            num_cmp(&Number::from(u64::MAX), &Number::from(-1)),
            Some(Ordering::Greater)
        );
        assert!(values_loose_eq(&json!(1), &json!("1")));
        assert!(values_loose_eq(&json!("1"), &json!(1)));
        assert!(!values_loose_eq(&json!("1.0"), &json!(1)));
        assert!(values_loose_eq(&json!(1.0), &json!("1")));
        assert!(values_loose_eq(
            &json!([1, {"a": 2.0}]),
            &json!([1.0, {"a": 2}])
        ));
    }
}
