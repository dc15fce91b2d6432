//! Array functions.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::{append, arg};
use crate::error::R;
use crate::eval::Evaluator;
use crate::value::{deep_equal, Flags, Value};
use std::rc::Rc;

pub fn count(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(Value::Number(match arg(args, 0) {
        Value::Undefined => 0.0,
        Value::Array(a, _) => a.len() as f64,
        _ => 1.0,
    }))
}

pub fn append_fn(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let r = append(arg(args, 0), arg(args, 1));
    if let Value::Array(a, _) = &r {
        ev.check_len(a.len())?;
        ev.charge(a.len())?;
    }
    Ok(r)
}

pub fn reverse(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Array(a, _) => {
            let mut v = a.as_ref().clone();
            v.reverse();
            Ok(Value::array(v))
        }
        other => Ok(other),
    }
}

pub fn shuffle(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Array(a, _) => {
            let mut v = a.as_ref().clone();
            for i in (1..v.len()).rev() {
                let j = ((ev.host.random() * (i + 1) as f64).floor() as usize).min(i);
                v.swap(i, j);
            }
            Ok(Value::array(v))
        }
        other => Ok(other),
    }
}

pub fn distinct(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    match arg(args, 0) {
        Value::Array(a, f) if a.len() > 1 => {
            let mut out: Vec<Value> = vec![];
            for v in a.iter() {
                if !out.iter().any(|o| deep_equal(o, v)) {
                    out.push(v.clone());
                }
            }
            let flags = if f.sequence {
                Flags::SEQ
            } else {
                Flags::default()
            };
            Ok(Value::Array(Rc::new(out), flags))
        }
        other => Ok(other),
    }
}

pub fn zip(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arrays: Vec<Vec<Value>> = args
        .iter()
        .map(|a| match a {
            Value::Array(x, _) => x.as_ref().clone(),
            _ => vec![],
        })
        .collect();
    let len = arrays.iter().map(|a| a.len()).min().unwrap_or(0);
    let out = (0..len)
        .map(|i| Value::array(arrays.iter().map(|a| a[i].clone()).collect()))
        .collect();
    Ok(Value::array(out))
}
