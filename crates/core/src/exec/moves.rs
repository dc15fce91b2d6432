//! Moving nodes out of a Pass state's input instead of copying them into its `Parameters`.
//!
//! `"doc.$": "$.doc"` copies the node into the result, and the input usually dies a moment
//! later (OutputPath keeps only the result). When nothing after Parameters can observe the
//! node in the input any more, the engine may move it into the result instead: ResultPath
//! and OutputPath must address parts of the input disjoint from it. The analysis here runs
//! once at compile time and turns every qualifying `.$` path into [`Template::Move`]; the
//! engine then evaluates the template in two phases (everything, with `null` in each Move
//! slot, against the intact input; then the moves) and corrects the payload size for the
//! `null`s left in the input (see `Interpreter::run_moving`).
//!
//! `ResultSelector` moves too: it is the last reader of the state's result (Assign reads the
//! result before it), so any of its reference paths into `$` may move.
//!
//! A JSONPath Map takes its items out of its input instead of copying them when nothing reads
//! the input after the items are selected: ResultPath is `$` (the result replaces the input),
//! there is no Assign, ItemSelector, Retry or Catch, and no `…Path` field of the Map reads the
//! input during the iterations ([`map_takes_items`]).
//!
//! A JSONPath Pass whose `Parameters` object has the same keys, in the same order, as its input
//! object writes the new values into the input's object instead of building a new object and
//! dropping the input a moment later (a loop's counter state: `{"i.$": "States.MathAdd($.i, 1)"}`
//! on `{"i": 4}`). It qualifies when InputPath and ResultPath are `$` and nothing in Parameters
//! moves ([`pass_recycles_input`]); the engine checks the keys at run time, evaluates every
//! field against the intact input first, and copies when it records a trace.
//!
//! A JSONPath Pass with no Parameters, Result or Assign and ResultPath `$` hands its effective
//! input on as its output, taken out of the input rather than copied, with the input's size
//! when InputPath is `$` (`Interpreter::run_passing`); a Wait whose InputPath is `$` and that
//! has no Assign hands its input on the same way. Neither needs an analysis; the tests are here
//! because they compare with the copying path like the rest.
//!
//! A Parameters path qualifies when it is a reference path into `$` (names and indexes only), the state
//! is a JSONPath Pass without `Result`, `InputPath` is `$` or a reference path, the document
//! has no repeated key, and its location in the state input (InputPath joined with the path)
//! overlaps neither ResultPath nor OutputPath (unless ResultPath is `$`, which drops the
//! input). Of overlapping paths (`$.doc` and `$.doc.items[0]`) only the outermost moves.

use super::paths::CPath;
use super::program::{CKind, CState, Dynamic, PathField};
use super::template::{Fields, Template};
use crate::model::QueryLanguage;
use aslplay_jsonpath::ReferencePath;
use std::collections::HashSet;

/// Marks the moves of `state`'s Parameters; returns whether there is any.
pub fn mark(state: &mut CState) -> bool {
    let Some(limits) = Limits::of(state) else {
        return false;
    };
    let Some(template) = state.parameters.take() else {
        return false;
    };
    let (template, any) = mark_template(template, &limits);
    state.parameters = Some(template);
    any
}

/// Marks the moves of `state`'s ResultSelector; returns whether there is any. The result is
/// not read after ResultSelector (Assign reads it before), so any path into it may move.
pub fn mark_selector(state: &mut CState) -> bool {
    if state.lang != QueryLanguage::JsonPath {
        return false;
    }
    let Some(template) = state.result_selector.take() else {
        return false;
    };
    let limits = Limits {
        prefix: None,
        kept: Vec::new(),
    };
    let (template, any) = mark_template(template, &limits);
    state.result_selector = Some(template);
    any
}

