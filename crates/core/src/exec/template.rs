//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`, …) and
//! JSONata templates (`Arguments`, `Output`, JSONata `Assign`, …), compiled once at load.
//!
//! A JSONPath template replaces every field whose name ends in `.$` with the value of its path
//! or intrinsic function (the key loses its `.$`). A JSONata template evaluates every string of
//! the form `{% … %}`, anywhere inside the value.

use super::paths::CPath;
use crate::intrinsics::Call;
use serde_json::{Map, Value};

/// A compiled template.
#[derive(Clone, Debug)]
pub enum Template {
    /// A value with nothing to evaluate inside.
    Static(Value),
    /// An object with at least one dynamic field somewhere inside.
    Object(Fields),
    /// An array with at least one dynamic element somewhere inside.
    Array(Vec<Template>),
    /// A `.$` field selecting a path (`$.x`, `$$.x`, `$var.x`).
    Path(CPath),
    /// A `.$` path field whose node the engine may move out of the state input instead of
    /// copying it: set by the compile-time analysis in `moves.rs` on a Pass state's
    /// `Parameters`; reads exactly like [`Template::Path`].
    Move(CPath),
    /// A `.$` field calling an intrinsic function.
    Intrinsic(Box<Call<CPath>>, String),
    /// A `{% … %}` JSONata expression (text without the delimiters).
    Jsonata(super::jsonata_bridge::JsonataExpr),
}

/// The fields of an object template, in document order.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Output key (without `.$`) and template of each field.
    pub list: Vec<(String, Template)>,
    /// For a JSONPath template whose output keys are unique: the output object with every
    /// key in place and the static values filled in. An evaluation clones it and fills in
    /// the dynamic fields in order, so no key is hashed per evaluation.
    pub skeleton: Option<Map<String, Value>>,
}

impl Fields {
    /// Fields of a JSONPath template (`skeleton`: build the skeleton when keys are unique)
    /// or of a JSONata one (no skeleton: undefined values drop their field).
    pub fn new(list: Vec<(String, Template)>, skeleton: bool) -> Fields {
        let mut map = Map::with_capacity(list.len());
        for (key, t) in &list {
            let value = match t {
                Template::Static(v) => v.clone(),
                _ => Value::Null,
            };
            map.insert(key.clone(), value);
        }
        let skeleton = (skeleton && map.len() == list.len()).then_some(map);
        Fields { list, skeleton }
    }
}

