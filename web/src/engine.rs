//! Checks and runs what the editors hold. The only module that interprets definitions, so
//! the components stay free of ASL logic.

use std::fmt;

/// Which editor a diagnostic points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// How serious a diagnostic is; `Error` blocks a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The definition or input cannot be used as it is.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "ERROR",
        })
    }
}

/// One problem found in an editor, located by line and column (both 1-based; the column
/// counts bytes, as serde_json reports it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The editor it belongs to.
    pub source: Source,
    /// How serious it is.
    pub severity: Severity,
    /// A stable code, using AWS's ValidateStateMachineDefinition codes where one applies.
    pub code: &'static str,
    /// What is wrong, in one short sentence.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based byte column within the line.
    pub column: usize,
    /// The text of the offending line (shortened around the column when long).
    pub snippet: String,
}

/// What pressing Run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// The request was refused before an execution started, as StartSyncExecution refuses a
    /// malformed request; `error` is the AWS exception name.
    Rejected {
        /// AWS exception name, e.g. `InvalidDefinition`.
        error: &'static str,
        /// What was wrong.
        message: String,
    },
    /// Definition and input are well-formed JSON, but this build has no interpreter to
    /// execute them yet.
    NotExecuted,
}

/// Check both editors; every problem found, definition first.
pub fn check(definition: &str, input: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if definition.trim().is_empty() {
        diagnostics.push(Diagnostic {
            source: Source::Definition,
            severity: Severity::Error,
            code: "MISSING_DESCRIPTION",
            message: "The definition is empty: write a state machine in JSON.".to_owned(),
            line: 1,
            column: 1,
            snippet: String::new(),
        });
    } else if let Err(err) = serde_json::from_str::<serde_json::Value>(definition) {
        diagnostics.push(json_diagnostic(
            Source::Definition,
            "INVALID_JSON_DESCRIPTION",
            definition,
            &err,
        ));
    }
    if let Err(err) = parse_input(input) {
        diagnostics.push(json_diagnostic(
            Source::Input,
            "INVALID_EXECUTION_INPUT",
            input,
            &err,
        ));
    }
    diagnostics
}

/// Run the definition on the input.
pub fn run(definition: &str, input: &str) -> RunOutcome {
    let diagnostics = check(definition, input);
    if let Some(first) = diagnostics.first() {
        let error = match first.source {
            Source::Definition => "InvalidDefinition",
            Source::Input => "InvalidExecutionInput",
        };
        return RunOutcome::Rejected {
            error,
            message: format!(
                "{} (line {}, column {})",
                first.message, first.line, first.column
            ),
        };
    }
    RunOutcome::NotExecuted
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

fn json_diagnostic(
    source: Source,
    code: &'static str,
    text: &str,
    err: &serde_json::Error,
) -> Diagnostic {
    // serde_json reports column 0 for a position right after a newline (at end of input).
    let line = err.line().max(1);
    let column = err.column().max(1);
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let reason = full.strip_suffix(&suffix).unwrap_or(&full);
    Diagnostic {
        source,
        severity: Severity::Error,
        code,
        message: format!("Invalid JSON: {reason}."),
        line,
        column,
        snippet: snippet(text, line, column),
    }
}

/// Longest snippet shown, in characters.
const SNIPPET_CHARS: usize = 80;

/// The text of `line`, cut to about [`SNIPPET_CHARS`] characters around `column`.
fn snippet(text: &str, line: usize, column: usize) -> String {
    let Some(line_text) = text.split('\n').nth(line - 1) else {
        return String::new();
    };
    let line_text = line_text.trim_end_matches('\r');
    let chars: Vec<char> = line_text.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return line_text.to_owned();
    }
    let at = char_index(line_text, column);
    let start = at.saturating_sub(SNIPPET_CHARS / 2);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let start = end.saturating_sub(SNIPPET_CHARS);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Index in chars of the 1-based byte `column` of `line_text` (clamped to the line).
fn char_index(line_text: &str, column: usize) -> usize {
    let byte = column.saturating_sub(1).min(line_text.len());
    line_text
        .char_indices()
        .take_while(|(i, _)| *i < byte)
        .count()
}

/// Offset in UTF-16 code units (what a `<textarea>` selection uses) of a 1-based `line` and
/// byte `column` in `text`; clamped to the end of the text.
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, line_text) in text.split('\n').enumerate() {
        if index + 1 == line {
            let chars = char_index(line_text, column);
            offset += line_text
                .chars()
                .take(chars)
                .map(char::len_utf16)
                .sum::<usize>();
            return u32::try_from(offset).unwrap_or(u32::MAX);
        }
        offset += line_text.encode_utf16().count() + 1;
    }
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

    #[test]
    fn well_formed_definition_and_input_have_no_diagnostics() {
        assert_eq!(check(HELLO, r#"{"a": 1}"#), vec![]);
        assert_eq!(check(HELLO, "  \n"), vec![], "empty input means {{}}");
    }

    #[test]
    fn syntax_errors_are_located() {
        // (definition, input, expected (source, code, line, column, message, snippet))
        let cases = [
            (
                "{\n  \"StartAt\": \"A\"\n  \"States\": {}\n}",
                "{}",
                (
                    Source::Definition,
                    "INVALID_JSON_DESCRIPTION",
                    3,
                    3,
                    "Invalid JSON: expected `,` or `}`.",
                    "  \"States\": {}",
                ),
            ),
            (
                HELLO,
                "{\"a\": tru}",
                (
                    Source::Input,
                    "INVALID_EXECUTION_INPUT",
                    1,
                    10,
                    "Invalid JSON: expected ident.",
                    "{\"a\": tru}",
                ),
            ),
            (
                "<img src=x onerror=alert(1)>",
                "{}",
                (
                    Source::Definition,
                    "INVALID_JSON_DESCRIPTION",
                    1,
                    1,
                    "Invalid JSON: expected value.",
                    "<img src=x onerror=alert(1)>",
                ),
            ),
        ];
        for (definition, input, (source, code, line, column, message, snippet)) in cases {
            let got = check(definition, input);
            assert_eq!(got.len(), 1, "{definition} / {input}: {got:?}");
            let d = &got[0];
            assert_eq!(
                (
                    d.source,
                    d.code,
                    d.line,
                    d.column,
                    d.message.as_str(),
                    d.snippet.as_str()
                ),
                (source, code, line, column, message, snippet),
            );
        }
    }

    #[test]
    fn both_editors_are_reported() {
        let got = check("{", "[");
        let sources: Vec<_> = got.iter().map(|d| d.source).collect();
        assert_eq!(sources, [Source::Definition, Source::Input]);
    }

    #[test]
    fn empty_definition_is_missing() {
        let got = check(" ", "{}");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].code, "MISSING_DESCRIPTION");
    }

    #[test]
    fn run_rejects_malformed_requests_and_never_invents_results() {
        assert_eq!(
            run("{", "{}"),
            RunOutcome::Rejected {
                error: "InvalidDefinition",
                message: "Invalid JSON: EOF while parsing an object. (line 1, column 1)".to_owned()
            }
        );
        assert!(matches!(
            run(HELLO, "nope"),
            RunOutcome::Rejected {
                error: "InvalidExecutionInput",
                ..
            }
        ));
        assert_eq!(run(HELLO, "{}"), RunOutcome::NotExecuted);
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
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 3);
        // "€" is 3 bytes / 1 unit, "😀" 4 bytes / 2 units: byte column 8 is "x".
        assert_eq!(utf16_offset(text, 2, 8), 6);
        assert_eq!(utf16_offset(text, 9, 1), 8, "past the end clamps");
    }
}
