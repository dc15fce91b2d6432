//! The interpreter loop: runs compiled machines state by state on a virtual clock.

use super::config::ExecutionConfig;
use super::context::{ContextData, MapItem};
use super::error::{names, runtime_prefix, StateError};
use super::history::History;
use super::jsonata_bridge::{JsonataEnv, JsonataFailure, StatesVar};
use super::paths::{CPath, Docs, PathError, Take};
use super::program::{
    CCatcher, CKind, CMap, COperand, CRule, CState, CTest, CWait, Dynamic, Machine, PathField,
};
use super::task::{TaskCall, TaskHost, TaskOutcome};
use super::template::{Fields, Template};
use super::trace::StateTrace;
use super::vars::{self, Vars};
use crate::model::{JitterStrategy, QueryLanguage};
use crate::random::Random;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A payload template key as error messages name it: `key.$`.
struct DollarKey<'a>(&'a str);

impl std::fmt::Display for DollarKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.$", self.0)
    }
}

/// How a payload template treats its [`Template::Move`] fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Moves {
    /// Like any path field: a copy of the selected node.
    Copy,
    /// Checked (so errors come in field order) but left `null`, for the move to fill in.
    Defer,
}

/// The nodes moved out of a state input by [`Interpreter::run_moving`], each leaving a
/// `null` behind, and those of its Move slots that were copied instead.
#[derive(Clone, Copy, Debug, Default)]
struct Holes {
    /// Number of nodes moved.
    count: usize,
    /// Their compact JSON size in total (see `sized`).
    bytes: usize,
    /// Whether `bytes` counts every moved node ([`Interpreter::fill_moves`] sizes them when
    /// asked to, or when each one's size is known without a walk).
    sized: bool,
    /// Move slots filled with a copy (the node stays in the input), and their size in total.
    copies: usize,
    copied_bytes: usize,
}

impl Holes {
    /// The size of a document before the moves, from its size with the `null`s left behind.
    fn restore(self, size: usize) -> usize {
        size.saturating_sub(4 * self.count)
            .saturating_add(self.bytes)
    }

    /// The size of the Parameters result, from its size with `null` in every Move slot
    /// (moved and copied nodes alike).
    fn restore_result(self, size: usize) -> usize {
        self.restore(size)
            .saturating_sub(4 * self.copies)
            .saturating_add(self.copied_bytes)
    }
}

/// Sizes [`Interpreter::run_moving`] knows without walking the moved nodes again.
#[derive(Clone, Copy, Debug)]
struct Known {
    /// What moved out of the state input (still part of the payload where it is kept).
    holes: Holes,
    /// The size of the state's result.
    result: usize,
    /// The size of the state input after the moves (with `null`s where nodes moved out),
    /// when it was measured.
    input_after: Option<usize>,
}

/// How a (sub-)machine run ended when it did not produce an output.
#[derive(Clone, Debug, PartialEq)]
pub enum Abort {
    /// A state failed and nothing caught it.
    Failed(StateError),
    /// The execution ran out of time (`TimeoutSeconds` or the Express 5-minute limit).
    TimedOut(StateError),
    /// The engine's own budget ran out; not catchable.
    Engine(StateError),
}

impl Abort {
    fn state_error(&self) -> &StateError {
        match self {
            Abort::Failed(e) | Abort::TimedOut(e) | Abort::Engine(e) => e,
        }
    }
}

/// Per-visit facts about the running state.
struct Visit<'s> {
    state: &'s CState,
    entered_id: u64,
    retry_count: u32,
    /// The payload size of the state input, when the previous state knew it.
    input_size: Option<usize>,
    /// The payload size of the state output, when known without walking it (set by
    /// [`Interpreter::run_moving`]).
    output_size: Option<usize>,
}

/// The interpreter. One per execution.
pub struct Interpreter<'h> {
    pub(super) config: ExecutionConfig,
    host: &'h mut dyn TaskHost,
    /// Virtual time in microseconds since the Unix epoch.
    now_us: i64,
    deadline_us: i64,
    pub(super) history: History,
    last_event: u64,
    pub(super) rng: Random,
    pub(super) transitions: u64,
    pub(super) trace: Vec<StateTrace>,
    scope: Vec<String>,
    pub(super) context: ContextData,
    invocations: std::collections::HashMap<String, u32>,
    /// Number of Map iterations and Parallel branches started (billing's memory estimate).
    pub(super) fan_out: u64,
}

type Step<T> = Result<T, Abort>;

impl<'h> Interpreter<'h> {
    /// A new interpreter for one execution.
    pub fn new(
        config: ExecutionConfig,
        host: &'h mut dyn TaskHost,
        context: ContextData,
        machine_timeout_seconds: Option<u64>,
    ) -> Self {
        let start_us = config.start_time_ms.saturating_mul(1000);
        let mut limit_ms = config.limits.max_execution_ms;
        if let Some(t) = machine_timeout_seconds {
            limit_ms = limit_ms.min(t.saturating_mul(1000));
        }
        let deadline_us = start_us.saturating_add((limit_ms as i64).saturating_mul(1000));
        let history = History::new(config.record_history, config.limits.max_history_events);
        let rng = Random::new(config.seed);
        Self {
            config,
            host,
            now_us: start_us,
            deadline_us,
            history,
            last_event: 0,
            rng,
            transitions: 0,
            trace: Vec::new(),
            scope: Vec::new(),
            context,
            invocations: Default::default(),
            fan_out: 0,
        }
    }

