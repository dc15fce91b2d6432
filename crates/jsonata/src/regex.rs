//! JavaScript regular expressions on top of the `regex-lite` crate.
//!
//! `regex-lite` (linear-time matching, no Unicode tables: a fraction of the `regex` crate's
//! size in the playground's wasm) already has JavaScript's ASCII `\d`, `\w` and `\b`; the
//! pattern is rewritten so that `\s` is JavaScript's Unicode whitespace and the `i` flag folds
//! the case of non-ASCII letters too.
//!
//! Gaps (documented in docs/jsonata.md): look-around and back-references are not
//! supported and raise `S0303`; `.` excludes only `\n`; with `i`, ranges of non-ASCII
//! letters (`[à-ÿ]`) and `\S` inside a class stay case-sensitive / ASCII.

use std::cell::OnceCell;

use crate::error::{Err, R};

/// A compiled regular expression literal (`/pattern/flags`).
#[derive(Debug)]
pub struct JRegex {
    /// Compiled when parsing, folding ASCII case only (with flag `i`).
    re: regex_lite::Regex,
    /// With flag `i` and non-ASCII letters: compiled with their other cases on first use.
    /// Only evaluation needs it, so validating an expression (the playground's page) never
    /// links the Unicode case tables.
    unicode_folded: Option<OnceCell<regex_lite::Regex>>,
    multi_line: bool,
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

/// JavaScript's `\s`: WhiteSpace and LineTerminator code points (ECMA-262 22.2.2.9).
const JS_SPACE: &str = "\\t\\n\\x0B\\x0C\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

/// The other cases of a non-ASCII letter (JavaScript's `i` flag compares upper-cased code
/// points; `regex-lite` folds ASCII only).
fn other_cases(c: char) -> String {
    let upper = single(c.to_uppercase());
    let lower = single(c.to_lowercase());
    [upper, lower]
        .into_iter()
        .flatten()
        .filter(|&v| v != c && !v.is_ascii())
        .collect()
}

/// No case variants: ASCII folding is the `regex-lite` flag's job.
fn no_other_cases(_: char) -> String {
    String::new()
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The pattern in `regex-lite` syntax; `other_cases` gives the case variants a non-ASCII
/// letter must also match (none without flag `i`).
fn translate(pattern: &str, other_cases: impl Fn(char) -> String) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    // Case variants of single letters in the current class, added before its `]`.
    let mut class_extra = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('/') => out.push('/'),
                Some('s') if in_class => out.push_str(JS_SPACE),
                Some('s') => {
                    out.push('[');
                    out.push_str(JS_SPACE);
                    out.push(']');
                }
                Some('S') if !in_class => {
                    out.push_str("[^");
                    out.push_str(JS_SPACE);
                    out.push(']');
                }
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
                out.push_str(&class_extra);
                class_extra.clear();
                out.push(']');
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.peek() == Some(&'-') => {
                out.push_str("\\-");
            }
            _ if !c.is_ascii() => {
                let variants = other_cases(c);
                if variants.is_empty() {
                    out.push(c);
                } else if !in_class {
                    out.push('[');
                    out.push(c);
                    out.push_str(&variants);
                    out.push(']');
                } else {
                    let in_range = chars.peek() == Some(&'-') || ends_with_range_dash(&out);
                    out.push(c);
                    if !in_range {
                        class_extra.push_str(&variants);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a class written so far ends with a range's `-` (as in `a-`), not a literal one.
fn ends_with_range_dash(class_so_far: &str) -> bool {
    let mut rev = class_so_far.chars().rev();
    rev.next() == Some('-') && !matches!(rev.next(), Some('[' | '^' | '\\') | None)
}

impl JRegex {
    /// Compile a JS pattern with flags `i`/`m`.
    pub fn new(pattern: &str, flags: &str) -> R<JRegex> {
        let fold_case = flags.contains('i');
        let multi_line = flags.contains('m');
        match compile(&translate(pattern, no_other_cases), fold_case, multi_line) {
            Ok(re) => Ok(JRegex {
                re,
                unicode_folded: (fold_case && !pattern.is_ascii()).then(OnceCell::new),
                multi_line,
                source: pattern.to_string(),
            }),
            Err(_) => Err(Err::new("S0303").value(crate::error::q(pattern)).into()),
        }
    }

    /// The regex to match with.
    pub fn regex(&self) -> &regex_lite::Regex {
        let Some(cell) = &self.unicode_folded else {
            return &self.re;
        };
        cell.get_or_init(|| {
            compile(&translate(&self.source, other_cases), true, self.multi_line)
                .unwrap_or_else(|_| self.re.clone())
        })
    }

    /// All non-overlapping matches in `s`.
    pub fn find_all(&self, s: &str) -> Vec<Match> {
        let mut out = vec![];
        for caps in self.regex().captures_iter(s) {
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

fn compile(
    translated: &str,
    fold_case: bool,
    multi_line: bool,
) -> Result<regex_lite::Regex, regex_lite::Error> {
    regex_lite::RegexBuilder::new(translated)
        .case_insensitive(fold_case)
        .multi_line(multi_line)
        .size_limit(1 << 22)
        .build()
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

    fn matched(pattern: &str, flags: &str, s: &str) -> Vec<String> {
        let r = JRegex::new(pattern, flags).unwrap();
        r.find_all(s).into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn perl_classes_are_javascript_s() {
        // JS: \d and \w are ASCII, \s is Unicode whitespace.
        assert_eq!(matched("\\d+", "", "٣12"), ["12"]);
        assert_eq!(matched("\\w+", "", "δab"), ["ab"]);
        assert_eq!(
            matched("\\s", "", "a\u{a0}b\u{2003}c d"),
            ["\u{a0}", "\u{2003}", " "]
        );
        assert_eq!(matched("[\\s,]+", "", "a,\u{3000}b"), [",\u{3000}"]);
        assert_eq!(matched("\\S+", "", "a\u{a0}bc"), ["a", "bc"]);
        assert_eq!(matched("\\bx", "", "éx x"), ["x", "x"]);
    }

    #[test]
    fn ignore_case_folds_non_ascii_letters() {
        assert_eq!(matched("é", "i", "É é e"), ["É", "é"]);
        assert_eq!(matched("[äö]+", "i", "ÄÖx"), ["ÄÖ"]);
        assert_eq!(matched("straße", "i", "STRAẞE Straße"), ["Straße"]);
        // A range keeps its meaning (its ends are not widened).
        assert_eq!(matched("[à-é]", "i", "ç-"), ["ç"]);
        assert_eq!(matched("é", "", "É"), Vec::<String>::new());
        assert_eq!(matched("^é$", "im", "x\nÉ\ny"), ["É"]);
    }
}
