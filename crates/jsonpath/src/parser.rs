//! Path parser: Jayway JsonPath syntax plus AWS roots (`$$`, `$name`).
//!
//! Positions in errors are byte offsets into the original text.

use crate::ast::{Function, Root, Step};
use crate::error::SyntaxError;
use crate::filter_parser;

/// Maximum nesting of filters, parentheses and JSON literals inside a path.
pub(crate) const MAX_DEPTH: usize = 32;

/// Result of parsing a whole path.
pub(crate) struct Parsed {
    pub root: Root,
    pub steps: Vec<Step>,
    /// Byte offset where each step starts (parallel to `steps`).
    pub positions: Vec<usize>,
    pub function: Option<Function>,
    /// Byte offset of the function name, when there is a function.
    pub function_pos: usize,
}

/// Steps parsed after a root.
pub(crate) struct StepList {
    pub steps: Vec<Step>,
    pub positions: Vec<usize>,
    pub function: Option<Function>,
    pub function_pos: usize,
}

/// Parses a complete path (leading and trailing blanks are ignored, as Jayway trims).
pub(crate) fn parse_path(src: &str) -> Result<Parsed, SyntaxError> {
    let start = src.len() - src.trim_start().len();
    let end = src.trim_end().len().max(start);
    let mut c = Cursor {
        src,
        pos: start,
        end,
        depth: 0,
    };
    let root = c.root()?;
    let list = c.steps(false)?;
    if c.pos < c.end {
        return Err(c.unexpected());
    }
    Ok(Parsed {
        root,
        steps: list.steps,
        positions: list.positions,
        function: list.function,
        function_pos: list.function_pos,
    })
}

/// A byte cursor over the path text; shared with the filter parser.
pub(crate) struct Cursor<'s> {
    pub src: &'s str,
    pub pos: usize,
    pub end: usize,
    pub depth: usize,
}

impl<'s> Cursor<'s> {
    pub(crate) fn peek(&self) -> Option<u8> {
        if self.pos < self.end {
            self.src.as_bytes().get(self.pos).copied()
        } else {
            None
        }
    }

    pub(crate) fn peek_at(&self, offset: usize) -> Option<u8> {
        let p = self.pos + offset;
        if p < self.end {
            self.src.as_bytes().get(p).copied()
        } else {
            None
        }
    }

    /// The character at the cursor, for messages.
    pub(crate) fn current_char(&self) -> Option<char> {
        self.src.get(self.pos..self.end)?.chars().next()
    }

    pub(crate) fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    pub(crate) fn err(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(self.pos, message)
    }

    pub(crate) fn unexpected(&self) -> SyntaxError {
        match self.current_char() {
            Some(ch) => self.err(format!(
                "unexpected character '{ch}'; expected '.' or '[' to continue the path \
                 (use bracket notation like ['my key'] for names with special characters)"
            )),
            None => self.err("unexpected end of path"),
        }
    }

