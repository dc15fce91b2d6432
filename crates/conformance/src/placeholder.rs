//! Loose matching of recorded strings that contain placeholder tokens (ARNs, dates, ids
//! replaced by LocalStack's snapshot transformers).

use fancy_regex::Regex;

/// The placeholder tokens of one case.
#[derive(Debug, Clone)]
pub struct Placeholders {
    token: Option<Regex>,
}

impl Placeholders {
    /// Compiles the case's patterns (lookaround allowed); invalid patterns are ignored.
    pub fn new(patterns: &[String]) -> Self {
        let valid: Vec<String> = patterns
            .iter()
            .filter(|p| Regex::new(p).is_ok())
            .map(|p| format!("(?:{p})"))
            .collect();
        let token = if valid.is_empty() {
            None
        } else {
            Regex::new(&valid.join("|")).ok()
        };
        Self { token }
    }

    /// Whether `actual` matches `expected`, where each placeholder token in `expected`
    /// matches any text without whitespace (`<json-input…>` tokens match anything).
    pub fn matches(&self, expected: &str, actual: &str) -> bool {
        let Some(token) = &self.token else {
            return expected == actual;
        };
        let mut pattern = String::from("^");
        let mut pos = 0;
        let mut found = 0;
        for m in token.find_iter(expected).flatten() {
            pattern.push_str(&fancy_regex::escape(
                expected.get(pos..m.start()).unwrap_or_default(),
            ));
            pattern.push_str(if m.as_str().starts_with("<json-input") {
                "(?s:.*?)"
            } else {
                r"\S*?"
            });
            pos = m.end();
            found += 1;
        }
        if found == 0 {
            return expected == actual;
        }
        pattern.push_str(&fancy_regex::escape(
            expected.get(pos..).unwrap_or_default(),
        ));
        pattern.push('$');
        Regex::new(&pattern)
            .ok()
            .and_then(|r| r.is_match(actual).ok())
            .unwrap_or(false)
    }

    /// Whether `expected` is nothing but one placeholder token.
    pub fn is_whole_placeholder(&self, expected: &str) -> bool {
        self.token
            .as_ref()
            .and_then(|t| t.find(expected).ok().flatten())
            .is_some_and(|m| m.start() == 0 && m.end() == expected.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_any_word() {
        let p = Placeholders::new(&[
            "arn:<partition>:".to_string(),
            "(?<![A-Za-z])date(?![A-Za-z])".to_string(),
        ]);
        assert!(p.matches(
            "The resource arn:<partition>:states:::x is bad",
            "The resource arn:aws:states:::x is bad"
        ));
        assert!(!p.matches(
            "The resource arn:<partition>:states:::x is bad",
            "The resource arn:aws:states:::y is bad"
        ));
        assert!(p.matches("at date.", "at 2024-01-01."));
        assert!(p.is_whole_placeholder("date"));
        let none = Placeholders::new(&[]);
        assert!(none.matches("a", "a"));
        assert!(!none.matches("a", "b"));
    }
}