/// Whether `state` is a Map that may take its items out of its input (see the module docs):
/// InputPath and ItemsPath are reference paths into `$` (or absent), and nothing reads the
/// input once the items are selected. The engine still copies when it records a trace, and
/// falls back to the copying path when the items are not an array (for the error).
pub fn map_takes_items(state: &CState) -> bool {
    let CKind::Map(map) = &state.kind else {
        return false;
    };
    let path_free =
        |d: &Option<Dynamic>| !matches!(d, Some(Dynamic::Path(..) | Dynamic::Jsonata(..)));
    let reference = |p: &PathField| match p {
        PathField::Whole => true,
        PathField::Path(p) => input_reference(p).is_some(),
        PathField::Null => false,
    };
    state.lang == QueryLanguage::JsonPath
        && state.parameters.is_none()
        && state.assign.is_none()
        && state.retry.is_empty()
        && state.catch.is_empty()
        && matches!(state.result_path, PathField::Whole)
        && reference(&state.input_path)
        && map
            .items_path
            .as_ref()
            .is_none_or(|p| input_reference(p).is_some())
        && map.item_selector.is_none()
        && map.items.is_none()
        && path_free(&map.max_concurrency)
        && path_free(&map.tolerated_count)
        && path_free(&map.tolerated_percentage)
}

/// Whether `state` is a Pass that may write its Parameters into its input object (see the
/// module docs).
pub fn pass_recycles_input(state: &CState) -> bool {
    let object_template = matches!(
        &state.parameters,
        Some(Template::Object(Fields {
            skeleton: Some(_),
            ..
        }))
    );
    state.lang == QueryLanguage::JsonPath
        && matches!(state.kind, CKind::Pass { result: None })
        && object_template
        && !state.moves_input
        && matches!(state.input_path, PathField::Whole)
        && matches!(state.result_path, PathField::Whole)
}

/// The template with its movable `.$` paths turned into [`Template::Move`], and whether
/// there is any.
fn mark_template(template: Template, limits: &Limits) -> (Template, bool) {
    if has_repeated_key(&template) {
        return (template, false);
    }
    // Every `.$` path in document order, with its location when a move from there is allowed.
    let mut located = Vec::new();
    collect(&template, limits, &mut located);
    // Overlapping paths cannot all move: the outermost moves (it holds the others), the rest
    // copy in the first phase, from the intact input.
    let mut order: Vec<usize> = (0..located.len()).collect();
    order.sort_by_key(|&i| located.get(i).and_then(|a| a.as_ref()).map(|a| a.depth()));
    let mut chosen = vec![false; located.len()];
    let mut taken: Vec<&ReferencePath> = Vec::new();
    for i in order {
        let Some(Some(at)) = located.get(i) else {
            continue;
        };
        if taken.iter().all(|t| !t.may_overlap(at)) {
            taken.push(at);
            if let Some(c) = chosen.get_mut(i) {
                *c = true;
            }
        }
    }
    let any = chosen.contains(&true);
    (rewrite(template, &mut chosen.into_iter()), any)
}

/// Where a moved node may not be: the state input locations still read after Parameters.
struct Limits {
    /// InputPath as a reference path (`None`: `$`).
    prefix: Option<ReferencePath>,
    /// ResultPath and OutputPath, where the input survives Parameters.
    kept: Vec<ReferencePath>,
}

impl Limits {
    /// `None` when the state cannot move anything.
    fn of(state: &CState) -> Option<Limits> {
        // The result is the parameters (the engine relies on it for the payload size).
        let pass_without_result =
            matches!(state.kind, CKind::Pass { result: None }) && state.result_selector.is_none();
        if state.lang != QueryLanguage::JsonPath || !pass_without_result {
            return None;
        }
        let prefix = match &state.input_path {
            PathField::Whole => None,
            PathField::Path(p) => Some(input_reference(p)?.clone()),
            PathField::Null => return None,
        };
        let kept = match &state.result_path {
            // The result replaces the input: nothing of it survives.
            PathField::Whole => Vec::new(),
            PathField::Null => return None,
            PathField::Path(r) => {
                let mut kept = vec![input_reference(r)?.clone()];
                match &state.output_path {
                    PathField::Whole => return None,
                    PathField::Null => {}
                    PathField::Path(o) => kept.push(input_reference(o)?.clone()),
                }
                kept
            }
        };
        Some(Limits { prefix, kept })
    }

