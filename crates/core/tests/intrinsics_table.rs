//! Data-driven table of intrinsic function cases (`tests/intrinsics.json`): one case per
//! documented AWS example and quirk, each naming its source.

use aslplay_core::intrinsics::{self, IntrinsicError, PathKind};
use aslplay_core::random::Random;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A path as the test resolver understands it: root and member/index steps.
#[derive(Debug)]
struct TestPath {
    text: String,
    kind: PathKind,
    variable: String,
    steps: Vec<Step>,
}

#[derive(Debug)]
enum Step {
    Member(String),
    Index(usize),
}

/// A minimal path compiler (`$.a.b[0]`, `$$.x`, `$var.y`) standing in for the JSONPath crate.
fn compile(text: &str) -> Result<TestPath, String> {
    let kind = PathKind::of(text);
    let mut rest = match kind {
        PathKind::Context => &text[2..],
        _ => &text[1..],
    };
    let mut variable = String::new();
    if kind == PathKind::Variable {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        variable = rest[..end].to_string();
        rest = &rest[end..];
    }
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return Err("empty member name".into());
            }
            steps.push(Step::Member(r[..end].to_string()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or("unclosed '['")?;
            let n = r[..end].parse().map_err(|_| "bad index".to_string())?;
            steps.push(Step::Index(n));
            rest = &r[end + 1..];
        } else {
            return Err(format!("unexpected '{rest}'"));
        }
    }
    Ok(TestPath {
        text: text.to_string(),
        kind,
        variable,
        steps,
    })
}

fn resolve(
    path: &TestPath,
    input: &Value,
    context: &Value,
    vars: &Value,
) -> Result<Value, IntrinsicError> {
    let root = match path.kind {
        PathKind::Input => Some(input),
        PathKind::Context => Some(context),
        PathKind::Variable => vars.get(&path.variable),
    };
    let found = path.steps.iter().try_fold(root, |cur, step| {
        Some(match (cur?, step) {
            (Value::Object(o), Step::Member(m)) => o.get(m),
            (Value::Array(a), Step::Index(i)) => a.get(*i),
            _ => None,
        })
    });
    found
        .flatten()
        .cloned()
        .ok_or_else(|| IntrinsicError::path_not_found(&path.text, &input.to_string()))
}

fn run_case(case: &Map<String, Value>) -> Result<(), String> {
    let expr = case["expr"].as_str().ok_or("expr must be a string")?;
    let mut input = case.get("input").cloned().unwrap_or(Value::Null);
    if let Some(big) = case.get("big_string") {
        let len = big["len"].as_u64().ok_or("len")? as usize;
        let key = big["path"].as_str().ok_or("path")?;
        if let Value::Object(o) = &mut input {
            o.insert(key.to_string(), Value::String("a".repeat(len)));
        }
    }
    let context = case
        .get("context")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));
    let vars = case
        .get("vars")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));

    let parsed = intrinsics::parse(expr, &mut compile);
    if let Some(want) = case.get("expect_parse_error") {
        let err = match parsed {
            Ok(_) => return Err("parsed, but a parse error was expected".into()),
            Err(e) => e,
        };
        let needle = want["contains"].as_str().unwrap_or("");
        if !err.message.contains(needle) {
            return Err(format!("parse error {err:?} lacks {needle:?}"));
        }
        if let Some(pos) = want.get("position").and_then(Value::as_u64) {
            if err.position as u64 != pos {
                return Err(format!(
                    "parse error at {} instead of {pos}: {err}",
                    err.position
                ));
            }
        }
        return Ok(());
    }
    let call = parsed.map_err(|e| format!("parse error: {e}"))?;
    let mut random = Random::new(case.get("seed").and_then(Value::as_u64).unwrap_or(2024));
    let result = intrinsics::evaluate(
        &call,
        &mut |p: &TestPath| resolve(p, &input, &context, &vars).map(Cow::Owned),
        &mut random,
    );
    if let Some(want) = case.get("expect_error") {
        let err = match result {
            Ok(v) => return Err(format!("succeeded with {v}, but an error was expected")),
            Err(e) => e,
        };
        if Some(err.error_name()) != want["error"].as_str() {
            return Err(format!(
                "error name {} instead of {}",
                err.error_name(),
                want["error"]
            ));
        }
        let cause = err.cause(expr);
        if let Some(exact) = want.get("cause").and_then(Value::as_str) {
            if cause != exact {
                return Err(format!("cause\n  {cause}\ninstead of\n  {exact}"));
            }
        }
        if let Some(needle) = want.get("contains").and_then(Value::as_str) {
            if !err.message.contains(needle) {
                return Err(format!("message {:?} lacks {needle:?}", err.message));
            }
        }
        return Ok(());
    }
    let value = result.map_err(|e| format!("failed: {e}"))?;
    if let Some(want) = case.get("expect") {
        if &value != want {
            return Err(format!("got {value}, expected {want}"));
        }
    } else if let Some(range) = case.get("expect_int_in") {
        let (lo, hi) = (range[0].as_i64(), range[1].as_i64());
        match (value.as_i64(), lo, hi) {
            (Some(v), Some(lo), Some(hi)) if v >= lo && v < hi => {}
            _ => return Err(format!("{value} not an integer in {range}")),
        }
    } else if case.get("expect_uuid").is_some() {
        let s = value.as_str().ok_or("not a string")?;
        let ok = s.len() == 36
            && s.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                14 => c == '4',
                19 => matches!(c, '8' | '9' | 'a' | 'b'),
                _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
            });
        if !ok {
            return Err(format!("{s} is not a lowercase v4 UUID"));
        }
    } else {
        return Err("case has no expectation".into());
    }
    Ok(())
}

