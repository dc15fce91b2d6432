//! Checks and runs what the editors hold: the only module that calls `aslplay-core`, so the
//! components stay free of ASL logic.

use std::borrow::Cow;
use std::fmt;

use aslplay_core::api::billing::{estimate_cost, Prices};
use aslplay_core::api::{
    run_with_options, RunOptions, StartSyncExecutionRequest, SyncOptions, SyncRun,
};
use aslplay_core::{MachineType, Severity as CoreSeverity};
use serde::{Deserialize, Serialize};

use crate::settings::{non_empty, RunSettings};

/// Which editor a diagnostic points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// The state machine definition.
    Definition,
    /// The execution input.
    Input,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Definition => "definition",
            Source::Input => "input",
        })
    }
}

/// How serious a diagnostic is; only errors block a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    /// The definition or input cannot be used as it is.
    Error,
    /// Accepted, but probably a mistake.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
        })
    }
}

/// One problem found in an editor, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The editor it belongs to.
    pub source: Source,
    /// How serious it is.
    pub severity: Severity,
    /// AWS's ValidateStateMachineDefinition code (`INVALID_EXECUTION_INPUT` for the input).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// JSON pointer of the offending value (`/States/A/Next`), when there is one.
    pub location: Option<String>,
    /// What would be valid, when known.
    pub help: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the editor's text.
    pub range: (usize, usize),
    /// The text of the offending line (shortened around the column when long).
    pub snippet: String,
}

impl Diagnostic {
    /// An error about the definition as a whole (no position in its text).
    pub fn whole_definition(code: &str, message: &str, help: &str) -> Diagnostic {
        Diagnostic {
            source: Source::Definition,
            severity: Severity::Error,
            code: code.to_owned(),
            message: message.to_owned(),
            location: None,
            help: Some(help.to_owned()),
            line: 1,
            column: 1,
            range: (0, 0),
            snippet: String::new(),
        }
    }
}

/// What pressing Run produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunOutcome {
    /// The request was refused before an execution started, as the AWS API refuses it.
    Rejected {
        /// AWS exception name, e.g. `InvalidDefinition`.
        error: String,
        /// AWS's message.
        message: String,
    },
    /// The execution ran (whatever its status).
    Finished(Box<Execution>),
}

/// A finished execution, as the result panel shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Execution {
    /// `SUCCEEDED`, `FAILED` or `TIMED_OUT`.
    pub status: String,
    /// The output, pretty-printed, when SUCCEEDED.
    pub output: Option<String>,
    /// Error name, when not SUCCEEDED.
    pub error: Option<String>,
    /// Cause, when not SUCCEEDED.
    pub cause: Option<String>,
    /// `billingDetails.billedDurationInMilliseconds`.
    pub billed_duration_ms: u64,
    /// `billingDetails.billedMemoryUsedInMB`.
    pub billed_memory_mb: u64,
    /// Cost of this execution and of a million like it, in USD (us-east-1 Express prices).
    pub cost: String,
    /// State transitions made.
    pub transitions: u64,
    /// GetExecutionHistory events.
    pub history: Vec<HistoryRow>,
    /// Whether history recording stopped at its budget.
    pub history_truncated: bool,
    /// Events left out after the first [`VIEW_KEEP`] rows of `history` (see [`VIEW_KEEP`]).
    #[serde(default)]
    pub history_omitted: u64,
    /// The state visits, in order, with their data at each stage (see [`VIEW_KEEP`]).
    pub trace: Vec<TraceStep>,
    /// Visits left out after the first [`VIEW_KEEP`] steps of `trace`.
    #[serde(default)]
    pub trace_omitted: u64,
    /// The whole StartSyncExecution response, pretty-printed.
    pub response_json: String,
}

/// One history event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// Event id, from 1.
    pub id: u64,
    /// The event it follows (0: none).
    pub previous_event_id: u64,
    /// ISO 8601 timestamp.
    pub timestamp: String,
    /// Event type, e.g. `PassStateEntered`.
    pub event_type: String,
    /// The details object as compact JSON (empty when the event has none).
    pub details: String,
}

