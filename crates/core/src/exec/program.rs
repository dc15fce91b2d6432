//! The executable form of a machine: the model with every path, template, intrinsic and JSONata
//! expression compiled once, and `Next` names resolved to indexes.

use super::paths::CPath;
use super::template::{compile_dynamic, Template, TemplateError};
use crate::model::{
    Catcher, ChoiceRule, ComparisonOperand, Condition, IntOrExpr, ItemsSource, QueryLanguage,
    Retrier, State, StateKind, StateMachine, Transition, WaitDuration,
};
use serde_json::Value;
use std::collections::HashMap;

/// Why a machine could not be compiled (a definition the validator should have rejected).
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    /// JSON pointer of the offending field.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

fn err(pointer: &str, message: impl Into<String>) -> CompileError {
    CompileError {
        pointer: pointer.to_string(),
        message: message.into(),
    }
}

fn tmpl_err(base: &str, e: TemplateError) -> CompileError {
    CompileError {
        pointer: format!("{base}{}", e.pointer),
        message: e.message,
    }
}

/// A compiled (sub-)machine.
#[derive(Debug)]
pub struct Machine {
    /// Index of the `StartAt` state.
    pub start: usize,
    /// The states, in document order.
    pub states: Vec<CState>,
}

/// A path field that may be absent (default `$`), `null`, or a path.
#[derive(Clone, Debug)]
pub enum PathField {
    /// Absent: the whole document.
    Whole,
    /// `null`.
    Null,
    /// A path.
    Path(CPath),
}

/// A compiled state.
#[derive(Debug)]
pub struct CState {
    /// The model state (for names, pointers and static fields).
    pub model: State,
    /// Effective query language.
    pub lang: QueryLanguage,
    /// Resolved `Next` (index into the same machine), `None` when the state ends.
    pub next: Option<usize>,
    /// `InputPath`.
    pub input_path: PathField,
    /// `OutputPath`.
    pub output_path: PathField,
    /// `ResultPath` (reference path).
    pub result_path: PathField,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub parameters: Option<Template>,
    /// `ResultSelector`.
    pub result_selector: Option<Template>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign` entries.
    pub assign: Option<Vec<(String, Template)>>,
    /// Retriers.
    pub retry: Vec<Retrier>,
    /// Catchers.
    pub catch: Vec<CCatcher>,
    /// Type-specific compiled parts.
    pub kind: CKind,
    /// Whether `parameters` moves nodes out of the state input (`moves.rs`).
    pub moves_input: bool,
    /// Whether `result_selector` moves nodes out of the state's result (`moves.rs`).
    pub selector_moves: bool,
    /// Whether a Map takes its items out of its input instead of copying them (`moves.rs`).
    pub takes_items: bool,
    /// Whether a Pass may write its Parameters into its input object when that has the same
    /// keys, instead of building a new object and dropping the input (`moves.rs`).
    pub recycles_input: bool,
    /// Whether OutputPath selects exactly the node ResultPath writes (`"ResultPath": "$.x",
    /// "OutputPath": "$.x"`): the state output is the result.
    pub output_is_result: bool,
}

