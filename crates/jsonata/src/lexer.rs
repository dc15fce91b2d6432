//! Tokenizer, a port of jsonata-js's `tokenizer` (positions are character offsets just
//! past the token, like jsonata-js).
#![allow(
    clippy::indexing_slicing,
    reason = "index arithmetic here is bounds-checked by the surrounding logic (lengths checked before use); the whole module is exercised by aslplay-fuzz (docs/fuzzing.md) — converting it to get() is tracked in docs/limits.md"
)]

use crate::error::{Err, R};

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Operator(&'static str),
    Name(String),
    Variable(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Regex { pattern: String, flags: String },
}

/// A token and the position just after it.
#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub position: usize,
}

const OPERATORS: &[&str] = &[
    ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
    "=", "<", ">", "^", "**", "..", ":=", "!=", "<=", ">=", "~>", "and", "or", "in", "&", "!", "~",
];

fn single_op(c: char) -> Option<&'static str> {
    OPERATORS
        .iter()
        .copied()
        .find(|o| o.len() == 1 && o.starts_with(c))
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

/// The lexer state.
pub struct Lexer {
    chars: Vec<char>,
    pub position: usize,
}

impl Lexer {
    pub fn new(src: &str) -> Self {
        Lexer {
            chars: src.chars().collect(),
            position: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn create(&self, tok: Tok) -> Option<Token> {
        Some(Token {
            tok,
            position: self.position,
        })
    }

    /// Next token; `infix` true means a `/` is division rather than a regex.
    pub fn next(&mut self, infix: bool) -> R<Option<Token>> {
        loop {
            while self.at(self.position).is_some_and(is_ws) {
                self.position += 1;
            }
            if self.at(self.position) == Some('/') && self.at(self.position + 1) == Some('*') {
                let start = self.position;
                self.position += 2;
                loop {
                    if self.position >= self.len() {
                        return Err(Err::new("S0106").pos(start).into());
                    }
                    if self.at(self.position) == Some('*')
                        && self.at(self.position + 1) == Some('/')
                    {
                        self.position += 2;
                        break;
                    }
                    self.position += 1;
                }
                continue;
            }
            break;
        }
        let Some(c) = self.at(self.position) else {
            return Ok(None);
        };
        if !infix && c == '/' {
            self.position += 1;
            return self.scan_regex();
        }
        let n = self.at(self.position + 1);
        let two = match (c, n) {
            ('.', Some('.')) => Some(".."),
            (':', Some('=')) => Some(":="),
            ('!', Some('=')) => Some("!="),
            ('>', Some('=')) => Some(">="),
            ('<', Some('=')) => Some("<="),
            ('*', Some('*')) => Some("**"),
            ('~', Some('>')) => Some("~>"),
            _ => None,
        };
        if let Some(op) = two {
            self.position += 2;
            return Ok(self.create(Tok::Operator(op)));
        }
        if let Some(op) = single_op(c) {
            self.position += 1;
            return Ok(self.create(Tok::Operator(op)));
        }
        if c == '"' || c == '\'' {
            return self.scan_string(c);
        }
        if c.is_ascii_digit() {
            return self.scan_number();
        }
        if c == '`' {
            self.position += 1;
            let start = self.position;
            while let Some(ch) = self.at(self.position) {
                if ch == '`' {
                    let name: String = self.chars[start..self.position].iter().collect();
                    self.position += 1;
                    return Ok(self.create(Tok::Name(name)));
                }
                self.position += 1;
            }
            self.position = self.len();
            return Err(Err::new("S0105").pos(self.position).into());
        }
        let mut i = self.position;
        while let Some(ch) = self.at(i) {
            if is_ws(ch) || single_op(ch).is_some() {
                break;
            }
            i += 1;
        }
        let word: String = self.chars[self.position..i].iter().collect();
        self.position = i;
        if let Some(var) = word.strip_prefix('$') {
            return Ok(self.create(Tok::Variable(var.to_string())));
        }
        let tok = match word.as_str() {
            "or" => Tok::Operator("or"),
            "in" => Tok::Operator("in"),
            "and" => Tok::Operator("and"),
            "true" => Tok::Bool(true),
            "false" => Tok::Bool(false),
            "null" => Tok::Null,
            "" => return Ok(None),
            _ => Tok::Name(word),
        };
        Ok(self.create(tok))
    }

    fn scan_string(&mut self, quote: char) -> R<Option<Token>> {
        self.position += 1;
        let mut s = String::new();
        let mut pending_high: Option<u32> = None;
        while let Some(c) = self.at(self.position) {
            if c == '\\' {
                self.position += 1;
                let e = self.at(self.position);
                let esc = match e {
                    Some('"') => Some('"'),
                    Some('\\') => Some('\\'),
                    Some('/') => Some('/'),
                    Some('b') => Some('\u{8}'),
                    Some('f') => Some('\u{c}'),
                    Some('n') => Some('\n'),
                    Some('r') => Some('\r'),
                    Some('t') => Some('\t'),
                    _ => None,
                };
                if let Some(ch) = esc {
                    flush_surrogate(&mut s, &mut pending_high);
                    s.push(ch);
                } else if e == Some('u') {
                    let hex: String = (1..=4).filter_map(|k| self.at(self.position + k)).collect();
                    if hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                        let cp = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                        self.position += 4;
                        if (0xD800..0xDC00).contains(&cp) {
                            flush_surrogate(&mut s, &mut pending_high);
                            pending_high = Some(cp);
                        } else if (0xDC00..0xE000).contains(&cp) {
                            if let Some(h) = pending_high.take() {
                                let full = 0x10000 + ((h - 0xD800) << 10) + (cp - 0xDC00);
                                s.push(char::from_u32(full).unwrap_or('\u{FFFD}'));
                            } else {
                                s.push('\u{FFFD}');
                            }
                        } else {
                            flush_surrogate(&mut s, &mut pending_high);
                            s.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        }
                    } else {
                        return Err(Err::new("S0104").pos(self.position).into());
                    }
                } else {
                    return Err(Err::new("S0103")
                        .pos(self.position)
                        .token(e.map(String::from).unwrap_or_default())
                        .into());
                }
            } else if c == quote {
                flush_surrogate(&mut s, &mut pending_high);
                self.position += 1;
                return Ok(self.create(Tok::Str(s)));
            } else {
                flush_surrogate(&mut s, &mut pending_high);
                s.push(c);
            }
            self.position += 1;
        }
        Err(Err::new("S0101").pos(self.position).into())
    }

    fn scan_number(&mut self) -> R<Option<Token>> {
        let start = self.position;
        let mut i = start;
        let digits = |i: &mut usize, me: &Self| {
            let s = *i;
            while me.at(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            *i > s
        };
        if self.at(i) == Some('0') {
            i += 1;
        } else {
            digits(&mut i, self);
        }
        if self.at(i) == Some('.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            digits(&mut i, self);
        }
        if matches!(self.at(i), Some('e') | Some('E')) {
            let mut j = i + 1;
            if matches!(self.at(j), Some('+') | Some('-')) {
                j += 1;
            }
            if digits(&mut j, self) {
                i = j;
            }
        }
        let text: String = self.chars[start..i].iter().collect();
        let n: f64 = text.parse().unwrap_or(f64::NAN);
        if n.is_finite() {
            self.position = i;
            Ok(self.create(Tok::Num(n)))
        } else {
            Err(Err::new("S0102").pos(start).token(text).into())
        }
    }

    fn scan_regex(&mut self) -> R<Option<Token>> {
        let start = self.position;
        let mut depth: i64 = 0;
        while self.position < self.len() {
            let c = self.at(self.position);
            if c == Some('/') && depth == 0 {
                let mut bs = 0;
                while self.position > bs && self.at(self.position - (bs + 1)) == Some('\\') {
                    bs += 1;
                }
                if bs % 2 == 0 {
                    let pattern: String = self.chars[start..self.position].iter().collect();
                    if pattern.is_empty() {
                        return Err(Err::new("S0301").pos(self.position).into());
                    }
                    self.position += 1;
                    let fstart = self.position;
                    while matches!(self.at(self.position), Some('i') | Some('m')) {
                        self.position += 1;
                    }
                    let flags: String = self.chars[fstart..self.position].iter().collect();
                    return Ok(self.create(Tok::Regex { pattern, flags }));
                }
            }
            let prev = if self.position > 0 {
                self.at(self.position - 1)
            } else {
                None
            };
            if matches!(c, Some('(') | Some('[') | Some('{')) && prev != Some('\\') {
                depth += 1;
            }
            if matches!(c, Some(')') | Some(']') | Some('}')) && prev != Some('\\') {
                depth -= 1;
            }
            self.position += 1;
        }
        Err(Err::new("S0302").pos(self.position).into())
    }
}

fn flush_surrogate(s: &mut String, pending: &mut Option<u32>) {
    if pending.take().is_some() {
        s.push('\u{FFFD}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let mut l = Lexer::new(s);
        let mut out = vec![];
        while let Ok(Some(t)) = l.next(true) {
            out.push(t.tok);
        }
        out
    }

    #[test]
    fn basic() {
        assert_eq!(
            toks("a.b ~> $f(1.5e2, 'x\\u0041')"),
            vec![
                Tok::Name("a".into()),
                Tok::Operator("."),
                Tok::Name("b".into()),
                Tok::Operator("~>"),
                Tok::Variable("f".into()),
                Tok::Operator("("),
                Tok::Num(150.0),
                Tok::Operator(","),
                Tok::Str("xA".into()),
                Tok::Operator(")"),
            ]
        );
    }

    #[test]
    fn errors() {
        assert_eq!(Lexer::new("'abc").next(true).unwrap_err().code, "S0101");
        assert_eq!(Lexer::new("/* x").next(true).unwrap_err().code, "S0106");
        assert_eq!(Lexer::new("1e999").next(true).unwrap_err().code, "S0102");
    }
}
