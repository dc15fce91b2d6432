//! Diagnostics in the shape of AWS's `ValidateStateMachineDefinition` response, plus a source
//! span for editors.

use crate::json::{JsonNode, LineCol, SourceMap};
use crate::model::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `ERROR` (the definition cannot be created) or `WARNING`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// The definition would be rejected.
    Error,
    /// Probably a mistake, but accepted.
    Warning,
}

/// A diagnostic code, as AWS names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DiagnosticCode {
    /// JSON syntax problem.
    InvalidJsonDescription,
    /// Empty definition.
    MissingDescription,
    /// Schema problem: missing/unknown fields, bad types or values.
    SchemaValidationFailed,
    /// A `Next`/`Default` names no state in scope, or a state is unreachable.
    MissingTransitionTarget,
    /// No terminal state.
    MissingEndState,
    /// The same state name appears more than once.
    DuplicateStateName,
    /// A state name is too long or otherwise invalid.
    InvalidStateName,
    /// States nested too deeply.
    TooDeeplyNested,
    /// A Task resource is invalid.
    InvalidResource,
    /// A Map `Label` is used twice.
    DuplicateLabelName,
    /// A Map `Label` is invalid.
    InvalidLabelName,
    /// A JSONata expression does not parse.
    InvalidJsonataExpression,
    /// A JSONata feature Step Functions does not support.
    UnsupportedJsonataExpression,
    /// Warning: a field looks like a path but has no `.$`.
    NoDollar,
    /// Warning: a field looks like a path but its name does not end with `Path`.
    NoPath,
    /// Warning: a Pass `Result` contains path-like fields, which are not evaluated.
    PassResultIsStatic,
}

impl DiagnosticCode {
    /// The code as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidJsonDescription => "INVALID_JSON_DESCRIPTION",
            Self::MissingDescription => "MISSING_DESCRIPTION",
            Self::SchemaValidationFailed => "SCHEMA_VALIDATION_FAILED",
            Self::MissingTransitionTarget => "MISSING_TRANSITION_TARGET",
            Self::MissingEndState => "MISSING_END_STATE",
            Self::DuplicateStateName => "DUPLICATE_STATE_NAME",
            Self::InvalidStateName => "INVALID_STATE_NAME",
            Self::TooDeeplyNested => "TOO_DEEPLY_NESTED",
            Self::InvalidResource => "INVALID_RESOURCE",
            Self::DuplicateLabelName => "DUPLICATE_LABEL_NAME",
            Self::InvalidLabelName => "INVALID_LABEL_NAME",
            Self::InvalidJsonataExpression => "INVALID_JSONATA_EXPRESSION",
            Self::UnsupportedJsonataExpression => "UNSUPPORTED_JSONATA_EXPRESSION",
            Self::NoDollar => "NO_DOLLAR",
            Self::NoPath => "NO_PATH",
            Self::PassResultIsStatic => "PASS_RESULT_IS_STATIC",
        }
    }

    /// The severity diagnostics with this code have.
    pub fn severity(self) -> Severity {
        match self {
            Self::NoDollar | Self::NoPath | Self::PassResultIsStatic => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a diagnostic is in the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start` in characters.
    pub column: usize,
    /// 1-based column of `start` in UTF-16 code units.
    pub column_utf16: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end` in characters.
    pub end_column: usize,
    /// 1-based column of `end` in UTF-16 code units.
    pub end_column_utf16: usize,
}

impl SourceSpan {
    /// Resolves a byte span against a source map.
    pub fn from_span(span: Span, map: &SourceMap) -> Self {
        let a: LineCol = map.line_col(span.start);
        let b: LineCol = map.line_col(span.end.max(span.start));
        Self {
            start: span.start,
            end: span.end.max(span.start),
            line: a.line,
            column: a.column,
            column_utf16: a.column_utf16,
            end_line: b.line,
            end_column: b.column,
            end_column_utf16: b.column_utf16,
        }
    }

    /// The byte range.
    pub fn bytes(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One finding. Serializes like AWS's `ValidateStateMachineDefinitionDiagnostic`
/// (`severity`, `code`, `message`, `location`) plus `span` and `help` for editors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `ERROR` or `WARNING`.
    pub severity: Severity,
    /// The code.
    pub code: DiagnosticCode,
    /// AWS-style message.
    pub message: String,
    /// JSON pointer in AWS's style (`/States/Foo/Next`, `/` for the root); absent when AWS
    /// gives none (e.g. `MISSING_END_STATE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Where in the text (not part of AWS's response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<SourceSpan>,
    /// What would be valid (not part of AWS's response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's severity, at `location`.
    pub fn new(code: DiagnosticCode, location: Option<String>, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            message: message.into(),
            location,
            span: None,
            help: None,
        }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `CODE: message at location`, the way `CreateStateMachine` quotes a diagnostic.
    pub fn aws_text(&self) -> String {
        match &self.location {
            Some(loc) => format!("{}: {} at {}", self.code, self.message, loc),
            None => format!("{}: {} at null", self.code, self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.aws_text())
    }
}

/// Collects diagnostics while reading a definition; resolves spans against the source.
#[derive(Debug)]
pub struct DiagnosticSink<'a> {
    map: &'a SourceMap,
    root: Option<&'a JsonNode>,
    diagnostics: Vec<Diagnostic>,
}

/// Which part of a member a diagnostic points at when it is located by pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The value.
    Value,
    /// The key (falls back to the value for array elements and the root).
    Key,
}

impl<'a> DiagnosticSink<'a> {
    /// A sink for the text indexed by `map`, whose tree is `root` (if it parsed).
    pub fn new(map: &'a SourceMap, root: Option<&'a JsonNode>) -> Self {
        Self {
            map,
            root,
            diagnostics: Vec::new(),
        }
    }

    /// Records a diagnostic at an explicit byte span.
    pub fn push_at(&mut self, mut d: Diagnostic, span: Option<Span>) {
        if d.span.is_none() {
            d.span = span.map(|s| SourceSpan::from_span(s, self.map));
        }
        self.diagnostics.push(d);
    }

    /// Records a diagnostic, locating its span from its `location` pointer.
    pub fn push(&mut self, d: Diagnostic, anchor: Anchor) {
        let span = d.location.as_deref().and_then(|p| self.span_of(p, anchor));
        self.push_at(d, span);
    }

    /// The span of the node at `pointer` (or of its key).
    pub fn span_of(&self, pointer: &str, anchor: Anchor) -> Option<Span> {
        let (key, node) = self.root?.lookup(pointer)?;
        match anchor {
            Anchor::Key => Some(key.unwrap_or(node.span)),
            Anchor::Value => Some(node.span),
        }
    }

    /// The source map.
    pub fn source_map(&self) -> &SourceMap {
        self.map
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics recorded so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// All diagnostics, in the order recorded.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
