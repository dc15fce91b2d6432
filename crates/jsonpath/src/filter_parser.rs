//! Parser for filter expressions `[?( … )]` (Jayway's FilterCompiler grammar).

use regex_lite::RegexBuilder;
use serde_json::{Map, Number, Value};

use crate::ast::{CmpOp, Expr, Operand, SubPath};
use crate::error::SyntaxError;
use crate::eval::is_definite;
use crate::parser::Cursor;

/// `or := and ('||' and)*`
pub(crate) fn parse_or(c: &mut Cursor<'_>) -> Result<Expr, SyntaxError> {
    let mut left = parse_and(c)?;
    loop {
        c.skip_blanks();
        if c.peek() == Some(b'|') && c.peek_at(1) == Some(b'|') {
            c.pos += 2;
            let right = parse_and(c)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        } else {
            return Ok(left);
        }
    }
}

/// `and := unary ('&&' unary)*`
fn parse_and(c: &mut Cursor<'_>) -> Result<Expr, SyntaxError> {
    let mut left = parse_unary(c)?;
    loop {
        c.skip_blanks();
        if c.peek() == Some(b'&') && c.peek_at(1) == Some(b'&') {
            c.pos += 2;
            let right = parse_unary(c)?;
            left = Expr::And(Box::new(left), Box::new(right));
        } else {
            return Ok(left);
        }
    }
}

/// `unary := '!' unary | '(' or ')' | comparison`
fn parse_unary(c: &mut Cursor<'_>) -> Result<Expr, SyntaxError> {
    c.skip_blanks();
    match c.peek() {
        Some(b'!') => {
            c.pos += 1;
            c.enter()?;
            let inner = parse_unary(c)?;
            c.leave();
            Ok(Expr::Not(Box::new(inner)))
        }
        Some(b'(') => {
            c.pos += 1;
            c.enter()?;
            let inner = parse_or(c)?;
            c.skip_blanks();
            if c.peek() != Some(b')') {
                return Err(c.err("expected ')' to close the parenthesized filter expression"));
            }
            c.pos += 1;
            c.leave();
            Ok(inner)
        }
        _ => parse_comparison(c),
    }
}

fn is_expression_end(c: &Cursor<'_>) -> bool {
    match c.peek() {
        None | Some(b')') => true,
        Some(b'&') => c.peek_at(1) == Some(b'&'),
        Some(b'|') => c.peek_at(1) == Some(b'|'),
        _ => false,
    }
}

fn parse_comparison(c: &mut Cursor<'_>) -> Result<Expr, SyntaxError> {
    let left_at = c.pos;
    let left = parse_operand(c)?;
    c.skip_blanks();
    if is_expression_end(c) {
        return match left {
            Operand::Path(p) => Ok(Expr::Exists(p)),
            _ => Err(SyntaxError::new(
                left_at,
                "a filter term without an operator must be a path such as @.x (an existence \
                 test); otherwise compare it, e.g. @.x == 1",
            )),
        };
    }
    let op = parse_operator(c)?;
    c.skip_blanks();
    let right = parse_operand(c)?;
    Ok(Expr::Compare(left, op, right))
}

fn parse_operator(c: &mut Cursor<'_>) -> Result<CmpOp, SyntaxError> {
    let start = c.pos;
    let symbolic = |b: u8| matches!(b, b'<' | b'>' | b'=' | b'!' | b'~');
    if c.peek().is_some_and(symbolic) {
        while c.peek().is_some_and(symbolic) {
            c.pos += 1;
        }
    } else {
        while c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            c.pos += 1;
        }
    }
    let text = &c.src[start..c.pos];
    let op = match text.to_ascii_lowercase().as_str() {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "===" => CmpOp::TypeSafeEq,
        "!==" => CmpOp::TypeSafeNe,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        "=~" => CmpOp::Regex,
        "in" => CmpOp::In,
        "nin" => CmpOp::Nin,
        "contains" => CmpOp::Contains,
        "all" => CmpOp::All,
        "size" => CmpOp::Size,
        "empty" => CmpOp::Empty,
        "subsetof" => CmpOp::SubsetOf,
        "anyof" => CmpOp::AnyOf,
        "noneof" => CmpOp::NoneOf,
        _ => {
            let shown = if text.is_empty() {
                c.current_char().map(String::from).unwrap_or_default()
            } else {
                text.to_string()
            };
            return Err(SyntaxError::new(
                start,
                format!(
                    "unknown filter operator '{shown}'; expected one of == != < <= > >= =~ in \
                     nin subsetof anyof noneof size empty contains all, or '&&', '||', ')'"
                ),
            ));
        }
    };
    Ok(op)
}

