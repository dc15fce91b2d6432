//! Snapshot tests of the validator: every `tests/fixtures/validation/{valid,invalid}/*.asl.json`
//! is validated and its report compared with the `*.expected.json` next to it.
//!
//! Files named `*.express.asl.json` are validated as EXPRESS machines, others as STANDARD.
//! `valid/` fixtures must validate OK (warnings allowed), `invalid/` ones must FAIL.
//! Regenerate the snapshots with `UPDATE_SNAPSHOTS=1 cargo test -p aslplay-core --test
//! validation_fixtures` and review the diff.

use aslplay_core::validate::{
    create_state_machine_error, validate_definition, MachineType, ValidationResult,
};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/validation")
}

fn fixtures(sub: &str) -> Vec<PathBuf> {
    let dir = fixtures_dir().join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".asl.json"))
        .collect();
    files.sort();
    files
}

fn run(sub: &str, want: ValidationResult) {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    let files = fixtures(sub);
    assert!(!files.is_empty(), "no fixtures in {sub}");
    for path in files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let machine_type = if name.ends_with(".express.asl.json") {
            MachineType::Express
        } else {
            MachineType::Standard
        };
        let report = validate_definition(&text, machine_type);
        if report.result != want {
            failures.push(format!(
                "{sub}/{name}: result {:?}, expected {want:?}",
                report.result
            ));
        }
        // CreateStateMachine agrees with the report.
        let create = create_state_machine_error(&text, machine_type);
        if create.is_some() != (report.result == ValidationResult::Fail) {
            failures.push(format!(
                "{sub}/{name}: create_state_machine_error disagrees: {create:?}"
            ));
        }
        let actual = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
        let snapshot = path.with_file_name(name.replace(".asl.json", ".expected.json"));
        if update {
            std::fs::write(&snapshot, &actual).unwrap_or_else(|e| panic!("{name}: {e}"));
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{sub}/{name}: report differs from {}\n--- expected\n{expected}\n--- actual\n{actual}",
                snapshot.display()
            )),
            Err(_) => failures.push(format!(
                "{sub}/{name}: no snapshot {} (run with UPDATE_SNAPSHOTS=1)",
                snapshot.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn valid_fixtures_validate_ok() {
    run("valid", ValidationResult::Ok);
}

#[test]
fn invalid_fixtures_fail_with_the_expected_diagnostics() {
    run("invalid", ValidationResult::Fail);
}

/// Every diagnostic code of the brief is produced by at least one fixture.
#[test]
fn fixtures_cover_every_code() {
    let mut seen = std::collections::BTreeSet::new();
    for sub in ["valid", "invalid"] {
        for path in fixtures(sub) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let t = if path.to_string_lossy().ends_with(".express.asl.json") {
                MachineType::Express
            } else {
                MachineType::Standard
            };
            for d in validate_definition(&text, t).diagnostics {
                seen.insert(d.code.as_str());
            }
        }
    }
    for code in [
        "INVALID_JSON_DESCRIPTION",
        "MISSING_DESCRIPTION",
        "SCHEMA_VALIDATION_FAILED",
        "MISSING_TRANSITION_TARGET",
        "MISSING_END_STATE",
        "DUPLICATE_STATE_NAME",
        "INVALID_STATE_NAME",
        "TOO_DEEPLY_NESTED",
        "DUPLICATE_LABEL_NAME",
        "INVALID_LABEL_NAME",
        "INVALID_JSONATA_EXPRESSION",
        "UNSUPPORTED_JSONATA_EXPRESSION",
        "NO_DOLLAR",
        "NO_PATH",
        "PASS_RESULT_IS_STATIC",
    ] {
        assert!(seen.contains(code), "no fixture produces {code}");
    }
}

/// The validator never panics: every prefix of every fixture (cut on character boundaries,
/// every few bytes) and a few corruptions of it still produce a report.
#[test]
fn never_panics_on_truncated_or_corrupted_definitions() {
    for sub in ["valid", "invalid"] {
        for path in fixtures(sub) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let cuts = (0..text.len())
                .step_by(5)
                .filter(|i| text.is_char_boundary(*i));
            for cut in cuts {
                let prefix = &text[..cut];
                for variant in [
                    prefix.to_string(),
                    format!("{prefix}}}"),
                    text.replacen(':', ",", 1 + cut % 3),
                    text.replace("\"End\": true", "\"End\": 1"),
                    text.replace("\"Next\"", "\"Default\""),
                ] {
                    let report = validate_definition(&variant, MachineType::Express);
                    assert!(report.diagnostics.len() <= 100);
                }
            }
        }
    }
}
