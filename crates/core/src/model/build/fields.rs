//! Reading the members of one JSON object, remembering which were used.

use super::Builder;
use crate::diagnostic::{Anchor, DiagnosticCode};
use crate::json::{JsonNode, Member};

/// The members of an object being read; unread members are reported as unsupported.
pub(crate) struct Fields<'n> {
    members: &'n [Member],
    used: Vec<bool>,
    /// Every field name asked for (present or not): the fields valid here.
    tried: Vec<String>,
    /// JSON pointer of the object.
    pub(crate) pointer: String,
}

impl<'n> Fields<'n> {
    /// Reads `node`, which must be an object (returns `None` otherwise, after reporting).
    pub(crate) fn of(
        b: &mut Builder<'_, '_>,
        node: &'n JsonNode,
        pointer: &str,
        what: &str,
    ) -> Option<Self> {
        match node.as_object() {
            Some(members) => {
                let f = Fields {
                    members,
                    used: vec![false; members.len()],
                    tried: Vec::new(),
                    pointer: pointer.to_string(),
                };
                f.report_duplicates(b);
                Some(f)
            }
            None => {
                b.schema_error(
                    pointer,
                    format!("{what} must be an object"),
                    Some(format!("found {}", node.type_name())),
                    Anchor::Value,
                );
                None
            }
        }
    }

    fn report_duplicates(&self, b: &mut Builder<'_, '_>) {
        for (i, m) in self.members.iter().enumerate() {
            if self.members.iter().take(i).any(|o| o.key == m.key) {
                let d = crate::diagnostic::Diagnostic::new(
                    DiagnosticCode::SchemaValidationFailed,
                    Some(super::aws_location(&self.pointer)),
                    format!("Duplicate field '{}'", m.key),
                )
                .with_help(
                    "JSON objects should not repeat a key; AWS would keep only the last one",
                );
                b.ok = false;
                b.sink.push_at(d, Some(m.key_span));
            }
        }
    }

    /// The member `key` (the last one if repeated), marking it used.
    pub(crate) fn take(&mut self, key: &str) -> Option<&'n Member> {
        if !self.tried.iter().any(|t| t == key) {
            self.tried.push(key.to_string());
        }
        let mut found = None;
        for (i, m) in self.members.iter().enumerate() {
            if m.key == key {
                if let Some(u) = self.used.get_mut(i) {
                    *u = true;
                }
                found = Some(m);
            }
        }
        found
    }

    /// Whether `key` is present (without marking it used).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.members.iter().any(|m| m.key == key)
    }

    /// The members, in order.
    pub(crate) fn members(&self) -> &'n [Member] {
        self.members
    }

    /// Reports "These fields are required: [..]" for every missing field of `required`.
    pub(crate) fn require(&self, b: &mut Builder<'_, '_>, required: &[&str]) -> bool {
        let missing: Vec<&str> = required.iter().copied().filter(|k| !self.has(k)).collect();
        if missing.is_empty() {
            return true;
        }
        b.schema_error(
            &self.pointer,
            format!("These fields are required: [{}]", missing.join(", ")),
            None,
            Anchor::Key,
        );
        false
    }

    /// Reports every member not read, with a hint from `hint` (field name → help) if any.
    pub(crate) fn finish(self, b: &mut Builder<'_, '_>, hint: impl Fn(&str) -> Option<String>) {
        for (m, used) in self.members.iter().zip(self.used.iter().copied()) {
            if used {
                continue;
            }
            let d = crate::diagnostic::Diagnostic::new(
                DiagnosticCode::SchemaValidationFailed,
                Some(super::aws_location(&self.pointer)),
                format!("Field '{}' is not supported", m.key),
            );
            let d = match hint(&m.key).or_else(|| self.suggestion(&m.key)) {
                Some(h) => d.with_help(h),
                None => d,
            };
            b.ok = false;
            b.sink.push_at(d, Some(m.key_span));
        }
    }

    /// "did you mean …?" for a misspelt field name.
    fn suggestion(&self, key: &str) -> Option<String> {
        let lower = key.to_ascii_lowercase();
        self.tried
            .iter()
            .filter(|t| !self.has(t))
            .map(|t| (edit_distance(&lower, &t.to_ascii_lowercase()), t))
            .filter(|(d, t)| *d <= 2.min(t.len() / 3 + 1))
            .min_by_key(|(d, _)| *d)
            .map(|(_, t)| format!("did you mean '{t}'?"))
    }
}

/// Levenshtein distance (small inputs: field names).
#[allow(
    clippy::indexing_slicing,
    reason = "j < b.len() and prev/cur have b.len() + 1 entries by construction"
)]
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur[j + 1] = best;
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn edit_distance() {
        assert_eq!(super::edit_distance("coment", "comment"), 1);
        assert_eq!(super::edit_distance("", "abc"), 3);
        assert_eq!(super::edit_distance("next", "next"), 0);
    }
}