    /// Current virtual time in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        self.now_us.div_euclid(1000)
    }

    /// Adds a history event after the last one.
    #[inline]
    pub(super) fn event(
        &mut self,
        event_type: &'static str,
        details_key: &'static str,
        details: impl FnOnce() -> Value,
    ) -> u64 {
        let now = self.now_ms();
        let id = self
            .history
            .push(self.last_event, now, event_type, details_key, details);
        self.last_event = id;
        id
    }

    fn advance_us(&mut self, us: i64) -> Step<()> {
        self.now_us = self.now_us.saturating_add(us.max(0));
        if self.now_us > self.deadline_us {
            self.now_us = self.deadline_us;
            return Err(Abort::TimedOut(StateError {
                error: Some(names::TIMEOUT.to_string()),
                cause: Some("The execution exceeded its time limit (the Express limit is 5 minutes, or the machine's TimeoutSeconds).".to_string()),
            }));
        }
        Ok(())
    }

    /// Runs a (sub-)machine from its `StartAt` state to an end.
    pub fn run_machine(&mut self, machine: &Machine, input: Value, vars: &mut Vars) -> Step<Value> {
        self.run_machine_sized(machine, input, &mut None, vars)
    }

    /// [`Self::run_machine`]; `size`: the payload size of `input` when known, replaced by the
    /// output's when a state knew it (it saves walks of big inputs).
    pub fn run_machine_sized(
        &mut self,
        machine: &Machine,
        input: Value,
        size: &mut Option<usize>,
        vars: &mut Vars,
    ) -> Step<Value> {
        let mut index = machine.start;
        let mut data = input;
        loop {
            self.transitions += 1;
            if self.transitions > self.config.limits.max_transitions {
                return Err(Abort::Engine(StateError::new(
                    super::config::Limits::TRANSITION_BUDGET_ERROR,
                    format!(
                        "The execution made more than {} state transitions, aslplay's engine budget; \
                         a Choice or Next loop probably never ends.",
                        self.config.limits.max_transitions
                    ),
                )));
            }
            self.advance_us(self.config.timing.transition_us as i64)?;
            let Some(state) = machine.states.get(index) else {
                return Err(Abort::Engine(StateError::new(
                    names::RUNTIME,
                    "Invalid state index",
                )));
            };
            match self.run_state(state, machine, data, size, vars)? {
                (Some(next), out) => {
                    index = next;
                    data = out;
                }
                (None, out) => return Ok(out),
            }
        }
    }

    /// Runs one state; returns the next state's index (None = end) and the output. `size`:
    /// the payload size of the input when known, replaced by the output's.
    fn run_state(
        &mut self,
        state: &CState,
        machine: &Machine,
        input: Value,
        size: &mut Option<usize>,
        vars: &mut Vars,
    ) -> Step<(Option<usize>, Value)> {
        let name = state.model.name.as_str();
        let entered_ms = self.now_ms();
        let entered_id = self.event(
            event_names(state).0,
            "stateEnteredEventDetails",
            || serde_json::json!({"name": name, "input": compact(&input), "inputDetails": {"truncated": false}}),
        );
        self.context.enter_state(
            name,
            entered_ms,
            matches!(
                state.kind,
                CKind::Task { .. } | CKind::Parallel { .. } | CKind::Map(_)
            ),
        );
        let mut visit = Visit {
            state,
            entered_id,
            retry_count: 0,
            input_size: size.take(),
            output_size: None,
        };
        let outcome = if self.config.record_trace {
            self.run_state_traced(machine, &mut visit, entered_ms, input, vars)
        } else {
            let outcome = self.run_state_body(&mut visit, input, vars, None);
            if let Ok((_, output)) = &outcome {
                self.exited_event(state, output);
            }
            outcome
        };
        // The next state starts from this size (a trace run too: it walks nothing more).
        *size = visit.output_size;
        #[cfg(any(test, feature = "check-sizes"))]
        if let (Some(known), Ok((_, output))) = (*size, &outcome) {
            let walked = json_size(output);
            #[cfg(test)]
            tests::KNOWN_SIZES.with(|k| k.borrow_mut().push((known, walked)));
            #[cfg(any(test, feature = "check-sizes"))]
            assert_eq!(known, walked, "payload size of {name}'s output");
        }
        outcome
    }

    /// [`Self::run_state`] recording the visit's trace record.
    fn run_state_traced(
        &mut self,
        machine: &Machine,
        visit: &mut Visit<'_>,
        entered_ms: i64,
        input: Value,
        vars: &mut Vars,
    ) -> Step<(Option<usize>, Value)> {
        let state = visit.state;
        let name = state.model.name.as_str();
        // Boxed: a large struct kept off the stack of this hot, recursive path.
        let mut t = Box::new(StateTrace {
            name: name.to_string(),
            state_type: state.model.type_name().to_string(),
            scope: self.scope.join("/"),
            entered_event_id: visit.entered_id,
            entered_ms,
            input: input.clone(),
            variables_before: vars.snapshot(),
            status: "succeeded".into(),
            ..Default::default()
        });
        let outcome = self.run_state_body(visit, input, vars, Some(&mut t));
        let exited_ms = self.now_ms();
        match &outcome {
            Ok((next, output)) => {
                self.exited_event(state, output);
                t.output = Some(output.clone());
                t.next = next
                    .and_then(|i| machine.states.get(i))
                    .map(|s| s.model.name.clone());
            }
            Err(abort) => {
                let e = abort.state_error();
                t.error = e.error.clone();
                t.cause = e.cause.clone();
                t.status = "failed".into();
            }
        }
        t.exited_ms = exited_ms;
        t.retries = visit.retry_count;
        t.variables_after = vars.snapshot();
        if state.lang == QueryLanguage::Jsonata {
            t.states = Some(self.states_seen(&t));
        }
        self.trace.push(*t);
        outcome
    }

    /// The state's Exited event (none for a Fail state).
    #[inline]
    fn exited_event(&mut self, state: &CState, output: &Value) {
        if !matches!(state.kind, CKind::Fail { .. }) {
            let name = state.model.name.as_str();
            self.event(event_names(state).1, "stateExitedEventDetails", || {
                serde_json::json!({"name": name, "output": compact(output), "outputDetails": {"truncated": false}})
            });
        }
    }

    /// `$states` at the end of a JSONata state's visit, for its trace record.
    fn states_seen(&self, t: &StateTrace) -> Value {
        let mut states = serde_json::Map::new();
        states.insert("input".into(), t.input.clone());
        states.insert("context".into(), self.context.value().clone());
        if let Some(result) = &t.result {
            states.insert("result".into(), result.clone());
        }
        if t.status == "caught" {
            let mut error_output = serde_json::Map::new();
            if let Some(e) = &t.error {
                error_output.insert("Error".into(), Value::String(e.clone()));
            }
            if let Some(c) = &t.cause {
                error_output.insert("Cause".into(), Value::String(c.clone()));
            }
            states.insert("errorOutput".into(), Value::Object(error_output));
        }
        Value::Object(states)
    }

    /// The body of a state: everything between its Entered and Exited events.
    fn run_state_body(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: Value,
        vars: &mut Vars,
        mut trace: Option<&mut StateTrace>,
    ) -> Step<(Option<usize>, Value)> {
        let state = visit.state;
        let jsonpath = state.lang == QueryLanguage::JsonPath;
        // InputPath. `None`: the effective input is the raw input itself (no copy).
        let selected_input = if jsonpath {
            self.apply_input_path(visit, &state.input_path, &raw_input, vars)?
        } else {
            None
        };
        let effective = selected_input.as_deref().unwrap_or(&raw_input);
        if let Some(t) = trace.as_deref_mut() {
            if jsonpath {
                t.after_input_path = Some(effective.clone());
            }
        }

        match &state.kind {
            CKind::Choice { rules, default } => {
                let selected_input = selected_input.map(Cow::into_owned);
                return self.run_choice(visit, rules, *default, raw_input, selected_input, vars);
            }
            CKind::Succeed => {
                let output = if jsonpath {
                    let selected_input = selected_input.map(Cow::into_owned);
                    let effective = selected_input.unwrap_or(raw_input);
                    self.apply_output_path(visit, &state.output_path, effective, vars)?
                } else {
                    self.jsonata_output(visit, &raw_input, None, vars)?
                };
                return Ok((None, output));
            }
            CKind::Fail { error, cause } => {
                let error =
                    self.eval_fail_field(visit, error.as_ref(), effective, &raw_input, vars)?;
                let cause =
                    self.eval_fail_field(visit, cause.as_ref(), effective, &raw_input, vars)?;
                return Err(Abort::Failed(StateError { error, cause }));
            }
            CKind::Wait(wait) => {
                self.run_wait(visit, wait, effective, &raw_input, vars)?;
                let output = if jsonpath {
                    // The input itself when nothing reads it afterwards (no copy).
                    let effective = match selected_input {
                        None if state.assign.is_none() => {
                            let output =
                                self.apply_output_path(visit, &state.output_path, raw_input, vars)?;
                            return Ok((state.next, output));
                        }
                        _ => effective.clone(),
                    };
                    self.apply_output_path(visit, &state.output_path, effective, vars)?
                } else {
                    self.jsonata_output(visit, &raw_input, None, vars)?
                };
                self.apply_assign(visit, state.assign.as_ref(), &raw_input, None, None, vars)?;
                return Ok((state.next, output));
            }
            _ => {}
        }

        // States with a result: Pass, Task, Parallel, Map.
        let retryable = matches!(
            state.kind,
            CKind::Task { .. } | CKind::Parallel { .. } | CKind::Map(_)
        );
        // One attempt only (nothing to retry or catch): the raw input is not needed again
        // after the result is computed, so ResultPath may write into it instead of a copy.
        if jsonpath && (!retryable || (state.retry.is_empty() && state.catch.is_empty())) {
            if let (true, None, Some(template)) = (state.moves_input, &trace, &state.parameters) {
                drop(selected_input);
                let output = self.run_moving(visit, template, raw_input, vars)?;
                return Ok((state.next, output));
            }
            if let (true, None, Some(Template::Object(fields))) =
                (state.recycles_input, &trace, &state.parameters)
            {
                if same_keys(&raw_input, fields) {
                    drop(selected_input);
                    let output = self.run_recycling(visit, fields, raw_input, vars)?;
                    return Ok((state.next, output));
                }
            }
            if let (CKind::Pass { result: None }, None, None, None, PathField::Whole) = (
                &state.kind,
                &state.parameters,
                &state.assign,
                &trace,
                &state.result_path,
            ) {
                let selection = selected_input.map(|s| match s {
                    Cow::Owned(v) => Some(v),
                    Cow::Borrowed(_) => None,
                });
                let output = self.run_passing(visit, raw_input, selection, vars)?;
                return Ok((state.next, output));
            }
            if let (true, None, CKind::Map(map)) = (state.takes_items, &trace, &state.kind) {
                drop(selected_input);
                let output = self.run_map_taking(visit, map, raw_input, vars)?;
                return Ok((state.next, output));
            }
            let selected =
                self.compute_result(visit, &raw_input, effective, vars, trace.as_deref_mut())?;
            drop(selected_input);
            let output =
                self.finish_jsonpath(visit, Cow::Owned(raw_input), selected, None, vars, trace)?;
            return Ok((state.next, output));
        }
        let mut retrier_attempts = vec![0u64; state.retry.len()];
        loop {
            let attempt =
                self.run_with_result(visit, &raw_input, effective, vars, trace.as_deref_mut());
            let error = match attempt {
                Ok(output) => return Ok((state.next, output)),
                Err(Abort::Failed(e)) => e,
                Err(other) => return Err(other),
            };
            if !retryable {
                return Err(Abort::Failed(error));
            }
            // Retry.
            if let Some(delay_ms) = self.retry_delay(state, &error, &mut retrier_attempts) {
                visit.retry_count += 1;
                self.context.set_retry_count(visit.retry_count);
                self.advance_us(delay_ms.saturating_mul(1000))?;
                continue;
            }
            // Catch.
            if let Some(catcher) = state
                .catch
                .iter()
                .find(|c| error.matches(&c.model.error_equals))
            {
                let output = self.apply_catcher(visit, catcher, &raw_input, &error, vars)?;
                if let Some(t) = trace.as_deref_mut() {
                    t.error = error.error.clone();
                    t.cause = error.cause.clone();
                    t.status = "caught".into();
                }
                return Ok((Some(catcher.next), output));
            }
            return Err(Abort::Failed(error));
        }
    }

    /// Runs the result-producing part of a Pass/Task/Parallel/Map state once.
    fn run_with_result(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: &Value,
        effective: &Value,
        vars: &mut Vars,
        mut trace: Option<&mut StateTrace>,
    ) -> Step<Value> {
        if visit.state.lang == QueryLanguage::JsonPath {
            let selected =
                self.compute_result(visit, raw_input, effective, vars, trace.as_deref_mut())?;
            return self.finish_jsonpath(
                visit,
                Cow::Borrowed(raw_input),
                selected,
                None,
                vars,
                trace,
            );
        }
        self.compute_result(visit, raw_input, effective, vars, trace)
    }

    /// Parameters, the state's work, Assign and ResultSelector (JSONPath), or the whole
    /// result part with Output and Assign (JSONata).
    fn compute_result(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: &Value,
        effective: &Value,
        vars: &mut Vars,
        mut trace: Option<&mut StateTrace>,
    ) -> Step<Value> {
        let params =
            self.eval_parameters(visit, raw_input, effective, vars, trace.as_deref_mut())?;
        self.work_and_select(visit, raw_input, effective, params, vars, trace)
    }

    /// Parameters (JSONPath) or Arguments (JSONata); without them the effective input,
    /// borrowed (a Map or Parallel only reads it; a Pass copies it into its result).
    fn eval_parameters<'e>(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: &Value,
        effective: &'e Value,
        vars: &mut Vars,
        trace: Option<&mut StateTrace>,
    ) -> Step<Cow<'e, Value>> {
        let state = visit.state;
        let jsonpath = state.lang == QueryLanguage::JsonPath;
        Ok(match &state.parameters {
            Some(t) => {
                let field = if jsonpath { "Parameters" } else { "Arguments" };
                let v = if jsonpath {
                    self.eval_template(visit, t, effective, vars, field)?
                } else {
                    self.eval_jsonata_template(visit, t, raw_input, None, None, vars, field)?
                };
                if let Some(tr) = trace {
                    tr.after_parameters = Some(v.clone());
                }
                Cow::Owned(v)
            }
            None => Cow::Borrowed(effective),
        })
    }

    /// The state's work on its parameters, then Assign and ResultSelector (JSONPath), or
    /// Output and Assign (JSONata).
    fn work_and_select(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: &Value,
        effective: &Value,
        params: Cow<'_, Value>,
        vars: &mut Vars,
        trace: Option<&mut StateTrace>,
    ) -> Step<Value> {
        let state = visit.state;
        let jsonpath = state.lang == QueryLanguage::JsonPath;
        // The state's own work.
        let result = match &state.kind {
            CKind::Pass { result } => match result {
                Some(r) if jsonpath => r.clone(),
                _ => params.into_owned(),
            },
            CKind::Task {
                resource,
                timeout,
                heartbeat,
            } => self.run_task(
                visit,
                resource,
                timeout.as_ref(),
                heartbeat.as_ref(),
                &params,
                raw_input,
                vars,
            )?,
            CKind::Parallel { branches } => self.run_parallel(visit, branches, &params, vars)?,
            CKind::Map(map) => self.run_map(visit, map, raw_input, effective, vars)?,
            _ => params.into_owned(),
        };
        self.select(visit, raw_input, result, vars, trace)
    }

    /// Assign and ResultSelector (JSONPath), or Output and Assign (JSONata), on the state's
    /// `result`.
    fn select(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: &Value,
        result: Value,
        vars: &mut Vars,
        mut trace: Option<&mut StateTrace>,
    ) -> Step<Value> {
        let state = visit.state;
        let jsonpath = state.lang == QueryLanguage::JsonPath;
        if let Some(tr) = trace.as_deref_mut() {
            tr.result = Some(result.clone());
        }
        if jsonpath {
            // Assign sees the raw result (before ResultSelector).
            self.apply_assign(
                visit,
                state.assign.as_ref(),
                &result,
                Some(&result),
                None,
                vars,
            )?;
            match &state.result_selector {
                Some(t) => {
                    let v = if state.selector_moves {
                        self.select_moving(visit, t, result, vars)?
                    } else {
                        self.eval_template(visit, t, &result, vars, "ResultSelector")?
                    };
                    if let Some(tr) = trace {
                        tr.after_result_selector = Some(v.clone());
                    }
                    Ok(v)
                }
                None => Ok(result),
            }
        } else {
            let output = self.jsonata_output(visit, raw_input, Some(&result), vars)?;
            self.apply_assign(
                visit,
                state.assign.as_ref(),
                raw_input,
                Some(&result),
                None,
                vars,
            )?;
            self.check_size(visit, &output)?;
            Ok(output)
        }
    }

    /// ResultSelector moving nodes out of the result (its last reader, `moves.rs`): evaluated
    /// with the Move slots left `null`, then the nodes move.
    fn select_moving(
        &mut self,
        visit: &Visit<'_>,
        template: &Template,
        mut result: Value,
        vars: &Vars,
    ) -> Step<Value> {
        let field = "ResultSelector";
        let mut out =
            self.eval_template_in(visit, template, &result, vars, &field, Moves::Defer)?;
        fill_move_slots(
            template,
            &mut out,
            &mut |p| match p.take_unless_lazy(&mut result) {
                Take::Moved(v) => Ok(v),
                _ => self.eval_path_field(visit, p, &result, vars, &field),
            },
        )?;
        Ok(out)
    }

    /// The single attempt of a Pass state whose Parameters move nodes out of its input
    /// (`moves.rs`): Parameters against the intact input with the Move slots left `null`,
    /// then the moves, then the rest of the state as usual, the payload size check counting
    /// the moved nodes where the input still holds `null`s.
    fn run_moving(
        &mut self,
        visit: &mut Visit<'_>,
        template: &Template,
        mut raw_input: Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        let state = visit.state;
        let mut params = {
            let selected = self.apply_input_path(visit, &state.input_path, &raw_input, vars)?;
            let effective = selected.as_deref().unwrap_or(&raw_input);
            self.eval_template_in(
                visit,
                template,
                effective,
                vars,
                &"Parameters",
                Moves::Defer,
            )?
        };
        // The Move slots are null: the moved nodes add their sizes (the Pass result is its
        // parameters, see moves.rs).
        let params_size = json_size(&params);
        let before = visit.input_size;
        let holes = self.fill_moves(visit, template, &mut raw_input, &mut params, vars)?;
        let (holes, input_after) = match (holes, before) {
            // What moved is what the input lost, less the nulls left behind: measuring the
            // input that is left is cheaper than measuring what moved (a document moved on,
            // a little state left). Not when ResultPath is `$`: the rest is dropped, and
            // `fill_moves` measured what moved.
            (Some(h), Some(before)) if !matches!(visit.state.result_path, PathField::Whole) => {
                // When every moved node's size was known at once (an unchanged object of a
                // lazily parsed payload, a scalar), the rest needs no walk either.
                let after = if h.sized {
                    before.saturating_add(4 * h.count).saturating_sub(h.bytes)
                } else {
                    json_size(&raw_input)
                };
                let bytes = before.saturating_add(4 * h.count).saturating_sub(after);
                let holes = Holes {
                    bytes,
                    sized: true,
                    ..h
                };
                (Some(holes), Some(after))
            }
            (holes, _) => (holes, None),
        };
        let known = holes.map(|holes| Known {
            holes,
            result: holes.restore_result(params_size),
            input_after,
        });
        let selected_input = self.apply_input_path(visit, &state.input_path, &raw_input, vars)?;
        let effective = selected_input.as_deref().unwrap_or(&raw_input);
        let selected =
            self.work_and_select(visit, &raw_input, effective, Cow::Owned(params), vars, None)?;
        drop(selected_input);
        self.finish_jsonpath(visit, Cow::Owned(raw_input), selected, known, vars, None)
    }

    /// A JSONPath Pass with no Parameters, Result or Assign and ResultPath `$`: its output is
    /// its effective input, moved out of the raw input (nothing reads that again) instead of
    /// copied, and of the input's size when InputPath is `$`. `selection`: what InputPath
    /// gave (`None`: the raw input; `Some(Some(_))`: a value it built; `Some(None)`: a node
    /// inside the raw input).
    fn run_passing(
        &mut self,
        visit: &mut Visit<'_>,
        mut raw_input: Value,
        selection: Option<Option<Value>>,
        vars: &Vars,
    ) -> Step<Value> {
        let state = visit.state;
        let (result, size) = match selection {
            None => (raw_input, visit.input_size),
            Some(Some(v)) => (v, None),
            Some(None) => {
                // InputPath found the node in the input: a reference path takes it out.
                let taken = match &state.input_path {
                    PathField::Path(p) => p.take_unless_lazy(&mut raw_input),
                    _ => Take::Unavailable,
                };
                match taken {
                    Take::Moved(v) => (v, None),
                    _ => {
                        let selected =
                            self.apply_input_path(visit, &state.input_path, &raw_input, vars)?;
                        (selected.map(Cow::into_owned).unwrap_or_default(), None)
                    }
                }
            }
        };
        let size = size.unwrap_or_else(|| json_size(&result));
        self.check_size_of(visit, size)?;
        visit.output_size = output_size(state, size, size);
        self.apply_output_path(visit, &state.output_path, result, vars)
    }

    /// The single attempt of a Pass that writes its Parameters into its input object, which
    /// has the template's keys in order (`moves.rs`): every dynamic field is evaluated against
    /// the intact input first (errors in field order), then the values replace the input's.
    fn run_recycling(
        &mut self,
        visit: &mut Visit<'_>,
        fields: &Fields,
        mut raw_input: Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        // The dynamic values, evaluated before anything is written (a later field may read an
        // earlier one's old value). One is by far the most common (a counter).
        let mut first = None;
        let mut rest = Vec::new();
        for (key, t) in &fields.list {
            if !t.is_static() {
                let v = self.eval_template_field(visit, key, t, &raw_input, vars, Moves::Copy)?;
                if first.is_none() {
                    first = Some(v);
                } else {
                    rest.push(v);
                }
            }
        }
        // The output's size from the input's: the keys stay, only values change.
        let mut size = visit.input_size;
        if let (Value::Object(map), Some(skeleton)) = (&mut raw_input, &fields.skeleton) {
            let mut values = first.into_iter().chain(rest);
            for ((slot, (_, t)), static_value) in
                map.values_mut().zip(&fields.list).zip(skeleton.values())
            {
                let new = if t.is_static() {
                    if slot == static_value {
                        continue;
                    }
                    static_value.clone()
                } else {
                    values.next().unwrap_or_default()
                };
                size = size
                    .and_then(|n| n.checked_sub(scalar_or_walk(slot)))
                    .map(|n| n + scalar_or_walk(&new));
                *slot = new;
            }
        }
        let state = visit.state;
        if state.assign.is_none() && matches!(state.output_path, PathField::Whole) {
            // The common case, done directly: the recycled object is the result, the combined
            // output (ResultPath `$`) and the state output.
            let size = size.unwrap_or_else(|| json_size(&raw_input));
            self.check_size_of(visit, size)?;
            visit.output_size = Some(size);
            return Ok(raw_input);
        }
        let known = size.map(|result| Known {
            holes: Holes::default(),
            result,
            input_after: None,
        });
        let selected = self.select(visit, &Value::Null, raw_input, vars, None)?;
        self.finish_jsonpath(visit, Cow::Owned(Value::Null), selected, known, vars, None)
    }

    /// The single attempt of a Map that takes its items out of its input instead of copying
    /// them (`moves.rs`: nothing reads the input after the items are selected). Items that are
    /// not an array take the copying path, which raises the error.
    fn run_map_taking(
        &mut self,
        visit: &mut Visit<'_>,
        map: &CMap,
        mut raw_input: Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        let state = visit.state;
        let items = {
            let target = match (
                input_path_mut(&state.input_path, &mut raw_input),
                &map.items_path,
            ) {
                (Some(e), None) => Some(e),
                (Some(e), Some(p)) => p.get_mut(e),
                (None, _) => None,
            };
            match target {
                Some(Value::Array(items)) => Some(std::mem::take(items)),
                _ => None,
            }
        };
        let selected_input = self.apply_input_path(visit, &state.input_path, &raw_input, vars)?;
        let effective = selected_input.as_deref().unwrap_or(&raw_input);
        let selected = match items {
            Some(items) => {
                let result = self.iterate_map(visit, map, items, &raw_input, effective, vars)?;
                self.select(visit, &raw_input, result, vars, None)?
            }
            None => self.compute_result(visit, &raw_input, effective, vars, None)?,
        };
        drop(selected_input);
        self.finish_jsonpath(visit, Cow::Owned(raw_input), selected, None, vars, None)
    }

    /// Fills the Move slots of `params` (evaluated with [`Moves::Defer`]): moved out of the
    /// state input (`Some`: what moved), or copied (`None`) when ResultPath would fail on the
    /// input (its error shows the whole input, which must still be intact then).
    fn fill_moves(
        &self,
        visit: &Visit<'_>,
        template: &Template,
        raw_input: &mut Value,
        params: &mut Value,
        vars: &Vars,
    ) -> Step<Option<Holes>> {
        let state = visit.state;
        let settable = match &state.result_path {
            PathField::Path(p) => p.reference().is_some_and(|r| r.can_set(raw_input)),
            _ => true,
        };
        let effective = if settable {
            input_path_mut(&state.input_path, raw_input)
        } else {
            None
        };
        let copy =
            |p: &CPath, from: &Value| self.eval_path_field(visit, p, from, vars, &"Parameters");
        let Some(effective) = effective else {
            let selected = self.apply_input_path(visit, &state.input_path, raw_input, vars)?;
            let effective = selected.as_deref().unwrap_or(raw_input);
            fill_move_slots(template, params, &mut |p| copy(p, effective))?;
            return Ok(None);
        };
        // The caller measures what moved from the input's size when it knows it and keeps
        // the rest of the input.
        let measure = visit.input_size.is_none() || matches!(state.result_path, PathField::Whole);
        let mut holes = Some(Holes {
            sized: true,
            ..Holes::default()
        });
        fill_move_slots(template, params, &mut |p| {
            let v = match p.take_unless_lazy(effective) {
                Take::Moved(v) => v,
                // Taking a node out of an object of a lazily parsed payload would parse all
                // its members (to make it an ordinary map): copying the one node costs less.
                Take::InLazyObject => {
                    let v = copy(p, effective)?;
                    if let Some(h) = &mut holes {
                        h.copies += 1;
                        h.copied_bytes = h
                            .copied_bytes
                            .saturating_add(known_size(&v).unwrap_or_else(|| json_size(&v)));
                    }
                    return Ok(v);
                }
                Take::Unavailable => {
                    holes = None;
                    return copy(p, effective);
                }
            };
            if let Some(h) = &mut holes {
                h.count += 1;
                if measure {
                    h.bytes = h.bytes.saturating_add(json_size(&v));
                } else if h.sized {
                    match known_size(&v) {
                        Some(n) => h.bytes = h.bytes.saturating_add(n),
                        None => h.sized = false,
                    }
                }
            }
            Ok(v)
        })?;
        Ok(holes)
    }

    /// ResultPath, the payload size check and OutputPath of a JSONPath state with a result.
    /// An owned `raw_input` takes the result in place (no copy of the input); `known`: what
    /// [`Self::run_moving`] moved and the result's size.
    fn finish_jsonpath(
        &mut self,
        visit: &mut Visit<'_>,
        raw_input: Cow<'_, Value>,
        selected: Value,
        known: Option<Known>,
        vars: &Vars,
        trace: Option<&mut StateTrace>,
    ) -> Step<Value> {
        let state = visit.state;
        // The sizes of the result and of the input with the result at ResultPath, worked out
        // from the input's known size before ResultPath writes: only the result and the node
        // it replaces are walked (`size::size_after_set`).
        let planned = match known {
            Some(k) => k.input_after.map(|after| (after, k.result)),
            None => visit.input_size.map(|n| (n, json_size(&selected))),
        }
        .and_then(|(input, result)| {
            // What moved out of the input still counts where the input is kept (moves.rs
            // keeps moved nodes apart from ResultPath, so none is in a replaced node).
            let restore = |n: usize| known.map_or(n, |k| k.holes.restore(n));
            let combined = match &state.result_path {
                PathField::Whole => result,
                PathField::Null => restore(input),
                PathField::Path(p) => {
                    let site = p.reference()?.set_site(&raw_input)?;
                    restore(size_after_set(input, &site, result)?)
                }
            };
            Some((combined, result))
        });
        if let (Some((size, result)), None, true) = (planned, &trace, state.output_is_result) {
            // OutputPath selects what ResultPath writes (which `planned` says succeeds): the
            // output is the result, and the input with it written in is never built.
            self.check_size_of(visit, size)?;
            visit.output_size = Some(result);
            return Ok(selected);
        }
        let mut combined =
            self.apply_result_path(visit, &state.result_path, raw_input, selected)?;
        if let Some(tr) = trace {
            tr.after_result_path = Some(combined.clone());
        }
        let size = match (planned, known) {
            (Some((size, result)), _) => {
                visit.output_size = output_size(state, size, result);
                size
            }
            (None, Some(known)) => {
                let size = combined_size(&state.result_path, &mut combined, known);
                visit.output_size = output_size(state, size, known.result);
                size
            }
            (None, None) => {
                let size = json_size(&combined);
                if matches!(state.output_path, PathField::Whole) {
                    visit.output_size = Some(size);
                }
                size
            }
        };
        self.check_size_of(visit, size)?;
        self.apply_output_path(visit, &state.output_path, combined, vars)
    }

    fn check_size(&self, visit: &Visit<'_>, value: &Value) -> Step<()> {
        self.check_size_of(visit, json_size(value))
    }

    /// The payload limit check of a state output of `size` bytes (compact JSON).
    #[inline]
    fn check_size_of(&self, visit: &Visit<'_>, size: usize) -> Step<()> {
        if size > self.config.limits.max_payload_bytes {
            return Err(data_limit_exceeded(visit));
        }
        Ok(())
    }

    /// The runtime error prefix for the current state.
    fn prefix(&self, visit: &Visit<'_>) -> String {
        runtime_prefix(&visit.state.model.name, visit.entered_id)
    }

    pub(super) fn runtime_error(&self, visit_name: &str, entered_id: u64, message: &str) -> Abort {
        Abort::Failed(StateError::new(
            names::RUNTIME,
            format!("{}{message}", runtime_prefix(visit_name, entered_id)),
        ))
    }

    fn runtime(&self, visit: &Visit<'_>, message: impl AsRef<str>) -> Abort {
        self.runtime_error(&visit.state.model.name, visit.entered_id, message.as_ref())
    }

    fn docs<'a>(&'a self, input: &'a Value, vars: &'a Vars) -> Docs<'a> {
        Docs {
            input,
            context: &self.context,
            vars,
        }
    }

    /// InputPath: the selected input, or `None` when the path selects all of it (the common
    /// case, no copy).
    #[inline]
    fn apply_input_path<'a>(
        &self,
        visit: &Visit<'_>,
        field: &'a PathField,
        input: &'a Value,
        vars: &Vars,
    ) -> Step<Option<Cow<'a, Value>>> {
        match field {
            PathField::Whole => Ok(None),
            PathField::Null => Ok(Some(Cow::Owned(Value::Object(Map::new())))),
            PathField::Path(p) => self.select_input(visit, p, input, vars).map(Some),
        }
    }

    /// An InputPath path's selection.
    fn select_input<'a>(
        &self,
        visit: &Visit<'_>,
        p: &'a CPath,
        input: &'a Value,
        vars: &Vars,
    ) -> Step<Cow<'a, Value>> {
        // A path into `$` borrows its selection from the input (it is only read).
        let r = match p.eval_input_cow(input) {
            Some(r) => r,
            None => p.eval(&self.docs(input, vars)).map(Cow::Owned),
        };
        r.map_err(|e| self.runtime(visit, e.invalid_path_message(p)))
    }

    /// OutputPath.
    #[inline]
    fn apply_output_path(
        &mut self,
        visit: &Visit<'_>,
        field: &PathField,
        output: Value,
        vars: &Vars,
    ) -> Step<Value> {
        match field {
            PathField::Whole => Ok(output),
            PathField::Null => Ok(Value::Object(Map::new())),
            PathField::Path(p) => self.select_output(visit, p, output, vars),
        }
    }

    /// An OutputPath path's selection, moved out of the output.
    fn select_output(
        &mut self,
        visit: &Visit<'_>,
        p: &CPath,
        output: Value,
        vars: &Vars,
    ) -> Step<Value> {
        let r = p.eval_owned(output, &self.context, vars);
        r.map_err(|e| self.runtime(visit, e.invalid_path_message(p)))
    }

    /// ResultPath.
    #[inline]
    fn apply_result_path(
        &mut self,
        visit: &Visit<'_>,
        field: &PathField,
        raw_input: Cow<'_, Value>,
        result: Value,
    ) -> Step<Value> {
        match field {
            PathField::Whole => Ok(result),
            PathField::Null => Ok(raw_input.into_owned()),
            PathField::Path(p) => self.place_result(visit, p, raw_input, result),
        }
    }

    /// A ResultPath path: the result written into the input.
    fn place_result(
        &mut self,
        visit: &Visit<'_>,
        p: &CPath,
        raw_input: Cow<'_, Value>,
        result: Value,
    ) -> Step<Value> {
        let mut doc = raw_input.into_owned();
        match p.set(&mut doc, result) {
            Ok(()) => Ok(doc),
            Err(message) => Err(Abort::Failed(StateError::new(
                names::RESULT_PATH_MATCH_FAILURE,
                format!("{}{message}", self.prefix(visit)),
            ))),
        }
    }

    /// Evaluates a JSONPath payload template against `input`.
    fn eval_template(
        &mut self,
        visit: &Visit<'_>,
        template: &Template,
        input: &Value,
        vars: &Vars,
        field: &str,
    ) -> Step<Value> {
        self.eval_template_in(visit, template, input, vars, &field, Moves::Copy)
    }

    /// [`Self::eval_template`] with the field name (for error messages) as a `Display`.
    fn eval_template_in(
        &mut self,
        visit: &Visit<'_>,
        template: &Template,
        input: &Value,
        vars: &Vars,
        field: &dyn std::fmt::Display,
        moves: Moves,
    ) -> Step<Value> {
        match template {
            Template::Static(v) => Ok(v.clone()),
            Template::Object(fields) => {
                let Some(skeleton) = &fields.skeleton else {
                    let mut out = Map::with_capacity(fields.list.len());
                    for (key, t) in &fields.list {
                        let v = self.eval_template_field(visit, key, t, input, vars, moves)?;
                        out.insert(key.clone(), v);
                    }
                    return Ok(Value::Object(out));
                };
                let mut out = skeleton.clone();
                for ((_, slot), (key, t)) in out.iter_mut().zip(&fields.list) {
                    if !t.is_static() {
                        *slot = self.eval_template_field(visit, key, t, input, vars, moves)?;
                    }
                }
                Ok(Value::Object(out))
            }
            Template::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for t in items {
                    out.push(self.eval_template_in(visit, t, input, vars, field, moves)?);
                }
                Ok(Value::Array(out))
            }
            Template::Path(p) => self.eval_path_field(visit, p, input, vars, field),
            // Deferred: checked now (errors in field order), filled in by the move.
            Template::Move(p) if moves == Moves::Defer => self
                .eval_path_field_cow(visit, p, input, vars, field)
                .map(|_| Value::Null),
            Template::Move(p) => self.eval_path_field(visit, p, input, vars, field),
            Template::Intrinsic(call, text) => {
                let r = {
                    let context = &self.context;
                    let docs = Docs {
                        input,
                        context,
                        vars,
                    };
                    super::paths::eval_intrinsic(call, &docs, &mut self.rng)
                };
                r.map_err(|e| {
                    Abort::Failed(StateError::new(
                        e.error_name(),
                        format!("{}{}", self.prefix(visit), e.cause(text)),
                    ))
                })
            }
            Template::Jsonata(_) => Err(self.runtime(
                visit,
                format!("JSONata expression in the JSONPath field '{field}'"),
            )),
        }
    }

    /// One field of an object template.
    fn eval_template_field(
        &mut self,
        visit: &Visit<'_>,
        key: &str,
        t: &Template,
        input: &Value,
        vars: &Vars,
        moves: Moves,
    ) -> Step<Value> {
        match t {
            // Error messages name the field with its `.$` suffix (no String per field).
            Template::Path(_) | Template::Move(_) | Template::Intrinsic(..) => {
                self.eval_template_in(visit, t, input, vars, &DollarKey(key), moves)
            }
            _ => self.eval_template_in(visit, t, input, vars, &key, moves),
        }
    }

    /// The value of a `.$` path field of a payload template.
    fn eval_path_field(
        &self,
        visit: &Visit<'_>,
        p: &CPath,
        input: &Value,
        vars: &Vars,
        field: &dyn std::fmt::Display,
    ) -> Step<Value> {
        self.eval_path_field_cow(visit, p, input, vars, field)
            .map(Cow::into_owned)
    }

    /// [`Self::eval_path_field`], borrowing the value from its document when it can.
    fn eval_path_field_cow<'a>(
        &'a self,
        visit: &Visit<'_>,
        p: &'a CPath,
        input: &'a Value,
        vars: &'a Vars,
        field: &dyn std::fmt::Display,
    ) -> Step<Cow<'a, Value>> {
        let docs = Docs {
            input,
            context: &self.context,
            vars,
        };
        match p.eval_cow(&docs) {
            Ok(v) => Ok(v),
            Err(PathError::NotFound { .. }) => Err(self.runtime(
                visit,
                format!(
                    "The JSONPath '{}' specified for the field '{field}' could not be found in the input '{}'",
                    p.text(),
                    compact(input)
                ),
            )),
            Err(other) => Err(self.runtime(visit, other.invalid_path_message(p))),
        }
    }

    /// Evaluates a JSONata template with `$states` bound.
    #[allow(clippy::too_many_arguments)]
    fn eval_jsonata_template(
        &mut self,
        visit: &Visit<'_>,
        template: &Template,
        input: &Value,
        result: Option<&Value>,
        error_output: Option<&Value>,
        vars: &Vars,
        field: &str,
    ) -> Step<Value> {
        // A member or item, named by its path below `field` (`Output/a/b`, `Output/a[0]`).
        let inner = |this: &mut Self, t: &Template, path: String| {
            this.eval_jsonata_template(visit, t, input, result, error_output, vars, &path)
        };
        match template {
            Template::Static(v) => Ok(v.clone()),
            Template::Object(fields) => {
                let mut out = Map::with_capacity(fields.list.len());
                // An undefined value anywhere inside fails the state, naming the field
                // (`Output/a/b`), as AWS records; it is not dropped.
                for (key, t) in &fields.list {
                    let v = inner(self, t, format!("{field}/{key}"))?;
                    out.insert(key.clone(), v);
                }
                Ok(Value::Object(out))
            }
            Template::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, t) in items.iter().enumerate() {
                    out.push(inner(self, t, format!("{field}[{i}]"))?);
                }
                Ok(Value::Array(out))
            }
            _ => match self.eval_jsonata_opt(
                visit,
                template,
                input,
                result,
                error_output,
                vars,
                field,
            )? {
                Some(v) => Ok(v),
                None => {
                    let text = match template {
                        Template::Jsonata(e) => e.text().to_string(),
                        _ => String::new(),
                    };
                    Err(Abort::Failed(StateError::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "{}The JSONata expression '{text}' specified for the field '{field}' returned nothing (undefined).",
                            self.prefix(visit)
                        ),
                    )))
                }
            },
        }
    }

    /// Evaluates one JSONata template node; `None` means undefined.
    #[allow(clippy::too_many_arguments)]
    fn eval_jsonata_opt(
        &mut self,
        visit: &Visit<'_>,
        template: &Template,
        input: &Value,
        result: Option<&Value>,
        error_output: Option<&Value>,
        vars: &Vars,
        field: &str,
    ) -> Step<Option<Value>> {
        match template {
            Template::Jsonata(expr) => {
                let now_ms = self.now_ms();
                let states = StatesVar {
                    input,
                    context: &self.context,
                    result,
                    error_output,
                };
                let mut env = JsonataEnv {
                    states,
                    vars,
                    rng: &mut self.rng,
                    now_ms,
                };
                match expr.evaluate(&mut env) {
                    Ok(v) => Ok(v),
                    Err(JsonataFailure::UnsupportedResult) => Err(Abort::Failed(StateError::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "{}The JSONata expression '{}' specified for the field '{field}' returned an unsupported result type.",
                            runtime_prefix(&visit.state.model.name, visit.entered_id),
                            expr.text()
                        ),
                    ))),
                    Err(JsonataFailure::Error(message)) => Err(Abort::Failed(StateError::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "{}The JSONata expression '{}' specified for the field '{field}' threw an error during evaluation. {message}",
                            runtime_prefix(&visit.state.model.name, visit.entered_id),
                            expr.text()
                        ),
                    ))),
                }
            }
            _ => self
                .eval_jsonata_template(visit, template, input, result, error_output, vars, field)
                .map(Some),
        }
    }

    /// The output of a JSONata state: `Output`, else the result, else the input.
    fn jsonata_output(
        &mut self,
        visit: &Visit<'_>,
        input: &Value,
        result: Option<&Value>,
        vars: &Vars,
    ) -> Step<Value> {
        match &visit.state.output {
            Some(t) => self.eval_jsonata_template(visit, t, input, result, None, vars, "Output"),
            None => Ok(result.cloned().unwrap_or_else(|| input.clone())),
        }
    }

    /// Evaluates `Assign` against the values as of state entry, then sets them all.
    #[inline]
    fn apply_assign(
        &mut self,
        visit: &Visit<'_>,
        assign: Option<&Vec<(String, Template)>>,
        input: &Value,
        result: Option<&Value>,
        error_output: Option<&Value>,
        vars: &mut Vars,
    ) -> Step<()> {
        match assign {
            None => Ok(()),
            Some(entries) => self.assign_entries(visit, entries, input, result, error_output, vars),
        }
    }

    /// [`Self::apply_assign`] with entries.
    fn assign_entries(
        &mut self,
        visit: &Visit<'_>,
        entries: &[(String, Template)],
        input: &Value,
        result: Option<&Value>,
        error_output: Option<&Value>,
        vars: &mut Vars,
    ) -> Step<()> {
        let mut values = Vec::with_capacity(entries.len());
        for (name, t) in entries {
            let field = format!("Assign/{name}");
            let v = match visit.state.lang {
                QueryLanguage::JsonPath => {
                    let doc = result.unwrap_or(input);
                    let field_name = match t {
                        Template::Path(_) | Template::Move(_) | Template::Intrinsic(..) => {
                            format!("{name}.$")
                        }
                        _ => name.clone(),
                    };
                    self.eval_template(visit, t, doc, vars, &field_name)?
                }
                QueryLanguage::Jsonata => {
                    self.eval_jsonata_template(visit, t, input, result, error_output, vars, &field)?
                }
            };
            values.push((name.clone(), v));
        }
        let mut sized = Vec::with_capacity(values.len());
        let mut assign_bytes = 0usize;
        let mut total = vars.total_bytes();
        for (name, v) in values {
            let n = json_size(&v);
            if n > vars::MAX_VARIABLE_BYTES {
                return Err(self.runtime(
                    visit,
                    format!("The value assigned to variable '{name}' is {n} bytes, more than the {} bytes (256 KiB) a variable can hold.", vars::MAX_VARIABLE_BYTES),
                ));
            }
            assign_bytes = assign_bytes.saturating_add(n);
            total = total
                .saturating_sub(vars.innermost_bytes(&name))
                .saturating_add(n);
            sized.push((name, v, n));
        }
        if assign_bytes > vars::MAX_ASSIGN_BYTES {
            return Err(self.runtime(
                visit,
                format!("The Assign field assigns {assign_bytes} bytes in total, more than the {} bytes (256 KiB) one Assign may assign.", vars::MAX_ASSIGN_BYTES),
            ));
        }
        if total > vars::MAX_TOTAL_VARIABLE_BYTES {
            return Err(self.runtime(
                visit,
                format!("The variables would hold {total} bytes in total, more than the {} bytes (10 MiB) an execution can store.", vars::MAX_TOTAL_VARIABLE_BYTES),
            ));
        }
        for (name, v, n) in sized {
            vars.set_sized(name, v, n);
        }
        Ok(())
    }

    fn eval_fail_field(
        &mut self,
        visit: &Visit<'_>,
        field: Option<&Dynamic>,
        effective: &Value,
        raw_input: &Value,
        vars: &Vars,
    ) -> Step<Option<String>> {
        let Some(field) = field else { return Ok(None) };
        let value = match field {
            Dynamic::Literal(v) => v.clone(),
            Dynamic::Path(t, name) => self.eval_template(visit, t, effective, vars, name)?,
            Dynamic::Jsonata(t, name) => {
                self.eval_jsonata_template(visit, t, raw_input, None, None, vars, name)?
            }
        };
        Ok(Some(match value {
            Value::String(s) => s,
            other => compact(&other),
        }))
    }

    /// Evaluates an integer-valued dynamic field (TimeoutSeconds, MaxConcurrency, Wait Seconds …).
    fn eval_dynamic(
        &mut self,
        visit: &Visit<'_>,
        field: &Dynamic,
        effective: &Value,
        raw_input: &Value,
        vars: &Vars,
    ) -> Step<(Value, String)> {
        match field {
            Dynamic::Literal(v) => Ok((v.clone(), String::new())),
            Dynamic::Path(t, name) => Ok((
                self.eval_template(visit, t, effective, vars, name)?,
                name.clone(),
            )),
            Dynamic::Jsonata(t, name) => Ok((
                self.eval_jsonata_template(visit, t, raw_input, None, None, vars, name)?,
                name.clone(),
            )),
        }
    }

    fn retry_delay(
        &mut self,
        state: &CState,
        error: &StateError,
        attempts: &mut [u64],
    ) -> Option<i64> {
        let (i, retrier) = state
            .retry
            .iter()
            .enumerate()
            .find(|(_, r)| error.matches(&r.error_equals))?;
        let done = attempts.get_mut(i)?;
        if *done >= retrier.max_attempts {
            return None;
        }
        *done += 1;
        let base = retrier.interval_seconds as f64 * retrier.backoff_rate.powi((*done - 1) as i32);
        let mut seconds = match retrier.max_delay_seconds {
            Some(max) => base.min(max as f64),
            None => base,
        };
        if retrier.jitter_strategy == JitterStrategy::Full {
            seconds *= self.rng.next_f64();
        }
        Some((seconds * 1000.0).round() as i64)
    }

    fn apply_catcher(
        &mut self,
        visit: &Visit<'_>,
        catcher: &CCatcher,
        raw_input: &Value,
        error: &StateError,
        vars: &mut Vars,
    ) -> Step<Value> {
        let error_output = serde_json::json!({
            "Error": error.error.clone().unwrap_or_default(),
            "Cause": error.cause.clone().unwrap_or_default(),
        });
        match visit.state.lang {
            QueryLanguage::JsonPath => {
                let output = self.apply_result_path(
                    visit,
                    &catcher.result_path,
                    Cow::Borrowed(raw_input),
                    error_output.clone(),
                )?;
                if let Some(assign) = &catcher.assign {
                    let mut values = Vec::with_capacity(assign.len());
                    for (name, t) in assign {
                        let field_name = match t {
                            Template::Path(_) | Template::Move(_) | Template::Intrinsic(..) => {
                                format!("{name}.$")
                            }
                            _ => name.clone(),
                        };
                        values.push((
                            name.clone(),
                            self.eval_template(visit, t, &error_output, vars, &field_name)?,
                        ));
                    }
                    for (n, v) in values {
                        vars.set(n, v);
                    }
                }
                Ok(output)
            }
            QueryLanguage::Jsonata => {
                let output = match &catcher.output {
                    Some(t) => self.eval_jsonata_template(
                        visit,
                        t,
                        raw_input,
                        None,
                        Some(&error_output),
                        vars,
                        "Output",
                    )?,
                    None => error_output.clone(),
                };
                if let Some(assign) = &catcher.assign {
                    let mut values = Vec::with_capacity(assign.len());
                    for (name, t) in assign {
                        let field = format!("Assign/{name}");
                        values.push((
                            name.clone(),
                            self.eval_jsonata_template(
                                visit,
                                t,
                                raw_input,
                                None,
                                Some(&error_output),
                                vars,
                                &field,
                            )?,
                        ));
                    }
                    for (n, v) in values {
                        vars.set(n, v);
                    }
                }
                Ok(output)
            }
        }
    }

    /// A Choice state; `selected_input` is InputPath's selection (`None`: the raw input).
    fn run_choice(
        &mut self,
        visit: &mut Visit<'_>,
        rules: &[(CRule, usize)],
        default: Option<usize>,
        raw_input: Value,
        selected_input: Option<Value>,
        vars: &mut Vars,
    ) -> Step<(Option<usize>, Value)> {
        let state = visit.state;
        let jsonpath = state.lang == QueryLanguage::JsonPath;
        let effective = selected_input.as_ref().unwrap_or(&raw_input);
        let test_input = if jsonpath { effective } else { &raw_input };
        let mut chosen: Option<(&CRule, usize)> = None;
        for (rule, target) in rules {
            if self.eval_test(visit, &rule.test, test_input, vars)? {
                chosen = Some((rule, *target));
                break;
            }
        }
        let (rule, next) = match chosen {
            Some((r, n)) => (Some(r), n),
            None => match default {
                Some(d) => (None, d),
                None => {
                    return Err(Abort::Failed(StateError::new(
                        names::NO_CHOICE_MATCHED,
                        "No Matches!",
                    )))
                }
            },
        };
        // State-level then rule-level Assign, all evaluated as of entry.
        let rule_assign = rule.and_then(|r| r.assign.as_ref());
        if jsonpath && state.assign.is_none() && rule_assign.is_none() {
            // Nothing reads the input after OutputPath: hand it over without a copy.
            let effective = selected_input.unwrap_or(raw_input);
            let output = self.apply_output_path(visit, &state.output_path, effective, vars)?;
            return Ok((Some(next), output));
        }
        if jsonpath {
            let output =
                self.apply_output_path(visit, &state.output_path, effective.clone(), vars)?;
            let before = rule_assign.map(|_| vars.clone());
            self.apply_assign(visit, state.assign.as_ref(), effective, None, None, vars)?;
            if let Some(mut scratch) = before {
                self.apply_assign(visit, rule_assign, effective, None, None, &mut scratch)?;
                merge_assigned(vars, &scratch, rule_assign);
            }
            Ok((Some(next), output))
        } else {
            let output = match rule
                .and_then(|r| r.output.as_ref())
                .or(state.output.as_ref())
            {
                Some(t) => Some(
                    self.eval_jsonata_template(visit, t, &raw_input, None, None, vars, "Output")?,
                ),
                None => None,
            };
            let before = rule_assign.map(|_| vars.clone());
            self.apply_assign(visit, state.assign.as_ref(), &raw_input, None, None, vars)?;
            if let Some(mut scratch) = before {
                self.apply_assign(visit, rule_assign, &raw_input, None, None, &mut scratch)?;
                merge_assigned(vars, &scratch, rule_assign);
            }
            Ok((Some(next), output.unwrap_or(raw_input)))
        }
    }

    fn eval_test(
        &mut self,
        visit: &Visit<'_>,
        test: &CTest,
        input: &Value,
        vars: &Vars,
    ) -> Step<bool> {
        match test {
            CTest::And(tests) => {
                for t in tests {
                    if !self.eval_test(visit, t, input, vars)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            CTest::Or(tests) => {
                for t in tests {
                    if self.eval_test(visit, t, input, vars)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            CTest::Not(t) => Ok(!self.eval_test(visit, t, input, vars)?),
            CTest::Compare {
                variable,
                op,
                operand,
            } => {
                let value = match variable.eval_cow(&self.docs(input, vars)) {
                    Ok(v) => Some(v),
                    Err(PathError::NotFound { .. }) => None,
                    Err(e) => return Err(self.runtime(visit, e.invalid_path_message(variable))),
                };
                if *op == crate::model::ComparisonOperator::IsPresent {
                    let want = operand_bool(operand);
                    return Ok(value.is_some() == want);
                }
                let Some(value) = value else {
                    return Err(self.runtime(
                        visit,
                        format!("Invalid path '{}': The choice state's condition path references an invalid value.", variable.text()),
                    ));
                };
                let rhs = match operand {
                    COperand::Literal(v) => Cow::Borrowed(v),
                    COperand::Path(p) => match p.eval_cow(&self.docs(input, vars)) {
                        Ok(v) => v,
                        Err(e) => return Err(self.runtime(visit, e.invalid_path_message(p))),
                    },
                };
                Ok(super::choice::compare(*op, &value, &rhs))
            }
            CTest::Condition(t, text) => {
                let v = match t {
                    Template::Static(v) => v.clone(),
                    _ => {
                        self.eval_jsonata_template(visit, t, input, None, None, vars, "Condition")?
                    }
                };
                match v {
                    Value::Bool(b) => Ok(b),
                    other => Err(Abort::Failed(StateError::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "{}The JSONata expression '{}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '{}' for value: {}",
                            self.prefix(visit),
                            super::jsonata_bridge::strip_delimiters(text).unwrap_or(text).trim(),
                            json_type_name(&other),
                            compact(&other)
                        ),
                    ))),
                }
            }
        }
    }

    fn run_wait(
        &mut self,
        visit: &Visit<'_>,
        wait: &CWait,
        effective: &Value,
        raw_input: &Value,
        vars: &Vars,
    ) -> Step<()> {
        let now_ms = self.now_ms();
        let delay_ms: i64 = match wait {
            CWait::Seconds(d) => {
                let (v, _) = self.eval_dynamic(visit, d, effective, raw_input, vars)?;
                match v.as_i64() {
                    Some(s) if s >= 0 => s.saturating_mul(1000),
                    _ => {
                        return Err(self.runtime(
                            visit,
                            format!(
                                "The Seconds field must be a non-negative integer, but was: {}",
                                compact(&v)
                            ),
                        ))
                    }
                }
            }
            CWait::SecondsPath(p) => {
                let v = p
                    .eval(&self.docs(effective, vars))
                    .map_err(|e| self.runtime(visit, e.invalid_path_message(p)))?;
                // AWS's texts (Java's long parsing): a negative integer and anything that is
                // not an integer (1.5, "5", null) fail differently.
                let shown = match &v {
                    Value::String(s) => s.clone(),
                    other => compact(other),
                };
                match v.as_i64() {
                    Some(s) if s >= 0 => s.saturating_mul(1000),
                    Some(_) => {
                        return Err(self.runtime(
                            visit,
                            format!("The SecondsPath parameter references a negative value: {} == {shown}", p.text()),
                        ))
                    }
                    None => {
                        return Err(self.runtime(
                            visit,
                            format!("The SecondsPath parameter cannot be parsed as a long value: {} == {shown}", p.text()),
                        ))
                    }
                }
            }
            CWait::Timestamp(d) => {
                let (v, _) = self.eval_dynamic(visit, d, effective, raw_input, vars)?;
                match v.as_str().and_then(crate::time::rfc3339_millis) {
                    Some(t) => t - now_ms,
                    // Only a JSONata `Timestamp` can fail here (a JSONPath literal is checked at
                    // creation); AWS reports the raw text as a States.QueryEvaluationError.
                    None => {
                        return Err(Abort::Failed(StateError::new(
                            names::QUERY_EVALUATION_ERROR,
                            format!(
                                "{}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
                                self.prefix(visit),
                                match &v { Value::String(s) => s.clone(), other => compact(other) }
                            ),
                        )))
                    }
                }
            }
            CWait::TimestampPath(p) => {
                let v = p
                    .eval(&self.docs(effective, vars))
                    .map_err(|e| self.runtime(visit, e.invalid_path_message(p)))?;
                match v.as_str().and_then(crate::time::rfc3339_millis) {
                    Some(t) => t - now_ms,
                    None => {
                        return Err(self.runtime(
                            visit,
                            format!(
                                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                                p.text(),
                                match &v { Value::String(s) => s.clone(), other => compact(other) }
                            ),
                        ))
                    }
                }
            }
        };
        // AWS rejects delays that do not fit a signed 32-bit number of seconds.
        if delay_ms / 1000 > i32::MAX as i64 {
            return Err(self.runtime(visit, "Wait state delay is too long."));
        }
        self.advance_us(delay_ms.max(0).saturating_mul(1000))
    }

    #[allow(clippy::too_many_arguments)]
    fn run_task(
        &mut self,
        visit: &Visit<'_>,
        resource: &str,
        timeout: Option<&Dynamic>,
        heartbeat: Option<&Dynamic>,
        params: &Value,
        raw_input: &Value,
        vars: &Vars,
    ) -> Step<Value> {
        let state_name = visit.state.model.name.clone();
        let timeout_s = match timeout {
            Some(d) => {
                let (v, field) = self.eval_dynamic(visit, d, raw_input, raw_input, vars)?;
                match v.as_u64() {
                    Some(n) if n > 0 => n,
                    _ => {
                        return Err(self.runtime(
                            visit,
                            format!(
                                "The {} field must be a positive integer, but was: {}",
                                if field.is_empty() {
                                    "TimeoutSeconds"
                                } else {
                                    &field
                                },
                                compact(&v)
                            ),
                        ))
                    }
                }
            }
            None => 99_999_999,
        };
        let heartbeat_s = match heartbeat {
            Some(d) => {
                let (v, field) = self.eval_dynamic(visit, d, raw_input, raw_input, vars)?;
                match v.as_u64() {
                    Some(n) if n > 0 => Some(n),
                    _ => {
                        return Err(self.runtime(
                            visit,
                            format!(
                                "The {} field must be a positive integer, but was: {}",
                                if field.is_empty() {
                                    "HeartbeatSeconds"
                                } else {
                                    &field
                                },
                                compact(&v)
                            ),
                        ))
                    }
                }
            }
            None => None,
        };
        let resource_owned = resource.to_string();
        let params_text = if self.config.record_history {
            compact(params)
        } else {
            String::new()
        };
        let region = self.context.region().to_string();
        let (rtype, rname) = resource_type(resource);
        {
            let (rtype, rname, res) = (rtype.clone(), rname.clone(), resource_owned.clone());
            let _ = res;
            self.event("TaskScheduled", "taskScheduledEventDetails", move || {
                let mut d = serde_json::json!({"resourceType": rtype, "resource": rname, "region": region, "parameters": params_text});
                if let Some(obj) = d.as_object_mut() {
                    obj.insert("timeoutInSeconds".into(), Value::from(timeout_s));
                    if let Some(h) = heartbeat_s {
                        obj.insert("heartbeatInSeconds".into(), Value::from(h));
                    }
                }
                d
            });
        }
        {
            let (rtype, rname) = (rtype.clone(), rname.clone());
            self.event(
                "TaskStarted",
                "taskStartedEventDetails",
                move || serde_json::json!({"resourceType": rtype, "resource": rname}),
            );
        }
        let counter = self.invocations.entry(state_name.clone()).or_insert(0);
        let invocation = *counter;
        *counter += 1;
        let outcome = self.host.invoke(&TaskCall {
            state_name: &state_name,
            resource,
            input: params,
            invocation,
        });
        let default_ms = self.config.timing.default_task_ms;
        let duration_ms = match &outcome {
            TaskOutcome::Return { duration_ms, .. } | TaskOutcome::Throw { duration_ms, .. } => {
                duration_ms.unwrap_or(default_ms)
            }
        };
        let limit_ms = match heartbeat_s {
            Some(h) => (h.min(timeout_s)).saturating_mul(1000),
            None => timeout_s.saturating_mul(1000),
        };
        if duration_ms > limit_ms {
            self.advance_us((limit_ms as i64).saturating_mul(1000))?;
            let name = if heartbeat_s.is_some_and(|h| h < timeout_s) {
                names::HEARTBEAT_TIMEOUT
            } else {
                names::TIMEOUT
            };
            let (rtype, rname) = (rtype.clone(), rname.clone());
            self.event("TaskTimedOut", "taskTimedOutEventDetails", move || {
                serde_json::json!({"resourceType": rtype, "resource": rname, "error": name, "cause": ""})
            });
            return Err(Abort::Failed(StateError {
                error: Some(name.to_string()),
                cause: None,
            }));
        }
        self.advance_us((duration_ms as i64).saturating_mul(1000))?;
        match outcome {
            TaskOutcome::Return { value, .. } => {
                let out_text = if self.config.record_history {
                    compact(&value)
                } else {
                    String::new()
                };
                self.event("TaskSucceeded", "taskSucceededEventDetails", move || {
                    serde_json::json!({"resourceType": rtype, "resource": rname, "output": out_text, "outputDetails": {"truncated": false}})
                });
                if json_size(&value) > self.config.limits.max_payload_bytes {
                    return Err(Abort::Failed(StateError::new(
                        names::DATA_LIMIT_EXCEEDED,
                        format!("The state/task '{state_name}' returned a result with a size exceeding the maximum number of bytes service limit."),
                    )));
                }
                Ok(value)
            }
            TaskOutcome::Throw { error, cause, .. } => {
                let (e2, c2) = (error.clone(), cause.clone());
                self.event("TaskFailed", "taskFailedEventDetails", move || {
                    serde_json::json!({"resourceType": rtype, "resource": rname, "error": e2, "cause": c2})
                });
                Err(Abort::Failed(StateError {
                    error: Some(error),
                    cause: Some(cause),
                }))
            }
        }
    }

    fn run_parallel(
        &mut self,
        _visit: &Visit<'_>,
        branches: &[Machine],
        input: &Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        self.event("ParallelStateStarted", "", || Value::Null);
        let mut results = Vec::with_capacity(branches.len());
        for (i, branch) in branches.iter().enumerate() {
            self.fan_out += 1;
            vars.push_scope();
            // The scope only labels trace records.
            let record = self.config.record_trace;
            if record {
                self.scope.push(format!("{}[{i}]", _visit.state.model.name));
            }
            let r = self.run_machine(branch, input.clone(), vars);
            if record {
                self.scope.pop();
            }
            vars.pop_scope();
            match r {
                Ok(v) => results.push(v),
                Err(Abort::Failed(e)) => {
                    self.event("ParallelStateFailed", "", || Value::Null);
                    return Err(Abort::Failed(e));
                }
                Err(other) => return Err(other),
            }
        }
        self.event("ParallelStateSucceeded", "", || Value::Null);
        Ok(Value::Array(results))
    }

    fn run_map(
        &mut self,
        visit: &Visit<'_>,
        map: &CMap,
        raw_input: &Value,
        effective: &Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        let jsonpath = visit.state.lang == QueryLanguage::JsonPath;
        // Items.
        let items_value = if jsonpath {
            match &map.items_path {
                Some(p) => p
                    .eval(&self.docs(effective, vars))
                    .map_err(|e| self.runtime(visit, e.invalid_path_message(p)))?,
                None => effective.clone(),
            }
        } else {
            match &map.items {
                Some(t) => match t {
                    Template::Jsonata(expr) => {
                        let v = self.eval_jsonata_template(
                            visit, t, raw_input, None, None, vars, "Items",
                        )?;
                        if !v.is_array() {
                            return Err(Abort::Failed(StateError::new(
                                names::QUERY_EVALUATION_ERROR,
                                format!(
                                    "{}The JSONata expression '{}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {}",
                                    self.prefix(visit),
                                    expr.text(),
                                    json_type_name(&v),
                                    compact(&v)
                                ),
                            )));
                        }
                        v
                    }
                    other => self.eval_jsonata_template(
                        visit, other, raw_input, None, None, vars, "Items",
                    )?,
                },
                None => raw_input.clone(),
            }
        };
        let Value::Array(items) = items_value else {
            let path = map
                .items_path
                .as_ref()
                .map(|p| p.text().to_string())
                .unwrap_or_else(|| "$".into());
            return Err(self.runtime(
                visit,
                format!(
                    "Unable to apply ItemsPath '{path}' to input: the value is not an array: {}",
                    compact(&items_value)
                ),
            ));
        };
        self.iterate_map(visit, map, items, raw_input, effective, vars)
    }

    /// The iterations of a Map over its selected `items`.
    fn iterate_map(
        &mut self,
        visit: &Visit<'_>,
        map: &CMap,
        items: Vec<Value>,
        raw_input: &Value,
        effective: &Value,
        vars: &mut Vars,
    ) -> Step<Value> {
        let jsonpath = visit.state.lang == QueryLanguage::JsonPath;
        // Concurrency and tolerance (evaluated for their errors; iterations run in order).
        if let Some(d) = &map.max_concurrency {
            let (v, _) = self.eval_dynamic(visit, d, effective, raw_input, vars)?;
            // AWS accepts a numeric string here too (recorded: MaxConcurrencyPath to "1").
            let ok =
                v.as_u64().is_some() || v.as_str().is_some_and(|s| s.trim().parse::<u64>().is_ok());
            if !ok {
                return Err(self.runtime(visit, max_concurrency_message(d, &v)));
            }
        }
        let tolerated_count = match &map.tolerated_count {
            Some(d) => Some(self.eval_dynamic(visit, d, effective, raw_input, vars)?.0),
            None => None,
        };
        let tolerated_pct = match &map.tolerated_percentage {
            Some(d) => Some(self.eval_dynamic(visit, d, effective, raw_input, vars)?.0),
            None => None,
        };
        let tolerated_count = tolerated_count.map(|v| v.as_f64().unwrap_or(0.0));
        let tolerated_pct = tolerated_pct.map(|v| v.as_f64().unwrap_or(0.0));

        let len = items.len();
        self.event(
            "MapStateStarted",
            "mapStateStartedEventDetails",
            move || serde_json::json!({"length": len}),
        );
        if map.distributed {
            let label = map
                .label
                .clone()
                .unwrap_or_else(|| visit.state.model.name.clone());
            self.event(
                "MapRunStarted",
                "mapRunStartedEventDetails",
                move || serde_json::json!({"mapRunArn": format!("mapRun:{label}")}),
            );
        }
        let mut results = Vec::with_capacity(len);
        let mut failures = 0usize;
        let mut last_error: Option<StateError> = None;
        let state_name = visit.state.model.name.clone();
        for (index, item) in items.into_iter().enumerate() {
            self.fan_out += 1;
            let iteration_input = match &map.item_selector {
                Some(t) => {
                    // `$$.Map.Item` is visible to the ItemSelector only.
                    self.context.set_map_item(Some(MapItem {
                        index,
                        value: item.clone(),
                    }));
                    let r = if jsonpath {
                        self.eval_template(visit, t, effective, vars, "ItemSelector")
                    } else {
                        self.eval_jsonata_template(
                            visit,
                            t,
                            raw_input,
                            None,
                            None,
                            vars,
                            "ItemSelector",
                        )
                    };
                    match r {
                        Ok(v) => v,
                        Err(e) => {
                            self.context.set_map_item(None);
                            return Err(e);
                        }
                    }
                }
                None => item,
            };
            self.context.set_map_item(None);
            if !map.distributed {
                self.event(
                    "MapIterationStarted",
                    "mapIterationStartedEventDetails",
                    || serde_json::json!({"name": state_name, "index": index}),
                );
            }
            // The scope only labels trace records.
            let record = self.config.record_trace;
            if record {
                self.scope.push(format!("{state_name}[{index}]"));
            }
            let saved_context = self.context.clone();
            let r = if map.distributed {
                let mut child_vars = Vars::new();
                self.context.enter_child_execution();
                self.run_machine(&map.processor, iteration_input, &mut child_vars)
            } else {
                vars.push_scope();
                let r = self.run_machine(&map.processor, iteration_input, vars);
                vars.pop_scope();
                r
            };
            self.context = saved_context;
            if record {
                self.scope.pop();
            }
            match r {
                Ok(v) => {
                    if !map.distributed {
                        self.event(
                            "MapIterationSucceeded",
                            "mapIterationSucceededEventDetails",
                            || serde_json::json!({"name": state_name, "index": index}),
                        );
                    }
                    results.push(v);
                }
                Err(Abort::Failed(e)) => {
                    if !map.distributed {
                        self.event(
                            "MapIterationFailed",
                            "mapIterationFailedEventDetails",
                            || serde_json::json!({"name": state_name, "index": index}),
                        );
                    }
                    let tolerant = tolerated_count.is_some() || tolerated_pct.is_some();
                    if !tolerant {
                        if map.distributed {
                            self.event("MapRunFailed", "mapRunFailedEventDetails", || {
                                serde_json::json!({})
                            });
                        }
                        self.event("MapStateFailed", "", || Value::Null);
                        return Err(Abort::Failed(e));
                    }
                    failures += 1;
                    results.push(serde_json::json!({
                        "Error": e.error.clone().unwrap_or_default(),
                        "Cause": e.cause.clone().unwrap_or_default(),
                    }));
                    last_error = Some(e);
                }
                Err(other) => return Err(other),
            }
        }
        if failures > 0 {
            let count_ok = tolerated_count.is_some_and(|c| failures as f64 <= c);
            let pct_ok = tolerated_pct
                .is_some_and(|p| len > 0 && (failures as f64 * 100.0 / len as f64) <= p);
            if !(count_ok || pct_ok) {
                let _ = last_error;
                if map.distributed {
                    self.event("MapRunFailed", "mapRunFailedEventDetails", || {
                        serde_json::json!({})
                    });
                }
                self.event("MapStateFailed", "", || Value::Null);
                return Err(Abort::Failed(StateError::new(
                    names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded",
                )));
            }
        }
        if map.distributed {
            self.event("MapRunSucceeded", "", || Value::Null);
        }
        self.event("MapStateSucceeded", "", || Value::Null);
        Ok(Value::Array(results))
    }
}

/// The `…StateEntered` and `…StateExited` event types of a state.
fn event_names(state: &CState) -> (&'static str, &'static str) {
    match state.kind {
        CKind::Pass { .. } => ("PassStateEntered", "PassStateExited"),
        CKind::Task { .. } => ("TaskStateEntered", "TaskStateExited"),
        CKind::Choice { .. } => ("ChoiceStateEntered", "ChoiceStateExited"),
        CKind::Wait(_) => ("WaitStateEntered", "WaitStateExited"),
        CKind::Succeed => ("SucceedStateEntered", "SucceedStateExited"),
        CKind::Fail { .. } => ("FailStateEntered", "FailStateExited"),
        CKind::Parallel { .. } => ("ParallelStateEntered", "ParallelStateExited"),
        CKind::Map(_) => ("MapStateEntered", "MapStateExited"),
    }
}

/// Copies the variables that `assign` names from `from` into `into`.
fn merge_assigned(into: &mut Vars, from: &Vars, assign: Option<&Vec<(String, Template)>>) {
    if let Some(entries) = assign {
        for (name, _) in entries {
            if let Some(v) = from.get(name) {
                into.set(name.clone(), v.clone());
            }
        }
    }
}

fn operand_bool(operand: &COperand) -> bool {
    match operand {
        COperand::Literal(Value::Bool(b)) => *b,
        _ => true,
    }
}

/// `resourceType` and `resource` as history events split a Task's ARN.
fn resource_type(resource: &str) -> (String, String) {
    // arn:aws:states:::lambda:invoke -> ("lambda", "invoke")
    let parts: Vec<&str> = resource.split(':').collect();
    if parts.len() >= 7 && parts.get(2) == Some(&"states") && parts.get(3) == Some(&"") {
        let service = parts.get(5).copied().unwrap_or_default().to_string();
        let rest = parts.get(6..).map(|p| p.join(":")).unwrap_or_default();
        return (service, rest);
    }
    if parts.get(2) == Some(&"lambda") {
        return ("lambda".into(), resource.to_string());
    }
    if parts.get(5) == Some(&"activity") {
        return ("activity".into(), resource.to_string());
    }
    ("unknown".into(), resource.to_string())
}

/// Compact JSON text, as AWS prints values in causes and history events.
pub fn compact(v: &Value) -> String {
    // Unchanged objects of a lazily parsed payload are copied from their text.
    serde_json::lazy::to_string(v)
}

/// The JSON type name AWS uses in JSONata result-type errors.
pub fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `States.DataLimitExceeded` for the visited state's output.
#[cold]
fn data_limit_exceeded(visit: &Visit<'_>) -> Abort {
    Abort::Failed(StateError::new(
        names::DATA_LIMIT_EXCEEDED,
        format!(
            "The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.",
            visit.state.model.name
        ),
    ))
}

/// The node InputPath selects, for writing (moves take nodes out of it); `None` for `null` or a
/// path that selects nothing.
fn input_path_mut<'a>(input_path: &PathField, raw_input: &'a mut Value) -> Option<&'a mut Value> {
    match input_path {
        PathField::Whole => Some(raw_input),
        PathField::Path(p) => p.get_mut(raw_input),
        PathField::Null => None,
    }
}

