//! Rules over the built model: transition targets, reachability, terminal states, state names,
//! Map labels, Task resources and Express restrictions.

use super::resources::check_resource;
use super::MachineType;
use crate::diagnostic::{Anchor, Diagnostic, DiagnosticCode, DiagnosticSink};
use crate::json::join_pointer;
use crate::model::{StateKind, StateMachine};
use std::collections::{HashMap, HashSet, VecDeque};

/// Longest state name AWS accepts (in characters).
pub const MAX_STATE_NAME: usize = 80;
/// Longest Map `Label`.
pub const MAX_LABEL: usize = 40;

/// Runs every model rule on the whole machine.
pub(crate) fn check_machine(
    m: &StateMachine,
    machine_type: MachineType,
    sink: &mut DiagnosticSink<'_>,
) {
    let mut cx = Cx {
        sink,
        machine_type,
        names: HashMap::new(),
        labels: HashMap::new(),
    };
    cx.level(m);
}

struct Cx<'s, 'a> {
    sink: &'s mut DiagnosticSink<'a>,
    machine_type: MachineType,
    /// State name → pointer of its first definition (names are unique machine-wide).
    names: HashMap<String, String>,
    /// Map label → pointer of its first use.
    labels: HashMap<String, String>,
}

impl Cx<'_, '_> {
    fn report(
        &mut self,
        code: DiagnosticCode,
        location: Option<String>,
        message: String,
        help: Option<String>,
        anchor: Anchor,
    ) {
        let mut d = Diagnostic::new(code, location, message);
        d.help = help;
        self.sink.push(d, anchor);
    }

    /// One scope: the top-level machine, a branch, or an item processor.
    fn level(&mut self, m: &StateMachine) {
        let states_ptr = join_pointer(&m.pointer, "States");
        let top = m.pointer.is_empty();
        // StartAt.
        if !m.states.contains_key(&m.start_at) {
            let elsewhere = self.names.contains_key(&m.start_at);
            self.report(
                DiagnosticCode::MissingTransitionTarget,
                Some(join_pointer(&m.pointer, "StartAt")),
                format!("Missing 'StartAt' target: {}", m.start_at),
                Some(self.target_help(m, elsewhere)),
                Anchor::Value,
            );
        }
        // Names, transitions, per-state rules.
        for (name, state) in &m.states {
            if let Some(first) = self.names.get(name) {
                self.report(
                    DiagnosticCode::DuplicateStateName,
                    Some(state.pointer.clone()),
                    format!("Duplicate State name: {name}"),
                    Some(format!("'{name}' is already defined at {first}; state names must be unique in the whole state machine, including Parallel branches and Map processors")),
                    Anchor::Key,
                );
            } else {
                self.names.insert(name.clone(), state.pointer.clone());
            }
            let len = name.chars().count();
            if len == 0 || len > MAX_STATE_NAME {
                self.report(
                    DiagnosticCode::InvalidStateName,
                    Some(state.pointer.clone()),
                    format!("State name '{name}' is invalid: state names must be 1 to {MAX_STATE_NAME} characters long"),
                    Some(format!("this name has {len} characters")),
                    Anchor::Key,
                );
            }
            for (target, ptr) in targets(state) {
                if !m.states.contains_key(target) {
                    let elsewhere = self.names.contains_key(target) || contains_anywhere(m, target);
                    self.report(
                        DiagnosticCode::MissingTransitionTarget,
                        Some(ptr),
                        format!("Missing 'Next' target: {target}"),
                        Some(self.target_help(m, elsewhere)),
                        Anchor::Value,
                    );
                }
            }
            match &state.kind {
                StateKind::Task(t) => {
                    if let Some(problem) = check_resource(&t.resource, self.machine_type) {
                        self.report(
                            DiagnosticCode::SchemaValidationFailed,
                            Some(join_pointer(&state.pointer, "Resource")),
                            problem.message,
                            problem.help,
                            Anchor::Value,
                        );
                    }
                }
                StateKind::Map(map) => {
                    if let Some(label) = &map.label {
                        self.label(label, &join_pointer(&state.pointer, "Label"));
                    }
                }
                _ => {}
            }
        }
        self.reachability(m, &states_ptr);
        if !m.states.values().any(|s| s.is_end()) {
            self.report(
                DiagnosticCode::MissingEndState,
                if top { None } else { Some(m.pointer.clone()) },
                "Workflow has no terminal state".to_string(),
                Some("add \"End\": true to a state, or a Succeed or Fail state".into()),
                Anchor::Value,
            );
        }
        // Nested scopes.
        for state in m.states.values() {
            match &state.kind {
                StateKind::Parallel(p) => {
                    for b in &p.branches {
                        self.level(b);
                    }
                }
                StateKind::Map(map) => self.level(&map.item_processor.machine),
                _ => {}
            }
        }
    }

