//! Runtime values: JSON plus JavaScript's `undefined`, sequences and functions.

use crate::ast::Node;
use crate::env::Env;
use crate::regex::JRegex;
use indexmap::IndexMap;
use std::rc::Rc;

/// An object: keys in jsonata-js (JavaScript) order.
/// An object's members in order. Keys are hashed with FxHash (`rustc-hash`): SipHash's
/// flooding resistance buys nothing for one evaluation's objects, and cost ~7 % of a
/// JSONata-heavy run.
pub type Map = IndexMap<String, Value, rustc_hash::FxBuildHasher>;

/// Flags jsonata-js attaches to arrays.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flags {
    /// A sequence (result of a path), collapsed when it has one item.
    pub sequence: bool,
    /// Keep a singleton sequence as an array (`[]` in the expression).
    pub keep_singleton: bool,
    /// Built by an array constructor.
    pub cons: bool,
    /// The input array wrapped by the top-level evaluation.
    pub outer_wrapper: bool,
    /// A tuple stream (items are tuple objects).
    pub tuple_stream: bool,
}

impl Flags {
    pub const SEQ: Flags = Flags {
        sequence: true,
        keep_singleton: false,
        cons: false,
        outer_wrapper: false,
        tuple_stream: false,
    };
}

/// A JSONata value.
#[derive(Clone, Debug)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Rc<Vec<Value>>, Flags),
    Object(Rc<Map>),
    Function(Rc<Func>),
}

/// A builtin implementation.
pub type NativeFn = fn(&mut crate::eval::Evaluator, &[Value], &Value) -> crate::error::R<Value>;

/// Callable values.
#[derive(Debug)]
pub enum Func {
    Lambda {
        node: Rc<Node>,
        params: Rc<Vec<String>>,
        signature: Option<Rc<crate::signature::Signature>>,
        env: Env,
        input: Value,
        thunk: bool,
    },
    Native {
        name: &'static str,
        signature: Option<Rc<crate::signature::Signature>>,
        arity: usize,
        imp: NativeFn,
    },
    Partial {
        target: Value,
        args: Vec<Option<Value>>,
        arity: usize,
    },
    Regex(Rc<JRegex>),
    /// `f ~> g` where both are functions.
    Chain(Value, Value),
    /// A transform expression `| pattern | update, delete |`.
    Transform(Rc<crate::ast::TransformSpec>, Env),
}

impl Func {
    /// Number of parameters, as jsonata-js's `getFunctionArity`.
    pub fn arity(&self) -> usize {
        match self {
            Func::Lambda { params, .. } => params.len(),
            Func::Native { arity, .. } => *arity,
            Func::Partial { arity, .. } => *arity,
            Func::Regex(_) | Func::Chain(..) | Func::Transform(..) => 1,
        }
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::String(Rc::from(s))
    }
    pub fn string(s: String) -> Value {
        Value::String(Rc::from(s))
    }
    pub fn array(v: Vec<Value>) -> Value {
        Value::Array(Rc::new(v), Flags::default())
    }
    pub fn seq(v: Vec<Value>) -> Value {
        Value::Array(Rc::new(v), Flags::SEQ)
    }
    pub fn object(m: Map) -> Value {
        Value::Object(Rc::new(m))
    }
    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(..))
    }
    pub fn is_sequence(&self) -> bool {
        matches!(self, Value::Array(_, f) if f.sequence)
    }
    pub fn is_function(&self) -> bool {
        matches!(self, Value::Function(_))
    }
    pub fn flags(&self) -> Flags {
        match self {
            Value::Array(_, f) => *f,
            _ => Flags::default(),
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a, _) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    /// Same value with other array flags.
    pub fn with_flags(self, f: Flags) -> Value {
        match self {
            Value::Array(a, _) => Value::Array(a, f),
            v => v,
        }
    }
    /// A numeric value (not NaN); infinite numbers are an error in jsonata-js (D1001).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Value::Number(n) if !n.is_nan())
    }
    /// Items of an array, or the value itself as a one-item slice.
    pub fn items(&self) -> Vec<Value> {
        match self {
            Value::Array(a, _) => a.as_ref().clone(),
            Value::Undefined => vec![],
            v => vec![v.clone()],
        }
    }
    /// Array length, or 1 for other values, 0 for undefined.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(..) => "array",
            Value::Object(_) => "object",
            Value::Function(_) => "function",
        }
    }
}

/// Build a [`Value`] from JSON; object keys are put in JavaScript order.
pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(a) => Value::array(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            let mut m = Map::with_capacity_and_hasher(o.len(), Default::default());
            for (k, v) in o {
                m.insert(k.clone(), from_json(v));
            }
            Value::object(js_order(m))
        }
    }
}

