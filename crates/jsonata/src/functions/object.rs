//! Object functions and `$error`, `$assert`, `$type`, `$clone`.

use super::{append, arg};
use crate::error::{Err, R};
use crate::eval::{lookup, Evaluator};
use crate::value::{js_insert, Func, Map, Value};

pub fn keys(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let mut out = Map::default();
    collect_keys(&arg(args, 0), &mut out);
    Ok(Value::seq(out.keys().map(|k| Value::str(k)).collect()))
}

fn collect_keys(v: &Value, out: &mut Map) {
    match v {
        Value::Array(a, _) => a.iter().for_each(|x| {
            if let Value::Object(o) = x {
                for k in o.keys() {
                    js_insert(out, k.clone(), Value::Bool(true));
                }
            }
        }),
        Value::Object(o) => {
            for k in o.keys() {
                js_insert(out, k.clone(), Value::Bool(true));
            }
        }
        _ => {}
    }
}

pub fn lookup_fn(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let key = match arg(args, 1) {
        Value::String(s) => s,
        _ => return Ok(Value::Undefined),
    };
    Ok(lookup(&arg(args, 0), &key))
}

fn spread_value(v: &Value) -> Value {
    match v {
        Value::Array(a, _) => {
            let mut result = Value::seq(vec![]);
            for item in a.iter() {
                result = append(result, spread_value(item));
            }
            result
        }
        Value::Object(o) => Value::seq(
            o.iter()
                .map(|(k, x)| {
                    let mut m = Map::default();
                    m.insert(k.clone(), x.clone());
                    Value::object(m)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

pub fn spread(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(spread_value(&arg(args, 0)))
}

pub fn merge(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let a = arg(args, 0);
    if a.is_undefined() {
        return Ok(Value::Undefined);
    }
    let mut out = Map::default();
    for item in a.items() {
        if let Value::Object(o) = item {
            for (k, v) in o.iter() {
                js_insert(&mut out, k.clone(), v.clone());
            }
        }
    }
    Ok(Value::object(out))
}

pub fn error(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let msg = match arg(args, 0) {
        Value::String(s) => s.to_string(),
        _ => "$error() function evaluated".to_string(),
    };
    Err(Err::new("D3137").message(msg).into())
}

pub fn assert(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    if matches!(arg(args, 0), Value::Bool(true)) {
        return Ok(Value::Undefined);
    }
    let msg = match arg(args, 1) {
        Value::String(s) => s.to_string(),
        _ => "$assert() statement failed".to_string(),
    };
    Err(Err::new("D3141").message(msg).into())
}

pub fn type_fn(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let v = arg(args, 0);
    if v.is_undefined() {
        return Ok(Value::Undefined);
    }
    Ok(Value::str(v.type_name()))
}

/// Deep copy (JSON round trip): functions and undefined values are dropped.
pub fn deep_clone(v: &Value, depth: usize) -> Value {
    if depth > 10_000 {
        return Value::Null;
    }
    match v {
        Value::Object(o) => {
            let mut m = Map::with_capacity_and_hasher(o.len(), Default::default());
            for (k, x) in o.iter() {
                if x.is_undefined()
                    || matches!(x, Value::Function(f) if !matches!(f.as_ref(), Func::Regex(_)))
                {
                    if x.is_function() {
                        m.insert(k.clone(), Value::str(""));
                    }
                    continue;
                }
                m.insert(k.clone(), deep_clone(x, depth + 1));
            }
            Value::object(m)
        }
        Value::Array(a, _) => Value::array(
            a.iter()
                .map(|x| match x {
                    Value::Undefined => Value::Null,
                    other => deep_clone(other, depth + 1),
                })
                .collect(),
        ),
        Value::Number(n) if !n.is_finite() => Value::Null,
        other => other.clone(),
    }
}

pub fn clone_fn(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let v = arg(args, 0);
    if v.is_undefined() {
        return Ok(Value::Undefined);
    }
    Ok(deep_clone(&v, 0))
}
