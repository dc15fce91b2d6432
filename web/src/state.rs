//! Everything the playground shows, changed only through [`Action`]s (one Yew reducer).

use std::rc::Rc;

use yew::Reducible;

use serde::{Deserialize, Serialize};

use crate::engine::{self, Definition, Diagnostic, RunOutcome, Source};
use crate::examples::{self, Example};
use crate::settings::{Field, RunSettings};
use crate::worker::YamlConversion;

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
    /// The worker's latest conversion of a YAML definition (the page has no YAML parser).
    pub yaml: Option<Rc<YamlConversion>>,
    /// A check is waiting for the worker to convert the YAML definition ([`Self::yaml_wanted`]).
    pub awaiting_yaml: bool,
    /// Format was pressed on a YAML definition not converted yet: format on conversion.
    pub format_on_conversion: bool,
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
    /// A run was handed to the worker.
    Started,
    /// The run in flight was cancelled.
    Cancelled,
    /// The worker converted a YAML definition.
    YamlConverted(YamlConversion),
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
        let mut state = Self {
            definition: work.definition,
            input: work.input,
            settings: work.settings,
            example: None,
            diagnostics: Vec::new(),
            checked: false,
            yaml: None,
            awaiting_yaml: false,
            format_on_conversion: false,
            outcome: None,
            running: false,
            step: 0,
            stepping: false,
        };
        state.check();
        state
    }

    /// The definition ready to check: `None` while a YAML definition waits for its conversion.
    fn definition(&self) -> Option<Definition<'_>> {
        if !engine::is_yaml(&self.definition) {
            return Some(Definition::Json(&self.definition));
        }
        let conversion = self.yaml.as_ref().filter(|c| c.yaml == self.definition)?;
        Some(Definition::Yaml {
            text: &self.definition,
            converted: match &conversion.json {
                Ok(json) => Ok(json.as_str()),
                Err(d) => Err(&**d),
            },
        })
    }

    /// The YAML definition the worker should convert so the check can finish, if any.
    pub fn yaml_wanted(&self) -> Option<&str> {
        self.awaiting_yaml.then_some(self.definition.as_str())
    }

    /// The definition as JSON for the graph: a YAML one as last converted (the graph keeps
    /// the last good drawing while a newer conversion is on its way).
    pub fn graph_json(&self) -> &str {
        if !engine::is_yaml(&self.definition) {
            return &self.definition;
        }
        match self.yaml.as_deref() {
            Some(YamlConversion { json: Ok(json), .. }) => json,
            _ => "",
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
        match self.definition() {
            Some(definition) => {
                self.diagnostics = engine::check(definition, &self.input);
                self.checked = true;
                self.awaiting_yaml = false;
            }
            None => {
                self.checked = false;
                self.awaiting_yaml = true;
            }
        }
    }

    /// A typed edit: the text changes now, the check waits for [`Action::Check`].
    fn edited(&mut self) {
        self.format_on_conversion = false;
        // The next check asks for a conversion (not every keystroke).
        self.awaiting_yaml = false;
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
                    Source::Definition => match next.definition() {
                        Some(Definition::Json(json)) => engine::format_json(json),
                        Some(Definition::Yaml {
                            converted: Ok(json),
                            ..
                        }) => engine::format_json(json),
                        Some(Definition::Yaml { .. }) => None,
                        None => {
                            // Ask the worker for the conversion, and format when it comes.
                            next.awaiting_yaml = true;
                            next.format_on_conversion = true;
                            return Rc::new(next);
                        }
                    },
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
            Action::YamlConverted(conversion) => {
                let current = conversion.yaml == next.definition;
                if !current && next.yaml.is_some() {
                    return self;
                }
                next.yaml = Some(Rc::new(conversion));
                if current && next.awaiting_yaml {
                    next.check();
                }
                if current && std::mem::take(&mut next.format_on_conversion) {
                    return Rc::new(next).reduce(Action::Format(Source::Definition));
                }
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

    /// What the runner does for a Run: the outcome arrives as `Finished`.
    fn run(state: Playground) -> Playground {
        let outcome = engine::run(&state.definition, &state.input, &state.settings);
        reduce(state, Action::Finished(outcome))
    }

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
        let state = run(Playground::new());
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
        let state = run(state);
        assert!(
            !state.stepping,
            "right after a run the graph shows outcomes"
        );
        let state = reduce(state, Action::Step(1));
        assert_eq!((state.step, state.stepping), (1, true));
        let unchanged = reduce(state.clone(), Action::Step(99));
        assert_eq!(unchanged, state, "a step past the end is ignored");
        let rerun = run(state.clone());
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

    #[test]
    fn a_yaml_definition_is_checked_once_the_worker_converted_it() {
        let convert = |yaml: &str| YamlConversion {
            yaml: yaml.to_owned(),
            json: engine::convert_yaml(yaml),
        };
        let yaml = "StartAt: A\nStates:\n  A: {Type: Pass, Next: B}\n";
        let state = reduce(Playground::new(), Action::EditDefinition(yaml.to_owned()));
        let state = reduce(state, Action::Check);
        assert!(!state.checked, "no parser on the page: the check waits");
        assert_eq!(state.yaml_wanted(), Some(yaml));
        assert_eq!(state.graph_json(), "", "nothing converted yet");
        // A conversion of older text does not finish the check.
        let stale = reduce(
            state.clone(),
            Action::YamlConverted(convert("StartAt: X\n")),
        );
        assert!(!stale.checked);
        let state = reduce(state, Action::YamlConverted(convert(yaml)));
        assert!(state.checked && !state.awaiting_yaml);
        assert_eq!(state.yaml_wanted(), None);
        let codes: Vec<_> = state.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["MISSING_TRANSITION_TARGET", "MISSING_END_STATE"]);
        assert!(state.graph_json().starts_with('{'));
        // Format turns the converted YAML into JSON text.
        let formatted = reduce(state.clone(), Action::Format(Source::Definition));
        assert!(formatted.definition.starts_with("{\n  \"StartAt\": \"A\""));
        assert!(formatted.checked);
        // An edit keeps the last drawing until the next conversion arrives.
        let edited = reduce(state, Action::EditDefinition(format!("{yaml}# more\n")));
        let edited = reduce(edited, Action::Check);
        assert!(edited.awaiting_yaml);
        assert!(edited.graph_json().starts_with('{'));
        let typing = reduce(edited, Action::EditDefinition("A: 1\n".to_owned()));
        assert_eq!(typing.yaml_wanted(), None, "typing asks for nothing");
    }

    #[test]
    fn format_of_unconverted_yaml_waits_for_the_conversion() {
        let yaml = "StartAt: B\nStates: {B: {Type: Succeed}}\n";
        let state = reduce(Playground::new(), Action::EditDefinition(yaml.to_owned()));
        let state = reduce(state, Action::Format(Source::Definition));
        assert_eq!(state.definition, yaml);
        assert_eq!(state.yaml_wanted(), Some(yaml));
        let converted = YamlConversion {
            yaml: yaml.to_owned(),
            json: engine::convert_yaml(yaml),
        };
        let state = reduce(state, Action::YamlConverted(converted));
        assert!(state.definition.starts_with("{\n  \"StartAt\": \"B\""));
        assert!(state.checked);
        assert_eq!(state.diagnostics, vec![]);
    }
}
