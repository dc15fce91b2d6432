//! Definition validation with the shape of AWS's `ValidateStateMachineDefinition`.
//!
//! Three stages: JSON syntax ([`crate::json`]), schema (the model builder), and rules over the
//! built model (transitions, reachability, names, resources, Express restrictions).

mod resources;
mod rules;
pub mod syntax;

use crate::diagnostic::{Diagnostic, DiagnosticCode, DiagnosticSink};
use crate::json::{self, SourceMap};
use crate::model::{build, StateMachine};
use serde::{Deserialize, Serialize};

/// The type of state machine being validated (some rules differ for Express).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MachineType {
    /// `STANDARD` (AWS's default).
    #[default]
    Standard,
    /// `EXPRESS`.
    Express,
}

impl std::str::FromStr for MachineType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "STANDARD" => Ok(Self::Standard),
            "EXPRESS" => Ok(Self::Express),
            _ => Err(format!(
                "unknown state machine type '{s}': expected STANDARD or EXPRESS"
            )),
        }
    }
}

/// `OK` or `FAIL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ValidationResult {
    /// No errors (warnings allowed).
    Ok,
    /// At least one error.
    Fail,
}

/// The response of `ValidateStateMachineDefinition`:
/// `{"result": "OK"|"FAIL", "diagnostics": [...], "truncated": false}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// `OK` unless there is an error.
    pub result: ValidationResult,
    /// Errors and warnings, in document order per stage.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether diagnostics were cut at `max_results`.
    pub truncated: bool,
}

/// AWS's default (and maximum) number of diagnostics returned.
pub const DEFAULT_MAX_RESULTS: usize = 100;

/// Parses and schema-checks a definition: the typed model (when its shape allows building
/// one) and every JSON and schema diagnostic. A model may come with errors: use
/// [`load_definition`] to get a model only when the whole definition is valid.
pub fn parse_definition(text: &str) -> (Option<StateMachine>, Vec<Diagnostic>) {
    let map = SourceMap::new(text);
    let (root, mut diagnostics) = match read_json(text, &map) {
        Ok(root) => (root, Vec::new()),
        Err(d) => return (None, vec![*d]),
    };
    let mut sink = DiagnosticSink::new(&map, Some(&root));
    let machine = build::build_machine(&root, &mut sink);
    diagnostics.extend(sink.finish());
    (machine, diagnostics)
}

/// Validates a definition like `ValidateStateMachineDefinition` (all diagnostics, at most
/// [`DEFAULT_MAX_RESULTS`]).
pub fn validate_definition(text: &str, machine_type: MachineType) -> ValidationReport {
    validate_definition_with(text, machine_type, DEFAULT_MAX_RESULTS)
}

/// [`validate_definition`] with a custom limit on the number of diagnostics.
pub fn validate_definition_with(
    text: &str,
    machine_type: MachineType,
    max_results: usize,
) -> ValidationReport {
    let (_, mut diagnostics) = check(text, machine_type);
    let truncated = diagnostics.len() > max_results;
    diagnostics.truncate(max_results);
    let failed = diagnostics.iter().any(Diagnostic::is_error) || truncated;
    ValidationReport {
        result: if failed {
            ValidationResult::Fail
        } else {
            ValidationResult::Ok
        },
        diagnostics,
        truncated,
    }
}

/// Parses and fully validates a definition: the model when there is no error, else every
/// diagnostic (errors and warnings). This is what an executor should load machines with.
pub fn load_definition(
    text: &str,
    machine_type: MachineType,
) -> Result<(StateMachine, Vec<Diagnostic>), Vec<Diagnostic>> {
    match check(text, machine_type) {
        (Some(machine), diagnostics) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok((machine, diagnostics))
        }
        (_, diagnostics) => Err(diagnostics),
    }
}

/// The message `CreateStateMachine` fails with (`InvalidDefinition`), or `None` when the
/// definition would be accepted: `Invalid State Machine Definition: 'CODE: message at
/// location, CODE: message at location'`.
pub fn create_state_machine_error(text: &str, machine_type: MachineType) -> Option<String> {
    let (_, diagnostics) = check(text, machine_type);
    invalid_definition_message(&diagnostics)
}

/// Formats errors the way `CreateStateMachine` quotes them; `None` without errors.
pub fn invalid_definition_message(diagnostics: &[Diagnostic]) -> Option<String> {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::aws_text)
        .collect();
    if errors.is_empty() {
        return None;
    }
    Some(format!(
        "Invalid State Machine Definition: '{}'",
        errors.join(", ")
    ))
}

/// All stages.
fn check(text: &str, machine_type: MachineType) -> (Option<StateMachine>, Vec<Diagnostic>) {
    let map = SourceMap::new(text);
    let root = match read_json(text, &map) {
        Ok(root) => root,
        Err(d) => return (None, vec![*d]),
    };
    let mut sink = DiagnosticSink::new(&map, Some(&root));
    let machine = build::build_machine(&root, &mut sink);
    if let Some(m) = &machine {
        rules::check_machine(m, machine_type, &mut sink);
    }
    (machine, sink.finish())
}

