//! Parser for intrinsic function expressions such as
//! `States.Format('Hello {}', States.Array(1, 'two', $$.Execution.Name))`.
//!
//! Parsing happens once, when a definition is loaded. Path arguments are handed to the
//! caller's path compiler so that this module does not depend on a JSONPath
//! implementation.

use serde_json::{Number, Value};

use super::ast::{Arg, Call, PathKind, Span};
use super::error::ParseError;
use super::function::Function;

/// The deepest nesting of intrinsic calls AWS accepts in one field.
pub const MAX_NESTING: usize = 10;

/// Parses `text` as one intrinsic function call.
///
/// Every path argument (`$…`, `$$…`, `$var…`) is passed, as written, to `compile_path`;
/// an `Err(reason)` from it becomes a [`ParseError`] at the path's position.
pub fn parse<P>(
    text: &str,
    compile_path: &mut dyn FnMut(&str) -> Result<P, String>,
) -> Result<Call<P>, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        compile_path,
    };
    parser.skip_ws();
    if parser.pos >= parser.bytes.len() {
        return Err(ParseError::new(
            0,
            "expected an intrinsic function call such as States.Format('Hello {}', $.name), found an empty string",
        ));
    }
    if parser.peek() == Some(b'$') {
        return Err(ParseError::new(
            parser.pos,
            "expected an intrinsic function call such as States.Format('Hello {}', $.name); a value starting with '$' is a path, not a function call",
        ));
    }
    let call = parser.call(1)?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(ParseError::new(
            parser.pos,
            format!(
                "unexpected '{}' after the end of the {} call; a field holds exactly one call",
                parser.rest_preview(),
                call.function.name()
            ),
        ));
    }
    Ok(call)
}

struct Parser<'t, 'c, P> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    compile_path: &'c mut dyn FnMut(&str) -> Result<P, String>,
}

