//! Collecting outcomes and printing the summary.

use crate::ExpectedFailures;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The result of one check.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `<check kind>:<case id>`.
    pub check: String,
    /// Feature tags of the case.
    pub features: Vec<String>,
    /// Whether it matched AWS.
    pub passed: bool,
    /// What differed (empty when passed).
    pub detail: String,
}

/// All outcomes of a run.
#[derive(Debug, Default)]
pub struct Report {
    outcomes: Vec<Outcome>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one outcome.
    pub fn record(&mut self, check: String, features: &[String], result: Result<(), String>) {
        let (passed, detail) = match result {
            Ok(()) => (true, String::new()),
            Err(d) => (false, d),
        };
        self.outcomes.push(Outcome {
            check,
            features: features.to_vec(),
            passed,
            detail,
        });
    }

    /// The outcomes.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Number passed and failed.
    pub fn counts(&self) -> (usize, usize) {
        let passed = self.outcomes.iter().filter(|o| o.passed).count();
        (passed, self.outcomes.len() - passed)
    }

    /// Per-kind (prefix before `:`) and per-feature table, failures with details, and the
    /// closing `N passed, N failed` line.
    pub fn render(&self, expected: &ExpectedFailures) -> String {
        let mut out = String::new();
        let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut by_feature: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let kind = o.check.split(':').next().unwrap_or("");
            let e = by_kind.entry(kind).or_default();
            if o.passed {
                e.0 += 1
            } else {
                e.1 += 1
            }
            for f in &o.features {
                let e = by_feature.entry(f.as_str()).or_default();
                if o.passed {
                    e.0 += 1
                } else {
                    e.1 += 1
                }
            }
        }
        let _ = writeln!(out, "{:<32} {:>7} {:>7}", "check kind", "passed", "failed");
        for (k, (p, f)) in &by_kind {
            let _ = writeln!(out, "{k:<32} {p:>7} {f:>7}");
        }
        let _ = writeln!(out, "\n{:<32} {:>7} {:>7}", "feature", "passed", "failed");
        for (k, (p, f)) in &by_feature {
            let _ = writeln!(out, "{k:<32} {p:>7} {f:>7}");
        }
        let failures: Vec<&Outcome> = self.outcomes.iter().filter(|o| !o.passed).collect();
        if !failures.is_empty() {
            let _ = writeln!(out, "\nfailures:");
            for o in failures {
                let tag = match expected.reason(&o.check) {
                    Some(r) => format!("expected ({r})"),
                    None => "UNEXPECTED".to_string(),
                };
                let _ = writeln!(out, "  [{tag}] {}\n      {}", o.check, o.detail);
            }
        }
        let (p, f) = self.counts();
        let _ = writeln!(out, "\n{p} passed, {f} failed");
        out
    }

    /// Problems that should fail the run: failures not listed as expected, and listed
    /// entries (of the check kinds this run covers) that passed or did not run.
    pub fn problems(&self, expected: &ExpectedFailures, kinds: &[&str]) -> Vec<String> {
        let mut problems = Vec::new();
        let ran: BTreeSet<&str> = self.outcomes.iter().map(|o| o.check.as_str()).collect();
        for o in &self.outcomes {
            if !o.passed && expected.reason(&o.check).is_none() {
                problems.push(format!("unexpected failure: {}: {}", o.check, o.detail));
            }
            if o.passed && expected.reason(&o.check).is_some() {
                problems.push(format!(
                    "stale expected failure (it passes now): {}",
                    o.check
                ));
            }
        }
        for check in expected.checks() {
            let kind = check.split(':').next().unwrap_or("");
            if kinds.contains(&kind) && !ran.contains(check) {
                problems.push(format!("stale expected failure (no such check): {check}"));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_and_unexpected_entries_are_problems() {
        let expected =
            ExpectedFailures::parse("validate:a known\nvalidate:gone old\nexecution:x other kind")
                .unwrap();
        let mut r = Report::new();
        r.record("validate:a".into(), &["f".into()], Err("differs".into()));
        r.record("validate:b".into(), &["f".into()], Err("differs".into()));
        r.record("validate:c".into(), &[], Ok(()));
        let problems = r.problems(&expected, &["validate"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("validate:b"));
        assert!(problems[1].contains("validate:gone"));
        assert!(r.render(&expected).ends_with("1 passed, 2 failed\n"));
    }
}
