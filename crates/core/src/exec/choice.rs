//! Choice comparison operators on JSON values, with AWS's type rules: a comparison between
//! values of the wrong types is simply false.

use crate::model::ComparisonOperator as Op;
use serde_json::Value;
use std::cmp::Ordering;

/// Evaluates `value <op> rhs`. `IsPresent` is handled by the caller (it needs to know whether
/// the path matched at all).
pub fn compare(op: Op, value: &Value, rhs: &Value) -> bool {
    match op {
        Op::IsNull => value.is_null() == want(rhs),
        Op::IsBoolean => value.is_boolean() == want(rhs),
        Op::IsNumeric => value.is_number() == want(rhs),
        Op::IsString => value.is_string() == want(rhs),
        Op::IsTimestamp => is_timestamp(value) == want(rhs),
        Op::IsPresent => want(rhs),
        Op::BooleanEquals => match (value, rhs) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => false,
        },
        Op::NumericEquals => num_cmp(value, rhs) == Some(Ordering::Equal),
        Op::NumericGreaterThan => num_cmp(value, rhs) == Some(Ordering::Greater),
        Op::NumericGreaterThanEquals => {
            matches!(
                num_cmp(value, rhs),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        Op::NumericLessThan => num_cmp(value, rhs) == Some(Ordering::Less),
        Op::NumericLessThanEquals => {
            matches!(num_cmp(value, rhs), Some(Ordering::Less | Ordering::Equal))
        }
        Op::StringEquals => str_cmp(value, rhs) == Some(Ordering::Equal),
        Op::StringGreaterThan => str_cmp(value, rhs) == Some(Ordering::Greater),
        Op::StringGreaterThanEquals => {
            matches!(
                str_cmp(value, rhs),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        Op::StringLessThan => str_cmp(value, rhs) == Some(Ordering::Less),
        Op::StringLessThanEquals => {
            matches!(str_cmp(value, rhs), Some(Ordering::Less | Ordering::Equal))
        }
        Op::StringMatches => match (value, rhs) {
            (Value::String(s), Value::String(pattern)) => glob_matches(pattern, s),
            _ => false,
        },
        Op::TimestampEquals => ts_cmp(value, rhs) == Some(Ordering::Equal),
        Op::TimestampGreaterThan => ts_cmp(value, rhs) == Some(Ordering::Greater),
        Op::TimestampGreaterThanEquals => {
            matches!(
                ts_cmp(value, rhs),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        Op::TimestampLessThan => ts_cmp(value, rhs) == Some(Ordering::Less),
        Op::TimestampLessThanEquals => {
            matches!(ts_cmp(value, rhs), Some(Ordering::Less | Ordering::Equal))
        }
    }
}

fn want(rhs: &Value) -> bool {
    rhs.as_bool().unwrap_or(true)
}

fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    let (Value::Number(a), Value::Number(b)) = (a, b) else {
        return None;
    };
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

fn str_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        // Java's String.compareTo compares UTF-16 code units.
        (Value::String(x), Value::String(y)) => Some(x.encode_utf16().cmp(y.encode_utf16())),
        _ => None,
    }
}

fn is_timestamp(v: &Value) -> bool {
    v.as_str().and_then(crate::time::rfc3339_millis).is_some()
}

fn ts_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    let x = crate::time::parse_rfc3339(a.as_str()?)?;
    let y = crate::time::parse_rfc3339(b.as_str()?)?;
    Some(x.cmp(&y))
}

/// `StringMatches`: `*` matches any run of characters; `\*` and `\\` are literal.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    enum Tok {
        Star,
        Char(char),
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => toks.push(Tok::Char(n)),
                None => toks.push(Tok::Char('\\')),
            },
            '*' => toks.push(Tok::Star),
            c => toks.push(Tok::Char(c)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Iterative wildcard matching with backtracking to the last star: O(n·m) worst case.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match toks.get(p) {
            Some(Tok::Char(c)) if text.get(t) == Some(c) => {
                t += 1;
                p += 1;
            }
            Some(Tok::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while matches!(toks.get(p), Some(Tok::Star)) {
        p += 1;
    }
    p == toks.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn globs() {
        assert!(glob_matches("log-*.txt", "log-2024.txt"));
        assert!(glob_matches("*", ""));
        assert!(!glob_matches("log-*.txt", "log-2024.csv"));
        assert!(glob_matches("a\\*b", "a*b"));
        assert!(!glob_matches("a\\*b", "axb"));
        assert!(glob_matches("*x*y*", "aaxbbyc"));
        assert!(glob_matches("a\\\\b", "a\\b"));
    }

    #[test]
    fn type_mismatch_is_false() {
        assert!(!compare(Op::NumericEquals, &json!("1"), &json!(1)));
        assert!(!compare(Op::StringEquals, &json!(1), &json!("1")));
        assert!(compare(Op::NumericEquals, &json!(1.0), &json!(1)));
        assert!(compare(Op::NumericLessThan, &json!(-1), &json!(1.5)));
    }

    #[test]
    fn timestamps() {
        assert!(compare(
            Op::TimestampLessThan,
            &json!("2016-03-14T01:59:00Z"),
            &json!("2016-03-14T03:59:00+01:00")
        ));
        assert!(!compare(
            Op::TimestampEquals,
            &json!("nope"),
            &json!("2016-03-14T01:59:00Z")
        ));
    }
}
