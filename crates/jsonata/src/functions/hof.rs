//! Higher-order functions: `$map`, `$filter`, `$single`, `$reduce`, `$sift`, `$each`, `$sort`.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use super::{arg, boolean, truthy};
use crate::error::{Err, R};
use crate::eval::{merge_sort, Evaluator};
use crate::value::{js_insert, Map, Value};

fn arity(f: &Value) -> usize {
    match f {
        Value::Function(f) => f.arity(),
        _ => 0,
    }
}

fn hof_args(f: &Value, a: Value, b: Value, c: &Value) -> Vec<Value> {
    let n = arity(f);
    let mut v = vec![a];
    if n >= 2 {
        v.push(b);
    }
    if n >= 3 {
        v.push(c.clone());
    }
    v
}

pub fn map(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arr = arg(args, 0);
    let Value::Array(items, _) = &arr else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let mut out = vec![];
    for (i, x) in items.iter().enumerate() {
        let r = ev.apply(
            &f,
            hof_args(&f, x.clone(), Value::Number(i as f64), &arr),
            &Value::Null,
        )?;
        if !r.is_undefined() {
            out.push(r);
        }
    }
    Ok(Value::seq(out))
}

pub fn filter(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arr = arg(args, 0);
    let Value::Array(items, _) = &arr else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let mut out = vec![];
    for (i, x) in items.iter().enumerate() {
        let r = ev.apply(
            &f,
            hof_args(&f, x.clone(), Value::Number(i as f64), &arr),
            &Value::Null,
        )?;
        if boolean(&r) == Some(true) {
            out.push(x.clone());
        }
    }
    Ok(Value::seq(out))
}

pub fn single(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arr = arg(args, 0);
    let Value::Array(items, _) = &arr else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let mut found: Option<Value> = None;
    for (i, x) in items.iter().enumerate() {
        let ok = if f.is_undefined() {
            true
        } else {
            let r = ev.apply(
                &f,
                hof_args(&f, x.clone(), Value::Number(i as f64), &arr),
                &Value::Null,
            )?;
            boolean(&r) == Some(true)
        };
        if ok {
            if found.is_some() {
                return Err(Err::new("D3138").index(i).into());
            }
            found = Some(x.clone());
        }
    }
    found.ok_or_else(|| Box::new(Err::new("D3139")))
}

pub fn reduce(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arr = arg(args, 0);
    let Value::Array(items, _) = &arr else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let n = arity(&f);
    if n < 2 {
        return Err(Err::new("D3050").index(1).into());
    }
    let init = arg(args, 2);
    let (mut acc, mut i) = if init.is_undefined() && !items.is_empty() {
        (items[0].clone(), 1)
    } else {
        (init, 0)
    };
    while i < items.len() {
        let mut a = vec![acc, items[i].clone()];
        if n >= 3 {
            a.push(Value::Number(i as f64));
        }
        if n >= 4 {
            a.push(arr.clone());
        }
        acc = ev.apply(&f, a, &Value::Null)?;
        i += 1;
    }
    Ok(acc)
}

pub fn sift(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let obj = arg(args, 0);
    let Value::Object(o) = &obj else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let mut out = Map::default();
    for (k, v) in o.iter() {
        let r = ev.apply(
            &f,
            hof_args(&f, v.clone(), Value::str(k), &obj),
            &Value::Null,
        )?;
        if boolean(&r) == Some(true) {
            js_insert(&mut out, k.clone(), v.clone());
        }
    }
    if out.is_empty() {
        return Ok(Value::Undefined);
    }
    Ok(Value::object(out))
}

pub fn each(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let obj = arg(args, 0);
    let Value::Object(o) = &obj else {
        return Ok(Value::Undefined);
    };
    let f = arg(args, 1);
    let mut out = vec![];
    for (k, v) in o.iter() {
        let r = ev.apply(
            &f,
            hof_args(&f, v.clone(), Value::str(k), &obj),
            &Value::Null,
        )?;
        if !r.is_undefined() {
            out.push(r);
        }
    }
    Ok(Value::seq(out))
}

pub fn sort(ev: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    let arr = arg(args, 0);
    let Value::Array(items, _) = &arr else {
        return Ok(arr);
    };
    if items.len() <= 1 {
        return Ok(arr.clone());
    }
    let f = arg(args, 1);
    let sorted = if f.is_undefined() {
        let all_num = items.iter().all(|v| matches!(v, Value::Number(_)));
        let all_str = items.iter().all(|v| matches!(v, Value::String(_)));
        if !all_num && !all_str {
            return Err(Err::new("D3070").index(1).into());
        }
        merge_sort(items.as_ref().clone(), &mut |a: &Value, b: &Value| {
            Ok(match (a, b) {
                (Value::Number(x), Value::Number(y)) => x > y,
                (Value::String(x), Value::String(y)) => {
                    crate::eval::cmp_js_str(x, y) == std::cmp::Ordering::Greater
                }
                _ => false,
            })
        })?
    } else {
        merge_sort(items.as_ref().clone(), &mut |a: &Value, b: &Value| {
            let r = ev.apply(&f, vec![a.clone(), b.clone()], &Value::Null)?;
            Ok(truthy(&r))
        })?
    };
    Ok(Value::array(sorted))
}
