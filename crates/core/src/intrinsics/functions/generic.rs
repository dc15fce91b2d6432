//! `States.Format`.

use serde_json::Value;
use std::fmt::Write as _;

use crate::intrinsics::error::IntrinsicError;

/// One piece of a parsed `States.Format` template.
enum Piece {
    Text(String),
    Hole,
}

/// Splits a template into text and `{}` holes. `\{`, `\}`, `\'` and `\\` are escapes for
/// the character itself; a backslash before anything else is kept.
fn pieces(template: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek().copied() {
                Some(e @ ('{' | '}' | '\\' | '\'')) => {
                    text.push(e);
                    chars.next();
                }
                _ => text.push('\\'),
            },
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push(Piece::Text(std::mem::take(&mut text)));
                out.push(Piece::Hole);
            }
            c => text.push(c),
        }
    }
    out.push(Piece::Text(text));
    out
}

/// Replaces each `{}` of `template` with the next value, rendered as AWS renders it.
pub(crate) fn format(template: &str, values: &[Value]) -> Result<String, IntrinsicError> {
    let pieces = pieces(template);
    let holes = pieces.iter().filter(|p| matches!(p, Piece::Hole)).count();
    if holes != values.len() {
        return Err(IntrinsicError::failure(format!(
            "States.Format's template has {holes} placeholder{} '{{}}' but {} value{} {} given; pass exactly one value per '{{}}' (write \\\\{{ and \\\\}} for literal braces)",
            if holes == 1 { "" } else { "s" },
            values.len(),
            if values.len() == 1 { "" } else { "s" },
            if values.len() == 1 { "was" } else { "were" },
        )));
    }
    let mut out = String::new();
    let mut next = values.iter();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Hole => {
                if let Some(v) = next.next() {
                    render(v, &mut out);
                }
            }
        }
    }
    Ok(out)
}

/// Renders a value the way AWS's Java runtime prints it into a `States.Format` result:
/// strings bare, numbers/booleans/null as JSON, arrays as `[a, b]` and objects as
/// `{k=v, k2=v2}` (Java's `toString` of lists and maps), recursively.
pub(crate) fn render(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                render(v, out);
            }
            out.push('}');
        }
        other => {
            // Written in place (no String per number).
            let _ = write!(out, "{other}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_like_aws() {
        let mut s = String::new();
        render(
            &json!({"Arg1": 1, "Arg2": [], "s": "x", "n": null, "o": {"a": [true, 1.5]}}),
            &mut s,
        );
        assert_eq!(s, "{Arg1=1, Arg2=[], s=x, n=null, o={a=[true, 1.5]}}");
    }

    #[test]
    fn escapes_and_holes() {
        assert_eq!(
            format(r"\{\} {} \\ \' \n", &[json!("v")]).ok(),
            Some(r"{} v \ ' \n".to_string())
        );
        assert_eq!(format("{ } {", &[]).ok(), Some("{ } {".to_string()));
        assert!(format("{} {}", &[json!(1)]).is_err());
        assert!(format("none", &[json!(1)]).is_err());
    }
}
