//! Runs the official JSONata 2.0.6 test suite (shared/jsonata-test-suite).
//!
//! Prints per-group figures and `N passed, N failed`. Fails on any failure not listed in
//! `tests/expected-failures.txt`, and on any listed case that now passes (stale entry).

use aslplay_jsonata::{EvalOptions, Expression, FixedHost, Limits};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn suite_dir() -> PathBuf {
    if let Ok(p) = std::env::var("JSONATA_TEST_SUITE") {
        return PathBuf::from(p);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in manifest.ancestors() {
        let candidate = dir.join("shared").join("jsonata-test-suite");
        if candidate.join("groups").is_dir() {
            return candidate;
        }
    }
    panic!(
        "JSONata test suite not found: expected shared/jsonata-test-suite beside an ancestor of {} \
         (or set JSONATA_TEST_SUITE)",
        manifest.display()
    );
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        // jsonata-js's own harness accepts float noise (e.g. 90.57000000000001 for 90.57):
        // compare at 15 significant digits, like `$string` renders numbers.
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => p == q || format!("{p:.14e}") == format!("{q:.14e}"),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

struct Case {
    id: String,
    group: String,
    outcome: Result<(), String>,
}

fn run_case(root: &Path, group_dir: &Path, tc: &Value) -> Result<(), String> {
    let expr = match tc.get("expr").and_then(Value::as_str) {
        Some(e) => e.to_string(),
        None => {
            let f = tc
                .get("expr-file")
                .and_then(Value::as_str)
                .ok_or("no expr")?;
            std::fs::read_to_string(group_dir.join(f)).map_err(|e| e.to_string())?
        }
    };
    let data: Option<Value> = if let Some(d) = tc.get("data") {
        Some(d.clone())
    } else if let Some(ds) = tc.get("dataset").and_then(Value::as_str) {
        let text = std::fs::read_to_string(root.join("datasets").join(format!("{ds}.json")))
            .map_err(|e| e.to_string())?;
        Some(serde_json::from_str(&text).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let bindings = tc
        .get("bindings")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut limits = Limits::default();
    if let Some(d) = tc.get("depth").and_then(Value::as_u64) {
        limits.max_depth = d as usize;
    }
    let opts = EvalOptions {
        limits,
        step_functions: false,
        reject_function_results: false,
    };
    let mut host = FixedHost::new(1_500_000_000_000.0, 42);
    let result = Expression::parse(&expr)
        .and_then(|e| e.evaluate(data.as_ref(), &bindings, &opts, &mut host));
    let code = tc.get("code").and_then(Value::as_str).or_else(|| {
        tc.get("error")
            .and_then(|e| e.get("code"))
            .and_then(Value::as_str)
    });
    if let Some(code) = code {
        return match result {
            Err(e) if e.code == code => Ok(()),
            Err(e) => Err(format!(
                "expected error {code}, got {} ({})",
                e.code, e.message
            )),
            Ok(v) => Err(format!("expected error {code}, got {v:?}")),
        };
    }
    if tc.get("undefinedResult").and_then(Value::as_bool) == Some(true) {
        return match result {
            Ok(None) => Ok(()),
            other => Err(format!("expected undefined, got {other:?}")),
        };
    }
    if let Some(expected) = tc.get("result") {
        return match result {
            Ok(Some(v)) if same(&v, expected) => Ok(()),
            other => Err(format!("expected {expected}, got {other:?}")),
        };
    }
    Err("case has no expectation".into())
}

fn run_all() -> Vec<Case> {
    let root = suite_dir();
    let mut groups: Vec<PathBuf> = std::fs::read_dir(root.join("groups"))
        .expect("groups dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    let mut out = vec![];
    for g in groups {
        let group = g
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&g)
            .expect("group dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let stem = f
                .file_stem()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let base = format!("{group}/{stem}");
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let parsed: Result<Value, _> = serde_json::from_str(&text);
            let cases = match parsed {
                Ok(Value::Array(a)) => a
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| (format!("{base}[{i}]"), c))
                    .collect(),
                Ok(v) => vec![(base.clone(), v)],
                Err(e) => {
                    out.push(Case {
                        id: base,
                        group: group.clone(),
                        outcome: Err(format!("unreadable case file: {e}")),
                    });
                    continue;
                }
            };
            for (id, tc) in cases {
                let outcome = run_case(&root, &g, &tc);
                out.push(Case {
                    id,
                    group: group.clone(),
                    outcome,
                });
            }
        }
    }
    out
}

#[test]
fn official_suite() {
    // Deep recursion in some cases: run on a thread with a generous stack.
    let cases = std::thread::Builder::new()
        .stack_size(512 * 1024 * 1024)
        .spawn(run_all)
        .expect("spawn")
        .join()
        .expect("suite runner panicked");
    let expected_text = include_str!("expected-failures.txt");
    let expected: BTreeMap<String, String> = expected_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            (id.to_string(), reason.trim().to_string())
        })
        .collect();
    let mut per_group: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unexpected = vec![];
    let mut failed_ids = BTreeSet::new();
    for c in &cases {
        let e = per_group.entry(c.group.clone()).or_default();
        match &c.outcome {
            Ok(()) => e.0 += 1,
            Err(msg) => {
                e.1 += 1;
                failed_ids.insert(c.id.clone());
                if !expected.contains_key(&c.id) {
                    unexpected.push(format!("{}: {}", c.id, msg));
                }
            }
        }
    }
    let stale: Vec<&String> = expected
        .keys()
        .filter(|id| !failed_ids.contains(*id))
        .collect();
    for (g, (p, f)) in &per_group {
        if *f > 0 {
            println!("  {g}: {p} passed, {f} failed");
        }
    }
    let passed = cases.iter().filter(|c| c.outcome.is_ok()).count();
    let failed = cases.len() - passed;
    println!(
        "JSONata suite: {} cases, {:.2}% pass",
        cases.len(),
        100.0 * passed as f64 / cases.len() as f64
    );
    if std::env::var("JSONATA_SUITE_LIST").is_ok() {
        for c in &cases {
            if let Err(m) = &c.outcome {
                println!("FAIL {} {}", c.id, m.chars().take(300).collect::<String>());
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    assert!(
        unexpected.is_empty(),
        "unexpected failures:\n{}",
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "stale expected-failures entries (they pass now): {stale:?}"
    );
    assert!(
        passed as f64 >= 0.98 * cases.len() as f64,
        "pass rate below 98%"
    );
}
