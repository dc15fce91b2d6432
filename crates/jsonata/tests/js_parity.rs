//! Parity with jsonata-js 2.0.6 beyond the official suite: every suite expression evaluated
//! against five inputs, with jsonata-js's result, or its error code, position and message.
//!
//! `tests/js-parity.jsonl` was produced by `tests/tools/gen-js-parity.js` (run with node and
//! the npm package `jsonata@2.0.6`); each line is `{e: expr, i: input index, b?: bindings,
//! r?: result, u?: 1 (undefined), err?: [code, position, message]}`.

use aslplay_jsonata::{EvalOptions, Expression, FixedHost};
use serde_json::Value;
use std::path::PathBuf;

fn suite_dir() -> PathBuf {
    if let Ok(p) = std::env::var("JSONATA_TEST_SUITE") {
        return PathBuf::from(p);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in manifest.ancestors() {
        let candidate = dir.join("shared").join("jsonata-test-suite");
        if candidate.join("datasets").is_dir() {
            return candidate;
        }
    }
    panic!(
        "JSONata test suite (shared/jsonata-test-suite) not found above {}",
        manifest.display()
    );
}

fn dataset(name: &str) -> Value {
    let path = suite_dir().join("datasets").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Same as the generator's `alt` inputs.
fn inputs() -> Vec<Option<Value>> {
    vec![
        None,
        Some(dataset("dataset5")),
        Some(dataset("dataset0")),
        Some(serde_json::json!([1, "a", {"b": [2, 3]}, null, true])),
        Some(serde_json::json!({"a": {"b": [{"c": 1}, {"c": 2}]}, "x": "y"})),
    ]
}

/// Equal, with object keys in the same order; numbers equal to 15 significant digits.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => p == q || format!("{p:.14e}") == format!("{q:.14e}"),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((k, v), (k2, w))| k == k2 && same(v, w))
        }
        _ => a == b,
    }
}

fn check(rec: &Value, inputs: &[Option<Value>]) -> Result<(), String> {
    let expr = rec["e"].as_str().ok_or("no expression")?;
    let input = rec["i"]
        .as_u64()
        .and_then(|i| inputs.get(i as usize))
        .ok_or("bad input index")?;
    let bindings = rec
        .get("b")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let opts = EvalOptions {
        step_functions: false,
        ..EvalOptions::default()
    };
    let got = Expression::parse(expr).and_then(|e| {
        e.evaluate(
            input.as_ref(),
            &bindings,
            &opts,
            &mut FixedHost::new(0.0, 1),
        )
    });
    match (&got, rec.get("err"), rec.get("r")) {
        (Err(e), Some(x), _) => {
            let want = (
                x[0].as_str(),
                x[1].as_u64().map(|p| p as usize),
                x[2].as_str(),
            );
            let have = (Some(e.code.as_str()), e.position, Some(e.message.as_str()));
            if want == have {
                Ok(())
            } else {
                Err(format!("want error {want:?}, got {have:?}"))
            }
        }
        (Ok(Some(v)), None, Some(r)) if same(v, r) => Ok(()),
        (Ok(None), None, None) if rec.get("u").is_some() => Ok(()),
        _ => Err(format!(
            "want {}, got {got:?}",
            rec.get("err")
                .or(rec.get("r"))
                .map(Value::to_string)
                .unwrap_or("undefined".into())
        )),
    }
}

#[test]
fn matches_jsonata_js() {
    let lines: Vec<&str> = include_str!("js-parity.jsonl").lines().collect();
    let run = move || {
        let inputs = inputs();
        let mut failures = vec![];
        for (n, line) in lines.iter().enumerate() {
            let rec: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
            if let Err(m) = check(&rec, &inputs) {
                failures.push(format!("line {}: {} :: {m}", n + 1, rec["e"]));
            }
        }
        (lines.len(), failures)
    };
    let (total, failures) = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(run)
        .expect("spawn")
        .join()
        .expect("parity runner panicked");
    println!(
        "jsonata-js parity: {} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "differences from jsonata-js:\n{}",
        failures.join("\n")
    );
}