/// One state visit, as the inspector and the graph show it (shared with the graph crate,
/// and sent by the worker as JSON).
pub type TraceStep = aslplay_graph::Visit;

/// The definition editor's text, ready to check.
#[derive(Clone, Copy, Debug)]
pub enum Definition<'a> {
    /// JSON text (anything [`is_yaml`] says is not YAML).
    Json(&'a str),
    /// A YAML definition and the worker's conversion of it ([`convert_yaml`]): JSON text,
    /// or the located YAML syntax error.
    Yaml {
        text: &'a str,
        converted: Result<&'a str, &'a Diagnostic>,
    },
}

/// Check both editors: the definition as `ValidateStateMachineDefinition` would (type
/// EXPRESS; YAML converted to JSON first), the input as JSON. Definition diagnostics
/// come first.
pub fn check(definition: Definition<'_>, input: &str) -> Vec<Diagnostic> {
    let converted = match definition {
        Definition::Json(json) => Ok((json, false)),
        // A lone YAML scalar stays as it is (reported as JSON): its positions hold.
        Definition::Yaml { text, converted } => converted.map(|json| (json, json != text)),
    };
    let mut diagnostics = match converted {
        Err(d) => vec![d.clone()],
        Ok((json, yaml)) => {
            let report = aslplay_core::validate_definition(json, MachineType::Express);
            report
                .diagnostics
                .iter()
                .map(|d| {
                    let mut d = from_core(json, d);
                    if yaml {
                        // Positions point into the converted JSON, not the YAML text.
                        d.line = 1;
                        d.column = 1;
                        d.range = (0, 0);
                        d.snippet = String::new();
                    }
                    d
                })
                .collect()
        }
    };
    if let Err(err) = parse_input(input) {
        diagnostics.push(input_diagnostic(input, &err));
    }
    diagnostics
}

/// Whether the definition text is YAML (anything not starting with `{`, `[` or `"`, once
/// blank space and `//` comments are skipped, is read as YAML).
pub fn is_yaml(text: &str) -> bool {
    let trimmed = text.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with(['{', '[', '"', '/'])
}

/// The definition as JSON text: unchanged when it is JSON, converted when it is YAML.
/// A YAML syntax error becomes a located diagnostic.
pub fn definition_json(text: &str) -> Result<Cow<'_, str>, Box<Diagnostic>> {
    if is_yaml(text) {
        convert_yaml(text).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(text))
    }
}

/// [`check`] for text that may be YAML, converted here: for tests and native callers (the
/// page has the worker convert YAML instead).
pub fn check_text(definition: &str, input: &str) -> Vec<Diagnostic> {
    if !is_yaml(definition) {
        return check(Definition::Json(definition), input);
    }
    let converted = convert_yaml(definition);
    let converted = match &converted {
        Ok(json) => Ok(json.as_str()),
        Err(d) => Err(&**d),
    };
    check(
        Definition::Yaml {
            text: definition,
            converted,
        },
        input,
    )
}

/// A YAML definition as JSON text; a YAML syntax error becomes a located diagnostic. Only
/// the worker calls this (serde_yaml would add ~30 KB gzipped to the page): the page asks
/// it with a conversion request (see `crate::worker`).
pub fn convert_yaml(text: &str) -> Result<String, Box<Diagnostic>> {
    let value: serde_json::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let start = e.location().map_or(0, |l| l.index().min(text.len()));
        let mut start = start;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let end = text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        Box::new(Diagnostic {
            source: Source::Definition,
            severity: Severity::Error,
            code: "INVALID_YAML".to_owned(),
            message: format!("The definition is neither JSON nor valid YAML: {e}"),
            location: None,
            help: Some(
                "JSON definitions start with '{'; YAML ones are converted to JSON before checking"
                    .to_owned(),
            ),
            line,
            column,
            range: (start, end),
            snippet: snippet(text, line, column),
        })
    })?;
    if !value.is_object() {
        // A lone YAML scalar (`hello`, `<b>`) is no definition: report it as JSON would.
        return Ok(text.to_owned());
    }
    Ok(serde_json::to_string_pretty(&value).unwrap_or_default())
}

