//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`), JSONata-valued fields,
//! `Assign`, and the Pass `Result`.

use super::state::PathKind;
use super::{Builder, Expected};
use crate::diagnostic::{Anchor, DiagnosticCode};
use crate::json::{JsonNode, NodeKind};
use crate::model::QueryLanguage;
use crate::validate::syntax;

impl Builder<'_, '_> {
    /// A JSONPath payload template: `.$` fields hold paths or intrinsic calls; no two fields may
    /// have the same name after dropping `.$`.
    pub(crate) fn payload_template(&mut self, node: &JsonNode, ptr: &str) {
        match &node.kind {
            NodeKind::Object(members) => {
                let mut seen: Vec<&str> = Vec::new();
                for m in members {
                    let mp = Self::ptr(ptr, &m.key);
                    let base = m.key.strip_suffix(".$").unwrap_or(&m.key);
                    if seen.contains(&base) {
                        let d = crate::diagnostic::Diagnostic::new(
                            DiagnosticCode::SchemaValidationFailed,
                            Some(ptr.to_string()),
                            format!("The field \"{base}\" is defined more than once"),
                        )
                        .with_help(format!(
                            "'{base}' and '{base}.$' name the same output field; keep one"
                        ));
                        self.ok = false;
                        self.sink.push_at(d, Some(m.key_span));
                    } else {
                        seen.push(base);
                    }
                    if m.key.ends_with(".$") {
                        match m.value.as_str() {
                            Some(s) => self.check_path(s, &mp, &m.key, PathKind::PathOrIntrinsic),
                            None => self.schema_error(
                                &mp,
                                format!("The value for the field '{}' must be a STRING that contains a JSONPath or intrinsic function", m.key),
                                Some(format!("found {}; fields ending in '.$' are evaluated, drop the '.$' for a literal", m.value.type_name())),
                                Anchor::Value,
                            ),
                        }
                    } else {
                        if let Some(s) = m.value.as_str() {
                            if syntax::looks_like_path(s) || syntax::looks_like_intrinsic(s) {
                                self.warning(
                                    DiagnosticCode::NoDollar,
                                    &mp,
                                    format!("The value of the field '{}' looks like a JSONPath or intrinsic function, but the field name does not end with '.$'", m.key),
                                    Some(format!("rename the field to '{}.$' to evaluate it; as written it is the literal string", m.key)),
                                );
                            }
                        }
                        self.payload_template(&m.value, &mp);
                    }
                }
            }
            NodeKind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.payload_template(item, &Self::ptr(ptr, &i.to_string()));
                }
            }
            _ => {}
        }
    }

    /// A JSONata-valued field: every `{% … %}` string inside must be a valid expression.
    pub(crate) fn jsonata_value(&mut self, node: &JsonNode, ptr: &str) {
        match &node.kind {
            NodeKind::String(s) if syntax::is_jsonata_template(s) => self.jsonata_string(s, ptr),
            NodeKind::Object(members) => {
                for m in members {
                    self.jsonata_value(&m.value, &Self::ptr(ptr, &m.key));
                }
            }
            NodeKind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.jsonata_value(item, &Self::ptr(ptr, &i.to_string()));
                }
            }
            _ => {}
        }
    }

    /// `Assign`: an object whose keys are variable names.
    pub(crate) fn assign(&mut self, node: &JsonNode, ptr: &str, lang: QueryLanguage) {
        let Some(members) = node.as_object() else {
            self.type_error(ptr, "Assign", Expected::Object, node);
            return;
        };
        for m in members {
            let name = match lang {
                QueryLanguage::JsonPath => m.key.strip_suffix(".$").unwrap_or(&m.key),
                QueryLanguage::Jsonata => m.key.as_str(),
            };
            if let Err(why) = syntax::check_variable_name(name) {
                let d = crate::diagnostic::Diagnostic::new(
                    DiagnosticCode::SchemaValidationFailed,
                    Some(Self::ptr(ptr, &m.key)),
                    format!("The variable name '{name}' is invalid"),
                )
                .with_help(why);
                self.ok = false;
                self.sink.push_at(d, Some(m.key_span));
            }
        }
        match lang {
            QueryLanguage::JsonPath => self.payload_template(node, ptr),
            QueryLanguage::Jsonata => self.jsonata_value(node, ptr),
        }
    }

    /// The Pass `Result`: static; `.$` fields inside are not evaluated (warning).
    pub(crate) fn static_result(&mut self, node: &JsonNode, ptr: &str) {
        match &node.kind {
            NodeKind::Object(members) => {
                for m in members {
                    let mp = Self::ptr(ptr, &m.key);
                    if m.key.ends_with(".$") {
                        self.warning(
                            DiagnosticCode::PassResultIsStatic,
                            &mp,
                            format!("The field '{}' in 'Result' ends with '.$', but 'Result' is static and is not evaluated", m.key),
                            Some("use 'Parameters' to build a value from the input".into()),
                        );
                    }
                    self.static_result(&m.value, &mp);
                }
            }
            NodeKind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.static_result(item, &Self::ptr(ptr, &i.to_string()));
                }
            }
            _ => {}
        }
    }
}
