//! A short fuzz run of every target (CI smoke) and the replay of every saved finding.

use aslplay_fuzz::{fuzz, regressions_dir, run_case, shared_dir, Case, Seeds, Target};
use std::time::Duration;

#[test]
fn every_target_survives_a_short_run() {
    let seeds = Seeds::load(shared_dir().as_deref());
    for target in Target::ALL {
        let n = if target == Target::Exec { 1_000 } else { 3_000 };
        let stats = fuzz(
            target,
            &seeds,
            0x5eed,
            0..n,
            Duration::from_secs(20),
            |_| {},
        );
        assert_eq!(stats.executions, n);
        let kinds: Vec<String> = stats
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} #{}: {} {}",
                    target.name(),
                    f.iteration,
                    f.kind,
                    f.case.to_json()
                )
            })
            .collect();
        assert!(kinds.is_empty(), "{kinds:#?}");
    }
}

#[test]
fn saved_findings_no_longer_panic() {
    let Ok(entries) = std::fs::read_dir(regressions_dir()) else {
        return;
    };
    let mut failures = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let case = Case::from_json(&text)
            .unwrap_or_else(|| panic!("{}: not a saved case", path.display()));
        let t0 = std::time::Instant::now();
        if let Some(msg) = run_case(&case) {
            failures.push(format!("{}: panicked: {msg}", path.display()));
        } else if t0.elapsed() > Duration::from_secs(10) {
            failures.push(format!("{}: took {:?}", path.display(), t0.elapsed()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
