//! Numeric functions.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::arg;
use crate::error::{Err, R};
use crate::eval::{display, Evaluator};
use crate::value::{js_number_to_string, Value};

fn nums(v: &Value) -> Vec<f64> {
    v.items().iter().filter_map(|x| x.as_f64()).collect()
}

pub fn sum(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    if a.is_undefined() {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(nums(&a).iter().sum()))
}

pub fn max(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    let n = nums(&a);
    if n.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(
        n.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    ))
}

pub fn min(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    let n = nums(&a);
    if n.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(
        n.iter().copied().fold(f64::INFINITY, f64::min),
    ))
}

pub fn average(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    let n = nums(&a);
    if n.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(Value::Number(n.iter().sum::<f64>() / n.len() as f64))
}

/// Parse a string the way `$number` does.
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds {
        return radix_number(s);
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let fs = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == fs {
            return None;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let es = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == es {
            return None;
        }
    }
    if i != b.len() {
        return radix_number(s);
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn radix_number(s: &str) -> Option<f64> {
    let lower = s.get(..2)?.to_ascii_lowercase();
    let radix = match lower.as_str() {
        "0x" => 16,
        "0o" => 8,
        "0b" => 2,
        _ => return None,
    };
    let rest = s.get(2..)?;
    if rest.is_empty() {
        return None;
    }
    u128::from_str_radix(rest, radix).ok().map(|n| n as f64)
}

pub fn number(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Undefined => Ok(Value::Undefined),
        Value::Number(n) => Ok(Value::Number(n)),
        Value::Bool(b) => Ok(Value::Number(if b { 1.0 } else { 0.0 })),
        Value::String(s) => match parse_number(&s) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(Err::new("D3030").value(display(&Value::String(s))).into()),
        },
        other => Err(Err::new("D3030").value(display(&other)).into()),
    }
}

fn unary(args: &[Value], f: fn(f64) -> f64) -> R<Value> {
    match arg(args, 0) {
        Value::Number(n) => Ok(Value::Number(f(n))),
        _ => Ok(Value::Undefined),
    }
}

pub fn floor(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    unary(args, f64::floor)
}

pub fn ceil(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    unary(args, f64::ceil)
}

pub fn abs(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    unary(args, f64::abs)
}

pub fn sqrt(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Number(n) if n < 0.0 => Err(Err::new("D3060").value(js_number_to_string(n)).into()),
        Value::Number(n) => Ok(Value::Number(n.sqrt())),
        _ => Ok(Value::Undefined),
    }
}

pub fn power(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let (Value::Number(b), Value::Number(e)) = (arg(args, 0), arg(args, 1)) else {
        return Ok(Value::Undefined);
    };
    let r = b.powf(e);
    if !r.is_finite() {
        return Err(Err::new("D3061")
            .value(js_number_to_string(b))
            .value2(js_number_to_string(e))
            .into());
    }
    Ok(Value::Number(r))
}

/// `Math.round` (half up toward +infinity).
fn js_round(x: f64) -> f64 {
    (x + 0.5).floor()
}

/// jsonata-js `$round`: half-to-even at `precision` decimal places.
pub fn round_half_even(x: f64, precision: i32) -> f64 {
    let shift = |v: f64, p: i32| -> f64 {
        let s = js_number_to_string(v);
        let (m, e) = match s.split_once('e') {
            Some((m, e)) => (m.to_string(), e.parse::<i32>().unwrap_or(0)),
            None => (s, 0),
        };
        format!("{m}e{}", e + p).parse().unwrap_or(v)
    };
    let arg = if precision != 0 {
        shift(x, precision)
    } else {
        x
    };
    let mut r = js_round(arg);
    let diff = r - arg;
    if diff.abs() == 0.5 && (r % 2.0).abs() == 1.0 {
        r -= 1.0;
    }
    if precision != 0 {
        r = shift(r, -precision);
    }
    if r == 0.0 {
        r = 0.0;
    }
    r
}

pub fn round(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let Value::Number(n) = arg(args, 0) else {
        return Ok(Value::Undefined);
    };
    let p = match arg(args, 1) {
        Value::Number(p) => p.trunc() as i32,
        _ => 0,
    };
    Ok(Value::Number(round_half_even(n, p)))
}

pub fn random(ev: &mut Evaluator, _: &[Value], _: &Value) -> R<Value> {
    Ok(Value::Number(ev.host.random()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding() {
        assert_eq!(round_half_even(2.5, 0), 2.0);
        assert_eq!(round_half_even(3.5, 0), 4.0);
        assert_eq!(round_half_even(-0.5, 0), 0.0);
        assert_eq!(round_half_even(1.005, 2), 1.0);
        assert_eq!(round_half_even(12.345, 2), 12.34);
        assert_eq!(round_half_even(1234.5678, -2), 1200.0);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number("0x10"), Some(16.0));
        assert_eq!(parse_number("1."), None);
        assert_eq!(parse_number(" 1"), None);
    }
}