/// Is `k` an array index in JavaScript's sense (a canonical uint32 below 2^32-1)?
fn array_index(k: &str) -> Option<u32> {
    if k.is_empty() || k.len() > 10 || (k.len() > 1 && k.starts_with('0')) {
        return None;
    }
    if !k.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = k.parse().ok()?;
    if n < u32::MAX as u64 {
        Some(n as u32)
    } else {
        None
    }
}

/// Reorder keys like a JavaScript object: integer-like keys first, ascending.
pub fn js_order(m: Map) -> Map {
    if !m.keys().any(|k| array_index(k).is_some()) {
        return m;
    }
    let mut ints: Vec<(u32, String, Value)> = Vec::new();
    let mut rest: Vec<(String, Value)> = Vec::new();
    for (k, v) in m {
        match array_index(&k) {
            Some(i) => ints.push((i, k, v)),
            None => rest.push((k, v)),
        }
    }
    ints.sort_by_key(|(i, _, _)| *i);
    let mut out = Map::with_capacity_and_hasher(ints.len() + rest.len(), Default::default());
    for (_, k, v) in ints {
        out.insert(k, v);
    }
    for (k, v) in rest {
        out.insert(k, v);
    }
    out
}

/// Insert into an object keeping JavaScript key order.
pub fn js_insert(m: &mut Map, k: String, v: Value) {
    if let Some(slot) = m.get_mut(&k) {
        *slot = v;
        return;
    }
    let is_idx = array_index(&k);
    m.insert(k, v);
    if is_idx.is_some() {
        let taken = std::mem::take(m);
        *m = js_order(taken);
    }
}

/// Convert to JSON. `None` for undefined. Functions become `""` like jsonata-js's JSON output;
/// undefined items inside arrays become null; undefined object values are dropped.
pub fn to_json(v: &Value) -> Option<serde_json::Value> {
    Some(match v {
        Value::Undefined => return None,
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => num_to_json(*n),
        Value::String(s) => serde_json::Value::String(s.to_string()),
        Value::Array(a, _) => serde_json::Value::Array(
            a.iter()
                .map(|x| to_json(x).unwrap_or(serde_json::Value::Null))
                .collect(),
        ),
        Value::Object(o) => {
            let mut m = serde_json::Map::new();
            for (k, x) in o.iter() {
                if let Some(j) = to_json(x) {
                    m.insert(k.clone(), j);
                }
            }
            serde_json::Value::Object(m)
        }
        Value::Function(_) => serde_json::Value::String(String::new()),
    })
}

/// A number as JSON: integral values without `.0`.
pub fn num_to_json(n: f64) -> serde_json::Value {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        serde_json::Value::Number(serde_json::Number::from(n as i64))
    } else {
        serde_json::Number::from_f64(n)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

/// JavaScript `Number.prototype.toString()`.
pub fn js_number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if n == 0.0 {
        return "0".into();
    }
    let sci = format!("{:e}", n);
    let (mant, exp) = match sci.split_once('e') {
        Some(p) => p,
        None => return sci,
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i32;
    let sign = if neg { "-" } else { "" };
    let e = exp + 1; // position of decimal point relative to digits
    if k <= e && e <= 21 {
        format!("{sign}{digits}{}", "0".repeat((e - k) as usize))
    } else if 0 < e && e <= 21 {
        format!("{sign}{}.{}", &digits[..e as usize], &digits[e as usize..])
    } else if -6 < e && e <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-e) as usize))
    } else {
        let es = if e > 0 {
            format!("+{}", e - 1)
        } else {
            format!("{}", e - 1)
        };
        if k == 1 {
            format!("{sign}{digits}e{es}")
        } else {
            format!("{sign}{}.{}e{es}", &digits[..1], &digits[1..])
        }
    }
}

/// `Number(n.toPrecision(15))`.
pub fn to_precision_15(n: f64) -> f64 {
    if !n.is_finite() {
        return n;
    }
    format!("{:.14e}", n).parse().unwrap_or(n)
}

/// Deep equality as jsonata-js's `isDeepEqual`.
pub fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) => true,
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x, _), Value::Array(y, _)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| deep_equal(v, w)))
        }
        (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// Strict equality (`===`): objects and arrays by identity.
pub fn strict_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x, _), Value::Array(y, _)) => Rc::ptr_eq(x, y),
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        _ => deep_equal(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_numbers() {
        for (n, s) in [
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (0.1, "0.1"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (-3.0, "-3"),
            (123.456, "123.456"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ] {
            assert_eq!(js_number_to_string(n), s);
        }
    }

    #[test]
    fn precision() {
        assert_eq!(to_precision_15(0.1 + 0.2), 0.3);
    }

    #[test]
    fn key_order() {
        let m: Map = [("b", 1.0), ("10", 2.0), ("a", 3.0), ("2", 4.0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::Number(v)))
            .collect();
        let keys: Vec<_> = js_order(m).keys().cloned().collect();
        assert_eq!(keys, ["2", "10", "b", "a"]);
    }
}
