//! Choice states and their rules.

use super::state::PathKind;
use super::{Builder, Expected, Fields};
use crate::diagnostic::Anchor;
use crate::json::JsonNode;
use crate::model::{
    ChoiceRule, ChoiceState, Comparison, ComparisonOperand, ComparisonOperator, Condition,
    QueryLanguage,
};
use crate::validate::syntax;

impl Builder<'_, '_> {
    pub(crate) fn choice(
        &mut self,
        f: &mut Fields<'_>,
        lang: QueryLanguage,
    ) -> Option<ChoiceState> {
        f.require(self, &["Choices"]);
        let p = f.pointer.clone();
        let default = f
            .take("Default")
            .and_then(|m| self.string(m, &Self::ptr(&p, "Default")));
        let ptr = Self::ptr(&p, "Choices");
        let m = f.take("Choices")?;
        let Some(items) = m.value.as_array() else {
            self.type_error(&ptr, "Choices", Expected::NonEmptyArray, &m.value);
            return None;
        };
        if items.is_empty() {
            self.type_error(&ptr, "Choices", Expected::NonEmptyArray, &m.value);
            return None;
        }
        let mut choices = Vec::with_capacity(items.len());
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            match self.choice_rule(item, &Self::ptr(&ptr, &i.to_string()), lang, true) {
                Some(rule) => choices.push(rule),
                None => complete = false,
            }
        }
        complete.then_some(ChoiceState { choices, default })
    }

    /// One rule; `top` rules carry `Next` (and may `Assign`/`Output`), nested ones must not.
    fn choice_rule(
        &mut self,
        node: &JsonNode,
        ptr: &str,
        lang: QueryLanguage,
        top: bool,
    ) -> Option<ChoiceRule> {
        let what = if top {
            "A Choice rule"
        } else {
            "A nested Choice rule"
        };
        let mut f = Fields::of(self, node, ptr, what)?;
        let comment = self.comment(&mut f);
        let mut next = None;
        let mut assign = None;
        let mut output = None;
        if top {
            let next_ptr = Self::ptr(ptr, "Next");
            if !f.has("Next") {
                self.schema_error(
                    ptr,
                    "These fields are required: [Next]",
                    Some(
                        "every top-level Choice rule names the state to go to when it matches"
                            .into(),
                    ),
                    Anchor::Key,
                );
            }
            next = f.take("Next").and_then(|m| self.string(m, &next_ptr));
            assign = self.assign_field(&mut f, lang);
            if lang == QueryLanguage::Jsonata {
                output = self.jsonata_field(&mut f, "Output");
            }
        }
        let condition = match lang {
            QueryLanguage::Jsonata => self.jsonata_condition(&mut f, ptr),
            QueryLanguage::JsonPath => self.jsonpath_condition(&mut f, ptr),
        };
        let hint = move |k: &str| -> Option<String> {
            if !top && matches!(k, "Next" | "Assign" | "Output") {
                Some(format!(
                    "a nested rule (inside And/Or/Not) cannot have '{k}'; only top-level rules do"
                ))
            } else if lang == QueryLanguage::Jsonata
                && (k == "Variable"
                    || ComparisonOperator::from_name(k.strip_suffix("Path").unwrap_or(k)).is_some()
                    || matches!(k, "And" | "Or" | "Not"))
            {
                Some(
                    "JSONata Choice rules use \"Condition\": \"{% <boolean expression> %}\"".into(),
                )
            } else if lang == QueryLanguage::JsonPath && k == "Condition" {
                Some("'Condition' is a JSONata field; JSONPath rules use 'Variable' with a comparison operator, or And/Or/Not".into())
            } else {
                None
            }
        };
        f.finish(self, hint);
        let condition = condition?;
        if top && next.is_none() {
            return None;
        }
        Some(ChoiceRule {
            condition,
            next,
            assign,
            output,
            comment,
            pointer: ptr.to_string(),
        })
    }

    fn jsonata_condition(&mut self, f: &mut Fields<'_>, ptr: &str) -> Option<Condition> {
        f.require(self, &["Condition"]);
        let cp = Self::ptr(ptr, "Condition");
        let m = f.take("Condition")?;
        match &m.value.kind {
            crate::json::NodeKind::Bool(_) => {}
            crate::json::NodeKind::String(s) if syntax::is_jsonata_template(s) => {
                self.jsonata_string(s, &cp)
            }
            _ => {
                self.schema_error(
                    &cp,
                    "The value for the field 'Condition' must be a JSONata expression or a boolean",
                    Some("write \"Condition\": \"{% $states.input.x > 1 %}\"".into()),
                    Anchor::Value,
                );
                return None;
            }
        }
        Some(Condition::Jsonata(m.value.to_value()))
    }

    fn jsonpath_condition(&mut self, f: &mut Fields<'_>, ptr: &str) -> Option<Condition> {
        let connectives: Vec<&str> = ["And", "Or", "Not"]
            .into_iter()
            .filter(|k| f.has(k))
            .collect();
        let operators: Vec<(String, ComparisonOperator, bool)> = f
            .members()
            .iter()
            .filter_map(|m| {
                let (base, path) = match m.key.strip_suffix("Path") {
                    Some(b) => (b, true),
                    None => (m.key.as_str(), false),
                };
                let op = ComparisonOperator::from_name(base)?;
                (!path || op.has_path_variant()).then(|| (m.key.clone(), op, path))
            })
            .collect();
        let has_variable = f.has("Variable");
        let kinds = connectives.len() + usize::from(has_variable || !operators.is_empty());
        if kinds != 1 {
            let message = if kinds == 0 {
                "A Choice rule must have a comparison ('Variable' and an operator) or one of [And, Or, Not]"
            } else {
                "A Choice rule must have exactly one of a comparison, 'And', 'Or' or 'Not'"
            };
            self.schema_error(ptr, message, None, Anchor::Key);
            for k in ["And", "Or", "Not", "Variable"] {
                f.take(k);
            }
            for (k, _, _) in &operators {
                f.take(k);
            }
            return None;
        }
        if let Some(conn) = connectives.first().copied() {
            let cp = Self::ptr(ptr, conn);
            let m = f.take(conn)?;
            if conn == "Not" {
                let rule = self.choice_rule(&m.value, &cp, QueryLanguage::JsonPath, false)?;
                return Some(Condition::Not(Box::new(rule)));
            }
            let Some(items) = m.value.as_array().filter(|a| !a.is_empty()) else {
                self.type_error(&cp, conn, Expected::NonEmptyArray, &m.value);
                return None;
            };
            let mut rules = Vec::with_capacity(items.len());
            let mut complete = true;
            for (i, item) in items.iter().enumerate() {
                match self.choice_rule(
                    item,
                    &Self::ptr(&cp, &i.to_string()),
                    QueryLanguage::JsonPath,
                    false,
                ) {
                    Some(r) => rules.push(r),
                    None => complete = false,
                }
            }
            if !complete {
                return None;
            }
            return Some(if conn == "And" {
                Condition::And(rules)
            } else {
                Condition::Or(rules)
            });
        }
        // A comparison.
        let vp = Self::ptr(ptr, "Variable");
        let variable = match f.take("Variable") {
            Some(m) => {
                let v = self.string(m, &vp);
                if let Some(v) = &v {
                    self.check_path(v, &vp, "Variable", PathKind::Path);
                }
                v
            }
            None => {
                self.schema_error(
                    ptr,
                    "These fields are required: [Variable]",
                    None,
                    Anchor::Key,
                );
                None
            }
        };
        if operators.len() != 1 {
            let names: Vec<&str> = operators.iter().map(|(k, _, _)| k.as_str()).collect();
            let message = if names.is_empty() {
                "A comparison needs exactly one operator (e.g. StringEquals, NumericGreaterThan, IsPresent)".to_string()
            } else {
                format!(
                    "A comparison needs exactly one operator, found [{}]",
                    names.join(", ")
                )
            };
            self.schema_error(ptr, message, None, Anchor::Key);
            for (k, _, _) in &operators {
                f.take(k);
            }
            return None;
        }
        let (key, op, is_path) = operators.into_iter().next()?;
        let op_ptr = Self::ptr(ptr, &key);
        let m = f.take(&key)?;
        let operand = if is_path {
            let s = self.string(m, &op_ptr)?;
            self.check_path(&s, &op_ptr, &key, PathKind::Path);
            ComparisonOperand::Path(s)
        } else {
            let v = &m.value;
            let ok = if op.is_type_test() || op == ComparisonOperator::BooleanEquals {
                v.as_bool().is_some()
            } else if op.name().starts_with("Numeric") {
                v.as_number().is_some()
            } else {
                v.as_str().is_some()
            };
            if !ok {
                let expected = if op.is_type_test() || op == ComparisonOperator::BooleanEquals {
                    Expected::Boolean
                } else if op.name().starts_with("Numeric") {
                    Expected::Number
                } else {
                    Expected::String
                };
                self.type_error(&op_ptr, &key, expected, v);
                return None;
            }
            if op.name().starts_with("Timestamp") {
                if let Some(s) = v.as_str() {
                    if !syntax::is_timestamp(s) {
                        self.schema_error(
                            &op_ptr,
                            format!("The value for the field '{key}' must be a valid ISO-8601 timestamp"),
                            Some("e.g. \"2016-03-14T01:59:00Z\"".into()),
                            Anchor::Value,
                        );
                    }
                }
            }
            ComparisonOperand::Literal(v.to_value())
        };
        Some(Condition::Comparison(Comparison {
            variable: variable?,
            operator: op,
            operand,
        }))
    }
}
