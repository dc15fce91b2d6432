//! Built-in functions, by family, and the registry that binds them.
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

pub mod array;
pub mod aws;
pub mod datetime;
pub mod format;
pub mod hof;
pub mod numeric;
pub mod object;
pub mod string_fns;

use crate::env::Env;
use crate::error::{Err, R};
use crate::eval::Evaluator;
use crate::signature::Signature;
use crate::value::{js_number_to_string, to_precision_15, Func, NativeFn, Value};

use std::rc::Rc;

type Entry = (&'static str, &'static str, usize, NativeFn);

/// The JSONata 2.0.6 library (name, signature, arity, implementation). `$eval` is absent.
const BUILTINS: &[Entry] = &[
    ("sum", "<a<n>:n>", 1, numeric::sum),
    ("count", "<a:n>", 1, array::count),
    ("max", "<a<n>:n>", 1, numeric::max),
    ("min", "<a<n>:n>", 1, numeric::min),
    ("average", "<a<n>:n>", 1, numeric::average),
    ("string", "<x-b?:s>", 1, string_fns::string_fn),
    ("substring", "<s-nn?:s>", 3, string_fns::substring),
    (
        "substringBefore",
        "<s-s:s>",
        2,
        string_fns::substring_before,
    ),
    ("substringAfter", "<s-s:s>", 2, string_fns::substring_after),
    ("lowercase", "<s-:s>", 1, string_fns::lowercase),
    ("uppercase", "<s-:s>", 1, string_fns::uppercase),
    ("length", "<s-:n>", 1, string_fns::length),
    ("trim", "<s-:s>", 1, string_fns::trim),
    ("pad", "<s-ns?:s>", 3, string_fns::pad),
    ("match", "<s-f<s:o>n?:a<o>>", 3, string_fns::match_fn),
    ("contains", "<s-(sf):b>", 2, string_fns::contains),
    ("replace", "<s-(sf)(sf)n?:s>", 4, string_fns::replace),
    ("split", "<s-(sf)n?:a<s>>", 3, string_fns::split),
    ("join", "<a<s>s?:s>", 2, string_fns::join),
    ("formatNumber", "<n-so?:s>", 3, format::format_number),
    ("formatBase", "<n-n?:s>", 2, format::format_base),
    ("formatInteger", "<n-s:s>", 2, format::format_integer),
    ("parseInteger", "<s-s:n>", 2, format::parse_integer),
    ("number", "<(nsb)-:n>", 1, numeric::number),
    ("floor", "<n-:n>", 1, numeric::floor),
    ("ceil", "<n-:n>", 1, numeric::ceil),
    ("round", "<n-n?:n>", 2, numeric::round),
    ("abs", "<n-:n>", 1, numeric::abs),
    ("sqrt", "<n-:n>", 1, numeric::sqrt),
    ("power", "<n-n:n>", 2, numeric::power),
    ("random", "<:n>", 0, numeric::random),
    ("boolean", "<x-:b>", 1, boolean_fn),
    ("not", "<x-:b>", 1, not_fn),
    ("map", "<af>", 2, hof::map),
    ("zip", "<a+>", 0, array::zip),
    ("filter", "<af>", 2, hof::filter),
    ("single", "<af?>", 2, hof::single),
    ("reduce", "<afj?:j>", 3, hof::reduce),
    ("sift", "<o-f?:o>", 2, hof::sift),
    ("keys", "<x-:a<s>>", 1, object::keys),
    ("lookup", "<x-s:x>", 2, object::lookup_fn),
    ("append", "<xx:a>", 2, array::append_fn),
    ("exists", "<x:b>", 1, exists),
    ("spread", "<x-:a<o>>", 1, object::spread),
    ("merge", "<a<o>:o>", 1, object::merge),
    ("reverse", "<a:a>", 1, array::reverse),
    ("each", "<o-f:a>", 2, hof::each),
    ("error", "<s?:x>", 1, object::error),
    ("assert", "<bs?:x>", 2, object::assert),
    ("type", "<x:s>", 1, object::type_fn),
    ("sort", "<af?:a>", 2, hof::sort),
    ("shuffle", "<a:a>", 1, array::shuffle),
    ("distinct", "<x:x>", 1, array::distinct),
    ("base64encode", "<s-:s>", 1, string_fns::base64encode),
    ("base64decode", "<s-:s>", 1, string_fns::base64decode),
    (
        "encodeUrlComponent",
        "<s-:s>",
        1,
        string_fns::encode_url_component,
    ),
    ("encodeUrl", "<s-:s>", 1, string_fns::encode_url),
    (
        "decodeUrlComponent",
        "<s-:s>",
        1,
        string_fns::decode_url_component,
    ),
    ("decodeUrl", "<s-:s>", 1, string_fns::decode_url),
    ("toMillis", "<s-s?:n>", 2, datetime::to_millis),
    ("fromMillis", "<n-s?s?:s>", 3, datetime::from_millis),
    ("clone", "<(oa)-:o>", 1, object::clone_fn),
    ("now", "<s?s?:s>", 2, datetime::now),
    ("millis", "<:n>", 0, datetime::millis),
];

/// AWS Step Functions additions.
const AWS_BUILTINS: &[Entry] = &[
    ("partition", "<an:a>", 2, aws::partition),
    ("range", "<nnn?:a>", 3, aws::range),
    ("hash", "<s-s?:s>", 2, aws::hash),
    ("random", "<n?:n>", 1, aws::random),
    ("uuid", "<:s>", 0, aws::uuid),
    ("parse", "<s-:x>", 1, aws::parse),
];