    pub(crate) fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(format!(
                "expression nested too deeply (more than {MAX_DEPTH} levels of filters, \
                 parentheses or literals)"
            )));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn root(&mut self) -> Result<Root, SyntaxError> {
        if self.peek() != Some(b'$') {
            return Err(self.err(
                "a path must start with '$' (state input), '$$' (context object) or \
                 '$name' (a variable)",
            ));
        }
        self.pos += 1;
        match self.peek() {
            Some(b'$') => {
                self.pos += 1;
                Ok(Root::Context)
            }
            Some(b) if b == b'_' || b.is_ascii_alphabetic() || b >= 0x80 => {
                let start = self.pos;
                let rest = &self.src[start..self.end];
                let len = rest
                    .char_indices()
                    .find(|&(_, ch)| !(ch == '_' || ch.is_alphanumeric()))
                    .map_or(rest.len(), |(i, _)| i);
                if len == 0 {
                    return Err(self.unexpected());
                }
                self.pos += len;
                Ok(Root::Variable(rest[..len].into()))
            }
            _ => Ok(Root::Input),
        }
    }

    /// Parses steps until the path ends. In a filter (`in_filter`), stops at the first
    /// character that cannot continue a path instead of failing.
    pub(crate) fn steps(&mut self, in_filter: bool) -> Result<StepList, SyntaxError> {
        let mut steps = Vec::new();
        let mut positions = Vec::new();
        let done = |steps, positions, function, function_pos| {
            Ok(StepList {
                steps,
                positions,
                function,
                function_pos,
            })
        };
        loop {
            match self.peek() {
                None => return done(steps, positions, None, 0),
                Some(b'.') => {
                    let dot = self.pos;
                    if self.peek_at(1) == Some(b'.') {
                        self.pos += 2;
                        steps.push(Step::Scan);
                        positions.push(dot);
                        match self.peek() {
                            None => {
                                return Err(SyntaxError::new(
                                    dot,
                                    "a path must not end with '..'; expected a property \
                                     name, '*' or '[' after the deep scan '..'",
                                ))
                            }
                            Some(b'[') => continue,
                            Some(b'.') => {
                                return Err(self.err("'...' is not valid; use '..' for a deep scan"))
                            }
                            _ => {}
                        }
                    } else {
                        self.pos += 1;
                        match self.peek() {
                            None => {
                                return Err(SyntaxError::new(
                                    dot,
                                    "a path must not end with '.'; expected a property name, \
                                     '*' or a function such as length() after '.'",
                                ))
                            }
                            Some(b'[') => continue,
                            _ => {}
                        }
                    }
                    let member_at = self.pos;
                    if let Some(f) = self.dot_member(&mut steps, in_filter)? {
                        if !in_filter && self.pos < self.end {
                            return Err(self.err(format!(
                                "the function {}() must be the last element of a path",
                                f.name()
                            )));
                        }
                        return done(steps, positions, Some(f), member_at);
                    }
                    positions.push(member_at);
                }
                Some(b'[') => {
                    positions.push(self.pos);
                    let step = self.bracket()?;
                    steps.push(step);
                }
                Some(_) if in_filter => return done(steps, positions, None, 0),
                Some(_) => return Err(self.unexpected()),
            }
        }
    }

    /// After `.` or `..`: `*`, a name, or a function call `name()`.
    fn dot_member(
        &mut self,
        steps: &mut Vec<Step>,
        in_filter: bool,
    ) -> Result<Option<Function>, SyntaxError> {
        if self.peek() == Some(b'*') {
            self.pos += 1;
            steps.push(Step::Wildcard);
            return Ok(None);
        }
        let start = self.pos;
        while let Some(b) = self.peek() {
            let stop = match b {
                b'.' | b'[' | b'(' => true,
                b' ' | b'\t' | b'\n' | b'\r' => {
                    if in_filter {
                        true
                    } else {
                        return Err(self.err(
                            "a property name after '.' cannot contain blanks; use bracket \
                             notation like ['my prop']",
                        ));
                    }
                }
                b')' | b'<' | b'>' | b'=' | b'!' | b'~' | b'&' | b'|' | b',' => in_filter,
                _ => false,
            };
            if stop {
                break;
            }
            self.pos += 1;
        }
        let name = &self.src[start..self.pos];
        if name.is_empty() {
            return Err(
                self.err("expected a property name, '*' or a function such as length() after '.'")
            );
        }
        if self.peek() == Some(b'(') {
            self.pos += 1;
            self.skip_blanks();
            if self.peek() != Some(b')') {
                return Err(self.err(format!(
                    "expected ')' : the function {name}() takes no arguments here"
                )));
            }
            self.pos += 1;
            if matches!(steps.last(), Some(Step::Scan)) {
                return Err(SyntaxError::new(
                    start,
                    "a function cannot directly follow '..'; write e.g. $..price.length()",
                ));
            }
            return Ok(Some(Function::from_name(name)));
        }
        steps.push(Step::Property(name.into()));
        Ok(None)
    }

    /// `[ … ]` at the cursor.
    fn bracket(&mut self) -> Result<Step, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        self.skip_blanks();
        let step = match self.peek() {
            Some(b'\'' | b'"') => self.quoted_names()?,
            Some(b'*') => {
                self.pos += 1;
                Step::Wildcard
            }
            Some(b'?') => {
                self.pos += 1;
                self.skip_blanks();
                if self.peek() != Some(b'(') {
                    return Err(self.err("expected '(' after '?': write a filter as [?(@.x > 1)]"));
                }
                self.pos += 1;
                self.enter()?;
                let expr = filter_parser::parse_or(self)?;
                self.skip_blanks();
                if self.peek() != Some(b')') {
                    return Err(match self.current_char() {
                        Some(ch) => self.err(format!(
                            "unexpected '{ch}' in filter; expected an operator, '&&', '||' \
                             or ')' to close the filter"
                        )),
                        None => self.err("unterminated filter; expected ')' then ']'"),
                    });
                }
                self.pos += 1;
                self.leave();
                Step::Filter(Box::new(expr))
            }
            Some(b'-' | b':' | b'0'..=b'9') => self.indexes()?,
            None => {
                return Err(SyntaxError::new(
                    open,
                    "unterminated '['; expected a quoted name, an index, a slice, '*' or a \
                     filter, then ']'",
                ))
            }
            Some(_) => {
                return Err(self.err(
                    "expected a quoted name ('a'), an index (0), a slice (1:3), '*' or a \
                     filter (?(...)) after '['",
                ))
            }
        };
        self.skip_blanks();
        if self.peek() != Some(b']') {
            return Err(match self.current_char() {
                Some(ch) => self.err(format!("unexpected '{ch}'; expected ']'")),
                None => SyntaxError::new(open, "unterminated '['; expected ']'"),
            });
        }
        self.pos += 1;
        Ok(step)
    }

    /// `'a'`, `"a"`, `'a','b'` (cursor on the first quote).
    fn quoted_names(&mut self) -> Result<Step, SyntaxError> {
        let mut names: Vec<Box<str>> = Vec::new();
        loop {
            self.skip_blanks();
            match self.peek() {
                Some(q @ (b'\'' | b'"')) => names.push(self.quoted_string(q)?.into()),
                _ => return Err(self.err("expected a quoted property name such as 'a'")),
            }
            self.skip_blanks();
            if self.peek() == Some(b',') {
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(if names.len() == 1 {
            Step::Property(names.remove(0))
        } else {
            Step::Properties(names)
        })
    }

    /// A quoted string with backslash escapes; cursor on the opening quote.
    pub(crate) fn quoted_string(&mut self, quote: u8) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(rest) = self.src.get(self.pos..self.end) else {
                return Err(SyntaxError::new(open, "unterminated quoted string"));
            };
            let Some(ch) = rest.chars().next() else {
                return Err(SyntaxError::new(
                    open,
                    format!(
                        "unterminated quoted string; expected a closing {}",
                        quote as char
                    ),
                ));
            };
            if ch == quote as char {
                self.pos += 1;
                return Ok(out);
            }
            if ch == '\\' {
                self.pos += 1;
                let Some(e) = self.current_char() else {
                    return Err(SyntaxError::new(
                        open,
                        "unterminated quoted string after '\\'",
                    ));
                };
                self.pos += e.len_utf8();
                // AWS (recorded): inside a quoted name only the quote character and the
                // backslash itself are escapes; any other backslash is kept as written
                // (`$['a\"b']` names the key `a\"b`).
                if e == quote as char || e == '\\' {
                    out.push(e);
                } else {
                    out.push('\\');
                    out.push(e);
                }
                continue;
            }
            out.push(ch);
            self.pos += ch.len_utf8();
        }
    }

    /// `0`, `-1`, `0,1`, `1:3`, `:2`, `-2:` (cursor after `[` and blanks).
    fn indexes(&mut self) -> Result<Step, SyntaxError> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b':' | b',' | b' ' | b'\t')
        ) {
            self.pos += 1;
        }
        let text = &self.src[start..self.pos];
        let int = |s: &str, at: usize| -> Result<i64, SyntaxError> {
            s.trim().parse::<i64>().map_err(|_| {
                SyntaxError::new(
                    at,
                    format!(
                        "'{}' is not a valid array index; expected an integer like 0 or -1",
                        s.trim()
                    ),
                )
            })
        };
        if text.contains(':') {
            let parts: Vec<&str> = text.split(':').collect();
            if parts.len() > 2 {
                return Err(SyntaxError::new(
                    start,
                    "slices take the form [from:to]; a step ([from:to:step]) is not supported",
                ));
            }
            let opt = |s: &str| -> Result<Option<i64>, SyntaxError> {
                if s.trim().is_empty() {
                    Ok(None)
                } else {
                    int(s, start).map(Some)
                }
            };
            let from = opt(parts.first().copied().unwrap_or(""))?;
            let to = opt(parts.get(1).copied().unwrap_or(""))?;
            if from.is_none() && to.is_none() {
                return Err(SyntaxError::new(
                    start,
                    "a slice needs a start or an end: [1:], [:2] or [1:3] (use [*] for all)",
                ));
            }
            return Ok(Step::Slice { from, to });
        }
        let mut list = Vec::new();
        let mut at = start;
        for part in text.split(',') {
            list.push(int(part, at)?);
            at += part.len() + 1;
        }
        Ok(match list.as_slice() {
            [one] => Step::Index(*one),
            _ => Step::Indexes(list),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> SyntaxError {
        match parse_path(src) {
            Ok(_) => panic!("{src} should not parse"),
            Err(e) => e,
        }
    }

    #[test]
    fn roots() {
        assert_eq!(parse_path("$").unwrap().root, Root::Input);
        assert_eq!(parse_path("$$.Execution").unwrap().root, Root::Context);
        assert_eq!(
            parse_path("$myVar.a").unwrap().root,
            Root::Variable("myVar".into())
        );
        assert_eq!(
            parse_path("$my_var2[0]").unwrap().root,
            Root::Variable("my_var2".into())
        );
    }

    #[test]
    fn steps_shapes() {
        let p = parse_path("$.a['b c'][0][1,2][1:3][*]..d").unwrap();
        assert_eq!(p.steps.len(), 8);
        assert!(matches!(p.steps[5], Step::Wildcard));
        assert!(matches!(p.steps[6], Step::Scan));
        let p = parse_path("$.a.length()").unwrap();
        assert_eq!(p.function, Some(Function::Length));
    }

    #[test]
    fn errors_have_positions() {
        assert_eq!(err("$.").position, 1);
        assert_eq!(err("$.a.").position, 3);
        assert_eq!(err("$['a").position, 2);
        assert_eq!(err("$[").position, 1);
        assert_eq!(err("a.b").position, 0);
        assert_eq!(err("$.a b").position, 3);
        assert_eq!(err("$[1:2:3]").position, 2);
        assert!(err("$.a.length().b").message.contains("last element"));
    }

    #[test]
    fn escapes() {
        let p = parse_path(r#"$['it\'s', "q\"", 'A\u0042', 'x\"y', 'b\\s']"#).unwrap();
        match &p.steps[0] {
            Step::Properties(n) => {
                assert_eq!(&*n[0], "it's");
                assert_eq!(&*n[1], "q\"");
                assert_eq!(&*n[2], "A\\u0042");
                assert_eq!(&*n[3], "x\\\"y");
                assert_eq!(&*n[4], "b\\s");
            }
            other => panic!("{other:?}"),
        }
    }
}
