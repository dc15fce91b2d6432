//! Everything the playground shows, changed only through [`Action`]s (one Yew reducer).

use std::rc::Rc;

use yew::Reducible;

use crate::engine::{self, Diagnostic, RunOutcome};
use crate::examples::{self, Example};

/// The playground's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// Definition editor text.
    pub definition: String,
    /// Input editor text.
    pub input: String,
    /// Id of the example the editors hold unchanged (the menu shows it), if any.
    pub example: Option<&'static str>,
    /// Problems in the editors, recomputed on every edit.
    pub diagnostics: Vec<Diagnostic>,
    /// What the last Run produced; cleared by an edit.
    pub outcome: Option<RunOutcome>,
}

/// A change to the playground.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The definition editor's text changed.
    EditDefinition(String),
    /// The input editor's text changed.
    EditInput(String),
    /// Load the example with this id into both editors.
    LoadExample(String),
    /// Run the definition on the input.
    Run,
}

impl Playground {
    /// The playground with the first example loaded.
    pub fn new() -> Self {
        let first = examples::EXAMPLES.first().copied().unwrap_or(Example {
            id: "",
            title: "",
            definition: "",
            input: "",
        });
        let mut state = Self::with_text(first.definition.to_owned(), first.input.to_owned());
        state.example = Some(first.id);
        state
    }

    /// The playground holding this text (e.g. from a shared link).
    pub fn with_text(definition: String, input: String) -> Self {
        let diagnostics = engine::check(&definition, &input);
        Self {
            definition,
            input,
            example: None,
            diagnostics,
            outcome: None,
        }
    }

    fn recheck(&mut self) {
        self.diagnostics = engine::check(&self.definition, &self.input);
        self.outcome = None;
    }
}

impl Default for Playground {
    fn default() -> Self {
        Self::new()
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditDefinition(text) => {
                next.definition = text;
                next.example = None;
                next.recheck();
            }
            Action::EditInput(text) => {
                next.input = text;
                next.example = None;
                next.recheck();
            }
            Action::LoadExample(id) => {
                let Some(example) = examples::find(&id) else {
                    return self;
                };
                next.definition = example.definition.to_owned();
                next.input = example.input.to_owned();
                next.example = Some(example.id);
                next.recheck();
            }
            Action::Run => {
                next.outcome = Some(engine::run(&next.definition, &next.input));
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Playground, action: Action) -> Playground {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn starts_with_the_first_example() {
        let state = Playground::new();
        assert_eq!(state.example, Some("hello-world"));
        assert!(state.definition.contains("\"HelloWorld\""));
        assert_eq!(state.diagnostics, vec![]);
        assert_eq!(state.outcome, None);
    }

    #[test]
    fn edits_recheck_and_clear_the_outcome() {
        let state = reduce(Playground::new(), Action::Run);
        assert!(state.outcome.is_some());
        let state = reduce(state, Action::EditDefinition("{".to_owned()));
        assert_eq!(state.outcome, None);
        assert_eq!(
            state.example, None,
            "the editors no longer hold the example"
        );
        assert_eq!(state.diagnostics.len(), 1);
        let valid = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        let state = reduce(state, Action::EditDefinition(valid.to_owned()));
        assert_eq!(state.diagnostics, vec![]);
        let state = reduce(state, Action::EditInput("[".to_owned()));
        assert_eq!(state.diagnostics.len(), 1);
    }

    #[test]
    fn loading_an_example_replaces_both_editors() {
        let state = reduce(Playground::new(), Action::EditInput("x".to_owned()));
        let state = reduce(state, Action::LoadExample("choice".to_owned()));
        assert_eq!(state.example, Some("choice"));
        assert!(state.definition.contains("CheckTotal"));
        assert!(state.input.contains("\"total\": 120"));
        assert_eq!(state.diagnostics, vec![]);
        let unchanged = reduce(state.clone(), Action::LoadExample("nope".to_owned()));
        assert_eq!(unchanged, state);
    }
}
