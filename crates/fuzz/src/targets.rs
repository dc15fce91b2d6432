//! The fuzz targets: what input each generates and what it runs.

use crate::mutate::{self, INTRINSICS, JSONATA, PATH};
use crate::rng::Rng;
use crate::seeds::Seeds;
use aslplay_core::api::{run_definition, MachineSpec, StartSyncExecutionRequest, SyncOptions};
use aslplay_core::intrinsics::{self, IntrinsicError};
use aslplay_core::random::Random;
use aslplay_core::MachineType;
use serde_json::Value;

/// A fuzz target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The definition reader (`aslplay_core::json::parse`, with its source map).
    Json,
    /// Definition parsing and validation (both machine types).
    Validate,
    /// JSONPath parse, canonical form and evaluation.
    JsonPath,
    /// Intrinsic function parsing and evaluation.
    Intrinsics,
    /// JSONata parsing and evaluation.
    Jsonata,
    /// Whole executions through `api::run_definition` with mutated definitions and inputs.
    Exec,
}

/// One generated input.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The target it is for.
    pub target: Target,
    /// The main text (definition, path, expression).
    pub text: String,
    /// The document it runs against (execution input / evaluation context).
    pub input: String,
}

impl Case {
    /// The case as a JSON object `{target, text, input}`.
    pub fn to_json(&self) -> String {
        serde_json::json!({"target": self.target.name(), "text": self.text, "input": self.input})
            .to_string()
    }

    /// Reads a case saved by [`Case::to_json`].
    pub fn from_json(text: &str) -> Option<Case> {
        let v: Value = serde_json::from_str(text).ok()?;
        Some(Case {
            target: Target::from_name(v.get("target")?.as_str()?)?,
            text: v.get("text")?.as_str()?.to_string(),
            input: v.get("input")?.as_str()?.to_string(),
        })
    }
}

/// Transition budget of fuzzed executions (keeps runaway loops cheap).
pub const FUZZ_MAX_TRANSITIONS: u64 = 2_000;