#[test]
fn intrinsic_table() {
    let text = include_str!("intrinsics.json");
    let cases: Vec<Map<String, Value>> =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("intrinsics.json: {e}"));
    assert!(cases.len() >= 90, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
        assert!(
            case.get("source").is_some(),
            "{name}: every case cites its source"
        );
        if let Err(why) = run_case(case) {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn seeded_math_random_is_deterministic_and_independent_of_the_execution_source() {
    let call = intrinsics::parse("States.MathRandom(0, 1000000, 7)", &mut compile)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut none =
        |_: &TestPath| -> Result<Cow<'_, Value>, IntrinsicError> { Ok(Cow::Owned(Value::Null)) };
    let a = intrinsics::evaluate(&call, &mut none, &mut Random::new(1));
    let b = intrinsics::evaluate(&call, &mut none, &mut Random::new(2));
    assert_eq!(a, b);
    let unseeded = intrinsics::parse("States.MathRandom(0, 1000000)", &mut compile)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut r = Random::new(5);
    let x = intrinsics::evaluate(&unseeded, &mut none, &mut r);
    let y = intrinsics::evaluate(&unseeded, &mut none, &mut r);
    assert_ne!(x, y, "the execution source advances between calls");
    assert_eq!(
        x,
        intrinsics::evaluate(&unseeded, &mut none, &mut Random::new(5))
    );
}

/// Every function, fed every combination of awkward argument values at every accepted
/// arity, returns a value or an error and never panics.
#[test]
fn evaluation_never_panics_on_awkward_arguments() {
    use aslplay_core::intrinsics::Function;
    let pool: Vec<Value> = serde_json::from_str(
        r#"[null, true, false, 0, -1, 1, 2.5, -2.5, 1e308, -1e308, 9223372036854775807,
            -9223372036854775808, 18446744073709551615, 2147483648, 1000, -1000,
            "", " ", "a,b", "{}", "[1", "-0", "@@@", "w6k", "MD5", "SHA-512", "{} {}", "\\{",
            [], [1, 1, [2], {"a": 1}], {}, {"a": {"b": [null]}}]"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut count = 0usize;
    for function in Function::ALL {
        let (min, max) = function.arity();
        let max = max.unwrap_or(3).min(3);
        for arity in min..=max {
            let args: Vec<String> = (0..arity).map(|i| format!("$.a{i}")).collect();
            let text = format!("{}({})", function.name(), args.join(", "));
            let call =
                intrinsics::parse(&text, &mut compile).unwrap_or_else(|e| panic!("{text}: {e}"));
            let combos = pool.len().pow(arity as u32);
            for mut k in 0..combos {
                let mut input = Map::new();
                for i in 0..arity {
                    input.insert(format!("a{i}"), pool[k % pool.len()].clone());
                    k /= pool.len();
                }
                let input = Value::Object(input);
                let empty = Value::Object(Map::new());
                let _ = intrinsics::evaluate(
                    &call,
                    &mut |p: &TestPath| resolve(p, &input, &empty, &empty).map(Cow::Owned),
                    &mut Random::new(k as u64),
                );
                count += 1;
            }
        }
    }
    assert!(count > 100_000, "{count} evaluations");
}
