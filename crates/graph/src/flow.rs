//! The layout input: a flow of states and transitions, with nested flows for containers.

use aslplay_core::model::{State, StateKind, StateMachine};

use crate::label::{catch_label, rule_label};

/// One level of a state machine: the top level, a Parallel branch or a Map item processor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flow {
    /// Index of the `StartAt` node, when it names an existing state.
    pub start: Option<usize>,
    /// The states, in document order.
    pub nodes: Vec<FlowNode>,
    /// The transitions out of the states.
    pub edges: Vec<FlowEdge>,
}

/// One state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowNode {
    /// The state's name.
    pub name: String,
    /// `Type` (`Task`, `Choice`, …).
    pub type_name: String,
    /// JSON pointer of the state object (to select it in an editor).
    pub pointer: String,
    /// Nested flows drawn inside this node (Parallel branches, the Map item processor).
    pub children: Vec<SubFlow>,
}

/// A nested flow with the caption of its frame (`Branch 1`, `Item processor`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubFlow {
    /// Frame caption.
    pub caption: String,
    /// The flow.
    pub flow: Flow,
}

/// What a transition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// From the start marker to `StartAt`.
    Start,
    /// `Next`.
    Next,
    /// A Choice rule's `Next`.
    Choice,
    /// A Choice state's `Default`.
    Default,
    /// A `Catch` entry's `Next`.
    Catch,
    /// `End: true`, Succeed, Fail: to the end marker.
    End,
}

impl EdgeKind {
    /// A lowercase name (used as a CSS class).
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Start => "start",
            EdgeKind::Next => "next",
            EdgeKind::Choice => "choice",
            EdgeKind::Default => "default",
            EdgeKind::Catch => "catch",
            EdgeKind::End => "end",
        }
    }
}

/// Where a transition goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The state at this index.
    Node(usize),
    /// The flow's end marker.
    End,
}

/// One transition out of a state.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowEdge {
    /// Index of the source state.
    pub from: usize,
    /// Where it goes.
    pub to: Target,
    /// What it is.
    pub kind: EdgeKind,
    /// A short label (Choice rule, caught errors, `Default`).
    pub label: Option<String>,
}

impl Flow {
    /// The flow of a machine (or branch / item processor). Transitions to states that do not
    /// exist at this level are left out (validation reports them).
    pub fn from_machine(machine: &StateMachine) -> Flow {
        let index = |name: &str| machine.states.get_index_of(name);
        let mut flow = Flow {
            start: index(&machine.start_at),
            ..Flow::default()
        };
        for (i, state) in machine.states.values().enumerate() {
            flow.nodes.push(node(state));
            let mut push = |to: Option<Target>, kind: EdgeKind, label: Option<String>| {
                if let Some(to) = to {
                    flow.edges.push(FlowEdge {
                        from: i,
                        to,
                        kind,
                        label,
                    });
                }
            };
            let to_state = |name: &str| index(name).map(Target::Node);
            if let StateKind::Choice(choice) = &state.kind {
                for rule in &choice.choices {
                    if let Some(next) = &rule.next {
                        push(to_state(next), EdgeKind::Choice, Some(rule_label(rule)));
                    }
                }
                if let Some(default) = &choice.default {
                    push(
                        to_state(default),
                        EdgeKind::Default,
                        Some("Default".to_owned()),
                    );
                }
            }
            if let Some(next) = state.next() {
                push(to_state(next), EdgeKind::Next, None);
            }
            for catcher in &state.catch {
                push(
                    to_state(&catcher.next),
                    EdgeKind::Catch,
                    Some(catch_label(&catcher.error_equals)),
                );
            }
            if state.is_end() {
                push(Some(Target::End), EdgeKind::End, None);
            }
        }
        flow
    }

    /// Number of states, nested ones included.
    pub fn state_count(&self) -> usize {
        self.nodes
            .iter()
            .map(|n| {
                1 + n
                    .children
                    .iter()
                    .map(|c| c.flow.state_count())
                    .sum::<usize>()
            })
            .sum()
    }
}

fn node(state: &State) -> FlowNode {
    let children = match &state.kind {
        StateKind::Parallel(p) => p
            .branches
            .iter()
            .enumerate()
            .map(|(i, branch)| SubFlow {
                caption: format!("Branch {}", i + 1),
                flow: Flow::from_machine(branch),
            })
            .collect(),
        StateKind::Map(m) => vec![SubFlow {
            caption: "Item processor".to_owned(),
            flow: Flow::from_machine(&m.item_processor.machine),
        }],
        _ => Vec::new(),
    };
    FlowNode {
        name: state.name.clone(),
        type_name: state.type_name().to_owned(),
        pointer: state.pointer.clone(),
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> Flow {
        let (machine, diagnostics) = aslplay_core::parse_definition(text);
        let machine = machine.unwrap_or_else(|| panic!("{diagnostics:?}"));
        Flow::from_machine(&machine)
    }

    #[test]
    fn every_transition_becomes_an_edge() {
        let f = flow(
            r#"{"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Choices": [
                    {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "T"}],
                    "Default": "S"},
                "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "S"},
                "S": {"Type": "Succeed"},
                "F": {"Type": "Fail"}}}"#,
        );
        assert_eq!(f.start, Some(0));
        let edges: Vec<_> = f
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.kind, e.label.as_deref()))
            .collect();
        assert_eq!(
            edges,
            vec![
                (0, Target::Node(1), EdgeKind::Choice, Some("$.n > 10")),
                (0, Target::Node(2), EdgeKind::Default, Some("Default")),
                (1, Target::Node(2), EdgeKind::Next, None),
                (1, Target::Node(3), EdgeKind::Catch, Some("States.ALL")),
                (2, Target::End, EdgeKind::End, None),
                (3, Target::End, EdgeKind::End, None),
            ]
        );
    }

    #[test]
    fn containers_hold_their_flows() {
        let f = flow(
            r#"{"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
                "M": {"Type": "Map", "End": true, "ItemProcessor": {
                    "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}"#,
        );
        let captions: Vec<_> = f.nodes[0].children.iter().map(|c| &c.caption).collect();
        assert_eq!(captions, ["Branch 1", "Branch 2"]);
        assert_eq!(f.nodes[1].children[0].caption, "Item processor");
        assert_eq!(f.state_count(), 5);
    }
}