fn native(e: &Entry) -> Value {
    Value::Function(Rc::new(Func::Native {
        name: e.0,
        signature: Signature::parse(e.1).ok().map(Rc::new),
        arity: e.2,
        imp: e.3,
    }))
}

/// Named function values.
type Library = Vec<(&'static str, Value)>;

thread_local! {
    /// The function values, built once per thread (signatures compile regexes).
    static LIBRARY: (Library, Library) = (
        BUILTINS.iter().map(|e| (e.0, native(e))).collect(),
        AWS_BUILTINS.iter().map(|e| (e.0, native(e))).collect(),
    );
}

/// Bind the standard library (and optionally the Step Functions additions) into `env`.
pub fn register(env: &Env, step_functions: bool) {
    LIBRARY.with(|(std_lib, aws)| {
        for (name, v) in std_lib {
            env.bind(name, v.clone());
        }
        if step_functions {
            for (name, v) in aws {
                env.bind(name, v.clone());
            }
        }
    });
}

/// Names of all built-in functions (with or without the Step Functions additions).
pub fn builtin_names(step_functions: bool) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = BUILTINS.iter().map(|e| e.0).collect();
    if step_functions {
        for e in AWS_BUILTINS {
            if !v.contains(&e.0) {
                v.push(e.0);
            }
        }
    }
    v
}

/// Argument `i`, or undefined.
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

/// jsonata-js `boolean` (undefined stays undefined).
pub fn boolean(v: &Value) -> Option<bool> {
    Some(match v {
        Value::Undefined => return None,
        Value::Array(a, _) => match a.len() {
            0 => false,
            1 => boolean(&a[0]).unwrap_or(false),
            _ => a.iter().any(|x| boolean(x) == Some(true)),
        },
        Value::String(s) => !s.is_empty(),
        Value::Number(n) => *n != 0.0 && !n.is_nan(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(b) => *b,
        Value::Null => false,
        // jsonata-js: native functions are non-empty objects (truthy); lambdas are not.
        Value::Function(f) => matches!(f.as_ref(), Func::Native { .. } | Func::Transform(..)),
    })
}

/// JavaScript truthiness.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => *n != 0.0 && !n.is_nan(),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// `boolean` of a function *argument*: jsonata-js wraps function arguments in plain JS
/// functions, which are falsy (a native function value met directly is truthy).
fn boolean_arg(v: &Value) -> Option<bool> {
    match v {
        Value::Function(_) => Some(false),
        other => boolean(other),
    }
}

fn boolean_fn(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(boolean_arg(&arg(args, 0))
        .map(Value::Bool)
        .unwrap_or(Value::Undefined))
}

fn not_fn(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(boolean_arg(&arg(args, 0))
        .map(|b| Value::Bool(!b))
        .unwrap_or(Value::Undefined))
}

fn exists(_: &mut Evaluator, args: &[Value], _: &Value) -> R<Value> {
    Ok(Value::Bool(!arg(args, 0).is_undefined()))
}

/// jsonata-js `append`.
pub fn append(a: Value, b: Value) -> Value {
    if a.is_undefined() {
        return b;
    }
    if b.is_undefined() {
        return a;
    }
    // Reuse `a`'s vector when nothing else holds it: appending item by item (group-by,
    // `$append` in a loop) stays linear instead of copying the whole array each time.
    let mut out = match a {
        Value::Array(x, _) => Rc::unwrap_or_clone(x),
        v => vec![v],
    };
    match b {
        Value::Array(y, _) => out.extend(y.iter().cloned()),
        v => out.push(v),
    }
    Value::array(out)
}

/// jsonata-js `$string`: JSON text with numbers at 15 significant digits.
pub fn string(ev: &Evaluator, v: &Value, pretty: bool) -> R<String> {
    match v {
        Value::String(s) => Ok(s.to_string()),
        Value::Function(_) => Ok(String::new()),
        Value::Number(n) if !n.is_finite() => {
            Err(Err::new("D3001").value(js_number_to_string(*n)).into())
        }
        Value::Array(a, f) if f.outer_wrapper && !a.is_empty() => string(ev, &a[0], pretty),
        other => {
            let mut out = String::new();
            stringify(other, pretty, 0, &mut out, 0)?;
            ev.check_str(out.len())?;
            Ok(out)
        }
    }
}

fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn stringify(v: &Value, pretty: bool, indent: usize, out: &mut String, depth: usize) -> R<()> {
    if depth > 10_000 {
        return Err(Err::new("U1001").into());
    }
    let nl = |out: &mut String, lvl: usize| {
        if pretty {
            out.push('\n');
            for _ in 0..lvl {
                out.push_str("  ");
            }
        }
    };
    match v {
        Value::Undefined | Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_finite() {
                out.push_str(&js_number_to_string(to_precision_15(*n)))
            } else {
                return Err(Err::new("D1001").value("null").into());
            }
        }
        Value::String(s) => quote(s, out),
        Value::Function(_) => out.push_str("\"\""),
        Value::Array(a, _) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, indent + 1);
                stringify(x, pretty, indent + 1, out, depth + 1)?;
            }
            if !a.is_empty() {
                nl(out, indent);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            let mut first = true;
            for (k, x) in o.iter() {
                if x.is_undefined() {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                nl(out, indent + 1);
                quote(k, out);
                out.push(':');
                if pretty {
                    out.push(' ');
                }
                stringify(x, pretty, indent + 1, out, depth + 1)?;
            }
            if !first {
                nl(out, indent);
            }
            out.push('}');
        }
    }
    Ok(())
}
