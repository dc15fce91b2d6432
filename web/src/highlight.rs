//! A small JSON tokenizer for the editors' highlighting layer. It never fails: text it does
//! not understand (half-typed JSON, YAML) comes back as plain spans, and the spans always
//! concatenate back to the input.

/// What a span of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An object key (a string followed by `:`).
    Key,
    /// A string value.
    String,
    /// A number.
    Number,
    /// `true`, `false` or `null`.
    Literal,
    /// `{ } [ ] , :`
    Punct,
    /// A `{% … %}` JSONata expression inside a string.
    Expression,
    /// Anything else (spaces, YAML, errors).
    Plain,
}

impl Kind {
    /// CSS class of the span.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Key => "tok-key",
            Kind::String => "tok-str",
            Kind::Number => "tok-num",
            Kind::Literal => "tok-lit",
            Kind::Punct => "tok-punct",
            Kind::Expression => "tok-expr",
            Kind::Plain => "tok-plain",
        }
    }
}

/// Split `text` into highlighted spans.
pub fn tokens<'a>(text: &'a str) -> Vec<(Kind, &'a str)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(Kind, &str)> = Vec::new();
    let mut i = 0;
    let push = |kind: Kind, from: usize, to: usize, out: &mut Vec<(Kind, &'a str)>| {
        if let Some(s) = text.get(from..to) {
            if !s.is_empty() {
                out.push((kind, s));
            }
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(bytes.len());
                let mut k = end;
                while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t') {
                    k += 1;
                }
                let is_key = bytes.get(k) == Some(&b':');
                let body = text.get(i..end).unwrap_or_default();
                let kind = if is_key {
                    Kind::Key
                } else if body.starts_with("\"{%") {
                    Kind::Expression
                } else {
                    Kind::String
                };
                push(kind, i, end, &mut out);
                i = end;
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                push(Kind::Punct, i, i + 1, &mut out);
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    j += 1;
                }
                push(Kind::Number, i, j, &mut out);
                i = j;
            }
            b't' | b'f' | b'n' if word_at(text, i).is_some() => {
                let w = word_at(text, i).unwrap_or_default();
                push(Kind::Literal, i, i + w.len(), &mut out);
                i += w.len();
            }
            _ => {
                let mut j = i + 1;
                while j < bytes.len()
                    && !matches!(
                        bytes[j],
                        b'"' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b'-' | b'0'..=b'9'
                    )
                    && !(matches!(bytes[j], b't' | b'f' | b'n') && word_at(text, j).is_some())
                {
                    j += 1;
                }
                while !text.is_char_boundary(j) {
                    j += 1;
                }
                push(Kind::Plain, i, j, &mut out);
                i = j;
            }
        }
    }
    out
}

/// `true`, `false` or `null` starting at byte `i`, as a whole word.
fn word_at(text: &str, i: usize) -> Option<&'static str> {
    let rest = text.get(i..)?;
    let before_ok = i == 0
        || !text
            .as_bytes()
            .get(i - 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    ["true", "false", "null"].into_iter().find(|w| {
        before_ok
            && rest.starts_with(w)
            && !rest
                .as_bytes()
                .get(w.len())
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_json() {
        let t = tokens(r#"{"a": "x", "b": [1, -2.5e3, true, null], "c": "{% $x %}"}"#);
        let kinds: Vec<_> = t
            .iter()
            .filter(|(k, _)| *k != Kind::Plain && *k != Kind::Punct)
            .map(|(k, s)| (*k, *s))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::Key, "\"a\""),
                (Kind::String, "\"x\""),
                (Kind::Key, "\"b\""),
                (Kind::Number, "1"),
                (Kind::Number, "-2.5e3"),
                (Kind::Literal, "true"),
                (Kind::Literal, "null"),
                (Kind::Key, "\"c\""),
                (Kind::Expression, "\"{% $x %}\""),
            ]
        );
    }

    #[test]
    fn spans_rebuild_any_text() {
        for text in [
            "",
            "{\"unterminated",
            "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n",
            "\"esc \\\" quote\" é 😀 nullable truthy",
            "\\",
            "\"\\",
        ] {
            let joined: String = tokens(text).iter().map(|(_, s)| *s).collect();
            assert_eq!(joined, text);
        }
    }
}
