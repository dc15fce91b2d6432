//! Everything the playground shows, changed only through [`Action`]s (one Yew reducer).

use std::rc::Rc;

use yew::Reducible;

use serde::{Deserialize, Serialize};

use crate::engine::{self, Diagnostic, RunOutcome, Source};
use crate::examples::{self, Example};
use crate::settings::{Field, RunSettings};

/// The part of the page that is the user's work: autosaved and put into share links.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Work {
    /// Definition text (JSON or YAML).
    #[serde(rename = "d")]
    pub definition: String,
    /// Input text.
    #[serde(rename = "i")]
    pub input: String,
    /// Run options and mocks.
    #[serde(rename = "o")]
    pub settings: RunSettings,
}

/// Quiet time after the last keystroke before the editors are checked again.
pub const CHECK_DELAY_MS: i32 = 150;

/// The playground's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    /// Definition editor text.
    pub definition: String,
    /// Input editor text.
    pub input: String,
    /// Run options and mocks.
    pub settings: RunSettings,
    /// Id of the example the editors hold unchanged (the menu shows it), if any.
    pub example: Option<&'static str>,
    /// Problems in the editors, recomputed a moment after typing stops ([`Action::Check`]).
    pub diagnostics: Vec<Diagnostic>,
    /// Whether `diagnostics` describe the current text (false while typing: the page checks
    /// [`CHECK_DELAY_MS`] after the last keystroke, so a big definition never slows typing).
    pub checked: bool,
    /// What the last Run produced; cleared by an edit.
    pub outcome: Option<RunOutcome>,
    /// Whether a run is in flight (in the worker).
    pub running: bool,
    /// The state visit the inspector shows (index into the trace).
    pub step: usize,
    /// Whether the user is stepping through the run (then the graph marks the current
    /// state; right after a run it shows every state's outcome instead).
    pub stepping: bool,
}

/// A change to the playground.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The definition editor's text changed.
    EditDefinition(String),
    /// The input editor's text changed.
    EditInput(String),
    /// Check the editors' text now (sent [`CHECK_DELAY_MS`] after the last edit).
    Check,
    /// Load the example with this id into both editors.
    LoadExample(String),
    /// Change one run option.
    SetOption(Field, String),
    /// Pretty-print an editor's JSON (a YAML definition becomes JSON).
    Format(Source),
    /// Pretty-print the mock config.
    FormatMocks,
    /// Run the definition on the input, here and now (no worker).
    Run,
    /// A run was handed to the worker.
    Started,
    /// The run in flight was cancelled.
    Cancelled,
    /// A run finished with this outcome.
    Finished(RunOutcome),
    /// Show this state visit in the inspector.
    Step(usize),
}

impl Playground {
    /// The playground with the first example loaded.
    pub fn new() -> Self {
        let first = examples::EXAMPLES
            .first()
            .copied()
            .unwrap_or(Example::EMPTY);
        let mut state = Self::with_work(first.work());
        state.example = Some(first.id);
        state
    }

    /// The playground holding this work (e.g. from a shared link or the autosave).
    pub fn with_work(work: Work) -> Self {
        let diagnostics = engine::check(&work.definition, &work.input);
        Self {
            definition: work.definition,
            input: work.input,
            settings: work.settings,
            example: None,
            diagnostics,
            checked: true,
            outcome: None,
            running: false,
            step: 0,
            stepping: false,
        }
    }

    /// The user's work, to save or share.
    pub fn work(&self) -> Work {
        Work {
            definition: self.definition.clone(),
            input: self.input.clone(),
            settings: self.settings.clone(),
        }
    }

    fn recheck(&mut self) {
        self.check();
        self.outcome = None;
        self.stepping = false;
    }

    fn check(&mut self) {
        self.diagnostics = engine::check(&self.definition, &self.input);
        self.checked = true;
    }