/// Whether `input` is an object with exactly the keys of the template's skeleton, in order
/// (a recycling Pass writes its values into it: `moves.rs`).
fn same_keys(input: &Value, fields: &Fields) -> bool {
    match (input, &fields.skeleton) {
        (Value::Object(map), Some(skeleton)) => {
            map.len() == skeleton.len()
                && map
                    .keys()
                    .zip(skeleton.keys())
                    .all(|(a, b)| serde_json::map::key_eq(a, b))
        }
        _ => false,
    }
}

/// The payload size of a state's output from that of `combined` (the input with the result
/// at ResultPath) and of the result, when OutputPath keeps one of them whole.
fn output_size(state: &CState, combined: usize, result: usize) -> Option<usize> {
    match (&state.result_path, &state.output_path) {
        (_, PathField::Whole) => Some(combined),
        // `{}`
        (_, PathField::Null) => Some(2),
        _ if state.output_is_result => Some(result),
        _ => None,
    }
}

/// The payload size of `combined` (the state input with the result at ResultPath) after
/// [`Interpreter::run_moving`], walking neither the moved nodes nor the result again: the
/// result is set aside while the rest is measured.
fn combined_size(result_path: &PathField, combined: &mut Value, known: Known) -> usize {
    let path = match result_path {
        // The result replaced the input.
        PathField::Whole => return known.result,
        PathField::Path(p) => p,
        PathField::Null => return known.holes.restore(json_size(combined)),
    };
    let Some(result) = path.take_from(combined) else {
        return known.holes.restore(json_size(combined));
    };
    let rest = json_size(combined);
    match path.get_mut(combined) {
        Some(slot) => *slot = result,
        // The slot was just there; ResultPath writes it again all the same.
        None => {
            let _ = path.set(combined, result);
        }
    }
    // `rest` counts a `null` where the result is.
    known
        .holes
        .restore(rest)
        .saturating_sub(4)
        .saturating_add(known.result)
}

