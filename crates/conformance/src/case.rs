//! The case format.

use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One recorded case.
#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    /// Unique, stable id (LocalStack test id).
    pub id: String,
    /// `execution`, `create_error` or `validate`.
    pub kind: String,
    /// The definition as an object.
    #[serde(default)]
    pub definition: Value,
    /// The exact definition text sent to AWS (prefer this one).
    #[serde(default)]
    pub definition_text: Option<String>,
    /// The exact execution input text.
    #[serde(default)]
    pub input: Option<String>,
    /// What AWS answered.
    #[serde(default)]
    pub expected: Expected,
    /// Regexes of placeholder tokens inside recorded strings.
    #[serde(default)]
    pub placeholder_patterns: Vec<String>,
    /// Event types of the recorded history, in order.
    #[serde(default)]
    pub history: Option<Vec<String>>,
    /// Feature tags.
    #[serde(default)]
    pub features: Vec<String>,
    /// `STANDARD` or `EXPRESS` (the type it was recorded with).
    #[serde(default)]
    pub state_machine_type: Option<String>,
    /// Longest wait in the machine.
    #[serde(default)]
    pub max_wait_seconds: Option<f64>,
    /// Whether the input holds timestamps relative to the extraction date.
    #[serde(default)]
    pub input_generated_at_extraction: bool,
}

impl Case {
    /// The definition text: `definition_text`, else the serialized `definition`.
    pub fn definition_text(&self) -> String {
        match &self.definition_text {
            Some(t) => t.clone(),
            None => self.definition.to_string(),
        }
    }

    /// The input text (`{}` when absent).
    pub fn input_text(&self) -> &str {
        self.input.as_deref().unwrap_or("{}")
    }

    /// Whether the case was recorded on an Express machine.
    pub fn is_express(&self) -> bool {
        self.state_machine_type.as_deref() == Some("EXPRESS")
    }

    /// The placeholder matcher of this case.
    pub fn placeholders(&self) -> Placeholders {
        crate::Placeholders::new(&self.placeholder_patterns)
    }
}

use crate::Placeholders;

/// The recorded answer; which fields are set depends on the kind.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Expected {
    /// Execution status (`SUCCEEDED`, `FAILED`, `TIMED_OUT`).
    #[serde(default)]
    pub status: Option<String>,
    /// Output JSON text.
    #[serde(default)]
    pub output: Option<String>,
    /// Error name.
    #[serde(default)]
    pub error: Option<String>,
    /// Cause text.
    #[serde(default)]
    pub cause: Option<String>,
    /// Which of status/output/error/cause were recorded.
    #[serde(default)]
    pub compare: Option<Vec<String>>,
    /// Whether the output holds placeholders.
    #[serde(default)]
    pub output_has_placeholders: bool,
    /// JSON pointers whose values are placeholders.
    #[serde(default)]
    pub output_placeholder_paths: Vec<String>,
    /// Whether the error holds placeholders.
    #[serde(default)]
    pub error_has_placeholders: bool,
    /// Whether the cause holds placeholders.
    #[serde(default)]
    pub cause_has_placeholders: bool,
    /// `create_error`: AWS's message.
    #[serde(default)]
    pub create_error: Option<String>,
    /// `create_error`: the error code (`InvalidDefinition`).
    #[serde(default)]
    pub create_error_code: Option<String>,
    /// `validate`: `OK` or `FAIL`.
    #[serde(default)]
    pub validate_result: Option<String>,
    /// `validate`: the diagnostics (`severity`, `code`, `location`, `message`).
    #[serde(default)]
    pub diagnostics: Vec<Value>,
}

/// Where the corpus is: `$ASLPLAY_CONFORMANCE_CASES`, else
/// `<workspace root>/../shared/conformance/cases.jsonl`, else the first
/// `shared/conformance/cases.jsonl` beside an ancestor of the workspace (for git worktrees
/// nested deeper than the main checkout).
pub fn cases_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ASLPLAY_CONFORMANCE_CASES") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let default = root.join("../shared/conformance/cases.jsonl");
    if default.exists() {
        return default;
    }
    root.ancestors()
        .map(|a| a.join("shared/conformance/cases.jsonl"))
        .find(|p| p.exists())
        .unwrap_or(default)
}

/// Reads every case of a JSON-lines file (blank lines skipped).
pub fn load_cases(path: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}
