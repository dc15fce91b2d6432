//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`, …) and
//! JSONata templates (`Arguments`, `Output`, JSONata `Assign`, …), compiled once at load.
//!
//! A JSONPath template replaces every field whose name ends in `.$` with the value of its path
//! or intrinsic function (the key loses its `.$`). A JSONata template evaluates every string of
//! the form `{% … %}`, anywhere inside the value.

use super::paths::CPath;
use crate::intrinsics::Call;
use serde_json::Value;

/// A compiled template.
#[derive(Clone, Debug)]
pub enum Template {
    /// A value with nothing to evaluate inside.
    Static(Value),
    /// An object with at least one dynamic field somewhere inside.
    Object(Vec<(String, Template)>),
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
                Template::Object(fields)
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
                Template::Object(fields)
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
