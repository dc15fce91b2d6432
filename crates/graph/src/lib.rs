//! aslplay-graph: lays a state machine out as a layered, top-to-bottom flow for drawing.
//!
//! - [`Flow`] is the input: states, transitions and nested flows (Parallel branches, Map item
//!   processors). [`Flow::from_machine`] builds it from aslplay-core's model.
//! - [`layout`] places every node and routes every edge ([`Layout`]), Sugiyama-style: ranking
//!   by longest path with back edges reversed, crossing reduction by barycenter sweeps,
//!   coordinate assignment by ordered least squares; nested flows are laid out first and their
//!   container is sized to them. The algorithm is described in `docs/graph.md`.
//! - [`Overlay`] turns a run's per-state trace into node statuses and taken edges.
//!
//! Pure Rust, no I/O, no panics on any input.
#![forbid(unsafe_code)]

mod flow;
mod geometry;
mod label;
mod layout;
mod overlay;

pub use flow::{EdgeKind, Flow, FlowEdge, FlowNode, SubFlow, Target};
pub use geometry::{Point, Rect};
pub use label::{catch_label, rule_label};
pub use layout::{layout, Frame, Layout, NodeRole, PlacedEdge, PlacedNode, MAX_NAME_CHARS};
pub use overlay::{NodeStatus, Overlay, Visit, STATES_STAGE};