/// A compiled catcher.
#[derive(Debug)]
pub struct CCatcher {
    /// The model catcher.
    pub model: Catcher,
    /// Resolved `Next`.
    pub next: usize,
    /// `ResultPath`.
    pub result_path: PathField,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign`.
    pub assign: Option<Vec<(String, Template)>>,
}

/// Type-specific compiled parts.
#[derive(Debug)]
pub enum CKind {
    /// Pass with an optional `Result`.
    Pass {
        /// `Result`.
        result: Option<Value>,
    },
    /// Task.
    Task {
        /// `Resource`.
        resource: String,
        /// `TimeoutSeconds` / `TimeoutSecondsPath`.
        timeout: Option<Dynamic>,
        /// `HeartbeatSeconds` / `HeartbeatSecondsPath`.
        heartbeat: Option<Dynamic>,
    },
    /// Choice.
    Choice {
        /// Top-level rules with resolved targets.
        rules: Vec<(CRule, usize)>,
        /// `Default`.
        default: Option<usize>,
    },
    /// Wait.
    Wait(CWait),
    /// Succeed.
    Succeed,
    /// Fail.
    Fail {
        /// `Error` / `ErrorPath`.
        error: Option<Dynamic>,
        /// `Cause` / `CausePath`.
        cause: Option<Dynamic>,
    },
    /// Parallel.
    Parallel {
        /// One machine per branch.
        branches: Vec<Machine>,
    },
    /// Map.
    Map(Box<CMap>),
}

/// A value given literally, by path, or by JSONata expression.
#[derive(Clone, Debug)]
pub enum Dynamic {
    /// A literal.
    Literal(Value),
    /// A `…Path` field (JSONPath, may be an intrinsic for ErrorPath/CausePath).
    Path(Template, String),
    /// A JSONata `{% %}` expression.
    Jsonata(Template, String),
}

/// How a Wait state's delay is given.
#[derive(Debug)]
pub enum CWait {
    /// `Seconds`.
    Seconds(Dynamic),
    /// `Timestamp`.
    Timestamp(Dynamic),
    /// `SecondsPath`.
    SecondsPath(CPath),
    /// `TimestampPath`.
    TimestampPath(CPath),
}

/// A compiled Map state.
#[derive(Debug)]
pub struct CMap {
    /// The item processor.
    pub processor: Machine,
    /// Whether iterations run as distributed children (no outer variables).
    pub distributed: bool,
    /// `ItemsPath` (JSONPath) — `None`: the effective input.
    pub items_path: Option<CPath>,
    /// `Items` (JSONata or literal array).
    pub items: Option<Template>,
    /// `ItemSelector` (or legacy `Parameters`).
    pub item_selector: Option<Template>,
    /// `MaxConcurrency` / `MaxConcurrencyPath`.
    pub max_concurrency: Option<Dynamic>,
    /// `ToleratedFailurePercentage(Path)`.
    pub tolerated_percentage: Option<Dynamic>,
    /// `ToleratedFailureCount(Path)`.
    pub tolerated_count: Option<Dynamic>,
    /// `ItemBatcher` present.
    pub batcher: Option<crate::model::ItemBatcher>,
    /// `Label`.
    pub label: Option<String>,
}

/// A compiled Choice rule.
#[derive(Debug)]
pub struct CRule {
    /// The test.
    pub test: CTest,
    /// Rule-level `Assign`.
    pub assign: Option<Vec<(String, Template)>>,
    /// Rule-level `Output`.
    pub output: Option<Template>,
}

/// A compiled Choice test.
#[derive(Debug)]
pub enum CTest {
    /// `And`.
    And(Vec<CTest>),
    /// `Or`.
    Or(Vec<CTest>),
    /// `Not`.
    Not(Box<CTest>),
    /// `Variable` + operator.
    Compare {
        /// `Variable`.
        variable: CPath,
        /// Operator.
        op: crate::model::ComparisonOperator,
        /// Literal or path operand.
        operand: COperand,
    },
    /// JSONata `Condition` (or literal boolean).
    Condition(Template, String),
}

/// A compiled comparison operand.
#[derive(Debug)]
pub enum COperand {
    /// Literal.
    Literal(Value),
    /// `…Path` operand.
    Path(CPath),
}

/// Compiles a whole machine.
pub fn compile(machine: &StateMachine) -> Result<Machine, CompileError> {
    compile_machine(machine)
}

fn compile_machine(machine: &StateMachine) -> Result<Machine, CompileError> {
    let index: HashMap<&str, usize> = machine
        .states
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let resolve = |name: &str, pointer: &str| -> Result<usize, CompileError> {
        index
            .get(name)
            .copied()
            .ok_or_else(|| err(pointer, format!("Missing 'Next' target: {name}")))
    };
    let start = resolve(&machine.start_at, &format!("{}/StartAt", machine.pointer))?;
    let mut states = Vec::with_capacity(machine.states.len());
    for state in machine.states.values() {
        states.push(compile_state(state, &resolve)?);
    }
    Ok(Machine { start, states })
}

fn path_field(field: &Option<Option<String>>, pointer: &str) -> Result<PathField, CompileError> {
    Ok(match field {
        None => PathField::Whole,
        Some(None) => PathField::Null,
        Some(Some(p)) => PathField::Path(CPath::compile(p).map_err(|m| err(pointer, m))?),
    })
}

fn template(
    lang: QueryLanguage,
    value: &Option<Value>,
    pointer: &str,
) -> Result<Option<Template>, CompileError> {
    value
        .as_ref()
        .map(|v| match lang {
            QueryLanguage::JsonPath => Template::compile_jsonpath(v),
            QueryLanguage::Jsonata => Template::compile_jsonata(v),
        })
        .transpose()
        .map_err(|e| tmpl_err(pointer, e))
}

fn assign(
    lang: QueryLanguage,
    value: &Option<Value>,
    pointer: &str,
) -> Result<Option<Vec<(String, Template)>>, CompileError> {
    let Some(value) = value else { return Ok(None) };
    let Value::Object(map) = value else {
        return Err(err(pointer, "'Assign' must be an object"));
    };
    let mut out = Vec::with_capacity(map.len());
    for (key, v) in map {
        let ptr = format!("{pointer}/{key}");
        match lang {
            QueryLanguage::JsonPath => {
                if let Some(name) = key.strip_suffix(".$") {
                    let Value::String(expr) = v else {
                        return Err(err(&ptr, "a '.$' field needs a path or intrinsic string"));
                    };
                    out.push((
                        name.to_string(),
                        compile_dynamic(expr, &ptr).map_err(|e| tmpl_err("", e))?,
                    ));
                } else {
                    out.push((
                        key.clone(),
                        Template::compile_jsonpath(v).map_err(|e| tmpl_err(&ptr, e))?,
                    ));
                }
            }
            QueryLanguage::Jsonata => out.push((
                key.clone(),
                Template::compile_jsonata(v).map_err(|e| tmpl_err(&ptr, e))?,
            )),
        }
    }
    Ok(Some(out))
}

fn int_dynamic(
    lang: QueryLanguage,
    literal: &Option<IntOrExpr>,
    path: &Option<String>,
    pointer: &str,
    field: &str,
) -> Result<Option<Dynamic>, CompileError> {
    if let Some(p) = path {
        let t =
            compile_dynamic(p, &format!("{pointer}/{field}Path")).map_err(|e| tmpl_err("", e))?;
        return Ok(Some(Dynamic::Path(t, format!("{field}Path"))));
    }
    match literal {
        None => Ok(None),
        Some(IntOrExpr::Int(n)) => Ok(Some(Dynamic::Literal(Value::from(*n)))),
        Some(IntOrExpr::Expr(e)) => {
            let t = template(
                lang,
                &Some(Value::String(e.clone())),
                &format!("{pointer}/{field}"),
            )?
            .unwrap_or(Template::Static(Value::Null));
            Ok(Some(Dynamic::Jsonata(t, field.to_string())))
        }
    }
}

fn value_dynamic(
    lang: QueryLanguage,
    literal: &Option<Value>,
    path: &Option<String>,
    pointer: &str,
    field: &str,
) -> Result<Option<Dynamic>, CompileError> {
    if let Some(p) = path {
        let t =
            compile_dynamic(p, &format!("{pointer}/{field}Path")).map_err(|e| tmpl_err("", e))?;
        return Ok(Some(Dynamic::Path(t, format!("{field}Path"))));
    }
    match literal {
        None => Ok(None),
        Some(Value::String(s)) if lang == QueryLanguage::Jsonata => {
            let t = template(
                lang,
                &Some(Value::String(s.clone())),
                &format!("{pointer}/{field}"),
            )?
            .unwrap_or(Template::Static(Value::Null));
            Ok(Some(if t.is_static() {
                Dynamic::Literal(Value::String(s.clone()))
            } else {
                Dynamic::Jsonata(t, field.to_string())
            }))
        }
        Some(v) => Ok(Some(Dynamic::Literal(v.clone()))),
    }
}

fn compile_state(
    state: &State,
    resolve: &dyn Fn(&str, &str) -> Result<usize, CompileError>,
) -> Result<CState, CompileError> {
    let p = state.pointer.as_str();
    let lang = state.effective_query_language;
    let next = match &state.transition {
        Some(Transition::Next(n)) => Some(resolve(n, &format!("{p}/Next"))?),
        _ => None,
    };
    let mut catch = Vec::with_capacity(state.catch.len());
    for c in &state.catch {
        catch.push(CCatcher {
            next: resolve(&c.next, &format!("{}/Next", c.pointer))?,
            result_path: path_field(&c.result_path, &format!("{}/ResultPath", c.pointer))?,
            output: template(lang, &c.output, &format!("{}/Output", c.pointer))?,
            assign: assign(lang, &c.assign, &format!("{}/Assign", c.pointer))?,
            model: c.clone(),
        });
    }
    let parameters = match lang {
        QueryLanguage::JsonPath => template(lang, &state.parameters, &format!("{p}/Parameters"))?,
        QueryLanguage::Jsonata => template(lang, &state.arguments, &format!("{p}/Arguments"))?,
    };
    let kind = match &state.kind {
        StateKind::Pass(pass) => CKind::Pass {
            result: pass.result.clone(),
        },
        StateKind::Task(task) => CKind::Task {
            resource: task.resource.clone(),
            timeout: int_dynamic(
                lang,
                &task.timeout_seconds,
                &task.timeout_seconds_path,
                p,
                "TimeoutSeconds",
            )?,
            heartbeat: int_dynamic(
                lang,
                &task.heartbeat_seconds,
                &task.heartbeat_seconds_path,
                p,
                "HeartbeatSeconds",
            )?,
        },
        StateKind::Choice(choice) => {
            let mut rules = Vec::with_capacity(choice.choices.len());
            for rule in &choice.choices {
                let target = match &rule.next {
                    Some(n) => resolve(n, &format!("{}/Next", rule.pointer))?,
                    None => return Err(err(&rule.pointer, "A Choice rule needs a 'Next' field")),
                };
                rules.push((compile_rule(lang, rule)?, target));
            }
            let default = match &choice.default {
                Some(d) => Some(resolve(d, &format!("{p}/Default"))?),
                None => None,
            };
            CKind::Choice { rules, default }
        }
        StateKind::Wait(wait) => CKind::Wait(match &wait.duration {
            WaitDuration::Seconds(s) => CWait::Seconds(
                int_dynamic(lang, &Some(s.clone()), &None, p, "Seconds")?
                    .unwrap_or(Dynamic::Literal(Value::from(0))),
            ),
            WaitDuration::Timestamp(t) => CWait::Timestamp(
                value_dynamic(lang, &Some(Value::String(t.clone())), &None, p, "Timestamp")?
                    .unwrap_or(Dynamic::Literal(Value::Null)),
            ),
            WaitDuration::SecondsPath(s) => CWait::SecondsPath(
                CPath::compile(s).map_err(|m| err(&format!("{p}/SecondsPath"), m))?,
            ),
            WaitDuration::TimestampPath(s) => CWait::TimestampPath(
                CPath::compile(s).map_err(|m| err(&format!("{p}/TimestampPath"), m))?,
            ),
        }),
        StateKind::Succeed(_) => CKind::Succeed,
        StateKind::Fail(fail) => CKind::Fail {
            error: value_dynamic(
                lang,
                &fail.error.clone().map(Value::String),
                &fail.error_path,
                p,
                "Error",
            )?,
            cause: value_dynamic(
                lang,
                &fail.cause.clone().map(Value::String),
                &fail.cause_path,
                p,
                "Cause",
            )?,
        },
        StateKind::Parallel(par) => {
            let mut branches = Vec::with_capacity(par.branches.len());
            for b in &par.branches {
                branches.push(compile_machine(b)?);
            }
            CKind::Parallel { branches }
        }
        StateKind::Map(map) => {
            let (items_path, items) = match &map.items {
                None => (None, None),
                Some(ItemsSource::ItemsPath(path)) => (
                    Some(CPath::compile(path).map_err(|m| err(&format!("{p}/ItemsPath"), m))?),
                    None,
                ),
                Some(ItemsSource::Items(v)) => (
                    None,
                    template(lang, &Some(v.clone()), &format!("{p}/Items"))?,
                ),
            };
            let selector_src = map.item_selector.clone().or_else(|| {
                if lang == QueryLanguage::JsonPath {
                    state.parameters.clone()
                } else {
                    None
                }
            });
            let item_selector = template(lang, &selector_src, &format!("{p}/ItemSelector"))?;
            CKind::Map(Box::new(CMap {
                processor: compile_machine(&map.item_processor.machine)?,
                distributed: map.item_processor.processor_config.mode
                    == crate::model::MapMode::Distributed,
                items_path,
                items,
                item_selector,
                max_concurrency: int_dynamic(
                    lang,
                    &map.max_concurrency,
                    &map.max_concurrency_path,
                    p,
                    "MaxConcurrency",
                )?,
                tolerated_percentage: value_dynamic(
                    lang,
                    &map.tolerated_failure_percentage,
                    &map.tolerated_failure_percentage_path,
                    p,
                    "ToleratedFailurePercentage",
                )?,
                tolerated_count: value_dynamic(
                    lang,
                    &map.tolerated_failure_count,
                    &map.tolerated_failure_count_path,
                    p,
                    "ToleratedFailureCount",
                )?,
                batcher: map.item_batcher.clone(),
                label: map.label.clone(),
            }))
        }
    };
    // For a JSONPath Map, legacy `Parameters` act as the ItemSelector, not as state parameters.
    let parameters = if matches!(kind, CKind::Map(_)) && lang == QueryLanguage::JsonPath {
        None
    } else {
        parameters
    };
    let mut compiled = CState {
        lang,
        next,
        input_path: path_field(&state.input_path, &format!("{p}/InputPath"))?,
        output_path: path_field(&state.output_path, &format!("{p}/OutputPath"))?,
        result_path: path_field(&state.result_path, &format!("{p}/ResultPath"))?,
        parameters,
        result_selector: template(lang, &state.result_selector, &format!("{p}/ResultSelector"))?,
        output: template(lang, &state.output, &format!("{p}/Output"))?,
        assign: assign(lang, &state.assign, &format!("{p}/Assign"))?,
        retry: state.retry.clone(),
        catch,
        kind,
        model: state.clone(),
        moves_input: false,
        selector_moves: false,
        takes_items: false,
        recycles_input: false,
        output_is_result: false,
    };
    compiled.output_is_result = match (&compiled.result_path, &compiled.output_path) {
        (PathField::Path(r), PathField::Path(o)) => r.reference().is_some() && r.text() == o.text(),
        _ => false,
    };
    compiled.moves_input = super::moves::mark(&mut compiled);
    compiled.selector_moves = super::moves::mark_selector(&mut compiled);
    compiled.takes_items = super::moves::map_takes_items(&compiled);
    compiled.recycles_input = super::moves::pass_recycles_input(&compiled);
    Ok(compiled)
}

fn compile_rule(lang: QueryLanguage, rule: &ChoiceRule) -> Result<CRule, CompileError> {
    Ok(CRule {
        test: compile_test(lang, rule)?,
        assign: assign(lang, &rule.assign, &format!("{}/Assign", rule.pointer))?,
        output: template(lang, &rule.output, &format!("{}/Output", rule.pointer))?,
    })
}

fn compile_test(lang: QueryLanguage, rule: &ChoiceRule) -> Result<CTest, CompileError> {
    let p = rule.pointer.as_str();
    Ok(match &rule.condition {
        Condition::And(rules) => CTest::And(
            rules
                .iter()
                .map(|r| compile_test(lang, r))
                .collect::<Result<_, _>>()?,
        ),
        Condition::Or(rules) => CTest::Or(
            rules
                .iter()
                .map(|r| compile_test(lang, r))
                .collect::<Result<_, _>>()?,
        ),
        Condition::Not(rule) => CTest::Not(Box::new(compile_test(lang, rule)?)),
        Condition::Comparison(c) => CTest::Compare {
            variable: CPath::compile(&c.variable).map_err(|m| err(&format!("{p}/Variable"), m))?,
            op: c.operator,
            operand: match &c.operand {
                ComparisonOperand::Literal(v) => COperand::Literal(v.clone()),
                ComparisonOperand::Path(path) => COperand::Path(
                    CPath::compile(path)
                        .map_err(|m| err(&format!("{p}/{}Path", c.operator.name()), m))?,
                ),
            },
        },
        Condition::Jsonata(v) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            CTest::Condition(
                template(lang, &Some(v.clone()), &format!("{p}/Condition"))?
                    .unwrap_or(Template::Static(Value::Null)),
                text,
            )
        }
    })
}