/// JSON text pretty-printed with two-space indents; `None` when it does not parse.
pub fn format_json(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&value).ok().map(|mut s| {
        s.push('\n');
        s
    })
}

fn rejected(error: &str, message: impl Into<String>) -> RunOutcome {
    RunOutcome::Rejected {
        error: error.to_owned(),
        message: message.into(),
    }
}

/// Run the definition on the input as StartSyncExecution on a freshly created machine, with
/// the options panel's settings. Start time and seed are explicit, so a run (and a shared
/// link) always gives the same result.
pub fn run(definition: &str, input: &str, settings: &RunSettings) -> RunOutcome {
    let definition = match definition_json(definition) {
        Ok(json) => json.into_owned(),
        Err(d) => {
            return rejected(
                "InvalidDefinition",
                format!(
                    "Invalid State Machine Definition: 'INVALID_YAML: {} at line {} column {}'",
                    d.message, d.line, d.column
                ),
            )
        }
    };
    let seed = settings.seed.trim();
    let seed = if seed.is_empty() {
        0
    } else {
        match seed.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                return rejected(
                    "InvalidOptions",
                    format!("seed '{seed}' is not a whole number from 0 to 18446744073709551615"),
                )
            }
        }
    };
    let mock_config = match non_empty(&settings.mock_config) {
        None => None,
        Some(text) => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                return rejected(
                    "InvalidMockConfig",
                    format!("The mock config is not valid JSON: {e}"),
                )
            }
        },
    };
    let machine_type = match settings.machine_type.as_str() {
        "STANDARD" => MachineType::Standard,
        _ => MachineType::Express,
    };
    let options = RunOptions {
        definition,
        state_machine_name: non_empty(&settings.state_machine_name),
        machine_type: Some(machine_type),
        test_case: non_empty(&settings.test_case),
        sync: SyncOptions {
            seed,
            start_time: non_empty(&settings.start_time),
            mock_config,
            ..SyncOptions::default()
        },
        ..RunOptions::default()
    };
    let request = StartSyncExecutionRequest {
        input: non_empty(input),
        name: (!settings.execution_name.is_empty()).then(|| settings.execution_name.clone()),
        trace_header: non_empty(&settings.trace_header),
        included_data: non_empty(&settings.included_data),
        ..StartSyncExecutionRequest::default()
    };
    match run_with_options(&request, &options) {
        Ok(run) => RunOutcome::Finished(Box::new(execution_view(&run))),
        Err(err) => rejected(err.code.as_str(), err.message),
    }
}

/// A long run hands the page only the first and the last `VIEW_KEEP` history events and
/// state visits: parsing and drawing every event and visit of a 100,000-transition run blocked
/// the page's thread for 21 s (measured in tests/e2e/robust.spec.js). The rest is counted in
/// `*_omitted`.
pub const VIEW_KEEP: usize = 200;

/// The first and last [`VIEW_KEEP`] of `items`, mapped, and how many were left out between.
fn head_and_tail<T, U>(items: &[T], map: impl Fn(&T) -> U) -> (Vec<U>, u64) {
    let keep = VIEW_KEEP * 2;
    if items.len() <= keep {
        return (items.iter().map(map).collect(), 0);
    }
    let head = items.iter().take(VIEW_KEEP);
    let tail = items.iter().skip(items.len() - VIEW_KEEP);
    let omitted = (items.len() - keep) as u64;
    (head.chain(tail).map(map).collect(), omitted)
}

