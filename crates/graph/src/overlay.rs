//! What a run did, per node and per edge: the colours of a graph after a run.

use std::collections::{HashMap, HashSet};

use aslplay_core::exec::StateTrace;

use crate::flow::EdgeKind;

/// How a state fared in a run (the graph's `data-status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeStatus {
    /// Every visit succeeded.
    Succeeded,
    /// A visit failed (error not caught by the state).
    Failed,
    /// A visit failed and one of its Catch entries caught it.
    Caught,
    /// Never entered.
    NotRun,
    /// The state being looked at while stepping through a run.
    Current,
}

impl NodeStatus {
    /// `succeeded`, `failed`, `caught`, `not-run`, `current`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeStatus::Succeeded => "succeeded",
            NodeStatus::Failed => "failed",
            NodeStatus::Caught => "caught",
            NodeStatus::NotRun => "not-run",
            NodeStatus::Current => "current",
        }
    }

    /// How much a visit's outcome counts when a state is visited several times (loops, Map
    /// iterations): a failure shows over a catch, a catch over a success.
    fn severity(self) -> u8 {
        match self {
            NodeStatus::NotRun => 0,
            NodeStatus::Succeeded => 1,
            NodeStatus::Caught => 2,
            NodeStatus::Failed => 3,
            NodeStatus::Current => 4,
        }
    }
}

/// Statuses, retries and taken transitions of one run, keyed by state name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    status: HashMap<String, NodeStatus>,
    retried: HashSet<String>,
    /// `(from, to, caught)`; `to` is `None` for the end marker.
    taken: HashSet<(String, Option<String>, bool)>,
}

impl Overlay {
    /// The overlay of a run's per-state trace (see `SyncOptions::record_trace`).
    pub fn from_trace(trace: &[StateTrace]) -> Overlay {
        let mut overlay = Overlay::default();
        for t in trace {
            let status = match t.status.as_str() {
                "failed" => NodeStatus::Failed,
                "caught" => NodeStatus::Caught,
                _ => NodeStatus::Succeeded,
            };
            let slot = overlay
                .status
                .entry(t.name.clone())
                .or_insert(NodeStatus::NotRun);
            if status.severity() > slot.severity() {
                *slot = status;
            }
            if t.retries > 0 {
                overlay.retried.insert(t.name.clone());
            }
            let caught = status == NodeStatus::Caught;
            match (&t.next, status) {
                (Some(next), _) => {
                    overlay
                        .taken
                        .insert((t.name.clone(), Some(next.clone()), caught));
                }
                (None, NodeStatus::Succeeded) => {
                    overlay.taken.insert((t.name.clone(), None, false));
                }
                _ => {}
            }
        }
        overlay
    }

    /// The status of the state `name`.
    pub fn status(&self, name: &str) -> NodeStatus {
        self.status.get(name).copied().unwrap_or(NodeStatus::NotRun)
    }

    /// Whether the state `name` was retried at least once.
    pub fn retried(&self, name: &str) -> bool {
        self.retried.contains(name)
    }

    /// Whether the run went from `from` along an edge of `kind` to `to` (`None`: the end
    /// marker). The start edge counts as taken when its target ran.
    pub fn taken(&self, from: &str, to: Option<&str>, kind: EdgeKind) -> bool {
        match kind {
            EdgeKind::Start => to.is_some_and(|t| self.status.contains_key(t)),
            _ => self.taken.contains(&(
                from.to_owned(),
                to.map(str::to_owned),
                kind == EdgeKind::Catch,
            )),
        }
    }

    /// Whether the overlay holds any visit.
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(name: &str, status: &str, next: Option<&str>, retries: u32) -> StateTrace {
        StateTrace {
            name: name.into(),
            status: status.into(),
            next: next.map(Into::into),
            retries,
            ..StateTrace::default()
        }
    }

    #[test]
    fn statuses_retries_and_taken_edges() {
        let o = Overlay::from_trace(&[
            visit("A", "succeeded", Some("T"), 0),
            visit("T", "caught", Some("H"), 2),
            visit("H", "succeeded", None, 0),
            visit("M", "succeeded", None, 0),
            visit("M", "failed", None, 0),
            visit("M", "succeeded", None, 0),
        ]);
        assert_eq!(o.status("A"), NodeStatus::Succeeded);
        assert_eq!(o.status("T"), NodeStatus::Caught);
        assert_eq!(o.status("M"), NodeStatus::Failed, "the worst visit shows");
        assert_eq!(o.status("Z"), NodeStatus::NotRun);
        assert!(o.retried("T") && !o.retried("A"));
        assert!(o.taken("A", Some("T"), EdgeKind::Next));
        assert!(o.taken("T", Some("H"), EdgeKind::Catch));
        assert!(!o.taken("T", Some("H"), EdgeKind::Next));
        assert!(o.taken("H", None, EdgeKind::End));
        assert!(o.taken("", Some("A"), EdgeKind::Start));
        assert!(!o.taken("", Some("Z"), EdgeKind::Start));
        assert_eq!(NodeStatus::NotRun.as_str(), "not-run");
    }
}
