//! The playground's view components. They hold no ASL logic: data comes in as props and
//! user intent goes out through `on_*` callbacks.

mod diagnostics;
mod editor;
mod graph;
mod graph_view;
mod inspector;
mod options;
mod result;
mod toolbar;

pub(crate) use diagnostics::Diagnostics;
pub(crate) use editor::Editor;
pub(crate) use graph::{Graph, PickedState};
pub(crate) use inspector::Inspector;
pub(crate) use options::OptionsPanel;
pub(crate) use result::ResultPanel;
pub(crate) use toolbar::Toolbar;