fn parse_operand(c: &mut Cursor<'_>) -> Result<Operand, SyntaxError> {
    c.skip_blanks();
    match c.peek() {
        Some(b'@') | Some(b'$') => {
            let relative = c.peek() == Some(b'@');
            let at = c.pos;
            c.pos += 1;
            if !relative && c.peek() == Some(b'$') {
                return Err(SyntaxError::new(
                    at,
                    "'$$' cannot be used inside a filter; use '@' (current item) or '$' \
                     (document root)",
                ));
            }
            c.enter()?;
            let list = c.steps(true)?;
            c.leave();
            let definite = is_definite(&list.steps, list.function.as_ref());
            Ok(Operand::Path(Box::new(SubPath {
                relative,
                steps: list.steps,
                function: list.function,
                definite,
            })))
        }
        Some(b'/') => parse_regex(c),
        _ => Ok(Operand::Literal(parse_literal(c)?)),
    }
}

fn parse_regex(c: &mut Cursor<'_>) -> Result<Operand, SyntaxError> {
    let open = c.pos;
    c.pos += 1;
    let start = c.pos;
    loop {
        match c.peek() {
            None => return Err(SyntaxError::new(
                open,
                "unterminated regular expression; expected a closing '/' (write /pattern/flags)",
            )),
            Some(b'\\') => c.pos += 2,
            Some(b'/') => break,
            Some(_) => c.pos += 1,
        }
    }
    let Some(pattern) = c.src.get(start..c.pos.min(c.end)) else {
        return Err(SyntaxError::new(open, "unterminated regular expression"));
    };
    c.pos += 1;
    let flags_start = c.pos;
    while c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
        c.pos += 1;
    }
    let flags = &c.src[flags_start..c.pos];
    let mut builder = RegexBuilder::new(&format!(r"\A(?:{pattern})\z"));
    builder.size_limit(1 << 20);
    for f in flags.chars() {
        match f {
            'i' => {
                builder.case_insensitive(true);
            }
            'm' => {
                builder.multi_line(true);
            }
            's' => {
                builder.dot_matches_new_line(true);
            }
            'x' => {
                builder.ignore_whitespace(true);
            }
            // Java's UNICODE_CASE, UNICODE_CHARACTER_CLASS, UNIX_LINES: accepted; regex-lite
            // folds ASCII case and has ASCII classes (Java's defaults), and treats only '\n'
            // as a line end already (docs/jsonpath.md).
            'u' | 'U' | 'd' => {}
            other => {
                return Err(SyntaxError::new(
                    flags_start,
                    format!(
                        "unknown regex flag '{other}'; supported flags are i, m, s, x, u, U, d"
                    ),
                ))
            }
        }
    }
    let re = builder.build().map_err(|e| {
        SyntaxError::new(
            start,
            format!(
                "invalid regular expression: {}",
                e.to_string().lines().last().unwrap_or("")
            ),
        )
    })?;
    Ok(Operand::Regex(Box::new(re)))
}

