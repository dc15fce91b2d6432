//! Conversions shared by the bindings: serde through serde-wasm-bindgen, and thrown errors.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a JSON-compatible JS value (plain objects, numbers, strings).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| serialization_error(&e.to_string()))
}

/// A JS value read into `T` by serde; a mismatch throws `SerializationException`.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| serialization_error(&e.to_string()))
}

/// Like [`from_js`], with `undefined` and `null` read as `T::default()`.
pub(crate) fn optional_from_js<T: DeserializeOwned + Default>(
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_null_or_undefined() {
        Ok(T::default())
    } else {
        from_js(value)
    }
}

/// Sets `target[key] = value`.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(target, &JsValue::from_str(key), value).map(|_| ())
}

/// The `SerializationException` thrown when a value does not convert.
pub(crate) fn serialization_error(message: &str) -> JsValue {
    error("SerializationException", message)
}

/// A request error as the AWS SDK throws it: an `Error` whose `name` is the exception, plus
/// `__type` (the same) and `$fault: "client"`.
pub(crate) fn error(name: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name(name);
    let value: JsValue = err.into();
    // Best effort: these properties only add detail to an error that is already complete.
    let _ = set(&value, "__type", &JsValue::from_str(name));
    let _ = set(&value, "$fault", &JsValue::from_str("client"));
    value
}