    /// A typed edit: the text changes now, the check waits for [`Action::Check`].
    fn edited(&mut self) {
        self.example = None;
        self.checked = false;
        self.outcome = None;
        self.stepping = false;
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
                next.edited();
            }
            Action::EditInput(text) => {
                next.input = text;
                next.edited();
            }
            Action::Check => {
                if next.checked {
                    return self;
                }
                next.check();
            }
            Action::LoadExample(id) => {
                let Some(example) = examples::find(&id) else {
                    return self;
                };
                let work = example.work();
                next.definition = work.definition;
                next.input = work.input;
                next.settings = work.settings;
                next.example = Some(example.id);
                next.recheck();
            }
            Action::SetOption(field, value) => {
                next.settings.set(field, value);
                next.example = None;
                next.outcome = None;
            }
            Action::Format(source) => {
                let formatted = match source {
                    Source::Definition => engine::format_definition(&next.definition),
                    Source::Input => engine::format_json(&next.input),
                };
                let Some(text) = formatted else {
                    return self;
                };
                match source {
                    Source::Definition => next.definition = text,
                    Source::Input => next.input = text,
                }
                next.recheck();
            }
            Action::FormatMocks => {
                let Some(text) = engine::format_json(&next.settings.mock_config) else {
                    return self;
                };
                next.settings.mock_config = text;
            }
            Action::Run => {
                let outcome = engine::run(&next.definition, &next.input, &next.settings);
                next.outcome = Some(outcome);
                next.running = false;
                next.step = 0;
                next.stepping = false;
            }
            Action::Started => {
                next.running = true;
                next.outcome = None;
            }
            Action::Cancelled => {
                next.running = false;
                next.outcome = Some(RunOutcome::Rejected {
                    error: "Cancelled".to_owned(),
                    message: "The run was cancelled before it finished.".to_owned(),
                });
            }
            Action::Finished(outcome) => {
                next.outcome = Some(outcome);
                next.running = false;
                next.step = 0;
                next.stepping = false;
            }
            Action::Step(i) => {
                let len = match &next.outcome {
                    Some(RunOutcome::Finished(e)) => e.trace.len(),
                    _ => 0,
                };
                if i >= len {
                    return self;
                }
                next.step = i;
                next.stepping = true;
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
    fn edits_clear_the_outcome_and_are_checked_on_check() {
        let state = reduce(Playground::new(), Action::Run);
        assert!(state.outcome.is_some());
        let state = reduce(state, Action::EditDefinition("{".to_owned()));
        assert_eq!(state.outcome, None);
        assert_eq!(
            state.example, None,
            "the editors no longer hold the example"
        );
        assert!(!state.checked, "typing does not check yet");
        assert_eq!(
            state.diagnostics,
            vec![],
            "the old diagnostics stay until the check"
        );
        let state = reduce(state, Action::Check);
        assert!(state.checked);
        assert_eq!(state.diagnostics.len(), 1);
        let valid = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        let state = reduce(state, Action::EditDefinition(valid.to_owned()));
        let state = reduce(state, Action::Check);
        assert_eq!(state.diagnostics, vec![]);
        let state = reduce(state, Action::EditInput("[".to_owned()));
        let state = reduce(state, Action::Check);
        assert_eq!(state.diagnostics.len(), 1);
        let again = reduce(state.clone(), Action::Check);
        assert_eq!(again, state, "a check of checked text changes nothing");
    }

    #[test]
    fn loading_and_formatting_check_at_once() {
        let state = reduce(Playground::new(), Action::EditInput("[".to_owned()));
        let state = reduce(state, Action::LoadExample("choice".to_owned()));
        assert!(state.checked);
        let state = reduce(state, Action::EditInput("[1,2]".to_owned()));
        let state = reduce(state, Action::Format(Source::Input));
        assert!(state.checked);
        assert_eq!(state.diagnostics, vec![]);
    }

    #[test]
    fn stepping_starts_with_a_step_and_ends_with_a_new_run_or_an_edit() {
        let state = reduce(
            Playground::new(),
            Action::LoadExample("variables".to_owned()),
        );
        let state = reduce(state, Action::Run);
        assert!(
            !state.stepping,
            "right after a run the graph shows outcomes"
        );
        let state = reduce(state, Action::Step(1));
        assert_eq!((state.step, state.stepping), (1, true));
        let unchanged = reduce(state.clone(), Action::Step(99));
        assert_eq!(unchanged, state, "a step past the end is ignored");
        let rerun = reduce(state.clone(), Action::Run);
        assert_eq!((rerun.step, rerun.stepping), (0, false));
        let edited = reduce(state, Action::EditInput("{}".to_owned()));
        assert!(!edited.stepping);
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