/// Puts `take`'s value for each [`Template::Move`] into its slot in `out` (what the template
/// gave with [`Moves::Defer`]), in document order.
fn fill_move_slots(
    template: &Template,
    out: &mut Value,
    take: &mut dyn FnMut(&CPath) -> Step<Value>,
) -> Step<()> {
    match (template, out) {
        // Keys are unique where there are moves (moves.rs): the object has the fields in
        // template order.
        (Template::Object(fields), Value::Object(map)) => {
            for ((_, slot), (_, t)) in map.iter_mut().zip(&fields.list) {
                fill_move_slots(t, slot, take)?;
            }
        }
        (Template::Array(items), Value::Array(slots)) => {
            for (t, slot) in items.iter().zip(slots) {
                fill_move_slots(t, slot, take)?;
            }
        }
        (Template::Move(p), slot) => *slot = take(p)?,
        _ => {}
    }
    Ok(())
}

pub use super::size::json_size;
use super::size::{known_size, scalar_or_walk, size_after_set};

/// The cause of a Map whose `MaxConcurrency`/`MaxConcurrencyPath` value is not a non-negative
/// integer. The `MaxConcurrencyPath` texts are AWS's (as LocalStack reproduces them); the
/// JSONata one is ours.
fn max_concurrency_message(field: &Dynamic, v: &Value) -> String {
    let negative = v.as_i64().is_some_and(|n| n < 0)
        || v.as_str()
            .is_some_and(|s| s.trim().parse::<i64>().is_ok_and(|n| n < 0));
    match field {
        Dynamic::Path(Template::Path(_), _) if negative => {
            let n = match v {
                Value::String(s) => s.trim().to_string(),
                other => compact(other),
            };
            format!("Expected non-negative integer for MaxConcurrency, got '{n}' instead.")
        }
        Dynamic::Path(Template::Path(p), _) => {
            let shown = match v {
                Value::String(s) => s.clone(),
                other => compact(other),
            };
            format!(
                "The MaxConcurrencyPath field refers to value \"{shown}\" which is not a valid integer: {}",
                p.text()
            )
        }
        _ => format!(
            "The MaxConcurrency field must be a non-negative integer, but was: {}",
            compact(v)
        ),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::cell::RefCell;

    thread_local! {
        /// Every output size a state passed on without walking it, with the walked size.
        pub static KNOWN_SIZES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    }
}
