//! The intrinsic functions themselves, one module per family, and shared argument checks.

pub(super) mod array;
pub(super) mod encoding;
pub(super) mod generic;
pub(super) mod hash;
pub(super) mod json;
pub(super) mod math;
pub(super) mod string;

use serde_json::Value;
use std::borrow::Cow;

use super::error::IntrinsicError;
use super::function::Function;
use crate::random::Random;

/// The most characters (UTF-16 code units, as AWS's Java runtime counts them) that
/// `States.Base64Encode`, `States.Base64Decode` and `States.Hash` accept.
pub(crate) const MAX_INPUT_CHARS: usize = 10_000;

/// Applies `function` to already evaluated arguments (all functions but `States.Format`,
/// which needs its template as written and is handled by the evaluator).
pub(super) fn apply(
    function: Function,
    args: &mut [Cow<'_, Value>],
    random: &mut Random,
) -> Result<Value, IntrinsicError> {
    let a = Args { function, args };
    match function {
        Function::Format => {
            let template = a.string(0, "template")?;
            generic::format(template, a.args.get(1..).unwrap_or_default()).map(Value::String)
        }
        Function::StringToJson => json::string_to_json(&a),
        Function::JsonToString => json::json_to_string(&a),
        Function::JsonMerge => json::json_merge(&a),
        Function::Array => Ok(Value::Array(
            a.args
                .iter_mut()
                .map(|v| std::mem::take(v).into_owned())
                .collect(),
        )),
        Function::ArrayPartition => array::partition(&a),
        Function::ArrayContains => array::contains(&a),
        Function::ArrayRange => array::range(&a),
        Function::ArrayGetItem => array::get_item(&a),
        Function::ArrayLength => array::length(&a),
        Function::ArrayUnique => array::unique(&a),
        Function::Base64Encode => encoding::base64_encode(&a),
        Function::Base64Decode => encoding::base64_decode(&a),
        Function::Hash => hash::hash(&a),
        Function::MathRandom => math::random(&a, random),
        Function::MathAdd => math::add(&a),
        Function::StringSplit => string::split(&a),
        Function::Uuid => Ok(Value::String(random.uuid_v4())),
    }
}

/// The evaluated arguments of one call, with typed accessors that fail with teaching
/// messages.
pub(super) struct Args<'s, 'a> {
    pub(super) function: Function,
    /// Borrowed where the evaluator could (literals, path selections).
    pub(super) args: &'s mut [Cow<'a, Value>],
}

impl Args<'_, '_> {
    fn get(&self, index: usize) -> Result<&Value, IntrinsicError> {
        self.args.get(index).map(AsRef::as_ref).ok_or_else(|| {
            IntrinsicError::failure(format!(
                "{} takes {}; write it as {}",
                self.function.name(),
                self.function.arity_text(),
                self.function.signature()
            ))
        })
    }

    fn wrong(&self, index: usize, what: &str, expected: &str, got: &Value) -> IntrinsicError {
        IntrinsicError::failure(format!(
            "The {} argument ({what}) of {} must be {expected}, but got {}",
            ordinal(index),
            self.function.name(),
            describe(got)
        ))
    }

    pub(super) fn string(&self, index: usize, what: &str) -> Result<&str, IntrinsicError> {
        match self.get(index)? {
            Value::String(s) => Ok(s),
            v => Err(self.wrong(index, what, "a string", v)),
        }
    }

    pub(super) fn array(&self, index: usize, what: &str) -> Result<&Vec<Value>, IntrinsicError> {
        match self.get(index)? {
            Value::Array(a) => Ok(a),
            v => Err(self.wrong(index, what, "an array", v)),
        }
    }

    pub(super) fn object(
        &self,
        index: usize,
        what: &str,
    ) -> Result<&serde_json::Map<String, Value>, IntrinsicError> {
        match self.get(index)? {
            Value::Object(o) => Ok(o),
            v => Err(self.wrong(index, what, "a JSON object", v)),
        }
    }

    pub(super) fn boolean(&self, index: usize, what: &str) -> Result<bool, IntrinsicError> {
        match self.get(index)? {
            Value::Bool(b) => Ok(*b),
            v => Err(self.wrong(index, what, "a boolean", v)),
        }
    }

    pub(super) fn value(&self, index: usize) -> Result<&Value, IntrinsicError> {
        self.get(index)
    }

    /// A number rounded to the nearest integer the way AWS's Java runtime does
    /// (`Math.round`: halves round up, so 2.5 → 3 and -2.5 → -2).
    pub(super) fn integer(&self, index: usize, what: &str) -> Result<i64, IntrinsicError> {
        let v = self.get(index)?;
        let Value::Number(n) = v else {
            return Err(self.wrong(index, what, "an integer", v));
        };
        if let Some(i) = n.as_i64() {
            return Ok(i);
        }
        let rounded = n.as_f64().map(java_round);
        match rounded {
            Some(r) if (-9.2e18..=9.2e18).contains(&r) => Ok(r as i64),
            _ => Err(self.wrong(index, what, "an integer in the 64-bit range", v)),
        }
    }
}

/// Java's `Math.round`: the closest integer, ties towards positive infinity.
pub(crate) fn java_round(x: f64) -> f64 {
    let floor = x.floor();
    // x - floor(x) is exact for every finite double.
    if x - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

fn ordinal(index: usize) -> &'static str {
    match index {
        0 => "first",
        1 => "second",
        2 => "third",
        _ => "next",
    }
}

/// The JSON type name of `v`.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `v`'s type and (shortened) JSON text, for error messages: `a string "abc"`.
pub(crate) fn describe(v: &Value) -> String {
    let text = v.to_string();
    let short: String = text.chars().take(60).collect();
    let ellipsis = if text.chars().count() > 60 { "…" } else { "" };
    match v {
        Value::Null => "null".to_string(),
        Value::Array(_) | Value::Object(_) => format!("an {} {short}{ellipsis}", type_name(v)),
        _ => format!("a {} {short}{ellipsis}", type_name(v)),
    }
}

/// Length of `s` in UTF-16 code units (how Java counts a string's characters).
pub(crate) fn java_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_rounding() {
        let cases = [
            (0.5, 1.0),
            (1.5, 2.0),
            (2.5, 3.0),
            (-0.5, 0.0),
            (-1.5, -1.0),
            (-2.5, -2.0),
            (-1.49, -1.0),
            (-1.51, -2.0),
            (0.49999999999999994, 0.0),
            (1.49, 1.0),
        ];
        for (x, want) in cases {
            assert_eq!(java_round(x), want, "{x}");
        }
    }

    #[test]
    fn describes_values() {
        assert_eq!(describe(&Value::Null), "null");
        assert_eq!(describe(&serde_json::json!("a")), "a string \"a\"");
        assert_eq!(describe(&serde_json::json!([1])), "an array [1]");
        assert_eq!(
            describe(&serde_json::json!({"k": 1})),
            "an object {\"k\":1}"
        );
        assert_eq!(java_len("🦀a"), 3);
    }
}