/// Why a template could not be compiled (the validator reports these with locations).
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateError {
    /// JSON pointer below the template's root, e.g. `/foo.$`.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl Template {
    /// Compiles a JSONPath payload template.
    pub fn compile_jsonpath(value: &Value) -> Result<Template, TemplateError> {
        compile_jsonpath_at(value, String::new())
    }

    /// Compiles a JSONata template (every `{% … %}` string is an expression).
    pub fn compile_jsonata(value: &Value) -> Result<Template, TemplateError> {
        compile_jsonata_at(value, String::new())
    }

    /// Whether the template is a constant.
    pub fn is_static(&self) -> bool {
        matches!(self, Template::Static(_))
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn compile_jsonpath_at(value: &Value, pointer: String) -> Result<Template, TemplateError> {
    match value {
        Value::Object(map) => {
            let mut fields = Vec::with_capacity(map.len());
            let mut dynamic = false;
            for (key, v) in map {
                let child_ptr = format!("{pointer}/{}", escape_pointer(key));
                if let Some(name) = key.strip_suffix(".$") {
                    let Value::String(expr) = v else {
                        return Err(TemplateError {
                            pointer: child_ptr,
                            message: format!(
                                "The value of the field '{key}' must be a JSONPath or an intrinsic \
                                 function (a string), because its name ends in '.$'"
                            ),
                        });
                    };
                    fields.push((name.to_string(), compile_dynamic(expr, &child_ptr)?));
                    dynamic = true;
                } else {
                    let t = compile_jsonpath_at(v, child_ptr)?;
                    dynamic |= !t.is_static();
                    fields.push((key.clone(), t));
                }
            }
            Ok(if dynamic {
                Template::Object(Fields::new(fields, true))
            } else {
                Template::Static(value.clone())
            })
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut dynamic = false;
            for (i, v) in items.iter().enumerate() {
                let t = compile_jsonpath_at(v, format!("{pointer}/{i}"))?;
                dynamic |= !t.is_static();
                out.push(t);
            }
            Ok(if dynamic {
                Template::Array(out)
            } else {
                Template::Static(value.clone())
            })
        }
        _ => Ok(Template::Static(value.clone())),
    }
}

/// Compiles the string value of a `.$` field: an intrinsic call or a path.
pub fn compile_dynamic(expr: &str, pointer: &str) -> Result<Template, TemplateError> {
    let trimmed = expr.trim();
    if trimmed.starts_with("States.") {
        let call = super::paths::compile_intrinsic(trimmed).map_err(|message| TemplateError {
            pointer: pointer.to_string(),
            message,
        })?;
        Ok(Template::Intrinsic(Box::new(call), trimmed.to_string()))
    } else {
        let path = CPath::compile(expr).map_err(|message| TemplateError {
            pointer: pointer.to_string(),
            message,
        })?;
        Ok(Template::Path(path))
    }
}

fn compile_jsonata_at(value: &Value, pointer: String) -> Result<Template, TemplateError> {
    match value {
        Value::String(s) => match super::jsonata_bridge::strip_delimiters(s) {
            Some(body) => super::jsonata_bridge::JsonataExpr::compile(body)
                .map(Template::Jsonata)
                .map_err(|message| TemplateError { pointer, message }),
            None => Ok(Template::Static(value.clone())),
        },
        Value::Object(map) => {
            let mut fields = Vec::with_capacity(map.len());
            let mut dynamic = false;
            for (key, v) in map {
                let t = compile_jsonata_at(v, format!("{pointer}/{}", escape_pointer(key)))?;
                dynamic |= !t.is_static();
                fields.push((key.clone(), t));
            }
            Ok(if dynamic {
                Template::Object(Fields::new(fields, false))
            } else {
                Template::Static(value.clone())
            })
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut dynamic = false;
            for (i, v) in items.iter().enumerate() {
                let t = compile_jsonata_at(v, format!("{pointer}/{i}"))?;
                dynamic |= !t.is_static();
                out.push(t);
            }
            Ok(if dynamic {
                Template::Array(out)
            } else {
                Template::Static(value.clone())
            })
        }
        _ => Ok(Template::Static(value.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn skeleton(t: &Template) -> Option<Value> {
        match t {
            Template::Object(f) => f.skeleton.clone().map(Value::Object),
            _ => None,
        }
    }

    #[test]
    fn object_skeletons_hold_every_key_in_order_and_the_static_values() {
        let table = [
            (
                json!({"a": 1, "b.$": "$.x", "c": {"d": [1]}}),
                Some(json!({"a": 1, "b": null, "c": {"d": [1]}})),
            ),
            // A nested dynamic object is evaluated, so its slot starts null.
            (
                json!({"n": {"m.$": "$.x"}, "z": "s"}),
                Some(json!({"n": null, "z": "s"})),
            ),
            // `a` and `a.$` both produce `a`: no skeleton, the fields are inserted.
            (json!({"a": 1, "a.$": "$.x"}), None),
        ];
        for (template, want) in table {
            let t = Template::compile_jsonpath(&template).unwrap();
            let got = skeleton(&t);
            assert_eq!(got, want, "{template}");
            if let (Some(Value::Object(got)), Template::Object(f)) = (got, &t) {
                let keys: Vec<&String> = f.list.iter().map(|(k, _)| k).collect();
                assert_eq!(got.keys().collect::<Vec<_>>(), keys, "{template}");
            }
        }
        // JSONata objects drop undefined fields: no skeleton.
        let t = Template::compile_jsonata(&json!({"a": "{% $x %}"})).unwrap();
        assert_eq!(skeleton(&t), None);
    }
}
