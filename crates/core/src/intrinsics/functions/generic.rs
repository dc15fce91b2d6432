//! `States.Format`.

use serde_json::Value;
use std::fmt::Write as _;

use crate::intrinsics::error::IntrinsicError;

/// A piece of a `States.Format` template.
enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// A `{}`.
    Hole,
}

/// Walks a template, giving `each` its runs of literal text and its `{}` holes. `\{`, `\}`, `\'`
/// and `\\` are escapes for the character itself; a backslash before anything else is kept.
/// One pass, no allocation: `States.Format` runs once per evaluation.
fn scan<'a>(template: &'a str, each: &mut dyn FnMut(Piece<'a>)) {
    let bytes = template.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Every special character is ASCII, so slicing at them keeps UTF-8 boundaries.
    while let Some(&b) = bytes.get(i) {
        match (b, bytes.get(i + 1)) {
            (b'\\', Some(b'{' | b'}' | b'\\' | b'\'')) => {
                each(Piece::Text(template.get(start..i).unwrap_or_default()));
                start = i + 1;
                i += 2;
            }
            (b'{', Some(b'}')) => {
                each(Piece::Text(template.get(start..i).unwrap_or_default()));
                each(Piece::Hole);
                i += 2;
                start = i;
            }
            _ => i += 1,
        }
    }
    each(Piece::Text(template.get(start..).unwrap_or_default()));
}

/// Replaces each `{}` of `template` with the next value, rendered as AWS renders it.
pub(crate) fn format<V: std::borrow::Borrow<Value>>(
    template: &str,
    values: &[V],
) -> Result<String, IntrinsicError> {
    // One pass: the holes are counted while the text is written, and the text is dropped
    // when their number does not match (rendering has no effect besides the text).
    let mut holes = 0;
    let mut out = String::with_capacity(template.len() + 8 * values.len());
    let mut next = values.iter();
    scan(template, &mut |p| match p {
        Piece::Text(t) => out.push_str(t),
        Piece::Hole => {
            holes += 1;
            if let Some(v) = next.next() {
                render(v.borrow(), &mut out);
            }
        }
    });
    if holes != values.len() {
        return Err(IntrinsicError::failure(format!(
            "States.Format's template has {holes} placeholder{} '{{}}' but {} value{} {} given; pass exactly one value per '{{}}' (write \\\\{{ and \\\\}} for literal braces)",
            if holes == 1 { "" } else { "s" },
            values.len(),
            if values.len() == 1 { "" } else { "s" },
            if values.len() == 1 { "was" } else { "were" },
        )));
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
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            // Integers (most numbers in payloads) by `itoa`, without the formatting machinery.
            (Some(u), _) => out.push_str(itoa::Buffer::new().format(u)),
            (None, Some(i)) => out.push_str(itoa::Buffer::new().format(i)),
            // Floats as serde_json writes them (in place).
            _ => {
                let _ = write!(out, "{value}");
            }
        },
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Null => out.push_str("null"),
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
    fn renders_numbers_as_serde_json_writes_them() {
        let mut values = vec![
            json!(0),
            json!(-1),
            json!(9),
            json!(10),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(i64::MAX),
            json!(-0.0),
            json!(1.5e300),
            json!(true),
            json!(false),
            json!(null),
        ];
        let mut n: u64 = 1;
        while let Some(next) = n.checked_mul(10) {
            values.extend([
                json!(n - 1),
                json!(n),
                json!(n + 1),
                json!(-(n as i128) as f64),
            ]);
            if let Ok(i) = i64::try_from(n) {
                values.extend([json!(-i), json!(1 - i)]);
            }
            n = next;
        }
        for v in values {
            let mut s = String::new();
            render(&v, &mut s);
            assert_eq!(s, v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn escapes_and_holes() {
        assert_eq!(
            format(r"\{\} {} \\ \' \n", &[json!("v")]).ok(),
            Some(r"{} v \ ' \n".to_string())
        );
        assert_eq!(
            format::<Value>("{ } {", &[]).ok(),
            Some("{ } {".to_string())
        );
        assert!(format("{} {}", &[json!(1)]).is_err());
        assert!(format("none", &[json!(1)]).is_err());
        let table: [(&str, &[Value], &str); 9] = [
            ("item-{}", &[json!(7)], "item-7"),
            ("{}{}", &[json!("a"), json!(-1.5)], "a-1.5"),
            ("é{}漢{}🎉", &[json!(true), json!(null)], "étrue漢null🎉"),
            (r"\{}{}", &[json!(1)], "{}1"),
            ("{{}}", &[json!(1)], "{1}"),
            (r"a\", &[], r"a\"),
            (r"\\{}", &[json!("x")], r"\x"),
            (r"\x{}", &[json!([1, "b"])], r"\x[1, b]"),
            ("", &[], ""),
        ];
        for (template, values, want) in table {
            assert_eq!(
                format(template, values).ok().as_deref(),
                Some(want),
                "{template}"
            );
        }
    }

    /// The splitter `States.Format` used before the one-pass scan, kept as the reference.
    enum OldPiece {
        Text(String),
        Hole,
    }

    fn old_pieces(template: &str) -> Vec<OldPiece> {
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
                    out.push(OldPiece::Text(std::mem::take(&mut text)));
                    out.push(OldPiece::Hole);
                }
                c => text.push(c),
            }
        }
        out.push(OldPiece::Text(text));
        out
    }

    #[test]
    fn scan_splits_every_short_template_as_before() {
        let alphabet = ['\\', '{', '}', '\'', 'a', 'é'];
        let mut templates = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = templates
                .iter()
                .filter(|t| t.chars().count() == templates.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            templates.extend(longer);
        }
        assert!(templates.len() > 40_000);
        for t in &templates {
            let mut new = Vec::new();
            scan(t, &mut |p| match p {
                Piece::Text(x) => match new.last_mut() {
                    Some(Some(last)) => *last += x,
                    _ => new.push(Some(x.to_string())),
                },
                Piece::Hole => new.push(None),
            });
            let old: Vec<Option<String>> = old_pieces(t)
                .into_iter()
                .map(|p| match p {
                    OldPiece::Text(x) => Some(x),
                    OldPiece::Hole => None,
                })
                .collect();
            // Texts compared merged (the scan may give a run in parts), empty texts dropped.
            let norm = |v: Vec<Option<String>>| -> Vec<Option<String>> {
                let mut out: Vec<Option<String>> = Vec::new();
                for p in v {
                    match (p, out.last_mut()) {
                        (Some(x), Some(Some(last))) => *last += &x,
                        (Some(x), _) if x.is_empty() => {}
                        (p, _) => out.push(p),
                    }
                }
                out
            };
            assert_eq!(norm(new), norm(old), "{t:?}");
        }
    }
}
