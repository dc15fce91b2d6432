//! The top-level machine and nested machines (Parallel branches, Map item processors).

use super::{Builder, Expected, Fields};
use crate::diagnostic::Anchor;
use crate::json::{JsonNode, NodeKind};
use crate::model::{QueryLanguage, StateMachine};
use indexmap::IndexMap;

/// Top-level `TimeoutSeconds` maximum (AWS: 99999999).
pub(crate) const MAX_SECONDS: u64 = 99_999_999;

impl Builder<'_, '_> {
    /// The whole definition.
    pub(crate) fn top_machine(&mut self, root: &JsonNode) -> Option<StateMachine> {
        let mut f = Fields::of(self, root, "", "The state machine definition")?;
        let query_language = f
            .take("QueryLanguage")
            .and_then(|m| self.query_language(m, "/QueryLanguage"));
        self.top_jsonata = query_language == Some(QueryLanguage::Jsonata);
        let lang = query_language.unwrap_or_default();
        let comment = self.comment(&mut f);
        let version = f.take("Version").and_then(|m| self.string(m, "/Version"));
        let timeout_seconds = f
            .take("TimeoutSeconds")
            .and_then(|m| self.uint(m, "/TimeoutSeconds", 1, MAX_SECONDS));
        let body = self.machine_body(&mut f, lang, true);
        f.finish(self, |_| None);
        let (start_at, states) = body?;
        Some(StateMachine {
            comment,
            start_at,
            states,
            version,
            timeout_seconds,
            query_language,
            effective_query_language: lang,
            pointer: String::new(),
        })
    }

    /// A Parallel branch or Map item processor: `StartAt`, `States`, `Comment` (and, for item
    /// processors, `ProcessorConfig`, read by the caller before).
    pub(crate) fn nested_machine(
        &mut self,
        f: &mut Fields<'_>,
        lang: QueryLanguage,
    ) -> Option<StateMachine> {
        let comment = self.comment(f);
        let pointer = f.pointer.clone();
        let (start_at, states) = self.machine_body(f, lang, false)?;
        Some(StateMachine {
            comment,
            start_at,
            states,
            version: None,
            timeout_seconds: None,
            query_language: None,
            effective_query_language: lang,
            pointer,
        })
    }

    /// `Comment` of any object.
    pub(crate) fn comment(&mut self, f: &mut Fields<'_>) -> Option<String> {
        let ptr = Self::ptr(&f.pointer, "Comment");
        f.take("Comment").and_then(|m| self.string(m, &ptr))
    }

    /// `QueryLanguage`: `JSONPath` or `JSONata`.
    pub(crate) fn query_language(
        &mut self,
        m: &crate::json::Member,
        pointer: &str,
    ) -> Option<QueryLanguage> {
        let s = self.string(m, pointer)?;
        match s.as_str() {
            "JSONPath" => Some(QueryLanguage::JsonPath),
            "JSONata" => Some(QueryLanguage::Jsonata),
            _ => {
                self.schema_error(
                    pointer,
                    format!("The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata], but was '{s}'"),
                    None,
                    Anchor::Value,
                );
                None
            }
        }
    }

    /// `StartAt` and `States`.
    fn machine_body(
        &mut self,
        f: &mut Fields<'_>,
        lang: QueryLanguage,
        top: bool,
    ) -> Option<(String, IndexMap<String, crate::model::State>)> {
        let _ = top;
        f.require(self, &["States", "StartAt"]);
        let start_ptr = Self::ptr(&f.pointer, "StartAt");
        let start_at = f.take("StartAt").and_then(|m| self.string(m, &start_ptr));
        let states_ptr = Self::ptr(&f.pointer, "States");
        let states = f
            .take("States")
            .and_then(|m| self.states(&m.value, &states_ptr, lang));
        Some((start_at?, states?))
    }

    /// The `States` object.
    fn states(
        &mut self,
        node: &JsonNode,
        pointer: &str,
        lang: QueryLanguage,
    ) -> Option<IndexMap<String, crate::model::State>> {
        let NodeKind::Object(members) = &node.kind else {
            self.type_error(pointer, "States", Expected::Object, node);
            return None;
        };
        if members.is_empty() {
            self.schema_error(
                pointer,
                "The field 'States' must contain at least one state",
                None,
                Anchor::Value,
            );
            return None;
        }
        let mut states = IndexMap::with_capacity(members.len());
        let mut complete = true;
        for m in members {
            let ptr = Self::ptr(pointer, &m.key);
            match self.state(&m.key, &m.value, &ptr, lang) {
                Some(state) => {
                    if states.contains_key(&m.key) {
                        // Names across scopes are checked by the validator; this is the same
                        // key twice in one `States` object, which a JSON reader would merge.
                        let d = crate::diagnostic::Diagnostic::new(
                            crate::diagnostic::DiagnosticCode::DuplicateStateName,
                            Some(ptr.clone()),
                            format!("Duplicate State name: {}", m.key),
                        )
                        .with_help("this States object defines the name twice; rename one");
                        self.ok = false;
                        self.sink.push_at(d, Some(m.key_span));
                    } else {
                        states.insert(m.key.clone(), state);
                    }
                }
                None => complete = false,
            }
        }
        complete.then_some(states)
    }
}
