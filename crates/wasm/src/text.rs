//! A JS string into a Rust `String` with one native `TextEncoder.encodeInto` into wasm memory.
//!
//! wasm-bindgen's own conversion copies a string's leading ASCII a UTF-16 unit at a time in a
//! JS loop before it hands the rest to the encoder: for the 11 KB input of the dataflow
//! benchmark that loop was 5 % of a run. The execution input, the one large string of a
//! request, is read here instead when it is long (a short one costs more calls than it
//! saves). Lone surrogates become U+FFFD, as with wasm-bindgen.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen(inline_js = r#"
const encoder = new TextEncoder();
export function textLength(s) { return typeof s === "string" ? s.length : -1; }
export function encodeInto(s, memory, at, capacity) {
  return encoder.encodeInto(s, new Uint8Array(memory.buffer, at, capacity)).written;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = textLength)]
    fn text_length(s: &JsValue) -> i32;

    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(s: &JsValue, memory: &JsValue, at: u32, capacity: u32) -> u32;
}

/// Strings shorter than this (in UTF-16 units) go through wasm-bindgen's conversion.
const LONG: usize = 512;

/// `s` as UTF-8 if it is a JS string.
pub(crate) fn string_from_js(s: &JsValue) -> Option<String> {
    let units = usize::try_from(text_length(s)).ok()?;
    // A UTF-16 unit takes at most three bytes in UTF-8 (a surrogate pair, two units, four).
    let capacity = units.saturating_mul(3);
    let capacity32 = match u32::try_from(capacity) {
        Ok(c) if units >= LONG => c,
        _ => return s.as_string(),
    };
    let mut bytes = vec![0u8; capacity];
    // The encoder writes into `bytes` through a view of wasm memory at its address.
    let at = bytes.as_mut_ptr() as usize as u32;
    let written = encode_into(s, &wasm_bindgen::memory(), at, capacity32) as usize;
    bytes.truncate(written);
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn reads_strings_as_wasm_bindgen_does() {
        let pad = "x".repeat(LONG);
        for text in [
            "",
            "a",
            "{\"k\": [1, 2.5, null]}",
            "日本語 ü é",
            "😀 pairs 😀😀",
        ] {
            // Short (wasm-bindgen's conversion) and long (the encoder), at both ends.
            for text in [
                text.to_string(),
                format!("{pad}{text}"),
                format!("{text}{pad}"),
            ] {
                let js = JsValue::from_str(&text);
                assert_eq!(string_from_js(&js).as_deref(), Some(text.as_str()));
            }
        }
        // Lone surrogates, alone and next to ASCII and pairs: U+FFFD, like wasm-bindgen.
        for expr in [r#""\uD800""#, r#""a\uDC00b""#, r#""\uD83D\uDE00\uD800x""#] {
            for expr in [expr.to_string(), format!("{expr} + \"{pad}\"")] {
                let js = js_sys::eval(&expr).unwrap_or_default();
                assert_eq!(string_from_js(&js), js.as_string(), "{expr}");
            }
        }
        for not_text in ["1", "null", "undefined", "({})"] {
            let js = js_sys::eval(not_text).unwrap_or_default();
            assert_eq!(string_from_js(&js), None, "{not_text}");
        }
    }
}
