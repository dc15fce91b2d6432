//! JavaScript regular expressions on top of the `regex` crate.
//!
//! Gaps (documented in docs/jsonata.md): look-around and back-references are not
//! supported by the `regex` crate and raise `S0303`; `.` excludes only `\n`.

use crate::error::{Err, R};

/// A compiled regular expression literal (`/pattern/flags`).
#[derive(Debug)]
pub struct JRegex {
    pub re: regex::Regex,
    pub source: String,
}

/// One match, with char (not byte) offsets.
#[derive(Debug, Clone)]
pub struct Match {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub groups: Vec<Option<String>>,
}

fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('/') => out.push('/'),
                Some('d') if !in_class => out.push_str("[0-9]"),
                Some('d') => out.push_str("0-9"),
                Some('c') => {
                    if let Some(l) = chars.next() {
                        let code = (l as u32) % 32;
                        out.push_str(&format!("\\x{{{code:X}}}"));
                    }
                }
                Some('0') => out.push_str("\\x00"),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push_str("\\\\"),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing in JS, `[^]` anything.
                    chars.next();
                    in_class = false;
                    if out.ends_with("[^") {
                        out.truncate(out.len() - 2);
                        out.push_str("(?s:.)");
                    } else {
                        out.truncate(out.len() - 1);
                        out.push_str("[^\\x{0}-\\x{10FFFF}]");
                    }
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.peek() == Some(&'-') => {
                out.push_str("\\-");
            }
            _ => out.push(c),
        }
    }
    out
}

impl JRegex {
    /// Compile a JS pattern with flags `i`/`m`.
    pub fn new(pattern: &str, flags: &str) -> R<JRegex> {
        let mut b = regex::RegexBuilder::new(&translate(pattern));
        b.case_insensitive(flags.contains('i'));
        b.multi_line(flags.contains('m'));
        b.size_limit(1 << 22);
        match b.build() {
            Ok(re) => Ok(JRegex {
                re,
                source: pattern.to_string(),
            }),
            Err(_) => Err(Err::new("S0303").value(crate::error::q(pattern)).into()),
        }
    }

    /// All non-overlapping matches in `s`.
    pub fn find_all(&self, s: &str) -> Vec<Match> {
        let mut out = vec![];
        for caps in self.re.captures_iter(s) {
            let Some(m) = caps.get(0) else { continue };
            let start = s[..m.start()].chars().count();
            let text = m.as_str().to_string();
            let len = text.chars().count();
            let groups = (1..caps.len())
                .map(|i| caps.get(i).map(|g| g.as_str().to_string()))
                .collect();
            out.push(Match {
                text,
                start,
                end: start + len,
                byte_start: m.start(),
                byte_end: m.end(),
                groups,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches() {
        let r = JRegex::new("a(b)?\\/", "i").unwrap();
        let m = r.find_all("xA/ab/");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].start, 1);
        assert_eq!(m[1].groups[0].as_deref(), Some("b"));
        assert!(JRegex::new("(?=a)", "").is_err());
    }
}
