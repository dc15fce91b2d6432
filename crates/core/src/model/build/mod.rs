//! Builds the typed model from the span tree, collecting every schema problem as a
//! diagnostic (it never stops at the first).

mod choice;
mod fields;
mod machine;
mod map;
mod payload;
mod state;

use crate::diagnostic::{Anchor, Diagnostic, DiagnosticCode, DiagnosticSink};
use crate::json::{join_pointer, JsonNode, Member, NodeKind};
use crate::model::{IntOrExpr, QueryLanguage, StateMachine};

pub(crate) use fields::Fields;

/// Reads `root` (the parsed definition) into a [`StateMachine`], reporting schema problems to
/// `sink`. Returns `None` when the shape is too broken to build a model (a state, `StartAt` or
/// `States` unusable; the sink then holds at least one error). A returned model may still come
/// with errors (an unknown field, a bad value of an optional field, ...).
pub fn build_machine(root: &JsonNode, sink: &mut DiagnosticSink<'_>) -> Option<StateMachine> {
    let mut b = Builder {
        sink,
        top_jsonata: false,
        ok: true,
    };
    b.top_machine(root)
}

/// Shared state of one build.
pub(crate) struct Builder<'s, 'a> {
    pub(crate) sink: &'s mut DiagnosticSink<'a>,
    /// Whether the whole machine declares `QueryLanguage: JSONata`.
    pub(crate) top_jsonata: bool,
    /// False once any error was reported.
    pub(crate) ok: bool,
}

/// What JSON type a field must have, for messages.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Expected {
    String,
    Boolean,
    Object,
    Array,
    NonEmptyArray,
    Integer,
    Number,
    StringOrNull,
}

impl Expected {
    fn phrase(self) -> &'static str {
        match self {
            Expected::String => "a string",
            Expected::Boolean => "a boolean",
            Expected::Object => "an object",
            Expected::Array => "an array",
            Expected::NonEmptyArray => "a non-empty array",
            Expected::Integer => "an integer",
            Expected::Number => "a number",
            Expected::StringOrNull => "a string or null",
        }
    }
}

impl Builder<'_, '_> {
    /// Reports a SCHEMA_VALIDATION_FAILED error at `location`, pointing at `span_ptr`.
    pub(crate) fn schema_error(
        &mut self,
        location: &str,
        message: impl Into<String>,
        help: Option<String>,
        anchor: Anchor,
    ) {
        self.error(
            DiagnosticCode::SchemaValidationFailed,
            location,
            message,
            help,
            anchor,
        );
    }

    /// Reports an error with `code` at `location`.
    pub(crate) fn error(
        &mut self,
        code: DiagnosticCode,
        location: &str,
        message: impl Into<String>,
        help: Option<String>,
        anchor: Anchor,
    ) {
        let mut d = Diagnostic::new(code, Some(aws_location(location)), message);
        d.help = help;
        if d.is_error() {
            self.ok = false;
        }
        let span = self.sink.span_of(location, anchor);
        self.sink.push_at(d, span);
    }

    /// Reports a wrongly typed field value.
    pub(crate) fn type_error(
        &mut self,
        pointer: &str,
        field: &str,
        expected: Expected,
        got: &JsonNode,
    ) {
        self.schema_error(
            pointer,
            format!(
                "The value for the field '{field}' must be {}",
                expected.phrase()
            ),
            Some(match got.as_array() {
                Some([]) => "found an empty array".to_string(),
                _ => format!("found {}", got.type_name()),
            }),
            Anchor::Value,
        );
    }

    /// A string field; reports a type error otherwise.
    pub(crate) fn string(&mut self, m: &Member, pointer: &str) -> Option<String> {
        match &m.value.kind {
            NodeKind::String(s) => Some(s.clone()),
            _ => {
                self.type_error(pointer, &m.key, Expected::String, &m.value);
                None
            }
        }
    }

    /// A boolean field.
    pub(crate) fn boolean(&mut self, m: &Member, pointer: &str) -> Option<bool> {
        match m.value.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.type_error(pointer, &m.key, Expected::Boolean, &m.value);
                None
            }
        }
    }

    /// A path field that may be `null` (`InputPath`, `OutputPath`, `ResultPath`).
    pub(crate) fn nullable_string(&mut self, m: &Member, pointer: &str) -> Option<Option<String>> {
        match &m.value.kind {
            NodeKind::Null => Some(None),
            NodeKind::String(s) => Some(Some(s.clone())),
            _ => {
                self.type_error(pointer, &m.key, Expected::StringOrNull, &m.value);
                None
            }
        }
    }

    /// A non-negative integer in `min..=max`.
    pub(crate) fn uint(&mut self, m: &Member, pointer: &str, min: u64, max: u64) -> Option<u64> {
        let n = match m.value.as_number() {
            Some(n) => n,
            None => {
                self.type_error(pointer, &m.key, Expected::Integer, &m.value);
                return None;
            }
        };
        let value = n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u64::MAX as f64)
                .map(|f| f as u64)
        });
        match value {
            Some(v) if v >= min && v <= max => Some(v),
            _ => {
                self.range_error(pointer, &m.key, min, max, n.to_string());
                None
            }
        }
    }

    fn range_error(&mut self, pointer: &str, field: &str, min: u64, max: u64, got: String) {
        let message = if min == 0 {
            format!("The value for the field '{field}' must be a non-negative integer")
        } else if min == 1 {
            format!("The value for the field '{field}' must be a positive integer")
        } else {
            format!("The value for the field '{field}' must be an integer of at least {min}")
        };
        self.schema_error(
            pointer,
            message,
            Some(format!("found {got}; valid values are {min} to {max}")),
            Anchor::Value,
        );
    }

    /// An integer in `min..=max`, or (in JSONata states) a `{% … %}` expression.
    pub(crate) fn int_or_expr(
        &mut self,
        m: &Member,
        pointer: &str,
        lang: QueryLanguage,
        min: u64,
        max: u64,
    ) -> Option<IntOrExpr> {
        if let (QueryLanguage::Jsonata, Some(s)) = (lang, m.value.as_str()) {
            if crate::validate::syntax::is_jsonata_template(s) {
                self.jsonata_string(s, pointer);
                return Some(IntOrExpr::Expr(s.to_string()));
            }
        }
        let v = self.uint(m, pointer, min, max)?;
        Some(IntOrExpr::Int(i64::try_from(v).unwrap_or(i64::MAX)))
    }

    /// Checks a `{% … %}` string's expression.
    pub(crate) fn jsonata_string(&mut self, s: &str, pointer: &str) {
        if let Err(e) = crate::validate::syntax::check_jsonata_template(s) {
            self.error(e.code, pointer, e.message, e.help, Anchor::Value);
        }
    }

    /// A JSON pointer to `field` under `base`.
    pub(crate) fn ptr(base: &str, field: &str) -> String {
        join_pointer(base, field)
    }
}

/// AWS writes the root as `/`.
pub(crate) fn aws_location(pointer: &str) -> String {
    if pointer.is_empty() {
        "/".to_string()
    } else {
        pointer.to_string()
    }
}