/// JSON stage: the tree, or one INVALID_JSON_DESCRIPTION / MISSING_DESCRIPTION /
/// TOO_DEEPLY_NESTED diagnostic.
fn read_json(text: &str, map: &SourceMap) -> Result<json::JsonNode, Box<Diagnostic>> {
    // AWS (recorded): a blank definition is not "missing" but not an object either.
    if text.trim().is_empty() {
        return Err(Box::new(not_an_object("the definition is blank")));
    }
    let root = json::parse(text).map_err(|e| {
        let code = if e.message.contains("nested too deeply") {
            DiagnosticCode::TooDeeplyNested
        } else {
            DiagnosticCode::InvalidJsonDescription
        };
        let pos = map.line_col(e.span.start);
        let mut d = Diagnostic::new(
            code,
            None,
            format!("{} at line {}, column {}", e.message, pos.line, pos.column),
        );
        d.span = Some(crate::diagnostic::SourceSpan::from_span(e.span, map));
        Box::new(d)
    })?;
    match &root.kind {
        json::NodeKind::Object(_) => Ok(root),
        // MISSING_DESCRIPTION is AWS's code for "a null or empty workflow input".
        json::NodeKind::Null => Err(Box::new(
            Diagnostic::new(
                DiagnosticCode::MissingDescription,
                None,
                "The state machine definition is null",
            )
            .with_help("a definition is a JSON object with \"StartAt\" and \"States\""),
        )),
        _ => {
            let mut d = not_an_object(&format!("found {}", root.type_name()));
            d.span = Some(crate::diagnostic::SourceSpan::from_span(root.span, map));
            Err(Box::new(d))
        }
    }
}

/// AWS's diagnostic for a definition whose top level is not a JSON object (no location).
fn not_an_object(found: &str) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::SchemaValidationFailed,
        None,
        "Definition must be a valid JSON object",
    )
    .with_help(format!(
        "{found}; a definition is a JSON object with \"StartAt\" and \"States\""
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str, t: MachineType) -> Vec<(String, String, String)> {
        validate_definition(text, t)
            .diagnostics
            .into_iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    d.location.unwrap_or_default(),
                    d.message,
                )
            })
            .collect()
    }

    #[test]
    fn valid_machine_builds_a_model() {
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#;
        let (m, d) = parse_definition(text);
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        assert_eq!(m.start_at, "A");
        assert_eq!(m.states.len(), 2);
        assert_eq!(m.state("A").unwrap().pointer, "/States/A");
        assert!(load_definition(text, MachineType::Express).is_ok());
        let report = validate_definition(text, MachineType::Standard);
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            serde_json::json!({"result": "OK", "diagnostics": [], "truncated": false})
        );
    }

    #[test]
    fn reports_every_problem_with_aws_wording() {
        let text = r#"{"States": {"A": {"Type": "Pass", "Next": "Nope", "Foo": 1}}}"#;
        let got = codes(text, MachineType::Standard);
        assert_eq!(
            got,
            vec![
                (
                    "SCHEMA_VALIDATION_FAILED".into(),
                    "/".into(),
                    "These fields are required: [StartAt]".into()
                ),
                (
                    "SCHEMA_VALIDATION_FAILED".into(),
                    "/States/A".into(),
                    "Field 'Foo' is not supported".into()
                ),
            ]
        );
        let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"}, "B": {"Type": "Succeed"}}}"#;
        let report = validate_definition(text, MachineType::Standard);
        assert_eq!(report.result, ValidationResult::Fail);
        assert_eq!(
            invalid_definition_message(&report.diagnostics).unwrap(),
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: C at /States/A/Next, MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B'"
        );
    }

    #[test]
    fn json_errors_carry_positions() {
        let report = validate_definition("{\n  \"StartAt\": 1,\n}", MachineType::Standard);
        assert_eq!(report.result, ValidationResult::Fail);
        let d = &report.diagnostics[0];
        assert_eq!(d.code, DiagnosticCode::InvalidJsonDescription);
        let span = d.span.unwrap();
        assert_eq!((span.line, span.column), (3, 1));
        assert!(d.message.contains("trailing comma"), "{}", d.message);
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let report = validate_definition(&deep, MachineType::Standard);
        assert_eq!(report.diagnostics[0].code, DiagnosticCode::TooDeeplyNested);
        // Recorded AWS answers: a blank definition is "not a JSON object"; `null` is missing.
        let report = validate_definition("  ", MachineType::Standard);
        let d = &report.diagnostics[0];
        assert_eq!(d.code, DiagnosticCode::SchemaValidationFailed);
        assert_eq!(d.message, "Definition must be a valid JSON object");
        assert_eq!(d.location, None);
        let report = validate_definition("null", MachineType::Standard);
        assert_eq!(
            report.diagnostics[0].code,
            DiagnosticCode::MissingDescription
        );
    }

    #[test]
    fn spans_point_at_the_field() {
        let text = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true, \"Bad\": 1}}}";
        let report = validate_definition(text, MachineType::Standard);
        let span = report.diagnostics[0].span.unwrap();
        assert_eq!(&text[span.start..span.end], "\"Bad\"");
    }
}