    fn target_help(&self, m: &StateMachine, elsewhere: bool) -> String {
        let names: Vec<&str> = m.states.keys().map(String::as_str).collect();
        if elsewhere {
            format!("transitions cannot cross a Parallel branch or Map processor boundary; states here: {}", names.join(", "))
        } else {
            format!("states here: {}", names.join(", "))
        }
    }

    fn reachability(&mut self, m: &StateMachine, states_ptr: &str) {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut queue = VecDeque::new();
        if m.states.contains_key(&m.start_at) {
            queue.push_back(m.start_at.as_str());
        }
        while let Some(name) = queue.pop_front() {
            if !seen.insert(name) {
                continue;
            }
            if let Some(state) = m.states.get(name) {
                for (t, _) in targets(state) {
                    if m.states.contains_key(t) && !seen.contains(t) {
                        queue.push_back(t);
                    }
                }
            }
        }
        if !m.states.contains_key(&m.start_at) {
            return; // already reported; every state would look unreachable
        }
        for name in m.states.keys() {
            if !seen.contains(name.as_str()) {
                self.report(
                    DiagnosticCode::MissingTransitionTarget,
                    Some(join_pointer(states_ptr, name)),
                    format!("State \"{name}\" is not reachable."),
                    Some(format!("no Next, Default, Choice rule or Catch leads to '{name}' from StartAt '{}'", m.start_at)),
                    Anchor::Key,
                );
            }
        }
    }

    fn label(&mut self, label: &str, ptr: &str) {
        let len = label.chars().count();
        let bad_char = label.chars().find(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>'
                        | '{'
                        | '}'
                        | '['
                        | ']'
                        | '?'
                        | '*'
                        | '"'
                        | '#'
                        | '%'
                        | '\\'
                        | '^'
                        | '|'
                        | '~'
                        | '`'
                        | '$'
                        | '&'
                        | ','
                        | ';'
                        | ':'
                        | '/'
                )
        });
        if len == 0 || len > MAX_LABEL || bad_char.is_some() {
            let why = match bad_char {
                Some(c) => format!("it contains '{}', which is not allowed", c.escape_default()),
                None => format!("labels are 1 to {MAX_LABEL} characters long"),
            };
            self.report(
                DiagnosticCode::InvalidLabelName,
                Some(ptr.to_string()),
                format!("Label '{label}' is invalid"),
                Some(why),
                Anchor::Value,
            );
        }
        if let Some(first) = self.labels.get(label) {
            self.report(
                DiagnosticCode::DuplicateLabelName,
                Some(ptr.to_string()),
                format!("Duplicate Label name: {label}"),
                Some(format!("'{label}' is already used at {first}; labels must be unique in the state machine")),
                Anchor::Value,
            );
        } else {
            self.labels.insert(label.to_string(), ptr.to_string());
        }
    }
}

/// Every state name a state can transition to, with the pointer of the field naming it.
fn targets(state: &crate::model::State) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    if let Some(n) = state.next() {
        out.push((n, join_pointer(&state.pointer, "Next")));
    }
    if let StateKind::Choice(c) = &state.kind {
        for rule in &c.choices {
            if let Some(n) = &rule.next {
                out.push((n.as_str(), join_pointer(&rule.pointer, "Next")));
            }
        }
        if let Some(d) = &c.default {
            out.push((d.as_str(), join_pointer(&state.pointer, "Default")));
        }
    }
    for c in &state.catch {
        out.push((c.next.as_str(), join_pointer(&c.pointer, "Next")));
    }
    out
}

/// Whether a state called `name` exists anywhere inside `m` (nested scopes included).
fn contains_anywhere(m: &StateMachine, name: &str) -> bool {
    m.states.contains_key(name)
        || m.states.values().any(|s| match &s.kind {
            StateKind::Parallel(p) => p.branches.iter().any(|b| contains_anywhere(b, name)),
            StateKind::Map(map) => contains_anywhere(&map.item_processor.machine, name),
            _ => false,
        })
}