/// A literal: string, number, true/false/null, or a JSON array/object (single quotes allowed).
fn parse_literal(c: &mut Cursor<'_>) -> Result<Value, SyntaxError> {
    c.skip_blanks();
    match c.peek() {
        Some(q @ (b'\'' | b'"')) => Ok(Value::String(c.quoted_string(q)?)),
        Some(b'-' | b'0'..=b'9') => parse_number(c),
        Some(b'[') => {
            c.enter()?;
            c.pos += 1;
            let mut items = Vec::new();
            c.skip_blanks();
            if c.peek() == Some(b']') {
                c.pos += 1;
            } else {
                loop {
                    items.push(parse_literal(c)?);
                    c.skip_blanks();
                    match c.peek() {
                        Some(b',') => c.pos += 1,
                        Some(b']') => {
                            c.pos += 1;
                            break;
                        }
                        _ => return Err(c.err("expected ',' or ']' in array literal")),
                    }
                }
            }
            c.leave();
            Ok(Value::Array(items))
        }
        Some(b'{') => {
            c.enter()?;
            c.pos += 1;
            let mut map = Map::new();
            c.skip_blanks();
            if c.peek() == Some(b'}') {
                c.pos += 1;
            } else {
                loop {
                    c.skip_blanks();
                    let key = match c.peek() {
                        Some(q @ (b'\'' | b'"')) => c.quoted_string(q)?,
                        _ => return Err(c.err("expected a quoted key in object literal")),
                    };
                    c.skip_blanks();
                    if c.peek() != Some(b':') {
                        return Err(c.err("expected ':' after the key in object literal"));
                    }
                    c.pos += 1;
                    let v = parse_literal(c)?;
                    map.insert(key, v);
                    c.skip_blanks();
                    match c.peek() {
                        Some(b',') => c.pos += 1,
                        Some(b'}') => {
                            c.pos += 1;
                            break;
                        }
                        _ => return Err(c.err("expected ',' or '}' in object literal")),
                    }
                }
            }
            c.leave();
            Ok(Value::Object(map))
        }
        Some(b't' | b'f' | b'n') => {
            for (word, v) in [
                ("true", Value::Bool(true)),
                ("false", Value::Bool(false)),
                ("null", Value::Null),
            ] {
                if c.src[c.pos..c.end].starts_with(word) {
                    c.pos += word.len();
                    return Ok(v);
                }
            }
            Err(bad_value(c))
        }
        _ => Err(bad_value(c)),
    }
}

fn bad_value(c: &Cursor<'_>) -> SyntaxError {
    c.err(
        "expected a value: a path (@.x or $.x), a quoted string, a number, true, false, null, \
         a JSON array/object, or a regex /pattern/",
    )
}

fn parse_number(c: &mut Cursor<'_>) -> Result<Value, SyntaxError> {
    let start = c.pos;
    while matches!(
        c.peek(),
        Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
    ) {
        c.pos += 1;
    }
    let text = &c.src[start..c.pos];
    let bad = || {
        SyntaxError::new(
            start,
            format!("'{text}' is not a valid number; expected e.g. 1, -2.5 or 1e3"),
        )
    };
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(i) = text.parse::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = text.parse::<u64>() {
            return Ok(Value::Number(u.into()));
        }
    }
    let f: f64 = text.parse().map_err(|_| bad())?;
    Number::from_f64(f).map(Value::Number).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use crate::parser::parse_path;

    fn err(src: &str) -> String {
        match parse_path(src) {
            Ok(_) => panic!("{src} should not parse"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn filters_parse() {
        for p in [
            "$[?(@.x > 1)]",
            "$[?(@.x)]",
            "$[?(!@.x)]",
            "$[?(@.x == 'a' && @.y != \"b\" || @.z <= 1.5e2)]",
            "$[?(@.x =~ /ab.*/i)]",
            "$[?(@.x in [1, 'a', null])]",
            "$[?(@.x nin [1])]",
            "$[?(@.x subsetof ['a','b'])]",
            "$[?(@.x anyof ['a'])]",
            "$[?(@.x noneof ['a'])]",
            "$[?(@.x size 2)]",
            "$[?(@.x empty true)]",
            "$[?(@.x == $.y)]",
            "$[?((@.a > 1) && !(@.b < 2))]",
            "$[?(@.length() > 1)]",
            "$[?(@['a b'] == {'k': [1]})]",
            "$..book[?(@.price<10)]",
        ] {
            if let Err(e) = parse_path(p) {
                panic!("{p}: {e}");
            }
        }
    }

    #[test]
    fn filter_errors_teach() {
        assert!(err("$[?(@.x >)]").contains("expected a value"));
        assert!(err("$[?(@.x foo 1)]").contains("unknown filter operator 'foo'"));
        assert!(err("$[?(1)]").contains("existence"));
        assert!(err("$[?(@.x == 1]").contains("')'"));
        assert!(err("$[?(@.x =~ /a(/)]").contains("invalid regular expression"));
        assert!(err("$[?(@.x =~ /a/q)]").contains("unknown regex flag"));
        assert!(err("$[?@.x]").contains("'('"));
        let deep = format!("$[?({}@.x{})]", "(".repeat(40), ")".repeat(40));
        assert!(err(&deep).contains("nested too deeply"));
    }
}
