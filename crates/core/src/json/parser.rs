//! Recursive-descent JSON parser (RFC 8259) that records spans and keeps duplicate keys.

use super::node::{JsonNode, Member, NodeKind};
use crate::model::Span;
use std::fmt;

/// Deepest nesting of arrays and objects the reader accepts.
pub const MAX_DEPTH: usize = 256;

/// A JSON syntax error: where, and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonSyntaxError {
    /// What went wrong, phrased to help fix it.
    pub message: String,
    /// The offending bytes (empty at the end of input).
    pub span: Span,
}

impl fmt::Display for JsonSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.span.start)
    }
}

impl std::error::Error for JsonSyntaxError {}

/// Parses one JSON document (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<JsonNode, JsonSyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    // A UTF-8 byte-order mark is tolerated, as most JSON readers do.
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.skip_ws()?;
    if p.pos >= p.bytes.len() {
        return Err(p.error_at(p.pos, "the definition is empty: expected a JSON object"));
    }
    let node = p.value(0)?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        return Err(p.error_at(
            p.pos,
            "unexpected text after the end of the JSON value: a definition is exactly one JSON \
             object",
        ));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error_at(&self, pos: usize, message: impl Into<String>) -> JsonSyntaxError {
        let end = self.char_end(pos);
        JsonSyntaxError {
            message: message.into(),
            span: Span::new(pos, end),
        }
    }

    /// End of the character starting at `pos` (or `pos` at the end of input).
    fn char_end(&self, pos: usize) -> usize {
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(c) => pos + c.len_utf8(),
            None => pos.min(self.bytes.len()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "the end of the input".to_string(),
            Some(c) => format!("'{c}'"),
        }
    }

    fn skip_ws(&mut self) -> Result<(), JsonSyntaxError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/') | Some(b'*')) => {
                    return Err(self.error_at(
                        self.pos,
                        "comments are not allowed in JSON: remove the comment (use a \"Comment\" \
                         field instead)",
                    ));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<JsonNode, JsonSyntaxError> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.error_at(start, "unexpected end of input: expected a JSON value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(JsonNode {
                    kind: NodeKind::String(s),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.literal("null", NodeKind::Null),
            Some(b) if b.is_ascii_alphabetic() => self.literal("", NodeKind::Null),
            Some(b'\'') => Err(self.error_at(
                start,
                "single quotes are not valid JSON: write strings in double quotes (\"...\")",
            )),
            Some(_) => Err(self.error_at(
                start,
                format!(
                    "unexpected {}: expected a JSON value (object, array, string, number, true, \
                     false or null)",
                    self.describe_here()
                ),
            )),
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<JsonNode, JsonSyntaxError> {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let ident_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if ident_len == word.len() && rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            return Ok(JsonNode {
                kind,
                span: Span::new(start, self.pos),
            });
        }
        let found = self
            .text
            .get(start..start + ident_len.max(1))
            .unwrap_or("?");
        Err(JsonSyntaxError {
            message: format!(
                "unexpected '{found}': expected a JSON value (literals are lowercase true, false \
                 and null; strings need double quotes)"
            ),
            span: Span::new(start, start + ident_len.max(1)),
        })
    }

    fn number(&mut self) -> Result<JsonNode, JsonSyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.error_at(self.pos, "invalid number: expected a digit after '-'"));
        }
        if n > 1 && self.bytes.get(int_start) == Some(&b'0') {
            return Err(JsonSyntaxError {
                message: "invalid number: leading zeros are not allowed in JSON".to_string(),
                span: Span::new(start, self.pos),
            });
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error_at(
                    self.pos,
                    "invalid number: expected a digit after the decimal point",
                ));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(
                    self.error_at(self.pos, "invalid number: expected a digit in the exponent")
                );
            }
        }
        let span = Span::new(start, self.pos);
        let raw = self.text.get(start..self.pos).unwrap_or("0");
        match serde_json::from_str::<serde_json::Number>(raw) {
            Ok(n) => Ok(JsonNode {
                kind: NodeKind::Number(n),
                span,
            }),
            Err(_) => Err(JsonSyntaxError {
                message: format!("number {raw} is out of range (it does not fit a 64-bit float)"),
                span,
            }),
        }
    }

    /// Parses a string starting at the opening quote; returns the unescaped text.
    fn string(&mut self) -> Result<String, JsonSyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let chunk_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(chunk_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => {
                    return Err(JsonSyntaxError {
                        message: "unterminated string: add the closing '\"'".to_string(),
                        span: Span::new(open, self.bytes.len()),
                    })
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(b) => {
                    let what = if b == b'\n' {
                        "a line break"
                    } else {
                        "a control character"
                    };
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "{what} inside a string: JSON strings cannot contain raw control \
                             characters (write \\n, \\t, or \\u00XX), or the closing '\"' is missing"
                        ),
                    ));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonSyntaxError> {
        let at = self.pos - 1;
        let Some(b) = self.peek() else {
            return Err(self.error_at(at, "unterminated escape sequence at the end of input"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4(at)?;
                if (0xD800..0xDC00).contains(&hi) {
                    if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                        self.pos += 2;
                        let lo = self.hex4(at)?;
                        if (0xDC00..0xE000).contains(&lo) {
                            let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        } else {
                            return Err(JsonSyntaxError {
                                message:
                                    "invalid \\u escape: a high surrogate must be followed by \
                                          a low surrogate (\\uDC00-\\uDFFF)"
                                        .to_string(),
                                span: Span::new(at, self.pos),
                            });
                        }
                    } else {
                        return Err(JsonSyntaxError {
                            message: "invalid \\u escape: lone high surrogate".to_string(),
                            span: Span::new(at, self.pos),
                        });
                    }
                } else if (0xDC00..0xE000).contains(&hi) {
                    return Err(JsonSyntaxError {
                        message: "invalid \\u escape: lone low surrogate".to_string(),
                        span: Span::new(at, self.pos),
                    });
                } else {
                    char::from_u32(hi).unwrap_or('\u{fffd}')
                }
            }
            _ => {
                let end = self.char_end(self.pos - 1);
                return Err(JsonSyntaxError {
                    message: "invalid escape sequence: JSON allows only \\\" \\\\ \\/ \\b \\f \\n \
                              \\r \\t and \\uXXXX"
                        .to_string(),
                    span: Span::new(at, end),
                });
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, at: usize) -> Result<u32, JsonSyntaxError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u32, |acc, b| {
                (*b as char).to_digit(16).map(|v| acc * 16 + v)
            })
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(JsonSyntaxError {
                message: "invalid \\u escape: expected four hexadecimal digits".to_string(),
                span: Span::new(at, self.char_end(self.pos)),
            }),
        }
    }

    fn enter(&self, depth: usize) -> Result<usize, JsonSyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error_at(
                self.pos,
                format!("the JSON is nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        Ok(depth + 1)
    }

    fn array(&mut self, depth: usize) -> Result<JsonNode, JsonSyntaxError> {
        let depth = self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonNode {
                kind: NodeKind::Array(items),
                span: Span::new(open, self.pos),
            });
        }
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b']') {
                return Err(self.error_at(
                    self.pos,
                    "trailing comma: JSON does not allow a ',' before ']'",
                ));
            }
            items.push(self.value(depth)?);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonNode {
                        kind: NodeKind::Array(items),
                        span: Span::new(open, self.pos),
                    });
                }
                None => {
                    return Err(JsonSyntaxError {
                        message: "unexpected end of input: the array opened here is not closed \
                                  (add ']')"
                            .to_string(),
                        span: Span::new(open, open + 1),
                    })
                }
                _ => {
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "unexpected {}: expected ',' or ']' after an array element",
                            self.describe_here()
                        ),
                    ))
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonNode, JsonSyntaxError> {
        let depth = self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonNode {
                kind: NodeKind::Object(members),
                span: Span::new(open, self.pos),
            });
        }
        loop {
            self.skip_ws()?;
            let key_start = self.pos;
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => {
                    return Err(self.error_at(
                        self.pos,
                        "trailing comma: JSON does not allow a ',' before '}'",
                    ))
                }
                None => {
                    return Err(JsonSyntaxError {
                        message: "unexpected end of input: the object opened here is not closed \
                                  (add '}')"
                            .to_string(),
                        span: Span::new(open, open + 1),
                    })
                }
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "unexpected {}: expected a field name in double quotes",
                            self.describe_here()
                        ),
                    ))
                }
            }
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.error_at(
                    self.pos,
                    format!(
                        "unexpected {}: expected ':' after the field name \"{key}\"",
                        self.describe_here()
                    ),
                ));
            }
            self.pos += 1;
            self.skip_ws()?;
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonNode {
                        kind: NodeKind::Object(members),
                        span: Span::new(open, self.pos),
                    });
                }
                None => {
                    return Err(JsonSyntaxError {
                        message: "unexpected end of input: the object opened here is not closed \
                                  (add '}')"
                            .to_string(),
                        span: Span::new(open, open + 1),
                    })
                }
                _ => {
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "unexpected {}: expected ',' or '}}' after an object member (is a \
                             comma missing?)",
                            self.describe_here()
                        ),
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(text: &str) -> JsonSyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn parses_like_serde_json() {
        let cases = [
            r#"{"a": [1, -2.5e3, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#,
            "[]",
            "  \"s\"  ",
            "0",
            "-0.0",
            "12345678901234567890",
            r#"{"k\"ey": "\/"}"#,
        ];
        for text in cases {
            let ours = parse(text).unwrap().to_value();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn spans_cover_values_and_keys() {
        let text = "{ \"a\" : [ 1 , \"x\" ] }";
        let root = parse(text).unwrap();
        assert_eq!(root.span, Span::new(0, text.len()));
        let m = &root.as_object().unwrap()[0];
        assert_eq!(&text[m.key_span.start..m.key_span.end], "\"a\"");
        assert_eq!(&text[m.value.span.start..m.value.span.end], "[ 1 , \"x\" ]");
    }

    #[test]
    fn errors_have_positions_and_teach() {
        let table = [
            ("", 0, "empty"),
            ("{\"a\": 1,}", 8, "trailing comma"),
            ("[1,]", 3, "trailing comma"),
            ("{\"a\": 1 \"b\": 2}", 8, "comma missing"),
            ("{a: 1}", 1, "double quotes"),
            ("{\"a\" 1}", 5, "expected ':'"),
            ("{'a': 1}", 1, "double quotes"),
            ("{\"a\": True}", 6, "lowercase"),
            ("{\"a\": 01}", 6, "leading zeros"),
            ("{\"a\": \"x", 6, "unterminated"),
            ("{\"a\": \"x\ny\"}", 8, "line break"),
            ("{\"a\": 1", 0, "not closed"),
            ("{} {}", 3, "after the end"),
            ("{\"a\": 1 // c\n}", 8, "comments"),
            ("{\"a\": \"\\q\"}", 7, "escape"),
            ("{\"a\": \"\\ud800\"}", 7, "surrogate"),
            ("{\"a\": 1e999}", 6, "out of range"),
            ("{\"a\": -}", 7, "digit"),
        ];
        for (text, pos, needle) in table {
            let e = err(text);
            assert_eq!(e.span.start, pos, "{text}: {e:?}");
            assert!(e.message.contains(needle), "{text}: {}", e.message);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(err(&text).message.contains("nested too deeply"));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let too_deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&too_deep).is_err());
    }

    #[test]
    fn never_panics_on_truncations() {
        let text = r#"{"a": [1, {"b": "c\u00e9\ud83d\ude00"}, -1.5e-3, true, null], "é": "ü"}"#;
        for end in 0..=text.len() {
            if let Some(prefix) = text.get(..end) {
                let _ = parse(prefix);
            }
        }
        assert_eq!(
            parse(text).unwrap().to_value(),
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
        assert_eq!(parse("\u{feff}{}").unwrap().to_value(), json!({}));
    }
}