    /// The location of `path` in the state input, when a move from there is allowed.
    fn locate(&self, path: &CPath) -> Option<ReferencePath> {
        let tail = input_reference(path)?;
        let at = match &self.prefix {
            Some(prefix) => prefix.join(tail)?,
            None => tail.clone(),
        };
        (!self.kept.iter().any(|k| k.may_overlap(&at))).then_some(at)
    }
}

/// The path as a reference path into `$`.
fn input_reference(path: &CPath) -> Option<&ReferencePath> {
    path.reference()
        .filter(|r| matches!(r.root(), aslplay_jsonpath::Root::Input))
}

/// Every `.$` path of the template in document order: its location in the state input when
/// a move from there is allowed (paths that may not move still count: they read the input).
fn collect(t: &Template, limits: &Limits, out: &mut Vec<Option<ReferencePath>>) {
    match t {
        Template::Object(fields) => fields
            .list
            .iter()
            .for_each(|(_, t)| collect(t, limits, out)),
        Template::Array(items) => items.iter().for_each(|t| collect(t, limits, out)),
        Template::Path(p) | Template::Move(p) => out.push(limits.locate(p)),
        Template::Static(_) | Template::Intrinsic(..) | Template::Jsonata(_) => {}
    }
}

/// Whether an object of the template produces a key twice (`"a"` and `"a.$"`): the engine
/// finds Move slots by key, so such templates keep copying.
fn has_repeated_key(t: &Template) -> bool {
    match t {
        Template::Object(fields) => {
            let mut seen = HashSet::with_capacity(fields.list.len());
            fields
                .list
                .iter()
                .any(|(k, t)| !seen.insert(k.as_str()) || has_repeated_key(t))
        }
        Template::Array(items) => items.iter().any(has_repeated_key),
        _ => false,
    }
}

