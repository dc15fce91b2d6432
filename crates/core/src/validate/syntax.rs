//! Syntax checks of the small languages embedded in a definition: JSONPath paths and
//! Reference Paths, intrinsic function calls, JSONata `{% %}` templates, variable names and
//! timestamps.
//!
//! Paths and intrinsics get a structural check here (prefix, brackets, quotes, forbidden
//! operators in Reference Paths); the full grammars live in the JSONPath, intrinsic and JSONata
//! parsers, which these functions delegate to where available.

use crate::diagnostic::DiagnosticCode;

/// Longest variable name AWS accepts.
pub const MAX_VARIABLE_NAME: usize = 80;

/// A problem in an embedded expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The diagnostic code to report.
    pub code: DiagnosticCode,
    /// AWS-style message.
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
}

/// Whether `s` is a JSONata template, `{% … %}`.
pub fn is_jsonata_template(s: &str) -> bool {
    s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
}

/// Checks the expression inside a `{% … %}` template.
pub fn check_jsonata_template(s: &str) -> Result<(), SyntaxError> {
    let inner = s.get(2..s.len().saturating_sub(2)).unwrap_or_default();
    check_jsonata(inner)
}

/// Checks a JSONata expression (without delimiters).
pub fn check_jsonata(expr: &str) -> Result<(), SyntaxError> {
    let invalid = |message: String, help: &str| SyntaxError {
        code: DiagnosticCode::InvalidJsonataExpression,
        message,
        help: Some(help.to_string()),
    };
    if expr.trim().is_empty() {
        return Err(invalid(
            "The JSONata expression is empty".to_string(),
            "write an expression between {% and %}, e.g. {% $states.input %}",
        ));
    }
    check_supported_jsonata(expr)?;
    let parsed = aslplay_jsonata::Expression::parse(expr).map_err(|e| {
        invalid(
            format!(
                "The JSONata expression '{expr}' is invalid: {}: {}{}",
                e.code,
                e.message,
                e.position
                    .map(|p| format!(" (at position {p})"))
                    .unwrap_or_default()
            ),
            "check the expression's syntax; try it with `aslplay jsonata '<expression>'`",
        )
    })?;
    if let Some(root) = parsed.analyze().root_refs.first() {
        let what = match root {
            aslplay_jsonata::RootRef::Context { .. } => "'$' (the context value)".to_string(),
            aslplay_jsonata::RootRef::Root { .. } => "'$$' (the root value)".to_string(),
            aslplay_jsonata::RootRef::Field { name, .. } => format!("the field name '{name}'"),
        };
        return Err(SyntaxError {
            code: DiagnosticCode::UnsupportedJsonataExpression,
            message: format!(
                "The JSONata expression '{expr}' uses {what} at the top level, which Step Functions does not support"
            ),
            help: Some(
                "read the state input with $states.input (e.g. $states.input.name) and other data with $states.context, $states.result or variables".to_string(),
            ),
        });
    }
    Ok(())
}

/// Rejects JSONata that parses but Step Functions does not run: `$eval` (AWS: use `$parse`),
/// and the `??` / `?:` operators of JSONata 2.1 (Step Functions implements 2.0.6).
pub fn check_supported_jsonata(expr: &str) -> Result<(), SyntaxError> {
    let code = blank_strings(expr);
    let unsupported = |message: String, help: &str| SyntaxError {
        code: DiagnosticCode::UnsupportedJsonataExpression,
        message,
        help: Some(help.to_string()),
    };
    let mut rest = code.as_str();
    while let Some(i) = rest.find("$eval") {
        let after = rest.get(i + 5..).unwrap_or_default();
        let is_call = after.trim_start().starts_with('(');
        let is_name_end = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if is_call && is_name_end {
            return Err(unsupported(
                format!("The JSONata function $eval is not supported in '{expr}'"),
                "Step Functions does not provide $eval; use $parse to turn a JSON string into a value",
            ));
        }
        rest = after;
    }
    for op in ["??", "?:"] {
        if code.contains(op) {
            return Err(unsupported(
                format!("The JSONata operator '{op}' is not supported in '{expr}'"),
                "Step Functions implements JSONata 2.0.6; '??' and '?:' arrived in 2.1: write `cond ? a : b` or use $exists",
            ));
        }
    }
    Ok(())
}