fn execution_view(run: &SyncRun) -> Execution {
    let response = &run.response;
    let (history, history_omitted) = head_and_tail(&run.history, |e| HistoryRow {
        id: e.id,
        previous_event_id: e.previous_event_id,
        timestamp: aslplay_core::time::format_iso8601(e.timestamp_ms),
        event_type: e.event_type.clone(),
        details: if e.details_key.is_empty() {
            String::new()
        } else {
            e.details.to_string()
        },
    });
    let (trace, trace_omitted) = head_and_tail(&run.trace, TraceStep::from_trace);
    let million = estimate_cost(&response.billing_details, 1_000_000, &Prices::default());
    Execution {
        status: response.status.as_str().to_owned(),
        output: response.output.as_deref().map(pretty),
        error: response.error.clone(),
        cause: response.cause.clone(),
        billed_duration_ms: response.billing_details.billed_duration_in_milliseconds,
        billed_memory_mb: response.billing_details.billed_memory_used_in_mb,
        cost: format!(
            "${:.8} per execution, ${:.2} per million",
            million.per_execution_usd, million.total_usd
        ),
        transitions: run.transitions,
        history,
        history_truncated: run.history_truncated,
        history_omitted,
        trace,
        trace_omitted,
        response_json: serde_json::to_string_pretty(response).unwrap_or_default(),
    }
}

/// The inspector's label for `$states` (JSONata states).
pub use aslplay_graph::STATES_STAGE;

/// JSON text pretty-printed (unchanged when it does not parse).
fn pretty(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_owned())
}

/// Parse the execution input; an empty input means `{}`, as StartSyncExecution treats an
/// omitted input.
fn parse_input(input: &str) -> Result<serde_json::Value, serde_json::Error> {
    if input.trim().is_empty() {
        Ok(serde_json::Value::Object(serde_json::Map::new()))
    } else {
        serde_json::from_str(input)
    }
}

fn from_core(text: &str, d: &aslplay_core::Diagnostic) -> Diagnostic {
    let (range, line, column) = match &d.span {
        Some(span) => ((span.start, span.end), span.line, span.column),
        None => ((0, 0), 1, 1),
    };
    Diagnostic {
        source: Source::Definition,
        severity: match d.severity {
            CoreSeverity::Error => Severity::Error,
            CoreSeverity::Warning => Severity::Warning,
        },
        code: d.code.as_str().to_owned(),
        message: d.message.clone(),
        location: d.location.clone(),
        help: d.help.clone(),
        line,
        column,
        range,
        snippet: if d.span.is_some() {
            snippet(text, line, column)
        } else {
            String::new()
        },
    }
}

fn input_diagnostic(text: &str, err: &serde_json::Error) -> Diagnostic {
    // serde_json counts columns in bytes, and reports column 0 right after a newline.
    let line = err.line().max(1);
    let start = byte_offset(text, line, err.column().max(1));
    let line_start = byte_offset(text, line, 1);
    let column = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let reason = full.strip_suffix(&suffix).unwrap_or(&full);
    let end = text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .map_or(start, |c| start + c.len_utf8());
    Diagnostic {
        source: Source::Input,
        severity: Severity::Error,
        code: "INVALID_EXECUTION_INPUT".to_owned(),
        message: format!("The input is not valid JSON: {reason}"),
        location: None,
        help: Some("an execution input is any JSON value; an empty input means {}".to_owned()),
        line,
        column,
        range: (start, end),
        snippet: snippet(text, line, column),
    }
}

/// Byte offset of the 1-based `line` and byte `column`, clamped to that line and moved back
/// to a character boundary.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for (index, line_text) in text.split('\n').enumerate() {
        if index + 1 == line {
            let mut at = column.saturating_sub(1).min(line_text.len());
            while !line_text.is_char_boundary(at) {
                at -= 1;
            }
            return line_start + at;
        }
        line_start += line_text.len() + 1;
    }
    text.len()
}

/// Longest snippet shown, in characters.
const SNIPPET_CHARS: usize = 80;

