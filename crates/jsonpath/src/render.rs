//! Jayway's canonical path text (`$['a'][0][*]..['b'][?]`) and Java `toString()` of values,
//! both of which appear verbatim in AWS error causes.

use std::fmt::Write;

use serde_json::Value;

use crate::ast::{Function, Step};

/// Appends the canonical fragment of one step.
pub(crate) fn push_step(out: &mut String, step: &Step) {
    match step {
        Step::Property(name) => {
            let _ = write!(out, "['{name}']");
        }
        Step::Properties(names) => {
            out.push('[');
            for (i, n) in names.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "'{n}'");
            }
            out.push(']');
        }
        Step::Index(i) => {
            let _ = write!(out, "[{i}]");
        }
        Step::Indexes(list) => {
            out.push('[');
            for (i, n) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{n}");
            }
            out.push(']');
        }
        Step::Slice { from, to } => {
            out.push('[');
            if let Some(f) = from {
                let _ = write!(out, "{f}");
            }
            out.push(':');
            if let Some(t) = to {
                let _ = write!(out, "{t}");
            }
            out.push(']');
        }
        Step::Wildcard => out.push_str("[*]"),
        Step::Scan => out.push_str(".."),
        Step::Filter(_) => out.push_str("[?]"),
    }
}

/// Canonical text of `$` followed by `steps` and an optional trailing function.
pub(crate) fn canonical(steps: &[Step], function: Option<&Function>) -> String {
    let mut out = String::from("$");
    for s in steps {
        push_step(&mut out, s);
    }
    if let Some(f) = function {
        let _ = write!(out, ".{}()", f.name());
    }
    out
}

/// Canonical text of a sequence of steps without the `$` (Jayway's `PathToken.toString()`).
pub(crate) fn fragment(steps: &[Step], function: Option<&Function>) -> String {
    let mut out = String::new();
    for s in steps {
        push_step(&mut out, s);
    }
    if let Some(f) = function {
        let _ = write!(out, ".{}()", f.name());
    }
    out
}

/// Java class name Jayway prints for a value (Jackson-backed provider: Map/List/boxed types).
pub(crate) fn java_class(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                if i32::try_from(i).is_ok() {
                    "java.lang.Integer"
                } else {
                    "java.lang.Long"
                }
            } else if n.is_u64() {
                "java.math.BigInteger"
            } else {
                "java.lang.Double"
            }
        }
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "java.util.ArrayList",
        Value::Object(_) => "java.util.LinkedHashMap",
    }
}

/// Java `toString()` of the value as a `Map`/`List`/boxed primitive: `{a=1, b=[x, y]}`.
pub(crate) fn java_to_string(v: &Value) -> String {
    let mut out = String::new();
    write_java(&mut out, v);
    out
}

fn write_java(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Number(n) => out.push_str(&java_number(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_java(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                write_java(out, item);
            }
            out.push('}');
        }
    }
}

/// Java's `Double.toString` / `Integer.toString` of a JSON number.
pub(crate) fn java_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    java_double(f)
}

/// Java's `Double.toString(d)`: `1.0`, `0.001`, `1.0E-4`, `1.0E20`.
pub(crate) fn java_double(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let abs = f.abs();
    if (1e-3..1e7).contains(&abs) {
        let s = format!("{f}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        // Shortest round-trip digits in scientific form, Java style: d.dddE±n
        let s = format!("{f:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') {
            mantissa.to_string()
        } else {
            format!("{mantissa}.0")
        };
        format!("{mantissa}E{exp}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn java_strings() {
        assert_eq!(
            java_to_string(&json!({"a": 1, "b": ["x", null, true, 1.5]})),
            "{a=1, b=[x, null, true, 1.5]}"
        );
        assert_eq!(java_double(1.0), "1.0");
        assert_eq!(java_double(1e20), "1.0E20");
        assert_eq!(java_double(1.5e-5), "1.5E-5");
        assert_eq!(java_double(123.25), "123.25");
        assert_eq!(java_class(&json!(1)), "java.lang.Integer");
        assert_eq!(java_class(&json!(1u64 << 40)), "java.lang.Long");
        assert_eq!(java_class(&json!("s")), "java.lang.String");
    }
}
