//! Runs the data-driven table in `cases.json` (path + document + expected result or error).

use aslplay_jsonpath::{Path, ReferencePath};
use serde_json::Value;

fn table() -> Value {
    serde_json::from_str(include_str!("cases.json")).expect("cases.json is valid JSON")
}

fn doc_of<'a>(case: &'a Value, docs: &'a Value) -> &'a Value {
    match case.get("doc_ref").and_then(Value::as_str) {
        Some(name) => &docs[name],
        None => &case["doc"],
    }
}

/// Checks one evaluation case; returns a failure description.
fn check(case: &Value, docs: &Value) -> Option<String> {
    let src = case["path"].as_str()?;
    let parsed = Path::parse(src);
    if let Some(se) = case.get("syntax_error") {
        return match parsed {
            Ok(_) => Some(format!("{src}: parsed, expected a syntax error")),
            Err(e) => {
                let want_pos = se["position"].as_u64().map(|p| p as usize);
                let want_msg = se["contains"].as_str().unwrap_or("");
                if Some(e.position) != want_pos || !e.message.contains(want_msg) {
                    Some(format!("{src}: got {e:?}, expected {se}"))
                } else {
                    None
                }
            }
        };
    }
    let path = match parsed {
        Ok(p) => p,
        Err(e) => return Some(format!("{src}: syntax error {e}")),
    };
    if let Some(c) = case.get("canonical").and_then(Value::as_str) {
        if path.canonical() != c {
            return Some(format!("{src}: canonical {} != {c}", path.canonical()));
        }
    }
    if let Some(d) = case.get("definite").and_then(Value::as_bool) {
        if path.is_definite() != d {
            return Some(format!("{src}: definite {} != {d}", path.is_definite()));
        }
    }
    let got = path.evaluate(doc_of(case, docs));
    if let Some(err) = case.get("error").and_then(Value::as_str) {
        return match got {
            Err(e) if e.to_string() == err => None,
            other => Some(format!("{src}: got {other:?}, expected error {err}")),
        };
    }
    let got = match got {
        Ok(v) => v,
        Err(e) => return Some(format!("{src}: error {e}")),
    };
    if let Some(n) = case.get("result_len").and_then(Value::as_u64) {
        let len = match &got {
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => usize::MAX,
        };
        return (len as u64 != n).then(|| format!("{src}: got {got}, expected {n} items"));
    }
    let Some(want) = case.get("result") else {
        return Some(format!(
            "{src}: case has no result, result_len, error or syntax_error"
        ));
    };
    (got != *want).then(|| format!("{src}: got {got}, expected {want}"))
}

fn check_set(case: &Value) -> Option<String> {
    let src = case["path"].as_str()?;
    let rp = match ReferencePath::parse(src) {
        Ok(p) => p,
        Err(e) => return Some(format!("{src}: syntax error {e}")),
    };
    let original = case["doc"].clone();
    let mut doc = original.clone();
    let res = rp.set(&mut doc, case["value"].clone());
    if let Some(err) = case.get("error").and_then(Value::as_str) {
        return match res {
            Err(e) if e.aws_cause(&original) == err && doc == original => None,
            Err(e) => Some(format!(
                "{src}: got {:?} / doc {doc}",
                e.aws_cause(&original)
            )),
            Ok(()) => Some(format!("{src}: succeeded with {doc}, expected {err}")),
        };
    }
    match res {
        Ok(()) if doc == case["result"] => None,
        other => Some(format!(
            "{src}: got {other:?} / {doc}, expected {}",
            case["result"]
        )),
    }
}

#[test]
fn evaluation_table() {
    let t = table();
    let cases = t["cases"].as_array().expect("cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c, &t["documents"]))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn reference_set_table() {
    let t = table();
    let cases = t["set_cases"].as_array().expect("set_cases");
    let failures: Vec<String> = cases.iter().filter_map(check_set).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_path_cause_matches_conformance_text() {
    let p = Path::parse("$.NoSuchInputPath").unwrap();
    let e = p.evaluate(&serde_json::json!({})).unwrap_err();
    assert_eq!(
        p.invalid_path_cause(&e),
        "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
    );
}