/// The template with the chosen paths (`chosen` yields one flag per `.$` path, in document
/// order) turned into [`Template::Move`].
fn rewrite(t: Template, chosen: &mut impl Iterator<Item = bool>) -> Template {
    match t {
        Template::Object(Fields { list, skeleton }) => Template::Object(Fields {
            list: list
                .into_iter()
                .map(|(k, t)| (k, rewrite(t, chosen)))
                .collect(),
            // Same keys and static values.
            skeleton,
        }),
        Template::Array(items) => {
            Template::Array(items.into_iter().map(|t| rewrite(t, chosen)).collect())
        }
        Template::Path(p) | Template::Move(p) => match chosen.next() {
            Some(true) => Template::Move(p),
            _ => Template::Path(p),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::{self, ExecutionConfig, ExecutionFacts, NoMocks, Outcome};
    use serde_json::{json, Value};

    fn machine(states: Value) -> (crate::model::StateMachine, exec::Machine) {
        let def = json!({"StartAt": "S", "States": states}).to_string();
        let parsed = crate::parse_definition(&def).0.unwrap();
        let machine = exec::compile(&parsed).unwrap();
        (parsed, machine)
    }

    /// The `.$` paths of the first state's Parameters that were turned into moves.
    fn moved(m: &exec::Machine) -> Vec<String> {
        fn walk(t: &Template, out: &mut Vec<String>) {
            match t {
                Template::Object(f) => f.list.iter().for_each(|(_, t)| walk(t, out)),
                Template::Array(i) => i.iter().for_each(|t| walk(t, out)),
                Template::Move(p) => out.push(p.text().to_string()),
                _ => {}
            }
        }
        let mut out = Vec::new();
        if let Some(t) = m.states.first().and_then(|s| s.parameters.as_ref()) {
            walk(t, &mut out);
        }
        out
    }

    /// Runs with the given payload limit; `trace` on disables the moves (the reference).
    fn run(m: &exec::Machine, input: &Value, trace: bool, limit: usize) -> Outcome {
        let mut config = ExecutionConfig {
            record_trace: trace,
            ..ExecutionConfig::default()
        };
        config.limits.max_payload_bytes = limit;
        let facts = ExecutionFacts {
            input: input.clone().into(),
            input_size: Some(exec::json_size(input)),
            ..Default::default()
        };
        let outcome = exec::run(m, None, input.clone(), facts, config, &mut NoMocks);
        // A size the interpreter reports without walking must be the walked size.
        if let (Some(out), Some(known)) = (&outcome.output, outcome.output_size) {
            assert_eq!(known, exec::json_size(out), "output size passed on");
        }
        outcome
    }

    /// Runs `m` without trace (moving) and with trace (copying, the reference) at `limit`
    /// and asserts the same outcome; the moving run also on the input as the API reads it,
    /// parsed lazily, its unchanged objects sized from their text (`serde_json::lazy`).
    fn assert_moving_matches_copying(m: &exec::Machine, input: &Value, limit: usize, what: &str) {
        let b = run(m, input, true, limit);
        let lazy = lazily(input);
        for (a, how) in [
            (run(m, input, false, limit), ""),
            (run(m, &lazy, false, limit), ", lazy"),
        ] {
            assert_eq!(
                (&a.status, &a.output),
                (&b.status, &b.output),
                "{what}{how}"
            );
            assert_eq!((&a.error, &a.cause), (&b.error, &b.cause), "{what}{how}");
        }
    }

    fn lazily(input: &Value) -> Value {
        serde_json::lazy::parse(&input.to_string()).unwrap().value
    }

    /// [`assert_moving_matches_copying`] at every `step`-th payload limit below `times` the
    /// input's size, and with no limit.
    fn assert_at_limits(m: &exec::Machine, input: &Value, times: usize, step: usize, what: &str) {
        for limit in (0..exec::json_size(input) * times)
            .step_by(step)
            .chain([usize::MAX])
        {
            assert_moving_matches_copying(m, input, limit, &format!("{what} at limit {limit}"));
        }
    }

    fn pass(fields: Value) -> Value {
        let mut state = json!({"Type": "Pass", "End": true});
        if let (Value::Object(s), Value::Object(f)) = (&mut state, fields) {
            s.extend(f);
        }
        json!({"S": state})
    }

    /// One case: the first state's fields, the input, and the paths expected to move.
    fn cases() -> Vec<(Value, Value, Vec<&'static str>)> {
        let doc = json!({"work": {"doc": {"r": [{"a": 1}, {"a": "x\n"}], "m": {"n": "bench"}}, "s": {"k": 2}}});
        vec![
            // The dataflow shape: the document moves, the record inside it is copied.
            (
                json!({"InputPath": "$.work", "Parameters": {"w": {"doc.$": "$.doc", "rec.$": "$.doc.r[1]", "n.$": "States.ArrayLength($.doc.r)", "k.$": "$.s.k"}}, "ResultPath": "$.next", "OutputPath": "$.next"}),
                doc.clone(),
                vec!["$.doc", "$.s.k"],
            ),
            // ResultPath `$` drops the input: anything may move.
            (
                json!({"Parameters": {"a.$": "$.work", "b.$": "$.work.s"}}),
                doc.clone(),
                vec!["$.work"],
            ),
            // Moves into an array.
            (
                json!({"Parameters": {"l": [{"x.$": "$.work.s"}, 2, "$.no"]}}),
                doc.clone(),
                vec!["$.work.s"],
            ),
            // The whole effective input.
            (
                json!({"InputPath": "$.work", "Parameters": {"all.$": "$"}, "ResultPath": "$.r", "OutputPath": "$.r"}),
                doc.clone(),
                vec!["$"],
            ),
            // ResultPath inside the moved node: copy.
            (
                json!({"Parameters": {"a.$": "$.work"}, "ResultPath": "$.work.x"}),
                doc.clone(),
                vec![],
            ),
            // OutputPath keeps the whole input: copy.
            (
                json!({"Parameters": {"a.$": "$.work.s"}, "ResultPath": "$.r"}),
                doc.clone(),
                vec![],
            ),
            // OutputPath next to the moved node: moves; OutputPath `null` too.
            (
                json!({"Parameters": {"a.$": "$.work.s"}, "ResultPath": "$.r", "OutputPath": "$.work.doc.m"}),
                doc.clone(),
                vec!["$.work.s"],
            ),
            (
                json!({"Parameters": {"a.$": "$.work.s"}, "ResultPath": "$.r", "OutputPath": null}),
                doc.clone(),
                vec!["$.work.s"],
            ),
            // ResultPath cannot be applied: the error shows the intact input.
            (
                json!({"Parameters": {"a.$": "$.work.doc"}, "ResultPath": "$.work.s.k.z", "OutputPath": "$.work.s.k.z"}),
                doc.clone(),
                vec!["$.work.doc"],
            ),
            // A missing path fails in field order, before anything moves.
            (
                json!({"Parameters": {"a.$": "$.work.doc", "b.$": "$.missing"}}),
                doc.clone(),
                vec!["$.work.doc", "$.missing"],
            ),
            // A repeated key, a Result, ResultPath null, context and variables: no moves.
            (
                json!({"Parameters": {"a": 1, "a.$": "$.work"}}),
                doc.clone(),
                vec![],
            ),
            (
                json!({"Parameters": {"a.$": "$.work"}, "Result": {"r": 1}}),
                doc.clone(),
                vec![],
            ),
            (
                json!({"Parameters": {"a.$": "$.work"}, "ResultPath": null}),
                doc.clone(),
                vec![],
            ),
            (
                json!({"Parameters": {"a.$": "$$.Execution.Input.work", "b.$": "$.work.s['k']"}}),
                doc.clone(),
                vec!["$.work.s['k']"],
            ),
            // Assign sees the filled result.
            (
                json!({"Parameters": {"a.$": "$.work.doc.m"}, "Assign": {"v.$": "$.a.n"}, "ResultPath": "$.r", "OutputPath": "$.r"}),
                doc.clone(),
                vec!["$.work.doc.m"],
            ),
            // Not a reference path: copy.
            (
                json!({"Parameters": {"a.$": "$.work.doc.r[*].a"}}),
                doc,
                vec![],
            ),
        ]
    }

    /// A chain of states that move, passing on the sizes they know to the next state.
    fn chain() -> Value {
        json!({
            "A": {"Type": "Pass", "InputPath": "$.work", "Parameters": {"work": {"doc.$": "$.doc", "s": {"k.$": "$.s.k", "n": 1}}}, "ResultPath": "$.next", "OutputPath": "$.next", "Next": "B"},
            "B": {"Type": "Pass", "InputPath": "$.work", "Parameters": {"work": {"doc.$": "$.doc", "s.$": "$.s"}}, "ResultPath": "$.next", "OutputPath": "$.next", "Next": "C"},
            "C": {"Type": "Pass", "Parameters": {"w.$": "$.work", "one": 1}, "Next": "D"},
            "D": {"Type": "Pass", "Parameters": {"d.$": "$.w.doc", "s.$": "$.w.s"}, "ResultPath": "$.r", "OutputPath": "$.r", "Next": "E"},
            "E": {"Type": "Pass", "Parameters": {"x.$": "$.d.r[1]"}, "ResultPath": "$.out", "OutputPath": null, "Next": "F"},
            "F": {"Type": "Pass", "Parameters": {"all.$": "$"}, "ResultPath": "$.r", "OutputPath": "$.r", "Next": "G"},
            "G": {"Type": "Pass", "Parameters": {"a.$": "$.all"}, "End": true}
        })
    }

    #[test]
    fn sizes_passed_between_moving_states_match_copying_at_every_limit() {
        let def = json!({"StartAt": "A", "States": chain()}).to_string();
        let parsed = crate::parse_definition(&def).0.unwrap();
        let m = exec::compile(&parsed).unwrap();
        // F's `$` holds its ResultPath: it copies.
        let moving: Vec<&str> = m
            .states
            .iter()
            .filter(|s| s.moves_input)
            .map(|s| s.model.name.as_str())
            .collect();
        assert_eq!(moving, ["A", "B", "C", "D", "E", "G"]);
        // Long enough for the lazily parsed copy to keep `doc` lazy (sized from its text).
        let input = json!({"work": {"doc": {"r": [{"a": 1}, {"a": "x\n\"q\""}], "m": {"n": "bench", "about": "a document passed along"}}, "s": {"k": 22}}});
        let lazy = lazily(&input);
        assert!(lazy
            .pointer("/work/doc")
            .and_then(Value::as_object)
            .is_some_and(|d| d.canonical_text().is_some()));
        for input in [&input, &lazy] {
            // Every size passed on is the size of the output.
            crate::exec::engine::tests::KNOWN_SIZES.with(|k| k.borrow_mut().clear());
            run(&m, input, false, usize::MAX);
            let known = crate::exec::engine::tests::KNOWN_SIZES.with(|k| k.take());
            // Every state passes its output's size on (F, which copies, from its input's size).
            assert_eq!(known.len(), 7, "{known:?}");
            assert!(known.iter().all(|(k, walked)| k == walked), "{known:?}");
        }
        assert_at_limits(&m, &input, 3, 1, "");
    }

    /// A Pass with no Parameters, Result or Assign and ResultPath `$` hands its effective
    /// input on instead of copying it (`Interpreter::run_passing`), and a Wait its input; both
    /// give what the copying path gives (trace on) at every payload limit.
    #[test]
    fn passes_and_waits_hand_their_input_on_as_copying_would() {
        let doc = json!({"work": {"doc": {"r": [{"a": 1}, {"a": "x\n"}], "m": {"n": "bench"}}, "s": {"k": 2}}});
        for (state, what) in [
            (json!({"Type": "Pass"}), "plain"),
            (
                json!({"Type": "Pass", "InputPath": "$.work"}),
                "reference InputPath",
            ),
            (
                json!({"Type": "Pass", "InputPath": "$.work.doc.r[*].a"}),
                "InputPath that builds a list",
            ),
            (
                json!({"Type": "Pass", "InputPath": "$.work", "OutputPath": "$.doc.m"}),
                "OutputPath",
            ),
            (
                json!({"Type": "Pass", "OutputPath": null}),
                "OutputPath null",
            ),
            (json!({"Type": "Pass", "InputPath": null}), "InputPath null"),
            (
                json!({"Type": "Pass", "InputPath": "$.missing"}),
                "missing InputPath",
            ),
            (
                json!({"Type": "Pass", "OutputPath": "$.missing"}),
                "missing OutputPath",
            ),
            (json!({"Type": "Wait", "Seconds": 1}), "Wait"),
            (
                json!({"Type": "Wait", "Seconds": 1, "OutputPath": "$.work.s"}),
                "Wait with OutputPath",
            ),
            (
                json!({"Type": "Wait", "Seconds": 1, "Assign": {"k.$": "$.work.s.k"}}),
                "Wait with Assign",
            ),
            (
                json!({"Type": "Wait", "Seconds": 1, "InputPath": "$.work"}),
                "Wait with InputPath",
            ),
        ] {
            let mut state = state;
            if let Value::Object(s) = &mut state {
                s.insert("End".into(), json!(true));
            }
            let (_, m) = machine(json!({"S": state}));
            assert_at_limits(&m, &doc, 2, 7, what);
        }
        // Chained, the input's size is passed on: no state walks the document.
        let (_, m) = machine(json!({
            "S": {"Type": "Pass", "Next": "T"},
            "T": {"Type": "Pass", "OutputPath": "$.work", "Next": "U"},
            "U": {"Type": "Pass", "End": true},
        }));
        crate::exec::engine::tests::KNOWN_SIZES.with(|k| k.borrow_mut().clear());
        let out = run(&m, &doc, false, usize::MAX);
        assert_eq!(out.output.as_ref(), Some(&doc["work"]));
        let known = crate::exec::engine::tests::KNOWN_SIZES.with(|k| k.take());
        // S and U pass their output's size on (T's OutputPath selects a part, so U walks its input).
        assert_eq!(known.len(), 2, "{known:?}");
        assert!(known.iter().all(|(k, walked)| k == walked), "{known:?}");
        assert_at_limits(&m, &doc, 2, 5, "chain");
    }

    #[test]
    fn result_selectors_move_out_of_the_result() {
        let map = |selector: Value| {
            json!({"S": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "P",
                "States": {"P": {"Type": "Pass", "End": true}}}, "ResultSelector": selector, "End": true}})
        };
        let par = |selector: Value| {
            json!({"S": {"Type": "Parallel", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": {"y": [2]}, "End": true}}}],
                "ResultSelector": selector, "End": true}})
        };
        let input = json!({"items": [{"v": 1}, {"v": 2}, {"v": 3}]});
        let table = [
            // `$` holds `$[0]`: `$` moves, `$[0]` is copied first.
            (
                map(json!({"all.$": "$", "n.$": "States.ArrayLength($)", "first.$": "$[0]"})),
                Ok(json!({"all": [{"v": 1}, {"v": 2}, {"v": 3}], "n": 3, "first": {"v": 1}})),
            ),
            (
                par(json!({"a.$": "$[0].x", "b.$": "$[1]", "c.$": "$[1].y[0]", "k": "s"})),
                Ok(json!({"a": 1, "b": {"y": [2]}, "c": 2, "k": "s"})),
            ),
            // A missing path fails before anything moves: the message shows the whole result.
            (
                par(json!({"b.$": "$[1]", "m.$": "$[0].missing"})),
                Err("could not be found in the input '[{\"x\":1},{\"y\":[2]}]'"),
            ),
        ];
        for (states, want) in table {
            let (_, m) = machine(states.clone());
            assert!(
                m.states.first().is_some_and(|s| s.selector_moves),
                "{states}"
            );
            for trace in [false, true] {
                let out = run(&m, &input, trace, usize::MAX);
                match &want {
                    Ok(v) => assert_eq!(out.output.as_ref(), Some(v), "{states}"),
                    Err(cause) => assert!(
                        out.cause.as_deref().is_some_and(|c| c.contains(cause)),
                        "{states}: {:?}",
                        out.cause
                    ),
                }
            }
        }
    }

    #[test]
    fn moves_are_chosen_where_nothing_can_observe_them() {
        for (fields, _, want) in cases() {
            let (_, m) = machine(pass(fields.clone()));
            assert_eq!(moved(&m), want, "{fields}");
        }
    }

    #[test]
    fn moving_gives_what_copying_gives_at_every_payload_limit() {
        for (fields, input, _) in cases() {
            let (_, m) = machine(pass(fields.clone()));
            // Every limit up to past the largest size the engine checks here.
            assert_at_limits(&m, &input, 3, 1, &fields.to_string());
        }
    }

    #[test]
    fn maps_take_items_where_nothing_reads_the_input_and_give_what_copying_gives() {
        let processor = json!({"StartAt": "P", "States": {"P": {"Type": "Pass",
            "Parameters": {"v.$": "$.v", "n.$": "States.MathAdd($.v, 1)"}, "End": true}}});
        let failing =
            json!({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}});
        let map = |fields: Value, processor: &Value| {
            let mut state = json!({"Type": "Map", "ItemProcessor": processor, "End": true});
            if let (Value::Object(s), Value::Object(f)) = (&mut state, fields) {
                s.extend(f);
            }
            json!({"S": state})
        };
        let input = json!({"items": [{"v": 1}, {"v": 2}], "work": {"list": [{"v": 3}], "k": "x"}, "s": "no"});
        let table = [
            (json!({"ItemsPath": "$.items"}), &processor, true),
            (
                json!({"InputPath": "$.work", "ItemsPath": "$.list", "MaxConcurrency": 2}),
                &processor,
                true,
            ),
            (json!({"InputPath": "$.items"}), &processor, true),
            (
                json!({"ItemsPath": "$.items", "ResultSelector": {"all.$": "$", "n.$": "States.ArrayLength($)"}, "OutputPath": "$.all[1]"}),
                &processor,
                true,
            ),
            (json!({"ItemsPath": "$.items"}), &failing, true),
            // Not an array, or not there: the copying path raises the error.
            (json!({"ItemsPath": "$.s"}), &processor, true),
            (json!({"ItemsPath": "$.missing"}), &processor, true),
            (json!({"InputPath": "$.missing"}), &processor, true),
            // Something reads the input after the items are selected: copy.
            (
                json!({"ItemsPath": "$.items", "ResultPath": "$.r"}),
                &processor,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "ResultPath": null}),
                &processor,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Map.Item.Value.v", "k.$": "$.work.k"}}),
                &processor,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "MaxConcurrencyPath": "$.items[0].v"}),
                &processor,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "Assign": {"x.$": "$[0]"}}),
                &processor,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": null}),
                &failing,
                false,
            ),
            (
                json!({"ItemsPath": "$.items", "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}]}),
                &failing,
                false,
            ),
            (
                json!({"ItemsPath": "$$.Execution.Input.items"}),
                &processor,
                false,
            ),
        ];
        for (fields, processor, takes) in table {
            let mut states = map(fields.clone(), processor);
            if fields.get("Catch").is_some() {
                if let Some(s) = states.get_mut("S").and_then(Value::as_object_mut) {
                    s.remove("End");
                    s.insert("Next".into(), json!("C"));
                }
                states["C"] = json!({"Type": "Pass", "End": true});
            }
            let (_, m) = machine(states);
            assert_eq!(
                m.states.first().map(|s| s.takes_items),
                Some(takes),
                "{fields}"
            );
            assert_at_limits(&m, &input, 2, 7, &fields.to_string());
        }
    }

    #[test]
    fn passes_recycle_their_input_object_and_give_what_copying_gives() {
        let loop_states = json!({
            "S": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "k": "x"}, "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 5, "Next": "S"}], "Default": "D"},
            "D": {"Type": "Succeed"}
        });
        let table = [
            // A loop keeping its shape: every Pass after the first recycles.
            (loop_states, json!({"i": 0, "k": "x"}), true),
            // Fields read each other's old values: evaluated before anything is written.
            (
                pass(
                    json!({"Parameters": {"a.$": "States.MathAdd($.b, 0)", "b.$": "States.ArrayGetItem(States.Array($.a), 0)", "c": [1, {"d": 2}]}}),
                ),
                json!({"a": {"n": [2]}, "b": 1, "c": 0}),
                true,
            ),
            // Keys in another order, or other keys: a new object (same result).
            (
                pass(
                    json!({"Parameters": {"b.$": "States.MathAdd($.a, 1)", "a.$": "States.MathAdd($.b, 1)"}}),
                ),
                json!({"a": 1, "b": 2}),
                true,
            ),
            (
                pass(json!({"Parameters": {"a.$": "States.MathAdd($.a, 1)"}})),
                json!({"a": 1, "b": 2}),
                true,
            ),
            (
                pass(json!({"Parameters": {"a.$": "States.ArrayLength($)"}})),
                json!([1]),
                true,
            ),
            // Nested templates, Assign reading the result, OutputPath.
            (
                pass(
                    json!({"Parameters": {"a": {"x.$": "States.MathAdd($.a, 1)", "y.$": "States.Format('{}', $.b)"}, "b.$": "States.ArrayLength($.c)", "c.$": "$$.State.Name"}, "Assign": {"v.$": "$.a.x"}, "OutputPath": "$.a"}),
                ),
                json!({"a": 7, "b": "s", "c": [1, 2]}),
                true,
            ),
            // An intrinsic failing: the error, nothing written.
            (
                pass(json!({"Parameters": {"a.$": "States.MathAdd($.a, 'x')"}})),
                json!({"a": 1}),
                true,
            ),
            (
                pass(json!({"Parameters": {"a.$": "States.MathAdd($.missing, 1)"}})),
                json!({"a": 1}),
                true,
            ),
            // Not recycling: InputPath, ResultPath, Result, a moving path.
            (
                pass(json!({"InputPath": "$.a", "Parameters": {"a.$": "States.MathAdd($.b, 1)"}})),
                json!({"a": {"a": 1, "b": 2}}),
                false,
            ),
            (
                pass(json!({"Parameters": {"a.$": "States.MathAdd($.a, 1)"}, "ResultPath": "$.r"})),
                json!({"a": 1}),
                false,
            ),
            (
                pass(json!({"Parameters": {"a.$": "States.MathAdd($.a, 1)"}, "Result": {"a": 2}})),
                json!({"a": 1}),
                false,
            ),
            // A path that moves: the move wins.
            (
                pass(json!({"Parameters": {"a.$": "$.a"}})),
                json!({"a": 1}),
                false,
            ),
        ];
        for (states, input, recycles) in table {
            let (_, m) = machine(states.clone());
            assert_eq!(
                m.states.first().map(|s| s.recycles_input),
                Some(recycles),
                "{states}"
            );
            assert_at_limits(&m, &input, 3, 3, &states.to_string());
        }
    }
}