impl<P> Parser<'_, '_, P> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Up to 20 characters of the text at the current position, for messages.
    fn rest_preview(&self) -> String {
        let rest = self.text.get(self.pos..).unwrap_or("");
        let mut s: String = rest.chars().take(20).collect();
        if rest.chars().count() > 20 {
            s.push('…');
        }
        s
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|r| r.chars().next()) {
            None => "the end of the expression".to_string(),
            Some(c) => format!("'{c}'"),
        }
    }

    /// Parses `States.Name(args…)` at the current position; `depth` is 1 for the outermost.
    fn call(&mut self, depth: usize) -> Result<Call<P>, ParseError> {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
        {
            self.pos += 1;
        }
        let name = self.text.get(start..self.pos).unwrap_or("");
        if name.is_empty() {
            return Err(ParseError::new(
                start,
                format!(
                    "expected an intrinsic function name such as States.Array, found {}",
                    self.describe_here()
                ),
            ));
        }
        let function = Function::from_name(name).ok_or_else(|| unknown_function(name, start))?;
        if depth > MAX_NESTING {
            return Err(ParseError::new(
                start,
                format!(
                    "intrinsic functions can be nested at most {MAX_NESTING} deep in one field; this {} call is at depth {depth}",
                    function.name()
                ),
            ));
        }
        self.skip_ws();
        if self.peek() != Some(b'(') {
            return Err(ParseError::new(
                self.pos,
                format!(
                    "expected '(' after {}, found {}; write it as {}",
                    function.name(),
                    self.describe_here(),
                    function.signature()
                ),
            ));
        }
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                args.push(self.arg(depth)?);
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => {
                        self.pos += 1;
                        break;
                    }
                    None => {
                        return Err(ParseError::new(
                            self.pos,
                            format!(
                            "the argument list of {} opened at byte {start} is not closed; add ')'",
                            function.name()
                        ),
                        ))
                    }
                    Some(_) => {
                        return Err(ParseError::new(
                            self.pos,
                            format!(
                                "expected ',' or ')' after an argument of {}, found {}",
                                function.name(),
                                self.describe_here()
                            ),
                        ))
                    }
                }
            }
        }
        let span = Span {
            start,
            end: self.pos,
        };
        check_arity(function, args.len(), start)?;
        Ok(Call {
            function,
            args,
            span,
        })
    }

    fn arg(&mut self, depth: usize) -> Result<Arg<P>, ParseError> {
        let start = self.pos;
        match self.peek() {
            Some(b'\'') => self.string(),
            Some(b'$') => self.path(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b) if b.is_ascii_alphabetic() => {
                let mut end = start;
                while matches!(self.bytes.get(end), Some(b) if b.is_ascii_alphanumeric() || *b == b'_')
                {
                    end += 1;
                }
                let word = self.text.get(start..end).unwrap_or("");
                let literal = match word {
                    "true" => Some(Value::Bool(true)),
                    "false" => Some(Value::Bool(false)),
                    "null" => Some(Value::Null),
                    _ => None,
                };
                match literal {
                    Some(value) if !matches!(self.bytes.get(end), Some(b'.' | b'(')) => {
                        self.pos = end;
                        Ok(Arg::Literal {
                            value,
                            span: Span { start, end },
                        })
                    }
                    _ => Ok(Arg::Call(self.call(depth + 1)?)),
                }
            }
            Some(b'"') => Err(ParseError::new(
                start,
                "string literals in intrinsic functions use single quotes: write 'text', not \"text\"",
            )),
            Some(b',' | b')') => Err(ParseError::new(
                start,
                format!("expected an argument, found {}; arguments cannot be empty", self.describe_here()),
            )),
            None => Err(ParseError::new(
                start,
                "expected an argument, found the end of the expression; the call is not closed",
            )),
            Some(_) => Err(ParseError::new(
                start,
                format!(
                    "expected an argument (a 'string', a number, true, false, null, a $path or a States.* call), found {}",
                    self.describe_here()
                ),
            )),
        }
    }

    /// A single-quoted string. `\'`, `\{`, `\}` and `\\` are escapes; a backslash before
    /// any other character is kept as written.
    fn string(&mut self) -> Result<Arg<P>, ParseError> {
        let start = self.pos;
        let body_start = start + 1;
        let rest = self.text.get(body_start..).unwrap_or("");
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\'' => {
                    let end = body_start + i + 1;
                    self.pos = end;
                    let raw = rest.get(..i).unwrap_or("").to_string();
                    return Ok(Arg::String {
                        value,
                        raw,
                        span: Span { start, end },
                    });
                }
                '\\' => match chars.next() {
                    Some((_, e @ ('\'' | '{' | '}' | '\\'))) => value.push(e),
                    Some((_, other)) => {
                        value.push('\\');
                        value.push(other);
                    }
                    None => value.push('\\'),
                },
                c => value.push(c),
            }
        }
        Err(ParseError::new(
            start,
            "unterminated string literal: add the closing single quote (write \\' for a quote inside the string)",
        ))
    }

    fn number(&mut self) -> Result<Arg<P>, ParseError> {
        let start = self.pos;
        let mut end = start;
        let at = |i: usize| self.bytes.get(i).copied();
        if at(end) == Some(b'-') {
            end += 1;
        }
        let int_start = end;
        while matches!(at(end), Some(b'0'..=b'9')) {
            end += 1;
        }
        let mut is_float = false;
        let invalid = |end: usize, what: &str| {
            ParseError::new(
                start,
                format!(
                    "invalid number '{}': {what}",
                    self.text
                        .get(start..end.min(self.bytes.len()))
                        .unwrap_or("")
                ),
            )
        };
        if end == int_start {
            return Err(invalid(end + 1, "expected a digit after '-'"));
        }
        if at(end) == Some(b'.') {
            is_float = true;
            end += 1;
            let frac = end;
            while matches!(at(end), Some(b'0'..=b'9')) {
                end += 1;
            }
            if end == frac {
                return Err(invalid(end, "expected digits after the decimal point"));
            }
        }
        if matches!(at(end), Some(b'e' | b'E')) {
            is_float = true;
            end += 1;
            if matches!(at(end), Some(b'+' | b'-')) {
                end += 1;
            }
            let exp = end;
            while matches!(at(end), Some(b'0'..=b'9')) {
                end += 1;
            }
            if end == exp {
                return Err(invalid(end, "expected digits in the exponent"));
            }
        }
        if matches!(at(end), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            return Err(invalid(end + 1, "a number must be followed by ',' or ')'"));
        }
        let lexeme = self.text.get(start..end).unwrap_or("");
        let number = if is_float {
            lexeme.parse::<f64>().ok().and_then(Number::from_f64)
        } else {
            lexeme
                .parse::<i64>()
                .map(Number::from)
                .ok()
                .or_else(|| lexeme.parse::<u64>().ok().map(Number::from))
                .or_else(|| lexeme.parse::<f64>().ok().and_then(Number::from_f64))
        };
        let number = number.ok_or_else(|| invalid(end, "out of range"))?;
        self.pos = end;
        Ok(Arg::Literal {
            value: Value::Number(number),
            span: Span { start, end },
        })
    }

    /// A path runs to the first ',', ')' or whitespace outside brackets, parentheses and
    /// quoted names, so `$.a['x, y']` and `$.a[?(@.b == 1)]` stay whole.
    fn path(&mut self) -> Result<Arg<P>, ParseError> {
        let start = self.pos;
        let mut end = start;
        let mut brackets = 0usize;
        let mut parens = 0usize;
        while let Some(&b) = self.bytes.get(end) {
            match b {
                b'\'' | b'"' if brackets > 0 => {
                    end += 1;
                    while let Some(&q) = self.bytes.get(end) {
                        end += 1;
                        if q == b'\\' {
                            end += 1;
                        } else if q == b {
                            break;
                        }
                    }
                    continue;
                }
                b'[' => brackets += 1,
                b']' => brackets = brackets.saturating_sub(1),
                b'(' => parens += 1,
                b')' if parens > 0 => parens -= 1,
                b',' | b')' | b' ' | b'\t' | b'\n' | b'\r' if brackets == 0 && parens == 0 => break,
                _ => {}
            }
            end += 1;
        }
        let end = end.min(self.bytes.len());
        let text = self.text.get(start..end).unwrap_or("");
        let compiled = (self.compile_path)(text)
            .map_err(|reason| ParseError::new(start, format!("invalid path '{text}': {reason}")))?;
        self.pos = end;
        Ok(Arg::Path {
            kind: PathKind::of(text),
            text: text.to_string(),
            compiled,
            span: Span { start, end },
        })
    }
}