/// Replaces the contents of string literals and comments with spaces (same byte length).
fn blank_strings(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' || c == '`' {
            out.push(' ');
            while let Some(d) = chars.next() {
                out.push(' ');
                if d == '\\' {
                    if chars.next().is_some() {
                        out.push(' ');
                    }
                } else if d == c {
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            out.push(' ');
            let mut prev = ' ';
            for d in chars.by_ref() {
                out.push(' ');
                if prev == '*' && d == '/' {
                    break;
                }
                prev = d;
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Checks a Path (JSONPath that may select several nodes), including `$$` context paths and
/// `$variable` paths.
pub fn check_path(p: &str) -> Result<(), String> {
    aslplay_jsonpath::Path::parse(p)
        .map(|_| ())
        .map_err(|e| path_error(p, &e))
}

/// Checks a Reference Path: a path that identifies a single node (no wildcards, filters,
/// deep scans, unions, slices or functions).
pub fn check_reference_path(p: &str) -> Result<(), String> {
    aslplay_jsonpath::ReferencePath::parse(p)
        .map(|_| ())
        .map_err(|e| path_error(p, &e))
}

fn path_error(p: &str, e: &aslplay_jsonpath::SyntaxError) -> String {
    format!("'{p}' at position {}: {}", e.position, e.message)
}

/// Checks a value of a `.$` field, `ErrorPath` or `CausePath`: a path or an intrinsic call.
pub fn check_path_or_intrinsic(p: &str) -> Result<(), String> {
    if p.starts_with('$') {
        check_path(p)
    } else {
        check_intrinsic(p)
    }
}

/// Checks an intrinsic function call `States.Name(arg, ...)` (path arguments included).
pub fn check_intrinsic(s: &str) -> Result<(), String> {
    let mut compile = |p: &str| {
        aslplay_jsonpath::Path::parse(p)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    crate::intrinsics::parse(s, &mut compile)
        .map(|_| ())
        .map_err(|e| format!("'{s}' at position {}: {}", e.position, e.message))
}

/// Checks a variable name (an `Assign` key).
pub fn check_variable_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("a variable name cannot be empty".to_string());
    };
    if name.chars().count() > MAX_VARIABLE_NAME {
        return Err(format!(
            "variable names are at most {MAX_VARIABLE_NAME} characters"
        ));
    }
    if !(first.is_alphabetic() || first == '_') || !chars.all(|c| c.is_alphanumeric() || c == '_') {
        return Err(
            "variable names start with a letter or '_' and contain only letters, digits and '_'"
                .to_string(),
        );
    }
    if name == "states" {
        return Err("'states' is reserved (it is the $states variable)".to_string());
    }
    Ok(())
}

/// Whether `s` looks like a JSONPath (`$.x`, `$$.x`, `$[...]`).
pub fn looks_like_path(s: &str) -> bool {
    s.starts_with("$.") || s.starts_with("$$.") || s.starts_with("$[") || s == "$" || s == "$$"
}

/// Whether `s` looks like an intrinsic function call.
pub fn looks_like_intrinsic(s: &str) -> bool {
    s.starts_with("States.") && s.contains('(') && s.trim_end().ends_with(')')
}

/// Whether `s` is an RFC 3339 timestamp as AWS accepts them (uppercase `T`, `Z` or an offset).
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let num = |from: usize, n: usize| -> u32 {
        b.get(from..from + n)
            .map_or(0, |d| d.iter().fold(0, |a, c| a * 10 + u32::from(c - b'0')))
    };
    if !(digits(0, 4)
        && b.get(4) == Some(&b'-')
        && digits(5, 2)
        && b.get(7) == Some(&b'-')
        && digits(8, 2)
        && b.get(10) == Some(&b'T')
        && digits(11, 2)
        && b.get(13) == Some(&b':')
        && digits(14, 2)
        && b.get(16) == Some(&b':')
        && digits(17, 2))
    {
        return false;
    }
    let (month, day, hour, minute, second) =
        (num(5, 2), num(8, 2), num(11, 2), num(14, 2), num(17, 2));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1, 2) && b.get(i + 3) == Some(&b':') && digits(i + 4, 2) && i + 6 == b.len()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for ok in [
            "$",
            "$.a",
            "$$.Execution.Id",
            "$var",
            "$var.x",
            "$.a[0].b",
            "$['a b']",
            "$..x",
            "$.a[*]",
            "$.a[?(@.x > 1)]",
        ] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        for bad in ["a.b", "", "$.a[0", "$.a.", "$x-y"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        for ok in [
            "$",
            "$.a.b",
            "$.a[0]",
            "$['x.*']",
            "$$.Map.Item.Value",
            "$v.x",
        ] {
            assert!(check_reference_path(ok).is_ok(), "{ok}");
        }
        for bad in ["$..x", "$.a[*]", "$.a[?(@.x)]", "$.a[0,1]", "$.a[1:2]"] {
            assert!(check_reference_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn intrinsics() {
        for ok in [
            "States.Format('{}', $.x)",
            "States.Array(1, 'a(', $.b)",
            "States.UUID()",
        ] {
            assert!(check_path_or_intrinsic(ok).is_ok(), "{ok}");
        }
        for bad in [
            "States.Nope(1)",
            "States.Format('x'",
            "States.Format",
            "States.Format('x)",
        ] {
            assert!(check_path_or_intrinsic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn jsonata_templates() {
        assert!(is_jsonata_template("{% 1 %}"));
        assert!(!is_jsonata_template("{%}"));
        assert!(check_jsonata_template("{% $states.input.x + (1 * 2) %}").is_ok());
        assert!(check_jsonata_template("{% '}' & \"(\" %}").is_ok());
        assert!(check_jsonata_template("{%  %}").is_err());
        assert!(check_jsonata_template("{% (1 + 2 %}").is_err());
        let code = |e: &str| check_jsonata_template(e).err().map(|e| e.code);
        assert_eq!(
            code("{% $eval('1') %}"),
            Some(DiagnosticCode::UnsupportedJsonataExpression)
        );
        assert_eq!(
            code("{% $a ?? 1 %}"),
            Some(DiagnosticCode::UnsupportedJsonataExpression)
        );
        assert_eq!(code("{% '$eval(' & \"??\" %}"), None);
        assert_eq!(code("{% $evaluate(1) %}"), None);
        assert_eq!(code("{% $a ? 1 : 2 %}"), None);
    }

    #[test]
    fn variable_names_and_timestamps() {
        assert!(check_variable_name("a_1").is_ok());
        assert!(check_variable_name("ünïcode").is_ok());
        for bad in ["", "1a", "a-b", "a.b", "states", &"x".repeat(81)] {
            assert!(check_variable_name(bad).is_err(), "{bad}");
        }
        for ok in [
            "2016-03-14T01:59:00Z",
            "2016-03-14T01:59:00.123Z",
            "2016-03-14T01:59:00+01:00",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "2016-03-14t01:59:00z",
            "2016-03-14T01:59:00",
            "2016-13-14T01:59:00Z",
            "2016-03-14 01:59:00Z",
            "",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}
