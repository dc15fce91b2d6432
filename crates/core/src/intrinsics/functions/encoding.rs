//! `States.Base64Encode` and `States.Base64Decode`.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde_json::Value;

use super::{java_len, Args, MAX_INPUT_CHARS};
use crate::intrinsics::error::IntrinsicError;

/// Standard alphabet; padding optional on input, like Java's `Base64.getDecoder()`.
const DECODER: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn checked_input<'a>(a: &'a Args, what: &str) -> Result<&'a str, IntrinsicError> {
    let s = a.string(0, what)?;
    let len = java_len(s);
    if len > MAX_INPUT_CHARS {
        return Err(IntrinsicError::failure(format!(
            "The input of {} can contain at most {MAX_INPUT_CHARS} characters, but it has {len}",
            a.function.name()
        )));
    }
    Ok(s)
}

pub(crate) fn base64_encode(a: &Args) -> Result<Value, IntrinsicError> {
    let s = checked_input(a, "string to encode")?;
    Ok(Value::String(STANDARD.encode(s.as_bytes())))
}

pub(crate) fn base64_decode(a: &Args) -> Result<Value, IntrinsicError> {
    let s = checked_input(a, "base64 string to decode")?;
    let bytes = DECODER.decode(s.as_bytes()).map_err(|e| {
        IntrinsicError::failure(format!(
            "States.Base64Decode's input is not valid base64 (standard alphabet A-Z a-z 0-9 + /): {e}"
        ))
    })?;
    // Invalid UTF-8 becomes U+FFFD, as Java's `new String(bytes, UTF_8)` does.
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}
