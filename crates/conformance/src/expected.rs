//! The expected-failures list: `<check> <reason…>` per line, `#` comments.

use std::collections::BTreeMap;
use std::path::Path;

/// Checks known to fail, with the reason.
#[derive(Debug, Clone, Default)]
pub struct ExpectedFailures {
    entries: BTreeMap<String, String>,
}

impl ExpectedFailures {
    /// Reads the list; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Parses the list text. Every entry needs a reason.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (check, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            if reason.trim().is_empty() {
                return Err(format!("line {}: '{check}' has no reason", i + 1));
            }
            entries.insert(check.to_string(), reason.trim().to_string());
        }
        Ok(Self { entries })
    }

    /// The reason `check` is expected to fail, if listed.
    pub fn reason(&self, check: &str) -> Option<&str> {
        self.entries.get(check).map(String::as_str)
    }

    /// Every listed check.
    pub fn checks(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_requires_reasons() {
        let list = ExpectedFailures::parse("# c\nvalidate:a  some reason\n\n").unwrap();
        assert_eq!(list.reason("validate:a"), Some("some reason"));
        assert!(ExpectedFailures::parse("validate:a").is_err());
    }
}