/// The text of `line`, cut to about [`SNIPPET_CHARS`] characters around the 1-based
/// character `column`.
fn snippet(text: &str, line: usize, column: usize) -> String {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let line_text = line_text.trim_end_matches('\r');
    let chars: Vec<char> = line_text.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return line_text.to_owned();
    }
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SNIPPET_CHARS / 2);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let start = end.saturating_sub(SNIPPET_CHARS);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars.get(start..end).unwrap_or_default());
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Offset in UTF-16 code units (what a `<textarea>` selection uses) of byte offset `byte`
/// in `text`; clamped to the text and moved back to a character boundary.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut at = byte.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let units = text.get(..at).map_or(0, |s| s.encode_utf16().count());
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

    #[test]
    fn valid_definition_and_input_have_no_diagnostics() {
        assert_eq!(check_text(HELLO, r#"{"a": 1}"#), vec![]);
        assert_eq!(check_text(HELLO, "  \n"), vec![], "empty input means {{}}");
    }

    /// (definition, input, expected [(source, code, line, column, located text)]).
    type Case = (
        &'static str,
        &'static str,
        &'static [(Source, &'static str, usize, usize, &'static str)],
    );

    #[test]
    fn problems_are_located() {
        let cases: &[Case] = &[
            (
                "{\n  \"StartAt\": \"A\"\n  \"States\": {}\n}",
                "{}",
                &[(Source::Definition, "INVALID_JSON_DESCRIPTION", 3, 3, "\"")],
            ),
            (
                r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#,
                "{}",
                &[
                    (
                        Source::Definition,
                        "MISSING_TRANSITION_TARGET",
                        1,
                        59,
                        "\"B\"",
                    ),
                    (Source::Definition, "MISSING_END_STATE", 1, 1, ""),
                ],
            ),
            (
                HELLO,
                "{\"a\": tru}",
                &[(Source::Input, "INVALID_EXECUTION_INPUT", 1, 10, "}")],
            ),
            (
                HELLO,
                "{\"€\": x}",
                &[(Source::Input, "INVALID_EXECUTION_INPUT", 1, 7, "x")],
            ),
            (
                "{",
                "[",
                &[
                    (Source::Definition, "INVALID_JSON_DESCRIPTION", 1, 1, "{"),
                    (Source::Input, "INVALID_EXECUTION_INPUT", 1, 1, "["),
                ],
            ),
            (
                " ",
                "{}",
                &[(Source::Definition, "SCHEMA_VALIDATION_FAILED", 1, 1, "")],
            ),
        ];
        for (definition, input, expected) in cases {
            let got: Vec<_> = check_text(definition, input)
                .into_iter()
                .map(|d| {
                    let text = match d.source {
                        Source::Definition => definition,
                        Source::Input => input,
                    };
                    let located = text.get(d.range.0..d.range.1).unwrap_or("?");
                    (d.source, d.code, d.line, d.column, located.to_owned())
                })
                .collect();
            let expected: Vec<_> = expected
                .iter()
                .map(|(s, c, l, col, t)| (*s, c.to_string(), *l, *col, t.to_string()))
                .collect();
            assert_eq!(got, expected, "{definition} / {input}");
        }
    }

    #[test]
    fn markup_is_kept_verbatim_in_snippets() {
        let d = check_text("<img src=x onerror=alert(1)>", "{}");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].snippet, "<img src=x onerror=alert(1)>");
        let d = check_text(HELLO, "{\"html\": \"<b>\"");
        assert_eq!(d[0].snippet, "{\"html\": \"<b>\"");
    }

    fn rejected(definition: &str, input: &str) -> (String, String) {
        match run(definition, input, &RunSettings::default()) {
            RunOutcome::Rejected { error, message } => (error, message),
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    fn finished(definition: &str, input: &str) -> Execution {
        match run(definition, input, &RunSettings::default()) {
            RunOutcome::Finished(execution) => *execution,
            other => panic!("expected an execution, got {other:?}"),
        }
    }

    #[test]
    fn run_rejects_invalid_requests_like_aws() {
        let (error, message) = rejected("{", "{}");
        assert_eq!(error, "InvalidDefinition");
        assert!(
            message.starts_with("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION"),
            "{message}"
        );
        let (error, message) = rejected(HELLO, "nope");
        assert_eq!(error, "InvalidExecutionInput");
        assert!(
            message.starts_with("Invalid State Machine Execution Input: "),
            "{message}"
        );
    }

    #[test]
    fn run_executes_and_reports_like_start_sync_execution() {
        let pass = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "End": true}}}"#;
        let e = finished(pass, r#"{"a": true}"#);
        assert_eq!(e.status, "SUCCEEDED");
        assert_eq!(
            e.output.as_deref(),
            Some("{\n  \"a\": true,\n  \"r\": {\n    \"x\": 1\n  }\n}")
        );
        assert_eq!((e.error, e.cause), (None, None));
        // A two-transition run bills the minimums: 100 ms and 64 MB.
        assert_eq!((e.billed_duration_ms, e.billed_memory_mb), (100, 64));
        let types: Vec<_> = e.history.iter().map(|h| h.event_type.as_str()).collect();
        assert_eq!(
            types,
            [
                "ExecutionStarted",
                "PassStateEntered",
                "PassStateExited",
                "ExecutionSucceeded"
            ]
        );
        assert_eq!(e.history[0].id, 1);
        assert!(e.response_json.contains("\"billingDetails\""));

        let fail = r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "<b>bad</b>"}}}"#;
        let e = finished(fail, "");
        assert_eq!(e.status, "FAILED");
        assert_eq!(e.output, None);
        assert_eq!(e.error.as_deref(), Some("Oops"));
        assert_eq!(e.cause.as_deref(), Some("<b>bad</b>"));
    }

    #[test]
    fn yaml_definitions_are_converted() {
        let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {x: 1}\n    End: true\n";
        assert!(is_yaml(yaml));
        assert_eq!(check_text(yaml, "{}"), vec![]);
        let e = finished(yaml, "{}");
        assert_eq!(e.status, "SUCCEEDED");
        assert_eq!(e.output.as_deref(), Some("{\n  \"x\": 1\n}"));
        assert!(format_json(&convert_yaml(yaml).unwrap())
            .is_some_and(|j| j.starts_with("{\n  \"StartAt\": \"A\"")));

        let broken = "StartAt: A\nStates:\n  A: [unclosed\n";
        let d = check_text(broken, "{}");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code.as_str(), d[0].line), ("INVALID_YAML", 4));
        let (error, message) = rejected(broken, "{}");
        assert_eq!(error, "InvalidDefinition");
        assert!(message.contains("INVALID_YAML"), "{message}");

        // Validation problems in YAML are reported with their JSON pointer.
        let d = check_text("StartAt: A\nStates:\n  A: {Type: Pass, Next: B}\n", "{}");
        assert!(
            d.iter()
                .any(|d| d.location.as_deref() == Some("/States/A/Next")),
            "{d:?}"
        );
    }

    #[test]
    fn run_options_reach_the_request() {
        let hello = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"n.$": "$$.Execution.Name", "m.$": "$$.StateMachine.Name", "t.$": "$$.Execution.StartTime"}, "End": true}}}"#;
        let settings = RunSettings {
            execution_name: "my-run".into(),
            state_machine_name: "Machine".into(),
            start_time: "2030-05-01T10:00:00Z".into(),
            trace_header: "Root=1-abc".into(),
            ..RunSettings::default()
        };
        let RunOutcome::Finished(e) = run(hello, "{}", &settings) else {
            panic!("refused");
        };
        let out = e.output.unwrap_or_default();
        assert!(out.contains("\"n\": \"my-run\""), "{out}");
        assert!(out.contains("\"m\": \"Machine\""), "{out}");
        assert!(out.contains("2030-05-01T10:00:00"), "{out}");
        assert!(e.response_json.contains("Root=1-abc"));
        assert!(e.cost.contains("per million"), "{}", e.cost);

        let metadata = RunSettings {
            included_data: "METADATA_ONLY".into(),
            ..RunSettings::default()
        };
        let RunOutcome::Finished(e) = run(hello, "{}", &metadata) else {
            panic!("refused");
        };
        assert_eq!(e.output, None);

        let cases: &[(RunSettings, &str, &str)] = &[
            (
                RunSettings {
                    execution_name: "bad name".into(),
                    ..RunSettings::default()
                },
                "InvalidName",
                "bad name",
            ),
            (
                RunSettings {
                    machine_type: "STANDARD".into(),
                    ..RunSettings::default()
                },
                "StateMachineTypeNotSupported",
                "not supported",
            ),
            (
                RunSettings {
                    seed: "x".into(),
                    ..RunSettings::default()
                },
                "InvalidOptions",
                "seed",
            ),
            (
                RunSettings {
                    start_time: "soon".into(),
                    ..RunSettings::default()
                },
                "InvalidOptions",
                "startTime",
            ),
            (
                RunSettings {
                    mock_config: "{".into(),
                    ..RunSettings::default()
                },
                "InvalidMockConfig",
                "not valid JSON",
            ),
            (
                RunSettings {
                    state_machine_name: "a b".into(),
                    ..RunSettings::default()
                },
                "InvalidName",
                "",
            ),
            (
                RunSettings {
                    test_case: "Nope".into(),
                    ..RunSettings::default()
                },
                "InvalidName",
                "Nope",
            ),
        ];
        for (settings, code, text) in cases {
            match run(hello, "{}", settings) {
                RunOutcome::Rejected { error, message } => {
                    assert_eq!(error, *code, "{message}");
                    assert!(message.contains(text), "{message}");
                }
                other => panic!("{settings:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn traces_show_each_stage() {
        let def = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.x", "Result": 5, "ResultPath": "$.r", "Assign": {"v": 1}, "End": true}}}"#;
        let e = finished(def, r#"{"x": {"y": 1}}"#);
        assert_eq!(e.trace.len(), 1);
        let t = &e.trace[0];
        assert_eq!((t.name.as_str(), t.state_type.as_str()), ("A", "Pass"));
        let labels: Vec<_> = t.stages.iter().map(|(l, _)| l.as_str()).collect();
        assert!(
            labels.contains(&"Input") && labels.contains(&"After InputPath"),
            "{labels:?}"
        );
        assert!(labels.contains(&"After ResultPath"), "{labels:?}");
        assert_eq!(t.variables_before, "");
        assert!(t.variables_after.contains("\"v\": 1"));
    }

    #[test]
    fn jsonata_traces_show_states_and_jsonpath_traces_do_not() {
        let def = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
            "A": {"Type": "Pass", "Output": "{% $states.input.n + 1 %}", "Next": "F"},
            "F": {"Type": "Map", "Items": "{% [1] %}", "ItemProcessor": {"StartAt": "X",
                  "States": {"X": {"Type": "Fail", "Error": "Boom"}}},
                  "Catch": [{"ErrorEquals": ["States.ALL"],
                  "Output": "{% $states.errorOutput %}", "Next": "Done"}], "End": true},
            "Done": {"Type": "Succeed"}}}"#;
        let e = finished(def, r#"{"n": 1}"#);
        let states = |name: &str| {
            let Some(t) = e.trace.iter().find(|t| t.name == name) else {
                panic!("{name} not in the trace");
            };
            let (_, json) = t
                .stages
                .iter()
                .find(|(l, _)| l == STATES_STAGE)
                .unwrap_or_else(|| panic!("no $states in {:?}", t.stages));
            serde_json::from_str::<serde_json::Value>(json).expect("JSON")
        };
        let a = states("A");
        assert_eq!(a["input"], serde_json::json!({"n": 1}));
        assert_eq!(a["context"]["State"]["Name"], "A");
        let f = states("F");
        assert_eq!(f["input"], serde_json::json!(2));
        assert_eq!(f["errorOutput"]["Error"], "Boom", "{f}");
        let plain = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
        let e = finished(plain, "{}");
        assert!(e.trace[0].stages.iter().all(|(l, _)| l != STATES_STAGE));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}x{}", "a".repeat(100), "b".repeat(100));
        let cut = snippet(&line, 1, 101);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains('x'));
        assert_eq!(cut.chars().count(), SNIPPET_CHARS + 2);
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "ab\n€😀x\n";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 3), 3);
        // "€" is 3 bytes / 1 unit, "😀" 4 bytes / 2 units: byte 10 is "x".
        assert_eq!(utf16_offset(text, 10), 6);
        assert_eq!(utf16_offset(text, 8), 4, "inside a character moves back");
        assert_eq!(utf16_offset(text, 99), 8, "past the end clamps");
    }
}