impl Target {
    /// Every target.
    pub const ALL: [Target; 6] = [
        Target::Json,
        Target::Validate,
        Target::JsonPath,
        Target::Intrinsics,
        Target::Jsonata,
        Target::Exec,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Target::Json => "json",
            Target::Validate => "validate",
            Target::JsonPath => "jsonpath",
            Target::Intrinsics => "intrinsics",
            Target::Jsonata => "jsonata",
            Target::Exec => "exec",
        }
    }

    /// The target named `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Per-target seed salt, so targets explore independently.
    pub fn salt(self) -> u64 {
        (self as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A mutated input for this target.
    pub fn generate(self, rng: &mut Rng, seeds: &Seeds) -> Case {
        let input = pick_input(rng, seeds);
        let text = match self {
            Target::Json | Target::Validate | Target::Exec => definition(rng, seeds),
            Target::JsonPath => text_from(rng, &seeds.paths, PATH),
            Target::Intrinsics => text_from(rng, &seeds.intrinsics, INTRINSICS),
            Target::Jsonata => text_from(rng, &seeds.jsonata, JSONATA),
        };
        Case {
            target: self,
            text,
            input,
        }
    }

    /// Runs `case`; a panic is the only failure (errors are expected outcomes).
    pub fn execute(self, case: &Case) {
        let doc: Value = serde_json::from_str(&case.input).unwrap_or(Value::Null);
        match self {
            Target::Json => {
                if let Ok(node) = aslplay_core::json::parse(&case.text) {
                    let _ = node.to_value();
                }
                let map = aslplay_core::json::SourceMap::new(&case.text);
                let _ = map.line_col(case.text.len() / 2);
                lazy_parse_agrees(&case.text);
                lazy_parse_agrees(&case.input);
            }
            Target::Validate => {
                let _ = aslplay_core::validate_definition(&case.text, MachineType::Express);
                let _ = aslplay_core::validate_definition(&case.text, MachineType::Standard);
            }
            Target::JsonPath => {
                let _ = aslplay_jsonpath::canonical(&case.text);
                if let Ok(p) = aslplay_jsonpath::Path::parse(&case.text) {
                    if let Err(e) = p.evaluate(&doc) {
                        let _ = p.invalid_path_cause(&e);
                    }
                    let _ = p.select(&doc);
                }
                let _ = aslplay_jsonpath::ReferencePath::parse(&case.text);
            }
            Target::Intrinsics => {
                let parsed = intrinsics::parse(&case.text, &mut |p: &str| {
                    aslplay_jsonpath::Path::parse(p).map_err(|e| e.to_string())
                });
                if let Ok(call) = parsed {
                    let mut random = Random::new(7);
                    let _ = intrinsics::evaluate(
                        &call,
                        &mut |p: &aslplay_jsonpath::Path| {
                            p.evaluate(&doc)
                                .map(std::borrow::Cow::Owned)
                                .map_err(|e| IntrinsicError::failure(p.invalid_path_cause(&e)))
                        },
                        &mut random,
                    );
                }
            }
            Target::Jsonata => {
                if let Ok(expr) = aslplay_jsonata::Expression::parse(&case.text) {
                    let _ = expr.analyze();
                    let mut opts = aslplay_jsonata::EvalOptions::default();
                    opts.limits.max_steps = 200_000;
                    let mut host = aslplay_jsonata::FixedHost::new(1.7e12, 3);
                    let mut bindings = serde_json::Map::new();
                    bindings.insert("v".into(), doc.clone());
                    let _ = expr.evaluate(Some(&doc), &bindings, &opts, &mut host);
                    same_on_pruned_input(&expr, &doc, &opts);
                }
            }
            Target::Exec => {
                let spec = MachineSpec {
                    definition: case.text.clone(),
                    ..MachineSpec::default()
                };
                let request = StartSyncExecutionRequest {
                    input: Some(case.input.clone()),
                    ..StartSyncExecutionRequest::default()
                };
                let options = SyncOptions {
                    max_transitions: Some(FUZZ_MAX_TRANSITIONS),
                    ..SyncOptions::default()
                };
                let traced = run_definition(&spec, &request, &options);
                if let Ok(run) = &traced {
                    let _ = serde_json::to_string(&run.response);
                }
                // Differential: without history and trace the engine takes its fast paths
                // (moves, recycled objects, sizes worked out instead of walked); the outcome
                // must be the same.
                let fast_options = SyncOptions {
                    record_history: false,
                    record_trace: false,
                    ..options
                };
                let fast = run_definition(&spec, &request, &fast_options);
                if let (Ok(a), Ok(b)) = (&traced, &fast) {
                    let (a, b) = (&a.response, &b.response);
                    assert_eq!(
                        (a.status, &a.output, &a.error, &a.cause),
                        (b.status, &b.output, &b.error, &b.cause),
                        "the untraced run differs from the traced one"
                    );
                }
            }
        }
    }
}

/// `serde_json::lazy::parse` (the execution input, `States.StringToJson`) gives what
/// `serde_json::from_str` gives: the same value with members in the same order, the same
/// compact text and payload size (from the text of unchanged objects), or the same error.
fn lazy_parse_agrees(text: &str) {
    match (
        serde_json::lazy::parse(text),
        serde_json::from_str::<Value>(text),
    ) {
        (Ok(lazy), Ok(eager)) => {
            let written = serde_json::to_string(&eager).unwrap_or_default();
            assert_eq!(lazy.value, eager, "lazily parsed value");
            assert_eq!(
                serde_json::to_string(&lazy.value).unwrap_or_default(),
                written,
                "lazily parsed member order"
            );
            assert_eq!(
                serde_json::lazy::to_string(&lazy.value),
                written,
                "compact text"
            );
            assert_eq!(
                aslplay_core::exec::json_size(&lazy.value),
                written.len(),
                "payload size"
            );
        }
        (Err(lazy), Err(eager)) => assert_eq!(lazy.to_string(), eager.to_string(), "error"),
        (lazy, eager) => panic!("lazy parse {lazy:?} but serde_json {eager:?}"),
    }
    // Members looked up one at a time, then the objects made ordinary maps by a change.
    if let (Ok(lazy), Ok(mut eager)) = (
        serde_json::lazy::parse(text),
        serde_json::from_str::<Value>(text),
    ) {
        let mut lazy = lazy.value;
        look_up_members(&lazy, &eager);
        for v in [&mut lazy, &mut eager] {
            if let Some(m) = v.as_object_mut() {
                m.insert("fuzz".into(), Value::Null);
            }
        }
        assert_eq!(
            serde_json::lazy::to_string(&lazy),
            serde_json::to_string(&eager).unwrap_or_default(),
            "changed after lookups"
        );
    }
}

/// Looks up every member of every object of `lazy` by key, last first, and a missing one,
/// comparing with `eager`.
fn look_up_members(lazy: &Value, eager: &Value) {
    match (lazy, eager) {
        (Value::Object(l), Value::Object(e)) => {
            for (key, ev) in e.iter().rev() {
                let lv = l.get_str(key);
                assert_eq!(lv, Some(ev), "member {key:?}");
                if let Some(lv) = lv {
                    look_up_members(lv, ev);
                }
            }
            assert_eq!(l.get_str("\u{0}missing"), None, "missing member");
        }
        (Value::Array(l), Value::Array(e)) => {
            for (lv, ev) in l.iter().zip(e) {
                look_up_members(lv, ev);
            }
        }
        _ => {}
    }
}

fn pick_input(rng: &mut Rng, seeds: &Seeds) -> String {
    let base = rng
        .pick(&seeds.inputs)
        .cloned()
        .unwrap_or_else(|| "{}".into());
    if rng.one_in(3) {
        if let Ok(mut v) = serde_json::from_str::<Value>(&base) {
            mutate::mutate_json(rng, &mut v);
            return v.to_string();
        }
    }
    if rng.one_in(10) {
        return mutate::mutate_text(rng, &base, &[], &seeds.inputs);
    }
    base
}

fn definition(rng: &mut Rng, seeds: &Seeds) -> String {
    let base = rng
        .pick(&seeds.definitions)
        .cloned()
        .unwrap_or_else(|| "{}".into());
    match rng.below(4) {
        0 => mutate::mutate_text(rng, &base, &[], &seeds.definitions),
        _ => match serde_json::from_str::<Value>(&base) {
            Ok(mut v) => {
                mutate::mutate_json(rng, &mut v);
                let text = v.to_string();
                if rng.one_in(8) {
                    mutate::mutate_text(rng, &text, &[], &[])
                } else {
                    text
                }
            }
            Err(_) => mutate::mutate_text(rng, &base, &[], &seeds.definitions),
        },
    }
}

fn text_from(rng: &mut Rng, corpus: &[String], dict: &[&str]) -> String {
    let base = rng.pick(corpus).cloned().unwrap_or_default();
    if rng.one_in(20) {
        return base;
    }
    mutate::mutate_text(rng, &base, dict, corpus)
}

/// The engine's bridge hands an expression only the parts of `$states.input` it reads
/// (`Expression::member_parts`): with the whole document or with those parts, it must give
/// the same result or the same error.
fn same_on_pruned_input(
    expr: &aslplay_jsonata::Expression,
    doc: &serde_json::Value,
    opts: &aslplay_jsonata::EvalOptions,
) {
    let Some(parts) = expr.member_parts("input") else {
        return;
    };
    let run = |input: &serde_json::Value| {
        let mut bindings = serde_json::Map::new();
        bindings.insert("states".into(), serde_json::json!({ "input": input }));
        let mut host = aslplay_jsonata::FixedHost::new(1.7e12, 3);
        expr.evaluate(None, &bindings, opts, &mut host)
            .map_err(|e| format!("{}: {}", e.code, e.message))
    };
    // The fuzz document rarely has the members the expression reads: one that does, too.
    for doc in [doc.clone(), document_with(&parts, 0)] {
        let pruned = parts.prune(&doc);
        let (whole, part) = (run(&doc), run(&pruned));
        assert_eq!(
            whole, part,
            "pruning $states.input to what the expression reads changed its result (input {doc}, pruned {pruned})"
        );
    }
}

/// A document with the members `parts` names (every other one inside an array with another
/// element and a number), members it does not name beside them, and mixed values where the
/// parts end.
fn document_with(parts: &aslplay_jsonata::Parts, depth: usize) -> serde_json::Value {
    use serde_json::{json, Value};
    if parts.is_whole() || depth > 8 {
        return json!([1, {"x": "a", "1": 2}, "s", null, [3, 2]]);
    }
    let mut map = serde_json::Map::new();
    map.insert("unread".into(), json!({"x": 1}));
    for (i, (name, child)) in parts.members().enumerate() {
        let inner = document_with(child, depth + 1);
        let value = if (i + depth).is_multiple_of(2) {
            Value::Array(vec![inner, document_with(child, depth + 2), json!(4)])
        } else {
            inner
        };
        map.insert(name.to_owned(), value);
    }
    Value::Object(map)
}