fn check_arity(function: Function, given: usize, position: usize) -> Result<(), ParseError> {
    let (min, max) = function.arity();
    if given >= min && max.is_none_or(|m| given <= m) {
        return Ok(());
    }
    Err(ParseError::new(
        position,
        format!(
            "{} takes {}, but {given} {} given; write it as {}",
            function.name(),
            function.arity_text(),
            if given == 1 { "was" } else { "were" },
            function.signature()
        ),
    ))
}

fn unknown_function(name: &str, position: usize) -> ParseError {
    let suggestion = Function::ALL
        .into_iter()
        .find(|f| f.name().eq_ignore_ascii_case(name))
        .or_else(|| {
            let short = name.rsplit('.').next().unwrap_or(name);
            Function::ALL.into_iter().find(|f| {
                f.name()
                    .strip_prefix("States.")
                    .is_some_and(|n| n.eq_ignore_ascii_case(short))
            })
        });
    let message = match suggestion {
        Some(f) => format!(
            "unknown intrinsic function '{name}'; did you mean '{}'? (names are case-sensitive)",
            f.name()
        ),
        None => {
            let all: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
            format!(
                "unknown intrinsic function '{name}'; the intrinsic functions are {}",
                all.join(", ")
            )
        }
    };
    ParseError::new(position, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Call<String>, ParseError> {
        parse(text, &mut |s: &str| Ok(s.to_string()))
    }

    #[test]
    fn parses_nested_call_with_all_argument_kinds() {
        let call = p("States.Format('Hello {} and {}', $.name, States.Array(1, -2.5, 'two', true, false, null, $$.Execution.Name, $myVar.x))")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(call.function, Function::Format);
        assert_eq!(call.args.len(), 3);
        assert!(matches!(&call.args[0], Arg::String { value, .. } if value == "Hello {} and {}"));
        assert!(
            matches!(&call.args[1], Arg::Path { kind: PathKind::Input, text, .. } if text == "$.name")
        );
        let Arg::Call(inner) = &call.args[2] else {
            panic!("expected a nested call")
        };
        assert_eq!(inner.function, Function::Array);
        let values: Vec<String> = inner
            .args
            .iter()
            .map(|a| match a {
                Arg::Literal { value, .. } => value.to_string(),
                Arg::String { value, .. } => format!("'{value}'"),
                Arg::Path { kind, text, .. } => format!("{kind:?}:{text}"),
                Arg::Call(_) => "call".into(),
            })
            .collect();
        assert_eq!(
            values,
            vec![
                "1",
                "-2.5",
                "'two'",
                "true",
                "false",
                "null",
                "Context:$$.Execution.Name",
                "Variable:$myVar.x"
            ]
        );
        assert_eq!(call.depth(), 2);
        assert_eq!(inner.span.start, call.args[2].span().start);
    }

    #[test]
    fn string_escapes() {
        let call = p(r"States.Format('it\'s \{\} a \\ b \n')").unwrap_or_else(|e| panic!("{e}"));
        let Arg::String { value, raw, .. } = &call.args[0] else {
            panic!()
        };
        assert_eq!(value, r"it's {} a \ b \n");
        assert_eq!(raw, r"it\'s \{\} a \\ b \n");
    }

    #[test]
    fn paths_with_brackets_quotes_and_filters_stay_whole() {
        let call = p("States.Array($.a['x, y)'], $.b[?(@.c == 'd')], $[0], $)")
            .unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<&str> = call
            .args
            .iter()
            .filter_map(|a| match a {
                Arg::Path { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec!["$.a['x, y)']", "$.b[?(@.c == 'd')]", "$[0]", "$"]
        );
    }

    #[test]
    fn whitespace_is_allowed_between_tokens() {
        let call = p("  States.Array ( 1 ,\t'a' , $.x )  ").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(call.args.len(), 3);
        assert!(p("States.UUID()").is_ok());
        assert!(p("States.UUID( )").is_ok());
    }

    #[test]
    fn nine_nested_calls_from_the_aws_guide_parse() {
        let text = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
        let call = p(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(call.depth(), 5);
    }

    fn nested(depth: usize) -> String {
        format!("{}1{}", "States.Array(".repeat(depth), ")".repeat(depth))
    }

    #[test]
    fn nesting_limit_is_ten() {
        assert!(p(&nested(10)).is_ok());
        let err = p(&nested(11))
            .err()
            .unwrap_or_else(|| panic!("depth 11 accepted"));
        assert!(err.message.contains("at most 10"), "{err}");
        assert_eq!(err.position, 10 * "States.Array(".len());
        // Deep adversarial nesting fails fast without exhausting the stack.
        assert!(p(&nested(100_000)).is_err());
    }

    #[test]
    fn errors_have_positions_and_teach() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "empty string"),
            ("$.a", 0, "is a path"),
            (
                "States.Foo(1)",
                0,
                "unknown intrinsic function 'States.Foo'",
            ),
            ("States.uuid()", 0, "did you mean 'States.UUID'"),
            (
                "States.MathAdd(1)",
                0,
                "takes exactly 2 arguments, but 1 was given",
            ),
            ("States.UUID(1)", 0, "takes exactly 0 arguments"),
            ("States.Format()", 0, "at least 1 argument"),
            ("States.Array(1, 2", 17, "not closed"),
            ("States.Array(1 2)", 15, "expected ',' or ')'"),
            ("States.Array(1,)", 15, "arguments cannot be empty"),
            ("States.Array('abc)", 13, "unterminated string"),
            ("States.Array(\"a\")", 13, "single quotes"),
            ("States.Array(1) x", 16, "after the end"),
            ("States.Array(1.)", 13, "digits after the decimal point"),
            ("States.Array(-)", 13, "digit after '-'"),
            ("States.Array(12ab)", 13, "followed by ','"),
            ("States.Array", 12, "expected '('"),
            ("States.Array(#)", 13, "found '#'"),
            (
                "States.Array(True)",
                13,
                "unknown intrinsic function 'True'",
            ),
        ];
        for (text, pos, needle) in cases {
            match p(text) {
                Ok(_) => panic!("{text:?} parsed"),
                Err(e) => {
                    assert!(e.message.contains(needle), "{text:?}: {e}");
                    assert_eq!(e.position, *pos, "{text:?}: {e}");
                }
            }
        }
    }

    #[test]
    fn path_compiler_errors_become_parse_errors() {
        let err = parse::<()>("States.Array(1, $.a[)", &mut |s: &str| {
            Err(format!("bad path {s}"))
        })
        .err()
        .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(err.position, 16);
        assert!(err.message.contains("invalid path"), "{err}");
    }

    #[test]
    fn numbers() {
        let call = p("States.Array(0, -0, 9223372036854775807, 18446744073709551615, 1e3, 1.5E-2)")
            .unwrap_or_else(|e| panic!("{e}"));
        let values: Vec<String> = call
            .args
            .iter()
            .map(|a| match a {
                Arg::Literal { value, .. } => value.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            values,
            vec![
                "0",
                "0",
                "9223372036854775807",
                "18446744073709551615",
                "1000.0",
                "0.015"
            ]
        );
    }

    /// A tiny deterministic generator for the fuzz test (no external crates needed).
    fn lcg(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *state >> 33
    }

    #[test]
    fn never_panics_on_random_input() {
        const ALPHABET: &[&str] = &[
            "States.",
            "Format",
            "Array",
            "(",
            ")",
            ",",
            "'",
            "\\",
            "$",
            "$$",
            ".",
            "[",
            "]",
            "{}",
            "1",
            "-",
            "e",
            " ",
            "true",
            "null",
            "é",
            "🦀",
            "\"",
            "?",
            "@",
            "MathAdd",
            "UUID",
            "States.Array(",
        ];
        let mut state = 12345u64;
        for _ in 0..20_000 {
            let len = (lcg(&mut state) % 24) as usize;
            let mut s = String::new();
            for _ in 0..len {
                let i = (lcg(&mut state) as usize) % ALPHABET.len();
                s.push_str(ALPHABET[i]);
            }
            let _ = p(&s);
        }
    }
}
